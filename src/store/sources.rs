//! Sources: subscribe, list with counts, record sync outcomes, unsubscribe.

use super::{Store, StoreError, now_ts};
use crate::model::{SourceId, SourceKind};
use crate::view::Source;
use rusqlite::{OptionalExtension, Row, params};

/// A new subscription, before it has an id.
#[derive(Clone, Debug)]
pub struct NewSource<'a> {
    pub kind: SourceKind,
    pub url: &'a str,
    pub feed_url: &'a str,
    pub title: &'a str,
    pub site_url: Option<&'a str>,
}

const SELECT: &str = "
    SELECT s.id, s.kind, s.url, s.feed_url, s.title, s.site_url,
           (SELECT count(*) FROM articles a JOIN article_state st ON st.article_id = a.id
             WHERE a.source_id = s.id AND st.read = 0),
           (SELECT count(*) FROM articles a WHERE a.source_id = s.id),
           s.last_sync_at, s.last_error, s.last_error_kind, s.etag, s.last_modified
      FROM sources s";

fn row_to_source(row: &Row<'_>) -> rusqlite::Result<Source> {
    Ok(Source {
        id: row.get(0)?,
        kind: SourceKind::parse(&row.get::<_, String>(1)?),
        url: row.get(2)?,
        feed_url: row.get(3)?,
        title: row.get(4)?,
        site_url: row.get(5)?,
        unread: row.get(6)?,
        total: row.get(7)?,
        last_sync_at: row.get::<_, Option<i64>>(8)?.map(super::articles::ts_to_rfc3339),
        last_error: row.get(9)?,
        last_error_kind: row.get(10)?,
        etag: row.get(11)?,
        last_modified: row.get(12)?,
    })
}

impl Store {
    /// Subscribes; the URL must not be subscribed already.
    pub fn add_source(&mut self, new: &NewSource<'_>) -> Result<Source, StoreError> {
        self.conn.execute(
            "INSERT INTO sources (kind, url, feed_url, title, site_url, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![new.kind.as_str(), new.url, new.feed_url, new.title, new.site_url, now_ts()],
        )?;
        let id = SourceId(self.conn.last_insert_rowid());
        Ok(self.source(id)?.expect("just inserted"))
    }

    /// The source subscribed at `url` (as typed or as fetched), if any.
    pub fn source_by_url(&self, url: &str) -> Result<Option<Source>, StoreError> {
        let sql = format!("{SELECT} WHERE s.url = ?1 OR s.feed_url = ?1 ORDER BY s.id LIMIT 1");
        Ok(self.conn.query_row(&sql, [url], row_to_source).optional()?)
    }

    /// One source.
    pub fn source(&self, id: SourceId) -> Result<Option<Source>, StoreError> {
        let sql = format!("{SELECT} WHERE s.id = ?1");
        Ok(self.conn.query_row(&sql, [id], row_to_source).optional()?)
    }

    /// Every source: local ones first, then by title.
    pub fn sources(&self) -> Result<Vec<Source>, StoreError> {
        let sql = format!("{SELECT} ORDER BY s.kind = 'feed', s.title COLLATE NOCASE, s.id");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], row_to_source)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Unsubscribes, deleting the source's articles and their state.
    pub fn remove_source(&mut self, id: SourceId) -> Result<bool, StoreError> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM article_fts WHERE rowid IN (SELECT id FROM articles WHERE source_id = ?1)", [id])?;
        let n = tx.execute("DELETE FROM sources WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(n > 0)
    }

    /// Records a failed sync; nothing else about the source changes.
    pub fn record_sync_failure(&mut self, id: SourceId, kind: &str, message: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE sources SET last_sync_at = ?2, last_error = ?3, last_error_kind = ?4 WHERE id = ?1",
            params![id, now_ts(), message, kind],
        )?;
        Ok(())
    }

    /// Records a sync whose content did not change (a 304, or a local source).
    pub fn record_sync_unchanged(&mut self, id: SourceId) -> Result<(), StoreError> {
        let now = now_ts();
        self.conn.execute(
            "UPDATE sources SET last_sync_at = ?2, last_success_at = ?2, last_error = NULL, last_error_kind = NULL
              WHERE id = ?1",
            params![id, now],
        )?;
        Ok(())
    }
}

/// What a successful fetch tells the store about its source.
#[derive(Clone, Debug, Default)]
pub struct SourceUpdate {
    pub title: Option<String>,
    pub site_url: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// Applies a successful sync's source facts inside the sync's transaction.
pub(super) fn apply_source_update(
    tx: &rusqlite::Transaction<'_>,
    id: SourceId,
    update: &SourceUpdate,
) -> rusqlite::Result<()> {
    let now = now_ts();
    tx.execute(
        "UPDATE sources SET
            title = coalesce(nullif(?2, ''), title),
            site_url = coalesce(?3, site_url),
            etag = ?4, last_modified = ?5,
            last_sync_at = ?6, last_success_at = ?6, last_error = NULL, last_error_kind = NULL
          WHERE id = ?1",
        params![id, update.title, update.site_url, update.etag, update.last_modified, now],
    )?;
    Ok(())
}
