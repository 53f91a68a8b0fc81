// The storage part of the settings dialog (#storage): what pictures take in all and per source, the budget,
// the library database's size, and "Free space". How much to free is a share of the pictures stored (a
// quarter, half, all) or a number of MiB; the back end picks which pictures go (unused ones, then the oldest
// read articles', never bookmarked or unread ones'). Emits 'pictures-freed' so an open article is redrawn.
import { api } from './api.js';
import { clearFormError, localError, showFormError } from './dialog.js';
import { byId, h, replaceChildren } from './dom.js';
import { formatBytes, formatCount } from './format.js';
import { t } from './i18n.js';
import { emit } from './state.js';

const MIB = 1024 * 1024;
/** The last storage_info answer, for working out a share of the pictures. */
let shown = null;

function sourceRow(usage) {
  return h('tr', { dataset: { sourceId: String(usage.source_id), bytes: String(usage.bytes) } },
    h('td', { class: 'title', text: usage.title }),
    h('td', { class: 'number pictures', text: formatCount(usage.pictures) }),
    h('td', { class: 'number bytes', text: formatBytes(usage.bytes) }));
}

function render(info) {
  shown = info;
  const used = formatBytes(info.picture_bytes);
  const total = byId('storage-total');
  total.dataset.bytes = String(info.picture_bytes);
  total.textContent = info.picture_budget_bytes > 0
    ? t('storage.total', { used, budget: formatBytes(info.picture_budget_bytes) })
    : t('storage.totalOff', { used });
  const withPictures = (info.sources ?? []).filter((s) => s.pictures > 0);
  replaceChildren(byId('storage-sources'), withPictures.map(sourceRow));
  byId('storage-table').hidden = !withPictures.length;
  byId('storage-none').hidden = withPictures.length > 0;
  const database = byId('storage-database');
  database.dataset.bytes = String(info.database_bytes);
  database.textContent = t('storage.database', { size: formatBytes(info.database_bytes) });
}

/** Asks for storage_info and shows it; #storage carries data-loaded="true" once it did. */
export async function loadStorage() {
  const box = byId('storage');
  box.dataset.loaded = 'false';
  clearFormError(byId('storage-error'));
  try {
    render(await api.storage.info());
    box.dataset.loaded = 'true';
  } catch (err) {
    showFormError(byId('storage-error'), err);
  }
}

/** Forgets the last outcome (the dialog was opened again). */
export function resetStorage() {
  const freed = byId('storage-freed');
  freed.hidden = true;
  freed.textContent = '';
}

/** How many bytes the chosen amount is; null when a share of nothing was asked for. */
function wantedBytes() {
  const choice = byId('storage-free-amount').value;
  if (choice === 'mib') {
    const mib = Number(byId('storage-free-mib').value.trim() || NaN);
    if (!Number.isInteger(mib) || mib < 1) throw localError(t('storage.mibInvalid'));
    return mib * MIB;
  }
  const stored = shown?.picture_bytes ?? 0;
  return stored > 0 ? Math.max(1, Math.ceil((stored * Number(choice)) / 100)) : null;
}

function freedText(result) {
  if (!result?.pictures) return t('storage.freedNothing');
  const size = formatBytes(result.bytes);
  return result.pictures === 1 ? t('storage.freedOne', { size })
    : t('storage.freed', { size, count: formatCount(result.pictures) });
}

async function freeSpace() {
  const error = byId('storage-error');
  const freed = byId('storage-freed');
  const button = byId('storage-free');
  clearFormError(error);
  let bytes;
  try {
    bytes = wantedBytes();
  } catch (err) {
    showFormError(error, err);
    return;
  }
  freed.hidden = false;
  delete freed.dataset.pictures;
  if (bytes === null) {
    freed.textContent = t('storage.nothingStored');
    freed.dataset.pictures = '0';
    return;
  }
  button.disabled = true;
  freed.textContent = t('storage.freeing');
  try {
    const result = await api.storage.free(bytes);
    freed.textContent = freedText(result);
    freed.dataset.pictures = String(result?.pictures ?? 0);
    freed.dataset.bytes = String(result?.bytes ?? 0);
    if (result?.pictures) emit('pictures-freed', result);
    await loadStorage();
  } catch (err) {
    freed.hidden = true;
    showFormError(error, err);
  } finally {
    button.disabled = false;
  }
}

function showAmountInput() {
  const custom = byId('storage-free-amount').value === 'mib';
  byId('storage-free-mib').hidden = !custom;
  byId('storage-free-unit').hidden = !custom;
}

export function initStorageView() {
  byId('storage-free-amount').addEventListener('change', showAmountInput);
  byId('storage-free').addEventListener('click', freeSpace);
  showAmountInput();
}
