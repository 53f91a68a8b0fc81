//! Spot checks on the corpora without upstream assertions we score: feed-rs's own parses (item counts and first
//! titles from each `.serde.json`), ROME's numbered samples of every RSS and Atom version, and a few rust-rss
//! extension documents.

use super::pipeline::{self, Outcome};
use super::score::{Score, browser_text, squeeze};
use super::sweep::documents;
use serde_json::Value;
use std::path::Path;
use url::Url;

fn base() -> Url {
    Url::parse("http://corpus.test/feed.xml").expect("static URL")
}

/// Every feed-rs document read with the same number of items, the first titled alike.
pub fn feed_rs(root: &Path, s: &mut Score) {
    for doc in documents(&root.join("feed-rs")) {
        let name = doc.to_string_lossy().into_owned();
        let stem = name.rsplit_once('.').map(|(s, _)| s).unwrap_or(&name);
        let Ok(text) = std::fs::read_to_string(format!("{stem}.serde.json")) else { continue };
        let theirs: Value = serde_json::from_str(&text).expect("feed-rs's parse");
        let entries = theirs["entries"].as_array().cloned().unwrap_or_default();
        let ours = pipeline::outcome(&doc, &base());
        let label = doc.strip_prefix(root).unwrap_or(&doc).display().to_string();
        let n = ours.items().len();
        s.check(format!("{label}: {} item(s)", entries.len()), n == entries.len(), || ours.describe());
        if let (Some(title), Some(first)) =
            (entries.first().and_then(|e| e["title"]["content"].as_str()), ours.items().first())
        {
            let ok = squeeze(&first.1.title) == browser_text(title);
            s.check(format!("{label}: first title {title:?}"), ok, || format!("{:?}", first.1.title));
        }
    }
}

/// ROME's samples number their fields: the first item of every RSS and Atom version is titled `…[0].title`.
pub fn rome(root: &Path, s: &mut Score) {
    for doc in documents(&root.join("rome/core")) {
        let name = doc.file_name().and_then(|n| n.to_str()).unwrap_or("").to_owned();
        let numbered = std::fs::read(&doc).is_ok_and(|b| String::from_utf8_lossy(&b).contains("[0].title"));
        if !numbered {
            continue;
        }
        let ours = pipeline::outcome(&doc, &base());
        let first = ours.items().first().map(|i| i.1.title.clone()).unwrap_or_default();
        s.check(format!("rome/core/{name}: first item titled …[0].title"), first.ends_with("[0].title"), || {
            format!("{first:?} ({})", ours.describe())
        });
    }
}

/// rust-rss's extension samples: Dublin Core, iTunes and content:encoded reach our fields.
pub fn rust_rss(root: &Path, s: &mut Score) {
    let item = |file: &str| pipeline::outcome(&root.join("rust-rss").join(file), &base());
    let first = |o: &Outcome| o.items().first().map(|i| i.1.clone()).unwrap_or_default();
    let dc = first(&item("dublincore.xml"));
    s.check("rust-rss/dublincore.xml: dc:creator is the author", dc.author.as_deref() == Some("Creator"), || {
        format!("{:?}", dc.author)
    });
    s.check("rust-rss/dublincore.xml: dc:subject is a category", dc.categories.contains(&"Subject".into()), || {
        format!("{:?}", dc.categories)
    });
    let itunes = first(&item("itunes.xml"));
    s.check("rust-rss/itunes.xml: itunes:author is the author", itunes.author.as_deref() == Some("Author"), || {
        format!("{:?}", itunes.author)
    });
    let sample = item("rss2sample.xml");
    s.check("rust-rss/rss2sample.xml: 4 items", sample.items().len() == 4, || sample.describe());
    let content = first(&item("content.xml"));
    s.check("rust-rss/content.xml: content:encoded is the body", !content.html.is_empty(), || content.html.clone());
}
