// What a drop onto the window carries, read as a page to save: the first address of a text/uri-list (what a
// dragged link carries), else plain text that is one http(s) address; the desktop shell's own drop event
// gives a list of "paths" instead, dragged links among them. No DOM here, so it is tested under plain node.
import { openableUrl } from './links.js';

/** The longest piece of refused text quoted back to the reader. */
const QUOTE_MAX = 80;

/** The first address of a text/uri-list (lines starting with # are comments). */
function firstUri(list) {
  return String(list ?? '').split(/\r?\n/).map((line) => line.trim()).find((line) => line && !line.startsWith('#'));
}

/** `{url}` for an http(s) address, `{text}` (shortened) for anything else. */
function asLink(text) {
  const url = /^\S+$/.test(text) ? openableUrl(text) : null;
  return url ? { url } : { text: text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX - 1)}…` : text };
}

/**
 * What an HTML drop carries (`types` and `getData` of its DataTransfer): `{url}` for a link, `{text}` for other
 * text, `{files: true}` for files alone, null for nothing at all.
 */
export function droppedLink({ types, getData }) {
  const kinds = [...(types ?? [])];
  const text = (kinds.includes('text/uri-list') ? firstUri(getData('text/uri-list')) : '')
    || (kinds.includes('text/plain') ? String(getData('text/plain') ?? '').trim() : '');
  if (text) return asLink(text);
  return kinds.includes('Files') ? { files: true } : null;
}

/** The same for the desktop shell's drop event (`paths`): its first http(s) address, else files. */
export function linkFromPaths(paths) {
  const list = Array.isArray(paths) ? paths.map(String) : [];
  const url = list.map((path) => openableUrl(path)).find(Boolean);
  if (url) return { url };
  return list.length ? { files: true } : null;
}
