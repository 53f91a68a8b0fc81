//! Fetch stage: HTTP(S) GETs with an honest User-Agent, timeouts, a body cap and conditional requests.
//! Bytes out; what they mean is the decode and parse stages' business.

use reqwest::header::{ACCEPT, CONTENT_TYPE, ETAG, HeaderMap, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED};
use std::time::Duration;
use url::Url;

/// The User-Agent every request carries.
pub const USER_AGENT: &str = concat!("Jianbao/", env!("CARGO_PKG_VERSION"), " (desktop feed reader)");

/// The largest body accepted (feeds and pages).
pub const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// What can go wrong fetching.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("fetch: {url} is not an http(s) URL")]
    Scheme { url: String },
    #[error("fetch: unable to reach {url}: {reason}")]
    Unreachable { url: String, reason: String },
    #[error("fetch: timed out fetching {url}")]
    Timeout { url: String },
    #[error("fetch: {url} answered HTTP {status}")]
    Status { url: String, status: u16, reason: String },
    #[error("fetch: {url} sent more than {limit} bytes", limit = MAX_BODY_BYTES)]
    TooLarge { url: String },
    #[error("fetch: the transfer from {url} broke off: {reason}")]
    Body { url: String, reason: String },
}

/// Validators from an earlier fetch, for a conditional GET.
#[derive(Clone, Debug, Default)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A fetched body.
#[derive(Debug)]
pub struct Response {
    /// Where the body came from, after redirects.
    pub url: Url,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
    pub validators: Validators,
}

/// The answer to a (possibly conditional) GET.
#[derive(Debug)]
pub enum Fetched {
    NotModified,
    Body(Response),
}

/// An HTTP client shared by all fetches.
#[derive(Clone)]
pub struct Fetcher {
    client: reqwest::Client,
}

impl Fetcher {
    /// A client with Jianbao's manners: User-Agent, compression, 10 s to connect, 30 s in all.
    pub fn new() -> Fetcher {
        let client = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(30))
            .redirect(reqwest::redirect::Policy::limited(8))
            .build()
            .expect("HTTP client configuration is static");
        Fetcher { client }
    }

    /// GETs `url`; with validators, a 304 comes back as `NotModified`.
    pub async fn get(&self, url: &Url, validators: Option<&Validators>) -> Result<Fetched, FetchError> {
        let name = url.to_string();
        if !matches!(url.scheme(), "http" | "https") {
            return Err(FetchError::Scheme { url: name });
        }
        let mut request = self.client.get(url.clone()).header(
            ACCEPT,
            "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/html;q=0.8, */*;q=0.5",
        );
        if let Some(v) = validators {
            if let Some(etag) = &v.etag {
                request = request.header(IF_NONE_MATCH, etag);
            }
            if let Some(lm) = &v.last_modified {
                request = request.header(IF_MODIFIED_SINCE, lm);
            }
        }
        let mut response = request.send().await.map_err(|e| send_error(&name, e))?;
        let status = response.status();
        if status == reqwest::StatusCode::NOT_MODIFIED && validators.is_some() {
            return Ok(Fetched::NotModified);
        }
        if !status.is_success() {
            return Err(FetchError::Status {
                url: name,
                status: status.as_u16(),
                reason: status.canonical_reason().unwrap_or("").to_owned(),
            });
        }
        let final_url = response.url().clone();
        let headers = response.headers().clone();
        if response.content_length().is_some_and(|n| n > MAX_BODY_BYTES as u64) {
            return Err(FetchError::TooLarge { url: name });
        }
        let mut body = Vec::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    if body.len() + chunk.len() > MAX_BODY_BYTES {
                        return Err(FetchError::TooLarge { url: name });
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) if e.is_timeout() => return Err(FetchError::Timeout { url: name }),
                Err(e) => {
                    return Err(FetchError::Body { url: name, reason: root_cause(&e) });
                }
            }
        }
        Ok(Fetched::Body(Response {
            url: final_url,
            content_type: header(&headers, CONTENT_TYPE),
            body,
            validators: Validators { etag: header(&headers, ETAG), last_modified: header(&headers, LAST_MODIFIED) },
        }))
    }
}

impl Default for Fetcher {
    fn default() -> Self {
        Fetcher::new()
    }
}

fn header(headers: &HeaderMap, name: reqwest::header::HeaderName) -> Option<String> {
    headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned)
}

fn send_error(url: &str, e: reqwest::Error) -> FetchError {
    if e.is_timeout() {
        FetchError::Timeout { url: url.to_owned() }
    } else {
        FetchError::Unreachable { url: url.to_owned(), reason: root_cause(&e) }
    }
}

/// The innermost cause, which names the actual problem (connection refused, DNS failure...).
fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cause: &(dyn std::error::Error + 'static) = e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}
