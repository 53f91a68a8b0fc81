//! A real HTTP server on 127.0.0.1 for tests: serves `tests/fixtures/` by path, or replies a test set,
//! answers conditional GETs by ETag, and records every request it saw.

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use axum::response::Response;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// A canned reply for one path.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub content_type: String,
    pub body: Vec<u8>,
    /// Extra response headers.
    pub headers: Vec<(String, String)>,
    /// Waits this long before answering.
    pub delay: Option<std::time::Duration>,
    /// Whether to send an ETag and answer If-None-Match with 304.
    pub validators: bool,
    /// Streams this many zero bytes after `body` (a huge download that never needs to be in memory).
    pub endless: Option<u64>,
}

impl Reply {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            content_type: content_type.into(),
            body: body.into(),
            headers: Vec::new(),
            delay: None,
            validators: true,
            endless: None,
        }
    }
    /// A 200 with an XML body.
    pub fn xml(body: impl Into<Vec<u8>>) -> Reply {
        Reply::new(200, "application/xml", body)
    }
    /// A redirect to `to`.
    pub fn redirect(status: u16, to: &str) -> Reply {
        Reply::new(status, "text/plain", "moved").header("Location", to)
    }
    /// A fixture file's bytes as XML.
    pub fn fixture(path: &str) -> Reply {
        Reply::xml(std::fs::read(super::fixtures().join(path)).expect("fixture"))
    }
    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }
    pub fn delayed(mut self, ms: u64) -> Reply {
        self.delay = Some(std::time::Duration::from_millis(ms));
        self
    }
    pub fn without_validators(mut self) -> Reply {
        self.validators = false;
        self
    }
    pub fn endless(mut self, bytes: u64) -> Reply {
        self.endless = Some(bytes);
        self
    }
}

/// One request the server saw.
#[derive(Clone, Debug)]
pub struct Hit {
    pub path: String,
    pub user_agent: Option<String>,
    pub conditional: bool,
    pub status: u16,
}

#[derive(Default)]
struct State {
    replies: Mutex<HashMap<String, Reply>>,
    hits: Mutex<Vec<Hit>>,
    in_flight: std::sync::atomic::AtomicUsize,
    most_in_flight: std::sync::atomic::AtomicUsize,
}

/// The server; it stops when the test's process ends.
pub struct TestServer {
    pub ip: &'static str,
    pub port: u16,
    state: Arc<State>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

fn etag_of(body: &[u8]) -> String {
    let hash = body.iter().fold(0xcbf29ce484222325u64, |h, b| (h ^ *b as u64).wrapping_mul(0x100000001b3));
    format!("\"{hash:016x}\"")
}

async fn answer(state: Arc<State>, req: Request<Body>) -> Response {
    use std::sync::atomic::Ordering::SeqCst;
    let now = state.in_flight.fetch_add(1, SeqCst) + 1;
    state.most_in_flight.fetch_max(now, SeqCst);
    let response = respond(&state, req).await;
    state.in_flight.fetch_sub(1, SeqCst);
    response
}

async fn respond(state: &State, req: Request<Body>) -> Response {
    let path = req.uri().path().to_owned();
    let headers: &HeaderMap = req.headers();
    let user_agent = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let if_none_match = headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let reply = state.replies.lock().unwrap().get(&path).cloned().or_else(|| {
        let relative = path.trim_start_matches('/');
        let file = super::fixtures().join(relative);
        let allowed = ["feeds/", "pages/", "img/"].iter().any(|p| relative.starts_with(p));
        let body = std::fs::read(&file).ok().filter(|_| allowed && !relative.contains(".."))?;
        let content_type = match file.extension().and_then(|e| e.to_str()) {
            Some("html") => "text/html; charset=utf-8",
            Some("json") => "application/feed+json",
            Some("atom") => "application/atom+xml",
            Some("png") => "image/png",
            Some("gif") => "image/gif",
            _ => "application/rss+xml",
        };
        Some(Reply::new(200, content_type, body))
    });
    let reply = reply.unwrap_or_else(|| Reply::new(404, "text/html", "<h1>Not Found</h1>"));
    if let Some(delay) = reply.delay {
        tokio::time::sleep(delay).await;
    }
    let etag = etag_of(&reply.body);
    let not_modified = reply.validators && reply.status == 200 && if_none_match.as_deref() == Some(etag.as_str());
    let status = if not_modified { 304 } else { reply.status };
    state.hits.lock().unwrap().push(Hit { path, user_agent, conditional: if_none_match.is_some(), status });
    let mut builder = Response::builder()
        .status(StatusCode::from_u16(status).unwrap())
        .header(header::CONTENT_TYPE, reply.content_type);
    if reply.validators {
        builder = builder.header(header::ETAG, etag);
    }
    for (name, value) in &reply.headers {
        builder = builder.header(name.as_str(), value.as_str());
    }
    if not_modified {
        return builder.body(Body::empty()).unwrap();
    }
    match reply.endless {
        None => builder.body(Body::from(reply.body)).unwrap(),
        Some(total) => {
            let chunk = axum::body::Bytes::from(vec![0u8; 64 * 1024]);
            let chunks = (total / chunk.len() as u64).max(1);
            let head =
                futures::stream::once(async move { Ok::<_, std::io::Error>(axum::body::Bytes::from(reply.body)) });
            let tail = futures::stream::iter((0..chunks).map(move |_| Ok(chunk.clone())));
            builder.body(Body::from_stream(futures::StreamExt::chain(head, tail))).unwrap()
        }
    }
}

impl TestServer {
    /// Starts a server on a free port of 127.0.0.1, on a thread of its own.
    pub fn start() -> TestServer {
        TestServer::start_on("127.0.0.1")
    }

    /// Starts a server on a free port of another loopback address (127.0.0.2 is another host to a client).
    pub fn start_on(ip: &'static str) -> TestServer {
        let state = Arc::new(State::default());
        let (port_tx, port_rx) = std::sync::mpsc::channel();
        let (shutdown_tx, shutdown_rx) = tokio::sync::oneshot::channel::<()>();
        let shared = state.clone();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind((ip, 0)).await.unwrap();
                port_tx.send(listener.local_addr().unwrap().port()).unwrap();
                let app = axum::Router::new().fallback(move |req: Request<Body>| answer(shared.clone(), req));
                axum::serve(listener, app)
                    .with_graceful_shutdown(async {
                        let _ = shutdown_rx.await;
                    })
                    .await
                    .unwrap();
            });
        });
        let port = port_rx.recv().expect("server started");
        TestServer { ip, port, state, shutdown: Some(shutdown_tx) }
    }

    /// The full URL of a path on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}:{}{}", self.ip, self.port, path)
    }

    /// The most requests this server ever had in flight at once.
    pub fn most_in_flight(&self) -> usize {
        self.state.most_in_flight.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Replies `reply` at `path` from now on (instead of a fixture).
    pub fn set(&self, path: &str, reply: Reply) {
        self.state.replies.lock().unwrap().insert(path.to_owned(), reply);
    }

    /// Every request seen so far.
    pub fn hits(&self) -> Vec<Hit> {
        self.state.hits.lock().unwrap().clone()
    }

    /// Requests seen for one path.
    pub fn hits_on(&self, path: &str) -> Vec<Hit> {
        self.hits().into_iter().filter(|h| h.path == path).collect()
    }

    /// Stops serving; the port then refuses connections.
    pub fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        // Wait until the port is really closed.
        for _ in 0..100 {
            if std::net::TcpStream::connect((self.ip, self.port)).is_err() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}
