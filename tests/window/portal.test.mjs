// The real desktop window and the test portal (tests/support/portal) on 127.0.0.1: follow a portal category,
// sign in in its settings (the sign-in kept in the system's credential store: scripts/test runs an unlocked
// gnome-keyring on the test's private D-Bus), sync, stop the portal and read an article from the library,
// react (the answer waits), restart the portal, sync, and the answer is done; the portal's page counts it.
// Run inside `dbus-run-session` with DISPLAY set and a Secret Service on that bus (scripts/test does all three).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { portalServerBin, reactionCountOnPage, startPortalServer } from '../browser/portal-server.mjs';
import { startDriver, Session } from './webdriver.mjs';
import { ARTICLE_BY_TITLE, clickFound, readerShows, SOURCE_BY_TITLE } from './window-helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const targetDir = process.env.CARGO_TARGET_DIR || path.join(root, 'target');
const appBin = process.env.JIANBAO_APP_BIN || path.join(targetDir, 'debug', 'jianbao-app');
const shots = path.join(targetDir, 'screenshots');

const SEED_AID = 7264;
const SEED_TITLE = '萍鄉:創新賦能高質量發展';
const CATEGORY = '安源區政府';

let portal;
let driver;
let dataDir;

before(async () => {
  assert.ok(process.env.DISPLAY, 'DISPLAY must name an X server (scripts/test starts Xvfb)');
  assert.ok(existsSync(appBin), `the app binary ${appBin} must be built first`);
  portal = await startPortalServer(portalServerBin(root));
  driver = await startDriver();
  dataDir = mkdtempSync(path.join(tmpdir(), 'jianbao-window-portal-'));
  mkdirSync(shots, { recursive: true });
});

after(async () => {
  driver?.stop();
  await portal?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** The portal's answer to the reader's reaction, once its state is arguments[0]. */
const REACTION_ANSWER = `
  const box = document.querySelector('#reaction-status');
  return !box.hidden && box.dataset.state === arguments[0] && box.dataset.sending === 'false'
    ? { reaction: box.dataset.reaction, text: box.textContent.trim() } : null;`;

test('a reaction made offline waits, and is done once the portal is back, counted on its page', async () => {
  const s = await Session.create(driver, appBin, ['--data-dir', dataDir]);
  try {
    await s.waitFor('the starter source', `return document.querySelectorAll('#sources li[data-source-id]').length === 1`);
    await s.click('#add-source');
    await s.type('#add-url', new URL('portal.php?mod=list&catid=2', portal.url).href);
    await s.click('#add-submit');
    await s.waitFor('the portal category', SOURCE_BY_TITLE, CATEGORY);

    // Sign in in the category's settings: kept in the system's credential store.
    await clickFound(s, 'the portal category', SOURCE_BY_TITLE, CATEGORY);
    await clickFound(s, 'the settings button of the selected source', `
      const li = document.querySelector('#sources li[data-source-id].selected');
      return li ? li.querySelector('.source-settings') : null;`);
    await s.waitFor('the portal part of the source dialog', `return document.querySelector('#source-dialog').open
      && !document.querySelector('#source-portal').hidden`);
    await s.type('#portal-user', 'reader');
    await s.type('#portal-password', 'secret');
    await s.click('#portal-login');
    const signedIn = await s.waitFor('the sign-in', `
      const error = document.querySelector('#portal-signin-error');
      if (!error.hidden) return { error: error.textContent };
      const line = document.querySelector('#portal-signin-state');
      return line.dataset.kept ? { kept: line.dataset.kept, user: line.dataset.user, text: line.textContent } : null;`);
    assert.equal(signedIn.error, undefined, `the sign-in failed: ${signedIn.error}`);
    assert.equal(signedIn.user, 'reader');
    assert.equal(signedIn.kept, 'system', `not kept in the system's credential store (is a Secret Service running?): ${signedIn.text}`);
    assert.match(signedIn.text, /kept in the system’s credential store/);
    writeFileSync(path.join(shots, 'window-portal-signin.png'), await s.screenshot());
    await s.click('#source-cancel');

    await s.click('#sync-all');
    await s.waitFor('sync to finish', `return document.querySelector('#sync-progress').dataset.state === 'done'`);

    // The portal is gone: the article reads from the library.
    await portal.stop();
    await clickFound(s, 'the portal category', SOURCE_BY_TITLE, CATEGORY);
    await clickFound(s, 'the seed article', ARTICLE_BY_TITLE, SEED_TITLE);
    await readerShows(s, SEED_TITLE);
    const shown = await s.waitFor('the article and its portal facts', `
      const doc = document.querySelector('#reader-frame').contentDocument;
      const body = doc && doc.body ? doc.body.innerText : '';
      const path = document.querySelector('#portal-path');
      return body.includes('春華秋實') && path ? { body, path: path.textContent } : null;`);
    assert.match(shown.path, /城事資訊\s*›\s*安源區政府/);

    await s.click('#reactions button[data-reaction="flowers"]');
    const waiting = await s.waitFor('the answer: waiting', REACTION_ANSWER, 'waiting');
    assert.equal(waiting.reaction, 'flowers');
    assert.match(waiting.text, /waits to be sent/);
    assert.equal(await s.exec(`return document.querySelector('#reaction-send').hidden`), false, 'no Send now while it waits');
    writeFileSync(path.join(shots, 'window-portal-waiting.png'), await s.screenshot());

    // The portal is back: a sync reaches it and sends what waited.
    await portal.restart();
    assert.equal(await reactionCountOnPage(portal.url, SEED_AID, 'xianhua'), 0);
    await s.click('#sync-all');
    const done = await s.waitFor('the answer: done', REACTION_ANSWER, 'done');
    assert.equal(done.reaction, 'flowers');
    assert.match(done.text, /參與表態完成了/);
    assert.equal(await reactionCountOnPage(portal.url, SEED_AID, 'xianhua'), 1, 'the portal does not count the reaction');
    writeFileSync(path.join(shots, 'window-portal-done.png'), await s.screenshot());
  } finally {
    await s.close();
  }
});
