//! One portal article, whole: every page of it and its full comment list, or why the portal would not show it.
//! A page that fails fails the article: part of an article is never stored as all of it.

use crate::error::{Error, Result};
use crate::fetch::{FetchError, Fetched, Fetcher};
use crate::model::{ParsedItem, PortalComment};
use crate::parse::portal::{self, PageKind, Refusal, page_kind, parse_article, parse_comment_page};
use std::collections::HashSet;
use url::Url;

/// Pages one article may span.
const MAX_ARTICLE_PAGES: usize = 30;
/// Comment pages read for one article (25 comments a page).
const MAX_COMMENT_PAGES: usize = 20;

/// A page fetched and decoded: the source's encoding override first, then the bytes' own evidence.
pub(crate) async fn fetch_page(fetcher: &Fetcher, url: &Url, encoding: Option<&str>) -> Result<(String, Url)> {
    let Fetched::Body(response) = fetcher.get(url, None).await? else {
        return Err(Error::Internal("an unconditional GET answered 304".into()));
    };
    Ok((crate::sync::read_text_as(&response, encoding), response.url))
}

/// Why one article was not stored.
pub(super) enum ArticleFailure {
    Refused(Refusal, String),
    Failed(Error),
}

impl From<Error> for ArticleFailure {
    fn from(e: Error) -> Self {
        match &e {
            Error::Fetch(FetchError::Status { status: 404 | 410, .. }) => {
                ArticleFailure::Refused(Refusal::Removed, e.to_string())
            }
            _ => ArticleFailure::Failed(e),
        }
    }
}

/// Fetches a whole article: every page of it (their bodies joined), and its full comment list when the page
/// shows only the newest. A page that fails fails the article: part of an article is never stored as all of it.
pub(super) async fn fetch_article(
    fetcher: &Fetcher,
    url: &Url,
    encoding: Option<&str>,
) -> std::result::Result<ParsedItem, ArticleFailure> {
    let (html, at) = fetch_page(fetcher, url, encoding).await?;
    if at.host_str() != url.host_str() {
        // An article that is only a link elsewhere (Discuz! answers 302 to it): nothing of the portal to store.
        return Err(ArticleFailure::Refused(Refusal::Message, format!("the article is a link to {at}")));
    }
    let first = read_article_page(&html, &at)?;
    let mut item = first.item;
    let mut visited: HashSet<Url> = HashSet::from([url.clone(), at]);
    let mut next = first.next;
    while let Some(page_url) = next.take() {
        if !visited.insert(page_url.clone()) || visited.len() > MAX_ARTICLE_PAGES {
            break;
        }
        let (html, at) = fetch_page(fetcher, &page_url, encoding).await?;
        let page = read_article_page(&html, &at)?;
        item.html.push_str(&page.item.html);
        if let (Some(info), Some(more)) = (item.portal.as_mut(), page.item.portal) {
            info.pages += 1;
            for image in more.images {
                if !info.images.contains(&image) {
                    info.images.push(image);
                }
            }
        }
        next = page.next;
    }
    let (shown, total) =
        item.portal.as_ref().map(|p| (p.comments.len(), p.comment_count.unwrap_or(0))).unwrap_or((0, 0));
    if total > shown as i64
        && let Some(comments_url) = item.comments.as_deref().and_then(|c| Url::parse(c).ok())
    {
        // A comment page that fails fails the article: it is tried again, rather than kept with part of them.
        let all = fetch_comments(fetcher, &comments_url, encoding).await?;
        if let Some(info) = item.portal.as_mut().filter(|_| all.len() > shown) {
            info.comments = all;
        }
    }
    Ok(item)
}

/// Reads one fetched page of an article, telling refusals (pending, removed, login wall) from articles.
pub(super) fn read_article_page(html: &str, at: &Url) -> std::result::Result<portal::ArticlePage, ArticleFailure> {
    match page_kind(html) {
        PageKind::Refused { refusal, text } => Err(ArticleFailure::Refused(refusal, text)),
        PageKind::Article => {
            parse_article(html, at, portal::china_standard_time()).map_err(|e| ArticleFailure::Failed(e.into()))
        }
        _ => Err(ArticleFailure::Failed(Error::Portal(format!("{at} is not a Discuz! X article page")))),
    }
}

/// Every comment of an article from its comment pages, newest first.
async fn fetch_comments(fetcher: &Fetcher, first: &Url, encoding: Option<&str>) -> Result<Vec<PortalComment>> {
    let mut all: Vec<PortalComment> = Vec::new();
    let mut visited: HashSet<Url> = HashSet::new();
    let mut next = Some(first.clone());
    while let Some(url) = next.take() {
        if !visited.insert(url.clone()) || visited.len() > MAX_COMMENT_PAGES {
            break;
        }
        let (html, at) = fetch_page(fetcher, &url, encoding).await?;
        let page = parse_comment_page(&html, &at, portal::china_standard_time());
        all.extend(page.comments);
        next = page.next;
    }
    Ok(all)
}
