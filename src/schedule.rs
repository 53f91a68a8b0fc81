//! When each source is fetched next: the user's interval (or the library default), never sooner than the feed
//! asks (`<ttl>`, `sy:updatePeriod`, `Cache-Control: max-age`, at most a day), exponential back-off after
//! failures, and a server's `Retry-After` honoured.

/// The library's default interval between fetches of a source.
pub const DEFAULT_INTERVAL_MINUTES: i64 = 30;
/// No source waits longer than this between fetches, whatever the feed asks.
pub const MAX_INTERVAL_SECS: i64 = 24 * 3600;
/// The first retry after a failure; each further failure doubles it, up to a day.
pub const FIRST_BACKOFF_SECS: i64 = 5 * 60;
/// The longest `Retry-After` obeyed.
pub const MAX_RETRY_AFTER_SECS: i64 = 7 * 24 * 3600;

/// Unix seconds of the next fetch after a success.
pub fn next_after_success(now: i64, user_minutes: Option<i64>, default_minutes: i64, feed_asks: Option<u32>) -> i64 {
    let wanted = user_minutes.unwrap_or(default_minutes).max(1) * 60;
    let asked = feed_asks.map(i64::from).unwrap_or(0).min(MAX_INTERVAL_SECS);
    now + wanted.max(asked)
}

/// Unix seconds of the next try after the `failures`-th failure in a row (1 for the first). When the site said
/// when to come back (`Retry-After`), that time is the answer: it knows better than our back-off.
pub fn next_after_failure(now: i64, failures: i64, retry_after: Option<u64>) -> i64 {
    if let Some(seconds) = retry_after {
        return now + seconds.min(MAX_RETRY_AFTER_SECS as u64) as i64;
    }
    let doublings = (failures.max(1) - 1).min(20) as u32;
    now + FIRST_BACKOFF_SECS.saturating_mul(1 << doublings).min(MAX_INTERVAL_SECS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feed_that_asks_for_more_time_gets_it_and_never_more_than_a_day() {
        assert_eq!(next_after_success(0, None, 30, None), 1800);
        assert_eq!(next_after_success(0, Some(5), 30, Some(3600)), 3600);
        assert_eq!(next_after_success(0, Some(120), 30, Some(60)), 7200);
        assert_eq!(next_after_success(0, None, 30, Some(u32::MAX)), MAX_INTERVAL_SECS);
    }

    #[test]
    fn back_off_doubles_per_failure_and_a_site_s_retry_after_is_taken_as_said() {
        assert_eq!(next_after_failure(0, 1, None), 300);
        assert_eq!(next_after_failure(0, 2, None), 600);
        assert_eq!(next_after_failure(0, 4, None), 2400);
        assert_eq!(next_after_failure(0, 40, None), MAX_INTERVAL_SECS);
        assert_eq!(next_after_failure(0, 1, Some(7200)), 7200);
        assert_eq!(next_after_failure(0, 6, Some(30)), 30, "not stretched to the back-off");
        assert_eq!(next_after_failure(0, 1, Some(u64::MAX)), MAX_RETRY_AFTER_SECS);
    }
}
