//! Encodings never garble: every fixture in tests/fixtures/encodings/ (written by its make.py, described in its
//! expected.json) is served with its own Content-Type, subscribed and synced, and must read as written.

use crate::support::{Jb, Reply, TestServer, fixtures};
use serde_json::Value;

fn expected() -> serde_json::Map<String, Value> {
    let text = std::fs::read_to_string(fixtures().join("encodings/expected.json")).unwrap();
    serde_json::from_str::<Value>(&text).unwrap().as_object().unwrap().clone()
}

#[test]
fn every_encoding_fixture_reads_as_written_without_replacement_characters() {
    let server = TestServer::start();
    let jb = Jb::empty();
    let cases = expected();
    for (file, case) in &cases {
        let bytes = std::fs::read(fixtures().join("encodings").join(file)).unwrap();
        server.set(&format!("/{file}"), Reply::new(200, case["content_type"].as_str().unwrap(), bytes));
        let out = jb.run(&["add", &server.url(&format!("/{file}"))]);
        assert!(out.status.success(), "{file}: {}", String::from_utf8_lossy(&out.stderr));
    }
    jb.ok(&["sync"]);
    let export = jb.ok(&["export", "--format", "ndjson"]);
    let articles: Vec<Value> = export.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let mut failures = Vec::new();
    for (file, case) in &cases {
        let url = server.url(&format!("/{file}"));
        let Some(a) = articles.iter().find(|a| a["source_url"] == url.as_str()) else {
            failures.push(format!("{file}: no article stored"));
            continue;
        };
        if a["title"] != case["title"] || a["text"] != case["text"] {
            failures.push(format!("{file}: read as {} / {}", a["title"], a["text"]));
        }
        if a.to_string().contains('\u{fffd}') {
            failures.push(format!("{file}: U+FFFD in the stored article"));
        }
    }
    assert!(failures.is_empty(), "{} of {} garbled:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn a_per_source_encoding_override_reads_a_feed_that_lies_about_itself() {
    let server = TestServer::start();
    let case = &expected()["big5.xml"];
    let bytes = std::fs::read(fixtures().join("encodings/big5.xml")).unwrap();
    // Big5 bytes declared as GBK: they decode in GBK without a single error, so only the user can tell.
    let mut body = bytes.clone();
    let decl = b"encoding=\"big5\"";
    let at = bytes.windows(decl.len()).position(|w| w == decl).unwrap();
    body.splice(at..at + decl.len(), b"encoding=\"gbk\"".iter().copied());
    server.set("/liar.xml", Reply::xml(body));
    let jb = Jb::empty();
    jb.add(&server.url("/liar.xml"));
    jb.ok(&["sync"]);
    let garbled = jb.articles(&[]);
    assert_ne!(garbled[0]["title"], case["title"], "the lie is believed without an override");

    let shown = jb.ok(&["source", "1", "--set", "encoding=big5"]);
    assert!(shown.contains("encoding   big5"), "{shown}");
    assert_eq!(
        jb.ok(&["sync"]),
        "ok\t1\t".to_owned() + garbled[0]["source_title"].as_str().unwrap() + "\t0 new, 1 updated\n"
    );
    let fixed = jb.article_titled(case["title"].as_str().unwrap());
    assert_eq!(fixed["text"], case["text"]);

    let out = jb.run(&["source", "1", "--set", "encoding=klingon"]);
    assert_eq!(out.status.code(), Some(2));
    jb.ok(&["source", "1", "--set", "encoding=auto"]);
    assert_eq!(jb.json(&["source", "1"])["encoding"], Value::Null);
}
