// Browser test of folders and settings in the web UI: a source moved to a nested folder in its settings dialog
// (grouped, counted, listed, collapsed), its encoding override and interval kept, the back end's refusals shown
// in the dialog, and the library settings kept across a reload. Run: node --test tests/browser/
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openHarness, ROOT } from './harness.mjs';

const CITY_TITLES = ['老街夜市重新開張', '發展新區交通規劃公布', '圖書館延長開放時間'];

let world, feeds, backend, page, ui, lib;
let cityId;

before(async () => {
  world = await openHarness('folders-test');
  ({ feeds, backend, page, ui, lib } = world);
});

after(() => world?.close());

describe('folders and settings in the web UI', { timeout: 180_000 }, () => {
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

    await page.fill('#source-interval', '');
    await page.click('#source-save');
    await ui.waitUntil('the form asking for a number', () => /whole number/
      .test(document.querySelector('#source-error').textContent));

    await page.fill('#source-interval', '0');
    await page.click('#source-save');
    await ui.waitUntil('the refusal of 0 minutes', () => /0 minutes/
      .test(document.querySelector('#source-error').textContent));
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
    assert.equal(await page.inputValue('#settings-refresh-days'), '3', 'recent portal articles: 3 days');
    await page.fill('#settings-refresh-days', '100001');
    await page.click('#settings-save');
    await ui.waitUntil('the pace refused', () => !document.querySelector('#settings-error').hidden);
    await page.fill('#settings-refresh-days', '5');
    await page.fill('#settings-refresh-pages', '0');
    await page.click('#settings-save');
    await ui.waitUntil('the settings saved', () => !document.querySelector('#settings-dialog').open);
    assert.deepEqual(await lib.api('settings_get'),
      { sync_interval_minutes: 20, sync_on_start: false, notify_new: true, picture_budget_mb: 2048,
        keep_days: 365, keep_articles: 5000, portal_refresh_days: 5, portal_refresh_per_sync: 0,
        portal_refresh_every_minutes: 60 });

    await page.goto(`${backend.origin}/`);
    await ui.waitUntil('the app to start again', () => document.body.dataset.ready === 'true');
    await lib.openSettings();
    assert.equal(await page.inputValue('#settings-interval'), '20');
    assert.equal(await page.isChecked('#settings-on-start'), false);
    assert.equal(await page.isChecked('#settings-notify'), true);
    assert.equal(await page.inputValue('#settings-refresh-days'), '5');
    assert.equal(await page.inputValue('#settings-refresh-pages'), '0');
    await page.click('#settings-close');
  });


  it('still lets the reader pick one of the feeds a page offers when adding it', async () => {
    feeds.serve('/pages/two-feeds.html', 'text/html; charset=utf-8', `<!doctype html><html><head><title>Two</title>
      <link rel="alternate" type="application/atom+xml" title="Quiet Systems" href="/feeds/tech.atom">
      <link rel="alternate" type="application/feed+json" title="Field Notes" href="/feeds/notes.json">
      </head><body></body></html>`);
    await ui.addSource(`${feeds.origin}/pages/two-feeds.html`);
    await ui.waitUntil('the feeds to pick from', () => document.querySelectorAll('#add-candidates [data-pick]').length === 2);
    await page.click('#add-candidates [data-pick="2"]');
    await ui.waitUntil('the add form to close', () => document.querySelector('#add-form').hidden);
    const notes = await lib.sourceByUrl(`${feeds.origin}/feeds/notes.json`);
    await ui.waitUntil('the picked feed listed at the top level', (id) =>
      document.querySelector(`#sources > li[data-source-id="${id}"]`), notes.id);
  });

  it('shows 200 articles at first and the rest on "Show more"', async () => {
    const items = Array.from({ length: 230 }, (_, i) => `<item><title>第${i}條</title><guid>many-${i}</guid>`
      + `<pubDate>${new Date(Date.UTC(2026, 0, 1) + i * 60_000).toUTCString()}</pubDate></item>`).join('');
    feeds.serve('/many.rss', 'application/rss+xml', `<?xml version="1.0"?><rss version="2.0"><channel><title>Many`
      + `</title>${items}</channel></rss>`);
    const many = (await lib.addSourceThroughForm(`${feeds.origin}/many.rss`, ui.addSource)).id;
    await page.click('#sync-all');
    await ui.waitUntil('230 unread in Many', (sel) => document.querySelector(`${sel} .unread`)?.dataset.count === '230',
      lib.row(many));
    await page.click(`${lib.row(many)} .title`);
    await ui.waitUntil('one page of Many', () => document.querySelectorAll('#articles li[data-article-id]').length === 200
      && document.querySelector('#articles-more'));
    assert.equal(await page.locator('#articles li[data-article-id] .item-title').first().innerText(), '第229條');
    await page.click('#articles-more');
    await ui.waitUntil('all of Many', () => document.querySelectorAll('#articles li[data-article-id]').length === 230
      && !document.querySelector('#articles-more'));
    assert.equal(await page.locator('#articles li[data-article-id] .item-title').last().innerText(), '第0條');
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
    assert.deepEqual(world.pageErrors, []);
  });
});
