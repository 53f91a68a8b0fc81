//! Reading recent portal articles again, slowly, for their views, comments and reaction counts: the article page
//! is the only place they live, and each read counts as a view there.

use super::article::{fetch_page, read_article_page};
use crate::store::now_ts;
use crate::sync::Context;
use crate::view::Source;
use url::Url;

/// How counts of recent articles are refreshed: which articles, how often, how many per sync.
#[derive(Clone, Copy, Debug)]
pub struct RefreshPolicy {
    /// Articles younger than this are refreshed.
    pub max_age_days: i64,
    /// Not more often than this per article.
    pub every_minutes: i64,
    /// Article pages re-read per category and sync.
    pub per_sync: usize,
}

impl Default for RefreshPolicy {
    fn default() -> Self {
        RefreshPolicy { max_age_days: 3, every_minutes: 60, per_sync: 3 }
    }
}

/// Reads the first page of a few recent articles again for their views, comments and reaction counts.
pub(super) async fn refresh_counts(ctx: &Context<'_>, source: &Source, refresh: RefreshPolicy) -> usize {
    if refresh.per_sync == 0 || refresh.max_age_days == 0 {
        return 0;
    }
    let due = crate::sync::lock(ctx.store)
        .portal_refresh_due(
            source.id,
            now_ts() - refresh.max_age_days * 86_400,
            now_ts() - refresh.every_minutes * 60,
            refresh.per_sync,
        )
        .unwrap_or_default();
    let mut done = 0;
    for article in due {
        let fresh = match Url::parse(&article.link) {
            Ok(url) => match fetch_page(ctx.fetcher, &url, source.encoding.as_deref()).await {
                Ok((html, at)) => read_article_page(&html, &at).ok().and_then(|page| page.item.portal),
                Err(_) => None,
            },
            Err(_) => None,
        };
        let Some(fresh) = fresh else {
            // Tried: the next refreshes turn to the other articles first.
            let _ = crate::sync::lock(ctx.store).portal_refresh_tried(article.article);
            continue;
        };
        let mut store = crate::sync::lock(ctx.store);
        let mut merged = fresh.clone();
        if let Ok(Some(stored)) = store.article(article.article).map(|a| a.and_then(|a| a.portal)) {
            // The page shows the newest 20; older ones stay as stored.
            for old in stored.comments {
                if !merged.comments.contains(&old) {
                    merged.comments.push(old);
                }
            }
        }
        if store.update_portal_counts(article.article, &merged).is_ok() {
            done += 1;
        }
    }
    done
}
