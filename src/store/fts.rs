//! Full-text search text: one folding for what is indexed and what is asked, so that one- and two-character
//! Chinese words match and 发展 finds 發展. See `docs/search.md`.

use zhconv::{Variant, zhconv};

/// True for characters written without spaces between words: Han, kana, and their punctuation-free kin.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF     // hiragana, katakana
        | 0x3400..=0x4DBF   // CJK extension A
        | 0x4E00..=0x9FFF   // CJK unified ideographs
        | 0xF900..=0xFAFF   // compatibility ideographs
        | 0x20000..=0x3134F // extensions B..G
    )
}

/// Simplified characters and lower case, nothing else: the folding without token splitting.
pub fn fold_script(text: &str) -> String {
    let simplified = if text.chars().any(is_cjk) { zhconv(text, Variant::ZhHans) } else { text.to_owned() };
    simplified.to_lowercase()
}

/// Folds text for the index and for queries: simplified characters, lower case, and every CJK character
/// made a token of its own (the unicode61 tokenizer then sees `发 展` and a query phrase "发 展" matches).
pub fn fold_for_search(text: &str) -> String {
    let folded = fold_script(text);
    let mut out = String::with_capacity(folded.len() + folded.len() / 2);
    let mut after_cjk = false;
    for c in folded.chars() {
        let cjk = is_cjk(c);
        // One space between characters is enough for the tokenizer to see each as a word.
        if cjk || after_cjk {
            out.push(' ');
        }
        out.push(c);
        after_cjk = cjk;
    }
    out
}

/// Turns what the user typed into an FTS5 query: each whitespace-separated term becomes a phrase of its
/// folded tokens, and all terms must match. None when nothing searchable is left.
pub fn search_query(input: &str) -> Option<String> {
    let phrases: Vec<String> = input
        .split_whitespace()
        .filter_map(|term| {
            let folded = fold_for_search(term);
            let tokens: Vec<&str> = folded.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).collect();
            (!tokens.is_empty()).then(|| format!("\"{}\"", tokens.join(" ")))
        })
        .collect();
    (!phrases.is_empty()).then(|| phrases.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_and_simplified_fold_to_the_same_tokens() {
        assert_eq!(fold_for_search("發展").split_whitespace().collect::<Vec<_>>(), ["发", "展"]);
        assert_eq!(fold_for_search("发展"), fold_for_search("發展"));
    }

    #[test]
    fn latin_words_stay_whole_and_lower_case() {
        assert_eq!(fold_for_search("SQLite 3").trim(), "sqlite 3");
    }

    #[test]
    fn a_query_is_one_phrase_per_term() {
        assert_eq!(search_query("發展 Rust").as_deref(), Some("\"发 展\" \"rust\""));
        assert_eq!(search_query("  \"*  ").as_deref(), None);
        assert_eq!(search_query("鄉").as_deref(), Some("\"乡\""));
    }
}
