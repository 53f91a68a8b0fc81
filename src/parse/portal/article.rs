//! Discuz! X portal article pages (`portal.php?mod=view`) into an item with its portal facts.
//!
//! Sites change labels and drop meta items, so fields are found by structure (ids, classes, links) and
//! only use label text to break ties. See `../shared/notes/discuz-portal.md` for the page layout.

use super::comments::comments_in;
use super::{aid_from_url, base_of, number, sel, text_of};
use crate::model::{ParsedItem, PortalInfo, Reaction, RelatedArticle};
use crate::parse::ParseError;
use crate::parse::date::{parse_date, to_rfc3339};
use chrono::FixedOffset;
use scraper::{CaseSensitivity, ElementRef, Html, Node};
use url::Url;

/// One page of an article: the item it reads as, and the article's next page when it spans several.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticlePage {
    pub item: ParsedItem,
    pub next: Option<Url>,
}

fn is_pipe(el: ElementRef<'_>) -> bool {
    el.value().name() == "span" && el.value().has_class("pipe", CaseSensitivity::AsciiCaseInsensitive)
}

/// What a meta item's label says it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Said {
    Author,
    Source,
    Unknown,
}

/// One `|`-separated item of the meta line under the title.
#[derive(Default, Debug)]
struct MetaItem {
    text: String,
    link: Option<(String, String)>,
    em_id: Option<String>,
}

impl MetaItem {
    /// The value after the label (`發布者: admin` → `admin`), or the whole text when there is no label.
    fn value(&self) -> &str {
        let t = self.text.trim();
        t.split_once([':', '：']).map(|(_, v)| v.trim()).unwrap_or(t)
    }
}

fn meta_items(line: ElementRef<'_>) -> Vec<MetaItem> {
    let mut items = vec![MetaItem::default()];
    // Pre-order walk: text joins the current item, a `span.pipe` starts the next one.
    for node in line.descendants().skip(1) {
        let current = items.last_mut().expect("never empty");
        match node.value() {
            // The separator's own `|` is no part of either item.
            Node::Text(_) if node.parent().and_then(ElementRef::wrap).is_some_and(is_pipe) => {}
            Node::Text(t) => current.text.push_str(t),
            Node::Element(e) if e.name() == "span" && e.has_class("pipe", CaseSensitivity::AsciiCaseInsensitive) => {
                items.push(MetaItem::default());
            }
            Node::Element(e) if e.name() == "a" && current.link.is_none() => {
                let text = ElementRef::wrap(node).map(text_of).unwrap_or_default();
                current.link = Some((e.attr("href").unwrap_or("").to_owned(), text));
            }
            Node::Element(e) if e.name() == "em" && current.em_id.is_none() => {
                current.em_id = e.id().map(str::to_owned);
            }
            _ => {}
        }
    }
    items.retain(|i| !i.text.trim().is_empty());
    items
}

/// Reads an article page fetched from `page`; times without a zone are in `site_offset`.
pub fn parse_article_page(html: &str, page: &Url, site_offset: FixedOffset) -> Result<ParsedItem, ParseError> {
    parse_article(html, page, site_offset).map(|p| p.item)
}

