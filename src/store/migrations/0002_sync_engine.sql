-- 0002: what the sync engine keeps: enclosures and comment links, folders, per-source settings, and the
-- per-source schedule (body hash, failures for back-off, the next time a fetch is due, what the feed asks for).

ALTER TABLE articles ADD COLUMN enclosures TEXT NOT NULL DEFAULT '[]';
ALTER TABLE articles ADD COLUMN comments_link TEXT;

CREATE TABLE folders (
    id        INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES folders(id) ON DELETE CASCADE,
    title     TEXT NOT NULL
);
CREATE UNIQUE INDEX folders_by_path ON folders(coalesce(parent_id, 0), title);

ALTER TABLE sources ADD COLUMN folder_id INTEGER REFERENCES folders(id) ON DELETE SET NULL;
ALTER TABLE sources ADD COLUMN encoding TEXT;           -- per-source override (an encoding label), NULL: decide from the bytes
ALTER TABLE sources ADD COLUMN sync_interval INTEGER;   -- seconds; NULL: the library's default
ALTER TABLE sources ADD COLUMN body_hash TEXT;          -- hash of the last body parsed
ALTER TABLE sources ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN next_sync_at INTEGER;    -- unix seconds; the scheduler waits until then
ALTER TABLE sources ADD COLUMN feed_interval INTEGER;   -- seconds the feed asks for (ttl, max-age, sy:updatePeriod)
