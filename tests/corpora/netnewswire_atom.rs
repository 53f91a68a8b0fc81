//! NetNewsWire's `AtomParserTests.swift` assertions about corpus documents, restated (see
//! `netnewswire_checks.rs` for the conventions).

use super::netnewswire::{every, expect, some, titled, with_guid};
use super::netnewswire_checks::{
    FEED_META, LANGUAGE, PERSON, RELATED, Table, c, count, date_is, n, names, raw, stored,
};
use super::pipeline::Outcome;

const QEMU_10_1: &str = "QEMU version 10.1.0 released";
const VIRGIN: &str = "Virgin Mobile Partners With Apple to Go iPhone-Only With $1 Service";
const ZELLER: &str = "Andreas Zeller on Creating Nasty Test Inputs";
const SWISHER: &str = "Kara Swisher: ‘Susan Fowler Proved That One Person Can Make a Difference’";

fn link_of(d: &Outcome, title: &str, want: &str) -> Result<(), String> {
    let i = titled(d, title)?;
    expect(i.1.link.as_deref() == Some(want), &i.1.link)
}

fn pappacoda_has(d: &[Outcome], needle: &str) -> Result<(), String> {
    let i = titled(&d[0], "C su Windows")?;
    expect(stored(i).contains(needle), "not in the stored HTML")
}

