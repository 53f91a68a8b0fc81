//! Lazy-loaded pictures: the real address sits in an attribute the page's script would have copied into
//! `src` (`data-src`, `data-original`, Discuz!'s `file` and `zoomfile`); it is copied here, before extraction,
//! so the extractors see a picture instead of an empty or placeholder `<img>`.

use dom_query::{Document, NodeRef};
use regex::Regex;
use std::sync::LazyLock;

/// Attributes holding a lazy picture's address, best first. Discuz!'s `zoomfile` is the full picture and
/// `file` the one shown in the post (often a `.thumb.jpg`): the full one is what a reader keeps offline.
const SRC_ATTRS: [&str; 7] =
    ["data-original", "data-src", "data-lazy-src", "data-actualsrc", "zoomfile", "file", "data-echo"];

/// Attributes holding a lazy `srcset`.
const SRCSET_ATTRS: [&str; 2] = ["data-srcset", "data-lazy-srcset"];

/// File names that are stand-ins shown until the script swaps the real picture in.
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    let words = "none|blank|spacer|pixel|loading|loader|placeholder|lazy|lazyload|grey|gray|transparent|1x1|dot|empty";
    Regex::new(&format!(r"(?i)(^|/)([a-z0-9]+[-_.])*({words})([-_.][a-z0-9]+)*\.(gif|png|svg|jpe?g|webp)([?#].*)?$"))
        .expect("static regex")
});

/// True when `src` is no picture of its own: missing, empty, inline data, or a placeholder file.
fn is_placeholder(src: Option<&str>) -> bool {
    match src.map(str::trim) {
        None | Some("") | Some("#") => true,
        Some(s) if s.len() >= 5 && s[..5].eq_ignore_ascii_case("data:") => true,
        Some(s) if s.starts_with("about:") => true,
        Some(s) => PLACEHOLDER.is_match(s),
    }
}

/// A value that can be an address (or, for `srcset`, a list of them): not empty, not inline data, not a flag.
fn looks_like_address(value: &str, list: bool) -> bool {
    let v = value.trim();
    !v.is_empty()
        && !v.to_ascii_lowercase().starts_with("data:")
        && (v.contains('/') || v.contains('.'))
        && (list || !v.contains(char::is_whitespace))
}

fn promote(node: &NodeRef<'_>, target: &str, sources: &[&str]) -> bool {
    let current = node.attr(target);
    if !is_placeholder(current.as_deref()) {
        return false;
    }
    let found = sources.iter().find_map(|name| node.attr(name).filter(|v| looks_like_address(v, target == "srcset")));
    match found {
        Some(value) => {
            node.set_attr(target, value.trim());
            true
        }
        None => false,
    }
}

/// Gives every lazy picture in the document a real `src` (and `srcset`), and drops the lazy attributes so
/// later steps do not copy them over again.
pub(super) fn promote_lazy_images(doc: &Document) {
    for node in doc.select("img").nodes() {
        let had_srcset = node.has_attr("srcset");
        let promoted_srcset = !had_srcset && promote(node, "srcset", &SRCSET_ATTRS);
        if promote(node, "src", &SRC_ATTRS) || promoted_srcset {
            node.remove_attrs(&SRC_ATTRS);
            node.remove_attrs(&SRCSET_ATTRS);
        }
    }
    for node in doc.select("source").nodes() {
        if !node.has_attr("srcset") {
            promote(node, "srcset", &SRCSET_ATTRS);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn promoted(html: &str) -> String {
        let doc = Document::from(html);
        promote_lazy_images(&doc);
        doc.select("body").inner_html().to_string()
    }

    #[test]
    fn a_discuz_placeholder_gives_way_to_the_full_picture() {
        let out = promoted(
            r#"<img src="static/image/common/none.gif" file="data/attachment/a.thumb.jpg" zoomfile="data/attachment/a.jpg">"#,
        );
        assert_eq!(out, r#"<img src="data/attachment/a.jpg">"#);
    }

    #[test]
    fn data_src_and_data_original_fill_a_missing_or_inline_src() {
        assert_eq!(promoted(r#"<img data-src="/p/1.jpg">"#), r#"<img src="/p/1.jpg">"#);
        assert_eq!(
            promoted(r#"<img src="data:image/gif;base64,R0lGOD" data-original="http://x.example/2.png">"#),
            r#"<img src="http://x.example/2.png">"#
        );
        assert_eq!(promoted(r#"<img data-srcset="/a.jpg 1x, /b.jpg 2x">"#), r#"<img srcset="/a.jpg 1x, /b.jpg 2x">"#);
    }

    #[test]
    fn a_real_src_is_left_alone() {
        let html = r#"<img src="/photos/harbour.jpg" data-src="/photos/harbour-large.jpg">"#;
        assert_eq!(promoted(html), html);
    }

    #[test]
    fn placeholders_are_told_from_pictures_by_their_file_name() {
        for stand_in in ["/img/blank.gif", "lazyload.png", "/s/loading.gif?v=2", "grey.gif", "", "data:x"] {
            assert!(is_placeholder(Some(stand_in)), "{stand_in}");
        }
        for picture in ["/2017/03/W020170310313653868929.jpg", "/uploads/donkey.png", "/a/blanket-sale.jpg?x"] {
            assert!(!is_placeholder(Some(picture)), "{picture}");
        }
    }
}
