//! The fallback reader for pages Readability misreads, mostly Chinese news: the article is the block holding the
//! most prose outside links. Prose is measured in units (a CJK character or a Latin word, `cjk::Amount`), so a
//! Chinese paragraph weighs what its length says, where Readability's 100-character steps undercount it.
//!
//! Each block's own text is scored like a paragraph (clause marks plus length, less its links); the score goes
//! to the block's container and, halved and thirded, to the two above it. The best container, weighed by its
//! link density and its `id`/`class` (`article_content`, `TRS_Editor` up; `comment`, `sidebar` down), is the
//! article; link lists, comment boxes and share bars inside it are then cut out.

use super::cjk::Amount;
use super::links::resolve_all;
use super::names::{Leaning, leaning};
use dom_query::{Document, NodeId, NodeRef};
use std::collections::HashMap;
use url::Url;

/// Elements that never hold article text.
const NOISE: &str = "script, style, noscript, template, iframe, object, embed, textarea, select, button, input, \
     svg, [hidden], [style*='display:none'], [style*='display: none']";

/// Tags inside a paragraph: their text belongs to the nearest block around them.
const INLINE: [&str; 26] = [
    "a", "span", "strong", "b", "em", "i", "u", "font", "small", "big", "sup", "sub", "label", "code", "abbr", "cite",
    "q", "s", "strike", "del", "ins", "mark", "time", "img", "br", "wbr",
];

/// Blocks whose own text makes them the container of that text (Chinese CMSs write `<div>text<br>text</div>`).
const CONTAINERS: [&str; 7] = ["div", "td", "section", "article", "main", "body", "blockquote"];

/// A block's own text shorter than this (units) is a label, not a paragraph.
const MIN_PARAGRAPH: usize = 10;

/// The article the density reader found.
pub(super) struct Found {
    pub html: String,
    pub text: String,
}

#[derive(Default)]
struct Stats {
    /// All text under the element.
    all: HashMap<NodeId, Amount>,
    /// Text under the element that sits inside links.
    linked: HashMap<NodeId, Amount>,
    /// Each block's own text (its inline descendants included), and the linked part of it.
    own: HashMap<NodeId, (Amount, Amount)>,
}

impl Stats {
    fn of(body: &NodeRef<'_>) -> Stats {
        let mut stats = Stats::default();
        for text in body.descendants_it().filter(NodeRef::is_text) {
            let amount = Amount::of(&text.text());
            if amount.units() == 0 && amount.marks == 0 {
                continue;
            }
            let ancestors = text.ancestors_it(None).filter(NodeRef::is_element).collect::<Vec<_>>();
            let in_link = ancestors.iter().any(|a| a.has_name("a"));
            let block = ancestors.iter().find(|a| !INLINE.iter().any(|t| a.has_name(t)));
            if let Some(block) = block {
                let own = stats.own.entry(block.id).or_default();
                own.0.add(amount);
                if in_link {
                    own.1.add(amount);
                }
            }
            for a in &ancestors {
                stats.all.entry(a.id).or_default().add(amount);
                if in_link {
                    stats.linked.entry(a.id).or_default().add(amount);
                }
            }
        }
        stats
    }

    fn units(&self, id: NodeId) -> usize {
        self.all.get(&id).map_or(0, Amount::units)
    }

    fn linked_units(&self, id: NodeId) -> usize {
        self.linked.get(&id).map_or(0, Amount::units)
    }

    /// The share of the element's text that sits inside links.
    fn link_density(&self, id: NodeId) -> f64 {
        let all = self.units(id);
        if all == 0 { 0.0 } else { self.linked_units(id) as f64 / all as f64 }
    }
}

/// Scores every container by the paragraphs under it.
fn score(body: &NodeRef<'_>, stats: &Stats) -> HashMap<NodeId, f64> {
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    let tree = body.tree;
    for (&id, (own, linked)) in &stats.own {
        let prose = own.units().saturating_sub(linked.units());
        if prose < MIN_PARAGRAPH {
            continue;
        }
        let marks = own.marks.saturating_sub(linked.marks);
        let paragraph =
            (1.0 + marks as f64 + (prose as f64 / 30.0).min(5.0)) * (1.0 - linked.units() as f64 / own.units() as f64);
        let block = NodeRef::new(id, tree);
        let first = if CONTAINERS.iter().any(|t| block.has_name(t)) { Some(block) } else { block.parent() };
        let Some(first) = first else { continue };
        let levels: Vec<NodeRef<'_>> = std::iter::once(first).chain(first.ancestors_it(Some(2))).collect();
        for (level, node) in levels.into_iter().enumerate() {
            if !node.is_element() {
                break;
            }
            let share = match level {
                0 => 1.0,
                1 => 0.5,
                _ => 1.0 / 3.0,
            };
            *scores.entry(node.id).or_default() += paragraph * share;
            // A comment's or a side list's prose scores its own box, not the page around it.
            if leaning(&node) == Leaning::Clutter {
                break;
            }
        }
    }
    for (id, score) in scores.iter_mut() {
        let node = NodeRef::new(*id, tree);
        let weight = match leaning(&node) {
            Leaning::Article => 1.5,
            Leaning::Neutral => 1.0,
            Leaning::Clutter => 0.4,
        };
        *score *= (1.0 - stats.link_density(*id)) * weight;
    }
    scores
}

