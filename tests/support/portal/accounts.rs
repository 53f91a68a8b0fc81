//! Accounts: `member.php` (the login page, signing in and out) and `home.php` (adding a reaction, a member's
//! space), applying what they change to the live site.

use super::handlers::{Reply, Req, Visitor, ctx, html, message};
use super::layout::{Head, Message};
use super::model::*;
use super::text::Msg;
use super::{Live, State, member};

pub(super) fn home(state: &State, live: &mut Live, req: &Req, v: &Visitor) -> Reply {
    let cs = state.config.charset;
    match (req.q("mod"), req.q("ac")) {
        (Some("spacecp"), Some("click")) if req.q("op") == Some("add") => {
            let outcome = {
                let c = ctx(state, &live.site, v, cs);
                let click = member::click(
                    &c,
                    req.num("clickid").unwrap_or(0),
                    req.q("idtype").unwrap_or(""),
                    req.num("id").unwrap_or(0),
                    req.q("hash").unwrap_or(""),
                );
                (message(&c, req, &click.message, "nv_home", "pg_spacecp"), click.accepted)
            };
            let (reply, accepted) = outcome;
            if let Some((uid, aid, kind)) = accepted {
                live.site.clicked.push((uid, aid));
                if let Some(a) = live.site.article_mut(aid) {
                    a.clicks[kind] += 1;
                }
                let name = live.site.member(uid).map_or("", |m| m.username).to_owned();
                live.reactions_sent.push((name, aid, REACTIONS[kind].to_owned()));
            }
            reply
        }
        (Some("space"), _) => {
            let c = ctx(state, &live.site, v, cs);
            let name = req.num("uid").and_then(|u| c.site.member(u)).map_or("", |m| m.username);
            let head = Head { title: name, keywords: "", description: "", body_id: "nv_home", body_class: "pg_space" };
            let main =
                format!("<div id=\"ct\" class=\"wp cl\"><h2 class=\"mt\">{}</h2></div>\n", super::text::esc(name));
            html(cs, &super::layout::shell(&c, &head, &main))
        }
        _ => {
            let c = ctx(state, &live.site, v, cs);
            match c.user {
                None => message(&c, req, &Message::need_login(&c), "nv_home", "pg_spacecp"),
                Some(_) => message(&c, req, &Message::error(&c, Msg::ClickError), "nv_home", "pg_spacecp"),
            }
        }
    }
}

pub(super) fn member_php(state: &State, live: &mut Live, req: &Req, v: &Visitor) -> Reply {
    let cs = state.config.charset;
    if req.q("mod") != Some("logging") {
        return Reply::not_found();
    }
    match req.q("action") {
        Some("login") if req.q("loginsubmit") == Some("yes") => login_submit(state, live, req, v),
        Some("login") => {
            let c = ctx(state, &live.site, v, cs);
            html(cs, &member::login_page(&c, req.q("referer").unwrap_or("./")))
        }
        Some("logout") => {
            let c = ctx(state, &live.site, v, cs);
            let m = Message {
                alert: super::layout::Alert::Right,
                forward: Some("./".into()),
                ..Message::error(&c, Msg::LogoutSucceed)
            };
            let mut reply = message(&c, req, &m, "nv_member", "pg_logging");
            reply.headers.push(("Set-Cookie".into(), format!("{COOKIE_PREFIX}auth=deleted; Max-Age=0; path=/")));
            reply
        }
        _ => Reply::not_found(),
    }
}

fn login_submit(state: &State, live: &mut Live, req: &Req, v: &Visitor) -> Reply {
    let cs = state.config.charset;
    let username = req.f("username").unwrap_or("").trim().to_owned();
    let password = req.f("password").unwrap_or("");
    let referer = req.f("referer").filter(|r| !r.is_empty()).unwrap_or("./").to_owned();
    let expected = member::formhash(req.cookie("saltkey"), 0);
    let hash_ok = req.cookie("saltkey").is_some() && req.f("formhash") == Some(expected.as_str());
    let member = live.site.member_named(&username).filter(|m| m.password == password && !m.admin).cloned();
    let failures = live.failures.get(&username).copied().unwrap_or(0);
    let (found, tries_left) = match (hash_ok, &member) {
        (false, _) => (None, None),
        (true, _) if failures >= 5 => (None, Some(0)),
        (true, Some(m)) => (Some(m.clone()), None),
        (true, None) => (None, Some(4u32.saturating_sub(failures))),
    };
    match (&found, tries_left) {
        (Some(_), _) => {
            live.failures.remove(&username);
        }
        (None, Some(_)) => *live.failures.entry(username.clone()).or_default() += 1,
        _ => {}
    }
    let c = ctx(state, &live.site, v, cs);
    let m = member::login_message(&c, found.as_ref(), tries_left, &referer);
    let mut reply = message(&c, req, &m, "nv_member", "pg_logging");
    if let Some(m) = &found {
        let remember = req.f("cookietime").is_some_and(|t| !t.is_empty() && t != "0");
        reply.headers.extend(member::login_cookies(m, &v.salt, remember).into_iter().map(|c| ("Set-Cookie".into(), c)));
    }
    reply
}
