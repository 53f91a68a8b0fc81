//! Sync: the one place that calls both the network and the store. Fetch → decode → parse → clean → sanitize
//! → store, one transaction per source; a failure is recorded on its source and nothing stored is lost.

use crate::decode::{charset_from_content_type, declare_utf8, decode};
use crate::error::{Error, Result};
use crate::fetch::{Fetched, Fetcher, Response, Validators};
use crate::model::{CleanItem, ParsedFeed, ParsedItem, SourceId, SourceKind};
use crate::parse::{Document, FeedLink, ParseError, parse_document};
use crate::sanitize::sanitize_item;
use crate::store::{SourceUpdate, Store};
use crate::view::Source;
use serde::Serialize;
use std::sync::Mutex;
use url::Url;

/// How one source's sync ended.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct SyncResult {
    pub source_id: SourceId,
    pub title: String,
    pub url: String,
    pub ok: bool,
    pub new: usize,
    pub updated: usize,
    pub error: Option<String>,
    pub error_kind: Option<String>,
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

/// Parses a URL the user gave, accepting only http(s).
pub fn parse_http_url(input: &str) -> Result<Url> {
    let trimmed = input.trim();
    let url = Url::parse(trimmed).map_err(|e| Error::InvalidUrl { url: trimmed.to_owned(), reason: e.to_string() })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Error::InvalidUrl {
            url: trimmed.to_owned(),
            reason: "only http and https URLs can be subscribed".into(),
        });
    }
    Ok(url)
}

/// Decodes and parses a fetched body.
fn read_document(response: &Response) -> Result<Document> {
    let charset = response.content_type.as_deref().and_then(charset_from_content_type);
    let decoded = decode(&response.body, charset);
    Ok(parse_document(&declare_utf8(&decoded.text), &response.url)?)
}

/// What `add` learned about a URL: where its feed is and what it is called.
#[derive(Debug)]
pub struct Identified {
    /// The URL to record as subscribed: what the user typed when it was the feed, else the feed a page named.
    pub subscribed: Url,
    pub feed_url: Url,
    pub title: String,
    pub site_url: Option<String>,
}

/// Finds the feed a URL stands for: the URL itself when it is a feed, or the one a web page names
/// (`pick`, 1-based, when it names several). Network only; nothing is stored.
pub async fn identify(fetcher: &Fetcher, url: &Url, pick: Option<usize>) -> Result<Identified> {
    let Fetched::Body(response) = fetcher.get(url, None).await? else { unreachable!("unconditional GET") };
    match read_document(&response)? {
        Document::Feed(feed) => Ok(identified(url.clone(), response.url, feed)),
        Document::Page { feeds, .. } => {
            let chosen = choose(url, feeds, pick)?;
            let feed_url = Url::parse(&chosen.url)
                .map_err(|e| Error::InvalidUrl { url: chosen.url.clone(), reason: e.to_string() })?;
            let Fetched::Body(response) = fetcher.get(&feed_url, None).await? else {
                unreachable!("unconditional GET")
            };
            match read_document(&response)? {
                Document::Feed(feed) => Ok(identified(feed_url.clone(), response.url, feed)),
                Document::Page { .. } => Err(Error::NoFeed { url: feed_url.to_string() }),
            }
        }
    }
}

fn choose(url: &Url, mut feeds: Vec<FeedLink>, pick: Option<usize>) -> Result<FeedLink> {
    match (feeds.len(), pick) {
        (0, _) => Err(Error::NoFeed { url: url.to_string() }),
        (n, Some(p)) if p == 0 || p > n => {
            Err(Error::InvalidArgument(format!("--pick {p}: {url} names {n} feed(s); pick 1 to {n}")))
        }
        (_, Some(p)) => Ok(feeds.swap_remove(p - 1)),
        (1, None) => Ok(feeds.remove(0)),
        (_, None) => Err(Error::MultipleFeeds { url: url.to_string(), candidates: feeds }),
    }
}

fn identified(subscribed: Url, feed_url: Url, feed: ParsedFeed) -> Identified {
    let title = feed.title.clone().unwrap_or_else(|| feed_url.host_str().unwrap_or("feed").to_owned());
    Identified { subscribed, feed_url, title, site_url: feed.site_url }
}

/// Cleans and sanitizes parsed items for storage; portal items also lose inline pinyin.
pub fn prepare_items(items: Vec<ParsedItem>, base: &Url) -> Vec<CleanItem> {
    items
        .into_iter()
        .map(|item| {
            let item = if item.portal.is_some() { crate::clean::strip_item_pinyin(item) } else { item };
            sanitize_item(item, Some(base))
        })
        .collect()
}

/// Syncs one source and records the outcome on it. Never deletes articles.
pub async fn sync_source(fetcher: &Fetcher, store: &Mutex<Store>, source: &Source) -> SyncResult {
    let outcome = fetch_and_store(fetcher, store, source).await;
    let mut result = SyncResult {
        source_id: source.id,
        title: source.title.clone(),
        url: source.feed_url.clone(),
        ok: outcome.is_ok(),
        new: 0,
        updated: 0,
        error: None,
        error_kind: None,
    };
    match outcome {
        Ok((new, updated)) => (result.new, result.updated) = (new, updated),
        Err(e) => {
            let message = e.to_string();
            if let Ok(mut s) = store.lock() {
                // If even this fails the error is still reported to the caller.
                let _ = s.record_sync_failure(source.id, e.kind(), &message);
            }
            result.error = Some(message);
            result.error_kind = Some(e.kind().to_owned());
        }
    }
    result
}

fn lock(store: &Mutex<Store>) -> std::sync::MutexGuard<'_, Store> {
    store.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

async fn fetch_and_store(fetcher: &Fetcher, store: &Mutex<Store>, source: &Source) -> Result<(usize, usize)> {
    if source.kind == SourceKind::Local {
        lock(store).record_sync_unchanged(source.id)?;
        return Ok((0, 0));
    }
    let url = parse_http_url(&source.feed_url)?;
    let validators = Validators { etag: source.etag.clone(), last_modified: source.last_modified.clone() };
    let response = match fetcher.get(&url, Some(&validators)).await? {
        Fetched::NotModified => {
            lock(store).record_sync_unchanged(source.id)?;
            return Ok((0, 0));
        }
        Fetched::Body(response) => response,
    };
    let feed = match read_document(&response)? {
        Document::Feed(feed) => feed,
        Document::Page { .. } => return Err(ParseError::WebPage.into()),
    };
    let update = SourceUpdate {
        title: None,
        site_url: feed.site_url.clone(),
        etag: response.validators.etag.clone(),
        last_modified: response.validators.last_modified.clone(),
    };
    let items = prepare_items(feed.items, &response.url);
    let changes = lock(store).apply_sync(source.id, &update, &items)?;
    Ok((changes.new.len(), changes.updated.len()))
}
