// The portal articles of a category (at any level of their category path): articles_list {category}.
import { api } from './api.js';

/** The newest articles whose category path holds `name`, at most `limit`. */
export function categoryArticles(name, limit) {
  return api.articles.list({ category: name, limit });
}