pub fn atom_tests() -> Table {
    vec![
        (
            "articlePermalinks",
            vec![
                c(r#"item.url == "https://www.qemu.org/2025/08/26/qemu-10-1-0/""#, |d| {
                    link_of(&d[0], QEMU_10_1, "https://www.qemu.org/2025/08/26/qemu-10-1-0/")
                }),
                c(r#"foundTestArticle"#, |d| titled(&d[0], QEMU_10_1).map(|_| ())),
                c(r#"item.url == "https://daringfireball.net/linked/2017/06/26/virgin-mobile-iphone-only""#, |d| {
                    link_of(&d[1], VIRGIN, "https://daringfireball.net/linked/2017/06/26/virgin-mobile-iphone-only")
                }),
                c(r#"foundTestArticle"#, |d| titled(&d[1], VIRGIN).map(|_| ())),
                c(r#"item.url == "https://neverworkintheory.org/2023/06/13/zeller-andreas.html""#, |d| {
                    link_of(&d[2], ZELLER, "https://neverworkintheory.org/2023/06/13/zeller-andreas.html")
                }),
                c(r#"foundTestArticle"#, |d| titled(&d[2], ZELLER).map(|_| ())),
            ],
        ),
        (
            "xmlBaseResolvesRelativeURLsInXHTMLContent",
            vec![
                n(r#"parsedFeed.iconURL == "https://andrea.pappacoda.it/assets/debian-button.gif""#, FEED_META),
                n(r#"parsedFeed.faviconURL == "https://andrea.pappacoda.it/andrea_pappacoda.jpg""#, FEED_META),
                c(r#"item.uniqueID == "tag:andrea.pappacoda.it,2023-06-09:c_su_windows""#, |d| {
                    let i = titled(&d[0], "C su Windows")?;
                    expect(i.1.guid.as_deref() == Some("tag:andrea.pappacoda.it,2023-06-09:c_su_windows"), &i.1.guid)
                }),
                c(r#"item.url == "https://andrea.pappacoda.it/blog/c_su_windows/""#, |d| {
                    link_of(&d[0], "C su Windows", "https://andrea.pappacoda.it/blog/c_su_windows/")
                }),
                c(
                    r#"html.contains("src=\"https://andrea.pappacoda.it/blog/c_su_windows/c_su_windows_visual_studio_componenti.png\"")"#,
                    |d| {
                        pappacoda_has(
                            d,
                            "src=\"https://andrea.pappacoda.it/blog/c_su_windows/c_su_windows_visual_studio_componenti.png\"",
                        )
                    },
                ),
                c(
                    r#"html.contains("srcset=\"https://andrea.pappacoda.it/blog/c_su_windows/c_su_windows_visual_studio_componenti_light.png\"")"#,
                    |d| {
                        pappacoda_has(
                            d,
                            "srcset=\"https://andrea.pappacoda.it/blog/c_su_windows/c_su_windows_visual_studio_componenti_light.png",
                        )
                    },
                ),
                c(r#"html.contains("src=\"https://andrea.pappacoda.it/blog/c_su_windows/clangd_path.png\"")"#, |d| {
                    pappacoda_has(d, "src=\"https://andrea.pappacoda.it/blog/c_su_windows/clangd_path.png\"")
                }),
                c(r#"!html.contains("src=\"clangd_path.png\"")"#, |d| {
                    let i = titled(&d[0], "C su Windows")?;
                    expect(!stored(i).contains("src=\"clangd_path.png\""), "a relative src was stored")
                }),
                c(r#"html.contains("xmlns=\"http://www.w3.org/1999/xhtml\"")"#, |d| {
                    let i = titled(&d[0], "C su Windows")?;
                    expect(
                        raw(i).contains("xmlns=\"http://www.w3.org/1999/xhtml\""),
                        raw(i).chars().take(120).collect::<String>(),
                    )
                }),
            ],
        ),
        (
            "fragmentAndEmptyHrefsSurviveXMLBase",
            vec![
                c(r#"!fragmentHrefs.isEmpty, "fragment-only hrefs must stay fragment-only""#, |d| {
                    some(&d[0], |i| stored(i).contains("href=\"#fn"))
                }),
                c(
                    r#"!parsedFeed.items.contains { $0.url?.hasSuffix("wp-atom.php") ?? false }, "empty link hrefs must not resolve to the base""#,
                    |d| {
                        every(
                            &d[0],
                            |i| !i.1.link.as_deref().unwrap_or("").ends_with("wp-atom.php"),
                            |i| format!("{:?}", i.1.link),
                        )
                    },
                ),
            ],
        ),
        (
            "articleExternalLinks",
            vec![
                n(
                    r#"item.externalURL == "https://www.recode.net/2017/6/21/15844852/uber-toxic-bro-company-culture-susan-fowler-blog-post""#,
                    RELATED,
                ),
                c(r#"foundTestArticle"#, |d| titled(&d[0], SWISHER).map(|_| ())),
                c(r#"parsedFeed.items.count > 0"#, |d| expect(!d[1].items().is_empty(), d[1].describe())),
                n(r#"item.externalURL == nil"#, RELATED),
            ],
        ),
        (
            "daringFireball",
            vec![
                c(r#"article.url != nil"#, |d| every(&d[0], |i| i.1.link.is_some(), |_| "no link".into())),
                c(r#"article.uniqueID.hasPrefix("tag:daringfireball.net,2017:/")"#, |d| {
                    every(
                        &d[0],
                        |i| i.1.guid.as_deref().unwrap_or("").starts_with("tag:daringfireball.net,2017:/"),
                        |i| format!("{:?}", i.1.guid),
                    )
                }),
                c(r#"authors.count == 1"#, |d| every(&d[0], |i| names(i).len() == 1, |i| format!("{:?}", i.1.author))),
                n(r#"author.url == nil"#, PERSON),
                c(r#"author.name == "John Gruber""#, |d| {
                    let ok = |i: &super::netnewswire::Item| {
                        matches!(i.1.author.as_deref(), Some("John Gruber" | "Daring Fireball Department of Commerce"))
                    };
                    every(&d[0], ok, |i| format!("{:?}", i.1.author))
                }),
                n(r#"author.url == "http://daringfireball.net/""#, PERSON),
                c(r#"article.datePublished != nil"#, |d| {
                    every(&d[0], |i| i.1.published.is_some(), |_| "no date".into())
                }),
                c(r#"article.attachments == nil"#, |d| {
                    every(&d[0], |i| i.1.enclosures.is_empty(), |i| format!("{:?}", i.1.enclosures))
                }),
                n(r#"article.language == "en""#, LANGUAGE),
            ],
        ),
        (
            "fsodonlineAttachments",
            vec![
                c(r#"attachments.count > 0"#, |d| every(&d[0], |i| !i.1.enclosures.is_empty(), |_| "none".into())),
                c(r#"attachment.url.hasPrefix("http://www.blogger.com/video-play.mp4?")"#, |d| {
                    every(
                        &d[0],
                        |i| {
                            i.1.enclosures
                                .first()
                                .is_some_and(|e| e.url.starts_with("http://www.blogger.com/video-play.mp4?"))
                        },
                        |i| format!("{:?}", i.1.enclosures),
                    )
                }),
                c(r#"attachment.sizeInBytes == nil"#, |d| {
                    every(
                        &d[0],
                        |i| i.1.enclosures.first().is_some_and(|e| e.length.is_none()),
                        |i| format!("{:?}", i.1.enclosures),
                    )
                }),
                c(r#"attachment.mimeType == "video/mp4""#, |d| {
                    every(
                        &d[0],
                        |i| i.1.enclosures.first().is_some_and(|e| e.mime.as_deref() == Some("video/mp4")),
                        |i| format!("{:?}", i.1.enclosures),
                    )
                }),
            ],
        ),
        (
            "expertOpinionENTAttachments",
            vec![
                // NetNewsWire skips items without attachments here, so only those with some are held to it.
                c(r#"attachments.count == 1"#, |d| with_attachments(d, |e| e.len() == 1)),
                c(r#"attachment.url.hasSuffix(".mp3")"#, |d| with_attachments(d, |e| e[0].url.ends_with(".mp3"))),
                c(r#"attachment.sizeInBytes == nil"#, |d| with_attachments(d, |e| e[0].length.is_none())),
                c(r#"attachment.mimeType == "audio/mpeg""#, |d| {
                    with_attachments(d, |e| e[0].mime.as_deref() == Some("audio/mpeg"))
                }),
            ],
        ),
        (
            "feedIconURL",
            vec![n(r#"parsedFeed.iconURL == "https://fvsch.com/assets/images/icon.png?v=ql0r5y""#, FEED_META)],
        ),
        (
            "authorAtRoot",
            vec![
                c(r#"author != nil"#, |d| every(&d[0], |i| i.1.author.is_some(), |_| "no author".into())),
                c(r#"author?.name == "Florens Verschelde""#, |d| {
                    every(
                        &d[0],
                        |i| i.1.author.as_deref() == Some("Florens Verschelde"),
                        |i| format!("{:?}", i.1.author),
                    )
                }),
                n(r#"author?.url == nil"#, PERSON),
                n(r#"author?.avatarURL == nil"#, PERSON),
                n(r#"author?.emailAddress == nil"#, PERSON),
            ],
        ),
        (
            "xhtmlContentCapturedAsRawBytes",
            vec![
                c(r#"withXmlns, "expected at least one xhtml body to preserve xmlns declaration""#, |d| {
                    some(&d[0], |i| raw(i).contains("xmlns=\"http://www.w3.org/1999/xhtml\""))
                }),
                c(r#"withSelfClosing, "expected at least one xhtml body to preserve self-closing <br />""#, |d| {
                    some(&d[0], |i| raw(i).contains("<br />"))
                }),
            ],
        ),
        (
            "qemuAtomItemIsByteStable",
            vec![
                c(r#"item.uniqueID == "/2024/04/23/qemu-9-0-0""#, |d| {
                    let i = titled(&d[0], "QEMU version 9.0.0 released")?;
                    expect(i.1.guid.as_deref() == Some("/2024/04/23/qemu-9-0-0"), &i.1.guid)
                }),
                c(r#"item.datePublished == Date(timeIntervalSince1970: 1_713_913_320)"#, |d| {
                    date_is(titled(&d[0], "QEMU version 9.0.0 released")?, 1_713_913_320)
                }),
                c(r#"html.count == 2221"#, |d| {
                    let i = titled(&d[0], "QEMU version 9.0.0 released")?;
                    expect(raw(i).chars().count() == 2221, raw(i).chars().count())
                }),
                c(r#"html.hasPrefix("<p>We’d like to announce the availability of the QEMU 9.0.0 release")"#, |d| {
                    let i = titled(&d[0], "QEMU version 9.0.0 released")?;
                    let prefix = "<p>We’d like to announce the availability of the QEMU 9.0.0 release";
                    expect(raw(i).starts_with(prefix), raw(i).chars().take(80).collect::<String>())
                }),
                c(r#"html.contains("2700+ commits from 220 authors")"#, |d| {
                    let i = titled(&d[0], "QEMU version 9.0.0 released")?;
                    expect(stored(i).contains("2700+ commits from 220 authors"), "not in the stored HTML")
                }),
            ],
        ),
        (
            "qemuAtomSecondItemDateParses",
            vec![c(r#"item.datePublished == Date(timeIntervalSince1970: 1_725_404_880)"#, |d| {
                date_is(titled(&d[0], "QEMU version 9.1.0 released")?, 1_725_404_880)
            })],
        ),
        (
            "summaryAndContentBothPreserved",
            vec![
                c(r#"item.summary == "How an untrusted server can publish a verifiably append-only log.""#, |d| {
                    let i = titled(&d[0], "Transparent Logs for Skeptical Clients")?;
                    expect(
                        i.1.summary.as_deref()
                            == Some("How an untrusted server can publish a verifiably append-only log."),
                        &i.1.summary,
                    )
                }),
                c(
                    r#"html.contains("Suppose we want to maintain and publish a public, append-only log of data.")"#,
                    |d| {
                        let i = titled(&d[0], "Transparent Logs for Skeptical Clients")?;
                        let want = "Suppose we want to maintain and publish a public, append-only log of data.";
                        expect(stored(i).contains(want), "not in the stored HTML")
                    },
                ),
            ],
        ),
        (
            "shopifyNamespaceDoesNotOverwriteTitle",
            vec![
                c(r#"parsedFeed.items.count == 25"#, |d| count(&d[0], 25)),
                c(r#"!parsedFeed.items.contains { $0.title == "Default Title" }"#, |d| {
                    every(&d[0], |i| i.1.title != "Default Title", |i| i.1.title.clone())
                }),
                c(r#"item.title == "Revue Faire — no. 56 (Reading Until I Sleep: Manuel Raeder)""#, |d| {
                    let i = with_guid(&d[0], "https://draw-down.com/products/9225111929086")?;
                    expect(i.1.title == "Revue Faire — no. 56 (Reading Until I Sleep: Manuel Raeder)", &i.1.title)
                }),
            ],
        ),
    ]
}

/// Holds `ok` for the enclosures of every item that has some; fails when no item has any.
fn with_attachments(d: &[Outcome], ok: impl Fn(&[jianbao::model::Enclosure]) -> bool) -> Result<(), String> {
    let with: Vec<_> = d[0].items().iter().filter(|i| !i.1.enclosures.is_empty()).collect();
    if with.is_empty() {
        return Err(format!("no item has attachments in {}", d[0].describe()));
    }
    match with.iter().find(|i| !ok(&i.1.enclosures)) {
        Some(bad) => Err(format!("{:?}: {:?}", bad.1.title, bad.1.enclosures)),
        None => Ok(()),
    }
}
