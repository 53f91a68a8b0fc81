//! The primary reader: `dom_smoothie`, a close port of Mozilla's Readability.js, with its default settings.

use dom_query::Document;
use dom_smoothie::{Article, Config, Metadata, Readability, TextMode};
use url::Url;

fn config() -> Config {
    Config { text_mode: TextMode::Formatted, ..Config::default() }
}

/// The article Readability finds in `doc`, or None when it finds none.
pub(super) fn read(doc: Document, page_url: &Url) -> Option<Article> {
    let mut readability = Readability::with_document(doc, Some(page_url.as_str()), Some(config())).ok()?;
    readability.parse().ok()
}

/// The page's metadata alone (title, byline, dates, language), for pages whose content Readability misses.
pub(super) fn metadata(doc: Document, page_url: &Url) -> Metadata {
    match Readability::with_document(doc, Some(page_url.as_str()), Some(config())) {
        Ok(readability) => readability.get_article_metadata(readability.parse_json_ld()),
        Err(_) => Metadata::default(),
    }
}
