//! Sync: the one place that calls both the network and the store. Fetch → decode → parse → clean → sanitize
//! → store, one transaction per source (several sources may share a commit, see `writer.rs`); a failure is
//! recorded on its source and nothing stored is lost.

mod full_text;
mod identify;
mod pictures;
mod portal;
mod portal_account;
mod portal_site;
mod writer;

pub use full_text::fetch_article_page;
pub use identify::{Found, Identified, identify};
pub use pictures::{PictureCounts, download_pictures};
pub use portal::RefreshPolicy;
pub use portal_account::{Answer, message_text, send_reaction, sign_in};
pub use portal_site::{PortalCategoryInfo, PortalSite, category_feed_catid};
pub use writer::{Work, Writer};

use crate::decode::{charset_from_content_type, declare_utf8, decode, decode_as};
use crate::error::{Error, Result};
use crate::fetch::{Fetched, Fetcher, Response, Validators};
use crate::model::{CleanItem, ParsedItem, SourceId, SourceKind};
use crate::parse::{Document, ParseError, parse_document};
use crate::sanitize::Sanitizer;
use crate::schedule::{next_after_failure, next_after_success};
use crate::store::{PreparedItem, SourceUpdate, now_ts};
use crate::view::Source;
use serde::Serialize;
use sha2::{Digest, Sha256};
use url::Url;

/// The most items read from one document; the rest of a huge feed is left out, and the result says so.
pub const MAX_ITEMS_PER_FEED: usize = 5000;

/// How one source's sync ended.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct SyncResult {
    pub source_id: SourceId,
    pub title: String,
    pub url: String,
    pub ok: bool,
    pub new: usize,
    pub updated: usize,
    /// Not fetched this time, and why (the site asked to wait).
    pub skipped: Option<String>,
    /// True when the feed had not changed since the last sync (a 304, or the same bytes).
    pub unchanged: bool,
    /// Something worth knowing about a success (a huge feed was cut, the feed moved).
    pub note: Option<String>,
    pub error: Option<String>,
    pub error_kind: Option<String>,
    /// How this sync's picture downloads went.
    pub pictures: PictureCounts,
    /// Articles that got their full text from their linked page in this sync.
    pub full_texts: usize,
    /// Portal articles the portal would not show (pending, removed, login wall), never stored as articles.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub refused: Vec<crate::store::PortalRefusal>,
}

/// Watches a sync as it goes (a progress bar, the UI's status).
pub trait SyncObserver: Send + Sync {
    fn started(&self, _total: usize) {}
    fn source_started(&self, _source: &Source) {}
    fn source_finished(&self, _result: &SyncResult) {}
}

/// An observer that watches nothing.
pub struct Quiet;
impl SyncObserver for Quiet {}

/// Library-wide sync settings.
#[derive(Clone, Copy, Debug)]
pub struct Policy {
    pub default_interval_minutes: i64,
    /// Whether pictures are downloaded (`sync --no-pictures` says no; they stay pending for a later sync).
    pub pictures: bool,
    /// The most bytes all stored pictures may take.
    pub picture_budget: i64,
    /// How portal articles' counts are read again.
    pub refresh: RefreshPolicy,
}

/// What a sync works with: the network, the writer, the store (for pictures' records) and the picture files.
pub struct Context<'a> {
    pub fetcher: &'a Fetcher,
    pub writer: &'a Writer,
    pub store: &'a std::sync::Arc<std::sync::Mutex<crate::store::Store>>,
    pub files: &'a crate::pictures::PictureFiles,
}

/// Parses a URL the user gave, accepting only http(s).
pub fn parse_http_url(input: &str) -> Result<Url> {
    let trimmed = input.trim();
    let url = Url::parse(trimmed).map_err(|e| Error::InvalidUrl { url: trimmed.to_owned(), reason: e.to_string() })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Error::InvalidUrl {
            url: trimmed.to_owned(),
            reason: "Jianbao reads only http and https addresses".into(),
        });
    }
    Ok(url)
}

/// A fetched page's text, decoded by the same rules as feeds.
pub(crate) fn read_text(response: &Response) -> String {
    decode(&response.body, response.content_type.as_deref().and_then(charset_from_content_type)).text
}

/// Decodes (with the source's encoding override, if any) and parses a fetched body.
pub(crate) fn read_document(response: &Response, encoding: Option<&str>) -> Result<Document> {
    Ok(parse_document(&declare_utf8(&read_text_as(response, encoding)), &response.url)?)
}

