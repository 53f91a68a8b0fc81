//! RSS, RDF, Atom and JSON Feed documents into a parsed feed: the text is normalised where feed-rs would misread
//! it, feed-rs parses it, and each entry becomes an item (`entry.rs`). Text in, items out, no I/O.

use super::ParseError;
use super::date::{to_rfc3339, utc_to_rfc3339};
use super::entry::{Context, Kind, item, person_names, plain};
use super::facts::Facts;
use super::json::{Json, normalize_json};
use super::normalize::normalize;
use crate::model::ParsedFeed;
use chrono::{DateTime, FixedOffset, Utc};
use feed_rs::model::{FeedType, Link};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Offsets as the feed wrote them, keyed by the instant, so dates keep their own zone.
type Offsets = Arc<Mutex<HashMap<i64, FixedOffset>>>;

/// Parses a feed document (already decoded to UTF-8) fetched from `base`.
pub fn parse_feed(text: &str, base: &url::Url) -> Result<ParsedFeed, ParseError> {
    let (prepared, facts) = prepare(text, base);
    let offsets: Offsets = Arc::default();
    let seen = offsets.clone();
    let parser = feed_rs::parser::Builder::new()
        .base_uri(Some(base.as_str()))
        // An empty id means "the feed gave none": deduplication then falls back to the link.
        .id_generator(|_, _, _| String::new())
        .sanitize_content(false)
        .timestamp_parser(move |raw| {
            let d = super::date::parse_date(raw, FixedOffset::east_opt(0)?)?;
            seen.lock().ok()?.insert(d.timestamp(), *d.offset());
            Some(d.with_timezone(&Utc))
        })
        .build();
    let feed = parser.parse(prepared.as_bytes()).map_err(|e| ParseError::Feed { reason: e.to_string() })?;
    let offsets = offsets.lock().map(|m| m.clone()).unwrap_or_default();
    let date = |d: Option<DateTime<Utc>>| {
        d.map(|d| match offsets.get(&d.timestamp()) {
            Some(offset) => to_rfc3339(&d.with_timezone(offset)),
            None => utc_to_rfc3339(&d),
        })
    };
    let kind = match feed.feed_type {
        FeedType::Atom => Kind::Atom,
        FeedType::JSON => Kind::Json,
        FeedType::RSS0 | FeedType::RSS1 | FeedType::RSS2 => Kind::Rss,
    };
    let mut feed_authors = person_names(&feed.authors);
    for name in &facts.feed_authors {
        if !feed_authors.contains(name) {
            feed_authors.push(name.clone());
        }
    }
    let cx = Context { kind, date: &date, feed_authors: &feed_authors };
    let count = feed.entries.len();
    let items = feed.entries.into_iter().enumerate().map(|(i, entry)| item(entry, facts.item(i, count), &cx)).collect();
    Ok(ParsedFeed {
        title: feed.title.map(|t| plain(&t, kind)).filter(|t| !t.is_empty()),
        site_url: alternate_link(&feed.links),
        interval: feed.ttl.map(|minutes| minutes.saturating_mul(60)).or_else(|| syndication_interval(text)),
        items,
    })
}

/// The text feed-rs will read, and what it would not keep.
fn prepare<'a>(text: &'a str, base: &url::Url) -> (Cow<'a, str>, Facts) {
    let xml = |t: Cow<'a, str>| match normalize(&t, base) {
        Some((normalized, facts)) => (Cow::Owned(normalized), facts),
        None => (t, Facts::default()),
    };
    if text.trim_start_matches('\u{feff}').trim_start().starts_with('{') {
        match normalize_json(text) {
            Some(Json::Feed(json, facts)) => (Cow::Owned(json), facts),
            Some(Json::Rss(rss)) => xml(Cow::Owned(rss)),
            None => (Cow::Borrowed(text), Facts::default()),
        }
    } else {
        xml(Cow::Borrowed(text))
    }
}

/// `sy:updatePeriod` (hourly, daily...) divided by `sy:updateFrequency`, in seconds.
fn syndication_interval(text: &str) -> Option<u32> {
    let head = &text[..text.floor_char_boundary(64 * 1024)];
    let value = |tag: &str| {
        let start = head.find(&format!("<sy:{tag}>"))? + tag.len() + 5;
        let end = start + head[start..].find('<')?;
        Some(head[start..end].trim().to_ascii_lowercase())
    };
    let period: u32 = match value("updatePeriod")?.as_str() {
        "hourly" => 3600,
        "daily" => 86_400,
        "weekly" => 604_800,
        "monthly" => 2_592_000,
        "yearly" => 31_536_000,
        _ => return None,
    };
    let frequency = value("updateFrequency").and_then(|f| f.parse::<u32>().ok()).filter(|f| *f > 0).unwrap_or(1);
    Some(period / frequency)
}

/// The page link: rel=alternate (or no rel) first, any link otherwise; never comments or an enclosure.
pub(super) fn alternate_link(links: &[Link]) -> Option<String> {
    let candidates = || links.iter().filter(|l| !super::entry::is_comments(l) && l.target.is_none());
    candidates()
        .find(|l| matches!(l.rel.as_deref(), None | Some("alternate")))
        .or_else(|| candidates().find(|l| !matches!(l.rel.as_deref(), Some("self" | "enclosure" | "hub"))))
        .map(|l| l.href.trim().to_owned())
        .filter(|h| !h.is_empty())
}

#[cfg(test)]
mod tests;
