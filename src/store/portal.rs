//! Portal facts of an article (category path, publisher, 來自, counts, reactions, comments), beside its content;
//! followed portal categories; and the articles a portal refused to show.

use super::{Store, StoreError, now_ts};
use crate::model::{ArticleId, PortalInfo, SourceId};
use crate::store::sources::NewSource;
use crate::view::{PortalCategory, Source};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// Writes (or clears) an article's portal facts inside a sync transaction.
pub(super) fn upsert(tx: &Transaction<'_>, id: ArticleId, info: Option<&PortalInfo>) -> Result<(), StoreError> {
    let Some(p) = info else {
        tx.prepare_cached("DELETE FROM portal_articles WHERE article_id = ?1")?.execute([id])?;
        return Ok(());
    };
    tx.prepare_cached(
        "INSERT INTO portal_articles (article_id, aid, site_name, section, publisher, original_author,
            source_name, source_link, category_path, views, comment_count, reactions, pages, comments, related,
            images, reaction_links, refreshed_at)
          VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
          ON CONFLICT (article_id) DO UPDATE SET aid = ?2, site_name = ?3, section = ?4, publisher = ?5,
            original_author = ?6, source_name = ?7, source_link = ?8, category_path = ?9, views = ?10,
            comment_count = ?11, reactions = ?12, pages = ?13, comments = ?14, related = ?15, images = ?16,
            reaction_links = ?17, refreshed_at = ?18",
    )?
    .execute(params![
        id,
        p.aid,
        p.site_name,
        p.section,
        p.publisher,
        p.original_author,
        p.source_name,
        p.source_link,
        serde_json::to_string(&p.category_path)?,
        p.views,
        p.comment_count,
        serde_json::to_string(&p.reactions)?,
        p.pages,
        serde_json::to_string(&p.comments)?,
        serde_json::to_string(&p.related)?,
        serde_json::to_string(&p.images)?,
        serde_json::to_string(&p.reaction_links)?,
        now_ts(),
    ])?;
    Ok(())
}

/// An article's portal facts, if it came from a portal.
pub(super) fn get(conn: &Connection, id: ArticleId) -> Result<Option<PortalInfo>, StoreError> {
    let row = conn
        .query_row(
            "SELECT aid, site_name, section, publisher, original_author, source_name, source_link,
                    category_path, views, comment_count, reactions, pages, comments, related, images, reaction_links,
                    reaction_status
               FROM portal_articles WHERE article_id = ?1",
            [id],
            |r| {
                let info = PortalInfo {
                    aid: r.get(0)?,
                    site_name: r.get(1)?,
                    section: r.get(2)?,
                    publisher: r.get(3)?,
                    original_author: r.get(4)?,
                    source_name: r.get(5)?,
                    source_link: r.get(6)?,
                    views: r.get(8)?,
                    comment_count: r.get(9)?,
                    pages: r.get(11)?,
                    ..Default::default()
                };
                let json: [String; 6] = [r.get(7)?, r.get(10)?, r.get(12)?, r.get(13)?, r.get(14)?, r.get(15)?];
                Ok((info, json, r.get::<_, Option<String>>(16)?))
            },
        )
        .optional()?;
    let Some((mut info, [path, reactions, comments, related, images, links], status)) = row else {
        return Ok(None);
    };
    info.category_path = serde_json::from_str(&path)?;
    info.reactions = serde_json::from_str(&reactions)?;
    info.comments = serde_json::from_str(&comments)?;
    info.related = serde_json::from_str(&related)?;
    info.images = serde_json::from_str(&images)?;
    info.reaction_links = serde_json::from_str(&links)?;
    info.reaction_status = status.map(|s| serde_json::from_str(&s)).transpose()?;
    Ok(Some(info))
}

/// An article a portal would not show, as recorded.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct PortalRefusal {
    pub aid: i64,
    pub url: String,
    /// pending, removed, login_required, anti_scraping or message.
    pub refusal: String,
    pub message: String,
}

/// A recent portal article whose counts and comments may be read again.
#[derive(Clone, Debug, PartialEq)]
pub struct RefreshDue {
    pub article: ArticleId,
    pub link: String,
}

