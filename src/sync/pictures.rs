//! Downloading a source's pictures after its articles are stored: each checked by its bytes, stored once per
//! content, within the library's byte budget (old read articles' pictures make room first, bookmarks' never).
//! A slow or failing picture host never holds up the rest: each source's pictures get a time limit, and what
//! is left is tried on the next sync.

use super::lock;
use crate::fetch::{FetchError, Fetcher};
use crate::model::SourceId;
use crate::pictures::{MAX_PICTURE_BYTES, PictureFiles, Refused, check};
use crate::store::{PictureFile, Store, now_ts};
use futures::StreamExt;
use sha2::{Digest, Sha256};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use url::Url;

/// Pictures fetched at once for one source (the fetcher's per-host limit still applies).
const AT_ONCE: usize = 8;
/// Pictures looked at per source and sync.
const PER_SYNC: u32 = 500;
/// Time one source's pictures may take in one sync.
const TIME_LIMIT: Duration = Duration::from_secs(90);
/// Downloads tried before a picture is given up on.
const MOST_ATTEMPTS: i64 = 8;

/// What happened to a source's pictures in one sync.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct PictureCounts {
    pub stored: usize,
    pub failed: usize,
    pub skipped: usize,
}

enum Outcome {
    Stored,
    Failed,
    Skipped,
}

/// Downloads the pictures of `source` that want it (new ones, and failed ones due again).
pub async fn download_pictures(
    fetcher: &Fetcher,
    store: &Arc<Mutex<Store>>,
    files: &PictureFiles,
    source: SourceId,
    budget: i64,
) -> PictureCounts {
    let urls = lock(store).pending_pictures(source, PER_SYNC).unwrap_or_default();
    let mut counts = PictureCounts::default();
    let work =
        futures::stream::iter(urls).map(|url| download(fetcher, store, files, url, budget)).buffer_unordered(AT_ONCE);
    let counting = work.for_each(|outcome| {
        match outcome {
            Outcome::Stored => counts.stored += 1,
            Outcome::Failed => counts.failed += 1,
            Outcome::Skipped => counts.skipped += 1,
        }
        futures::future::ready(())
    });
    // Whatever is not done in time stays pending for the next sync.
    let _ = tokio::time::timeout(TIME_LIMIT, counting).await;
    counts
}

async fn download(fetcher: &Fetcher, store: &Mutex<Store>, files: &PictureFiles, url: String, budget: i64) -> Outcome {
    let refuse = |status: &str, why: String, retry: Option<i64>| {
        let _ = lock(store).record_picture_refused(&url, status, &why, retry);
    };
    let Ok(parsed) = Url::parse(&url) else {
        refuse("skipped", "not a web address".into(), None);
        return Outcome::Skipped;
    };
    let response = match fetcher.get_picture(&parsed, MAX_PICTURE_BYTES).await {
        Ok(response) => response,
        Err(e @ FetchError::TooLarge { .. }) => {
            refuse("skipped", e.to_string(), None);
            return Outcome::Skipped;
        }
        Err(e) => {
            let attempts = lock(store).picture_attempts(&url).unwrap_or(0) + 1;
            if attempts >= MOST_ATTEMPTS {
                refuse("skipped", format!("{e} (given up after {attempts} tries)"), None);
                return Outcome::Skipped;
            }
            let wait = 3600_i64.saturating_mul(1 << (attempts - 1).min(8)).min(7 * 24 * 3600);
            refuse("failed", e.to_string(), Some(now_ts() + wait));
            return Outcome::Failed;
        }
    };
    let checked = match check(&response.body) {
        Ok(checked) => checked,
        Err(refused @ Refused::Tracking(..)) => {
            refuse("tracking", refused.to_string(), None);
            return Outcome::Skipped;
        }
        Err(refused) => {
            refuse("skipped", format!("{url}: {refused}"), None);
            return Outcome::Skipped;
        }
    };
    let hash: String = Sha256::digest(&response.body).iter().map(|b| format!("{b:02x}")).collect();
    let file = PictureFile { hash, ext: checked.ext.to_owned(), bytes: response.body.len() as i64 };
    if !make_room(store, files, file.bytes, budget) {
        refuse("skipped", "the picture budget is full (see Settings → Storage)".into(), None);
        return Outcome::Skipped;
    }
    if let Err(e) = files.save(&file.hash, &file.ext, &response.body) {
        refuse("failed", format!("unable to store the picture: {e}"), Some(now_ts() + 3600));
        return Outcome::Failed;
    }
    match lock(store).record_picture_stored(&url, &file, (checked.width, checked.height)) {
        Ok(()) => Outcome::Stored,
        Err(_) => Outcome::Failed,
    }
}

/// Frees space for `bytes` more within `budget`, evicting old read articles' pictures; false if it cannot.
fn make_room(store: &Mutex<Store>, files: &PictureFiles, bytes: i64, budget: i64) -> bool {
    let mut store = lock(store);
    let used = store.picture_bytes().unwrap_or(0);
    if used + bytes <= budget {
        return true;
    }
    let evicted = store.evict_pictures(used + bytes - budget).unwrap_or_default();
    for file in &evicted {
        let _ = files.remove(&file.hash, &file.ext);
    }
    store.picture_bytes().unwrap_or(i64::MAX) + bytes <= budget
}
