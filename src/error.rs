//! The library facade's error: every stage's error plus the facade's own, each with a stable `kind` the UI
//! and scripts can branch on.

use crate::fetch::FetchError;
use crate::model::{ArticleId, SourceId};
use crate::parse::{FeedLink, ParseError};
use crate::store::StoreError;
use std::path::PathBuf;

/// What the facade reports.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("invalid URL {url:?}: {reason}")]
    InvalidUrl { url: String, reason: String },
    #[error(transparent)]
    Fetch(#[from] FetchError),
    #[error(transparent)]
    Parse(#[from] ParseError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{url} is a web page that names no feed")]
    NoFeed { url: String },
    #[error("{url} names {} feeds; choose one (--pick N)", candidates.len())]
    MultipleFeeds { url: String, candidates: Vec<FeedLink> },
    #[error("{url} is already subscribed as source {id}")]
    AlreadySubscribed { url: String, id: SourceId },
    #[error("there is no article {0}")]
    NoArticle(ArticleId),
    #[error("there is no source {0}")]
    NoSource(SourceId),
    #[error("a sync is already running")]
    Busy,
    #[error("{0}")]
    InvalidArgument(String),
    #[error("port {port} on 127.0.0.1 is already in use; choose another with --port")]
    PortInUse { port: u16 },
    #[error("unable to use {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("internal error: {0}")]
    Internal(String),
    #[error(transparent)]
    Opml(#[from] crate::opml::OpmlError),
    #[error(transparent)]
    Extract(#[from] crate::extract::ExtractError),
    #[error("portal: {0}")]
    Portal(String),
    #[error("{url} is a Discuz! X portal with {} categories; choose which to follow (--category N, or --all)", site.categories.len())]
    PortalCategories { url: String, site: Box<crate::sync::PortalSite> },
    #[error("{site} refused the sign-in: {message}")]
    SignInRefused { site: String, message: String },
    #[error("{url} is not a Discuz! X portal page")]
    NotPortal { url: String },
    #[error("{url}: the portal refused ({}): {message}", refusal.name())]
    PortalRefused { url: String, refusal: crate::parse::portal::Refusal, message: String },
}

impl Error {
    /// A stable name for the kind of failure (see docs/api.md).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::InvalidUrl { .. } => "invalid_url",
            Error::Fetch(FetchError::Scheme { .. }) => "invalid_url",
            Error::Fetch(FetchError::Status { status: 429 | 503, retry_after: Some(_), .. }) => "rate_limited",
            Error::Fetch(FetchError::Status { .. }) => "http_status",
            Error::Fetch(_) => "network",
            Error::Parse(ParseError::WebPage) => "not_a_feed",
            Error::Parse(_) => "parse",
            Error::Store(StoreError::TooNew { .. }) => "database_too_new",
            Error::Store(_) => "database",
            Error::NoFeed { .. } => "not_a_feed",
            Error::MultipleFeeds { .. } => "multiple_feeds",
            Error::AlreadySubscribed { .. } => "already_subscribed",
            Error::NoArticle(_) | Error::NoSource(_) => "not_found",
            Error::Busy => "busy",
            Error::InvalidArgument(_) => "invalid_argument",
            Error::PortInUse { .. } => "port_in_use",
            Error::Io { .. } => "io",
            Error::Internal(_) => "internal",
            Error::Opml(_) => "parse",
            Error::Extract(_) => "no_article",
            Error::Portal(_) => "portal",
            Error::NotPortal { .. } => "not_a_portal",
            Error::SignInRefused { .. } => "sign_in_refused",
            Error::PortalCategories { .. } => "portal_categories",
            Error::PortalRefused { refusal, .. } => refusal.name(),
        }
    }

    /// Structured details the UI can use (candidates to pick from, the existing source).
    pub fn details(&self) -> Option<serde_json::Value> {
        match self {
            Error::MultipleFeeds { candidates, .. } => Some(serde_json::json!({ "candidates": candidates })),
            Error::AlreadySubscribed { id, .. } => Some(serde_json::json!({ "source_id": id })),
            Error::PortalCategories { site, .. } => serde_json::to_value(site).ok(),
            _ => None,
        }
    }
}

/// Shorthand for facade results.
pub type Result<T, E = Error> = std::result::Result<T, E>;
