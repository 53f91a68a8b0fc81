// OPML in the settings dialog: import a file the reader picks (read here, sent as text to opml_import; the report
// says what was added, already subscribed or refused; new sources are then synced) and export (opml_export shown
// in a read-only text box to copy, plus a download link in web mode, where downloads work).
import { api, transport } from './api.js';
import { clearFormError, showFormError } from './dialog.js';
import { byId, h, replaceChildren } from './dom.js';
import { formatCount } from './format.js';
import { t } from './i18n.js';
import { refreshSources, reloadView } from './sources.js';
import { syncDue } from './sync.js';

let downloadUrl = null;

function dropDownload() {
  if (downloadUrl) URL.revokeObjectURL(downloadUrl);
  downloadUrl = null;
  const link = byId('opml-download');
  link.hidden = true;
  link.removeAttribute('href');
}

/** Clears what the last import or export showed. */
export function resetOpml() {
  const report = byId('opml-report');
  report.hidden = true;
  report.replaceChildren();
  delete report.dataset.added;
  clearFormError(byId('opml-error'));
  byId('opml-text').hidden = true;
  byId('opml-text').value = '';
  dropDownload();
}

function showReport(name, result) {
  const refused = Array.isArray(result.refused) ? result.refused : [];
  const report = byId('opml-report');
  replaceChildren(report,
    h('p', { text: t('opml.report', {
      name,
      added: formatCount(result.added ?? 0),
      already: formatCount(result.already_subscribed ?? 0),
    }) }),
    refused.length ? h('p', { text: t('opml.refused', { count: formatCount(refused.length) }) }) : null,
    refused.length ? h('ul', { class: 'opml-refused' }, refused.map((message) => h('li', { text: message }))) : null);
  report.dataset.added = String(result.added ?? 0);
  report.dataset.already = String(result.already_subscribed ?? 0);
  report.dataset.refused = String(refused.length);
  report.hidden = false;
}

async function importFile(input) {
  const file = input.files?.[0];
  if (!file) return;
  resetOpml();
  const report = byId('opml-report');
  report.textContent = t('opml.importing', { name: file.name });
  report.hidden = false;
  try {
    const result = await api.opml.import(await file.text());
    showReport(file.name, result);
    if (result.added > 0) {
      await refreshSources();
      reloadView();
      syncDue();
    }
  } catch (err) {
    report.hidden = true;
    showFormError(byId('opml-error'), err);
  } finally {
    // The same file can be picked again after fixing it.
    input.value = '';
  }
}

async function exportOpml() {
  resetOpml();
  let text;
  try {
    ({ text } = await api.opml.export());
  } catch (err) {
    showFormError(byId('opml-error'), err);
    return;
  }
  const box = byId('opml-text');
  box.value = text;
  box.hidden = false;
  if (transport === 'http') {
    downloadUrl = URL.createObjectURL(new Blob([text], { type: 'text/x-opml;charset=utf-8' }));
    const link = byId('opml-download');
    link.href = downloadUrl;
    link.download = t('opml.fileName');
    link.hidden = false;
  }
  box.focus();
  box.select();
}

export function initOpml() {
  const input = byId('opml-file');
  input.addEventListener('change', () => importFile(input));
  byId('opml-import').addEventListener('click', () => input.click());
  byId('opml-export').addEventListener('click', exportOpml);
  byId('opml-text').addEventListener('focus', () => byId('opml-text').select());
}
