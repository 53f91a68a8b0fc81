//! Full text in place of a feed's summary: which new articles want their linked page fetched, and storing what
//! the page held (the feed's summary stays in `summary`).

use super::ingest::PreparedItem;
use super::{Store, StoreError, now_ts};
use crate::model::{ArticleId, SourceId};
use rusqlite::params;

impl Store {
    /// Articles of `source` whose linked page was never fetched, newest first, with their links.
    pub fn wanting_full_text(&self, source: SourceId, limit: u32) -> Result<Vec<(ArticleId, String)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, link FROM articles WHERE source_id = ?1 AND full_text_at IS NULL AND link IS NOT NULL
              ORDER BY sort_ts DESC, id DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![source, limit], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Stores the full text of an article's page: its HTML, text, search entry and pictures. What the feed
    /// said becomes the summary when the feed gave none apart from it.
    pub fn store_full_text(&mut self, id: ArticleId, page: &PreparedItem) -> Result<(), StoreError> {
        let tx = self.write_transaction()?;
        tx.execute(
            "UPDATE articles SET summary = coalesce(summary, nullif(text, '')), html = ?2, text = ?3,
                    full_text_at = ?4, full_text_error = NULL
              WHERE id = ?1",
            params![id, page.item().html, page.item().text, now_ts()],
        )?;
        super::ingest::index(&tx, id, page)?;
        super::pictures::set_article_pictures(&tx, id, page.pictures())?;
        tx.commit()?;
        Ok(())
    }

    /// Records that an article's page gave no full text; it is not fetched again.
    pub fn full_text_failed(&mut self, id: ArticleId, why: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE articles SET full_text_at = ?2, full_text_error = ?3 WHERE id = ?1",
            params![id, now_ts(), why],
        )?;
        Ok(())
    }
}
