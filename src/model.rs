//! The nouns every stage shares: identifiers, reactions, parsed items and the views the store returns.

use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($name:ident, $what:literal) => {
        #[doc = concat!("Row id of ", $what, ".")]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                self.0.to_sql()
            }
        }
        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                i64::column_result(value).map($name)
            }
        }
    };
}

id_type!(SourceId, "a source");
id_type!(ArticleId, "an article");

/// The reader's own reaction to an article: the five stock Discuz! X reactions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Reaction {
    /// 鮮花
    Flowers,
    /// 握手
    Handshake,
    /// 雷人
    Shocking,
    /// 路過
    Passing,
    /// 雞蛋
    Eggs,
}

impl Reaction {
    /// All five, in the order portals show them.
    pub const ALL: [Reaction; 5] =
        [Reaction::Flowers, Reaction::Handshake, Reaction::Shocking, Reaction::Passing, Reaction::Eggs];

    /// The stable name used in the CLI, the API and the export.
    pub fn name(self) -> &'static str {
        match self {
            Reaction::Flowers => "flowers",
            Reaction::Handshake => "handshake",
            Reaction::Shocking => "shocking",
            Reaction::Passing => "passing",
            Reaction::Eggs => "eggs",
        }
    }

    /// The label portals show.
    pub fn label(self) -> &'static str {
        match self {
            Reaction::Flowers => "鮮花",
            Reaction::Handshake => "握手",
            Reaction::Shocking => "雷人",
            Reaction::Passing => "路過",
            Reaction::Eggs => "雞蛋",
        }
    }

    /// Parses a stable name.
    pub fn from_name(name: &str) -> Option<Reaction> {
        Reaction::ALL.into_iter().find(|r| r.name() == name)
    }

    /// Maps a Discuz! X reaction icon file name (`xianhua.gif`) to its kind; positions differ per site, icons do not.
    pub fn from_icon(file_name: &str) -> Option<Reaction> {
        let stem = file_name.rsplit('/').next()?.split('.').next()?;
        match stem {
            "xianhua" => Some(Reaction::Flowers),
            "woshou" => Some(Reaction::Handshake),
            "leiren" => Some(Reaction::Shocking),
            "luguo" => Some(Reaction::Passing),
            "jidan" => Some(Reaction::Eggs),
            _ => None,
        }
    }
}

impl fmt::Display for Reaction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Counts of each reaction as a portal shows them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReactionCounts {
    pub flowers: u32,
    pub handshake: u32,
    pub shocking: u32,
    pub passing: u32,
    pub eggs: u32,
}

impl ReactionCounts {
    /// Sets the count of one kind.
    pub fn set(&mut self, kind: Reaction, count: u32) {
        match kind {
            Reaction::Flowers => self.flowers = count,
            Reaction::Handshake => self.handshake = count,
            Reaction::Shocking => self.shocking = count,
            Reaction::Passing => self.passing = count,
            Reaction::Eggs => self.eggs = count,
        }
    }
}

/// How a source gets its articles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// An RSS, Atom or JSON feed fetched over HTTP(S).
    Feed,
    /// Bundled with the program (the starter library); never fetched.
    Local,
    /// A followed category of a Discuz! X portal: articles come from its list pages.
    Portal,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Feed => "feed",
            SourceKind::Local => "local",
            SourceKind::Portal => "portal",
        }
    }
    pub fn parse(s: &str) -> SourceKind {
        match s {
            "local" => SourceKind::Local,
            "portal" => SourceKind::Portal,
            _ => SourceKind::Feed,
        }
    }
}

/// The portal-only facts of an article, as its Discuz! X page shows them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PortalInfo {
    pub aid: Option<i64>,
    pub site_name: Option<String>,
    /// The portal section the categories sit under (門戶).
    pub section: Option<String>,
    pub publisher: Option<String>,
    pub original_author: Option<String>,
    pub source_name: Option<String>,
    pub source_link: Option<String>,
    /// Category names, top level first.
    pub category_path: Vec<String>,
    pub views: Option<i64>,
    pub comment_count: Option<i64>,
    pub reactions: ReactionCounts,
    pub pages: u32,
    /// The comments the page and the comment pages showed, newest first.
    #[serde(default)]
    pub comments: Vec<PortalComment>,
    /// Articles the page lists as related.
    #[serde(default)]
    pub related: Vec<RelatedArticle>,
    /// The original URLs of the article's pictures, in page order.
    #[serde(default)]
    pub images: Vec<String>,
    /// Each reaction's link on this article (it carries the site's per-article hash), for sending one.
    #[serde(default, skip_serializing)]
    pub reaction_links: std::collections::BTreeMap<String, String>,
    /// How sending the reader's reaction to the portal went.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reaction_status: Option<ReactionStatus>,
}

/// Where the reader's reaction is on its way to the portal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReactionStatus {
    pub reaction: Reaction,
    /// waiting (in the outbox), done, already (the member had reacted), refused.
    pub state: String,
    /// What the portal said, or why it is still waiting.
    pub message: Option<String>,
    /// RFC 3339.
    pub at: String,
}

/// A comment on a portal article.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalComment {
    pub author: String,
    /// RFC 3339 in the site's zone, when shown.
    pub time: Option<String>,
    pub text: String,
}

/// An article a portal page lists as related.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelatedArticle {
    pub title: String,
    pub url: String,
}

/// A file attached to an article (podcast audio, a picture, a document).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enclosure {
    pub url: String,
    /// The MIME type the feed declared, if any.
    pub mime: Option<String>,
    /// The size in bytes the feed declared, if any.
    pub length: Option<u64>,
}

/// One article as a parser yields it, before sanitizing and storing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParsedItem {
    /// The feed's own identifier, when it gave one.
    pub guid: Option<String>,
    pub link: Option<String>,
    pub title: String,
    pub author: Option<String>,
    /// RFC 3339 with the offset the source used.
    pub published: Option<String>,
    pub updated: Option<String>,
    pub summary: Option<String>,
    /// Untrusted HTML, as the source sent it.
    pub html: String,
    pub categories: Vec<String>,
    pub enclosures: Vec<Enclosure>,
    /// Where the article's comments are (RSS `<comments>`, `wfw:commentRss`, Atom `rel="replies"`).
    pub comments: Option<String>,
    /// A picture the feed gives for the article (Media RSS thumbnail), shown when its body has none.
    pub thumbnail: Option<String>,
    pub portal: Option<PortalInfo>,
}

/// A whole feed or page as a parser yields it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParsedFeed {
    pub title: Option<String>,
    pub site_url: Option<String>,
    /// How often the feed asks to be fetched, in seconds (`<ttl>`, `sy:updatePeriod`/`sy:updateFrequency`).
    pub interval: Option<u32>,
    pub items: Vec<ParsedItem>,
}

/// A sanitized article ready for the store.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CleanItem {
    pub guid: Option<String>,
    pub link: Option<String>,
    pub title: String,
    pub author: Option<String>,
    pub published: Option<String>,
    pub updated: Option<String>,
    pub summary: Option<String>,
    /// Sanitized HTML, safe to render.
    pub html: String,
    /// Plain text of `html`.
    pub text: String,
    pub categories: Vec<String>,
    pub enclosures: Vec<Enclosure>,
    pub comments: Option<String>,
    pub thumbnail: Option<String>,
    pub portal: Option<PortalInfo>,
}
