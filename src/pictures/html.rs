//! Pictures in article HTML: lazy-loading attributes made real before sanitizing, the pictures an article uses,
//! and the HTML the reader gets, where every picture points at its stored copy (or at a placeholder linking
//! to the original). Streaming rewrites with lol_html; no DOM is built.

use lol_html::html_content::ContentType;
use lol_html::{RewriteStrSettings, element, rewrite_str};
use std::collections::HashMap;
use std::sync::LazyLock;

/// Attributes lazy-loading scripts keep the real picture in, best first (Discuz! uses `zoomfile` and `file`).
const LAZY: [&str; 6] = ["zoomfile", "file", "data-original", "data-src", "data-lazy-src", "data-actualsrc"];

/// A `src` that only holds the place of the real picture until a script swaps it in.
fn is_placeholder(src: &str) -> bool {
    static NAMES: LazyLock<[&str; 7]> = LazyLock::new(|| {
        ["none.gif", "blank.gif", "loading.gif", "spacer.gif", "pixel.gif", "grey.gif", "placeholder"]
    });
    let src = src.trim().to_ascii_lowercase();
    src.is_empty() || src.starts_with("data:") || NAMES.iter().any(|n| src.contains(n))
}

fn rewrite(html: &str, settings: RewriteStrSettings<'_, '_>) -> Option<String> {
    rewrite_str(html, settings.with_strict(false)).ok()
}

/// Untrusted HTML with lazy-loaded pictures given their real `src` (and `srcset`-only pictures their first
/// candidate), so that the sanitizer keeps them. Unreadable HTML comes back as it was.
pub fn promote_lazy(html: &str) -> String {
    let settings = RewriteStrSettings::new().append_element_content_handler(element!("img", |el| {
        let src = el.get_attribute("src").unwrap_or_default();
        if is_placeholder(&src) {
            let real = LAZY.iter().find_map(|a| el.get_attribute(a).filter(|v| !v.trim().is_empty())).or_else(|| {
                let srcset = el.get_attribute("srcset")?;
                srcset.split(',').next()?.split_whitespace().next().map(str::to_owned)
            });
            if let Some(real) = real {
                el.set_attribute("src", real.trim())?;
            }
        }
        Ok(())
    }));
    rewrite(html, settings).unwrap_or_else(|| html.to_owned())
}

/// The web pictures sanitized HTML shows, in order, each once.
pub fn picture_urls(html: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let settings = RewriteStrSettings::new().append_element_content_handler(element!("img[src]", |el| {
        let src = decode(&el.get_attribute("src").unwrap_or_default());
        if (src.starts_with("http://") || src.starts_with("https://")) && !found.contains(&src) {
            found.push(src);
        }
        Ok(())
    }));
    let _ = rewrite(html, settings);
    found
}

/// How the reader shows one picture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shown {
    /// From its stored copy, at this reference (relative to the library folder: `pictures/ab/<hash>.png`).
    Stored(String),
    /// Not at all (a tracking pixel).
    Hidden,
    /// As a placeholder that links to the original (not downloaded yet, failed, refused, or evicted).
    Missing,
}

/// An attribute value as lol_html gives it (character references left as written) decoded to its text.
fn decode(value: &str) -> String {
    if !value.contains('&') {
        return value.to_owned();
    }
    crate::sanitize::html_to_text(&format!("<p>{}</p>", value.replace('<', "&lt;")))
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn placeholder(url: &str, alt: &str) -> String {
    format!("<a class=\"jb-picture-missing\" href=\"{}\">{}</a>", escape(url), escape(alt))
}

/// Sanitized HTML as the reader shows it: every picture from its stored copy, or a placeholder linking to the
/// original; `srcset` goes, so nothing is fetched from the network. Pictures of `extra` (a feed's image
/// enclosures) that the body does not show are added after it.
pub fn render(html: &str, shown: &HashMap<String, Shown>, extra: &[String]) -> String {
    let mut seen: Vec<String> = Vec::new();
    let settings = RewriteStrSettings::new().append_element_content_handler(element!("img", |el| {
        let src = decode(&el.get_attribute("src").unwrap_or_default());
        el.remove_attribute("srcset");
        el.remove_attribute("sizes");
        seen.push(src.clone());
        match shown.get(&src) {
            Some(Shown::Stored(reference)) => el.set_attribute("src", reference)?,
            Some(Shown::Hidden) => el.remove(),
            _ => {
                el.replace(&placeholder(&src, &decode(&el.get_attribute("alt").unwrap_or_default())), ContentType::Html)
            }
        }
        Ok(())
    }));
    let mut out = rewrite(html, settings).unwrap_or_else(|| html.to_owned());
    for url in extra.iter().filter(|u| !seen.contains(u)) {
        match shown.get(url) {
            Some(Shown::Stored(reference)) => out += &format!("<p><img src=\"{}\" alt=\"\"></p>", escape(reference)),
            Some(Shown::Hidden) => {}
            _ => out += &format!("<p>{}</p>", placeholder(url, "")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lazy_pictures_get_their_real_source() {
        let out = promote_lazy(
            r#"<img src="static/image/common/none.gif" file="data/a.jpg" zoomfile="data/a-big.jpg"><img data-src="/b.png"><img srcset="/c.png 1x, /c2.png 2x"><img src="/d.png" data-src="/other.png">"#,
        );
        assert!(out.contains(r#"src="data/a-big.jpg""#), "{out}");
        assert!(out.contains(r#"src="/b.png""#), "{out}");
        assert!(out.contains(r#"src="/c.png""#), "{out}");
        assert!(out.contains(r#"<img src="/d.png" data-src="/other.png">"#), "a real src stays: {out}");
    }

    #[test]
    fn the_pictures_of_an_article_are_listed_once_in_order() {
        let html = r#"<p><img src="http://a.example/1.png"><img src="http://a.example/2.jpg?a=1&amp;b=2"></p><img src="http://a.example/1.png"><img src="relative.png">"#;
        assert_eq!(picture_urls(html), ["http://a.example/1.png", "http://a.example/2.jpg?a=1&b=2"]);
    }

    #[test]
    fn the_reader_gets_stored_copies_placeholders_and_no_network_addresses() {
        let shown = HashMap::from([
            ("http://a.example/1.png".to_owned(), Shown::Stored("pictures/ab/abc.png".to_owned())),
            ("http://a.example/px.gif".to_owned(), Shown::Hidden),
        ]);
        let out = render(
            r#"<p><img src="http://a.example/1.png" srcset="http://a.example/1@2x.png 2x" alt="one"><img src="http://a.example/px.gif"><img src="http://a.example/gone.jpg" alt="a &quot;quote&quot;"></p>"#,
            &shown,
            &["http://a.example/1.png".to_owned(), "http://a.example/cover.jpg".to_owned()],
        );
        assert!(out.contains(r#"<img src="pictures/ab/abc.png" alt="one">"#), "{out}");
        assert!(!out.contains("px.gif") && !out.contains("srcset"), "{out}");
        assert!(
            out.contains(r#"<a class="jb-picture-missing" href="http://a.example/gone.jpg">a &quot;quote&quot;</a>"#),
            "{out}"
        );
        assert!(
            out.ends_with(r#"<p><a class="jb-picture-missing" href="http://a.example/cover.jpg"></a></p>"#),
            "{out}"
        );
        assert_eq!(out.matches("abc.png").count(), 1, "an enclosure shown in the body is not added again");
    }
}
