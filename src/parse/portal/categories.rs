//! Categories a portal page names: in the navigation, the breadcrumbs and list pages' sub-category lines. A
//! portal home has no fixed list structure, so this is where a category tree starts.

use super::{base_of, catid_from_url, sel, text_of};
use scraper::{ElementRef, Html};
use serde::Serialize;
use url::Url;

/// A link to a category: its list URL, its name, and its id when the URL carries one (folder categories'
/// URLs do not; their list page's feed link does).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CategoryLink {
    pub name: String,
    pub url: Url,
    pub catid: Option<i64>,
}

/// A link that may lead to a category list: a `mod=list&catid=N` URL, or a folder (`/{folder}/`) on the site.
pub(super) fn link_of(a: ElementRef<'_>, base: &Url) -> Option<CategoryLink> {
    let url = base.join(a.value().attr("href")?).ok()?;
    let name = text_of(a);
    if name.is_empty() || url.host_str() != base.host_str() {
        return None;
    }
    let is_list = url.query_pairs().any(|(k, v)| k == "mod" && v == "list");
    let is_folder = url.query().is_none() && url.path().ends_with('/') && url.path() != base.path();
    (is_list || is_folder).then(|| CategoryLink { name, catid: catid_from_url(&url), url })
}

/// The categories a page's breadcrumbs (`#pt`) name, outermost first.
pub fn breadcrumb_catids(html: &str, page: &Url) -> Vec<i64> {
    let doc = Html::parse_document(html);
    let base = base_of(&doc, page);
    doc.select(&sel("#pt a[href]")).filter_map(|a| link_of(a, &base)?.catid).collect()
}

/// Category links on any portal page: navigation (`#nv`), breadcrumbs (`#pt`), and every `mod=list` link.
pub fn category_links(html: &str, page: &Url) -> Vec<CategoryLink> {
    let doc = Html::parse_document(html);
    let base = base_of(&doc, page);
    let mut found: Vec<CategoryLink> = Vec::new();
    let candidates = sel("#nv a[href], #pt a[href], a[href*=\"mod=list\"]");
    for link in doc.select(&candidates).filter_map(|a| link_of(a, &base)) {
        if !found.iter().any(|f| f.url == link.url || (f.catid.is_some() && f.catid == link.catid)) {
            found.push(link);
        }
    }
    found
}
