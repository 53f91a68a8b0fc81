//! The UI's command set (docs/api.md): one dispatcher that the desktop shell's IPC command and web mode's
//! HTTP route both call, so the window and the browser get the same answers.

use crate::error::Error;
use crate::library::{Library, Settings, SourceChanges};
use crate::model::{ArticleId, Reaction, SourceId};
use crate::store::ArticleFilter;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// A failure as the UI receives it: a stable kind, a message naming what failed, optional details.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ApiError {
    pub kind: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<Value>,
}

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        ApiError { kind: e.kind().to_owned(), message: e.to_string(), details: e.details() }
    }
}

impl ApiError {
    fn bad_args(cmd: &str, e: serde_json::Error) -> ApiError {
        ApiError { kind: "invalid_argument".into(), message: format!("{cmd}: {e}"), details: None }
    }
}

#[derive(Deserialize)]
struct Id {
    id: i64,
}
#[derive(Deserialize)]
struct AddSource {
    url: String,
    pick: Option<usize>,
}
#[derive(Deserialize, Default)]
struct SyncStart {
    ids: Option<Vec<i64>>,
    #[serde(default)]
    due: bool,
}
#[derive(Deserialize)]
struct UpdateSource {
    id: i64,
    #[serde(flatten)]
    changes: SourceChanges,
}
#[derive(Deserialize)]
struct PortalFollow {
    url: String,
    /// The categories to follow; absent: all.
    catids: Option<Vec<i64>>,
}
#[derive(Deserialize)]
struct PortalLogin {
    url: String,
    user: Option<String>,
    password: Option<String>,
    cookie: Option<String>,
}
#[derive(Deserialize)]
struct OpmlText {
    text: String,
}
#[derive(Deserialize)]
struct SaveUrl {
    url: String,
}
#[derive(Deserialize)]
struct FreeSpace {
    bytes: i64,
}
#[derive(Deserialize, Default)]
struct ListArticles {
    source: Option<i64>,
    #[serde(default)]
    unread: bool,
    #[serde(default)]
    bookmarked: bool,
    limit: Option<u32>,
    offset: Option<u32>,
    category: Option<String>,
    publisher: Option<String>,
}
#[derive(Deserialize)]
struct SetRead {
    id: i64,
    read: bool,
}
#[derive(Deserialize)]
struct SetBookmarked {
    id: i64,
    bookmarked: bool,
}
#[derive(Deserialize)]
struct SetReaction {
    id: i64,
    reaction: Option<Reaction>,
}
#[derive(Deserialize)]
struct SetPosition {
    id: i64,
    position: f64,
}
#[derive(Deserialize)]
struct Search {
    query: String,
    limit: Option<u32>,
}

fn args<T: DeserializeOwned>(cmd: &str, value: Value) -> Result<T, ApiError> {
    let value = if value.is_null() { json!({}) } else { value };
    serde_json::from_value(value).map_err(|e| ApiError::bad_args(cmd, e))
}

fn ok<T: Serialize>(value: Result<T, Error>) -> Result<Value, ApiError> {
    let value = value?;
    serde_json::to_value(value).map_err(|e| ApiError { kind: "internal".into(), message: e.to_string(), details: None })
}

