use super::*;

fn run(xml: &str) -> (String, Facts) {
    normalize(xml, &Url::parse("http://feed.example/feed.xml").unwrap()).expect("normalised")
}

#[test]
fn atom_03_is_written_as_atom_10() {
    let (xml, _) = run(concat!(
        r#"<feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry><modified>2000-01-01T00:00:00Z</modified>"#,
        r#"<issued>2000-01-01T01:00:00Z</issued><content type="text/html" mode="escaped">&lt;b&gt;x&lt;/b&gt;</content>"#,
        r#"</entry></feed>"#
    ));
    assert!(xml.contains(r#"xmlns="http://www.w3.org/2005/Atom""#), "{xml}");
    assert!(
        xml.contains("<updated>2000-01-01T00:00:00Z</updated><published>2000-01-01T01:00:00Z</published>"),
        "{xml}"
    );
    assert!(xml.contains(r#"<content type="html">&lt;b&gt;x&lt;/b&gt;</content>"#), "{xml}");
}

#[test]
fn rss_1_items_move_into_an_rss_2_channel_and_keep_their_rdf_about() {
    let (xml, facts) = run(concat!(
        r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">"#,
        r#"<channel rdf:about="http://x.example/"><title>t</title></channel>"#,
        r#"<item rdf:about="http://x.example/1"><title>one</title></item></rdf:RDF>"#
    ));
    assert!(xml.starts_with(r#"<rss xmlns:rdf="#), "{xml}");
    assert!(xml.contains(r#"version="2.0"><channel><title>t</title><item rdf:about"#), "{xml}");
    assert!(xml.ends_with("</item></channel></rss>"), "{xml}");
    assert_eq!(facts.items.len(), 1);
    assert_eq!(facts.items[0].about.as_deref(), Some("http://x.example/1"));
}

#[test]
fn the_rss_0_90_namespace_is_read_as_rss_1() {
    let (xml, _) = run(
        r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/"><item><title>a</title></item></rdf:RDF>"#,
    );
    assert!(xml.contains(r#"xmlns="http://purl.org/rss/1.0/""#), "{xml}");
}

#[test]
fn any_rss_version_or_none_is_read_as_rss_2() {
    for root in [r#"<rss version="0.93">"#, "<rss>", r#"<rss version=" 2.0 ">"#] {
        let (xml, _) = run(&format!("{root}<channel><title>t</title></channel></rss>"));
        assert!(xml.starts_with(r#"<rss version="2.0">"#), "{xml}");
    }
}

#[test]
fn a_stray_ampersand_is_escaped_and_references_are_left_alone() {
    let (xml, _) = run("<rss><channel><title>Fish & Chips &amp; more &lt;3 &nbsp;</title></channel></rss>");
    assert!(xml.contains("<title>Fish &amp; Chips &amp; more &lt;3 &nbsp;</title>"), "{xml}");
}

#[test]
fn html_left_unescaped_in_a_text_field_becomes_text() {
    let (xml, _) = run(
        r#"<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">Example <a href="t.html">test</a></title></feed>"#,
    );
    assert!(
        xml.contains(r#"<title type="html">Example &lt;a href=&quot;t.html&quot;&gt;test&lt;/a&gt;</title>"#),
        "{xml}"
    );
}

#[test]
fn xml_base_resolves_the_urls_of_html_bodies_and_nests() {
    let (xml, _) = run(concat!(
        r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://example.com/blog/"><entry>"#,
        r##"<content type="html" xml:base="post1/">&lt;a href="pic.png"&gt;pic&lt;/a&gt; &lt;a href="#fn1"&gt;1&lt;/a&gt;</content>"##,
        r#"<summary type="html">&lt;img src="/a.png"&gt;</summary></entry></feed>"#
    ));
    assert!(xml.contains("href=&quot;https://example.com/blog/post1/pic.png&quot;"), "{xml}");
    assert!(xml.contains("href=&quot;#fn1&quot;"), "{xml}");
    assert!(xml.contains("src=&quot;https://example.com/a.png&quot;"), "{xml}");
}

#[test]
fn without_xml_base_html_bodies_keep_their_bytes() {
    let body = "<content type=\"html\"><![CDATA[<p>We’d &nbsp; <a href=\"x.html\">x</a></p>]]></content>";
    let (xml, _) = run(&format!(r#"<feed xmlns="http://www.w3.org/2005/Atom"><entry>{body}</entry></feed>"#));
    assert!(xml.contains(body), "{xml}");
}

#[test]
fn an_xhtml_body_is_kept_as_written_with_its_urls_resolved() {
    let (_, facts) = run(concat!(
        r#"<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="xhtml" xml:base="https://example.com/p/">"#,
        r#"<div xmlns="http://www.w3.org/1999/xhtml">a<br /><img src="i.png" alt="i"/></div></content></entry></feed>"#
    ));
    let xhtml = facts.items[0].xhtml.as_deref().unwrap();
    assert!(xhtml.starts_with(r#"<div xmlns="http://www.w3.org/1999/xhtml">a<br />"#), "{xhtml}");
    assert!(xhtml.contains(r#"src="https://example.com/p/i.png""#), "{xhtml}");
}

#[test]
fn an_atom_link_with_an_empty_href_is_dropped() {
    let (xml, _) = run(
        r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://x.example/wp-atom.php"><entry><link href=""/><id>1</id></entry></feed>"#,
    );
    assert!(!xml.contains("<link"), "{xml}");
}

#[test]
fn subjects_item_authors_and_the_channel_creator_are_gathered() {
    let (_, facts) = run(concat!(
        r#"<rss xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:itunes="http://www.itunes.com/DTDs/PodCast-1.0.dtd">"#,
        r#"<channel><dc:creator>Chan</dc:creator><item><dc:subject>Subj</dc:subject><itunes:author>Ann</itunes:author></item>"#,
        r#"<item/></channel></rss>"#
    ));
    assert_eq!(facts.feed_authors, ["Chan"]);
    assert_eq!(facts.items.len(), 2);
    assert_eq!(facts.items[0].subjects, ["Subj"]);
    assert_eq!(facts.items[0].authors, ["Ann"]);
}

#[test]
fn namespaces_feed_rs_would_miss_are_declared_its_way() {
    let (xml, _) = run(r#"<rss xmlns:itunes=" http://www.itunes.com/DTDs/PodCast-1.0.dtd"><channel/></rss>"#);
    assert!(xml.contains(r#"xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd""#), "{xml}");
}

#[test]
fn a_document_that_is_no_feed_is_left_alone() {
    assert!(normalize("<note><to>Tove</to></note>", &Url::parse("http://x.example/").unwrap()).is_none());
    assert!(normalize("not xml at all <", &Url::parse("http://x.example/").unwrap()).is_none());
}
