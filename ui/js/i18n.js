// Translation: picks the catalog for the user's language and fills `{name}` placeholders.
// Also turns an API error ({kind, message}) into one readable line.
import { catalogs, fallbackLocale } from './messages.js';

/** The best catalog tag for the browser's languages (zh-TW → zh-Hant, zh-CN → zh-Hans when present). */
function pickLocale(languages) {
  for (const tag of languages) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) {
      const hans = /^zh-(cn|sg|hans)/.test(lower);
      const want = hans ? 'zh-Hans' : 'zh-Hant';
      if (catalogs[want]) return want;
    }
    if (catalogs[tag]) return tag;
    const base = tag.split('-')[0];
    if (catalogs[base]) return base;
  }
  return fallbackLocale;
}

export const locale = pickLocale(navigator.languages?.length ? navigator.languages : [navigator.language || 'en']);
const active = catalogs[locale];
const fallback = catalogs[fallbackLocale];

/** The message for `key`, with `{name}` replaced by `params.name`. Unknown keys come back as the key itself. */
export function t(key, params = {}) {
  const template = active[key] ?? fallback[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** Whether the catalog knows `key` (used to map unknown error kinds to a generic message). */
export function has(key) {
  return key in active || key in fallback;
}

/** The catalog's words for an error kind, without the back end's detail. */
export function errorReason(err) {
  const key = `errors.${err?.kind}`;
  return has(key) ? t(key) : t('errors.unknown');
}

/** The catalog's words for an error kind plus the back end's message (which names the URL or source). */
export function describeError(err) {
  const reason = errorReason(err);
  const detail = err?.message;
  return detail && detail !== reason ? t('errors.detail', { reason, detail }) : reason;
}

/** Fills every element carrying `data-i18n` (text), `data-i18n-title`, `data-i18n-placeholder` or
 *  `data-i18n-aria-label` from the catalog, so index.html holds no visible English. */
export function translatePage(root = document) {
  document.documentElement.lang = locale;
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of root.querySelectorAll('[data-i18n-aria-label]')) {
    el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  }
}
