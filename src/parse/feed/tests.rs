use super::*;
use crate::model::{Enclosure, ParsedItem};

fn items(text: &str) -> Vec<ParsedItem> {
    parse_feed(text, &url::Url::parse("http://feed.example/feed.xml").unwrap()).expect("a feed").items
}

fn one(text: &str) -> ParsedItem {
    items(text).remove(0)
}

const ATOM: &str = r#"<feed xmlns="http://www.w3.org/2005/Atom">"#;

#[test]
fn rss_titles_and_categories_holding_markup_read_as_the_text_a_browser_shows() {
    let item = one(concat!(
        "<rss><channel><item><title><![CDATA[<p>Item &amp; Title</p>]]></title>",
        "<category><![CDATA[&lt;b&gt;News&lt;/b&gt;]]></category></item></channel></rss>"
    ));
    assert_eq!(item.title, "Item & Title");
    assert_eq!(item.categories, ["<b>News</b>"]);
}

#[test]
fn atom_text_titles_keep_their_angle_brackets() {
    let item = one(&format!(r#"{ATOM}<entry><title type="text">a &lt;b&gt; c</title></entry></feed>"#));
    assert_eq!(item.title, "a <b> c");
}

#[test]
fn an_entry_without_an_author_takes_the_feeds() {
    let list = items(&format!(
        "{ATOM}<author><name>Feed Writer</name></author><entry><id>1</id></entry><entry><id>2</id><author><name>Guest</name></author></entry></feed>"
    ));
    assert_eq!(list[0].author.as_deref(), Some("Feed Writer"));
    assert_eq!(list[1].author.as_deref(), Some("Guest"));
}

#[test]
fn rss_authors_come_from_dc_creator_itunes_author_or_the_channel() {
    let list = items(concat!(
        r#"<rss xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">"#,
        "<channel><dc:creator>Desk</dc:creator><item><dc:creator>Ann</dc:creator></item>",
        "<item><itunes:author>Ben</itunes:author></item><item><title>no byline</title></item></channel></rss>"
    ));
    let authors: Vec<_> = list.iter().map(|i| i.author.as_deref()).collect();
    assert_eq!(authors, [Some("Ann"), Some("Ben"), Some("Desk")]);
}

#[test]
fn dc_subjects_are_categories() {
    let item = one(
        r#"<rss xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><item><category>A</category><dc:subject>B</dc:subject></item></channel></rss>"#,
    );
    assert_eq!(item.categories, ["A", "B"]);
}

#[test]
fn rdf_items_keep_rdf_about_as_guid_and_link_when_they_have_no_other() {
    let item = one(concat!(
        r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">"#,
        r#"<channel rdf:about="http://x.example/"><title>t</title></channel>"#,
        r#"<item rdf:about="http://x.example/1"><title>one</title></item></rdf:RDF>"#
    ));
    assert_eq!(item.guid.as_deref(), Some("http://x.example/1"));
    assert_eq!(item.link.as_deref(), Some("http://x.example/1"));
    assert_eq!(item.title, "one");
}

#[test]
fn an_rss_item_without_a_link_takes_its_permalink_guid() {
    let list = items(concat!(
        "<rss><channel><item><guid>https://x.example/1</guid></item>",
        r#"<item><guid isPermaLink="false">https://x.example/2</guid></item>"#,
        "<item><guid>tag:x.example,2020:3</guid></item>",
        "<item><link>https://x.example/4</link><guid>https://x.example/four</guid></item></channel></rss>"
    ));
    let links: Vec<_> = list.iter().map(|i| i.link.as_deref()).collect();
    assert_eq!(links, [Some("https://x.example/1"), None, None, Some("https://x.example/4")]);
}

#[test]
fn inline_media_is_no_body_so_the_summary_is_shown() {
    let item = one(&format!(
        r#"{ATOM}<entry><summary>Listen</summary><content type="video/mp4">aGVsbG8=</content></entry></feed>"#
    ));
    assert_eq!(item.html, "<p>Listen</p>");
    assert_eq!(item.summary, None);
}

#[test]
fn an_enclosure_length_of_zero_means_unknown() {
    let item = one(
        r#"<rss><channel><item><enclosure url="http://x.example/a.mp4" type="video/mp4" length="0"/></item></channel></rss>"#,
    );
    let expected = Enclosure { url: "http://x.example/a.mp4".into(), mime: Some("video/mp4".into()), length: None };
    assert_eq!(item.enclosures, [expected]);
}

#[test]
fn json_feed_attachments_are_enclosures_and_not_the_link() {
    let item = one(concat!(
        r#"{"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": [{"id": "1", "#,
        r#""attachments": [{"url": "https://x.example/a.mp3", "mime_type": "audio/mpeg"}]}]}"#
    ));
    assert_eq!(item.link, None);
    assert_eq!(item.enclosures.len(), 1);
    assert_eq!(item.enclosures[0].url, "https://x.example/a.mp3");
}

#[test]
fn an_xhtml_body_keeps_its_wrapper_as_written() {
    let item = one(&format!(
        r#"{ATOM}<entry><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">a<br />b</div></content></entry></feed>"#
    ));
    assert_eq!(item.html, r#"<div xmlns="http://www.w3.org/1999/xhtml">a<br />b</div>"#);
}

#[test]
fn atom_03_entries_keep_their_dates() {
    let item = one(concat!(
        r#"<feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry><title>t</title>"#,
        "<issued>2004-01-02T03:04:05+08:00</issued><modified>2004-01-03T00:00:00Z</modified></entry></feed>"
    ));
    assert_eq!(item.published.as_deref(), Some("2004-01-02T03:04:05+08:00"));
    assert_eq!(item.updated.as_deref(), Some("2004-01-03T00:00:00+00:00"));
}

#[test]
fn a_feed_with_a_stray_ampersand_still_reads() {
    let feed = parse_feed(
        "<rss version=\"2.0\"><channel><title>Fish & Chips &amp; more</title></channel></rss>",
        &url::Url::parse("http://feed.example/").unwrap(),
    )
    .unwrap();
    assert_eq!(feed.title.as_deref(), Some("Fish & Chips & more"));
}
