// Keyboard shortcuts: j/k next/previous article, s or b bookmark, r sync. Ignored while typing or in a dialog.
import { move } from './articles.js';
import { toggleBookmark } from './reader.js';
import { startSync } from './sync.js';

const ACTIONS = {
  j: () => move(1),
  k: () => move(-1),
  s: toggleBookmark,
  b: toggleBookmark,
  r: startSync,
};

function typing(target) {
  const el = target instanceof Element ? target : document.activeElement;
  return Boolean(el?.closest?.('input, textarea, select, [contenteditable=""], [contenteditable="true"]'));
}

export function initKeys() {
  document.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.defaultPrevented) return;
    if (typing(event.target) || typing(document.activeElement)) return;
    if (document.querySelector('dialog[open]')) return;
    const action = ACTIONS[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });
}
