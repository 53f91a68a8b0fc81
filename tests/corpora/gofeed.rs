//! gofeed's expected parses (`parser/{atom,rss}/X.json` beside `X.xml`, `parser/json/X_expected.json` beside
//! `X.json`) mapped onto our model: every leaf gofeed expects is one assertion, scored against the feed as the
//! program would store it, or counted as "not modelled" with the reason when we keep no such field.

use super::pipeline::{self, Outcome};
use super::score::{Score, author_names, browser_text, same_instant, same_url, squeeze};
use jianbao::model::{CleanItem, ParsedItem};
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};
use url::Url;

/// gofeed parses without a URL; relative links in both parses are resolved against this one.
const BASE: &str = "http://gofeed.test/feed";

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Rss,
    Atom,
    Json,
}

/// Each expected parse with its document, in a stable order.
fn cases(root: &Path) -> Vec<(Format, PathBuf, PathBuf)> {
    let mut found = Vec::new();
    for (dir, format) in [("atom", Format::Atom), ("rss", Format::Rss), ("json", Format::Json)] {
        let Ok(entries) = std::fs::read_dir(root.join("gofeed/parser").join(dir)) else { continue };
        for path in entries.flatten().map(|e| e.path()) {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_owned();
            let doc = match format {
                Format::Json => name.strip_suffix("_expected.json").map(|s| path.with_file_name(format!("{s}.json"))),
                _ => name.strip_suffix(".json").map(|s| path.with_file_name(format!("{s}.xml"))),
            };
            if let Some(doc) = doc.filter(|d| d.exists()) {
                found.push((format, doc, path));
            }
        }
    }
    found.sort_by(|a, b| a.1.cmp(&b.1));
    found
}

/// Scores every expected parse under `root` (the `feeds` folder).
pub fn score(root: &Path) -> Score {
    let mut s = Score::default();
    let base = Url::parse(BASE).expect("static URL");
    for (format, doc, expected) in cases(root) {
        let expected: Value = serde_json::from_str(&std::fs::read_to_string(&expected).expect("readable"))
            .unwrap_or_else(|e| panic!("{}: {e}", expected.display()));
        let outcome = pipeline::outcome(&doc, &base);
        let name = doc.strip_prefix(root).unwrap_or(&doc).display().to_string();
        let mut case = Case { s: &mut s, doc: name, base: &base, format };
        case.feed(expected.as_object().expect("an object"), &outcome);
    }
    s
}

pub(super) struct Case<'a> {
    pub(super) s: &'a mut Score,
    pub(super) doc: String,
    pub(super) base: &'a Url,
    format: Format,
}

