// Following syncs, whoever started them: the Sync button and per-source syncs call sync_start; the back end's
// scheduler starts others. sync_status is polled every 5 s when idle and about every 300 ms while a sync runs,
// so a background sync is shown as it goes and the panes refresh when it ends (with a notification, if wanted).
import { api } from './api.js';
import { byId } from './dom.js';
import { t } from './i18n.js';
import { notifyNewArticles } from './notify.js';
import { setStatus, showError } from './notice.js';
import { refreshSources } from './sources.js';
import { emit, state } from './state.js';
import { countResults, setSyncState, showDone, showRunning } from './sync-view.js';

const RUNNING_MS = 300;
const IDLE_MS = 5000;

let timer = 0;
let polling = false;
let pollAgain = false;
/** The running sync on screen: {key, user}; `user` when this window started or joined it. */
let following = null;
/** started_at of the syncs this window started. */
const mine = new Set();
/** A Sync press met a running sync: that sync counts as the reader's. */
let joining = false;
/** Looks at sync_status begun so far; and when this window started a sync not seen yet, the count then (0: none):
 *  only a look begun after the start can have seen the new sync. */
let looks = 0;
let expecting = 0;
/** Source ids a per-source sync still owes the reader (it met a sync of other sources). */
let pending = null;
/** The last finished sync already handled, and whether any status has been seen yet. */
let lastFinished = null;
let seenAny = false;

// `run` numbers the back end's syncs, so two short syncs within one second are still told apart.
const runKey = (status) => (status?.run != null ? `run ${status.run}` : status?.started_at ?? '');
const finishKey = (status) => `${runKey(status)}|${status.finished_at}`;

function takeResults(status) {
  state.sync.results = new Map((status?.results ?? []).map((r) => [String(r.source_id), r]));
}

function begin(status) {
  const key = runKey(status);
  following = { key, user: mine.has(key) || joining || expecting > 0 };
  joining = false;
  expecting = 0;
  state.sync = { running: true, current: [], results: new Map() };
  setSyncState('running', { origin: following.user ? 'user' : 'background', run: key });
}

function track(status) {
  state.sync.running = true;
  state.sync.current = status.current ?? [];
  takeResults(status);
  showRunning(status);
  emit('sync-progress', state.sync);
}

/** A sync ended: summary, fresh panes, and for a background sync that brought news, a notification. */
async function finish(status, run) {
  state.sync.running = false;
  state.sync.current = [];
  let counts = countResults([]);
  if (status) {
    // Without a status the sync ended unseen and another has begun: only the panes need refreshing.
    lastFinished = finishKey(status);
    takeResults(status);
    setSyncState('done', { origin: run.user ? 'user' : 'background', run: run.key });
    counts = showDone(status);
  }
  emit('sync-progress', state.sync);
  await refreshSources();
  emit('synced', status);
  if (!run.user && counts.new > 0) {
    const key = counts.new === 1 ? 'sync.backgroundNewOne' : 'sync.backgroundNew';
    if (!counts.failed) setStatus(t(key, { count: counts.new }));
    notifyNewArticles(counts.new);
  }
  const owed = pending;
  pending = null;
  const missing = owed?.filter((id) => !state.sync.results.has(String(id)));
  if (missing?.length) startSync(missing);
}

async function take(status, look) {
  const first = !seenAny;
  seenAny = true;
  if (status.running) {
    // The sync on screen ended between two looks and another began: close the first one before showing this.
    if (following && following.key !== runKey(status)) await finish(null, following);
    if (!following || following.key !== runKey(status)) begin(status);
    if (joining) {
      following.user = true;
      joining = false;
      setSyncState('running', { origin: 'user' });
    }
    track(status);
    return;
  }
  const expected = expecting > 0 && look > expecting;
  if (expecting > 0 && !expected) return; // an answer from before the start: the next look tells
  const run = following ?? { key: runKey(status), user: mine.has(runKey(status)) || joining || expected };
  const fresh = following || expected || finishKey(status) !== lastFinished;
  following = null;
  joining = false;
  expecting = 0;
  if (!status.finished_at || !fresh) return;
  if (first) {
    // A sync that ended before this page opened: show how it went, the panes are fresh already.
    lastFinished = finishKey(status);
    takeResults(status);
    setSyncState('done', { origin: 'background', run: run.key });
    showDone(status);
    emit('sync-progress', state.sync);
    return;
  }
  await finish(status, run);
}

/** Looks at sync_status now, then again after 300 ms (running) or 5 s (idle). One look at a time. */
async function poll() {
  if (polling) {
    pollAgain = true;
    return;
  }
  polling = true;
  clearTimeout(timer);
  let status = null;
  try {
    const look = ++looks;
    status = await api.sync.status();
    await take(status, look);
  } catch (err) {
    console.warn('sync status', err);
  } finally {
    polling = false;
  }
  if (pollAgain) {
    pollAgain = false;
    poll();
    return;
  }
  timer = setTimeout(poll, status?.running ? RUNNING_MS : IDLE_MS);
}

/** Asks the back end for a sync ({} all, {ids}, or {due: true}). A sync already running is followed instead;
 *  a per-source request that met it runs once it ends, unless that sync already covered those sources. */
async function request(what) {
  if (!what.ids && state.sync.running) return;
  seenAny = true;
  const before = { state: byId('sync-progress').dataset.state, text: byId('sync-text').textContent };
  if (!state.sync.running) {
    setSyncState('running', { origin: 'user' });
    showRunning(null);
  }
  try {
    const status = await api.sync.start(what);
    if (!status.running && what.due) {
      // Nothing was due: no sync started, the last one's summary stays as it was.
      setSyncState(before.state);
      byId('sync-text').textContent = before.text;
      return;
    }
    mine.add(runKey(status));
    expecting = looks;
  } catch (err) {
    if (err.kind !== 'busy') {
      showError(err);
      if (!state.sync.running) {
        setSyncState(before.state);
        byId('sync-text').textContent = before.text;
      }
      return;
    }
    joining = true;
    if (what.ids) pending = [...new Set([...(pending ?? []), ...what.ids])];
  }
  poll();
}

/** Syncs every source (Sync button, r key), or only the sources `ids`. */
export function startSync(ids) {
  const wanted = Array.isArray(ids) && ids.length ? ids : null;
  return request(wanted ? { ids: wanted } : {});
}

/** Syncs the sources whose time has come (e.g. the ones an OPML import just added). */
export function syncDue() {
  return request({ due: true });
}

export function initSync() {
  byId('sync-all').addEventListener('click', () => startSync());
  byId('sync-text').textContent = t('sync.idle');
  setSyncState('idle');
  poll();
}
