// The portal facts above a portal article (#reader-portal), from the stored article only: the category path
// (each category lists its articles when clicked), the publisher (lists theirs), 原作者, views when the page
// showed them, the comment count and 來自 (a link when the page gave one).
import { byId, h, replaceChildren } from './dom.js';
import { formatCount } from './format.js';
import { t } from './i18n.js';
import { joinWithDots, outsideLink } from './reader-parts.js';
import { setView } from './state.js';

function viewButton(className, text, title, dataset, view) {
  const button = h('button', { type: 'button', class: `link-button ${className}`, title, dataset, text });
  button.addEventListener('click', () => setView(view));
  return button;
}

/** 門戶 › 城事資訊 › 安源區政府: the section as text, each category a button listing its articles. */
function pathLine(portal) {
  const parts = [];
  const separator = () => h('span', { class: 'sep', 'aria-hidden': 'true', text: t('portal.categorySeparator') });
  if (portal.section) parts.push(h('span', { class: 'portal-section', text: portal.section }));
  for (const name of portal.category_path ?? []) {
    if (!name) continue;
    if (parts.length) parts.push(separator());
    parts.push(viewButton('portal-category', name, t('portal.categoryTitle', { name }), { category: name },
      { type: 'category', name }));
  }
  return parts.length ? h('p', { id: 'portal-path', class: 'portal-path' }, parts) : null;
}

function counted(className, key, count) {
  if (count === null || count === undefined) return null;
  return h('span', { class: className, dataset: { count: String(count) }, text: t(key, { count: formatCount(count) }) });
}

function factsLine(portal) {
  const publisher = portal.publisher
    ? h('span', { class: 'portal-publisher' }, t('portal.publisherLabel'),
      viewButton('portal-publisher-link', portal.publisher, t('portal.publisherTitle', { name: portal.publisher }),
        { publisher: portal.publisher }, { type: 'publisher', name: portal.publisher }))
    : null;
  const author = portal.original_author
    ? h('span', { class: 'portal-author', text: t('portal.author', { name: portal.original_author }) }) : null;
  const from = portal.source_name
    ? h('span', { class: 'portal-from' }, t('portal.from'),
      portal.source_link ? outsideLink(portal.source_link, portal.source_name, 'portal-source')
        : h('span', { class: 'portal-source', text: portal.source_name }))
    : null;
  return h('p', { class: 'portal-meta' }, joinWithDots([
    publisher,
    author,
    counted('portal-views', 'portal.views', portal.views),
    counted('portal-comments', 'portal.comments', portal.comment_count),
    from,
  ]));
}

/** Fills #reader-portal for `portal` (the article's portal facts), or hides it for any other article. */
export function renderPortalHeader(portal) {
  const box = byId('reader-portal');
  box.hidden = !portal;
  if (!portal) {
    box.replaceChildren();
    return;
  }
  replaceChildren(box, pathLine(portal), factsLine(portal));
}
