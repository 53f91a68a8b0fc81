//! What every page shares: URL forms, the page shell (`common/header` and `common/footer`), breadcrumbs, the
//! pager (`multi()`), and Discuz's message (`showmessage`) as a page, as ajax XML and as JSON.

use super::model::{Member, Site};
use super::text::{Labels, Msg, ascii_json, esc, site_month};
use super::{PortalConfig, Theme};

/// The site name (`bbname`).
pub const BBNAME: &str = "萍鄉城事網—萍鄉最具影響力門戶網站";

/// URLs relative to the base, in one of the three forms.
pub struct Urls<'a> {
    form: super::Urls,
    site: &'a Site,
}

impl<'a> Urls<'a> {
    pub fn new(form: super::Urls, site: &'a Site) -> Urls<'a> {
        Urls { form, site }
    }

    /// The static page of an article in a folder category, when the site makes them.
    fn static_article(&self, aid: u32, page: usize) -> Option<String> {
        if self.form != super::Urls::Folder {
            return None;
        }
        let a = self.site.article(aid)?;
        let folder = self.site.folder_path(a.catid)?;
        let suffix = if page > 1 { page.to_string() } else { String::new() };
        Some(format!("{folder}/{}/{aid:08}{suffix}.html", site_month(a.dateline)))
    }

    /// An article page (page 1 is the article's own URL).
    pub fn article(&self, aid: u32, page: usize) -> String {
        if let Some(url) = self.static_article(aid, page) {
            return url;
        }
        match (self.form, page) {
            (super::Urls::Rewrite, _) => format!("article-{aid}-{}.html", page.max(1)),
            (_, 0 | 1) => format!("portal.php?mod=view&aid={aid}"),
            (_, p) => format!("portal.php?mod=view&aid={aid}&page={p}"),
        }
    }

    /// A pager's link to an article page (the dynamic form names page 1 too, as `multi()` does).
    pub fn article_pager(&self, aid: u32, page: usize) -> String {
        match self.form {
            super::Urls::Dynamic => format!("portal.php?mod=view&aid={aid}&page={page}"),
            _ if self.static_article(aid, page).is_some() => self.article(aid, page),
            super::Urls::Rewrite => self.article(aid, page),
            _ => format!("portal.php?mod=view&aid={aid}&page={page}"),
        }
    }

    /// Whether a category lives in a folder under these URLs.
    pub fn is_folder(&self, catid: u32) -> bool {
        self.form == super::Urls::Folder && self.site.folder_path(catid).is_some()
    }

    /// A category list page.
    pub fn list(&self, catid: u32, page: usize) -> String {
        if self.is_folder(catid) {
            let folder = self.site.folder_path(catid).unwrap();
            return if page > 1 { format!("{folder}/index.php?page={page}") } else { format!("{folder}/") };
        }
        if page > 1 {
            format!("portal.php?mod=list&catid={catid}&page={page}")
        } else {
            format!("portal.php?mod=list&catid={catid}")
        }
    }

    /// A pager's link to a list page.
    pub fn list_pager(&self, catid: u32, page: usize) -> String {
        if self.is_folder(catid) {
            let folder = self.site.folder_path(catid).unwrap();
            return format!("{folder}/index.php?page={page}");
        }
        format!("portal.php?mod=list&catid={catid}&page={page}")
    }

    pub fn comments(&self, aid: u32, page: usize) -> String {
        if page > 1 {
            format!("portal.php?mod=comment&id={aid}&idtype=aid&page={page}")
        } else {
            format!("portal.php?mod=comment&id={aid}&idtype=aid")
        }
    }
}

/// What a page is rendered with.
pub struct Ctx<'a> {
    pub cfg: PortalConfig,
    pub base: &'a str,
    pub site: &'a Site,
    pub user: Option<&'a Member>,
    pub l: &'static Labels,
    pub formhash: String,
}

