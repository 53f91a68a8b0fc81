//! A category's list page (`portal.php?mod=list&catid=N`, a folder category's `/{folder}/`): its name, feed,
//! sub-categories, the articles on this page (newest first) and the next page.

use super::categories::{CategoryLink, link_of};
use super::{aid_from_url, base_of, catid_from_url, find_date, sel, text_of};
use chrono::FixedOffset;
use scraper::{ElementRef, Html};
use url::Url;

/// One article as a list page shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct ListEntry {
    pub url: Url,
    pub title: String,
    pub aid: Option<i64>,
    pub published: Option<String>,
    /// The (sub-)category the list says the article is in: its id when its link carries one, and its link.
    pub catid: Option<i64>,
    pub category_url: Option<Url>,
    pub summary: Option<String>,
    /// The lead picture the list shows beside the summary.
    pub thumbnail: Option<String>,
}

/// What a list page holds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ListPage {
    pub catid: Option<i64>,
    pub name: Option<String>,
    pub feed_url: Option<Url>,
    pub subcategories: Vec<CategoryLink>,
    pub entries: Vec<ListEntry>,
    pub next: Option<Url>,
}

/// Reads a list page fetched from `page`.
pub fn parse_list_page(html: &str, page: &Url, site_offset: FixedOffset) -> ListPage {
    let doc = Html::parse_document(html);
    let base = base_of(&doc, page);
    let resolve = |href: &str| base.join(href).ok();
    let feed_url = doc.select(&sel("a.rss[href], a[href*=\"mod=rss\"]")).find_map(|a| resolve(a.value().attr("href")?));
    let catid = feed_url.as_ref().and_then(catid_from_url).or_else(|| catid_from_url(page));
    // The header block: the category's name, and the line of sub-categories under it.
    let header = doc.select(&sel(".bm_h h1, .bm_h .xs2, .bm_h h2")).next();
    let name = header.map(text_of).filter(|n| !n.is_empty());
    let subcategories = header
        .and_then(|h| h.ancestors().filter_map(ElementRef::wrap).find(|e| e.value().has_class("bm", ci())))
        .map(|block| {
            // Only the line of sub-categories: a `.bm_c` holding the list's items (and their 分類 links, which
            // name deeper categories) is not it.
            block
                .select(&sel(".bm_c"))
                .filter(|c| c.select(&sel("dl")).next().is_none())
                .flat_map(|c| c.select(&sel("a[href]")).collect::<Vec<_>>())
                .filter_map(|a| link_of(a, &base))
                .filter(|link| link.catid != catid || link.catid.is_none())
                .filter(|link| !link.url.as_str().contains("mod=rss"))
                .collect()
        })
        .unwrap_or_default();

    let mut entries: Vec<ListEntry> = Vec::new();
    for dl in doc.select(&sel("dl")) {
        // Items of the list, not of the side column or a DIY block (熱門文章 and the like).
        if in_block(dl) {
            continue;
        }
        let Some(a) = dl.select(&sel("dt a[href]")).next() else { continue };
        let Some(url) = resolve(a.value().attr("href").unwrap_or_default()) else { continue };
        let aid = aid_from_url(&url);
        if aid.is_none() || entries.iter().any(|e| e.url == url) {
            continue;
        }
        let dds: Vec<ElementRef<'_>> = dl.select(&sel("dd")).collect();
        let last = dds.last().copied();
        let published = last
            .and_then(|dd| dd.select(&sel(".xg1")).next().map(text_of).or_else(|| Some(text_of(dd))))
            .and_then(|t| find_date(&t, site_offset));
        let category_url = last.and_then(|dd| {
            dd.select(&sel("a[href]"))
                .filter_map(|a| resolve(a.value().attr("href")?))
                .find(|u| catid_from_url(u).is_some() || (u.query().is_none() && u.path().ends_with('/')))
        });
        let catid = category_url.as_ref().and_then(catid_from_url);
        let summary = dds
            .iter()
            .take(dds.len().saturating_sub(1).max(1))
            .map(|dd| text_of(*dd))
            .find(|t| !t.is_empty() && find_date(t, site_offset).is_none());
        let thumbnail = dl
            .select(&sel("dd img"))
            .find_map(|img| {
                let e = img.value();
                ["zoomfile", "file", "data-src", "src"].iter().find_map(|n| e.attr(n)).and_then(&resolve)
            })
            .map(|u| u.to_string());
        entries.push(ListEntry { url, title: text_of(a), aid, published, catid, category_url, summary, thumbnail });
    }
    let next = doc
        .select(&sel(".pg a.nxt[href], .pgs a.nxt[href], a.nxt[href]"))
        .next()
        .and_then(|a| resolve(a.value().attr("href")?));
    ListPage { catid, name, feed_url, subcategories, entries, next }
}

