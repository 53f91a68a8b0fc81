//! Counting assertions: passed, failed (with what we got), and those left out because the model has no place
//! for the field, each with its reason. Plus the comparisons the corpora share: text as a browser shows it,
//! URLs as parsed, instants whatever their offset.

use chrono::{DateTime, FixedOffset};
use scraper::{Html, Selector};
use std::collections::BTreeMap;
use url::Url;

/// The tally of one corpus.
#[derive(Default)]
pub struct Score {
    pub passed: usize,
    pub failed: Vec<String>,
    /// Reason → how many assertions it left out.
    pub not_modelled: BTreeMap<String, usize>,
}

impl Score {
    /// Records one assertion; `got` explains a failure.
    pub fn check(&mut self, label: impl Into<String>, ok: bool, got: impl FnOnce() -> String) {
        if ok {
            self.passed += 1;
        } else {
            self.failed.push(format!("{}\n      got: {}", label.into(), got()));
        }
    }

    /// Records an assertion about a field the model does not hold.
    pub fn not_modelled(&mut self, reason: &str) {
        *self.not_modelled.entry(reason.to_owned()).or_default() += 1;
    }

    pub fn total(&self) -> usize {
        self.passed + self.failed.len()
    }

    pub fn percent(&self) -> f64 {
        if self.total() == 0 { 100.0 } else { 100.0 * self.passed as f64 / self.total() as f64 }
    }

    /// The readable account printed by the test.
    pub fn report(&self, name: &str) -> String {
        let mut out =
            format!("\n=== {name}: {}/{} assertions hold ({:.1}%)\n", self.passed, self.total(), self.percent());
        if !self.failed.is_empty() {
            out.push_str(&format!("--- {} failed:\n", self.failed.len()));
            for f in &self.failed {
                out.push_str(&format!("  ✗ {f}\n"));
            }
        }
        let skipped: usize = self.not_modelled.values().sum();
        if skipped > 0 {
            out.push_str(&format!("--- {skipped} not scored (the model has no such field):\n"));
            for (reason, n) in &self.not_modelled {
                out.push_str(&format!("  · {n:>3} × {reason}\n"));
            }
        }
        out
    }
}

/// The text a browser shows for `html`, whitespace removed so line-breaking choices do not count. A character
/// reference must end with `;` (as in XML): HTML's legacy `&copy` without one is how URLs get mangled, and
/// gofeed's expectations keep such text as written.
pub fn browser_text(html: &str) -> String {
    let strict = html.split('&').enumerate().fold(String::new(), |mut out, (i, part)| {
        if i > 0 {
            let reference = part.split_once(';').is_some_and(|(name, _)| {
                let name = name.strip_prefix('#').unwrap_or(name);
                !name.is_empty() && name.len() <= 32 && name.chars().all(|c| c.is_ascii_alphanumeric())
            });
            out.push_str(if reference { "&" } else { "&amp;" });
        }
        out.push_str(part);
        out
    });
    let fragment = Html::parse_fragment(&strict);
    let text: String = fragment.root_element().text().collect();
    squeeze(&text)
}

/// `text` without any whitespace.
pub fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The absolute URLs `html` links to or embeds (href, src), resolved against `base`.
pub fn urls_in(html: &str, base: &Url) -> Vec<String> {
    let fragment = Html::parse_fragment(html);
    let selector = Selector::parse("[href], [src]").expect("static selector");
    fragment
        .select(&selector)
        .flat_map(|e| [e.value().attr("href"), e.value().attr("src")])
        .flatten()
        .filter_map(|u| base.join(u.trim()).ok())
        .map(|u| u.to_string())
        .collect()
}

/// Whether `ours` is the URL `expected` names, once both are resolved against `base` and normalised.
pub fn same_url(expected: &str, ours: Option<&str>, base: &Url) -> bool {
    let Some(ours) = ours else { return false };
    match (base.join(expected.trim()), base.join(ours.trim())) {
        (Ok(a), Ok(b)) => a == b,
        _ => expected.trim() == ours.trim(),
    }
}

/// Whether two dates are the same instant to the second (the offsets may differ: we keep the feed's own; and
/// the model keeps whole seconds).
pub fn same_instant(expected: &str, ours: Option<&str>) -> bool {
    let parse = |s: &str| DateTime::parse_from_rfc3339(s.trim()).ok();
    match (parse(expected), ours.and_then(parse)) {
        (Some(a), Some(b)) => a.timestamp() == b.timestamp(),
        _ => false,
    }
}

/// An RFC 3339 date as seconds since the epoch.
pub fn epoch(date: Option<&str>) -> Option<i64> {
    date.and_then(|d| DateTime::<FixedOffset>::parse_from_rfc3339(d).ok()).map(|d| d.timestamp())
}

/// The names in our author field (we join several with ", ").
pub fn author_names(author: Option<&str>) -> Vec<String> {
    author.map(|a| a.split(", ").map(|n| n.trim().to_owned()).collect()).unwrap_or_default()
}
