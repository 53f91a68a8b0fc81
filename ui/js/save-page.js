// "Save a page" (#save-form beside Add source): an article page's address, typed, pasted or dropped on the
// window (drop-link.js), goes to pages_save with its progress shown while the page and its pictures are
// fetched, and a failure shown inline naming the address. The saved article opens in the reader, in the
// Saved source's list (it is bookmarked too, so Bookmarks lists it).
import { api } from './api.js';
import { byId } from './dom.js';
import { describeError, t } from './i18n.js';
import { setStatus } from './notice.js';
import { refreshSources } from './sources.js';
import { emit, setView } from './state.js';

/** The address being saved, or null. */
let saving = null;

function openForm(open) {
  const form = byId('save-form');
  form.hidden = !open;
  byId('save-page').setAttribute('aria-expanded', String(open));
  if (open) byId('save-url').focus();
  else if (!saving) clearError();
}

function clearError() {
  const error = byId('save-error');
  error.hidden = true;
  error.textContent = '';
  delete error.dataset.kind;
}

function showError(text, kind) {
  const error = byId('save-error');
  error.textContent = text;
  error.dataset.kind = kind;
  error.hidden = false;
}

/** Shows that `url` is being saved (null: nothing is). */
function showProgress(url) {
  saving = url;
  const form = byId('save-form');
  form.setAttribute('aria-busy', String(Boolean(url)));
  const submit = byId('save-submit');
  submit.disabled = Boolean(url);
  submit.textContent = t(url ? 'save.busy' : 'save.submit');
  byId('save-progress').hidden = !url;
  byId('save-progress-text').textContent = url ? t('save.progress', { url }) : '';
  if (url) setStatus(t('save.progress', { url }));
}

/** Saves the page at `url` and opens it; a second address while one is being saved is refused inline. */
export async function savePage(url) {
  openForm(true);
  if (saving) {
    // The same link dropped twice (or reported by both the page and the shell) is the same request.
    if (saving !== url) showError(t('save.stillSaving', { url: saving }), 'busy');
    return;
  }
  byId('save-url').value = url;
  clearError();
  const form = byId('save-form');
  form.dataset.state = 'saving';
  showProgress(url);
  try {
    const article = await api.pages.save(url);
    byId('save-url').value = '';
    form.dataset.state = 'saved';
    showProgress(null);
    openForm(false);
    setStatus(t('save.saved', { title: article.title || url }));
    await refreshSources();
    setView({ type: 'source', id: article.source_id });
    emit('open', article.id);
  } catch (err) {
    form.dataset.state = 'failed';
    showProgress(null);
    showError(t('save.failed', { url, reason: describeError(err) }), err.kind);
    setStatus(t('save.failed', { url, reason: describeError(err) }), 'error');
  }
}

/** Says inline why a drop was not saved: `found` is {text} (not a web address) or {files: true}. */
export function refuseDrop(found) {
  openForm(true);
  if (found.files) showError(t('save.notALinkFile'), 'invalid_url');
  else showError(t('save.notALink', { text: found.text }), 'invalid_url');
}

export function initSavePage() {
  byId('save-page').addEventListener('click', () => openForm(byId('save-form').hidden));
  byId('save-cancel').addEventListener('click', () => openForm(false));
  byId('save-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const url = byId('save-url').value.trim();
    if (url) savePage(url);
    else byId('save-url').focus();
  });
  byId('save-form').addEventListener('keydown', (event) => {
    if (event.key === 'Escape') openForm(false);
  });
}
