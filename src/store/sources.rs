//! Sources: subscribe, list with counts, settings, record sync outcomes and schedules, unsubscribe.

use super::{Store, StoreError, now_ts};
use crate::model::{SourceId, SourceKind};
use crate::view::{PortalCategory, Source};
use rusqlite::{Row, params};

/// A new subscription, before it has an id.
#[derive(Clone, Debug)]
pub struct NewSource<'a> {
    pub kind: SourceKind,
    pub url: &'a str,
    pub feed_url: &'a str,
    pub title: &'a str,
    pub site_url: Option<&'a str>,
}

/// What a successful fetch tells the store about its source.
#[derive(Clone, Debug, Default)]
pub struct SourceUpdate {
    pub site_url: Option<String>,
    /// A permanent redirect's target: fetch from here from now on.
    pub moved_to: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub body_hash: Option<String>,
    /// Seconds the feed asks between fetches.
    pub feed_interval: Option<u32>,
    /// Unix seconds of the next scheduled fetch.
    pub next_sync_at: Option<i64>,
}

/// Per-source settings a user can change; `None` leaves a setting as it is.
#[derive(Clone, Debug, Default)]
pub struct SourceSettings {
    pub title: Option<String>,
    /// `Some(None)` clears the override.
    pub encoding: Option<Option<String>>,
    /// `Some(vec![])` moves to the top level.
    pub folder: Option<Vec<String>>,
    /// `Some(None)` returns to the library's default.
    pub interval_minutes: Option<Option<i64>>,
    /// Retention: `Some(None)` returns to the library's default.
    pub keep_days: Option<Option<i64>>,
    pub keep_articles: Option<Option<i64>>,
    /// Whether each new article's linked page is fetched for its full text.
    pub full_text: Option<bool>,
}

const SELECT: &str = "
    SELECT s.id, CASE WHEN p.source_id IS NULL THEN s.kind ELSE 'portal' END, s.url, s.feed_url, s.title, s.site_url,
           (SELECT count(*) FROM articles a JOIN article_state st ON st.article_id = a.id
             WHERE a.source_id = s.id AND st.read = 0),
           (SELECT count(*) FROM articles a WHERE a.source_id = s.id),
           s.last_sync_at, s.last_error, s.last_error_kind, s.etag, s.last_modified,
           s.encoding, s.sync_interval, s.failures, s.next_sync_at, s.body_hash, s.folder_id, s.feed_interval,
           s.keep_days, s.keep_articles, s.full_text, p.site_url, p.catid, p.list_url, p.clean_pinyin, p.subcategories, p.list_read_at
      FROM sources s LEFT JOIN portal_sources p ON p.source_id = s.id";

fn row_to_source(row: &Row<'_>) -> rusqlite::Result<Source> {
    let ts = |i: usize| Ok::<_, rusqlite::Error>(row.get::<_, Option<i64>>(i)?.map(super::articles::ts_to_rfc3339));
    Ok(Source {
        id: row.get(0)?,
        kind: SourceKind::parse(&row.get::<_, String>(1)?),
        url: row.get(2)?,
        feed_url: row.get(3)?,
        title: row.get(4)?,
        site_url: row.get(5)?,
        unread: row.get(6)?,
        total: row.get(7)?,
        last_sync_at: ts(8)?,
        last_error: row.get(9)?,
        last_error_kind: row.get(10)?,
        etag: row.get(11)?,
        last_modified: row.get(12)?,
        encoding: row.get(13)?,
        interval_minutes: row.get::<_, Option<i64>>(14)?.map(|s| s / 60),
        failures: row.get(15)?,
        next_sync_at: ts(16)?,
        body_hash: row.get(17)?,
        folder_id: row.get(18)?,
        feed_interval: row.get(19)?,
        keep_days: row.get(20)?,
        keep_articles: row.get(21)?,
        full_text: row.get(22)?,
        portal: match row.get::<_, Option<String>>(23)? {
            Some(site_url) => Some(PortalCategory {
                site_url,
                catid: row.get(24)?,
                list_url: row.get(25)?,
                clean_pinyin: row.get(26)?,
                subcategories: row.get(27)?,
                list_read_at: row.get(28)?,
            }),
            None => None,
        },
        folder: Vec::new(),
    })
}

