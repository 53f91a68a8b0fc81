//! Recognising a Discuz! X portal behind a URL the user pasted (home, category list, article or category feed)
//! and finding its categories as a tree: from the navigation, breadcrumbs and each category list's
//! sub-category line. List pages only are read here: they cost the portal no article views.

use super::portal::fetch_page;
use crate::error::Result;
use crate::fetch::Fetcher;
use crate::parse::portal::{
    self, CategoryLink, PageKind, breadcrumb_catids, category_links, category_list_url, catid_from_url, page_kind,
    parse_list_page,
};
use serde::Serialize;
use std::collections::HashSet;
use url::Url;

/// List pages read at most while finding a portal's categories.
const MAX_LIST_PAGES: usize = 40;

/// One category of a portal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PortalCategoryInfo {
    pub catid: i64,
    pub name: String,
    /// Its first list page.
    pub list_url: String,
    /// The category it is a sub-category of.
    pub parent: Option<i64>,
    /// 0 for a top category, 1 for its sub-categories, and so on.
    pub depth: usize,
}

/// A Discuz! X portal and its categories, in tree order (each category followed by its sub-categories).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PortalSite {
    /// The folder holding `portal.php`.
    pub site_url: String,
    /// The portal's name, as its home link says.
    pub name: Option<String>,
    pub categories: Vec<PortalCategoryInfo>,
    /// The category the pasted URL itself is (a list page or a category feed), to subscribe to directly.
    pub direct: Option<i64>,
}

impl PortalSite {
    pub fn category(&self, catid: i64) -> Option<&PortalCategoryInfo> {
        self.categories.iter().find(|c| c.catid == catid)
    }
}

/// Whether a URL is a portal's category feed (`portal.php?mod=rss&catid=N`).
pub fn category_feed_catid(url: &Url) -> Option<i64> {
    let is_rss = url.path().ends_with("portal.php") && url.query_pairs().any(|(k, v)| k == "mod" && v == "rss");
    if is_rss { catid_from_url(url) } else { None }
}

/// The site URL a page gives in `<base href>` (Discuz! puts the site URL there), else the page's folder.
fn site_url_of(html: &str, page: &Url) -> Url {
    static BASE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r#"(?i)<base\s[^>]*href\s*=\s*["']([^"']+)["']"#).expect("static regex")
    });
    BASE.captures(html)
        .and_then(|c| page.join(c.get(1)?.as_str()).ok())
        .map(|u| portal::site_of(&u))
        .unwrap_or_else(|| portal::site_of(page))
}

/// Recognises a Discuz! X portal page (`html`, fetched from `page`) and finds its categories; None when the page
/// is not Discuz! X.
pub async fn discover(fetcher: &Fetcher, html: &str, page: &Url, encoding: Option<&str>) -> Result<Option<PortalSite>> {
    let kind = page_kind(html);
    if kind == PageKind::NotDiscuz {
        return Ok(None);
    }
    let site = site_url_of(html, page);
    let mut queue: Vec<(CategoryLink, Option<i64>)> = Vec::new();
    let mut direct = None;
    if kind == PageKind::List {
        let list = parse_list_page(html, page, portal::china_standard_time());
        direct = list.catid;
        if let (Some(catid), Some(name)) = (list.catid, list.name.clone()) {
            queue.push((CategoryLink { name, url: page.clone(), catid: Some(catid) }, None));
        }
    }
    // Breadcrumbs name a category's parents in order; the navigation names the top categories.
    let crumbs = breadcrumb_catids(html, page);
    for link in category_links(html, page) {
        let at = link.catid.and_then(|c| crumbs.iter().position(|x| *x == c));
        let parent = at.and_then(|i| i.checked_sub(1)).map(|i| crumbs[i]);
        queue.push((link, parent));
    }
    let name = portal::site_name(html);
    let categories = walk(fetcher, &site, queue, encoding).await;
    Ok(Some(PortalSite { site_url: site.to_string(), name, categories, direct }))
}

/// A portal from its category feed's URL: the feed's category is the one to subscribe to.
pub async fn from_category_feed(fetcher: &Fetcher, feed: &Url, encoding: Option<&str>) -> Result<Option<PortalSite>> {
    let Some(catid) = category_feed_catid(feed) else { return Ok(None) };
    let list = category_list_url(&portal::site_of(feed), catid);
    let (html, at) = fetch_page(fetcher, &list, encoding).await?;
    let Some(mut site) = discover(fetcher, &html, &at, encoding).await? else { return Ok(None) };
    site.direct = Some(catid);
    Ok(Some(site))
}

