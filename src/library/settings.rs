//! Library-wide settings, kept in the library file so the window, web mode and the CLI agree.

use super::Library;
use crate::error::{Error, Result};
use crate::schedule::DEFAULT_INTERVAL_MINUTES;
use serde::{Deserialize, Serialize};

/// What the user can set for the whole library.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Minutes between fetches of a source (unless the source or the feed says otherwise).
    pub sync_interval_minutes: i64,
    /// Whether the window and web mode sync due sources when they start.
    pub sync_on_start: bool,
    /// Whether the window shows a desktop notification when a background sync brings new articles.
    pub notify_new: bool,
    /// The most space stored pictures may take, in MiB (0: no pictures are downloaded).
    #[serde(default = "default_picture_budget")]
    pub picture_budget_mb: i64,
    /// Read articles are kept this many days (0: for ever), unless their source says otherwise. Bookmarked,
    /// reacted-to and unread articles are always kept.
    #[serde(default = "default_keep_days")]
    pub keep_days: i64,
    /// Each source keeps its newest this many articles; read ones beyond go (0: no limit).
    #[serde(default = "default_keep_articles")]
    pub keep_articles: i64,
    /// Portal articles younger than this many days have their counts and comments read again (0: never).
    #[serde(default = "default_refresh_days")]
    pub portal_refresh_days: i64,
    /// At most this many article pages per portal category and sync (each read counts as a view there).
    #[serde(default = "default_refresh_per_sync")]
    pub portal_refresh_per_sync: i64,
    /// And not more often than this per article.
    #[serde(default = "default_refresh_minutes")]
    pub portal_refresh_every_minutes: i64,
}

fn default_refresh_days() -> i64 {
    3
}

fn default_refresh_per_sync() -> i64 {
    3
}

fn default_refresh_minutes() -> i64 {
    60
}

fn default_keep_days() -> i64 {
    365
}

fn default_keep_articles() -> i64 {
    5000
}

fn default_picture_budget() -> i64 {
    2048
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            sync_interval_minutes: DEFAULT_INTERVAL_MINUTES,
            sync_on_start: true,
            notify_new: false,
            picture_budget_mb: default_picture_budget(),
            keep_days: default_keep_days(),
            keep_articles: default_keep_articles(),
            portal_refresh_days: default_refresh_days(),
            portal_refresh_per_sync: default_refresh_per_sync(),
            portal_refresh_every_minutes: default_refresh_minutes(),
        }
    }
}

const KEY: &str = "settings";

impl Library {
    /// The library's settings (defaults for what was never set).
    pub fn settings(&self) -> Result<Settings> {
        match self.store().meta(KEY)? {
            Some(json) => Ok(serde_json::from_str(&json).unwrap_or_default()),
            None => Ok(Settings::default()),
        }
    }

    /// Replaces the library's settings.
    pub fn set_settings(&self, settings: &Settings) -> Result<Settings> {
        if !(1..=7 * 24 * 60).contains(&settings.sync_interval_minutes) {
            return Err(Error::InvalidArgument(format!(
                "sync interval {} minutes: choose 1 minute to 7 days",
                settings.sync_interval_minutes
            )));
        }
        if !(0..=1024 * 1024).contains(&settings.picture_budget_mb) {
            return Err(Error::InvalidArgument(format!(
                "picture budget {} MiB: choose 0 (no pictures) to 1 TiB",
                settings.picture_budget_mb
            )));
        }
        if settings.keep_days < 0 || settings.keep_articles < 0 {
            return Err(Error::InvalidArgument("keep_days and keep_articles are 0 (no limit) or more".into()));
        }
        let refresh =
            [settings.portal_refresh_days, settings.portal_refresh_per_sync, settings.portal_refresh_every_minutes];
        if refresh.iter().any(|n| !(0..=100_000).contains(n)) {
            return Err(Error::InvalidArgument(
                "portal_refresh_days, portal_refresh_per_sync and portal_refresh_every_minutes are 0 to 100000".into(),
            ));
        }
        let before = self.settings()?;
        let json = serde_json::to_string(settings).map_err(|e| Error::Internal(e.to_string()))?;
        let mut store = self.store();
        store.set_meta(KEY, &json)?;
        if before.sync_interval_minutes != settings.sync_interval_minutes {
            // Sources on the default interval get their next fetch from the new one, not the old.
            let minutes = settings.sync_interval_minutes;
            store
                .reschedule(None, |last, user, feed| super::subscriptions::reschedule_at(last, user, feed, minutes))?;
        }
        Ok(settings.clone())
    }
}
