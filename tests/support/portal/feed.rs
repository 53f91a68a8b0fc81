//! The portal feed (`portal_rss.php`): RSS 2.0, charset only in the XML declaration, at most 20 items, a
//! category's own articles only, descriptions cut to about 250 bytes and escaped twice, the first picture as an
//! enclosure typed `image/jpeg`.

use super::layout::{BBNAME, Urls};
use super::model::Site;
use super::text::{cut, esc, rfc822};
use super::{Charset, FeedMode};

/// The feed's text (to be encoded in the site charset), or the plain-text answers Discuz exits with.
pub fn feed(
    site: &Site,
    base: &str,
    charset: Charset,
    urls: super::Urls,
    catid: Option<u32>,
    mode: FeedMode,
) -> String {
    if mode == FeedMode::Disabled {
        return "RSS Disabled".into();
    }
    let catname = match catid {
        Some(c) => match site.category(c) {
            Some(cat) => Some(esc(cat.name)),
            None => return "Specified article not found".into(),
        },
        None => None,
    };
    let bbname = esc(BBNAME);
    let mut out =
        format!("<?xml version=\"1.0\" encoding=\"{}\"?>\n<rss version=\"2.0\">\n  <channel>\n", charset.name());
    match (&catname, catid) {
        (Some(name), Some(c)) => out.push_str(&format!(
            "    <title>{bbname} - {name}</title>\n    <link>{base}portal.php?mod=list&amp;catid={c}</link>\n    <description>Latest 20 articles of {name}</description>\n"
        )),
        _ => out.push_str(&format!(
            "    <title>{bbname}</title>\n    <link>{base}forum.php</link>\n    <description>Latest 20 articles of all categories</description>\n"
        )),
    }
    out.push_str(&format!(
        "    <copyright>Copyright(C) {bbname}</copyright>\n    <generator>Discuz! Board by Comsenz Inc.</generator>\n    <lastBuildDate>{}</lastBuildDate>\n    <ttl>60</ttl>\n    <image>\n      <url>{base}static/image/common/logo_88_31.gif</url>\n      <title>{bbname}</title>\n      <link>{base}</link>\n    </image>\n",
        rfc822(chrono::Utc::now().timestamp())
    ));
    if mode == FeedMode::Normal {
        let links = Urls::new(urls, site);
        for aid in site.feed_aids(catid) {
            let a = site.article(aid).unwrap();
            let cat = site.category(a.catid).map_or("", |c| c.name);
            let author = a.author.clone().or_else(|| site.member(a.uid).map(|m| m.username.to_owned()));
            let enclosure = a.pictures.first().map(|p| {
                format!(
                    "<enclosure url=\"{base}data/attachment/portal/{}\" length=\"{}\" type=\"image/jpeg\" />\n",
                    p.file,
                    p.width * p.height / 8
                )
            });
            // The rewritten form when the site rewrites article URLs; otherwise the dynamic one (a folder
            // category's article then redirects to its static page).
            let link = match urls {
                super::Urls::Rewrite => links.article(aid, 1),
                _ => format!("portal.php?mod=view&amp;aid={aid}"),
            };
            // The stored summary is already escaped once; the feed escapes it again.
            out.push_str(&format!(
                "    <item>\n      <title>{}</title>\n      <link>{base}{link}</link>\n      <description><![CDATA[{}]]></description>\n      <category>{}</category>\n      <author>{}</author>\n{}      <pubDate>{}</pubDate>\n    </item>\n",
                esc(&a.title),
                esc(&cut(charset, &a.summary, 250)),
                esc(cat),
                esc(&author.unwrap_or_else(|| "Anonymous".into())),
                enclosure.unwrap_or_default(),
                rfc822(a.dateline)
            ));
        }
    }
    out.push_str("  </channel>\n</rss>");
    out
}
