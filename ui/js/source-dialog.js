// The settings of one source (#source-dialog): title, encoding override, folder, sync interval, full text,
// how long its read articles are kept (empty: the library's setting), what its last syncs did, and "Sync now";
// for a portal category also its pinyin switch, refused articles and sign-in (source-portal.js). Only fields
// the reader changed are sent to sources_update (a new encoding makes the next sync re-read the feed in full),
// and the back end's errors are shown inside the dialog.
import { api } from './api.js';
import { clearFormError, closeDialog, localError, openDialog, showFormError } from './dialog.js';
import { byId, h, replaceChildren } from './dom.js';
import { ENCODINGS } from './encodings.js';
import { allFolderPaths, folderKey, formatFolder, parseFolder } from './folders.js';
import { formatDateTime } from './format.js';
import { describeError, t } from './i18n.js';
import { formatKeep, keepFieldValue } from './keep.js';
import { setStatus } from './notice.js';
import { fillSourcePortal, initSourcePortal, sourcePortalChanges } from './source-portal.js';
import { findSource, refreshSources, reloadView } from './sources.js';
import { on, state } from './state.js';
import { startSync } from './sync.js';

/** The source as it was when the dialog opened. */
let editing = null;

function fillEncodings(current) {
  const labels = current && !ENCODINGS.includes(current) ? [...ENCODINGS, current] : ENCODINGS;
  replaceChildren(byId('source-encoding'),
    h('option', { value: '', text: t('encoding.auto') }),
    labels.map((label) => h('option', {
      value: label,
      text: ENCODINGS.includes(label) ? t(`encoding.${label}`) : t('encoding.other', { label }),
    })));
  byId('source-encoding').value = current ?? '';
}

function showIntervalMode() {
  const custom = byId('source-interval-mode').value === 'custom';
  byId('source-interval').hidden = !custom;
  byId('source-interval-unit').hidden = !custom;
}

/** The library's settings a field left to its default follows (null: not known), shown as placeholders. */
function showDefaults(settings) {
  const option = byId('source-interval-mode').querySelector('option[value="default"]');
  option.textContent = settings
    ? t('sourceDialog.intervalDefault', { minutes: settings.sync_interval_minutes })
    : t('sourceDialog.intervalDefaultUnknown');
  const placeholder = (value) => {
    if (value === null || value === undefined) return t('sourceDialog.keepDefaultUnknown');
    return t('sourceDialog.keepDefault', { value: value === 0 ? t('keep.noLimit') : value });
  };
  byId('source-keep-days').placeholder = placeholder(settings?.keep_days);
  byId('source-keep-articles').placeholder = placeholder(settings?.keep_articles);
}

async function fillDefaults() {
  showDefaults(null);
  try {
    showDefaults(await api.settings.get());
  } catch {
    // The generic wording stays; saving reports any real failure.
  }
}

function infoLine(source) {
  const parts = [source.last_sync_at
    ? t('sourceDialog.lastSync', { time: formatDateTime(source.last_sync_at) })
    : t('sourceDialog.neverSynced')];
  if (source.next_sync_at) parts.push(t('sourceDialog.nextSync', { time: formatDateTime(source.next_sync_at) }));
  if (source.failures > 0) {
    const key = source.failures === 1 ? 'sourceDialog.failuresOne' : 'sourceDialog.failures';
    parts.push(t(key, { count: source.failures }));
  }
  if (source.last_error) {
    const message = describeError({ kind: source.last_error_kind, message: source.last_error });
    parts.push(t('sourceDialog.lastError', { message }));
  }
  return parts.join(t('info.separator'));
}