impl Case<'_> {
    pub(super) fn check(&mut self, what: &str, expected: &Value, ok: bool, got: impl FnOnce() -> String) {
        let label = format!("{} {what} = {expected}", self.doc);
        self.s.check(label, ok, got);
    }

    /// Text as the reader shows it: XML formats may carry HTML in any text field, JSON Feed titles are text.
    pub(super) fn text(&self, value: &str) -> String {
        if self.format == Format::Json { squeeze(value) } else { browser_text(value) }
    }

    fn feed(&mut self, exp: &Map<String, Value>, outcome: &Outcome) {
        let feed = outcome.feed();
        for (key, value) in exp {
            match key.as_str() {
                "title" => {
                    let ours = feed.and_then(|f| f.title.clone());
                    let ok = ours.as_deref().map(squeeze) == Some(self.text(str_of(value)));
                    self.check("feed title", value, ok, || format!("{ours:?} ({})", outcome.describe()));
                }
                "link" | "home_page_url" => {
                    let ours = feed.and_then(|f| f.site_url.clone());
                    let ok = same_url(str_of(value), ours.as_deref(), self.base);
                    self.check("feed link", value, ok, || format!("{ours:?}"));
                }
                "links" => {
                    for link in value.as_array().into_iter().flatten() {
                        match link["rel"].as_str() {
                            Some("alternate") | None => {
                                let ours = feed.and_then(|f| f.site_url.clone());
                                let ok = same_url(str_of(&link["href"]), ours.as_deref(), self.base);
                                self.check("feed link", &link["href"], ok, || format!("{ours:?}"));
                            }
                            Some(_) => self.s.not_modelled("feed links other than the site's (self, hub...)"),
                        }
                    }
                }
                "items" | "entries" => {
                    let list = value.as_array().cloned().unwrap_or_default();
                    let n = outcome.items().len();
                    self.check("item count", &Value::from(list.len()), n == list.len(), || outcome.describe());
                    for (i, item) in list.iter().enumerate() {
                        match outcome.items().get(i) {
                            Some(ours) => self.item(i, item.as_object().expect("an object"), ours),
                            None => {
                                self.check(&format!("item {i}"), &Value::from("present"), false, || "missing".into())
                            }
                        }
                    }
                }
                "version" => self.s.not_modelled("the feed format's version"),
                other => {
                    let leaves = count_leaves(value);
                    for _ in 0..leaves {
                        self.s.not_modelled(&format!(
                            "feed-level `{other}` (the model keeps a feed's title, link and interval)"
                        ));
                    }
                }
            }
        }
    }

    fn item(&mut self, i: usize, exp: &Map<String, Value>, (_, ours): &(ParsedItem, CleanItem)) {
        // Our summary holds the description only when there is also full content; otherwise it is the body.
        let has_content = exp.contains_key("content") || exp.contains_key("content_html");
        for (key, value) in exp {
            let what = format!("item {i} {key}");
            match key.as_str() {
                "title" => {
                    let ok = squeeze(&ours.title) == self.text(str_of(value));
                    self.check(&what, value, ok, || format!("{:?}", ours.title));
                }
                "link" | "url" => {
                    let ok = same_url(str_of(value), ours.link.as_deref(), self.base);
                    self.check(&what, value, ok, || format!("{:?}", ours.link));
                }
                "links" if self.format == Format::Rss => self.s.not_modelled("RSS `links` (the same as `link`)"),
                "links" => self.atom_links(&what, value, ours),
                "id" => self.check(&what, value, ours.guid.as_deref() == value.as_str(), || format!("{:?}", ours.guid)),
                "guid" => {
                    let ok = ours.guid.as_deref() == value["value"].as_str();
                    self.check(&what, &value["value"], ok, || format!("{:?}", ours.guid));
                    if value.get("isPermalink").is_some() {
                        self.s.not_modelled(
                            "guid isPermaLink (it only decides whether the guid may stand in for a missing link)",
                        );
                    }
                }
                "description" | "summary" if has_content => {
                    let ok = ours.summary.as_deref().map(squeeze) == Some(browser_text(str_of(value)));
                    self.check(&what, value, ok, || format!("summary {:?}", ours.summary));
                }
                "description" | "summary" | "content_html" => self.html(&what, value, ours),
                "content" if value.is_object() => {
                    self.html(&format!("{what}.value"), &value["value"], ours);
                    self.s.not_modelled("Atom content `type` (it decides how the value is read)");
                }
                "content" => self.html(&what, value, ours),
                "content_text" if has_content => {
                    self.s.not_modelled("content_text beside content_html (one body is kept)")
                }
                "content_text" => {
                    let ok = squeeze(&ours.text) == squeeze(str_of(value));
                    self.check(&what, value, ok, || format!("{:?}", ours.text));
                }
                "author" if value.is_object() => self.person(&what, value, ours),
                "author" => {
                    let ok =
                        author_names(ours.author.as_deref()).iter().any(|n| squeeze(n) == self.text(str_of(value)));
                    self.check(&what, value, ok, || format!("{:?}", ours.author));
                }
                "authors" => value.as_array().into_iter().flatten().for_each(|p| self.person(&what, p, ours)),
                "categories" => self.categories(&what, value, ours),
                "tags" => {
                    let want: Vec<String> =
                        value.as_array().into_iter().flatten().map(|t| squeeze(str_of(t))).collect();
                    let got: Vec<String> = ours.categories.iter().map(|c| squeeze(c)).collect();
                    self.check(&what, value, want == got, || format!("{:?}", ours.categories));
                }
                "dcExt" | "itunesExt" => self.extension(&what, value, ours),
                "comments" => {
                    let ok = same_url(str_of(value), ours.comments.as_deref(), self.base);
                    self.check(&what, value, ok, || format!("{:?}", ours.comments));
                }
                "enclosure" => self.enclosure(&what, value, ours.enclosures.first()),
                "enclosures" | "attachments" => {
                    let list = value.as_array().cloned().unwrap_or_default();
                    let n = ours.enclosures.len();
                    self.check(&format!("{what} count"), &Value::from(list.len()), n == list.len(), || n.to_string());
                    for (j, e) in list.iter().enumerate() {
                        self.enclosure(&format!("{what}[{j}]"), e, ours.enclosures.get(j));
                    }
                }
                "pubDate" | "published" | "date_published" => {
                    let ok = same_instant(str_of(value), ours.published.as_deref());
                    self.check(&what, value, ok, || format!("{:?}", ours.published));
                }
                "updated" | "date_modified" => {
                    let ok = same_instant(str_of(value), ours.updated.as_deref());
                    self.check(&what, value, ok, || format!("{:?}", ours.updated));
                }
                "publishedParsed" | "updatedParsed" | "pubDateParsed" => {
                    self.s.not_modelled("gofeed's parsed copy of a date (the date itself is scored)")
                }
                "source" => (0..count_leaves(value)).for_each(|_| self.s.not_modelled("Atom entry `source`")),
                "extensions" | "custom" => {
                    (0..count_leaves(value)).for_each(|_| self.s.not_modelled("raw extension and unknown elements"))
                }
                "external_url" | "image" | "banner_image" => {
                    self.s.not_modelled("JSON Feed external_url, image, banner_image")
                }
                other => panic!("{}: gofeed item field `{other}` has no mapping; add one", self.doc),
            }
        }
    }
}

pub(super) fn str_of(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

/// How many scalar values a JSON value holds: each is one assertion gofeed makes.
fn count_leaves(v: &Value) -> usize {
    match v {
        Value::Object(m) => m.values().map(count_leaves).sum(),
        Value::Array(a) => a.iter().map(count_leaves).sum(),
        _ => 1,
    }
}
