//! Subscriptions through the facade: add (identifying the URL over the network first), change settings,
//! remove, and OPML import and export.

use super::Library;
use crate::decode::is_known_label;
use crate::error::{Error, Result};
use crate::model::{SourceId, SourceKind};
use crate::opml::{OpmlFeed, read_opml, write_opml};
use crate::parse::portal;
use crate::store::{NewSource, SourceSettings};
use crate::sync::{Found, PortalSite, identify, parse_http_url};
use crate::view::{PortalCategory, Source};
use serde::{Deserialize, Serialize};
use url::Url;

/// A change to a source's settings, as the UI and `jianbao source ID --set` give it. Absent fields stay as
/// they are; `encoding: null` and `interval_minutes: null` return to automatic / the library default.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct SourceChanges {
    pub title: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub encoding: Option<Option<String>>,
    pub folder: Option<Vec<String>>,
    #[serde(default, deserialize_with = "present")]
    pub interval_minutes: Option<Option<i64>>,
    #[serde(default, deserialize_with = "present")]
    pub keep_days: Option<Option<i64>>,
    #[serde(default, deserialize_with = "present")]
    pub keep_articles: Option<Option<i64>>,
    pub full_text: Option<bool>,
    /// Portal categories only: remove inline pinyin before storing.
    pub clean_pinyin: Option<bool>,
}

/// Tells a field given as `null` (Some(None)) from a field left out (None).
fn present<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// The next fetch after a success at `last`, under the current intervals.
pub(super) fn reschedule_at(last: i64, user_minutes: Option<i64>, feed_secs: Option<i64>, default_minutes: i64) -> i64 {
    let feed_asks = feed_secs.and_then(|s| u32::try_from(s).ok());
    crate::schedule::next_after_success(last, user_minutes, default_minutes, feed_asks)
}

/// How long a portal's category tree is remembered after it was shown.
const PORTAL_SITE_KEPT: std::time::Duration = std::time::Duration::from_secs(600);

/// What an OPML import did.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct ImportReport {
    pub added: usize,
    /// The new sources' ids.
    pub source_ids: Vec<SourceId>,
    pub already_subscribed: usize,
    /// Outlines whose xmlUrl is not an http(s) URL, with why.
    pub refused: Vec<String>,
}

impl Library {
    /// Subscribes to `url` (a feed, or a page naming one; `pick` chooses among several). Stores no articles.
    pub async fn add_source(&self, url: &str, pick: Option<usize>) -> Result<Source> {
        let url = parse_http_url(url)?;
        let typed = url.to_string();
        if let Some(existing) = self.store().source_by_url(&typed)? {
            return Err(Error::AlreadySubscribed { url: typed, id: existing.id });
        }
        let found = match identify(&self.inner.fetcher, &url, pick).await? {
            Found::Feed(found) => found,
            Found::Portal(site) => {
                self.remember_portal(&typed, &site);
                return match site.direct {
                    Some(catid) => self.follow_category(&site, catid),
                    None => Err(Error::PortalCategories { url: typed, site: Box::new(site) }),
                };
            }
        };
        let mut store = self.store();
        for known in [&found.subscribed, &found.feed_url] {
            if let Some(existing) = store.source_by_url(known.as_str())? {
                return Err(Error::AlreadySubscribed { url: known.to_string(), id: existing.id });
            }
        }
        Ok(store.add_source(&NewSource {
            kind: SourceKind::Feed,
            url: found.subscribed.as_str(),
            feed_url: found.feed_url.as_str(),
            title: &found.title,
            site_url: found.site_url.as_deref(),
        })?)
    }

    /// Finds the Discuz! X portal behind `url` and its categories, subscribing to nothing.
    pub async fn portal_categories(&self, url: &str) -> Result<PortalSite> {
        let url = parse_http_url(url)?;
        if let Some(site) = self.remembered_portal(url.as_str()) {
            return Ok(site);
        }
        match identify(&self.inner.fetcher, &url, None).await? {
            Found::Portal(site) => {
                self.remember_portal(url.as_str(), &site);
                Ok(site)
            }
            Found::Feed(_) => Err(Error::NotPortal { url: url.to_string() }),
        }
    }

    fn remember_portal(&self, url: &str, site: &PortalSite) {
        let mut sites = self.inner.portal_sites.lock().unwrap_or_else(|p| p.into_inner());
        sites.retain(|_, (at, _)| at.elapsed() < PORTAL_SITE_KEPT);
        sites.insert(url.to_owned(), (std::time::Instant::now(), site.clone()));
    }

