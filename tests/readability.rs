//! Extraction checked against pages we did not write: Mozilla Readability's 130 test pages in
//! `../shared/corpora/pages/readability`, each with the article Readability.js extracts from it. The text of our
//! article is compared with theirs token by token (words for Latin text, single characters for CJK, so Chinese
//! pages are measured fairly); the mean F1 must hold at 0.90. Titles are compared with the expected metadata
//! and reported. How we read pages differently, and why, is in `docs/extraction.md`.

mod fixtures;

use jianbao::decode::decode;
use jianbao::extract::{extract_article, extract_by_density};
use jianbao::sanitize::{Sanitizer, html_to_text};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use url::Url;

/// Below this mean F1 over all pages, extraction has regressed.
const REQUIRED_MEAN_F1: f64 = 0.90;

/// Below this mean F1 on the Chinese pages, the density reader alone (the fallback) has regressed.
const REQUIRED_FALLBACK_F1: f64 = 0.90;

/// The base URL Readability's own tests extract with.
const BASE: &str = "http://fakehost/test/page.html";

/// The Chinese pages of the corpus.
const CHINESE: [&str; 4] = ["gmw", "youth", "qq", "pixnet"];

/// The corpus beside the checkout, or None (with a message) when this machine has none.
fn corpus() -> Option<PathBuf> {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpora/pages/readability"));
    if root.is_dir() {
        Some(root)
    } else {
        eprintln!("skipping: no Readability test pages at {} (see ../shared/corpora/README.md)", root.display());
        None
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

/// The tokens of a text, counted: lower-cased runs of letters and digits, and each CJK character on its own.
fn tokens(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    let mut word = String::new();
    let flush = |word: &mut String, counts: &mut HashMap<String, usize>| {
        if !word.is_empty() {
            *counts.entry(std::mem::take(word)).or_insert(0) += 1;
        }
    };
    for c in text.chars() {
        if is_cjk(c) {
            flush(&mut word, &mut counts);
            *counts.entry(c.to_string()).or_insert(0) += 1;
        } else if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else {
            flush(&mut word, &mut counts);
        }
    }
    flush(&mut word, &mut counts);
    counts
}

/// Token F1 of `ours` against `expected`: 1 when both are empty, 0 when only one is.
fn f1(ours: &str, expected: &str) -> f64 {
    let (ours, expected) = (tokens(ours), tokens(expected));
    let (n_ours, n_expected) = (ours.values().sum::<usize>(), expected.values().sum::<usize>());
    if n_ours == 0 || n_expected == 0 {
        return if n_ours == n_expected { 1.0 } else { 0.0 };
    }
    let overlap: usize = ours.iter().map(|(t, n)| (*n).min(*expected.get(t).unwrap_or(&0))).sum();
    let (precision, recall) = (overlap as f64 / n_ours as f64, overlap as f64 / n_expected as f64);
    if overlap == 0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) }
}

fn same_title(ours: Option<&str>, expected: Option<&str>) -> bool {
    let norm = |s: Option<&str>| s.unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ");
    norm(ours) == norm(expected)
}

/// One page's outcome.
struct Page {
    name: String,
    f1: f64,
    title_agrees: bool,
    readerable: bool,
    note: &'static str,
    /// The density reader's F1 alone, measured on the Chinese pages.
    density_f1: Option<f64>,
}

fn read_page(dir: &Path, sanitizer: &Sanitizer, base: &Url) -> Page {
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let source = std::fs::read(dir.join("source.html")).expect("source.html");
    let expected_html = std::fs::read_to_string(dir.join("expected.html")).unwrap_or_default();
    let meta: serde_json::Value = std::fs::read_to_string(dir.join("expected-metadata.json"))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    let expected = html_to_text(&sanitizer.html(&expected_html));
    let page = decode(&source, None);
    let (ours, title, note) = match extract_article(&page.text, base) {
        Ok(article) => (html_to_text(&sanitizer.html(&article.content_html)), article.title, ""),
        Err(_) => (String::new(), None, "no article"),
    };
    let density_f1 = CHINESE.contains(&name.as_str()).then(|| {
        let alone = extract_by_density(&page.text, base).map(|a| html_to_text(&sanitizer.html(&a.content_html)));
        f1(&alone.unwrap_or_default(), &expected)
    });
    Page {
        density_f1,
        f1: f1(&ours, &expected),
        title_agrees: same_title(title.as_deref(), meta["title"].as_str()),
        readerable: meta["readerable"].as_bool().unwrap_or(true),
        note,
        name,
    }
}

fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    if n == 0 { 0.0 } else { sum / n as f64 }
}

#[test]
fn extraction_agrees_with_readability_on_its_own_test_pages() {
    let Some(root) = corpus() else { return };
    let base = Url::parse(BASE).unwrap();
    let sanitizer = Sanitizer::new(Some(&base));
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("corpus folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("source.html").is_file())
        .collect();
    dirs.sort();
    let pages: Vec<Page> = dirs.iter().map(|d| read_page(d, &sanitizer, &base)).collect();
    for p in &pages {
        let flags = format!("{}{}", if p.readerable { "" } else { " (not readerable)" }, p.note);
        println!("{:<48} F1 {:.3}  title {}{flags}", p.name, p.f1, if p.title_agrees { "same" } else { "differs" });
    }
    let all = mean(pages.iter().map(|p| p.f1));
    let chinese = mean(pages.iter().filter(|p| CHINESE.contains(&p.name.as_str())).map(|p| p.f1));
    let titles = pages.iter().filter(|p| p.title_agrees).count();
    let fallback = mean(pages.iter().filter_map(|p| p.density_f1));
    let each: Vec<String> = pages.iter().filter_map(|p| Some(format!("{} {:.3}", p.name, p.density_f1?))).collect();
    println!("density reader alone on the Chinese pages: {} (mean {fallback:.3})", each.join(", "));
    let mut worst: Vec<&Page> = pages.iter().collect();
    worst.sort_by(|a, b| a.f1.total_cmp(&b.f1));
    println!(
        "worst ten: {}",
        worst.iter().take(10).map(|p| format!("{} {:.3}", p.name, p.f1)).collect::<Vec<_>>().join(", ")
    );
    println!(
        "mean F1 {all:.3} over {} pages; Chinese pages ({}) {chinese:.3}; titles agree on {titles} of {} ({:.0}%)",
        pages.len(),
        CHINESE.join(", "),
        pages.len(),
        100.0 * titles as f64 / pages.len().max(1) as f64
    );
    assert!(pages.len() >= 100, "only {} pages found in {}", pages.len(), root.display());
    assert!(all >= REQUIRED_MEAN_F1, "mean F1 {all:.3} is below {REQUIRED_MEAN_F1} (each page's figure is above)");
    assert!(fallback >= REQUIRED_FALLBACK_F1, "the density reader alone reads the Chinese pages at {fallback:.3}");
}

#[test]
fn tokens_are_words_for_latin_text_and_characters_for_cjk() {
    let t = tokens("The Rover's 2 wheels 光明网");
    assert_eq!(t.len(), 8);
    assert_eq!(t["the"], 1);
    assert_eq!(t["光"], 1);
    assert!((f1("a b c", "a b d") - 2.0 / 3.0).abs() < 1e-9);
    assert_eq!(f1("", ""), 1.0);
}
