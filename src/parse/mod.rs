//! Parse stage: decoded text in, feeds, pages or portal articles out. No I/O, no storage.

mod date;
mod dialect;
mod discover;
mod entry;
mod facts;
mod feed;
mod held;
mod json;
mod normalize;
pub mod portal;
mod text;
mod xml_edit;

pub use date::{parse_date, to_rfc3339};
pub use discover::{FeedLink, discover_feeds};
pub use feed::parse_feed;

use crate::model::ParsedFeed;
use url::Url;

/// What can go wrong reading a document.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    #[error("parse: not a readable feed: {reason}")]
    Feed { reason: String },
    #[error("parse: this is a web page, not a feed")]
    WebPage,
    #[error("parse: the document is empty")]
    Empty,
    #[error("parse: not a Discuz! X article page: {0}")]
    Portal(String),
}

/// What a fetched document turned out to be.
#[derive(Debug)]
pub enum Document {
    Feed(ParsedFeed),
    /// An HTML page, with the feeds it points to.
    Page {
        title: Option<String>,
        feeds: Vec<FeedLink>,
    },
}

/// True when the text looks like an HTML page rather than a feed.
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text.trim_start_matches('\u{feff}').chars().take(2048).collect::<String>().to_ascii_lowercase();
    let feed_root = ["<rss", "<feed", "<rdf:rdf", "<channel"].iter().any(|t| head.contains(t));
    !feed_root
        && (head.contains("<!doctype html")
            || head.contains("<html")
            || head.contains("<head")
            || head.contains("<body"))
}

/// Reads a fetched document: a feed, or a page to look for feeds in.
pub fn parse_document(text: &str, base: &Url) -> Result<Document, ParseError> {
    if text.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    if looks_like_html(text) {
        let doc = scraper::Html::parse_document(text);
        let title = scraper::Selector::parse("title")
            .ok()
            .and_then(|s| doc.select(&s).next().map(|t| t.text().collect::<String>().trim().to_owned()))
            .filter(|t| !t.is_empty());
        return Ok(Document::Page { title, feeds: discover_feeds(text, base) });
    }
    parse_feed(text, base).map(Document::Feed)
}
