// Dropping a link anywhere on the window saves its page (save-page.js): HTML drag and drop in the page and on
// the article (frame-events.js passes the frame's drops up), and the desktop shell's own drop event, which on
// Linux takes dragged links before the page sees them. Text dropped into a text field stays a plain drop.
import { byId } from './dom.js';
import { droppedLink, linkFromPaths } from './dropped-url.js';
import { refuseDrop, savePage } from './save-page.js';

function editable(target) {
  return Boolean(target?.closest?.('input, textarea, [contenteditable=""], [contenteditable="true"]'));
}

function showTarget(shown) {
  byId('drop-target').hidden = !shown;
}

/** Saves what was dropped, or says why not. */
function take(found) {
  showTarget(false);
  if (!found) return;
  if (found.url) savePage(found.url);
  else refuseDrop(found);
}

function onDragOver(event) {
  if (editable(event.target)) {
    showTarget(false);
    return;
  }
  event.preventDefault();
  if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  showTarget(true);
}

function onDrop(event) {
  if (editable(event.target)) return;
  // Without this the browser would leave Jianbao for the dropped address.
  event.preventDefault();
  const data = event.dataTransfer;
  take(data ? droppedLink({ types: data.types, getData: (type) => data.getData(type) }) : null);
}

/** The desktop shell's drag and drop events (absent in web mode). */
function listenToShell() {
  const listen = window.__TAURI__?.event?.listen;
  if (typeof listen !== 'function') return;
  const quietly = (promise) => promise.catch((err) => console.warn('no drop events from the shell', err));
  quietly(listen('tauri://drag-enter', () => showTarget(true)));
  quietly(listen('tauri://drag-leave', () => showTarget(false)));
  quietly(listen('tauri://drag-drop', (event) => take(linkFromPaths(event.payload?.paths))));
}

export function initDropLink() {
  document.addEventListener('dragenter', onDragOver);
  document.addEventListener('dragover', onDragOver);
  document.addEventListener('dragleave', (event) => {
    if (!event.relatedTarget) showTarget(false);
  });
  document.addEventListener('drop', onDrop);
  window.addEventListener('blur', () => showTarget(false));
  listenToShell();
}
