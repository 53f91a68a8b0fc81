//! The article page (`portal/view.htm`) with its reactions (`home/space_click.htm`) and latest comments
//! (`portal/portal_comment.htm`), and the full comment pages (`portal/comment.htm`).

use super::Theme;
use super::layout::{Ctx, Head, pager, shell};
use super::model::{Article, COMMENTS_ON_ARTICLE, COMMENTS_PER_PAGE, Comment, REACTIONS};
use super::text::{esc, site_date};

/// The reaction table of a theme: (clickid, index into [`REACTIONS`]), in display order. The modified site
/// numbered its reactions in another order; the icons stay with their kinds.
pub fn click_table(theme: Theme) -> [(u32, usize); 5] {
    match theme {
        Theme::Stock => [(1, 0), (2, 1), (3, 2), (4, 3), (5, 4)],
        Theme::Modified => [(1, 3), (2, 0), (3, 4), (4, 1), (5, 2)],
    }
}

/// One comment's `dl` (`portal/comment_li.htm`).
fn comment_li(ctx: &Ctx, c: &Comment) -> String {
    let who = if c.uid == 0 {
        ctx.l.guest.to_owned()
    } else {
        format!("<a href=\"home.php?mod=space&amp;uid={}\" class=\"xi2 xw1\">{}</a>", c.uid, esc(&c.username))
    };
    format!(
        "<a name=\"comment_anchor_{cid}\"></a>\n<dl id=\"comment_{cid}_li\" class=\"ptm pbm bbda cl\">\n<dt class=\"mbm\">\n\
         <span class=\"y xw0\"><a class=\"xi2\" href=\"javascript:;\" onclick=\"portal_comment_requote({cid}, '{aid}');\">{quote}</a></span>\n\
         {who}\n<span class=\"xg1 xw0\">{date}</span>\n</dt>\n<dd>{msg}</dd>\n</dl>\n",
        cid = c.cid,
        aid = c.aid,
        quote = ctx.l.quote,
        date = site_date(c.dateline),
        msg = c.message,
    )
}

fn comment_form(ctx: &Ctx, aid: u32, referer: &str) -> String {
    format!(
        "<form id=\"cform\" name=\"cform\" action=\"portal.php?mod=portalcp&amp;ac=comment\" method=\"post\" autocomplete=\"off\">\n\
         <div class=\"tedt\"><div class=\"area\"><textarea name=\"message\" rows=\"3\" class=\"pt\" id=\"message\"></textarea></div></div>\n\
         <input type=\"hidden\" name=\"portal_referer\" value=\"{r}#comment\"><input type=\"hidden\" name=\"referer\" value=\"{r}#comment\" />\
         <input type=\"hidden\" name=\"id\" value=\"0\" /><input type=\"hidden\" name=\"idtype\" value=\"\" />\
         <input type=\"hidden\" name=\"aid\" value=\"{aid}\"><input type=\"hidden\" name=\"formhash\" value=\"{fh}\">\
         <input type=\"hidden\" name=\"replysubmit\" value=\"true\"><input type=\"hidden\" name=\"commentsubmit\" value=\"true\" />\n\
         <p class=\"ptn\"><button type=\"submit\" name=\"commentsubmit_btn\" id=\"commentsubmit_btn\" value=\"true\" class=\"pn\"><strong>{c}</strong></button></p>\n</form>\n",
        r = esc(referer),
        fh = ctx.formhash,
        c = ctx.l.comment,
    )
}

fn reactions(ctx: &Ctx, a: &Article, hash: &str) -> String {
    let max = a.clicks.iter().copied().max().unwrap_or(0).max(1);
    let mut cells = String::new();
    for (clickid, kind) in click_table(ctx.cfg.theme) {
        let count = a.clicks[kind];
        let bar = if count > 0 {
            format!(
                "<div class=\"atdc\"><div class=\"ac{}\" style=\"height:{}px;\"><em>{count}</em></div></div>",
                clickid % 4 + 1,
                count * 50 / max
            )
        } else {
            String::new()
        };
        let onclick = if ctx.user.is_some() { "ajaxmenu(this);" } else { "showWindow(this.id, this.href);" };
        cells.push_str(&format!(
            "<td>\n<a href=\"home.php?mod=spacecp&amp;ac=click&amp;op=add&amp;clickid={clickid}&amp;idtype=aid&amp;id={aid}&amp;hash={hash}&amp;handlekey=clickhandle\" \
             id=\"click_aid_{aid}_{clickid}\" onclick=\"{onclick}doane(event);\">\n{bar}<img src=\"static/image/click/{icon}.gif\" alt=\"\" /><br />{name}\n</a>\n</td>\n",
            aid = a.aid,
            icon = REACTIONS[kind],
            name = ctx.l.reactions[kind],
        ));
    }
    format!(
        "<div id=\"click_div\">\n<table cellpadding=\"0\" cellspacing=\"0\" class=\"atd\">\n<tr>\n{cells}</tr>\n</table>\n\
         <script type=\"text/javascript\">function errorhandle_clickhandle(message, values) {{ if(values['id']) {{ showCreditPrompt(); show_click(values['idtype'], values['id'], values['clickid']); }} }}</script>\n</div>\n"
    )
}

