//! Web mode: `jianbao serve` on 127.0.0.1 with a per-run secret; the same API the desktop window uses.

use crate::support::{Jb, TestServer, stderr};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// A running `jianbao serve`, killed when dropped.
struct Served {
    child: Child,
    base: String,
    token: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(jb: &Jb) -> Served {
    let mut child =
        jb.command().args(["serve", "--port", "0"]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    let url = first.trim();
    let (base, token) = url.split_once("/#token=").unwrap_or_else(|| panic!("first line is the URL: {url:?}"));
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");
    assert!(token.len() >= 32, "{token}");
    Served { child, base: base.to_owned(), token: token.to_owned() }
}

async fn call(s: &Served, cmd: &str, args: Value) -> (u16, Value) {
    let response = reqwest::Client::new()
        .post(format!("{}/api/{cmd}", s.base))
        .bearer_auth(&s.token)
        .json(&args)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

#[tokio::test]
async fn the_api_refuses_callers_without_the_token_or_from_elsewhere() {
    let jb = Jb::with_starter();
    let s = serve(&jb);
    let client = reqwest::Client::new();
    let url = format!("{}/api/sources_list", s.base);
    let none = client.post(&url).send().await.unwrap();
    assert_eq!(none.status().as_u16(), 401);
    let wrong = client.post(&url).bearer_auth("0".repeat(s.token.len())).send().await.unwrap();
    assert_eq!(wrong.status().as_u16(), 401);
    let foreign = client.post(&url).bearer_auth(&s.token).header("Origin", "http://evil.example").send().await.unwrap();
    assert_eq!(foreign.status().as_u16(), 403);
    assert!(foreign.headers().get("access-control-allow-origin").is_none());
    let rebound = client.post(&url).bearer_auth(&s.token).header("Host", "evil.example").send().await.unwrap();
    assert_eq!(rebound.status().as_u16(), 403);
    let ok = client.post(&url).bearer_auth(&s.token).header("Origin", s.base.as_str()).send().await.unwrap();
    assert_eq!(ok.status().as_u16(), 200);
    assert!(ok.headers().get("access-control-allow-origin").is_none());
    let sources: Value = ok.json().await.unwrap();
    assert_eq!(sources[0]["url"], "jianbao:starter");
}

#[tokio::test]
async fn the_page_is_served_with_a_strict_content_security_policy() {
    let jb = Jb::empty();
    let s = serve(&jb);
    let page = reqwest::get(format!("{}/", s.base)).await.unwrap();
    assert_eq!(page.status().as_u16(), 200);
    let csp = page.headers()["content-security-policy"].to_str().unwrap().to_owned();
    for directive in ["default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'"] {
        assert!(csp.contains(directive), "{directive} missing from {csp}");
    }
    assert!(page.text().await.unwrap().contains("js/main.js"));
    let api = reqwest::get(format!("{}/js/api.js", s.base)).await.unwrap();
    assert_eq!(api.status().as_u16(), 200);
    assert!(api.headers()["content-type"].to_str().unwrap().contains("javascript"));
}

#[tokio::test]
async fn the_window_s_commands_work_over_http_from_add_to_reaction() {
    let server = TestServer::start();
    let jb = Jb::empty();
    let s = serve(&jb);
    let (status, source) = call(&s, "sources_add", json!({"url": server.url("/feeds/city-news.rss")})).await;
    assert_eq!(status, 200, "{source}");
    assert_eq!(source["title"], "山城日報 · 城事");
    let (status, error) = call(&s, "sources_add", json!({"url": server.url("/nope.xml")})).await;
    assert_eq!((status, error["kind"].as_str().unwrap()), (422, "http_status"), "{error}");
    assert!(error["message"].as_str().unwrap().contains("/nope.xml"), "{error}");

    let (status, _) = call(&s, "sync_start", json!({})).await;
    assert_eq!(status, 200);
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        let (_, st) = call(&s, "sync_status", json!({})).await;
        if st["running"] == false && st["finished_at"].is_string() {
            break st;
        }
        assert!(Instant::now() < deadline, "sync never finished: {st}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(status["done"], 1);
    assert_eq!(status["results"][0]["new"], 3);

    let (_, list) = call(&s, "articles_list", json!({})).await;
    let id = list[0]["id"].clone();
    let (_, state) = call(&s, "articles_set_bookmarked", json!({"id": id, "bookmarked": true})).await;
    assert_eq!(state["bookmarked"], true);
    let (_, state) = call(&s, "articles_set_reaction", json!({"id": id, "reaction": "shocking"})).await;
    assert_eq!(state["reaction"], "shocking");
    let (status, bad) = call(&s, "articles_set_reaction", json!({"id": id, "reaction": "likes"})).await;
    assert_eq!((status, bad["kind"].as_str().unwrap()), (400, "invalid_argument"));
    let (_, article) = call(&s, "articles_get", json!({"id": id})).await;
    assert_eq!((article["bookmarked"].clone(), article["reaction"].clone()), (json!(true), json!("shocking")));
    drop(s);

    // The CLI sees what the browser did: one library.
    let shown = jb.json(&["show", &id.to_string()]);
    assert_eq!(shown["reaction"], "shocking");
}

#[test]
fn a_busy_port_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let jb = Jb::empty();
    let out = jb.run(&["serve", "--port", &port]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains(&format!("port {port}")) && stderr(&out).contains("in use"), "{}", stderr(&out));
}

#[tokio::test]
async fn pictures_load_in_this_run_s_page_only() {
    let server = TestServer::start();
    let jb = Jb::empty();
    jb.add(&server.url("/feeds/city-news.rss"));
    jb.ok(&["sync"]);
    let s = serve(&jb);
    let client = reqwest::Client::new();
    let response = client
        .post(format!("{}/api/articles_list", s.base))
        .bearer_auth(&s.token)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    let cookie = response.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    let list: Value = response.json().await.unwrap();
    let night = list.as_array().unwrap().iter().find(|a| a["title"] == "老街夜市重新開張").unwrap();
    let (_, article) = call(&s, "articles_get", json!({"id": night["id"]})).await;
    let reference = article["pictures"][0]["reference"].as_str().unwrap().to_owned();
    let url = format!("{}/{reference}", s.base);
    assert_eq!(reqwest::get(&url).await.unwrap().status().as_u16(), 401, "no cookie, no picture");
    let pair = cookie.split(';').next().unwrap().to_owned();
    let picture = client.get(&url).header("Cookie", pair.clone()).send().await.unwrap();
    assert_eq!(picture.status().as_u16(), 200);
    assert_eq!(picture.headers()["content-type"], "image/png");
    assert_eq!(
        picture.bytes().await.unwrap().as_ref(),
        std::fs::read(crate::support::fixtures().join("img/night-market.png")).unwrap()
    );
    let outside =
        client.get(format!("{}/pictures/../jianbao.sqlite3", s.base)).header("Cookie", pair).send().await.unwrap();
    assert_ne!(outside.status().as_u16(), 200);
}

#[tokio::test]
async fn the_storage_view_counts_pictures_per_source_and_freeing_space_keeps_bookmarks() {
    let server = TestServer::start();
    let item = |guid: &str, picture: &str| {
        format!(
            "<item><title>{guid}</title><guid>{guid}</guid><description><![CDATA[<p><img src=\"{}\"></p>]]></description></item>",
            server.url(picture)
        )
    };
    let xml = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Two pictures</title>{}{}</channel></rss>",
        item("kept", "/img/night-market.png"),
        item("freed", "/img/radish.png")
    );
    server.set("/two.rss", crate::support::Reply::xml(xml));
    let jb = Jb::empty();
    let source = jb.add(&server.url("/two.rss"));
    jb.ok(&["sync"]);
    let (kept, freed) = (jb.article_titled("kept"), jb.article_titled("freed"));
    jb.ok(&["bookmark", &kept["id"].to_string()]);
    jb.ok(&["read", &freed["id"].to_string()]);
    let size = |name: &str| std::fs::metadata(crate::support::fixtures().join("img").join(name)).unwrap().len();

    let s = serve(&jb);
    let (status, info) = call(&s, "storage_info", json!({})).await;
    assert_eq!(status, 200, "{info}");
    assert_eq!(info["picture_bytes"], size("night-market.png") + size("radish.png"), "{info}");
    assert_eq!(info["picture_budget_bytes"], 2048 * 1024 * 1024_i64, "{info}");
    assert!(info["database_bytes"].as_u64().unwrap() > 0, "{info}");
    assert_eq!(info["sources"][0]["source_id"], source, "{info}");
    assert_eq!(info["sources"][0]["bytes"], info["picture_bytes"], "{info}");

    let (status, outcome) = call(&s, "storage_free", json!({"bytes": 1_000_000_000})).await;
    assert_eq!(status, 200, "{outcome}");
    assert_eq!((outcome["pictures"].as_u64(), outcome["bytes"].as_u64()), (Some(1), Some(size("radish.png"))));
    let (_, info) = call(&s, "storage_info", json!({})).await;
    assert_eq!(info["picture_bytes"], size("night-market.png"), "the bookmark's picture stays: {info}");
    drop(s);
    assert_eq!(jb.article_titled("kept")["pictures"][0]["status"], "stored");
    assert_ne!(jb.article_titled("freed")["pictures"][0]["status"], "stored");
}
