//! Pictures stored for offline reading: downloaded at sync, checked by their bytes, stored once per content,
//! shown from the stored copy (or as a placeholder linking to the original), retried when they fail, and
//! hostile ones refused without holding anything up.

use crate::support::{Jb, Reply, TestServer, fixtures};
use serde_json::Value;

fn feed(server: &TestServer, items: &[(&str, &str)]) -> String {
    let mut xml = String::from("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Pictures</title>");
    for (guid, body) in items {
        xml += &format!(
            "<item><title>{guid}</title><guid>{guid}</guid><link>{}/a/{guid}</link><description><![CDATA[{body}]]></description></item>",
            server.url("")
        );
    }
    xml + "</channel></rss>"
}

fn png(name: &str) -> Reply {
    Reply::new(200, "image/png", std::fs::read(fixtures().join("img").join(name)).unwrap())
}

fn picture_of(jb: &Jb, title: &str) -> Value {
    jb.article_titled(title)["pictures"][0].clone()
}

/// Makes every failed picture due for another try now (instead of in an hour).
fn retry_now(jb: &Jb) {
    let conn = rusqlite::Connection::open(jb.data_dir().join("jianbao.sqlite3")).unwrap();
    conn.execute("UPDATE article_pictures SET next_try_at = 0 WHERE status = 'failed'", []).unwrap();
}

