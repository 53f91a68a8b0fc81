//! Export: every article as one JSON object per line (the record `show --json` prints), for scripts and backups.

use crate::error::{Error, Result};
use crate::library::Library;
use std::io::Write;

/// Writes every article, oldest first, one JSON object per line. Returns how many were written.
pub fn write_ndjson(library: &Library, out: &mut dyn Write) -> Result<usize> {
    let io = |source| Error::Io { path: "export output".into(), source };
    let ids = library.article_ids()?;
    for id in &ids {
        let article = library.article(*id)?;
        serde_json::to_writer(&mut *out, &article).map_err(|e| io(e.into()))?;
        out.write_all(b"\n").map_err(io)?;
    }
    out.flush().map_err(io)?;
    Ok(ids.len())
}
