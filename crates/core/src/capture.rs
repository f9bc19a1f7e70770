//! The capture record: what a first officer preserves at a scene and sends to the SPOC.
//!
//! Every struct denies unknown fields: a field this build does not know means the sender runs a newer
//! schema, and silently dropping it would lose evidence. Newer schemas bump [`SCHEMA_VERSION`].

use serde::{Deserialize, Serialize};

use crate::identifier::{Identifier, Platform};
use crate::zoned_time::ZonedTime;

/// The version of the capture schema this build writes and understands.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Capture {
    pub schema_version: u32,
    /// Client-made UUID (v4, lower-case hyphenated): half of the idempotency key.
    pub id: String,
    /// When the officer started the capture, on the device's clock and zone.
    pub created_at: ZonedTime,
    pub officer: Officer,
    pub case_type: CaseType,
    /// Police journal number ("journalnummer"), as the officer has it.
    pub journal_number: String,
    pub flags: UrgencyFlags,
    pub identifiers: Vec<CapturedIdentifier>,
    pub items: Vec<SeenItem>,
    pub preservations: Vec<PreservationRequest>,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Officer {
    pub name: String,
    pub badge_number: String,
    pub district: Option<District>,
    pub phone: String,
}

/// An identifier as pasted (kept verbatim: it is evidence of what was seen) and as understood.
/// The desk re-parses `raw` and refuses the capture if it does not give `parsed` back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CapturedIdentifier {
    pub raw: String,
    pub platform_hint: Option<Platform>,
    pub parsed: Identifier,
}

/// Something the officer saw: a URL (kept as text, never fetched) or a description.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SeenItem {
    pub what: String,
    pub seen_at: ZonedTime,
}

/// A preservation request already made to a platform before the capture reached the SPOC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PreservationRequest {
    pub platform: Platform,
    pub requested_at: ZonedTime,
    /// The provider's case or reference number, if one was given.
    pub reference: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CaseType {
    Sextortion,
    Grooming,
    /// Straffeloven § 264 d.
    IntimateImageSharing,
    ChildSexualAbuseMaterial,
    ThreatToLife,
    OtherOnline,
}

/// The 12 Danish police districts, Greenland and the Faroe Islands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum District {
    Nordjylland,
    Oestjylland,
    MidtVestjylland,
    Sydoestjylland,
    SydSoenderjylland,
    Fyn,
    SydsjaellandLollandFalster,
    MidtVestsjaelland,
    Nordsjaelland,
    KoebenhavnsVestegn,
    Koebenhavn,
    Bornholm,
    Groenland,
    Faeroeerne,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UrgencyFlags {
    pub danger_to_life: bool,
    pub victim_minor: bool,
    pub ongoing: bool,
}

/// How fast the SPOC must act. Ordered: `Critical` sorts above `Routine`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UrgencyLevel {
    Routine,
    Elevated,
    High,
    Critical,
}

impl UrgencyFlags {
    /// Danger to life overrides everything (the emergency path); a minor victim or an ongoing offence
    /// each raise the level, and both together make it high.
    pub fn level(self, case_type: CaseType) -> UrgencyLevel {
        if self.danger_to_life || case_type == CaseType::ThreatToLife {
            return UrgencyLevel::Critical;
        }
        let minor =
            self.victim_minor || matches!(case_type, CaseType::Grooming | CaseType::ChildSexualAbuseMaterial);
        match (minor, self.ongoing) {
            (true, true) => UrgencyLevel::High,
            (true, false) | (false, true) => UrgencyLevel::Elevated,
            (false, false) => UrgencyLevel::Routine,
        }
    }
}

impl Capture {
    pub fn urgency(&self) -> UrgencyLevel {
        self.flags.level(self.case_type)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urgency_levels() {
        let f = |d, m, o| UrgencyFlags {
            danger_to_life: d,
            victim_minor: m,
            ongoing: o,
        };
        assert_eq!(
            f(false, false, false).level(CaseType::Sextortion),
            UrgencyLevel::Routine
        );
        assert_eq!(
            f(false, true, false).level(CaseType::Sextortion),
            UrgencyLevel::Elevated
        );
        assert_eq!(
            f(false, false, true).level(CaseType::Sextortion),
            UrgencyLevel::Elevated
        );
        assert_eq!(
            f(false, true, true).level(CaseType::Sextortion),
            UrgencyLevel::High
        );
        assert_eq!(
            f(true, false, false).level(CaseType::OtherOnline),
            UrgencyLevel::Critical
        );
        assert_eq!(
            f(false, false, false).level(CaseType::ThreatToLife),
            UrgencyLevel::Critical
        );
        // Grooming and CSAM always concern a child.
        assert_eq!(
            f(false, false, true).level(CaseType::Grooming),
            UrgencyLevel::High
        );
        assert_eq!(
            f(false, false, false).level(CaseType::ChildSexualAbuseMaterial),
            UrgencyLevel::Elevated
        );
        assert!(UrgencyLevel::Critical > UrgencyLevel::High);
    }
}
