// The right pane: opens an article (marking it read), shows its body in the sandboxed frame, and keeps its
// state: bookmark, reaction, and reading position (saved while scrolling, restored on reopening once the
// article's pictures have loaded, and kept when the text size changes).
import { api } from './api.js';
import { comfort } from './comfort.js';
import { byId } from './dom.js';
import { clearFrame, fitOnResize, restyleFrame, showInFrame, textToHtml } from './frame.js';
import { t } from './i18n.js';
import { openLinksOutside } from './links.js';
import { showError } from './notice.js';
import { renderPortalExtras } from './portal-extras.js';
import { followReaction, initReactionStatus, showReactionStatus } from './reaction-status.js';
import { renderReactions, showReaction } from './reactions.js';
import { renderHeader } from './reader-meta.js';
import { refreshSources } from './sources.js';
import { emit, on, state } from './state.js';

const POSITION_DELAY_MS = 800;
let generation = 0;
let positionTimer = 0;
let savedPosition = null;
/** True from opening an article until its position is restored: scrolling meanwhile is not the reader's. */
let restoring = false;

/** The article's scroll position in the reader pane, 0 (top) to 1 (end). */
function scrollFraction() {
  const pane = byId('reader');
  const range = pane.scrollHeight - pane.clientHeight;
  return range > 0 ? Math.min(1, Math.max(0, pane.scrollTop / range)) : 0;
}

async function savePosition() {
  clearTimeout(positionTimer);
  positionTimer = 0;
  const article = state.current;
  if (!article) return;
  const position = Math.round(scrollFraction() * 1000) / 1000;
  if (savedPosition !== null && Math.abs(position - savedPosition) < 0.002) return;
  savedPosition = position;
  try {
    applyState(await api.articles.setPosition(article.id, position));
  } catch (err) {
    showError(err);
  }
}

function onScroll() {
  if (!state.current || positionTimer || restoring) return;
  positionTimer = setTimeout(savePosition, POSITION_DELAY_MS);
}

/** Takes an ArticleState from the back end into the open article and tells the other panes. */
function applyState(change) {
  if (!change) return;
  const article = state.current;
  if (article && String(article.id) === String(change.id)) {
    Object.assign(article, {
      read: change.read,
      bookmarked: change.bookmarked,
      bookmarked_at: change.bookmarked_at,
      reaction: change.reaction,
      position: change.position,
    });
    showBookmark(article.bookmarked);
    showReaction(article.reaction);
  }
  emit('article-state', change);
}

function showBookmark(bookmarked) {
  const button = byId('bookmark-toggle');
  button.setAttribute('aria-pressed', String(Boolean(bookmarked)));
  button.textContent = t(bookmarked ? 'reader.bookmarked' : 'reader.bookmark');
}

/** Flips the bookmark of the open article (button, s or b). */
export async function toggleBookmark() {
  const article = state.current;
  if (!article) return;
  try {
    applyState(await api.articles.setBookmarked(article.id, !article.bookmarked));
  } catch (err) {
    showError(err);
  }
}

async function pickReaction(reaction) {
  const article = state.current;
  if (!article) return;
  try {
    applyState(await api.articles.setReaction(article.id, reaction));
  } catch (err) {
    showError(err);
    return;
  }
  // A portal article's reaction is on its way to the portal: show what the portal answers.
  if (article.portal) followReaction(article.id);
}

async function markRead(article) {
  try {
    applyState(await api.articles.setRead(article.id, true));
    await refreshSources();
  } catch (err) {
    showError(err);
  }
}

function restorePosition(position) {
  const pane = byId('reader');
  const range = pane.scrollHeight - pane.clientHeight;
  pane.scrollTop = position > 0 && range > 0 ? Math.round(position * range) : 0;
}

function close() {
  generation++;
  restoring = false;
  state.current = null;
  byId('reader-article').hidden = true;
  byId('reader-empty').hidden = false;
  byId('reader').removeAttribute('data-article-id');
  clearFrame(byId('reader-frame'));
  showReactionStatus(null);
  renderPortalExtras(null);
  emit('opened', null);
}

/** Opens article `id` in the reader; null closes it. */
export async function openArticle(id) {
  if (positionTimer) await savePosition();
  if (id === null || id === undefined) {
    close();
    return;
  }
  const mine = ++generation;
  restoring = true;
  let article;
  try {
    article = await api.articles.get(id);
  } catch (err) {
    if (mine === generation) {
      restoring = false;
      showError(err);
    }
    return;
  }
  if (mine !== generation) return;
  state.current = article;
  savedPosition = article.position ?? 0;
  const pane = byId('reader');
  pane.dataset.articleId = String(article.id);
  byId('reader-empty').hidden = true;
  byId('reader-article').hidden = false;
  renderHeader(article);
  showBookmark(article.bookmarked);
  renderReactions(article, pickReaction);
  showReactionStatus(article);
  renderPortalExtras(article.portal);
  pane.scrollTop = 0;
  emit('opened', article);
  if (!article.read) markRead(article);
  const body = article.html || textToHtml(article.text || '');
  const shown = await showInFrame(byId('reader-frame'), body, { scroller: pane, look: comfort() });
  if (shown && mine === generation) {
    restorePosition(article.position ?? 0);
    restoring = false;
    pane.dataset.ready = 'true';
  }
}

/** A new text size or theme: the open article takes it and stays at the same place in the text. */
function restyle(look) {
  const fraction = scrollFraction();
  restyleFrame(byId('reader-frame'), look);
  if (state.current && !restoring) restorePosition(fraction);
}

export function initReader() {
  const pane = byId('reader');
  pane.addEventListener('scroll', onScroll, { passive: true });
  byId('bookmark-toggle').addEventListener('click', toggleBookmark);
  openLinksOutside(byId('reader-meta'));
  openLinksOutside(byId('reader-portal'));
  openLinksOutside(byId('reader-extras'));
  initReactionStatus();
  fitOnResize(byId('reader-frame'));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden' && positionTimer) savePosition();
  });
  on('open', (id) => {
    pane.dataset.ready = 'false';
    openArticle(id);
  });
  on('comfort', restyle);
  // Freed pictures are gone from disk: the open article is drawn again with placeholders where they were.
  on('pictures-freed', () => {
    if (!state.current) return;
    pane.dataset.ready = 'false';
    openArticle(state.current.id);
  });
}
