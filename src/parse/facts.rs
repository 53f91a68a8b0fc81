//! Facts about a feed's items that feed-rs does not keep, gathered while the document is normalised and
//! matched to feed-rs's entries by position.

use crate::model::Enclosure;

/// What feed-rs leaves out, per item in document order, and for the feed as a whole.
#[derive(Debug, Default)]
pub struct Facts {
    pub items: Vec<ItemFacts>,
    /// The channel's own authors (RSS `dc:creator`), for items that name none.
    pub feed_authors: Vec<String>,
}

#[derive(Debug, Default, Clone)]
pub struct ItemFacts {
    /// RSS 1.0 `rdf:about`: the item's identifier, and its link when it has no other.
    pub about: Option<String>,
    /// An RSS guid that is a permalink (`isPermaLink` not "false"): the link of an item without `<link>`.
    pub permalink: Option<String>,
    /// `dc:subject` values, read as categories.
    pub subjects: Vec<String>,
    /// `itunes:author` values.
    pub authors: Vec<String>,
    /// An Atom `type="xhtml"` body as written (feed-rs re-serialises it, losing the wrapper and its namespace).
    pub xhtml: Option<String>,
    /// JSON Feed attachments.
    pub enclosures: Vec<Enclosure>,
    /// The first Media RSS thumbnail (feed-rs keeps thumbnails only beside `media:content`).
    pub thumbnail: Option<String>,
}

impl Facts {
    /// The facts of the item at `index`, when they line up with the `count` entries feed-rs returned.
    pub fn item(&self, index: usize, count: usize) -> Option<&ItemFacts> {
        if self.items.len() == count { self.items.get(index) } else { None }
    }
}
