//! What the library's pictures take, per source and in all, and giving space back: old read articles'
//! pictures go first, bookmarked articles' never.

use super::Library;
use crate::error::Result;
use crate::store::{Pruned, Retention, SourceUsage};
use serde::Serialize;

/// Space used, for the settings' storage view.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Storage {
    /// Bytes of all stored pictures.
    pub picture_bytes: i64,
    /// The most they may take.
    pub picture_budget_bytes: i64,
    /// The library file (and its write-ahead log).
    pub database_bytes: u64,
    pub sources: Vec<SourceUsage>,
}

/// What freeing space did.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Freed {
    pub pictures: usize,
    pub bytes: i64,
}

impl Library {
    /// Space used by pictures (per source and in all) and by the library file.
    pub fn storage(&self) -> Result<Storage> {
        // settings() takes the store's lock itself, so it is read before this function takes it.
        let picture_budget_bytes = self.settings()?.picture_budget_mb.saturating_mul(1024 * 1024);
        let store = self.store();
        let file_size = |name: &str| std::fs::metadata(self.data_dir().join(name)).map(|m| m.len()).unwrap_or(0);
        let database_bytes = [super::LIBRARY_FILE, "jianbao.sqlite3-wal"].iter().map(|f| file_size(f)).sum();
        Ok(Storage {
            picture_bytes: store.picture_bytes()?,
            picture_budget_bytes,
            database_bytes,
            sources: store.picture_usage()?,
        })
    }

    /// Deletes pictures no article uses, then pictures of old read articles (never bookmarked ones), until at
    /// least `bytes` are free. The articles keep a placeholder linking to each original.
    pub fn free_picture_space(&self, bytes: i64) -> Result<Freed> {
        let evicted = self.store().evict_pictures(bytes.max(1))?;
        for file in &evicted {
            // A file already gone is no loss; the records say it is evicted either way.
            let _ = self.inner.files.remove(&file.hash, &file.ext);
        }
        Ok(Freed { pictures: evicted.len(), bytes: evicted.iter().map(|f| f.bytes).sum() })
    }
}

impl Library {
    /// Deletes the read articles retention no longer keeps (never bookmarked, reacted-to or unread ones) and
    /// the picture files only they used. Runs after every sync.
    pub fn apply_retention(&self) -> Result<Pruned> {
        let settings = self.settings()?;
        let pruned =
            self.store().apply_retention(Retention { days: settings.keep_days, articles: settings.keep_articles })?;
        for file in &pruned.pictures {
            let _ = self.inner.files.remove(&file.hash, &file.ext);
        }
        Ok(pruned)
    }

    /// Gives a little freed space back to the file system (a few megabytes per call, so the library is never
    /// held for long). Returns the free pages left.
    pub fn give_back_space(&self) -> Result<i64> {
        Ok(self.store().give_back_space(512)?)
    }
}
