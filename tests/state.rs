//! The reader's state (read, bookmark, reaction) through the CLI, across re-syncs, in search and export.

use crate::support::{Jb, Reply, TestServer, stderr};
use serde_json::Value;

fn synced_city_news() -> (TestServer, Jb) {
    let server = TestServer::start();
    let jb = Jb::empty();
    jb.add(&server.url("/feeds/city-news.rss"));
    jb.ok(&["sync"]);
    (server, jb)
}

fn id_of(jb: &Jb, title: &str) -> String {
    jb.article_titled(title)["id"].to_string()
}

#[test]
fn state_commands_set_and_clear_and_repeat_harmlessly() {
    let (_server, jb) = synced_city_news();
    let id = id_of(&jb, "老街夜市重新開張");
    jb.ok(&["read", &id]);
    jb.ok(&["read", &id]);
    jb.ok(&["bookmark", &id]);
    let first = jb.json(&["show", &id])["bookmarked_at"].clone();
    assert!(first.as_str().unwrap().ends_with("+00:00"), "{first}");
    jb.ok(&["bookmark", &id]);
    let a = jb.json(&["show", &id]);
    assert_eq!(
        (a["read"].clone(), a["bookmarked"].clone(), a["bookmarked_at"].clone()),
        (Value::Bool(true), Value::Bool(true), first)
    );
    assert_eq!(jb.articles(&["--unread"]).len(), 2);
    assert_eq!(jb.articles(&["--bookmarked"]).len(), 1);
    jb.ok(&["unread", &id]);
    jb.ok(&["unbookmark", &id]);
    jb.ok(&["unbookmark", &id]);
    let a = jb.json(&["show", &id]);
    assert_eq!((a["read"].clone(), a["bookmarked_at"].clone()), (Value::Bool(false), Value::Null));
}

#[test]
fn one_reaction_per_article_changeable_and_clearable() {
    let (_server, jb) = synced_city_news();
    let id = id_of(&jb, "圖書館延長開放時間");
    jb.ok(&["react", &id, "flowers"]);
    assert_eq!(jb.json(&["show", &id])["reaction"], "flowers");
    jb.ok(&["react", &id, "eggs"]);
    assert_eq!(jb.json(&["show", &id])["reaction"], "eggs");
    jb.ok(&["react", &id, "--clear"]);
    assert_eq!(jb.json(&["show", &id])["reaction"], Value::Null);
    for bad in [vec!["react", &id, "likes"], vec!["react", &id], vec!["react", &id, "eggs", "--clear"]] {
        let out = jb.run(&bad);
        assert_eq!(out.status.code(), Some(2), "{bad:?}: {}", stderr(&out));
    }
    let out = jb.run(&["react", "9999", "eggs"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no article 9999"), "{}", stderr(&out));
}

#[test]
fn an_updated_article_gets_new_content_and_keeps_its_state() {
    let (server, jb) = synced_city_news();
    let id = id_of(&jb, "發展新區交通規劃公布");
    jb.ok(&["read", &id]);
    jb.ok(&["bookmark", &id]);
    jb.ok(&["react", &id, "handshake"]);
    let feed = std::fs::read_to_string(crate::support::fixtures().join("feeds/city-news.rss")).unwrap();
    let changed = feed
        .replace("輕軌將在三年內通車", "輕軌將在兩年內通車")
        .replace("<guid isPermaLink=\"false\">city-001</guid>", "");
    server.set("/feeds/city-news.rss", Reply::xml(changed));
    let out = jb.ok(&["sync"]);
    // city-002 changed; city-001 lost its guid but keeps its link, so it is the same article (unchanged).
    assert_eq!(out, "ok\t1\t山城日報 · 城事\t0 new, 1 updated\n");
    let a = jb.json(&["show", &id]);
    assert!(a["text"].as_str().unwrap().contains("兩年內"), "{}", a["text"]);
    assert_eq!(
        (a["read"].clone(), a["bookmarked"].clone(), a["reaction"].clone()),
        (Value::Bool(true), Value::Bool(true), Value::from("handshake"))
    );
    assert_eq!(jb.articles(&[]).len(), 3, "no duplicates");
}

#[test]
fn search_finds_one_and_two_character_words_in_either_script() {
    let (_server, jb) = synced_city_news();
    let hits = jb.json(&["search", "发展"]);
    assert_eq!(hits.as_array().unwrap().len(), 1, "{hits}");
    assert_eq!(hits[0]["title"], "發展新區交通規劃公布");
    assert!(hits[0]["excerpt"].as_str().unwrap().contains("發展"), "{hits}");
    let one = jb.json(&["search", "燈"]);
    assert_eq!(one, serde_json::json!([]));
    let one = jb.json(&["search", "馆"]);
    assert_eq!(one.as_array().unwrap().len(), 1, "馆 finds 圖書館: {one}");
    assert_eq!(one[0]["title"], "圖書館延長開放時間");
    let two_terms = jb.json(&["search", "夜市", "公車"]);
    assert_eq!(two_terms[0]["title"], "老街夜市重新開張");
    assert_eq!(jb.json(&["search", "夜市", "圖書館"]), serde_json::json!([]));
    let text = jb.ok(&["search", "发展"]);
    assert!(text.contains("發展新區交通規劃公布"), "{text}");
}

#[test]
fn export_writes_every_article_with_the_documented_fields() {
    let (_server, jb) = synced_city_news();
    let id = id_of(&jb, "老街夜市重新開張");
    jb.ok(&["bookmark", &id]);
    jb.ok(&["react", &id, "passing"]);
    let out = jb.ok(&["export", "--format", "ndjson"]);
    let records: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).expect("one JSON object per line")).collect();
    assert_eq!(records.len(), 3);
    let fields = [
        "id",
        "source_id",
        "source_url",
        "guid",
        "link",
        "title",
        "author",
        "published",
        "updated",
        "summary",
        "html",
        "text",
        "categories",
        "read",
        "bookmarked",
        "bookmarked_at",
        "reaction",
    ];
    for r in &records {
        for f in fields {
            assert!(r.get(f).is_some(), "{f} missing in {r}");
        }
        assert!(r["categories"].is_array());
    }
    let night = records.iter().find(|r| r["title"] == "老街夜市重新開張").unwrap();
    assert_eq!(night["reaction"], "passing");
    assert_eq!(night["bookmarked"], true);
    assert_eq!(night["summary"], "整修半年的老街夜市今晚重新開張。");

    let file = jb.data_dir().join("export.ndjson");
    let out = jb.run(&["export", "--format", "ndjson", "--output", file.to_str().unwrap()]);
    assert!(out.status.success());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), jb.ok(&["export", "--format", "ndjson"]));
    let out = jb.run(&["export", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_library_from_a_newer_jianbao_is_refused_and_left_untouched() {
    let jb = Jb::empty();
    jb.ok(&["sources"]);
    let db = jb.data_dir().join("jianbao.sqlite3");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let out = jb.run(&["list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("newer Jianbao"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&db).unwrap(), before);
}
