//! Which pictures each article uses and how their downloads went; the bytes themselves are files (see
//! `pictures::PictureFiles`). Eviction frees space from old read articles first and never from bookmarks.

use super::{Store, StoreError, now_ts};
use crate::model::{ArticleId, SourceId};
use rusqlite::{OptionalExtension, Transaction, params};

/// One picture of one article, as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticlePicture {
    pub url: String,
    /// pending, stored, failed, tracking, skipped or evicted.
    pub status: String,
    /// `(hash, ext)` of the stored file.
    pub file: Option<(String, String)>,
    pub error: Option<String>,
}

/// A stored picture file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PictureFile {
    pub hash: String,
    pub ext: String,
    pub bytes: i64,
}

/// Bytes of pictures one source's articles use.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct SourceUsage {
    pub source_id: SourceId,
    pub title: String,
    pub pictures: i64,
    pub bytes: i64,
}

/// Makes an article's picture list match `urls` (in order): new ones pending (or stored at once when the same
/// address is stored for another article), dropped ones forgotten.
pub(super) fn set_article_pictures(tx: &Transaction<'_>, id: ArticleId, urls: &[String]) -> rusqlite::Result<()> {
    let existing: Vec<String> = tx
        .prepare_cached("SELECT url FROM article_pictures WHERE article_id = ?1")?
        .query_map([id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for gone in existing.iter().filter(|u| !urls.contains(u)) {
        tx.execute("DELETE FROM article_pictures WHERE article_id = ?1 AND url = ?2", params![id, gone])?;
    }
    for (position, url) in urls.iter().enumerate() {
        let stored: Option<String> = tx
            .prepare_cached("SELECT hash FROM article_pictures WHERE url = ?1 AND status = 'stored' LIMIT 1")?
            .query_row([url], |r| r.get(0))
            .optional()?;
        tx.prepare_cached(
            "INSERT INTO article_pictures (article_id, url, position, status, hash) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (article_id, url) DO UPDATE SET position = excluded.position",
        )?
        .execute(params![
            id,
            url,
            position as i64,
            if stored.is_some() { "stored" } else { "pending" },
            stored
        ])?;
    }
    Ok(())
}

impl Store {
    /// Picture addresses of a source's articles that want downloading now: new ones, and failed ones whose
    /// retry time has come.
    pub fn pending_pictures(&self, source: SourceId, limit: u32) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT ap.url FROM article_pictures ap JOIN articles a ON a.id = ap.article_id
              WHERE a.source_id = ?1
                AND (ap.status = 'pending' OR (ap.status = 'failed' AND coalesce(ap.next_try_at, 0) <= ?2))
              GROUP BY ap.url ORDER BY max(a.sort_ts) DESC, min(ap.position) LIMIT ?3",
        )?;
        let urls = stmt.query_map(params![source, now_ts(), limit], |r| r.get(0))?.collect::<Result<_, _>>()?;
        Ok(urls)
    }

    /// Records a downloaded picture for every article that uses its address.
    pub fn record_picture_stored(&mut self, url: &str, file: &PictureFile, size: (u32, u32)) -> Result<(), StoreError> {
        let tx = self.write_transaction()?;
        tx.execute(
            "INSERT OR IGNORE INTO pictures (hash, ext, bytes, width, height, stored_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![file.hash, file.ext, file.bytes, size.0, size.1, now_ts()],
        )?;
        tx.execute(
            "UPDATE article_pictures SET status = 'stored', hash = ?2, last_error = NULL, next_try_at = NULL
              WHERE url = ?1 AND status IN ('pending', 'failed')",
            params![url, file.hash],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Records a picture that was not stored: `failed` (tried again from `next_try_at`), `tracking` or
    /// `skipped` (not tried again).
    pub fn record_picture_refused(
        &mut self,
        url: &str,
        status: &str,
        error: &str,
        next_try_at: Option<i64>,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE article_pictures SET status = ?2, last_error = ?3, next_try_at = ?4, attempts = attempts + 1
              WHERE url = ?1 AND status IN ('pending', 'failed')",
            params![url, status, error, next_try_at],
        )?;
        Ok(())
    }

    /// How many times downloading `url` has failed.
    pub fn picture_attempts(&self, url: &str) -> Result<i64, StoreError> {
        Ok(self.conn.query_row(
            "SELECT coalesce(max(attempts), 0) FROM article_pictures WHERE url = ?1",
            [url],
            |r| r.get(0),
        )?)
    }

    /// The pictures of one article, in order.
    pub fn article_pictures(&self, id: ArticleId) -> Result<Vec<ArticlePicture>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT ap.url, ap.status, p.hash, p.ext, ap.last_error FROM article_pictures ap
               LEFT JOIN pictures p ON p.hash = ap.hash
              WHERE ap.article_id = ?1 ORDER BY ap.position",
        )?;
        let rows = stmt.query_map([id], |r| {
            let hash: Option<String> = r.get(2)?;
            let ext: Option<String> = r.get(3)?;
            Ok(ArticlePicture { url: r.get(0)?, status: r.get(1)?, file: hash.zip(ext), error: r.get(4)? })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Bytes of all stored pictures.
    pub fn picture_bytes(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("SELECT coalesce(sum(bytes), 0) FROM pictures", [], |r| r.get(0))?)
    }

    /// Pictures and their bytes per source (a picture two sources share counts for both).
    pub fn picture_usage(&self) -> Result<Vec<SourceUsage>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT s.id, s.title, count(p.hash), coalesce(sum(p.bytes), 0) FROM sources s
               LEFT JOIN (SELECT DISTINCT a.source_id, ap.hash FROM article_pictures ap
                            JOIN articles a ON a.id = ap.article_id WHERE ap.hash IS NOT NULL) u ON u.source_id = s.id
               LEFT JOIN pictures p ON p.hash = u.hash
              GROUP BY s.id ORDER BY 4 DESC, s.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(SourceUsage { source_id: r.get(0)?, title: r.get(1)?, pictures: r.get(2)?, bytes: r.get(3)? })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Frees at least `wanted` bytes if it can: first pictures no article uses any more, then pictures used only
    /// by read articles that are not bookmarked, those of the oldest articles first. Returns the files to delete.
    pub fn evict_pictures(&mut self, wanted: i64) -> Result<Vec<PictureFile>, StoreError> {
        let tx = self.write_transaction()?;
        let candidates: Vec<PictureFile> = tx
            .prepare(
                "SELECT p.hash, p.ext, p.bytes FROM pictures p
                   LEFT JOIN article_pictures ap ON ap.hash = p.hash
                   LEFT JOIN articles a ON a.id = ap.article_id
                   LEFT JOIN article_state st ON st.article_id = a.id
                  GROUP BY p.hash
                 HAVING sum(ap.article_id IS NOT NULL AND (st.read = 0 OR st.bookmarked_at IS NOT NULL)) = 0
                  ORDER BY count(ap.article_id) > 0, max(a.sort_ts)",
            )?
            .query_map([], |r| Ok(PictureFile { hash: r.get(0)?, ext: r.get(1)?, bytes: r.get(2)? }))?
            .collect::<Result<_, _>>()?;
        let mut freed = 0;
        let mut evicted = Vec::new();
        for file in candidates {
            if freed >= wanted {
                break;
            }
            tx.execute("UPDATE article_pictures SET status = 'evicted', hash = NULL WHERE hash = ?1", [&file.hash])?;
            tx.execute("DELETE FROM pictures WHERE hash = ?1", [&file.hash])?;
            freed += file.bytes;
            evicted.push(file);
        }
        tx.commit()?;
        Ok(evicted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CleanItem, SourceKind};
    use crate::store::{NewSource, SourceUpdate};

    /// A library with three articles (old read, newer read but bookmarked, unread), each with its own stored
    /// picture of 100 bytes, plus one picture no article uses.
    fn library() -> (tempfile::TempDir, Store, Vec<ArticleId>) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("lib.sqlite3")).unwrap();
        let new =
            NewSource { kind: SourceKind::Feed, url: "http://a/", feed_url: "http://a/", title: "A", site_url: None };
        let source = store.add_source(&new).unwrap().id;
        let items: Vec<CleanItem> = (0..3)
            .map(|i| CleanItem {
                guid: Some(format!("g{i}")),
                title: format!("t{i}"),
                published: Some(format!("2026-01-0{}T00:00:00+00:00", i + 1)),
                html: format!(r#"<img src="http://a/{i}.png">"#),
                ..Default::default()
            })
            .collect();
        store.apply_sync(source, &SourceUpdate::default(), &items).unwrap();
        let ids: Vec<ArticleId> = store.article_ids().unwrap();
        for i in 0..ids.len() {
            let file = PictureFile { hash: format!("{i}{}", "0".repeat(63)), ext: "png".into(), bytes: 100 };
            store.record_picture_stored(&format!("http://a/{i}.png"), &file, (10, 10)).unwrap();
        }
        let orphan = PictureFile { hash: "f".repeat(64), ext: "png".into(), bytes: 50 };
        store.record_picture_stored("http://a/orphan.png", &orphan, (10, 10)).unwrap();
        store.set_read(ids[0], true).unwrap();
        store.set_read(ids[1], true).unwrap();
        store.set_bookmarked(ids[1], true).unwrap();
        (dir, store, ids)
    }

    #[test]
    fn eviction_takes_unused_pictures_then_old_read_ones_and_never_bookmarks_or_unread() {
        let (_dir, mut store, ids) = library();
        assert_eq!(store.picture_bytes().unwrap(), 350);
        let first = store.evict_pictures(10).unwrap();
        assert_eq!(first.iter().map(|f| f.bytes).collect::<Vec<_>>(), [50], "the unused one goes first");
        let all = store.evict_pictures(10_000).unwrap();
        assert_eq!(all.len(), 1, "only the old read article's picture can go: {all:?}");
        assert_eq!(store.article_pictures(ids[0]).unwrap()[0].status, "evicted");
        assert_eq!(store.article_pictures(ids[1]).unwrap()[0].status, "stored", "bookmarked");
        assert_eq!(store.article_pictures(ids[2]).unwrap()[0].status, "stored", "unread");
        assert_eq!(store.picture_bytes().unwrap(), 200);
    }
}
