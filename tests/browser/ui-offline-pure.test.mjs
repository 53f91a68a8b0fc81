// The pure rules behind offline reading, under plain node: when a sync means "offline", which links may open,
// the reading comfort steps and their stored form, and sizes in bytes.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { defaultPrefs, parsePrefs, scaleOf, SCALES, serializePrefs, stepBy } from '../../ui/js/comfort-prefs.js';
import { openableUrl } from '../../ui/js/links.js';
import { syncLooksOffline } from '../../ui/js/offline-rule.js';

let formatBytes;
before(async () => {
  // format.js picks its catalog from navigator.languages, which node before 21 does not have.
  globalThis.navigator ??= { language: 'en-US', languages: ['en-US'] };
  ({ formatBytes } = await import('../../ui/js/format.js'));
});

const ok = (id, extra = {}) => ({ source_id: id, ok: true, ...extra });
const failed = (id, kind) => ({ source_id: id, ok: false, error_kind: kind, error: 'x' });

describe('a sync that means offline', () => {
  it('is one where every failure is a network error and no site answered', () => {
    assert.equal(syncLooksOffline([failed(1, 'network'), failed(2, 'network')]), true);
    assert.equal(syncLooksOffline([failed(1, 'network'), ok(2, { skipped: 'asked to wait' })]), true);
  });

  it('is not one where a site answered, an error was not the network\'s, or nothing failed', () => {
    assert.equal(syncLooksOffline([failed(1, 'network'), ok(2, { unchanged: true })]), false);
    assert.equal(syncLooksOffline([failed(1, 'network'), failed(2, 'http_status')]), false);
    assert.equal(syncLooksOffline([ok(1)]), false);
    assert.equal(syncLooksOffline([]), false);
  });

  it('does not count a local source, which syncs without the network', () => {
    const isLocal = (id) => id === 9;
    assert.equal(syncLooksOffline([ok(9, { unchanged: true }), failed(1, 'network')], isLocal), true);
  });
});

describe('links that may open outside', () => {
  it('are http and https only', () => {
    assert.equal(openableUrl('https://example.org/a?b#c'), 'https://example.org/a?b#c');
    assert.equal(openableUrl('http://例子.tw/'), 'http://xn--fsqu00a.tw/');
    for (const href of ['javascript:alert(1)', ' JavaScript:alert(1)', 'file:///etc/passwd', 'data:text/html,x',
      'jbpic://localhost/pictures/ab/x.png', 'mailto:a@b.c', '/relative', '']) {
      assert.equal(openableUrl(href), null, href);
    }
  });
});

describe('reading comfort', () => {
  it('steps the text size within its range and keeps the theme', () => {
    let prefs = { ...defaultPrefs(), theme: 'dark' };
    assert.equal(scaleOf(prefs), 1);
    for (let i = 0; i < 20; i++) prefs = stepBy(prefs, 1);
    assert.equal(scaleOf(prefs), SCALES.at(-1));
    for (let i = 0; i < 20; i++) prefs = stepBy(prefs, -1);
    assert.equal(scaleOf(prefs), SCALES[0]);
    assert.equal(prefs.theme, 'dark');
  });

  it('reads back what it stored and falls back to the defaults on anything else', () => {
    const prefs = { step: 4, theme: 'light' };
    assert.deepEqual(parsePrefs(serializePrefs(prefs)), prefs);
    for (const text of [null, '', '{', '[]', '{"step": 99, "theme": "pink"}', '{"step": "3"}']) {
      assert.deepEqual(parsePrefs(text), defaultPrefs(), String(text));
    }
  });
});

describe('sizes in bytes', () => {
  it('read in binary units with at most one decimal', () => {
    assert.equal(formatBytes(0), '0 B');
    assert.equal(formatBytes(1023), '1,023 B');
    assert.equal(formatBytes(1536), '1.5 KiB');
    assert.equal(formatBytes(150 * 1024 * 1024), '150 MiB');
    assert.equal(formatBytes(2048 * 1024 * 1024), '2 GiB');
  });
});
