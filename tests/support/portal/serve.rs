//! `portal-server`: the test portal on its own, for browser tests and for looking at it.
//! `portal-server [--port P] [--charset utf8|gbk|big5] [--theme stock|modified] [--urls dynamic|rewrite|folder]
//! [--feed normal|empty|disabled] [--anti-scraping on|off]` prints its base URL as the first line of standard
//! output and serves until killed.

#[path = "mod.rs"]
mod portal;

use portal::{Charset, FeedMode, PortalConfig, PortalServer, Theme, Urls};
use std::io::Write;

fn usage() -> ! {
    eprintln!(
        "usage: portal-server [--port P] [--charset utf8|gbk|big5] [--theme stock|modified] \
         [--urls dynamic|rewrite|folder] [--feed normal|empty|disabled] [--anti-scraping on|off]"
    );
    std::process::exit(2)
}

fn main() {
    let mut config = PortalConfig::default();
    let mut port = 0u16;
    let mut feed = FeedMode::Normal;
    let mut anti_scraping = false;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().unwrap_or_else(|| usage());
        match flag.as_str() {
            "--port" => port = value.parse().unwrap_or_else(|_| usage()),
            "--charset" => config.charset = Charset::parse(&value).unwrap_or_else(|| usage()),
            "--theme" => config.theme = Theme::parse(&value).unwrap_or_else(|| usage()),
            "--urls" => config.urls = Urls::parse(&value).unwrap_or_else(|| usage()),
            "--feed" => {
                feed = match value.as_str() {
                    "normal" => FeedMode::Normal,
                    "empty" => FeedMode::Empty,
                    "disabled" => FeedMode::Disabled,
                    _ => usage(),
                }
            }
            "--anti-scraping" => anti_scraping = value == "on",
            _ => usage(),
        }
    }
    let server = PortalServer::start_on_port(config, port);
    server.set_feed(feed);
    server.set_anti_scraping(anti_scraping);
    let mut out = std::io::stdout();
    writeln!(out, "{}", server.url("")).unwrap();
    out.flush().unwrap();
    loop {
        std::thread::park();
    }
}
