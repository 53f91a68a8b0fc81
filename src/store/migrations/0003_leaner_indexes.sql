-- 0003: leaner indexes on the sync's write path.
-- The guid index without a WHERE clause: SQLite may re-prepare a statement on every new binding when a partial
-- index's condition must be proven from a bound value; a plain unique index (NULLs stay distinct) keeps the
-- lookups cached, with the same uniqueness.
DROP INDEX articles_by_guid;
CREATE UNIQUE INDEX articles_by_guid ON articles(source_id, guid);
-- Lookups by content hash are only for items with neither guid nor link, rare enough to scan their source's rows
-- (through articles_source_newest) instead of maintaining an index on every insert.
DROP INDEX articles_by_hash;
