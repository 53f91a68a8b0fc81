// How long articles are kept, as the settings dialogs edit it: "keep read articles N days" and "at most N
// articles" are whole numbers, 0 for no limit; in a source's settings an empty field follows the library's.

/** The most either number may be (seven digits): more is a typo, not a wish, and 0 already means no limit. */
export const KEEP_MAX = 9_999_999;

/**
 * The number typed in `text`: an integer from 0 to KEEP_MAX, null when `text` is empty and `emptyIsDefault`,
 * undefined when it is not such a number (`badInput`: the browser itself found the field unreadable).
 */
export function parseKeep(text, { emptyIsDefault = false, badInput = false } = {}) {
  const trimmed = String(text ?? '').trim();
  if (badInput) return undefined;
  if (!trimmed) return emptyIsDefault ? null : undefined;
  if (!/^\d+$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return n <= KEEP_MAX ? n : undefined;
}

/** The field text for a kept value: '' for null (the library's setting), the number otherwise. */
export function formatKeep(value) {
  return value === null || value === undefined ? '' : String(value);
}

/** What a number field of the dialogs holds, by parseKeep (with the browser's own verdict on its input). */
export function keepFieldValue(input, { emptyIsDefault = false } = {}) {
  return parseKeep(input.value, { emptyIsDefault, badInput: Boolean(input.validity?.badInput) });
}
