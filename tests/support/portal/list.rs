//! Category list pages (`portal/list.htm`) and the portal home page, which is built from DIY blocks of
//! different shapes, as real homes are.

use super::layout::{Ctx, Head, pager, shell};
use super::model::{Article, LIST_PER_PAGE, PENDING_AID};
use super::text::{esc, site_date, site_short_date};

/// One list item (`dl.bbda`).
fn item(ctx: &Ctx, a: &Article, cat_has_subs: bool) -> String {
    let urls = ctx.urls();
    let url = esc(&urls.article(a.aid, 1));
    let thumb = match a.pictures.first() {
        Some(p) => format!(
            "<div class=\"atc\"><a href=\"{url}\" target=\"_blank\"><img src=\"data/attachment/portal/{}.thumb.png\" alt=\"{}\" class=\"tn\" /></a></div>",
            p.file,
            esc(&a.title)
        ),
        None => String::new(),
    };
    let category = match ctx.site.category(a.catid) {
        Some(c) if cat_has_subs => format!(
            "{}: <label><a href=\"{}\" class=\"xi2\">{}</a></label>&nbsp;&nbsp;",
            ctx.l.category,
            esc(&urls.list(c.catid, 1)),
            esc(c.name)
        ),
        _ => String::new(),
    };
    format!(
        "<dl class=\"bbda cl\">\n<dt class=\"xs2\"><a href=\"{url}\" target=\"_blank\" class=\"xi2\">{}</a> </dt>\n\
         <dd class=\"xs2 cl\">\n{thumb}\n{}\n</dd>\n<dd>\n{category}\n<span class=\"xg1\"> {}</span>\n</dd>\n</dl>\n",
        esc(&a.title),
        a.summary,
        site_date(a.dateline)
    )
}

/// A list page (without items past the last page), or `None` for an unknown category. `page_url` and
/// `next_override` let the bad looping list reuse it.
pub fn list_page(
    ctx: &Ctx,
    catid: u32,
    page: usize,
    page_url: &dyn Fn(usize) -> String,
    next_override: Option<String>,
) -> Option<String> {
    let l = ctx.l;
    let urls = ctx.urls();
    let cat = ctx.site.category(catid)?;
    let aids = ctx.site.list_aids(catid);
    let pages = ctx.site.list_pages(catid);
    let subs = ctx.site.subs(catid);
    let items: String = aids
        .iter()
        .skip((page - 1) * LIST_PER_PAGE)
        .take(LIST_PER_PAGE)
        .filter_map(|aid| ctx.site.article(*aid))
        .map(|a| item(ctx, a, !subs.is_empty()))
        .collect();
    let subs_line = if subs.is_empty() {
        String::new()
    } else {
        let links: Vec<String> = subs
            .iter()
            .map(|c| format!("<a href=\"{}\" class=\"xi2\">{}</a>", esc(&urls.list(c.catid, 1)), esc(c.name)))
            .collect();
        format!(
            "<div class=\"bm_c bbda\">\n{}:&nbsp;&nbsp;\n{}\n</div>\n",
            l.sub_category,
            links.join("<span class=\"pipe\">|</span>")
        )
    };
    let multi = pager(l, page, pages, page_url, next_override);
    let multi = if multi.is_empty() { multi } else { format!("<div class=\"pgs cl\">{multi}</div>\n") };
    let sep = ctx.sep();
    let mut crumbs = String::new();
    for up in ctx.site.path(catid).iter().filter(|c| c.catid != catid) {
        crumbs.push_str(&format!("<a href=\"{}\">{}</a>{sep}", esc(&urls.list(up.catid, 1)), esc(up.name)));
    }
    let crumbs = format!(
        "<div id=\"pt\" class=\"bm cl\">\n<div class=\"z\">\n<a href=\"./\" class=\"nvhm\" title=\"{}\">{}</a>{sep}\n<a href=\"portal.php\">{}</a>{sep}\n{crumbs}{}\n</div>\n</div>\n",
        l.home,
        esc(super::layout::BBNAME),
        l.portal,
        esc(cat.name)
    );
    let others: String = ctx
        .site
        .categories
        .iter()
        .filter(|c| c.upid == cat.upid && c.catid != catid)
        .map(|c| format!("<li>&bull; <a href=\"{}\">{}</a></li>", esc(&urls.list(c.catid, 1)), esc(c.name)))
        .collect();
    let others = if others.is_empty() {
        others
    } else {
        format!(
            "<div class=\"bm\">\n<div class=\"bm_h cl\"><h2>{}</h2></div>\n<div class=\"bm_c\"><ul class=\"xl xl2 cl\">{others}</ul></div>\n</div>\n",
            l.category_related
        )
    };
    let (wrap_open, wrap_close) = if ctx.modified() { ("<div class=\"pxc-list\">\n", "</div>\n") } else { ("", "") };
    let main = format!(
        r#"{crumbs}<style id="diy_style" type="text/css"></style>
<div class="wp"><div id="diy1" class="area"></div></div>
<div id="ct" class="ct2 wp cl">
<div class="mn">
<div id="listcontenttop" class="area"></div>
{wrap_open}<div class="bm">
<div class="bm_h cl">
<a href="portal.php?mod=rss&amp;catid={catid}" class="y xi2 rss" target="_blank" title="RSS">{subscribe}</a>
<h1 class="xs2">{name}</h1>
</div>
{subs_line}<div class="bm_c xld">
{items}</div>
<div id="listloopbottom" class="area"></div>
</div>
{wrap_close}{multi}<div id="diycontentbottom" class="area"></div>
</div>
<div class="sd pph">
<div class="drag"><div id="diyrighttop" class="area"></div></div>
{others}<div class="drag"><div id="diy2" class="area"></div></div>
</div>
</div>
<div class="wp mtn"><div id="diy3" class="area"></div></div>
"#,
        subscribe = l.subscribe,
        name = esc(cat.name),
    );
    let title =
        if page > 1 { format!("{} - {} {page} {}", esc(cat.name), l.page_pre, l.page_post) } else { esc(cat.name) };
    Some(shell(
        ctx,
        &Head {
            title: &title,
            keywords: &esc(cat.name),
            description: &esc(cat.name),
            body_id: "nv_portal",
            body_class: "pg_list",
        },
        &main,
    ))
}

