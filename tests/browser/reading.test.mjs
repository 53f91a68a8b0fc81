// Browser test of reading: links in an article, its Original link and a missing picture's placeholder open
// outside Jianbao (a new tab with no opener in web mode, the opener plugin in the desktop app, faked here)
// and javascript:/file: links never do; the reading position holds when pictures load late and when the text
// size changes. Run: node --test tests/browser/
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openHarness } from './harness.mjs';
import { blockOtherOrigins, picturesSettled } from './offline-helpers.mjs';
import { greyPng } from './png.mjs';

let world, feeds, backend, page, ui, lib;
const STORY = 'https://example.org/story';

const paragraphs = (n, word) => Array.from({ length: n }, (_, i) => `<p>${word}第${i + 1}段。${'字'.repeat(120)}</p>`).join('');

/** Two articles: one with links and a missing picture, one long with tall lazy-loading pictures inside. */
const READING_RSS = (origin) => `<?xml version="1.0" encoding="UTF-8"?>
<!-- Expect: 2 items. "連結" links to ${STORY} and shows /img/nope.png (404: a placeholder); "長文" has
     3 pictures of 200x1500 marked loading="lazy" between 140 paragraphs. -->
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel><title>閱讀測試</title><link>${origin}/</link><description>reading</description>
    <item><title>連結</title><link>https://example.org/original</link><guid>r1</guid>
      <pubDate>Sat, 21 Nov 2026 10:00:00 +0800</pubDate>
      <content:encoded><![CDATA[<p>請看<a href="${STORY}">這篇報導</a>。</p>
<p><img src="/img/nope.png" alt="缺圖"></p>]]></content:encoded></item>
    <item><title>長文</title><link>https://example.org/long</link><guid>r2</guid>
      <pubDate>Sat, 21 Nov 2026 09:00:00 +0800</pubDate>
      <content:encoded><![CDATA[${paragraphs(40, '甲')}<p><img src="/img/tall-1.png" loading="lazy" alt=""></p>
${paragraphs(40, '乙')}<p><img src="/img/tall-2.png" loading="lazy" alt=""></p>
${paragraphs(30, '丙')}<p><img src="/img/tall-3.png" loading="lazy" alt=""></p>${paragraphs(30, '丁')}]]></content:encoded></item>
  </channel>
</rss>`;

before(async () => {
  world = await openHarness('reading-test');
  ({ feeds, backend, page, ui, lib } = world);
  feeds.serve('/feeds/reading.rss', 'application/rss+xml', READING_RSS(feeds.origin));
  for (const n of [1, 2, 3]) feeds.serve(`/img/tall-${n}.png`, 'image/png', greyPng(200, 1500, 60 * n));
  const source = await lib.addSourceThroughForm(`${feeds.origin}/feeds/reading.rss`, ui.addSource);
  await page.click('#sync-all');
  await ui.waitUntil('the sync to end', () => document.querySelector('#sync-progress').dataset.state === 'done');
  await page.click(`${lib.row(source.id)} .source-open`);
  await ui.waitUntil('2 articles', () => document.querySelectorAll('#articles li[data-article-id]').length === 2);
});

after(() => world?.close());

/** The reader pane's scroll position as a fraction, as the back end stores it. */
const fraction = () => page.evaluate(() => {
  const pane = document.querySelector('#reader');
  return pane.scrollTop / (pane.scrollHeight - pane.clientHeight);
});

