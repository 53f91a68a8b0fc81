// Browser test of the web UI against the real back end: `jianbao serve` on a fresh library, a local feed server
// with the fixtures, and Debian's Chromium driven by playwright-core. Run: node --test tests/browser/
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startBackend } from './backend.mjs';
import { launchChromium } from './chromium.mjs';
import { startFeedServer } from './feed-server.mjs';
import { pageHelpers } from './page-helpers.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.resolve(ROOT, process.env.JIANBAO_BIN || 'target/debug/jianbao');

const STARTER_TITLE = '萍鄉:創新賦能高質量發展';
const CITY_TITLES = ['老街夜市重新開張', '發展新區交通規劃公布', '圖書館延長開放時間'];
const REACTIONS = ['flowers', 'handshake', 'shocking', 'passing', 'eggs'];

let feeds;
let backend;
let browser;
let page;
let dataDir;
let snapshot, waitUntil, listedArticle, openArticle, showView, addSource, text;
const dialogs = [];
const pageErrors = [];

before(async () => {
  feeds = await startFeedServer(path.join(ROOT, 'tests/fixtures'));
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'jianbao-ui-test-'));
  backend = await startBackend({ bin: BIN, dataDir });
  browser = await launchChromium();
  page = browser.page;
  ({ snapshot, waitUntil, listedArticle, openArticle, showView, addSource, text } = pageHelpers(page));
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(backend.url);
  await waitUntil('the app to start', () => document.body.dataset.ready);
});

