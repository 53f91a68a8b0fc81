//! The article's facts beside its content: title, byline, excerpt, language and publication date, taken from
//! what Readability read and, for dates, from the meta tags Chinese news sites use instead.

use crate::parse::{parse_date, to_rfc3339};
use chrono::FixedOffset;
use dom_query::Document;
use regex::Regex;
use std::sync::LazyLock;

/// Metadata as read from the page, before the content is chosen.
#[derive(Clone, Debug, Default)]
pub(super) struct PageFacts {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub excerpt: Option<String>,
    pub published: Option<String>,
    pub lang: Option<String>,
}

/// Meta tags holding a publication date on pages without `article:published_time` (Chinese CMSs mostly).
const DATE_METAS: [&str; 8] = [
    "meta[property='article:published_time']",
    "meta[itemprop='datePublished']",
    "meta[name='publishdate' i]",
    "meta[name='pubdate' i]",
    "meta[name='publish_date' i]",
    "meta[name='publishtime' i]",
    "meta[property='og:release_date']",
    "meta[name='dc.date' i]",
];

/// A date and time as Chinese pages print them under the title: `2024-5-18 09:30`, `2016年10月14日07:17`.
static PRINTED_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{4})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})\s*日?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?")
        .expect("static regex")
});

/// The signature Discuz! appends to every page title.
static DISCUZ_SIGNATURE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\s*-\s*Powered by Discuz!?\s*$").expect("static regex"));

/// How far after the title a printed date may stand (characters): the line under the title, not the page.
const DATE_REACH: usize = 160;

/// The date printed just after the article's title (its `<h1>`, else the page title), as `Y-m-d H:M:S`.
fn date_under_title(doc: &Document, title: Option<&str>) -> Option<String> {
    let body = doc.body()?.text().split_whitespace().collect::<Vec<_>>().join(" ");
    let h1 = doc.select("body h1").nodes().first().map(|h| h.text().split_whitespace().collect::<Vec<_>>().join(" "));
    let full_title = title.unwrap_or("");
    let short_title = full_title.split(['_', '|']).next().unwrap_or("").split(" - ").next().unwrap_or("").trim();
    let keys = [h1.as_deref().unwrap_or(""), full_title, short_title];
    let after = keys.iter().filter(|k| k.chars().count() >= 4).find_map(|k| body.find(k).map(|at| at + k.len()))?;
    let window: String = body[after..].chars().take(DATE_REACH).collect();
    let c = PRINTED_DATE.captures(&window)?;
    let n = |i: usize| c.get(i).map_or(Ok(0), |m| m.as_str().parse::<u32>());
    let (y, mo, d, h, mi, s) = (n(1).ok()?, n(2).ok()?, n(3).ok()?, n(4).ok()?, n(5).ok()?, n(6).ok()?);
    Some(format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}"))
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|s| !s.is_empty())
}

impl PageFacts {
    /// The facts in Readability's metadata, with the page's own date metas and language as a second source.
    /// `script_language` (from the page's script, see `cjk::script_language`) only decides the offset of a date
    /// written without one on a page that names no language.
    pub(super) fn new(meta: dom_smoothie::Metadata, doc: &Document, script_language: Option<&str>) -> PageFacts {
        let lang = non_empty(meta.lang).or_else(|| attr_of(doc, "meta[http-equiv='content-language' i]", "content"));
        let raw_date = non_empty(meta.published_time)
            .or_else(|| DATE_METAS.iter().find_map(|sel| attr_of(doc, sel, "content")))
            .or_else(|| attr_of(doc, "time[pubdate][datetime], time[itemprop='datePublished'][datetime]", "datetime"))
            .or_else(|| date_under_title(doc, Some(meta.title.as_str())));
        let published = raw_date.and_then(|raw| published(&raw, lang.as_deref().or(script_language)));
        PageFacts {
            title: non_empty(Some(DISCUZ_SIGNATURE.replace(&meta.title, "").into_owned())),
            byline: non_empty(meta.byline),
            excerpt: non_empty(meta.excerpt),
            published,
            lang,
        }
    }

