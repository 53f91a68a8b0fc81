//! What an element's `id` and `class` say about it: the names sites give their article bodies and their clutter,
//! Chinese CMSs' included (`TRS_Editor`, `artibody`, `article_content`, government sites' `zoom`; `pinglun`, `xgwz` for related links).

use dom_query::NodeRef;
use regex::Regex;
use std::sync::LazyLock;

/// Which way an element's names lean.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Leaning {
    Article,
    Neutral,
    Clutter,
}

static ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)article|content|main|post|entry|story|text|body|detail|trs_editor|artibody|cnt|zhengwen|neirong|zoom",
    )
    .expect("static regex")
});

static CLUTTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)comment|sidebar|footer|related|recommend|share|copyright|reply|login|breadcrumb|crumb|pinglun|tuijian|xgwz|hotnews|ranking|advert|sponsor|popup|widget|toolbar|social|subscribe|masthead|menu",
    )
    .expect("static regex")
});

/// Short names that only count as clutter as whole words (`ad` is no clutter inside `header`... or `read`).
const CLUTTER_WORDS: [&str; 11] = ["ad", "ads", "nav", "side", "hot", "rank", "foot", "footer", "header", "bar", "gg"];

/// How the element's `id` and `class` lean; clutter wins when both are named (`article-comments`).
pub(super) fn leaning(node: &NodeRef<'_>) -> Leaning {
    let names = format!("{} {}", node.id_attr().unwrap_or_default(), node.class().unwrap_or_default());
    if names.trim().is_empty() {
        return Leaning::Neutral;
    }
    let words = names.split(|c: char| !c.is_ascii_alphanumeric()).map(str::to_ascii_lowercase);
    if CLUTTER.is_match(&names) || words.into_iter().any(|w| CLUTTER_WORDS.contains(&w.as_str())) {
        Leaning::Clutter
    } else if ARTICLE.is_match(&names) {
        Leaning::Article
    } else {
        Leaning::Neutral
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    fn lean(html: &str) -> Leaning {
        let doc = Document::from(html);
        let node = doc.select("body > *").nodes()[0];
        leaning(&node)
    }

    #[test]
    fn chinese_cms_article_bodies_lean_towards_the_article() {
        for html in [r#"<div class="TRS_Editor">"#, r#"<div id="article_content">"#, r#"<div id="artibody">"#] {
            assert_eq!(lean(html), Leaning::Article, "{html}");
        }
    }

    #[test]
    fn comments_sidebars_and_ad_slots_lean_towards_clutter_but_headers_words_do_not_leak() {
        for html in [r#"<div id="comment_list">"#, r#"<div class="side-bar">"#, r#"<div class="ad">"#] {
            assert_eq!(lean(html), Leaning::Clutter, "{html}");
        }
        assert_eq!(lean(r#"<div class="shadow">"#), Leaning::Neutral);
        assert_eq!(lean(r#"<div class="loaded">"#), Leaning::Neutral);
    }
}
