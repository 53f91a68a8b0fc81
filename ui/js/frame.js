// The article body frame: builds the srcdoc (the back end's sanitized HTML, a CSP meta, the reader stylesheet,
// the reader's text size and theme), and sizes the iframe to its content once its pictures have loaded, so a
// reading position restored afterwards lands where it was. Links, keys and drops inside it: frame-events.js.
// The frame is sandboxed without allow-scripts; allow-same-origin only lets this module reach its document.
import { forwardDrops, forwardKeys, interceptLinks } from './frame-events.js';
import { readerStyle } from './reader-style.js';

// Pictures come only from the library's stored copies: the page's own origin in web mode, the jbpic:
// protocol in the desktop app (http://jbpic.localhost on Windows). Nothing in an article loads from the network.
const FRAME_CSP = "default-src 'none'; img-src 'self' data: jbpic: http://jbpic.localhost; style-src 'unsafe-inline'";
/** The longest an article waits for its pictures before it is laid out without them (they are local files). */
const PICTURES_WAIT_MS = 5000;

/** Where the article's `pictures/...` references resolve: the app's picture protocol, or (web mode) this page. */
function pictureBase() {
  const convert = window.__TAURI__?.core?.convertFileSrc;
  return convert ? convert('', 'jbpic') : '';
}

/**
 * The article's picture references (`pictures/ab/….png`) made absolute against `base`. Not with a <base> in
 * the frame: the window's CSP (base-uri 'none') holds in its srcdoc frame too, so a <base> is ignored and the
 * pictures would be asked of the app's own origin. DOMParser loads nothing while it parses.
 */
function resolvePictures(html, base) {
  if (!base) return html;
  const doc = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
  for (const img of doc.querySelectorAll('img[src^="pictures/"]')) img.setAttribute('src', base + img.getAttribute('src'));
  return doc.body.innerHTML;
}

/** The <html> attributes that carry the text size and theme (`look`: {theme, scale} from comfort.js). */
function lookAttributes(look) {
  const theme = String(look?.theme ?? 'system').replace(/[^a-z]/g, '');
  const scale = Number(look?.scale) > 0 ? Number(look.scale) : 1;
  return ` data-theme="${theme}" style="--font-scale: ${scale}"`;
}

/** The full document shown in the frame. `html` is already sanitized by the back end. */
export function frameDocument(html, { lang, look } = {}) {
  return '<!doctype html><html' + (lang ? ` lang="${lang.replace(/[^A-Za-z0-9-]/g, '')}"` : '')
    + lookAttributes(look) + '><head>'
    + '<meta charset="utf-8">'
    + `<meta http-equiv="Content-Security-Policy" content="${FRAME_CSP}">`
    + '<meta name="referrer" content="no-referrer">'
    + '<meta name="color-scheme" content="light dark">'
    + `<style>${readerStyle}</style>`
    + `</head><body><div class="body">${resolvePictures(html, pictureBase())}</div></body></html>`;
}

/** Plain text as paragraphs of escaped HTML (for articles that carry no HTML body). */
export function textToHtml(text) {
  const escape = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean)
    .map((p) => `<p>${escape(p).replace(/\n/g, '<br>')}</p>`).join('');
}

function fit(frame) {
  const doc = frame.contentDocument;
  if (!doc?.documentElement) return;
  // The root's own box, not scrollHeight: scrollHeight never drops below the frame's current height.
  const height = Math.ceil(doc.documentElement.getBoundingClientRect().height);
  frame.style.height = `${height}px`;
}

/**
 * Resolves once every picture in `doc` has loaded or failed, or after PICTURES_WAIT_MS: a picture that arrives
 * after the position is restored would move the text the reader left off at. Pictures marked loading="lazy"
 * are asked for at once (they are local copies; browsers already ignore the mark where scripting is off, as
 * in this frame, but the size must not depend on that).
 */
function picturesSettled(doc) {
  const waits = [];
  for (const img of doc.images) {
    if (img.loading === 'lazy') img.loading = 'eager';
    if (img.complete) continue;
    waits.push(new Promise((resolve) => {
      img.addEventListener('load', resolve, { once: true });
      img.addEventListener('error', resolve, { once: true });
    }));
  }
  if (!waits.length) return Promise.resolve();
  return Promise.race([Promise.all(waits), new Promise((resolve) => setTimeout(resolve, PICTURES_WAIT_MS))]);
}

let observer = null;
/** The document being shown: {onLoad, resolve} until it is sized or replaced. */
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

/** Forgets the previous document: its size watcher and, if it was not sized yet, its waiting caller. */
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
 * Shows `html` in `frame`; resolves to true once it is laid out with its pictures and sized, or to false if
 * another document replaced it first. `scroller` is the element that scrolls the frame (used for #anchors);
 * `look` is the text size and theme ({theme, scale}).
 */
export function showInFrame(frame, html, { lang, scroller, look } = {}) {
  settlePrevious(frame);
  return new Promise((resolve) => {
    const mine = { resolve };
    mine.onLoad = async () => {
      const doc = frame.contentDocument;
      if (doc) {
        interceptLinks(frame, doc, scroller);
        forwardKeys(doc);
        forwardDrops(frame, doc);
        watchSize(frame, doc);
        fit(frame);
        await picturesSettled(doc);
      }
      if (pending !== mine) return;
      pending = null;
      fit(frame);
      resolve(true);
    };
    pending = mine;
    frame.addEventListener('load', mine.onLoad, { once: true });
    frame.srcdoc = frameDocument(html, { lang, look });
  });
}

/** Gives the shown document another text size or theme (`look`: {theme, scale}) and refits the frame. */
export function restyleFrame(frame, look) {
  const root = frame.contentDocument?.documentElement;
  if (!root || !frame.getAttribute('srcdoc')) return;
  root.dataset.theme = look.theme;
  root.style.setProperty('--font-scale', String(look.scale));
  fit(frame);
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