    /// The facts of an article Readability found (its byline and excerpt may come from the content).
    pub(super) fn of_article(article: &dom_smoothie::Article, doc: &Document, script: Option<&str>) -> PageFacts {
        let meta = dom_smoothie::Metadata {
            title: article.title.clone(),
            byline: article.byline.clone(),
            excerpt: article.excerpt.clone(),
            published_time: article.published_time.clone(),
            lang: article.lang.clone(),
            ..Default::default()
        };
        PageFacts::new(meta, doc, script)
    }
}

fn attr_of(doc: &Document, selector: &str, attr: &str) -> Option<String> {
    non_empty(doc.select(selector).nodes().iter().find_map(|n| n.attr(attr)).map(|v| v.to_string()))
}

/// The offset a date without one is read in: the time zone the page's language mostly lives in
/// (China, Taiwan, Hong Kong: +08:00; Japan, Korea: +09:00), else UTC.
fn offset_for(lang: Option<&str>) -> FixedOffset {
    let primary = lang.unwrap_or("").split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    let hours = match primary.as_str() {
        "zh" => 8,
        "ja" | "ko" => 9,
        _ => 0,
    };
    FixedOffset::east_opt(hours * 3600).expect("valid offset")
}

/// A page's date text as RFC 3339, keeping the offset the page wrote.
pub(super) fn published(raw: &str, lang: Option<&str>) -> Option<String> {
    parse_date(raw, offset_for(lang)).map(|d| to_rfc3339(&d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_date_printed_under_the_title_is_found_when_no_meta_gives_one() {
        let doc = Document::from(
            "<body><h1>武功山景區推出夜間觀星活動</h1><p>2024-5-18 09:30 | 發布者: admin</p><p>2023-1-1 00:00</p></body>",
        );
        assert_eq!(date_under_title(&doc, None).as_deref(), Some("2024-05-18 09:30:00"));
        let doc = Document::from("<body><div>DeepMind新电脑 人工智能</div><span>2016年10月14日07:17</span></body>");
        assert_eq!(
            date_under_title(&doc, Some("DeepMind新电脑 人工智能_科技_腾讯网")).as_deref(),
            Some("2016-10-14 07:17:00")
        );
        let far = format!("<h1>A date far below</h1><p>{}</p><p>2016-10-14 07:17</p>", "Words. ".repeat(40));
        assert_eq!(date_under_title(&Document::from(far), None), None);
    }

    #[test]
    fn the_discuz_signature_leaves_the_title() {
        let meta = dom_smoothie::Metadata {
            title: "武功山 - 萍鄉城事網 -  Powered by Discuz!".into(),
            ..Default::default()
        };
        assert_eq!(PageFacts::new(meta, &Document::from(""), None).title.as_deref(), Some("武功山 - 萍鄉城事網"));
    }

    #[test]
    fn a_date_keeps_the_offset_the_page_wrote() {
        assert_eq!(published("2016-10-14T07:17:00+08:00", None).as_deref(), Some("2016-10-14T07:17:00+08:00"));
        assert_eq!(published("2015-03-05T12:00:00Z", Some("en")).as_deref(), Some("2015-03-05T12:00:00+00:00"));
    }

    #[test]
    fn a_date_without_an_offset_is_read_in_the_zone_of_the_page_language() {
        assert_eq!(published("2017-03-10 09:12", Some("zh-CN")).as_deref(), Some("2017-03-10T09:12:00+08:00"));
        assert_eq!(published("2017-03-10 09:12", None).as_deref(), Some("2017-03-10T09:12:00+00:00"));
    }

    #[test]
    fn a_chinese_page_date_meta_is_found_when_readability_has_none() {
        let doc = Document::from(
            r#"<html lang="zh-CN"><head><meta name="PubDate" content="2016-09-22 08:03:00"></head><body></body></html>"#,
        );
        let zh = dom_smoothie::Metadata { lang: Some("zh-CN".into()), ..Default::default() };
        let facts = PageFacts::new(zh, &doc, None);
        assert_eq!(facts.published.as_deref(), Some("2016-09-22T08:03:00+08:00"));
        let facts = PageFacts::new(
            dom_smoothie::Metadata::default(),
            &Document::from(r#"<meta name="publishdate" content="2017-03-10">"#),
            Some("zh"),
        );
        assert_eq!(facts.published.as_deref(), Some("2017-03-10T00:00:00+08:00"));
    }
}
