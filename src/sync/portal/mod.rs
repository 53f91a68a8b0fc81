//! Syncing a followed Discuz! X portal category: the category feed as a cheap change signal, the list pages for
//! what is new (only as far back as articles are new), each new article page fetched once with all its pages and
//! comments, and the counts of recent articles read again at a slow pace.
//!
//! Every article page view counts on the portal, so an article is fetched once; a refused one (pending, removed,
//! login wall) is recorded and not asked for again for a while.

mod article;
mod refresh;

pub(crate) use article::fetch_page;
pub use refresh::RefreshPolicy;

use super::{Context, Outcome, Policy, cpu_slots, prepare_items, read_document};
use crate::error::{Error, Result};
use crate::fetch::{Fetched, Fetcher, Validators};
use crate::parse::Document;
use crate::parse::portal::{self, ListEntry, PageKind, Refusal, aid_from_url, page_kind, parse_list_page};
use crate::schedule::next_after_success;
use crate::store::{PortalRefusal, SourceUpdate, now_ts};
use crate::view::{PortalCategory, Source};
use article::{ArticleFailure, fetch_article};
use futures::StreamExt;
use refresh::refresh_counts;
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use url::Url;

/// List pages read per sync at most (15 articles a page on a stock site).
const MAX_LIST_PAGES: usize = 10;
/// New articles fetched per sync; the rest come on the next one.
const MAX_NEW_PER_SYNC: usize = 150;
/// Article pages fetched at once from one portal (the fetcher allows 2 per host anyway).
const AT_ONCE: usize = 2;
/// The list is read even when the feed says nothing changed, this often (the feed leaves out sub-categories).
const LIST_AT_LEAST_EVERY: i64 = 6 * 3600;

/// What the category feed says: whether it shows an article not yet stored, and the validators for next time.
struct Signal {
    /// True when the list must be read (new articles in the feed, or the feed told nothing).
    look: bool,
    update: SourceUpdate,
}

async fn read_signal(fetcher: &Fetcher, source: &Source, known: &HashSet<i64>) -> Signal {
    let mut update = SourceUpdate::default();
    let Ok(url) = Url::parse(&source.feed_url) else {
        return Signal { look: true, update };
    };
    let validators = Validators { etag: source.etag.clone(), last_modified: source.last_modified.clone() };
    let response = match fetcher.get(&url, Some(&validators)).await {
        Ok(Fetched::Body(response)) => response,
        // Not modified: nothing new in the feed; a failing feed tells nothing.
        Ok(Fetched::NotModified { .. }) => return Signal { look: false, update },
        Err(_) => return Signal { look: true, update },
    };
    let hash: String = Sha256::digest(&response.body)[..16].iter().map(|b| format!("{b:02x}")).collect();
    update.etag = response.validators.etag.clone();
    update.last_modified = response.validators.last_modified.clone();
    if source.body_hash.as_deref() == Some(hash.as_str()) {
        update.body_hash = Some(hash);
        return Signal { look: false, update };
    }
    // An empty channel (the feed's cache was being rebuilt), `RSS Disabled`, or anything unreadable: look at
    // the list. Only a feed that lists articles, all of them known, says "nothing new".
    let look = match read_document(&response, source.encoding.as_deref()) {
        Ok(Document::Feed(feed)) if !feed.items.is_empty() => {
            update.body_hash = Some(hash);
            feed.items.iter().any(|item| {
                let aid = item.link.as_deref().and_then(|l| Url::parse(l).ok()).as_ref().and_then(aid_from_url);
                aid.is_none_or(|aid| !known.contains(&aid))
            })
        }
        _ => true,
    };
    Signal { look, update }
}

/// Walks the list pages from the first, collecting articles not yet known, and stops at the first page with
/// nothing new, at a page seen before (a pager that loops) or after `MAX_LIST_PAGES`.
async fn new_entries(
    fetcher: &Fetcher,
    category: &PortalCategory,
    encoding: Option<&str>,
    known: &HashSet<i64>,
    notes: &mut Vec<String>,
) -> Result<(Vec<ListEntry>, usize)> {
    let mut found: Vec<ListEntry> = Vec::new();
    let mut subcategories = 0;
    let mut seen: HashSet<i64> = HashSet::new();
    let mut visited: HashSet<Url> = HashSet::new();
    let mut next = Some(
        Url::parse(&category.list_url)
            .map_err(|e| Error::InvalidUrl { url: category.list_url.clone(), reason: e.to_string() })?,
    );
    while let Some(url) = next.take() {
        if !visited.insert(url.clone()) {
            notes.push(format!("the list's pager leads back to {url}; stopped there"));
            break;
        }
        let (html, at) = fetch_page(fetcher, &url, encoding).await?;
        match page_kind(&html) {
            PageKind::Refused { refusal, text } => {
                return Err(Error::PortalRefused { url: at.to_string(), refusal, message: text });
            }
            PageKind::NotDiscuz => return Err(Error::NotPortal { url: at.to_string() }),
            _ => {}
        }
        let page = parse_list_page(&html, &at, portal::china_standard_time());
        if visited.len() == 1 {
            if page.entries.is_empty() {
                if page_kind(&html) != PageKind::List {
                    return Err(Error::Portal(format!("found no articles on the category's list page {at}")));
                }
                notes.push("the category lists no articles yet".into());
            }
            subcategories = page.subcategories.len();
        }
        let fresh: Vec<ListEntry> = page
            .entries
            .into_iter()
            .filter(|e| e.aid.is_some_and(|aid| !known.contains(&aid) && seen.insert(aid)))
            .collect();
        if fresh.is_empty() {
            break;
        }
        found.extend(fresh);
        if visited.len() >= MAX_LIST_PAGES {
            notes.push(format!("read the first {MAX_LIST_PAGES} list pages; older articles are left out"));
            break;
        }
        next = page.next;
    }
    Ok((found, subcategories))
}

