//! The starter library a new user finds: the seed portal article field for field, and welcome articles.

use crate::support::Jb;
use serde_json::Value;

/// The seed as the user's portal showed it (a copy of ../shared/seed/000_1a09796742693f37.txt).
const SEED: &str = include_str!("fixtures/seed.txt");

/// What reading the seed means once the pipeline has removed the inline pinyin: `字(zì)` → `字`.
fn without_pinyin(text: &str) -> String {
    jianbao::clean::strip_inline_pinyin(text)
}

/// The seed's body paragraphs: from after the 摘要 line up to the reactions.
fn seed_paragraphs() -> Vec<String> {
    let lines: Vec<&str> = SEED.lines().collect();
    let start = lines.iter().position(|l| l.starts_with("摘要")).unwrap() + 1;
    lines[start..]
        .iter()
        .map(|l| l.trim())
        .take_while(|l| *l != "鮮花")
        .filter(|l| !l.is_empty())
        .map(without_pinyin)
        .collect()
}

fn portal_article(jb: &Jb) -> Value {
    jb.article_titled("萍鄉:創新賦能高質量發展")
}

#[test]
fn a_new_library_shows_the_seed_article_field_for_field() {
    let jb = Jb::with_starter();
    let a = portal_article(&jb);
    assert_eq!(a["source_url"], "jianbao:starter");
    assert_eq!(a["published"], "2020-11-27T15:34:00+08:00");
    let p = &a["portal"];
    assert_eq!(p["publisher"], "admin");
    assert_eq!(p["source_name"], "中國網");
    assert_eq!(p["comment_count"], 0);
    assert_eq!(p["views"], Value::Null, "the seed's portal shows no view count");
    assert_eq!(p["section"], "門戶");
    assert_eq!(p["category_path"], serde_json::json!(["城事資訊", "安源區政府"]));
    assert_eq!(p["aid"], 7264);
    for kind in ["flowers", "handshake", "shocking", "passing", "eggs"] {
        assert_eq!(p["reactions"][kind], 0, "{kind}");
    }
    let seed_summary = SEED.lines().find(|l| l.starts_with("摘要")).unwrap().split_once(':').unwrap().1.trim();
    assert_eq!(a["summary"].as_str().unwrap(), without_pinyin(seed_summary));
}

#[test]
fn the_seed_body_keeps_every_paragraph_in_order_without_pinyin() {
    let jb = Jb::with_starter();
    let a = portal_article(&jb);
    let text: Vec<&str> = a["text"].as_str().unwrap().lines().collect();
    assert_eq!(text, seed_paragraphs());
    let html = a["html"].as_str().unwrap();
    assert_eq!(html.matches("<p>").count() + html.matches("<p ").count(), text.len(), "{html}");
    assert!(!a["text"].as_str().unwrap().contains("(xiāng)"));
    // Unrecoverable mojibake stays as the portal shows it.
    assert!(a["text"].as_str().unwrap().contains("?偼顿Y25億元"));
    assert!(!html.contains("<script"), "{html}");
}

#[test]
fn the_starter_also_holds_welcome_articles_and_never_syncs_over_the_network() {
    let jb = Jb::with_starter();
    let sources = jb.json(&["sources"]);
    assert_eq!(sources.as_array().unwrap().len(), 1);
    assert_eq!(sources[0]["kind"], "local");
    assert_eq!(sources[0]["url"], "jianbao:starter");
    let titles: Vec<String> = jb.articles(&[]).iter().map(|a| a["title"].as_str().unwrap().to_owned()).collect();
    assert_eq!(titles.len(), 5, "{titles:?}");
    assert!(titles[0].starts_with("歡迎使用剪報"), "newest first: {titles:?}");
    let out = jb.ok(&["sync"]);
    assert!(out.starts_with("ok\t1\t"), "{out}");
    assert_eq!(jb.articles(&[]).len(), 5);
}

#[test]
fn unsubscribing_the_starter_removes_it_for_good() {
    let jb = Jb::with_starter();
    jb.ok(&["remove", "1"]);
    assert_eq!(jb.json(&["sources"]), serde_json::json!([]));
    // Any later open, by any face, finds it still gone.
    assert_eq!(jb.articles(&[]).len(), 0);
    assert_eq!(jb.json(&["sources"]), serde_json::json!([]));
}

#[test]
fn no_starter_by_flag_or_environment_gives_an_empty_library() {
    let jb = Jb::empty();
    assert_eq!(jb.json(&["sources"]), serde_json::json!([]));
    let by_env = Jb::with_starter();
    let out = by_env.command().env("JIANBAO_NO_STARTER", "1").args(["sources", "--json"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(serde_json::from_slice::<Value>(&out.stdout).unwrap(), serde_json::json!([]));
}
