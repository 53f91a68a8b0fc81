//! Discuz! X portals as sources, against the test portal (tests/support/portal/): adding by any of its URLs,
//! the category tree, syncing categories from list pages (each article page fetched once, all its pages and
//! comments), the seed article field for field, editions and themes, and what a portal refuses.

use crate::support::portal::{self, Charset, FeedMode, PortalConfig, PortalServer, Theme, Urls};
use crate::support::{Jb, stderr, stdout};
use serde_json::Value;

mod reactions;

fn server(charset: Charset, theme: Theme, urls: Urls) -> PortalServer {
    PortalServer::start(PortalConfig { charset, theme, urls })
}

fn list_url(server: &PortalServer, catid: u32) -> String {
    server.url(&format!("portal.php?mod=list&catid={catid}"))
}

/// A page's text as a browser gets it, with a cookie when given.
fn get_text(url: &str, cookie: Option<&str>) -> String {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let mut request = reqwest::Client::new().get(url);
        if let Some(cookie) = cookie {
            request = request.header("Cookie", cookie);
        }
        request.send().await.unwrap().text().await.unwrap()
    })
}

/// Every exported article, by title.
fn exported(jb: &Jb) -> Vec<Value> {
    jb.ok(&["export", "--format", "ndjson"]).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn titled<'a>(all: &'a [Value], title: &str) -> &'a Value {
    all.iter().find(|a| a["title"] == title).unwrap_or_else(|| {
        let titles: Vec<_> = all.iter().map(|a| a["title"].as_str().unwrap_or_default()).collect();
        panic!("no article titled {title}: {titles:?}")
    })
}

fn with_aid(all: &[Value], aid: u32) -> &Value {
    all.iter().find(|a| a["portal"]["aid"] == aid).unwrap_or_else(|| panic!("no article with aid {aid}"))
}

/// The seed article as Jianbao must show it: every field the seed page carries, pinyin removed.
fn assert_is_the_seed(seed: &Value) {
    assert_eq!(seed["title"], "萍鄉:創新賦能高質量發展");
    assert_eq!(seed["published"], "2020-11-27T15:34:00+08:00");
    let p = &seed["portal"];
    assert_eq!(p["aid"], portal::SEED_AID);
    assert_eq!(p["publisher"], "admin");
    assert_eq!(p["source_name"], "中國網");
    assert_eq!(p["category_path"], serde_json::json!(["城事資訊", "安源區政府"]));
    assert_eq!(p["comment_count"], 0);
    assert!(p["views"].is_null(), "the seed shows no view count: {p}");
    for kind in ["flowers", "handshake", "shocking", "passing", "eggs"] {
        assert!(p["reactions"][kind].is_u64(), "reaction {kind} missing: {p}");
    }
    assert!(seed["summary"].as_str().unwrap().starts_with("春華秋實,滿庭芬芳"), "{}", seed["summary"]);
    let text = seed["text"].as_str().unwrap();
    assert!(text.contains("萍鄉凱光新天地旅游度假區"), "{text}");
    assert!(text.contains("抱團發展打好“逆風球”"), "{text}");
    assert!(!text.contains("(xiāng)") && !seed["title"].as_str().unwrap().contains('('), "pinyin left: {text}");
    assert!(!text.contains('\u{FFFD}'), "garbled: {text}");
    // Paragraphs in order, as the page has them.
    let first = text.find("春華秋實").unwrap();
    let heading = text.find("抱團發展").unwrap();
    assert!(first < heading);
}

