//! How long the loop waits before trying again: full-jitter backoff with a ceiling set by what is
//! queued (the rule is `spoc_core::sync_policy::retry_wait_ms`), the server's `Retry-After`, and the
//! count of failures in a row that drives both.

pub use spoc_core::sync_policy::{
    backoff_ms as full_jitter_ms, retry_wait_ms, Queued, BACKOFF_BASE_MS, BACKOFF_CAP_MS, QUEUED_CAP_MS,
    URGENT_CAP_MS,
};

/// A `Retry-After` longer than this is not believed: a misconfigured proxy must not park the queue
/// for days.
pub const RETRY_AFTER_MAX_MS: f64 = 3_600_000.0;

/// `Retry-After` as milliseconds from `now_ms`: delta-seconds or an HTTP date.
pub fn retry_after_ms(header: &str, now_ms: f64) -> Option<f64> {
    let header = header.trim();
    let ms = match header.parse::<u64>() {
        Ok(seconds) => seconds as f64 * 1_000.0,
        Err(_) => {
            let at = js_sys::Date::parse(header);
            if at.is_nan() {
                return None;
            }
            (at - now_ms).max(0.0)
        }
    };
    Some(ms.min(RETRY_AFTER_MAX_MS))
}

/// The loop's failures in a row. Reset by any answer the SPOC gives about a capture.
#[derive(Debug, Clone, Default)]
pub struct Backoff {
    failures: u32,
}

impl Backoff {
    pub fn failures(&self) -> u32 {
        self.failures
    }

    /// Counts a failure and returns how long to wait: the jittered backoff for what is `queued`, or
    /// the server's `Retry-After` when that is longer (the desk's own way to shed load).
    pub fn fail(&mut self, random01: f64, retry_after_ms: Option<f64>, queued: Queued) -> f64 {
        let wait = retry_wait_ms(self.failures, queued, random01);
        self.failures = self.failures.saturating_add(1);
        retry_after_ms.map_or(wait, |server| wait.max(server))
    }

    pub fn reset(&mut self) {
        self.failures = 0;
    }
}
