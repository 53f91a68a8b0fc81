//! Extract stage: a fetched article page (decoded text) to its main content, for sources whose feeds carry only
//! summaries. Pure: text and the page's URL in, an untrusted article out; the sanitizer runs after.
//!
//! The readability port `dom_smoothie` reads the page first; CJK pages it misreads or leaves nearly empty go to
//! a text-density reader of our own (`density`). Lazy-loaded pictures are promoted before either runs, and every
//! link and picture is resolved against the page (and its `<base href>`). See `docs/extraction.md`.

mod cjk;
mod density;
mod lazy;
mod links;
mod meta;
mod names;
mod primary;

use dom_query::Document;
use meta::PageFacts;
use url::Url;

/// The article found in a page. `content_html` is untrusted: it must pass the sanitizer before it is stored.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extracted {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub excerpt: Option<String>,
    /// RFC 3339, with the offset the page gave (a page that gives none: see `docs/extraction.md`).
    pub published: Option<String>,
    /// The page's language tag as it declares it (`zh-CN`), when it does.
    pub lang: Option<String>,
    /// The main content as HTML: links and pictures absolute, lazy pictures given a `src`.
    pub content_html: String,
    /// The plain text of `content_html`, paragraphs on their own lines.
    pub text: String,
}

/// What can go wrong extracting an article.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error("extract: no readable article in {url}")]
    NoArticle { url: String },
}

/// On a CJK page, Readability's article stands when the density reader's agrees with it at least this much
/// (token F1); below it, the two read different blocks and the density reader, made for such pages, is taken.
/// Measured: see `docs/extraction.md`.
const AGREEMENT: f64 = 0.9;

/// The density reader's article is only taken over Readability's when it holds at least this much prose (units):
/// a short news brief still has a hundred characters.
const MIN_PROSE: usize = 100;

/// Finds the main article of the page at `page_url` whose decoded HTML is `html`: Readability's reading,
/// or the density reader's when Readability finds nothing, or on a CJK page when the two disagree.
pub fn extract_article(html: &str, page_url: &Url) -> Result<Extracted, ExtractError> {
    let page = Page::new(html, page_url);
    let article = primary::read(page.prepared(), page_url);
    let facts = match &article {
        Some(article) => PageFacts::of_article(article, &page.doc, page.script),
        None => PageFacts::new(primary::metadata(page.prepared(), page_url), &page.doc, page.script),
    };
    let primary = article.map(|a| {
        let doc = Document::fragment(a.content.to_string());
        links::resolve_all(&doc.root(), &page.base);
        Candidate::new(doc.html_root().inner_html().to_string(), a.text_content.to_string())
    });
    let fallback = match page.script.is_some() || primary.is_none() {
        true => page.density(),
        false => None,
    };
    let chosen = match (primary, fallback) {
        (Some(p), Some(f)) => {
            let agreement = cjk::agreement(&p.text, &f.text);
            tracing::debug!(url = %page_url, agreement, readability = p.prose, density = f.prose, "extract: two readings");
            if f.prose >= MIN_PROSE && agreement < AGREEMENT { f } else { p }
        }
        (Some(p), _) => p,
        (None, Some(f)) => f,
        (None, None) => return Err(page.no_article()),
    };
    page.finish(facts, chosen)
}

/// The density reader alone, as `extract_article` falls back to it; for measuring it against real pages.
pub fn extract_by_density(html: &str, page_url: &Url) -> Result<Extracted, ExtractError> {
    let page = Page::new(html, page_url);
    let facts = PageFacts::new(primary::metadata(page.prepared(), page_url), &page.doc, page.script);
    let found = page.density().ok_or_else(|| page.no_article())?;
    page.finish(facts, found)
}

/// What both readers share about one page.
struct Page<'a> {
    html: &'a str,
    url: &'a Url,
    /// The page as parsed, lazy pictures promoted; read for its base, script and date metas.
    doc: Document,
    base: Url,
    /// The language the page's script suggests, when it is mostly CJK.
    script: Option<&'static str>,
}

impl<'a> Page<'a> {
    fn new(html: &'a str, url: &'a Url) -> Page<'a> {
        let doc = Page::parse(html);
        let base = links::base_url(&doc, url);
        doc.select("body script, body style, body noscript, body template").remove();
        let script = doc.body().and_then(|body| cjk::script_language(&body.text()));
        Page { html, url, doc, base, script }
    }

    fn parse(html: &str) -> Document {
        let doc = Document::from(html);
        lazy::promote_lazy_images(&doc);
        doc
    }

    /// A fresh copy of the page for a reader that changes what it reads.
    fn prepared(&self) -> Document {
        Page::parse(self.html)
    }

    fn density(&self) -> Option<Candidate> {
        density::read(&self.prepared(), &self.base).map(|found| Candidate::new(found.html, found.text))
    }

    fn no_article(&self) -> ExtractError {
        ExtractError::NoArticle { url: self.url.to_string() }
    }

    fn finish(&self, facts: PageFacts, chosen: Candidate) -> Result<Extracted, ExtractError> {
        // Only links (a menu) or nothing at all is no article; a lone picture is one.
        if chosen.prose == 0 && !chosen.html.contains("<img") {
            return Err(self.no_article());
        }
        Ok(Extracted {
            title: facts.title,
            byline: facts.byline,
            excerpt: facts.excerpt,
            published: facts.published,
            lang: facts.lang,
            content_html: chosen.html,
            text: chosen.text,
        })
    }
}

/// One reader's article, with its prose measured the same way for both readers.
struct Candidate {
    html: String,
    text: String,
    prose: usize,
}

impl Candidate {
    fn new(html: String, text: String) -> Candidate {
        let prose = density::prose_of_html(&html);
        Candidate { html, text, prose }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blog_post(picture: &str) -> String {
        let paragraph = "<p>The harbour was quiet that morning, and the fishing boats lay at anchor while the gulls \
                         circled over the market, waiting for the first catch of the day to come ashore.</p>";
        format!(
            "<html><head><title>Harbour</title><base href=\"/blog/\"></head><body><nav><a href=\"/\">Home</a></nav>\
             <article>{}{picture}{}<p>See <a href=\"posts/boats.html\">the boats</a>.</p>{}</article></body></html>",
            paragraph.repeat(3),
            paragraph.repeat(2),
            paragraph
        )
    }

    #[test]
    fn lazy_pictures_are_promoted_and_addresses_resolved_against_the_base_element() {
        let page = Url::parse("http://harbour.example/2024/05/quiet.html").unwrap();
        let html = blog_post(r#"<p><img src="/img/blank.gif" data-src="photos/boats.jpg" alt="Boats"></p>"#);
        let article = extract_article(&html, &page).expect("an article");
        assert!(article.content_html.contains(r#"src="http://harbour.example/blog/photos/boats.jpg""#), "{article:?}");
        assert!(article.content_html.contains(r#"href="http://harbour.example/blog/posts/boats.html""#));
        assert!(!article.content_html.contains("blank.gif"));
        assert!(article.text.starts_with("The harbour was quiet"), "{}", article.text);
        assert_eq!(article.title.as_deref(), Some("Harbour"));
    }

    #[test]
    fn a_page_without_an_article_is_an_error_naming_its_address() {
        let page = Url::parse("http://harbour.example/empty.html").unwrap();
        let err = extract_article("<html><body><nav><a href=\"/\">Home</a></nav></body></html>", &page).unwrap_err();
        assert_eq!(err.to_string(), "extract: no readable article in http://harbour.example/empty.html");
    }
}
