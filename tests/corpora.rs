//! The real-world corpora in `../shared/corpora/feeds`: every document goes through decode → parse →
//! prepare_items without a panic or a hang, and the assertions NetNewsWire's and gofeed's own test suites make
//! about them hold for at least 95% of what our model can express. Fields we read differently on purpose are
//! listed in `docs/feed-parsing.md`.

mod gofeed;
mod gofeed_fields;
mod netnewswire;
mod netnewswire_atom;
mod netnewswire_checks;
mod netnewswire_rss;
mod pipeline;
mod score;
mod spot;
mod sweep;

use std::path::PathBuf;

/// Below this share of upstream's assertions the parser has regressed.
const REQUIRED_PERCENT: f64 = 95.0;

/// The corpora folder beside the checkout, or `None` (with a message) when this machine has none.
fn corpora() -> Option<PathBuf> {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpora/feeds"));
    if root.is_dir() {
        Some(root)
    } else {
        eprintln!("skipping: no corpora at {} (see ../shared/corpora/README.md)", root.display());
        None
    }
}

/// Prints the account and fails below the required share.
fn hold(name: &str, score: score::Score) {
    println!("{}", score.report(name));
    assert!(
        score.percent() >= REQUIRED_PERCENT,
        "{name}: {:.1}% of {} assertions hold; {REQUIRED_PERCENT}% are required (the failures are listed above)",
        score.percent(),
        score.total()
    );
}

#[test]
fn netnewswire_expectations_hold() {
    let Some(root) = corpora() else { return };
    hold("NetNewsWire expectations", netnewswire::score(&root));
}

#[test]
fn gofeed_expected_parses_hold() {
    let Some(root) = corpora() else { return };
    hold("gofeed expected parses", gofeed::score(&root));
}

#[test]
fn every_document_parses_or_is_refused_without_a_crash() {
    let Some(root) = corpora() else { return };
    let mut crashes = Vec::new();
    for corpus in ["netnewswire", "gofeed", "rome", "rust-rss", "feed-rs"] {
        let sweep = sweep::sweep(&root, corpus);
        println!("{}", sweep.report(corpus));
        crashes.extend(sweep.crashes);
    }
    assert!(crashes.is_empty(), "documents that crashed the pipeline:\n{}", crashes.join("\n"));
}

#[test]
fn feed_rs_rome_and_rust_rss_spot_checks_hold() {
    let Some(root) = corpora() else { return };
    let mut score = score::Score::default();
    spot::feed_rs(&root, &mut score);
    spot::rome(&root, &mut score);
    spot::rust_rss(&root, &mut score);
    println!("{}", score.report("feed-rs, ROME and rust-rss spot checks"));
    assert!(score.failed.is_empty(), "{} spot check(s) failed (listed above)", score.failed.len());
}
