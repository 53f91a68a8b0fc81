//! The names the feed dialects use: namespaces (and the spellings feed-rs does not recognise), Atom 0.3's
//! element names, and the `type` values of Atom text fields.

use super::xml_edit::{attribute, prefixed, rebuild};
use quick_xml::events::BytesStart;
use quick_xml::name::{Namespace, ResolveResult};

pub const ATOM10: &str = "http://www.w3.org/2005/Atom";
pub const ATOM03: &str = "http://purl.org/atom/ns#";
pub const RSS10: &str = "http://purl.org/rss/1.0/";
pub const RSS090: &str = "http://my.netscape.com/rdf/simple/0.9/";
const DC: &str = "http://purl.org/dc/elements/1.1/";
const CONTENT: &str = "http://purl.org/rss/1.0/modules/content/";
const ITUNES: &str = "http://www.itunes.com/dtds/podcast-1.0.dtd";
const MEDIA: &str = "http://search.yahoo.com/mrss/";
/// The namespaces feed-rs knows, which it matches only when spelled exactly so.
const KNOWN: [&str; 8] = [
    ATOM10,
    RSS10,
    DC,
    CONTENT,
    ITUNES,
    MEDIA,
    "https://podcastindex.org/namespace/1.0",
    "http://wellformedweb.org/CommentAPI/",
];

/// The namespaces the normaliser tells apart.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Ns {
    /// No namespace: RSS 2.0's elements, or whatever the root's dialect implies.
    None,
    Atom,
    Atom03,
    Rss,
    Dc,
    Content,
    Itunes,
    Media,
    Other,
}

pub fn ns_of(resolved: &ResolveResult) -> Ns {
    match resolved {
        ResolveResult::Bound(Namespace(uri)) if uri.trim() == ATOM03 => Ns::Atom03,
        ResolveResult::Bound(Namespace(uri)) => match canonical_namespace(uri).unwrap_or(uri.trim()) {
            ATOM10 => Ns::Atom,
            RSS10 | RSS090 => Ns::Rss,
            DC => Ns::Dc,
            CONTENT => Ns::Content,
            ITUNES => Ns::Itunes,
            MEDIA => Ns::Media,
            _ => Ns::Other,
        },
        ResolveResult::Unbound => Ns::None,
        ResolveResult::Unknown(_) => Ns::Other,
    }
}

/// The spelling feed-rs recognises for a namespace written with other case, stray spaces or no trailing
/// slash, or the successor of Atom 0.3 and RSS 0.90 (whose elements are read as their successors').
pub fn canonical_namespace(uri: &str) -> Option<&'static str> {
    let trimmed = uri.trim();
    match trimmed {
        ATOM03 => return Some(ATOM10),
        RSS090 => return Some(RSS10),
        _ => {}
    }
    let loose = |u: &str| u.trim_end_matches('/').to_ascii_lowercase();
    KNOWN.iter().copied().find(|k| *k != trimmed && loose(k) == loose(trimmed))
}

/// What a collected element is.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Target {
    /// An RSS guid the feed has not said is no permalink.
    Permalink,
    Subject,
    ItemAuthor,
    FeedAuthor,
}

/// Atom 0.3's names for elements Atom 1.0 renamed.
fn renamed(atom03: bool, local: &str) -> &str {
    match (atom03, local) {
        (true, "issued") => "published",
        (true, "modified") => "updated",
        (true, "tagline") => "subtitle",
        (true, "copyright") => "rights",
        _ => local,
    }
}

