-- 0006: full text for summary-only feeds. A source can ask for each new article's linked page to be fetched
-- (once) and its main content stored in place of the feed's summary, which stays in `summary`.

ALTER TABLE sources ADD COLUMN full_text INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN full_text_at INTEGER;      -- when the linked page was fetched (even if it failed)
ALTER TABLE articles ADD COLUMN full_text_error TEXT;      -- why the page gave no article, if it did not
