//! NetNewsWire's assertions (`netnewswire/expectations.derived.json`) about the documents in the corpus. Each
//! entry with a document is run with the base URL it names; each of its Swift assertions is looked up in
//! `netnewswire_checks.rs`, which restates it against our model (or says why our model has no such field).
//! An assertion with no restatement fails, so the table cannot silently fall behind the expectations.

use super::netnewswire_checks::{Eval, checks};
use super::pipeline::{self, Outcome};
use super::score::Score;
use jianbao::model::{CleanItem, ParsedItem};
use serde::Deserialize;
use std::path::Path;
use url::Url;

#[derive(Deserialize)]
struct Entry {
    test_file: String,
    test: String,
    resources: Vec<Resource>,
    expects_swift: Vec<String>,
}

#[derive(Deserialize)]
struct Resource {
    file: String,
    base_url: String,
}

/// Scores every expectation that names a document (the others test NetNewsWire's own XML and HTML
/// machinery on inline strings, which have no document here).
pub fn score(root: &Path) -> Score {
    let dir = root.join("netnewswire");
    let text = std::fs::read_to_string(dir.join("expectations.derived.json")).expect("expectations");
    let entries: Vec<Entry> = serde_json::from_str(&text).expect("expectations JSON");
    let table = checks();
    let mut s = Score::default();
    for entry in entries.iter().filter(|e| !e.resources.is_empty()) {
        let docs: Vec<Outcome> = entry
            .resources
            .iter()
            .map(|r| pipeline::outcome(&dir.join(&r.file), &Url::parse(&r.base_url).expect("base URL")))
            .collect();
        let files: Vec<&str> = entry.resources.iter().map(|r| r.file.as_str()).collect();
        let key = (entry.test_file.as_str(), entry.test.as_str());
        let ours = table.iter().find(|((file, test), _)| (*file, *test) == key).map(|(_, evals)| evals);
        for (i, swift) in entry.expects_swift.iter().enumerate() {
            let label = format!("{} › {} {:?}: {swift}", entry.test_file, entry.test, files);
            match ours.and_then(|evals| evals.get(i)) {
                Some((text, _)) if text != swift => {
                    s.check(label, false, || format!("the table restates {text:?} here; it is out of date"))
                }
                Some((_, Eval::NotModelled(reason))) => s.not_modelled(reason),
                Some((_, Eval::Check(check))) => {
                    let result = check(&docs);
                    s.check(label, result.is_ok(), || result.err().unwrap_or_default());
                }
                None => s.check(label, false, || "no restatement in netnewswire_checks.rs".into()),
            }
        }
    }
    s
}

/// An item and what was stored of it.
pub type Item = (ParsedItem, CleanItem);

/// The item with this title, or why there is none.
pub fn titled<'a>(doc: &'a Outcome, title: &str) -> Result<&'a Item, String> {
    doc.items()
        .iter()
        .find(|(_, c)| c.title == title)
        .ok_or_else(|| format!("no item titled {title:?} in {}", doc.describe()))
}

/// The item with this guid, or why there is none.
pub fn with_guid<'a>(doc: &'a Outcome, guid: &str) -> Result<&'a Item, String> {
    doc.items()
        .iter()
        .find(|(_, c)| c.guid.as_deref() == Some(guid))
        .ok_or_else(|| format!("no item with guid {guid:?} in {}", doc.describe()))
}

/// Passes when every item satisfies `ok`; otherwise names the first that does not. A document that gave no
/// items fails too: NetNewsWire's loops assume the parse succeeded.
pub fn every(doc: &Outcome, ok: impl Fn(&Item) -> bool, show: impl Fn(&Item) -> String) -> Result<(), String> {
    if doc.items().is_empty() {
        return Err(format!("no items: {}", doc.describe()));
    }
    match doc.items().iter().find(|i| !ok(i)) {
        Some(bad) => Err(format!("{:?}: {}", bad.1.title, show(bad))),
        None => Ok(()),
    }
}

/// Passes when some item satisfies `ok`.
pub fn some(doc: &Outcome, ok: impl Fn(&Item) -> bool) -> Result<(), String> {
    if doc.items().iter().any(ok) { Ok(()) } else { Err(format!("no such item among {}", doc.describe())) }
}

/// Turns a comparison into a result that shows what we had.
pub fn expect(ok: bool, got: impl std::fmt::Debug) -> Result<(), String> {
    if ok { Ok(()) } else { Err(format!("{got:?}")) }
}
