//! Web mode (`jianbao serve`): the UI and the API over HTTP on 127.0.0.1 only, guarded by a per-run secret.
//!
//! The printed URL carries the secret in its fragment; the page sends it as a bearer token on every API call.
//! Requests with another Host (DNS rebinding), a foreign Origin, or no token are refused, and no CORS header
//! is ever sent, so other pages in the browser can neither call the API nor read its answers.

use crate::api::{self, ApiError};
use crate::error::Error;
use crate::library::Library;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use rust_embed::RustEmbed;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;

#[derive(RustEmbed)]
#[folder = "ui/"]
struct Ui;

/// The policy every UI page is served with; article HTML is further confined to a sandboxed frame.
/// Pictures come only from the library itself (`/pictures/...`): nothing in a page loads from the network.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
    img-src 'self' data:; connect-src 'self'; frame-src 'self'; object-src 'none'; \
    base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The cookie that lets the page's pictures load: pictures cannot send the bearer token, so the first API call
/// that carries it also sets this (HttpOnly, SameSite=Strict: other sites' pages never send it).
const COOKIE: &str = "jianbao";

struct Shared {
    library: Library,
    token: String,
    hosts: [String; 2],
    origins: [String; 2],
}

/// A bound, not yet running, web-mode server.
pub struct WebServer {
    listener: TcpListener,
    shared: Arc<Shared>,
    addr: SocketAddr,
}

