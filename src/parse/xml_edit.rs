//! Small edits of quick-xml events for the normaliser: attribute values, rebuilt tags, literal text.

use super::dialect::canonical_namespace;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesStart, BytesText, Event};
use quick_xml::name::QName;
use std::borrow::Cow;

/// The unescaped value of an attribute.
pub fn attribute(start: &BytesStart, key: &str) -> Option<String> {
    start.attributes().with_checks(false).flatten().find(|a| a.key.as_ref() == key).map(|a| {
        let raw = a.value.clone().into_owned();
        quick_xml::escape::unescape(&raw).map(|s| s.into_owned()).unwrap_or(raw)
    })
}

/// A copy of `start` named `name` whose attributes `edit` may drop (`Some(None)`) or replace (`Some(Some(v))`,
/// `v` already escaped); `extra` attributes are added at the end.
pub fn rebuild(
    start: &BytesStart,
    name: &str,
    mut edit: impl FnMut(&str, &str) -> Option<Option<String>>,
    extra: &[(&str, &str)],
) -> BytesStart<'static> {
    let mut out = BytesStart::new(name.to_owned());
    for attr in start.attributes().with_checks(false).flatten() {
        let key = attr.key.as_ref().to_owned();
        let value = attr.value.clone().into_owned();
        let value = match edit(&key, &value) {
            Some(None) => continue,
            Some(Some(new)) => new,
            None => value,
        };
        out.push_attribute(Attribute { key: QName(&key), value: Cow::Borrowed(&value) });
    }
    for attribute in extra {
        out.push_attribute(*attribute);
    }
    out
}

/// The element with namespace declarations spelled as feed-rs recognises them.
pub fn canonical_namespaces<'a>(start: Cow<'a, BytesStart<'a>>) -> Cow<'a, BytesStart<'a>> {
    let is_declaration = |key: &str| key == "xmlns" || key.starts_with("xmlns:");
    let needs = start
        .attributes()
        .with_checks(false)
        .flatten()
        .any(|a| is_declaration(a.key.as_ref()) && canonical_namespace(&a.value).is_some());
    if !needs {
        return start;
    }
    let name = start.name().as_ref().to_owned();
    let edited = rebuild(
        &start,
        &name,
        |key, value| is_declaration(key).then(|| canonical_namespace(value).map(str::to_owned)).flatten().map(Some),
        &[],
    );
    Cow::Owned(edited)
}

/// The text an event stands for: character data as written, references resolved (unknown ones kept as
/// written, as feed-rs keeps them).
pub fn literal(event: &Event) -> String {
    match event {
        Event::Text(t) => t.xml10_content().into_owned(),
        Event::CData(c) => c.xml10_content().into_owned(),
        Event::GeneralRef(r) => match r.resolve_char_ref() {
            Ok(Some(ch)) => ch.to_string(),
            _ => match quick_xml::escape::resolve_predefined_entity(r) {
                Some(s) => s.to_owned(),
                None => format!("&{};", &**r),
            },
        },
        _ => String::new(),
    }
}

/// The reader passes an `&` inside text only when it begins no reference, which feed-rs refuses: escape it.
pub fn fix_ampersands(event: Event) -> Event {
    match event {
        Event::Text(t) if t.contains('&') => Event::Text(BytesText::from_escaped(t.replace('&', "&amp;"))),
        other => other,
    }
}

/// `name`'s prefix (if any) on a new local name.
pub fn prefixed(name: &str, local: &str) -> String {
    match name.split_once(':') {
        Some((prefix, _)) => format!("{prefix}:{local}"),
        None => local.to_owned(),
    }
}
