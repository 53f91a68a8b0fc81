//! Discuz! X portal pages: article pages (`portal.php?mod=view`), category lists (`mod=list`), comment pages
//! (`mod=comment`), the navigation that names categories, and the message and anti-scraping pages a portal answers
//! instead of an article.
//!
//! Sites change labels, reorder meta items and rewrite URLs, so fields are found by structure (ids, classes,
//! link shapes) and label text only breaks ties. See `../shared/notes/discuz-portal.md` for the page layouts.

mod article;
mod categories;
mod comments;
mod detect;
mod list;

pub use article::{ArticlePage, parse_article, parse_article_page};
pub use categories::{CategoryLink, breadcrumb_catids, category_links};
pub use comments::{CommentPage, parse_comment_page};
pub use detect::{PageKind, Refusal, page_kind, refusal_of};
pub use list::{ListEntry, ListPage, parse_list_page};

use chrono::FixedOffset;
use scraper::{ElementRef, Html, Selector};
use url::Url;

/// Portal pages show times in the site's zone, which is UTC+8 unless a page says otherwise.
pub fn china_standard_time() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("valid offset")
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("static selector")
}

/// An element's text with runs of white space made one space.
fn text_of(el: ElementRef<'_>) -> String {
    el.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

fn number(s: &str) -> Option<i64> {
    s.trim().replace(',', "").parse().ok()
}

/// The first `Y-n-j H:i` date in a text (list lines and comment headers also hold names), in RFC 3339.
fn find_date(text: &str, offset: FixedOffset) -> Option<String> {
    static DATE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\d{4}-\d{1,2}-\d{1,2}(?: \d{1,2}:\d{2}(?::\d{2})?)?").expect("static regex")
    });
    let found = DATE.find(text)?;
    crate::parse::date::parse_date(found.as_str(), offset).map(|d| crate::parse::date::to_rfc3339(&d))
}

/// The portal's name: the home link's title in the breadcrumbs (`a.nvhm`), else the last part of the page title.
pub fn site_name(html: &str) -> Option<String> {
    let doc = Html::parse_document(html);
    let home = doc.select(&sel("#pt a.nvhm, #pt .z a")).next();
    // The home link's text is the site's name; its title is often just 首頁 ("home").
    let from_home = home.and_then(|a| {
        let text = text_of(a);
        if text.is_empty() { a.value().attr("title").map(str::to_owned) } else { Some(text) }
    });
    let from_title = || {
        let title = doc.select(&sel("title")).next().map(text_of)?;
        let parts: Vec<&str> = title.split(" - ").map(str::trim).filter(|p| !p.is_empty()).collect();
        parts.iter().rev().find(|p| !p.contains("Powered by")).map(|p| p.to_string())
    };
    from_home.filter(|n| !n.trim().is_empty()).or_else(from_title).map(|n| crate::clean::strip_inline_pinyin(&n))
}

/// What relative links on a page resolve against: its `<base href>` (Discuz! sets the site URL there), else the
/// page's own URL.
fn base_of(doc: &Html, page: &Url) -> Url {
    doc.select(&sel("base[href]"))
        .next()
        .and_then(|b| b.value().attr("href"))
        .and_then(|h| page.join(h).ok())
        .unwrap_or_else(|| page.clone())
}

/// A query parameter of a URL.
fn query_param(url: &Url, name: &str) -> Option<String> {
    url.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned())
}

/// The article id a portal article URL carries, in any of its forms: `portal.php?mod=view&aid=N`,
/// `article-N-P.html`, or static `{folder}/{YYYYMM}/{aid padded to 8}.html` (page P > 1 appends P).
pub fn aid_from_url(url: &Url) -> Option<i64> {
    if query_param(url, "mod").as_deref() == Some("view") {
        return query_param(url, "aid").and_then(|v| number(&v));
    }
    let file = url.path_segments()?.next_back()?;
    if let Some(rest) = file.strip_prefix("article-").and_then(|r| r.strip_suffix(".html")) {
        return rest.split('-').next().and_then(number);
    }
    let mut segments: Vec<&str> = url.path_segments()?.collect();
    let file = segments.pop()?.strip_suffix(".html")?;
    let month = segments.pop()?;
    let is_month = month.len() == 6 && month.bytes().all(|b| b.is_ascii_digit());
    (is_month && file.len() >= 8 && file.bytes().all(|b| b.is_ascii_digit())).then(|| number(&file[..8])).flatten()
}

/// The category id a list or feed URL carries (`mod=list&catid=N`, `mod=rss&catid=N`).
pub fn catid_from_url(url: &Url) -> Option<i64> {
    query_param(url, "catid").and_then(|v| number(&v))
}

/// The portal's category feed, the cheap change signal for a category.
pub fn category_feed_url(site: &Url, catid: i64) -> Url {
    site.join(&format!("portal.php?mod=rss&catid={catid}")).expect("a relative URL joins")
}

/// The category's first list page in the dynamic form every Discuz! X answers (folder categories redirect it).
pub fn category_list_url(site: &Url, catid: i64) -> Url {
    site.join(&format!("portal.php?mod=list&catid={catid}")).expect("a relative URL joins")
}

/// The site URL a portal page or feed URL lives under: the folder holding `portal.php`.
pub fn site_of(url: &Url) -> Url {
    let mut site = url.clone();
    site.set_query(None);
    site.set_fragment(None);
    site.join("./").unwrap_or(site)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_ids_come_from_every_url_form() {
        let aid = |u: &str| aid_from_url(&Url::parse(u).unwrap());
        assert_eq!(aid("http://x.example/portal.php?mod=view&aid=7264&page=2"), Some(7264));
        assert_eq!(aid("http://x.example/article-7264-1.html"), Some(7264));
        assert_eq!(aid("http://x.example/news/202011/00007264.html"), Some(7264));
        assert_eq!(aid("http://x.example/news/202011/000072642.html"), Some(7264), "page 2 appends its number");
        assert_eq!(aid("http://x.example/portal.php?mod=list&catid=3"), None);
        assert_eq!(aid("http://x.example/news/index.html"), None);
    }

    #[test]
    fn category_urls_are_made_against_the_site() {
        let site = site_of(&Url::parse("http://x.example/bbs/portal.php?mod=rss&catid=3").unwrap());
        assert_eq!(site.as_str(), "http://x.example/bbs/");
        assert_eq!(category_list_url(&site, 3).as_str(), "http://x.example/bbs/portal.php?mod=list&catid=3");
        assert_eq!(catid_from_url(&category_feed_url(&site, 12)), Some(12));
    }
}
