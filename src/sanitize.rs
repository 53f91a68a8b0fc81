//! Sanitize stage: untrusted article HTML through an allow-list (ammonia) before it is stored, and the plain
//! text of stored HTML. Nothing rendered by the reader has passed anything but this.

use crate::model::{CleanItem, ParsedItem};
use ammonia::{Builder, UrlRelative, UrlRelativeEvaluate};
use scraper::{Html, Node};
use std::borrow::Cow;
use std::collections::HashSet;
use url::Url;

/// Tags kept beyond ammonia's conservative defaults: figures, captions and simple media wrappers.
const EXTRA_TAGS: [&str; 6] = ["figure", "figcaption", "picture", "source", "mark", "time"];

fn builder(base: Option<&Url>) -> Builder<'static> {
    let mut b = Builder::default();
    b.add_tags(EXTRA_TAGS)
        .rm_tags(["map", "area"])
        .add_tag_attributes("img", ["srcset", "sizes", "loading"])
        .add_tag_attributes("source", ["srcset", "type", "media"])
        .add_tag_attributes("time", ["datetime"])
        .add_tag_attributes("td", ["colspan", "rowspan"])
        .add_tag_attributes("th", ["colspan", "rowspan"])
        // No data: URLs at all: a scheme check on raw text is easy to fool ("da\tta:"), and pictures are
        // the only place they would be wanted.
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("noopener noreferrer nofollow"))
        .strip_comments(true);
    // ammonia checks neither the schemes nor the base of `srcset` candidates: both are done here.
    let srcset_base = base.cloned();
    b.attribute_filter(move |_element, attribute, value| match attribute {
        "srcset" => safe_srcset(value, srcset_base.as_ref()).map(Cow::Owned),
        _ => Some(value.into()),
    });
    match base {
        // A fragment-only link points inside the article (footnotes): resolved, it would leave it.
        Some(base) => b.url_relative(UrlRelative::Custom(Box::new(AgainstBase(base.clone())))),
        None => b.url_relative(UrlRelative::Deny),
    };
    b
}

/// Resolves relative URLs against a base, except fragment-only ones.
struct AgainstBase(Url);

impl<'a> UrlRelativeEvaluate<'a> for AgainstBase {
    fn evaluate<'url>(&self, url: &'url str) -> Option<Cow<'url, str>> {
        if url.starts_with('#') {
            Some(Cow::Borrowed(url))
        } else {
            self.0.join(url).ok().map(|u| Cow::Owned(u.into()))
        }
    }
}

/// Cleans untrusted HTML: no script, no styles, no event handlers, no `javascript:` or `file:` URLs;
/// relative URLs resolved against `base`.
pub fn sanitize_html(html: &str, base: Option<&Url>) -> String {
    Sanitizer::new(base).html(html)
}

/// A sanitizer for one document: the allow-list is built once and used for every item in it.
pub struct Sanitizer {
    builder: Builder<'static>,
    base: Option<Url>,
}

impl Sanitizer {
    pub fn new(base: Option<&Url>) -> Sanitizer {
        Sanitizer { builder: builder(base), base: base.cloned() }
    }

    /// Cleans untrusted HTML (see `sanitize_html`); lazy-loaded pictures get their real address first.
    pub fn html(&self, html: &str) -> String {
        if html.contains("<img") || html.contains("<IMG") {
            self.builder.clean(&crate::pictures::promote_lazy(html)).to_string()
        } else {
            self.builder.clean(html).to_string()
        }
    }

    /// Sanitizes one parsed item for storage.
    pub fn item(&self, item: ParsedItem) -> CleanItem {
        clean_item(self, item)
    }
}

/// A `srcset` list with each candidate's URL resolved against `base` (descriptors kept).
pub fn safe_srcset(value: &str, base: Option<&Url>) -> Option<String> {
    let kept: Vec<String> = value
        .split(',')
        .filter_map(|candidate| {
            let candidate = candidate.trim();
            let (url, descriptor) = candidate.split_once(char::is_whitespace).unwrap_or((candidate, ""));
            let url = match base {
                Some(base) => base.join(url).ok()?,
                None => Url::parse(url).ok()?,
            };
            if !matches!(url.scheme(), "http" | "https") {
                return None;
            }
            let descriptor = descriptor.trim();
            Some(if descriptor.is_empty() { url.to_string() } else { format!("{url} {descriptor}") })
        })
        .collect();
    (!kept.is_empty()).then(|| kept.join(", "))
}

/// Block-level elements after which text breaks a line.
const BLOCKS: [&str; 22] = [
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "tr",
    "table",
    "figure",
    "figcaption",
    "dt",
    "dd",
    "hr",
    "section",
];

/// The text a reader sees in `html`: paragraphs on their own lines, runs of spaces collapsed.
pub fn html_to_text(html: &str) -> String {
    let fragment = Html::parse_fragment(html);
    let mut out = String::new();
    for edge in fragment.root_element().traverse() {
        match edge {
            ego_tree_edge::Open(node) => match node.value() {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) if e.name() == "br" => out.push('\n'),
                _ => {}
            },
            ego_tree_edge::Close(node) => {
                if let Node::Element(e) = node.value()
                    && BLOCKS.contains(&e.name())
                {
                    out.push('\n');
                }
            }
        }
    }
    out.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

