// Browser test of syncing in the web UI: a sync started behind the page's back is followed as it runs and
// refreshes the list (and notifies, where the desktop API is), a failing source shows its message, a per-source
// Sync during another sync waits for its turn, and OPML import and export. Run: node --test tests/browser/
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { openHarness } from './harness.mjs';

let world, feeds, backend, page, ui, lib;
let cityId, techId;

/** A sync as the page shows it. */
const progress = () => page.evaluate(() => {
  const el = document.querySelector('#sync-progress');
  return { state: el.dataset.state, origin: el.dataset.origin, text: document.querySelector('#sync-text').textContent };
});

before(async () => {
  world = await openHarness('sync-test');
  ({ feeds, backend, page, ui, lib } = world);
});

after(() => world?.close());

describe('syncing and OPML in the web UI', { timeout: 180_000 }, () => {
  it('starts with a synced source and notifications asked for', async () => {
    cityId = (await lib.addSourceThroughForm(`${feeds.origin}/feeds/city-news.rss`, ui.addSource)).id;
    await page.click('#sync-all');
    await ui.waitUntil('3 unread in the city source', (sel) => document
      .querySelector(`${sel} .unread`)?.dataset.count === '3', lib.row(cityId));
    await lib.api('settings_set', { sync_interval_minutes: 30, sync_on_start: true, notify_new: true });
    // From now on the page believes it is in the desktop app as far as notifications go.
    await world.browser.context.addInitScript(() => {
      window.__notifications = [];
      window.__TAURI__ = { notification: { sendNotification: (n) => window.__notifications.push(n) } };
    });
    await page.goto(`${backend.origin}/`);
    await ui.waitUntil('the app to start again', () => document.body.dataset.ready === 'true');
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


  it('shows a source the site asked to wait for as rate limited, then as skipped with the reason', async () => {
    feeds.fail('/feeds/tech.atom', 429, { 'Retry-After': '3600' });
    try {
      const syncTech = async (state) => {
        await lib.openSourceSettings(techId);
        await page.click('#source-sync');
        await ui.waitUntil(`the row marked ${state}`, ([sel, wanted]) => document
          .querySelector(`${sel} .sync-mark`)?.dataset.state === wanted
          && document.querySelector('#sync-progress').dataset.state === 'done', [lib.row(techId), state]);
        return lib.mark(techId);
      };
      const limited = await syncTech('failed');
      assert.match(limited.title, /wait/i, `the 429 is not explained: ${JSON.stringify(limited)}`);
      const hitsBefore = feeds.hits.get('/feeds/tech.atom');
      const skipped = await syncTech('skipped');
      assert.match(skipped.title, /wait until/i, `no reason for the skip: ${JSON.stringify(skipped)}`);
      assert.match((await progress()).text, /1 skipped/);
      assert.equal(feeds.hits.get('/feeds/tech.atom'), hitsBefore, 'a skipped source was fetched');
    } finally {
      feeds.restore('/feeds/tech.atom');
    }
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
    for (const wanted of ['notes.json', 'gbk-news.rss', 'Imported', 'Field', 'city-news.rss']) {
      assert.ok(text.includes(wanted), `the export lacks ${wanted}`);
    }
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#opml-download')]);
    assert.equal(await readFile(await download.path(), 'utf8'), text, 'the download differs from the text');
    await page.click('#settings-close');
    assert.deepEqual(world.pageErrors, []);
  });
});
