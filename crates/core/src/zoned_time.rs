//! A moment as the officer's device saw it: an RFC 3339 time with its UTC offset, plus the IANA zone
//! the device was in. Both matter: the offset fixes the instant, the zone tells the SPOC how a clock on
//! the wall read it, and a platform asks for times "with time zone".

use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ZonedTime {
    /// RFC 3339 with an explicit offset, e.g. `2026-11-22T14:03:00+01:00`.
    pub at: String,
    /// IANA zone name, e.g. `Europe/Copenhagen`.
    pub zone: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ZonedTimeError {
    #[error("time is not RFC 3339 with an offset (e.g. 2026-11-22T14:03:00+01:00)")]
    BadTime,
    #[error("time zone is not an IANA zone name (e.g. Europe/Copenhagen)")]
    BadZone,
}

impl ZonedTime {
    pub fn new(at: impl Into<String>, zone: impl Into<String>) -> Self {
        ZonedTime {
            at: at.into(),
            zone: zone.into(),
        }
    }

    /// The instant, or why the text does not name one.
    pub fn instant(&self) -> Result<OffsetDateTime, ZonedTimeError> {
        OffsetDateTime::parse(&self.at, &Rfc3339).map_err(|_| ZonedTimeError::BadTime)
    }

    pub fn check(&self) -> Result<(), ZonedTimeError> {
        self.instant()?;
        if is_zone_name(&self.zone) {
            Ok(())
        } else {
            Err(ZonedTimeError::BadZone)
        }
    }
}

/// Formats a Unix time in milliseconds with a UTC offset (minutes east of UTC) as RFC 3339, the way
/// the app stamps "now" from `Date`: the offset comes from the device, the zone name from `Intl`.
pub fn format_local(unix_ms: i64, offset_minutes: i32) -> Option<String> {
    let offset = time::UtcOffset::from_whole_seconds(offset_minutes.checked_mul(60)?).ok()?;
    let utc = OffsetDateTime::from_unix_timestamp_nanos(i128::from(unix_ms) * 1_000_000).ok()?;
    let local = utc.to_offset(offset).replace_millisecond(0).ok()?;
    local.format(&Rfc3339).ok()
}

/// Zone names are ASCII path-like words (`America/Argentina/Buenos_Aires`, `Etc/GMT+1`, `UTC`).
/// We check the shape, not membership in a tz database: the device's database may be newer.
fn is_zone_name(zone: &str) -> bool {
    (1..=64).contains(&zone.len())
        && zone
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'_' | b'-' | b'+'))
        && !zone.starts_with('/')
        && !zone.ends_with('/')
        && !zone.contains("//")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_rfc3339_with_offset_and_zone() {
        assert!(ZonedTime::new("2026-11-22T14:03:00+01:00", "Europe/Copenhagen")
            .check()
            .is_ok());
        assert!(ZonedTime::new("2026-07-01T09:00:00.123Z", "UTC").check().is_ok());
    }

    #[test]
    fn refuses_times_without_offset_and_odd_zones() {
        assert_eq!(
            ZonedTime::new("2026-11-22T14:03:00", "UTC").check(),
            Err(ZonedTimeError::BadTime)
        );
        assert_eq!(
            ZonedTime::new("22/11/2026 14:03", "UTC").check(),
            Err(ZonedTimeError::BadTime)
        );
        assert_eq!(
            ZonedTime::new("2026-11-22T14:03:00Z", "").check(),
            Err(ZonedTimeError::BadZone)
        );
        assert_eq!(
            ZonedTime::new("2026-11-22T14:03:00Z", "Europe/<x>").check(),
            Err(ZonedTimeError::BadZone)
        );
    }

    #[test]
    fn formats_local_time_with_the_device_offset() {
        // 2026-11-22T13:03:00Z in Copenhagen (UTC+1 in winter).
        assert_eq!(
            format_local(1_795_352_580_000, 60).as_deref(),
            Some("2026-11-22T14:03:00+01:00")
        );
        assert_eq!(
            format_local(1_795_352_580_999, 0).as_deref(),
            Some("2026-11-22T13:03:00Z")
        );
    }
}
