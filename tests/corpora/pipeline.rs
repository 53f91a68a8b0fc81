//! One document through the program's own path (decode → parse → prepare_items), isolated in a thread so a
//! panic or a hang is reported against its document instead of ending the run.

use jianbao::model::{CleanItem, ParsedFeed, ParsedItem};
use jianbao::parse::{Document, FeedLink, parse_document};
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;
use url::Url;

/// Longer than any real document takes in a debug build; a parser that loops forever is caught here.
const PATIENCE: Duration = Duration::from_secs(60);

/// What the program made of one document.
#[derive(Debug)]
pub enum Outcome {
    /// A feed: what the parser returned and what would be stored (sanitized), item by item.
    Feed { feed: ParsedFeed, items: Vec<(ParsedItem, CleanItem)> },
    /// A web page and the feeds it names.
    Page { feeds: Vec<FeedLink> },
    /// The document was refused with an error.
    Error(String),
}

impl Outcome {
    pub fn feed(&self) -> Option<&ParsedFeed> {
        match self {
            Outcome::Feed { feed, .. } => Some(feed),
            _ => None,
        }
    }

    /// The items of a feed; none for anything else.
    pub fn items(&self) -> &[(ParsedItem, CleanItem)] {
        match self {
            Outcome::Feed { items, .. } => items,
            _ => &[],
        }
    }

    pub fn page_feeds(&self) -> &[FeedLink] {
        match self {
            Outcome::Page { feeds } => feeds,
            _ => &[],
        }
    }

    pub fn is_error(&self) -> bool {
        matches!(self, Outcome::Error(_))
    }

    /// A one-line account for failure messages.
    pub fn describe(&self) -> String {
        match self {
            Outcome::Feed { items, .. } => format!("a feed of {} item(s)", items.len()),
            Outcome::Page { feeds } => format!("a page naming {} feed(s)", feeds.len()),
            Outcome::Error(e) => format!("an error: {e}"),
        }
    }
}

/// Runs the pipeline on the bytes of `path` as if fetched from `base` with no HTTP charset.
fn run_inline(bytes: &[u8], base: &Url) -> Outcome {
    let decoded = jianbao::decode::decode(bytes, None);
    let text = jianbao::decode::declare_utf8(&decoded.text);
    match parse_document(&text, base) {
        Ok(Document::Feed(feed)) => {
            let clean = jianbao::sync::prepare_items(feed.items.clone(), base, true);
            let items = feed.items.iter().cloned().zip(clean).collect();
            Outcome::Feed { feed, items }
        }
        Ok(Document::Page { feeds, .. }) => Outcome::Page { feeds },
        Err(e) => Outcome::Error(e.to_string()),
    }
}

/// Runs one document in its own thread. `Err` says it panicked or never finished.
pub fn run(path: &Path, base: &Url) -> Result<Outcome, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("unreadable: {e}"))?;
    let base = base.clone();
    let (tx, rx) = mpsc::channel();
    let worker = std::thread::Builder::new()
        .name(path.display().to_string())
        .spawn(move || {
            let _ = tx.send(run_inline(&bytes, &base));
        })
        .map_err(|e| format!("no thread: {e}"))?;
    match rx.recv_timeout(PATIENCE) {
        Ok(outcome) => {
            let _ = worker.join();
            Ok(outcome)
        }
        // The sender was dropped without sending: the thread panicked.
        Err(mpsc::RecvTimeoutError::Disconnected) => Err("panicked".into()),
        // The thread is left behind; the test reports it and the process ends with the test run.
        Err(mpsc::RecvTimeoutError::Timeout) => Err(format!("still running after {PATIENCE:?}")),
    }
}

/// Runs a document that must finish; a panic or a hang becomes an error outcome, counted by the caller.
pub fn outcome(path: &Path, base: &Url) -> Outcome {
    run(path, base).unwrap_or_else(|e| Outcome::Error(format!("PIPELINE FAILURE: {e}")))
}
