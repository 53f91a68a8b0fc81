// Browser test of what a source fetches and how long articles are kept: a source's "Fetch the full article"
// and its own keep days / keep articles (empty: the library's, shown as the placeholder), the library's keep
// days / keep articles; all read back through the API and after a reload, and invalid numbers refused inline.
// Run: node --test tests/browser/
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openHarness } from './harness.mjs';

let world, feeds, backend, page, ui, lib;
let cityUrl, cityId;

before(async () => {
  world = await openHarness('retention-test');
  ({ feeds, backend, page, ui, lib } = world);
  cityUrl = `${feeds.origin}/feeds/city-news.rss`;
  cityId = (await lib.addSourceThroughForm(cityUrl, ui.addSource)).id;
});

after(() => world?.close());

/** Reloads the page and waits until the app has started again. */
async function reload() {
  await page.goto(`${backend.origin}/`);
  await ui.waitUntil('the app to start again', () => document.body.dataset.ready === 'true');
}

/** The source dialog's retention and full-text fields: values, placeholders, and whether full text is enabled. */
const sourceFields = () => page.evaluate(() => {
  const days = document.querySelector('#source-keep-days');
  const most = document.querySelector('#source-keep-articles');
  const fullText = document.querySelector('#source-full-text');
  return { days: days.value, most: most.value, daysDefault: days.placeholder, mostDefault: most.placeholder,
    fullText: fullText.checked, fullTextEnabled: !fullText.disabled };
});

/** Waits until the dialog's placeholders show the library's settings (they arrive after the dialog opens). */
const defaultsShown = (days) => ui.waitUntil(`the library's ${days} days as the placeholder`,
  (wanted) => document.querySelector('#source-keep-days').placeholder.includes(wanted), String(days));

/** Clicks Save in `dialog` and resolves to the inline error it shows (the dialog staying open). */
async function refusal(dialog, save, error) {
  await page.click(save);
  const text = await ui.waitUntil(`an inline error in ${dialog}`, (sel) => {
    const el = document.querySelector(sel);
    return el.hidden ? null : el.textContent;
  }, error);
  assert.equal(await page.evaluate((sel) => document.querySelector(sel).open, dialog), true, `${dialog} closed`);
  return { text, kind: await page.getAttribute(error, 'data-kind') };
}

describe('full text and retention in the web UI', { timeout: 180_000 }, () => {
  it('keeps a source\'s full text and its own limits, with the library\'s as placeholders, across a reload', async () => {
    await lib.openSourceSettings(cityId);
    await defaultsShown(365);
    assert.deepEqual(await sourceFields(), { days: '', most: '', daysDefault: 'default: 365', mostDefault: 'default: 5000',
      fullText: false, fullTextEnabled: true });
    await page.check('#source-full-text');
    await page.fill('#source-keep-days', '30');
    await page.fill('#source-keep-articles', '200');
    await lib.saveSourceSettings();
    let source = await lib.sourceByUrl(cityUrl);
    assert.deepEqual([source.full_text, source.keep_days, source.keep_articles], [true, 30, 200]);

    await reload();
    await lib.openSourceSettings(cityId);
    await defaultsShown(365);
    assert.deepEqual(await sourceFields(), { days: '30', most: '200', daysDefault: 'default: 365',
      mostDefault: 'default: 5000', fullText: true, fullTextEnabled: true });

    // Emptied: back to the library's setting (null), the other field and full text untouched.
    await page.fill('#source-keep-days', '');
    await page.fill('#source-keep-articles', '0');
    await lib.saveSourceSettings();
    source = await lib.sourceByUrl(cityUrl);
    assert.deepEqual([source.full_text, source.keep_days, source.keep_articles], [true, null, 0]);

    await lib.openSourceSettings(cityId);
    await page.uncheck('#source-full-text');
    await lib.saveSourceSettings();
    assert.equal((await lib.sourceByUrl(cityUrl)).full_text, false);
  });

  it('offers full text only to feeds', async () => {
    const starter = (await lib.api('sources_list')).find((s) => s.kind === 'local');
    await lib.openSourceSettings(starter.id);
    assert.equal((await sourceFields()).fullTextEnabled, false, 'a local source offers to fetch full text');
    await page.click('#source-cancel');
  });

  it('refuses invalid limits for a source inline and stores nothing', async () => {
    await lib.openSourceSettings(cityId);
    for (const [field, typed, words] of [['#source-keep-days', '-5', /days to keep/], ['#source-keep-days', '2.5', /days/],
      ['#source-keep-articles', '-1', /articles to keep/], ['#source-keep-articles', '12345678', /articles/]]) {
      await page.fill('#source-keep-days', '');
      await page.fill('#source-keep-articles', '');
      await page.fill(field, typed);
      const { text, kind } = await refusal('#source-dialog', '#source-save', '#source-error');
      assert.match(text, words, `${typed} in ${field}: ${text}`);
      assert.equal(kind, 'invalid_argument');
    }
    await page.click('#source-cancel');
    const source = await lib.sourceByUrl(cityUrl);
    assert.deepEqual([source.keep_days, source.keep_articles], [null, 0], 'a refused limit was stored');
  });

  it('keeps the library\'s keep days and keep articles across a reload, and sources show them as their default', async () => {
    await lib.openSettings();
    assert.equal(await page.inputValue('#settings-keep-days'), '365');
    assert.equal(await page.inputValue('#settings-keep-articles'), '5000');
    await page.fill('#settings-keep-days', '90');
    await page.fill('#settings-keep-articles', '0');
    await page.click('#settings-save');
    await ui.waitUntil('the settings saved', () => !document.querySelector('#settings-dialog').open);
    const settings = await lib.api('settings_get');
    assert.deepEqual([settings.keep_days, settings.keep_articles], [90, 0]);
    assert.equal(settings.picture_budget_mb, 2048, 'another setting changed with them');

    await reload();
    await lib.openSettings();
    assert.equal(await page.inputValue('#settings-keep-days'), '90');
    assert.equal(await page.inputValue('#settings-keep-articles'), '0');
    await page.click('#settings-close');
    await lib.openSourceSettings(cityId);
    await defaultsShown(90);
    const fields = await sourceFields();
    assert.deepEqual([fields.daysDefault, fields.mostDefault, fields.most], ['default: 90', 'default: no limit', '0']);
    await page.click('#source-cancel');
  });

  it('refuses invalid library limits inline and stores nothing', async () => {
    await lib.openSettings();
    for (const [field, typed, words] of [['#settings-keep-days', '-1', /days to keep/], ['#settings-keep-days', '', /days/],
      ['#settings-keep-articles', '1.5', /articles to keep/]]) {
      await page.fill('#settings-keep-days', '90');
      await page.fill('#settings-keep-articles', '0');
      await page.fill(field, typed);
      const { text, kind } = await refusal('#settings-dialog', '#settings-save', '#settings-error');
      assert.match(text, words, `${JSON.stringify(typed)} in ${field}: ${text}`);
      assert.equal(kind, 'invalid_argument');
    }
    await page.click('#settings-close');
    const settings = await lib.api('settings_get');
    assert.deepEqual([settings.keep_days, settings.keep_articles], [90, 0], 'a refused limit was stored');
    assert.deepEqual(world.pageErrors, []);
  });
});
