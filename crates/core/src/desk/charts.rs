//! "The numbers": what the SPOC's charts page shows for a period, and the rules it is counted by.
//!
//! Days are the SPOC's days, in Europe/Copenhagen: a capture received at 23:30 UTC on a winter
//! evening belongs to the next day there. Denmark keeps the EU's summer-time rule (Directive
//! 2000/84/EC, unchanged since 1996): UTC+2 from 01:00 UTC on the last Sunday of March to 01:00 UTC
//! on the last Sunday of October, UTC+1 otherwise. The rule is written out here (and, for SQLite,
//! which has no zone database, in the desk's SQL dialect) rather than taken from a zone-database
//! crate: it is one zone with a fixed rule, and the desk's tests check SQLite's days against
//! PostgreSQL's own zone database across a change of the clocks.

use serde::{Deserialize, Serialize};
use time::{Date, Duration, Month, OffsetDateTime, Time, UtcOffset, Weekday};

/// The zone the charts' days are counted in.
pub const CHART_ZONE: &str = "Europe/Copenhagen";
/// The periods the page offers, in days (today and the days before it).
pub const CHART_PERIODS: [u16; 3] = [7, 30, 365];

/// One of the three ways captures are counted per day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    CaseType,
    /// A capture naming two platforms counts once under each.
    Platform,
    /// `none` for a capture whose officer gave no district.
    District,
}

impl Dimension {
    pub const ALL: [Dimension; 3] = [Dimension::CaseType, Dimension::Platform, Dimension::District];

    pub fn code(self) -> &'static str {
        match self {
            Dimension::CaseType => "case_type",
            Dimension::Platform => "platform",
            Dimension::District => "district",
        }
    }
}

/// The key of a capture with no district, in [`Dimension::District`].
pub const NO_DISTRICT: &str = "none";

/// Captures received on one day, and how many of them were sent as emergencies (danger to life:
/// urgency `critical`, the field app's emergency path).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DayCount {
    /// `YYYY-MM-DD` in Europe/Copenhagen.
    pub day: String,
    pub captures: u32,
    pub emergencies: u32,
}

/// Captures received on one day with one case type, platform or district.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KeyDayCount {
    pub dimension: Dimension,
    /// The case type's, platform's or district's code.
    pub key: String,
    pub day: String,
    pub captures: u32,
}

/// Percentiles of a duration in whole seconds (nearest rank), over the captures that have one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Durations {
    pub count: u32,
    pub p50_seconds: Option<i64>,
    pub p90_seconds: Option<i64>,
}

impl Durations {
    /// From the durations sorted in ascending order.
    pub fn of_sorted(sorted: &[i64]) -> Durations {
        Durations {
            count: sorted.len() as u32,
            p50_seconds: percentile(sorted, 50),
            p90_seconds: percentile(sorted, 90),
        }
    }
}

/// The numbers for one period: every day of it (days without captures too), the counts per day by
/// case type, platform and district, and the two paces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Charts {
    pub days: u16,
    /// Always [`CHART_ZONE`]: the zone the days are counted in.
    pub zone: String,
    pub first_day: String,
    pub last_day: String,
    /// The instant the period starts (midnight of `first_day` in the zone), RFC 3339 UTC.
    pub from: String,
    pub captures: u32,
    pub emergencies: u32,
    pub per_day: Vec<DayCount>,
    /// Only the (key, day) pairs with captures, by dimension, day and key.
    pub by_key: Vec<KeyDayCount>,
    /// From the time the officer started the capture on scene (the device's clock) to the desk's
    /// receipt, for captures received in the period.
    pub capture_to_receipt: Durations,
    /// From receipt to the first move to "preservation sent", for captures received in the period
    /// that have reached it: the SPOC's own pace.
    pub receipt_to_preservation_sent: Durations,
}

/// The value at percentile `p` (1–100) of `sorted` by nearest rank: the smallest value with at least
/// `p` % of the values at or below it. `None` for no values.
pub fn percentile(sorted: &[i64], p: u32) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (sorted.len() * p as usize).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

/// Copenhagen's offset from UTC at `at`.
pub fn copenhagen_offset(at: OffsetDateTime) -> UtcOffset {
    let at = at.to_offset(UtcOffset::UTC);
    let change = |month| {
        // The last Sunday of March or October is the first Sunday on or after the 25th.
        let mut day = Date::from_calendar_date(at.year(), month, 25).unwrap_or(Date::MIN);
        while day.weekday() != Weekday::Sunday {
            day = day.next_day().unwrap_or(day);
        }
        day.with_time(Time::from_hms(1, 0, 0).unwrap_or(Time::MIDNIGHT))
            .assume_utc()
    };
    let summer = at >= change(Month::March) && at < change(Month::October);
    UtcOffset::from_hms(if summer { 2 } else { 1 }, 0, 0).unwrap_or(UtcOffset::UTC)
}

/// The Copenhagen day `at` falls on.
pub fn copenhagen_day(at: OffsetDateTime) -> Date {
    at.to_offset(copenhagen_offset(at)).date()
}

