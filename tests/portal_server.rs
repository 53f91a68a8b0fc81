//! The test portal (tests/support/portal) answers like a Discuz! X3.4 portal: every page kind carries its
//! markup hooks, every edition's bytes decode cleanly, reactions and login follow Discuz's rules, and the URL
//! forms paginate and redirect as real sites do.

use crate::support::portal::*;
use reqwest::header::{CONTENT_TYPE, HeaderMap, LOCATION, SET_COOKIE};
use scraper::{Html, Selector};

/// A client that shows redirects instead of following them.
fn client() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

struct Got {
    status: u16,
    headers: HeaderMap,
    bytes: Vec<u8>,
}

impl Got {
    fn content_type(&self) -> String {
        self.headers.get(CONTENT_TYPE).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default()
    }

    /// The body in the UTF-8 edition.
    fn text(&self) -> String {
        decode(&self.bytes, Charset::Utf8)
    }

    fn html(&self) -> Html {
        Html::parse_document(&self.text())
    }

    fn set_cookies(&self) -> Vec<String> {
        self.headers.get_all(SET_COOKIE).iter().map(|v| v.to_str().unwrap().to_owned()).collect()
    }
}

async fn get_with(url: &str, cookie: Option<&str>) -> Got {
    let mut request = client().get(url);
    if let Some(cookie) = cookie {
        request = request.header("Cookie", cookie);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    Got { status, headers, bytes: response.bytes().await.unwrap().to_vec() }
}

async fn get(url: &str) -> Got {
    get_with(url, None).await
}

/// Bytes in a charset; fails on any malformed sequence.
fn decode(bytes: &[u8], charset: Charset) -> String {
    let (text, had_errors) = charset.encoding().decode_without_bom_handling(bytes);
    assert!(!had_errors && !text.contains('\u{FFFD}'), "bytes are not clean {charset:?}");
    text.into_owned()
}

fn all(doc: &Html, css: &str) -> usize {
    doc.select(&Selector::parse(css).unwrap()).count()
}

fn text_of(doc: &Html, css: &str) -> String {
    doc.select(&Selector::parse(css).unwrap()).next().map(|e| e.text().collect()).unwrap_or_default()
}

fn attr(doc: &Html, css: &str, name: &str) -> String {
    let e = doc.select(&Selector::parse(css).unwrap()).next().unwrap_or_else(|| panic!("no {css}"));
    e.value().attr(name).unwrap_or_default().to_owned()
}

/// The value of `name=` in a `Set-Cookie` list.
fn cookie(set: &[String], name: &str) -> Option<String> {
    set.iter().find_map(|c| c.split(';').next()?.strip_prefix(&format!("{name}=")).map(str::to_owned))
}

/// Signs in through the login page and its form, as a browser does; returns the `Cookie` header value.
async fn sign_in(s: &PortalServer, username: &str, password: &str) -> Result<String, String> {
    let page = get(&s.url("member.php?mod=logging&action=login")).await;
    let salt = cookie(&page.set_cookies(), "Pxc1_saltkey").expect("a first visit gets a saltkey");
    let formhash = attr(&page.html(), "form[action*='loginsubmit=yes'] input[name=formhash]", "value");
    let body = format!(
        "formhash={formhash}&referer=.%2F&username={username}&password={password}&cookietime=2592000&loginsubmit=true"
    );
    let response = client()
        .post(s.url("member.php?mod=logging&action=login&loginsubmit=yes&loginhash=LpXc1"))
        .header("Cookie", format!("Pxc1_saltkey={salt}"))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    let set: Vec<String> = response.headers().get_all(SET_COOKIE).iter().map(|v| v.to_str().unwrap().into()).collect();
    let text = response.text().await.unwrap();
    match cookie(&set, "Pxc1_auth") {
        Some(auth) => Ok(format!("Pxc1_saltkey={salt}; Pxc1_auth={auth}")),
        None => Err(text),
    }
}

#[tokio::test]
async fn every_page_kind_carries_its_discuz_hooks() {
    let s = PortalServer::start(PortalConfig::default());
    for path in ["", "portal.php", "portal.php?mod=list&catid=1&mobile=no"] {
        let page = get(&s.url(path)).await;
        assert_eq!(page.status, 200, "{path}");
        let doc = page.html();
        assert_eq!(attr(&doc, "meta[name=generator]", "content"), "Discuz! X3.4");
        assert_eq!(attr(&doc, "base", "href"), s.url(""));
        assert_eq!(attr(&doc, "body", "id"), "nv_portal");
        assert!(all(&doc, "#nv a[href*='catid=1']") == 1 && all(&doc, "#nv a[href*='catid=4']") == 1, "{path}");
    }
    let list = get(&s.list_url(CAT_CITY, 1)).await.html();
    assert_eq!(attr(&list, "body", "class"), "pg_list");
    assert_eq!(text_of(&list, "div.bm_h h1.xs2"), "城事資訊");
    assert_eq!(attr(&list, "div.bm_h a.rss", "href"), "portal.php?mod=rss&catid=1");
    assert_eq!(all(&list, "div.bm_c.bbda a.xi2"), 2, "sub-categories line");

    let page = get(&s.article_url(SEED_AID)).await;
    assert_eq!(page.content_type(), "text/html; charset=utf-8");
    let doc = page.html();
    assert_eq!(attr(&doc, "body", "class"), "pg_view");
    assert_eq!(attr(&doc, "input#portalview", "value"), "1");
    assert_eq!(text_of(&doc, ".vw .h h1.ph").trim(), SEED_TITLE_SHOWN);
    let crumbs: Vec<String> =
        doc.select(&Selector::parse("#pt .z a").unwrap()).map(|a| a.text().collect::<String>()).collect();
    assert_eq!(crumbs[1..], ["門戶", "城事資訊", "安源區政府"]);
    let meta = text_of(&doc, ".vw .h p.xg1");
    assert!(meta.contains(SEED_DATE) && meta.contains("發布者: admin") && meta.contains("來自: 中國網"), "{meta}");
    assert_eq!(all(&doc, "em#_viewnum"), 0, "the seed's category shows no view count");
    assert!(text_of(&doc, ".vw .s").contains(SEED_SUMMARY));
    assert_eq!(all(&doc, "td#article_content > p"), SEED_PARAGRAPHS.len());
    assert!(text_of(&doc, "td#article_content").contains(SEED_PARAGRAPHS[4].1), "pinyin kept as in the seed");
    let icons: Vec<String> = (1..=5)
        .map(|n| attr(&doc, &format!("#click_div table.atd td a#click_aid_{SEED_AID}_{n} img"), "src"))
        .collect();
    assert_eq!(icons, REACTIONS.map(|r| format!("static/image/click/{r}.gif")));
    assert_eq!(all(&doc, "#click_div div.atdc em"), 0, "no counts at zero");
    assert_eq!(all(&doc, "#comment_ul dl[id^=comment_][id$=_li]"), 0);
    assert!(attr(&doc, "#a_favorite", "href").contains(&format!("id={SEED_AID}")));

    let related = get(&s.article_url(RELATED_AID)).await.html();
    assert_eq!(all(&related, "#related_article ul li a"), 2);
    let meta = text_of(&related, ".vw .h p.xg1");
    assert!(meta.contains("原作者: 劉曉萍") && meta.contains("查看: "), "{meta}");
    assert!(attr(&related, ".vw .h p.xg1 a[target=_blank]", "href").starts_with("http://www.pxrb.example/"));

    let pictures = get(&s.article_url(PICTURES_AID)).await.html();
    for src in [
        attr(&pictures, "#article_content a img", "src"),
        attr(&pictures, "#article_content img[file]", "file"),
        attr(&pictures, "#article_content img[zoomfile]:not([file])", "zoomfile"),
    ] {
        let image = get(&s.url(&src)).await;
        assert_eq!((image.status, image.content_type().as_str()), (200, "image/png"), "{src}");
        assert!(image.bytes.starts_with(b"\x89PNG"));
    }
    let icon = get(&s.url("static/image/click/xianhua.gif")).await;
    assert!(icon.status == 200 && icon.bytes.starts_with(b"GIF89a"));
    assert_eq!(s.views_of(PICTURES_AID), 1);
}

#[tokio::test]
async fn every_edition_declares_its_charset_and_decodes_cleanly() {
    for (charset, publisher, next) in
        [(Charset::Utf8, "發布者", "下一頁"), (Charset::Gbk, "发布者", "下一页"), (Charset::Big5, "發布者", "下一頁")]
    {
        let s = PortalServer::start(PortalConfig { charset, ..Default::default() });
        let declared = format!("charset={}", charset.name());
        for url in [s.article_url(SEED_AID), s.article_url(MULTIPAGE_AID), s.list_url(CAT_CITY, 1), s.url("")] {
            let page = get(&url).await;
            assert_eq!(page.content_type(), format!("text/html; {declared}"), "{url}");
            let text = decode(&page.bytes, charset);
            assert!(text.contains(&format!("content=\"text/html; {declared}\"")), "{url}");
            assert!(!text.contains("&#65533;"));
            if url == s.article_url(SEED_AID) {
                assert!(text.contains(&format!("{publisher}: <a")), "{charset:?}");
            }
            if url == s.article_url(MULTIPAGE_AID) {
                assert!(text.contains(&format!("class=\"nxt\">{next}</a>")), "{charset:?}");
            }
        }
        let feed = get(&s.feed_url(None)).await;
        assert_eq!(feed.content_type(), "application/xml", "no charset in the feed's header");
        assert!(
            decode(&feed.bytes, charset)
                .starts_with(&format!("<?xml version=\"1.0\" encoding=\"{}\"?>", charset.name()))
        );
    }
    // BIG5 lacks the pinyin's tone marks: they come as character references.
    let s = PortalServer::start(PortalConfig { charset: Charset::Big5, ..Default::default() });
    let text = decode(&get(&s.article_url(SEED_AID)).await.bytes, Charset::Big5);
    assert!(text.contains("萍鄉(xi&#257;ng)"), "BIG5 has no ā");
}

#[tokio::test]
async fn lists_and_comments_paginate_newest_first() {
    let s = PortalServer::start(PortalConfig::default());
    let site = s.site();
    let expected = site.list_aids(CAT_CITY);
    assert!(expected.len() > LIST_PER_PAGE && !expected.contains(&PENDING_AID));
    let one = get(&s.list_url(CAT_CITY, 1)).await.html();
    assert_eq!(all(&one, "div.xld dl.bbda"), LIST_PER_PAGE);
    assert!(attr(&one, "div.xld dl.bbda dt.xs2 a", "href").ends_with(&format!("aid={}", expected[0])));
    assert_eq!(attr(&one, "div.pgs div.pg a.nxt", "href"), "portal.php?mod=list&catid=1&page=2");
    let two = get(&s.list_url(CAT_CITY, 2)).await.html();
    assert_eq!(all(&two, "div.xld dl.bbda"), expected.len() - LIST_PER_PAGE);
    assert_eq!(all(&two, "div.pg a.nxt"), 0);
    assert_eq!(text_of(&two, "div.xld dl.bbda dd span.xg1").trim(), "2020-11-12 16:05", "not zero-padded");

    let mut url = s.article_url(MULTIPAGE_AID);
    let mut pages = 0;
    while pages < 10 {
        let doc = get(&url).await.html();
        pages += 1;
        assert_eq!(all(&doc, "#inner_nav li a"), MULTIPAGE_PAGES as usize);
        match doc.select(&Selector::parse(".pg a.nxt").unwrap()).next() {
            Some(a) => url = s.url(a.value().attr("href").unwrap()),
            None => break,
        }
    }
    assert_eq!(pages, MULTIPAGE_PAGES as usize);
    assert_eq!(s.views_of(MULTIPAGE_AID), MULTIPAGE_PAGES as usize);

    let article = get(&s.article_url(MANY_COMMENTS_AID)).await.html();
    assert_eq!(all(&article, "#comment_ul dl[id^=comment_][id$=_li]"), COMMENTS_ON_ARTICLE);
    assert_eq!(text_of(&article, "em#_commentnum"), MANY_COMMENTS.to_string());
    let newest = &site.comments_of(MANY_COMMENTS_AID)[0];
    assert_eq!(attr(&article, "#comment_ul dl", "id"), format!("comment_{}_li", newest.cid));
    let first = get(&s.url(&format!("portal.php?mod=comment&id={MANY_COMMENTS_AID}&idtype=aid"))).await.html();
    assert_eq!(all(&first, "dl[id^=comment_][id$=_li]"), COMMENTS_PER_PAGE);
    assert!(all(&first, "dl dt span.xg1") == COMMENTS_PER_PAGE && all(&first, ".pgs .pg a.nxt") == 1);
    let second = get(&s.url(&attr(&first, ".pgs .pg a.nxt", "href"))).await.html();
    assert_eq!(all(&second, "dl[id^=comment_][id$=_li]"), MANY_COMMENTS - COMMENTS_PER_PAGE);

    s.add_comment(SEED_AID, "", "路過看看");
    let aid = s.add_article(CAT_ANYUAN, "安源區新聞一則", &["第一段", "第二段"]);
    let list = get(&s.list_url(CAT_CITY, 1)).await.html();
    assert!(
        attr(&list, "div.xld dl.bbda dt.xs2 a", "href").ends_with(&format!("aid={aid}")),
        "the new article is first"
    );
    let seed = get(&s.article_url(SEED_AID)).await.html();
    assert!(text_of(&seed, "#comment_ul dl dt").contains("游客") && text_of(&seed, "#comment_ul dl dd") == "路過看看");
}

#[tokio::test]
async fn folder_and_rewrite_urls_route_and_redirect() {
    let s = PortalServer::start(PortalConfig { urls: Urls::Folder, ..Default::default() });
    let moved = get(&s.url("portal.php?mod=list&catid=4&page=2")).await;
    assert_eq!(moved.status, 301);
    assert_eq!(moved.headers[LOCATION], s.url("shenghuo/").as_str(), "the folder, without the page");
    assert_eq!(s.list_url(CAT_LIFE, 2), s.url("shenghuo/index.php?page=2"));
    let one = get(&s.url("shenghuo/")).await.html();
    assert_eq!(attr(&one, "div.pg a.nxt", "href"), "shenghuo/index.php?page=2");
    let two = get(&s.list_url(CAT_LIFE, 2)).await.html();
    assert_eq!(all(&two, "div.xld dl.bbda"), s.site().list_aids(CAT_LIFE).len() - LIST_PER_PAGE);
    assert_eq!(s.article_url(PICTURES_AID), s.url("shenghuo/meishi/202011/00007255.html"));
    assert_eq!(get(&s.article_url(PICTURES_AID)).await.status, 200);
    assert_eq!(s.article_page_url(MULTIPAGE_AID, 2), s.url("shenghuo/202011/000072582.html"));
    assert_eq!(get(&s.article_page_url(MULTIPAGE_AID, 2)).await.status, 200);
    let dynamic = get(&s.url(&format!("portal.php?mod=view&aid={PICTURES_AID}"))).await;
    assert_eq!(
        (dynamic.status, dynamic.headers[LOCATION].to_str().unwrap()),
        (302, s.article_url(PICTURES_AID).as_str())
    );
    assert_eq!(s.list_url(CAT_CITY, 2), s.url("portal.php?mod=list&catid=1&page=2"), "only folder categories move");

    let s = PortalServer::start(PortalConfig { urls: Urls::Rewrite, ..Default::default() });
    assert_eq!(s.article_url(SEED_AID), s.url(&format!("article-{SEED_AID}-1.html")));
    let doc = get(&s.article_page_url(MULTIPAGE_AID, 1)).await.html();
    assert_eq!(attr(&doc, ".pg a.nxt", "href"), format!("article-{MULTIPAGE_AID}-2.html"));
    let dynamic = PortalServer::start(PortalConfig::default());
    assert_eq!(get(&dynamic.url(&format!("article-{SEED_AID}-1.html"))).await.status, 404);
}

#[tokio::test]
async fn login_sets_the_auth_cookie_and_reactions_follow_the_rules() {
    let s = PortalServer::start(PortalConfig::default());
    let wrong = sign_in(&s, "reader", "wrong").await.unwrap_err();
    assert!(wrong.contains("alert_error") && wrong.contains("登錄失敗，您還可以嘗試 4 次"), "{wrong}");
    let reader = sign_in(&s, "reader", "secret").await.unwrap();
    let author = sign_in(&s, "author", "secret").await.unwrap();

    let doc = get(&s.article_url(SEED_AID)).await.html();
    let href = attr(&doc, &format!("a#click_aid_{SEED_AID}_1"), "href");
    let guest = get(&s.url(&format!("{href}&inajax=1"))).await.text();
    assert!(guest.contains("<root><![CDATA[您需要先登錄才能繼續本操作"), "{guest}");
    let forged = href.replace("hash=", "hash=0");
    let refused = get_with(&s.url(&forged), Some(&reader)).await.html();
    assert!(text_of(&refused, "#messagetext.alert_error p").contains("沒有權限進行表態"));

    let json = get_with(&s.url(&format!("{href}&ajaxdata=json")), Some(&reader)).await;
    let value: serde_json::Value = serde_json::from_slice(&json.bytes).unwrap();
    assert_eq!(value["message"], "參與表態完成了");
    assert_eq!(value["data"]["clickid"], "1");
    let again = attr(&doc, &format!("a#click_aid_{SEED_AID}_4"), "href");
    let again = get_with(&s.url(&format!("{again}&inajax=1")), Some(&reader)).await.text();
    assert!(again.contains("您已經表過態了"), "one reaction per member and article: {again}");
    let own = get(&s.article_url(AUTHOR_AID)).await.html();
    let own = attr(&own, &format!("a#click_aid_{AUTHOR_AID}_2"), "href");
    let own = get_with(&s.url(&format!("{own}&inajax=1")), Some(&author)).await.text();
    assert!(own.contains("自己不能給自己表態"), "{own}");

    assert_eq!(s.reactions_sent(), [("reader".to_owned(), SEED_AID, "xianhua".to_owned())]);
    let after = get(&s.article_url(SEED_AID)).await.html();
    assert_eq!(text_of(&after, &format!("a#click_aid_{SEED_AID}_1 div.atdc em")), "1");
    assert_eq!(all(&after, "#click_div div.atdc em"), 1);
    let signed_in = get_with(&s.article_url(SEED_AID), Some(&reader)).await.text();
    assert!(signed_in.contains("discuz_uid = '3'"));
    assert_eq!(s.cookie_for("reader").map(|c| c.starts_with("Pxc1_saltkey=")), Some(true));
    let posts =
        s.hits().iter().filter(|h| h.starts_with("/member.php?mod=logging&action=login&loginsubmit=yes")).count();
    assert_eq!(posts, 3, "hits record POSTs with their query");
}

#[tokio::test]
async fn messages_answer_missing_pending_and_members_only_articles() {
    let s = PortalServer::start(PortalConfig::default());
    for aid in [MISSING_AID, PENDING_AID] {
        let page = get(&s.url(&format!("portal.php?mod=view&aid={aid}"))).await;
        assert_eq!(page.status, 200);
        let doc = page.html();
        assert_eq!(text_of(&doc, "div#messagetext.alert_error p"), "抱歉，您指定要查看的文章不存在或正在審核");
        assert_eq!(all(&doc, "#portalview"), 0);
    }
    let author = sign_in(&s, "author", "secret").await.unwrap();
    let own = get_with(&s.article_url(PENDING_AID), Some(&author)).await.html();
    assert!(text_of(&own, "h1.ph").trim().ends_with("(待審核)"));
    let login = get(&s.article_url(LOGIN_AID)).await.html();
    assert!(text_of(&login, "div#messagetext.alert_info p").contains("您需要先登錄"));
    assert!(attr(&login, "div#messagetext a[href*='action=login']", "href").starts_with("member.php"));
    let ajax = get(&s.url(&format!("portal.php?mod=view&aid={MISSING_AID}&inajax=1"))).await.text();
    assert!(ajax.ends_with("<root><![CDATA[抱歉，您指定要查看的文章不存在或正在審核]]></root>"), "{ajax}");
    assert_eq!(s.views_of(PENDING_AID), 1, "only the publisher's view counts");
}

#[tokio::test]
async fn the_feed_keeps_discuz_quirks() {
    let s = PortalServer::start(PortalConfig::default());
    let all_feed = get(&s.feed_url(None)).await;
    assert!(all_feed.headers.get("etag").is_none());
    let text = all_feed.text();
    assert!(text.contains("<ttl>60</ttl>"));
    assert_eq!(text.matches("<item>").count(), FEED_ITEMS);
    let city = get(&s.feed_url(Some(CAT_CITY))).await.text();
    let own: Vec<u32> = s.site().feed_aids(Some(CAT_CITY));
    assert_eq!(city.matches("<item>").count(), own.len(), "the category's own articles only");
    assert!(!city.contains(&format!("aid={SEED_AID}<")));
    let life = get(&s.feed_url(Some(CAT_LIFE))).await.text();
    assert!(life.contains("&amp;quot;刷碼乘車&amp;quot; &amp;amp; 電子發票"), "escaped twice");
    let food = get(&s.feed_url(Some(CAT_FOOD))).await.text();
    assert!(food.contains("type=\"image/jpeg\""), "enclosure typed image/jpeg");
    s.set_feed(FeedMode::Empty);
    let empty = get(&s.feed_url(None)).await.text();
    assert!(empty.contains("<channel>") && !empty.contains("<item>"));
    s.set_feed(FeedMode::Disabled);
    assert_eq!(get(&s.feed_url(None)).await.text(), "RSS Disabled");
}

#[tokio::test]
async fn anti_scraping_bad_paths_and_the_modified_theme() {
    let s = PortalServer::start(PortalConfig::default());
    s.set_anti_scraping(true);
    let script = get(&s.article_url(SEED_AID)).await.text();
    assert!(script.starts_with("<script") && !script.contains("<html"), "{script}");
    assert_eq!(s.views_of(SEED_AID), 0);
    s.set_anti_scraping(false);

    let last = s.site().list_pages(CAT_CITY);
    let looped = get(&s.url(&format!("{LOOP_LIST_PATH}?page={last}"))).await.html();
    assert_eq!(attr(&looped, "div.pg a.nxt", "href"), format!("{LOOP_LIST_PATH}?page=1"));
    let lying = get(&s.url(WRONG_ENCODING_PATH)).await;
    assert_eq!(lying.content_type(), "text/html");
    assert!(lying.text().contains("charset=gb2312") && lying.text().contains("創(chuàng)新"), "UTF-8 bytes");
    assert_eq!(get(&s.url(NOT_FOUND_PATH)).await.status, 404);
    let plain = get(&s.url(PLAIN_SITE_PATH)).await.html();
    assert_eq!(all(&plain, "meta[name=generator]") + all(&plain, "#portalview"), 0);

    let restarted_port = s.port();
    s.stop();
    let s = PortalServer::start_on_port(PortalConfig { theme: Theme::Modified, ..Default::default() }, restarted_port);
    let doc = get(&s.article_url(MANY_COMMENTS_AID)).await.html();
    assert_eq!(all(&doc, "div#article_content") + all(&doc, "em#_viewnum"), 1, "a div, no view count");
    assert!(text_of(&doc, ".vw .h p.xg1").trim_start().starts_with("作者: admin"));
    let first = attr(&doc, &format!("a#click_aid_{MANY_COMMENTS_AID}_1 img"), "src");
    assert_eq!(first, "static/image/click/luguo.gif", "another numbering, icons stable");
    assert_eq!(text_of(&doc, &format!("a#click_aid_{MANY_COMMENTS_AID}_1 div.atdc em")), "12");
}
