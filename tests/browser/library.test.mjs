// Browser test of the sync-engine features in the web UI: folders set in a source's settings dialog, the encoding
// override and interval, library settings across a reload, a background sync noticed (with a notification when
// the desktop API is there), a failing source's message, a Sync press during another sync, OPML import and export.
// Real back end (`jianbao serve`), a local feed server, Debian's Chromium. Run: node --test tests/browser/
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startBackend } from './backend.mjs';
import { launchChromium } from './chromium.mjs';
import { startFeedServer } from './feed-server.mjs';
import { libraryHelpers } from './library-helpers.mjs';
import { pageHelpers } from './page-helpers.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.resolve(ROOT, process.env.JIANBAO_BIN || 'target/debug/jianbao');
const CITY_TITLES = ['老街夜市重新開張', '發展新區交通規劃公布', '圖書館延長開放時間'];

let feeds, backend, browser, page, dataDir;
let ui, lib;
let cityId, techId;
const pageErrors = [];

/** A sync as the page shows it. */
const progress = () => page.evaluate(() => {
  const el = document.querySelector('#sync-progress');
  return { state: el.dataset.state, origin: el.dataset.origin, text: document.querySelector('#sync-text').textContent };
});

before(async () => {
  feeds = await startFeedServer(path.join(ROOT, 'tests/fixtures'));
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'jianbao-library-test-'));
  backend = await startBackend({ bin: BIN, dataDir });
  browser = await launchChromium();
  page = browser.page;
  ui = pageHelpers(page);
  lib = libraryHelpers(page, ui);
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(backend.url);
  await ui.waitUntil('the app to start', () => document.body.dataset.ready === 'true');
});