/// A fetched body's text: the source's encoding override first, then the bytes' own evidence.
pub(crate) fn read_text_as(response: &Response, encoding: Option<&str>) -> String {
    match encoding.and_then(|label| decode_as(&response.body, label)) {
        Some(decoded) => decoded.text,
        None => read_text(response),
    }
}

/// The store, whoever panicked while holding it (its data is consistent between transactions).
pub(crate) fn lock(store: &std::sync::Mutex<crate::store::Store>) -> std::sync::MutexGuard<'_, crate::store::Store> {
    store.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Cleans and sanitizes parsed items for storage; portal items also lose inline pinyin when `clean_pinyin`.
pub fn prepare_items(items: Vec<ParsedItem>, base: &Url, clean_pinyin: bool) -> Vec<CleanItem> {
    let sanitizer = Sanitizer::new(Some(base));
    items
        .into_iter()
        .map(|item| {
            let item = if clean_pinyin && item.portal.is_some() { crate::clean::strip_item_pinyin(item) } else { item };
            sanitizer.item(item)
        })
        .collect()
}

/// How a source's sync went, before it becomes a `SyncResult`.
#[derive(Default)]
struct Outcome {
    new: usize,
    updated: usize,
    unchanged: bool,
    note: Option<String>,
}

/// Syncs one source and records the outcome and the next fetch time on it (through `writer`). Never deletes
/// articles.
pub async fn sync_source(ctx: &Context<'_>, source: &Source, policy: Policy) -> SyncResult {
    let (fetcher, writer) = (ctx.fetcher, ctx.writer);
    let mut result = SyncResult {
        source_id: source.id,
        title: source.title.clone(),
        url: source.feed_url.clone(),
        ok: true,
        new: 0,
        updated: 0,
        skipped: None,
        unchanged: false,
        note: None,
        error: None,
        error_kind: None,
        pictures: PictureCounts::default(),
        full_texts: 0,
        refused: Vec::new(),
    };
    if let Some(until) = rate_limited_until(source) {
        result.skipped = Some(format!("the site asked to wait until {until}"));
        return result;
    }
    let outcome = match &source.portal {
        Some(category) => {
            portal::sync_category(ctx, source, category, policy, policy.refresh).await.map(|(outcome, refused)| {
                result.refused = refused;
                outcome
            })
        }
        None => fetch_and_store(fetcher, writer, source, policy).await,
    };
    match outcome {
        Ok(outcome) => {
            (result.new, result.updated, result.unchanged) = (outcome.new, outcome.updated, outcome.unchanged);
            result.note = outcome.note;
            if source.full_text && source.kind == SourceKind::Feed {
                result.full_texts = full_text::fetch_full_texts(fetcher, ctx.store, source).await;
            }
            if policy.pictures && matches!(source.kind, SourceKind::Feed | SourceKind::Portal) {
                result.pictures =
                    pictures::download_pictures(fetcher, ctx.store, ctx.files, source.id, policy.picture_budget).await;
            }
        }
        Err(e) => {
            let message = e.to_string();
            let retry_after = match &e {
                Error::Fetch(f) => f.retry_after(),
                _ => None,
            };
            let next_sync_at = next_after_failure(now_ts(), source.failures + 1, retry_after);
            let failure =
                Work::Failure { source: source.id, kind: e.kind().to_owned(), message: message.clone(), next_sync_at };
            // If even this fails the error is still reported to the caller.
            let _ = writer.write(failure).await;
            result.ok = false;
            result.error = Some(message);
            result.error_kind = Some(e.kind().to_owned());
        }
    }
    result
}

/// When the site answered 429/503 with Retry-After and that time has not come, the time it named.
fn rate_limited_until(source: &Source) -> Option<String> {
    let next = source.next_sync_at.as_deref()?;
    let due = chrono::DateTime::parse_from_rfc3339(next).ok()?.timestamp();
    (source.last_error_kind.as_deref() == Some("rate_limited") && due > now_ts()).then(|| next.to_owned())
}

/// Records a sync that brought nothing to parse (a 304, unchanged bytes, a local source).
async fn unchanged(writer: &Writer, source: SourceId, update: SourceUpdate, note: Option<String>) -> Result<Outcome> {
    writer.write(Work::Items { source, update, items: Vec::new() }).await?;
    Ok(Outcome { unchanged: true, note, ..Default::default() })
}