/// Cuts out of the article what is not prose: link lists, and comment boxes or share bars by their names.
fn prune(article: &NodeRef<'_>, stats: &Stats) {
    let article_prose = stats.units(article.id) - stats.linked_units(article.id);
    for node in article.descendants().into_iter().rev().filter(NodeRef::is_element) {
        if INLINE.iter().any(|t| node.has_name(t)) || node.parent().is_none() {
            continue;
        }
        let units = stats.units(node.id);
        let prose = units - stats.linked_units(node.id);
        let has_picture = node.has_name("img") || !node.find(&["img"]).is_empty();
        let link_list = units > 0 && stats.link_density(node.id) > 0.5 && prose < 50 && !has_picture;
        let clutter = leaning(&node) == Leaning::Clutter && prose * 2 < article_prose;
        if link_list || clutter {
            node.remove_from_parent();
        }
    }
}

/// Units of text outside links in an HTML fragment, counted as `read` counts them.
pub(super) fn prose_of_html(html: &str) -> usize {
    let doc = Document::fragment(html);
    let root = doc.html_root();
    let stats = Stats::of(&root);
    stats.units(root.id).saturating_sub(stats.linked_units(root.id))
}

/// The block of `doc` with the most prose outside links, or None when the page has no paragraph at all.
pub(super) fn read(doc: &Document, base: &Url) -> Option<Found> {
    doc.select(NOISE).remove();
    let body = doc.body()?;
    let stats = Stats::of(&body);
    let scores = score(&body, &stats);
    let (&best, _) = scores.iter().max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0)))?;
    let article = NodeRef::new(best, body.tree);
    prune(&article, &stats);
    resolve_all(&article, base);
    Some(Found { html: article.html().to_string(), text: article.formatted_text().to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Url {
        Url::parse("http://news.example.cn/city/2024/05/t1.html").unwrap()
    }

    fn paragraph(n: usize) -> String {
        "市民一早就来到公园散步，步道宽敞，灯光明亮，孩子们玩得很开心。".repeat(n)
    }

    #[test]
    fn the_fallback_picks_the_article_block_of_a_chinese_page_over_its_side_lists() {
        let links: String = (0..12)
            .map(|i| format!("<li><a href=\"/n/{i}.html\">热点新闻标题第{i}条，点击查看详情</a></li>"))
            .collect();
        let html = format!(
            "<body><div class=\"nav\"><a href=\"/\">首页</a><a href=\"/city/\">城市</a></div><div class=\"main\">\
             <div class=\"article_content\"><p>{}</p><p>{}</p><p>{}</p></div></div><div class=\"right\"><ul>{links}</ul></div></body>",
            paragraph(3),
            paragraph(2),
            paragraph(2)
        );
        let found = read(&Document::from(html), &base()).expect("an article");
        assert!(found.html.starts_with("<div class=\"article_content\">"), "{}", found.html);
        assert!(!found.text.contains("热点新闻"), "{}", found.text);
    }

    #[test]
    fn comments_lose_to_a_shorter_article_because_their_prose_stays_in_their_own_box() {
        let comments: String =
            (0..8).map(|_| format!("<div class=\"pl_item\"><p>{}</p></div>", paragraph(2))).collect();
        let html = format!(
            "<body><table><tr><td><div id=\"zoom\">{}<br><br>{}</div><div class=\"pinglun\">{comments}</div></td></tr></table></body>",
            paragraph(2),
            paragraph(1)
        );
        let found = read(&Document::from(html), &base()).expect("an article");
        assert!(found.html.starts_with("<div id=\"zoom\">"), "{}", found.html);
    }

    #[test]
    fn link_lists_and_share_bars_inside_the_article_are_cut_out_but_pictures_stay() {
        let html = format!(
            "<body><div id=\"content\"><p>{}</p><p><a href=\"big.jpg\"><img src=\"small.jpg\"></a></p>\
             <div class=\"share\">分享到：<a href=\"#\">微信</a><a href=\"#\">微博</a></div><p>{}</p>\
             <ul><li><a href=\"/a\">相关新闻一</a></li><li><a href=\"/b\">相关新闻二</a></li></ul></div></body>",
            paragraph(3),
            paragraph(3)
        );
        let found = read(&Document::from(html), &base()).expect("an article");
        assert!(found.html.contains(r#"<img src="http://news.example.cn/city/2024/05/small.jpg">"#), "{}", found.html);
        assert!(!found.text.contains("微信") && !found.text.contains("相关新闻"), "{}", found.text);
    }

    #[test]
    fn prose_counts_what_sits_outside_links() {
        assert_eq!(prose_of_html("<p>光明网<a href=\"/\">首页</a> reports</p>"), 4);
    }
}