/// The instant Copenhagen's `day` begins. The clocks change at 02:00 or 03:00 local time, never
/// near midnight, so the offset an hour before UTC midnight is the one in force at local midnight.
pub fn copenhagen_midnight(day: Date) -> OffsetDateTime {
    let utc_midnight = day.midnight().assume_utc();
    utc_midnight
        - Duration::seconds(
            copenhagen_offset(utc_midnight - Duration::hours(1))
                .whole_seconds()
                .into(),
        )
}

/// `YYYY-MM-DD`, as the charts name days.
pub fn day_text(day: Date) -> String {
    format!("{:04}-{:02}-{:02}", day.year(), u8::from(day.month()), day.day())
}

/// The days of a period of `days` days ending today (Copenhagen's today at `now`), oldest first.
pub fn period_days(now: OffsetDateTime, days: u16) -> Vec<Date> {
    let last = copenhagen_day(now);
    let first = last - Duration::days(i64::from(days.max(1)) - 1);
    let mut all = Vec::with_capacity(usize::from(days));
    let mut day = first;
    while day <= last {
        all.push(day);
        day = day.next_day().unwrap_or(Date::MAX);
    }
    all
}

/// Every day of the period with its counts from `counted` (`(day, captures, emergencies)`, any
/// order, a day at most once); a day not in it has none.
pub fn fill_days(days: &[Date], counted: &[(String, u32, u32)]) -> Vec<DayCount> {
    days.iter()
        .map(|day| {
            let day = day_text(*day);
            let (captures, emergencies) = counted
                .iter()
                .find(|(d, _, _)| *d == day)
                .map_or((0, 0), |(_, c, e)| (*c, *e));
            DayCount {
                day,
                captures,
                emergencies,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn copenhagen_days_follow_the_summer_time_rule() {
        // Winter: UTC+1.
        assert_eq!(
            copenhagen_day(datetime!(2026-01-15 22:59:59 UTC)),
            date!(2026 - 01 - 15)
        );
        assert_eq!(
            copenhagen_day(datetime!(2026-01-15 23:00:00 UTC)),
            date!(2026 - 01 - 16)
        );
        // Summer: UTC+2.
        assert_eq!(
            copenhagen_day(datetime!(2026-07-01 21:59:59 UTC)),
            date!(2026 - 07 - 01)
        );
        assert_eq!(
            copenhagen_day(datetime!(2026-07-01 22:00:00 UTC)),
            date!(2026 - 07 - 02)
        );
        // 2026's changes: 29 March and 25 October, at 01:00 UTC.
        assert_eq!(
            copenhagen_offset(datetime!(2026-03-29 00:59:59 UTC)).whole_hours(),
            1
        );
        assert_eq!(
            copenhagen_offset(datetime!(2026-03-29 01:00:00 UTC)).whole_hours(),
            2
        );
        assert_eq!(
            copenhagen_offset(datetime!(2026-10-25 00:59:59 UTC)).whole_hours(),
            2
        );
        assert_eq!(
            copenhagen_offset(datetime!(2026-10-25 01:00:00 UTC)).whole_hours(),
            1
        );
        // A year whose last Sunday of March is the 31st (2024) and one where it is the 25th (2029).
        assert_eq!(
            copenhagen_offset(datetime!(2024-03-31 01:00:00 UTC)).whole_hours(),
            2
        );
        assert_eq!(
            copenhagen_offset(datetime!(2024-03-30 12:00:00 UTC)).whole_hours(),
            1
        );
        assert_eq!(
            copenhagen_offset(datetime!(2029-03-25 01:00:00 UTC)).whole_hours(),
            2
        );
    }

    #[test]
    fn midnight_is_found_on_both_sides_of_a_change() {
        assert_eq!(
            copenhagen_midnight(date!(2026 - 03 - 29)),
            datetime!(2026-03-28 23:00 UTC)
        );
        assert_eq!(
            copenhagen_midnight(date!(2026 - 03 - 30)),
            datetime!(2026-03-29 22:00 UTC)
        );
        assert_eq!(
            copenhagen_midnight(date!(2026 - 10 - 25)),
            datetime!(2026-10-24 22:00 UTC)
        );
        assert_eq!(
            copenhagen_midnight(date!(2026 - 10 - 26)),
            datetime!(2026-10-25 23:00 UTC)
        );
    }

    #[test]
    fn a_period_is_its_days_ending_today_in_copenhagen() {
        let days = period_days(datetime!(2026-12-01 23:30 UTC), 7);
        assert_eq!(days.first(), Some(&date!(2026 - 11 - 26)));
        assert_eq!(days.last(), Some(&date!(2026 - 12 - 02)));
        assert_eq!(days.len(), 7);
        let filled = fill_days(&days[..2], &[("2026-11-27".into(), 3, 1)]);
        assert_eq!(filled[0].captures, 0);
        assert_eq!((filled[1].captures, filled[1].emergencies), (3, 1));
    }

    #[test]
    fn percentiles_are_by_nearest_rank() {
        assert_eq!(percentile(&[], 50), None);
        assert_eq!(percentile(&[7], 90), Some(7));
        let ten: Vec<i64> = (1..=10).collect();
        assert_eq!(percentile(&ten, 50), Some(5));
        assert_eq!(percentile(&ten, 90), Some(9));
        assert_eq!(percentile(&ten, 100), Some(10));
        assert_eq!(percentile(&[1, 2, 3], 50), Some(2));
    }
}
