// The per-source sync marker in the source list: being fetched now, or how this source's part of the last sync
// ended (N new, unchanged, skipped and why, failed and the message). Reads state.sync; sync.js fills it.
import { byId } from './dom.js';
import { describeError, t } from './i18n.js';
import { state } from './state.js';

/** {state, text, title} for one source, or null when the shown sync did not touch it. */
export function markFor(source) {
  const result = state.sync.results.get(String(source.id));
  if (result) return resultMark(result);
  if (state.sync.running && state.sync.current.includes(source.title)) {
    return { state: 'fetching', text: '↻', title: t('sync.mark.fetching') };
  }
  return null;
}

function resultMark(result) {
  if (!result.ok) {
    const reason = describeError({ kind: result.error_kind, message: result.error });
    return { state: 'failed', text: '!', title: t('sync.mark.failed', { reason }) };
  }
  if (result.skipped) {
    return { state: 'skipped', text: '⏸', title: t('sync.mark.skipped', { reason: result.skipped }) };
  }
  const counts = { new: result.new || 0, updated: result.updated || 0 };
  let title = t(result.unchanged ? 'sync.mark.unchanged' : 'sync.mark.ok', counts);
  if (result.note) title = t('sync.mark.note', { text: title, note: result.note });
  return { state: 'ok', text: counts.new > 0 ? t('sync.mark.new', counts) : '✓', title, news: counts.new > 0 };
}

/** Redraws every source row's marker from state.sync (rows are not re-rendered, so clicks are not lost). */
export function paintSyncMarks() {
  const list = byId('sources');
  list.dataset.sync = state.sync.running ? 'running' : 'idle';
  for (const li of list.querySelectorAll('li[data-source-id]')) {
    const source = state.sources.find((s) => String(s.id) === li.dataset.sourceId);
    const el = li.querySelector('.sync-mark');
    if (!source || !el) continue;
    const mark = markFor(source);
    el.hidden = !mark;
    el.textContent = mark?.text ?? '';
    el.title = mark?.title ?? '';
    el.setAttribute('aria-label', mark?.title ?? '');
    el.dataset.state = mark?.state ?? '';
    el.classList.toggle('has-news', Boolean(mark?.news));
    if (mark) li.dataset.sync = mark.state;
    else delete li.dataset.sync;
    // This sync's own outcome replaces the marker of the stored last error.
    const stored = li.querySelector('.error-marker');
    if (stored) stored.hidden = Boolean(mark);
  }
}
