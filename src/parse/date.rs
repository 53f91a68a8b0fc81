//! Lenient date reading that keeps the offset the source wrote (a portal's +08:00 stays +08:00).

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};
use regex::Regex;
use std::sync::LazyLock;

static TRUNCATED_OFFSET: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"T.*[+-]\d\d:\d$").expect("static regex"));

/// Reads the date forms feeds and pages use: RFC 3339, RFC 2822 (with a wrong or missing weekday, obsolete
/// zone names), and plain `Y-m-d H:M[:S]` (read as UTC unless `default_offset` says otherwise).
pub fn parse_date(raw: &str, default_offset: FixedOffset) -> Option<DateTime<FixedOffset>> {
    let s = raw.trim();
    if s.is_empty() {
        return None;
    }
    // An offset cut short by one digit (`+00:0`) is read as if the last digit were 0.
    let padded;
    let s = if TRUNCATED_OFFSET.is_match(s) {
        padded = format!("{s}0");
        padded.as_str()
    } else {
        s
    };
    if let Ok(d) = DateTime::parse_from_rfc3339(&s.replacen(' ', "T", 1).replace('z', "Z")) {
        return Some(d);
    }
    // RFC 2822 without the weekday, which real feeds often get wrong.
    let no_weekday = match s.split_once(',') {
        Some((day, rest)) if day.len() <= 9 && day.chars().all(|c| c.is_ascii_alphabetic()) => rest.trim(),
        _ => s,
    };
    if let Ok(d) = DateTime::parse_from_rfc2822(no_weekday) {
        return Some(d);
    }
    for format in [
        "%d %b %Y %H:%M:%S %z",
        "%d %b %Y %H:%M %z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S %z",
        // RFC 3339 without seconds.
        "%Y-%m-%dT%H:%M%:z",
        "%Y-%m-%d %H:%M%:z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(no_weekday, format) {
            return Some(d);
        }
    }
    for format in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %H:%M",
    ] {
        if let Ok(n) = NaiveDateTime::parse_from_str(s, format) {
            return default_offset.from_local_datetime(&n).single();
        }
    }
    // A month name first and a 12-hour clock (`Dec 16 2023 02:02:33 PM`), with no zone.
    for format in ["%b %d %Y %I:%M:%S %p", "%b %d %Y %I:%M %p", "%b %d, %Y %I:%M:%S %p", "%b %d %Y %H:%M:%S"] {
        if let Ok(n) = NaiveDateTime::parse_from_str(no_weekday, format) {
            return default_offset.from_local_datetime(&n).single();
        }
    }
    for format in ["%Y-%m-%d", "%Y/%m/%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, format) {
            return default_offset.from_local_datetime(&d.and_hms_opt(0, 0, 0)?).single();
        }
    }
    None
}

/// RFC 3339 text with seconds and the date's own offset (`+00:00`, never `Z`).
pub fn to_rfc3339(d: &DateTime<FixedOffset>) -> String {
    d.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// Same, from a UTC instant.
pub fn utc_to_rfc3339(d: &DateTime<Utc>) -> String {
    to_rfc3339(&d.fixed_offset())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc() -> FixedOffset {
        FixedOffset::east_opt(0).unwrap()
    }

    #[test]
    fn offsets_are_kept_as_written() {
        let d = parse_date("Fri, 20 Nov 2026 20:00:00 +0800", utc()).unwrap();
        assert_eq!(to_rfc3339(&d), "2026-11-20T20:00:00+08:00");
        let d = parse_date("2026-11-10T08:15:00-05:00", utc()).unwrap();
        assert_eq!(to_rfc3339(&d), "2026-11-10T08:15:00-05:00");
    }

    #[test]
    fn a_wrong_weekday_or_zone_name_still_reads() {
        let d = parse_date("Mon, 20 Nov 2026 20:00:00 GMT", utc()).unwrap();
        assert_eq!(to_rfc3339(&d), "2026-11-20T20:00:00+00:00");
    }

    #[test]
    fn rfc3339_without_seconds_keeps_its_offset() {
        let d = parse_date("2000-01-01T12:00+05:30", utc()).unwrap();
        assert_eq!(to_rfc3339(&d), "2000-01-01T12:00:00+05:30");
    }

    #[test]
    fn an_offset_missing_its_last_digit_still_reads() {
        let d = parse_date("2017-06-13T03:18:00+00:0", utc()).unwrap();
        assert_eq!(to_rfc3339(&d), "2017-06-13T03:18:00+00:00");
    }

    #[test]
    fn a_month_first_twelve_hour_date_reads_in_the_default_offset() {
        let d = parse_date("Sat, Dec 16 2023 02:02:33 PM", utc()).unwrap();
        assert_eq!(to_rfc3339(&d), "2023-12-16T14:02:33+00:00");
    }

    #[test]
    fn slashed_dates_without_leading_zeros_read() {
        let east8 = FixedOffset::east_opt(8 * 3600).unwrap();
        let d = parse_date("2020/1/10 14:33:00", east8).unwrap();
        assert_eq!(to_rfc3339(&d), "2020-01-10T14:33:00+08:00");
    }

    #[test]
    fn portal_dates_take_the_site_offset() {
        let east8 = FixedOffset::east_opt(8 * 3600).unwrap();
        let d = parse_date("2020-11-27 15:34", east8).unwrap();
        assert_eq!(to_rfc3339(&d), "2020-11-27T15:34:00+08:00");
        assert_eq!(parse_date("not a date", east8), None);
    }
}
