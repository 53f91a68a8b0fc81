-- 0001: sources, articles as synced, article state kept apart from content, portal facts, full-text index.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE sources (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('feed', 'local')),
    url             TEXT NOT NULL UNIQUE,   -- the URL the user subscribed
    feed_url        TEXT NOT NULL,          -- where the feed is fetched from
    title           TEXT NOT NULL,
    site_url        TEXT,
    created_at      INTEGER NOT NULL,       -- unix seconds
    last_sync_at    INTEGER,
    last_success_at INTEGER,
    last_error      TEXT,
    last_error_kind TEXT,
    etag            TEXT,
    last_modified   TEXT
);

CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    source_id     INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    guid          TEXT,                     -- as the source gave it; NULL when it gave none
    link          TEXT,
    link_key      TEXT,                     -- normalised link, for deduplication
    title         TEXT NOT NULL,
    author        TEXT,
    published     TEXT,                     -- RFC 3339 with the source's own offset
    updated       TEXT,
    sort_ts       INTEGER NOT NULL,         -- unix seconds used for ordering
    summary       TEXT,
    html          TEXT NOT NULL,            -- sanitized
    text          TEXT NOT NULL,
    categories    TEXT NOT NULL DEFAULT '[]',
    content_hash  TEXT NOT NULL,
    first_seen_at INTEGER NOT NULL,
    changed_at    INTEGER NOT NULL
);
CREATE UNIQUE INDEX articles_by_guid ON articles(source_id, guid) WHERE guid IS NOT NULL;
CREATE INDEX articles_by_link ON articles(source_id, link_key);
CREATE INDEX articles_by_hash ON articles(source_id, content_hash);
CREATE INDEX articles_newest ON articles(sort_ts DESC, id DESC);
CREATE INDEX articles_source_newest ON articles(source_id, sort_ts DESC, id DESC);

-- The reader's state, apart from content: re-syncing rewrites content, never this.
CREATE TABLE article_state (
    article_id    INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    read          INTEGER NOT NULL DEFAULT 0,
    bookmarked_at TEXT,                     -- NULL: not bookmarked
    reaction      TEXT CHECK (reaction IN ('flowers', 'handshake', 'shocking', 'passing', 'eggs')),
    position      REAL NOT NULL DEFAULT 0,
    changed_at    INTEGER
);
CREATE INDEX article_state_unread ON article_state(read, article_id);
CREATE INDEX article_state_bookmarked ON article_state(bookmarked_at) WHERE bookmarked_at IS NOT NULL;

CREATE TABLE portal_articles (
    article_id      INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    aid             INTEGER,
    site_name       TEXT,
    section         TEXT,
    publisher       TEXT,
    original_author TEXT,
    source_name     TEXT,
    source_link     TEXT,
    category_path   TEXT NOT NULL DEFAULT '[]',
    views           INTEGER,
    comment_count   INTEGER,
    reactions       TEXT NOT NULL DEFAULT '{}',
    pages           INTEGER NOT NULL DEFAULT 1
);

-- Contentless: the indexed text is folded to simplified characters with CJK split into single characters
-- (see docs/search.md); rowid is the article id.
CREATE VIRTUAL TABLE article_fts USING fts5(
    title, body,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
