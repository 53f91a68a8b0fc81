//! Reading articles: lists newest first, one whole article, full-text search with excerpts.

use super::{Store, StoreError, fts, portal};
use crate::model::{ArticleId, Reaction, SourceId};
use crate::view::{Article, ArticleSummary};
use rusqlite::{OptionalExtension, Row, params};

/// Which articles a list shows.
#[derive(Clone, Debug, Default)]
pub struct ArticleFilter {
    pub source: Option<SourceId>,
    pub unread: bool,
    pub bookmarked: bool,
    /// How many at most; None for all of them.
    pub limit: Option<u32>,
    pub offset: Option<u32>,
    /// Portal articles in this category (any level of their category path).
    pub category: Option<String>,
    /// Portal articles by this publisher (發布者).
    pub publisher: Option<String>,
}

/// Formats unix seconds as RFC 3339 in UTC.
pub(crate) fn ts_to_rfc3339(ts: i64) -> String {
    chrono::DateTime::from_timestamp(ts, 0).unwrap_or_default().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

pub(super) fn rfc3339_to_ts(s: &str) -> Option<i64> {
    chrono::DateTime::parse_from_rfc3339(s).ok().map(|d| d.timestamp())
}

impl Store {
    /// Articles, newest first.
    pub fn articles(&self, filter: &ArticleFilter) -> Result<Vec<ArticleSummary>, StoreError> {
        let mut clauses = Vec::new();
        if let Some(source) = filter.source {
            clauses.push(format!("a.source_id = {}", source.0));
        }
        if filter.unread {
            clauses.push("st.read = 0".to_owned());
        }
        if filter.bookmarked {
            clauses.push("st.bookmarked_at IS NOT NULL".to_owned());
        }
        if filter.category.is_some() {
            clauses.push(
                "EXISTS (SELECT 1 FROM portal_articles pa, json_each(pa.category_path) j
                          WHERE pa.article_id = a.id AND j.value = ?3)"
                    .to_owned(),
            );
        }
        if filter.publisher.is_some() {
            clauses.push(
                "EXISTS (SELECT 1 FROM portal_articles pa WHERE pa.article_id = a.id AND pa.publisher = ?4)".to_owned(),
            );
        }
        let filter_sql = if clauses.is_empty() { String::new() } else { format!("WHERE {}", clauses.join(" AND ")) };
        let sql = format!("{SUMMARY} {filter_sql} ORDER BY a.sort_ts DESC, a.id DESC LIMIT ?1 OFFSET ?2");
        let mut stmt = self.conn.prepare(&sql)?;
        // No limit asked: all of them (SQLite reads LIMIT -1 as none).
        let limit = filter.limit.map_or(-1, i64::from);
        let offset = filter.offset.unwrap_or(0);
        let (category, publisher) = (filter.category.as_deref(), filter.publisher.as_deref());
        // SQLite wants every numbered parameter up to the highest one used bound.
        let mut bound: Vec<&dyn rusqlite::ToSql> = vec![&limit, &offset];
        if publisher.is_some() {
            bound.extend([&category as &dyn rusqlite::ToSql, &publisher]);
        } else if category.is_some() {
            bound.push(&category);
        }
        let rows = stmt.query_map(bound.as_slice(), row_to_summary)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Full-text search, best match first; None-query (nothing searchable) gives no results.
    pub fn search(&self, query: &str, limit: u32) -> Result<Vec<ArticleSummary>, StoreError> {
        let Some(fts_query) = fts::search_query(query) else {
            return Ok(Vec::new());
        };
        let sql = format!(
            "{SUMMARY} JOIN (SELECT rowid AS hit, rank FROM article_fts WHERE article_fts MATCH ?1
                              ORDER BY rank LIMIT ?2) f ON f.hit = a.id
             ORDER BY f.rank, a.sort_ts DESC"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params![fts_query, limit], row_to_summary)?;
        let mut hits: Vec<ArticleSummary> = rows.collect::<Result<_, _>>()?;
        for hit in &mut hits {
            let text: String =
                self.conn.query_row("SELECT text FROM articles WHERE id = ?1", [hit.id], |r| r.get(0))?;
            hit.excerpt = excerpt_around(&text, query);
        }
        Ok(hits)
    }

    /// One whole article with its state and portal facts.
    pub fn article(&self, id: ArticleId) -> Result<Option<Article>, StoreError> {
        let found = self
            .conn
            .query_row(
                "SELECT a.id, a.source_id, s.url, s.title, a.guid, a.link, a.title, a.author, a.published,
                        a.updated, a.summary, a.html, a.text, a.categories, st.read, st.bookmarked_at,
                        st.reaction, st.position, a.enclosures, a.comments_link
                   FROM articles a JOIN sources s ON s.id = a.source_id
                   JOIN article_state st ON st.article_id = a.id
                  WHERE a.id = ?1",
                [id],
                |r| {
                    let categories: String = r.get(13)?;
                    let bookmarked_at: Option<String> = r.get(15)?;
                    Ok((
                        Article {
                            id: r.get(0)?,
                            source_id: r.get(1)?,
                            source_url: r.get(2)?,
                            source_title: r.get(3)?,
                            guid: r.get(4)?,
                            link: r.get(5)?,
                            title: r.get(6)?,
                            author: r.get(7)?,
                            published: r.get(8)?,
                            updated: r.get(9)?,
                            summary: r.get(10)?,
                            html: r.get(11)?,
                            text: r.get(12)?,
                            categories: Vec::new(),
                            enclosures: Vec::new(),
                            comments: r.get(19)?,
                            read: r.get(14)?,
                            bookmarked: bookmarked_at.is_some(),
                            bookmarked_at,
                            reaction: reaction_column(r, 16)?,
                            position: r.get(17)?,
                            portal: None,
                            pictures: Vec::new(),
                        },
                        categories,
                    ))
                },
            )
            .optional()?;
        let Some((mut article, categories)) = found else {
            return Ok(None);
        };
        article.categories = serde_json::from_str(&categories)?;
        article.portal = portal::get(&self.conn, id)?;
        Ok(Some(article))
    }

    /// The article of `source` with this guid.
    pub fn article_id_by_guid(&self, source: SourceId, guid: &str) -> Result<Option<ArticleId>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT id FROM articles WHERE source_id = ?1 AND guid = ?2", params![source, guid], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Every article id, oldest first (for export).
    pub fn article_ids(&self) -> Result<Vec<ArticleId>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT id FROM articles ORDER BY id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many articles the library holds.
    pub fn article_count(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("SELECT count(*) FROM articles", [], |r| r.get(0))?)
    }
}

