//! The charts page's numbers: captures per Copenhagen day by case type, platform and district (the
//! days cut at local midnight on both sides of a change of the clocks), the emergencies, the two
//! paces' percentiles from known times, the CSV of the same numbers, and who may read them.

mod common;

use common::*;
use reqwest::Method;
use serde_json::{json, Value};
use spoc_core::api::Submission;
use spoc_core::desk::Role;
use spoc_core::{CaseType, District, Platform, ZonedTime};
use time::format_description::well_known::Rfc3339;
use time::macros::offset;
use time::{Date, Duration, Month, OffsetDateTime, Time, Weekday};

/// A capture started on scene `before` its receipt at `received`, received then (set in the
/// database after ingest: the desk stamps its own clock).
struct Arrival {
    received: OffsetDateTime,
    before: Duration,
    case_type: CaseType,
    district: Option<District>,
    emergency: bool,
    identifiers: &'static [(&'static str, Option<Platform>)],
}

fn arrival(received: OffsetDateTime, case_type: CaseType, district: Option<District>) -> Arrival {
    Arrival {
        received,
        before: Duration::minutes(10),
        case_type,
        district,
        emergency: false,
        identifiers: &[],
    }
}

fn db_time(at: OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.000Z",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

async fn arrive(desk: &Desk, a: &Arrival) -> String {
    let id = new_id();
    let mut capture = capture_with_identifiers(&id, a.identifiers);
    capture.case_type = a.case_type;
    capture.officer.district = a.district;
    capture.flags.danger_to_life = a.emergency;
    // In the device's summer offset, to read an offset other than UTC's.
    let started = (a.received - a.before)
        .to_offset(offset!(+2))
        .format(&Rfc3339)
        .unwrap();
    capture.created_at = ZonedTime::new(started, "Europe/Copenhagen");
    let (status, body) = desk.submit(&sign(Submission::new(capture).unwrap())).await;
    assert_eq!(status, 201, "{body}");
    let set = format!(
        "UPDATE captures SET received_at = '{}' WHERE id = '{id}'",
        db_time(a.received)
    );
    assert_eq!(desk.execute(&set).await, Ok(1));
    id
}

/// 01:00 UTC on the last Sunday of `month` (March or October): when Copenhagen's clocks change.
fn clock_change(year: i32, month: Month) -> OffsetDateTime {
    let mut day = Date::from_calendar_date(year, month, 31).unwrap();
    while day.weekday() != Weekday::Sunday {
        day = day.previous_day().unwrap();
    }
    day.with_time(Time::from_hms(1, 0, 0).unwrap()).assume_utc()
}

fn day_of(at: OffsetDateTime) -> String {
    let d = at.date();
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// Noon yesterday in Copenhagen (a day of the 7-day period, and in the past at any hour of today),
/// and that day.
fn yesterday_noon() -> OffsetDateTime {
    let today = spoc_core::desk::copenhagen_day(OffsetDateTime::now_utc());
    spoc_core::desk::copenhagen_midnight(today - Duration::days(1)) + Duration::hours(12)
}

fn yesterday() -> String {
    let today = spoc_core::desk::copenhagen_day(OffsetDateTime::now_utc());
    day_of((today - Duration::days(1)).midnight().assume_utc())
}

async fn charts(desk: &Desk, days: u16) -> Value {
    let spoc = desk.client_of(Role::Spoc).await;
    let (status, body) = desk
        .get_as(&spoc, &format!("/api/v1/desk/charts?days={days}"))
        .await;
    assert_eq!(status, 200, "{body}");
    body
}

fn per_day<'a>(charts: &'a Value, day: &str) -> &'a Value {
    charts["per_day"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["day"] == day)
        .unwrap_or_else(|| panic!("{day} not in the period"))
}

fn keyed(charts: &Value, dimension: &str, key: &str, day: &str) -> u64 {
    charts["by_key"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["dimension"] == dimension && c["key"] == key && c["day"] == day)
        .map_or(0, |c| c["captures"].as_u64().unwrap())
}

