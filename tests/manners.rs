//! HTTP manners: redirects, Retry-After, back-off, the schedule, unchanged bodies and per-host limits, seen
//! from a real server on 127.0.0.1 (and 127.0.0.2, which is another host to a client).

use crate::support::{Jb, Reply, TestServer, stderr, stdout};
use serde_json::Value;
use std::time::{SystemTime, UNIX_EPOCH};

fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64
}

fn next_sync_in(source: &Value) -> i64 {
    let at = chrono::DateTime::parse_from_rfc3339(source["next_sync_at"].as_str().expect("scheduled")).unwrap();
    at.timestamp() - now()
}

fn source(jb: &Jb, id: i64) -> Value {
    jb.json(&["source", &id.to_string()])
}

#[test]
fn a_permanent_redirect_moves_the_feed_and_a_temporary_one_does_not() {
    let server = TestServer::start();
    server.set("/moving.rss", Reply::fixture("feeds/city-news.rss"));
    server.set("/visiting.rss", Reply::fixture("feeds/tech.atom"));
    let jb = Jb::empty();
    jb.add(&server.url("/moving.rss"));
    jb.add(&server.url("/visiting.rss"));
    server.set("/moving.rss", Reply::redirect(301, "/feeds/city-news.rss"));
    server.set("/visiting.rss", Reply::redirect(302, "/feeds/tech.atom"));
    let out = jb.ok(&["sync"]);
    assert!(out.contains(&format!("(moved permanently to {})", server.url("/feeds/city-news.rss"))), "{out}");
    assert_eq!(source(&jb, 1)["feed_url"], server.url("/feeds/city-news.rss"));
    assert_eq!(source(&jb, 1)["url"], server.url("/moving.rss"), "what the user subscribed stays recorded");
    assert_eq!(source(&jb, 2)["feed_url"], server.url("/visiting.rss"));
    let before = server.hits_on("/moving.rss").len();
    jb.ok(&["sync"]);
    assert_eq!(server.hits_on("/moving.rss").len(), before, "the old address is not asked again");
    assert_eq!(jb.articles(&[]).len(), 5);
}

