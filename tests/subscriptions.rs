//! Finding and moving subscriptions: common feed paths, OPML in and out with folders, per-source settings.

use crate::support::{Jb, Reply, TestServer, fixtures, stderr};
use serde_json::{Value, json};

fn opml(server: &TestServer) -> String {
    let text = std::fs::read_to_string(fixtures().join("subscriptions.opml")).unwrap();
    text.replace("{base}", &server.url(""))
}

fn folders(jb: &Jb) -> Vec<(String, Value)> {
    let sources = jb.json(&["sources"]);
    sources.as_array().unwrap().iter().map(|s| (s["title"].as_str().unwrap().to_owned(), s["folder"].clone())).collect()
}

#[test]
fn opml_import_keeps_nested_folders_and_export_round_trips() {
    let server = TestServer::start();
    let jb = Jb::empty();
    let file = jb.data_dir().join("in.opml");
    std::fs::write(&file, opml(&server)).unwrap();
    let out = jb.run(&["import-opml", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "imported 3 source(s); 0 already subscribed\n");
    assert!(stderr(&out).contains("ftp://old.example/feed.xml"), "the refused outline is named: {}", stderr(&out));
    assert_eq!(
        folders(&jb),
        [
            ("Field Notes".to_owned(), json!([])),
            ("Quiet Systems".to_owned(), json!(["Tech"])),
            ("山城日報 · 城事".to_owned(), json!(["新聞", "城事"])),
        ]
    );
    assert!(server.hits().is_empty(), "import fetches nothing");
    assert_eq!(jb.ok(&["import-opml", file.to_str().unwrap()]), "imported 0 source(s); 3 already subscribed\n");

    jb.ok(&["source", "1", "--set", "encoding=big5", "--set", "interval=90"]);
    let exported = jb.ok(&["export", "--format", "opml"]);
    let other = Jb::empty();
    let again = other.data_dir().join("again.opml");
    std::fs::write(&again, &exported).unwrap();
    other.ok(&["import-opml", again.to_str().unwrap()]);
    assert_eq!(folders(&other), folders(&jb));
    assert_eq!(other.ok(&["export", "--format", "opml"]), exported, "export → import → export is stable");
    let title_of_1 = jb.json(&["source", "1"])["title"].clone();
    let moved = other.json(&["sources"]).as_array().unwrap().iter().find(|s| s["title"] == title_of_1).unwrap().clone();
    assert_eq!((moved["encoding"].clone(), moved["interval_minutes"].clone()), (json!("big5"), json!(90)));
    assert!(exported.contains("htmlUrl=\"http://city.example/\""), "{exported}");

    other.ok(&["sync"]);
    assert_eq!(other.articles(&["--limit", "100"]).len(), 7);
}

#[test]
fn a_broken_opml_file_is_refused_with_the_reason_and_nothing_changes() {
    let jb = Jb::empty();
    let file = jb.data_dir().join("broken.opml");
    std::fs::write(&file, "<opml><body><outline text=\"x\" xmlUrl=\"http://a.example/\"></body>").unwrap();
    let out = jb.run(&["import-opml", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("broken.opml") && stderr(&out).contains("opml: not well-formed XML"),
        "{}",
        stderr(&out)
    );
    assert_eq!(jb.json(&["sources"]), json!([]));
}

#[test]
fn source_settings_change_title_folder_and_interval_and_refuse_nonsense() {
    let server = TestServer::start();
    let jb = Jb::empty();
    jb.add(&server.url("/feeds/city-news.rss"));
    let s = jb.json(&["source", "1", "--set", "title=城事", "--set", "folder=新聞/本地", "--set", "interval=90"]);
    assert_eq!(
        (s["title"].clone(), s["folder"].clone(), s["interval_minutes"].clone()),
        (json!("城事"), json!(["新聞", "本地"]), json!(90))
    );
    let s = jb.json(&["source", "1", "--set", "folder=", "--set", "interval=default"]);
    assert_eq!((s["folder"].clone(), s["interval_minutes"].clone()), (json!([]), Value::Null));
    let text = jb.ok(&["source", "1"]);
    assert!(text.contains("title      城事") && text.contains("interval   default"), "{text}");
    for bad in ["colour=red", "interval=soon", "interval=0", "title=", "nonsense"] {
        let out = jb.run(&["source", "1", "--set", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}: {}", stderr(&out));
    }
    let out = jb.run(&["source", "7", "--set", "title=x"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no source 7"));
}

#[test]
fn a_page_that_announces_no_feed_is_searched_at_common_paths() {
    let server = TestServer::start();
    server.set(
        "/blog/",
        Reply::new(200, "text/html", "<!doctype html><html><head><title>Blog</title></head><body>hi</body></html>"),
    );
    server.set("/feed.xml", Reply::fixture("feeds/tech.atom"));
    let jb = Jb::empty();
    assert_eq!(jb.ok(&["add", &server.url("/blog/")]), "1\tQuiet Systems\n");
    assert_eq!(jb.json(&["source", "1"])["feed_url"], server.url("/feed.xml"));
}
