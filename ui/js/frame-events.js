// What happens inside the article frame besides showing it: links go outside Jianbao (links.js) or, for an
// in-article #anchor, scroll the pane that holds the frame; key presses reach the window's shortcuts, and
// links dropped on the article reach the window's drop handling (drop-link.js).
import { openOutside } from './links.js';

/** Follows an in-article `#anchor` by scrolling the pane that holds the frame. */
function scrollToAnchor(frame, id, scroller) {
  const target = frame.contentDocument.getElementById(id) ?? frame.contentDocument.getElementsByName(id)[0];
  if (!target || !scroller) return;
  const top = frame.getBoundingClientRect().top + target.getBoundingClientRect().top;
  scroller.scrollTop += top - scroller.getBoundingClientRect().top;
}

/** Clicks on links in the frame never navigate it: #anchors scroll, http(s) links (article links and the
 *  placeholders of missing pictures) open outside, anything else (javascript:, file:…) does nothing. */
export function interceptLinks(frame, doc, scroller) {
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
    openOutside(link.href);
  };
  doc.addEventListener('click', onClick, true);
  doc.addEventListener('auxclick', onClick, true);
}

/** Key presses inside the frame reach the window's shortcuts (j/k, s/b, r). */
export function forwardKeys(doc) {
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

/** A link dropped on the article is handled by the window (drop-link.js) instead of replacing the article. */
export function forwardDrops(frame, doc) {
  for (const type of ['dragenter', 'dragover', 'drop']) {
    doc.addEventListener(type, (event) => {
      event.preventDefault();
      frame.dispatchEvent(new DragEvent(type, { dataTransfer: event.dataTransfer, bubbles: true, cancelable: true }));
    });
  }
}
