//! XML feed-rs reads wrongly or not at all, rewritten before it reads it: RSS 0.90/1.0 (RDF) into the RSS 2.0
//! shape, Atom 0.3 into Atom 1.0, any `<rss>` version, stray ampersands, HTML left unescaped inside a text
//! field, and `xml:base` applied to the HTML of bodies. What feed-rs skips is gathered on the way.

use super::dialect::{Ns, Target, atom_element, ns_of};
use super::facts::{Facts, ItemFacts};
use super::held::HeldHtml;
use super::text::resolve_value;
use super::xml_edit::{attribute, canonical_namespaces, fix_ampersands, literal, rebuild};
use quick_xml::events::{BytesEnd, BytesStart, Event};
use quick_xml::reader::NsReader;
use quick_xml::writer::Writer;
use std::borrow::Cow;
use url::Url;

/// The normalised document and the facts gathered from it, or `None` when it is not an RSS, RDF or Atom
/// document this can walk (it is then given to feed-rs as it came, to accept or refuse).
pub fn normalize(text: &str, base: &Url) -> Option<(String, Facts)> {
    let mut reader = NsReader::from_str(text);
    let config = reader.config_mut();
    config.allow_dangling_amp = true;
    config.check_end_names = false;
    config.check_comments = false;
    config.trim_text(false);
    let mut n = Normalizer {
        out: Writer::new(Vec::with_capacity(text.len() + 256)),
        frames: Vec::new(),
        bases: vec![base.clone()],
        dialect: None,
        facts: Facts::default(),
        item: None,
        channel_seen: false,
    };
    loop {
        let (ns, event) = reader.read_resolved_event().ok()?;
        let ns = ns_of(&ns);
        if matches!(event, Event::Eof) {
            break;
        }
        n.event(ns, event)?;
    }
    n.dialect?;
    Some((String::from_utf8(n.out.into_inner()).ok()?, n.facts))
}

#[derive(Clone, Copy, PartialEq)]
enum Dialect {
    Rss,
    Rdf,
    Atom,
    Atom03,
}

enum Role {
    Root,
    Channel,
    Item,
    /// An HTML text field, whose content is held back until its end.
    Html(HeldHtml),
    /// An XHTML field; `capture` is where its content starts in the output when it is an item's body.
    Xhtml {
        capture: Option<usize>,
    },
    Collect(Target, String),
    Other,
}

struct Frame {
    /// The end tags to write, when they differ from the one read.
    closing: Option<Vec<String>>,
    /// Tags that are dropped (RDF's channel, whose children are kept).
    hidden: bool,
    sets_base: bool,
    role: Role,
}

struct Normalizer {
    out: Writer<Vec<u8>>,
    frames: Vec<Frame>,
    bases: Vec<Url>,
    dialect: Option<Dialect>,
    facts: Facts,
    item: Option<usize>,
    channel_seen: bool,
}

impl Normalizer {
    fn write(&mut self, event: Event) -> Option<()> {
        self.out.write_event(event).ok()
    }

    /// The base an `xml:base` set, if one is in scope; without one the sanitizer resolves against the URL.
    fn xml_base(&self) -> Option<&Url> {
        (self.bases.len() > 1).then(|| self.bases.last()).flatten()
    }

