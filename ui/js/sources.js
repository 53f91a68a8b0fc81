// The left pane: fixed views (All articles, Bookmarks), the source list with unread counts and error markers,
// and removing a source. Adding one lives in add-source.js.
import { api } from './api.js';
import { byId, h, replaceChildren } from './dom.js';
import { formatCount } from './format.js';
import { describeError, t } from './i18n.js';
import { setStatus, showError } from './notice.js';
import { emit, on, sameId, setView, state } from './state.js';

/** Reloads the source list from the back end and redraws the pane. */
export async function refreshSources() {
  try {
    state.sources = await api.sources.list();
  } catch (err) {
    showError(err);
    return;
  }
  renderSources();
  emit('sources', state.sources);
}

/** The source with this id, if listed. */
export function findSource(id) {
  return state.sources.find((s) => sameId(s.id, id)) ?? null;
}

function renderSources() {
  const list = byId('sources');
  if (!state.sources.length) {
    replaceChildren(list, h('li', { class: 'empty', text: t('sources.empty') }));
  } else {
    replaceChildren(list, state.sources.map(sourceItem));
  }
  const unread = state.sources.reduce((sum, s) => sum + (s.unread || 0), 0);
  setCount(byId('all-unread'), unread);
  markSelected();
}

function setCount(el, count) {
  el.textContent = formatCount(count || 0);
  el.dataset.count = String(count || 0);
  el.title = t('sources.unread', { count: formatCount(count || 0) });
}

function sourceItem(source) {
  const failed = Boolean(source.last_error);
  const unread = h('span', { class: 'unread' });
  setCount(unread, source.unread);
  const open = h('button', { type: 'button', class: 'source-open', title: source.feed_url || source.url },
    h('span', { class: 'title', text: source.title || source.url }),
    failed ? h('span', {
      class: 'error-marker',
      title: source.last_error,
      role: 'img',
      'aria-label': t('sources.errorMarker'),
      text: '!',
    }) : null,
    unread,
  );
  open.addEventListener('click', () => setView({ type: 'source', id: source.id }));
  const remove = h('button', {
    type: 'button',
    class: 'source-remove',
    title: t('sources.remove'),
    'aria-label': t('sources.removeLabel', { title: source.title }),
    text: '×',
  });
  remove.addEventListener('click', () => confirmRemove(li, source));
  const li = h('li', { class: failed ? 'source failed' : 'source', dataset: { sourceId: String(source.id) } }, open, remove);
  if (failed) li.dataset.errorKind = source.last_error_kind || '';
  return li;
}

/** Asks inside the list item (no modal dialog) before removing a source and its articles. */
function confirmRemove(li, source) {
  const yes = h('button', { type: 'button', class: 'button danger', text: t('sources.removeYes') });
  const no = h('button', { type: 'button', class: 'button', text: t('sources.removeNo') });
  const box = h('div', { class: 'confirm', role: 'alertdialog' },
    h('span', { text: t('sources.removeConfirm', { title: source.title }) }), yes, no);
  li.replaceChildren(box);
  no.addEventListener('click', renderSources);
  yes.addEventListener('click', () => removeSource(source));
  yes.focus();
}

async function removeSource(source) {
  try {
    await api.sources.remove(source.id);
  } catch (err) {
    showError(err);
    renderSources();
    return;
  }
  setStatus(t('sources.removed', { title: source.title }));
  if (state.current && sameId(state.current.source_id, source.id)) emit('open', null);
  await refreshSources();
  if (state.view.type === 'source' && sameId(state.view.id, source.id)) setView({ type: 'all' });
  else setView(state.view);
}

/** Highlights the view or source the middle pane shows. */
function markSelected() {
  const view = state.view.type === 'search' ? state.view.previous ?? {} : state.view;
  for (const button of document.querySelectorAll('[data-view]')) {
    const selected = button.dataset.view === view.type;
    if (selected) button.setAttribute('aria-current', 'true');
    else button.removeAttribute('aria-current');
  }
  for (const li of byId('sources').querySelectorAll('li[data-source-id]')) {
    const selected = view.type === 'source' && sameId(view.id, li.dataset.sourceId);
    li.classList.toggle('selected', selected);
    if (selected) li.setAttribute('aria-current', 'true');
    else li.removeAttribute('aria-current');
  }
}

/** Shows the last sync error of the selected source where the reader will see it. */
function reportSourceError() {
  if (state.view.type !== 'source') return;
  const source = findSource(state.view.id);
  if (source?.last_error) {
    const message = describeError({ kind: source.last_error_kind, message: source.last_error });
    setStatus(t('sources.lastError', { title: source.title, message }), 'error');
  }
}

export function initSources() {
  for (const button of document.querySelectorAll('[data-view]')) {
    button.addEventListener('click', () => setView({ type: button.dataset.view }));
  }
  on('view', () => {
    markSelected();
    reportSourceError();
  });
}
