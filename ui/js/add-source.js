// The "Add source" form: subscribe by URL, show the error inline naming the URL, and let the reader pick
// when a page offers several feeds (`multiple_feeds` → sources_add again with a 1-based `pick`) or is a
// portal's page (`portal_categories` → the category picker of portal-follow.js).
import { api } from './api.js';
import { byId, h, replaceChildren } from './dom.js';
import { describeError, t } from './i18n.js';
import { setStatus, showError } from './notice.js';
import { hidePortalCategories, initPortalFollow, showPortalCategories } from './portal-follow.js';
import { refreshSources } from './sources.js';
import { setView, state } from './state.js';

function openForm(open) {
  const form = byId('add-form');
  form.hidden = !open;
  byId('add-source').setAttribute('aria-expanded', String(open));
  if (open) byId('add-url').focus();
  else resetMessages();
}

function resetMessages() {
  const error = byId('add-error');
  error.hidden = true;
  error.textContent = '';
  const candidates = byId('add-candidates');
  candidates.hidden = true;
  candidates.replaceChildren();
  hidePortalCategories();
}

function showFailure(url, err) {
  const error = byId('add-error');
  error.textContent = t('add.failed', { url, reason: describeError(err) });
  error.dataset.kind = err.kind;
  error.hidden = false;
}

function showCandidates(url, candidates) {
  const error = byId('add-error');
  error.textContent = t('add.pick', { url });
  error.dataset.kind = 'multiple_feeds';
  error.hidden = false;
  const list = byId('add-candidates');
  replaceChildren(list, candidates.map((candidate, index) => {
    const button = h('button', { type: 'button', class: 'candidate', dataset: { pick: String(index + 1) } },
      h('span', { class: 'candidate-title', text: candidate.title || candidate.url }),
      h('span', { class: 'candidate-url', text: candidate.url }));
    button.addEventListener('click', () => add(url, index + 1));
    return h('li', {}, button);
  }));
  list.hidden = false;
}

function setBusy(busy) {
  const submit = byId('add-submit');
  submit.disabled = busy;
  submit.textContent = t(busy ? 'add.busy' : 'add.submit');
  byId('add-form').setAttribute('aria-busy', String(busy));
}

/** Categories of a portal were followed: they are listed in the portal's folder, which the list then shows. */
async function followed(sources, site) {
  byId('add-url').value = '';
  openForm(false);
  const name = site.name || site.site_url;
  setStatus(sources.length === 1
    ? t('portal.follow.doneOne', { name, title: sources[0].title })
    : t('portal.follow.done', { name, count: sources.length }));
  await refreshSources();
  if (!sources.length) return;
  const folder = sources[0].folder ?? [];
  if (sources.length === 1 || !folder.length) setView({ type: 'source', id: sources[0].id });
  else setView({ type: 'folder', path: folder });
}

async function add(url, pick) {
  resetMessages();
  setBusy(true);
  try {
    const source = await api.sources.add(url, pick);
    byId('add-url').value = '';
    openForm(false);
    setStatus(t('add.added', { title: source.title || source.url }));
    await refreshSources();
    setView({ type: 'source', id: source.id });
  } catch (err) {
    if (err.kind === 'multiple_feeds' && Array.isArray(err.details?.candidates)) {
      showCandidates(url, err.details.candidates);
    } else if (err.kind === 'portal_categories' && Array.isArray(err.details?.categories)) {
      showPortalCategories(url, err.details, { onFollowed: followed, onFailed: showFailure });
    } else if (err.kind === 'already_subscribed' && err.details?.source_id != null) {
      showFailure(url, err);
      setView({ type: 'source', id: err.details.source_id });
    } else {
      showFailure(url, err);
    }
  } finally {
    setBusy(false);
  }
}

export function initAddSource() {
  initPortalFollow();
  byId('add-source').addEventListener('click', () => openForm(byId('add-form').hidden));
  byId('add-cancel').addEventListener('click', () => openForm(false));
  byId('add-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const url = byId('add-url').value.trim();
    if (url) add(url);
    else byId('add-url').focus();
  });
  byId('add-form').addEventListener('keydown', (event) => {
    if (event.key === 'Escape') openForm(false);
  });
}
