//! Sync progress on the command line: a bar on a terminal, one line per source otherwise.

use indicatif::{ProgressBar, ProgressStyle};
use jianbao::sync::{SyncObserver, SyncResult};
use jianbao::view::Source;
use std::io::IsTerminal;

/// A sync observer for this terminal (or pipe).
pub trait CliObserver: SyncObserver {
    fn finish(&self) {}
}

/// A bar when a person watches both outputs; one line per source on standard output whenever it goes to a
/// file or a pipe (`jianbao sync > log` keeps its lines).
pub fn observer() -> Box<dyn CliObserver> {
    if std::io::stderr().is_terminal() && std::io::stdout().is_terminal() {
        Box::new(Bar::new())
    } else {
        Box::new(Lines)
    }
}

/// One line per finished source, on standard output.
fn result_line(r: &SyncResult) -> String {
    match (&r.error, &r.skipped) {
        (Some(e), _) => format!("failed\t{}\t{} <{}>\t{}", r.source_id, r.title, r.url, e),
        (None, Some(why)) => format!("skipped\t{}\t{}\t{}", r.source_id, r.title, why),
        (None, None) => {
            let note = r.note.as_deref().map(|n| format!(" ({n})")).unwrap_or_default();
            format!("ok\t{}\t{}\t{} new, {} updated{note}", r.source_id, r.title, r.new, r.updated)
        }
    }
}

struct Lines;
impl SyncObserver for Lines {
    fn source_finished(&self, result: &SyncResult) {
        println!("{}", result_line(result));
    }
}
impl CliObserver for Lines {}

struct Bar(ProgressBar);
impl Bar {
    fn new() -> Bar {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("{spinner} syncing [{bar:30}] {pos}/{len} {wide_msg}")
                .expect("static template")
                .progress_chars("=> "),
        );
        Bar(bar)
    }
}
impl SyncObserver for Bar {
    fn started(&self, total: usize) {
        self.0.set_length(total as u64);
    }
    fn source_started(&self, source: &Source) {
        self.0.set_message(source.title.clone());
    }
    fn source_finished(&self, result: &SyncResult) {
        self.0.println(result_line(result));
        self.0.inc(1);
    }
}
impl CliObserver for Bar {
    fn finish(&self) {
        self.0.finish_and_clear();
    }
}
