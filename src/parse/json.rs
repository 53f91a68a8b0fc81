//! JSON documents made readable to feed-rs: JSON Feed as real feeds write it (a version without `https`, a
//! string of tags, ids as numbers, 1.0's `author` beside 1.1's `authors`), and RSS-in-JSON as the RSS it mirrors.

use super::facts::{Facts, ItemFacts};
use super::text::escape_html;
use crate::model::Enclosure;
use serde_json::{Map, Value};

/// What a JSON document turned into.
pub enum Json {
    /// A JSON Feed feed-rs will read, and the attachments it would otherwise mistake for links.
    Feed(String, Facts),
    /// RSS-in-JSON written out as RSS.
    Rss(String),
}

/// `None` when the text is not a JSON object at all (feed-rs then reports why).
pub fn normalize_json(text: &str) -> Option<Json> {
    let mut value: Value = serde_json::from_str(text).ok()?;
    let feed = value.as_object_mut()?;
    if let Some(channel) = feed.get("rss").and_then(|r| r.get("channel")) {
        return Some(Json::Rss(rss_from_json(channel)));
    }
    let version = feed.get("version").and_then(Value::as_str)?;
    if version.contains("jsonfeed.org/version/1") || matches!(version.trim(), "1" | "1.0" | "1.1") {
        feed.insert("version".into(), "https://jsonfeed.org/version/1.1".into());
    }
    if !feed.get("title").is_some_and(Value::is_string) {
        feed.insert("title".into(), "".into());
    }
    authors_win(feed);
    let mut facts = Facts::default();
    let items = feed.get_mut("items")?.as_array_mut()?;
    items.retain(Value::is_object);
    for item in items.iter_mut().filter_map(Value::as_object_mut) {
        facts.items.push(ItemFacts { enclosures: attachments(item), ..ItemFacts::default() });
        tidy_item(item);
    }
    Some(Json::Feed(serde_json::to_string(&value).ok()?, facts))
}

/// JSON Feed 1.1 replaced `author` with `authors`; a feed that sends both means the newer.
fn authors_win(object: &mut Map<String, Value>) {
    if object.get("authors").and_then(Value::as_array).is_some_and(|a| !a.is_empty()) {
        object.remove("author");
    }
    if object.get("author").is_some_and(|a| !a.is_object()) {
        object.remove("author");
    }
    if object.get("authors").is_some_and(|a| !a.is_array()) {
        object.remove("authors");
    }
}

fn tidy_item(item: &mut Map<String, Value>) {
    if let Some(id) = item.get("id").filter(|id| id.is_number()).map(|id| id.to_string()) {
        item.insert("id".into(), id.into());
    }
    for key in [
        "id",
        "url",
        "external_url",
        "title",
        "content_html",
        "content_text",
        "summary",
        "date_published",
        "date_modified",
    ] {
        if item.get(key).is_some_and(|v| !v.is_string()) {
            item.remove(key);
        }
    }
    let tags: Option<Vec<Value>> = match item.get("tags") {
        Some(Value::String(s)) => {
            Some(s.split(',').map(str::trim).filter(|t| !t.is_empty()).map(Value::from).collect())
        }
        Some(Value::Array(a)) => Some(a.iter().filter(|t| t.is_string()).cloned().collect()),
        Some(_) => Some(Vec::new()),
        None => None,
    };
    if let Some(tags) = tags {
        item.insert("tags".into(), tags.into());
    }
    authors_win(item);
}

/// Takes the attachments out (feed-rs would list them among the item's links) and keeps them as enclosures.
fn attachments(item: &mut Map<String, Value>) -> Vec<Enclosure> {
    let Some(Value::Array(list)) = item.remove("attachments") else { return Vec::new() };
    list.iter()
        .filter_map(|a| {
            Some(Enclosure {
                url: a.get("url")?.as_str()?.trim().to_owned(),
                mime: a.get("mime_type").and_then(Value::as_str).map(str::to_owned),
                length: a.get("size_in_bytes").and_then(Value::as_u64).filter(|l| *l > 0),
            })
        })
        .collect()
}