/// Reads one page of an article, with the link to its next page.
pub fn parse_article(html: &str, page: &Url, site_offset: FixedOffset) -> Result<ArticlePage, ParseError> {
    let doc = Html::parse_document(html);
    let first = |s: &str| doc.select(&sel(s)).next();
    let body = first("#article_content")
        .or_else(|| first(".vw .d td"))
        .ok_or_else(|| ParseError::Portal(format!("{page} has no article body (#article_content)")))?;
    let title = first(".vw .h h1, .vw h1.ph")
        .map(text_of)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| ParseError::Portal(format!("{page} has no article title (.vw h1.ph)")))?;
    let base = base_of(&doc, page);
    let resolve = |href: &str| base.join(href).map(|u| u.to_string()).ok();

    let mut info = PortalInfo { pages: 1, ..Default::default() };
    let mut published = None;
    let mut unlabelled: Vec<(String, Option<String>, Said)> = Vec::new();
    let items = first(".vw .h p.xg1").map(meta_items).unwrap_or_default();
    for item in &items {
        let value = item.value();
        if published.is_none()
            && let Some(d) = parse_date(value, site_offset).or_else(|| parse_date(item.text.trim(), site_offset))
        {
            published = Some(to_rfc3339(&d));
        } else if let Some((_, name)) = item.link.as_ref().filter(|(href, _)| href.contains("mod=space")) {
            info.publisher = Some(name.clone());
        } else if item.em_id.as_deref() == Some("_viewnum") {
            info.views = number(value);
        } else if item.em_id.as_deref() == Some("_commentnum")
            || (number(value).is_some() && info.comment_count.is_none())
        {
            info.comment_count = number(value);
        } else {
            let label = item.text.split_once([':', '：']).map(|(l, _)| l.to_owned()).unwrap_or_default();
            let link = item.link.as_ref().and_then(|(h, _)| resolve(h));
            let kind = if label.contains("作者") {
                Said::Author
            } else if ["來自", "来自", "來源", "来源", "出處", "出处"].iter().any(|w| label.contains(w)) {
                Said::Source
            } else {
                Said::Unknown
            };
            unlabelled.push((value.to_owned(), link, kind));
        }
    }
    // Labels say which is which; what they leave open goes by template order: the original author (原作者), then
    // the source (來自).
    let labelled_author = unlabelled.iter().any(|(_, _, k)| *k == Said::Author);
    let labelled_source = unlabelled.iter().any(|(_, _, k)| *k == Said::Source);
    let unknown = unlabelled.iter().filter(|(_, _, k)| *k == Said::Unknown).count();
    let mut seen_unknown = 0;
    for item in &mut unlabelled {
        if item.2 == Said::Unknown {
            seen_unknown += 1;
            item.2 = if labelled_author {
                Said::Source
            } else if labelled_source || (unknown >= 2 && seen_unknown == 1) {
                Said::Author
            } else {
                Said::Source
            };
        }
    }
    let (authors, sources): (Vec<_>, Vec<_>) = unlabelled.into_iter().partition(|(_, _, k)| *k == Said::Author);
    info.original_author = authors.into_iter().next().map(|(v, _, _)| v).filter(|v| !v.is_empty());
    if let Some((name, link, _)) = sources.into_iter().next() {
        info.source_name = Some(name).filter(|v| !v.is_empty());
        info.source_link = link;
    }

    let summary = first(".vw .s").map(|s| {
        let all = text_of(s);
        match s.select(&sel("strong")).next() {
            Some(label) => {
                all.trim_start_matches(text_of(label).as_str()).trim_start_matches([':', '：', ' ']).to_owned()
            }
            None => all,
        }
    });

    let crumbs: Vec<ElementRef<'_>> = doc.select(&sel("#pt .z a")).collect();
    if let Some((home, rest)) = crumbs.split_first() {
        info.site_name = Some(text_of(*home)).filter(|t| !t.is_empty());
        if let Some((section, categories)) = rest.split_first() {
            info.section = Some(text_of(*section));
            info.category_path = categories.iter().map(|c| text_of(*c)).filter(|c| !c.is_empty()).collect();
        }
    }

    // Only the reaction table's links (`#click_div`): a link of that shape in the body is the article's text.
    for a in doc.select(&sel("#click_div a[id^=\"click_aid_\"]")) {
        let kind = a.select(&sel("img[src]")).next().and_then(|img| Reaction::from_icon(img.value().attr("src")?));
        let count = a.select(&sel(".atdc em")).next().and_then(|em| number(&text_of(em))).unwrap_or(0);
        if let Some(kind) = kind {
            info.reactions.set(kind, count.max(0) as u32);
            if let Some(link) = a.value().attr("href").and_then(&resolve) {
                info.reaction_links.insert(kind.name().to_owned(), link);
            }
        }
        if info.aid.is_none() {
            info.aid = a.value().id().and_then(|id| id.split('_').nth(2)).and_then(number);
        }
    }
    if info.aid.is_none() {
        info.aid = aid_elsewhere(&doc).or_else(|| aid_from_url(page));
    }
    info.comments = comments_in(&doc, site_offset);
    info.related = doc
        .select(&sel("#related_article li a[href]"))
        .filter_map(|a| Some(RelatedArticle { title: text_of(a), url: resolve(a.value().attr("href")?)? }))
        .filter(|r| !r.title.is_empty())
        .collect();
    info.images = body
        .select(&sel("img"))
        .filter_map(|img| {
            let e = img.value();
            let src = ["zoomfile", "file", "data-src", "data-original", "src"].iter().find_map(|a| e.attr(a))?;
            resolve(src.trim()).filter(|u| u.starts_with("http"))
        })
        .fold(Vec::new(), |mut all, url| {
            if !all.contains(&url) {
                all.push(url);
            }
            all
        });
    // The pager under the body (not the comments' pager): `a.nxt` in the article's block.
    let next = doc
        .select(&sel(".vw .pg a.nxt[href], #article_content ~ .pg a.nxt[href], .d .pg a.nxt[href]"))
        .next()
        .and_then(|a| base.join(a.value().attr("href")?).ok())
        .filter(|next| next != page);

    let item = ParsedItem {
        guid: info.aid.map(|aid| format!("aid:{aid}")),
        link: Some(page.to_string()),
        title,
        author: info.publisher.clone(),
        published,
        updated: None,
        summary: summary.filter(|s| !s.is_empty()),
        html: body.inner_html(),
        categories: info.category_path.clone(),
        enclosures: Vec::new(),
        thumbnail: None,
        comments: info
            .aid
            .and_then(|aid| base.join(&format!("portal.php?mod=comment&id={aid}&idtype=aid")).ok())
            .map(|u| u.to_string()),
        portal: Some(info),
    };
    Ok(ArticlePage { item, next })
}