/// Article pages being fetched right now, by portal: two categories of one portal syncing at once (a parent
/// that lists its sub-categories' articles, say) never fetch the same page twice.
struct Claims {
    site: String,
    aids: Vec<i64>,
}

fn in_flight() -> &'static std::sync::Mutex<HashSet<(String, i64)>> {
    static IN_FLIGHT: std::sync::OnceLock<std::sync::Mutex<HashSet<(String, i64)>>> = std::sync::OnceLock::new();
    IN_FLIGHT.get_or_init(Default::default)
}

impl Claims {
    /// Claims the entries' articles, dropping the ones another sync is fetching.
    fn take(site: &str, entries: &mut Vec<ListEntry>) -> Claims {
        let mut all = in_flight().lock().unwrap_or_else(|p| p.into_inner());
        let mut aids = Vec::new();
        entries.retain(|e| match e.aid {
            Some(aid) if all.insert((site.to_owned(), aid)) => {
                aids.push(aid);
                true
            }
            Some(_) => false,
            None => true,
        });
        Claims { site: site.to_owned(), aids }
    }
}

impl Drop for Claims {
    fn drop(&mut self) {
        let mut all = in_flight().lock().unwrap_or_else(|p| p.into_inner());
        for aid in &self.aids {
            all.remove(&(self.site.clone(), *aid));
        }
    }
}

