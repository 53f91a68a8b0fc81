//! Writing a sync's items: preparing them outside the lock (keys, hashes, search text), deduplicating by guid,
//! then link, then content (never by title and date), and applying one or several sources in a transaction.

use super::articles::rfc3339_to_ts;
use super::sources::{SourceUpdate, apply_source_update};
use super::{Store, StoreError, fts, now_ts, portal};
use crate::model::{ArticleId, CleanItem, SourceId};
use rusqlite::{OptionalExtension, Row, Transaction, params};
use sha2::{Digest, Sha256};

/// What a sync changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChangeSet {
    pub new: Vec<ArticleId>,
    pub updated: Vec<ArticleId>,
    pub unchanged: usize,
}

/// The link as a deduplication key: no fragment, no tracking parameters, no trailing slash, host lower case.
pub(crate) fn link_key(link: &str) -> String {
    match url::Url::parse(link) {
        Ok(mut u) => {
            u.set_fragment(None);
            let kept: Vec<(String, String)> = u
                .query_pairs()
                .filter(|(k, _)| !k.starts_with("utm_"))
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            if kept.is_empty() {
                u.set_query(None);
            } else {
                u.query_pairs_mut().clear().extend_pairs(kept);
            }
            let s = u.to_string();
            s.strip_suffix('/').map(str::to_owned).unwrap_or(s)
        }
        Err(_) => link.trim().to_owned(),
    }
}

