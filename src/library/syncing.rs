//! Syncing through the facade: one sync at a time, sources interleaved by host so the per-host limit never
//! idles the others, a status the UI polls, and the background scheduler the window and web mode run.

use super::Library;
use crate::error::{Error, Result};
use crate::model::SourceId;
use crate::store::now_ts;
use crate::sync::{Context, Policy, Quiet, SyncObserver, SyncResult, sync_source};
use crate::view::Source;
use futures::StreamExt;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::MutexGuard;
use std::time::Duration;

/// Where a sync stands, for a UI that polls.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct SyncStatus {
    pub running: bool,
    pub total: usize,
    pub done: usize,
    /// Titles of the sources being fetched now.
    pub current: Vec<String>,
    /// Ids of the sources being fetched now, in the order of `current`.
    pub current_ids: Vec<SourceId>,
    /// Counts syncs since the program started: tells one finished sync from the next.
    pub run: u64,
    pub started_at: Option<String>,
    pub finished_at: Option<String>,
    pub results: Vec<SyncResult>,
}

/// Sources fetched at once (the fetcher's own limits keep each host at two requests).
const SOURCES_IN_FLIGHT: usize = 48;

/// How often the background scheduler looks for due sources.
const SCHEDULER_TICK: Duration = Duration::from_secs(60);

/// Marks the running sync finished when dropped.
struct Finish<'a>(&'a Library);

impl Drop for Finish<'_> {
    fn drop(&mut self) {
        let mut status = self.0.status();
        status.running = false;
        status.current.clear();
        status.current_ids.clear();
        status.finished_at = Some(now_rfc3339());
    }
}

fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// Orders sources round-robin by host: a, b, c, a, b, c... so that many feeds on one host do not queue ahead
/// of everyone else.
fn interleave_by_host(sources: Vec<Source>) -> Vec<Source> {
    let mut by_host: BTreeMap<String, std::collections::VecDeque<Source>> = BTreeMap::new();
    for source in sources {
        let host = url::Url::parse(&source.feed_url).ok().and_then(|u| u.host_str().map(str::to_owned));
        by_host.entry(host.unwrap_or_default()).or_default().push_back(source);
    }
    let mut out = Vec::new();
    while !by_host.is_empty() {
        by_host.retain(|_, queue| {
            if let Some(s) = queue.pop_front() {
                out.push(s);
            }
            !queue.is_empty()
        });
    }
    out
}

impl Library {
    /// Syncs the given sources (all when empty), reporting to `observer`. Every source is tried; failures are
    /// in the results, not an early return.
    pub async fn sync(&self, ids: &[SourceId], observer: &dyn SyncObserver) -> Result<Vec<SyncResult>> {
        let sources = if ids.is_empty() {
            self.sources()?
        } else {
            ids.iter().map(|id| self.source(*id)).collect::<Result<_>>()?
        };
        self.claim_sync(&sources)?;
        Ok(self.run_sync(sources, observer, true).await)
    }

    /// `sync` without downloading pictures (`jianbao sync --no-pictures`): they stay pending for a later sync.
    pub async fn sync_without_pictures(
        &self,
        ids: &[SourceId],
        observer: &dyn SyncObserver,
    ) -> Result<Vec<SyncResult>> {
        let sources = if ids.is_empty() {
            self.sources()?
        } else {
            ids.iter().map(|id| self.source(*id)).collect::<Result<_>>()?
        };
        self.claim_sync(&sources)?;
        Ok(self.run_sync(sources, observer, false).await)
    }

    /// Syncs the sources whose scheduled time has come (respecting feeds' intervals and back-off).
    pub async fn sync_due(&self, observer: &dyn SyncObserver) -> Result<Vec<SyncResult>> {
        let due = self.store().due_sources(now_ts())?;
        if due.is_empty() {
            return Ok(Vec::new());
        }
        self.claim_sync(&due)?;
        Ok(self.run_sync(due, observer, true).await)
    }

    /// Starts a sync in the background (on the current tokio runtime) and returns its status at once.
    pub fn start_sync(&self, ids: Vec<SourceId>) -> Result<SyncStatus> {
        let sources = if ids.is_empty() {
            self.sources()?
        } else {
            ids.iter().map(|id| self.source(*id)).collect::<Result<_>>()?
        };
        self.spawn_sync(sources)
    }

    /// Starts a sync of the due sources in the background and returns its status at once.
    pub fn start_due_sync(&self) -> Result<SyncStatus> {
        let due = self.store().due_sources(now_ts())?;
        if due.is_empty() {
            // Nothing to do: leave the last sync's results as they are.
            return Ok(self.sync_status());
        }
        self.spawn_sync(due)
    }

