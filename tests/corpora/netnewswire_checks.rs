//! NetNewsWire's Swift assertions restated against our model, in the order `expectations.derived.json` lists
//! them. NetNewsWire's `contentHTML` is what its parser hands on, so byte-for-byte assertions about it are
//! checked on our parser's HTML (`raw`); what a reader sees (resolved links, text) on what would be stored
//! (`stored`). NetNewsWire files an RSS `<link>` as `externalURL` and a permalink guid as `url`.

use super::netnewswire::{Item, expect, titled, with_guid};
use super::pipeline::Outcome;
use super::score::{author_names, epoch};
use std::collections::BTreeSet;

pub type Check = Box<dyn Fn(&[Outcome]) -> Result<(), String>>;

/// How one Swift assertion is scored.
pub enum Eval {
    Check(Check),
    NotModelled(&'static str),
}

pub type Table = Vec<(&'static str, Vec<(&'static str, Eval)>)>;

/// A Swift test file, a test in it, and its restated assertions.
pub type Keyed = Vec<((&'static str, &'static str), Vec<(&'static str, Eval)>)>;

pub const FEED_META: &str = "a feed's icon, favicon or language (the model keeps title, link and interval)";
pub const LANGUAGE: &str = "an item's language (not kept)";
pub const PERSON: &str = "an author's url, email or avatar (the model keeps names)";
pub const FEED_AUTHORS: &str = "a feed's own author list (kept only as its items' author)";
pub const RELATED: &str = "the related link, NetNewsWire's Atom externalURL (not kept)";
pub const MARKDOWN: &str = "source:markdown (not kept; the HTML body is)";
pub const PAGE_META: &str = "a page's favicons, touch icons, Open Graph and Twitter images, or all its anchors";
pub const LINK_TYPE: &str = "a discovered feed link's MIME type (a FeedLink keeps URL and title)";

pub fn c(swift: &'static str, check: impl Fn(&[Outcome]) -> Result<(), String> + 'static) -> (&'static str, Eval) {
    (swift, Eval::Check(Box::new(check)))
}

pub fn n(swift: &'static str, reason: &'static str) -> (&'static str, Eval) {
    (swift, Eval::NotModelled(reason))
}

pub fn count(d: &Outcome, want: usize) -> Result<(), String> {
    expect(d.items().len() == want, d.describe())
}

pub fn raw(i: &Item) -> &str {
    &i.0.html
}

pub fn stored(i: &Item) -> &str {
    &i.1.html
}

pub fn names(i: &Item) -> BTreeSet<String> {
    author_names(i.1.author.as_deref()).into_iter().collect()
}

pub fn set(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// NetNewsWire's RSS `url` is a guid that is a permalink; ours is `<link>`. A guid that is not a web address
/// must not become the link.
pub fn link_not_from_guid(i: &Item) -> bool {
    let guid_is_web = i.1.guid.as_deref().is_some_and(|g| g.starts_with("http://") || g.starts_with("https://"));
    i.1.link.is_none() || i.1.link != i.1.guid || guid_is_web
}

pub fn date_is(i: &Item, seconds: i64) -> Result<(), String> {
    expect(epoch(i.1.published.as_deref()) == Some(seconds), &i.1.published)
}

/// Keyed by (Swift file, test name): several tests share a name across files.
pub fn checks() -> Keyed {
    let mut all = Vec::new();
    for (file, table) in [
        ("Feeds/FeedParserTypeTests.swift", type_tests()),
        ("Feeds/JSON/JSONFeedParserTests.swift", json_tests()),
        (
            "Feeds/JSON/RSSInJSONParserTests.swift",
            vec![("feedLanguage", vec![n(r#"parsedFeed.language == "en-us""#, FEED_META)])],
        ),
        ("Feeds/XML/AtomParserTests.swift", super::netnewswire_atom::atom_tests()),
        ("Feeds/XML/OPMLTests.swift", vec![("notOPML", vec![]), ("findingTitles", vec![])]),
        ("Feeds/XML/RSSParserTests.swift", super::netnewswire_rss::rss_tests()),
        (
            "HTML/HTMLLinkTests.swift",
            vec![("sixColorsLink", vec![n(r#"found"#, PAGE_META), n(r#"links.count == 131"#, PAGE_META)])],
        ),
        ("HTML/HTMLMetadataTests.swift", page_tests()),
    ] {
        all.extend(table.into_iter().map(|(test, evals)| ((file, test), evals)));
    }
    all
}

fn type_tests() -> Table {
    vec![
        (
            "scriptingNewsJSONType",
            vec![c(r#"feedType(d) == .rssInJSON"#, |d| expect(!d[0].items().is_empty(), d[0].describe()))],
        ),
        (
            "partialAllThisUnknownFeedType",
            vec![c(r#"feedType(d, isPartialData: true) == .unknown"#, |d| expect(d[0].is_error(), d[0].describe()))],
        ),
    ]
}

fn json_tests() -> Table {
    vec![
        (
            "gettingFaviconAndIconURLs",
            vec![
                n(r#"parsedFeed.faviconURL == "https://daringfireball.net/graphics/favicon-64.png""#, FEED_META),
                n(r#"parsedFeed.iconURL == "https://daringfireball.net/graphics/apple-touch-icon.png""#, FEED_META),
            ],
        ),
        ("allThis", vec![c(r#"parsedFeed.items.count == 12"#, |d| count(&d[0], 12))]),
        (
            "curt",
            vec![
                c(r#"parsedFeed.items.count == 26"#, |d| count(&d[0], 26)),
                c(
                    r#"article.contentHTML?.hasPrefix("<p>I&#8217;ve decided to close my Twitter account. William Van Hecke <a href=\"https://tinyletter.com/fet/letters/microcosmographia-xlxi-reasons-to-stay-on-twitter\">makes a convincing case</a>") == true"#,
                    |d| {
                        let i = titled(&d[0], "Twitter Quitter")?;
                        let prefix = "<p>I&#8217;ve decided to close my Twitter account. William Van Hecke <a href=\"https://tinyletter.com/fet/letters/microcosmographia-xlxi-reasons-to-stay-on-twitter\">makes a convincing case</a>";
                        expect(raw(i).starts_with(prefix), raw(i).chars().take(200).collect::<String>())
                    },
                ),
                c(r#"didFindTwitterQuitterArticle"#, |d| titled(&d[0], "Twitter Quitter").map(|_| ())),
            ],
        ),
        ("pixelEnvy", vec![c(r#"parsedFeed.items.count == 20"#, |d| count(&d[0], 20))]),
        ("rose", vec![c(r#"parsedFeed.items.count == 84"#, |d| count(&d[0], 84))]),
        (
            "threeNineSixZero",
            vec![
                c(r#"parsedFeed.items.count == 20"#, |d| count(&d[0], 20)),
                n(r#"parsedFeed.language == "de-DE""#, FEED_META),
                n(r#"item.language == "de-DE""#, LANGUAGE),
            ],
        ),
        (
            "authors",
            vec![
                c(r#"parsedFeed.items.count == 4"#, |d| count(&d[0], 4)),
                n(r#"parsedFeed.authors?.count == 2"#, FEED_AUTHORS),
                n(r#"parsedFeed.authors == rootAuthors"#, FEED_AUTHORS),
                c(r#"noAuthorsItem.authors == nil"#, |d| {
                    let i = with_guid(&d[0], "Item without authors")?;
                    expect(i.1.author.is_none(), &i.1.author)
                }),
                c(r#"legacyAuthorItem.authors == legacyItemAuthors"#, |d| {
                    let i = with_guid(&d[0], "Item with legacy author")?;
                    expect(names(i) == set(&["Legacy Item Author"]), &i.1.author)
                }),
                c(r#"modernAuthorsItem.authors == itemAuthors"#, |d| {
                    let i = with_guid(&d[0], "Item with modern authors")?;
                    expect(names(i) == set(&["Item Author 1", "Item Author 2"]), &i.1.author)
                }),
                c(r#"bothAuthorsItem.authors == itemAuthors"#, |d| {
                    let i = with_guid(&d[0], "Item with both")?;
                    expect(names(i) == set(&["Item Author 1", "Item Author 2"]), &i.1.author)
                }),
            ],
        ),
    ]
}

fn page_tests() -> Table {
    let feeds = |d: &[Outcome]| d[0].page_feeds().to_vec();
    let one = move |d: &[Outcome]| expect(feeds(d).len() == 1, feeds(d));
    let title = move |want: Option<&'static str>| {
        move |d: &[Outcome]| expect(feeds(d).first().map(|f| f.title.as_deref()) == Some(want), feeds(d))
    };
    let url = move |want: &'static str| {
        move |d: &[Outcome]| expect(feeds(d).first().map(|f| f.url.as_str()) == Some(want), feeds(d))
    };
    vec![
        (
            "daringFireball",
            vec![
                n(
                    r#"metadata.favicons.first?.urlString == "http://daringfireball.net/graphics/favicon.ico?v=005""#,
                    PAGE_META,
                ),
                c(r#"metadata.feedLinks.count == 1"#, one),
                c(r#"feedLink.title == nil"#, title(None)),
                n(r#"feedLink.type == "application/atom+xml""#, LINK_TYPE),
                c(
                    r#"feedLink.urlString == "http://daringfireball.net/feeds/main""#,
                    url("http://daringfireball.net/feeds/main"),
                ),
            ],
        ),
        (
            "furbo",
            vec![
                n(r#"metadata.favicons.first?.urlString == "http://furbo.org/favicon.ico""#, PAGE_META),
                c(r#"metadata.feedLinks.count == 1"#, one),
                c(r#"feedLink.title == "Iconfactory News Feed""#, title(Some("Iconfactory News Feed"))),
                n(r#"feedLink.type == "application/rss+xml""#, LINK_TYPE),
            ],
        ),
        (
            "inessential",
            vec![
                n(r#"metadata.favicons.first?.urlString == nil"#, PAGE_META),
                c(r#"metadata.feedLinks.count == 1"#, one),
                c(r#"feedLink.title == "RSS""#, title(Some("RSS"))),
                n(r#"feedLink.type == "application/rss+xml""#, LINK_TYPE),
                c(
                    r#"feedLink.urlString == "http://inessential.com/xml/rss.xml""#,
                    url("http://inessential.com/xml/rss.xml"),
                ),
                n(r#"metadata.appleTouchIcons.count == 0"#, PAGE_META),
            ],
        ),
        (
            "sixColors",
            vec![
                n(r#"metadata.favicons.first?.urlString == "https://sixcolors.com/images/favicon.ico""#, PAGE_META),
                c(r#"metadata.feedLinks.count == 1"#, one),
                c(r#"feedLink.title == "RSS""#, title(Some("RSS"))),
                n(r#"feedLink.type == "application/rss+xml""#, LINK_TYPE),
                c(r#"feedLink.urlString == "http://feedpress.me/sixcolors""#, url("http://feedpress.me/sixcolors")),
                n(r#"metadata.appleTouchIcons.count == 6"#, PAGE_META),
                n(r#"icon.rel == "apple-touch-icon""#, PAGE_META),
                n(r#"icon.sizes == "120x120""#, PAGE_META),
                n(r#"icon.urlString == "https://sixcolors.com/apple-touch-icon-120.png""#, PAGE_META),
            ],
        ),
        (
            "cocoOGImage",
            vec![n(
                r#"image.url == "https://cdn.theatlantic.com/assets/media/img/mt/2017/11/1033101_first_full_length_trailer_arrives_pixars_coco/facebook.jpg?1511382177""#,
                PAGE_META,
            )],
        ),
        (
            "cocoTwitterImage",
            vec![n(
                r#"imageURL == "https://cdn.theatlantic.com/assets/media/img/mt/2017/11/1033101_first_full_length_trailer_arrives_pixars_coco/facebook.jpg?1511382177""#,
                PAGE_META,
            )],
        ),
        (
            "youTube",
            vec![
                c(r#"metadata.feedLinks.count == 1"#, one),
                c(r#"feedLink.title == "RSS""#, title(Some("RSS"))),
                n(r#"feedLink.type == "application/rss+xml""#, LINK_TYPE),
                c(
                    r#"feedLink.urlString == "https://www.youtube.com/feeds/videos.xml?channel_id=UCct7QF2jcWRY6dhXWMSq9LQ""#,
                    url("https://www.youtube.com/feeds/videos.xml?channel_id=UCct7QF2jcWRY6dhXWMSq9LQ"),
                ),
            ],
        ),
    ]
}
