//! RSS, Atom and JSON Feed documents (through feed-rs) into parsed items. Bytes in, items out, no I/O.

use super::ParseError;
use super::date::{to_rfc3339, utc_to_rfc3339};
use crate::model::{Enclosure, ParsedFeed, ParsedItem};
use crate::sanitize::html_to_text;
use chrono::{DateTime, FixedOffset, Utc};
use feed_rs::model::{Entry, Link, LinkTarget, Text};
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
    let feed = parser.parse(text.as_bytes()).map_err(|e| ParseError::Feed { reason: e.to_string() })?;
    let offsets = offsets.lock().map(|m| m.clone()).unwrap_or_default();
    let date = |d: Option<DateTime<Utc>>| {
        d.map(|d| match offsets.get(&d.timestamp()) {
            Some(offset) => to_rfc3339(&d.with_timezone(offset)),
            None => utc_to_rfc3339(&d),
        })
    };
    let items = feed.entries.into_iter().map(|entry| item(entry, &date)).collect();
    Ok(ParsedFeed {
        title: feed.title.map(|t| plain(&t)).filter(|t| !t.is_empty()),
        site_url: alternate_link(&feed.links),
        interval: feed.ttl.map(|minutes| minutes.saturating_mul(60)).or_else(|| syndication_interval(text)),
        items,
    })
}

fn item(entry: Entry, date: &dyn Fn(Option<DateTime<Utc>>) -> Option<String>) -> ParsedItem {
    let summary_html = entry.summary.as_ref().map(text_as_html);
    let content_html = entry.content.as_ref().and_then(|c| c.body.clone());
    let html = content_html.clone().or_else(|| summary_html.clone()).unwrap_or_default();
    // A summary that only repeats the content adds nothing.
    let summary = summary_html.filter(|_| content_html.is_some()).map(|s| html_to_text(&s)).filter(|s| !s.is_empty());
    let authors: Vec<String> = entry
        .authors
        .iter()
        .filter_map(|p| p.name.as_deref().map(str::trim).filter(|n| !n.is_empty()).map(str::to_owned))
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
            .map(|c| c.label.clone().unwrap_or_else(|| c.term.clone()).trim().to_owned())
            .filter(|c| !c.is_empty())
            .collect(),
        enclosures: enclosures(&entry),
        comments: entry
            .links
            .iter()
            .find(|l| is_comments(l))
            .map(|l| l.href.trim().to_owned())
            .filter(|h| !h.is_empty()),
        portal: None,
    }
}

fn is_comments(link: &Link) -> bool {
    matches!(link.target, Some(LinkTarget::Comments)) || link.rel.as_deref() == Some("replies")
}

/// Enclosures from RSS `<enclosure>` (feed-rs files them as media content), Media RSS, and Atom
/// `rel="enclosure"` links, without duplicates.
fn enclosures(entry: &Entry) -> Vec<Enclosure> {
    let mut found: Vec<Enclosure> = Vec::new();
    let media = entry.media.iter().flat_map(|m| &m.content).filter_map(|c| {
        Some(Enclosure {
            url: c.url.as_ref()?.to_string(),
            mime: c.content_type.as_ref().map(|t| t.to_string()),
            length: c.size,
        })
    });
    let links = entry.links.iter().filter(|l| l.rel.as_deref() == Some("enclosure")).map(|l| Enclosure {
        url: l.href.trim().to_owned(),
        mime: l.media_type.clone(),
        length: l.length,
    });
    for e in media.chain(links) {
        if !e.url.is_empty() && !found.iter().any(|f| f.url == e.url) {
            found.push(e);
        }
    }
    found
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
fn alternate_link(links: &[Link]) -> Option<String> {
    let candidates = || links.iter().filter(|l| !is_comments(l) && l.target.is_none());
    candidates()
        .find(|l| matches!(l.rel.as_deref(), None | Some("alternate")))
        .or_else(|| candidates().find(|l| !matches!(l.rel.as_deref(), Some("self" | "enclosure"))))
        .map(|l| l.href.trim().to_owned())
        .filter(|h| !h.is_empty())
}

/// A text construct as plain text (titles may be typed HTML).
fn plain(t: &Text) -> String {
    let text = if is_markup(t) { html_to_text(&t.content) } else { t.content.clone() };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A text construct as HTML (plain text escaped).
fn text_as_html(t: &Text) -> String {
    if is_markup(t) {
        t.content.clone()
    } else {
        let escaped = t.content.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
        format!("<p>{escaped}</p>")
    }
}

fn is_markup(t: &Text) -> bool {
    matches!(t.content_type.subty().as_str(), "html" | "xhtml")
}
