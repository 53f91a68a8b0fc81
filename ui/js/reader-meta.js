// The reader's header: title, meta line (date in the article's own offset, author, source, original link),
// and for portal articles the category path, publisher, 來自, views, comments and the 摘要 box.
import { byId, h, replaceChildren } from './dom.js';
import { formatCount, formatDateTime } from './format.js';
import { t } from './i18n.js';
import { openableUrl } from './links.js';

/** An outside link that never tells the site where the reader came from; reader.js has links.js open it
 *  (in the system browser in the desktop app). */
function outsideLink(href, text, className) {
  const url = openableUrl(href);
  if (!url) return h('span', { class: className, text });
  return h('a', { class: className, href: url, target: '_blank', rel: 'noopener noreferrer', text });
}

/** Text of a value that may carry markup; parsed in an inert document, never inserted as HTML. */
function plainText(value) {
  if (!value) return '';
  if (!/<[a-z!/]/i.test(value)) return value.trim();
  return (new DOMParser().parseFromString(value, 'text/html').body.textContent ?? '').trim();
}

function joinWithDots(parts) {
  const out = [];
  for (const part of parts.filter(Boolean)) {
    if (out.length) out.push(h('span', { class: 'sep', 'aria-hidden': 'true', text: ' · ' }));
    out.push(part);
  }
  return out;
}

function renderMeta(article) {
  const date = article.published || article.updated;
  replaceChildren(byId('reader-meta'), joinWithDots([
    h('time', { class: 'meta-date', datetime: date, text: date ? formatDateTime(date) : t('reader.noDate') }),
    article.author ? h('span', { class: 'meta-author', text: t('reader.by', { author: article.author }) }) : null,
    article.source_title ? h('span', { class: 'meta-source', text: article.source_title }) : null,
    article.link ? outsideLink(article.link, t('reader.original'), 'meta-link') : null,
  ]));
}

function renderPortal(portal) {
  const box = byId('reader-portal');
  box.hidden = !portal;
  if (!portal) {
    box.replaceChildren();
    return;
  }
  const path = [portal.section, ...(portal.category_path ?? [])].filter(Boolean);
  const from = portal.source_name
    ? h('span', { class: 'portal-from' }, t('portal.from'),
      portal.source_link ? outsideLink(portal.source_link, portal.source_name, 'portal-source')
        : h('span', { class: 'portal-source', text: portal.source_name }))
    : null;
  const views = portal.views === null || portal.views === undefined ? null
    : h('span', { class: 'portal-views', text: t('portal.views', { count: formatCount(portal.views) }) });
  const comments = portal.comment_count === null || portal.comment_count === undefined ? null
    : h('span', { class: 'portal-comments', text: t('portal.comments', { count: formatCount(portal.comment_count) }) });
  replaceChildren(box,
    path.length ? h('p', { class: 'portal-path', text: path.join(t('portal.categorySeparator')) }) : null,
    h('p', { class: 'portal-meta' }, joinWithDots([
      portal.publisher ? h('span', { class: 'portal-publisher', text: t('portal.publisher', { name: portal.publisher }) }) : null,
      portal.original_author
        ? h('span', { class: 'portal-author', text: t('portal.author', { name: portal.original_author }) }) : null,
      comments,
      from,
      views,
    ])));
}

function renderSummary(article) {
  const box = byId('reader-summary');
  const text = article.portal ? plainText(article.summary) : '';
  box.hidden = !text;
  box.querySelector('.summary-text').textContent = text;
}

/** Fills the header of the reader for `article`. */
export function renderHeader(article) {
  byId('reader-title').textContent = plainText(article.title) || '—';
  renderMeta(article);
  renderPortal(article.portal);
  renderSummary(article);
}
