//! The library facade: the entirety of the core's public API. The CLI, the desktop shell and web mode all
//! call these methods, so the three cannot drift.

use crate::error::{Error, Result};
use crate::fetch::Fetcher;
use crate::model::{ArticleId, Reaction, SourceId, SourceKind};
use crate::store::{ArticleFilter, NewSource, Store};
use crate::sync::{Quiet, SyncObserver, SyncResult, identify, parse_http_url, sync_source};
use crate::view::{Article, ArticleState, ArticleSummary, Source};
use futures::StreamExt;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

/// The database file inside a data folder.
pub const LIBRARY_FILE: &str = "jianbao.sqlite3";

/// How to open a library.
#[derive(Clone, Debug)]
pub struct Options {
    /// The data folder; created if missing.
    pub data_dir: PathBuf,
    /// Whether a brand-new library gets the starter set.
    pub starter: bool,
}

/// Where a sync stands, for a UI that polls.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct SyncStatus {
    pub running: bool,
    pub total: usize,
    pub done: usize,
    pub current: Option<String>,
    pub started_at: Option<String>,
    pub finished_at: Option<String>,
    pub results: Vec<SyncResult>,
}

struct Inner {
    data_dir: PathBuf,
    store: Mutex<Store>,
    fetcher: Fetcher,
    status: Mutex<SyncStatus>,
}

/// An open library. Cheap to clone; clones share one database connection and one sync.
#[derive(Clone)]
pub struct Library {
    inner: Arc<Inner>,
}

fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

impl Library {
    /// Opens (creating if needed) the library in `options.data_dir`.
    pub fn open(options: &Options) -> Result<Library> {
        let dir = &options.data_dir;
        std::fs::create_dir_all(dir).map_err(|source| Error::Io { path: dir.clone(), source })?;
        let mut store = Store::open(&dir.join(LIBRARY_FILE))?;
        if store.was_created() {
            if options.starter {
                crate::starter::install_once(&mut store)?;
            } else {
                crate::starter::skip(&mut store)?;
            }
        }
        Ok(Library {
            inner: Arc::new(Inner {
                data_dir: dir.clone(),
                store: Mutex::new(store),
                fetcher: Fetcher::new(),
                status: Mutex::new(SyncStatus::default()),
            }),
        })
    }

    fn store(&self) -> MutexGuard<'_, Store> {
        self.inner.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The data folder.
    pub fn data_dir(&self) -> &Path {
        &self.inner.data_dir
    }

    /// Every source with its counts.
    pub fn sources(&self) -> Result<Vec<Source>> {
        Ok(self.store().sources()?)
    }

    /// One source.
    pub fn source(&self, id: SourceId) -> Result<Source> {
        self.store().source(id)?.ok_or(Error::NoSource(id))
    }

    /// Subscribes to `url` (a feed, or a page naming one; `pick` chooses among several). Stores no articles.
    pub async fn add_source(&self, url: &str, pick: Option<usize>) -> Result<Source> {
        let url = parse_http_url(url)?;
        let typed = url.to_string();
        if let Some(existing) = self.store().source_by_url(&typed)? {
            return Err(Error::AlreadySubscribed { url: typed, id: existing.id });
        }
        let found = identify(&self.inner.fetcher, &url, pick).await?;
        let mut store = self.store();
        for known in [&found.subscribed, &found.feed_url] {
            if let Some(existing) = store.source_by_url(known.as_str())? {
                return Err(Error::AlreadySubscribed { url: known.to_string(), id: existing.id });
            }
        }
        Ok(store.add_source(&NewSource {
            kind: SourceKind::Feed,
            url: found.subscribed.as_str(),
            feed_url: found.feed_url.as_str(),
            title: &found.title,
            site_url: found.site_url.as_deref(),
        })?)
    }

    /// Unsubscribes, deleting the source's articles (the starter set does not come back).
    pub fn remove_source(&self, id: SourceId) -> Result<()> {
        if self.store().remove_source(id)? { Ok(()) } else { Err(Error::NoSource(id)) }
    }