impl<'a> Ctx<'a> {
    pub fn urls(&self) -> Urls<'a> {
        Urls::new(self.cfg.urls, self.site)
    }

    pub fn modified(&self) -> bool {
        self.cfg.theme == Theme::Modified
    }

    /// The breadcrumb separator.
    pub fn sep(&self) -> &'static str {
        if self.modified() { " <span class=\"sep\">&raquo;</span> " } else { " <em>&rsaquo;</em> " }
    }

    /// `#pt`: site, 門戶, the category path, then `last` (a text or a link).
    pub fn breadcrumbs(&self, catid: Option<u32>, last: &str) -> String {
        let urls = self.urls();
        let sep = self.sep();
        let mut out = format!(
            "<div id=\"pt\" class=\"bm cl\">\n<div class=\"z\">\n<a href=\"./\" class=\"nvhm\" title=\"{}\">{}</a>{sep}\n<a href=\"portal.php\">{}</a>{sep}\n",
            self.l.home,
            esc(BBNAME),
            self.l.portal
        );
        if let Some(catid) = catid {
            for cat in self.site.path(catid) {
                out.push_str(&format!("<a href=\"{}\">{}</a>{sep}\n", esc(&urls.list(cat.catid, 1)), esc(cat.name)));
            }
        }
        out.push_str(last);
        out.push_str("\n</div>\n</div>\n");
        out
    }
}

/// A page's head facts.
pub struct Head<'a> {
    pub title: &'a str,
    pub keywords: &'a str,
    pub description: &'a str,
    /// `nv_portal`, `nv_member`, `nv_home`.
    pub body_id: &'a str,
    /// `pg_view`, `pg_list`, `pg_index`, `pg_comment`, `pg_logging`, `pg_spacecp`.
    pub body_class: &'a str,
}

/// The whole page around `main` (which starts after the header and ends before the footer).
pub fn shell(ctx: &Ctx, head: &Head, main: &str) -> String {
    let cs = ctx.cfg.charset.name();
    let l = ctx.l;
    let uid = ctx.user.map_or(0, |u| u.uid);
    let toolbar = match ctx.user {
        Some(u) => format!(
            "<strong class=\"vwmy\"><a href=\"home.php?mod=space&amp;uid={}\" target=\"_blank\" title=\"訪問我的空間\">{}</a></strong>\
             <span class=\"pipe\">|</span><a href=\"member.php?mod=logging&amp;action=logout&amp;formhash={}\">{}</a>",
            u.uid,
            esc(u.username),
            ctx.formhash,
            l.logout
        ),
        None => format!(
            "<a href=\"member.php?mod=logging&amp;action=login\" onclick=\"showWindow('login', this.href);return false;\">{}</a>\
             <span class=\"pipe\">|</span><a href=\"member.php?mod=register\">{}</a>",
            l.login, l.register
        ),
    };
    let urls = ctx.urls();
    let mut nav = format!("<li id=\"mn_portal\"><a href=\"portal.php\" hidefocus=\"true\">{}</a></li>", l.portal);
    for cat in ctx.site.tops() {
        nav.push_str(&format!(
            "<li id=\"mn_P{}\"><a href=\"{}\" hidefocus=\"true\">{}</a></li>",
            cat.catid,
            esc(&urls.list(cat.catid, 1)),
            esc(cat.name)
        ));
    }
    nav.push_str(&format!("<li id=\"mn_forum\"><a href=\"forum.php\" hidefocus=\"true\">{}</a></li>", l.forum));
    let (open, close) = if ctx.modified() {
        (
            "<div class=\"pxc-outer\"><div class=\"pxc-inner\">\n<div class=\"a_mu wp\"><a href=\"misc.php?mod=ad&amp;adid=3\" target=\"_blank\">萍鄉房產網 · 年終特惠</a></div>\n",
            "</div></div>\n",
        )
    } else {
        ("", "")
    };
    format!(
        r#"<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={cs}" />
<title>{title} - {bbname} -  Powered by Discuz!</title>
<meta name="keywords" content="{keywords}" />
<meta name="description" content="{description}" />
<meta name="generator" content="Discuz! X3.4" />
<meta name="author" content="Discuz! Team and Comsenz UI Team" />
<meta name="copyright" content="2001-2017 Comsenz Inc." />
<meta name="MSSmartTagsPreventParsing" content="True" />
<meta http-equiv="MSThemeCompatible" content="Yes" />
<base href="{base}" /><link rel="stylesheet" type="text/css" href="data/cache/style_1_common.css?Kk7" />
<script type="text/javascript">var STYLEID = '1', STATICURL = 'static/', IMGDIR = 'static/image/common', VERHASH = 'Kk7', charset = '{cs}', discuz_uid = '{uid}', cookiepre = '{prefix}', cookiedomain = '', cookiepath = '/', showusercard = '1', attackevasive = '0', disallowfloat = 'newthread', creditnotice = '', defaultstyle = '', REPORTURL = '', SITEURL = '{base}', JSPATH = 'data/cache/', CSSPATH = 'data/cache/style_', DYNAMICURL = '';</script>
<script src="data/cache/common.js?Kk7" type="text/javascript"></script>
</head>
<body id="{body_id}" class="{body_class}" onkeydown="if(event.keyCode==27) return false;">
<div id="append_parent"></div><div id="ajaxwaitid"></div>
<div id="toptb" class="cl"><div class="wp"><div class="y">{toolbar}</div></div></div>
{open}<div id="hd"><div class="wp"><div class="hdc cl"><h2><a href="./" title="{bbname}"><img src="static/image/common/logo.png" alt="{bbname}" border="0" /></a></h2></div>
<div id="nv"><ul>{nav}</ul></div></div></div>
<div id="wp" class="wp">
{main}</div>
{close}<div id="ft" class="wp cl">
<div id="flk" class="y"><p><a href="forum.php?mobile=yes">手機版</a><span class="pipe">|</span><a href="archiver/">Archiver</a></p></div>
<div id="frt"><p>Powered by <strong><a href="http://www.discuz.net" target="_blank">Discuz!</a></strong> <em>X3.4</em></p><p class="xs0">&copy; 2001-2017 <a href="http://www.comsenz.com" target="_blank">Comsenz Inc.</a></p></div>
</div>
</body>
</html>
"#,
        title = head.title,
        bbname = esc(BBNAME),
        keywords = head.keywords,
        description = head.description,
        base = ctx.base,
        prefix = super::model::COOKIE_PREFIX,
        body_id = head.body_id,
        body_class = head.body_class,
    )
}