/// Runs one command with its JSON arguments.
pub async fn handle(library: &Library, cmd: &str, raw: Value) -> Result<Value, ApiError> {
    match cmd {
        "app_info" => Ok(json!({
            "version": env!("CARGO_PKG_VERSION"),
            "data_dir": library.data_dir(),
            "sources": library.sources()?.len(),
            "articles": library.article_count()?,
        })),
        "sources_list" => ok(library.sources()),
        "sources_add" => {
            let a: AddSource = args(cmd, raw)?;
            ok(library.add_source(&a.url, a.pick).await)
        }
        "portal_categories" => {
            let a: SaveUrl = args(cmd, raw)?;
            ok(library.portal_categories(&a.url).await)
        }
        "portal_follow" => {
            let a: PortalFollow = args(cmd, raw)?;
            ok(library.add_portal_categories(&a.url, a.catids.as_deref()).await)
        }
        "portal_refusals" => {
            let a: Id = args(cmd, raw)?;
            ok(library.portal_refusals(SourceId(a.id)))
        }
        "sources_remove" => {
            let a: Id = args(cmd, raw)?;
            library.remove_source(SourceId(a.id))?;
            Ok(Value::Null)
        }
        "sources_update" => {
            let a: UpdateSource = args(cmd, raw)?;
            ok(library.update_source(SourceId(a.id), &a.changes))
        }
        "sync_start" => {
            let a: SyncStart = args(cmd, raw)?;
            if a.due {
                return ok(library.start_due_sync());
            }
            let ids = a.ids.unwrap_or_default().into_iter().map(SourceId).collect();
            ok(library.start_sync(ids))
        }
        "settings_get" => ok(library.settings()),
        "settings_set" => {
            let settings: Settings = args(cmd, raw)?;
            ok(library.set_settings(&settings))
        }
        "opml_import" => {
            let a: OpmlText = args(cmd, raw)?;
            ok(library.import_opml(&a.text))
        }
        "opml_export" => Ok(json!({ "text": library.export_opml()? })),
        "storage_info" => ok(library.storage()),
        "pages_save" => {
            let a: SaveUrl = args(cmd, raw)?;
            ok(library.save_page(&a.url).await)
        }
        "storage_free" => {
            let a: FreeSpace = args(cmd, raw)?;
            ok(library.free_picture_space(a.bytes))
        }
        "sync_status" => ok(Ok(library.sync_status())),
        "articles_list" => {
            let a: ListArticles = args(cmd, raw)?;
            let filter = ArticleFilter {
                source: a.source.map(SourceId),
                unread: a.unread,
                bookmarked: a.bookmarked,
                limit: Some(a.limit.unwrap_or(200)),
                offset: a.offset,
                category: a.category,
                publisher: a.publisher,
            };
            ok(library.articles(&filter))
        }
        "articles_get" => {
            let a: Id = args(cmd, raw)?;
            ok(library.article(ArticleId(a.id)))
        }
        "articles_set_read" => {
            let a: SetRead = args(cmd, raw)?;
            ok(library.set_read(ArticleId(a.id), a.read))
        }
        "articles_set_bookmarked" => {
            let a: SetBookmarked = args(cmd, raw)?;
            ok(library.set_bookmarked(ArticleId(a.id), a.bookmarked))
        }
        "articles_set_reaction" => {
            let a: SetReaction = args(cmd, raw)?;
            let state = library.set_reaction(ArticleId(a.id), a.reaction)?;
            if a.reaction.is_some() {
                // A portal article's reaction goes to the portal in the background; the article shows the answer.
                let library = library.clone();
                tokio::spawn(async move { library.send_reactions().await });
            }
            ok(Ok(state))
        }
        "portal_login" => {
            let a: PortalLogin = args(cmd, raw)?;
            match (a.cookie, a.user, a.password) {
                (Some(cookie), _, _) => ok(library.login_with_cookie(&a.url, &cookie).await),
                (None, Some(user), Some(password)) => ok(library.login(&a.url, &user, &password).await),
                _ => Err(ApiError {
                    kind: "invalid_argument".into(),
                    message: "portal_login: give user and password, or a cookie".into(),
                    details: None,
                }),
            }
        }
        "portal_sign_in" => {
            let a: SaveUrl = args(cmd, raw)?;
            Ok(library.portal_sign_in(&a.url)?)
        }
        "portal_logout" => {
            let a: SaveUrl = args(cmd, raw)?;
            Ok(json!({ "signed_out": library.logout(&a.url)? }))
        }
        "reactions_send" => Ok(serde_json::to_value(library.send_reactions().await).unwrap_or(Value::Null)),
        "articles_set_position" => {
            let a: SetPosition = args(cmd, raw)?;
            ok(library.set_position(ArticleId(a.id), a.position))
        }
        "search" => {
            let a: Search = args(cmd, raw)?;
            ok(library.search(&a.query, a.limit.unwrap_or(100)))
        }
        other => Err(ApiError {
            kind: "invalid_argument".into(),
            message: format!("unknown command {other:?}"),
            details: None,
        }),
    }
}
