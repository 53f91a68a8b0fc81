// Browser test of offline reading: feeds with pictures are synced through the UI, then the feed server stops
// and the page may reach nothing but the app's own origin; every article still reads with all its pictures
// (stored copies), a missing picture is a placeholder, a tracking pixel is gone. Also the storage view and
// "Free space" (a bookmark's pictures stay), text size and theme kept across a reload, and the offline badge.
// Run: node --test tests/browser/
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openHarness } from './harness.mjs';
import { blockOtherOrigins, framePictures, GALLERY_RSS, picturesSettled } from './offline-helpers.mjs';

let world, feeds, backend, page, ui, lib;
let cityId, galleryId;
let blocked = null;
/** Article id by title, as listed once the network is gone. */
const ids = new Map();

before(async () => {
  world = await openHarness('offline-test');
  ({ feeds, backend, page, ui, lib } = world);
  feeds.serve('/feeds/gallery.rss', 'application/rss+xml', GALLERY_RSS);
});

after(() => world?.close());

/** Opens the listed article `id` and waits until the reader has laid it out with its pictures. */
async function openById(id) {
  await page.click(`#articles li[data-article-id="${id}"]`);
  await ui.waitUntil(`article ${id} in the reader`, (wanted) => {
    const reader = document.querySelector('#reader');
    return reader.dataset.articleId === wanted && reader.dataset.ready === 'true';
  }, String(id));
  await picturesSettled(ui);
  return framePictures(page);
}

