//! The reader's state of an article (read, bookmark, reaction, position), kept apart from its content.

use super::articles::reaction_column;
use super::{Store, StoreError, now_ts};
use crate::model::{ArticleId, Reaction};
use crate::view::ArticleState;
use rusqlite::{OptionalExtension, params};

impl Store {
    /// The state of one article, None when there is no such article.
    pub fn state(&self, id: ArticleId) -> Result<Option<ArticleState>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT article_id, read, bookmarked_at, reaction, position FROM article_state WHERE article_id = ?1",
                [id],
                |r| {
                    let bookmarked_at: Option<String> = r.get(2)?;
                    Ok(ArticleState {
                        id: r.get(0)?,
                        read: r.get(1)?,
                        bookmarked: bookmarked_at.is_some(),
                        bookmarked_at,
                        reaction: reaction_column(r, 3)?,
                        position: r.get(4)?,
                    })
                },
            )
            .optional()?)
    }

    fn update_state(
        &mut self,
        id: ArticleId,
        set: &str,
        value: &dyn rusqlite::ToSql,
    ) -> Result<Option<ArticleState>, StoreError> {
        let sql = format!("UPDATE article_state SET {set}, changed_at = ?3 WHERE article_id = ?1");
        let n = self.conn.execute(&sql, params![id, value, now_ts()])?;
        if n == 0 { Ok(None) } else { self.state(id) }
    }

    /// Marks read or unread.
    pub fn set_read(&mut self, id: ArticleId, read: bool) -> Result<Option<ArticleState>, StoreError> {
        self.update_state(id, "read = ?2", &read)
    }

    /// Bookmarks (keeping the first bookmark time when already bookmarked) or clears the bookmark.
    pub fn set_bookmarked(&mut self, id: ArticleId, bookmarked: bool) -> Result<Option<ArticleState>, StoreError> {
        if bookmarked {
            let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
            self.update_state(id, "bookmarked_at = coalesce(bookmarked_at, ?2)", &now)
        } else {
            self.update_state(id, "bookmarked_at = ?2", &Option::<String>::None)
        }
    }

    /// Sets or clears the reader's one reaction.
    pub fn set_reaction(
        &mut self,
        id: ArticleId,
        reaction: Option<Reaction>,
    ) -> Result<Option<ArticleState>, StoreError> {
        self.update_state(id, "reaction = ?2", &reaction.map(Reaction::name))
    }

    /// Remembers how far the reader got (0.0 to 1.0).
    pub fn set_position(&mut self, id: ArticleId, position: f64) -> Result<Option<ArticleState>, StoreError> {
        self.update_state(id, "position = ?2", &position.clamp(0.0, 1.0))
    }
}
