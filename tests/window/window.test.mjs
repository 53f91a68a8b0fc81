// The real desktop window under Xvfb, driven through WebKitWebDriver: add a source served on 127.0.0.1, sync,
// open an article, bookmark it and react, move the source to a folder in its settings, restart the app and find
// all of it kept; save a dropped link, stop the site and read both articles with their pictures from the
// library (the jbpic protocol); screenshots of the window.
// Run inside `dbus-run-session` with DISPLAY set (scripts/test does both).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFeedServer } from '../browser/feed-server.mjs';
import { startDriver, Session } from './webdriver.mjs';
import { ARTICLE_BY_TITLE, clickFound, readerShows, SOURCE_BY_TITLE } from './window-helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const targetDir = process.env.CARGO_TARGET_DIR || path.join(root, 'target');
const appBin = process.env.JIANBAO_APP_BIN || path.join(targetDir, 'debug', 'jianbao-app');
const cliBin = process.env.JIANBAO_BIN || path.join(targetDir, 'debug', 'jianbao');
const shots = path.join(targetDir, 'screenshots');

let feeds;
let driver;
let dataDir;

before(async () => {
  assert.ok(process.env.DISPLAY, 'DISPLAY must name an X server (scripts/test starts Xvfb)');
  assert.ok(existsSync(appBin), `the app binary ${appBin} must be built first`);
  feeds = await startFeedServer(path.join(root, 'tests/fixtures'));
  driver = await startDriver();
  dataDir = mkdtempSync(path.join(tmpdir(), 'jianbao-window-'));
  mkdirSync(shots, { recursive: true });
});

