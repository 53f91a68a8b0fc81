// The article body frame: builds the srcdoc (the back end's sanitized HTML, a CSP meta and the reader
// stylesheet), sizes the iframe to its content, and keeps links from navigating the frame.
// The frame is sandboxed without allow-scripts; allow-same-origin only lets this module reach its document.
import { readerStyle } from './reader-style.js';

// Pictures come only from the library's stored copies: the page's own origin in web mode, the jbpic:
// protocol in the desktop app (http://jbpic.localhost on Windows). Nothing in an article loads from the network.
const FRAME_CSP = "default-src 'none'; img-src 'self' data: jbpic: http://jbpic.localhost; style-src 'unsafe-inline'";

/** Where the article's `pictures/...` references resolve: the app's picture protocol, or (web mode) this page. */
function pictureBase() {
  const convert = window.__TAURI__?.core?.convertFileSrc;
  return convert ? convert('', 'jbpic') : '';
}

/** The full document shown in the frame. `html` is already sanitized by the back end. */
export function frameDocument(html, lang) {
  return '<!doctype html><html' + (lang ? ` lang="${lang.replace(/[^A-Za-z0-9-]/g, '')}"` : '') + '><head>'
    + '<meta charset="utf-8">'
    + `<meta http-equiv="Content-Security-Policy" content="${FRAME_CSP}">`
    + (pictureBase() ? `<base href="${pictureBase().replace(/"/g, '')}">` : '')
    + '<meta name="referrer" content="no-referrer">'
    + '<meta name="color-scheme" content="light dark">'
    + `<style>${readerStyle}</style>`
    + `</head><body><div class="body">${html}</div></body></html>`;
}

/** Plain text as paragraphs of escaped HTML (for articles that carry no HTML body). */
export function textToHtml(text) {
  const escape = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean)
    .map((p) => `<p>${escape(p).replace(/\n/g, '<br>')}</p>`).join('');
}

/** http(s) URLs only; everything else (javascript:, data:, file:…) is dropped. */
function openableUrl(href) {
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function fit(frame) {
  const doc = frame.contentDocument;
  if (!doc?.documentElement) return;
  // The root's own box, not scrollHeight: scrollHeight never drops below the frame's current height.
  const height = Math.ceil(doc.documentElement.getBoundingClientRect().height);
  frame.style.height = `${height}px`;
}

/** Follows an in-article `#anchor` by scrolling the pane that holds the frame. */
function scrollToAnchor(frame, id, scroller) {
  const target = frame.contentDocument.getElementById(id) ?? frame.contentDocument.getElementsByName(id)[0];
  if (!target || !scroller) return;
  const top = frame.getBoundingClientRect().top + target.getBoundingClientRect().top;
  scroller.scrollTop += top - scroller.getBoundingClientRect().top;
}

function interceptLinks(frame, doc, scroller) {
  const onClick = (event) => {
    if (event.button > 1) return;
    const link = event.target?.closest?.('a[href]');
    if (!link) return;
    event.preventDefault();
    const raw = link.getAttribute('href') ?? '';
    if (raw.startsWith('#')) {
      scrollToAnchor(frame, decodeURIComponent(raw.slice(1)), scroller);
      return;
    }
    const url = openableUrl(link.href);
    if (url) window.open(url, '_blank', 'noopener');
  };
  doc.addEventListener('click', onClick, true);
  doc.addEventListener('auxclick', onClick, true);
}

/** Key presses inside the frame reach the window's shortcuts (j/k, s/b, r). */
function forwardKeys(doc) {
  doc.addEventListener('keydown', (event) => {
    const copy = new KeyboardEvent('keydown', {
      key: event.key,
      code: event.code,
      altKey: event.altKey,
      ctrlKey: event.ctrlKey,
      metaKey: event.metaKey,
      shiftKey: event.shiftKey,
      bubbles: true,
      cancelable: true,
    });
    if (!document.dispatchEvent(copy)) event.preventDefault();
  });
}

let observer = null;
let pending = null;

function watchSize(frame, doc) {
  const refit = () => fit(frame);
  for (const img of doc.images) {
    img.addEventListener('load', refit);
    img.addEventListener('error', refit);
  }
  if (typeof ResizeObserver === 'function' && doc.body) {
    observer = new ResizeObserver(refit);
    observer.observe(doc.body);
  }
}

/** Forgets the previous document: its size watcher and, if it never loaded, its waiting caller. */
function settlePrevious(frame) {
  observer?.disconnect();
  observer = null;
  if (pending) {
    frame.removeEventListener('load', pending.onLoad);
    pending.resolve(false);
    pending = null;
  }
}

/**
 * Shows `html` in `frame`; resolves to true once it is laid out and sized, or to false if another
 * document replaced it first. `scroller` is the element that scrolls the frame (used for #anchors).
 */
export function showInFrame(frame, html, { lang, scroller } = {}) {
  settlePrevious(frame);
  return new Promise((resolve) => {
    const onLoad = () => {
      pending = null;
      const doc = frame.contentDocument;
      if (doc) {
        interceptLinks(frame, doc, scroller);
        forwardKeys(doc);
        watchSize(frame, doc);
        fit(frame);
      }
      resolve(true);
    };
    pending = { onLoad, resolve };
    frame.addEventListener('load', onLoad, { once: true });
    frame.srcdoc = frameDocument(html, lang);
  });
}

/** Empties the frame (an article was closed). */
export function clearFrame(frame) {
  settlePrevious(frame);
  frame.removeAttribute('srcdoc');
  frame.style.height = '0px';
}

/** Refits the frame when the window changes width (text reflows). */
export function fitOnResize(frame) {
  window.addEventListener('resize', () => fit(frame));
}
