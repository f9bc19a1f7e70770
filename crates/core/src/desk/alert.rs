//! "New link, new alert": a capture that arrives linked to open cases in other police districts is
//! the sign of one offender working across districts, which is what the SPOC exists to notice. The
//! desk decides it once, when the capture arrives, by this rule; the live inbox and the inbox line
//! both show what it decided.

use serde::{Deserialize, Serialize};

use super::CaptureRef;
use crate::capture::District;

/// How many open cases in other districts a capture was linked to when it arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkAlert {
    /// Distinct linked captures, each counted once however many identifiers it shares.
    pub cases: u32,
    /// Distinct districts among them, none of them the new capture's.
    pub districts: u32,
}

/// The alert for a capture from `district` whose linked captures (by [`super::link_key`], in any
/// order, the same capture any number of times) are `linked`; `None` when there is nothing to say.
///
/// A linked capture counts when it is open (neither closed nor rejected: a finished case is no longer
/// the SPOC's to coordinate) and names a district other than the new capture's. A linked capture
/// without a district cannot be said to be elsewhere and does not count; a new capture without a
/// district has none to share, so every district it links to is another one.
pub fn link_alert(district: Option<District>, linked: &[CaptureRef]) -> Option<LinkAlert> {
    let mut cases: Vec<i64> = Vec::new();
    let mut districts: Vec<District> = Vec::new();
    for other in linked {
        let Some(elsewhere) = other.district.filter(|d| Some(*d) != district) else {
            continue;
        };
        if other.status.is_final() || cases.contains(&other.server_seq) {
            continue;
        }
        cases.push(other.server_seq);
        if !districts.contains(&elsewhere) {
            districts.push(elsewhere);
        }
    }
    (!cases.is_empty()).then_some(LinkAlert {
        cases: cases.len() as u32,
        districts: districts.len() as u32,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::desk::CaseStatus;
    use crate::CaseType;

    fn linked(server_seq: i64, district: Option<District>, status: CaseStatus) -> CaptureRef {
        CaptureRef {
            id: format!("id-{server_seq}"),
            server_seq,
            received_at: "2026-12-01T10:00:00.000Z".into(),
            case_type: CaseType::Sextortion,
            district,
            status,
        }
    }

    use CaseStatus::*;
    use District::*;

    #[test]
    fn nothing_linked_is_no_alert() {
        assert_eq!(link_alert(Some(Fyn), &[]), None);
    }

    #[test]
    fn links_within_the_same_district_are_no_alert() {
        let same = [linked(1, Some(Fyn), Received), linked(2, Some(Fyn), Triaged)];
        assert_eq!(link_alert(Some(Fyn), &same), None);
    }

    #[test]
    fn closed_and_rejected_cases_are_not_open() {
        let done = [
            linked(1, Some(Bornholm), Closed),
            linked(2, Some(Koebenhavn), Rejected),
        ];
        assert_eq!(link_alert(Some(Fyn), &done), None);
    }

    #[test]
    fn cases_and_districts_are_each_counted_once() {
        let found = [
            linked(1, Some(Nordjylland), Received),
            linked(2, Some(Nordjylland), PreservationSent),
            linked(3, Some(Bornholm), Confirmed),
            // The same capture again, through a second shared identifier.
            linked(3, Some(Bornholm), Confirmed),
            linked(4, Some(Fyn), Received),
            linked(5, Some(Koebenhavn), Closed),
            linked(6, None, Received),
        ];
        assert_eq!(
            link_alert(Some(Fyn), &found),
            Some(LinkAlert {
                cases: 3,
                districts: 2
            })
        );
    }

    #[test]
    fn a_capture_without_a_district_has_every_linked_district_elsewhere() {
        let found = [linked(1, Some(Fyn), Received), linked(2, None, Received)];
        assert_eq!(
            link_alert(None, &found),
            Some(LinkAlert {
                cases: 1,
                districts: 1
            })
        );
    }
}
