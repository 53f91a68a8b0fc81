// The error banner (#banner) and the status line (#status): how the UI tells the reader what happened.
import { byId, h, replaceChildren } from './dom.js';
import { describeError, t } from './i18n.js';

/** Shows `text` (and optionally an error's detail) in the banner until dismissed or replaced. */
export function showBanner(text) {
  const banner = byId('banner');
  const dismiss = h('button', { type: 'button', class: 'banner-dismiss', text: t('banner.dismiss') });
  dismiss.addEventListener('click', clearBanner);
  replaceChildren(banner, h('span', { class: 'banner-text', text }), dismiss);
  banner.hidden = false;
}

/** Shows an API error in the banner: the catalog's words for its kind, with the back end's message. */
export function showError(err, lead) {
  console.error(err);
  const text = describeError(err);
  showBanner(lead ? `${lead} ${text}` : text);
}

export function clearBanner() {
  const banner = byId('banner');
  banner.hidden = true;
  banner.replaceChildren();
}

/** Replaces the status line; `kind` = 'error' marks it as a failure. */
export function setStatus(text, kind = 'info') {
  const status = byId('status');
  status.textContent = text;
  status.dataset.kind = kind;
}
