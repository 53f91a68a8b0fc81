// Waiting and acting on the Jianbao page in the browser test, through the UI's stable hooks only
// (ids, data-* attributes, aria-pressed/aria-current), with failure messages that say what the page showed.

const WAIT_MS = 15_000;

/** Helpers bound to one playwright page. */
export function pageHelpers(page) {
  /** What the page shows, for failure messages. */
  const snapshot = () => page.evaluate(() => {
    const texts = (sel) => [...document.querySelectorAll(sel)].map((el) => el.textContent.trim());
    const banner = document.querySelector('#banner');
    return JSON.stringify({
      sources: texts('#sources li[data-source-id] .title'),
      articles: texts('#articles li[data-article-id] .item-title'),
      heading: document.querySelector('#list-heading')?.textContent,
      banner: banner?.hidden ? null : banner?.textContent,
      status: document.querySelector('#status')?.textContent,
      addError: document.querySelector('#add-error')?.textContent,
      sync: document.querySelector('#sync-progress')?.dataset.state,
    }, null, 1);
  }).catch((err) => `(no snapshot: ${err.message})`);

  /** Waits until `fn(arg)` is truthy in the page and returns its value; on timeout says what was awaited. */
  async function waitUntil(what, fn, arg) {
    try {
      const handle = await page.waitForFunction(fn, arg, { timeout: WAIT_MS, polling: 100 });
      return await handle.jsonValue();
    } catch (err) {
      throw new Error(`timed out waiting for ${what}: ${err.message.split('\n')[0]}\npage: ${await snapshot()}`);
    }
  }

  /** The id of the listed article titled exactly `title`, once it is listed. */
  function listedArticle(title) {
    return waitUntil(`article 「${title}」 in the list`, (wanted) => {
      const items = [...document.querySelectorAll('#articles li[data-article-id]')];
      const item = items.find((li) => li.querySelector('.item-title')?.textContent.trim() === wanted);
      return item ? item.dataset.articleId : null;
    }, title);
  }

  /** Opens the listed article titled `title` and waits until the reader shows it with its body laid out. */
  async function openArticle(title) {
    const id = await listedArticle(title);
    await page.click(`#articles li[data-article-id="${id}"]`);
    await waitUntil(`reader showing 「${title}」`, ([wanted, wantedId]) => {
      const reader = document.querySelector('#reader');
      return reader.dataset.articleId === wantedId && reader.dataset.ready === 'true'
        && document.querySelector('#reader-title').textContent.trim() === wanted;
    }, [title, id]);
    return id;
  }

  /** Switches the middle pane to a fixed view ('all' or 'bookmarks'). */
  async function showView(view) {
    await page.click(`[data-view="${view}"]`);
    await waitUntil(`the ${view} view`, (v) => document.querySelector(`[data-view="${v}"]`)
      ?.getAttribute('aria-current') === 'true', view);
  }

  /** Submits the Add source form with `url`. */
  async function addSource(url) {
    if (await page.locator('#add-form').isHidden()) await page.click('#add-source');
    await page.fill('#add-url', url);
    await page.click('#add-submit');
  }

  const text = (selector) => page.locator(selector).innerText();

  return { snapshot, waitUntil, listedArticle, openArticle, showView, addSource, text };
}