#[test]
fn a_redirect_loop_stops_with_an_error_naming_the_feed() {
    let server = TestServer::start();
    server.set("/loop-a.rss", Reply::fixture("feeds/city-news.rss"));
    let jb = Jb::empty();
    jb.add(&server.url("/loop-a.rss"));
    jb.ok(&["sync"]);
    server.set("/loop-a.rss", Reply::redirect(302, "/loop-b.rss"));
    server.set("/loop-b.rss", Reply::redirect(302, "/loop-a.rss"));
    let out = jb.run(&["sync"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains(&format!("{} redirects in a loop", server.url("/loop-a.rss"))), "{}", stdout(&out));
    assert!(server.hits_on("/loop-a.rss").len() < 6, "the loop was not followed for long");
    assert_eq!(jb.articles(&[]).len(), 3, "nothing stored was lost");
}

#[test]
fn retry_after_is_shown_and_honoured_until_its_time() {
    let server = TestServer::start();
    server.set("/busy.rss", Reply::fixture("feeds/city-news.rss"));
    let jb = Jb::empty();
    jb.add(&server.url("/busy.rss"));
    server.set("/busy.rss", Reply::new(429, "text/plain", "slow down").header("Retry-After", "3600"));
    let out = jb.run(&["sync"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("answered HTTP 429 (retry after 3600 s)"), "{}", stdout(&out));
    let s = source(&jb, 1);
    assert_eq!(s["last_error_kind"], "rate_limited");
    assert!((3590..=3610).contains(&next_sync_in(&s)), "{s}");
    let hits = server.hits_on("/busy.rss").len();
    let out = jb.ok(&["sync"]);
    assert!(out.starts_with("skipped\t1\t"), "{out}");
    assert_eq!(server.hits_on("/busy.rss").len(), hits, "not asked again before its time");
}

#[test]
fn failing_sources_back_off_and_a_due_sync_respects_schedules() {
    let server = TestServer::start();
    server.set("/flaky.rss", Reply::fixture("feeds/city-news.rss"));
    let jb = Jb::empty();
    jb.add(&server.url("/flaky.rss"));
    jb.add(&server.url("/feeds/tech.atom"));
    jb.ok(&["sync"]);
    assert!((1790..=1810).contains(&next_sync_in(&source(&jb, 2))), "the default interval is 30 minutes");

    server.set("/flaky.rss", Reply::new(500, "text/plain", "oops"));
    jb.run(&["sync", "1"]);
    let first = source(&jb, 1);
    assert_eq!(first["failures"], 1);
    assert!((290..=310).contains(&next_sync_in(&first)), "{first}");
    jb.run(&["sync", "1"]);
    let second = source(&jb, 1);
    assert_eq!(second["failures"], 2);
    assert!((590..=610).contains(&next_sync_in(&second)), "doubled: {second}");
    assert!(second["last_error"].as_str().unwrap().contains("HTTP 500"));

    jb.add(&server.url("/feeds/notes.json"));
    let feed_hits = || server.hits().iter().filter(|h| !h.path.starts_with("/img/")).count();
    let hits_before = feed_hits();
    let out = jb.ok(&["sync", "--due"]);
    assert_eq!(out.lines().count(), 1, "only the never-synced source is due: {out}");
    assert!(out.starts_with("ok\t3\tField Notes\t2 new"), "{out}");
    assert_eq!(feed_hits(), hits_before + 1);

    server.set("/flaky.rss", Reply::fixture("feeds/city-news.rss"));
    jb.ok(&["sync", "1"]);
    assert_eq!(source(&jb, 1)["failures"], 0, "a success resets the back-off");
}

#[test]
fn a_feed_s_ttl_and_cache_max_age_push_the_next_fetch_back() {
    let server = TestServer::start();
    let feed = std::fs::read_to_string(crate::support::fixtures().join("feeds/city-news.rss")).unwrap();
    server.set("/ttl.rss", Reply::xml(feed.replace("<ttl>60</ttl>", "<ttl>180</ttl>")));
    server.set("/cached.atom", Reply::fixture("feeds/tech.atom").header("Cache-Control", "public, max-age=7200"));
    let jb = Jb::empty();
    jb.add(&server.url("/ttl.rss"));
    jb.add(&server.url("/cached.atom"));
    jb.ok(&["sync"]);
    assert!((10790..=10810).contains(&next_sync_in(&source(&jb, 1))), "ttl 180 minutes");
    assert!((7190..=7210).contains(&next_sync_in(&source(&jb, 2))), "max-age 2 hours");
    jb.ok(&["source", "1", "--set", "interval=600"]);
    jb.ok(&["sync", "1"]);
    assert!((35990..=36010).contains(&next_sync_in(&source(&jb, 1))), "the user's longer interval wins");
}

#[tokio::test]
async fn an_unchanged_body_without_validators_is_not_parsed_again() {
    let server = TestServer::start();
    server.set("/plain.rss", Reply::fixture("feeds/city-news.rss").without_validators());
    let jb = Jb::empty();
    jb.add(&server.url("/plain.rss"));
    let library =
        jianbao::Library::open(&jianbao::Options { data_dir: jb.data_dir().to_owned(), starter: false }).unwrap();
    let first = library.sync(&[], &jianbao::sync::Quiet).await.unwrap();
    assert_eq!((first[0].new, first[0].unchanged), (3, false));
    let second = library.sync(&[], &jianbao::sync::Quiet).await.unwrap();
    assert_eq!((second[0].new, second[0].unchanged), (0, true), "{second:?}");
    assert!(server.hits_on("/plain.rss").iter().all(|h| !h.conditional && h.status == 200));
}

#[test]
fn no_host_sees_more_than_two_requests_at_once_while_others_proceed() {
    let a = TestServer::start_on("127.0.0.1");
    let b = TestServer::start_on("127.0.0.2");
    let jb = Jb::empty();
    for server in [&a, &b] {
        for n in 0..6 {
            let path = format!("/slow-{n}.rss");
            server.set(&path, Reply::fixture("feeds/city-news.rss").without_validators());
            jb.add(&server.url(&path));
            server.set(&path, Reply::fixture("feeds/city-news.rss").without_validators().delayed(300));
        }
    }
    let out = jb.run(&["sync"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(a.most_in_flight(), 2, "two at a time on 127.0.0.1");
    assert_eq!(b.most_in_flight(), 2, "two at a time on 127.0.0.2");
    assert_eq!(jb.articles(&["--limit", "100"]).len(), 36);
}

#[test]
fn the_feed_s_own_interval_still_holds_when_it_answers_not_modified() {
    let server = TestServer::start();
    let feed = std::fs::read_to_string(crate::support::fixtures().join("feeds/city-news.rss")).unwrap();
    server.set("/ttl.rss", Reply::xml(feed.replace("<ttl>60</ttl>", "<ttl>600</ttl>")));
    let jb = Jb::empty();
    jb.add(&server.url("/ttl.rss"));
    jb.ok(&["sync"]);
    jb.ok(&["sync"]);
    assert_eq!(server.hits_on("/ttl.rss").last().unwrap().status, 304);
    assert!((35990..=36010).contains(&next_sync_in(&source(&jb, 1))), "ttl 600 minutes after a 304 too");
}

#[test]
fn add_through_a_temporary_redirect_keeps_the_address_it_was_given() {
    let server = TestServer::start();
    server.set("/feed", Reply::redirect(302, "/feeds/city-news.rss?signature=abc123"));
    server.set("/old", Reply::redirect(301, "/feeds/tech.atom"));
    let jb = Jb::empty();
    jb.add(&server.url("/feed"));
    jb.add(&server.url("/old"));
    assert_eq!(source(&jb, 1)["feed_url"], server.url("/feed"));
    assert_eq!(source(&jb, 2)["feed_url"], server.url("/feeds/tech.atom"), "a permanent move is followed");
}

#[test]
fn a_permanent_move_to_a_feed_that_answers_not_modified_is_recorded() {
    let server = TestServer::start();
    server.set("/old.rss", Reply::fixture("feeds/city-news.rss"));
    let jb = Jb::empty();
    jb.add(&server.url("/old.rss"));
    jb.ok(&["sync"]);
    // Same bytes at the new address, so the stored ETag matches and the answer is a 304.
    server.set("/new.rss", Reply::fixture("feeds/city-news.rss"));
    server.set("/old.rss", Reply::redirect(308, "/new.rss"));
    let out = jb.ok(&["sync"]);
    assert!(out.contains(&format!("moved permanently to {}", server.url("/new.rss"))), "{out}");
    assert_eq!(server.hits_on("/new.rss").last().unwrap().status, 304);
    assert_eq!(source(&jb, 1)["feed_url"], server.url("/new.rss"));
}

#[test]
fn a_new_interval_reschedules_from_the_last_success_at_once() {
    let server = TestServer::start();
    let jb = Jb::empty();
    jb.add(&server.url("/feeds/tech.atom"));
    jb.add(&server.url("/feeds/notes.json"));
    jb.ok(&["sync"]);
    assert!((1790..=1810).contains(&next_sync_in(&source(&jb, 1))));
    let s = jb.json(&["source", "1", "--set", "interval=5"]);
    assert!((290..=310).contains(&next_sync_in(&s)), "{s}");

    let library =
        jianbao::Library::open(&jianbao::Options { data_dir: jb.data_dir().to_owned(), starter: false }).unwrap();
    let mut settings = library.settings().unwrap();
    settings.sync_interval_minutes = 120;
    library.set_settings(&settings).unwrap();
    drop(library);
    assert!((7190..=7210).contains(&next_sync_in(&source(&jb, 2))), "the library default moved source 2");
    assert!((290..=310).contains(&next_sync_in(&source(&jb, 1))), "source 1 keeps its own interval");
}
