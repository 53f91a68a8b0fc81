// The offline indicator (#offline-badge in the sources pane header), shown while the browser says the machine
// is offline (navigator.onLine and the online/offline events), or while the last sync reached no site at all
// (offline-rule.js). While offline, sync failures are quiet: no error in the status line, only this badge
// and the per-source marks; the back end's scheduler tries the sources again later.
import { byId } from './dom.js';
import { t } from './i18n.js';
import { syncLooksOffline } from './offline-rule.js';
import { state } from './state.js';

let browserOffline = false;
let syncOffline = false;

/** Whether Jianbao should behave as offline now. */
export function isOffline() {
  return browserOffline || syncOffline;
}

function paint() {
  const badge = byId('offline-badge');
  badge.hidden = !isOffline();
  // The browser's word is the surer one when both say so.
  const reason = browserOffline ? 'browser' : syncOffline ? 'sync' : '';
  badge.dataset.reason = reason;
  badge.title = reason ? t(reason === 'browser' ? 'offline.titleBrowser' : 'offline.titleSync') : '';
}

const isLocal = (id) => state.sources.some((s) => String(s.id) === String(id) && s.kind === 'local');

/** Takes a finished sync's results into account; resolves to whether they look offline. */
export function noteSyncResults(results) {
  syncOffline = syncLooksOffline(results, isLocal);
  paint();
  return syncOffline;
}

export function initOffline() {
  browserOffline = navigator.onLine === false;
  window.addEventListener('offline', () => {
    browserOffline = true;
    paint();
  });
  window.addEventListener('online', () => {
    browserOffline = false;
    // Back online: what the last sync met no longer holds; the next sync tells again.
    syncOffline = false;
    paint();
  });
  paint();
}