const SUMMARY: &str = "
    SELECT a.id, a.source_id, s.title, a.title, a.author, a.published, substr(a.text, 1, 400), st.read,
           st.bookmarked_at IS NOT NULL, st.reaction,
           EXISTS (SELECT 1 FROM portal_articles p WHERE p.article_id = a.id)
      FROM articles a JOIN sources s ON s.id = a.source_id
      JOIN article_state st ON st.article_id = a.id";

pub(super) fn reaction_column(r: &Row<'_>, index: usize) -> rusqlite::Result<Option<Reaction>> {
    Ok(r.get::<_, Option<String>>(index)?.as_deref().and_then(Reaction::from_name))
}

fn row_to_summary(r: &Row<'_>) -> rusqlite::Result<ArticleSummary> {
    let text: String = r.get(6)?;
    Ok(ArticleSummary {
        id: r.get(0)?,
        source_id: r.get(1)?,
        source_title: r.get(2)?,
        title: r.get(3)?,
        author: r.get(4)?,
        published: r.get(5)?,
        excerpt: squeeze(&text, 160),
        read: r.get(7)?,
        bookmarked: r.get(8)?,
        reaction: reaction_column(r, 9)?,
        portal: r.get(10)?,
    })
}

/// Whitespace collapsed, cut to `max` characters.
fn squeeze(text: &str, max: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let joined = words.join(" ");
    match joined.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &joined[..cut]),
        None => joined,
    }
}

/// A window of the text around the first query term, found through the same folding the index uses.
fn excerpt_around(text: &str, query: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let folded: Vec<char> = fts::fold_script(text).chars().collect();
    // Folding is character for character almost always; when it is not, search the text as it is.
    let haystack = if folded.len() == chars.len() { &folded } else { &chars };
    let start = query.split_whitespace().find_map(|term| {
        let needle: Vec<char> = fts::fold_script(term).chars().collect();
        haystack.windows(needle.len().max(1)).position(|w| w == needle.as_slice())
    });
    let from = start.map(|s| s.saturating_sub(30)).unwrap_or(0);
    let window: String = chars[from..].iter().collect();
    let out = squeeze(&window, 160);
    if from > 0 { format!("…{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_finds_the_term_in_the_other_script() {
        let text = format!("{}新區的發展藍圖公布", "前言".repeat(40));
        assert!(excerpt_around(&text, "发展").contains("發展"));
    }
}
