// The middle pane: the article list of the current view (newest first), search results, the search box,
// and moving through the list (j/k).
import { api } from './api.js';
import { byId, h, replaceChildren } from './dom.js';
import { PAGE } from './article-merge.js';
import { categoryArticles } from './category-articles.js';
import { folderArticles } from './folder-articles.js';
import { formatShortDate } from './format.js';
import { t } from './i18n.js';
import { showError } from './notice.js';
import { findSource } from './sources.js';
import { emit, on, sameId, setView, state } from './state.js';

let generation = 0;

/** How many articles the list asks for: one page more each time "Show more" is pressed. */
function wanted() {
  return PAGE * state.pages;
}

function fetchView(view) {
  const limit = wanted();
  switch (view.type) {
    case 'bookmarks': return api.articles.list({ bookmarked: true, limit });
    case 'source': return api.articles.list({ source: view.id, limit });
    case 'folder': return folderArticles(state.sources, view.path, limit);
    case 'search': return api.search(view.query, limit);
    case 'category': return categoryArticles(view.name, limit);
    case 'publisher': return api.articles.list({ publisher: view.name, limit });
    default: return api.articles.list({ limit });
  }
}

/** Reloads the list for the current view; answers to an older view are dropped. */
export async function loadArticles() {
  const mine = ++generation;
  const view = state.view;
  let articles;
  try {
    articles = await fetchView(view);
  } catch (err) {
    if (mine === generation) showError(err);
    return;
  }
  if (mine !== generation) return;
  state.articles = Array.isArray(articles) ? articles : [];
  renderHeading(view);
  renderList(view);
  emit('articles', state.articles);
}

function renderHeading(view) {
  let text;
  if (view.type === 'source') text = findSource(view.id)?.title ?? '';
  else if (view.type === 'folder') text = t('list.heading.folder', { path: view.path.join(t('list.folderSeparator')) });
  else if (view.type === 'search') text = t('list.heading.search', { query: view.query });
  else if (view.type === 'category') text = t('list.heading.category', { name: view.name });
  else if (view.type === 'publisher') text = t('list.heading.publisher', { name: view.name });
  else text = t(view.type === 'bookmarks' ? 'list.heading.bookmarks' : 'list.heading.all');
  byId('list-heading').textContent = text;
  byId('list-heading').dataset.view = view.type;
  byId('search-clear').hidden = view.type !== 'search';
}

function emptyText(view) {
  if (view.type === 'search') return t('list.emptySearch', { query: view.query });
  return t(view.type === 'bookmarks' ? 'list.emptyBookmarks' : 'list.empty');
}

function renderList(view) {
  const list = byId('articles');
  if (!state.articles.length) {
    replaceChildren(list, h('li', { class: 'empty', text: emptyText(view) }));
    return;
  }
  const items = state.articles.map((article) => articleItem(article, view.type === 'search'));
  // A full list may have more behind it.
  if (state.articles.length >= wanted()) items.push(moreItem());
  replaceChildren(list, items);
}

function moreItem() {
  const button = h('button', { id: 'articles-more', type: 'button', class: 'link-button', text: t('list.more') });
  button.addEventListener('click', () => {
    state.pages += 1;
    loadArticles();
  });
  return h('li', { class: 'more' }, button);
}

function articleItem(article, withExcerpt) {
  const li = h('li', { class: 'article', tabindex: '0', dataset: { articleId: String(article.id) } },
    h('span', { class: 'dot', title: t('list.unread'), 'aria-hidden': 'true' }),
    h('span', { class: 'item-title', text: article.title || article.excerpt || '—' }),
    h('span', { class: 'item-meta' },
      h('span', { class: 'item-source', text: article.source_title || '' }),
      h('time', { class: 'item-date', datetime: article.published, text: formatShortDate(article.published) })),
    h('span', { class: 'item-marks' },
      h('span', { class: 'star', title: t('list.bookmarked'), text: '★' }),
      h('span', { class: 'item-reaction' })),
    withExcerpt && article.excerpt ? h('span', { class: 'item-excerpt', text: article.excerpt }) : null,
  );
  paintState(li, article);
  li.addEventListener('click', () => emit('open', article.id));
  li.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') emit('open', article.id);
  });
  return li;
}

/** Reflects read/bookmarked/reaction/selection of one summary onto its list item. */
function paintState(li, article) {
  li.classList.toggle('unread', !article.read);
  li.classList.toggle('bookmarked', Boolean(article.bookmarked));
  li.classList.toggle('selected', sameId(state.current?.id, article.id));
  li.dataset.reaction = article.reaction || '';
  li.querySelector('.item-reaction').textContent = article.reaction ? t(`reaction.${article.reaction}`) : '';
  if (li.classList.contains('selected')) li.setAttribute('aria-current', 'true');
  else li.removeAttribute('aria-current');
}

function itemFor(id) {
  return byId('articles').querySelector(`li[data-article-id="${CSS.escape(String(id))}"]`);
}

function repaintAll() {
  for (const article of state.articles) {
    const li = itemFor(article.id);
    if (li) paintState(li, article);
  }
}

/** Opens the next (delta = 1) or previous (delta = -1) article of the list. */
export function move(delta) {
  if (!state.articles.length) return;
  const index = state.articles.findIndex((a) => sameId(a.id, state.current?.id));
  const next = index < 0 ? (delta > 0 ? 0 : state.articles.length - 1) : index + delta;
  if (next < 0 || next >= state.articles.length) return;
  const article = state.articles[next];
  emit('open', article.id);
  itemFor(article.id)?.scrollIntoView({ block: 'nearest' });
}

function initSearch() {
  const input = byId('search');
  let timer = 0;
  const run = () => {
    clearTimeout(timer);
    const query = input.value.trim();
    const previous = state.view.type === 'search' ? state.view.previous : state.view;
    if (query) setView({ type: 'search', query, previous });
    else if (state.view.type === 'search') setView(previous ?? { type: 'all' });
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, 300);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') run();
    if (event.key === 'Escape') {
      input.value = '';
      run();
    }
  });
  byId('search-clear').addEventListener('click', () => {
    input.value = '';
    run();
  });
}

export function initArticles() {
  initSearch();
  on('view', (view) => {
    if (view.type !== 'search') byId('search').value = '';
    loadArticles();
  });
  on('synced', loadArticles);
  on('article-state', (change) => {
    const article = state.articles.find((a) => sameId(a.id, change.id));
    if (!article) return;
    Object.assign(article, {
      read: change.read,
      bookmarked: change.bookmarked,
      reaction: change.reaction,
    });
    const li = itemFor(article.id);
    if (li) paintState(li, article);
  });
  on('opened', repaintAll);
}