use ego_tree::iter::Edge as ego_tree_edge;

/// Sanitizes one parsed item for storage.
pub fn sanitize_item(item: ParsedItem, base: Option<&Url>) -> CleanItem {
    Sanitizer::new(base).item(item)
}

/// Text that may hold markup or entities, as plain text; the HTML parser only runs when it has to.
fn plain_text(s: &str) -> String {
    if s.contains(['<', '&']) { html_to_text(s) } else { s.split_whitespace().collect::<Vec<_>>().join(" ") }
}

fn clean_item(sanitizer: &Sanitizer, item: ParsedItem) -> CleanItem {
    let base = sanitizer.base.as_ref();
    let html = sanitizer.html(&item.html);
    let text = html_to_text(&html);
    let plain = |s: Option<String>| s.map(|s| plain_text(&s)).filter(|s| !s.is_empty());
    let link = item.link.and_then(|l| match base {
        Some(b) => b.join(&l).ok().map(|u| u.to_string()),
        None => Url::parse(&l).ok().map(|u| u.to_string()),
    });
    CleanItem {
        guid: item.guid,
        link: link.filter(|l| l.starts_with("http://") || l.starts_with("https://")),
        title: if item.title.trim().is_empty() { first_words(&text) } else { item.title.trim().to_owned() },
        author: plain(item.author),
        published: item.published,
        updated: item.updated,
        summary: plain(item.summary),
        html,
        text,
        categories: item.categories,
        enclosures: item
            .enclosures
            .into_iter()
            .filter_map(|mut e| {
                let url = base.map_or_else(|| Url::parse(&e.url), |b| b.join(&e.url)).ok()?;
                matches!(url.scheme(), "http" | "https").then(|| {
                    e.url = url.to_string();
                    e
                })
            })
            .collect(),
        comments: item
            .comments
            .and_then(|c| base.map_or_else(|| Url::parse(&c), |b| b.join(&c)).ok())
            .filter(|u| matches!(u.scheme(), "http" | "https"))
            .map(|u| u.to_string()),
        thumbnail: item
            .thumbnail
            .and_then(|t| base.map_or_else(|| Url::parse(&t), |b| b.join(&t)).ok())
            .filter(|u| matches!(u.scheme(), "http" | "https"))
            .map(|u| u.to_string()),
        portal: item.portal,
    }
}

/// A title for an untitled item: the start of its text.
fn first_words(text: &str) -> String {
    let line = text.lines().next().unwrap_or("").trim();
    match line.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_handlers_and_javascript_links_are_removed() {
        let base = Url::parse("http://city.example/news/").unwrap();
        let out = sanitize_html(
            r#"<p onclick="x()">Hi<script>alert(1)</script><a href="javascript:alert(1)">a</a><a href="file:///etc/passwd">f</a></p><iframe src="http://evil.example/"></iframe><style>p{}</style><img src="x.png" onerror="y()">"#,
            Some(&base),
        );
        for bad in ["script", "onclick", "javascript:", "file:", "iframe", "style", "onerror", "alert"] {
            assert!(!out.contains(bad), "{bad} survived in {out}");
        }
        assert!(out.contains(r#"src="http://city.example/news/x.png""#), "{out}");
    }

    #[test]
    fn data_urls_are_dropped_however_they_are_spelled() {
        let out = sanitize_html(
            "<img src=\"data:image/png;base64,AAAA\"><a href=\"data:text/html,<b>x</b>\">x</a>\
             <a href=\"da\tta:text/html,x\">y</a><a href=\"\u{1}data:text/html,x\">z</a>",
            None,
        );
        assert!(!out.contains("data:") && !out.contains("ta:text"), "{out}");
    }

    #[test]
    fn srcset_keeps_only_web_addresses_resolved_against_the_base() {
        let base = Url::parse("http://city.example/news/").unwrap();
        let out = sanitize_html(
            r#"<img src="a.png" srcset="javascript:alert(1) 1x, file:///etc/passwd 2x, b.png 3x"><picture><source srcset="file:///x"></picture>"#,
            Some(&base),
        );
        assert!(out.contains(r#"srcset="http://city.example/news/b.png 3x""#), "{out}");
        assert!(!out.contains("javascript") && !out.contains("file:"), "{out}");
    }

    #[test]
    fn footnote_links_stay_inside_the_article() {
        let base = Url::parse("http://blog.example/wp-atom.php").unwrap();
        let out = sanitize_html(r##"<a href="#fn1">1</a> <a href="post/">post</a>"##, Some(&base));
        assert!(out.contains(r##"href="#fn1""##), "{out}");
        assert!(out.contains(r#"href="http://blog.example/post/""#), "{out}");
    }

    #[test]
    fn srcset_candidates_resolve_against_the_page() {
        let base = Url::parse("http://blog.example/posts/").unwrap();
        let out = sanitize_html(r#"<img src="a.png" srcset="a.png 1x, /b.png 2x">"#, Some(&base));
        assert!(out.contains(r#"srcset="http://blog.example/posts/a.png 1x, http://blog.example/b.png 2x""#), "{out}");
    }

    #[test]
    fn text_keeps_paragraphs_apart() {
        assert_eq!(html_to_text("<p>One  two</p><p>three<br>four</p>"), "One two\nthree\nfour");
    }
}
