//! Every document of every corpus through the pipeline: none may panic or hang; broken ones end in an error.

use super::pipeline::{self, Outcome};
use std::path::{Path, PathBuf};
use url::Url;

/// How a whole corpus went.
#[derive(Default)]
pub struct Sweep {
    pub feeds: usize,
    pub pages: usize,
    pub errors: Vec<String>,
    /// Documents that panicked or never finished: each one is a bug.
    pub crashes: Vec<String>,
}

/// Files that hold what upstream expects rather than a document to read.
fn is_expectation(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let in_gofeed_xml_dir = path.components().any(|c| c.as_os_str() == "gofeed")
        && path.parent().is_some_and(|p| p.ends_with("atom") || p.ends_with("rss"))
        && name.ends_with(".json");
    name.ends_with(".serde.json")
        || name.ends_with("_expected.json")
        || name == "expectations.derived.json"
        || name == "LICENSE"
        || in_gofeed_xml_dir
}

/// Every document under `dir`, in a stable order.
pub fn documents(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                if !path.ends_with("_upstream") {
                    stack.push(path);
                }
            } else if !is_expectation(&path) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Runs every document of one corpus, as if fetched from a URL named after its path.
pub fn sweep(root: &Path, corpus: &str) -> Sweep {
    let mut s = Sweep::default();
    for doc in documents(&root.join(corpus)) {
        let name = doc.strip_prefix(root).unwrap_or(&doc).display().to_string();
        let base = Url::parse("http://corpus.test/").and_then(|b| b.join(&name)).expect("a URL");
        match pipeline::run(&doc, &base) {
            Ok(Outcome::Feed { .. }) => s.feeds += 1,
            Ok(Outcome::Page { .. }) => s.pages += 1,
            Ok(Outcome::Error(e)) => s.errors.push(format!("{name}: {e}")),
            Err(crash) => s.crashes.push(format!("{name}: {crash}")),
        }
    }
    s
}

impl Sweep {
    pub fn report(&self, corpus: &str) -> String {
        let mut out = format!(
            "{corpus}: {} feeds, {} pages, {} refused with an error, {} crashed\n",
            self.feeds,
            self.pages,
            self.errors.len(),
            self.crashes.len()
        );
        for e in &self.errors {
            out.push_str(&format!("    error  {e}\n"));
        }
        for c in &self.crashes {
            out.push_str(&format!("    CRASH  {c}\n"));
        }
        out
    }
}
