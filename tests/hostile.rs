//! Hostile and broken input: each is bounded in time and memory, fails (if it fails) as a clear per-source
//! error, and leaves the other sources and everything stored alone.

use crate::support::{Jb, Reply, TestServer, stdout};
use std::io::Write;

const BOMB: &str = r#"<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
  <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
  <!ENTITY secret SYSTEM "file:///etc/passwd">
  <!ENTITY remote SYSTEM "http://127.0.0.1:{port}/leak">
]>
<rss version="2.0"><channel><title>Bomb</title>
<item><title>laughs &e;</title><guid>b1</guid><description>secret: &secret; remote: &remote;</description></item>
<item><title>Plain item</title><guid>b2</guid><description>still here</description></item>
</channel></rss>"#;

fn with_a_good_neighbour(server: &TestServer, jb: &Jb) {
    jb.add(&server.url("/feeds/notes.json"));
}

fn assert_neighbour_synced(out: &std::process::Output) {
    assert!(stdout(out).lines().any(|l| l.starts_with("ok\t1\tField Notes\t2 new")), "{}", stdout(out));
}

#[test]
fn entity_bombs_and_external_entities_are_never_expanded_or_fetched() {
    let server = TestServer::start();
    let jb = Jb::empty();
    with_a_good_neighbour(&server, &jb);
    server.set("/bomb.rss", Reply::xml(BOMB.replace("{port}", &server.port.to_string())));
    jb.add(&server.url("/bomb.rss"));
    let out = jb.run(&["sync"]);
    assert_neighbour_synced(&out);
    let export = jb.ok(&["export", "--format", "ndjson"]);
    assert!(!export.contains("root:"), "no file content leaks");
    assert!(export.len() < 200_000, "nothing expanded: {} bytes", export.len());
    assert!(server.hits_on("/leak").is_empty(), "no external entity fetched");
}

#[test]
fn a_gigabyte_body_stops_at_the_cap_with_an_error_naming_the_feed() {
    let server = TestServer::start();
    let jb = Jb::empty();
    with_a_good_neighbour(&server, &jb);
    server.set("/huge.rss", Reply::fixture("feeds/city-news.rss"));
    jb.add(&server.url("/huge.rss"));
    server.set("/huge.rss", Reply::xml("<rss version=\"2.0\"><channel><title>").endless(1 << 30));
    let out = jb.run(&["sync"]);
    assert_eq!(out.status.code(), Some(1));
    assert_neighbour_synced(&out);
    let line = stdout(&out).lines().find(|l| l.starts_with("failed\t2\t")).map(str::to_owned).unwrap_or_default();
    assert!(line.contains(&format!("{} sent more than 16777216 bytes", server.url("/huge.rss"))), "{line}");
}

#[test]
fn a_gzip_bomb_is_stopped_after_decompression_at_the_same_cap() {
    let server = TestServer::start();
    let jb = Jb::empty();
    with_a_good_neighbour(&server, &jb);
    server.set("/zip.rss", Reply::fixture("feeds/city-news.rss"));
    jb.add(&server.url("/zip.rss"));
    jb.ok(&["sync", "2"]);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let zeros = vec![b' '; 1 << 20];
    gz.write_all(b"<rss version=\"2.0\"><channel><title>").unwrap();
    for _ in 0..40 {
        gz.write_all(&zeros).unwrap();
    }
    let bomb = gz.finish().unwrap();
    assert!(bomb.len() < 1 << 20, "the bomb is small on the wire: {}", bomb.len());
    server.set("/zip.rss", Reply::xml(bomb).header("Content-Encoding", "gzip"));
    let out = jb.run(&["sync", "1", "2"]);
    assert_neighbour_synced(&out);
    assert!(stdout(&out).contains("sent more than 16777216 bytes"), "{}", stdout(&out));
    assert_eq!(jb.articles(&["--source", "2"]).len(), 3, "what was stored before stays");
}

#[test]
fn a_feed_of_a_hundred_thousand_items_keeps_the_first_five_thousand_and_says_so() {
    let server = TestServer::start();
    let jb = Jb::empty();
    with_a_good_neighbour(&server, &jb);
    let mut feed = String::from("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Flood</title>");
    for i in 0..100_000 {
        feed += &format!("<item><title>第{i}條</title><guid>f{i}</guid></item>");
    }
    feed += "</channel></rss>";
    server.set("/flood.rss", Reply::xml(feed));
    jb.add(&server.url("/flood.rss"));
    let out = jb.run(&["sync"]);
    assert!(out.status.success());
    assert_neighbour_synced(&out);
    assert!(
        stdout(&out).contains("ok\t2\tFlood\t5000 new, 0 updated (kept the first 5000 of 100000 items)"),
        "{}",
        stdout(&out)
    );
    assert_eq!(jb.articles(&["--source", "2"]).len(), 5000, "list shows them all unless --limit says otherwise");
}
