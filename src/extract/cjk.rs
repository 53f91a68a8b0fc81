//! Measuring text the same way in Chinese and in Latin scripts: a CJK character counts as much as a Latin
//! word, since a sentence of each holds about as many of the one as of the other.

use std::collections::HashMap;

/// True for Han, kana and hangul characters (the scripts written without spaces between words).
pub(super) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'     // hiragana, katakana
        | '\u{3400}'..='\u{4DBF}'   // Han extension A
        | '\u{4E00}'..='\u{9FFF}'   // Han
        | '\u{AC00}'..='\u{D7AF}'   // hangul syllables
        | '\u{F900}'..='\u{FAFF}'   // Han compatibility
        | '\u{20000}'..='\u{3134F}' // Han extensions B to G
    )
}

/// Sentence punctuation, full-width and ASCII: what separates the clauses of real prose.
fn is_clause_mark(c: char) -> bool {
    matches!(c, '，' | '。' | '！' | '？' | '；' | '：' | '、' | ',' | '.' | '!' | '?' | ';')
}

/// How much text a string holds.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct Amount {
    /// CJK characters.
    pub cjk: usize,
    /// Runs of Latin letters or digits (words).
    pub words: usize,
    /// Clause marks.
    pub marks: usize,
}

impl Amount {
    pub(super) fn of(text: &str) -> Amount {
        let mut amount = Amount::default();
        let mut in_word = false;
        for c in text.chars() {
            if is_cjk(c) {
                amount.cjk += 1;
                in_word = false;
            } else if c.is_alphanumeric() {
                if !in_word {
                    amount.words += 1;
                }
                in_word = true;
            } else {
                in_word = c == '\'' && in_word;
                if is_clause_mark(c) {
                    amount.marks += 1;
                }
            }
        }
        amount
    }

    /// Characters and words together: the size of the text whatever its script.
    pub(super) fn units(&self) -> usize {
        self.cjk + self.words
    }

    pub(super) fn add(&mut self, other: Amount) {
        self.cjk += other.cjk;
        self.words += other.words;
        self.marks += other.marks;
    }
}

/// The language a mostly-CJK text is probably in, from its script alone: kana means Japanese, hangul Korean,
/// Han alone Chinese. None when CJK characters are not at least half of the text's units.
pub(super) fn script_language(text: &str) -> Option<&'static str> {
    let amount = Amount::of(text);
    if amount.units() == 0 || amount.cjk * 2 < amount.units() {
        return None;
    }
    let kana = text.chars().filter(|c| matches!(c, '\u{3040}'..='\u{30FF}')).count();
    let hangul = text.chars().filter(|c| matches!(c, '\u{AC00}'..='\u{D7AF}')).count();
    Some(if hangul * 2 > amount.cjk {
        "ko"
    } else if kana * 20 > amount.cjk {
        "ja"
    } else {
        "zh"
    })
}

/// The tokens of a text, counted: lower-cased words, and each CJK character on its own.
fn tokens(text: &str) -> HashMap<String, usize> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut word = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_alphanumeric() && !is_cjk(c) {
            word.extend(c.to_lowercase());
            continue;
        }
        if !word.is_empty() {
            *counts.entry(std::mem::take(&mut word)).or_default() += 1;
        }
        if is_cjk(c) {
            *counts.entry(c.to_string()).or_default() += 1;
        }
    }
    counts
}

/// How far two readings of a page agree: the F1 of their tokens (1 for the same text, 0 for nothing shared).
pub(super) fn agreement(a: &str, b: &str) -> f64 {
    let (a, b) = (tokens(a), tokens(b));
    let (na, nb) = (a.values().sum::<usize>(), b.values().sum::<usize>());
    let shared: usize = a.iter().map(|(t, n)| (*n).min(b.get(t).copied().unwrap_or(0))).sum();
    if shared == 0 { 0.0 } else { 2.0 * shared as f64 / (na + nb) as f64 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_characters_and_latin_words_both_count_as_units() {
        let a = Amount::of("DeepMind新电脑已可利用记忆自学，人工智能 steps up.");
        assert_eq!(a.cjk, 15);
        assert_eq!(a.words, 3);
        assert_eq!(a.marks, 2);
        assert_eq!(a.units(), 18);
    }

    #[test]
    fn the_script_of_a_mostly_cjk_text_names_its_language() {
        assert_eq!(script_language("宇航员在太空中喝酒会怎么样？后果很严重"), Some("zh"));
        assert_eq!(script_language("日本の宇宙飛行士はお酒を飲めません"), Some("ja"));
        assert_eq!(script_language("우주비행사는 술을 마실 수 없습니다"), Some("ko"));
        assert_eq!(script_language("Astronauts may not drink in orbit, 光明网 says"), None);
    }

    #[test]
    fn two_readings_agree_by_the_tokens_they_share() {
        assert_eq!(agreement("光明网 reports", "光明网 reports"), 1.0);
        assert_eq!(agreement("光明", "明天"), 0.5);
        assert_eq!(agreement("", "光明"), 0.0);
    }

    #[test]
    fn kana_and_hangul_are_cjk_but_full_width_punctuation_is_not() {
        assert!(is_cjk('の') && is_cjk('한') && is_cjk('發'));
        assert!(!is_cjk('，') && !is_cjk('a'));
    }
}
