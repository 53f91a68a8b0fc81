//! Requests in, replies out: records each hit, reads the visitor's cookies, routes by path and query the way
//! `portal.php`, `member.php`, `home.php` and the web server's rewrite rules do, and applies what changed
//! (views, reactions, sign-ins) to the live site.

use super::layout::{AjaxMode, Ctx, Head, Message, Urls as UrlForms};
use super::model::*;
use super::text::{Msg, digest, encode, labels};
use super::{Charset, Live, State, Urls, accounts, bad, feed, images, list, member, view};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use axum::response::Response;
use std::collections::HashMap;
use std::sync::Arc;

/// A reply before it becomes a response.
pub(super) struct Reply {
    pub(super) status: u16,
    pub(super) content_type: String,
    pub(super) headers: Vec<(String, String)>,
    pub(super) body: Vec<u8>,
}

impl Reply {
    pub(super) fn new(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
        Reply { status, content_type: content_type.into(), headers: Vec::new(), body }
    }

    pub(super) fn redirect(status: u16, to: String) -> Reply {
        Reply { headers: vec![("Location".into(), to)], ..Reply::new(status, "text/html", Vec::new()) }
    }

    pub(super) fn not_found() -> Reply {
        Reply::new(404, "text/html", bad::not_found().as_bytes().to_vec())
    }
}

/// One request, decoded.
pub(super) struct Req {
    post: bool,
    /// Without the leading `/`, percent-decoded.
    path: String,
    query: Vec<(String, String)>,
    form: Vec<(String, String)>,
    cookies: HashMap<String, String>,
}

impl Req {
    pub(super) fn q(&self, key: &str) -> Option<&str> {
        self.query.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// A form field, or a query parameter of that name (Discuz reads both).
    pub(super) fn f(&self, key: &str) -> Option<&str> {
        self.form.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()).or_else(|| self.q(key))
    }

    pub(super) fn num(&self, key: &str) -> Option<u32> {
        self.q(key).and_then(|v| v.trim().parse().ok())
    }

    pub(super) fn page(&self) -> usize {
        self.num("page").unwrap_or(1).max(1) as usize
    }

    pub(super) fn cookie(&self, name: &str) -> Option<&str> {
        self.cookies.get(&format!("{COOKIE_PREFIX}{name}")).map(String::as_str)
    }

    pub(super) fn ajax(&self) -> AjaxMode<'_> {
        AjaxMode {
            inajax: self.q("inajax").is_some_and(|v| v != "0"),
            json: self.q("ajaxdata") == Some("json"),
            handlekey: self.q("handlekey"),
        }
    }
}

/// Percent-decodes (with `+` as space) into bytes, then reads them in the site charset.
fn decode_component(text: &str, charset: Charset) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"), 16) {
                    Ok(b) => {
                        out.push(b);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    charset.encoding().decode_without_bom_handling(&out).0.into_owned()
}

fn parse_pairs(text: &str, charset: Charset) -> Vec<(String, String)> {
    text.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode_component(k, charset), decode_component(v, charset))
        })
        .collect()
}

fn parse_cookies(header: Option<&str>) -> HashMap<String, String> {
    header
        .unwrap_or("")
        .split(';')
        .filter_map(|c| c.trim().split_once('='))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect()
}

pub async fn answer(state: Arc<State>, req: Request<Body>) -> Response {
    let charset = state.config.charset;
    let post = req.method() == axum::http::Method::POST;
    let uri = req.uri().clone();
    let cookies = parse_cookies(req.headers().get(header::COOKIE).and_then(|v| v.to_str().ok()));
    let body = axum::body::to_bytes(req.into_body(), 1 << 20).await.unwrap_or_default();
    let req = Req {
        post,
        path: decode_component(uri.path().trim_start_matches('/'), Charset::Utf8),
        query: parse_pairs(uri.query().unwrap_or(""), charset),
        form: if post { parse_pairs(&String::from_utf8_lossy(&body), charset) } else { Vec::new() },
        cookies,
    };
    let reply = {
        let mut live = state.live.lock().unwrap();
        live.hits.push(uri.path_and_query().map_or_else(|| uri.path().to_owned(), |p| p.as_str().to_owned()));
        route(&state, &mut live, &req)
    };
    let mut builder = Response::builder()
        .status(StatusCode::from_u16(reply.status).unwrap())
        .header(header::CONTENT_TYPE, reply.content_type);
    for (name, value) in reply.headers {
        builder = builder.header(name, value);
    }
    builder.body(Body::from(reply.body)).unwrap()
}

