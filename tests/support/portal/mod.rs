//! A Discuz! X3.4 portal in miniature (萍鄉城事網) for tests: article, list, comment, home and message pages, the
//! RSS feed, login and reactions, in UTF-8, GBK or BIG5, in the stock or a modified theme, with dynamic,
//! rewritten or folder URLs. Runs on 127.0.0.1 in its own thread; see README.md beside this file.
//!
//! This file is the public face: the switches, the server and what tests may ask of it. The site's content is
//! described by the constants re-exported from `model` so tests assert against it, not against copies.

#![allow(dead_code)]

mod accounts;
mod bad;
mod catalogue;
mod feed;
mod handlers;
mod images;
mod layout;
mod list;
mod member;
mod model;
mod seed;
mod text;
mod view;

#[allow(unused_imports)]
pub use model::*;
#[allow(unused_imports)]
pub use seed::{
    PARAGRAPHS as SEED_PARAGRAPHS, SUMMARY as SEED_SUMMARY, TITLE as SEED_TITLE, TITLE_SHOWN as SEED_TITLE_SHOWN,
};

use std::sync::{Arc, Mutex};

/// The seed's date as its page shows it (UTC+8).
pub const SEED_DATE: &str = "2020-11-27 15:34";

/// The edition's charset: pages, feed and messages come in these bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Charset {
    #[default]
    Utf8,
    /// The simplified-Chinese build: labels 发布者, 查看, 评论, 来自 …
    Gbk,
    Big5,
}

impl Charset {
    /// The name Discuz declares (`charset=gbk`).
    pub fn name(self) -> &'static str {
        match self {
            Charset::Utf8 => "utf-8",
            Charset::Gbk => "gbk",
            Charset::Big5 => "big5",
        }
    }

    pub fn encoding(self) -> &'static encoding_rs::Encoding {
        match self {
            Charset::Utf8 => encoding_rs::UTF_8,
            Charset::Gbk => encoding_rs::GBK,
            Charset::Big5 => encoding_rs::BIG5,
        }
    }

    pub fn parse(name: &str) -> Option<Charset> {
        match name.to_ascii_lowercase().as_str() {
            "utf8" | "utf-8" => Some(Charset::Utf8),
            "gbk" => Some(Charset::Gbk),
            "big5" => Some(Charset::Big5),
            _ => None,
        }
    }
}

/// The template: stock X3.4, or one changed the way real sites change it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    Stock,
    /// Other label words (作者, 來源), publisher before date, no view count, `div#article_content`, other
    /// breadcrumb separators, reactions numbered in another order, extra wrappers and ads.
    Modified,
}

impl Theme {
    pub fn parse(name: &str) -> Option<Theme> {
        match name {
            "stock" => Some(Theme::Stock),
            "modified" => Some(Theme::Modified),
            _ => None,
        }
    }
}

/// How article and list URLs look.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Urls {
    /// `portal.php?mod=view&aid=N&page=P`, `portal.php?mod=list&catid=N&page=P`.
    #[default]
    Dynamic,
    /// Articles `article-N-P.html`; lists stay dynamic.
    Rewrite,
    /// Folder categories at `/{folder}/` and `/{folder}/index.php?page=P` (the dynamic list URL 301s there and
    /// loses `page`); their articles at `{folder}/{YYYYMM}/{aid padded to 8}.html` (page P>1 appends P).
    Folder,
}

impl Urls {
    pub fn parse(name: &str) -> Option<Urls> {
        match name {
            "dynamic" => Some(Urls::Dynamic),
            "rewrite" => Some(Urls::Rewrite),
            "folder" => Some(Urls::Folder),
            _ => None,
        }
    }
}

/// The server's switches.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PortalConfig {
    pub charset: Charset,
    pub theme: Theme,
    pub urls: Urls,
}

/// What `portal.php?mod=rss` answers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FeedMode {
    #[default]
    Normal,
    /// A channel without items (what the request that finds the cache expired gets).
    Empty,
    /// The text `RSS Disabled`.
    Disabled,
}

/// Everything the handlers change, behind one lock.
pub(crate) struct Live {
    pub site: model::Site,
    pub hits: Vec<String>,
    pub views: std::collections::HashMap<u32, usize>,
    pub feed: FeedMode,
    pub anti_scraping: bool,
    pub reactions_sent: Vec<(String, u32, String)>,
    /// Failed logins by username.
    pub failures: std::collections::HashMap<String, u32>,
    /// Saltkeys handed out, to make new ones unique.
    pub salts: u64,
}

pub(crate) struct State {
    pub config: PortalConfig,
    pub base: String,
    pub live: Mutex<Live>,
}

