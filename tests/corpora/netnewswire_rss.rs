//! NetNewsWire's `RSSParserTests.swift` assertions about corpus documents, restated (see
//! `netnewswire_checks.rs` for the conventions).

use super::netnewswire::{Item, every, expect, some, titled};
use super::netnewswire_checks::{FEED_META, MARKDOWN, PERSON, Table, c, count, date_is, link_not_from_guid, n, raw};
use super::pipeline::Outcome;
use super::score::epoch;

const WRITS: &str = "The Dangerous All Writs Act Precedent in the Apple Encryption Case";

fn enclosure(i: &Item, ok: impl Fn(&jianbao::model::Enclosure) -> bool) -> bool {
    i.1.enclosures.len() == 1 && ok(&i.1.enclosures[0])
}

fn show_enclosures(i: &Item) -> String {
    format!("{:?}", i.1.enclosures)
}

fn feed_title(d: &Outcome, want: &str) -> Result<(), String> {
    let title = d.feed().and_then(|f| f.title.clone());
    expect(title.as_deref() == Some(want), (title, d.describe()))
}

pub fn rss_tests() -> Table {
    vec![
        ("natashaTheRobot", vec![c(r#"parsedFeed.items.count == 10"#, |d| count(&d[0], 10))]),
        (
            "theOmniShowAttachments",
            vec![
                c(r#"attachments.count == 1"#, |d| every(&d[0], |i| i.1.enclosures.len() == 1, show_enclosures)),
                c(r#"attachment.mimeType != nil"#, |d| {
                    every(&d[0], |i| enclosure(i, |e| e.mime.is_some()), show_enclosures)
                }),
                c(r#"attachment.sizeInBytes != nil"#, |d| {
                    every(&d[0], |i| enclosure(i, |e| e.length.is_some()), show_enclosures)
                }),
                c(r#"attachment.url.contains("cloudfront")"#, |d| {
                    every(&d[0], |i| enclosure(i, |e| e.url.contains("cloudfront")), show_enclosures)
                }),
                c(r#"size >= 22275279"#, |d| {
                    every(&d[0], |i| enclosure(i, |e| e.length.is_none_or(|l| l >= 22_275_279)), show_enclosures)
                }),
                c(r#"attachment.mimeType == "audio/mpeg""#, |d| {
                    every(&d[0], |i| enclosure(i, |e| e.mime.as_deref() == Some("audio/mpeg")), show_enclosures)
                }),
            ],
        ),
        (
            "theOmniShowUniqueIDs",
            vec![c(r#"article.uniqueID.hasPrefix("https://theomnishow.omnigroup.com/episode/")"#, |d| {
                every(
                    &d[0],
                    |i| i.1.guid.as_deref().unwrap_or("").starts_with("https://theomnishow.omnigroup.com/episode/"),
                    |i| format!("{:?}", i.1.guid),
                )
            })],
        ),
        // NetNewsWire makes up an MD5 id for items without a guid; we never invent one (deduplication falls
        // back to the link), so this fails on purpose.
        (
            "macworldUniqueIDs",
            vec![c(r#"article.uniqueID.count == 32"#, |d| {
                every(&d[0], |i| i.1.guid.as_deref().is_some_and(|g| g.len() == 32), |i| format!("{:?}", i.1.guid))
            })],
        ),
        (
            "macworldAuthors",
            vec![
                n(r#"author.emailAddress == nil"#, PERSON),
                n(r#"author.url == nil"#, PERSON),
                c(r#"author.name != nil"#, |d| every(&d[0], |i| i.1.author.is_some(), |_| "no author".into())),
            ],
        ),
        (
            "monkeyDomGuids",
            vec![c(r#"article.url == nil"#, |d| every(&d[0], link_not_from_guid, |i| format!("{:?}", i.1.link)))],
        ),
        (
            "emptyContentEncoded",
            vec![c(r#"article.contentHTML != nil"#, |d| {
                every(&d[0], |i| !raw(i).trim().is_empty(), |_| "empty body".into())
            })],
        ),
        (
            "feedKnownToHaveGuidsThatArentPermalinks",
            vec![c(r#"article.url == nil"#, |d| every(&d[0], link_not_from_guid, |i| format!("{:?}", i.1.link)))],
        ),
        (
            "authorsWithTitlesInside",
            vec![
                c(r#"article.title != "Product Manager, Office of the CTO""#, |d| {
                    every(&d[0], |i| i.1.title != "Product Manager, Office of the CTO", |i| i.1.title.clone())
                }),
                c(r#"article.title != "Developer Programs Engineer""#, |d| {
                    every(&d[0], |i| i.1.title != "Developer Programs Engineer", |i| i.1.title.clone())
                }),
                c(r#"article.title != "Product Director""#, |d| {
                    every(&d[0], |i| i.1.title != "Product Director", |i| i.1.title.clone())
                }),
            ],
        ),
        (
            "titlesWithInvalidFeedWithImageStructures",
            vec![c(r#"article.title != nil"#, |d| every(&d[0], |i| !i.1.title.is_empty(), |_| "untitled".into()))],
        ),
        ("feedLanguage", vec![n(r#"parsedFeed.language == "en-US""#, FEED_META)]),
        ("markdown1", vec![n(r#"article.markdown != nil"#, MARKDOWN)]),
        ("markdown2", vec![n(r#"article.markdown != nil"#, MARKDOWN)]),
        (
            "feedIconURL",
            vec![n(r#"parsedFeed.iconURL == "https://static.feedpress.it/logo/katiefloyd.png""#, FEED_META)],
        ),
        ("feedIconURLNotSetByItemLevelImages", vec![n(r#"parsedFeed.iconURL == nil"#, FEED_META)]),
        // NetNewsWire files an RSS <link> as externalURL; ours is the item's link.
        (
            "medscapeExternalURLs",
            vec![c(r#"article.externalURL != nil"#, |d| every(&d[0], |i| i.1.link.is_some(), |_| "no link".into()))],
        ),
        (
            "feedWithGB2312Encoding",
            vec![
                c(r#"parsedFeed.items.count > 0"#, |d| expect(!d[0].items().is_empty(), d[0].describe())),
                c(r#"article.contentHTML != nil"#, |d| {
                    every(&d[0], |i| !raw(i).trim().is_empty(), |_| "empty body".into())
                }),
            ],
        ),
        (
            "cdataBodyPreservesHTMLNamedEntities",
            vec![
                c(
                    r#"bodyWithNbsp != nil, "Expected at least one KatieFloyd item to contain literal &nbsp; in contentHTML""#,
                    |d| some(&d[0], |i| raw(i).contains("&nbsp;")),
                ),
                c(r#"!html.contains("\u{00A0}"), "unexpected decoded nbsp in contentHTML""#, |d| {
                    every(&d[0], |i| !raw(i).contains('\u{a0}'), |_| "a decoded no-break space".into())
                }),
            ],
        ),
        (
            "cdataBodyPreservesNumericEntities",
            vec![c(
                r#"bodyWithNumericEntity != nil, "Expected at least one DaringFireball item to contain literal &#8217; in contentHTML""#,
                |d| some(&d[0], |i| raw(i).contains("&#8217;")),
            )],
        ),
        (
            "gb2312FeedDecodesChineseCorrectly",
            vec![c(
                r#"parsedFeed.title == "投资资讯网交易在线--流通纪念币最新20篇论坛主题-全文""#,
                |d| feed_title(&d[0], "投资资讯网交易在线--流通纪念币最新20篇论坛主题-全文"),
            )],
        ),
        (
            "cjkItemTitlesPreserveMultiByteUTF8",
            vec![
                c(r#"!title.contains("\u{FFFD}"), "replacement character in title: \(title)""#, |d| {
                    every(&d[0], |i| !i.1.title.contains('\u{fffd}'), |i| i.1.title.clone())
                }),
                c(r#"sawChinese, "expected at least one kc0011 item title with CJK Unified Ideographs""#, |d| {
                    some(&d[0], |i| i.1.title.chars().any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)))
                }),
            ],
        ),
        (
            "rdfFeedParsesAsRSS",
            vec![
                c(r#"parsedFeed.title == "bioRxiv Subject Collection: Plant Biology""#, |d| {
                    feed_title(&d[0], "bioRxiv Subject Collection: Plant Biology")
                }),
                // Compared as URLs: the url crate writes the empty path of "http://biorxiv.org" as "/".
                c(r#"parsedFeed.homePageURL == "http://biorxiv.org""#, |d| {
                    let site = d[0].feed().and_then(|f| f.site_url.clone());
                    let want = url::Url::parse("http://biorxiv.org").ok();
                    expect(site.as_deref().and_then(|s| url::Url::parse(s).ok()) == want, site)
                }),
                c(r#"parsedFeed.items.count == 30"#, |d| count(&d[0], 30)),
                c(r#"item.title != nil, "RDF item missing title""#, |d| {
                    every(&d[0], |i| !i.1.title.is_empty(), |_| "untitled".into())
                }),
                c(r#"item.url != nil, "RDF item missing URL — rdf:about not consumed?""#, |d| {
                    every(&d[0], |i| i.1.link.is_some(), |_| "no link".into())
                }),
                c(r#"item.uniqueID.hasPrefix("http://biorxiv.org/cgi/content/")"#, |d| {
                    every(
                        &d[0],
                        |i| i.1.guid.as_deref().unwrap_or("").starts_with("http://biorxiv.org/cgi/content/"),
                        |i| format!("{:?}", i.1.guid),
                    )
                }),
            ],
        ),
        // Pinned MD5s of NetNewsWire's made-up ids: we never invent a guid, so this fails on purpose.
        (
            "macworldCalculatedUniqueIDsArePinnedMD5s",
            vec![c(r#"item.uniqueID == expectedID, "uniqueID for '\(title)' changed""#, |d| {
                let i =
                    titled(&d[0], "Black Friday Exclusive: Save Over 40% On The Nix Mini Color Sensor - Deal Alert")?;
                expect(i.1.guid.as_deref() == Some("7ee68b71282bbf0f9a203f5c362e048a"), &i.1.guid)
            })],
        ),
        (
            "daringFireballRSSItemIsByteStable",
            vec![
                c(r#"item.uniqueID == "tag:daringfireball.net,2016:/linked//6.32163""#, |d| {
                    let i = titled(&d[0], WRITS)?;
                    expect(i.1.guid.as_deref() == Some("tag:daringfireball.net,2016:/linked//6.32163"), &i.1.guid)
                }),
                c(r#"item.datePublished == Date(timeIntervalSince1970: 1_456_420_033)"#, |d| {
                    date_is(titled(&d[0], WRITS)?, 1_456_420_033)
                }),
                c(r#"html.count == 1360"#, |d| {
                    let i = titled(&d[0], WRITS)?;
                    expect(raw(i).chars().count() == 1360, raw(i).chars().count())
                }),
                c(r#"html.hasPrefix("<p>Amy Davidson, writing for The New Yorker:</p>")"#, |d| {
                    let i = titled(&d[0], WRITS)?;
                    expect(
                        raw(i).starts_with("<p>Amy Davidson, writing for The New Yorker:</p>"),
                        raw(i).chars().take(80).collect::<String>(),
                    )
                }),
                c(r#"html.contains("“all writs necessary"), "curly quotes must survive CDATA pass-through""#, |d| {
                    let i = titled(&d[0], WRITS)?;
                    expect(raw(i).contains("“all writs necessary"), "not in the parsed HTML")
                }),
            ],
        ),
        (
            "emarleyAuthorIsNameOnly",
            vec![
                c(r#"author.name == "Liz Marley""#, |d| {
                    let author = d[0].items().first().and_then(|i| i.1.author.clone());
                    expect(author.as_deref() == Some("Liz Marley"), author)
                }),
                n(r#"author.emailAddress == nil"#, PERSON),
                n(r#"author.url == nil"#, PERSON),
            ],
        ),
        (
            "nonStandardSlashDateFormatParsesCorrectly",
            vec![c(
                r#"jan10Items.count > 0, "Expected at least one kc0011 item dated 2020-01-10 — date format regression?""#,
                |d| {
                    // 2020-01-10T00:00:00Z and the day after.
                    some(&d[0], |i| {
                        epoch(i.1.published.as_deref()).is_some_and(|t| (1_578_614_400..1_578_700_800).contains(&t))
                    })
                },
            )],
        ),
        (
            "shopifyNamespaceDoesNotOverwriteTitle",
            vec![
                c(r#"item.title == "Real Product Title""#, |d| {
                    let title = d[0].items().first().map(|i| i.1.title.clone());
                    expect(title.as_deref() == Some("Real Product Title"), title)
                }),
                c(r#"item.contentHTML == "<p>Body HTML</p>""#, |d| {
                    let html = d[0].items().first().map(|i| i.0.html.clone());
                    expect(html.as_deref() == Some("<p>Body HTML</p>"), html)
                }),
                c(r#"item.authors?.first?.name == "Jane Maker""#, |d| {
                    let author = d[0].items().first().and_then(|i| i.1.author.clone());
                    expect(author.as_deref() == Some("Jane Maker"), author)
                }),
            ],
        ),
    ]
}