/// The meta line under the title.
fn meta(ctx: &Ctx, a: &Article, shows_views: bool, comments: usize) -> String {
    let l = ctx.l;
    let pipe = "<span class=\"pipe\">|</span>";
    let publisher = ctx.site.member(a.uid).map_or("admin", |m| m.username);
    let publisher = format!("{}: <a href=\"home.php?mod=space&amp;uid={}\">{}</a>", l.publisher, a.uid, esc(publisher));
    let count = if comments > 0 {
        format!(
            "<a href=\"{}\" title=\"{}\"><em id=\"_commentnum\">{comments}</em></a>",
            esc(&ctx.urls().comments(a.aid, 1)),
            l.all_comments
        )
    } else {
        "0".to_owned()
    };
    let mut extra = String::new();
    if let Some(author) = &a.author {
        extra.push_str(&format!("{pipe}{}: {}", l.original_author, esc(author)));
    }
    if let Some(from) = &a.from {
        let from = match &a.fromurl {
            Some(url) => format!("<a href=\"{}\" target=\"_blank\">{}</a>", esc(url), esc(from)),
            None => esc(from),
        };
        extra.push_str(&format!("{pipe}{}: {from}", l.from));
    }
    let date = site_date(a.dateline);
    if ctx.modified() {
        return format!("{publisher}{pipe}\n{}: {date}{pipe}\n{}: {count}\n{extra}\n", l.date, l.comments);
    }
    let views = if shows_views {
        format!("{}: <em id=\"_viewnum\">{}</em>{pipe}\n", l.views, a.viewnum)
    } else {
        String::new()
    };
    format!("{date}{pipe}\n{publisher}{pipe}\n{views}{}: {count}\n{extra}\n", l.comments)
}

/// The previous and next article of the same category (Discuz's preaid / nextaid).
fn neighbours(ctx: &Ctx, a: &Article) -> String {
    let mut same: Vec<&Article> = ctx.site.articles.iter().filter(|x| x.catid == a.catid && !x.pending).collect();
    same.sort_by_key(|x| (x.dateline, x.aid));
    let Some(at) = same.iter().position(|x| x.aid == a.aid) else { return String::new() };
    let (pre, next) = ("上一篇：", "下一篇：");
    let mut out = String::new();
    if at > 0 {
        let p = same[at - 1];
        out.push_str(&format!(
            "<em>{pre}<a href=\"{}\">{}</a></em>",
            esc(&ctx.urls().article(p.aid, 1)),
            esc(&p.title)
        ));
    }
    if let Some(n) = same.get(at + 1) {
        out.push_str(&format!(
            "<em>{next}<a href=\"{}\">{}</a></em>",
            esc(&ctx.urls().article(n.aid, 1)),
            esc(&n.title)
        ));
    }
    if out.is_empty() { out } else { format!("<div class=\"pren pbm cl\">{out}</div>\n") }
}

fn sidebar(ctx: &Ctx, catid: u32) -> String {
    let urls = ctx.urls();
    let Some(cat) = ctx.site.category(catid) else { return String::new() };
    let block = |title: &str, cats: Vec<&super::model::Category>| {
        if cats.is_empty() {
            return String::new();
        }
        let items: String = cats
            .iter()
            .map(|c| format!("<li><a href=\"{}\">{}</a></li>", esc(&urls.list(c.catid, 1)), esc(c.name)))
            .collect();
        format!(
            "<div class=\"bm\">\n<div class=\"bm_h cl\"><h2>{title}</h2></div>\n<div class=\"bm_c\"><ul class=\"xl xl2 cl\">{items}</ul></div>\n</div>\n"
        )
    };
    let others: Vec<_> = ctx.site.categories.iter().filter(|c| c.upid == cat.upid && c.catid != catid).collect();
    format!(
        "<div class=\"sd pph\">\n<div class=\"drag\"><div id=\"diyrighttop\" class=\"area\"></div></div>\n{}{}<div class=\"drag\"><div id=\"diy2\" class=\"area\"></div></div>\n</div>\n",
        block(ctx.l.category_related, others),
        block(ctx.l.sub_category, ctx.site.subs(catid)),
    )
}

