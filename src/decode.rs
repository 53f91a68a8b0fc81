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

/// The encodings the document is declared in, strongest first: HTTP, then the XML declaration, then HTML meta.
fn declared(bytes: &[u8], http_charset: Option<&str>) -> Vec<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let in_document = |re: &Regex| re.captures(head).and_then(|c| for_label(std::str::from_utf8(&c[1]).ok()?));
    let mut found: Vec<&'static Encoding> = Vec::new();
    for enc in
        [http_charset.and_then(for_label), in_document(&XML_DECL), in_document(&META_CHARSET)].into_iter().flatten()
    {
        if !found.contains(&enc) {
            found.push(enc);
        }
    }
    found
}

fn sniff(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Allow);
    detector.feed(bytes, true);
    let enc = detector.guess(None, chardetng::Utf8Detection::Allow);
    if enc == GBK { GB18030 } else { enc }
}

/// UTF-16 without a byte-order mark, recognised the way the XML specification suggests: `<` as 3C 00 or 00 3C.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    match bytes.get(..4)? {
        [b'<', 0, c, 0] if c.is_ascii() && *c != 0 => Some(encoding_rs::UTF_16LE),
        [0, b'<', 0, c] if c.is_ascii() && *c != 0 => Some(encoding_rs::UTF_16BE),
        _ => None,
    }
}

fn decodes_cleanly(enc: &'static Encoding, bytes: &[u8]) -> bool {
    !enc.decode_without_bom_handling(bytes).1
}

/// True when the bytes contradict a declared encoding: they are not valid in it, or a single-byte label
/// (often a server's default) sits on bytes that read cleanly as a multi-byte CJK encoding.
fn contradicted(enc: &'static Encoding, bytes: &[u8], is_utf8: bool) -> bool {
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        return true; // an ASCII-compatible document cannot be UTF-16: the label lies
    }
    if bytes.is_ascii() {
        return false;
    }
    if enc == UTF_8 {
        return !is_utf8;
    }
    if is_utf8 {
        return true; // other encodings almost never produce valid non-ASCII UTF-8 by accident
    }
    if !decodes_cleanly(enc, bytes) {
        return true;
    }
    if enc.is_single_byte() {
        let guess = sniff(bytes);
        return !guess.is_single_byte() && guess != UTF_8 && decodes_cleanly(guess, bytes);
    }
    false
}

/// Decodes `bytes`, given the HTTP Content-Type charset when there was one.
pub fn decode(bytes: &[u8], http_charset: Option<&str>) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return finish(enc, &bytes[bom_len..]);
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        return finish(enc, bytes);
    }
    let is_utf8 = std::str::from_utf8(bytes).is_ok();
    let chosen = declared(bytes, http_charset).into_iter().find(|enc| !contradicted(enc, bytes, is_utf8));
    let enc = chosen.unwrap_or_else(|| if is_utf8 { UTF_8 } else { sniff(bytes) });
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
    fn utf16_without_a_bom_is_recognised_by_its_first_character() {
        let mut le = Vec::new();
        for unit in "<?xml version=\"1.0\" encoding=\"UTF-16\"?><t>東京</t>".encode_utf16() {
            le.extend(unit.to_le_bytes());
        }
        let d = decode(&le, None);
        assert_eq!(d.encoding, encoding_rs::UTF_16LE);
        assert!(d.text.ends_with("<t>東京</t>"));
        let be: Vec<u8> = le.chunks(2).flat_map(|p| [p[1], p[0]]).collect();
        assert_eq!(decode(&be, None).encoding, encoding_rs::UTF_16BE);
    }

    #[test]
    fn a_server_default_latin1_label_loses_to_gbk_bytes_but_real_latin1_keeps_it() {
        let (gbk, _, _) =
            GB18030.encode("<?xml version=\"1.0\" encoding=\"gbk\"?><t>今年冬天比往年暖和，发展中的新区绿树成荫。</t>");
        assert_eq!(decode(&gbk, Some("ISO-8859-1")).encoding, GB18030);
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode("<t>Déjà vu à Genève, naïve façade.</t>");
        assert_eq!(decode(&latin, Some("ISO-8859-1")).encoding, encoding_rs::WINDOWS_1252);
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