#[tokio::test]
async fn captures_count_on_their_copenhagen_day_across_a_change_of_the_clocks() {
    let desk = Desk::start().await;
    let now = OffsetDateTime::now_utc();
    // Every change of the clocks well inside the last 365 days (there is always at least one).
    let changes: Vec<(OffsetDateTime, bool)> = [now.year() - 1, now.year()]
        .into_iter()
        .flat_map(|y| {
            [
                (clock_change(y, Month::March), true),
                (clock_change(y, Month::October), false),
            ]
        })
        .filter(|(at, _)| *at < now - Duration::days(3) && *at > now - Duration::days(360))
        .collect();
    assert!(!changes.is_empty());
    let mut expected: Vec<(String, CaseType)> = Vec::new();
    for (change, spring) in &changes {
        let sunday = change.date().with_time(Time::MIDNIGHT).assume_utc();
        let saturday = sunday - Duration::days(1);
        let monday = sunday + Duration::days(1);
        // Local midnight before the change is at 23:00 UTC in winter, 22:00 UTC in summer; after it,
        // the other. One second either side of each.
        let (before_offset, after_offset) = if *spring { (1, 2) } else { (2, 1) };
        let starts = sunday - Duration::hours(before_offset);
        let ends = monday - Duration::hours(after_offset);
        for (at, day, case_type) in [
            (starts - Duration::seconds(1), saturday, CaseType::Grooming),
            (starts, sunday, CaseType::Sextortion),
            (ends - Duration::seconds(1), sunday, CaseType::Sextortion),
            (ends, monday, CaseType::ThreatToLife),
        ] {
            arrive(&desk, &arrival(at, case_type, Some(District::Fyn))).await;
            expected.push((day_of(day), case_type));
        }
    }
    let body = charts(&desk, 365).await;
    assert_eq!(body["zone"], "Europe/Copenhagen");
    assert_eq!(body["per_day"].as_array().unwrap().len(), 365);
    assert_eq!(body["captures"], expected.len());
    for (change, _) in &changes {
        let sunday = change.date().with_time(Time::MIDNIGHT).assume_utc();
        let (sat, sun, mon) = (
            day_of(sunday - Duration::days(1)),
            day_of(sunday),
            day_of(sunday + Duration::days(1)),
        );
        assert_eq!(per_day(&body, &sat)["captures"], 1, "{sat}");
        assert_eq!(per_day(&body, &sun)["captures"], 2, "{sun}");
        assert_eq!(per_day(&body, &mon)["captures"], 1, "{mon}");
        assert_eq!(keyed(&body, "case_type", "grooming", &sat), 1);
        assert_eq!(keyed(&body, "case_type", "sextortion", &sun), 2);
        assert_eq!(keyed(&body, "case_type", "threat_to_life", &mon), 1);
        // Threat to life is sent as an emergency whatever the flags say.
        assert_eq!(per_day(&body, &mon)["emergencies"], 1);
        assert_eq!(keyed(&body, "district", "fyn", &sun), 2);
    }
    assert_eq!(body["emergencies"], changes.len());
}