/// Whether an element sits in the side column (`.sd`) or a DIY block (`#portal_block_N`, `.area` frames).
fn in_block(el: ElementRef<'_>) -> bool {
    el.ancestors().filter_map(ElementRef::wrap).any(|a| {
        let e = a.value();
        e.has_class("sd", ci()) || e.id().is_some_and(|id| id.starts_with("portal_block_") || id.starts_with("diy"))
    })
}

fn ci() -> scraper::CaseSensitivity {
    scraper::CaseSensitivity::AsciiCaseInsensitive
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::portal::china_standard_time;

    const LIST: &str = r#"<html><head><base href="http://x.example/"></head><body id="nv_portal" class="pg_list">
<div class="bm"><div class="bm_h cl"><a href="portal.php?mod=rss&amp;catid=3" class="rss y">訂閱</a><h1 class="xs2">城事資訊</h1></div>
<div class="bm_c"><p>下級分類: <a href="portal.php?mod=list&amp;catid=12">安源區政府</a> <a href="xiangdong/">湘東區</a></p></div></div>
<div class="bm"><div class="bm_c xld">
<dl class="bbda cl"><dt class="xs2"><a href="portal.php?mod=view&amp;aid=7264">萍鄉:創新賦能高質量發展</a></dt>
<dd class="xs2 cl">春華秋實,滿庭芬芳</dd>
<dd><span>分類: <a href="portal.php?mod=list&amp;catid=12">安源區政府</a></span><span class="xg1"> 2020-11-27 15:34</span></dd></dl>
<dl class="bbda cl"><dt class="xs2"><a href="article-7263-1.html">第二篇</a></dt>
<dd><span class="xg1">2020-11-26 9:05</span></dd></dl>
</div><div class="pgs cl"><div class="pg"><strong>1</strong><a href="portal.php?mod=list&amp;catid=3&amp;page=2">2</a><a href="portal.php?mod=list&amp;catid=3&amp;page=2" class="nxt">下一頁</a></div></div></div>
<div class="sd"><div id="portal_block_31" class="block move-span"><div class="module cl xld"><dl class="cl"><dt><a href="portal.php?mod=view&amp;aid=9001">熱門文章</a></dt></dl></div></div></div>
</body></html>"#;

    #[test]
    fn a_list_page_gives_its_category_articles_and_next_page() {
        let page = parse_list_page(
            LIST,
            &Url::parse("http://x.example/portal.php?mod=list&catid=3").unwrap(),
            china_standard_time(),
        );
        assert_eq!((page.catid, page.name.as_deref()), (Some(3), Some("城事資訊")));
        assert_eq!(page.feed_url.unwrap().as_str(), "http://x.example/portal.php?mod=rss&catid=3");
        let subs: Vec<_> = page.subcategories.iter().map(|s| (s.name.as_str(), s.catid)).collect();
        assert_eq!(subs, [("安源區政府", Some(12)), ("湘東區", None)]);
        assert_eq!(page.entries.len(), 2, "the side column's block is not the list");
        let first = &page.entries[0];
        assert_eq!((first.aid, first.catid, first.title.as_str()), (Some(7264), Some(12), "萍鄉:創新賦能高質量發展"));
        assert_eq!(first.published.as_deref(), Some("2020-11-27T15:34:00+08:00"));
        assert_eq!(first.summary.as_deref(), Some("春華秋實,滿庭芬芳"));
        assert_eq!(page.entries[1].aid, Some(7263));
        assert_eq!(page.entries[1].published.as_deref(), Some("2020-11-26T09:05:00+08:00"));
        assert_eq!(page.next.unwrap().as_str(), "http://x.example/portal.php?mod=list&catid=3&page=2");
    }
}
