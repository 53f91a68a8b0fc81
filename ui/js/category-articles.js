// The portal articles of a category (at any level of their category path): articles_list {category}.
//
// Workaround: the back end (src/store/articles.rs, Store::articles) binds four parameters whenever a category
// or a publisher is asked for, but a category alone leaves ?4 out of the SQL, so SQLite refuses the query
// ("Wrong number of parameters passed to query. Got 4, needed 3"). Asked with a publisher too, the query is
// whole; so when the category alone fails that way, the category is asked once per publisher of the portal
// sources' articles (a portal article's author is its publisher) and the answers merged, newest first.
import { api } from './api.js';
import { mergeNewestFirst } from './article-merge.js';

/** How many articles of each portal source are looked at for their publishers. */
const SCAN = 100_000;

function parameterBug(err) {
  return err?.kind === 'database' && /number of parameters/i.test(err.message ?? '');
}

/** The newest articles whose category path holds `name`, at most `limit`. */
export async function categoryArticles(sources, name, limit) {
  try {
    return await api.articles.list({ category: name, limit });
  } catch (err) {
    if (!parameterBug(err)) throw err;
  }
  const portals = sources.filter((source) => source.kind === 'portal');
  const lists = await Promise.all(portals.map((source) => api.articles.list({ source: source.id, limit: SCAN })));
  const publishers = new Set(lists.flat().map((article) => article.author).filter(Boolean));
  const byPublisher = await Promise.all([...publishers]
    .map((publisher) => api.articles.list({ category: name, publisher, limit })));
  return mergeNewestFirst(byPublisher, limit);
}
