//! The field-by-field comparisons of gofeed's expected parses: HTML bodies, Atom links, people, categories,
//! Dublin Core and iTunes extensions, enclosures.

use super::gofeed::{Case, str_of};
use super::score::{author_names, browser_text, same_url, squeeze, urls_in};
use jianbao::model::{CleanItem, Enclosure};
use serde_json::Value;

impl Case<'_> {
    /// An HTML field: same text as a browser shows, and every URL it names present and resolved in ours.
    pub(super) fn html(&mut self, what: &str, value: &Value, ours: &CleanItem) {
        let want = str_of(value);
        let ok = squeeze(&ours.text) == browser_text(want);
        self.check(&format!("{what} (text)"), value, ok, || format!("{:?}", ours.text));
        let theirs = urls_in(want, self.base);
        if !theirs.is_empty() {
            let have = urls_in(&ours.html, self.base);
            let ok = theirs.iter().all(|u| have.contains(u));
            self.check(&format!("{what} (links)"), &Value::from(theirs.clone()), ok, || format!("{have:?}"));
        }
    }

    pub(super) fn atom_links(&mut self, what: &str, value: &Value, ours: &CleanItem) {
        for link in value.as_array().into_iter().flatten() {
            let href = str_of(&link["href"]);
            let (ok, got) = match link["rel"].as_str() {
                Some("alternate") | None => {
                    (same_url(href, ours.link.as_deref(), self.base), format!("{:?}", ours.link))
                }
                Some("enclosure") => (
                    ours.enclosures.iter().any(|e| same_url(href, Some(&e.url), self.base)),
                    format!("{:?}", ours.enclosures),
                ),
                Some("replies") => {
                    (same_url(href, ours.comments.as_deref(), self.base), format!("{:?}", ours.comments))
                }
                Some(_) => {
                    self.s.not_modelled("entry links other than alternate, enclosure and replies");
                    continue;
                }
            };
            self.check(what, &link["href"], ok, || got);
        }
    }

    pub(super) fn person(&mut self, what: &str, value: &Value, ours: &CleanItem) {
        for (key, v) in value.as_object().into_iter().flatten() {
            if key == "name" {
                let ok = author_names(ours.author.as_deref()).iter().any(|n| squeeze(n) == squeeze(str_of(v)));
                self.check(&format!("{what}.name"), v, ok, || format!("{:?}", ours.author));
            } else {
                self.s.not_modelled("an author's url, email or avatar (the model keeps names)");
            }
        }
    }

    pub(super) fn categories(&mut self, what: &str, value: &Value, ours: &CleanItem) {
        for cat in value.as_array().into_iter().flatten() {
            let name = cat.get("label").or(cat.get("value")).or(cat.get("term")).map(str_of).unwrap_or("");
            let ok = ours.categories.iter().any(|c| squeeze(c) == self.text(name));
            self.check(what, &Value::from(name), ok, || format!("{:?}", ours.categories));
            if cat.get("domain").is_some() || cat.get("scheme").is_some() {
                self.s.not_modelled("a category's domain or scheme");
            }
        }
    }

    pub(super) fn extension(&mut self, what: &str, value: &Value, ours: &CleanItem) {
        for (key, v) in value.as_object().into_iter().flatten() {
            let values: Vec<&str> = v.as_array().map(|a| a.iter().map(str_of).collect()).unwrap_or(vec![str_of(v)]);
            for one in values {
                let (ok, got) = match key.as_str() {
                    "author" | "creator" => (
                        author_names(ours.author.as_deref()).iter().any(|n| squeeze(n) == squeeze(one)),
                        format!("{:?}", ours.author),
                    ),
                    "subject" => {
                        (ours.categories.iter().any(|c| squeeze(c) == squeeze(one)), format!("{:?}", ours.categories))
                    }
                    _ => {
                        self.s.not_modelled("other Dublin Core and iTunes fields");
                        continue;
                    }
                };
                self.check(&format!("{what}.{key}"), &Value::from(one), ok, || got);
            }
        }
    }

    pub(super) fn enclosure(&mut self, what: &str, value: &Value, ours: Option<&Enclosure>) {
        for (key, v) in value.as_object().into_iter().flatten() {
            let (ok, got) = match key.as_str() {
                "url" => (same_url(str_of(v), ours.map(|e| e.url.as_str()), self.base), format!("{ours:?}")),
                "type" | "mime_type" => (ours.and_then(|e| e.mime.as_deref()) == v.as_str(), format!("{ours:?}")),
                "length" | "size_in_bytes" => {
                    let want = v.as_u64().or_else(|| v.as_str().and_then(|s| s.parse().ok()));
                    (ours.and_then(|e| e.length) == want, format!("{ours:?}"))
                }
                _ => {
                    self.s.not_modelled("an attachment's title or duration");
                    continue;
                }
            };
            self.check(&format!("{what}.{key}"), v, ok, || got);
        }
    }
}