    fn event(&mut self, ns: Ns, event: Event) -> Option<()> {
        if let Some(Frame { role: Role::Html(held), .. }) = self.frames.last_mut()
            && held.take(&event)
        {
            return Some(());
        }
        match event {
            Event::Start(s) => self.start(ns, s, false),
            Event::Empty(s) => self.start(ns, s, true),
            Event::End(e) => self.end(e),
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) => {
                if let Some(Frame { role: Role::Collect(_, text), .. }) = self.frames.last_mut() {
                    text.push_str(&literal(&event));
                }
                self.write(fix_ampersands(event))
            }
            other => self.write(other),
        }
    }

    fn start(&mut self, ns: Ns, start: BytesStart, empty: bool) -> Option<()> {
        let name = start.name().as_ref().to_owned();
        let local = name.rsplit(':').next().unwrap_or("").to_owned();
        let sets_base = self.push_base(&start);
        let mut frame = Frame { closing: None, hidden: false, sets_base, role: Role::Other };
        let mut out: Cow<BytesStart> = Cow::Borrowed(&start);
        let mut opens_channel = false;
        if self.frames.is_empty() {
            let dialect = match (local.as_str(), ns) {
                ("rss", _) => Dialect::Rss,
                ("RDF", _) => Dialect::Rdf,
                ("feed", Ns::Atom03) => Dialect::Atom03,
                ("feed", _) => Dialect::Atom,
                _ => return None,
            };
            self.dialect = Some(dialect);
            frame.role = Role::Root;
            if matches!(dialect, Dialect::Rss | Dialect::Rdf) {
                // feed-rs reads RSS versions 0.91, 0.92 and 2.0 only, and RSS 1.0 items only when they have a
                // link; every RSS is RSS 2.0 to it, and RDF's items move into the channel.
                let drop_version = |key: &str, _: &str| (key == "version").then_some(None);
                out = Cow::Owned(rebuild(&start, "rss", drop_version, &[("version", "2.0")]));
                opens_channel = dialect == Dialect::Rdf;
                let closing = if opens_channel { vec!["channel", "rss"] } else { vec!["rss"] };
                frame.closing = Some(closing.into_iter().map(String::from).collect());
            }
        } else {
            self.child(ns, &start, &name, &local, empty, &mut frame, &mut out)?;
            if frame.hidden && empty {
                self.pop_base(sets_base);
                return Some(());
            }
        }
        if self.frames.iter().any(|f| matches!(f.role, Role::Xhtml { .. }))
            && let Some(base) = self.xml_base().cloned()
        {
            // Only a tag with a relative URL is rebuilt: the others keep their bytes (`<br />` stays so).
            let resolve = |key: &str, value: &str| resolve_value(key, value, &base).map(Some);
            let relative =
                out.attributes().with_checks(false).flatten().any(|a| resolve(a.key.as_ref(), &a.value).is_some());
            if relative {
                out = Cow::Owned(rebuild(&out, &name, resolve, &[]));
            }
        }
        let out = canonical_namespaces(out);
        if !frame.hidden {
            self.write(if empty { Event::Empty(out.borrow()) } else { Event::Start(out.borrow()) })?;
        }
        if opens_channel {
            self.write(Event::Start(BytesStart::new("channel")))?;
        }
        if empty {
            self.pop_base(sets_base);
            if matches!(frame.role, Role::Item) {
                self.item = None;
            }
            return Some(());
        }
        if let Role::Xhtml { capture: Some(_) } = frame.role {
            frame.role = Role::Xhtml { capture: Some(self.out.get_ref().len()) };
        }
        self.frames.push(frame);
        Some(())
    }

    /// Decides what an element below the root is; `frame.hidden` on an empty element drops it.
    #[allow(clippy::too_many_arguments)]
    fn child<'a>(
        &mut self,
        ns: Ns,
        start: &'a BytesStart<'a>,
        name: &str,
        local: &str,
        empty: bool,
        frame: &mut Frame,
        out: &mut Cow<'a, BytesStart<'a>>,
    ) -> Option<()> {
        let depth = self.frames.len();
        let parent_is_channel = matches!(self.frames.last().map(|f| &f.role), Some(Role::Channel));
        let in_item = self.item.is_some();
        let rss = |ns: Ns| matches!(ns, Ns::Rss | Ns::None);
        let atom = |ns: Ns| matches!(ns, Ns::Atom | Ns::Atom03 | Ns::None);
        match (self.dialect?, local) {
            (Dialect::Rdf, "channel") if depth == 1 => {
                frame.hidden = true;
                frame.role = Role::Channel;
            }
            (Dialect::Rss, "channel") if depth == 1 && !self.channel_seen => {
                self.channel_seen = true;
                frame.role = Role::Channel;
            }
            (Dialect::Rss | Dialect::Rdf, "item") if rss(ns) && (parent_is_channel || depth == 1) => {
                self.facts.items.push(ItemFacts { about: attribute(start, "rdf:about"), ..ItemFacts::default() });
                self.item = Some(self.facts.items.len() - 1);
                frame.role = Role::Item;
            }
            (Dialect::Atom | Dialect::Atom03, "entry") if atom(ns) && depth == 1 => {
                self.facts.items.push(ItemFacts::default());
                self.item = Some(self.facts.items.len() - 1);
                frame.role = Role::Item;
            }
            // RSS 2.0: a guid is the item's permalink unless isPermaLink says otherwise.
            (Dialect::Rss | Dialect::Rdf, "guid")
                if rss(ns)
                    && in_item
                    && !attribute(start, "isPermaLink").is_some_and(|p| p.trim().eq_ignore_ascii_case("false")) =>
            {
                frame.role = Role::Collect(Target::Permalink, String::new())
            }
            (_, "subject") if ns == Ns::Dc && in_item => frame.role = Role::Collect(Target::Subject, String::new()),
            (_, "thumbnail") if ns == Ns::Media && in_item => {
                if let Some(item) = self.item.and_then(|i| self.facts.items.get_mut(i))
                    && item.thumbnail.is_none()
                {
                    item.thumbnail = attribute(start, "url").map(|u| u.trim().to_owned()).filter(|u| !u.is_empty());
                }
            }
            (_, "author") if ns == Ns::Itunes && in_item => {
                frame.role = Role::Collect(Target::ItemAuthor, String::new())
            }
            (Dialect::Rss, "creator") if ns == Ns::Dc && parent_is_channel => {
                frame.role = Role::Collect(Target::FeedAuthor, String::new())
            }
            (Dialect::Rss | Dialect::Rdf, "description" | "title") if rss(ns) => frame.role = html_role(),
            (_, "encoded") if ns == Ns::Content => frame.role = html_role(),
            (Dialect::Atom | Dialect::Atom03, "link")
                if atom(ns) && empty && attribute(start, "href").is_some_and(|h| h.trim().is_empty()) =>
            {
                // An empty href would resolve to the base itself, which is no link to the article.
                frame.hidden = true;
            }
            (Dialect::Atom | Dialect::Atom03, _) if atom(ns) => {
                let field = atom_element(start, name, local, self.dialect == Some(Dialect::Atom03));
                frame.role = match field.kind.as_deref() {
                    Some("html") => html_role(),
                    Some("xhtml") => Role::Xhtml { capture: (local == "content" && in_item).then_some(0) },
                    _ => Role::Other,
                };
                frame.closing = field.closing.map(|c| vec![c]);
                if let Some(element) = field.element {
                    *out = Cow::Owned(element);
                }
            }
            _ => {}
        }
        Some(())
    }

    fn end(&mut self, end: BytesEnd) -> Option<()> {
        let Some(frame) = self.frames.pop() else { return self.write(Event::End(end)) };
        match frame.role {
            Role::Html(held) => {
                for event in held.finish(self.xml_base()) {
                    self.write(event)?;
                }
            }
            Role::Xhtml { capture: Some(from) } => {
                let inner = String::from_utf8_lossy(&self.out.get_ref()[from..]).into_owned();
                if let Some(item) = self.item.and_then(|i| self.facts.items.get_mut(i)) {
                    item.xhtml = Some(inner);
                }
            }
            Role::Collect(target, text) => {
                let text = text.trim().to_owned();
                if !text.is_empty() {
                    match (target, self.item.and_then(|i| self.facts.items.get_mut(i))) {
                        (Target::Permalink, Some(item)) => item.permalink = Some(text),
                        (Target::Subject, Some(item)) => item.subjects.push(text),
                        (Target::ItemAuthor, Some(item)) => item.authors.push(text),
                        (Target::FeedAuthor, _) => self.facts.feed_authors.push(text),
                        _ => {}
                    }
                }
            }
            Role::Item => self.item = None,
            _ => {}
        }
        self.pop_base(frame.sets_base);
        if frame.hidden {
            return Some(());
        }
        match frame.closing {
            Some(names) => names.into_iter().try_for_each(|n| self.write(Event::End(BytesEnd::new(n)))),
            None => self.write(Event::End(end)),
        }
    }

    fn push_base(&mut self, start: &BytesStart) -> bool {
        let Some(value) = attribute(start, "xml:base") else { return false };
        match self.bases.last().and_then(|b| b.join(value.trim()).ok()) {
            Some(url) => {
                self.bases.push(url);
                true
            }
            None => false,
        }
    }

    fn pop_base(&mut self, pushed: bool) {
        if pushed {
            self.bases.pop();
        }
    }
}

fn html_role() -> Role {
    Role::Html(HeldHtml::default())
}

#[cfg(test)]
mod tests;
