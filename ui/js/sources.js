// The left pane: fixed views (All articles, Bookmarks), the source list grouped in folders with unread counts
// and error markers, choosing a source or a folder, and removing a source. The rows' DOM lives in
// source-tree.js, per-source settings in source-dialog.js, adding in add-source.js.
import { api } from './api.js';
import { byId, h, replaceChildren } from './dom.js';
import { buildTree, folderKey, isInFolder } from './folders.js';
import { describeError, t } from './i18n.js';
import { setStatus, showError } from './notice.js';
import { isOffline } from './offline.js';
import { items, setCount } from './source-tree.js';
import { emit, on, sameId, setView, state } from './state.js';
import { paintSyncMarks } from './sync-marks.js';

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

const actions = {
  open: (source) => setView({ type: 'source', id: source.id }),
  openFolder: (path) => setView({ type: 'folder', path }),
  settings: (source) => emit('source-settings', source.id),
  remove: (li, source) => confirmRemove(li, source),
};

function renderSources() {
  const list = byId('sources');
  if (!state.sources.length) {
    replaceChildren(list, h('li', { class: 'empty', text: t('sources.empty') }));
  } else {
    replaceChildren(list, items(buildTree(state.sources), actions));
  }
  const unread = state.sources.reduce((sum, s) => sum + (s.unread || 0), 0);
  setCount(byId('all-unread'), unread);
  markSelected();
  paintSyncMarks();
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
  else reloadView();
}

/** Reloads the current view after sources changed; a folder that no longer holds anything falls back to All. */
export function reloadView() {
  const view = state.view;
  if (view.type === 'folder' && !state.sources.some((s) => isInFolder(s, view.path))) setView({ type: 'all' });
  else setView(view);
}

/** Highlights the view, folder or source the middle pane shows. */
function markSelected() {
  const view = state.view.type === 'search' ? state.view.previous ?? {} : state.view;
  const mark = (el, selected) => {
    el.classList.toggle('selected', selected);
    if (selected) el.setAttribute('aria-current', 'true');
    else el.removeAttribute('aria-current');
  };
  for (const button of document.querySelectorAll('[data-view]')) {
    const selected = button.dataset.view === view.type;
    if (selected) button.setAttribute('aria-current', 'true');
    else button.removeAttribute('aria-current');
  }
  for (const li of byId('sources').querySelectorAll('li[data-source-id]')) {
    mark(li, view.type === 'source' && sameId(view.id, li.dataset.sourceId));
  }
  const key = view.type === 'folder' ? folderKey(view.path) : null;
  for (const li of byId('sources').querySelectorAll('li[data-folder-key]')) mark(li, li.dataset.folderKey === key);
}

/** Shows the last sync error of the selected source where the reader will see it. */
function reportSourceError() {
  if (state.view.type !== 'source') return;
  const source = findSource(state.view.id);
  // Offline, a source that could not be reached is no news: its mark says so, and it is tried again later.
  if (isOffline() && source?.last_error_kind === 'network') return;
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
  on('sync-progress', paintSyncMarks);
}