/// The article id from the favourite link (`#a_favorite`, `id=`) or a hidden `aid` field.
fn aid_elsewhere(doc: &Html) -> Option<i64> {
    let favourite = doc.select(&sel("#a_favorite[href]")).next().and_then(|a| {
        let href = a.value().attr("href")?;
        let query = href.split_once('?').map(|(_, q)| q).unwrap_or(href);
        url::form_urlencoded::parse(query.as_bytes()).find(|(k, _)| k == "id").and_then(|(_, v)| number(&v))
    });
    favourite
        .or_else(|| doc.select(&sel("input[name=aid][value]")).next().and_then(|i| number(i.value().attr("value")?)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(line: &str) -> PortalInfo {
        let html = format!(
            r#"<html><body><div class="bm vw"><div class="h hm"><h1 class="ph">題</h1><p class="xg1">{line}</p></div>
<div class="d"><table><tr><td id="article_content"><p>正文</p></td></tr></table></div></div></body></html>"#
        );
        let page = Url::parse("http://x.example/portal.php?mod=view&aid=1").unwrap();
        parse_article_page(&html, &page, crate::parse::portal::china_standard_time()).unwrap().portal.unwrap()
    }

    #[test]
    fn labels_say_which_is_the_author_and_which_the_source_whatever_their_order() {
        let reordered =
            meta(r#"2020-11-27 15:34<span class="pipe">|</span>來源: 中國網<span class="pipe">|</span>作者: 小明"#);
        assert_eq!(
            (reordered.original_author.as_deref(), reordered.source_name.as_deref()),
            (Some("小明"), Some("中國網"))
        );
        let stock =
            meta(r#"2020-11-27 15:34<span class="pipe">|</span>原作者: 小明<span class="pipe">|</span>來自: 中國網"#);
        assert_eq!((stock.original_author.as_deref(), stock.source_name.as_deref()), (Some("小明"), Some("中國網")));
        let unnamed = meta(r#"2020-11-27 15:34<span class="pipe">|</span>小明<span class="pipe">|</span>中國網"#);
        assert_eq!(
            (unnamed.original_author.as_deref(), unnamed.source_name.as_deref()),
            (Some("小明"), Some("中國網"))
        );
        let only_source = meta(r#"2020-11-27 15:34<span class="pipe">|</span>來自: 中國網"#);
        assert_eq!(
            (only_source.original_author.as_deref(), only_source.source_name.as_deref()),
            (None, Some("中國網"))
        );
    }
}
