//! Subscribing and syncing real feed documents over real HTTP: formats, encodings, conditional GET,
//! deduplication, and bad sources that must not cost anything already stored.

use crate::support::{Jb, Reply, TestServer, stderr, stdout};
use serde_json::Value;

fn titles(articles: &[Value]) -> Vec<&str> {
    articles.iter().map(|a| a["title"].as_str().unwrap()).collect()
}

#[test]
fn add_subscribes_without_storing_articles_and_sync_brings_them_newest_first() {
    let server = TestServer::start();
    let jb = Jb::empty();
    let out = jb.ok(&["add", &server.url("/feeds/city-news.rss")]);
    assert_eq!(out, "1\t山城日報 · 城事\n");
    assert!(jb.articles(&[]).is_empty(), "add stores no articles");
    let source = &jb.json(&["sources"])[0];
    assert_eq!(source["last_sync_at"], Value::Null);

    let out = jb.ok(&["sync"]);
    assert_eq!(out, "ok\t1\t山城日報 · 城事\t3 new, 0 updated\n");
    let articles = jb.articles(&[]);
    assert_eq!(titles(&articles), ["老街夜市重新開張", "發展新區交通規劃公布", "圖書館延長開放時間"]);

    let night = jb.article_titled("老街夜市重新開張");
    assert_eq!(night["guid"], "city-003");
    assert_eq!(night["author"], "林小雨");
    assert_eq!(night["published"], "2026-11-20T20:00:00+08:00");
    assert_eq!(night["categories"], serde_json::json!(["民生", "夜市"]));
    assert_eq!(night["source_url"], server.url("/feeds/city-news.rss"));
    let html = night["html"].as_str().unwrap();
    let picture = &night["pictures"][0];
    assert_eq!(
        (picture["url"].as_str(), picture["status"].as_str()),
        (Some(server.url("/img/night-market.png").as_str()), Some("stored"))
    );
    let reference = picture["reference"].as_str().unwrap();
    assert!(html.contains(&format!(r#"src="{reference}""#)), "the reader loads the stored copy: {html}");
    assert!(!html.contains("http://127.0.0.1"), "nothing in the article loads from the network: {html}");
    let stored = std::fs::read(jb.data_dir().join(reference)).unwrap();
    assert_eq!(stored, std::fs::read(crate::support::fixtures().join("img/night-market.png")).unwrap());
    for bad in ["<script", "onclick", "javascript:", "alert("] {
        assert!(!html.contains(bad), "{bad} in {html}");
    }
    assert!(night["text"].as_str().unwrap().contains("市政府表示，週末將加開公車。"));
}

#[test]
fn every_request_carries_an_honest_user_agent_and_resyncs_are_conditional() {
    let server = TestServer::start();
    let jb = Jb::empty();
    jb.add(&server.url("/feeds/city-news.rss"));
    jb.ok(&["sync"]);
    let out = jb.ok(&["sync"]);
    assert_eq!(out, "ok\t1\t山城日報 · 城事\t0 new, 0 updated\n");
    let hits = server.hits_on("/feeds/city-news.rss");
    assert_eq!(hits.len(), 3, "add, sync, sync: {hits:?}");
    assert!(hits.iter().all(|h| h.user_agent.as_deref().unwrap_or("").starts_with("Jianbao/")), "{hits:?}");
    assert!(!hits[0].conditional && !hits[1].conditional, "add stores no validators: {hits:?}");
    assert!(hits[2].conditional && hits[2].status == 304, "{hits:?}");
}

#[test]
fn atom_and_json_feeds_keep_dates_authors_and_links() {
    let server = TestServer::start();
    let jb = Jb::empty();
    jb.add(&server.url("/feeds/tech.atom"));
    jb.add(&server.url("/feeds/notes.json"));
    jb.ok(&["sync"]);
    let sqlite = jb.article_titled("Why SQLite is enough");
    assert_eq!(sqlite["published"], "2026-11-10T08:15:00-05:00");
    assert_eq!(sqlite["author"], "Ada Park");
    assert_eq!(sqlite["link"], "http://tech.example/posts/sqlite");
    assert!(sqlite["html"].as_str().unwrap().contains("<li>FTS5 for search</li>"));
    let measure = jb.article_titled("Measuring before tuning");
    assert_eq!(measure["categories"], serde_json::json!(["performance"]));
    assert!(!measure["html"].as_str().unwrap().contains("iframe"));
    let radish = jb.article_titled("早市的蘿蔔");
    assert_eq!(radish["guid"], "n1");
    assert_eq!(radish["published"], "2026-11-12T06:30:00+08:00");
    assert_eq!(radish["pictures"][0]["url"], server.url("/img/radish.png"), "resolved against the feed's address");
    assert_eq!(radish["pictures"][0]["status"], "stored");
}

#[test]
fn a_gbk_feed_declared_gb2312_decodes_without_replacement_characters() {
    let server = TestServer::start();
    let jb = Jb::empty();
    jb.add(&server.url("/feeds/gbk-news.rss"));
    jb.ok(&["sync"]);
    let library = jb.article_titled("图书馆新书上架");
    assert!(library["text"].as_str().unwrap().contains("朱镕基文集"), "{}", library["text"]);
    let export = jb.ok(&["export", "--format", "ndjson"]);
    assert!(!export.contains('\u{fffd}'));
    assert_eq!(jb.json(&["sources"])[0]["title"], "简体新闻");
}

#[test]
fn a_web_page_naming_one_feed_subscribes_to_that_feed() {
    let server = TestServer::start();
    let jb = Jb::empty();
    jb.ok(&["add", &server.url("/pages/with-feed.html")]);
    let source = &jb.json(&["sources"])[0];
    // The subscription is to the feed the page named.
    assert_eq!(source["url"], server.url("/feeds/city-news.rss"));
    assert_eq!(source["feed_url"], server.url("/feeds/city-news.rss"));
    jb.ok(&["sync"]);
    assert_eq!(jb.articles(&[]).len(), 3);
}

#[test]
fn a_page_naming_several_feeds_lists_them_and_takes_pick() {
    let server = TestServer::start();
    let page = r#"<html><head><link rel="alternate" type="application/rss+xml" title="News" href="/feeds/city-news.rss">
        <link rel="alternate" type="application/atom+xml" title="Tech" href="/feeds/tech.atom"></head></html>"#;
    server.set("/two.html", Reply::new(200, "text/html", page));
    let jb = Jb::empty();
    let out = jb.run(&["add", &server.url("/two.html")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains(&format!("2\t{}\tTech", server.url("/feeds/tech.atom"))), "{}", stdout(&out));
    assert!(stderr(&out).contains("--pick"), "{}", stderr(&out));
    let out = jb.run(&["add", &server.url("/two.html"), "--pick", "9"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(jb.ok(&["add", &server.url("/two.html"), "--pick", "2"]), "1\tQuiet Systems\n");
    assert_eq!(jb.ok(&["add", &server.url("/two.html"), "--pick", "1"]), "2\t山城日報 · 城事\n");
    let again = jb.run(&["add", &server.url("/two.html"), "--pick", "1"]);
    assert!(stderr(&again).contains("already subscribed as source 2"), "{}", stderr(&again));
}

#[test]
fn add_refuses_what_is_not_a_feed_with_a_message_naming_it() {
    let server = TestServer::start();
    let jb = Jb::empty();
    let cases = [
        ("ftp://example.org/feed.xml".to_owned(), "ftp://example.org/feed.xml"),
        ("file:///etc/passwd".to_owned(), "file:///etc/passwd"),
        ("not a url".to_owned(), "not a url"),
        (server.url("/pages/no-feed.html"), "names no feed"),
        (server.url("/nope.xml"), "404"),
        ("http://127.0.0.1:1/feed.xml".to_owned(), "127.0.0.1:1"),
        (server.url("/feeds/truncated.rss"), "not a readable feed"),
    ];
    for (url, expected) in &cases {
        let out = jb.run(&["add", url]);
        assert_eq!(out.status.code(), Some(1), "{url}: {}", stderr(&out));
        assert!(stderr(&out).contains(expected), "{url}: {}", stderr(&out));
    }
    assert!(stderr(&jb.run(&["add", &server.url("/nope.xml")])).contains(&server.url("/nope.xml")));
    assert_eq!(jb.json(&["sources"]), serde_json::json!([]));
}

#[test]
fn a_failing_source_is_reported_by_name_and_costs_nothing_stored_while_the_others_sync() {
    let server = TestServer::start();
    let other = TestServer::start();
    let jb = Jb::empty();
    let feeds = ["/broken/404.rss", "/broken/html.rss", "/broken/truncated.rss"];
    for path in feeds {
        server.set(path, Reply::xml(std::fs::read(crate::support::fixtures().join("feeds/city-news.rss")).unwrap()));
    }
    other.set("/gone.rss", Reply::xml(std::fs::read(crate::support::fixtures().join("feeds/tech.atom")).unwrap()));
    for path in feeds {
        jb.add(&server.url(path));
    }
    jb.add(&other.url("/gone.rss"));
    jb.add(&server.url("/feeds/notes.json"));
    jb.ok(&["sync"]);
    let before = jb.articles(&["--limit", "1000"]).len();
    assert_eq!(before, 3 * 3 + 2 + 2);

    server.set("/broken/404.rss", Reply::new(404, "text/html", "gone"));
    server.set("/broken/html.rss", Reply::new(200, "text/html", "<!doctype html><html><body>Login</body></html>"));
    server.set(
        "/broken/truncated.rss",
        Reply::xml(std::fs::read(crate::support::fixtures().join("feeds/truncated.rss")).unwrap()),
    );
    let gone_url = other.url("/gone.rss");
    other.stop();

    let out = jb.run(&["sync"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let lines = stdout(&out);
    assert_eq!(lines.lines().count(), 5, "one line per source: {lines}");
    assert!(lines.lines().any(|l| l.starts_with("ok\t5\tField Notes\t")), "{lines}");
    for (id, needle) in
        [(1, "HTTP 404"), (2, "web page, not a feed"), (3, "not a readable feed"), (4, "unable to reach")]
    {
        let line =
            lines.lines().find(|l| l.starts_with(&format!("failed\t{id}\t"))).unwrap_or_else(|| panic!("{lines}"));
        assert!(line.contains(needle), "{line}");
    }
    assert!(lines.contains(&gone_url), "the unreachable source is named: {lines}");
    assert_eq!(jb.articles(&["--limit", "1000"]).len(), before, "nothing stored was lost");
    let sources = jb.json(&["sources"]);
    let by_id = |id: i64| sources.as_array().unwrap().iter().find(|s| s["id"] == id).unwrap().clone();
    assert!(by_id(1)["last_error"].as_str().unwrap().contains("404"), "{sources}");
    assert_eq!(by_id(1)["last_error_kind"], "http_status");
    assert_eq!(by_id(5)["last_error"], Value::Null);
}

#[test]
fn sync_of_named_sources_leaves_the_others_alone() {
    let server = TestServer::start();
    let jb = Jb::empty();
    jb.add(&server.url("/feeds/city-news.rss"));
    jb.add(&server.url("/feeds/tech.atom"));
    let out = jb.ok(&["sync", "2"]);
    assert!(out.starts_with("ok\t2\tQuiet Systems\t2 new"), "{out}");
    assert_eq!(jb.articles(&["--source", "1"]).len(), 0);
    assert_eq!(jb.articles(&["--source", "2"]).len(), 2);
    let out = jb.run(&["sync", "99"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no source 99"), "{}", stderr(&out));
}
