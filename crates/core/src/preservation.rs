//! Preservation clocks: when a provider may let preserved data go, for each request recorded.
//!
//! A period of N days is counted as N × 24 hours from the instant of the request. That instant is fixed
//! by the time's UTC offset, so the result is the same whichever zone the request was written in, and a
//! daylight-saving change in between moves only how a wall clock shows the expiry (the app shows it in
//! the device's zone, with the browser's zone rules), never the expiry itself. The provider's own
//! calendar day boundary is unknown to us; the SPOC is asked to renew well before (see
//! [`RENEW_WITHIN_DAYS`]).

use time::{Duration, OffsetDateTime};

use crate::guidance::PreservationRule;
use crate::zoned_time::{ZonedTime, ZonedTimeError};

/// A renewal is due once the expiry is this close.
pub const RENEW_WITHIN_DAYS: i64 = 14;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PreservationClock {
    pub requested: OffsetDateTime,
    pub expires: OffsetDateTime,
    /// The last moment the data is kept if the provider grants its one extension.
    pub extended_until: Option<OffsetDateTime>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockState {
    Running {
        days_left: i64,
    },
    /// Within [`RENEW_WITHIN_DAYS`] of expiry: ask for the extension now.
    RenewNow {
        days_left: i64,
    },
    Expired,
}

impl PreservationClock {
    /// The clock of a request made at `requested_at` under `rule`; `Ok(None)` where the pack knows no
    /// period for the provider (the app then says so instead of guessing a date).
    pub fn start(rule: &PreservationRule, requested_at: &ZonedTime) -> Result<Option<Self>, ZonedTimeError> {
        let requested = requested_at.instant()?;
        let Some(days) = rule.days else { return Ok(None) };
        let expires = requested + Duration::days(i64::from(days));
        Ok(Some(PreservationClock {
            requested,
            expires,
            extended_until: rule
                .extension_days
                .map(|extra| expires + Duration::days(i64::from(extra))),
        }))
    }

    pub fn state(&self, now: OffsetDateTime) -> ClockState {
        if now >= self.expires {
            return ClockState::Expired;
        }
        // Whole days left, rounded down: "1 day left" must never mean 1 day and 23 hours are gone.
        let days_left = (self.expires - now).whole_days();
        if days_left < RENEW_WITHIN_DAYS {
            ClockState::RenewNow { days_left }
        } else {
            ClockState::Running { days_left }
        }
    }
}

impl PreservationClock {
    /// [`PreservationClock::state`] at a Unix time in milliseconds, as the browser's `Date` gives it.
    pub fn state_at_unix_ms(&self, now_ms: f64) -> ClockState {
        let now = OffsetDateTime::from_unix_timestamp_nanos(now_ms as i128 * 1_000_000)
            .unwrap_or(OffsetDateTime::UNIX_EPOCH);
        self.state(now)
    }
}

/// Unix milliseconds, for handing an instant to the browser's `Date`.
pub fn unix_ms(at: OffsetDateTime) -> f64 {
    (at.unix_timestamp_nanos() / 1_000_000) as f64
}

/// `2026-05-30 09:00 UTC`: how the SPOC and a provider read an instant without a zone to guess.
pub fn utc_text(at: OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02} UTC",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute()
    )
}