after(async () => {
  driver?.stop();
  await feeds?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const open = () => Session.create(driver, appBin, ['--data-dir', dataDir]);

const FOLDER = '新聞/本地';

/** The source row titled arguments[0] inside the folder arguments[1], itself inside its parent folder. */
const SOURCE_IN_FOLDER = `
  const parts = arguments[1].split('/');
  const parent = document.querySelector('#sources > li[data-folder="' + parts[0] + '"]');
  const folder = parent && parent.querySelector(':scope > ul > li[data-folder="' + arguments[1] + '"]');
  const li = folder && [...folder.querySelectorAll('li[data-source-id]')]
    .find((li) => li.querySelector('.title')?.textContent.trim() === arguments[0]);
  return li ? li.querySelector('.unread').dataset.count : null;`;

test('a source added, synced, read, bookmarked, reacted to and moved to a folder in the window survives a restart', async () => {
  const feedTitle = '山城日報 · 城事';
  const articleTitle = '老街夜市重新開張';
  let articleId;

  const s = await open();
  try {
    await s.waitFor('the starter source', `return document.querySelectorAll('#sources li[data-source-id]').length === 1`);
    await s.click('#add-source');
    await s.type('#add-url', `${feeds.origin}/feeds/city-news.rss`);
    await s.click('#add-submit');
    await s.waitFor('the new source', SOURCE_BY_TITLE, feedTitle);

    await s.click('#sync-all');
    await s.waitFor('sync to finish', `return document.querySelector('#sync-progress').dataset.state === 'done'`);
    await clickFound(s, 'the new source in the list', SOURCE_BY_TITLE, feedTitle);
    await clickFound(s, 'the article in the list', ARTICLE_BY_TITLE, articleTitle);
    await s.waitFor('the reader to show it', `return document.querySelector('#reader-title').textContent.trim() === arguments[0]`, articleTitle);
    const body = await s.waitFor('the body in the frame', `
      const doc = document.querySelector('#reader-frame').contentDocument;
      const text = doc && doc.body ? doc.body.innerText : '';
      return text.includes('攤商') ? text : null;`);
    assert.ok(!body.includes("alert('xss')"), 'the script is gone from the body');
    articleId = await s.exec(`return document.querySelector('#articles li.selected, #articles li[aria-current="true"]')?.dataset.articleId`);
    assert.ok(articleId, 'the opened article is selected in the list');

    await s.click('#bookmark-toggle');
    await s.waitFor('the bookmark', `return document.querySelector('#bookmark-toggle').getAttribute('aria-pressed') === 'true'`);
    await s.click('#reactions button[data-reaction="flowers"]');
    await s.waitFor('the reaction', `return document.querySelector('#reactions button[data-reaction="flowers"]').getAttribute('aria-pressed') === 'true'`);

    // The source's settings: move it to 新聞/本地.
    await clickFound(s, 'the settings button of the selected source', `
      const li = document.querySelector('#sources li[data-source-id].selected');
      return li ? li.querySelector('.source-settings') : null;`);
    await s.waitFor('the source dialog', `return document.querySelector('#source-dialog').open`);
    await s.type('#source-folder', FOLDER);
    await s.click('#source-save');
    await s.waitFor('the dialog to close', `return !document.querySelector('#source-dialog').open`);
    await s.waitFor('the source in its folder', SOURCE_IN_FOLDER, feedTitle, FOLDER);
    writeFileSync(path.join(shots, 'window-feed.png'), await s.screenshot());
  } finally {
    await s.close();
  }

  const again = await open();
  try {
    await again.waitFor('the library to load', `return document.querySelectorAll('#articles li[data-article-id]').length === 8`);
    const unread = await again.waitFor('the source still in 新聞/本地 after a restart', SOURCE_IN_FOLDER, feedTitle, FOLDER);
    assert.equal(unread, '2', 'the folder row shows the source with its unread count');
    await clickFound(again, 'the Bookmarks view', `return document.querySelector('[data-view="bookmarks"]')`);
    // Only the bookmarked article is in Bookmarks.
    await again.waitFor('Bookmarks to list one article', `
      const items = [...document.querySelectorAll('#articles li[data-article-id]')];
      return items.length === 1 && items[0].textContent.includes(arguments[0]);`, articleTitle);
    await clickFound(again, 'the bookmarked article', ARTICLE_BY_TITLE, articleTitle);
    await again.waitFor('the bookmark after a restart', `return document.querySelector('#bookmark-toggle').getAttribute('aria-pressed') === 'true'`);
    await again.waitFor('the reaction after a restart', `return document.querySelector('#reactions button[data-reaction="flowers"]').getAttribute('aria-pressed') === 'true'`);

    // The starter's portal article, as its portal shows it: the screenshot for the README.
    await clickFound(again, 'All articles', `return document.querySelector('[data-view="all"]')`);
    await clickFound(again, 'the portal article', ARTICLE_BY_TITLE, '萍鄉:創新賦能高質量發展');
    const portal = await again.waitFor('the portal facts', `
      const p = document.querySelector('#reader-portal');
      return p && !p.hidden && p.textContent.includes('中國網') ? p.textContent : null;`);
    assert.match(portal, /門戶\s*›\s*城事資訊\s*›\s*安源區政府/);
    const meta = await again.exec(`return document.querySelector('#reader-meta').textContent`);
    assert.match(meta, /2020-11-27 15:34 \(UTC\+8\)/);
    writeFileSync(path.join(shots, 'window-portal.png'), await again.screenshot());
  } finally {
    await again.close();
  }

  // The command line opens the same library and sees what the window did.
  const shown = JSON.parse(execFileSync(cliBin, ['--data-dir', dataDir, 'show', articleId, '--json'], { encoding: 'utf8' }));
  assert.equal(shown.title, articleTitle);
  assert.equal(shown.bookmarked, true);
  assert.equal(shown.reaction, 'flowers');
  const fetched = feeds.requests.filter((r) => r.path.startsWith('/feeds/'));
  assert.ok(fetched.length >= 2, 'add and sync fetched the feed');
  assert.ok(fetched.every((r) => r.userAgent.startsWith('Jianbao/')), 'every feed request says who it is');
});

/** The reader frame's pictures once they have all settled: [{src, width}]. */
const FRAME_PICTURES = `
  const doc = document.querySelector('#reader-frame').contentDocument;
  const images = doc ? [...doc.images] : [];
  if (!images.length || !images.every((img) => img.complete)) return null;
  return images.map((img) => ({ src: img.src, width: img.naturalWidth }));`;

test('a dropped link is saved, and articles show their pictures from the library after the site is gone', async () => {
  // A site and a library of its own, so that stopping the site leaves the other test alone.
  const site = await startFeedServer(path.join(root, 'tests/fixtures'));
  const dir = mkdtempSync(path.join(tmpdir(), 'jianbao-window-offline-'));
  const s = await Session.create(driver, appBin, ['--data-dir', dir]);
  try {
    await s.waitFor('the starter source', `return document.querySelectorAll('#sources li[data-source-id]').length === 1`);
    await s.click('#add-source');
    await s.type('#add-url', `${site.origin}/feeds/city-news.rss`);
    await s.click('#add-submit');
    await s.waitFor('the new source', SOURCE_BY_TITLE, '山城日報 · 城事');
    await s.click('#sync-all');
    await s.waitFor('sync to finish', `return document.querySelector('#sync-progress').dataset.state === 'done'`);

    // What the shell reports when a link is dropped on the window (WebDriver cannot drag from another program).
    const page = `${site.origin}/pages/saved-article.html`;
    await s.exec(`window.__TAURI__.event.emit('tauri://drag-drop', { paths: [arguments[0]], position: { x: 400, y: 300 } });
      return true;`, page);
    await readerShows(s, '老街夜市攤商名單出爐');
    const heading = await s.exec(`return document.querySelector('#list-heading').textContent`);
    assert.equal(heading, 'Saved 收藏', 'the saved article is not shown in the Saved source');
    assert.equal(await s.exec(`return document.querySelector('#bookmark-toggle').getAttribute('aria-pressed')`), 'true');
    assert.ok(site.requests.some((r) => r.path === '/pages/saved-article.html'), 'the dropped page was not fetched');

    await site.close();
    for (const [source, title] of [['山城日報 · 城事', '老街夜市重新開張'], ['Saved 收藏', '老街夜市攤商名單出爐']]) {
      await clickFound(s, `the source ${source}`, SOURCE_BY_TITLE, source);
      await clickFound(s, `the article ${title}`, ARTICLE_BY_TITLE, title);
      await readerShows(s, title);
      const pictures = await s.waitFor(`the pictures of ${title} to settle`, FRAME_PICTURES);
      assert.equal(pictures.length, 1, `${title}: ${JSON.stringify(pictures)}`);
      assert.ok(pictures[0].width > 0, `${title}: the picture did not load with the site gone: ${JSON.stringify(pictures)}`);
      assert.match(pictures[0].src, /^jbpic:/, `${title}: the picture is not the library's copy`);
    }
    writeFileSync(path.join(shots, 'window-offline-pictures.png'), await s.screenshot());
  } finally {
    await s.close();
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
