//! One feed-rs entry, with the facts feed-rs does not keep, into a parsed item: which body to show, the plain
//! text of titles, authors (the feed's when the item names none), links, enclosures and categories.

use super::facts::ItemFacts;
use super::feed::alternate_link;
use super::text::{escape_html, field_text, plain_text};
use crate::model::{Enclosure, ParsedItem};
use crate::sanitize::html_to_text;
use chrono::{DateTime, Utc};
use feed_rs::model::{Content, Entry, Link, LinkTarget, Person, Text};

/// The family a document belongs to, which decides how its text fields are read.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Kind {
    /// RSS titles and categories carry HTML as often as not, with nothing to say so.
    Rss,
    /// Atom says per field whether it is text, HTML or XHTML.
    Atom,
    /// JSON Feed titles are plain text.
    Json,
}

/// What every item of one feed shares.
pub struct Context<'a> {
    pub kind: Kind,
    pub date: &'a dyn Fn(Option<DateTime<Utc>>) -> Option<String>,
    /// Who wrote the feed, for items that do not say (Atom and JSON Feed define it so).
    pub feed_authors: &'a [String],
}

pub fn item(entry: Entry, facts: Option<&ItemFacts>, cx: &Context) -> ParsedItem {
    let body = facts.and_then(|f| f.xhtml.clone()).or_else(|| entry.content.as_ref().and_then(content_html));
    let summary_html = entry.summary.as_ref().map(text_as_html).filter(|s| !s.trim().is_empty());
    let html = body.clone().or_else(|| summary_html.clone()).unwrap_or_default();
    // A summary that only repeats the content adds nothing.
    let summary = summary_html.filter(|_| body.is_some()).map(|s| html_to_text(&s)).filter(|s| !s.is_empty());
    let mut authors = person_names(&entry.authors);
    for name in facts.map(|f| f.authors.as_slice()).unwrap_or_default() {
        push_new(&mut authors, name.trim());
    }
    if authors.is_empty() {
        authors = cx.feed_authors.to_vec();
    }
    let about = facts.and_then(|f| f.about.clone()).filter(|a| !a.trim().is_empty());
    // A link of last resort: a permalink guid, or RDF's about, when it is a web address.
    let fallback = facts
        .and_then(|f| f.permalink.clone())
        .or_else(|| about.clone())
        .filter(|u| url::Url::parse(u.trim()).is_ok_and(|u| matches!(u.scheme(), "http" | "https")));
    ParsedItem {
        guid: Some(entry.id.trim().to_owned()).filter(|id| !id.is_empty()).or_else(|| about.clone()),
        link: alternate_link(&entry.links).or_else(|| fallback.map(|u| u.trim().to_owned())),
        title: entry.title.as_ref().map(|t| plain(t, cx.kind)).unwrap_or_default(),
        author: (!authors.is_empty()).then(|| authors.join(", ")),
        published: (cx.date)(entry.published.or(entry.updated)),
        updated: (cx.date)(entry.updated),
        summary,
        html,
        categories: categories(&entry, facts, cx.kind),
        enclosures: enclosures(&entry, facts),
        thumbnail: entry
            .media
            .iter()
            .flat_map(|m| &m.thumbnails)
            .map(|t| t.image.uri.trim().to_owned())
            .find(|u| !u.is_empty())
            .or_else(|| facts.and_then(|f| f.thumbnail.clone())),
        comments: entry
            .links
            .iter()
            .find(|l| is_comments(l))
            .map(|l| l.href.trim().to_owned())
            .filter(|h| !h.is_empty()),
        portal: None,
    }
}

/// The names of people, without repeats; an address stands in for a missing name.
pub fn person_names(people: &[Person]) -> Vec<String> {
    let mut names = Vec::new();
    for p in people {
        if let Some(name) = p.name.as_deref().or(p.email.as_deref()) {
            push_new(&mut names, name.trim());
        }
    }
    names
}

fn push_new(list: &mut Vec<String>, value: &str) {
    if !value.is_empty() && !list.iter().any(|v| v.eq_ignore_ascii_case(value)) {
        list.push(value.to_owned());
    }
}

pub fn is_comments(link: &Link) -> bool {
    matches!(link.target, Some(LinkTarget::Comments)) || link.rel.as_deref() == Some("replies")
}

/// An entry's content as HTML: markup as sent, text escaped; media sent inline (base64 pictures, sound) is no
/// body to read, so the summary is shown instead.
fn content_html(content: &Content) -> Option<String> {
    let body = content.body.as_deref().filter(|b| !b.trim().is_empty())?;
    let (ty, subtype) = (content.content_type.ty().as_str(), content.content_type.subty().as_str());
    let suffix = content.content_type.suffix().map(|s| s.as_str().to_owned()).unwrap_or_default();
    match (ty, subtype) {
        (_, "html" | "xhtml") => Some(body.to_owned()),
        ("text", _) => Some(paragraph(body)),
        (_, "xml" | "json" | "javascript") => Some(paragraph(body)),
        _ if suffix == "xml" || suffix == "json" => Some(paragraph(body)),
        _ => None,
    }
}

fn paragraph(text: &str) -> String {
    format!("<p>{}</p>", escape_html(text))
}

/// A text field as HTML (plain text escaped).
fn text_as_html(t: &Text) -> String {
    if is_markup(t) { t.content.clone() } else { paragraph(&t.content) }
}

fn is_markup(t: &Text) -> bool {
    matches!(t.content_type.subty().as_str(), "html" | "xhtml")
}

/// A title as the reader shows it.
pub fn plain(t: &Text, kind: Kind) -> String {
    match kind {
        Kind::Rss => field_text(&t.content),
        Kind::Atom if is_markup(t) => field_text(&t.content),
        _ => plain_text(&t.content),
    }
}

fn categories(entry: &Entry, facts: Option<&ItemFacts>, kind: Kind) -> Vec<String> {
    let mut found = Vec::new();
    let labels = entry.categories.iter().map(|c| c.label.clone().unwrap_or_else(|| c.term.clone()));
    let subjects = facts.map(|f| f.subjects.clone()).unwrap_or_default();
    for label in labels.chain(subjects) {
        let label = if kind == Kind::Rss { field_text(&label) } else { label.trim().to_owned() };
        push_new(&mut found, &label);
    }
    found
}

/// Enclosures from RSS `<enclosure>` (feed-rs files them as media content), Media RSS, Atom `rel="enclosure"`
/// links and JSON Feed attachments, without duplicates. A length of 0 means "unknown".
fn enclosures(entry: &Entry, facts: Option<&ItemFacts>) -> Vec<Enclosure> {
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
    let attached = facts.map(|f| f.enclosures.clone()).unwrap_or_default();
    let mut found: Vec<Enclosure> = Vec::new();
    for mut e in media.chain(links).chain(attached) {
        e.length = e.length.filter(|l| *l > 0);
        if !e.url.is_empty() && !found.iter().any(|f| f.url == e.url) {
            found.push(e);
        }
    }
    found
}

#[cfg(test)]
mod thumbnail_tests {
    #[test]
    fn a_lone_media_thumbnail_is_kept() {
        let xml = r#"<?xml version="1.0"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>M</title>
            <item><title>t</title><guid>t1</guid><description>x</description><media:thumbnail url="http://a.example/t.png"/></item>
            </channel></rss>"#;
        let feed = crate::parse::parse_feed(xml, &url::Url::parse("http://a.example/f").unwrap()).unwrap();
        assert_eq!(feed.items[0].thumbnail.as_deref(), Some("http://a.example/t.png"));
    }
}