/// Who is asking: their saltkey (new ones get a cookie) and member.
pub(super) struct Visitor {
    pub(super) salt: String,
    pub(super) uid: Option<u32>,
    pub(super) cookies: Vec<String>,
}

fn visitor(live: &mut Live, req: &Req) -> Visitor {
    let uid = member::signed_in(&live.site, req.cookie("saltkey"), req.cookie("auth")).map(|m| m.uid);
    match req.cookie("saltkey") {
        Some(salt) => Visitor { salt: salt.to_owned(), uid, cookies: Vec::new() },
        None => {
            live.salts += 1;
            let salt = member::new_saltkey(live.salts);
            let cookies = vec![
                format!("{COOKIE_PREFIX}saltkey={salt}; Max-Age=2592000; path=/; HttpOnly"),
                format!("{COOKIE_PREFIX}lastvisit=1606460040; Max-Age=2592000; path=/"),
            ];
            Visitor { salt, uid, cookies }
        }
    }
}

pub(super) fn ctx<'a>(state: &'a State, site: &'a Site, v: &Visitor, charset: Charset) -> Ctx<'a> {
    let cfg = super::PortalConfig { charset, ..state.config };
    Ctx {
        cfg,
        base: &state.base,
        site,
        user: v.uid.and_then(|uid| site.member(uid)),
        l: labels(charset, state.config.theme),
        formhash: member::formhash(Some(&v.salt), v.uid.unwrap_or(0)),
    }
}

pub(super) fn html(charset: Charset, text: &str) -> Reply {
    Reply::new(200, &format!("text/html; charset={}", charset.name()), encode(charset, text))
}

pub(super) fn message(ctx: &Ctx, req: &Req, m: &Message, body_id: &str, body_class: &str) -> Reply {
    let head = Head { title: "", keywords: "", description: "", body_id, body_class };
    let (kind, text) = super::layout::message(ctx, &head, m, &req.ajax());
    let charset = ctx.cfg.charset;
    let content_type = if kind == "text/html" { format!("text/html; charset={}", charset.name()) } else { kind };
    Reply::new(200, &content_type, encode(charset, &text))
}

fn route(state: &State, live: &mut Live, req: &Req) -> Reply {
    let cfg = state.config;
    let path = req.path.as_str();
    if let Some(reply) = static_file(live, path) {
        return reply;
    }
    let v = visitor(live, req);
    let mut reply = match path {
        "" | "index.php" => html(cfg.charset, &list::home(&ctx(state, &live.site, &v, cfg.charset))),
        "portal.php" => portal(state, live, req, &v),
        "home.php" => accounts::home(state, live, req, &v),
        "member.php" => accounts::member_php(state, live, req, &v),
        "forum.php" => {
            let c = ctx(state, &live.site, &v, cfg.charset);
            let head =
                Head { title: c.l.forum, keywords: "", description: "", body_id: "nv_forum", body_class: "pg_index" };
            html(cfg.charset, &super::layout::shell(&c, &head, "<div id=\"ct\" class=\"wp cl\"></div>\n"))
        }
        LOOP_LIST_PATH => {
            let c = ctx(state, &live.site, &v, cfg.charset);
            bad::loop_list(&c, req.page()).map_or_else(Reply::not_found, |page| html(cfg.charset, &page))
        }
        WRONG_ENCODING_PATH => {
            let page = bad::wrong_encoding(&ctx(state, &live.site, &v, Charset::Utf8));
            Reply::new(200, "text/html", page.into_bytes())
        }
        PLAIN_SITE_PATH => Reply::new(200, "text/html; charset=utf-8", bad::plain_site().as_bytes().to_vec()),
        _ => rewritten(state, live, req, &v).unwrap_or_else(Reply::not_found),
    };
    if reply.status == 200 && reply.content_type.starts_with("text/html") && path != PLAIN_SITE_PATH {
        reply.headers.extend(v.cookies.iter().map(|c| ("Set-Cookie".to_owned(), c.clone())));
    }
    reply
}