/// Reads each candidate's list page (to learn its catid, name and sub-categories) and puts the categories in
/// tree order.
async fn walk(
    fetcher: &Fetcher,
    site: &Url,
    mut queue: Vec<(CategoryLink, Option<i64>)>,
    encoding: Option<&str>,
) -> Vec<PortalCategoryInfo> {
    let mut found: Vec<PortalCategoryInfo> = Vec::new();
    let mut visited: HashSet<String> = HashSet::new();
    let mut reads = 0;
    while !queue.is_empty() && reads < MAX_LIST_PAGES {
        let mut wave: Vec<(CategoryLink, Option<i64>)> = Vec::new();
        for (link, parent) in std::mem::take(&mut queue) {
            if visited.insert(link.catid.map(|c| format!("cat:{c}")).unwrap_or(link.url.to_string())) {
                wave.push((link, parent));
            } else if let Some(parent) = parent {
                // Met again under a parent (a list's sub-category line, breadcrumbs): now it has one.
                adopt(&mut found, &mut wave, &link, parent);
            }
        }
        wave.truncate(MAX_LIST_PAGES - reads);
        reads += wave.len();
        let pages = futures::future::join_all(wave.into_iter().map(|(link, parent)| async move {
            let url = link.catid.map(|c| category_list_url(site, c)).unwrap_or_else(|| link.url.clone());
            let page = fetch_page(fetcher, &url, encoding).await.ok();
            (link, parent, page)
        }))
        .await;
        for (link, parent, page) in pages {
            let Some((html, at)) = page else { continue };
            if page_kind(&html) != PageKind::List {
                continue;
            }
            let list = parse_list_page(&html, &at, portal::china_standard_time());
            let Some(catid) = list.catid.or(link.catid) else { continue };
            let name = if link.name.is_empty() { list.name.clone().unwrap_or_default() } else { link.name.clone() };
            match found.iter_mut().find(|c| c.catid == catid) {
                Some(known) => known.parent = known.parent.or(parent),
                None => found.push(PortalCategoryInfo { catid, name, list_url: at.to_string(), parent, depth: 0 }),
            }
            for sub in list.subcategories {
                queue.push((sub, Some(catid)));
            }
        }
    }
    in_tree_order(found)
}

/// Gives a category found (or about to be read) a parent it did not have.
fn adopt(found: &mut [PortalCategoryInfo], wave: &mut [(CategoryLink, Option<i64>)], link: &CategoryLink, parent: i64) {
    let same = |catid: i64, url: &str| link.catid == Some(catid) || link.url.as_str() == url;
    if let Some(known) = found.iter_mut().find(|c| same(c.catid, &c.list_url))
        && known.catid != parent
    {
        known.parent = known.parent.or(Some(parent));
    }
    if let Some((_, p)) =
        wave.iter_mut().find(|(l, _)| (link.catid.is_some() && l.catid == link.catid) || l.url == link.url)
    {
        *p = p.or(Some(parent));
    }
}

/// Each category followed by its sub-categories, depths set; categories whose parent is unknown are top ones.
fn in_tree_order(all: Vec<PortalCategoryInfo>) -> Vec<PortalCategoryInfo> {
    let ids: HashSet<i64> = all.iter().map(|c| c.catid).collect();
    let mut ordered = Vec::with_capacity(all.len());
    fn visit(
        parent: Option<i64>,
        depth: usize,
        all: &[PortalCategoryInfo],
        ids: &HashSet<i64>,
        out: &mut Vec<PortalCategoryInfo>,
    ) {
        for c in all.iter().filter(|c| c.parent.filter(|p| ids.contains(p) && *p != c.catid) == parent) {
            if out.iter().any(|o: &PortalCategoryInfo| o.catid == c.catid) || depth > 8 {
                continue;
            }
            out.push(PortalCategoryInfo { depth, parent, ..c.clone() });
            visit(Some(c.catid), depth + 1, all, ids, out);
        }
    }
    visit(None, 0, &all, &ids, &mut ordered);
    ordered
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cat(catid: i64, parent: Option<i64>) -> PortalCategoryInfo {
        PortalCategoryInfo { catid, name: format!("c{catid}"), list_url: String::new(), parent, depth: 0 }
    }

    #[test]
    fn categories_come_in_tree_order_with_depths() {
        let tree =
            in_tree_order(vec![cat(12, Some(3)), cat(3, None), cat(4, None), cat(13, Some(3)), cat(99, Some(77))]);
        let shape: Vec<_> = tree.iter().map(|c| (c.catid, c.depth)).collect();
        assert_eq!(shape, [(3, 0), (12, 1), (13, 1), (4, 0), (99, 0)], "an unknown parent makes a top category");
    }

    #[test]
    fn category_feeds_are_told_from_other_urls() {
        let u = |s: &str| Url::parse(s).unwrap();
        assert_eq!(category_feed_catid(&u("http://x.example/portal.php?mod=rss&catid=3")), Some(3));
        assert_eq!(category_feed_catid(&u("http://x.example/portal.php?mod=rss")), None);
        assert_eq!(category_feed_catid(&u("http://x.example/forum.php?mod=rss&fid=3")), None);
    }
}