after(async () => {
  await browser?.close();
  await backend?.stop();
  await feeds?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('the web UI over jianbao serve', { timeout: 180_000 }, () => {
  it('removes the token from the address bar and opens the library without an error', async () => {
    assert.equal(new URL(page.url()).hash, '', 'the #token fragment stays in the address bar');
    assert.equal(await page.evaluate(() => document.body.dataset.ready), 'true', await snapshot());
    assert.equal(await page.locator('#banner').isHidden(), true, `banner shown: ${await snapshot()}`);
  });

  it('shows the starter library and its portal article with date, publisher, 來自, path, 摘要 and reactions', async () => {
    await waitUntil('a source', () => document.querySelectorAll('#sources li[data-source-id]').length > 0);
    const starterTitle = (await text('#sources li[data-source-id] >> nth=0 >> .title')).trim();
    assert.ok(starterTitle, 'the first (starter) source has no title');
    await showView('all');
    await openArticle(STARTER_TITLE);
    assert.doesNotMatch(await text('#reader-title'), /\([a-zü̈āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]+\)/i,
      'inline pinyin is still in the title');

    const meta = await text('#reader-meta');
    assert.match(meta, /2020-11-27 15:34 \(UTC\+8\)/, `meta line: ${meta}`);
    assert.ok(meta.includes(starterTitle), `the article's source is not the first source (${starterTitle}): ${meta}`);

    assert.equal(await page.locator('#reader-portal').isVisible(), true, 'portal box hidden');
    const portal = await text('#reader-portal');
    assert.ok(portal.includes('門戶 › 城事資訊 › 安源區政府'), `category path missing: ${portal}`);
    assert.match(portal, /admin/, `publisher missing: ${portal}`);
    assert.ok(portal.includes('來自') && portal.includes('中國網'), `來自 中國網 missing: ${portal}`);

    assert.equal(await page.locator('#reader-summary').isVisible(), true, '摘要 box hidden');
    const summary = await text('#reader-summary');
    assert.ok(summary.includes('摘要') && summary.includes('春華秋實'), `摘要: ${summary}`);

    const reactions = await page.locator('#reactions button[data-reaction]').evaluateAll((buttons) =>
      buttons.map((b) => ({ reaction: b.dataset.reaction, pressed: b.getAttribute('aria-pressed'),
        label: b.querySelector('.label')?.textContent, count: b.querySelector('.count')?.textContent })));
    assert.deepEqual(reactions.map((r) => r.reaction), REACTIONS);
    assert.deepEqual(reactions.map((r) => r.label), ['鮮花', '握手', '雷人', '路過', '雞蛋']);
    assert.ok(reactions.every((r) => /^\d[\d,]*$/.test(r.count ?? '')), `portal counts: ${JSON.stringify(reactions)}`);

    const body = await page.frameLocator('#reader-frame').locator('body').innerText();
    assert.ok(body.includes('安源'), `the article body is not in the frame: ${body.slice(0, 200)}`);
  });

  it('adds the city feed through the form and syncs it with visible progress to 3 articles', async () => {
    const feedUrl = `${feeds.origin}/feeds/city-news.rss`;
    await addSource(feedUrl);
    await waitUntil('the city source', () => [...document.querySelectorAll('#sources li[data-source-id] .title')]
      .some((el) => el.textContent.includes('山城日報')));
    assert.ok((feeds.hits.get('/feeds/city-news.rss') ?? 0) >= 1, 'adding did not fetch the feed');
    const fetchedBeforeSync = feeds.hits.get('/feeds/city-news.rss');

    await page.evaluate(() => {
      window.__syncStates = [];
      const progress = document.querySelector('#sync-progress');
      new MutationObserver(() => window.__syncStates.push(progress.dataset.state))
        .observe(progress, { attributes: true, attributeFilter: ['data-state'] });
    });
    await page.click('#sync-all');
    await waitUntil('sync to finish', () => document.querySelector('#sync-progress').dataset.state === 'done');
    const states = await page.evaluate(() => window.__syncStates);
    assert.ok(states.includes('running'), `progress never showed running: ${states}`);
    const progress = await page.evaluate(() => {
      const bar = document.querySelector('#sync-bar');
      return { value: bar.value, max: bar.max, text: document.querySelector('#sync-text').textContent };
    });
    assert.equal(progress.value, progress.max, `progress bar not full: ${JSON.stringify(progress)}`);
    assert.match(progress.text, /(\d+)\/\1/, `done/total not shown: ${progress.text}`);
    assert.ok(feeds.hits.get('/feeds/city-news.rss') > fetchedBeforeSync, 'Sync did not fetch the city feed');

    const cityId = await page.evaluate(() => [...document.querySelectorAll('#sources li[data-source-id]')]
      .find((li) => li.querySelector('.title').textContent.includes('山城日報')).dataset.sourceId);
    assert.equal((await text(`#sources li[data-source-id="${cityId}"] .unread`)).trim(), '3');
    await page.click(`#sources li[data-source-id="${cityId}"] .title`);
    await waitUntil('3 city articles', () => document.querySelectorAll('#articles li[data-article-id]').length === 3);
    const titles = await page.locator('#articles li[data-article-id] .item-title').allInnerTexts();
    assert.deepEqual(titles.map((s) => s.trim()), CITY_TITLES, 'not newest first');
    assert.equal(await page.locator('#articles li.unread').count(), 3);
  });

  it('shows the night-market article in the sandboxed frame with no script run and no javascript: link', async () => {
    const id = await openArticle(CITY_TITLES[0]);
    const frame = page.frameLocator('#reader-frame');
    const body = await frame.locator('body').innerText();
    assert.ok(body.includes('整修半年的老街夜市今晚重新開張'), `body: ${body}`);
    assert.ok(body.includes('市政府表示'), `body: ${body}`);
    const inside = await frame.locator('html').evaluate((html) => ({
      scripts: html.querySelectorAll('script').length,
      jsLinks: [...html.querySelectorAll('a[href]')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href'))).length,
      handlers: html.querySelectorAll('[onclick]').length,
      csp: html.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? '',
    }));
    assert.equal(inside.jsLinks, 0, 'a javascript: link survived');
    assert.equal(inside.scripts, 0, 'a <script> survived sanitizing');
    assert.equal(inside.handlers, 0, 'an onclick survived sanitizing');
    assert.match(inside.csp, /default-src 'none'/);
    assert.equal(await page.getAttribute('#reader-frame', 'sandbox'), 'allow-same-origin');
    assert.match(await text('#reader-meta'), /2026-11-20 20:00 \(UTC\+8\)/);
    assert.ok((await text('#reader-meta')).includes('林小雨'), 'author missing');
    await waitUntil('the opened article to be marked read', (articleId) =>
      !document.querySelector(`#articles li[data-article-id="${articleId}"]`).classList.contains('unread'), id);
    const pagesBefore = browser.context.pages().length;
    await frame.getByText('詳情').click();
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => document.querySelector('#reader-frame').contentWindow.location.href),
      'about:srcdoc', 'clicking in the article navigated the frame');
    assert.equal(browser.context.pages().length, pagesBefore, 'the dropped link opened a window');
    assert.deepEqual(dialogs, [], 'a dialog opened: a script ran');
  });

  it('keeps a bookmark and a reaction across a reload and lists the article under Bookmarks', async () => {
    const id = await openArticle(CITY_TITLES[0]);
    await page.click('#bookmark-toggle');
    await waitUntil('bookmark pressed', () => document.querySelector('#bookmark-toggle')
      .getAttribute('aria-pressed') === 'true');
    await page.click('#reactions button[data-reaction="handshake"]');
    await waitUntil('handshake pressed', () => document.querySelector('#reactions [data-reaction="handshake"]')
      .getAttribute('aria-pressed') === 'true');
    await page.click('#reactions button[data-reaction="flowers"]');
    await waitUntil('flowers pressed instead', () => [...document.querySelectorAll('#reactions button')]
      .filter((b) => b.getAttribute('aria-pressed') === 'true').map((b) => b.dataset.reaction).join() === 'flowers');
    await waitUntil('the list item bookmarked', (articleId) => document
      .querySelector(`#articles li[data-article-id="${articleId}"]`).classList.contains('bookmarked'), id);

    await page.goto(`${backend.origin}/`);
    await waitUntil('the app to start again', () => document.body.dataset.ready);
    assert.equal(await page.evaluate(() => document.body.dataset.ready), 'true', `after reload: ${await snapshot()}`);
    await openArticle(CITY_TITLES[0]);
    assert.equal(await page.getAttribute('#bookmark-toggle', 'aria-pressed'), 'true', 'bookmark lost');
    const pressed = await page.locator('#reactions button[aria-pressed="true"]').evaluateAll((b) =>
      b.map((x) => x.dataset.reaction));
    assert.deepEqual(pressed, ['flowers'], 'reaction lost');

    await showView('bookmarks');
    await waitUntil('the article under Bookmarks', (articleId) =>
      document.querySelector(`#articles li[data-article-id="${articleId}"].bookmarked`), id);
  });

  it('shows an inline error naming a URL that is not a feed, and keeps working', async () => {
    const badUrl = `${feeds.origin}/nope.xml`;
    await addSource(badUrl);
    await waitUntil('the inline error', () => {
      const el = document.querySelector('#add-error');
      return !el.hidden && el.textContent.trim().length > 0;
    });
    assert.ok((await text('#add-error')).includes(badUrl), `the error does not name ${badUrl}`);
    assert.ok((feeds.hits.get('/nope.xml') ?? 0) >= 1, 'the back end never asked for /nope.xml');
    await showView('all');
    await waitUntil('the full list', () => document.querySelectorAll('#articles li[data-article-id]').length >= 4);
    await openArticle(CITY_TITLES[1]);
  });

  it('finds 「發展新區交通規劃公布」 when searching for simplified 发展', async () => {
    await page.fill('#search', '发展');
    await page.press('#search', 'Enter');
    await waitUntil('search results', () => document.querySelector('#list-heading').textContent.includes('发展'));
    await listedArticle(CITY_TITLES[1]);
  });

  it('refuses an API call without the token with 401', async () => {
    const status = await page.evaluate(async () => (await fetch('/api/sources_list', { method: 'POST' })).status);
    assert.equal(status, 401);
  });

  it('sent a Jianbao/ User-Agent on every request to the feed server', () => {
    const fromBackEnd = feeds.requests.filter((r) => r.path.startsWith('/feeds/') || r.path.startsWith('/pages/')
      || r.path === '/nope.xml');
    assert.ok(fromBackEnd.length >= 3, `too few feed requests: ${JSON.stringify(feeds.requests)}`);
    const wrong = fromBackEnd.filter((r) => !r.userAgent.startsWith('Jianbao/'));
    assert.deepEqual(wrong, [], 'requests without a Jianbao/ User-Agent');
  });

  it('raised no uncaught error in the page, and saves a screenshot', async () => {
    await page.fill('#search', '');
    await page.press('#search', 'Enter');
    await showView('all');
    await openArticle(STARTER_TITLE);
    await mkdir(path.join(ROOT, 'target/screenshots'), { recursive: true });
    await page.screenshot({ path: path.join(ROOT, 'target/screenshots/web.png') });
    assert.deepEqual(pageErrors, []);
  });
});
