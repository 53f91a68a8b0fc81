//! `add`'s half of the network: what a URL stands for (a feed, or a page naming feeds or keeping one at a
//! common path). Network only; nothing is stored.

use super::portal_site::{self, PortalSite};
use super::read_document;
use crate::error::{Error, Result};
use crate::fetch::{Fetched, Fetcher, Response};
use crate::model::ParsedFeed;
use crate::parse::{Document, FeedLink};
use url::Url;

/// What `add` learned about a URL: where its feed is and what it is called.
#[derive(Debug)]
pub struct Identified {
    /// The URL to record as subscribed: what the user typed when it was the feed, else the feed a page named.
    pub subscribed: Url,
    pub feed_url: Url,
    pub title: String,
    pub site_url: Option<String>,
}

/// Paths where sites commonly keep a feed they do not announce.
const COMMON_FEED_PATHS: [&str; 6] = ["/feed", "/rss.xml", "/atom.xml", "/feed.xml", "/index.xml", "/rss"];

async fn get_body(fetcher: &Fetcher, url: &Url) -> Result<Response> {
    match fetcher.get(url, None).await? {
        Fetched::Body(response) => Ok(response),
        Fetched::NotModified { .. } => unreachable!("an unconditional GET never answers 304 here"),
    }
}

/// What a URL stands for: a feed, or a Discuz! X portal (with its categories).
#[derive(Debug)]
pub enum Found {
    Feed(Identified),
    Portal(PortalSite),
}

/// Finds what a URL stands for: a Discuz! X portal page or category feed, the URL itself when it is a feed, or
/// the feed a web page names or keeps at a common path (`pick`, 1-based, when there are several). Network only;
/// nothing is stored.
pub async fn identify(fetcher: &Fetcher, url: &Url, pick: Option<usize>) -> Result<Found> {
    if portal_site::category_feed_catid(url).is_some()
        && let Some(site) = portal_site::from_category_feed(fetcher, url, None).await?
    {
        return Ok(Found::Portal(site));
    }
    let response = get_body(fetcher, url).await?;
    let looks_like_html = response.content_type.as_deref().is_some_and(|t| t.contains("html"))
        || response.body.iter().take(512).any(|b| *b == b'<') && !response.body.starts_with(b"<?xml");
    if looks_like_html {
        let text = super::read_text(&response);
        // A Discuz! X page that leads to no portal category (a forum page, say) is read like any page.
        if let Some(site) = portal_site::discover(fetcher, &text, &response.url, None).await?
            && (site.direct.is_some() || !site.categories.is_empty())
        {
            return Ok(Found::Portal(site));
        }
    }
    identify_feed(fetcher, url, response, pick).await.map(Found::Feed)
}

async fn identify_feed(fetcher: &Fetcher, url: &Url, response: Response, pick: Option<usize>) -> Result<Identified> {
    let feeds = match read_document(&response, None)? {
        // Only a permanent move changes where the feed is fetched from; a temporary one (a signed or load-balanced
        // address) is not worth keeping.
        Document::Feed(feed) => return Ok(identified(url.clone(), response.moved_to.unwrap_or(url.clone()), feed)),
        Document::Page { feeds, .. } if !feeds.is_empty() => feeds,
        Document::Page { .. } => probe_common_paths(fetcher, &response.url).await,
    };
    let chosen = choose(url, feeds, pick)?;
    let feed_url =
        Url::parse(&chosen.url).map_err(|e| Error::InvalidUrl { url: chosen.url.clone(), reason: e.to_string() })?;
    let response = get_body(fetcher, &feed_url).await?;
    match read_document(&response, None)? {
        Document::Feed(feed) => Ok(identified(feed_url.clone(), response.moved_to.unwrap_or(feed_url), feed)),
        Document::Page { .. } => Err(Error::NoFeed { url: feed_url.to_string() }),
    }
}

/// Feeds found at the site's common feed paths (for pages that announce none).
async fn probe_common_paths(fetcher: &Fetcher, page: &Url) -> Vec<FeedLink> {
    let probes = COMMON_FEED_PATHS.iter().filter_map(|path| page.join(path).ok()).map(|candidate| async move {
        let response = get_body(fetcher, &candidate).await.ok()?;
        match read_document(&response, None).ok()? {
            Document::Feed(feed) => Some(FeedLink { url: candidate.to_string(), title: feed.title }),
            Document::Page { .. } => None,
        }
    });
    let mut found: Vec<FeedLink> = Vec::new();
    for link in futures::future::join_all(probes).await.into_iter().flatten() {
        if !found.iter().any(|f| f.url == link.url) {
            found.push(link);
        }
    }
    found
}

fn choose(url: &Url, mut feeds: Vec<FeedLink>, pick: Option<usize>) -> Result<FeedLink> {
    match (feeds.len(), pick) {
        (0, _) => Err(Error::NoFeed { url: url.to_string() }),
        (n, Some(p)) if p == 0 || p > n => {
            Err(Error::InvalidArgument(format!("--pick {p}: {url} names {n} feed(s); pick 1 to {n}")))
        }
        (_, Some(p)) => Ok(feeds.swap_remove(p - 1)),
        (1, None) => Ok(feeds.remove(0)),
        (_, None) => Err(Error::MultipleFeeds { url: url.to_string(), candidates: feeds }),
    }
}

fn identified(subscribed: Url, feed_url: Url, feed: ParsedFeed) -> Identified {
    let title = feed.title.clone().unwrap_or_else(|| feed_url.host_str().unwrap_or("feed").to_owned());
    Identified { subscribed, feed_url, title, site_url: feed.site_url }
}
