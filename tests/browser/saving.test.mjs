// Browser test of "Save a page": an article page's address pasted into the form, or a link dropped on the
// window or dragged from the reader, is saved with visible progress, opens in the reader inside the Saved
// source with its picture served by the library, and is bookmarked; a bad address, a 404 and a page with no
// article are refused inline, naming what failed. Run: node --test tests/browser/
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openHarness } from './harness.mjs';
import { framePictures, picturesSettled } from './offline-helpers.mjs';

const SAVED_TITLE = 'Saved 收藏';
const FIRST = '老街夜市攤商名單出爐';
const SECOND = '河濱自行車道下月完工';

/** A second article page, with another picture (24x24). */
const SECOND_PAGE = `<!doctype html><html lang="zh-TW"><head><meta charset="utf-8"><title>${SECOND}_山城日報</title>
<meta property="og:title" content="${SECOND}"></head><body><div class="nav"><a href="/">首頁</a></div>
<article><h1>${SECOND}</h1>
<p>沿著河濱興建的自行車道下個月就要完工，全長十二公里，從老街一路延伸到北邊的濕地公園，沿途設有三處休息站和飲水機。</p>
<p><img src="/img/radish.png" alt="休息站旁的菜園"></p>
<p>工程處表示，自行車道與人行步道以綠色標線分開，夜間有照明，假日還會有志工在各休息站提供簡單的修車服務，歡迎市民騎車出遊。</p>
<p>完工後市府也將在車道兩端設置公共自行車租借站，第一個月免費試騎，希望鼓勵更多人以自行車代替汽車通勤。</p>
</article><div class="footer">山城日報 版權所有</div></body></html>`;

let world, feeds, backend, page, ui, lib;

before(async () => {
  world = await openHarness('saving-test');
  ({ feeds, backend, page, ui, lib } = world);
  feeds.serve('/pages/second.html', 'text/html; charset=utf-8', SECOND_PAGE);
});

after(() => world?.close());

/** Submits the Save a page form with `url`. */
async function submitSave(url) {
  if (await page.locator('#save-form').isHidden()) await page.click('#save-page');
  await page.fill('#save-url', url);
  await page.click('#save-submit');
}

/** Drops on `selector` what a drag of `data` ({type: text}) would carry, as the browser would dispatch it. */
async function dropOn(selector, data) {
  const transfer = await page.evaluateHandle((entries) => {
    const dt = new DataTransfer();
    for (const [type, text] of entries) dt.setData(type, text);
    return dt;
  }, Object.entries(data));
  await page.dispatchEvent(selector, 'dragenter', { dataTransfer: transfer });
  await page.dispatchEvent(selector, 'dragover', { dataTransfer: transfer });
  const shown = await page.isVisible('#drop-target');
  await page.dispatchEvent(selector, 'drop', { dataTransfer: transfer });
  return shown;
}

/** The inline error of the Save form once it shows one: {kind, text}. */
async function saveError() {
  await ui.waitUntil('an inline error in the Save form', () => {
    const form = document.querySelector('#save-form');
    return form.dataset.state !== 'saving' && !document.querySelector('#save-error').hidden;
  });
  return { kind: await page.getAttribute('#save-error', 'data-kind'), text: await ui.text('#save-error') };
}

/** Waits until the reader shows `title` ready, and the list is the Saved source's; resolves to the article id. */
async function savedAndOpen(title) {
  await ui.waitUntil(`the reader showing 「${title}」`, (wanted) => {
    const reader = document.querySelector('#reader');
    return reader.dataset.ready === 'true' && document.querySelector('#reader-title').textContent.trim() === wanted;
  }, title);
  await ui.waitUntil('the Saved source listed and selected', (name) => {
    const li = document.querySelector('#sources li[data-source-id].selected');
    return li?.querySelector('.title')?.textContent.trim() === name
      && document.querySelector('#list-heading').textContent === name;
  }, SAVED_TITLE);
  return Number(await ui.listedArticle(title));
}

