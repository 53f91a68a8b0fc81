//! Keeping the library lean: old read articles of feeds go (with the pictures only they used), per source and by
//! the library's defaults; bookmarked, reacted-to and unread articles never do, nor local ones (the starter). Deleted articles leave tombstones so
//! a feed that still lists them cannot bring them back, and freed pages are given back a few at a time.

use super::{Store, StoreError, now_ts};
use crate::model::ArticleId;
use crate::store::PictureFile;
use rusqlite::params;

/// The library-wide retention: read articles are kept this many days, and beyond a source's newest this many
/// articles read ones go (0: no limit). A source's own settings win.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Retention {
    pub days: i64,
    pub articles: i64,
}

/// What retention removed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pruned {
    pub articles: usize,
    /// Picture files no article uses any more: delete them.
    pub pictures: Vec<PictureFile>,
}

/// The identity a tombstone remembers an article by: its guid, else its link, else its content.
pub(super) fn identity(guid: Option<&str>, link_key: Option<&str>, hash: &str) -> String {
    match (guid, link_key) {
        (Some(g), _) => format!("g:{g}"),
        (None, Some(l)) => format!("l:{l}"),
        (None, None) => format!("h:{hash}"),
    }
}

impl Store {
    /// Deletes the read articles retention no longer keeps, and the pictures nothing uses any more.
    pub fn apply_retention(&mut self, defaults: Retention) -> Result<Pruned, StoreError> {
        let now = now_ts();
        let tx = self.write_transaction()?;
        let doomed: Vec<(ArticleId, i64, String)> = tx
            .prepare(
                "WITH ranked AS (
                    SELECT a.id, a.source_id, a.sort_ts, a.guid, a.link_key, a.content_hash,
                           row_number() OVER (PARTITION BY a.source_id ORDER BY a.sort_ts DESC, a.id DESC) AS rank,
                           coalesce(s.keep_days, ?1) AS days, coalesce(s.keep_articles, ?2) AS most
                      FROM articles a JOIN sources s ON s.id = a.source_id
                     WHERE s.kind = 'feed')
                 SELECT r.id, r.source_id, r.guid, r.link_key, r.content_hash
                   FROM ranked r JOIN article_state st ON st.article_id = r.id
                  WHERE st.read = 1 AND st.bookmarked_at IS NULL AND st.reaction IS NULL
                    AND ((r.days > 0 AND r.sort_ts < ?3 - r.days * 86400) OR (r.most > 0 AND r.rank > r.most))",
            )?
            .query_map(params![defaults.days, defaults.articles, now], |r| {
                let guid: Option<String> = r.get(2)?;
                let link: Option<String> = r.get(3)?;
                let hash: String = r.get(4)?;
                Ok((r.get(0)?, r.get(1)?, identity(guid.as_deref(), link.as_deref(), &hash)))
            })?
            .collect::<Result<_, _>>()?;
        for (id, source, key) in &doomed {
            tx.execute(
                "INSERT OR REPLACE INTO article_tombstones (source_id, key, deleted_at) VALUES (?1, ?2, ?3)",
                params![source, key, now],
            )?;
            tx.execute("DELETE FROM article_fts WHERE rowid = ?1", [id])?;
            tx.execute("DELETE FROM articles WHERE id = ?1", [id])?;
        }
        let pictures: Vec<PictureFile> = tx
            .prepare(
                "SELECT hash, ext, bytes FROM pictures
                  WHERE hash NOT IN (SELECT hash FROM article_pictures WHERE hash IS NOT NULL)",
            )?
            .query_map([], |r| Ok(PictureFile { hash: r.get(0)?, ext: r.get(1)?, bytes: r.get(2)? }))?
            .collect::<Result<_, _>>()?;
        for p in &pictures {
            tx.execute("DELETE FROM pictures WHERE hash = ?1", [&p.hash])?;
        }
        tx.commit()?;
        Ok(Pruned { articles: doomed.len(), pictures })
    }

    /// Gives back up to `pages` free pages to the file system (4 KiB each), for libraries made with incremental
    /// auto-vacuum. Returns how many free pages are left.
    pub fn give_back_space(&mut self, pages: u32) -> Result<i64, StoreError> {
        self.conn.execute_batch(&format!("PRAGMA incremental_vacuum({pages});"))?;
        Ok(self.conn.query_row("PRAGMA freelist_count", [], |r| r.get(0))?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CleanItem, Reaction, SourceKind};
    use crate::store::{NewSource, SourceUpdate};

    fn item(i: i64, days_ago: i64) -> CleanItem {
        let when = chrono::Utc::now() - chrono::Duration::days(days_ago);
        CleanItem {
            guid: Some(format!("g{i}")),
            title: format!("t{i}"),
            published: Some(when.to_rfc3339()),
            html: format!(r#"<p>{i}</p><img src="http://a/{i}.png">"#),
            text: i.to_string(),
            ..Default::default()
        }
    }

    #[test]
    fn old_read_articles_go_and_bookmarks_reactions_and_unread_stay_and_never_come_back() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("lib.sqlite3")).unwrap();
        let new =
            NewSource { kind: SourceKind::Feed, url: "http://a/", feed_url: "http://a/", title: "A", site_url: None };
        let source = store.add_source(&new).unwrap().id;
        // 0 old read; 1 old read bookmarked; 2 old read reacted; 3 old unread; 4 new read.
        let items: Vec<CleanItem> =
            [400, 400, 400, 400, 1].iter().enumerate().map(|(i, d)| item(i as i64, *d)).collect();
        store.apply_sync(source, &SourceUpdate::default(), &items).unwrap();
        let ids = store.article_ids().unwrap();
        for (i, id) in ids.iter().enumerate() {
            let file = PictureFile { hash: format!("{i}{}", "0".repeat(63)), ext: "png".into(), bytes: 10 };
            store.record_picture_stored(&format!("http://a/{i}.png"), &file, (9, 9)).unwrap();
            if i != 3 {
                store.set_read(*id, true).unwrap();
            }
        }
        store.set_bookmarked(ids[1], true).unwrap();
        store.set_reaction(ids[2], Some(Reaction::Eggs)).unwrap();

        let pruned = store.apply_retention(Retention { days: 365, articles: 0 }).unwrap();
        assert_eq!(pruned.articles, 1);
        assert_eq!(pruned.pictures.len(), 1, "the deleted article's picture file goes too");
        assert_eq!(store.article_ids().unwrap(), ids[1..].to_vec());
        let again = store.apply_sync(source, &SourceUpdate::default(), &items).unwrap();
        assert!(again.new.is_empty(), "a tombstone keeps the deleted article out: {again:?}");

        let by_count = store.apply_retention(Retention { days: 0, articles: 1 }).unwrap();
        assert_eq!(by_count.articles, 0, "the newest read one is within the count; the others are protected");
    }
}