describe('reading in the web UI', { timeout: 180_000 }, () => {
  it('opens an article\'s links in a new tab with no opener, in web mode', async () => {
    await page.context().route('https://example.org/**', (route) => route.fulfill({ body: 'outside', contentType: 'text/plain' }));
    await ui.openArticle('連結');
    const [tab] = await Promise.all([
      page.context().waitForEvent('page'),
      page.frameLocator('#reader-frame').locator(`a[href="${STORY}"]`).click(),
    ]);
    await tab.waitForLoadState();
    assert.equal(tab.url(), STORY);
    assert.equal(await tab.evaluate(() => window.opener), null, 'the site can reach Jianbao through window.opener');
    await tab.close();
    assert.equal(await page.evaluate(() => document.querySelector('#reader-frame').contentWindow.location.href), 'about:srcdoc');
  });

  it('hands http(s) links, the Original link and a placeholder to the opener plugin, and never javascript: or file:', async () => {
    await page.context().addInitScript(() => {
      window.__opened = [];
      window.__TAURI__ = { opener: { openUrl: async (url) => { window.__opened.push(url); } } };
    });
    await page.goto(`${backend.origin}/`);
    await ui.waitUntil('the app to start again', () => document.body.dataset.ready === 'true');
    await ui.showView('all');
    await ui.openArticle('連結');
    const pagesBefore = page.context().pages().length;
    const frame = page.frameLocator('#reader-frame');
    await frame.locator(`a[href="${STORY}"]`).click();
    await frame.locator('a.jb-picture-missing').click();
    await page.click('#reader-meta a.meta-link');
    // Links the sanitizer would never let through, put in by hand: the UI must still refuse them.
    await frame.locator('body').evaluate((body) => {
      for (const [id, href] of [['js', 'javascript:alert(1)'], ['file', 'file:///etc/passwd'], ['data', 'data:text/html,x']]) {
        const a = body.ownerDocument.createElement('a');
        Object.assign(a, { id, href, textContent: id });
        body.append(a);
      }
    });
    for (const id of ['js', 'file', 'data']) await frame.locator(`#${id}`).click();
    await page.waitForTimeout(300);
    const opened = await page.evaluate(() => window.__opened);
    assert.deepEqual(opened, [STORY, `${feeds.origin}/img/nope.png`, 'https://example.org/original']);
    assert.equal(page.context().pages().length, pagesBefore, 'a link opened a tab instead of the system browser');
    assert.deepEqual(world.pageErrors, []);
  });

  it('restores the reading position after the article\'s pictures have loaded late', async () => {
    await ui.openArticle('長文');
    await picturesSettled(ui);
    const id = await page.getAttribute('#reader', 'data-article-id');
    await page.evaluate(() => {
      const pane = document.querySelector('#reader');
      pane.scrollTop = Math.round(0.7 * (pane.scrollHeight - pane.clientHeight));
    });
    let saved = 0;
    for (let tries = 0; saved < 0.6; tries++) {
      assert.ok(tries < 50, `the position was not saved: ${saved}`);
      await page.waitForTimeout(100);
      saved = (await lib.api('articles_get', { id: Number(id) })).position ?? 0;
    }
    await ui.openArticle('連結');
    // Pictures now take 700 ms each to arrive, and the page is reloaded so none is in its memory.
    await blockOtherOrigins(page, backend.origin, (url) => (new URL(url).pathname.startsWith('/pictures/') ? 700 : 0));
    await page.goto(`${backend.origin}/`);
    await ui.waitUntil('the app to start again', () => document.body.dataset.ready === 'true');
    await ui.showView('all');
    await ui.openArticle('長文');
    const pictures = await page.frameLocator('#reader-frame').locator('img').evaluateAll((imgs) => imgs.map((i) => i.naturalHeight));
    assert.deepEqual(pictures, [1500, 1500, 1500], 'the pictures had not loaded when the article was shown ready');
    assert.ok(Math.abs((await fraction()) - saved) < 0.005, `position ${await fraction()}, saved ${saved}`);
    await page.waitForTimeout(1000);
    assert.ok(Math.abs((await fraction()) - saved) < 0.005, `position moved to ${await fraction()}, saved ${saved}`);
  });

  it('keeps the place in the text when the text gets larger', async () => {
    const at = await fraction();
    await page.click('#font-larger');
    await page.click('#font-larger');
    await ui.waitUntil('larger text', () => document.documentElement.style.getPropertyValue('--font-scale') === '1.2');
    assert.ok(Math.abs((await fraction()) - at) < 0.01, `position ${await fraction()}, was ${at}`);
  });
});
