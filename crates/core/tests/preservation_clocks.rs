//! Preservation clocks across zones and daylight-saving changes: the expiry is an instant, fixed by
//! the request's instant, whatever zone either was written in.

use spoc_core::guidance::{GuidancePack, PreservationRule};
use spoc_core::preservation::{utc_text, ClockState, PreservationClock};
use spoc_core::{Platform, ZonedTime};
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

fn rule(platform: Platform) -> PreservationRule {
    GuidancePack::bundled()
        .platform(platform)
        .unwrap()
        .preservation
        .clone()
}

fn at(text: &str) -> OffsetDateTime {
    OffsetDateTime::parse(text, &Rfc3339).unwrap()
}

fn clock(platform: Platform, requested: &str, zone: &str) -> PreservationClock {
    PreservationClock::start(&rule(platform), &ZonedTime::new(requested, zone))
        .unwrap()
        .expect("a known period")
}

#[test]
fn tiktok_keeps_90_days_and_one_90_day_extension() {
    let c = clock(Platform::Tiktok, "2026-01-10T12:00:00+01:00", "Europe/Copenhagen");
    assert_eq!(c.expires, at("2026-04-10T11:00:00Z"));
    assert_eq!(c.extended_until, Some(at("2026-07-09T11:00:00Z")));
}

#[test]
fn snap_keeps_a_year_for_danish_police_and_one_180_day_extension() {
    let c = clock(
        Platform::Snapchat,
        "2026-01-10T12:00:00+01:00",
        "Europe/Copenhagen",
    );
    assert_eq!(c.expires, at("2027-01-10T11:00:00Z"));
    assert_eq!(c.extended_until, Some(at("2027-07-09T11:00:00Z")));
}

#[test]
fn meta_states_no_extension_so_none_is_counted() {
    let c = clock(
        Platform::Instagram,
        "2026-01-10T12:00:00+01:00",
        "Europe/Copenhagen",
    );
    assert_eq!(c.extended_until, None);
}

#[test]
fn a_request_before_spring_forward_expires_90_times_24_hours_later() {
    // Copenhagen leaves CET (+01:00) for CEST (+02:00) on 29 March 2026. A request at 10:00 CET on
    // 1 March expires at 09:00 UTC on 30 May, which Copenhagen's clocks show as 11:00 CEST.
    let c = clock(
        Platform::Instagram,
        "2026-03-01T10:00:00+01:00",
        "Europe/Copenhagen",
    );
    assert_eq!(c.expires, at("2026-05-30T09:00:00Z"));
    assert_eq!(c.expires, at("2026-05-30T11:00:00+02:00"));
    assert_eq!(c.expires - c.requested, Duration::days(90));
    assert_eq!(utc_text(c.expires), "2026-05-30 09:00 UTC");
}

#[test]
fn a_request_before_fall_back_keeps_its_instant_too() {
    // Back to CET on 25 October 2026.
    let c = clock(
        Platform::Facebook,
        "2026-10-01T23:30:00+02:00",
        "Europe/Copenhagen",
    );
    assert_eq!(c.expires, at("2026-12-30T21:30:00Z"));
    assert_eq!(utc_text(c.expires), "2026-12-30 21:30 UTC");
}

#[test]
fn the_same_instant_in_any_zone_gives_the_same_expiry() {
    let copenhagen = clock(Platform::X, "2026-11-22T14:03:00+01:00", "Europe/Copenhagen");
    let nuuk = clock(Platform::X, "2026-11-22T11:03:00-02:00", "America/Nuuk");
    let faroe = clock(Platform::X, "2026-11-22T13:03:00Z", "Atlantic/Faroe");
    assert_eq!(copenhagen, nuuk);
    assert_eq!(copenhagen, faroe);
    // Across midnight UTC the local date differs from the UTC date: the instant still decides.
    let late = clock(Platform::X, "2026-11-22T00:30:00+01:00", "Europe/Copenhagen");
    assert_eq!(utc_text(late.expires), "2027-02-19 23:30 UTC");
}

#[test]
fn no_known_period_gives_no_clock_rather_than_a_guess() {
    let rule = rule(Platform::Telegram);
    let started = PreservationClock::start(
        &rule,
        &ZonedTime::new("2026-11-22T14:03:00+01:00", "Europe/Copenhagen"),
    );
    assert_eq!(started, Ok(None));
}

#[test]
fn a_malformed_request_time_is_an_error_not_a_clock() {
    let started = PreservationClock::start(
        &rule(Platform::X),
        &ZonedTime::new("22/11/2026", "Europe/Copenhagen"),
    );
    assert!(started.is_err());
}

#[test]
fn the_state_counts_whole_days_and_asks_for_renewal_in_time() {
    let c = clock(Platform::Tiktok, "2026-01-10T12:00:00+01:00", "Europe/Copenhagen");
    assert_eq!(c.state(c.requested), ClockState::Running { days_left: 90 });
    assert_eq!(
        c.state(c.expires - Duration::days(14)),
        ClockState::Running { days_left: 14 }
    );
    assert_eq!(
        c.state(c.expires - Duration::days(14) + Duration::seconds(1)),
        ClockState::RenewNow { days_left: 13 }
    );
    assert_eq!(
        c.state(c.expires - Duration::hours(1)),
        ClockState::RenewNow { days_left: 0 }
    );
    assert_eq!(c.state(c.expires), ClockState::Expired);
}
