// Reading comfort as plain values: the text size steps, the themes, and their stored form. No DOM here, so the
// rules can be tested under node; comfort.js applies them to the window and the reader frame.

/** Text size factors, smallest first; the reader's and the window's base sizes are multiplied by one of them. */
export const SCALES = [0.85, 0.92, 1, 1.1, 1.2, 1.35, 1.5, 1.7];
export const DEFAULT_STEP = SCALES.indexOf(1);
/** 'system' follows the operating system's light or dark preference. */
export const THEMES = ['system', 'light', 'dark'];

/** The default preferences. */
export function defaultPrefs() {
  return { step: DEFAULT_STEP, theme: 'system' };
}

/** Preferences from their stored text; anything unreadable or out of range falls back to the default. */
export function parsePrefs(text) {
  const prefs = defaultPrefs();
  let raw = null;
  try {
    raw = JSON.parse(text ?? 'null');
  } catch {
    return prefs;
  }
  if (Number.isInteger(raw?.step) && raw.step >= 0 && raw.step < SCALES.length) prefs.step = raw.step;
  if (THEMES.includes(raw?.theme)) prefs.theme = raw.theme;
  return prefs;
}

/** The stored text of `prefs`. */
export function serializePrefs(prefs) {
  return JSON.stringify({ step: prefs.step, theme: prefs.theme });
}

/** `prefs` with the text one step larger (delta 1) or smaller (delta -1), kept within the steps. */
export function stepBy(prefs, delta) {
  const step = Math.min(SCALES.length - 1, Math.max(0, prefs.step + delta));
  return { ...prefs, step };
}

/** The size factor of `prefs`. */
export function scaleOf(prefs) {
  return SCALES[prefs.step] ?? 1;
}
