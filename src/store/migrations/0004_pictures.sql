-- 0004: pictures stored for offline reading. The bytes are files in the data folder (pictures/ab/<sha256>.<ext>,
-- see docs/pictures.md); these tables say which picture each article uses and how its download went.

CREATE TABLE pictures (
    hash      TEXT PRIMARY KEY,         -- SHA-256 of the bytes, hex
    ext       TEXT NOT NULL,            -- the file type read from the bytes: png, jpg, gif, webp, avif, bmp, ico
    bytes     INTEGER NOT NULL,
    width     INTEGER,
    height    INTEGER,
    stored_at INTEGER NOT NULL
);

CREATE TABLE article_pictures (
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    url         TEXT NOT NULL,          -- the picture's original absolute URL, as the article's HTML holds it
    position    INTEGER NOT NULL,       -- order in the article
    status      TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'stored', 'failed', 'tracking', 'skipped', 'evicted')),
    hash        TEXT REFERENCES pictures(hash),
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT,
    next_try_at INTEGER,                -- unix seconds; a failed download is tried again from then on
    PRIMARY KEY (article_id, url)
);
CREATE INDEX article_pictures_by_status ON article_pictures(status, next_try_at);
CREATE INDEX article_pictures_by_hash ON article_pictures(hash);
CREATE INDEX article_pictures_by_url ON article_pictures(url);