describe('offline reading in the web UI', { timeout: 240_000 }, () => {
  it('syncs a feed with pictures through the UI and stores them', async () => {
    cityId = (await lib.addSourceThroughForm(`${feeds.origin}/feeds/city-news.rss`, ui.addSource)).id;
    galleryId = (await lib.addSourceThroughForm(`${feeds.origin}/feeds/gallery.rss`, ui.addSource)).id;
    await page.click('#sync-all');
    await ui.waitUntil('the sync to end', () => document.querySelector('#sync-progress').dataset.state === 'done');
    await ui.waitUntil('2 unread in the gallery', (sel) => document.querySelector(`${sel} .unread`)?.dataset.count === '2',
      lib.row(galleryId));
    for (const path of ['/img/night-market.png', '/img/radish.png', '/img/pixel.gif', '/img/nope.png']) {
      assert.ok(feeds.hits.get(path) >= 1, `the back end never asked for ${path}: ${JSON.stringify([...feeds.hits])}`);
    }
  });

  it('reads every article with its stored pictures while nothing but the app can be reached', async () => {
    await feeds.close();
    blocked = await blockOtherOrigins(page, backend.origin);
    await page.goto(`${backend.origin}/`);
    await ui.waitUntil('the app to start offline', () => document.body.dataset.ready === 'true');
    await ui.showView('all');
    const listed = await ui.waitUntil('the articles listed', () => {
      const items = [...document.querySelectorAll('#articles li[data-article-id]')];
      return items.length >= 5 ? items.map((li) => [li.dataset.articleId, li.querySelector('.item-title').textContent.trim()]) : null;
    });
    const seen = {};
    for (const [id, title] of listed) {
      ids.set(title, id);
      const shown = await openById(id);
      seen[title] = shown;
      for (const img of shown.images) {
        assert.ok(img.width > 0, `「${title}」: a picture did not load offline: ${JSON.stringify(img)}`);
        assert.match(img.src, /^pictures\/[0-9a-f]{2}\/[0-9a-f]{64}\.(png|gif)$/, `「${title}」: not a stored copy`);
        assert.equal(new URL(img.url).origin, backend.origin, `「${title}」: loaded from elsewhere`);
      }
      assert.equal(shown.pixel, false, `「${title}」: a tracking pixel is still there`);
    }
    assert.equal(seen['老街夜市重新開張']?.images.length, 1, `night market: ${JSON.stringify(seen['老街夜市重新開張'])}`);
    assert.equal(seen['夜市攤位巡禮']?.images.length, 1, 'the gallery\'s night market picture');
    const radish = seen['蘿蔔豐收'];
    assert.equal(radish?.images.length, 1, `radish: ${JSON.stringify(radish)}`);
    assert.deepEqual(radish.placeholders, [`${feeds.origin}/img/nope.png`], 'the missing picture is no placeholder');
    assert.deepEqual(blocked, [], 'the page asked for something outside the app');
  });

  it('shows what pictures take and frees the read articles\' pictures but never a bookmarked one\'s', async () => {
    await openById(ids.get('老街夜市重新開張'));
    await page.click('#bookmark-toggle');
    await ui.waitUntil('the bookmark', () => document.querySelector('#bookmark-toggle').getAttribute('aria-pressed') === 'true');
    await lib.openSettings();
    await ui.waitUntil('the storage view', () => document.querySelector('#storage').dataset.loaded === 'true');
    const before = await page.evaluate((id) => ({
      total: Number(document.querySelector('#storage-total').dataset.bytes),
      gallery: Number(document.querySelector(`#storage-sources tr[data-source-id="${id}"]`)?.dataset.bytes ?? 0),
      database: Number(document.querySelector('#storage-database').dataset.bytes),
      text: document.querySelector('#storage').innerText,
    }), galleryId);
    assert.ok(before.gallery > 0 && before.total >= before.gallery, `storage: ${JSON.stringify(before)}`);
    assert.ok(before.database > 0, `no database size: ${before.text}`);
    assert.match(before.text, /\d+ B/, `sizes are not human-readable: ${before.text}`);

    await page.selectOption('#storage-free-amount', '100');
    await page.click('#storage-free');
    const freed = await ui.waitUntil('space freed', () => {
      const el = document.querySelector('#storage-freed');
      return el.dataset.pictures && document.querySelector('#storage').dataset.loaded === 'true'
        ? { pictures: Number(el.dataset.pictures), bytes: Number(el.dataset.bytes), text: el.textContent } : null;
    });
    assert.equal(freed.pictures, 1, `only radish.png may go: ${JSON.stringify(freed)}`);
    const total = await page.evaluate(() => Number(document.querySelector('#storage-total').dataset.bytes));
    assert.equal(total, before.total - freed.bytes, 'the numbers were not refreshed');
    await page.click('#settings-close');

    const kept = await openById(ids.get('老街夜市重新開張'));
    assert.equal(kept.images.length, 1, `the bookmark lost its picture: ${JSON.stringify(kept)}`);
    assert.ok(kept.images[0].width > 0, 'the bookmark\'s picture does not load');
    const status = await page.evaluate((url) => fetch(url, { cache: 'no-store' }).then((r) => r.status), kept.images[0].url);
    assert.equal(status, 200, 'the bookmark\'s picture file is gone');
    const gone = await openById(ids.get('蘿蔔豐收'));
    assert.deepEqual(gone.images, [], 'the freed picture is still shown');
    assert.deepEqual(gone.placeholders, [`${feeds.origin}/img/radish.png`, `${feeds.origin}/img/nope.png`]);
  });

  it('keeps the text size and the theme across a reload, in the window and in the frame', async () => {
    const look = () => page.evaluate(() => {
      const frame = document.querySelector('#reader-frame').contentDocument;
      return {
        theme: document.documentElement.dataset.theme,
        size: document.querySelector('#font-size').textContent,
        uiFont: getComputedStyle(document.body).fontSize,
        uiBackground: getComputedStyle(document.body).backgroundColor,
        frameTheme: frame.documentElement.dataset.theme,
        frameFont: getComputedStyle(frame.body).fontSize,
        frameColor: getComputedStyle(frame.body).color,
      };
    });
    await openById(ids.get('老街夜市重新開張'));
    const plain = await look();
    await page.click('#font-larger');
    await page.click('#font-larger');
    await page.selectOption('#theme-select', 'dark');
    const chosen = await look();
    assert.equal(chosen.theme, 'dark');
    assert.equal(chosen.frameTheme, 'dark', 'the frame did not take the theme');
    assert.equal(chosen.uiBackground, 'rgb(26, 29, 33)');
    assert.equal(chosen.frameColor, 'rgb(226, 229, 233)');
    assert.ok(parseFloat(chosen.frameFont) > parseFloat(plain.frameFont), `frame text not larger: ${JSON.stringify([plain, chosen])}`);
    assert.ok(parseFloat(chosen.uiFont) > parseFloat(plain.uiFont), 'window text not larger');

    await page.goto(`${backend.origin}/`);
    await ui.waitUntil('the app to start again', () => document.body.dataset.ready === 'true');
    await ui.showView('all');
    await openById(ids.get('老街夜市重新開張'));
    assert.deepEqual(await look(), chosen, 'text size or theme lost in a reload');
  });

  it('shows the offline badge while the browser is offline', async () => {
    assert.equal(await page.locator('#offline-badge').isHidden(), true, 'the badge shows while online');
    await world.browser.context.setOffline(true);
    try {
      await ui.waitUntil('the offline badge', () => {
        const badge = document.querySelector('#offline-badge');
        return !badge.hidden && badge.dataset.reason === 'browser' && badge.title.length > 0;
      });
    } finally {
      await world.browser.context.setOffline(false);
    }
    await ui.waitUntil('the badge to go', () => document.querySelector('#offline-badge').hidden);
  });

  it('keeps a sync that reaches no site quiet: the badge and the source marks, no error', async () => {
    await page.click('#sync-all');
    await ui.waitUntil('the failed sync to end', (sel) => document.querySelector('#sync-progress').dataset.state === 'done'
      && document.querySelector(`${sel} .sync-mark`)?.dataset.state === 'failed', lib.row(cityId));
    await ui.waitUntil('the offline badge', () => document.querySelector('#offline-badge').dataset.reason === 'sync');
    assert.equal((await lib.mark(galleryId)).state, 'failed');
    assert.equal(await page.locator('#banner').isHidden(), true, `a banner: ${await ui.snapshot()}`);
    assert.notEqual(await page.getAttribute('#status', 'data-kind'), 'error', `an error in the status line: ${await ui.text('#status')}`);
  });

  it('sent nothing outside the app and raised no error in the page', () => {
    assert.deepEqual(blocked, [], 'the page asked for something outside the app');
    assert.deepEqual(world.pageErrors, []);
  });
});