#[test]
fn a_category_list_url_is_followed_directly_and_the_seed_reads_as_its_page_does() {
    let server = server(Charset::Utf8, Theme::Stock, Urls::Dynamic);
    let jb = Jb::empty();
    let out = jb.ok(&["add", &list_url(&server, portal::CAT_ANYUAN)]);
    assert!(out.contains("安源區政府"), "{out}");
    let sources = jb.json(&["sources"]);
    assert_eq!(sources[0]["kind"], "portal", "{sources}");
    assert_eq!(sources[0]["portal"]["catid"], portal::CAT_ANYUAN);
    jb.ok(&["sync"]);
    let all = exported(&jb);
    assert_is_the_seed(titled(&all, "萍鄉:創新賦能高質量發展"));
    assert_eq!(server.views_of(portal::SEED_AID), 1, "the article page is read once");
    assert!(all.iter().all(|a| a["portal"]["category_path"][1] == "安源區政府"), "only this category's articles");
}

#[test]
fn a_home_page_lists_the_category_tree_and_categories_are_followed_by_catid_or_all() {
    let server = server(Charset::Utf8, Theme::Stock, Urls::Dynamic);
    let jb = Jb::empty();
    let out = jb.run(&["add", &server.url("portal.php")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let tree = stdout(&out);
    let lines: Vec<(&str, &str)> = tree.lines().filter_map(|l| l.split_once('\t')).collect();
    let line = |catid: u32| lines.iter().find(|(id, _)| *id == catid.to_string()).map(|(_, name)| *name);
    assert_eq!(line(portal::CAT_CITY), Some("城事資訊"), "{tree}");
    assert_eq!(line(portal::CAT_ANYUAN), Some("  安源區政府"), "a sub-category is indented under its parent: {tree}");
    assert_eq!(line(portal::CAT_FOOD).map(str::trim), Some("美食"), "{tree}");
    assert!(jb.json(&["sources"]).as_array().unwrap().is_empty(), "printing the tree subscribes to nothing");

    let article = server.url(&format!("portal.php?mod=view&aid={}", portal::SEED_AID));
    let chosen = jb.ok(&[
        "add",
        &article,
        "--category",
        &portal::CAT_XIANGDONG.to_string(),
        "--category",
        &portal::CAT_FOOD.to_string(),
    ]);
    assert_eq!(chosen.lines().count(), 2, "{chosen}");
    assert_eq!(
        server.views_of(portal::SEED_AID),
        1,
        "adding read the article page once, to find its categories: {:?}",
        server.hits()
    );
    let all = jb.ok(&["add", &server.url("portal.php"), "--all"]);
    assert_eq!(all.lines().count(), 5, "every category, the followed ones included: {all}");
    assert_eq!(jb.json(&["sources"]).as_array().unwrap().len(), 5);
    let bad = jb.run(&["add", &server.url("portal.php"), "--category", "77"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("no category 77"), "{}", stderr(&bad));
}

#[test]
fn a_category_feed_url_is_followed_as_its_category() {
    let server = server(Charset::Utf8, Theme::Stock, Urls::Dynamic);
    let jb = Jb::empty();
    jb.add(&server.url(&format!("portal.php?mod=rss&catid={}", portal::CAT_CITY)));
    let sources = jb.json(&["sources"]);
    assert_eq!((sources[0]["kind"].as_str(), sources[0]["title"].as_str()), (Some("portal"), Some("城事資訊")));
}

#[test]
fn whole_articles_are_fetched_once_with_every_page_and_comment_and_only_new_ones_later() {
    let server = server(Charset::Utf8, Theme::Stock, Urls::Dynamic);
    let jb = Jb::empty();
    jb.add(&list_url(&server, portal::CAT_CITY));
    jb.add(&list_url(&server, portal::CAT_LIFE));
    jb.ok(&["sync"]);
    let all = exported(&jb);
    let site = server.site();
    assert_eq!(
        all.len(),
        site.articles.iter().filter(|a| !a.pending && !a.members_only).count(),
        "every readable article"
    );

    let multi = with_aid(&all, portal::MULTIPAGE_AID);
    assert_eq!(multi["portal"]["pages"], portal::MULTIPAGE_PAGES);
    let text = multi["text"].as_str().unwrap();
    assert!(text.contains("第1站") && text.contains("第3站"), "every page's text: {text}");

    let talked = with_aid(&all, portal::MANY_COMMENTS_AID);
    let comments = talked["portal"]["comments"].as_array().unwrap();
    assert_eq!(comments.len(), portal::MANY_COMMENTS, "the full comment list, not the page's newest 20");
    assert!(comments.iter().all(|c| c["author"].is_string() && c["text"].as_str().is_some_and(|t| !t.is_empty())));
    assert!(comments[0]["time"].as_str().is_some_and(|t| t.ends_with("+08:00")), "{}", comments[0]);
    let authors: Vec<&str> = comments.iter().map(|c| c["author"].as_str().unwrap()).collect();
    let expected: Vec<String> = site
        .comments_of(portal::MANY_COMMENTS_AID)
        .iter()
        .map(|c| if c.uid == 0 { "游客".to_owned() } else { c.username.clone() })
        .collect();
    assert_eq!(authors, expected, "each comment's author, newest first");

    let related = with_aid(&all, portal::RELATED_AID);
    let titles: Vec<&str> =
        related["portal"]["related"].as_array().unwrap().iter().map(|r| r["title"].as_str().unwrap()).collect();
    assert!(!titles.is_empty() && titles.iter().all(|t| !t.contains("(xiāng)")), "pinyin left: {titles:?}");

    // Articles filter by category (any level) and by publisher.
    let in_xiangdong = jb.json(&["list", "--category", "湘東區"]);
    let listed = in_xiangdong.as_array().unwrap();
    let expected =
        all.iter().filter(|a| a["portal"]["category_path"].as_array().unwrap().contains(&"湘東區".into())).count();
    assert!(expected > 0 && listed.len() == expected, "{} of {expected}", listed.len());
    let by_author = jb.json(&["list", "--publisher", "author", "--category", "城事資訊"]);
    assert!(by_author.as_array().unwrap().iter().any(|a| a["id"] == related["id"]), "{by_author}");
    let pictured = with_aid(&all, portal::PICTURES_AID);
    assert!(!pictured["portal"]["images"].as_array().unwrap().is_empty(), "{}", pictured["portal"]);
    assert!(
        pictured["pictures"].as_array().unwrap().iter().any(|p| p["status"] == "stored"),
        "{}",
        pictured["pictures"]
    );

    for article in &site.articles {
        assert!(
            server.views_of(article.aid) <= 1 || article.aid == portal::MULTIPAGE_AID,
            "aid {} read twice",
            article.aid
        );
    }
    let views_before: usize = site.articles.iter().map(|a| server.views_of(a.aid)).sum();
    let new = server.add_article(portal::CAT_XIANGDONG, "湘東區新橋通車", &["新橋今天通車。"]);
    jb.ok(&["sync"]);
    let views_after: usize = site.articles.iter().map(|a| server.views_of(a.aid)).sum();
    assert_eq!(views_after, views_before, "no old article page was read again");
    assert_eq!(server.views_of(new), 1);
    assert_eq!(titled(&exported(&jb), "湘東區新橋通車")["portal"]["category_path"][1], "湘東區");
}

#[test]
fn gbk_and_big5_editions_folder_urls_and_a_modified_theme_read_the_same() {
    for (charset, theme, urls) in [
        (Charset::Gbk, Theme::Stock, Urls::Rewrite),
        (Charset::Big5, Theme::Modified, Urls::Dynamic),
        (Charset::Utf8, Theme::Modified, Urls::Folder),
    ] {
        let server = server(charset, theme, urls);
        let jb = Jb::empty();
        jb.add(&list_url(&server, portal::CAT_ANYUAN));
        let out = jb.run(&["sync"]);
        assert!(out.status.success(), "{charset:?} {theme:?} {urls:?}: {}", stderr(&out));
        let all = exported(&jb);
        let seed = with_aid(&all, portal::SEED_AID);
        let case = format!("{charset:?} {theme:?} {urls:?}: {}", seed["portal"]);
        assert_eq!(seed["published"], "2020-11-27T15:34:00+08:00", "{case}");
        assert_eq!(seed["portal"]["publisher"], "admin", "{case}");
        assert_eq!(seed["portal"]["source_name"], "中國網", "{case}");
        assert!(seed["portal"]["category_path"].as_array().unwrap().len() == 2, "{case}");
        for a in &all {
            for field in ["title", "text"] {
                let s = a[field].as_str().unwrap();
                assert!(!s.contains('\u{FFFD}'), "{case}: garbled {field}: {s}");
            }
        }
        let text = seed["text"].as_str().unwrap();
        assert!(text.contains("萍鄉") || text.contains("萍乡"), "{case}: {text}");
        assert!(!text.contains("(xiāng)") && !text.contains("&#"), "{case}: {text}");
    }
}

#[test]
fn pending_login_only_and_missing_articles_are_reported_never_stored() {
    let server = server(Charset::Utf8, Theme::Stock, Urls::Dynamic);
    let jb = Jb::empty();
    let id = jb.add(&list_url(&server, portal::CAT_CITY));
    let out = jb.ok(&["sync"]);
    assert!(out.contains("refused"), "the sync line says some were refused: {out}");
    let all = exported(&jb);
    for aid in [portal::PENDING_AID, portal::LOGIN_AID] {
        assert!(all.iter().all(|a| a["portal"]["aid"] != aid), "aid {aid} stored");
    }
    let source = jb.json(&["source", &id.to_string()]);
    let refused = source["refused"].as_array().unwrap_or_else(|| panic!("{source}"));
    let reason = |aid: u32| refused.iter().find(|r| r["aid"] == aid).map(|r| r["refusal"].as_str().unwrap().to_owned());
    assert_eq!(reason(portal::LOGIN_AID).as_deref(), Some("login_required"), "{source}");
    let asked = || server.hits().iter().filter(|h| h.contains(&format!("aid={}", portal::LOGIN_AID))).count();
    assert_eq!(asked(), 1);
    jb.ok(&["sync"]);
    assert_eq!(asked(), 1, "a refused article is not asked for again at once");

    // A pending article (only its author sees it, titled 待審核) reads as pending, not as an article.
    let page = server.url(&format!("portal.php?mod=view&aid={}", portal::PENDING_AID));
    let html = get_text(&page, server.cookie_for("author").as_deref());
    assert!(matches!(
        jianbao::parse::portal::page_kind(&html),
        jianbao::parse::portal::PageKind::Refused { refusal: jianbao::parse::portal::Refusal::Pending, .. }
    ));
}

#[test]
fn the_feed_is_only_a_signal_empty_or_disabled_means_read_the_list() {
    let server = server(Charset::Utf8, Theme::Stock, Urls::Dynamic);
    server.set_feed(FeedMode::Disabled);
    let jb = Jb::empty();
    jb.add(&list_url(&server, portal::CAT_ANYUAN));
    jb.ok(&["sync"]);
    let first = exported(&jb).len();
    assert!(first > 0, "a disabled feed is no reason to find nothing");
    server.set_feed(FeedMode::Empty);
    let new = server.add_article(portal::CAT_ANYUAN, "安源區新公園開放", &["新公園開放。"]);
    jb.ok(&["sync"]);
    assert_eq!(exported(&jb).len(), first + 1, "an empty feed: the list still shows the new article");
    assert_eq!(server.views_of(new), 1);

    server.set_feed(FeedMode::Normal);
    jb.ok(&["sync"]);
    let lists_before = server.hits().iter().filter(|h| h.contains("mod=list")).count();
    jb.ok(&["sync"]);
    let lists_after = server.hits().iter().filter(|h| h.contains("mod=list")).count();
    assert_eq!(lists_after, lists_before, "a feed with nothing new spares the list pages");

    // The list is still read now and then (the feed shows only its newest 20).
    let conn = rusqlite::Connection::open(jb.data_dir().join("jianbao.sqlite3")).unwrap();
    conn.execute("UPDATE portal_sources SET list_read_at = strftime('%s','now') - 7 * 3600", []).unwrap();
    drop(conn);
    jb.ok(&["sync"]);
    let lists_later = server.hits().iter().filter(|h| h.contains("mod=list")).count();
    assert_eq!(lists_later, lists_after + 1, "the first list page, read after six hours");
}

#[test]
fn anti_scraping_fails_the_source_clearly_and_keeps_what_was_stored() {
    let server = server(Charset::Utf8, Theme::Stock, Urls::Dynamic);
    let jb = Jb::empty();
    jb.add(&list_url(&server, portal::CAT_ANYUAN));
    jb.ok(&["sync"]);
    let stored = exported(&jb).len();
    server.set_anti_scraping(true);
    server.add_article(portal::CAT_ANYUAN, "防採集之後", &["看不到。"]);
    let out = jb.run(&["sync"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("anti-scraping") || stderr(&out).contains("anti-scraping"), "{}", stdout(&out));
    assert_eq!(exported(&jb).len(), stored, "nothing lost, nothing half-stored");
}

#[test]
fn a_list_that_loops_a_missing_article_and_a_plain_site_are_clear_errors() {
    let server = server(Charset::Utf8, Theme::Stock, Urls::Dynamic);
    let jb = Jb::empty();
    let plain = jb.run(&["add", &server.url(portal::PLAIN_SITE_PATH)]);
    assert_eq!(plain.status.code(), Some(1), "{}", stdout(&plain));

    jb.add(&list_url(&server, portal::CAT_CITY));
    let conn = rusqlite::Connection::open(jb.data_dir().join("jianbao.sqlite3")).unwrap();
    conn.execute("UPDATE portal_sources SET list_url = ?1", [server.url(portal::LOOP_LIST_PATH)]).unwrap();
    let out = jb.run(&["sync"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pages = server.site().list_pages(portal::CAT_CITY);
    let loop_reads = server.hits().iter().filter(|h| h.contains(portal::LOOP_LIST_PATH)).count();
    assert!(
        pages >= 2 && loop_reads <= pages + 1,
        "a pager leading back to page 1 is not followed round: {loop_reads}"
    );
    let stored = exported(&jb).len();
    assert!(stored > portal::LIST_PER_PAGE, "every page's articles before the loop: {stored}");

    // A page whose meta says gb2312 over UTF-8 bytes reads by its bytes.
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let bytes = runtime.block_on(async {
        reqwest::get(server.url(portal::WRONG_ENCODING_PATH)).await.unwrap().bytes().await.unwrap()
    });
    let text = jianbao::decode::decode(&bytes, None).text;
    assert!(
        text.contains("創(chuàng)新賦能") && !text.contains('\u{FFFD}'),
        "garbled: {}",
        &text[..400.min(text.len())]
    );

    // An article that is gone answers with the portal's message, and a 404 page: both are refusals.
    let missing = server.url(&format!("portal.php?mod=view&aid={}", portal::MISSING_AID));
    let html = get_text(&missing, None);
    assert!(matches!(
        jianbao::parse::portal::page_kind(&html),
        jianbao::parse::portal::PageKind::Refused { refusal: jianbao::parse::portal::Refusal::Removed, .. }
    ));
}

#[test]
fn pinyin_cleanup_can_be_turned_off_per_source() {
    let server = server(Charset::Utf8, Theme::Stock, Urls::Dynamic);
    let jb = Jb::empty();
    let id = jb.add(&list_url(&server, portal::CAT_ANYUAN));
    jb.ok(&["source", &id.to_string(), "--set", "clean_pinyin=off"]);
    jb.ok(&["sync"]);
    let seed = with_aid(&exported(&jb), portal::SEED_AID).clone();
    assert!(seed["text"].as_str().unwrap().contains("萍鄉(xiāng)"), "kept as the page has it");
}

#[test]
fn recent_articles_counts_and_comments_are_read_again_at_a_slow_pace() {
    let server = server(Charset::Utf8, Theme::Stock, Urls::Dynamic);
    let jb = Jb::empty();
    jb.add(&list_url(&server, portal::CAT_ANYUAN));
    // The test portal's articles are from 2020: count them all as recent, three pages a sync.
    jb.ok(&["settings", "--set", "portal_refresh_days=100000", "--set", "portal_refresh_per_sync=3"]);
    jb.ok(&["sync"]);
    let views = |all: &[Value]| -> usize {
        all.iter().map(|a| server.views_of(a["portal"]["aid"].as_u64().unwrap() as u32)).sum()
    };
    let first = exported(&jb);
    let read_once = views(&first);
    assert_eq!(read_once, first.len(), "nothing is read twice in the sync that stores it");

    server.add_comment(portal::SEED_AID, "reader", "說得好");
    let conn = rusqlite::Connection::open(jb.data_dir().join("jianbao.sqlite3")).unwrap();
    conn.execute("UPDATE portal_articles SET refreshed_at = 0 WHERE aid = ?1", [portal::SEED_AID]).unwrap();
    conn.execute("UPDATE portal_articles SET refreshed_at = strftime('%s','now') WHERE aid <> ?1", [portal::SEED_AID])
        .unwrap();
    drop(conn);
    jb.ok(&["sync"]);
    let after = exported(&jb);
    assert_eq!(views(&after), read_once + 1, "only the article due for a refresh was read again");
    let seed = with_aid(&after, portal::SEED_AID);
    assert_eq!(seed["portal"]["comment_count"], 1, "{}", seed["portal"]);
    assert_eq!(seed["portal"]["comments"][0]["text"], "說得好");

    jb.ok(&["settings", "--set", "portal_refresh_days=0"]);
    let conn = rusqlite::Connection::open(jb.data_dir().join("jianbao.sqlite3")).unwrap();
    conn.execute("UPDATE portal_articles SET refreshed_at = 0", []).unwrap();
    drop(conn);
    jb.ok(&["sync"]);
    assert_eq!(views(&exported(&jb)), read_once + 1, "refreshing can be turned off");
    let bad = jb.run(&["settings", "--set", "portal_refresh_days=-1"]);
    assert_eq!(bad.status.code(), Some(2), "{}", stderr(&bad));
}

#[test]
fn portal_categories_leave_and_come_back_through_opml() {
    let server = server(Charset::Utf8, Theme::Stock, Urls::Dynamic);
    let jb = Jb::empty();
    jb.add(&list_url(&server, portal::CAT_ANYUAN));
    let opml = jb.ok(&["export", "--format", "opml"]);
    let feed = server.url(&format!("portal.php?mod=rss&amp;catid={}", portal::CAT_ANYUAN));
    assert!(opml.contains(&format!("xmlUrl=\"{feed}\"")), "exported as its feed, which other readers follow: {opml}");
    let file = jb.data_dir().join("out.opml");
    std::fs::write(&file, &opml).unwrap();
    let other = Jb::empty();
    other.ok(&["import-opml", file.to_str().unwrap()]);
    let sources = other.json(&["sources"]);
    assert_eq!(sources[0]["kind"], "portal", "{sources}");
    assert_eq!(sources[0]["portal"]["catid"], portal::CAT_ANYUAN);
    other.ok(&["sync"]);
    assert!(with_aid(&exported(&other), portal::SEED_AID)["portal"]["publisher"] == "admin");
}

#[tokio::test]
async fn a_category_list_page_gives_the_whole_tree_with_parents() {
    for urls in [Urls::Dynamic, Urls::Folder] {
        let server = tokio::task::spawn_blocking(move || server(Charset::Utf8, Theme::Stock, urls)).await.unwrap();
        let dir = tempfile::tempdir().unwrap();
        let library =
            jianbao::Library::open(&jianbao::Options { data_dir: dir.path().into(), starter: false }).unwrap();
        let site = library.portal_categories(&server.list_url(portal::CAT_ANYUAN, 1)).await.unwrap();
        let parent = |catid: u32| {
            site.category(i64::from(catid)).unwrap_or_else(|| panic!("{urls:?}: no {catid}: {site:?}")).parent
        };
        assert_eq!(site.direct, Some(i64::from(portal::CAT_ANYUAN)), "{urls:?}");
        assert_eq!(parent(portal::CAT_ANYUAN), Some(i64::from(portal::CAT_CITY)), "{urls:?}: {site:?}");
        assert_eq!(parent(portal::CAT_CITY), None, "{urls:?}");
        assert_eq!(parent(portal::CAT_FOOD), Some(i64::from(portal::CAT_LIFE)), "{urls:?}: {site:?}");
        assert_eq!(site.name.as_deref(), Some("萍鄉城事網—萍鄉最具影響力門戶網站"), "{urls:?}");
        tokio::task::spawn_blocking(move || drop(server)).await.unwrap();
    }
}

#[test]
fn a_discuz_page_that_leads_to_no_portal_category_is_read_like_any_page() {
    let server = crate::support::TestServer::start();
    let forum = format!(
        r#"<html><head><meta name="generator" content="Discuz! X3.4"><link rel="alternate" type="application/rss+xml" href="{}"></head>
<body id="nv_forum" class="pg_forumdisplay"><p>論壇</p></body></html>"#,
        server.url("/feeds/city-news.rss")
    );
    server.set("/forum.php", crate::support::Reply::new(200, "text/html; charset=utf-8", forum));
    let jb = Jb::empty();
    jb.add(&server.url("/forum.php"));
    let sources = jb.json(&["sources"]);
    assert_eq!(sources[0]["kind"], "feed", "{sources}");
    assert_eq!(sources[0]["feed_url"], server.url("/feeds/city-news.rss"));
}

#[test]
fn an_article_that_failed_is_fetched_again_when_its_time_comes_even_off_the_first_list_page() {
    let server = server(Charset::Utf8, Theme::Stock, Urls::Dynamic);
    let jb = Jb::empty();
    jb.add(&list_url(&server, portal::CAT_CITY));
    jb.ok(&["sync"]);
    let site = server.site();
    let old = *site.list_aids(portal::CAT_CITY).last().unwrap();
    assert!(site.list_aids(portal::CAT_CITY).len() > portal::LIST_PER_PAGE, "the article is on a later list page");
    // As if its page had failed last time: not stored, recorded to be tried again now.
    let conn = rusqlite::Connection::open(jb.data_dir().join("jianbao.sqlite3")).unwrap();
    conn.execute("DELETE FROM articles WHERE id = (SELECT article_id FROM portal_articles WHERE aid = ?1)", [old])
        .unwrap();
    let url = server.url(&format!("portal.php?mod=view&aid={old}"));
    conn.execute(
        "INSERT INTO portal_refusals (source_id, aid, url, refusal, message, seen_at, next_try_at)
         VALUES (1, ?1, ?2, 'failed', 'timed out', 0, 0)",
        rusqlite::params![old, url],
    )
    .unwrap();
    drop(conn);
    jb.ok(&["sync"]);
    assert_eq!(server.views_of(old), 2, "fetched again although the list stops at its first page");
    assert!(exported(&jb).iter().any(|a| a["portal"]["aid"] == old));
    let source = jb.json(&["source", "1"]);
    assert!(
        source["refused"].as_array().unwrap().iter().all(|r| r["aid"] != old),
        "the failure is forgotten: {source}"
    );
}
