//! What an answer from the desk means for a queued capture (shared by the app's outbox and any other
//! client), and how long to wait after a failure.
//! Pure functions: the rules of design.md in one place, tested without a browser or a server.

/// The fate of one queued capture after an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// 201 or 200: committed at the SPOC (a 200 is a harmless resend with the original receipt).
    Delivered,
    /// 409: the SPOC holds different content under this id. Kept, shown to a person, never resent.
    Conflict,
    /// Any other 4xx but those below: the SPOC will not take it as it is. Kept, shown to a person.
    Refused,
    /// 401/403: the officer must sign in again. The queue stays as it is.
    SignIn,
    /// 404, 405, 408, 425, 429, 5xx or anything unexpected: try again later. The desk's ingest
    /// endpoints always exist, so a 404 or 405 comes from something in between (a captive portal, a
    /// misrouted proxy): refusing the capture on its word would strand evidence.
    Retry,
}

pub fn verdict(status: u16) -> Verdict {
    match status {
        200 | 201 => Verdict::Delivered,
        409 => Verdict::Conflict,
        401 | 403 => Verdict::SignIn,
        404 | 405 | 408 | 425 | 429 => Verdict::Retry,
        400..=499 => Verdict::Refused,
        _ => Verdict::Retry,
    }
}

pub const BACKOFF_BASE_MS: f64 = 1_000.0;
/// The longest wait when the loop has no capture to deliver (a sign-in it waits for): nothing is
/// pressing, and a timer that rarely fires costs the battery nothing.
pub const BACKOFF_CAP_MS: f64 = 300_000.0;
/// The ceiling of the jittered wait while ordinary captures are queued. Once the SPOC is reachable
/// again, the next try comes within this, so every queued capture arrives within 30 s; with full
/// jitter the mean wait is half of it, which spreads a fleet coming back at once (README, "Recovery").
pub const QUEUED_CAP_MS: f64 = 20_000.0;
// Within 30 s and 10 s of the SPOC's return, with room left for the request itself.
const _: () = assert!(QUEUED_CAP_MS <= 25_000.0 && URGENT_CAP_MS <= 9_000.0);

/// The ceiling while a capture with danger to life waits: it must arrive within 10 s of the SPOC's
/// return, and such captures are rare enough that the extra tries do not load the desk.
pub const URGENT_CAP_MS: f64 = 8_000.0;

/// What is waiting, which decides how long a retry may be put off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Queued {
    /// Nothing to deliver (the loop only waits for a sign-in, say).
    Nothing,
    /// Captures wait, none of them with danger to life.
    Captures,
    /// At least one capture with danger to life waits.
    Urgent,
}

impl Queued {
    /// The ceiling the exponential backoff grows to.
    pub fn cap_ms(self) -> f64 {
        match self {
            Queued::Nothing => BACKOFF_CAP_MS,
            Queued::Captures => QUEUED_CAP_MS,
            Queued::Urgent => URGENT_CAP_MS,
        }
    }
}

/// "Full jitter": a uniformly random wait up to an exponentially growing, capped ceiling, so a fleet of
/// tablets coming back online at once does not hammer the desk in step. `random` is in [0, 1).
pub fn backoff_ms(failures: u32, random: f64) -> f64 {
    retry_wait_ms(failures, Queued::Nothing, random)
}

/// The wait before the next try after `failures` failures in a row: full jitter, with a ceiling that
/// depends on what is queued. The SPOC's return is never announced (no `online` event comes when
/// only the desk was down), so the wait itself bounds how long a queued capture can sit after it.
pub fn retry_wait_ms(failures: u32, queued: Queued, random: f64) -> f64 {
    let ceiling = (BACKOFF_BASE_MS * 2f64.powi(failures.min(30) as i32)).min(queued.cap_ms());
    random.clamp(0.0, 1.0) * ceiling
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_map_to_the_rules_of_design_md() {
        assert_eq!(verdict(201), Verdict::Delivered);
        assert_eq!(verdict(200), Verdict::Delivered);
        assert_eq!(verdict(409), Verdict::Conflict);
        for s in [400, 413, 415, 422] {
            assert_eq!(verdict(s), Verdict::Refused, "{s}");
        }
        assert_eq!(verdict(401), Verdict::SignIn);
        assert_eq!(verdict(403), Verdict::SignIn);
        for s in [404, 405, 408, 425, 429, 500, 502, 503, 504, 302, 0] {
            assert_eq!(verdict(s), Verdict::Retry, "{s}");
        }
    }

    #[test]
    fn backoff_grows_is_capped_and_jittered() {
        assert_eq!(backoff_ms(0, 0.999_999).round(), 1_000.0);
        assert_eq!(backoff_ms(3, 0.999_999).round(), 8_000.0);
        assert_eq!(backoff_ms(40, 0.999_999).round(), BACKOFF_CAP_MS);
        assert_eq!(backoff_ms(5, 0.0), 0.0);
        assert!(backoff_ms(5, 0.5) < backoff_ms(5, 0.9));
        assert!(backoff_ms(u32::MAX, 1.0) <= BACKOFF_CAP_MS);
    }

    #[test]
    fn queued_captures_are_retried_within_their_bound_however_long_the_outage() {
        for failures in [0, 1, 5, 10, 1_000, u32::MAX] {
            for r in [0.0, 0.25, 0.5, 0.999_999, 1.0] {
                assert!(retry_wait_ms(failures, Queued::Captures, r) <= QUEUED_CAP_MS);
                assert!(retry_wait_ms(failures, Queued::Urgent, r) <= URGENT_CAP_MS);
            }
        }
        assert_eq!(
            retry_wait_ms(40, Queued::Captures, 0.999_999).round(),
            QUEUED_CAP_MS
        );
        assert_eq!(
            retry_wait_ms(40, Queued::Urgent, 0.999_999).round(),
            URGENT_CAP_MS
        );
        // Still exponential at first: a brief blip costs a second, not the ceiling.
        assert_eq!(retry_wait_ms(0, Queued::Urgent, 0.999_999).round(), 1_000.0);
        assert_eq!(retry_wait_ms(2, Queued::Captures, 0.999_999).round(), 4_000.0);
    }

    #[test]
    fn the_jitter_spreads_a_fleet_over_the_whole_ceiling() {
        // The mean of full jitter is half the ceiling: 10,000 phones at 10 s mean is ~1,000 tries/s.
        let n = 10_000;
        let mean = (0..n)
            .map(|i| retry_wait_ms(30, Queued::Captures, i as f64 / n as f64))
            .sum::<f64>()
            / n as f64;
        assert!((mean - QUEUED_CAP_MS / 2.0).abs() < 10.0, "{mean}");
    }
}
