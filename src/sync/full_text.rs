//! Full text: an article's linked page fetched once, decoded by the same rules as feeds, its main content
//! extracted and sanitized. Used for sources that ask for it (summary-only feeds) and for "save a page".

use super::lock;
use super::{cpu_slots, read_text};
use crate::error::{Error, Result};
use crate::extract::extract_article;
use crate::fetch::{Fetched, Fetcher};
use crate::model::{CleanItem, ParsedItem};
use crate::sanitize::Sanitizer;
use crate::store::{Store, prepare};
use crate::view::Source;
use futures::StreamExt;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use url::Url;

/// Pages fetched at once for one source.
const AT_ONCE: usize = 4;
/// Pages looked at per source and sync.
const PER_SYNC: u32 = 50;
/// Time one source's pages may take in one sync.
const TIME_LIMIT: Duration = Duration::from_secs(90);

/// Fetches `url` and extracts its article, sanitized, with the page's own address as its link and guid.
pub async fn fetch_article_page(fetcher: &Fetcher, url: &Url) -> Result<CleanItem> {
    let Fetched::Body(response) = fetcher.get(url, None).await? else {
        return Err(Error::Internal("an unconditional GET answered 304".into()));
    };
    let _cpu = cpu_slots().acquire().await.expect("never closed");
    tokio::task::spawn_blocking(move || {
        let text = read_text(&response);
        let article = extract_article(&text, &response.url)?;
        let parsed = ParsedItem {
            guid: Some(response.url.to_string()),
            link: Some(response.url.to_string()),
            title: article.title.unwrap_or_default(),
            author: article.byline,
            published: article.published,
            summary: article.excerpt,
            html: article.content_html,
            ..Default::default()
        };
        Ok(Sanitizer::new(Some(&response.url)).item(parsed))
    })
    .await
    .map_err(|e| Error::Internal(format!("extracting {url} failed: {e}")))?
}

/// For a source that asks for full text: fetches the pages of its articles that never had theirs. Returns how
/// many got their full text.
pub async fn fetch_full_texts(fetcher: &Fetcher, store: &Arc<Mutex<Store>>, source: &Source) -> usize {
    let wanted = lock(store).wanting_full_text(source.id, PER_SYNC).unwrap_or_default();
    let mut done = 0;
    let work = futures::stream::iter(wanted)
        .map(|(id, link)| async move {
            let outcome = match Url::parse(&link) {
                Ok(url) => fetch_article_page(fetcher, &url).await,
                Err(e) => Err(Error::InvalidUrl { url: link.clone(), reason: e.to_string() }),
            };
            match outcome {
                Ok(page) => {
                    let prepared = prepare(vec![page]);
                    lock(store).store_full_text(id, &prepared[0]).is_ok()
                }
                Err(e) => {
                    let _ = lock(store).full_text_failed(id, &e.to_string());
                    false
                }
            }
        })
        .buffer_unordered(AT_ONCE)
        .for_each(|ok| {
            done += usize::from(ok);
            futures::future::ready(())
        });
    // What is not done in time is fetched on the next sync.
    let _ = tokio::time::timeout(TIME_LIMIT, work).await;
    done
}
