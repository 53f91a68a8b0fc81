//! "Save a page": any article URL becomes a bookmarked article of the local Saved source, its main content
//! extracted and its pictures stored, readable offline like everything else.

use super::Library;
use crate::error::{Error, Result};
use crate::model::{ArticleId, SourceKind};
use crate::store::{NewSource, SourceUpdate};
use crate::sync::{fetch_article_page, parse_http_url};
use crate::view::Article;

/// The `source_url` of the Saved source.
pub const SAVED_URL: &str = "jianbao:saved";

/// Title of the Saved source.
pub const SAVED_TITLE: &str = "Saved 收藏";

impl Library {
    /// Fetches `url`, extracts its article into the Saved source, bookmarks it and stores its pictures. Saving
    /// a page again refreshes it.
    pub async fn save_page(&self, url: &str) -> Result<Article> {
        let url = parse_http_url(url)?;
        let item = fetch_article_page(&self.inner.fetcher, &url).await?;
        let guid = item.guid.clone().unwrap_or_else(|| url.to_string());
        let id: ArticleId = {
            let mut store = self.store();
            let source = match store.source_by_url(SAVED_URL)? {
                Some(source) => source,
                None => store.add_source(&NewSource {
                    kind: SourceKind::Local,
                    url: SAVED_URL,
                    feed_url: SAVED_URL,
                    title: SAVED_TITLE,
                    site_url: None,
                })?,
            };
            store.apply_sync(source.id, &SourceUpdate::default(), &[item])?;
            let id =
                store.article_id_by_guid(source.id, &guid)?.ok_or(Error::Internal(format!("{url} was not saved")))?;
            store.set_bookmarked(id, true)?;
            id
        };
        let source = self.article(id)?.source_id;
        let budget = self.settings()?.picture_budget_mb.saturating_mul(1024 * 1024);
        if budget > 0 {
            crate::sync::download_pictures(&self.inner.fetcher, &self.inner.store, &self.inner.files, source, budget)
                .await;
        }
        self.article(id)
    }
}