    fn remembered_portal(&self, url: &str) -> Option<PortalSite> {
        let sites = self.inner.portal_sites.lock().unwrap_or_else(|p| p.into_inner());
        sites.get(url).filter(|(at, _)| at.elapsed() < PORTAL_SITE_KEPT).map(|(_, site)| site.clone())
    }

    /// Follows categories of the portal behind `url`: those in `catids`, or all of them when None. Categories
    /// already followed are left as they are and listed with the new ones.
    pub async fn add_portal_categories(&self, url: &str, catids: Option<&[i64]>) -> Result<Vec<Source>> {
        let site = self.portal_categories(url).await?;
        let wanted: Vec<i64> = match catids {
            Some(ids) => ids.to_vec(),
            None => site.categories.iter().map(|c| c.catid).collect(),
        };
        if let Some(unknown) = wanted.iter().find(|id| site.category(**id).is_none() && site.direct != Some(**id)) {
            let known: Vec<String> = site.categories.iter().map(|c| format!("{} {}", c.catid, c.name)).collect();
            return Err(Error::InvalidArgument(format!(
                "the portal at {} has no category {unknown}; it has: {}",
                site.site_url,
                known.join(", ")
            )));
        }
        let mut sources = Vec::new();
        for catid in wanted {
            match self.follow_category(&site, catid) {
                Ok(source) => sources.push(source),
                Err(Error::AlreadySubscribed { id, .. }) => {
                    sources.extend(self.store().source(id)?);
                }
                Err(e) => return Err(e),
            }
        }
        Ok(sources)
    }

    /// The articles a portal category's pages would not show (pending, removed, login wall), as last seen.
    pub fn portal_refusals(&self, id: SourceId) -> Result<Vec<crate::store::PortalRefusal>> {
        Ok(self.store().portal_refusals(id)?)
    }

    /// Subscribes to one category of a portal, in a folder named after the portal.
    fn follow_category(&self, site: &PortalSite, catid: i64) -> Result<Source> {
        let site_url = Url::parse(&site.site_url)
            .map_err(|e| Error::InvalidUrl { url: site.site_url.clone(), reason: e.to_string() })?;
        let (name, list_url) = match site.category(catid) {
            Some(c) => (c.name.clone(), c.list_url.clone()),
            None => (format!("catid {catid}"), portal::category_list_url(&site_url, catid).to_string()),
        };
        let feed_url = portal::category_feed_url(&site_url, catid).to_string();
        let mut store = self.store();
        if let Some(id) = store.followed_categories(&site.site_url)?.get(&catid) {
            return Err(Error::AlreadySubscribed { url: list_url, id: *id });
        }
        for known in [&list_url, &feed_url] {
            if let Some(existing) = store.source_by_url(known)? {
                return Err(Error::AlreadySubscribed { url: known.clone(), id: existing.id });
            }
        }
        let category = PortalCategory {
            site_url: site.site_url.clone(),
            catid,
            list_url: list_url.clone(),
            clean_pinyin: true,
            subcategories: None,
            list_read_at: None,
        };
        let new = NewSource {
            kind: SourceKind::Portal,
            url: &list_url,
            feed_url: &feed_url,
            title: &name,
            site_url: Some(&site.site_url),
        };
        // With the portal's other categories, wherever the reader put them; else in a folder named after it.
        let sibling =
            store.sources()?.into_iter().find(|s| s.portal.as_ref().is_some_and(|p| p.site_url == site.site_url));
        let source = store.add_portal_source(&new, &category)?;
        let folder = match sibling {
            Some(s) => s.folder,
            None => vec![site.name.clone().unwrap_or_else(|| site_url.host_str().unwrap_or("portal").to_owned())],
        };
        store.update_source(source.id, &SourceSettings { folder: Some(folder), ..Default::default() })?;
        Ok(store.source(source.id)?.unwrap_or(source))
    }