function fill(source) {
  byId('source-url').textContent = source.feed_url || source.url;
  byId('source-title').value = source.title ?? '';
  fillEncodings(source.encoding ?? null);
  byId('source-folder').value = formatFolder(source.folder);
  replaceChildren(byId('folder-paths'), allFolderPaths(state.sources).map((path) => h('option', { value: path })));
  const custom = source.interval_minutes != null;
  byId('source-interval-mode').value = custom ? 'custom' : 'default';
  byId('source-interval').value = custom ? String(source.interval_minutes) : '';
  showIntervalMode();
  // Only feeds fetch their articles' pages for the full text: a portal category's articles are whole already.
  byId('source-full-text').checked = Boolean(source.full_text);
  byId('source-full-text').disabled = source.kind !== 'feed';
  byId('source-keep-days').value = formatKeep(source.keep_days);
  byId('source-keep-articles').value = formatKeep(source.keep_articles);
  byId('source-info').textContent = infoLine(source);
  byId('source-sync').disabled = source.kind !== 'feed' && source.kind !== 'portal';
  clearFormError(byId('source-error'));
  fillSourcePortal(source);
}

/** Opens the dialog for the listed source `id`. */
export function openSourceDialog(id) {
  const source = findSource(id);
  if (!source) return;
  editing = source;
  fill(source);
  byId('source-dialog').dataset.sourceId = String(source.id);
  openDialog(byId('source-dialog'));
  fillDefaults();
  byId('source-title').focus();
}

/** What the form changes about `source`, as sources_update wants it; throws a local error for a bad number. */
function changes(source) {
  const out = {};
  const title = byId('source-title').value.trim();
  if (title !== source.title) out.title = title;
  const encoding = byId('source-encoding').value || null;
  if (encoding !== (source.encoding ?? null)) out.encoding = encoding;
  const folderText = byId('source-folder').value;
  const folder = parseFolder(folderText);
  if (folderText.trim() !== formatFolder(source.folder) && folderKey(folder) !== folderKey(source.folder)) {
    out.folder = folder;
  }
  let interval = null;
  if (byId('source-interval-mode').value === 'custom') {
    interval = Number(byId('source-interval').value.trim() || NaN);
    if (!Number.isInteger(interval)) {
      throw localError(t('sourceDialog.intervalInvalid'));
    }
  }
  if (interval !== (source.interval_minutes ?? null)) out.interval_minutes = interval;
  const fullText = byId('source-full-text').checked;
  if (fullText !== Boolean(source.full_text)) out.full_text = fullText;
  const days = keepFieldValue(byId('source-keep-days'), { emptyIsDefault: true });
  if (days === undefined) throw localError(t('sourceDialog.keepDaysInvalid'));
  if (days !== (source.keep_days ?? null)) out.keep_days = days;
  const most = keepFieldValue(byId('source-keep-articles'), { emptyIsDefault: true });
  if (most === undefined) throw localError(t('sourceDialog.keepArticlesInvalid'));
  if (most !== (source.keep_articles ?? null)) out.keep_articles = most;
  return { ...out, ...sourcePortalChanges(source) };
}

async function save() {
  const source = editing;
  if (!source) return;
  const error = byId('source-error');
  clearFormError(error);
  const button = byId('source-save');
  button.disabled = true;
  try {
    const update = changes(source);
    if (Object.keys(update).length) {
      const saved = await api.sources.update(source.id, update);
      setStatus(t('sourceDialog.saved', { title: saved.title }));
      await refreshSources();
      reloadView();
    }
    closeDialog(byId('source-dialog'));
  } catch (err) {
    showFormError(error, err);
    if (err.kind === 'not_found') await refreshSources();
  } finally {
    button.disabled = false;
  }
}

function syncNow() {
  const source = editing;
  if (!source) return;
  closeDialog(byId('source-dialog'));
  setStatus(t('sourceDialog.syncing', { title: source.title }));
  startSync([source.id]);
}

export function initSourceDialog() {
  initSourcePortal();
  const form = byId('source-form');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    save();
  });
  byId('source-interval-mode').addEventListener('change', () => {
    showIntervalMode();
    if (byId('source-interval-mode').value === 'custom') byId('source-interval').focus();
  });
  byId('source-cancel').addEventListener('click', () => closeDialog(byId('source-dialog')));
  byId('source-sync').addEventListener('click', syncNow);
  byId('source-dialog').addEventListener('close', () => {
    editing = null;
  });
  on('source-settings', openSourceDialog);
}
