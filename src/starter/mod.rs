//! The starter library a new user finds on first run: the seed portal article as its Discuz! X page, and a
//! few welcome articles as an Atom feed. Both are bundled documents read through the same decode → parse →
//! clean → sanitize → store path as synced content, into a local source that never touches the network.

use crate::decode::{declare_utf8, decode};
use crate::error::Result;
use crate::model::{SourceId, SourceKind};
use crate::parse::{parse_feed, portal};
use crate::store::{NewSource, SourceUpdate, Store};
use crate::sync::prepare_items;
use url::Url;

/// The `source_url` of the starter source.
pub const STARTER_URL: &str = "jianbao:starter";

/// Title of the starter source.
pub const STARTER_TITLE: &str = "Starter 入門";

/// Where the bundled portal page claims to come from (a placeholder address: the page is bundled).
const PORTAL_PAGE_URL: &str = "https://pingxiang.portal.example/portal.php?mod=view&aid=7264";
const PORTAL_PAGE: &[u8] = include_bytes!("pingxiang-article.html");

const WELCOME_URL: &str = "https://jianbao.example/starter/welcome.atom";
const WELCOME_FEED: &[u8] = include_bytes!("welcome.atom");

/// The meta key recording that the starter was installed (or skipped), so it never comes back on its own.
const META_KEY: &str = "starter";

/// Installs the starter set into a library that has never had one. Returns the new source, if installed.
pub fn install_once(store: &mut Store) -> Result<Option<SourceId>> {
    if store.meta(META_KEY)?.is_some() {
        return Ok(None);
    }
    let source = store.add_source(&NewSource {
        kind: SourceKind::Local,
        url: STARTER_URL,
        feed_url: STARTER_URL,
        title: STARTER_TITLE,
        site_url: None,
    })?;

    let page_url = Url::parse(PORTAL_PAGE_URL).expect("static URL");
    let page = decode(PORTAL_PAGE, None);
    let article = portal::parse_article_page(&page.text, &page_url, portal::china_standard_time())?;
    let mut items = prepare_items(vec![article], &page_url, true);

    let feed_url = Url::parse(WELCOME_URL).expect("static URL");
    let feed = decode(WELCOME_FEED, None);
    let welcome = parse_feed(&declare_utf8(&feed.text), &feed_url)?;
    items.extend(prepare_items(welcome.items, &feed_url, true));

    store.apply_sync(source.id, &SourceUpdate::default(), &items)?;
    store.set_meta(META_KEY, "installed")?;
    Ok(Some(source.id))
}

/// Records that this library starts without the starter set, so a later open does not add it.
pub fn skip(store: &mut Store) -> Result<()> {
    if store.meta(META_KEY)?.is_none() {
        store.set_meta(META_KEY, "skipped")?;
    }
    Ok(())
}