impl Store {
    /// Subscribes to a portal category: the source and where its list pages are, in one transaction.
    pub fn add_portal_source(&mut self, new: &NewSource<'_>, category: &PortalCategory) -> Result<Source, StoreError> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO sources (kind, url, feed_url, title, site_url, created_at) VALUES ('feed', ?1, ?2, ?3, ?4, ?5)",
            params![new.url, new.feed_url, new.title, new.site_url, now_ts()],
        )?;
        let id = SourceId(tx.last_insert_rowid());
        tx.execute(
            "INSERT INTO portal_sources (source_id, site_url, catid, list_url, clean_pinyin) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, category.site_url, category.catid, category.list_url, category.clean_pinyin],
        )?;
        tx.commit()?;
        Ok(self.source(id)?.expect("the source was just added"))
    }

    /// Turns a portal category's pinyin cleanup on or off.
    pub fn set_clean_pinyin(&mut self, id: SourceId, on: bool) -> Result<bool, StoreError> {
        Ok(self.conn.execute("UPDATE portal_sources SET clean_pinyin = ?2 WHERE source_id = ?1", params![id, on])? > 0)
    }

    /// The categories of a portal already followed, by catid.
    pub fn followed_categories(&self, site_url: &str) -> Result<HashMap<i64, SourceId>, StoreError> {
        let mut stmt = self.conn.prepare_cached("SELECT catid, source_id FROM portal_sources WHERE site_url = ?1")?;
        let rows = stmt.query_map([site_url], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Article ids of a portal that need no fetch: stored under any of its categories, deleted by retention, or
    /// refused recently.
    pub fn portal_known_aids(&self, site_url: &str) -> Result<HashSet<i64>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT pa.aid FROM portal_articles pa
               JOIN articles a ON a.id = pa.article_id
               JOIN portal_sources ps ON ps.source_id = a.source_id
              WHERE ps.site_url = ?1 AND pa.aid IS NOT NULL
             UNION
             SELECT CAST(substr(t.key, 7) AS INTEGER) FROM article_tombstones t
               JOIN portal_sources ps ON ps.source_id = t.source_id
              WHERE ps.site_url = ?1 AND t.key LIKE 'g:aid:%'
             UNION
             SELECT r.aid FROM portal_refusals r
               JOIN portal_sources ps ON ps.source_id = r.source_id
              WHERE ps.site_url = ?1 AND r.next_try_at > ?2",
        )?;
        let rows = stmt.query_map(params![site_url, now_ts()], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Records that the portal refused to show an article, and when to ask again.
    pub fn record_refusal(
        &mut self,
        source: SourceId,
        refusal: &PortalRefusal,
        next_try_at: i64,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT OR REPLACE INTO portal_refusals (source_id, aid, url, refusal, message, seen_at, next_try_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![source, refusal.aid, refusal.url, refusal.refusal, refusal.message, now_ts(), next_try_at],
        )?;
        Ok(())
    }

    /// Articles of a category whose fetch failed and whose time to try again has come: (aid, url).
    pub fn portal_retries_due(&self, source: SourceId) -> Result<Vec<(i64, String)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT aid, url FROM portal_refusals WHERE source_id = ?1 AND refusal = 'failed' AND next_try_at <= ?2
              ORDER BY aid",
        )?;
        let rows = stmt.query_map(params![source, now_ts()], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The first list pages of a portal's followed categories other than `except`.
    pub fn other_category_lists(&self, site_url: &str, except: SourceId) -> Result<HashSet<String>, StoreError> {
        let mut stmt =
            self.conn.prepare_cached("SELECT list_url FROM portal_sources WHERE site_url = ?1 AND source_id <> ?2")?;
        let rows = stmt.query_map(params![site_url, except], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The articles a portal category's pages refused to show, newest first.
    pub fn portal_refusals(&self, source: SourceId) -> Result<Vec<PortalRefusal>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT aid, url, refusal, message FROM portal_refusals WHERE source_id = ?1 ORDER BY aid DESC",
        )?;
        let rows = stmt.query_map([source], |r| {
            Ok(PortalRefusal { aid: r.get(0)?, url: r.get(1)?, refusal: r.get(2)?, message: r.get(3)? })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Forgets a refusal once the article was stored.
    pub fn clear_refusals(&mut self, source: SourceId, aids: &[i64]) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare_cached("DELETE FROM portal_refusals WHERE source_id = ?1 AND aid = ?2")?;
        for aid in aids {
            stmt.execute(params![source, aid])?;
        }
        Ok(())
    }

    /// Notes that a category's list pages were read, and how many sub-categories the first one showed.
    pub fn mark_list_read(&mut self, source: SourceId, subcategories: usize) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE portal_sources SET list_read_at = ?2, subcategories = ?3 WHERE source_id = ?1",
            params![source, now_ts(), subcategories as i64],
        )?;
        Ok(())
    }

    /// Articles of a category published after `published_after` whose counts were last read before
    /// `refreshed_before`, least recently refreshed first.
    pub fn portal_refresh_due(
        &self,
        source: SourceId,
        published_after: i64,
        refreshed_before: i64,
        limit: usize,
    ) -> Result<Vec<RefreshDue>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.link FROM articles a JOIN portal_articles pa ON pa.article_id = a.id
              WHERE a.source_id = ?1 AND a.link IS NOT NULL AND a.sort_ts > ?2
                AND coalesce(pa.refreshed_at, 0) < ?3
              ORDER BY coalesce(pa.refreshed_at, 0), a.id LIMIT ?4",
        )?;
        let rows = stmt.query_map(params![source, published_after, refreshed_before, limit as i64], |r| {
            Ok(RefreshDue { article: r.get(0)?, link: r.get(1)? })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Notes a refresh that got nothing, so the article waits its turn like the others.
    pub fn portal_refresh_tried(&mut self, article: ArticleId) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE portal_articles SET refreshed_at = ?2 WHERE article_id = ?1",
            params![article, now_ts()],
        )?;
        Ok(())
    }

    /// Stores what a fresh read of an article page says about its counts and comments; the text stays.
    pub fn update_portal_counts(&mut self, article: ArticleId, fresh: &PortalInfo) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE portal_articles SET views = coalesce(?2, views), comment_count = coalesce(?3, comment_count),
                    reactions = ?4, comments = ?5, reaction_links = ?6, refreshed_at = ?7
              WHERE article_id = ?1",
            params![
                article,
                fresh.views,
                fresh.comment_count,
                serde_json::to_string(&fresh.reactions)?,
                serde_json::to_string(&fresh.comments)?,
                serde_json::to_string(&fresh.reaction_links)?,
                now_ts()
            ],
        )?;
        Ok(())
    }
}
