//! What a portal answered: an article, a category list, a message instead of the page (pending, removed, login
//! required, no permission), the anti-scraping script, or something that is not Discuz! X at all.

use super::{sel, text_of};
use scraper::Html;
use serde::Serialize;

/// Why a portal gave no article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    /// The article waits for a moderator (待審核).
    Pending,
    /// The article was removed or never existed.
    Removed,
    /// Only signed-in members may read it.
    LoginRequired,
    /// The anti-scraping (防采集) script page.
    AntiScraping,
    /// Some other message the portal showed (its text is kept).
    Message,
}

impl Refusal {
    /// A stable name for the API and the CLI.
    pub fn name(&self) -> &'static str {
        match self {
            Refusal::Pending => "pending",
            Refusal::Removed => "removed",
            Refusal::LoginRequired => "login_required",
            Refusal::AntiScraping => "anti_scraping",
            Refusal::Message => "message",
        }
    }
}

/// The kind of page a portal URL answered with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PageKind {
    Article,
    List,
    /// A page saying why there is no article: `div#messagetext` or the anti-scraping script.
    Refused {
        refusal: Refusal,
        text: String,
    },
    /// A Discuz! X page of another kind (the portal home, a forum page).
    OtherDiscuz,
    /// Not a Discuz! X page.
    NotDiscuz,
}

/// Tells what `html` is. Message texts are matched in both scripts (登錄/登录, 審核/审核, 刪除/删除).
pub fn page_kind(html: &str) -> PageKind {
    if is_anti_scraping(html) {
        return PageKind::Refused {
            refusal: Refusal::AntiScraping,
            text: "the portal answered with its anti-scraping script instead of the page".into(),
        };
    }
    let doc = Html::parse_document(html);
    let any = |s: &str| doc.select(&sel(s)).next().is_some();
    if let Some(message) = doc.select(&sel("#messagetext")).next() {
        let text = message.select(&sel("p")).next().map(text_of).unwrap_or_else(|| text_of(message));
        return PageKind::Refused { refusal: refusal_of(&text), text };
    }
    let discuz = any("meta[name=generator][content*=Discuz]") || any("body#nv_portal") || any("#portalview");
    // X1 and some themes put the body in a plain `div.d td`, as the article parser also reads.
    if (any("#article_content") || any(".vw .d td")) && any(".vw h1, h1.ph") {
        let title = doc.select(&sel(".vw h1, h1.ph")).next().map(text_of).unwrap_or_default();
        if title.ends_with("(待審核)") || title.ends_with("(待审核)") {
            return PageKind::Refused { refusal: Refusal::Pending, text: title };
        }
        return PageKind::Article;
    }
    if any("body.pg_list") || (discuz && any("a.rss[href*=catid]") && any("dl dt a")) {
        return PageKind::List;
    }
    if discuz || html.contains("Powered by <strong><a href=\"http://www.discuz.net\"") {
        PageKind::OtherDiscuz
    } else {
        PageKind::NotDiscuz
    }
}

/// The reason a portal message gives.
pub fn refusal_of(text: &str) -> Refusal {
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
    // Discuz! X tells a guest "不存在或正在審核" (gone, or waiting for review) for both: gone it is, until the
    // next look.
    if has(&["不存在", "刪除", "删除", "已被"]) {
        Refusal::Removed
    } else if has(&["審核", "审核"]) {
        Refusal::Pending
    } else if has(&["登錄", "登录", "登入"]) {
        Refusal::LoginRequired
    } else {
        Refusal::Message
    }
}

/// Discuz!'s anti-scraping answer: a bare script (no `<html>`) that sets a cookie and reloads with `_dsign`.
fn is_anti_scraping(html: &str) -> bool {
    let head: String = html.trim_start().chars().take(4096).collect::<String>().to_ascii_lowercase();
    head.starts_with("<script") && !head.contains("<html") && !head.contains("<body")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_say_why_there_is_no_article() {
        let page = |text: &str| {
            format!(
                r#"<html><body id="nv_portal"><div id="messagetext" class="alert_error"><p>{text}</p></div></body></html>"#
            )
        };
        let refusal = |text: &str| match page_kind(&page(text)) {
            PageKind::Refused { refusal, text: said } => {
                assert_eq!(said, text);
                refusal
            }
            other => panic!("{other:?}"),
        };
        assert_eq!(refusal("抱歉，文章正在審核中"), Refusal::Pending);
        assert_eq!(refusal("抱歉，您指定要查看的文章不存在或正在審核"), Refusal::Removed);
        assert_eq!(refusal("抱歉，您需要先登录才能继续本操作"), Refusal::LoginRequired);
        assert_eq!(refusal("抱歉，指定的文章不存在或已被删除"), Refusal::Removed);
        assert_eq!(refusal("抱歉，您所在的用户组无法进行此操作"), Refusal::Message);
    }

    #[test]
    fn the_anti_scraping_script_and_other_sites_are_told_apart() {
        let script = "<script>var x='...';location.href=location.pathname+'?mod=view&aid=1&_dsign='+x;</script>";
        assert!(matches!(page_kind(script), PageKind::Refused { refusal: Refusal::AntiScraping, .. }));
        assert_eq!(page_kind("<html><body><p>A blog</p></body></html>"), PageKind::NotDiscuz);
        let seed = include_str!("../../starter/pingxiang-article.html");
        assert_eq!(page_kind(seed), PageKind::Article);
        let pending = seed.replace("創(chuàng)新賦能高質(zhì)量發(fā)展 </h1>", "創新 (待審核)</h1>");
        assert!(matches!(page_kind(&pending), PageKind::Refused { refusal: Refusal::Pending, .. }));
    }
}