/// Discuz's pager (`multi()`): page links around the current one, a jump box with ` / N 頁`, and `a.nxt`.
/// Empty for a single page. `next_override` replaces the next link (for the looping bad list).
pub fn pager(
    l: &Labels,
    current: usize,
    pages: usize,
    url: &dyn Fn(usize) -> String,
    next_override: Option<String>,
) -> String {
    if pages <= 1 {
        return String::new();
    }
    let mut out = String::from("<div class=\"pg\">");
    let from = current.saturating_sub(4).max(1);
    let to = (from + 9).min(pages);
    if from > 1 {
        out.push_str(&format!("<a href=\"{}\" class=\"first\">1 ...</a>", esc(&url(1))));
    }
    if current > 1 {
        out.push_str(&format!("<a href=\"{}\" class=\"prev\">{}</a>", esc(&url(current - 1)), l.prev));
    }
    for i in from..=to {
        if i == current {
            out.push_str(&format!("<strong>{i}</strong>"));
        } else {
            out.push_str(&format!("<a href=\"{}\">{i}</a>", esc(&url(i))));
        }
    }
    if to < pages {
        out.push_str(&format!("<a href=\"{}\" class=\"last\">... {pages}</a>", esc(&url(pages))));
    }
    let first = url(1);
    let jump = first.rfind("page=").map_or(first.as_str(), |i| &first[..i]);
    out.push_str(&format!(
        "<label><input type=\"text\" name=\"custompage\" class=\"px\" size=\"2\" title=\"{}\" value=\"{current}\" \
         onkeydown=\"if(event.keyCode==13) {{window.location='{}page='+this.value;; doane(event);}}\" />\
         <span title=\"{} {pages} {}\"> / {pages} {}</span></label>",
        l.page_jump,
        esc(jump),
        l.total,
        l.pages,
        l.pages
    ));
    let next = next_override.or_else(|| (current < pages).then(|| url(current + 1)));
    if let Some(next) = next {
        out.push_str(&format!("<a href=\"{}\" class=\"nxt\">{}</a>", esc(&next), l.next));
    }
    out.push_str("</div>");
    out
}

/// How a message is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alert {
    Error,
    Info,
    Right,
}

