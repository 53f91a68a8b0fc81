// What a portal article's page shows under its body, from the stored article only (#reader-extras): the
// related articles (outside links) and the comments (author, time, text as plain text), newest first.
import { byId, h, replaceChildren } from './dom.js';
import { formatCount, formatShortDate } from './format.js';
import { t } from './i18n.js';
import { outsideLink } from './reader-parts.js';

function related(items) {
  if (!items?.length) return null;
  return h('section', { id: 'portal-related', class: 'portal-related', 'aria-labelledby': 'portal-related-heading' },
    h('h2', { id: 'portal-related-heading', text: t('portal.related') }),
    h('ul', {}, items.map((item) => h('li', { dataset: { url: item.url } },
      outsideLink(item.url, item.title || item.url, 'related-link')))));
}

function comment(item, index) {
  const author = item.author || t('portal.guest');
  return h('li', { class: 'portal-comment', dataset: { index: String(index) } },
    h('p', { class: 'portal-comment-head' },
      h('span', { class: 'comment-author', text: author }),
      item.time ? h('time', { class: 'comment-time', datetime: item.time, text: formatShortDate(item.time) }) : null),
    h('p', { class: 'comment-text', text: item.text ?? '' }));
}

function comments(portal) {
  const items = portal.comments ?? [];
  if (!items.length) return null;
  const count = Math.max(items.length, portal.comment_count ?? 0);
  return h('section', { id: 'portal-comments', class: 'portal-comments', 'aria-labelledby': 'portal-comments-heading',
    dataset: { count: String(items.length) } },
  h('h2', { id: 'portal-comments-heading', text: t('portal.commentsHeading', { count: formatCount(count) }) }),
  // The portal counted more than it showed (a comment page failed, or comments came since): say how many are here.
  count > items.length ? h('p', { class: 'dialog-hint', text: t('portal.commentsShown', { shown: formatCount(items.length) }) }) : null,
  h('ol', { class: 'portal-comment-list' }, items.map(comment)));
}

/** Fills #reader-extras for `portal` (the article's portal facts), or empties it for any other article. */
export function renderPortalExtras(portal) {
  const box = byId('reader-extras');
  const parts = portal ? [related(portal.related), comments(portal)].filter(Boolean) : [];
  box.hidden = !parts.length;
  replaceChildren(box, parts);
}
