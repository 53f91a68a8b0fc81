// The Sync button and #sync-progress: starts sync_start, polls sync_status about every 300 ms while it runs,
// shows done/total, the source being fetched and a progress bar, then refreshes sources and articles.
import { api } from './api.js';
import { byId } from './dom.js';
import { describeError, t } from './i18n.js';
import { setStatus, showError } from './notice.js';
import { refreshSources } from './sources.js';
import { emit } from './state.js';

const POLL_MS = 300;
let following = false;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function setState(name) {
  byId('sync-progress').dataset.state = name;
  const button = byId('sync-all');
  button.disabled = name === 'running';
  button.setAttribute('aria-busy', String(name === 'running'));
}

function showRunning(status) {
  setState('running');
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
  byId('sync-text').textContent = text;
}

function showDone(status) {
  setState('done');
  const results = status?.results ?? [];
  const total = status?.total ?? results.length;
  const done = status?.done ?? results.length;
  const bar = byId('sync-bar');
  bar.max = Math.max(total, 1);
  bar.value = total > 0 ? done : 1;
  const failed = results.filter((r) => !r.ok);
  const counts = {
    done,
    total,
    new: results.reduce((sum, r) => sum + (r.new || 0), 0),
    updated: results.reduce((sum, r) => sum + (r.updated || 0), 0),
    failed: failed.length,
  };
  byId('sync-text').textContent = t(failed.length ? 'sync.doneFailures' : 'sync.done', counts);
  if (failed.length) {
    const lines = failed.map((r) => t('sync.failedSource', {
      title: r.title || r.url,
      reason: describeError({ kind: r.error_kind, message: r.error }),
    }));
    setStatus(lines.join(' · '), 'error');
  }
}

/** Polls until the running sync ends, then refreshes the panes. */
async function follow(first) {
  if (following) return;
  following = true;
  let status = first;
  try {
    while (!status || status.running) {
      showRunning(status);
      await sleep(POLL_MS);
      status = await api.sync.status();
    }
    showDone(status);
  } catch (err) {
    showError(err);
    setState('idle');
  } finally {
    following = false;
  }
  await refreshSources();
  emit('synced', status);
}

/** Syncs every source (Sync button, r key); joins a sync that is already running. */
export async function startSync() {
  if (following) return;
  showRunning(null);
  let status = null;
  try {
    status = await api.sync.start();
  } catch (err) {
    if (err.kind !== 'busy') {
      showError(err);
      setState('idle');
      return;
    }
  }
  await follow(status);
}

export async function initSync() {
  byId('sync-all').addEventListener('click', startSync);
  byId('sync-text').textContent = t('sync.idle');
  try {
    const status = await api.sync.status();
    if (status?.running) follow(status);
  } catch {
    // app_info reports a library that cannot be opened; no second banner here.
  }
}
