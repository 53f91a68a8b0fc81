//! Decode stage: raw bytes to UTF-8 text, deciding the encoding from the bytes themselves.
//!
//! Order: byte-order mark → HTTP charset → XML declaration → HTML meta → statistical sniff (chardetng). A
//! declared charset the bytes contradict loses to the bytes (a page whose meta says gb2312 but whose bytes
//! are valid UTF-8 is UTF-8); gb2312 and GBK are read as GB18030, their superset.

use encoding_rs::{Encoding, GB18030, GBK, UTF_8};
use regex::bytes::Regex;
use std::sync::LazyLock;

/// Text in UTF-8 and the encoding it was read as.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    /// True when bytes could not be read in that encoding and were replaced with U+FFFD.
    pub had_errors: bool,
}

static XML_DECL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']"#).expect("static regex")
});
static META_CHARSET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?i)<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)"#).expect("static regex"));
static UTF8_DECL: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r#"(?i)^(\s*<\?xml[^>]*?encoding\s*=\s*["'])[A-Za-z0-9._:-]+(["'])"#).expect("static regex")
});

/// The charset parameter of a Content-Type header.
pub fn charset_from_content_type(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim().eq_ignore_ascii_case("charset").then(|| v.trim().trim_matches(['"', '\'']))
    })
}

/// An encoding for a label, with gb2312/GBK widened to GB18030.
fn for_label(label: &str) -> Option<&'static Encoding> {
    let enc = Encoding::for_label(label.trim().as_bytes())?;
    Some(if enc == GBK { GB18030 } else { enc })
}

fn declared(bytes: &[u8], http_charset: Option<&str>) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    http_charset
        .and_then(for_label)
        .or_else(|| XML_DECL.captures(head).and_then(|c| for_label(std::str::from_utf8(&c[1]).ok()?)))
        .or_else(|| META_CHARSET.captures(head).and_then(|c| for_label(std::str::from_utf8(&c[1]).ok()?)))
}

fn sniff(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Allow);
    detector.feed(bytes, true);
    let enc = detector.guess(None, chardetng::Utf8Detection::Allow);
    if enc == GBK { GB18030 } else { enc }
}

/// Decodes `bytes`, given the HTTP Content-Type charset when there was one.
pub fn decode(bytes: &[u8], http_charset: Option<&str>) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return finish(enc, &bytes[bom_len..]);
    }
    let is_utf8 = std::str::from_utf8(bytes).is_ok();
    let enc = match declared(bytes, http_charset) {
        // UTF-16 cannot be declared inside an ASCII-compatible document; a declaration that says so lies.
        Some(d) if d == encoding_rs::UTF_16LE || d == encoding_rs::UTF_16BE => {
            if is_utf8 {
                UTF_8
            } else {
                sniff(bytes)
            }
        }
        Some(d) if d == UTF_8 => {
            if is_utf8 {
                UTF_8
            } else {
                sniff(bytes)
            }
        }
        // Non-ASCII bytes that are valid UTF-8 are UTF-8 whatever the label says: other encodings almost
        // never produce valid UTF-8 by accident.
        Some(_) if is_utf8 && !bytes.is_ascii() => UTF_8,
        Some(d) => {
            let (_, had_errors) = d.decode_without_bom_handling(bytes);
            if had_errors { sniff(bytes) } else { d }
        }
        None if is_utf8 => UTF_8,
        None => sniff(bytes),
    };
    finish(enc, bytes)
}

fn finish(enc: &'static Encoding, bytes: &[u8]) -> Decoded {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    Decoded { text: text.into_owned(), encoding: enc, had_errors }
}

/// Decodes `bytes` in the encoding `label` names (a user's override), widening gb2312/GBK to GB18030; None
/// when the label names no encoding. A byte-order mark still wins: it cannot be wrong about itself.
pub fn decode_as(bytes: &[u8], label: &str) -> Option<Decoded> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return Some(finish(enc, &bytes[bom_len..]));
    }
    Some(finish(for_label(label)?, bytes))
}

/// True when `label` names an encoding Jianbao can decode.
pub fn is_known_label(label: &str) -> bool {
    for_label(label).is_some()
}

/// The same XML with its declaration saying UTF-8, for parsers that would otherwise decode it again.
pub fn declare_utf8(text: &str) -> std::borrow::Cow<'_, str> {
    UTF8_DECL.replace(text, "${1}UTF-8${2}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_declared_as_gb2312_reads_as_gb18030() {
        let (bytes, _, _) = GB18030.encode("<?xml version=\"1.0\" encoding=\"gb2312\"?><t>朱镕基 发展</t>");
        let d = decode(&bytes, None);
        assert_eq!(d.encoding, GB18030);
        assert!(d.text.contains("朱镕基 发展"), "{}", d.text);
        assert!(!d.had_errors);
    }

    #[test]
    fn utf8_bytes_beat_a_gb2312_meta() {
        let html = "<html><head><meta charset=\"gb2312\"></head><body>發展</body></html>";
        let d = decode(html.as_bytes(), None);
        assert_eq!(d.encoding, UTF_8);
        assert!(d.text.contains("發展"));
    }

    #[test]
    fn big5_without_any_declaration_is_sniffed() {
        let (bytes, _, _) =
            encoding_rs::BIG5.encode("<p>萍鄉城事網：創新賦能高質量發展，處處湧動著發展的生機與活力。</p>");
        let d = decode(&bytes, None);
        assert_eq!(d.encoding, encoding_rs::BIG5);
        assert!(d.text.contains("高質量發展"));
    }

    #[test]
    fn a_bom_wins_over_everything() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "<?xml version=\"1.0\" encoding=\"gbk\"?><a>é</a>".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let d = decode(&bytes, Some("iso-8859-1"));
        assert_eq!(d.encoding, encoding_rs::UTF_16LE);
        assert_eq!(declare_utf8(&d.text), "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>é</a>");
    }
}