/// The portal server; [`PortalServer::stop`] closes its port.
pub struct PortalServer {
    port: u16,
    state: Arc<State>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl PortalServer {
    /// Starts on a free port of 127.0.0.1.
    pub fn start(config: PortalConfig) -> PortalServer {
        PortalServer::start_on_port(config, 0)
    }

    /// Starts on the given port (0: any free one), e.g. to restart on the port a stopped server had. A new
    /// server always starts from the initial site.
    pub fn start_on_port(config: PortalConfig, port: u16) -> PortalServer {
        let (port_tx, port_rx) = std::sync::mpsc::channel::<std::io::Result<u16>>();
        let (state_tx, state_rx) = std::sync::mpsc::channel::<Arc<State>>();
        let (shutdown_tx, shutdown_rx) = tokio::sync::oneshot::channel::<()>();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            rt.block_on(async move {
                // SO_REUSEADDR, so a restart can take the port while old connections linger in TIME_WAIT.
                let bound = tokio::net::TcpSocket::new_v4().and_then(|socket| {
                    socket.set_reuseaddr(true)?;
                    socket.bind(([127, 0, 0, 1], port).into())?;
                    socket.listen(1024)
                });
                let listener = match bound.and_then(|l| Ok((l.local_addr()?.port(), l))) {
                    Ok((port, listener)) => {
                        port_tx.send(Ok(port)).unwrap();
                        listener
                    }
                    Err(e) => return port_tx.send(Err(e)).unwrap(),
                };
                let state = state_rx.recv().unwrap();
                let app = axum::Router::new().fallback(move |req| handlers::answer(state.clone(), req));
                axum::serve(listener, app)
                    .with_graceful_shutdown(async {
                        let _ = shutdown_rx.await;
                    })
                    .await
                    .unwrap();
            });
        });
        let port = port_rx.recv().unwrap().unwrap_or_else(|e| panic!("portal: cannot listen on port {port}: {e}"));
        let live = Live {
            site: model::Site::new(),
            hits: Vec::new(),
            views: Default::default(),
            feed: FeedMode::Normal,
            anti_scraping: false,
            reactions_sent: Vec::new(),
            failures: Default::default(),
            salts: 0,
        };
        let state = Arc::new(State { config, base: format!("http://127.0.0.1:{port}/"), live: Mutex::new(live) });
        state_tx.send(state.clone()).unwrap();
        PortalServer { port, state, shutdown: Some(shutdown_tx) }
    }

    /// The base URL plus a path (with or without its leading `/`); the base ends with `/`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.state.base, path.trim_start_matches('/'))
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn config(&self) -> PortalConfig {
        self.state.config
    }

    /// Every request's path and query (`/portal.php?mod=view&aid=7264`), in order, GET and POST.
    pub fn hits(&self) -> Vec<String> {
        self.live().hits.clone()
    }

    /// How many times an article page (any page of it, any URL form) was served.
    pub fn views_of(&self, aid: u32) -> usize {
        self.live().views.get(&aid).copied().unwrap_or(0)
    }

    /// Adds an article to a category, newer than all others (an hour after the newest); returns its aid.
    pub fn add_article(&self, catid: u32, title: &str, paragraphs: &[&str]) -> u32 {
        self.live().site.add_article(catid, title, paragraphs)
    }

    /// Adds a comment, newer than all others; an empty author is a guest (游客), a member's name links to them.
    pub fn add_comment(&self, aid: u32, author: &str, text: &str) {
        self.live().site.add_comment(aid, author, text)
    }

    /// Puts an article under moderation (or releases it): it leaves lists and feeds and answers the
    /// view_article_no_exist message to everyone but its publisher.
    pub fn set_pending(&self, aid: u32, pending: bool) {
        if let Some(a) = self.live().site.article_mut(aid) {
            a.pending = pending;
        }
    }

    pub fn set_feed(&self, mode: FeedMode) {
        self.live().feed = mode;
    }

    /// When on, article pages answer the bare obfuscated `<script>` page that redirects with `&_dsign=...`.
    pub fn set_anti_scraping(&self, on: bool) {
        self.live().anti_scraping = on;
    }

    /// Reactions accepted so far: (member, aid, icon name such as `xianhua`).
    pub fn reactions_sent(&self) -> Vec<(String, u32, String)> {
        self.live().reactions_sent.clone()
    }

    /// A copy of the site as it is now (articles, comments, counts), to assert against.
    pub fn site(&self) -> model::Site {
        self.live().site.clone()
    }

    /// An article's canonical URL in this server's URL form.
    pub fn article_url(&self, aid: u32) -> String {
        self.url(&layout::Urls::new(self.state.config.urls, &self.live().site).article(aid, 1))
    }

    /// A page of an article in this server's URL form.
    pub fn article_page_url(&self, aid: u32, page: usize) -> String {
        self.url(&layout::Urls::new(self.state.config.urls, &self.live().site).article(aid, page))
    }

    /// A category list page in this server's URL form.
    pub fn list_url(&self, catid: u32, page: usize) -> String {
        self.url(&layout::Urls::new(self.state.config.urls, &self.live().site).list(catid, page))
    }

    /// The feed's URL, of a category or of all.
    pub fn feed_url(&self, catid: Option<u32>) -> String {
        match catid {
            Some(c) => self.url(&format!("portal.php?mod=rss&catid={c}")),
            None => self.url("portal.php?mod=rss"),
        }
    }

    /// A `Cookie` header value of a signed-in member (saltkey and auth), as a user would paste it.
    pub fn cookie_for(&self, username: &str) -> Option<String> {
        let live = self.live();
        let m = live.site.member_named(username)?;
        let salt = "PxcTest1";
        Some(format!("{p}saltkey={salt}; {p}auth={}", member::auth_token(m, salt), p = model::COOKIE_PREFIX))
    }

    /// Stops serving; the port then refuses connections.
    pub fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        for _ in 0..200 {
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }

    fn live(&self) -> std::sync::MutexGuard<'_, Live> {
        self.state.live.lock().unwrap()
    }
}

impl Drop for PortalServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}