/// Syncs a followed portal category. Returns how it went; per-article refusals are recorded on the source.
pub(super) async fn sync_category(
    ctx: &Context<'_>,
    source: &Source,
    category: &PortalCategory,
    policy: Policy,
    refresh: RefreshPolicy,
) -> Result<(Outcome, Vec<PortalRefusal>)> {
    let fetcher = ctx.fetcher;
    let encoding = source.encoding.as_deref();
    let (known, followed, other_lists) = {
        let store = super::lock(ctx.store);
        (
            store.portal_known_aids(&category.site_url)?,
            store.followed_categories(&category.site_url)?,
            store.other_category_lists(&category.site_url, source.id)?,
        )
    };
    let mut notes: Vec<String> = Vec::new();
    // The category feed leaves sub-categories out: only a category without any can trust it to say "nothing
    // new". The others read their first list page instead (one request either way).
    let signal = if category.subcategories == Some(0) {
        read_signal(fetcher, source, &known).await
    } else {
        Signal { look: true, update: SourceUpdate::default() }
    };
    let list_age = now_ts() - category.list_read_at.unwrap_or(0);
    let mut update = signal.update;
    update.next_sync_at =
        Some(next_after_success(now_ts(), source.interval_minutes, policy.default_interval_minutes, Some(3600)));
    let mut entries = Vec::new();
    if signal.look || list_age >= LIST_AT_LEAST_EVERY || source.total == 0 {
        let subcategories;
        (entries, subcategories) = new_entries(fetcher, category, encoding, &known, &mut notes).await?;
        // Articles a followed sub-category lists are fetched by that category's source, not twice.
        // (A folder category's link carries no catid: its address tells.)
        entries.retain(|e| {
            let by_id = e.catid.is_none_or(|c| c == category.catid || !followed.contains_key(&c));
            let by_url = e.category_url.as_ref().is_none_or(|u| !other_lists.contains(u.as_str()));
            by_id && by_url
        });
        super::lock(ctx.store).mark_list_read(source.id, subcategories)?;
    }
    // Articles that failed before (a timeout, a page that broke) are due again whether or not the list still
    // reaches them.
    let retries = super::lock(ctx.store).portal_retries_due(source.id)?;
    for (aid, url) in retries {
        if !entries.iter().any(|e| e.aid == Some(aid))
            && let Ok(url) = Url::parse(&url)
        {
            entries.push(ListEntry {
                url,
                title: String::new(),
                aid: Some(aid),
                published: None,
                catid: None,
                category_url: None,
                summary: None,
                thumbnail: None,
            });
        }
    }
    // Oldest first: the list is newest first, so an interrupted or capped sync leaves the newest for the next
    // one, which meets them on the first list page.
    entries.reverse();
    let mut capped = false;
    if entries.len() > MAX_NEW_PER_SYNC {
        notes.push(format!("fetched {MAX_NEW_PER_SYNC} of {} new articles; the rest come next sync", entries.len()));
        entries.truncate(MAX_NEW_PER_SYNC);
        capped = true;
    }
    // Two categories of one portal syncing at once never fetch the same article page.
    let claims = Claims::take(&category.site_url, &mut entries);
    let mut fetched = futures::stream::iter(entries)
        .map(|entry| async move {
            let outcome = fetch_article(fetcher, &entry.url, encoding).await;
            (entry, outcome)
        })
        .buffered(AT_ONCE);

    let mut items = Vec::new();
    let mut refusals = Vec::new();
    let mut failures: Vec<(i64, String, String)> = Vec::new();
    let mut blocked = None;
    while let Some((entry, outcome)) = fetched.next().await {
        let aid = entry.aid.unwrap_or_default();
        match outcome {
            Ok(mut item) => {
                // The list's date is there when a modified theme hides the page's own.
                if item.published.is_none() {
                    item.published = entry.published.clone();
                }
                // The list's lead picture shows when the article's body has none of its own.
                if item.thumbnail.is_none() {
                    item.thumbnail = entry.thumbnail.clone();
                }
                items.push(item);
            }
            Err(ArticleFailure::Refused(Refusal::AntiScraping, message)) => {
                // Every page after it would be the same: stop asking, keep what came before.
                blocked =
                    Some(Error::PortalRefused { url: entry.url.to_string(), refusal: Refusal::AntiScraping, message });
                break;
            }
            Err(ArticleFailure::Refused(refusal, message)) => {
                refusals.push(PortalRefusal {
                    aid,
                    url: entry.url.to_string(),
                    refusal: refusal.name().into(),
                    message,
                });
            }
            Err(ArticleFailure::Failed(e)) => failures.push((aid, entry.url.to_string(), e.to_string())),
        }
    }
    drop(fetched);
    drop(claims);
    if !failures.is_empty() {
        let said: Vec<String> = failures.iter().map(|(_, url, e)| format!("{url}: {e}")).collect();
        notes.push(format!(
            "{} article(s) failed and will be tried again in an hour: {}",
            failures.len(),
            said.join("; ")
        ));
    }
    if !refusals.is_empty() {
        let mut kinds: Vec<&str> = refusals.iter().map(|r| r.refusal.as_str()).collect();
        kinds.sort_unstable();
        kinds.dedup();
        notes.push(format!("{} article(s) refused by the portal ({})", refusals.len(), kinds.join(", ")));
    }
    {
        let mut store = super::lock(ctx.store);
        for refusal in &refusals {
            let wait = match refusal.refusal.as_str() {
                "pending" => 6 * 3600,
                "removed" => 24 * 3600,
                _ => 7 * 24 * 3600,
            };
            store.record_refusal(source.id, refusal, now_ts() + wait)?;
        }
        for (aid, url, error) in &failures {
            let failed =
                PortalRefusal { aid: *aid, url: url.clone(), refusal: "failed".into(), message: error.clone() };
            store.record_refusal(source.id, &failed, now_ts() + 3600)?;
        }
    }
    if capped || !failures.is_empty() || blocked.is_some() {
        // The feed must not say "nothing new" next time: what is left is not stored yet.
        update.body_hash = None;
        update.etag = None;
        update.last_modified = None;
    }
    let stored_aids: Vec<i64> = items.iter().filter_map(|i| i.portal.as_ref().and_then(|p| p.aid)).collect();
    let base = Url::parse(&category.site_url)
        .map_err(|e| Error::InvalidUrl { url: category.site_url.clone(), reason: e.to_string() })?;
    let clean = category.clean_pinyin;
    let prepared = {
        let _cpu = cpu_slots().acquire().await.expect("never closed");
        tokio::task::spawn_blocking(move || crate::store::prepare(prepare_items(items, &base, clean)))
            .await
            .map_err(|e| Error::Internal(format!("preparing portal articles failed: {e}")))?
    };
    let changes =
        ctx.writer.write(super::Work::Items { source: source.id, update, items: prepared }).await?.unwrap_or_default();
    super::lock(ctx.store).clear_refusals(source.id, &stored_aids)?;
    if let Some(error) = blocked {
        return Err(error);
    }
    let refreshed = refresh_counts(ctx, source, refresh).await;
    if refreshed > 0 {
        notes.push(format!("refreshed the counts of {refreshed} recent article(s)"));
    }
    Ok((
        Outcome {
            new: changes.new.len(),
            updated: changes.updated.len(),
            unchanged: false,
            note: (!notes.is_empty()).then(|| notes.join("; ")),
        },
        refusals,
    ))
}