fn new_token() -> String {
    let mut bytes = [0u8; 24];
    getrandom::fill(&mut bytes).expect("the operating system's random source");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl WebServer {
    /// Binds 127.0.0.1:`port` (0 picks a free port). A busy port is an error naming it.
    pub async fn bind(library: Library, port: u16) -> Result<WebServer, Error> {
        let listener = TcpListener::bind(("127.0.0.1", port)).await.map_err(|source| {
            if source.kind() == std::io::ErrorKind::AddrInUse {
                Error::PortInUse { port }
            } else {
                Error::Io { path: format!("127.0.0.1:{port}").into(), source }
            }
        })?;
        let addr = listener.local_addr().map_err(|source| Error::Io { path: "listener".into(), source })?;
        let p = addr.port();
        let shared = Arc::new(Shared {
            library,
            token: new_token(),
            hosts: [format!("127.0.0.1:{p}"), format!("localhost:{p}")],
            origins: [format!("http://127.0.0.1:{p}"), format!("http://localhost:{p}")],
        });
        Ok(WebServer { listener, shared, addr })
    }

    /// The address to open, secret included.
    pub fn url(&self) -> String {
        format!("http://{}/#token={}", self.addr, self.shared.token)
    }

    /// Serves until the process ends.
    pub async fn run(self) -> std::io::Result<()> {
        let app = Router::new()
            .route("/api/{cmd}", post(api_call))
            .route("/pictures/{shard}/{file}", get(picture))
            .route("/", get(index))
            .fallback(get(asset))
            .with_state(self.shared);
        axum::serve(self.listener, app).await
    }
}

fn error_response(status: StatusCode, kind: &str, message: &str) -> Response {
    let body = ApiError { kind: kind.into(), message: message.into(), details: None };
    (status, axum::Json(body)).into_response()
}

fn status_for(kind: &str) -> StatusCode {
    match kind {
        "invalid_argument" | "invalid_url" => StatusCode::BAD_REQUEST,
        "not_found" => StatusCode::NOT_FOUND,
        "busy" | "already_subscribed" => StatusCode::CONFLICT,
        "database" | "database_too_new" | "io" | "internal" => StatusCode::INTERNAL_SERVER_ERROR,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

/// Refuses requests that are not from the page this run printed.
fn check_caller(shared: &Shared, headers: &HeaderMap) -> Result<(), Response> {
    let value = |name| headers.get(name).and_then(|v: &HeaderValue| v.to_str().ok());
    if !value(header::HOST).is_some_and(|h| shared.hosts.iter().any(|ok| ok == h)) {
        return Err(error_response(StatusCode::FORBIDDEN, "forbidden", "unexpected Host header"));
    }
    if let Some(origin) = value(header::ORIGIN)
        && !shared.origins.iter().any(|ok| ok == origin)
    {
        return Err(error_response(StatusCode::FORBIDDEN, "forbidden", "requests from other sites are refused"));
    }
    let presented = value(header::AUTHORIZATION).and_then(|v| v.strip_prefix("Bearer ")).unwrap_or("");
    if !constant_time_eq(presented.as_bytes(), shared.token.as_bytes()) {
        return Err(error_response(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "missing or wrong token: open the URL `jianbao serve` printed",
        ));
    }
    Ok(())
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

async fn api_call(
    State(shared): State<Arc<Shared>>,
    Path(cmd): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Err(refused) = check_caller(&shared, &headers) {
        return refused;
    }
    let args = if body.is_empty() {
        serde_json::Value::Null
    } else {
        match serde_json::from_slice(&body) {
            Ok(v) => v,
            Err(e) => {
                return error_response(
                    StatusCode::BAD_REQUEST,
                    "invalid_argument",
                    &format!("{cmd}: body is not JSON: {e}"),
                );
            }
        }
    };
    let cookie = format!("{COOKIE}={}; HttpOnly; SameSite=Strict; Path=/", shared.token);
    let cookie = [(header::SET_COOKIE, cookie)];
    match api::handle(&shared.library, &cmd, args).await {
        Ok(value) => (cookie, axum::Json(value)).into_response(),
        Err(e) => (status_for(&e.kind), cookie, axum::Json(e)).into_response(),
    }
}

/// A stored picture, for callers holding this run's cookie.
async fn picture(State(shared): State<Arc<Shared>>, uri: Uri, headers: HeaderMap) -> Response {
    let host_ok =
        headers.get(header::HOST).and_then(|h| h.to_str().ok()).is_some_and(|h| shared.hosts.iter().any(|ok| ok == h));
    let presented = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| pair.trim().strip_prefix(&format!("{COOKIE}=")).map(str::to_owned))
        .unwrap_or_default();
    if !host_ok || !constant_time_eq(presented.as_bytes(), shared.token.as_bytes()) {
        return error_response(StatusCode::UNAUTHORIZED, "unauthorized", "pictures load only in this run's page");
    }
    let Some(path) = shared.library.picture_files().path_of(uri.path()) else {
        return error_response(StatusCode::NOT_FOUND, "not_found", "no such picture");
    };
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    match tokio::fs::read(&path).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, crate::pictures::Checked::mime(ext).to_owned()),
                (header::CACHE_CONTROL, "private, max-age=31536000, immutable".to_owned()),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
                (header::CONTENT_SECURITY_POLICY, "default-src 'none'".to_owned()),
            ],
            bytes,
        )
            .into_response(),
        Err(_) => error_response(StatusCode::NOT_FOUND, "not_found", "no such picture"),
    }
}

async fn index() -> Response {
    serve_asset("index.html")
}

async fn asset(uri: Uri) -> Response {
    serve_asset(uri.path().trim_start_matches('/'))
}

fn serve_asset(path: &str) -> Response {
    let Some(file) = Ui::get(path) else {
        return error_response(StatusCode::NOT_FOUND, "not_found", &format!("no file {path}"));
    };
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let textual = mime.type_() == "text" || mime.subtype() == "javascript" || mime.subtype() == "json";
    let content_type =
        if textual { format!("{}; charset=utf-8", mime.essence_str()) } else { mime.essence_str().to_owned() };
    let headers = [
        (header::CONTENT_TYPE, content_type),
        (header::CONTENT_SECURITY_POLICY, CSP.to_owned()),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
        (header::REFERRER_POLICY, "no-referrer".to_owned()),
        (header::CACHE_CONTROL, "no-cache".to_owned()),
    ];
    (headers, file.data.into_owned()).into_response()
}
