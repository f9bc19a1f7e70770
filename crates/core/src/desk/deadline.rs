//! The deadlines board: each recorded preservation request with the moment its provider may let the
//! data go, by the same clocks the officer's app shows.

use time::OffsetDateTime;

use super::{Deadline, DeadlineState};
use crate::capture::PreservationRequest;
use crate::guidance::GuidancePack;
use crate::preservation::{unix_ms, utc_text, ClockState, PreservationClock};

/// Where `request` stands at `now` under the pack's rule for its platform. A time that cannot be read
/// (the desk refuses those on ingest) or a provider without a known period gives `Unknown`.
pub fn deadline(
    pack: &GuidancePack,
    capture_id: &str,
    server_seq: i64,
    request: &PreservationRequest,
    now: OffsetDateTime,
) -> Deadline {
    let clock = pack
        .platform(request.platform)
        .and_then(|guidance| PreservationClock::start(&guidance.preservation, &request.requested_at).ok())
        .flatten();
    let (state, days_left) = match clock.map(|clock| clock.state(now)) {
        None => (DeadlineState::Unknown, None),
        Some(ClockState::Running { days_left }) => (DeadlineState::Running, Some(days_left)),
        Some(ClockState::RenewNow { days_left }) => (DeadlineState::RenewNow, Some(days_left)),
        Some(ClockState::Expired) => (DeadlineState::Overdue, Some(0)),
    };
    Deadline {
        capture_id: capture_id.to_string(),
        server_seq,
        platform: request.platform,
        requested_at: request.requested_at.at.clone(),
        expires_utc: clock.map(|c| utc_text(c.expires)),
        expires_unix_ms: clock.map(|c| unix_ms(c.expires) as i64),
        extended_until_utc: clock.and_then(|c| c.extended_until).map(utc_text),
        days_left,
        state,
        reference: request.reference.clone(),
    }
}

/// Soonest expiry first (overdue ones lead), unknown periods last, then by capture.
pub fn sort_deadlines(deadlines: &mut [Deadline]) {
    deadlines.sort_by_key(|d| (d.expires_unix_ms.is_none(), d.expires_unix_ms, d.server_seq));
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::{Platform, ZonedTime};
    use time::macros::datetime;

    fn request(platform: Platform, at: &str) -> PreservationRequest {
        PreservationRequest {
            platform,
            requested_at: ZonedTime::new(at, "Europe/Copenhagen"),
            reference: "ref-1".into(),
        }
    }

    #[test]
    fn states_follow_the_clock() {
        let pack = GuidancePack::bundled();
        let meta = request(Platform::Instagram, "2026-03-01T10:00:00+01:00");
        let days = pack
            .platform(Platform::Instagram)
            .unwrap()
            .preservation
            .days
            .unwrap();
        let early = deadline(&pack, "c", 1, &meta, datetime!(2026-03-02 0:00 UTC));
        assert_eq!(early.state, DeadlineState::Running);
        assert!(early.expires_utc.is_some());
        let late = deadline(
            &pack,
            "c",
            1,
            &meta,
            datetime!(2026-03-01 9:00 UTC) + time::Duration::days(i64::from(days) - 3),
        );
        assert_eq!(late.state, DeadlineState::RenewNow);
        assert_eq!(late.days_left, Some(3));
        let gone = deadline(&pack, "c", 1, &meta, datetime!(2027-01-01 0:00 UTC));
        assert_eq!(gone.state, DeadlineState::Overdue);
    }

    #[test]
    fn an_unknown_period_is_said_to_be_unknown_and_sorts_last() {
        let pack = GuidancePack::bundled();
        let unknown_platform = Platform::ALL
            .into_iter()
            .find(|p| pack.platform(*p).is_some_and(|g| g.preservation.days.is_none()))
            .expect("the pack has a platform without a known period");
        let unknown = deadline(
            &pack,
            "a",
            1,
            &request(unknown_platform, "2026-03-01T10:00:00+01:00"),
            datetime!(2026-03-02 0:00 UTC),
        );
        assert_eq!(unknown.state, DeadlineState::Unknown);
        assert_eq!(unknown.expires_utc, None);
        let later = deadline(
            &pack,
            "b",
            2,
            &request(Platform::Instagram, "2026-06-01T10:00:00+02:00"),
            datetime!(2026-03-02 0:00 UTC),
        );
        let sooner = deadline(
            &pack,
            "c",
            3,
            &request(Platform::Instagram, "2026-03-01T10:00:00+01:00"),
            datetime!(2026-03-02 0:00 UTC),
        );
        let mut all = vec![unknown, later, sooner];
        sort_deadlines(&mut all);
        let order: Vec<_> = all.iter().map(|d| d.capture_id.as_str()).collect();
        assert_eq!(order, ["c", "b", "a"]);
    }
}
