//! Full text for summary-only feeds (the linked page fetched once, its article extracted and stored with its
//! pictures; the feed's summary kept), and "save a page" into the Saved source.

use crate::support::{Jb, Reply, TestServer, fixtures, stderr};

fn park_page(server: &TestServer) {
    let page = std::fs::read(fixtures().join("pages/zh-news-sidebars.html")).unwrap();
    server.set("/news/2024/05/park.html", Reply::new(200, "text/html; charset=utf-8", page));
    let photo = std::fs::read(fixtures().join("img/night-market.png")).unwrap();
    server.set("/news/2024/05/W020240518_park.jpg", Reply::new(200, "image/jpeg", photo));
}

#[test]
fn a_summary_only_feed_gets_each_article_s_full_text_once_with_its_pictures() {
    let server = TestServer::start();
    park_page(&server);
    let feed = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>萍城日报</title>\
         <item><title>滨河公园开园</title><guid>park</guid><link>{}</link><description>短摘要：公园开园。</description></item>\
         </channel></rss>",
        server.url("/news/2024/05/park.html")
    );
    server.set("/city.rss", Reply::xml(feed));
    let jb = Jb::empty();
    jb.add(&server.url("/city.rss"));
    let s = jb.json(&["source", "1", "--set", "full_text=on"]);
    assert_eq!(s["full_text"], true);
    jb.ok(&["sync"]);
    let a = jb.article_titled("滨河公园开园");
    let text = a["text"].as_str().unwrap();
    assert!(text.starts_with("5月18日上午") && text.contains("市民服务热线12345咨询。"), "{text}");
    assert!(!text.contains("网友评论") && !text.contains("热点排行"), "only the article: {text}");
    assert_eq!(a["summary"], "短摘要：公园开园。", "the feed's summary stays available");
    let picture = &a["pictures"][0];
    assert_eq!(picture["url"], server.url("/news/2024/05/W020240518_park.jpg"), "the lazy picture, resolved");
    assert_eq!(picture["status"], "stored");
    jb.ok(&["search", "滨河"]);
    assert_eq!(jb.json(&["search", "人行桥"]).as_array().unwrap().len(), 1, "the full text is searchable");

    jb.ok(&["sync"]);
    assert_eq!(server.hits_on("/news/2024/05/park.html").len(), 1, "each page is fetched once");
}

#[test]
fn save_turns_any_page_into_a_bookmarked_offline_article() {
    let server = TestServer::start();
    park_page(&server);
    let jb = Jb::empty();
    let out = jb.ok(&["save", &server.url("/news/2024/05/park.html")]);
    let (id, title) = out.trim().split_once('\t').unwrap();
    assert_eq!(title, "萍乡湘东区滨河公园正式开园_城市新闻_萍城日报网");
    let a = jb.json(&["show", id]);
    assert_eq!(a["source_url"], "jianbao:saved");
    assert_eq!(a["bookmarked"], true);
    assert_eq!(a["pictures"][0]["status"], "stored");
    assert_eq!(a["published"], "2024-05-18T09:30:00+08:00");
    let again = jb.ok(&["save", &server.url("/news/2024/05/park.html")]);
    assert_eq!(again, out, "saving again keeps one article");
    assert_eq!(jb.json(&["sources"]).as_array().unwrap().len(), 1);

    server.set(
        "/menu.html",
        Reply::new(200, "text/html", "<html><body><nav><a href=\"/a\">a</a> <a href=\"/b\">b</a></nav></body></html>"),
    );
    for (path, expected) in [("/menu.html", "no readable article"), ("/gone.html", "HTTP 404")] {
        let out = jb.run(&["save", &server.url(path)]);
        assert_eq!(out.status.code(), Some(1));
        assert!(stderr(&out).contains(expected) && stderr(&out).contains(path), "{}", stderr(&out));
    }
}
