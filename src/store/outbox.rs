//! Reactions on their way to portals: queued when the reader reacts, sent when a sign-in is kept and the portal
//! answers, with the answer kept on the article.

use super::{Store, StoreError, now_ts};
use crate::model::{ArticleId, Reaction, ReactionStatus};
use rusqlite::{OptionalExtension, params};

/// A queued reaction and what sending it needs.
#[derive(Clone, Debug, PartialEq)]
pub struct Queued {
    pub article: ArticleId,
    pub reaction: Reaction,
    /// The portal's site URL (where its sign-in is kept).
    pub site_url: String,
    /// The reaction's link on the article page, if the page had one for this kind.
    pub link: Option<String>,
}

impl Store {
    /// Queues the reader's reaction for the portal (None: takes back one not yet sent). Returns false when the
    /// article is not a portal category's.
    pub fn queue_reaction(&mut self, article: ArticleId, reaction: Option<Reaction>) -> Result<bool, StoreError> {
        let portal: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM articles a JOIN portal_sources ps ON ps.source_id = a.source_id
                             JOIN portal_articles pa ON pa.article_id = a.id WHERE a.id = ?1)",
            [article],
            |r| r.get(0),
        )?;
        if !portal {
            return Ok(false);
        }
        let tx = self.conn.transaction()?;
        match reaction {
            Some(kind) => {
                tx.execute(
                    "INSERT INTO reaction_outbox (article_id, reaction, queued_at) VALUES (?1, ?2, ?3)
                     ON CONFLICT (article_id) DO UPDATE SET reaction = ?2, queued_at = ?3, attempts = 0,
                        last_error = NULL",
                    params![article, kind.name(), now_ts()],
                )?;
                let status = ReactionStatus {
                    reaction: kind,
                    state: "waiting".into(),
                    message: None,
                    at: super::articles::ts_to_rfc3339(now_ts()),
                };
                set_status(&tx, article, Some(&status))?;
            }
            None => {
                let removed = tx.execute("DELETE FROM reaction_outbox WHERE article_id = ?1", [article])?;
                if removed > 0 {
                    set_status(&tx, article, None)?;
                }
            }
        }
        tx.commit()?;
        Ok(true)
    }

    /// Queued reactions, oldest first; only one portal's when `site_url` is given.
    pub fn queued_reactions(&self, site_url: Option<&str>) -> Result<Vec<Queued>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.article_id, o.reaction, ps.site_url, pa.reaction_links
               FROM reaction_outbox o
               JOIN articles a ON a.id = o.article_id
               JOIN portal_sources ps ON ps.source_id = a.source_id
               JOIN portal_articles pa ON pa.article_id = a.id
              WHERE ?1 IS NULL OR ps.site_url = ?1
              ORDER BY o.queued_at, o.article_id",
        )?;
        let rows = stmt.query_map([site_url], |r| {
            Ok((r.get::<_, ArticleId>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
        })?;
        let mut queued = Vec::new();
        for row in rows {
            let (article, name, site_url, links) = row?;
            let Some(reaction) = Reaction::from_name(&name) else { continue };
            let links: std::collections::BTreeMap<String, String> = serde_json::from_str(&links)?;
            queued.push(Queued { article, reaction, site_url, link: links.get(reaction.name()).cloned() });
        }
        Ok(queued)
    }

    /// Records the portal's answer (done, already, refused) and takes the reaction out of the outbox. A reaction
    /// the portal took adds one to the count shown, as the portal's page now does.
    pub fn reaction_answered(&mut self, article: ArticleId, status: &ReactionStatus) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        // Only the reaction that was sent: one the reader chose meanwhile stays queued, and its status with it.
        let sent = tx.execute(
            "DELETE FROM reaction_outbox WHERE article_id = ?1 AND reaction = ?2",
            params![article, status.reaction.name()],
        )?;
        let still_queued: bool =
            tx.query_row("SELECT EXISTS (SELECT 1 FROM reaction_outbox WHERE article_id = ?1)", [article], |r| {
                r.get(0)
            })?;
        if sent > 0 || !still_queued {
            set_status(&tx, article, Some(status))?;
        }
        if status.state == "done" {
            let path = format!("$.{}", status.reaction.name());
            tx.execute(
                "UPDATE portal_articles SET reactions = json_set(reactions, ?2, coalesce(json_extract(reactions, ?2), 0) + 1)
                  WHERE article_id = ?1",
                params![article, path],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Notes why a queued reaction could not be sent this time; it stays queued.
    pub fn reaction_waits(&mut self, article: ArticleId, why: &str) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE reaction_outbox SET attempts = attempts + 1, last_error = ?2 WHERE article_id = ?1",
            params![article, why],
        )?;
        let current: Option<String> = tx
            .query_row("SELECT reaction_status FROM portal_articles WHERE article_id = ?1", [article], |r| r.get(0))
            .optional()?
            .flatten();
        if let Some(mut status) = current.map(|s| serde_json::from_str::<ReactionStatus>(&s)).transpose()? {
            status.message = Some(why.to_owned());
            set_status(&tx, article, Some(&status))?;
        }
        tx.commit()?;
        Ok(())
    }
}

fn set_status(
    tx: &rusqlite::Transaction<'_>,
    article: ArticleId,
    status: Option<&ReactionStatus>,
) -> Result<(), StoreError> {
    let json = status.map(serde_json::to_string).transpose()?;
    tx.execute("UPDATE portal_articles SET reaction_status = ?2 WHERE article_id = ?1", params![article, json])?;
    Ok(())
}
