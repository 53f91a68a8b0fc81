//! The sync's writer: one thread that takes sources' finished work and writes it to the store, committing
//! whatever has queued up together. SQLite takes one writer at a time and most of a commit's cost is per
//! commit (the search index's flush, the WAL pages), so when sources finish faster than they can be written,
//! a few share a commit. Each source's work is still all or nothing: if a group fails, its sources are
//! written again one by one, and only the one at fault reports the error.

use crate::error::{Error, Result};
use crate::model::SourceId;
use crate::store::{ChangeSet, PreparedItem, SourceUpdate, Store, StoreError, Write};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use tokio::sync::oneshot;

/// Sources written in one commit at most.
const MOST_PER_COMMIT: usize = 32;

/// One source's finished work.
pub enum Work {
    Items { source: SourceId, update: SourceUpdate, items: Vec<PreparedItem> },
    Failure { source: SourceId, kind: String, message: String, next_sync_at: i64 },
}

impl Work {
    fn as_write(&self) -> Write<'_> {
        match self {
            Work::Items { source, update, items } => Write::Items { source: *source, update, items },
            Work::Failure { source, kind, message, next_sync_at } => {
                Write::Failure { source: *source, kind, message, next_sync_at: *next_sync_at }
            }
        }
    }
}

struct Job {
    work: Work,
    reply: oneshot::Sender<Result<Option<ChangeSet>, StoreError>>,
}

/// A handle to the writer thread. Dropping it lets the thread finish what is queued and waits for it, so the
/// store is closed (and its WAL checkpointed) before the program exits.
pub struct Writer {
    jobs: Mutex<Option<mpsc::Sender<Job>>>,
    thread: Mutex<Option<std::thread::JoinHandle<()>>>,
}

impl Drop for Writer {
    fn drop(&mut self) {
        drop(self.jobs.lock().unwrap_or_else(|p| p.into_inner()).take());
        if let Some(thread) = self.thread.lock().unwrap_or_else(|p| p.into_inner()).take() {
            let _ = thread.join();
        }
    }
}

impl Writer {
    /// Starts the writer thread for `store`.
    pub fn start(store: Arc<Mutex<Store>>) -> Writer {
        let (jobs, queue) = mpsc::channel::<Job>();
        let thread = std::thread::Builder::new()
            .name("jianbao-writer".into())
            .spawn(move || run(&store, &queue))
            .expect("a thread can be started");
        Writer { jobs: Mutex::new(Some(jobs)), thread: Mutex::new(Some(thread)) }
    }

    /// Writes one source's work and says what changed (None for a failure record).
    pub async fn write(&self, work: Work) -> Result<Option<ChangeSet>> {
        let (reply, answer) = oneshot::channel();
        let stopped = || Error::Internal("the store writer has stopped".into());
        let jobs = self.jobs.lock().unwrap_or_else(|p| p.into_inner()).clone().ok_or_else(stopped)?;
        jobs.send(Job { work, reply }).map_err(|_| stopped())?;
        let result = answer.await.map_err(|_| stopped())?;
        Ok(result?)
    }
}

fn run(store: &Mutex<Store>, queue: &mpsc::Receiver<Job>) {
    while let Ok(first) = queue.recv() {
        let mut group = vec![first];
        while group.len() < MOST_PER_COMMIT {
            match queue.try_recv() {
                Ok(job) => group.push(job),
                Err(_) => break,
            }
        }
        let mut store = store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let writes: Vec<Write<'_>> = group.iter().map(|j| j.work.as_write()).collect();
        match store.apply_batch(&writes) {
            Ok(results) => {
                for (job, result) in group.into_iter().zip(results) {
                    let _ = job.reply.send(Ok(result));
                }
            }
            Err(_) if group.len() > 1 => {
                for job in group {
                    let result = store.apply_batch(&[job.work.as_write()]).map(|mut r| r.remove(0));
                    let _ = job.reply.send(result);
                }
            }
            Err(e) => {
                let _ = group.into_iter().next().map(|job| job.reply.send(Err(e)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CleanItem, SourceKind};
    use crate::store::{NewSource, prepare};

    fn item(guid: &str) -> CleanItem {
        CleanItem {
            guid: Some(guid.into()),
            title: guid.into(),
            html: "x".into(),
            text: "x".into(),
            ..Default::default()
        }
    }

    #[tokio::test]
    async fn a_group_that_fails_is_written_again_one_by_one_and_only_the_faulty_source_errs() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("lib.sqlite3")).unwrap();
        let good = store
            .add_source(&NewSource {
                kind: SourceKind::Feed,
                url: "http://a/",
                feed_url: "http://a/",
                title: "A",
                site_url: None,
            })
            .unwrap()
            .id;
        let store = Arc::new(Mutex::new(store));
        let writer = Writer::start(store.clone());
        // Hold the store so both jobs queue up and land in one group.
        let held = store.lock().unwrap();
        let ok = writer.write(Work::Items {
            source: good,
            update: SourceUpdate::default(),
            items: prepare(vec![item("1")]),
        });
        let bad = writer.write(Work::Items {
            source: SourceId(999),
            update: SourceUpdate::default(),
            items: prepare(vec![item("2")]),
        });
        let release = async {
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            drop(held);
        };
        let (ok, bad, ()) = tokio::join!(ok, bad, release);
        assert_eq!(ok.unwrap().unwrap().new.len(), 1);
        assert!(bad.is_err(), "a source that does not exist cannot take articles");
        assert_eq!(store.lock().unwrap().article_count().unwrap(), 1);
    }
}
