// The reader's header: title, meta line (date in the article's own offset, author, source, original link),
// and for portal articles the portal's facts (portal-header.js) and the 摘要 box.
import { byId, h, replaceChildren } from './dom.js';
import { formatDateTime } from './format.js';
import { t } from './i18n.js';
import { renderPortalHeader } from './portal-header.js';
import { joinWithDots, outsideLink } from './reader-parts.js';

/** Text of a value that may carry markup; parsed in an inert document, never inserted as HTML. */
function plainText(value) {
  if (!value) return '';
  if (!/<[a-z!/]/i.test(value)) return value.trim();
  return (new DOMParser().parseFromString(value, 'text/html').body.textContent ?? '').trim();
}

function renderMeta(article) {
  const date = article.published || article.updated;
  replaceChildren(byId('reader-meta'), joinWithDots([
    h('time', { class: 'meta-date', datetime: date, text: date ? formatDateTime(date) : t('reader.noDate') }),
    // A portal article names its publisher among the portal's facts.
    article.author && article.author !== article.portal?.publisher
      ? h('span', { class: 'meta-author', text: t('reader.by', { author: article.author }) }) : null,
    article.source_title ? h('span', { class: 'meta-source', text: article.source_title }) : null,
    article.link ? outsideLink(article.link, t('reader.original'), 'meta-link') : null,
  ]));
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
  renderPortalHeader(article.portal);
  renderSummary(article);
}
