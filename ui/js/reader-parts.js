// Small pieces the reader's lines share: parts joined by dots, and outside links that open in the system
// browser (reader.js has links.js catch their clicks) and never tell the site where the reader came from.
import { h } from './dom.js';
import { openableUrl } from './links.js';

/** `parts` (nulls skipped) with a dot between each two. */
export function joinWithDots(parts) {
  const out = [];
  for (const part of parts.filter(Boolean)) {
    if (out.length) out.push(h('span', { class: 'sep', 'aria-hidden': 'true', text: ' · ' }));
    out.push(part);
  }
  return out;
}

/** A link to `href` when it is http(s), else the text alone. */
export function outsideLink(href, text, className) {
  const url = openableUrl(href);
  if (!url) return h('span', { class: className, text });
  return h('a', { class: className, href: url, target: '_blank', rel: 'noopener noreferrer', text });
}
