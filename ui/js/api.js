// The only door to the back end (docs/api.md): one `call(cmd, args)` over Tauri IPC or, in web mode,
// over POST /api/<cmd> with the session token, and the commands grouped by noun.
// Every failure becomes an ApiError carrying {kind, message, details}.

const TOKEN_KEY = 'jianbao.token';

/** An error from the back end (or from reaching it), with a stable `kind` the UI can branch on. */
export class ApiError extends Error {
  constructor(kind, message, details = null) {
    super(message || kind);
    this.name = 'ApiError';
    this.kind = kind || 'unknown';
    this.details = details ?? null;
  }
}

/** Reads `#token=…` once, keeps it for this tab and takes it out of the address bar (and so out of history). */
function takeToken() {
  const params = new URLSearchParams(location.hash.slice(1));
  const fromHash = params.get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    params.delete('token');
    const rest = params.toString();
    history.replaceState(history.state, '', location.pathname + location.search + (rest ? `#${rest}` : ''));
  }
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

const tauriInvoke = window.__TAURI__?.core?.invoke;
const token = tauriInvoke ? '' : takeToken();

/** 'ipc' in the desktop window, 'http' in web mode (where, e.g., downloads work and notifications do not). */
export const transport = tauriInvoke ? 'ipc' : 'http';

/** Whatever a transport rejected with, as an ApiError. */
function normalise(raw, fallbackKind = 'unknown') {
  if (raw instanceof ApiError) return raw;
  if (raw && typeof raw === 'object' && typeof raw.kind === 'string') {
    return new ApiError(raw.kind, raw.message, raw.details);
  }
  if (typeof raw === 'string') {
    try {
      return normalise(JSON.parse(raw), fallbackKind);
    } catch {
      return new ApiError(fallbackKind, raw);
    }
  }
  return new ApiError(fallbackKind, raw?.message || String(raw));
}

function kindForStatus(status) {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  return status >= 500 ? 'internal' : 'invalid_argument';
}

async function callHttp(cmd, args) {
  let response;
  try {
    response = await fetch(`/api/${cmd}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(args),
    });
  } catch (err) {
    throw new ApiError('transport', err?.message);
  }
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    if (response.ok) throw new ApiError('internal', `invalid JSON from /api/${cmd}`);
  }
  if (response.ok) return body;
  if (body && typeof body.kind === 'string') throw normalise(body);
  throw new ApiError(kindForStatus(response.status), text || `HTTP ${response.status}`);
}

async function callTauri(cmd, args) {
  try {
    return await tauriInvoke('api', { cmd, args });
  } catch (raw) {
    throw normalise(raw, 'internal');
  }
}

/** Calls one command of docs/api.md and resolves to its value. */
export function call(cmd, args = {}) {
  return tauriInvoke ? callTauri(cmd, args) : callHttp(cmd, args);
}

/** The commands, grouped by noun. */
export const api = {
  app: {
    info: () => call('app_info'),
  },
  sources: {
    list: () => call('sources_list'),
    add: (url, pick) => call('sources_add', pick ? { url, pick } : { url }),
    remove: (id) => call('sources_remove', { id }),
    /** `changes`: any of {title, encoding, folder, interval_minutes, full_text, keep_days, keep_articles,
     *  clean_pinyin}; absent fields stay as they are, null ones follow the library's settings. */
    update: (id, changes) => call('sources_update', { id, ...changes }),
  },
  portals: {
    /** The portal behind `url` and its category tree: {site_url, name, categories: [{catid, name, list_url,
     *  parent, depth}], direct}. */
    categories: (url) => call('portal_categories', { url }),
    /** Follows the portal's categories `catids` (all when absent); resolves to the [Source] followed. */
    follow: (url, catids) => call('portal_follow', catids ? { url, catids } : { url }),
    /** What a portal category's pages would not show: [{aid, url, refusal, message}]. */
    refusals: (id) => call('portal_refusals', { id }),
    /** Signs in with `{user, password}` or `{cookie}`; resolves to {site_url, user, kept, note, sent}. */
    login: (url, how) => call('portal_login', { url, ...how }),
    /** Whether a sign-in is kept for the portal: {site_url, signed_in, user, kept}. */
    signIn: (url) => call('portal_sign_in', { url }),
    /** Forgets the portal's sign-in; resolves to {signed_out}. */
    logout: (url) => call('portal_logout', { url }),
  },
  reactions: {
    /** Sends every queued reaction whose portal has a sign-in: [{article_id, reaction, state, message}]. */
    send: () => call('reactions_send'),
  },
  sync: {
    /** All sources when `ids` is empty or absent; `{due: true}` only those whose time has come. */
    start: ({ ids, due } = {}) => call('sync_start', due ? { due: true } : ids?.length ? { ids } : {}),
    status: () => call('sync_status'),
  },
  settings: {
    get: () => call('settings_get'),
    set: (settings) => call('settings_set', settings),
  },
  storage: {
    /** {picture_bytes, picture_budget_bytes, database_bytes, sources: [{source_id, title, pictures, bytes}]} */
    info: () => call('storage_info'),
    /** Frees at least `bytes` (never bookmarked or unread articles' pictures); resolves to {pictures, bytes}. */
    free: (bytes) => call('storage_free', { bytes }),
  },
  pages: {
    /** Saves the article page at `url` into the Saved source, bookmarked, pictures stored; resolves to the Article. */
    save: (url) => call('pages_save', { url }),
  },
  opml: {
    import: (text) => call('opml_import', { text }),
    export: () => call('opml_export'),
  },
  articles: {
    list: (filter = {}) => call('articles_list', filter),
    get: (id) => call('articles_get', { id }),
    setRead: (id, read) => call('articles_set_read', { id, read }),
    setBookmarked: (id, bookmarked) => call('articles_set_bookmarked', { id, bookmarked }),
    setReaction: (id, reaction) => call('articles_set_reaction', { id, reaction }),
    setPosition: (id, position) => call('articles_set_position', { id, position }),
  },
  search: (query, limit) => call('search', limit ? { query, limit } : { query }),
};
