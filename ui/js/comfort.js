// Reading comfort: the text size (A− / A+) and the theme (system, light, dark) of the window and the reader
// frame, remembered in this browser profile's localStorage (the desktop app's webview keeps its own), so they
// hold across restarts without touching the library. Tells the reader through the 'comfort' event.
import { byId } from './dom.js';
import { t } from './i18n.js';
import { defaultPrefs, parsePrefs, scaleOf, SCALES, serializePrefs, stepBy, THEMES } from './comfort-prefs.js';
import { emit } from './state.js';

const KEY = 'jianbao.reading';

let prefs = defaultPrefs();

function load() {
  try {
    return parsePrefs(localStorage.getItem(KEY));
  } catch {
    // Storage can be refused (e.g. a locked-down profile): the defaults still read well.
    return defaultPrefs();
  }
}

function store() {
  try {
    localStorage.setItem(KEY, serializePrefs(prefs));
  } catch (err) {
    console.warn('reading preferences not kept', err);
  }
}

/** What the reader frame needs: {theme, scale}. */
export function comfort() {
  return { theme: prefs.theme, scale: scaleOf(prefs) };
}

function apply() {
  const root = document.documentElement;
  root.dataset.theme = prefs.theme;
  root.style.setProperty('--font-scale', String(scaleOf(prefs)));
  const smaller = byId('font-smaller');
  const larger = byId('font-larger');
  smaller.disabled = prefs.step <= 0;
  larger.disabled = prefs.step >= SCALES.length - 1;
  const percent = Math.round(scaleOf(prefs) * 100);
  for (const button of [smaller, larger]) button.dataset.percent = String(percent);
  byId('font-size').textContent = t('comfort.percent', { percent });
  byId('theme-select').value = prefs.theme;
}

function change(next) {
  prefs = next;
  store();
  apply();
  emit('comfort', comfort());
}

/** Applies the remembered preferences and wires the controls of the reader pane. */
export function initComfort() {
  prefs = load();
  apply();
  byId('font-smaller').addEventListener('click', () => change(stepBy(prefs, -1)));
  byId('font-larger').addEventListener('click', () => change(stepBy(prefs, 1)));
  byId('theme-select').addEventListener('change', (event) => {
    const theme = THEMES.includes(event.target.value) ? event.target.value : 'system';
    change({ ...prefs, theme });
  });
  // Another window of the same profile changed them.
  window.addEventListener('storage', (event) => {
    if (event.key !== KEY) return;
    prefs = load();
    apply();
    emit('comfort', comfort());
  });
}
