//! OPML subscription lists: read (nested outlines become folders) and write, so that export then import gives
//! back the same sources, titles, site links and folders. Pure: text in, text out.

use serde::Serialize;

/// One subscription in an OPML document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OpmlFeed {
    pub title: String,
    pub xml_url: String,
    pub html_url: Option<String>,
    /// Folder path, outermost first.
    pub folder: Vec<String>,
    /// Jianbao's own per-source settings, kept in `jianbaoEncoding` and `jianbaoInterval` attributes (other
    /// readers ignore attributes they do not know), so that export then import loses nothing.
    pub encoding: Option<String>,
    pub interval_minutes: Option<i64>,
}

/// What can go wrong reading OPML.
#[derive(Debug, thiserror::Error)]
pub enum OpmlError {
    #[error("opml: not well-formed XML: {0}")]
    Xml(String),
    #[error("opml: the document has no <opml><body>")]
    NoBody,
}

/// Reads every feed outline (one with an `xmlUrl`), with the folders that enclose it. DTDs and entity
/// declarations are refused by the XML reader, so nothing is ever expanded or fetched.
pub fn read_opml(text: &str) -> Result<Vec<OpmlFeed>, OpmlError> {
    let doc =
        roxmltree::Document::parse(text.trim_start_matches('\u{feff}')).map_err(|e| OpmlError::Xml(e.to_string()))?;
    let body = doc
        .root_element()
        .children()
        .find(|n| n.has_tag_name("body"))
        .filter(|_| doc.root_element().has_tag_name("opml"))
        .ok_or(OpmlError::NoBody)?;
    let mut feeds = Vec::new();
    walk(body, &mut Vec::new(), &mut feeds);
    Ok(feeds)
}

fn attr<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> Option<&'a str> {
    // Attribute names are case-sensitive in XML, but real OPML files spell xmlUrl as xmlurl or XMLURL too.
    node.attributes().find(|a| a.name().eq_ignore_ascii_case(name)).map(|a| a.value().trim()).filter(|v| !v.is_empty())
}

fn walk(node: roxmltree::Node<'_, '_>, path: &mut Vec<String>, out: &mut Vec<OpmlFeed>) {
    for outline in node.children().filter(|n| n.has_tag_name("outline")) {
        let title = attr(outline, "title").or_else(|| attr(outline, "text"));
        match attr(outline, "xmlUrl") {
            Some(xml_url) => out.push(OpmlFeed {
                title: title.unwrap_or(xml_url).to_owned(),
                xml_url: xml_url.to_owned(),
                html_url: attr(outline, "htmlUrl").map(str::to_owned),
                folder: path.clone(),
                encoding: attr(outline, "jianbaoEncoding").map(str::to_owned),
                interval_minutes: attr(outline, "jianbaoInterval").and_then(|v| v.parse().ok()),
            }),
            None => {
                let pushed = title.is_some();
                if let Some(t) = title {
                    path.push(t.to_owned());
                }
                walk(outline, path, out);
                if pushed {
                    path.pop();
                }
            }
        }
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Writes OPML 2.0 with folders as nested outlines, in the order given (sorted by folder path first).
pub fn write_opml(title: &str, feeds: &[OpmlFeed]) -> String {
    let mut sorted: Vec<&OpmlFeed> = feeds.iter().collect();
    sorted.sort_by(|a, b| a.folder.cmp(&b.folder));
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n    <title>{}</title>\n  </head>\n  <body>\n",
        escape(title)
    );
    let mut open: Vec<String> = Vec::new();
    for feed in sorted {
        let common = open.iter().zip(&feed.folder).take_while(|(a, b)| a == b).count();
        while open.len() > common {
            open.pop();
            out += &format!("{}</outline>\n", "  ".repeat(open.len() + 2));
        }
        for name in &feed.folder[common..] {
            out += &format!(
                "{}<outline text=\"{}\" title=\"{}\">\n",
                "  ".repeat(open.len() + 2),
                escape(name),
                escape(name)
            );
            open.push(name.clone());
        }
        let mut html = feed.html_url.as_deref().map(|h| format!(" htmlUrl=\"{}\"", escape(h))).unwrap_or_default();
        if let Some(encoding) = &feed.encoding {
            html += &format!(" jianbaoEncoding=\"{}\"", escape(encoding));
        }
        if let Some(minutes) = feed.interval_minutes {
            html += &format!(" jianbaoInterval=\"{minutes}\"");
        }
        out += &format!(
            "{}<outline type=\"rss\" text=\"{t}\" title=\"{t}\" xmlUrl=\"{}\"{html}/>\n",
            "  ".repeat(open.len() + 2),
            escape(&feed.xml_url),
            t = escape(&feed.title)
        );
    }
    while !open.is_empty() {
        open.pop();
        out += &format!("{}</outline>\n", "  ".repeat(open.len() + 2));
    }
    out + "  </body>\n</opml>\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    const NESTED: &str = r#"<?xml version="1.0"?>
<opml version="1.0"><head><title>x</title></head><body>
  <outline text="News"><outline text="城事">
    <outline text="山城 &amp; 日報" type="rss" xmlUrl="http://city.example/rss" htmlUrl="http://city.example/" jianbaoEncoding="big5" jianbaoInterval="90"/>
  </outline>
    <outline text="World" xmlurl="http://world.example/feed"/>
  </outline>
  <outline title="Top" xmlUrl="http://top.example/atom"/>
</body></opml>"#;

    #[test]
    fn nested_outlines_become_folder_paths() {
        let feeds = read_opml(NESTED).unwrap();
        assert_eq!(feeds.len(), 3);
        assert_eq!(feeds[0].folder, ["News", "城事"]);
        assert_eq!(feeds[0].title, "山城 & 日報");
        assert_eq!(feeds[0].html_url.as_deref(), Some("http://city.example/"));
        assert_eq!((feeds[0].encoding.as_deref(), feeds[0].interval_minutes), (Some("big5"), Some(90)));
        assert_eq!(feeds[1].folder, ["News"]);
        assert_eq!(feeds[1].xml_url, "http://world.example/feed");
        assert!(feeds[2].folder.is_empty());
    }

    #[test]
    fn writing_then_reading_gives_the_same_feeds() {
        let feeds = read_opml(NESTED).unwrap();
        let again = read_opml(&write_opml("Jianbao", &feeds)).unwrap();
        let mut expected = feeds.clone();
        expected.sort_by(|a, b| a.folder.cmp(&b.folder));
        assert_eq!(again, expected);
    }

    #[test]
    fn entities_and_dtds_are_refused_not_expanded() {
        let bomb = r#"<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>
            <opml><body><outline text="&b;" xmlUrl="file:///etc/passwd"/></body></opml>"#;
        match read_opml(bomb) {
            Err(OpmlError::Xml(_)) => {}
            Ok(feeds) => assert!(feeds.iter().all(|f| f.title.len() < 100), "expanded: {feeds:?}"),
            Err(e) => panic!("{e}"),
        }
        assert!(matches!(read_opml("<rss/>"), Err(OpmlError::NoBody)));
    }
}
