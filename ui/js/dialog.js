// Modal dialogs (<dialog>) and the inline error line each of them shows: the catalog's words for an error's
// kind plus the back end's message, marked with the kind for tests and styles.
import { describeError } from './i18n.js';

export function openDialog(dialog) {
  if (!dialog.open) dialog.showModal();
}

export function closeDialog(dialog) {
  if (dialog.open) dialog.close();
}

/** Shows `err` ({kind, message}) in the error line `el`; a check made here (`local`) shows its message alone. */
export function showFormError(el, err) {
  el.textContent = err?.local ? err.message : describeError(err);
  el.dataset.kind = err?.kind ?? 'unknown';
  el.hidden = false;
}

/** An invalid_argument found by the form itself, before asking the back end; shown as its message alone. */
export function localError(message) {
  return Object.assign(new Error(message), { kind: 'invalid_argument', local: true });
}

export function clearFormError(el) {
  el.hidden = true;
  el.textContent = '';
  delete el.dataset.kind;
}
