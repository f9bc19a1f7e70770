//! The guidance pack: what a first officer on scene should do, in order, for each kind of urgent
//! online case, and what each platform needs. It is data, not code (`crates/core/guidance/guidance-pack.json`),
//! so the SPOC can correct a step without a new build of the logic, and both ends read the very same
//! document: the desk serves it, the app keeps the last good copy offline.
//!
//! Item ids are forever: a capture records which items were ticked by id, so an id once published is
//! never reused for something else and never disappears (`released_ids.txt`, checked by the tests).

mod check;
mod diff;
mod prompts;
mod published;
mod request;

use serde::{Deserialize, Serialize};

use crate::capture::CaseType;
use crate::identifier::{IdentifierKind, Platform};
use crate::Lang;

pub use check::{PackError, Place, SERVICES};
pub use diff::{diff, Change, ChangeKind, FieldChange, PackDiff};
pub use prompts::{prompts, Prompt};
pub use published::{PackPreview, PackUsed, PublishedPack};
pub use request::preservation_request;

/// The pack this build ships with, as published (the desk serves these bytes).
pub const BUNDLED_JSON: &str = include_str!("../../guidance/guidance-pack.json");

/// Every item id ever published, one per line; see the module docs.
pub const RELEASED_IDS: &str = include_str!("../../guidance/released_ids.txt");

/// Every pack released with a build, oldest first, the bundled one last. The desk keeps them all, so
/// a capture made under an older version still shows the texts the officer read then. (Only the
/// desk reads this; the app ships the bundled pack alone.)
pub const RELEASES: [&str; 2] = [
    include_str!("../../guidance/history/guidance-pack-v1.json"),
    BUNDLED_JSON,
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct GuidancePack {
    /// Raised by one on every published change; a capture records the version it was made under.
    pub version: u32,
    /// `YYYY-MM-DD`.
    pub published: String,
    pub contacts: Vec<Contact>,
    pub emergency: Emergency,
    /// Steps that belong to every case; they close every case type's checklist.
    pub common_steps: Vec<Item>,
    pub case_types: Vec<CaseGuidance>,
    pub platforms: Vec<PlatformGuidance>,
    pub sources: Vec<Source>,
}

/// A text in both UI languages. Both are required: an officer must never meet a blank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub da: String,
    pub en: String,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Da => &self.da,
            Lang::En => &self.en,
        }
    }
}

/// One thing to do (or not to do), with where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Stable, `[a-z0-9.-]`, unique in the pack.
    pub id: String,
    pub text: Text,
    /// A critical step left unticked is listed before submit and recorded as skipped.
    #[serde(default)]
    pub critical: bool,
    /// Ids of [`Source`]s.
    pub sources: Vec<String>,
    /// Set where the underlying fact is not confirmed: the app shows it, so nobody mistakes a guess
    /// for a rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verify: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub id: String,
    pub name: Text,
    /// E.164 (`+4511223344`) or a national short number (`114`), dialled through a `tel:` link.
    pub phone: String,
    pub hours: Text,
    pub sources: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verify: Option<Text>,
}

/// Threat to life: what comes before everything else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Emergency {
    /// The [`Contact`] to call at once.
    pub call: String,
    /// What to do when that line is not staffed.
    pub otherwise: Text,
    pub steps: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CaseGuidance {
    pub case_type: CaseType,
    pub summary: Text,
    /// The checklist, in the order to work through it.
    pub steps: Vec<Item>,
    /// What must not happen: shown above the steps, impossible to miss.
    pub donts: Vec<Item>,
    /// What to tell the victim.
    pub victim_advice: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PlatformGuidance {
    pub platform: Platform,
    /// Who holds the data (e.g. Meta Platforms Ireland for EU users).
    pub provider: Text,
    pub identifiers: Vec<IdentifierNeed>,
    /// How a request reaches the provider.
    pub request_route: Text,
    pub preservation: PreservationRule,
    /// The provider's emergency route, where one is known; `None`: none known.
    pub emergency_route: Option<Text>,
    /// What the officer will meet, verbatim (made-up examples).
    pub formats: Vec<String>,
    pub notes: Vec<Item>,
    pub sources: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verify: Option<Text>,
}

/// Identifiers of one of `kinds` should be captured for the platform; `mandatory`: the SPOC cannot
/// make a request without one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct IdentifierNeed {
    pub kinds: Vec<IdentifierKind>,
    pub mandatory: bool,
    pub why: Text,
}

/// How long a provider keeps data once asked to preserve it. `days: None`: no known period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PreservationRule {
    pub days: Option<u32>,
    /// One extension of this many days on a renewed request, where the provider grants it.
    pub extension_days: Option<u32>,
    pub basis: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verify: Option<Text>,
}

/// Where a fact comes from. `reference` is shown as text (a URL is never linked or fetched).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub reference: String,
}

impl GuidancePack {
    /// Reads and checks a pack (the bundled one, or one the desk served).
    pub fn from_json(json: &str) -> Result<GuidancePack, PackError> {
        let pack: GuidancePack = crate::json::from_str(json).map_err(|e| PackError::Json(e.to_string()))?;
        pack.check()?;
        Ok(pack)
    }

    /// The pack built into this binary. It is checked by the test suite, so failing here is a build
    /// defect, not bad input.
    pub fn bundled() -> GuidancePack {
        GuidancePack::from_json(BUNDLED_JSON).expect("the bundled guidance pack is checked by tests")
    }

    pub fn case(&self, case_type: CaseType) -> Option<&CaseGuidance> {
        self.case_types.iter().find(|c| c.case_type == case_type)
    }

    pub fn platform(&self, platform: Platform) -> Option<&PlatformGuidance> {
        self.platforms.iter().find(|p| p.platform == platform)
    }

    pub fn contact(&self, id: &str) -> Option<&Contact> {
        self.contacts.iter().find(|c| c.id == id)
    }

    /// The duty line of the emergency path.
    pub fn emergency_contact(&self) -> Option<&Contact> {
        self.contact(&self.emergency.call)
    }

    /// A case type's checklist: for threat to life the emergency steps first, then the case's own
    /// steps, then the steps common to every case.
    pub fn checklist(&self, case_type: CaseType) -> Vec<&Item> {
        let emergency = (case_type == CaseType::ThreatToLife).then_some(&self.emergency.steps);
        let own = self.case(case_type).map(|c| &c.steps);
        emergency
            .into_iter()
            .chain(own)
            .flatten()
            .chain(&self.common_steps)
            .collect()
    }

    /// Critical checklist items of `case_type` whose id is not in `ticked`, in checklist order.
    pub fn unticked_critical<'a>(&'a self, case_type: CaseType, ticked: &[&str]) -> Vec<&'a Item> {
        self.checklist(case_type)
            .into_iter()
            .filter(|item| item.critical && !ticked.contains(&item.id.as_str()))
            .collect()
    }

    /// The item with this id, wherever it sits.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items().map(|(_, _, item)| item).find(|item| item.id == id)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }
}