#[test]
fn pictures_are_stored_once_per_content_tracking_pixels_hidden_and_failures_retried() {
    let server = TestServer::start();
    server.set("/img/copy.png", png("night-market.png"));
    let items = [
        ("a", r#"<p><img src="/img/night-market.png" alt="夜市"></p>"#),
        ("b", r#"<p><img src="/img/copy.png"></p>"#),
        ("c", r#"<p>Tracked<img src="/img/pixel.gif"></p>"#),
        ("d", r#"<p><img src="/img/later.png" alt="later"></p>"#),
    ];
    server.set("/pictures.rss", Reply::xml(feed(&server, &items)));
    let jb = Jb::empty();
    jb.add(&server.url("/pictures.rss"));
    jb.ok(&["sync"]);

    let (a, b) = (picture_of(&jb, "a"), picture_of(&jb, "b"));
    assert_eq!((a["status"].as_str(), b["status"].as_str()), (Some("stored"), Some("stored")));
    assert_eq!(a["reference"], b["reference"], "the same bytes are stored once");
    let files: Vec<_> = walk(&jb.data_dir().join("pictures"));
    assert_eq!(files.len(), 1, "{files:?}");

    let c = jb.article_titled("c");
    assert_eq!(c["pictures"][0]["status"], "tracking");
    assert!(!c["html"].as_str().unwrap().contains("<img"), "{}", c["html"]);

    let d = jb.article_titled("d");
    assert_eq!(d["pictures"][0]["status"], "failed");
    assert!(d["pictures"][0]["error"].as_str().unwrap().contains("404"), "{}", d["pictures"][0]);
    let placeholder = format!(r#"<a class="jb-picture-missing" href="{}">later</a>"#, server.url("/img/later.png"));
    assert!(d["html"].as_str().unwrap().contains(&placeholder), "{}", d["html"]);

    server.set("/img/later.png", png("radish.png"));
    jb.ok(&["sync"]);
    assert_eq!(picture_of(&jb, "d")["status"], "failed", "not tried again before its time");
    retry_now(&jb);
    jb.ok(&["sync"]);
    let d = jb.article_titled("d");
    assert_eq!(d["pictures"][0]["status"], "stored");
    assert!(
        d["html"].as_str().unwrap().contains(&format!("src=\"{}\"", d["pictures"][0]["reference"].as_str().unwrap()))
    );
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() { out.extend(walk(&path)) } else { out.push(path) }
    }
    out
}

#[test]
fn no_pictures_leaves_them_for_a_later_sync_and_export_says_where_each_is() {
    let server = TestServer::start();
    let jb = Jb::empty();
    jb.add(&server.url("/feeds/city-news.rss"));
    server.set("/img/night-market.png", png("night-market.png"));
    jb.ok(&["sync", "--no-pictures"]);
    assert!(server.hits_on("/img/night-market.png").is_empty());
    assert_eq!(picture_of(&jb, "老街夜市重新開張")["status"], "pending");
    jb.ok(&["sync"]);
    assert_eq!(server.hits_on("/img/night-market.png").len(), 1);
    let export = jb.ok(&["export", "--format", "ndjson"]);
    let night: Value =
        export.lines().map(|l| serde_json::from_str::<Value>(l).unwrap()).find(|a| a["guid"] == "city-003").unwrap();
    let reference = night["pictures"][0]["reference"].as_str().unwrap();
    assert_eq!(night["pictures"][0]["url"], server.url("/img/night-market.png"));
    assert!(night["html"].as_str().unwrap().contains(&format!(r#"src="{reference}""#)), "as the reader loads it");
    assert!(jb.data_dir().join(reference).is_file(), "the reference is relative to the library folder");
}

#[test]
fn hostile_pictures_are_refused_with_a_note_and_the_rest_is_stored() {
    let server = TestServer::start();
    server.set("/img/huge.png", Reply::new(200, "image/png", b"\x89PNG\r\n\x1a\n".to_vec()).endless(20 << 20));
    server.set("/img/fake.jpg", Reply::new(200, "image/jpeg", "<!doctype html><p>Hotlinking forbidden</p>"));
    server.set(
        "/img/script.svg",
        Reply::new(200, "image/svg+xml", r#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>"#),
    );
    let items = [
        ("huge", r#"<img src="/img/huge.png">"#),
        ("fake", r#"<img src="/img/fake.jpg">"#),
        ("svg", r#"<img src="/img/script.svg">"#),
        ("fine", r#"<img src="/img/night-market.png">"#),
    ];
    server.set("/hostile.rss", Reply::xml(feed(&server, &items)));
    let jb = Jb::empty();
    jb.add(&server.url("/hostile.rss"));
    let out = jb.ok(&["sync"]);
    assert!(out.starts_with("ok\t1\tPictures\t4 new"), "{out}");
    let note = |title: &str| picture_of(&jb, title)["error"].as_str().unwrap_or("").to_owned();
    assert_eq!(picture_of(&jb, "huge")["status"], "skipped");
    assert!(note("huge").contains("sent more than 15728640 bytes"), "{}", note("huge"));
    assert!(note("fake").contains("not a picture"), "{}", note("fake"));
    assert!(note("svg").contains("SVG"), "{}", note("svg"));
    assert_eq!(picture_of(&jb, "fine")["status"], "stored");
    assert_eq!(walk(&jb.data_dir().join("pictures")).len(), 1);
}

#[test]
fn an_article_without_pictures_shows_its_feed_thumbnail_and_enclosure() {
    let server = TestServer::start();
    let xml = format!(
        r#"<?xml version="1.0"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Media</title>
        <item><title>thumb</title><guid>t1</guid><description>No picture in the text.</description>
          <media:thumbnail url="{}"/></item>
        <item><title>enclosed</title><guid>e1</guid><description>Nor here.</description>
          <enclosure url="{}" type="image/jpeg" length="100"/></item>
        <item><title>both</title><guid>b1</guid><description><![CDATA[<img src="/img/night-market.png">]]></description>
          <enclosure url="{}" type="image/jpeg" length="100"/></item>
        </channel></rss>"#,
        server.url("/img/radish.png"),
        server.url("/img/night-market.png"),
        server.url("/img/radish.png"),
    );
    server.set("/media.rss", Reply::xml(xml));
    let jb = Jb::empty();
    jb.add(&server.url("/media.rss"));
    jb.ok(&["sync"]);
    for title in ["thumb", "enclosed"] {
        let a = jb.article_titled(title);
        let reference = a["pictures"][0]["reference"].as_str().unwrap_or_else(|| panic!("{title}: {a}"));
        assert!(a["html"].as_str().unwrap().contains(&format!(r#"<img src="{reference}""#)), "{title}: {}", a["html"]);
    }
    let both = jb.article_titled("both");
    assert_eq!(both["pictures"].as_array().unwrap().len(), 1, "a body's own pictures are not repeated: {both}");
}