/// A `showmessage` answer.
pub struct Message {
    pub msg: Msg,
    /// The text with its placeholders filled.
    pub text: String,
    pub alert: Alert,
    /// Where a success forwards to.
    pub forward: Option<String>,
    /// Whether to offer the login form (need-login messages).
    pub login: bool,
    /// Values passed to the ajax handler and the JSON `data`.
    pub values: Vec<(&'static str, String)>,
}

impl Message {
    pub fn error(ctx: &Ctx, msg: Msg) -> Message {
        Message {
            msg,
            text: msg.text(ctx.cfg.charset).to_owned(),
            alert: Alert::Error,
            forward: None,
            login: false,
            values: Vec::new(),
        }
    }

    pub fn need_login(ctx: &Ctx) -> Message {
        Message { alert: Alert::Info, login: true, ..Message::error(ctx, Msg::ToLogin) }
    }
}

/// How the request asked for the answer.
pub struct AjaxMode<'a> {
    pub inajax: bool,
    pub json: bool,
    pub handlekey: Option<&'a str>,
}

/// The message as bytes-to-be and a content type: a page, `<root><![CDATA[...]]></root>`, or JSON.
pub fn message(ctx: &Ctx, head: &Head, m: &Message, mode: &AjaxMode) -> (String, String) {
    if mode.json {
        let data = if m.values.is_empty() {
            serde_json::Value::Array(Vec::new())
        } else {
            serde_json::Value::Object(
                m.values.iter().map(|(k, v)| ((*k).to_owned(), serde_json::Value::String(v.clone()))).collect(),
            )
        };
        let body = ascii_json(&serde_json::json!({ "message": m.text, "data": data }));
        return ("application/json".into(), body);
    }
    if mode.inajax {
        let mut text = m.text.clone();
        if let Some(key) = mode.handlekey {
            let values: Vec<String> = m.values.iter().map(|(k, v)| format!("'{k}':'{v}'")).collect();
            let plain = m.text.replace('\'', "\\'");
            let (kind, forward) = if m.alert == Alert::Right {
                ("succeedhandle", m.forward.clone().unwrap_or_default())
            } else {
                ("errorhandle", String::new())
            };
            text.push_str(&format!(
                "<script type=\"text/javascript\" reload=\"1\">if(typeof {kind}_{key}=='function') {{{kind}_{key}('{forward}', '{plain}', {{{}}});}}</script>",
                values.join(",")
            ));
        }
        let body =
            format!("<?xml version=\"1.0\" encoding=\"{}\"?>\n<root><![CDATA[{text}]]></root>", ctx.cfg.charset.name());
        return ("application/xml".into(), body);
    }
    let class = match m.alert {
        Alert::Error => "alert_error",
        Alert::Info => "alert_info",
        Alert::Right => "alert_right",
    };
    let mut inner = format!("<p>{}</p>\n", m.text);
    if let Some(url) = &m.forward {
        inner.push_str(&format!(
            "<script type=\"text/javascript\" reload=\"1\">setTimeout(\"window.location.href ='{}';\", 3000);</script>\n<p class=\"alert_btnleft\"><a href=\"{}\">{}</a></p>\n",
            url,
            esc(url),
            ctx.l.forward
        ));
    } else if m.login {
        inner.push_str(&format!(
            "<p class=\"alert_btnleft\"><a href=\"member.php?mod=logging&amp;action=login\" onclick=\"showWindow('login', this.href);return false;\" class=\"xi2\">{}</a></p>\n",
            ctx.l.login
        ));
    } else {
        inner.push_str(&format!(
            "<script type=\"text/javascript\">if(history.length > (BROWSER.ie ? 0 : 1)) {{document.write('<p class=\"alert_btnleft\"><a href=\"javascript:history.back()\">{}</a></p>');}}</script>\n",
            ctx.l.go_back
        ));
    }
    let mut main = format!(
        "<div id=\"ct\" class=\"wp cl w\">\n<div class=\"nfl\">\n<div class=\"f_c altw\">\n<div id=\"messagetext\" class=\"{class}\">\n{inner}</div>\n"
    );
    if m.login {
        main.push_str("<div id=\"messagelogin\"></div>\n<script type=\"text/javascript\">ajaxget('member.php?mod=logging&action=login&infloat=yes&frommessage', 'messagelogin');</script>\n");
    }
    main.push_str("</div>\n</div>\n</div>\n");
    let head = Head { title: ctx.l.board_message, ..*head };
    ("text/html".into(), shell(ctx, &head, &main))
}
