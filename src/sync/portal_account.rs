//! A member's exchanges with a Discuz! X portal: signing in through its login form, and sending a reaction
//! (表態) with the session cookies. Network only; where the sign-in is kept is `credentials.rs`'s business.

use crate::credentials::Credential;
use crate::decode::{charset_from_content_type, decode};
use crate::error::{Error, Result};
use crate::fetch::{Fetcher, MemberResponse};
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;
use url::Url;

/// Session cookies, latest value of each name kept.
#[derive(Default)]
struct Jar(Vec<(String, String)>);

impl Jar {
    fn take(&mut self, set_cookies: &[String]) {
        for pair in set_cookies {
            let Some((name, value)) = pair.split_once('=') else { continue };
            self.0.retain(|(n, _)| n != name);
            // A site "deletes" a cookie by setting it to `deleted` or empty.
            if !value.is_empty() && value != "deleted" {
                self.0.push((name.trim().to_owned(), value.trim().to_owned()));
            }
        }
    }
    fn header(&self) -> String {
        self.0.iter().map(|(n, v)| format!("{n}={v}")).collect::<Vec<_>>().join("; ")
    }
    /// Discuz! X's sign-in cookie is `{prefix}auth`.
    fn signed_in(&self) -> bool {
        self.0.iter().any(|(n, v)| n.ends_with("auth") && !v.is_empty())
    }
}

fn text_of(response: &MemberResponse) -> String {
    decoded(response).text
}

fn decoded(response: &MemberResponse) -> crate::decode::Decoded {
    decode(&response.body, response.content_type.as_deref().and_then(charset_from_content_type))
}

/// What a portal message page or `inajax` answer says, as plain text.
pub fn message_text(page: &str) -> String {
    static CDATA: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?s)<root>\s*<!\[CDATA\[(.*?)\]\]>\s*</root>").expect("static regex"));
    static TAGS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?s)<script.*?</script>|<[^>]+>").expect("static regex"));
    if let Some(inner) = CDATA.captures(page).and_then(|c| c.get(1)) {
        let text = TAGS.replace_all(inner.as_str(), " ");
        return text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    if let Ok(json) = serde_json::from_str::<serde_json::Value>(page)
        && let Some(message) = json["message"].as_str()
    {
        return message.to_owned();
    }
    let doc = scraper::Html::parse_document(page);
    let selector = scraper::Selector::parse("#messagetext p, #messagetext").expect("static selector");
    doc.select(&selector)
        .next()
        .map(|el| el.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// Signs in through the portal's login form: reads the form (and its `formhash`), posts the name and password,
/// and keeps the cookies the portal sets. A captcha cannot be answered here: the user is told to paste a
/// cookie from the browser instead.
pub async fn sign_in(fetcher: &Fetcher, site: &Url, user: &str, password: &str) -> Result<Credential> {
    static FORMHASH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"name="formhash"\s+value="([0-9a-zA-Z]+)"|value="([0-9a-zA-Z]+)"\s+name="formhash""#)
            .expect("static regex")
    });
    static ACTION: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"action="([^"]*loginsubmit=yes[^"]*)""#).expect("static regex"));
    let login = site.join("member.php?mod=logging&action=login").expect("a relative URL joins");
    let page = fetcher.member_request(&login, None, None).await?;
    let mut jar = Jar::default();
    jar.take(&page.set_cookies);
    let read = decoded(&page);
    let html = read.text;
    // A captcha or a question: its input arrives by script (`updateseccode(`), so look for any trace of it.
    let checks = ["seccodeverify", "secqaaverify", "updateseccode(", "updatesecqaa(", "seccode_"];
    if checks.iter().any(|c| html.contains(c)) {
        return Err(Error::Portal(format!(
            "{site} asks for a captcha to sign in: sign in with your browser, then paste its cookie (jianbao login {site} --cookie-stdin)"
        )));
    }
    let formhash = FORMHASH
        .captures(&html)
        .and_then(|c| c.get(1).or_else(|| c.get(2)))
        .map(|m| m.as_str().to_owned())
        .ok_or_else(|| Error::Portal(format!("{login} has no Discuz! X login form (no formhash)")))?;
    let action = ACTION
        .captures(&html)
        .and_then(|c| site.join(&c[1].replace("&amp;", "&")).ok())
        .unwrap_or_else(|| site.join("member.php?mod=logging&action=login&loginsubmit=yes").expect("joins"));
    let fields = [
        ("formhash", formhash.as_str()),
        ("referer", site.as_str()),
        ("loginfield", "username"),
        ("username", user),
        ("password", password),
        ("questionid", "0"),
        ("answer", ""),
        ("cookietime", "2592000"),
    ];
    let answer = fetcher.member_request_in(&action, Some(&jar.header()), Some(&fields), read.encoding).await?;
    jar.take(&answer.set_cookies);
    if !jar.signed_in() {
        let said = message_text(&text_of(&answer));
        return Err(Error::SignInRefused { site: site.to_string(), message: said });
    }
    Ok(Credential { user: Some(user.to_owned()), cookie: jar.header() })
}