/// An article page; `page` is 1-based and within the article's pages.
pub fn article_page(ctx: &Ctx, a: &Article, page: usize) -> String {
    let l = ctx.l;
    let urls = ctx.urls();
    let cat = ctx.site.category(a.catid);
    let shows_views = cat.is_some_and(|c| c.shows_views);
    let comments = ctx.site.comments_of(a.aid);
    let content = &a.pages[page - 1];
    let pending = if a.pending { format!("({})", l.moderate_need) } else { String::new() };
    let summary = if a.summary.is_empty() {
        String::new()
    } else {
        format!("<div class=\"s\"><div><strong>{}</strong>: {}</div></div>\n", l.summary, a.summary)
    };
    let page_title = if content.title.is_empty() {
        String::new()
    } else {
        format!("<div class=\"vm_pagetitle xw1\">{}</div>\n", esc(&content.title))
    };
    let body = if ctx.modified() {
        format!(
            "<div class=\"pxc-article\"><div id=\"article_content\" class=\"content\">\n{page_title}{}</div></div>\n",
            content.html
        )
    } else {
        format!(
            "<table cellpadding=\"0\" cellspacing=\"0\" class=\"vwtb\"><tr><td id=\"article_content\">\n{page_title}{}</td></tr></table>\n",
            content.html
        )
    };
    let pages = a.pages.len();
    let multi = pager(l, page, pages, &|p| urls.article_pager(a.aid, p), None);
    let multi = if multi.is_empty() { multi } else { format!("<div class=\"ptw pbw cl\">{multi}</div>\n") };
    let inner_nav = if pages > 1 {
        let items: String = (1..=pages)
            .map(|p| {
                let class = if p == page { " class=\"xi1\"" } else { "" };
                format!(
                    "<li>&bull; <a href=\"{}\"{class}>{} {p} {} {}</a></li>",
                    esc(&urls.article_pager(a.aid, p)),
                    l.page_pre,
                    l.page_post,
                    esc(&a.pages[p - 1].title)
                )
            })
            .collect();
        format!(
            "<div id=\"inner_nav\" class=\"ptn xs1\">\n<h3>{}</h3>\n<ul class=\"xl xl2 cl\">{items}</ul>\n</div>\n",
            l.inner_nav
        )
    } else {
        String::new()
    };
    let related = if a.related.is_empty() {
        String::new()
    } else {
        let items: String = a
            .related
            .iter()
            .filter_map(|r| ctx.site.article(*r))
            .map(|r| {
                format!(
                    "<input type=\"hidden\" value=\"{}\" />\n<li>&bull; <a href=\"{}\">{}</a></li>\n",
                    r.aid,
                    esc(&urls.article(r.aid, 1)),
                    esc(&r.title)
                )
            })
            .collect();
        format!(
            "<div id=\"related_article\" class=\"bm\">\n<div class=\"bm_h cl\">\n<h3>{}</h3>\n</div>\n<div class=\"bm_c\">\n<ul class=\"xl xl2 cl\" id=\"raid_div\">\n{items}</ul>\n</div>\n</div>\n",
            l.related
        )
    };
    let latest: String = comments.iter().take(COMMENTS_ON_ARTICLE).map(|c| comment_li(ctx, c)).collect();
    let view_url = urls.article(a.aid, 1);
    let (post_link, all_link) = if comments.is_empty() {
        (String::new(), String::new())
    } else {
        (
            format!(
                "<a href=\"javascript:;\" class=\"y xi2\" onclick=\"location.href=location.href.replace(/(\\#.*)/, '')+'#cform';$('message').focus();return false;\">{}</a>\n",
                l.post_comment
            ),
            format!(
                "<p class=\"ptm pbm\"><a href=\"{}\" class=\"xi2\">{}(<em id=\"_commentnum\">{}</em>)</a></p>\n",
                esc(&urls.comments(a.aid, 1)),
                l.all_comments,
                comments.len()
            ),
        )
    };
    let hash = ctx.site.click_hash(a.aid).unwrap_or_default();
    let ad = if ctx.modified() {
        "<div class=\"a_pt\"><a href=\"misc.php?mod=ad&amp;adid=7\" target=\"_blank\">萍鄉家裝節 · 點擊報名</a></div>\n"
    } else {
        ""
    };
    let main = format!(
        r#"<script src="data/cache/forum_viewthread.js?Kk7" type="text/javascript"></script>
<script type="text/javascript">zoomstatus = parseInt(1), imagemaxwidth = '600', aimgcount = new Array();</script>
{crumbs}<style id="diy_style" type="text/css"></style>
<div class="wp"><div id="diy1" class="area"></div></div>
<div id="ct" class="ct2 wp cl">
<div class="mn">
{ad}<div class="bm vw">
<div class="h hm">
<h1 class="ph">{title} {pending}</h1>
<p class="xg1">
{meta}</p>
</div>
<div id="diysummarytop" class="area"></div>
{summary}<div id="diysummarybottom" class="area"></div>
<div class="d">
<div id="diycontenttop" class="area"></div>
{body}{multi}<div id="diycontentbottom" class="area"></div>
<script src="static/js/home.js?Kk7" type="text/javascript"></script>
{clicks}{inner_nav}<div id="diycontentclickbottom" class="area"></div>
</div>
<div class="o cl ptm pbm">
<a href="home.php?mod=spacecp&amp;ac=favorite&amp;type=article&amp;id={aid}&amp;handlekey=favoritearticlehk_{aid}" id="a_favorite" onclick="showWindow(this.id, this.href, 'get', 0);" class="oshr ofav">{favorite}</a>
<a href="home.php?mod=spacecp&amp;ac=share&amp;type=article&amp;id={aid}&amp;handlekey=sharearticlehk_{aid}" id="a_share" onclick="showWindow(this.id, this.href, 'get', 0);" class="oshr">{share}</a>
</div>
{neighbours}</div>
<div id="diycontentrelatetop" class="area"></div>
{related}<div id="diycontentrelate" class="area"></div>
<div id="comment" class="bm">
<div class="bm_h cl">
{post_link}<h3>{latest_title}</h3>
</div>
<div id="comment_ul" class="bm_c">
{latest}{all_link}{form}</div>
</div>
<div id="diycontentcomment" class="area"></div>
</div>
{sidebar}</div>
<div class="wp mtn"><div id="diy3" class="area"></div></div>
<input type="hidden" id="portalview" value="1">
"#,
        crumbs = ctx.breadcrumbs(Some(a.catid), l.view_content),
        title = esc(&a.title),
        meta = meta(ctx, a, shows_views, comments.len()),
        clicks = reactions(ctx, a, &hash),
        aid = a.aid,
        favorite = l.favorite,
        share = l.share,
        neighbours = neighbours(ctx, a),
        latest_title = l.latest_comments,
        form = comment_form(ctx, a.aid, &view_url),
        sidebar = sidebar(ctx, a.catid),
    );
    let cat_name = cat.map_or("", |c| c.name);
    let title = format!("{} - {}", esc(&a.title), esc(cat_name));
    let description = if a.summary.is_empty() { esc(&a.title) } else { a.summary.clone() };
    shell(
        ctx,
        &Head {
            title: &title,
            keywords: &esc(&a.title),
            description: &description,
            body_id: "nv_portal",
            body_class: "pg_view",
        },
        &main,
    )
}