impl Store {
    fn query_sources(&self, clause: &str, params: impl rusqlite::Params) -> Result<Vec<Source>, StoreError> {
        let mut stmt = self.conn.prepare(&format!("{SELECT} {clause}"))?;
        let mut sources: Vec<Source> = stmt.query_map(params, row_to_source)?.collect::<Result<_, _>>()?;
        let paths = self.folder_paths()?;
        for s in &mut sources {
            s.folder = s.folder_id.and_then(|id| paths.get(&id).cloned()).unwrap_or_default();
        }
        Ok(sources)
    }

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
        Ok(self.query_sources("WHERE s.url = ?1 OR s.feed_url = ?1 ORDER BY s.id LIMIT 1", [url])?.pop())
    }

    /// One source.
    pub fn source(&self, id: SourceId) -> Result<Option<Source>, StoreError> {
        Ok(self.query_sources("WHERE s.id = ?1", [id])?.pop())
    }

    /// Every source: local ones first, then by title.
    pub fn sources(&self) -> Result<Vec<Source>, StoreError> {
        self.query_sources("ORDER BY s.kind = 'feed', s.title COLLATE NOCASE, s.id", [])
    }

    /// Sources whose next scheduled fetch is due at `now` (never fetched ones included).
    pub fn due_sources(&self, now: i64) -> Result<Vec<Source>, StoreError> {
        self.query_sources("WHERE s.kind = 'feed' AND coalesce(s.next_sync_at, 0) <= ?1 ORDER BY s.id", [now])
    }

    /// Changes a source's settings; returns the source as it is now.
    pub fn update_source(&mut self, id: SourceId, settings: &SourceSettings) -> Result<Option<Source>, StoreError> {
        if self.source(id)?.is_none() {
            return Ok(None);
        }
        let tx = self.write_transaction()?;
        if let Some(title) = &settings.title {
            tx.execute("UPDATE sources SET title = ?2 WHERE id = ?1", params![id, title])?;
        }
        if let Some(encoding) = &settings.encoding {
            // A new encoding must re-read the next body even if the server says it did not change.
            tx.execute(
                "UPDATE sources SET encoding = ?2, body_hash = NULL, etag = NULL, last_modified = NULL
                  WHERE id = ?1 AND encoding IS NOT ?2",
                params![id, encoding],
            )?;
        }
        if let Some(minutes) = &settings.interval_minutes {
            tx.execute("UPDATE sources SET sync_interval = ?2 WHERE id = ?1", params![id, minutes.map(|m| m * 60)])?;
        }
        if let Some(days) = &settings.keep_days {
            tx.execute("UPDATE sources SET keep_days = ?2 WHERE id = ?1", params![id, days])?;
        }
        if let Some(most) = &settings.keep_articles {
            tx.execute("UPDATE sources SET keep_articles = ?2 WHERE id = ?1", params![id, most])?;
        }
        if let Some(on) = settings.full_text {
            tx.execute("UPDATE sources SET full_text = ?2 WHERE id = ?1", params![id, on])?;
        }
        if let Some(path) = &settings.folder {
            let folder = super::folders::ensure_path(&tx, path)?;
            tx.execute("UPDATE sources SET folder_id = ?2 WHERE id = ?1", params![id, folder])?;
        }
        tx.commit()?;
        self.source(id)
    }

    /// Recomputes the next fetch of healthy feed sources (one, or all when `only` is None) from their last
    /// success, after an interval changed: `next(last_success, user_minutes, feed_interval)` gives the time.
    pub fn reschedule(
        &mut self,
        only: Option<SourceId>,
        next: impl Fn(i64, Option<i64>, Option<i64>) -> i64,
    ) -> Result<(), StoreError> {
        let tx = self.write_transaction()?;
        let rows: Vec<(SourceId, i64, Option<i64>, Option<i64>)> = tx
            .prepare(
                "SELECT id, last_success_at, sync_interval, feed_interval FROM sources
                  WHERE kind = 'feed' AND failures = 0 AND last_success_at IS NOT NULL AND (?1 IS NULL OR id = ?1)",
            )?
            .query_map([only], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<Result<_, _>>()?;
        for (id, last, user_secs, feed_secs) in rows {
            let at = next(last, user_secs.map(|s| s / 60), feed_secs);
            tx.execute("UPDATE sources SET next_sync_at = ?2 WHERE id = ?1", params![id, at])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Unsubscribes, deleting the source's articles and their state.
    pub fn remove_source(&mut self, id: SourceId) -> Result<bool, StoreError> {
        let tx = self.write_transaction()?;
        tx.execute("DELETE FROM article_fts WHERE rowid IN (SELECT id FROM articles WHERE source_id = ?1)", [id])?;
        let n = tx.execute("DELETE FROM sources WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(n > 0)
    }

    /// Records a failed sync and when to try again; nothing else about the source changes.
    pub fn record_sync_failure(
        &mut self,
        id: SourceId,
        kind: &str,
        message: &str,
        next_sync_at: i64,
    ) -> Result<(), StoreError> {
        record_failure(&self.conn, id, kind, message, next_sync_at)?;
        Ok(())
    }

    /// Records a sync that stored nothing new (a 304, an unchanged body, a local source).
    pub fn record_sync_unchanged(&mut self, id: SourceId, update: &SourceUpdate) -> Result<(), StoreError> {
        let tx = self.write_transaction()?;
        apply_source_update(&tx, id, update)?;
        tx.commit()?;
        Ok(())
    }
}

/// Records a failed sync: the error, one more failure in a row, and when to try again.
pub(super) fn record_failure(
    conn: &rusqlite::Connection,
    id: SourceId,
    kind: &str,
    message: &str,
    next_sync_at: i64,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "UPDATE sources SET last_sync_at = ?2, last_error = ?3, last_error_kind = ?4, failures = failures + 1,
                next_sync_at = ?5
          WHERE id = ?1",
    )?
    .execute(params![id, now_ts(), message, kind, next_sync_at])?;
    Ok(())
}

/// Applies a successful sync's source facts inside the sync's transaction.
pub(super) fn apply_source_update(
    tx: &rusqlite::Transaction<'_>,
    id: SourceId,
    update: &SourceUpdate,
) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE sources SET
            site_url = coalesce(?2, site_url),
            feed_url = coalesce(?3, feed_url),
            etag = coalesce(?4, etag), last_modified = coalesce(?5, last_modified),
            body_hash = coalesce(?6, body_hash),
            feed_interval = coalesce(?7, feed_interval),
            next_sync_at = ?8,
            last_sync_at = ?9, last_success_at = ?9, last_error = NULL, last_error_kind = NULL, failures = 0
          WHERE id = ?1",
        params![
            id,
            update.site_url,
            update.moved_to,
            update.etag,
            update.last_modified,
            update.body_hash,
            update.feed_interval,
            update.next_sync_at,
            now_ts()
        ],
    )?;
    Ok(())
}