/// Images, scripts and styles.
fn static_file(live: &Live, path: &str) -> Option<Reply> {
    let gif = |rgb| Some(Reply::new(200, "image/gif", images::gif(rgb)));
    if let Some(name) = path.strip_prefix("static/image/click/").and_then(|p| p.strip_suffix(".gif")) {
        return images::icon_colour(name).map_or_else(|| Some(Reply::not_found()), gif);
    }
    match path {
        "static/image/common/none.gif" => return gif([255, 255, 255]),
        "static/image/common/logo_88_31.gif" => return gif([40, 90, 160]),
        "static/image/common/logo.png" => return Some(Reply::new(200, "image/png", images::png(220, 60, 7))),
        _ => {}
    }
    if let Some(file) = path.strip_prefix("data/attachment/portal/") {
        let (file, thumb) = match file.strip_suffix(".thumb.png") {
            Some(f) => (f, true),
            None => (file, false),
        };
        let found = live.site.articles.iter().flat_map(|a| a.pictures.iter().enumerate()).find(|(_, p)| p.file == file);
        return Some(match found {
            Some((i, p)) if p.present => {
                let (w, h) = if thumb { (p.width / 4, p.height / 4) } else { (p.width, p.height) };
                Reply::new(200, "image/png", images::png(w, h, i as u32 + 1))
            }
            _ => Reply::not_found(),
        });
    }
    if path.starts_with("data/cache/") || path.starts_with("static/js/") {
        let kind = if path.ends_with(".css") { "text/css" } else { "application/javascript" };
        return Some(Reply::new(200, kind, Vec::new()));
    }
    None
}

fn portal(state: &State, live: &mut Live, req: &Req, v: &Visitor) -> Reply {
    let cs = state.config.charset;
    match req.q("mod").unwrap_or("index") {
        "view" => article(state, live, req, v, req.num("aid"), req.page(), false),
        "list" => {
            let catid = req.num("catid").unwrap_or(0);
            let c = ctx(state, &live.site, v, cs);
            if c.site.category(catid).is_none() {
                return message(&c, req, &Message::error(&c, Msg::ListCategoryNoexist), "nv_portal", "pg_list");
            }
            if c.urls().is_folder(catid) {
                return Reply::redirect(301, format!("{}{}", state.base, c.urls().list(catid, 1)));
            }
            let page = list::list_page(&c, catid, req.page(), &|p| c.urls().list_pager(catid, p), None);
            html(cs, &page.unwrap())
        }
        "comment" => {
            let c = ctx(state, &live.site, v, cs);
            match req.num("id").and_then(|aid| c.site.article(aid)).filter(|a| !a.pending) {
                Some(a) => html(cs, &view::comment_page(&c, a, req.page())),
                None => message(&c, req, &Message::error(&c, Msg::CommentAidNoExist), "nv_portal", "pg_comment"),
            }
        }
        "rss" => {
            let text = feed::feed(&live.site, &state.base, cs, state.config.urls, req.num("catid"), live.feed);
            let kind = if text.starts_with("<?xml") { "application/xml" } else { "text/html" };
            Reply::new(200, kind, encode(cs, &text))
        }
        _ => html(cs, &list::home(&ctx(state, &live.site, v, cs))),
    }
}

/// The anti-scraping check's token for an article.
fn dsign(aid: u32) -> String {
    digest(&format!("dsign\t{aid}"), 8)
}

/// The bare page Discuz's anti-scraping answers: a script that reloads with `_dsign`.
fn anti_scraping_page(aid: u32) -> String {
    let hex = |s: &str| s.bytes().map(|b| format!("\\x{b:02x}")).collect::<String>();
    let sign = dsign(aid);
    let parts: Vec<String> =
        sign.as_bytes().chunks(2).map(|c| format!("'{}'", std::str::from_utf8(c).unwrap())).collect();
    format!(
        "<script type=\"text/javascript\">var _0x3f1c=[\"{}\",\"{}\",\"{}\",\"{}\",\"{}\",\"{}\",\"{}\"];(function(){{var _u=window[_0x3f1c[1]][_0x3f1c[0]],_s=[{}].join('');window[_0x3f1c[1]][_0x3f1c[6]](_u+(_u[_0x3f1c[5]](_0x3f1c[2])>0?_0x3f1c[3]:_0x3f1c[2])+_0x3f1c[4]+_s);}})();</script>",
        hex("href"),
        hex("location"),
        hex("?"),
        hex("&"),
        hex("_dsign="),
        hex("indexOf"),
        hex("replace"),
        parts.join(",")
    )
}

