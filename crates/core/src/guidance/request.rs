//! A preservation request to one provider, drafted in English from a capture: the identifiers on that
//! platform, the items seen there with their times and zones, and a place for the legal basis, which
//! only the SPOC can fill in. Only what concerns the addressed platform goes in: a request to one
//! provider must not tell it about accounts on another.

use std::fmt::Write;

use super::GuidancePack;
use crate::capture::Capture;
use crate::identifier::{Identifier, Platform};
use time::{OffsetDateTime, UtcOffset};

use crate::zoned_time::ZonedTime;
use crate::Lang;

pub const LEGAL_BASIS_PLACEHOLDER: &str = "[LEGAL BASIS: to be completed by the SPOC]";

pub fn preservation_request(pack: &GuidancePack, capture: &Capture, platform: Platform) -> String {
    let name = platform.name(Lang::En);
    let guide = pack.platform(platform);
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = writeln!(
        out,
        "Subject: Preservation request - {name} - Danish Police ref. {}\n",
        capture.journal_number
    );
    if let Some(guide) = guide {
        let _ = writeln!(out, "To: {} (law enforcement response)", guide.provider.en);
        let _ = writeln!(out, "Route: {}\n", guide.request_route.en);
    }
    let district = capture.officer.district.map_or("", |d| d.name());
    let _ = writeln!(
        out,
        "The Danish Police ({district}) ask you to preserve, pending legal process, all records and \
         content associated with the identifiers below, including subscriber information, IP logs, \
         messages and media.\n"
    );
    if capture.flags.danger_to_life {
        let _ = writeln!(
            out,
            "EMERGENCY: we believe there is a danger of death or serious physical injury. Please treat \
             this as an emergency request.\n"
        );
    }

    let _ = writeln!(out, "Identifiers:");
    let ids: Vec<&Identifier> = capture
        .identifiers
        .iter()
        .map(|c| &c.parsed)
        .filter(|id| id.platform == platform)
        .collect();
    if ids.is_empty() {
        let _ = writeln!(out, "- [none captured yet]");
    }
    for id in ids {
        let _ = writeln!(out, "- {}: {}", id.kind.label(Lang::En), id.value);
    }

    let seen: Vec<_> = capture
        .items
        .iter()
        .filter(|item| Identifier::parse(&item.what, Some(platform)).is_ok_and(|id| id.platform == platform))
        .collect();
    if !seen.is_empty() {
        let _ = writeln!(out, "\nContent seen:");
        for item in seen {
            let _ = writeln!(out, "- {} (seen {})", item.what.trim(), when(&item.seen_at));
        }
    }

    let _ = writeln!(out, "\nTime of report: {}", when(&capture.created_at));
    let _ = writeln!(out, "Legal basis: {LEGAL_BASIS_PLACEHOLDER}");
    let _ = writeln!(out, "Police reference: {}", capture.journal_number);
    let officer = &capture.officer;
    let _ = write!(
        out,
        "Contact: {}, badge {}, {district}",
        officer.name, officer.badge_number
    );
    if !officer.phone.trim().is_empty() {
        let _ = write!(out, ", {}", officer.phone.trim());
    }
    out.push('\n');
    out
}

/// `22 November 2026, 14:03 (UTC+01:00, Europe/Copenhagen) = 22 November 2026, 13:03 UTC`. Months
/// are written out: a US provider reads `01/03` as 3 January (facts/corrections-2026-12.md).
fn when(time: &ZonedTime) -> String {
    match time.instant() {
        Ok(local) => {
            let offset = local.offset();
            let sign = if offset.is_negative() { '-' } else { '+' };
            format!(
                "{} (UTC{sign}{:02}:{:02}, {}) = {} UTC",
                written_out(local),
                offset.whole_hours().unsigned_abs(),
                offset.minutes_past_hour().unsigned_abs(),
                time.zone,
                written_out(local.to_offset(UtcOffset::UTC)),
            )
        }
        Err(_) => format!("{} ({})", time.at, time.zone),
    }
}

/// `1 March 2026, 09:05`: the day, the month in words, the year and the wall-clock time.
fn written_out(at: OffsetDateTime) -> String {
    format!(
        "{} {} {}, {:02}:{:02}",
        at.day(),
        at.month(),
        at.year(),
        at.hour(),
        at.minute()
    )
}
