//! Plain-text renderings of sources and articles for the terminal.

use jianbao::view::{Article, ArticleSummary, Source};

/// `2020-11-27 15:34 +08:00` from RFC 3339, keeping the article's own offset.
pub fn date(rfc3339: Option<&str>) -> String {
    match rfc3339.and_then(|d| chrono::DateTime::parse_from_rfc3339(d).ok()) {
        Some(d) => d.format("%Y-%m-%d %H:%M %:z").to_string(),
        None => "-".to_owned(),
    }
}

/// `id  unread/total  title  <url>  (last error)`
pub fn source_line(s: &Source) -> String {
    let error = s.last_error.as_deref().map(|e| format!("  [last sync failed: {e}]")).unwrap_or_default();
    format!("{}\t{}/{}\t{}\t<{}>{}", s.id, s.unread, s.total, s.title, s.url, error)
}

/// Every setting and the sync state of one source.
pub fn source_details(s: &Source) -> String {
    let or = |v: Option<String>, default: &str| v.unwrap_or_else(|| default.to_owned());
    let lines = [
        ("id", s.id.to_string()),
        ("title", s.title.clone()),
        ("url", s.url.clone()),
        ("feed", s.feed_url.clone()),
        ("site", or(s.site_url.clone(), "-")),
        ("folder", if s.folder.is_empty() { "-".to_owned() } else { s.folder.join("/") }),
        ("encoding", or(s.encoding.clone(), "auto")),
        ("interval", s.interval_minutes.map(|m| format!("{m} min")).unwrap_or_else(|| "default".to_owned())),
        ("articles", format!("{} ({} unread)", s.total, s.unread)),
        ("full text", if s.full_text { "on".to_owned() } else { "off".to_owned() }),
        ("keep days", s.keep_days.map(|d| d.to_string()).unwrap_or_else(|| "default".to_owned())),
        ("keep", s.keep_articles.map(|d| format!("{d} read articles")).unwrap_or_else(|| "default".to_owned())),
        ("last sync", or(s.last_sync_at.clone(), "never")),
        ("next sync", or(s.next_sync_at.clone(), "due")),
        ("last error", or(s.last_error.clone(), "-")),
    ];
    let portal = s.portal.as_ref().map(|p| {
        [
            ("portal", format!("{} (catid {})", p.site_url, p.catid)),
            ("pinyin", if p.clean_pinyin { "removed".to_owned() } else { "kept".to_owned() }),
        ]
    });
    let lines: Vec<(&str, String)> = lines.into_iter().chain(portal.into_iter().flatten()).collect();
    lines.iter().map(|(k, v)| format!("{k:<11}{v}\n")).collect()
}

/// `id  date  flags  title  · source`
pub fn summary_line(a: &ArticleSummary) -> String {
    let flags = format!(
        "{}{}{}",
        if a.read { " " } else { "●" },
        if a.bookmarked { "★" } else { " " },
        a.reaction.map(|r| format!(" {}", r.label())).unwrap_or_default()
    );
    format!("{:>6}  {}  {}  {}  · {}", a.id, date(a.published.as_deref()), flags, a.title, a.source_title)
}

/// The whole article as text.
pub fn article_text(a: &Article) -> String {
    let mut out = format!("{}\n", a.title);
    let mut meta = vec![a.source_title.clone(), date(a.published.as_deref())];
    meta.extend(a.author.clone());
    out += &format!("{}\n", meta.join(" · "));
    if let Some(link) = &a.link {
        out += &format!("{link}\n");
    }
    if let Some(p) = &a.portal {
        let mut path: Vec<String> = p.section.iter().cloned().collect();
        path.extend(p.category_path.iter().cloned());
        let mut line = vec![path.join(" › ")];
        line.extend(p.publisher.as_ref().map(|v| format!("發布者 {v}")));
        line.extend(p.source_name.as_ref().map(|v| format!("來自 {v}")));
        line.extend(p.views.map(|v| format!("查看 {v}")));
        line.extend(p.comment_count.map(|v| format!("評論 {v}")));
        out += &format!("{}\n", line.join(" · "));
        let counts = &p.reactions;
        out += &format!(
            "鮮花 {} · 握手 {} · 雷人 {} · 路過 {} · 雞蛋 {}\n",
            counts.flowers, counts.handshake, counts.shocking, counts.passing, counts.eggs
        );
    }
    if let Some(summary) = &a.summary {
        out += &format!("\n摘要: {summary}\n");
    }
    out += &format!("\n{}\n\n", a.text);
    let mut state = vec![if a.read { "read" } else { "unread" }.to_owned()];
    state.extend(a.bookmarked_at.as_ref().map(|t| format!("bookmarked {t}")));
    state.extend(a.reaction.map(|r| format!("reaction {} ({})", r.name(), r.label())));
    out += &format!("[{}]\n", state.join(", "));
    out
}
