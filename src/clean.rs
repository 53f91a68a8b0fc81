//! Text cleanup some portals need, applied in the pipeline before sanitizing: inline pinyin that a
//! conversion tool inserted after characters (`萍鄉(xiāng)` reads `萍鄉`). Nothing else in parentheses is
//! touched (`會話(session)` stays), and unrecoverable mojibake is left as it is.

use crate::model::ParsedItem;
use regex::Regex;
use std::sync::LazyLock;

/// A Han character followed by a parenthesised pinyin syllable that carries a tone mark. Requiring the mark
/// keeps ordinary parenthesised words (English, codes, plain letters) out of reach.
static INLINE_PINYIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\p{Han})[(（]([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ][a-zü]*(?:ng|n|r)?)[)）]").expect("static regex")
});

/// Letters a pinyin syllable is made of, once tone marks are read as their vowels.
fn is_pinyin_syllable(s: &str) -> bool {
    const INITIALS: [&str; 23] = [
        "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s",
        "y", "w",
    ];
    let plain: String = s
        .chars()
        .map(|c| match c {
            'ā' | 'á' | 'ǎ' | 'à' => 'a',
            'ē' | 'é' | 'ě' | 'è' => 'e',
            'ī' | 'í' | 'ǐ' | 'ì' => 'i',
            'ō' | 'ó' | 'ǒ' | 'ò' => 'o',
            'ū' | 'ú' | 'ǔ' | 'ù' => 'u',
            'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' | 'ü' => 'v',
            'ń' | 'ň' | 'ǹ' => 'n',
            'ḿ' => 'm',
            other => other,
        })
        .collect();
    let rest = INITIALS.iter().find_map(|i| plain.strip_prefix(i)).unwrap_or(&plain);
    let finals_ok = !rest.is_empty() && rest.len() <= 4 && rest.starts_with(['a', 'e', 'i', 'o', 'u', 'v', 'n', 'm']);
    finals_ok && plain.len() <= 6
}

/// Removes inline pinyin from text or HTML.
pub fn strip_inline_pinyin(text: &str) -> String {
    INLINE_PINYIN
        .replace_all(
            text,
            |caps: &regex::Captures<'_>| {
                if is_pinyin_syllable(&caps[2]) { caps[1].to_owned() } else { caps[0].to_owned() }
            },
        )
        .into_owned()
}

/// Applies the portal cleanup to every text field of an item.
pub fn strip_item_pinyin(mut item: ParsedItem) -> ParsedItem {
    item.title = strip_inline_pinyin(&item.title);
    item.summary = item.summary.map(|s| strip_inline_pinyin(&s));
    item.html = strip_inline_pinyin(&item.html);
    item.categories = item.categories.iter().map(|c| strip_inline_pinyin(c)).collect();
    if let Some(p) = item.portal.as_mut() {
        for field in [&mut p.site_name, &mut p.section, &mut p.publisher, &mut p.original_author, &mut p.source_name] {
            *field = field.as_deref().map(strip_inline_pinyin);
        }
        p.category_path = p.category_path.iter().map(|c| strip_inline_pinyin(c)).collect();
        for related in &mut p.related {
            related.title = strip_inline_pinyin(&related.title);
        }
        for comment in &mut p.comments {
            comment.text = strip_inline_pinyin(&comment.text);
        }
    }
    item
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_after_characters_goes() {
        assert_eq!(strip_inline_pinyin("萍鄉(xiāng):創(chuàng)新"), "萍鄉:創新");
        assert_eq!(strip_inline_pinyin("門戶網(wǎng)站"), "門戶網站");
        assert_eq!(strip_inline_pinyin("緊盯國內(nèi)消費(fèi)"), "緊盯國內消費");
    }

    #[test]
    fn other_parentheses_stay() {
        for kept in ["會話(session)", "河(湖)長制", "項目(2020)", "名(ā b c d e f g)", "?偼顿Y25億元"] {
            assert_eq!(strip_inline_pinyin(kept), kept);
        }
    }
}
