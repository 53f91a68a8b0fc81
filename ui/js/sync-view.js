// #sync-progress and the status line for a sync: the state (idle, running, done), the bar, done/total with the
// sources being fetched, the summary when it ends (new, updated, skipped, failed) and each failure's message,
// or, while offline (offline.js), only a quiet word that the sources are tried again later.
import { byId } from './dom.js';
import { formatCount } from './format.js';
import { describeError, t } from './i18n.js';
import { setStatus } from './notice.js';
import { isOffline, noteSyncResults } from './offline.js';

/** 'idle' | 'running' | 'done'; `origin` says who started the sync shown ('user' or 'background'). */
export function setSyncState(name, { origin, run } = {}) {
  const progress = byId('sync-progress');
  progress.dataset.state = name;
  if (origin) progress.dataset.origin = origin;
  if (run !== undefined) progress.dataset.run = run || '';
  const button = byId('sync-all');
  button.disabled = name === 'running';
  button.setAttribute('aria-busy', String(name === 'running'));
}

/** Sums a sync's results. */
export function countResults(results = []) {
  const sum = (pick) => results.reduce((total, r) => total + (pick(r) || 0), 0);
  return {
    new: sum((r) => r.new),
    updated: sum((r) => r.updated),
    skipped: results.filter((r) => r.ok && r.skipped).length,
    failed: results.filter((r) => !r.ok).length,
  };
}

function withTallies(text, counts) {
  const parts = [text];
  if (counts.skipped) parts.push(t('sync.skippedCount', { skipped: formatCount(counts.skipped) }));
  if (counts.failed) parts.push(t('sync.failedCount', { failed: formatCount(counts.failed) }));
  return parts.join(t('sync.separator'));
}

/** The bar and text while a sync runs; `status` null means it was asked for and has not answered yet. */
export function showRunning(status) {
  const bar = byId('sync-bar');
  const total = status?.total ?? 0;
  const done = status?.done ?? 0;
  if (total > 0) {
    bar.max = total;
    bar.value = done;
  } else {
    bar.removeAttribute('value');
  }
  let text;
  if (!status) text = t('sync.starting');
  else if (status.current?.length) text = t('sync.running', { done, total, current: status.current.join(', ') });
  else text = t('sync.runningNoCurrent', { done, total });
  byId('sync-text').textContent = status ? withTallies(text, countResults(status.results)) : text;
}

/** The summary of a finished sync; failures also go to the status line, each with its source and message. */
export function showDone(status) {
  const results = status?.results ?? [];
  const total = status?.total ?? results.length;
  const done = status?.done ?? results.length;
  const bar = byId('sync-bar');
  bar.max = Math.max(total, 1);
  bar.value = total > 0 ? done : 1;
  const counts = countResults(results);
  byId('sync-text').textContent = withTallies(t('sync.done', { done, total, ...counts }), counts);
  const failed = results.filter((r) => !r.ok);
  noteSyncResults(results);
  if (failed.length && isOffline()) {
    const key = failed.length === 1 ? 'offline.syncQuietOne' : 'offline.syncQuiet';
    setStatus(t(key, { failed: formatCount(failed.length) }));
  } else if (failed.length) {
    const lines = failed.map((r) => t('sync.failedSource', {
      title: r.title || r.url,
      reason: describeError({ kind: r.error_kind, message: r.error }),
    }));
    setStatus(lines.join(t('sync.separator')), 'error');
  }
  return counts;
}