#[tokio::test]
async fn counts_by_platform_and_district_and_the_share_of_emergencies() {
    let desk = Desk::start().await;
    let now = OffsetDateTime::now_utc();
    let noon = yesterday_noon();
    let day = yesterday();
    let mut both = arrival(noon, CaseType::Sextortion, Some(District::Fyn));
    both.identifiers = &[
        ("@some.user", Some(Platform::Snapchat)),
        ("@other.user", Some(Platform::Snapchat)),
        ("+45 20 12 34 56", Some(Platform::Whatsapp)),
    ];
    both.emergency = true;
    let mut snap = arrival(
        noon + Duration::minutes(1),
        CaseType::Grooming,
        Some(District::Nordjylland),
    );
    snap.identifiers = &[("@third.user", Some(Platform::Snapchat))];
    let plain = arrival(
        noon + Duration::minutes(2),
        CaseType::Grooming,
        Some(District::Bornholm),
    );
    // Older than the 7-day period, inside the 30-day one.
    let old = arrival(
        now - Duration::days(10),
        CaseType::Grooming,
        Some(District::Bornholm),
    );
    for a in [&both, &snap, &plain, &old] {
        arrive(&desk, a).await;
    }
    let week = charts(&desk, 7).await;
    assert_eq!(week["per_day"].as_array().unwrap().len(), 7);
    assert_eq!(week["last_day"], day_of(noon + Duration::days(1)));
    assert_eq!(week["captures"], 3);
    assert_eq!(week["emergencies"], 1);
    assert_eq!(per_day(&week, &day)["captures"], 3);
    // A capture naming two Snapchat accounts counts once for Snapchat; one naming none, under none.
    assert_eq!(keyed(&week, "platform", "snapchat", &day), 2);
    assert_eq!(keyed(&week, "platform", "whatsapp", &day), 1);
    assert_eq!(keyed(&week, "district", "fyn", &day), 1);
    assert_eq!(keyed(&week, "district", "bornholm", &day), 1);
    assert_eq!(keyed(&week, "district", "nordjylland", &day), 1);
    assert_eq!(keyed(&week, "case_type", "grooming", &day), 2);
    let month = charts(&desk, 30).await;
    assert_eq!(month["captures"], 4);
}

#[tokio::test]
async fn the_time_to_receipt_is_a_median_and_90th_percentile_of_known_times() {
    let desk = Desk::start().await;
    let noon = yesterday_noon();
    // Nearest rank over ten: the 5th and the 9th; the one slow capture moves neither.
    for (n, minutes) in [1i64, 2, 3, 4, 5, 6, 7, 8, 9, 600].into_iter().enumerate() {
        let mut a = arrival(
            noon + Duration::minutes(n as i64),
            CaseType::Sextortion,
            Some(District::Fyn),
        );
        a.before = Duration::minutes(minutes);
        arrive(&desk, &a).await;
    }
    let pace = &charts(&desk, 7).await["capture_to_receipt"];
    assert_eq!(pace["count"], 10);
    assert_eq!(pace["p50_seconds"], 5 * 60);
    assert_eq!(pace["p90_seconds"], 9 * 60);
}

#[tokio::test]
async fn the_spocs_pace_runs_from_receipt_to_the_first_preservation_sent() {
    let desk = Desk::start().await;
    let noon = yesterday_noon();
    let mut ids = Vec::new();
    for n in 0..3 {
        ids.push(
            arrive(
                &desk,
                &arrival(
                    noon + Duration::minutes(n),
                    CaseType::Grooming,
                    Some(District::Fyn),
                ),
            )
            .await,
        );
    }
    // Two captures reach "preservation sent", the second twice (rejected, reopened, sent again):
    // its first move counts. The third never gets there and is not counted.
    let spoc = desk.client_of(Role::Spoc).await;
    let moves = [
        (&ids[0], "received", "preservation_sent"),
        (&ids[1], "received", "preservation_sent"),
        (&ids[1], "preservation_sent", "rejected"),
        (&ids[1], "rejected", "triaged"),
        (&ids[1], "triaged", "preservation_sent"),
    ];
    for (id, from, to) in moves {
        let reason = if to == "rejected" { "a test" } else { "" };
        let (status, body) = desk
            .send_as(
                &spoc,
                Method::POST,
                &format!("/api/v1/desk/captures/{id}/status"),
                Some(&json!({"from": from, "to": to, "reason": reason})),
            )
            .await;
        assert_eq!(status, 200, "{body}");
    }
    // Receipt set 1 h and 2 h before the first move (the journal's own time of it).
    for (id, hours) in [(&ids[0], 1), (&ids[1], 2)] {
        let first_move = format!(
            "(SELECT MIN(at) FROM journal WHERE object = '{id}' AND action = 'capture.status' \
             AND detail LIKE '% -> preservation_sent')"
        );
        let set = match engine() {
            Engine::Sqlite => format!(
                "UPDATE captures SET received_at = \
                 strftime('%Y-%m-%dT%H:%M:%fZ', {first_move}, '-{hours} hours') WHERE id = '{id}'"
            ),
            Engine::Postgres => format!(
                "UPDATE captures SET received_at = {first_move} - interval '{hours} hours' \
                 WHERE id = '{id}'"
            ),
        };
        assert_eq!(desk.execute(&set).await, Ok(1));
    }
    let pace = &charts(&desk, 7).await["receipt_to_preservation_sent"];
    assert_eq!(pace["count"], 2);
    assert_eq!(pace["p50_seconds"], 3600);
    assert_eq!(pace["p90_seconds"], 7200);
}

