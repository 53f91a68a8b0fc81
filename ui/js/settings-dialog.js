// The library's settings (#settings-dialog, opened by the gear in the sources pane): how often sources are
// synced, whether to sync on start, the opt-in notification of new articles, the space pictures may take, and
// how long read articles are kept (sources may keep theirs longer or shorter: source-dialog.js).
// The dialog also holds the storage view (storage-view.js) and the OPML import and export (opml.js). Errors
// from settings_get/settings_set are shown inside the dialog.
import { api } from './api.js';
import { clearFormError, closeDialog, localError, openDialog, showFormError } from './dialog.js';
import { byId } from './dom.js';
import { t } from './i18n.js';
import { formatKeep, keepFieldValue } from './keep.js';
import { setStatus } from './notice.js';
import { resetOpml } from './opml.js';
import { initStorageView, loadStorage, resetStorage } from './storage-view.js';

function fill(settings) {
  byId('settings-interval').value = String(settings.sync_interval_minutes);
  byId('settings-on-start').checked = Boolean(settings.sync_on_start);
  byId('settings-notify').checked = Boolean(settings.notify_new);
  byId('settings-budget').value = settings.picture_budget_mb ?? '';
  byId('settings-keep-days').value = formatKeep(settings.keep_days);
  byId('settings-keep-articles').value = formatKeep(settings.keep_articles);
  byId('settings-refresh-days').value = formatKeep(settings.portal_refresh_days);
  byId('settings-refresh-pages').value = formatKeep(settings.portal_refresh_per_sync);
}

async function open() {
  const dialog = byId('settings-dialog');
  const error = byId('settings-error');
  clearFormError(error);
  resetOpml();
  resetStorage();
  loadStorage();
  // Saving before the settings arrived would overwrite them with whatever the form held.
  dialog.dataset.loaded = 'false';
  byId('settings-save').disabled = true;
  openDialog(dialog);
  try {
    loaded = await api.settings.get();
    fill(loaded);
    dialog.dataset.loaded = 'true';
    byId('settings-save').disabled = false;
  } catch (err) {
    showFormError(error, err);
  }
  byId('settings-interval').focus();
}

/** The settings as loaded: fields this dialog does not show are sent back unchanged. */
let loaded = {};

function read() {
  const minutes = Number(byId('settings-interval').value.trim() || NaN);
  if (!Number.isInteger(minutes)) {
    throw localError(t('settings.intervalInvalid'));
  }
  const budget = readBudget();
  const keepDays = readKeep('settings-keep-days', 'keep_days', 'settings.keepDaysInvalid');
  const keepArticles = readKeep('settings-keep-articles', 'keep_articles', 'settings.keepArticlesInvalid');
  const refreshDays = readRefresh('settings-refresh-days', 'portal_refresh_days');
  const refreshPages = readRefresh('settings-refresh-pages', 'portal_refresh_per_sync');
  return {
    ...loaded,
    ...(budget === null ? {} : { picture_budget_mb: budget }),
    ...(keepDays === null ? {} : { keep_days: keepDays }),
    ...(keepArticles === null ? {} : { keep_articles: keepArticles }),
    ...(refreshDays === null ? {} : { portal_refresh_days: refreshDays }),
    ...(refreshPages === null ? {} : { portal_refresh_per_sync: refreshPages }),
    sync_interval_minutes: minutes,
    sync_on_start: byId('settings-on-start').checked,
    notify_new: byId('settings-notify').checked,
  };
}

/** The picture budget in MiB (0: no pictures), or null when the back end did not send one to edit. */
function readBudget() {
  const text = byId('settings-budget').value.trim();
  if (!text && !('picture_budget_mb' in loaded)) return null;
  const mib = Number(text || NaN);
  if (!Number.isInteger(mib) || mib < 0) throw localError(t('settings.budgetInvalid'));
  return mib;
}

/** A retention number (0: no limit), or null when the back end did not send `field` to edit. */
function readKeep(id, field, invalidKey) {
  const input = byId(id);
  if (!input.value.trim() && !input.validity.badInput && !(field in loaded)) return null;
  const value = keepFieldValue(input);
  if (value === undefined) throw localError(t(invalidKey));
  return value;
}

/** How portal articles are read again (0: never), or null when the back end did not send `field` to edit. */
function readRefresh(id, field) {
  const input = byId(id);
  if (!input.value.trim() && !input.validity.badInput && !(field in loaded)) return null;
  const value = keepFieldValue(input);
  if (value === undefined || value > 100_000) throw localError(t('settings.refreshInvalid'));
  return value;
}

async function save() {
  const error = byId('settings-error');
  clearFormError(error);
  const button = byId('settings-save');
  button.disabled = true;
  try {
    loaded = await api.settings.set(read());
    fill(loaded);
    setStatus(t('settings.saved'));
    closeDialog(byId('settings-dialog'));
  } catch (err) {
    showFormError(error, err);
  } finally {
    button.disabled = byId('settings-dialog').dataset.loaded !== 'true';
  }
}

export function initSettingsDialog() {
  initStorageView();
  byId('settings-open').addEventListener('click', open);
  byId('settings-form').addEventListener('submit', (event) => {
    event.preventDefault();
    save();
  });
  byId('settings-close').addEventListener('click', () => closeDialog(byId('settings-dialog')));
}