    fn spawn_sync(&self, sources: Vec<Source>) -> Result<SyncStatus> {
        self.claim_sync(&sources)?;
        let library = self.clone();
        tokio::spawn(async move {
            library.run_sync(sources, &Quiet, true).await;
        });
        Ok(self.sync_status())
    }

    /// Runs forever: syncs due sources at start (when the settings say so) and then every minute.
    pub async fn run_scheduler(&self) {
        let mut first = true;
        loop {
            let wanted = !first || self.settings().map(|s| s.sync_on_start).unwrap_or(true);
            if wanted
                && let Err(e) = self.sync_due(&Quiet).await
                && !matches!(e, Error::Busy)
            {
                tracing::warn!("scheduled sync: {e}");
            }
            first = false;
            // Space deleted articles left behind goes back to the file system a little at a time.
            let _ = self.give_back_space();
            tokio::time::sleep(SCHEDULER_TICK).await;
        }
    }

    /// Claims the one sync slot and resets the status for the sources about to sync.
    fn claim_sync(&self, sources: &[Source]) -> Result<()> {
        let mut status = self.status();
        if status.running {
            return Err(Error::Busy);
        }
        *status = SyncStatus {
            running: true,
            total: sources.len(),
            started_at: Some(now_rfc3339()),
            run: status.run + 1,
            ..Default::default()
        };
        Ok(())
    }

    async fn run_sync(&self, sources: Vec<Source>, observer: &dyn SyncObserver, pictures: bool) -> Vec<SyncResult> {
        // However this ends (finished, cancelled, or a panic), the sync slot is given back.
        let _finish = Finish(self);
        let settings = self.settings().unwrap_or_default();
        let policy = Policy {
            default_interval_minutes: settings.sync_interval_minutes,
            pictures: pictures && settings.picture_budget_mb > 0,
            picture_budget: settings.picture_budget_mb.saturating_mul(1024 * 1024),
            refresh: crate::sync::RefreshPolicy {
                max_age_days: settings.portal_refresh_days,
                every_minutes: settings.portal_refresh_every_minutes,
                per_sync: usize::try_from(settings.portal_refresh_per_sync).unwrap_or(0),
            },
        };
        let ctx = Context {
            fetcher: &self.inner.fetcher,
            writer: &self.inner.writer,
            store: &self.inner.store,
            files: &self.inner.files,
        };
        let ctx = &ctx;
        observer.started(sources.len());
        let results: Vec<SyncResult> = futures::stream::iter(interleave_by_host(sources))
            .map(|source| async move {
                {
                    let mut status = self.status();
                    status.current.push(source.title.clone());
                    status.current_ids.push(source.id);
                }
                observer.source_started(&source);
                let result = sync_source(ctx, &source, policy).await;
                {
                    let mut status = self.status();
                    if let Some(i) = status.current_ids.iter().position(|id| *id == source.id) {
                        status.current.remove(i);
                        status.current_ids.remove(i);
                    }
                    status.done += 1;
                    status.results.push(result.clone());
                }
                observer.source_finished(&result);
                result
            })
            .buffer_unordered(SOURCES_IN_FLIGHT)
            .collect()
            .await;
        if let Err(e) = self.apply_retention() {
            tracing::warn!("retention after sync: {e}");
        }
        // A portal that answered may take the reactions that waited for it.
        if results.iter().any(|r| r.ok) {
            self.send_reactions().await;
        }
        results
    }

    fn status(&self) -> MutexGuard<'_, SyncStatus> {
        self.inner.status.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Where the last or current sync stands.
    pub fn sync_status(&self) -> SyncStatus {
        self.status().clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceKind;

    fn source(id: i64, url: &str) -> Source {
        Source {
            id: SourceId(id),
            kind: SourceKind::Feed,
            url: url.into(),
            feed_url: url.into(),
            title: id.to_string(),
            site_url: None,
            unread: 0,
            total: 0,
            last_sync_at: None,
            last_error: None,
            last_error_kind: None,
            folder: vec![],
            encoding: None,
            interval_minutes: None,
            failures: 0,
            next_sync_at: None,
            etag: None,
            last_modified: None,
            body_hash: None,
            folder_id: None,
            feed_interval: None,
            keep_days: None,
            keep_articles: None,
            full_text: false,
            portal: None,
        }
    }

    #[test]
    fn sources_are_taken_round_robin_by_host() {
        let sources = vec![
            source(1, "http://a.example/1"),
            source(2, "http://a.example/2"),
            source(3, "http://a.example/3"),
            source(4, "http://b.example/1"),
            source(5, "http://c.example/1"),
        ];
        let order: Vec<i64> = interleave_by_host(sources).iter().map(|s| s.id.0).collect();
        assert_eq!(order, [1, 4, 5, 2, 3]);
    }
}