    /// Changes a source's title, encoding override, folder or sync interval.
    pub fn update_source(&self, id: SourceId, changes: &SourceChanges) -> Result<Source> {
        if let Some(Some(label)) = &changes.encoding
            && !is_known_label(label)
        {
            return Err(Error::InvalidArgument(format!(
                "encoding {label:?} is not one Jianbao knows (try gbk, big5, shift_jis, utf-8)"
            )));
        }
        if let Some(Some(minutes)) = changes.interval_minutes
            && !(1..=7 * 24 * 60).contains(&minutes)
        {
            return Err(Error::InvalidArgument(format!("interval {minutes} minutes: choose 1 minute to 7 days")));
        }
        if [changes.keep_days, changes.keep_articles].iter().any(|v| matches!(v, Some(Some(n)) if *n < 0)) {
            return Err(Error::InvalidArgument("keep_days and keep_articles are 0 (no limit) or more".into()));
        }
        if changes.title.as_deref().is_some_and(|t| t.trim().is_empty()) {
            return Err(Error::InvalidArgument("a source's title cannot be empty".into()));
        }
        let settings = SourceSettings {
            title: changes.title.as_ref().map(|t| t.trim().to_owned()),
            encoding: changes.encoding.clone(),
            folder: changes.folder.clone(),
            interval_minutes: changes.interval_minutes,
            keep_days: changes.keep_days,
            keep_articles: changes.keep_articles,
            full_text: changes.full_text,
        };
        let default_minutes = self.settings()?.sync_interval_minutes;
        let mut store = self.store();
        if let Some(on) = changes.clean_pinyin {
            let current = store.source(id)?.ok_or(Error::NoSource(id))?;
            if current.portal.is_none() {
                return Err(Error::InvalidArgument(format!(
                    "clean_pinyin: source {id} is not a portal category; the switch is for portals"
                )));
            }
            store.set_clean_pinyin(id, on)?;
        }
        let mut source = store.update_source(id, &settings)?.ok_or(Error::NoSource(id))?;
        store.prune_folders()?;
        if changes.interval_minutes.is_some() {
            store.reschedule(Some(id), |last, user, feed| reschedule_at(last, user, feed, default_minutes))?;
            source = store.source(id)?.ok_or(Error::NoSource(id))?;
        }
        Ok(source)
    }

    /// Unsubscribes, deleting the source's articles (the starter set does not come back).
    pub fn remove_source(&self, id: SourceId) -> Result<()> {
        let mut store = self.store();
        if !store.remove_source(id)? {
            return Err(Error::NoSource(id));
        }
        store.prune_folders()?;
        Ok(())
    }

    /// Subscribes to every feed in an OPML document, in its folders, without fetching anything.
    pub fn import_opml(&self, text: &str) -> Result<ImportReport> {
        let feeds = read_opml(text)?;
        let mut report = ImportReport::default();
        let mut store = self.store();
        for feed in feeds {
            let url = match parse_http_url(&feed.xml_url) {
                Ok(url) => url.to_string(),
                Err(e) => {
                    report.refused.push(e.to_string());
                    continue;
                }
            };
            if store.source_by_url(&url)?.is_some() {
                report.already_subscribed += 1;
                continue;
            }
            let new = NewSource {
                kind: SourceKind::Feed,
                url: &url,
                feed_url: &url,
                title: &feed.title,
                site_url: feed.html_url.as_deref(),
            };
            // A portal category's feed comes back as the category it was exported from.
            let source =
                match Url::parse(&url).ok().as_ref().and_then(|u| Some((u, crate::sync::category_feed_catid(u)?))) {
                    Some((feed_url, catid)) => {
                        let site = portal::site_of(feed_url);
                        let list_url = portal::category_list_url(&site, catid).to_string();
                        let category = PortalCategory {
                            site_url: site.to_string(),
                            catid,
                            list_url,
                            clean_pinyin: true,
                            subcategories: None,
                            list_read_at: None,
                        };
                        store.add_portal_source(&new, &category)?
                    }
                    None => store.add_source(&new)?,
                };
            // Settings from another program's export may not make sense here: keep only what Jianbao accepts.
            let encoding = feed.encoding.filter(|label| is_known_label(label));
            let interval = feed.interval_minutes.filter(|m| (1..=7 * 24 * 60).contains(m));
            let settings = SourceSettings {
                folder: Some(feed.folder),
                encoding: encoding.map(Some),
                interval_minutes: interval.map(Some),
                ..Default::default()
            };
            store.update_source(source.id, &settings)?;
            report.added += 1;
            report.source_ids.push(source.id);
        }
        Ok(report)
    }

    /// Every feed source as OPML 2.0, in its folders.
    pub fn export_opml(&self) -> Result<String> {
        let feeds: Vec<OpmlFeed> = self
            .sources()?
            .into_iter()
            .filter(|s| matches!(s.kind, SourceKind::Feed | SourceKind::Portal))
            .map(|s| OpmlFeed {
                title: s.title,
                // A portal category is exported as its feed, which other readers can follow too.
                xml_url: if s.portal.is_some() { s.feed_url } else { s.url },
                html_url: s.site_url,
                folder: s.folder,
                encoding: s.encoding,
                interval_minutes: s.interval_minutes,
            })
            .collect();
        Ok(write_opml("Jianbao subscriptions", &feeds))
    }
}
