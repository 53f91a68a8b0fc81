//! Members: the saltkey and auth cookies, the form hash, the login page and its submission
//! (`member.php?mod=logging`), and adding a reaction (`home.php?mod=spacecp&ac=click`, `spacecp_click.php`).

use super::layout::{Alert, Ctx, Head, Message, shell};
use super::model::{COOKIE_PREFIX, Member, REACTIONS, Site};
use super::text::{Msg, digest, esc};
use super::view::click_table;

/// The `{prefix}_auth` value of a member signed in under a saltkey (Discuz encrypts uid and password with a
/// key derived from the saltkey, so an auth cookie is only good with its saltkey).
pub fn auth_token(m: &Member, saltkey: &str) -> String {
    format!("{}%09{}", digest(&format!("auth\t{}\t{}\t{saltkey}", m.uid, m.password), 32), m.uid)
}

/// The member the cookies sign in, if any.
pub fn signed_in<'a>(site: &'a Site, saltkey: Option<&str>, auth: Option<&str>) -> Option<&'a Member> {
    let (salt, auth) = (saltkey?, auth?);
    site.members.iter().find(|m| auth_token(m, salt) == auth)
}

/// The form hash of a visitor: it depends on the saltkey and the member, as Discuz's `formhash()` does.
pub fn formhash(saltkey: Option<&str>, uid: u32) -> String {
    digest(&format!("formhash\t{}\t{uid}", saltkey.unwrap_or("")), 8)
}

/// A fresh saltkey (8 letters and digits).
pub fn new_saltkey(n: u64) -> String {
    let d = digest(&format!("salt{n}"), 16);
    d.chars()
        .enumerate()
        .map(|(i, c)| if i % 2 == 0 && c.is_ascii_digit() { (b'A' + c as u8 - b'0') as char } else { c })
        .take(8)
        .collect()
}

/// `Set-Cookie` values for a sign-in.
pub fn login_cookies(m: &Member, saltkey: &str, remember: bool) -> Vec<String> {
    let age = if remember { "; Max-Age=2592000" } else { "" };
    vec![
        format!("{COOKIE_PREFIX}saltkey={saltkey}; Max-Age=2592000; path=/; HttpOnly"),
        format!("{COOKIE_PREFIX}auth={}{age}; path=/; HttpOnly", auth_token(m, saltkey)),
        format!("{COOKIE_PREFIX}lastact=1606463640%09member.php%09logging; path=/"),
    ]
}

/// The login page (`member/login.htm`): a POST form with a hidden `formhash`.
pub fn login_page(ctx: &Ctx, referer: &str) -> String {
    let l = ctx.l;
    let hash = "LpXc1";
    let main = format!(
        r#"<div id="ct" class="ptm wp w cl">
<div class="mn" id="main_message">
<div class="bm">
<div class="bm_h bbs"><h3 class="xs2">{login}</h3></div>
<div id="main_messaqge_{hash}">
<div id="layer_login_{hash}">
<form method="post" autocomplete="off" name="login" id="loginform_{hash}" class="cl" onsubmit="pwdclear = 1;ajaxpost('loginform_{hash}', 'returnmessage_{hash}', 'returnmessage_{hash}', 'onerror');return false;" action="member.php?mod=logging&amp;action=login&amp;loginsubmit=yes&amp;loginhash={hash}">
<div class="c cl">
<input type="hidden" name="formhash" value="{formhash}" />
<input type="hidden" name="referer" value="{referer}" />
<div class="rfm"><table><tr><th><span class="login_slct"><select name="loginfield" style="float: left;" width="45" id="loginfield_{hash}"><option value="username">{username}</option><option value="uid">UID</option><option value="email">Email</option></select></span></th>
<td><input type="text" name="username" id="username_{hash}" autocomplete="off" size="30" class="px p_fre" tabindex="1" value="" /></td></tr></table></div>
<div class="rfm"><table><tr><th><label for="password3_{hash}">{password}:</label></th>
<td><input type="password" id="password3_{hash}" name="password" onfocus="clearpwd()" size="30" class="px p_fre" tabindex="1" /></td></tr></table></div>
<div class="rfm"><table><tr><th>{question}:</th><td><select id="loginquestionid_{hash}" width="213" name="questionid"><option value="0">{question_none}</option><option value="1">母親的名字</option><option value="2">爺爺的名字</option></select></td></tr></table></div>
<div class="rfm" id="layer_login_answer_{hash}" style="display:none"><table><tr><th>&nbsp;</th><td><input type="text" name="answer" id="loginanswer_{hash}" autocomplete="off" size="30" class="px p_fre" tabindex="1" /></td></tr></table></div>
<div class="rfm bw0"><table><tr><th></th><td><label for="cookietime_{hash}"><input type="checkbox" class="pc" name="cookietime" id="cookietime_{hash}" tabindex="1" value="2592000" />{auto}</label></td></tr></table></div>
<div class="rfm mbw bw0"><table width="100%"><tr><th>&nbsp;</th><td><button class="pn pnc" type="submit" name="loginsubmit" value="true" tabindex="1"><strong>{login}</strong></button></td></tr></table></div>
</div>
</form>
</div>
</div>
</div>
</div>
</div>
"#,
        login = l.login,
        formhash = ctx.formhash,
        referer = esc(referer),
        username = l.username,
        password = l.password,
        question = l.question,
        question_none = l.question_none,
        auto = l.auto_login,
    );
    shell(
        ctx,
        &Head { title: l.login, keywords: "", description: "", body_id: "nv_member", body_class: "pg_logging" },
        &main,
    )
}

