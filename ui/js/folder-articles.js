// The articles of a folder: one articles_list per source beneath it (and its subfolders), merged newest first
// and cut to one page (article-merge.js).
import { api } from './api.js';
import { mergeNewestFirst, PAGE } from './article-merge.js';
import { isInFolder } from './folders.js';

/** The newest articles of every source in `path` (and its subfolders). */
export async function folderArticles(sources, path, limit = PAGE) {
  const inside = sources.filter((source) => isInFolder(source, path));
  const lists = await Promise.all(inside.map((source) => api.articles.list({ source: source.id, limit })));
  return mergeNewestFirst(lists, limit);
}