/// RSS-in-JSON (Dave Winer's mirror of RSS 2.0) as the RSS document it stands for.
fn rss_from_json(channel: &Value) -> String {
    let mut xml = String::from(r#"<rss version="2.0"><channel>"#);
    for key in ["title", "link", "description", "pubDate", "lastBuildDate"] {
        element(&mut xml, key, channel.get(key));
    }
    for item in list(channel.get("item")) {
        xml.push_str("<item>");
        for key in ["title", "link", "description", "pubDate", "author", "comments"] {
            element(&mut xml, key, item.get(key));
        }
        for category in list(item.get("category")) {
            element(&mut xml, "category", Some(category));
        }
        if let Some(guid) = item.get("guid") {
            let permalink = guid.get("isPermaLink").and_then(Value::as_str).unwrap_or("true");
            xml.push_str(&format!(r#"<guid isPermaLink="{}">"#, escape_html(permalink)));
            xml.push_str(&escape_html(&scalar(guid).unwrap_or_default()));
            xml.push_str("</guid>");
        }
        for enclosure in list(item.get("enclosure")) {
            xml.push_str("<enclosure");
            for attribute in ["url", "type", "length"] {
                if let Some(v) = enclosure.get(attribute).and_then(scalar) {
                    xml.push_str(&format!(r#" {attribute}="{}""#, escape_html(&v)));
                }
            }
            xml.push_str("/>");
        }
        xml.push_str("</item>");
    }
    xml.push_str("</channel></rss>");
    xml
}

/// A value that may be one object or a list of them.
fn list(value: Option<&Value>) -> Vec<&Value> {
    match value {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(v) => vec![v],
        None => Vec::new(),
    }
}

/// A string or number, or the `#value` of an element that also had attributes.
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(o) => o.get("#value").and_then(scalar),
        _ => None,
    }
}

fn element(xml: &mut String, name: &str, value: Option<&Value>) {
    if let Some(text) = value.and_then(scalar) {
        xml.push_str(&format!("<{name}>{}</{name}>", escape_html(&text)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed(json: &str) -> (Value, Facts) {
        match normalize_json(json) {
            Some(Json::Feed(text, facts)) => (serde_json::from_str(&text).unwrap(), facts),
            _ => panic!("not read as a JSON Feed"),
        }
    }

    #[test]
    fn a_version_without_https_or_as_a_bare_number_is_json_feed_1_1() {
        for version in ["http://jsonfeed.org/version/1", "1.0", "1.1"] {
            let (value, _) = feed(&format!(r#"{{"version": "{version}", "title": "t", "items": []}}"#));
            assert_eq!(value["version"], "https://jsonfeed.org/version/1.1");
        }
        assert!(normalize_json(r#"{"verion": "1.0"}"#).is_none(), "a document without a version is no JSON Feed");
    }

    #[test]
    fn tags_written_as_one_string_become_a_list_and_numeric_ids_strings() {
        let (value, _) = feed(r#"{"version": "1.1", "items": [{"id": 7, "tags": "workflow, omnifocus"}]}"#);
        assert_eq!(value["items"][0]["tags"], serde_json::json!(["workflow", "omnifocus"]));
        assert_eq!(value["items"][0]["id"], "7");
        assert_eq!(value["title"], "", "feed-rs needs a title");
    }

    #[test]
    fn authors_win_over_the_older_author() {
        let (value, _) = feed(
            r#"{"version": "1.1", "items": [{"id": "a", "author": {"name": "Old"}, "authors": [{"name": "New"}]}]}"#,
        );
        assert!(value["items"][0].get("author").is_none());
        assert_eq!(value["items"][0]["authors"][0]["name"], "New");
    }

    #[test]
    fn attachments_become_enclosures_not_links() {
        let (value, facts) = feed(concat!(
            r#"{"version": "1.1", "items": [{"id": "a", "attachments": "#,
            r#"[{"url": "https://x.example/a.mp3", "mime_type": "audio/mpeg", "size_in_bytes": 100}]}]}"#
        ));
        assert!(value["items"][0].get("attachments").is_none());
        let expected =
            Enclosure { url: "https://x.example/a.mp3".into(), mime: Some("audio/mpeg".into()), length: Some(100) };
        assert_eq!(facts.items[0].enclosures, [expected]);
    }

    #[test]
    fn rss_in_json_is_written_out_as_rss() {
        let json = r##"{"rss": {"version": "2.0", "channel": {"title": "Scripting & News", "link": "http://s.example/",
            "item": [{"description": "<b>Hi</b>", "guid": {"#value": "g1", "isPermaLink": "false"},
            "enclosure": {"url": "http://s.example/a.mp3", "type": "audio/mpeg", "length": 9}}]}}}"##;
        let Some(Json::Rss(xml)) = normalize_json(json) else { panic!("not read as RSS-in-JSON") };
        assert!(xml.contains("<title>Scripting &amp; News</title>"), "{xml}");
        assert!(xml.contains("<description>&lt;b&gt;Hi&lt;/b&gt;</description>"), "{xml}");
        assert!(xml.contains(r#"<guid isPermaLink="false">g1</guid>"#), "{xml}");
        assert!(xml.contains(r#"<enclosure url="http://s.example/a.mp3" type="audio/mpeg" length="9"/>"#), "{xml}");
    }
}
