//! The `jianbao` command line: a thin face over the library facade. Its commands, flags and JSON fields are a
//! contract scripts rely on: add beside them, never rename them.

mod cli;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "jianbao", version, about = "Jianbao (剪報): an offline-first reader for feeds and Discuz! X portals")]
struct Cli {
    /// The library folder (created if missing); default: the platform's per-user data folder.
    #[arg(long, global = true, env = "JIANBAO_DATA_DIR", value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Do not put the starter set into a new library.
    #[arg(long, global = true, env = "JIANBAO_NO_STARTER", action = clap::ArgAction::SetTrue,
          value_parser = clap::builder::BoolishValueParser::new())]
    no_starter: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Subscribe to a feed, or to the feed a web page names; prints the new source's id and title. A Discuz! X
    /// portal's category list or category feed is subscribed directly; its home or an article page prints the
    /// portal's categories (catid and name) to choose from with --category or --all.
    Add {
        url: String,
        /// Which feed to take when the page names several (1-based).
        #[arg(long, value_name = "N")]
        pick: Option<usize>,
        /// A portal category to follow, by catid (repeatable).
        #[arg(long = "category", value_name = "N", conflicts_with = "all")]
        categories: Vec<i64>,
        /// Follow every category of the portal.
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// Fetch new articles for all sources, or for the ones given.
    Sync {
        ids: Vec<i64>,
        /// Only the sources whose scheduled time has come (feeds' own intervals and back-off respected).
        #[arg(long, conflicts_with = "ids")]
        due: bool,
        /// Do not download pictures this time (they stay pending and come with a later sync).
        #[arg(long)]
        no_pictures: bool,
    },
    /// List subscribed sources.
    Sources {
        #[arg(long)]
        json: bool,
    },
    /// Unsubscribe from a source, deleting its articles.
    Remove { id: i64 },
    /// Show a source's settings, or change them: --set title=..., encoding=gbk|auto, folder=A/B (empty for the
    /// top level), interval=MINUTES|default.
    Source {
        id: i64,
        #[arg(long = "set", value_name = "KEY=VALUE")]
        set: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Save any article page for reading later: extracted, bookmarked, with its pictures, in the Saved source.
    Save {
        url: String,
        #[arg(long)]
        json: bool,
    },
    /// Subscribe to every feed of an OPML file (nested outlines become folders); nothing is fetched until sync.
    ImportOpml { file: PathBuf },
    /// List articles, newest first.
    List {
        #[arg(long, value_name = "ID")]
        source: Option<i64>,
        #[arg(long)]
        unread: bool,
        #[arg(long)]
        bookmarked: bool,
        #[arg(long, value_name = "N")]
        limit: Option<u32>,
        /// Portal articles in this category (any level of the category path).
        #[arg(long, value_name = "NAME")]
        category: Option<String>,
        /// Portal articles by this publisher.
        #[arg(long, value_name = "NAME")]
        publisher: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show one article.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Mark an article read.
    Read { id: i64 },
    /// Mark an article unread.
    Unread { id: i64 },
    /// Bookmark an article.
    Bookmark { id: i64 },
    /// Remove an article's bookmark.
    Unbookmark { id: i64 },
    /// Set your reaction to an article (one per article), or clear it with --clear.
    React {
        id: i64,
        #[arg(value_enum, required_unless_present = "clear")]
        reaction: Option<ReactionArg>,
        #[arg(long, conflicts_with = "reaction")]
        clear: bool,
    },
    /// Full-text search (Chinese words of any length, either script).
    Search {
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        #[arg(long, value_name = "N", default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Show the library's settings, or change them: --set KEY=VALUE (keys as `settings --json` prints them).
    Settings {
        #[arg(long = "set", value_name = "KEY=VALUE")]
        set: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Sign in to a Discuz! X portal (to send reactions); the sign-in is kept in the system's credential store.
    Login {
        /// Any URL of the portal (its home, a category, an article).
        url: String,
        /// The member name; the password is asked for on the terminal, or read with --password-stdin.
        #[arg(long, required_unless_present = "cookie_stdin")]
        user: Option<String>,
        /// Read the password from standard input (one line).
        #[arg(long, requires = "user")]
        password_stdin: bool,
        /// Read a cookie copied from the browser (name=value; ...) from standard input instead of signing in.
        #[arg(long, conflicts_with_all = ["user", "password_stdin"])]
        cookie_stdin: bool,
        #[arg(long)]
        json: bool,
    },
    /// Forget the sign-in to a portal.
    Logout { url: String },
    /// Export every article.
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Write here instead of standard output.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Web mode: serve the reader on 127.0.0.1; the first line printed is the URL to open.
    Serve {
        /// 0 picks a free port.
        #[arg(long, default_value_t = 0)]
        port: u16,
    },
}

/// The five reactions, by their stable names.
#[derive(Clone, Copy, ValueEnum)]
enum ReactionArg {
    Flowers,
    Handshake,
    Shocking,
    Passing,
    Eggs,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    /// Every article, one JSON object per line.
    Ndjson,
    /// Every feed subscription, in its folders.
    Opml,
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "warn".into()))
        .with_writer(std::io::stderr)
        .init();
    let args = Cli::parse();
    match cli::run(args).await {
        Ok(code) => code,
        Err(e) => {
            eprintln!("jianbao: {e:#}");
            ExitCode::from(cli::exit_code(&e))
        }
    }
}
