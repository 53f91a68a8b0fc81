//! Addresses in the extracted content: every link and picture made absolute against the page's base (its
//! `<base href>` when it has one, else its own URL), so the article still works away from its page.

use dom_query::{Document, NodeRef};
use url::Url;

/// The URL relative addresses in the page are read against: `<base href>` (itself relative to the page) or
/// the page's own URL.
pub(super) fn base_url(doc: &Document, page_url: &Url) -> Url {
    doc.select("head base[href], base[href]")
        .nodes()
        .first()
        .and_then(|base| base.attr("href"))
        .and_then(|href| page_url.join(href.trim()).ok())
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .unwrap_or_else(|| page_url.clone())
}

/// `value` read against `base`; a fragment-only link is kept as it is, since it points inside the article.
fn absolute(value: &str, base: &Url) -> Option<String> {
    let v = value.trim();
    if v.starts_with('#') {
        return None;
    }
    base.join(v).ok().map(String::from).filter(|joined| joined != v)
}

fn absolute_srcset(value: &str, base: &Url) -> String {
    value
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|candidate| {
            let (url, descriptor) = candidate.split_once(char::is_whitespace).unwrap_or((candidate, ""));
            let url = base.join(url).map(String::from).unwrap_or_else(|_| url.to_owned());
            if descriptor.trim().is_empty() { url } else { format!("{url} {}", descriptor.trim()) }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Makes `href`, `src`, `poster` and `srcset` absolute in `root` and everything under it.
pub(super) fn resolve_all(root: &NodeRef<'_>, base: &Url) {
    let all: Vec<NodeRef<'_>> = std::iter::once(*root).chain(root.descendants()).filter(NodeRef::is_element).collect();
    for node in all {
        for name in ["href", "src", "poster"] {
            if let Some(joined) = node.attr(name).and_then(|v| absolute(&v, base)) {
                node.set_attr(name, &joined);
            }
        }
        if let Some(srcset) = node.attr("srcset") {
            node.set_attr("srcset", &absolute_srcset(&srcset, base));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> Url {
        Url::parse("http://news.example/2017/03/10/t20170310_1.htm").unwrap()
    }

    #[test]
    fn relative_links_and_pictures_resolve_against_the_page() {
        let doc = Document::from(
            r##"<div id="a"><a href="../../list.htm">list</a><a href="#note1">1</a><img src="W0201.jpg" srcset="a.jpg 1x, /b.jpg 2x"></div>"##,
        );
        let root = doc.select("#a").nodes()[0];
        resolve_all(&root, &base_url(&doc, &page()));
        let out = doc.select("#a").inner_html().to_string();
        assert!(out.contains(r#"href="http://news.example/2017/list.htm""#), "{out}");
        assert!(out.contains(r##"href="#note1""##), "{out}");
        assert!(out.contains(r#"src="http://news.example/2017/03/10/W0201.jpg""#), "{out}");
        assert!(out.contains(r#"srcset="http://news.example/2017/03/10/a.jpg 1x, http://news.example/b.jpg 2x""#));
    }

    #[test]
    fn a_base_element_wins_over_the_page_address() {
        let doc = Document::from(r#"<html><head><base href="/static/"></head><body><img src="p.png"></body></html>"#);
        assert_eq!(base_url(&doc, &page()).as_str(), "http://news.example/static/");
    }
}
