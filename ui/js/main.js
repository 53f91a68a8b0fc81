// Start-up: fills the page from the message catalog, wires the panes together and loads the library.
import { initAddSource } from './add-source.js';
import { api } from './api.js';
import { initArticles } from './articles.js';
import { initComfort } from './comfort.js';
import { initDropLink } from './drop-link.js';
import { describeError, t, translatePage } from './i18n.js';
import { initKeys } from './keys.js';
import { setStatus, showBanner } from './notice.js';
import { initOffline } from './offline.js';
import { initOpml } from './opml.js';
import { initReader } from './reader.js';
import { initSavePage } from './save-page.js';
import { initSettingsDialog } from './settings-dialog.js';
import { initSourceDialog } from './source-dialog.js';
import { initSources, refreshSources } from './sources.js';
import { setView, state } from './state.js';
import { initSync } from './sync.js';

async function start() {
  translatePage();
  initComfort();
  initOffline();
  initSources();
  initSourceDialog();
  initSettingsDialog();
  initOpml();
  initAddSource();
  initSavePage();
  initDropLink();
  initArticles();
  initReader();
  initKeys();
  setStatus(t('app.loading'));

  let info;
  try {
    info = await api.app.info();
  } catch (err) {
    // A library that cannot be opened makes every call fail: say so once, plainly, and stop.
    showBanner(`${t('banner.libraryFailed')} ${describeError(err)}`);
    setStatus(describeError(err), 'error');
    document.body.dataset.ready = 'error';
    return;
  }
  setStatus(t('app.ready', info));
  await refreshSources();
  // Load whatever view is chosen by now: a click during start-up must not be overwritten.
  setView(state.view);
  initSync();
  document.body.dataset.ready = 'true';
}

start();
