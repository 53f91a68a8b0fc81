//! Portal facts of an article (category path, publisher, 來自, counts, reactions), beside its content.

use super::StoreError;
use crate::model::{ArticleId, PortalInfo};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

/// Writes (or clears) an article's portal facts inside a sync transaction.
pub(super) fn upsert(tx: &Transaction<'_>, id: ArticleId, info: Option<&PortalInfo>) -> Result<(), StoreError> {
    let Some(p) = info else {
        tx.prepare_cached("DELETE FROM portal_articles WHERE article_id = ?1")?.execute([id])?;
        return Ok(());
    };
    tx.prepare_cached(
        "INSERT OR REPLACE INTO portal_articles (article_id, aid, site_name, section, publisher, original_author,
            source_name, source_link, category_path, views, comment_count, reactions, pages)
          VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
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
    ])?;
    Ok(())
}

/// An article's portal facts, if it came from a portal.
pub(super) fn get(conn: &Connection, id: ArticleId) -> Result<Option<PortalInfo>, StoreError> {
    let row = conn
        .query_row(
            "SELECT aid, site_name, section, publisher, original_author, source_name, source_link,
                    category_path, views, comment_count, reactions, pages
               FROM portal_articles WHERE article_id = ?1",
            [id],
            |r| {
                Ok((
                    PortalInfo {
                        aid: r.get(0)?,
                        site_name: r.get(1)?,
                        section: r.get(2)?,
                        publisher: r.get(3)?,
                        original_author: r.get(4)?,
                        source_name: r.get(5)?,
                        source_link: r.get(6)?,
                        category_path: Vec::new(),
                        views: r.get(8)?,
                        comment_count: r.get(9)?,
                        reactions: Default::default(),
                        pages: r.get(11)?,
                    },
                    r.get::<_, String>(7)?,
                    r.get::<_, String>(10)?,
                ))
            },
        )
        .optional()?;
    let Some((mut info, path, reactions)) = row else {
        return Ok(None);
    };
    info.category_path = serde_json::from_str(&path)?;
    info.reactions = serde_json::from_str(&reactions)?;
    Ok(Some(info))
}