async fn fetch_and_store(fetcher: &Fetcher, writer: &Writer, source: &Source, policy: Policy) -> Result<Outcome> {
    let (user_minutes, default_minutes) = (source.interval_minutes, policy.default_interval_minutes);
    // What the feed asked last time still holds when it answers "not modified" or the same bytes.
    let asked_before = source.feed_interval.and_then(|s| u32::try_from(s).ok());
    let schedule = move |feed_asks: Option<u32>| {
        let asks = [feed_asks, asked_before].into_iter().flatten().max();
        next_after_success(now_ts(), user_minutes, default_minutes, asks)
    };
    if source.kind == SourceKind::Local {
        return unchanged(writer, source.id, SourceUpdate::default(), None).await;
    }
    let url = parse_http_url(&source.feed_url)?;
    let validators = Validators { etag: source.etag.clone(), last_modified: source.last_modified.clone() };
    let response = match fetcher.get(&url, Some(&validators)).await? {
        Fetched::NotModified { moved_to, max_age } => {
            let note = moved_to.as_ref().map(|to| format!("moved permanently to {to}"));
            let update = SourceUpdate {
                moved_to: moved_to.map(|u| u.to_string()),
                next_sync_at: Some(schedule(max_age)),
                ..Default::default()
            };
            return unchanged(writer, source.id, update, note).await;
        }
        Fetched::Body(response) => response,
    };
    let body_hash: String = Sha256::digest(&response.body)[..16].iter().map(|b| format!("{b:02x}")).collect();
    let mut update = SourceUpdate {
        moved_to: response.moved_to.as_ref().map(Url::to_string),
        etag: response.validators.etag.clone(),
        last_modified: response.validators.last_modified.clone(),
        body_hash: Some(body_hash.clone()),
        ..Default::default()
    };
    if source.body_hash.as_deref() == Some(body_hash.as_str()) {
        // Same bytes as last time: nothing to parse.
        update.next_sync_at = Some(schedule(response.max_age));
        return unchanged(writer, source.id, update, moved_note(&response)).await;
    }
    // Decoding, parsing, sanitizing and preparing are CPU work: one job per core, off the threads that drive
    // the network; the writer thread then stores it.
    let encoding = source.encoding.clone();
    let id = source.id;
    let prepared = {
        let _cpu = cpu_slots().acquire().await.expect("never closed");
        tokio::task::spawn_blocking(move || -> Result<(Vec<PreparedItem>, SourceUpdate, Vec<String>)> {
            let mut feed = match read_document(&response, encoding.as_deref())? {
                Document::Feed(feed) => feed,
                Document::Page { .. } => return Err(ParseError::WebPage.into()),
            };
            let total = feed.items.len();
            feed.items.truncate(MAX_ITEMS_PER_FEED);
            let mut notes: Vec<String> = moved_note(&response).into_iter().collect();
            if total > MAX_ITEMS_PER_FEED {
                notes.push(format!("kept the first {MAX_ITEMS_PER_FEED} of {total} items"));
            }
            let feed_asks = [feed.interval, response.max_age].into_iter().flatten().max();
            update.site_url = feed.site_url.clone();
            update.feed_interval = feed_asks;
            update.next_sync_at = Some(schedule(feed_asks));
            Ok((crate::store::prepare(prepare_items(feed.items, &response.url, true)), update, notes))
        })
        .await
        .map_err(|e| Error::Internal(format!("the sync task for source {id} failed: {e}")))??
    };
    let (items, update, notes) = prepared;
    let changes = writer.write(Work::Items { source: id, update, items }).await?.unwrap_or_default();
    Ok(Outcome {
        new: changes.new.len(),
        updated: changes.updated.len(),
        unchanged: false,
        note: (!notes.is_empty()).then(|| notes.join("; ")),
    })
}

/// Slots for the CPU-bound part of syncing, one per core.
pub(super) fn cpu_slots() -> &'static tokio::sync::Semaphore {
    static SLOTS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    SLOTS
        .get_or_init(|| tokio::sync::Semaphore::new(std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2)))
}

fn moved_note(response: &Response) -> Option<String> {
    response.moved_to.as_ref().map(|to| format!("moved permanently to {to}"))
}
