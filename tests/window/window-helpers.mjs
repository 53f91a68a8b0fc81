// What the window tests share: finding list rows by title and clicking them for real through WebDriver, and
// waiting for the reader to show an article.
import { ELEMENT } from './webdriver.mjs';

/** The element script returns, clicked for real through WebDriver. Lists re-render when data arrives, so an
 * element gone stale between finding and clicking is found again. */
export async function clickFound(s, what, script, ...args) {
  for (let attempt = 1; ; attempt++) {
    const el = await s.waitFor(what, script, ...args);
    try {
      await s.cmd('POST', `/element/${el[ELEMENT]}/click`, {});
      return;
    } catch (err) {
      if (attempt >= 5 || !/stale element/.test(err.message)) throw err;
    }
  }
}

/** The listed article titled arguments[0]. */
export const ARTICLE_BY_TITLE = `
  const li = [...document.querySelectorAll('#articles li[data-article-id]')]
    .find((li) => li.querySelector('.item-title')?.textContent.trim() === arguments[0]);
  return li ? (li.querySelector('button, a') ?? li) : null;`;

/** The source row titled arguments[0]. */
export const SOURCE_BY_TITLE = `
  const li = [...document.querySelectorAll('#sources li[data-source-id]')]
    .find((li) => li.querySelector('.title')?.textContent.trim() === arguments[0]);
  return li ? (li.querySelector('button, a') ?? li) : null;`;

/** Waits until the reader shows `title` with its body laid out. */
export const readerShows = (s, title) => s.waitFor(`the reader to show 「${title}」`, `
  const reader = document.querySelector('#reader');
  return reader.dataset.ready === 'true' && document.querySelector('#reader-title').textContent.trim() === arguments[0];`,
title);
