//! Signing in to portals and sending reactions: the sign-in goes to the operating system's credential store
//! (`credentials.rs`), reactions wait in the outbox until a sign-in is kept and the portal answers.

use super::Library;
use crate::credentials::{Credential, Kept};
use crate::error::{Error, Result};
use crate::model::{ArticleId, Reaction, ReactionStatus};
use crate::parse::portal::site_of;
use crate::store::now_ts;
use crate::sync::{Answer, parse_http_url, send_reaction, sign_in};
use serde::Serialize;
use url::Url;

/// A kept sign-in.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct SignedIn {
    pub site_url: String,
    pub user: Option<String>,
    /// system (the credential store) or session (this run only).
    pub kept: Kept,
    /// Why the credential store could not be used, when it could not.
    pub note: Option<String>,
    /// Reactions sent now that the sign-in is kept.
    pub sent: Vec<ReactionReport>,
}

/// How sending one queued reaction went.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ReactionReport {
    pub article_id: ArticleId,
    pub reaction: Reaction,
    /// done, already, refused, or waiting (still queued).
    pub state: String,
    pub message: Option<String>,
}

impl Library {
    /// The portal site a URL the user gave belongs to: a followed portal's site when the URL is under it,
    /// else the folder the URL is in.
    fn portal_site(&self, url: &str) -> Result<String> {
        let url = parse_http_url(url)?;
        // Compared without the scheme and the trailing slash: `https://x/bbs` is the portal at `http://x/bbs/`.
        let bare = |u: &str| u.split_once("://").map_or(u, |(_, rest)| rest).trim_end_matches('/').to_owned();
        let given = bare(url.as_str());
        let followed: Vec<String> = self.sources()?.into_iter().filter_map(|s| s.portal.map(|p| p.site_url)).collect();
        Ok(followed
            .into_iter()
            .filter(|site| {
                let site = bare(site);
                given == site || given.starts_with(&format!("{site}/"))
            })
            .max_by_key(String::len)
            .unwrap_or_else(|| site_of(&url).to_string()))
    }

    /// Signs in to a portal with a name and password through its login form, keeps the session, and sends the
    /// reactions waiting for it.
    pub async fn login(&self, url: &str, user: &str, password: &str) -> Result<SignedIn> {
        let site = self.portal_site(url)?;
        let site_url = Url::parse(&site).map_err(|e| Error::InvalidUrl { url: site.clone(), reason: e.to_string() })?;
        let credential = sign_in(&self.inner.fetcher, &site_url, user, password).await?;
        Ok(self.keep(site, credential).await)
    }

    /// Signs in with a cookie copied from the browser (`name=value; name=value`).
    pub async fn login_with_cookie(&self, url: &str, cookie: &str) -> Result<SignedIn> {
        let cookie = cookie.trim().trim_start_matches("Cookie:").trim();
        if !cookie.contains('=') {
            return Err(Error::InvalidArgument("a cookie is name=value pairs separated by ';'".into()));
        }
        let site = self.portal_site(url)?;
        Ok(self.keep(site, Credential { user: None, cookie: cookie.to_owned() }).await)
    }

    async fn keep(&self, site: String, credential: Credential) -> SignedIn {
        let (kept, note) = self.inner.credentials.save(&site, &credential);
        let sent = self.send_reactions().await;
        SignedIn { site_url: site, user: credential.user, kept, note, sent }
    }

    /// Whether a sign-in to the portal behind `url` is kept, for whom and where.
    pub fn portal_sign_in(&self, url: &str) -> Result<serde_json::Value> {
        let site = self.portal_site(url)?;
        Ok(match self.inner.credentials.find(&site) {
            Some((credential, kept)) => {
                serde_json::json!({ "site_url": site, "signed_in": true, "user": credential.user, "kept": kept })
            }
            None => serde_json::json!({ "site_url": site, "signed_in": false, "user": null, "kept": null }),
        })
    }

    /// Forgets a portal's sign-in; false when there was none.
    pub fn logout(&self, url: &str) -> Result<bool> {
        let site = self.portal_site(url)?;
        Ok(self.inner.credentials.delete(&site))
    }

    /// Sets or clears the reader's reaction; on a portal article it is also queued for the portal (send it with
    /// `send_reactions`).
    pub fn set_reaction(&self, id: ArticleId, reaction: Option<Reaction>) -> Result<crate::view::ArticleState> {
        let mut store = self.store();
        let state = store.set_reaction(id, reaction)?.ok_or(Error::NoArticle(id))?;
        store.queue_reaction(id, reaction)?;
        Ok(state)
    }

    /// Sends every queued reaction whose portal has a kept sign-in; the others keep waiting. The portal's
    /// answer is kept on each article; the reader's own reaction stays whatever it answers.
    pub async fn send_reactions(&self) -> Vec<ReactionReport> {
        // One flush at a time: two at once would send the same reaction twice (the portal then says "already").
        let _one = self.inner.sending.lock().await;
        let queued = self.store().queued_reactions(None).unwrap_or_default();
        let mut reports = Vec::new();
        for q in queued {
            let report = |state: &str, message: Option<String>| ReactionReport {
                article_id: q.article,
                reaction: q.reaction,
                state: state.to_owned(),
                message,
            };
            let Some(credential) = self.inner.credentials.get(&q.site_url) else {
                let why = format!("waiting for a sign-in to {}", q.site_url);
                let _ = self.store().reaction_waits(q.article, &why);
                reports.push(report("waiting", Some(why)));
                continue;
            };
            let answered = |answer: &str, message: Option<String>| ReactionStatus {
                reaction: q.reaction,
                state: answer.to_owned(),
                message,
                at: crate::store::ts_to_rfc3339(now_ts()),
            };
            let site_host = Url::parse(&q.site_url).ok().and_then(|u| u.host_str().map(str::to_owned));
            // The session cookie goes only to the portal it belongs to.
            let link =
                q.link.as_deref().and_then(|l| Url::parse(l).ok()).filter(|l| l.host_str() == site_host.as_deref());
            let Some(link) = link else {
                let why = "the article page shows no link for this reaction".to_owned();
                let _ = self.store().reaction_answered(q.article, &answered("refused", Some(why.clone())));
                reports.push(report("refused", Some(why)));
                continue;
            };
            match send_reaction(&self.inner.fetcher, &link, &credential.cookie).await {
                Ok((answer, message)) => {
                    let state = match answer {
                        Answer::Done => "done",
                        Answer::Already => "already",
                        Answer::Refused => "refused",
                    };
                    let message = Some(message).filter(|m| !m.is_empty());
                    let _ = self.store().reaction_answered(q.article, &answered(state, message.clone()));
                    reports.push(report(state, message));
                }
                Err(e) => {
                    let why = format!("not sent yet: {e}");
                    let _ = self.store().reaction_waits(q.article, &why);
                    reports.push(report("waiting", Some(why)));
                }
            }
        }
        reports
    }
}