/// The portal home: blocks of links in several shapes, no fixed list structure.
pub fn home(ctx: &Ctx) -> String {
    let urls = ctx.urls();
    let site = ctx.site;
    let link = |a: &Article| {
        format!(
            "<a href=\"{}\" title=\"{t}\" target=\"_blank\">{t}</a>",
            esc(&urls.article(a.aid, 1)),
            t = esc(&a.title)
        )
    };
    let newest = |catid: u32, n: usize| -> Vec<&Article> {
        site.list_aids(catid).into_iter().take(n).filter_map(|aid| site.article(aid)).collect()
    };
    let city: String = newest(super::model::CAT_CITY, 8)
        .iter()
        .map(|a| format!("<li><em>{}</em>{}</li>", site_short_date(a.dateline), link(a)))
        .collect();
    let slides: String = site
        .articles
        .iter()
        .rev()
        .filter(|a| !a.pending && a.pictures.iter().any(|p| p.present))
        .map(|a| {
            format!(
                "<li style=\"width: 300px; height: 200px;\"><a href=\"{}\" target=\"_blank\"><img src=\"data/attachment/portal/{}.thumb.png\" width=\"300\" height=\"200\" /></a><span class=\"title\">{}</span></li>",
                esc(&urls.article(a.aid, 1)),
                a.pictures[0].file,
                esc(&a.title)
            )
        })
        .collect();
    let life: String = newest(super::model::CAT_LIFE, 6)
        .iter()
        .map(|a| format!("<dl class=\"cl\"><dt>{}</dt><dd>{}</dd></dl>", link(a), a.summary))
        .collect();
    // A cached block of member submissions: it still links the article now under moderation.
    let submitted: String = [PENDING_AID, super::model::AUTHOR_AID]
        .iter()
        .filter_map(|aid| site.article(*aid))
        .map(|a| format!("<p>{}</p>", link(a)))
        .collect();
    let block = |bid: u32, title: &str, inner: String| {
        format!(
            "<div id=\"portal_block_{bid}\" class=\"block move-span\"><div class=\"blocktitle title\"><span class=\"titletext\">{title}</span></div>\
             <div id=\"portal_block_{bid}_content\" class=\"dxb_bc\">{inner}</div></div>\n"
        )
    };
    let main = format!(
        "<style id=\"diy_style\" type=\"text/css\"></style>\n<div class=\"wp\"><div id=\"diy1\" class=\"area\"></div></div>\n\
         <div id=\"ct\" class=\"wp cl\">\n<div id=\"diy_chart\" class=\"area\"><div id=\"frameP1\" class=\"frame move-span cl frame-1-1\">\n\
         <div id=\"frameP1_left\" class=\"column frame-1-1-l\">\n{}{}</div>\n<div id=\"frameP1_right\" class=\"column frame-1-1-r\">\n{}{}</div>\n\
         </div></div>\n</div>\n",
        block(31, "城事要聞", format!("<div class=\"module cl xl xl1\"><ul>{city}</ul></div>")),
        block(32, "圖說萍鄉", format!("<div class=\"module cl slidebox\"><ul class=\"slideshow\">{slides}</ul></div>")),
        block(33, "生活", format!("<div class=\"module cl xld\">{life}</div>")),
        block(34, "網友投稿", format!("<div class=\"module cl\">{submitted}</div>")),
    );
    shell(
        ctx,
        &Head {
            title: ctx.l.portal,
            keywords: ctx.l.portal,
            description: ctx.l.portal,
            body_id: "nv_portal",
            body_class: "pg_index",
        },
        &main,
    )
}