/// What a login attempt yields: the message, and the member when it succeeded.
pub fn login_message(ctx: &Ctx, m: Option<&Member>, tries_left: Option<u32>, referer: &str) -> Message {
    let cs = ctx.cfg.charset;
    match (m, tries_left) {
        (Some(m), _) => {
            let group = if m.admin { ctx.l.admin_group } else { ctx.l.member_group };
            let text = Msg::LoginSucceed.text(cs).replace("{usergroup}", group).replace("{username}", m.username);
            Message {
                text,
                alert: Alert::Right,
                forward: Some(referer.to_owned()),
                values: vec![
                    ("username", m.username.to_owned()),
                    ("usergroup", group.to_owned()),
                    ("uid", m.uid.to_string()),
                ],
                ..Message::error(ctx, Msg::LoginSucceed)
            }
        }
        (None, Some(0)) => Message::error(ctx, Msg::LoginStrike),
        (None, Some(left)) => {
            let text = Msg::LoginInvalid.text(cs).replace("{loginperm}", &left.to_string());
            Message { text, values: vec![("loginperm", left.to_string())], ..Message::error(ctx, Msg::LoginInvalid) }
        }
        (None, None) => Message::error(ctx, Msg::SubmitInvalid),
    }
}

/// The outcome of a reaction request.
pub struct Click {
    pub message: Message,
    /// The reaction to record: (uid, aid, kind index).
    pub accepted: Option<(u32, u32, usize)>,
}

/// `spacecp_click.php`'s checks, in its order: signed in, a known clickid, an existing article, the hash, not
/// one's own article, not reacted before.
pub fn click(ctx: &Ctx, clickid: u32, idtype: &str, id: u32, hash: &str) -> Click {
    let refuse = |msg| Click { message: Message::error(ctx, msg), accepted: None };
    let Some(user) = ctx.user else {
        return Click { message: Message::need_login(ctx), accepted: None };
    };
    let Some((_, kind)) = click_table(ctx.cfg.theme).into_iter().find(|(c, _)| *c == clickid) else {
        return refuse(Msg::ClickError);
    };
    let item = if idtype == "aid" { ctx.site.article(id) } else { None };
    let Some(a) = item else { return refuse(Msg::ClickItemError) };
    if ctx.site.click_hash(id).as_deref() != Some(hash) {
        return refuse(Msg::NoPrivilegeClick);
    }
    if a.uid == user.uid {
        return refuse(Msg::ClickNoSelf);
    }
    if ctx.site.clicked.contains(&(user.uid, id)) {
        return refuse(Msg::ClickHave);
    }
    let message = Message {
        alert: Alert::Right,
        values: vec![("idtype", "aid".into()), ("id", id.to_string()), ("clickid", clickid.to_string())],
        ..Message::error(ctx, Msg::ClickSuccess)
    };
    debug_assert!(kind < REACTIONS.len());
    Click { message, accepted: Some((user.uid, id, kind)) }
}
