//! Bad input at fixed paths: a list whose next link loops back to page 1, an article page whose meta lies
//! about its encoding, a 404 page, and a page that is not Discuz at all.

use super::layout::Ctx;
use super::model::{CAT_CITY, LOOP_LIST_PATH};

/// The list of 城事資訊 under another path; its last page's `a.nxt` leads back to page 1.
pub fn loop_list(ctx: &Ctx, page: usize) -> Option<String> {
    let pages = ctx.site.list_pages(CAT_CITY);
    let url = |p: usize| format!("{LOOP_LIST_PATH}?page={p}");
    let next = (page >= pages).then(|| url(1));
    super::list::list_page(ctx, CAT_CITY, page, &url, next)
}

/// The seed's page as UTF-8 bytes whose meta says gb2312 (and whose HTTP header names no charset).
pub fn wrong_encoding(utf8_ctx: &Ctx) -> String {
    let a = utf8_ctx.site.article(super::model::SEED_AID).unwrap();
    super::view::article_page(utf8_ctx, a, 1)
        .replacen("content=\"text/html; charset=utf-8\"", "content=\"text/html; charset=gb2312\"", 1)
        .replacen("charset = 'utf-8'", "charset = 'gb2312'", 1)
}

/// What the web server answers for a missing file.
pub fn not_found() -> &'static str {
    "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
}

/// A plain city page that is not Discuz (no generator, no `pg_view`, no `#portalview`).
pub fn plain_site() -> &'static str {
    r#"<!DOCTYPE html>
<html lang="zh-Hant">
<head>
<meta charset="utf-8">
<title>武功山旅遊指南 - 萍鄉旅遊網</title>
</head>
<body class="page">
<header><nav><a href="/bad/plain.html">首頁</a> <a href="/bad/plain.html#guide">攻略</a></nav></header>
<main>
<article>
<h1>武功山旅遊指南</h1>
<p class="date">2020年11月20日</p>
<p>武功山位於萍鄉市蘆溪縣，以高山草甸和雲海日出聞名。</p>
<p>冬季上山請注意保暖，索道營業時間以景區公告為準。</p>
</article>
</main>
<footer>© 萍鄉旅遊網</footer>
</body>
</html>
"#
}
