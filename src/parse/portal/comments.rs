//! Comments as an article page shows the newest (20) and the comment pages list them all (25 a page, newest
//! first): `#comment_ul dl[id^=comment_]`, author and time in the `dt`, the message in the `dd`.

use super::{base_of, find_date, sel, text_of};
use crate::model::PortalComment;
use chrono::FixedOffset;
use scraper::{ElementRef, Html};
use url::Url;

/// One page of comments and the next page, if any.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CommentPage {
    pub comments: Vec<PortalComment>,
    pub next: Option<Url>,
}

/// The comments in a document (an article page or a comment page).
pub(super) fn comments_in(doc: &Html, site_offset: FixedOffset) -> Vec<PortalComment> {
    doc.select(&sel("dl[id^=\"comment_\"][id$=\"_li\"], #comment_ul dl"))
        .filter_map(|dl| comment_of(dl, site_offset))
        .fold(Vec::new(), |mut all, c| {
            if !all.contains(&c) {
                all.push(c);
            }
            all
        })
}

fn comment_of(dl: ElementRef<'_>, site_offset: FixedOffset) -> Option<PortalComment> {
    let dt = dl.select(&sel("dt")).next()?;
    let dd = dl.select(&sel("dd")).next()?;
    let time_text = dt.select(&sel(".xg1")).next().map(text_of).unwrap_or_else(|| text_of(dt));
    let time = find_date(&time_text, site_offset);
    // The author's space link (`home.php?mod=space&uid=N`), not the quote or reply links beside it.
    let space = sel("a[href*=\"uid=\"], a[href*=\"mod=space\"]");
    let author = dt.select(&space).map(text_of).find(|t| !t.is_empty()).unwrap_or_else(|| {
        // A guest (游客) has no link: the author is the `dt`'s own text (the quote link and the time sit in
        // child elements), else the text before the time.
        let own: String = dt.children().filter_map(|n| n.value().as_text().map(|t| t.to_string())).collect();
        let own = own.split_whitespace().collect::<Vec<_>>().join(" ");
        if !own.is_empty() {
            return own;
        }
        let all = text_of(dt);
        let cut = all.find(char::is_numeric).unwrap_or(all.len());
        all[..cut].trim().to_owned()
    });
    let text = lines_of(dd);
    (!text.is_empty()).then_some(PortalComment { author, time, text })
}

/// A message's text, a line per `<br>` or paragraph, spaces within a line made one.
fn lines_of(el: ElementRef<'_>) -> String {
    let mut raw = String::new();
    for node in el.descendants() {
        match node.value() {
            scraper::Node::Text(t) => raw.push_str(t),
            scraper::Node::Element(e) if matches!(e.name(), "br" | "p" | "div") => raw.push('\n'),
            _ => {}
        }
    }
    let lines: Vec<String> =
        raw.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|l| !l.is_empty()).collect();
    lines.join("\n")
}

/// Reads a comment page (`portal.php?mod=comment&id=AID&idtype=aid&page=P`).
pub fn parse_comment_page(html: &str, page: &Url, site_offset: FixedOffset) -> CommentPage {
    let doc = Html::parse_document(html);
    let base = base_of(&doc, page);
    let next = doc
        .select(&sel(".pg a.nxt[href]"))
        .next()
        .and_then(|a| base.join(a.value().attr("href")?).ok())
        .filter(|next| next != page);
    CommentPage { comments: comments_in(&doc, site_offset), next }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::portal::china_standard_time;

    #[test]
    fn comments_keep_author_time_and_text_guests_included() {
        let html = r#"<html><body><div id="comment_ul">
<dl id="comment_31_li" class="ptm pbm bbda cl"><dt class="mbm"><a href="home.php?mod=space&amp;uid=5" class="xi2 xw1">reader</a>
<span class="xg1 xw0">2020-11-28 8:01</span></dt><dd>說得好<br/>支持</dd></dl>
<dl id="comment_30_li"><dt class="mbm">游客 <span class="xg1 xw0">2020-11-27 16:00</span></dt><dd>路過</dd></dl>
</div><div class="pgs"><div class="pg"><a href="portal.php?mod=comment&amp;id=1&amp;idtype=aid&amp;page=2" class="nxt">下一頁</a></div></div></body></html>"#;
        let page = parse_comment_page(
            html,
            &Url::parse("http://x.example/portal.php?mod=comment&id=1&idtype=aid").unwrap(),
            china_standard_time(),
        );
        assert_eq!(page.comments.len(), 2);
        assert_eq!(
            page.comments[0],
            PortalComment {
                author: "reader".into(),
                time: Some("2020-11-28T08:01:00+08:00".into()),
                text: "說得好\n支持".into(),
            }
        );
        assert_eq!((page.comments[1].author.as_str(), page.comments[1].text.as_str()), ("游客", "路過"));
        assert_eq!(page.next.unwrap().as_str(), "http://x.example/portal.php?mod=comment&id=1&idtype=aid&page=2");
    }
}