/// What the portal answered to a reaction.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// Counted.
    Done,
    /// The member had already reacted to this article (one reaction per member per article).
    Already,
    /// Not allowed (not signed in, the author's own article, a stale link).
    Refused,
}

/// Sends a reaction: a GET of the reaction's link (it carries the article's hash) with the session cookies,
/// asking for the short `inajax` answer.
pub async fn send_reaction(fetcher: &Fetcher, link: &Url, cookie: &str) -> Result<(Answer, String)> {
    let mut url = link.clone();
    url.query_pairs_mut().append_pair("inajax", "1");
    let response = fetcher.member_request(&url, Some(cookie), None).await?;
    if response.status >= 300 {
        // A redirect (to https, to www) or an error page: not an answer about the reaction, which keeps waiting.
        return Err(Error::Portal(format!(
            "{link} answered HTTP {} instead of the reaction's answer",
            response.status
        )));
    }
    let message = message_text(&text_of(&response));
    if crate::parse::portal::refusal_of(&message) == crate::parse::portal::Refusal::LoginRequired {
        return Err(Error::Portal(format!("the portal asks to sign in again ({message})")));
    }
    Ok((classify(&message), message))
}

fn classify(message: &str) -> Answer {
    let has = |words: &[&str]| words.iter().any(|w| message.contains(w));
    if has(&["已表過態", "已表过态", "已經表過態", "已经表过态", "click_have"]) {
        Answer::Already
    } else if has(&["成功", "完成", "success"]) && !has(&["不成功", "失敗", "失败", "未完成"]) {
        Answer::Done
    } else {
        Answer::Refused
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_read_from_xml_json_and_message_pages() {
        assert_eq!(
            message_text("<?xml version=\"1.0\"?><root><![CDATA[表態成功 <script>x()</script>]]></root>"),
            "表態成功"
        );
        assert_eq!(message_text(r#"{"message":"您已表過態","data":{}}"#), "您已表過態");
        assert_eq!(
            message_text(r#"<div id="messagetext" class="alert_error"><p>抱歉，您需要先登录才能继续本操作</p></div>"#),
            "抱歉，您需要先登录才能继续本操作"
        );
        assert_eq!(classify("鮮花 表態成功"), Answer::Done);
        assert_eq!(classify("您已表過態"), Answer::Already);
        assert_eq!(classify("參與表態完成了"), Answer::Done);
        assert_eq!(classify("您已經表過態了"), Answer::Already);
        assert_eq!(classify("抱歉，您需要先登录才能继续本操作"), Answer::Refused);
    }

    #[test]
    fn the_jar_keeps_the_latest_cookies_and_knows_a_sign_in() {
        let mut jar = Jar::default();
        jar.take(&["Pxc1_saltkey=abc".into(), "Pxc1_auth=".into()]);
        assert!(!jar.signed_in());
        jar.take(&["Pxc1_auth=xyz".into(), "Pxc1_saltkey=def".into()]);
        assert!(jar.signed_in());
        assert_eq!(jar.header(), "Pxc1_auth=xyz; Pxc1_saltkey=def");
    }
}
