//! The library file: one SQLite database, opened with WAL and foreign keys, migrated by numbered SQL files.
//!
//! This module is the store's whole public face: callers hand it parsed values and get back what changed;
//! no SQL lives outside `store/`.

mod articles;
mod folders;
mod fts;
mod full_text;
mod ingest;
mod meta;
mod outbox;
mod pictures;
mod portal;
mod retention;
mod sources;
mod state;

pub use articles::ArticleFilter;
pub(crate) use articles::ts_to_rfc3339;
pub use fts::{fold_for_search, fold_script, search_query};
pub use ingest::{ChangeSet, PreparedItem, Write, prepare};
pub use outbox::Queued;
pub use pictures::{ArticlePicture, PictureFile, SourceUsage};
pub use portal::{PortalRefusal, RefreshDue};
pub use retention::{Pruned, Retention};
pub use sources::{NewSource, SourceSettings, SourceUpdate};

use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The numbered migrations, applied in order; never edit one once released.
const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_init", include_str!("migrations/0001_init.sql")),
    ("0002_sync_engine", include_str!("migrations/0002_sync_engine.sql")),
    ("0003_leaner_indexes", include_str!("migrations/0003_leaner_indexes.sql")),
    ("0004_pictures", include_str!("migrations/0004_pictures.sql")),
    ("0005_retention", include_str!("migrations/0005_retention.sql")),
    ("0006_full_text", include_str!("migrations/0006_full_text.sql")),
    ("0007_portals", include_str!("migrations/0007_portals.sql")),
];

/// The schema version this program writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "store: the library {path} was written by a newer Jianbao (schema {found}; this program knows up to {supported}); it was left untouched: upgrade Jianbao to open it"
    )]
    TooNew { path: PathBuf, found: i64, supported: i64 },
    #[error("store: unable to open {path}: {source}")]
    Open { path: PathBuf, source: rusqlite::Error },
    #[error("store: unable to apply migration {name}: {source}")]
    Migrate { name: &'static str, source: rusqlite::Error },
    #[error("store: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("store: corrupt JSON in a stored field: {0}")]
    Json(#[from] serde_json::Error),
}

/// An open library database.
pub struct Store {
    conn: Connection,
    created: bool,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    /// A database newer than this program is refused before anything is written to it.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let existed = path.exists();
        let open_err = |source| StoreError::Open { path: path.to_owned(), source };
        let conn = Connection::open(path).map_err(open_err)?;
        conn.busy_timeout(Duration::from_secs(10)).map_err(open_err)?;
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(open_err)?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::TooNew { path: path.to_owned(), found, supported: SCHEMA_VERSION });
        }
        conn.pragma_update(None, "journal_mode", "WAL").map_err(open_err)?;
        conn.pragma_update(None, "foreign_keys", "ON").map_err(open_err)?;
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(open_err)?;
        // Checkpoint in larger steps: a big sync then writes each page to the main file about once.
        conn.pragma_update(None, "wal_autocheckpoint", 8192).map_err(open_err)?;
        // ...and give the space back after each checkpoint.
        conn.pragma_update(None, "journal_size_limit", 8 * 1024 * 1024).map_err(open_err)?;
        // 16 MiB of page cache (the default is 2): a sync touches index pages all over a large library.
        conn.pragma_update(None, "cache_size", -16_000).map_err(open_err)?;
        if found == 0 {
            // Only possible before the first table exists: lets deleted pages be given back a few at a time
            // (`give_back_space`) instead of by a VACUUM that would hold the library for as long as it runs.
            conn.pragma_update(None, "auto_vacuum", "INCREMENTAL").map_err(open_err)?;
        }
        let mut store = Store { conn, created: !existed || found == 0 };
        store.migrate(found)?;
        Ok(store)
    }

    /// A transaction that takes the write lock at once. A deferred one that reads first cannot wait for the lock
    /// when another process (the window and a `jianbao sync` from cron) committed meanwhile: SQLite answers
    /// "database is locked" at once instead of honouring the busy timeout.
    fn write_transaction(&mut self) -> rusqlite::Result<rusqlite::Transaction<'_>> {
        self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
    }

    /// True when this open created the library (it had no schema before).
    pub fn was_created(&self) -> bool {
        self.created
    }

    fn migrate(&mut self, from: i64) -> Result<(), StoreError> {
        for (index, (name, sql)) in MIGRATIONS.iter().enumerate().skip(from as usize) {
            let version = index as i64 + 1;
            let tx = self.write_transaction().map_err(|source| StoreError::Migrate { name, source })?;
            tx.execute_batch(sql)
                .and_then(|_| tx.pragma_update(None, "user_version", version))
                .and_then(|_| tx.commit())
                .map_err(|source| StoreError::Migrate { name, source })?;
        }
        Ok(())
    }
}

/// Seconds since the Unix epoch, now.
pub fn now_ts() -> i64 {
    chrono::Utc::now().timestamp()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_library_gets_every_migration() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("lib.sqlite3")).unwrap();
        assert!(store.was_created());
        let v: i64 = store.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v, SCHEMA_VERSION);
        let mode: String = store.conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = store.conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
        assert_eq!(fk, 1);
    }

    #[test]
    fn reopening_applies_nothing_twice() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lib.sqlite3");
        drop(Store::open(&path).unwrap());
        let again = Store::open(&path).unwrap();
        assert!(!again.was_created());
    }

    #[test]
    fn a_newer_library_is_refused_and_left_byte_for_byte() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lib.sqlite3");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch("CREATE TABLE future(x); PRAGMA user_version = 99;").unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(&path).err().expect("must refuse");
        assert!(matches!(err, StoreError::TooNew { found: 99, .. }), "{err}");
        assert!(err.to_string().contains("newer Jianbao"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
        assert!(!dir.path().join("lib.sqlite3-wal").exists());
    }
}