/// The Atom 1.0 `type` of a text field (`text`, `html`, `xhtml`; a media type for `content`), from its
/// `type` and Atom 0.3 `mode`; `None` for elements that are not text fields. Content that points elsewhere
/// (`src`) keeps its media type. A type that is no media type at all is read as text rather than let one
/// broken entry make feed-rs refuse the whole feed.
fn atom_type(local: &str, kind: Option<&str>, mode: Option<&str>, atom03: bool, src: bool) -> Option<String> {
    const FIELDS: [&str; 8] = ["title", "subtitle", "rights", "summary", "content", "tagline", "copyright", "info"];
    if !FIELDS.contains(&local) {
        return None;
    }
    let kind = kind
        .map(|k| k.trim().to_ascii_lowercase())
        .unwrap_or_else(|| (if atom03 { "text/plain" } else { "text" }).into());
    if src {
        return Some(if is_media_type(&kind) { kind } else { "text/html".into() });
    }
    let mode = mode.map(|m| m.trim().to_ascii_lowercase());
    // Atom 0.3 puts markup inline (mode "xml", the default) or escaped; Atom 1.0 says which by the type alone.
    let inline = atom03 && mode.as_deref().is_none_or(|m| m == "xml");
    Some(match kind.as_str() {
        "text" | "text/plain" => "text".into(),
        "html" | "text/html" if inline => "xhtml".into(),
        "html" | "text/html" => "html".into(),
        "xhtml" | "application/xhtml+xml" if atom03 && !inline => "html".into(),
        "xhtml" | "application/xhtml+xml" => "xhtml".into(),
        other if local == "content" && is_media_type(other) => other.to_owned(),
        other if other.contains("html") => "html".into(),
        _ => "text".into(),
    })
}

/// An Atom element as Atom 1.0 names it.
pub struct AtomElement {
    /// The rewritten tag, when it changed.
    pub element: Option<BytesStart<'static>>,
    /// The text field's type, when it is one.
    pub kind: Option<String>,
    /// The new end tag, when the element was renamed.
    pub closing: Option<String>,
}

/// An Atom (0.3 or 1.0) element renamed and retyped as Atom 1.0 has it.
pub fn atom_element(start: &BytesStart, name: &str, local: &str, atom03: bool) -> AtomElement {
    let new_name = prefixed(name, renamed(atom03, local));
    let (kind, mode) = (attribute(start, "type"), attribute(start, "mode"));
    let kind = atom_type(local, kind.as_deref(), mode.as_deref(), atom03, attribute(start, "src").is_some());
    let element = match &kind {
        Some(kind) => {
            let drop_type = |key: &str, _: &str| matches!(key, "type" | "mode").then_some(None);
            Some(rebuild(start, &new_name, drop_type, &[("type", kind)]))
        }
        None if new_name != name => Some(rebuild(start, &new_name, |_, _| None, &[])),
        None => None,
    };
    let closing = (new_name != name).then_some(new_name);
    AtomElement { element, kind, closing }
}

/// `type/subtype`, each a token.
fn is_media_type(s: &str) -> bool {
    let token = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_alphanumeric() || "!#$&^_.+-".contains(c));
    s.split_once('/').is_some_and(|(ty, sub)| token(ty) && token(sub.split(';').next().unwrap_or("").trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespaces_feed_rs_would_miss_are_spelled_its_way() {
        assert_eq!(canonical_namespace(" http://www.itunes.com/DTDs/PodCast-1.0.dtd"), Some(ITUNES));
        assert_eq!(canonical_namespace("http://search.yahoo.com/mrss"), Some("http://search.yahoo.com/mrss/"));
        assert_eq!(canonical_namespace(ATOM03), Some(ATOM10));
        assert_eq!(canonical_namespace(ATOM10), None);
        assert_eq!(canonical_namespace("http://example.org/ns"), None);
    }

    #[test]
    fn atom_03_types_and_modes_become_atom_10_types() {
        assert_eq!(atom_type("content", Some("text/html"), Some("escaped"), true, false).as_deref(), Some("html"));
        assert_eq!(atom_type("content", Some("application/xhtml+xml"), None, true, false).as_deref(), Some("xhtml"));
        assert_eq!(atom_type("title", None, None, true, false).as_deref(), Some("text"));
        assert_eq!(atom_type("summary", Some("text/html"), None, false, false).as_deref(), Some("html"));
        assert_eq!(atom_type("content", Some("video/mp4"), None, false, false).as_deref(), Some("video/mp4"));
        assert_eq!(atom_type("entry", None, None, false, false), None);
    }

    #[test]
    fn content_elsewhere_keeps_its_media_type_and_a_nonsense_type_reads_as_text() {
        assert_eq!(atom_type("content", Some("text/plain"), None, false, true).as_deref(), Some("text/plain"));
        assert_eq!(atom_type("content", Some("entry[0]^type"), Some("xml"), true, false).as_deref(), Some("text"));
    }
}
