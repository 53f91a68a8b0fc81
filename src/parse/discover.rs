//! Feed discovery in a web page: the `<link rel="alternate">` feeds it announces, and a Discuz! portal's
//! visible RSS link (`a.rss`), resolved against the page's `<base href>`.

use scraper::{Html, Selector};
use serde::Serialize;
use url::Url;

/// A feed a page points to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FeedLink {
    pub url: String,
    pub title: Option<String>,
}

const FEED_TYPES: [&str; 5] =
    ["application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml", "application/json"];

/// The feeds `html` (fetched from `page`) points to, in page order, without duplicates.
pub fn discover_feeds(html: &str, page: &Url) -> Vec<FeedLink> {
    let doc = Html::parse_document(html);
    let base = Selector::parse("base[href]")
        .ok()
        .and_then(|s| doc.select(&s).next().and_then(|b| b.value().attr("href")).and_then(|h| page.join(h).ok()));
    let base = base.as_ref().unwrap_or(page);
    let mut found: Vec<FeedLink> = Vec::new();
    let mut push = |href: &str, title: Option<&str>| {
        if let Ok(url) = base.join(href.trim()) {
            let url = url.to_string();
            if !found.iter().any(|f| f.url == url) {
                let title = title.map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned);
                found.push(FeedLink { url, title });
            }
        }
    };
    let links = Selector::parse("link[href]").expect("static selector");
    for link in doc.select(&links) {
        let el = link.value();
        let rel = el.attr("rel").unwrap_or("").to_ascii_lowercase();
        let kind = el.attr("type").unwrap_or("").to_ascii_lowercase();
        let kind = kind.split(';').next().unwrap_or("").trim();
        if rel.split_whitespace().any(|r| r == "alternate") && FEED_TYPES.contains(&kind) {
            push(el.attr("href").unwrap_or(""), el.attr("title"));
        }
    }
    let portal_rss = Selector::parse("a.rss[href]").expect("static selector");
    for a in doc.select(&portal_rss) {
        let href = a.value().attr("href").unwrap_or("");
        if href.contains("mod=rss") {
            let text: String = a.text().collect();
            push(href, Some(&text));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternate_links_resolve_against_the_base() {
        let page = Url::parse("http://a.example/dir/page.html").unwrap();
        let html = r#"<html><head><base href="http://b.example/site/">
            <link rel="alternate" type="application/rss+xml" title=" News " href="rss.xml">
            <link rel="alternate" type="text/html" href="other.html">
            <link rel="stylesheet" type="application/rss+xml" href="not-a-feed.xml">
            <link rel="alternate" type="application/atom+xml" href="/atom.xml"></head></html>"#;
        let feeds = discover_feeds(html, &page);
        assert_eq!(
            feeds,
            vec![
                FeedLink { url: "http://b.example/site/rss.xml".into(), title: Some("News".into()) },
                FeedLink { url: "http://b.example/atom.xml".into(), title: None },
            ]
        );
    }

    #[test]
    fn a_portal_list_page_offers_its_visible_rss_link() {
        let page = Url::parse("http://portal.example/portal.php?mod=list&catid=3").unwrap();
        let html = r#"<div class="bm_h"><a href="portal.php?mod=rss&amp;catid=3" class="rss">訂閱</a><h1 class="xs2">城事</h1></div>"#;
        let feeds = discover_feeds(html, &page);
        assert_eq!(feeds.len(), 1);
        assert_eq!(feeds[0].url, "http://portal.example/portal.php?mod=rss&catid=3");
    }
}
