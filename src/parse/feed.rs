//! RSS, Atom and JSON Feed documents (through feed-rs) into parsed items. Bytes in, items out, no I/O.

use super::ParseError;
use super::date::{to_rfc3339, utc_to_rfc3339};
use crate::model::{ParsedFeed, ParsedItem};
use crate::sanitize::html_to_text;
use chrono::{DateTime, FixedOffset, Utc};
use feed_rs::model::{Entry, Link, Text};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Offsets as the feed wrote them, keyed by the instant, so dates keep their own zone.
type Offsets = Arc<Mutex<HashMap<i64, FixedOffset>>>;

/// Parses a feed document (already decoded to UTF-8) fetched from `base`.
pub fn parse_feed(text: &str, base: &url::Url) -> Result<ParsedFeed, ParseError> {
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
    let feed = parser
        .parse(text.as_bytes())
        .map_err(|e| ParseError::Feed {
            reason: e.to_string(),
        })?;
    let offsets = offsets.lock().map(|m| m.clone()).unwrap_or_default();
    let date = |d: Option<DateTime<Utc>>| {
        d.map(|d| match offsets.get(&d.timestamp()) {
            Some(offset) => to_rfc3339(&d.with_timezone(offset)),
            None => utc_to_rfc3339(&d),
        })
    };
    let items = feed
        .entries
        .into_iter()
        .map(|entry| item(entry, &date))
        .collect();
    Ok(ParsedFeed {
        title: feed.title.map(|t| plain(&t)).filter(|t| !t.is_empty()),
        site_url: alternate_link(&feed.links),
        items,
    })
}

fn item(entry: Entry, date: &dyn Fn(Option<DateTime<Utc>>) -> Option<String>) -> ParsedItem {
    let summary_html = entry.summary.as_ref().map(text_as_html);
    let content_html = entry.content.as_ref().and_then(|c| c.body.clone());
    let html = content_html
        .clone()
        .or_else(|| summary_html.clone())
        .unwrap_or_default();
    // A summary that only repeats the content adds nothing.
    let summary = summary_html
        .filter(|_| content_html.is_some())
        .map(|s| html_to_text(&s))
        .filter(|s| !s.is_empty());
    let authors: Vec<String> = entry
        .authors
        .iter()
        .filter_map(|p| {
            p.name
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_owned)
        })
        .collect();
    ParsedItem {
        guid: Some(entry.id.trim().to_owned()).filter(|id| !id.is_empty()),
        link: alternate_link(&entry.links),
        title: entry.title.as_ref().map(plain).unwrap_or_default(),
        author: (!authors.is_empty()).then(|| authors.join(", ")),
        published: date(entry.published.or(entry.updated)),
        updated: date(entry.updated),
        summary,
        html,
        categories: entry
            .categories
            .iter()
            .map(|c| {
                c.label
                    .clone()
                    .unwrap_or_else(|| c.term.clone())
                    .trim()
                    .to_owned()
            })
            .filter(|c| !c.is_empty())
            .collect(),
        portal: None,
    }
}

/// The page link: rel=alternate (or no rel) first, any link otherwise.
fn alternate_link(links: &[Link]) -> Option<String> {
    links
        .iter()
        .find(|l| matches!(l.rel.as_deref(), None | Some("alternate")))
        .or_else(|| {
            links
                .iter()
                .find(|l| !matches!(l.rel.as_deref(), Some("self" | "enclosure")))
        })
        .map(|l| l.href.trim().to_owned())
        .filter(|h| !h.is_empty())
}

/// A text construct as plain text (titles may be typed HTML).
fn plain(t: &Text) -> String {
    let text = if is_markup(t) {
        html_to_text(&t.content)
    } else {
        t.content.clone()
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A text construct as HTML (plain text escaped).
fn text_as_html(t: &Text) -> String {
    if is_markup(t) {
        t.content.clone()
    } else {
        let escaped = t
            .content
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        format!("<p>{escaped}</p>")
    }
}

fn is_markup(t: &Text) -> bool {
    matches!(t.content_type.subty().as_str(), "html" | "xhtml")
}
