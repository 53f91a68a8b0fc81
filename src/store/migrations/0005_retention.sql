-- 0005: keeping the library lean. Per-source retention (NULL: the library's default), and tombstones so that an
-- article retention deleted is not brought back by the next sync of a feed that still lists it.

ALTER TABLE sources ADD COLUMN keep_days INTEGER;
ALTER TABLE sources ADD COLUMN keep_articles INTEGER;

CREATE TABLE article_tombstones (
    source_id  INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    key        TEXT NOT NULL,       -- the article's identity: g:<guid>, l:<normalised link> or h:<content hash>
    deleted_at INTEGER NOT NULL,
    PRIMARY KEY (source_id, key)
) WITHOUT ROWID;
