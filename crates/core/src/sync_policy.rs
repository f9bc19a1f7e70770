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
pub const BACKOFF_CAP_MS: f64 = 300_000.0;

/// "Full jitter": a uniformly random wait up to an exponentially growing, capped ceiling, so a fleet of
/// tablets coming back online at once does not hammer the desk in step. `random` is in [0, 1).
pub fn backoff_ms(failures: u32, random: f64) -> f64 {
    let ceiling = (BACKOFF_BASE_MS * 2f64.powi(failures.min(30) as i32)).min(BACKOFF_CAP_MS);
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
}