    /// Syncs the given sources (all when empty), a few at a time, reporting to `observer`. Every source is
    /// tried; failures are in the results, not an early return.
    pub async fn sync(&self, ids: &[SourceId], observer: &dyn SyncObserver) -> Result<Vec<SyncResult>> {
        let sources = self.begin_sync(ids)?;
        Ok(self.run_sync(sources, observer).await)
    }

    /// Starts a sync in the background (on the current tokio runtime) and returns its status at once.
    pub fn start_sync(&self, ids: Vec<SourceId>) -> Result<SyncStatus> {
        let sources = self.begin_sync(&ids)?;
        let library = self.clone();
        tokio::spawn(async move {
            library.run_sync(sources, &Quiet).await;
        });
        Ok(self.sync_status())
    }

    /// Claims the one sync slot and resets the status for the sources about to sync.
    fn begin_sync(&self, ids: &[SourceId]) -> Result<Vec<Source>> {
        let sources = if ids.is_empty() {
            self.sources()?
        } else {
            ids.iter().map(|id| self.source(*id)).collect::<Result<_>>()?
        };
        let mut status = self.status();
        if status.running {
            return Err(Error::Busy);
        }
        *status =
            SyncStatus { running: true, total: sources.len(), started_at: Some(now_rfc3339()), ..Default::default() };
        Ok(sources)
    }

    async fn run_sync(&self, sources: Vec<Source>, observer: &dyn SyncObserver) -> Vec<SyncResult> {
        observer.started(sources.len());
        let results: Vec<SyncResult> = futures::stream::iter(sources)
            .map(|source| async move {
                self.status().current = Some(source.title.clone());
                observer.source_started(&source);
                let result = sync_source(&self.inner.fetcher, &self.inner.store, &source).await;
                {
                    let mut status = self.status();
                    status.done += 1;
                    status.results.push(result.clone());
                }
                observer.source_finished(&result);
                result
            })
            .buffer_unordered(4)
            .collect()
            .await;
        let mut status = self.status();
        status.running = false;
        status.current = None;
        status.finished_at = Some(now_rfc3339());
        results
    }

    fn status(&self) -> MutexGuard<'_, SyncStatus> {
        self.inner.status.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Where the last or current sync stands.
    pub fn sync_status(&self) -> SyncStatus {
        self.status().clone()
    }

    /// Articles, newest first.
    pub fn articles(&self, filter: &ArticleFilter) -> Result<Vec<ArticleSummary>> {
        Ok(self.store().articles(filter)?)
    }

    /// One whole article.
    pub fn article(&self, id: ArticleId) -> Result<Article> {
        self.store().article(id)?.ok_or(Error::NoArticle(id))
    }

    /// Every article id, in the order they were first stored.
    pub fn article_ids(&self) -> Result<Vec<ArticleId>> {
        Ok(self.store().article_ids()?)
    }

    /// How many articles the library holds.
    pub fn article_count(&self) -> Result<i64> {
        Ok(self.store().article_count()?)
    }

    /// Full-text search, best match first.
    pub fn search(&self, query: &str, limit: u32) -> Result<Vec<ArticleSummary>> {
        Ok(self.store().search(query, limit)?)
    }

    /// Marks read or unread.
    pub fn set_read(&self, id: ArticleId, read: bool) -> Result<ArticleState> {
        self.store().set_read(id, read)?.ok_or(Error::NoArticle(id))
    }

    /// Bookmarks or clears the bookmark.
    pub fn set_bookmarked(&self, id: ArticleId, bookmarked: bool) -> Result<ArticleState> {
        self.store().set_bookmarked(id, bookmarked)?.ok_or(Error::NoArticle(id))
    }

    /// Sets or clears the reader's reaction.
    pub fn set_reaction(&self, id: ArticleId, reaction: Option<Reaction>) -> Result<ArticleState> {
        self.store().set_reaction(id, reaction)?.ok_or(Error::NoArticle(id))
    }

    /// Remembers the reading position (0.0 to 1.0).
    pub fn set_position(&self, id: ArticleId, position: f64) -> Result<ArticleState> {
        if !position.is_finite() {
            return Err(Error::InvalidArgument(format!("position {position} is not a number between 0 and 1")));
        }
        self.store().set_position(id, position)?.ok_or(Error::NoArticle(id))
    }
}