/// A hash of everything stored about an item, so any change counts as an update.
fn content_hash(item: &CleanItem) -> String {
    let mut h = Sha256::new();
    let categories = item.categories.join("\u{1f}");
    let enclosures = format!("{:?}", item.enclosures);
    let portal = item.portal.as_ref().map(|p| format!("{p:?}")).unwrap_or_default();
    // The guid is identity, not content: a feed that stops sending one has not changed the article.
    for part in [
        item.link.as_deref(),
        Some(item.title.as_str()),
        item.author.as_deref(),
        item.published.as_deref(),
        item.updated.as_deref(),
        item.summary.as_deref(),
        Some(item.html.as_str()),
        Some(categories.as_str()),
        Some(enclosures.as_str()),
        item.comments.as_deref(),
        Some(portal.as_str()),
    ] {
        h.update(part.unwrap_or("\u{0}").as_bytes());
        h.update([0xff]);
    }
    h.finalize()[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// A stored article an incoming item turned out to be.
struct Existing {
    id: ArticleId,
    hash: String,
    has_guid: bool,
}

/// Finds the stored article an item is: by guid; failing that by link among guid-less rows; an item with
/// neither guid nor link by its content. Never by title and date.
fn find_existing(
    tx: &Transaction<'_>,
    source: SourceId,
    item: &CleanItem,
    key: Option<&str>,
    hash: &str,
    has_guidless: bool,
) -> rusqlite::Result<Option<Existing>> {
    let row = |r: &Row<'_>| Ok(Existing { id: r.get(0)?, hash: r.get(1)?, has_guid: r.get(2)? });
    if let Some(guid) = &item.guid {
        let by_guid = tx
            .prepare_cached(
                "SELECT id, content_hash, guid IS NOT NULL FROM articles WHERE source_id = ?1 AND guid = ?2",
            )?
            .query_row(params![source, guid], row)
            .optional()?;
        if by_guid.is_some() {
            return Ok(by_guid);
        }
    }
    if item.guid.is_some() && !has_guidless {
        return Ok(None); // no guid-less row for its link to match
    }
    if let Some(key) = key {
        let guid_clause = if item.guid.is_some() { "AND guid IS NULL" } else { "" };
        let sql = format!(
            "SELECT id, content_hash, guid IS NOT NULL FROM articles WHERE source_id = ?1 AND link_key = ?2 {guid_clause} ORDER BY id LIMIT 1"
        );
        return tx.prepare_cached(&sql)?.query_row(params![source, key], row).optional();
    }
    if item.guid.is_some() {
        return Ok(None);
    }
    tx.prepare_cached(
        "SELECT id, content_hash, guid IS NOT NULL FROM articles WHERE source_id = ?1 AND content_hash = ?2 ORDER BY id LIMIT 1",
    )?
    .query_row(params![source, hash], row)
    .optional()
}

/// An item with everything computed that needs no database: its keys, hash and search text. Preparing runs
/// outside the store's lock, so several sources' CPU work can overlap while one writes.
pub struct PreparedItem {
    item: CleanItem,
    link_key: Option<String>,
    hash: String,
    categories: String,
    enclosures: String,
    search_title: String,
    search_body: String,
    /// The web pictures it shows (its body's, then its image enclosures), to download for offline reading.
    pictures: Vec<String>,
}

/// The pictures an item shows: those in its HTML; when its HTML has none, its image enclosures and its feed
/// thumbnail (shown after the text), which would mostly repeat a body's pictures otherwise.
fn item_pictures(item: &CleanItem) -> Vec<String> {
    let mut urls = crate::pictures::picture_urls(&item.html);
    if !urls.is_empty() {
        return urls;
    }
    urls.extend(item.thumbnail.iter().cloned());
    for e in &item.enclosures {
        let is_image = e.mime.as_deref().map_or_else(
            || [".jpg", ".jpeg", ".png", ".gif", ".webp"].iter().any(|x| e.url.to_ascii_lowercase().ends_with(x)),
            |m| m.starts_with("image/"),
        );
        if is_image && !urls.contains(&e.url) {
            urls.push(e.url.clone());
        }
    }
    urls
}

/// Prepares items for `Store::apply_prepared`.
pub fn prepare(items: Vec<CleanItem>) -> Vec<PreparedItem> {
    items
        .into_iter()
        .map(|item| PreparedItem {
            link_key: item.link.as_deref().map(link_key),
            hash: content_hash(&item),
            categories: serde_json::to_string(&item.categories).unwrap_or_else(|_| "[]".into()),
            enclosures: serde_json::to_string(&item.enclosures).unwrap_or_else(|_| "[]".into()),
            search_title: fts::fold_for_search(&item.title),
            search_body: fts::fold_for_search(&item.text),
            pictures: item_pictures(&item),
            item,
        })
        .collect()
}

impl PreparedItem {
    /// The sanitized item.
    pub fn item(&self) -> &CleanItem {
        &self.item
    }

    /// The pictures it shows.
    pub fn pictures(&self) -> &[String] {
        &self.pictures
    }
}

pub(super) fn index(tx: &Transaction<'_>, id: ArticleId, p: &PreparedItem) -> rusqlite::Result<()> {
    tx.prepare_cached("DELETE FROM article_fts WHERE rowid = ?1")?.execute([id])?;
    tx.prepare_cached("INSERT INTO article_fts (rowid, title, body) VALUES (?1, ?2, ?3)")?.execute(params![
        id,
        p.search_title,
        p.search_body
    ])?;
    Ok(())
}

impl Store {
    /// Writes one source's sync result in a single transaction and says what changed. Articles missing from
    /// `items` are left alone; an updated article keeps its state.
    pub fn apply_sync(
        &mut self,
        source: SourceId,
        update: &SourceUpdate,
        items: &[CleanItem],
    ) -> Result<ChangeSet, StoreError> {
        self.apply_prepared(source, update, &prepare(items.to_vec()))
    }

    /// `apply_sync` for items prepared beforehand (outside the lock).
    pub fn apply_prepared(
        &mut self,
        source: SourceId,
        update: &SourceUpdate,
        items: &[PreparedItem],
    ) -> Result<ChangeSet, StoreError> {
        let tx = self.write_transaction()?;
        let changes = apply_in(&tx, source, update, items)?;
        tx.commit()?;
        Ok(changes)
    }

    /// Several sources' writes in one transaction (a group commit): all of them or none. Each write is still
    /// whole for its source, so a caller that gets an error can retry them one by one.
    pub fn apply_batch(&mut self, writes: &[Write<'_>]) -> Result<Vec<Option<ChangeSet>>, StoreError> {
        let tx = self.write_transaction()?;
        let mut results = Vec::with_capacity(writes.len());
        for write in writes {
            results.push(match write {
                Write::Items { source, update, items } => Some(apply_in(&tx, *source, update, items)?),
                Write::Failure { source, kind, message, next_sync_at } => {
                    super::sources::record_failure(&tx, *source, kind, message, *next_sync_at)?;
                    None
                }
            });
        }
        tx.commit()?;
        Ok(results)
    }
}

/// One source's part of a group commit.
pub enum Write<'a> {
    /// A successful sync: its items (possibly none) and its source facts.
    Items { source: SourceId, update: &'a SourceUpdate, items: &'a [PreparedItem] },
    /// A failed sync: the error to show and when to try again.
    Failure { source: SourceId, kind: &'a str, message: &'a str, next_sync_at: i64 },
}

/// True when retention deleted this item before (see `store::retention`).
fn tombstoned(tx: &Transaction<'_>, source: SourceId, item: &CleanItem, p: &PreparedItem) -> rusqlite::Result<bool> {
    let key = super::retention::identity(item.guid.as_deref(), p.link_key.as_deref(), &p.hash);
    tx.prepare_cached("SELECT EXISTS (SELECT 1 FROM article_tombstones WHERE source_id = ?1 AND key = ?2)")?
        .query_row(params![source, key], |r| r.get(0))
}

/// Writes one source's items and facts inside an open transaction.
fn apply_in(
    tx: &Transaction<'_>,
    source: SourceId,
    update: &SourceUpdate,
    items: &[PreparedItem],
) -> Result<ChangeSet, StoreError> {
    {
        let now = now_ts();
        let mut changes = ChangeSet::default();
        let any_tombstones: bool = !items.is_empty()
            && tx
                .prepare_cached("SELECT EXISTS (SELECT 1 FROM article_tombstones WHERE source_id = ?1)")?
                .query_row([source], |r| r.get(0))?;
        let mut has_guidless: bool = items.is_empty()
            || tx
                .prepare_cached("SELECT EXISTS (SELECT 1 FROM articles WHERE source_id = ?1 AND guid IS NULL)")?
                .query_row([source], |r| r.get(0))?;
        for p in items {
            let item = &p.item;
            let sort_ts = item.published.as_deref().or(item.updated.as_deref()).and_then(rfc3339_to_ts).unwrap_or(now);
            let fields = params![
                item.guid,
                item.link,
                p.link_key,
                item.title,
                item.author,
                item.published,
                item.updated,
                sort_ts,
                item.summary,
                item.html,
                item.text,
                p.categories,
                p.hash,
                now,
                p.enclosures,
                item.comments
            ];
            let id = match find_existing(tx, source, item, p.link_key.as_deref(), &p.hash, has_guidless)? {
                Some(old) if old.hash == p.hash && (old.has_guid || item.guid.is_none()) => {
                    changes.unchanged += 1;
                    continue;
                }
                Some(Existing { id, .. }) => {
                    let mut update = tx.prepare_cached(
                        "UPDATE articles SET guid = coalesce(?1, guid), link = ?2, link_key = ?3, title = ?4,
                            author = ?5, published = ?6, updated = ?7, sort_ts = ?8, summary = ?9, html = ?10,
                            text = ?11, categories = ?12, content_hash = ?13, changed_at = ?14, enclosures = ?15,
                            comments_link = ?16, full_text_at = NULL, full_text_error = NULL
                          WHERE id = ?17",
                    )?;
                    let mut values: Vec<&dyn rusqlite::ToSql> = fields.to_vec();
                    values.push(&id);
                    update.execute(values.as_slice())?;
                    changes.updated.push(id);
                    id
                }
                None if any_tombstones && tombstoned(tx, source, item, p)? => {
                    // Retention deleted it; the feed still lists it. Gone stays gone.
                    changes.unchanged += 1;
                    continue;
                }
                None => {
                    let mut insert = tx.prepare_cached(
                        "INSERT INTO articles (guid, link, link_key, title, author, published, updated, sort_ts,
                            summary, html, text, categories, content_hash, first_seen_at, changed_at, enclosures,
                            comments_link, source_id)
                          VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14, ?15, ?16, ?17)",
                    )?;
                    let mut values: Vec<&dyn rusqlite::ToSql> = fields.to_vec();
                    values.push(&source);
                    insert.execute(values.as_slice())?;
                    let id = ArticleId(tx.last_insert_rowid());
                    tx.prepare_cached("INSERT INTO article_state (article_id) VALUES (?1)")?.execute([id])?;
                    has_guidless |= item.guid.is_none();
                    changes.new.push(id);
                    id
                }
            };
            index(tx, id, p)?;
            super::pictures::set_article_pictures(tx, id, &p.pictures)?;
            if item.portal.is_some() || changes.updated.last() == Some(&id) {
                portal::upsert(tx, id, item.portal.as_ref())?;
            }
        }
        apply_source_update(tx, source, update)?;
        Ok(changes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::ArticleFilter;

    #[test]
    fn link_keys_ignore_fragments_tracking_and_trailing_slashes() {
        assert_eq!(link_key("HTTP://Example.COM/a/?utm_source=x#top"), "http://example.com/a");
        assert_eq!(link_key("http://example.com/a?id=3&utm_medium=y"), "http://example.com/a?id=3");
        assert_ne!(link_key("http://example.com/a?id=3"), link_key("http://example.com/a?id=4"));
    }

    fn store_with_source() -> (tempfile::TempDir, Store, SourceId) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("lib.sqlite3")).unwrap();
        let source = store
            .add_source(&crate::store::NewSource {
                kind: crate::model::SourceKind::Feed,
                url: "http://x.example/feed",
                feed_url: "http://x.example/feed",
                title: "X",
                site_url: None,
            })
            .unwrap();
        (dir, store, source.id)
    }

    fn item(guid: Option<&str>, link: Option<&str>, title: &str, html: &str) -> CleanItem {
        CleanItem {
            guid: guid.map(str::to_owned),
            link: link.map(str::to_owned),
            title: title.to_owned(),
            html: html.to_owned(),
            text: html.to_owned(),
            ..Default::default()
        }
    }

    fn apply(store: &mut Store, source: SourceId, items: &[CleanItem]) -> (usize, usize, usize) {
        let c = store.apply_sync(source, &SourceUpdate::default(), items).unwrap();
        (c.new.len(), c.updated.len(), c.unchanged)
    }

    #[test]
    fn items_are_the_same_article_by_guid_then_link_then_content_never_by_title() {
        let (_dir, mut store, source) = store_with_source();
        let first = [
            item(Some("g1"), Some("http://x.example/1"), "Same title", "one"),
            item(None, Some("http://x.example/2#top"), "Same title", "two"),
            item(None, None, "Same title", "three"),
        ];
        assert_eq!(apply(&mut store, source, &first), (3, 0, 0), "one title, three articles");
        let second = [
            item(Some("g1"), Some("http://x.example/moved"), "Same title", "one"),
            item(None, Some("http://x.example/2/?utm_source=feed"), "Same title", "two, edited"),
            item(None, None, "Same title", "three"),
            item(Some("g2"), Some("http://x.example/1"), "Another guid, same link", "four"),
        ];
        assert_eq!(apply(&mut store, source, &second), (1, 2, 1));
        assert_eq!(store.article_count().unwrap(), 4);
    }

    #[test]
    fn a_guid_less_article_is_found_again_when_the_feed_starts_sending_guids() {
        let (_dir, mut store, source) = store_with_source();
        apply(&mut store, source, &[item(None, Some("http://x.example/a"), "A", "a")]);
        let id = store.articles(&ArticleFilter::default()).unwrap()[0].id;
        store.set_bookmarked(id, true).unwrap();
        assert_eq!(apply(&mut store, source, &[item(Some("a-guid"), Some("http://x.example/a"), "A", "a")]), (0, 1, 0));
        let article = store.article(id).unwrap().unwrap();
        assert_eq!(article.guid.as_deref(), Some("a-guid"));
        assert!(article.bookmarked, "state survives");
    }

    #[test]
    fn a_write_waits_for_another_process_s_commit_instead_of_failing() {
        let (dir, mut store, source) = store_with_source();
        let path = dir.path().join("lib.sqlite3");
        let other = std::thread::spawn(move || {
            let conn = rusqlite::Connection::open(&path).unwrap();
            conn.execute_batch("BEGIN IMMEDIATE; UPDATE sources SET title = 'Y';").unwrap();
            std::thread::sleep(std::time::Duration::from_millis(300));
            conn.execute_batch("COMMIT;").unwrap();
        });
        std::thread::sleep(std::time::Duration::from_millis(100));
        assert_eq!(apply(&mut store, source, &[item(Some("1"), None, "A", "a")]), (1, 0, 0));
        other.join().unwrap();
    }

    #[test]
    fn unsubscribing_removes_articles_from_the_index_too() {
        let (_dir, mut store, source) = store_with_source();
        apply(&mut store, source, &[item(Some("1"), None, "發展", "發展新區")]);
        assert_eq!(store.search("发展", 10).unwrap().len(), 1);
        assert!(store.remove_source(source).unwrap());
        assert_eq!(store.search("发展", 10).unwrap().len(), 0);
        let indexed: i64 = store.conn.query_row("SELECT count(*) FROM article_fts", [], |r| r.get(0)).unwrap();
        assert_eq!(indexed, 0);
    }
}