describe('saving a page in the web UI', { timeout: 180_000 }, () => {
  it('saves a pasted address with visible progress and opens it in the Saved source, its picture stored', async () => {
    const url = `${feeds.origin}/pages/saved-article.html`;
    const release = feeds.hold('/pages/saved-article.html');
    await submitSave(url);
    const progress = await ui.waitUntil('the progress of the save', () => {
      const box = document.querySelector('#save-progress');
      return !box.hidden && document.querySelector('#save-form').dataset.state === 'saving' ? box.textContent : null;
    });
    assert.ok(progress.includes(url), `the progress does not name the page: ${progress}`);
    assert.equal(await page.isDisabled('#save-submit'), true, 'the form can be sent twice while it saves');
    release();

    const id = await savedAndOpen(FIRST);
    assert.equal(await page.isHidden('#save-form'), true, 'the form stays open after a save');
    assert.equal(await page.isHidden('#save-progress'), true, 'the progress stays after a save');
    assert.equal(await page.getAttribute('#bookmark-toggle', 'aria-pressed'), 'true', 'not bookmarked in the reader');
    const body = await page.frameLocator('#reader-frame').locator('body').innerText();
    assert.ok(body.includes('八十六家攤商') && body.includes('歡迎市民多加利用'), `the article text: ${body}`);
    assert.ok(!body.includes('熱門新聞'), 'the side list was saved with the article');

    await picturesSettled(ui);
    const { images } = await framePictures(page);
    assert.equal(images.length, 1, `pictures: ${JSON.stringify(images)}`);
    assert.equal(images[0].width, 40, `the picture did not load: ${JSON.stringify(images)}`);
    assert.ok(images[0].url.startsWith(`${backend.origin}/pictures/`), `not the library's copy: ${images[0].url}`);

    const saved = (await lib.api('sources_list')).find((s) => s.title === SAVED_TITLE);
    assert.ok(saved, 'no Saved source in the library');
    const article = await lib.api('articles_get', { id });
    assert.equal(article.source_id, saved.id);
    assert.equal(article.bookmarked, true);
    assert.equal(article.link, url);
    assert.equal(article.pictures[0].status, 'stored');

    await ui.showView('bookmarks');
    await ui.listedArticle(FIRST);
  });

  it('saves a link dropped on the window, and a link dragged from the reader onto the sources again in place', async () => {
    const url = `${feeds.origin}/pages/second.html`;
    const shown = await dropOn('#articles', { 'text/uri-list': `# dragged\r\n${url}\r\n`, 'text/plain': url });
    assert.equal(shown, true, 'no drop target while a link is dragged over the window');
    assert.equal(await page.isHidden('#drop-target'), true, 'the drop target stays after the drop');
    await savedAndOpen(SECOND);
    await picturesSettled(ui);
    assert.equal((await framePictures(page)).images[0]?.width, 24, 'the second page\'s picture did not load');

    // A real drag of a real link: the Original link of the open article, onto the sources. Saving a page
    // again refreshes it: still one article per page.
    const hitsBefore = feeds.hits.get('/pages/second.html');
    await page.dragAndDrop('#reader-meta a.meta-link', '#sources');
    for (let tries = 0; feeds.hits.get('/pages/second.html') === hitsBefore; tries++) {
      assert.ok(tries < 100, `the dragged link was not saved: ${await ui.snapshot()}`);
      await page.waitForTimeout(100);
    }
    await ui.waitUntil('the second save to end', () => document.querySelector('#save-form').dataset.state === 'saved'
      && document.querySelector('#reader').dataset.ready === 'true');
    await savedAndOpen(SECOND);
    const saved = (await lib.api('sources_list')).find((s) => s.title === SAVED_TITLE);
    const listed = await lib.api('articles_list', { source: saved.id });
    assert.deepEqual(listed.map((a) => a.title).sort(), [FIRST, SECOND].sort());
    const bookmarks = await lib.api('articles_list', { bookmarked: true });
    assert.deepEqual(bookmarks.map((a) => a.title).sort(), [FIRST, SECOND].sort());
  });

  it('shows inline what failed for a bad address, a 404, a page with no article and dropped text', async () => {
    await submitSave('not a web address');
    let error = await saveError();
    assert.equal(error.kind, 'invalid_url');
    assert.ok(error.text.includes('not a web address'), `the error does not name the address: ${error.text}`);

    const missing = `${feeds.origin}/pages/missing.html`;
    await submitSave(missing);
    error = await saveError();
    assert.equal(error.kind, 'http_status');
    assert.ok(error.text.includes(missing) && error.text.includes('404'), `the error: ${error.text}`);
    assert.equal(await page.inputValue('#save-url'), missing, 'the refused address is gone from the form');

    feeds.serve('/pages/empty.html', 'text/html; charset=utf-8', '<!doctype html><html><head><title>Empty</title></head><body></body></html>');
    const empty = `${feeds.origin}/pages/empty.html`;
    await submitSave(empty);
    error = await saveError();
    assert.equal(error.kind, 'no_article');
    assert.ok(error.text.includes(empty) && /no article/.test(error.text), `the error: ${error.text}`);

    await dropOn('#sources', { 'text/plain': 'just some words' });
    error = await saveError();
    assert.equal(error.kind, 'invalid_url');
    assert.ok(error.text.includes('just some words'), `the error: ${error.text}`);

    const saved = (await lib.api('sources_list')).find((s) => s.title === SAVED_TITLE);
    assert.equal((await lib.api('articles_list', { source: saved.id })).length, 2, 'a failed save left an article');
    assert.deepEqual(world.pageErrors, []);
  });
});