after(async () => {
  await browser?.close();
  await backend?.stop();
  await feeds?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('folders, source settings, background sync and OPML in the web UI', { timeout: 240_000 }, () => {
  it('nests a source moved to 新聞/本地 in its settings, with unread counts summed per folder', async () => {
    const url = `${feeds.origin}/feeds/city-news.rss`;
    cityId = (await lib.addSourceThroughForm(url, ui.addSource)).id;
    await page.click('#sync-all');
    await ui.waitUntil('3 unread in the city source', (sel) => document
      .querySelector(`${sel} .unread`)?.dataset.count === '3', lib.row(cityId));

    await lib.openSourceSettings(cityId);
    assert.equal(await page.inputValue('#source-folder'), '', 'a new source is at the top level');
    await page.fill('#source-folder', ' 新聞 / 本地 ');
    await lib.saveSourceSettings();
    const nested = `#sources > li[data-folder="新聞"] > ul > li[data-folder="新聞/本地"] > ul > li[data-source-id="${cityId}"]`;
    await ui.waitUntil('the source inside 新聞 › 本地', (sel) => document.querySelector(sel), nested);
    assert.equal(await page.locator(`#sources > li[data-source-id="${cityId}"]`).count(), 0, 'still at the top');
    const counts = await page.evaluate(() => ['新聞', '新聞/本地'].map((f) => document
      .querySelector(`li[data-folder="${f}"] > .folder-row .unread`).dataset.count));
    assert.deepEqual(counts, ['3', '3'], 'unread counts of 新聞 and 本地');
    assert.deepEqual((await lib.sourceByUrl(url)).folder, ['新聞', '本地'], 'the back end has another folder');

    await page.click('li[data-folder="新聞"] > .folder-row .folder-open');
    await ui.waitUntil('the folder view', () => document.querySelector('#list-heading').textContent === '新聞'
      && document.querySelectorAll('#articles li[data-article-id]').length === 3);
    const titles = await page.locator('#articles li[data-article-id] .item-title').allInnerTexts();
    assert.deepEqual(titles.map((s) => s.trim()), CITY_TITLES, 'the folder lists its sources newest first');

    await page.click('li[data-folder="新聞"] > .folder-row .folder-toggle');
    await ui.waitUntil('新聞 collapsed', () => document.querySelector('li[data-folder="新聞"] > ul').hidden);
    assert.equal(await page.isVisible(lib.row(cityId)), false, 'a collapsed folder still shows its source');
    await page.click('li[data-folder="新聞"] > .folder-row .folder-toggle');
    await ui.waitUntil('新聞 expanded', (sel) => document.querySelector(sel)?.checkVisibility(), lib.row(cityId));
  });

  it('keeps an encoding override and an interval, and shows the back end\'s refusals inside the dialog', async () => {
    await lib.openSourceSettings(cityId);
    await page.selectOption('#source-encoding', 'utf-8');
    await page.selectOption('#source-interval-mode', 'custom');
    await page.fill('#source-interval', '45');
    await lib.saveSourceSettings();

    await lib.openSourceSettings(cityId);
    assert.equal(await page.inputValue('#source-encoding'), 'utf-8');
    assert.equal(await page.inputValue('#source-interval-mode'), 'custom');
    assert.equal(await page.inputValue('#source-interval'), '45');
    assert.equal(await page.inputValue('#source-folder'), '新聞/本地');
    const saved = await lib.sourceByUrl(`${feeds.origin}/feeds/city-news.rss`);
    assert.equal(saved.encoding, 'utf-8');
    assert.equal(saved.interval_minutes, 45);

    await page.fill('#source-interval', '0');
    await page.click('#source-save');
    await ui.waitUntil('the refusal of 0 minutes', () => !document.querySelector('#source-error').hidden);
    assert.equal(await page.getAttribute('#source-error', 'data-kind'), 'invalid_argument');
    assert.match(await ui.text('#source-error'), /interval/i, 'the message does not say what was wrong');
    assert.equal(await page.evaluate(() => document.querySelector('#source-dialog').open), true, 'dialog closed');

    await page.fill('#source-interval', '45');
    await page.fill('#source-title', '   ');
    await page.click('#source-save');
    await ui.waitUntil('the refusal of an empty title', () => /title/i
      .test(document.querySelector('#source-error').textContent));
    await page.click('#source-cancel');
    const after = await lib.sourceByUrl(`${feeds.origin}/feeds/city-news.rss`);
    assert.equal(after.interval_minutes, 45, 'a refused change was stored');
    assert.equal(after.title, saved.title, 'a refused title was stored');
  });

  it('keeps the library settings across a reload', async () => {
    await lib.openSettings();
    assert.equal(await page.inputValue('#settings-interval'), '30', 'the default interval');
    assert.equal(await page.isChecked('#settings-on-start'), true);
    assert.equal(await page.isChecked('#settings-notify'), false, 'notifications must be opt-in');
    await page.fill('#settings-interval', '20');
    await page.uncheck('#settings-on-start');
    await page.check('#settings-notify');
    await page.click('#settings-save');
    await ui.waitUntil('the settings saved', () => !document.querySelector('#settings-dialog').open);
    assert.deepEqual(await lib.api('settings_get'), { sync_interval_minutes: 20, sync_on_start: false, notify_new: true });

    // From now on the page believes it is in the desktop app as far as notifications go.
    await browser.context.addInitScript(() => {
      window.__notifications = [];
      window.__TAURI__ = { notification: { sendNotification: (n) => window.__notifications.push(n) } };
    });
    await page.goto(`${backend.origin}/`);
    await ui.waitUntil('the app to start again', () => document.body.dataset.ready === 'true');
    await lib.openSettings();
    assert.equal(await page.inputValue('#settings-interval'), '20');
    assert.equal(await page.isChecked('#settings-on-start'), false);
    assert.equal(await page.isChecked('#settings-notify'), true);
    await page.click('#settings-close');
  });

  it('notices a sync it did not start, shows what it fetches, refreshes the list and notifies', async () => {
    const url = `${feeds.origin}/feeds/tech.atom`;
    techId = (await lib.addSourceThroughForm(url, ui.addSource)).id;
    assert.equal(await page.getAttribute(`${lib.row(techId)} .unread`, 'data-count'), '0');

    const release = feeds.hold('/feeds/tech.atom');
    try {
      await lib.startBackgroundSync([techId], 'Quiet Systems');
      await ui.waitUntil('the background sync shown as it runs', (sel) => {
        const p = document.querySelector('#sync-progress');
        return p.dataset.state === 'running' && p.dataset.origin === 'background'
          && document.querySelector('#sync-text').textContent.includes('Quiet Systems')
          && document.querySelector(`${sel} .sync-mark`)?.dataset.state === 'fetching';
      }, lib.row(techId));
      assert.equal(await page.isDisabled('#sync-all'), true, 'Sync can be pressed during a sync');
    } finally {
      release();
    }
    await ui.waitUntil('2 unread in Quiet Systems without a click', (sel) => document
      .querySelector(`${sel} .unread`)?.dataset.count === '2', lib.row(techId));
    await ui.waitUntil('the sync shown as done', () => document.querySelector('#sync-progress').dataset.state === 'done');
    assert.equal((await lib.mark(techId)).state, 'ok');
    const notes = await ui.waitUntil('a notification', () => window.__notifications?.length ? window.__notifications : null);
    assert.equal(notes.length, 1, `notifications: ${JSON.stringify(notes)}`);
    assert.match(notes[0].body, /\b2\b/, 'the notification does not say how many');
    assert.ok(notes[0].title, 'the notification has no title');
  });

  it('shows a failing source\'s message on its row and in the status line', async () => {
    feeds.fail('/feeds/tech.atom', 500);
    try {
      await lib.openSourceSettings(techId);
      await page.click('#source-sync');
      await ui.waitUntil('the failure on the row', (sel) => document
        .querySelector(`${sel} .sync-mark`)?.dataset.state === 'failed', lib.row(techId));
      await ui.waitUntil('the sync done', () => document.querySelector('#sync-progress').dataset.state === 'done');
      const mark = await lib.mark(techId);
      assert.match(mark.title, /500/, `the marker does not carry the message: ${JSON.stringify(mark)}`);
      const status = await ui.text('#status');
      assert.ok(status.includes('Quiet Systems') && /500/.test(status), `status line: ${status}`);
      assert.match((await progress()).text, /1 failed/);
      await ui.waitUntil('the row marked failed', (sel) => document.querySelector(sel)
        ?.dataset.errorKind === 'http_status', lib.row(techId));
      const stored = await lib.sourceByUrl(`${feeds.origin}/feeds/tech.atom`);
      assert.equal(stored.failures, 1);
      await lib.openSourceSettings(techId);
      assert.match(await ui.text('#source-info'), /500/, 'the dialog does not show the last error');
      await page.click('#source-cancel');
    } finally {
      feeds.restore('/feeds/tech.atom');
    }
  });

  it('follows a running sync when asked for another, then syncs what was asked', async () => {
    const release = feeds.hold('/feeds/city-news.rss');
    try {
      await lib.startBackgroundSync([cityId], '山城日報 · 城事');
      await lib.openSourceSettings(techId);
      await page.click('#source-sync');
      await ui.waitUntil('the running sync followed', () => {
        const p = document.querySelector('#sync-progress');
        return p.dataset.state === 'running' && p.dataset.origin === 'user';
      });
      assert.equal(await page.isHidden('#banner'), true, `an error was shown: ${await ui.snapshot()}`);
    } finally {
      release();
    }
    await ui.waitUntil('Quiet Systems synced after it', (sel) => {
      const li = document.querySelector(sel);
      return li && !li.classList.contains('failed') && li.querySelector('.sync-mark').dataset.state === 'ok'
        && document.querySelector('#sync-progress').dataset.state === 'done';
    }, lib.row(techId));
    assert.equal(await page.isHidden('#banner'), true, `an error was shown: ${await ui.snapshot()}`);
  });

  it('imports an OPML file into folders, reports what it did, syncs the new sources and exports them', async () => {
    const base = feeds.origin;
    const opml = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>test</title></head><body>
  <outline text="Imported">
    <outline text="Field">
      <outline type="rss" text="Field Notes" xmlUrl="${base}/feeds/notes.json"/>
    </outline>
    <outline type="rss" text="GBK 新聞" xmlUrl="${base}/feeds/gbk-news.rss"/>
  </outline>
  <outline type="rss" text="city again" xmlUrl="${base}/feeds/city-news.rss"/>
  <outline type="rss" text="Old FTP feed" xmlUrl="ftp://old.example/feed.xml"/>
</body></opml>`;
    await lib.openSettings();
    await page.setInputFiles('#opml-file', { name: 'subs.opml', mimeType: 'text/x-opml', buffer: Buffer.from(opml) });
    const report = await ui.waitUntil('the import report', () => {
      const el = document.querySelector('#opml-report');
      return el.dataset.added ? { ...el.dataset, text: el.textContent } : null;
    });
    assert.deepEqual([report.added, report.already, report.refused], ['2', '1', '1'], report.text);
    assert.match(report.text, /ftp/, 'the refused outline is not named');
    await page.click('#settings-close');

    const notes = await lib.sourceByUrl(`${base}/feeds/notes.json`);
    const gbk = await lib.sourceByUrl(`${base}/feeds/gbk-news.rss`);
    await ui.waitUntil('the imported sources in their folders', ([n, g]) =>
      document.querySelector(`li[data-folder="Imported"] > ul > li[data-folder="Imported/Field"] > ul > li[data-source-id="${n}"]`)
      && document.querySelector(`li[data-folder="Imported"] > ul > li[data-source-id="${g}"]`), [notes.id, gbk.id]);
    await ui.waitUntil('their articles after the sync', () => document
      .querySelector('li[data-folder="Imported"] > .folder-row .unread')?.dataset.count === '4');

    await lib.openSettings();
    await page.click('#opml-export');
    await ui.waitUntil('the exported text', () => !document.querySelector('#opml-text').hidden);
    const text = await page.inputValue('#opml-text');
    for (const wanted of ['notes.json', 'gbk-news.rss', 'Imported', '新聞', '本地']) {
      assert.ok(text.includes(wanted), `the export lacks ${wanted}`);
    }
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#opml-download')]);
    assert.equal(await readFile(await download.path(), 'utf8'), text, 'the download differs from the text');
    await page.click('#settings-close');
  });

  it('says inside the dialog when the source is gone, and raised no uncaught error', async () => {
    const notes = await lib.sourceByUrl(`${feeds.origin}/feeds/notes.json`);
    await lib.openSourceSettings(notes.id);
    await lib.api('sources_remove', { id: notes.id });
    await page.fill('#source-title', 'Renamed');
    await page.click('#source-save');
    await ui.waitUntil('not_found in the dialog', () => document.querySelector('#source-error').dataset.kind === 'not_found');
    await page.click('#source-cancel');
    await ui.waitUntil('the removed source gone', (sel) => !document.querySelector(sel), lib.row(notes.id));
    await mkdir(path.join(ROOT, 'target/screenshots'), { recursive: true });
    await page.screenshot({ path: path.join(ROOT, 'target/screenshots/web-folders.png') });
    assert.deepEqual(pageErrors, []);
  });
});
