-- 0007: Discuz! X portal categories as sources. A followed category is a source (kind 'feed': it is fetched on
-- the same schedule) with a row here saying where its list pages are; its articles come from those pages, and
-- its feed is only the cheap change signal.

CREATE TABLE portal_sources (
    source_id    INTEGER PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
    site_url     TEXT NOT NULL,               -- the folder holding portal.php, as the pages' <base href> says
    catid        INTEGER NOT NULL,
    list_url     TEXT NOT NULL,               -- the category's first list page
    clean_pinyin INTEGER NOT NULL DEFAULT 1,  -- remove inline pinyin (萍鄉(xiāng) → 萍鄉) before storing
    list_read_at INTEGER,                     -- when the list pages were last read
    subcategories INTEGER                     -- how many sub-categories its list shows (NULL: not read yet)
);
CREATE INDEX portal_sources_site ON portal_sources (site_url, catid);

-- What an article page shows besides its text; `refreshed_at` is when its counts were last read.
ALTER TABLE portal_articles ADD COLUMN comments TEXT NOT NULL DEFAULT '[]';
ALTER TABLE portal_articles ADD COLUMN related TEXT NOT NULL DEFAULT '[]';
ALTER TABLE portal_articles ADD COLUMN images TEXT NOT NULL DEFAULT '[]';
ALTER TABLE portal_articles ADD COLUMN reaction_links TEXT NOT NULL DEFAULT '{}';
ALTER TABLE portal_articles ADD COLUMN refreshed_at INTEGER;
CREATE INDEX portal_articles_aid ON portal_articles (aid);

-- Articles a portal refused to show (pending, removed, login wall, anti-scraping): reported, never stored as
-- articles, and not asked for again before `next_try_at` (every page view counts on the portal).
CREATE TABLE portal_refusals (
    source_id   INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    aid         INTEGER NOT NULL,
    url         TEXT NOT NULL,
    refusal     TEXT NOT NULL,
    message     TEXT NOT NULL,
    seen_at     INTEGER NOT NULL,
    next_try_at INTEGER NOT NULL,
    PRIMARY KEY (source_id, aid)
);

-- Reactions on portal articles wait here until the portal is reachable and a sign-in is kept; the portal's
-- answer (done, already reacted, refused) is kept on the article. The reader's own reaction stays in
-- article_state either way.
CREATE TABLE reaction_outbox (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    reaction   TEXT NOT NULL,
    queued_at  INTEGER NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
ALTER TABLE portal_articles ADD COLUMN reaction_status TEXT;   -- JSON: {reaction, state, message, at}