/// An article page by any URL form. `via_static`: the request came by the static page's URL.
fn article(
    state: &State,
    live: &mut Live,
    req: &Req,
    v: &Visitor,
    aid: Option<u32>,
    page: usize,
    via_static: bool,
) -> Reply {
    let cs = state.config.charset;
    let rendered = {
        let c = ctx(state, &live.site, v, cs);
        let error = |msg| message(&c, req, &Message::error(&c, msg), "nv_portal", "pg_view");
        let Some(aid) = aid.filter(|a| *a > 0) else { return error(Msg::ViewNoArticleId) };
        let Some(a) = c.site.article(aid) else { return error(Msg::ViewArticleNoExist) };
        if a.pending && v.uid != Some(a.uid) {
            return error(Msg::ViewArticleNoExist);
        }
        if a.members_only && v.uid.is_none() {
            return message(&c, req, &Message::need_login(&c), "nv_portal", "pg_view");
        }
        if live.anti_scraping && req.q("_dsign") != Some(dsign(aid).as_str()) {
            return Reply::new(200, &format!("text/html; charset={}", cs.name()), anti_scraping_page(aid).into_bytes());
        }
        let urls = c.urls();
        if !via_static && state.config.urls == Urls::Folder && urls.is_folder(a.catid) {
            return Reply::redirect(302, format!("{}{}", state.base, urls.article(aid, 1)));
        }
        let page = page.clamp(1, a.pages.len());
        (aid, view::article_page(&c, a, page))
    };
    let (aid, page) = rendered;
    *live.views.entry(aid).or_default() += 1;
    if let Some(a) = live.site.article_mut(aid) {
        a.viewnum += 1;
    }
    html(cs, &page)
}

/// Paths that only the rewrite rules or the static pages answer.
fn rewritten(state: &State, live: &mut Live, req: &Req, v: &Visitor) -> Option<Reply> {
    let cs = state.config.charset;
    let path = req.path.as_str();
    match state.config.urls {
        Urls::Dynamic => None,
        Urls::Rewrite => {
            let rest = path.strip_prefix("article-")?.strip_suffix(".html")?;
            let (aid, page) = rest.split_once('-')?;
            let (aid, page) = (aid.parse().ok()?, page.parse::<usize>().ok()?);
            Some(article(state, live, req, v, Some(aid), page, false))
        }
        Urls::Folder => {
            let folders: Vec<(u32, String)> = live
                .site
                .categories
                .iter()
                .filter_map(|cat| Some((cat.catid, live.site.folder_path(cat.catid)?)))
                .collect();
            // The longest folder first, so `shenghuo/meishi/...` is not taken for `shenghuo/...`.
            let mut folders = folders;
            folders.sort_by_key(|(_, f)| std::cmp::Reverse(f.len()));
            for (catid, folder) in folders {
                if path == folder {
                    return Some(Reply::redirect(301, format!("{}{folder}/", state.base)));
                }
                let Some(rest) = path.strip_prefix(&format!("{folder}/")) else { continue };
                if matches!(rest, "" | "index.php" | "index.html") {
                    let c = ctx(state, &live.site, v, cs);
                    let page = if rest == "index.php" { req.page() } else { 1 };
                    let urls = UrlForms::new(Urls::Folder, &live.site);
                    return list::list_page(&c, catid, page, &|p| urls.list_pager(catid, p), None)
                        .map(|p| html(cs, &p));
                }
                let (month, file) = rest.split_once('/')?;
                let digits = file.strip_suffix(".html")?;
                if digits.len() < 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                let aid: u32 = digits[..8].parse().ok()?;
                let page: usize = if digits.len() > 8 { digits[8..].parse().ok()? } else { 1 };
                let a = live.site.article(aid)?;
                if a.catid != catid || super::text::site_month(a.dateline) != month || page > a.pages.len() {
                    return None;
                }
                return Some(article(state, live, req, v, Some(aid), page, true));
            }
            None
        }
    }
}
