//! What the store hands back to readers of the library: sources, article summaries, whole articles and state.
//! These serialize as the API and export shapes documented in `docs/api.md`.

use crate::model::{ArticleId, Enclosure, PortalInfo, Reaction, SourceId, SourceKind};
use serde::Serialize;

/// A subscribed source with its counts and last sync outcome.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Source {
    pub id: SourceId,
    pub kind: SourceKind,
    /// The URL the user subscribed.
    pub url: String,
    /// Where the feed is fetched from.
    pub feed_url: String,
    pub title: String,
    pub site_url: Option<String>,
    pub unread: i64,
    pub total: i64,
    pub last_sync_at: Option<String>,
    pub last_error: Option<String>,
    pub last_error_kind: Option<String>,
    /// The folder path, outermost first; empty at the top level.
    pub folder: Vec<String>,
    /// The per-source encoding override (an encoding label), or null to decide from the bytes.
    pub encoding: Option<String>,
    /// The per-source sync interval in minutes, or null for the library's default.
    pub interval_minutes: Option<i64>,
    /// Failed syncs in a row (back-off grows with it).
    pub failures: i64,
    /// Retention for this source (null: the library's default).
    pub keep_days: Option<i64>,
    pub keep_articles: Option<i64>,
    /// Whether each new article's linked page is fetched for its full text.
    pub full_text: bool,
    /// For a portal category: where its list pages are and its cleanup switch.
    pub portal: Option<PortalCategory>,
    /// The earliest time the scheduler fetches this source again.
    pub next_sync_at: Option<String>,
    /// HTTP validators and body hash from the last successful fetch (not part of the API shape).
    #[serde(skip)]
    pub etag: Option<String>,
    #[serde(skip)]
    pub last_modified: Option<String>,
    #[serde(skip)]
    pub body_hash: Option<String>,
    #[serde(skip)]
    pub folder_id: Option<i64>,
    /// Seconds the feed last asked between fetches (`<ttl>`, `sy:updatePeriod`, `max-age`).
    #[serde(skip)]
    pub feed_interval: Option<i64>,
}

/// A followed Discuz! X portal category.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct PortalCategory {
    /// The folder holding `portal.php`.
    pub site_url: String,
    pub catid: i64,
    /// The category's first list page.
    pub list_url: String,
    /// Whether inline pinyin (萍鄉(xiāng) → 萍鄉) is removed before storing.
    pub clean_pinyin: bool,
    /// How many sub-categories its list page shows (null until it was read). The category feed leaves their
    /// articles out, so only a category without any can trust its feed to say "nothing new".
    pub subcategories: Option<i64>,
    /// When its list pages were last read (unix seconds).
    #[serde(skip)]
    pub list_read_at: Option<i64>,
}

/// One line of an article list.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ArticleSummary {
    pub id: ArticleId,
    pub source_id: SourceId,
    pub source_title: String,
    pub title: String,
    pub author: Option<String>,
    pub published: Option<String>,
    pub excerpt: String,
    pub read: bool,
    pub bookmarked: bool,
    pub reaction: Option<Reaction>,
    pub portal: bool,
}

/// The reader's state of one article.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ArticleState {
    pub id: ArticleId,
    pub read: bool,
    pub bookmarked: bool,
    pub bookmarked_at: Option<String>,
    pub reaction: Option<Reaction>,
    pub position: f64,
}

/// A whole article: the export record plus what the reader pane needs.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Article {
    pub id: ArticleId,
    pub source_id: SourceId,
    pub source_url: String,
    pub source_title: String,
    pub guid: Option<String>,
    pub link: Option<String>,
    pub title: String,
    pub author: Option<String>,
    pub published: Option<String>,
    pub updated: Option<String>,
    pub summary: Option<String>,
    pub html: String,
    pub text: String,
    pub categories: Vec<String>,
    pub enclosures: Vec<Enclosure>,
    pub comments: Option<String>,
    pub read: bool,
    pub bookmarked: bool,
    pub bookmarked_at: Option<String>,
    pub reaction: Option<Reaction>,
    pub position: f64,
    pub portal: Option<PortalInfo>,
    /// Every picture the article shows, with its local reference once stored.
    pub pictures: Vec<PictureView>,
}

/// One picture of an article: its original address and, once stored, the reference the HTML uses for it
/// (relative to the library folder).
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct PictureView {
    pub url: String,
    pub reference: Option<String>,
    /// pending, stored, failed, tracking, skipped or evicted.
    pub status: String,
    pub error: Option<String>,
}
