//! The library facade: the entirety of the core's public API. The CLI, the desktop shell and web mode all
//! call these methods, so the three cannot drift. Syncing and scheduling are in `syncing.rs`, library-wide
//! settings in `settings.rs`.

mod accounts;
mod saved;
mod settings;
mod storage;
mod subscriptions;
mod syncing;

pub use accounts::{ReactionReport, SignedIn};
pub use saved::{SAVED_TITLE, SAVED_URL};
pub use settings::Settings;
pub use storage::{Freed, Storage};
pub use subscriptions::{ImportReport, SourceChanges};
pub use syncing::SyncStatus;

use crate::error::{Error, Result};
use crate::fetch::Fetcher;
use crate::model::{ArticleId, SourceId};
use crate::pictures::{Shown, reference, render};
use crate::store::{ArticleFilter, Store};
use crate::view::{Article, ArticleState, ArticleSummary, PictureView, Source};
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

struct Inner {
    data_dir: PathBuf,
    store: Arc<Mutex<Store>>,
    writer: crate::sync::Writer,
    files: crate::pictures::PictureFiles,
    fetcher: Fetcher,
    status: Mutex<SyncStatus>,
    credentials: crate::credentials::Credentials,
    /// Held while queued reactions are being sent.
    sending: tokio::sync::Mutex<()>,
    /// Portals recently identified, by the URL given: following categories right after seeing the tree reads
    /// the pasted page (an article's: a view on the portal) no second time.
    portal_sites: Mutex<std::collections::HashMap<String, (std::time::Instant, crate::sync::PortalSite)>>,
}

/// An open library. Cheap to clone; clones share one database connection and one sync.
#[derive(Clone)]
pub struct Library {
    inner: Arc<Inner>,
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
        let store = Arc::new(Mutex::new(store));
        Ok(Library {
            inner: Arc::new(Inner {
                data_dir: dir.clone(),
                writer: crate::sync::Writer::start(store.clone()),
                files: crate::pictures::PictureFiles::new(dir),
                store,
                fetcher: Fetcher::new(),
                status: Mutex::new(syncing::SyncStatus::default()),
                credentials: crate::credentials::Credentials::default(),
                sending: tokio::sync::Mutex::new(()),
                portal_sites: Mutex::new(std::collections::HashMap::new()),
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

    /// The stored picture files (the desktop shell serves them to the reader).
    pub fn picture_files(&self) -> &crate::pictures::PictureFiles {
        &self.inner.files
    }

    /// Every source with its counts.
    pub fn sources(&self) -> Result<Vec<Source>> {
        Ok(self.store().sources()?)
    }

    /// One source.
    pub fn source(&self, id: SourceId) -> Result<Source> {
        self.store().source(id)?.ok_or(Error::NoSource(id))
    }

    /// Articles, newest first.
    pub fn articles(&self, filter: &ArticleFilter) -> Result<Vec<ArticleSummary>> {
        Ok(self.store().articles(filter)?)
    }

    /// One whole article.
    /// One whole article as the reader shows it: its pictures from their stored copies (or placeholders linking
    /// to the originals), so nothing in it loads from the network.
    pub fn article(&self, id: ArticleId) -> Result<Article> {
        let store = self.store();
        let mut article = store.article(id)?.ok_or(Error::NoArticle(id))?;
        let pictures = store.article_pictures(id)?;
        drop(store);
        let shown = pictures
            .iter()
            .map(|p| {
                let shown = match (&p.file, p.status.as_str()) {
                    (Some((hash, ext)), _) => Shown::Stored(reference(hash, ext)),
                    (None, "tracking") => Shown::Hidden,
                    _ => Shown::Missing,
                };
                (p.url.clone(), shown)
            })
            .collect();
        let urls: Vec<String> = pictures.iter().map(|p| p.url.clone()).collect();
        article.html = render(&article.html, &shown, &urls);
        article.pictures = pictures
            .into_iter()
            .map(|p| PictureView {
                reference: p.file.as_ref().map(|(hash, ext)| reference(hash, ext)),
                url: p.url,
                status: p.status,
                error: p.error,
            })
            .collect();
        Ok(article)
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

    /// Remembers the reading position (0.0 to 1.0).
    pub fn set_position(&self, id: ArticleId, position: f64) -> Result<ArticleState> {
        if !position.is_finite() {
            return Err(Error::InvalidArgument(format!("position {position} is not a number between 0 and 1")));
        }
        self.store().set_position(id, position)?.ok_or(Error::NoArticle(id))
    }
}
