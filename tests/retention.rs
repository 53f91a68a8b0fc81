//! Retention: old read articles go with the pictures only they used; bookmarks (with their pictures),
//! reactions and unread articles stay; a feed that still lists a deleted article cannot bring it back.

use crate::support::{Jb, Reply, TestServer, fixtures};

#[test]
fn retention_never_removes_a_bookmark_or_its_pictures() {
    let server = TestServer::start();
    let mut xml = String::from("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Daily</title>");
    for i in 0..4 {
        xml += &format!(
            "<item><title>day {i}</title><guid>d{i}</guid><pubDate>Mon, 0{} Nov 2026 08:00:00 +0800</pubDate>\
             <description><![CDATA[<img src=\"/img/p{i}.png\">]]></description></item>",
            i + 1
        );
    }
    server.set("/daily.rss", Reply::xml(xml + "</channel></rss>"));
    for (i, name) in ["night-market.png", "radish.png", "night-market.png", "radish.png"].iter().enumerate() {
        let bytes = std::fs::read(fixtures().join("img").join(name)).unwrap();
        server.set(&format!("/img/p{i}.png"), Reply::new(200, "image/png", bytes));
    }
    let jb = Jb::empty();
    jb.add(&server.url("/daily.rss"));
    jb.ok(&["sync"]);
    let id = |title: &str| jb.article_titled(title)["id"].to_string();
    let (d0, d1, d2, d3) = (id("day 0"), id("day 1"), id("day 2"), id("day 3"));
    for read in [&d0, &d1, &d2] {
        jb.ok(&["read", read]);
    }
    jb.ok(&["bookmark", &d0]);
    let bookmarked_picture = jb.json(&["show", &d0])["pictures"][0]["reference"].as_str().unwrap().to_owned();

    // Keep the newest two: day 3 (unread) and day 2 stay, day 1 (read) goes, day 0 is bookmarked and stays.
    jb.ok(&["source", "1", "--set", "keep_articles=2"]);
    jb.ok(&["sync"]);
    let left: Vec<String> = jb.articles(&[]).iter().map(|a| a["title"].as_str().unwrap().to_owned()).collect();
    assert_eq!(left, ["day 3", "day 2", "day 0"]);
    assert!(jb.run(&["show", &d1]).status.code() == Some(1), "day 1 is gone");
    assert!(jb.data_dir().join(&bookmarked_picture).is_file(), "the bookmark's picture stays");
    let shown = jb.json(&["show", &d0]);
    assert!(shown["html"].as_str().unwrap().contains(&bookmarked_picture));

    assert_eq!(jb.json(&["show", &d2])["read"], true);
    assert_eq!(jb.json(&["show", &d3])["read"], false);

    // The feed still lists day 1; it stays gone.
    jb.ok(&["sync"]);
    assert_eq!(jb.articles(&[]).len(), 3);
}