#[tokio::test]
async fn the_csv_has_the_same_numbers_and_both_reads_are_journalled() {
    let desk = Desk::start().await;
    let mut a = arrival(yesterday_noon(), CaseType::Grooming, Some(District::Fyn));
    a.before = Duration::minutes(2);
    a.identifiers = &[("@some.user", Some(Platform::Snapchat))];
    arrive(&desk, &a).await;
    let json = charts(&desk, 7).await;
    let today = yesterday();
    assert_eq!(json["captures"], 1);
    let spoc = desk.client_of(Role::Spoc).await;
    let response = spoc
        .get(desk.url("/api/v1/desk/charts/export?days=7"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
    assert_eq!(
        headers["content-disposition"],
        "attachment; filename=\"spoc-charts-7d.csv\""
    );
    let text = response.text().await.unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "measure,day,dimension,key,value");
    // Two lines per day, three per capture's keys (case type, district, platform), three per pace.
    assert_eq!(lines.len(), 1 + 2 * 7 + 3 + 6, "{text}");
    for line in [
        format!("captures,{today},all,,1"),
        format!("emergencies,{today},all,,0"),
        format!("captures,{today},case_type,grooming,1"),
        format!("captures,{today},platform,snapchat,1"),
        format!("captures,{today},district,fyn,1"),
        "capture_to_receipt_seconds,,all,count,1".to_string(),
        "capture_to_receipt_seconds,,all,p50,120".to_string(),
        "receipt_to_preservation_sent_seconds,,all,count,0".to_string(),
        "receipt_to_preservation_sent_seconds,,all,p50,".to_string(),
    ] {
        assert!(lines.contains(&line.as_str()), "{line} not in\n{text}");
    }
    let (status, journal) = desk
        .get_as(&desk.client_of(Role::Admin).await, "/api/v1/journal?limit=100")
        .await;
    assert_eq!(status, 200);
    let actions: Vec<(&str, &str)> = journal
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["action"].as_str().unwrap(), e["detail"].as_str().unwrap()))
        .filter(|(action, _)| action.starts_with("charts."))
        .collect();
    assert_eq!(actions, [("charts.export", "7 days"), ("charts.read", "7 days")]);
}

#[tokio::test]
async fn only_a_spoc_reads_the_numbers_and_a_bad_period_is_named() {
    let desk = Desk::start().await;
    for path in ["/api/v1/desk/charts", "/api/v1/desk/charts/export"] {
        let (status, body) = desk.get_as(&client_with(None), path).await;
        assert_eq!(status, 401, "{path}: {body}");
        for role in [Role::Officer, Role::Admin] {
            let (status, body) = desk.get_as(&desk.client_of(role).await, path).await;
            assert_eq!(status, 403, "{path} as {role:?}: {body}");
        }
        let spoc = desk.client_of(Role::Spoc).await;
        for bad in ["8", "abc", "-7", "99999999", "7.0"] {
            let (status, body) = desk.get_as(&spoc, &format!("{path}?days={bad}")).await;
            assert_eq!(status, 400, "{path}?days={bad}: {body}");
            assert_eq!(error_field(&body), Some("days"));
        }
        let response = spoc
            .get(desk.url(&format!("{path}?days=365")))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{path}");
    }
    // Without a period: the last 30 days.
    let (status, body) = desk
        .get_as(&desk.client_of(Role::Spoc).await, "/api/v1/desk/charts")
        .await;
    assert_eq!(status, 200);
    assert_eq!(body["days"], 30);
}
