// Merging article lists that are each newest first (one per source) into one list, newest first. Each list's
// own order (the back end's) is kept; across lists the published times decide. Pure: no DOM, no API.

/** As many articles as one list of the back end holds by default. */
export const PAGE = 200;

/** Milliseconds of `published`, or NaN. */
function publishedMs(article) {
  return article.published ? Date.parse(article.published) : NaN;
}

/**
 * Sort keys for one source's list (already newest first). An undated article takes the time of the newer
 * article above it (the back end files it by when it was first seen, which is near there), so keys never
 * rise down a list and a merge keeps every source's own order.
 */
function keyed(list) {
  let above = Infinity;
  return list.map((article) => {
    const ms = publishedMs(article);
    if (!Number.isNaN(ms) && ms <= above) above = ms;
    return { article, key: above };
  });
}

function newer(a, b) {
  if (a.key !== b.key) return a.key > b.key;
  return Number(a.article.id) > Number(b.article.id);
}

/** Merges lists that are each newest first into one, newest first, at most `limit` long. */
export function mergeNewestFirst(lists, limit = PAGE) {
  const queues = lists.map(keyed).filter((q) => q.length);
  const heads = queues.map(() => 0);
  const out = [];
  while (out.length < limit) {
    let best = -1;
    for (let i = 0; i < queues.length; i++) {
      if (heads[i] >= queues[i].length) continue;
      if (best < 0 || newer(queues[i][heads[i]], queues[best][heads[best]])) best = i;
    }
    if (best < 0) break;
    out.push(queues[best][heads[best]].article);
    heads[best] += 1;
  }
  return out;
}