/// A page of an article's comments, newest first (none past the last page).
pub fn comment_page(ctx: &Ctx, a: &Article, page: usize) -> String {
    let l = ctx.l;
    let urls = ctx.urls();
    let comments = ctx.site.comments_of(a.aid);
    let pages = comments.len().div_ceil(COMMENTS_PER_PAGE).max(1);
    let items: String = comments
        .iter()
        .skip((page - 1) * COMMENTS_PER_PAGE)
        .take(COMMENTS_PER_PAGE)
        .map(|c| comment_li(ctx, c))
        .collect();
    let multi = pager(l, page, pages, &|p| format!("portal.php?mod=comment&id={}&idtype=aid&page={p}", a.aid), None);
    let main = format!(
        r#"{crumbs}<style id="diy_style" type="text/css"></style>
<div class="wp"><div id="diy1" class="area"></div></div>
<div id="ct" class="wp cl">
<div class="mn">
<div class="bm vw">
<div class="h hm">
<h1 class="ph"><a href="{url}">{title}</a></h1>
<p>{comment} ({count})<span class="pipe">|</span><a href="javascript:;" onclick="location.href=location.href.replace(/(\#.*)/, '')+'#message';$('message').focus();return false;" class="xi2 xw1">{post}</a></p>
</div>
<div class="bm_c">
{items}<div class="pgs cl mtm mbm">{multi}</div>
{form}</div>
</div>
</div>
</div>
<div class="wp mtn"><div id="diy3" class="area"></div></div>
"#,
        crumbs = ctx.breadcrumbs(None, l.comment_view),
        url = esc(&urls.article(a.aid, 1)),
        title = esc(&a.title),
        comment = l.comment,
        count = comments.len(),
        post = l.post_comment,
        form = comment_form(ctx, a.aid, &urls.comments(a.aid, page)),
    );
    let title = format!("{} - {}", l.comment_view, esc(&a.title));
    shell(
        ctx,
        &Head { title: &title, keywords: &title, description: &title, body_id: "nv_portal", body_class: "pg_comment" },
        &main,
    )
}
