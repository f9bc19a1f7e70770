//! The capture record: what a first officer preserves at a scene and sends to the SPOC.
//!
//! Every struct denies unknown fields: a field this build does not know means the sender runs a newer
//! schema, and silently dropping it would lose evidence. Newer schemas bump [`SCHEMA_VERSION`].

use serde::{Deserialize, Serialize};

use crate::identifier::{Identifier, Platform};
use crate::zoned_time::ZonedTime;

/// The version of the capture schema this build writes.
///
/// Version 2 added `guidance` and `attachments`; version 3 `prosecution_request`. Each is left out of
/// the JSON when absent, so an older capture still queued on a device (or stored at the desk) reads,
/// hashes and validates exactly as it did.
pub const SCHEMA_VERSION: u32 = 3;

/// The oldest version this build still accepts.
pub const OLDEST_SCHEMA_VERSION: u32 = 1;

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
    /// How the case type's checklist was worked (schema 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<GuidanceRecord>,
    /// Photos or recordings the officer attached (schema 2). Never for child sexual abuse material.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
    /// Whether the victim asks for prosecution (schema 3): sharing of intimate images only; see
    /// [`ProsecutionRequest`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prosecution_request: Option<ProsecutionRequest>,
}

/// The victim's answer to "do you ask for prosecution?". Sharing of intimate images (straffeloven
/// § 264 d) is prosecuted publicly only at the victim's request (§ 275, stk. 2), so without this
/// answer the case may go nowhere: it is a field of the record the SPOC reads, not a checklist tick.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProsecutionRequest {
    /// The victim asks for prosecution.
    Requested,
    /// The victim does not ask for prosecution.
    NotRequested,
    /// Not known yet: the victim could not be asked, or has not decided. The SPOC must get the answer.
    NotYetKnown,
}

/// What the record asks of the officer about [`ProsecutionRequest`]; one rule for the form and the
/// desk ([`Capture::validate`] enforces it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProsecutionRule {
    /// Not this case type's question: the field is not recorded.
    NotAsked,
    /// The capture is refused without an answer ("not known yet" is an answer).
    Required,
    /// A capture sent as an emergency goes without it, but the officer is told it is missing.
    Warned,
}

/// Why the form (and the desk's detail) draws attention to the prosecution answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProsecutionWarning {
    /// No answer recorded.
    Missing,
    /// The answer is "not known yet": the SPOC must get it from the victim.
    NotYetKnown,
}

impl ProsecutionRequest {
    pub const ALL: [ProsecutionRequest; 3] = [
        ProsecutionRequest::Requested,
        ProsecutionRequest::NotRequested,
        ProsecutionRequest::NotYetKnown,
    ];

    /// The stable wire name (snake_case), as serde writes it.
    pub fn code(self) -> &'static str {
        match self {
            ProsecutionRequest::Requested => "requested",
            ProsecutionRequest::NotRequested => "not_requested",
            ProsecutionRequest::NotYetKnown => "not_yet_known",
        }
    }

    /// Whether a capture of `case_type` at `urgency` must, may or does not carry the answer. The
    /// minimum capture of an emergency is never held back for it.
    pub fn rule(case_type: CaseType, urgency: UrgencyLevel) -> ProsecutionRule {
        match (case_type, urgency) {
            (CaseType::IntimateImageSharing, UrgencyLevel::Critical) => ProsecutionRule::Warned,
            (CaseType::IntimateImageSharing, _) => ProsecutionRule::Required,
            _ => ProsecutionRule::NotAsked,
        }
    }

    /// What to point out about `answer` for a capture of `case_type` at `urgency`, if anything.
    pub fn warning(
        case_type: CaseType,
        urgency: UrgencyLevel,
        answer: Option<ProsecutionRequest>,
    ) -> Option<ProsecutionWarning> {
        if ProsecutionRequest::rule(case_type, urgency) == ProsecutionRule::NotAsked {
            return None;
        }
        match answer {
            None => Some(ProsecutionWarning::Missing),
            Some(ProsecutionRequest::NotYetKnown) => Some(ProsecutionWarning::NotYetKnown),
            Some(_) => None,
        }
    }
}

/// The checklist as the officer worked it, under one version of the guidance pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct GuidanceRecord {
    pub pack_version: u32,
    /// In the order they were ticked.
    pub ticked: Vec<Tick>,
    /// Critical items of the checklist not ticked when the officer submitted anyway.
    pub skipped_critical: Vec<String>,
}

/// One checklist item done: when (UTC offset and the device's zone) and, if the officer wrote one, a
/// note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Tick {
    pub item: String,
    pub at: ZonedTime,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A file the officer attached, carried inside the capture so it is hashed and sealed with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    /// The file name as the device gave it.
    pub name: String,
    /// `image/…`, `video/…` or `audio/…`.
    pub media_type: String,
    /// Bytes, before encoding.
    pub size: u64,
    /// SHA-256 of the bytes, lower-case hex: the desk checks it against `data`.
    pub sha256: String,
    /// The bytes, standard base64 with padding.
    pub data: String,
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

impl Attachment {
    /// Decodes `data` and checks it is `size` bytes with the SHA-256 `sha256`. The desk runs this on
    /// arrival, so a capture whose file was damaged on the way is refused rather than stored.
    pub fn verify_bytes(&self) -> Result<(), &'static str> {
        use base64::Engine;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(&self.data)
            .map_err(|_| "is not valid base64")?;
        if u64::try_from(bytes.len()).ok() != Some(self.size) {
            return Err("does not decode to `size` bytes");
        }
        if crate::canonical::sha256_hex(&bytes) != self.sha256 {
            return Err("does not match its sha256");
        }
        Ok(())
    }
}

impl Capture {
    pub fn urgency(&self) -> UrgencyLevel {
        self.flags.level(self.case_type)
    }

    /// What the SPOC should be told about the prosecution answer of this capture, if anything.
    /// Captures made before the field existed (schema 1 and 2) are not asked.
    pub fn prosecution_warning(&self) -> Option<ProsecutionWarning> {
        if self.schema_version < 3 {
            return None;
        }
        ProsecutionRequest::warning(self.case_type, self.urgency(), self.prosecution_request)
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
