//! Small text jobs the feed readers share: the plain text of a field that may hold HTML, escaping, and
//! resolving the relative URLs in a piece of HTML against an `xml:base`.

use crate::sanitize::html_to_text;
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;
use url::Url;

/// A complete start or end tag, or a complete character reference: what makes a field HTML rather than text.
static MARKUP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<(?:[A-Za-z][A-Za-z0-9:-]*|/[A-Za-z][A-Za-z0-9:-]*|!--)[^<>]*>|&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);")
        .expect("static regex")
});
/// A character reference ended by `;`.
static REFERENCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);").expect("static regex"));
/// An ampersand that does not begin a character reference ended by `;`.
static BARE_AMP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"&([A-Za-z][A-Za-z0-9]*;|#[0-9]+;|#[xX][0-9A-Fa-f]+;)?").expect("static regex"));
/// A URL-bearing attribute inside a start tag.
static URL_ATTR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)(\s(?:href|src|srcset|poster|cite|background|longdesc)\s*=\s*)("[^"]*"|'[^']*'|[^\s"'>]+)"#)
        .expect("static regex")
});
static START_TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<[A-Za-z][^<>]*>").expect("static regex"));

/// The text a reader sees in a field that may be HTML (RSS titles often are): tags dropped, character
/// references decoded, whitespace collapsed to single spaces. Text without any markup is kept as written, so
/// `a<b` or `AT&T` survive; `&copy=2` in a URL is not a reference (HTML would decode it, XML would not).
pub fn field_text(raw: &str) -> String {
    let text = if MARKUP.is_match(raw) {
        let protected = BARE_AMP.replace_all(raw, |c: &regex::Captures| match c.get(1) {
            Some(reference) => format!("&{}", reference.as_str()),
            None => "&amp;".to_owned(),
        });
        html_to_text(&protected)
    } else {
        raw.to_owned()
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A field declared plain text (JSON Feed titles, Atom `type="text"`) as the reader shows it: whitespace
/// collapsed, and character references decoded, since a reference in plain text means the publisher escaped
/// the text twice (`Task &amp; Sub Tasks` in a JSON title). Angle brackets stay as written.
pub fn plain_text(raw: &str) -> String {
    let text = if REFERENCE.is_match(raw) { field_text(&raw.replace('<', "&lt;")) } else { raw.to_owned() };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `s` with the characters HTML gives meaning to escaped.
pub fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// One attribute value resolved against `base`. Fragment-only and empty values stay as written: they point
/// inside the article itself (footnotes), and an empty href must not become the base.
pub fn resolve_value(attribute: &str, value: &str, base: &Url) -> Option<String> {
    if attribute.eq_ignore_ascii_case("srcset") {
        let escaped = value.replace("&amp;", "&");
        // Candidates that are not web addresses go here already; the sanitizer would drop them anyway.
        let resolved = crate::sanitize::safe_srcset(&escaped, Some(base)).unwrap_or_default().replace('&', "&amp;");
        return (resolved != value).then_some(resolved);
    }
    let trimmed = value.trim();
    if trimmed.is_empty() || trimmed.starts_with('#') || Url::parse(trimmed).is_ok() {
        return None;
    }
    // Attribute values are still escaped here; the URL parser must see `&`, and the result must be escaped again.
    let unescaped = trimmed.replace("&amp;", "&");
    let resolved = base.join(&unescaped).ok()?;
    Some(resolved.as_str().replace('&', "&amp;"))
}

/// `html` with the relative URLs of its links and media resolved against `base`; everything else is left
/// byte for byte as it was.
pub fn resolve_urls<'a>(html: &'a str, base: &Url) -> Cow<'a, str> {
    START_TAG.replace_all(html, |tag: &regex::Captures| {
        URL_ATTR
            .replace_all(&tag[0], |attr: &regex::Captures| {
                let quoted = &attr[2];
                let (quote, value) = match quoted.chars().next() {
                    Some(q @ ('"' | '\'')) => (q.to_string(), &quoted[1..quoted.len() - 1]),
                    _ => (String::new(), quoted),
                };
                let name = attr[1].trim().trim_end_matches('=').trim();
                match resolve_value(name, value, base) {
                    Some(resolved) => format!("{}{quote}{resolved}{quote}", &attr[1]),
                    None => attr[0].to_owned(),
                }
            })
            .into_owned()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Url {
        Url::parse("https://example.com/blog/post1/").unwrap()
    }

    #[test]
    fn a_field_with_markup_reads_as_the_text_a_browser_shows() {
        assert_eq!(field_text("<p>Item Title</p>"), "Item Title");
        assert_eq!(field_text("&lt;p&gt;Item&lt;/p&gt;"), "<p>Item</p>");
        assert_eq!(field_text("Fish &amp; Chips"), "Fish & Chips");
    }

    #[test]
    fn a_field_without_markup_is_kept_as_written() {
        assert_eq!(field_text("a<b and AT&T"), "a<b and AT&T");
        assert_eq!(field_text("  two\n lines "), "two lines");
    }

    #[test]
    fn an_ampersand_without_a_semicolon_is_not_a_reference() {
        assert_eq!(field_text("?page=1&copy=2;mode=x &amp; done"), "?page=1&copy=2;mode=x & done");
    }

    #[test]
    fn plain_text_escaped_twice_is_decoded_but_keeps_its_angle_brackets() {
        assert_eq!(plain_text("Add Task &amp; Sub Tasks"), "Add Task & Sub Tasks");
        assert_eq!(plain_text("Use <div> &amp; <span>"), "Use <div> & <span>");
        assert_eq!(plain_text("a <b> c"), "a <b> c");
    }

    #[test]
    fn relative_links_and_pictures_resolve_and_nothing_else_moves() {
        let html = r##"<p class="x"><a href="pic.png">pic</a> <img SRC='/a.png' alt="a"> <a href="#fn1">1</a></p>"##;
        assert_eq!(
            resolve_urls(html, &base()),
            r##"<p class="x"><a href="https://example.com/blog/post1/pic.png">pic</a> <img SRC='https://example.com/a.png' alt="a"> <a href="#fn1">1</a></p>"##
        );
    }

    #[test]
    fn srcset_candidates_resolve_one_by_one() {
        let html = r#"<img srcset="a.png 1x, /b.png 2x">"#;
        assert_eq!(
            resolve_urls(html, &base()),
            r#"<img srcset="https://example.com/blog/post1/a.png 1x, https://example.com/b.png 2x">"#
        );
    }

    #[test]
    fn absolute_empty_and_escaped_values_survive() {
        let html = r#"<a href="http://other.example/x">x</a><a href="">e</a><a href="page?a=1&amp;b=2">q</a>"#;
        assert_eq!(
            resolve_urls(html, &base()),
            r#"<a href="http://other.example/x">x</a><a href="">e</a><a href="https://example.com/blog/post1/page?a=1&amp;b=2">q</a>"#
        );
    }
}
