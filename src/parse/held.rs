//! An HTML field's content held back until its end tag, so that markup left unescaped inside it becomes text
//! and its relative URLs can be resolved against an `xml:base` before it is written.

use super::text::resolve_urls;
use super::xml_edit::{fix_ampersands, literal};
use quick_xml::events::{BytesText, Event};
use std::borrow::Cow;
use url::Url;

#[derive(Default)]
pub struct HeldHtml {
    events: Vec<Event<'static>>,
    /// The content as HTML text: character data unescaped, child elements as tags.
    text: String,
    depth: usize,
    children: bool,
}

impl HeldHtml {
    /// Takes one event of the content; `false` when it is the field's own end tag.
    pub fn take(&mut self, event: &Event) -> bool {
        match event {
            Event::End(_) if self.depth == 0 => return false,
            Event::Start(s) => {
                self.depth += 1;
                self.children = true;
                self.text.push_str(&format!("<{}>", &**s));
            }
            Event::Empty(s) => {
                self.children = true;
                self.text.push_str(&format!("<{}/>", &**s));
            }
            Event::End(e) => {
                self.depth -= 1;
                self.text.push_str(&format!("</{}>", &**e));
            }
            Event::Comment(c) => self.text.push_str(&format!("<!--{}-->", &**c)),
            other => self.text.push_str(&literal(other)),
        }
        self.events.push(event.clone().into_owned());
        true
    }

    /// What to write in place of the content: as it came when nothing needs changing (so bodies keep their
    /// bytes), else one escaped text.
    pub fn finish(self, xml_base: Option<&Url>) -> Vec<Event<'static>> {
        let resolved = xml_base.map(|b| resolve_urls(&self.text, b)).filter(|r| matches!(r, Cow::Owned(_)));
        if self.children || resolved.is_some() {
            let body = resolved.map(Cow::into_owned).unwrap_or(self.text);
            vec![Event::Text(BytesText::new(&body).into_owned())]
        } else {
            self.events.into_iter().map(fix_ampersands).collect()
        }
    }
}
