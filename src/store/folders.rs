//! Folders: nested groups of sources (from OPML outlines or the user), addressed by their path of titles.

use super::{Store, StoreError};
use rusqlite::{OptionalExtension, Transaction, params};
use std::collections::HashMap;

/// The folder at `path` (outermost first), created with its parents if missing; `None` for the empty path.
pub(super) fn ensure_path(tx: &Transaction<'_>, path: &[String]) -> rusqlite::Result<Option<i64>> {
    let mut parent: Option<i64> = None;
    for title in path.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        let found: Option<i64> = tx
            .query_row(
                "SELECT id FROM folders WHERE coalesce(parent_id, 0) = coalesce(?1, 0) AND title = ?2",
                params![parent, title],
                |r| r.get(0),
            )
            .optional()?;
        parent = Some(match found {
            Some(id) => id,
            None => {
                tx.execute("INSERT INTO folders (parent_id, title) VALUES (?1, ?2)", params![parent, title])?;
                tx.last_insert_rowid()
            }
        });
    }
    Ok(parent)
}

impl Store {
    /// Every folder's path of titles, by id.
    pub(super) fn folder_paths(&self) -> Result<HashMap<i64, Vec<String>>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT id, parent_id, title FROM folders")?;
        let rows: Vec<(i64, Option<i64>, String)> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()?;
        let by_id: HashMap<i64, (Option<i64>, String)> = rows.into_iter().map(|(id, p, t)| (id, (p, t))).collect();
        let mut paths = HashMap::new();
        for &id in by_id.keys() {
            let mut path = Vec::new();
            let mut at = Some(id);
            while let Some(current) = at {
                let Some((parent, title)) = by_id.get(&current) else { break };
                path.push(title.clone());
                at = *parent;
                if path.len() > 64 {
                    break; // a cycle cannot be made through this API; stop rather than loop if one exists
                }
            }
            path.reverse();
            paths.insert(id, path);
        }
        Ok(paths)
    }

    /// Deletes folders that hold neither sources nor other folders.
    pub fn prune_folders(&mut self) -> Result<(), StoreError> {
        loop {
            let n = self.conn.execute(
                "DELETE FROM folders WHERE id NOT IN (SELECT folder_id FROM sources WHERE folder_id IS NOT NULL)
                   AND id NOT IN (SELECT parent_id FROM folders WHERE parent_id IS NOT NULL)",
                [],
            )?;
            if n == 0 {
                return Ok(());
            }
        }
    }
}
