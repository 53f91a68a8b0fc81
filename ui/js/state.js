// What the window is showing, shared by the panes, and the events they use to tell each other about changes.
// Panes never reach into each other's DOM: they change `state` and emit an event.

export const state = {
  /** [Source] as last listed by the back end. */
  sources: [],
  /** {type: 'all'} | {type: 'bookmarks'} | {type: 'source', id} | {type: 'folder', path: [name]}
   *  | {type: 'search', query, previous} | {type: 'category', name} | {type: 'publisher', name}
   *  (the last two: portal articles of a category at any level, or of a publisher) */
  view: { type: 'all' },
  /** [ArticleSummary] shown in the middle pane. */
  articles: [],
  /** The Article open in the reader, or null. */
  current: null,
  /** The sync shown in the sources pane: whether it runs, titles being fetched, and results by source id. */
  sync: { running: false, current: [], results: new Map() },
};

const bus = new EventTarget();

/**
 * Events: 'view' (the middle pane should reload), 'sources' (state.sources changed),
 * 'articles' (state.articles changed), 'article-state' (detail: ArticleState of one article),
 * 'open' (detail: article id to open), 'synced' (a sync finished), 'sync-progress' (state.sync changed).
 */
export function on(name, handler) {
  bus.addEventListener(name, (event) => handler(event.detail));
}

export function emit(name, detail) {
  bus.dispatchEvent(new CustomEvent(name, { detail }));
}

/** Same id whatever its JSON type (the DOM keeps ids as strings). */
export function sameId(a, b) {
  return a !== null && a !== undefined && String(a) === String(b);
}

/** Switches the middle pane to another view. */
export function setView(view) {
  if (view !== state.view) state.pages = 1;
  state.view = view;
  emit('view', view);
}
