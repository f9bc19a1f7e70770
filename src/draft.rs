//! A capture being written: the form's state, saved to IndexedDB on every change. It may be
//! incomplete or wrong in any way; only [`Draft::to_capture`] has to produce a valid record.

use serde::{Deserialize, Serialize};
use spoc_core::capture::{
    Attachment, CapturedIdentifier, GuidanceRecord, Officer, PreservationRequest, ProsecutionRequest,
    ProsecutionRule, SeenItem, Tick,
};
use spoc_core::guidance::GuidancePack;
use spoc_core::{
    Capture, CaseType, Identifier, Platform, UrgencyFlags, ValidationError, ZonedTime, SCHEMA_VERSION,
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub id: String,
    pub created_at: ZonedTime,
    #[serde(serialize_with = "crate::clock::whole_ms")]
    pub updated_at_ms: f64,
    pub case_type: Option<CaseType>,
    pub journal_number: String,
    pub flags: UrgencyFlags,
    pub identifiers: Vec<DraftIdentifier>,
    pub items: Vec<DraftItem>,
    pub preservations: Vec<DraftPreservation>,
    pub notes: String,
    /// Source of the rows' `key`s: rows keep their identity (and focus) while others come and go.
    pub next_key: u32,
    /// Checklist items ticked, by guidance item id. Ids are stable across pack versions, so a newer
    /// pack arriving mid-capture keeps every tick. (`default`: drafts saved before the checklist.)
    #[serde(default)]
    pub ticks: Vec<Tick>,
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// The victim's answer for sharing of intimate images. Kept if the officer switches case type
    /// and back; sent only with that case type. (`default`: drafts saved before the field.)
    #[serde(default)]
    pub prosecution_request: Option<ProsecutionRequest>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftIdentifier {
    pub key: u32,
    pub raw: String,
    pub platform_hint: Option<Platform>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftItem {
    pub key: u32,
    pub what: String,
    pub seen_at: Option<ZonedTime>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftPreservation {
    pub key: u32,
    pub platform: Option<Platform>,
    pub requested_at: Option<ZonedTime>,
    pub reference: String,
}

impl Draft {
    pub fn new(id: String, created_at: ZonedTime, now_ms: f64) -> Draft {
        Draft {
            id,
            created_at,
            updated_at_ms: now_ms,
            case_type: None,
            journal_number: String::new(),
            flags: UrgencyFlags::default(),
            // One empty row of each list the officer is most likely to need.
            identifiers: vec![DraftIdentifier {
                key: 0,
                raw: String::new(),
                platform_hint: None,
            }],
            items: Vec::new(),
            preservations: Vec::new(),
            notes: String::new(),
            next_key: 1,
            ticks: Vec::new(),
            attachments: Vec::new(),
            prosecution_request: None,
        }
    }

    /// Ticks `item` now, or unticks it.
    pub fn set_ticked(&mut self, item: &str, ticked: bool, at: ZonedTime) {
        self.ticks.retain(|t| t.item != item);
        if ticked {
            self.ticks.push(Tick {
                item: item.to_string(),
                at,
                note: String::new(),
            });
        }
    }

    /// Critical checklist items not ticked, in checklist order.
    pub fn unticked_critical(&self, pack: &GuidancePack) -> Vec<String> {
        let Some(case_type) = self.case_type else {
            return Vec::new();
        };
        let ticked: Vec<&str> = self.ticks.iter().map(|t| t.item.as_str()).collect();
        pack.unticked_critical(case_type, &ticked)
            .into_iter()
            .map(|item| item.id.clone())
            .collect()
    }

    /// A new draft with a fresh id (`crypto.randomUUID()`), started now on the device's clock.
    pub fn start(case_type: Option<CaseType>) -> Draft {
        let id = web_sys::window()
            .and_then(|w| w.crypto().ok())
            .map(|c| c.random_uuid())
            .unwrap_or_default();
        let mut draft = Draft::new(id, crate::clock::now(), crate::clock::now_ms());
        draft.case_type = case_type;
        draft
    }

    pub fn take_key(&mut self) -> u32 {
        self.next_key += 1;
        self.next_key - 1
    }

    /// The record the draft describes, or the first thing a draft may lack (a case type, a time).
    /// Empty rows are dropped: an unused blank line is not an error the officer should have to fix at
    /// a scene. The record is not validated here: [`Submission::new`] does that, once.
    ///
    /// [`Submission::new`]: spoc_core::api::Submission::new
    ///
    /// With the pack, the capture records the pack's version, the ticks and the critical items left
    /// unticked (the officer was shown them and sent anyway).
    pub fn to_capture(
        &self,
        officer: &Officer,
        pack: Option<&GuidancePack>,
    ) -> Result<Capture, ValidationError> {
        let case_type = self
            .case_type
            .ok_or_else(|| ValidationError::new("case_type", "is required"))?;
        let mut identifiers = Vec::new();
        for (i, row) in self
            .identifiers
            .iter()
            .filter(|r| !r.raw.trim().is_empty())
            .enumerate()
        {
            let parsed = Identifier::parse(&row.raw, row.platform_hint)
                .map_err(|e| ValidationError::new(format!("identifiers[{i}].raw"), e.to_string()))?;
            identifiers.push(CapturedIdentifier {
                raw: row.raw.clone(),
                platform_hint: row.platform_hint,
                parsed,
            });
        }
        let mut items = Vec::new();
        for (i, row) in self
            .items
            .iter()
            .filter(|r| !r.what.trim().is_empty())
            .enumerate()
        {
            let seen_at = row
                .seen_at
                .clone()
                .ok_or_else(|| ValidationError::new(format!("items[{i}].seen_at"), "is required"))?;
            items.push(SeenItem {
                what: row.what.clone(),
                seen_at,
            });
        }
        let mut preservations = Vec::new();
        let used = |p: &&DraftPreservation| {
            p.platform.is_some() || p.requested_at.is_some() || !p.reference.is_empty()
        };
        for (i, row) in self.preservations.iter().filter(used).enumerate() {
            let field = |name: &str| format!("preservations[{i}].{name}");
            preservations.push(PreservationRequest {
                platform: row
                    .platform
                    .ok_or_else(|| ValidationError::new(field("platform"), "is required"))?,
                requested_at: row
                    .requested_at
                    .clone()
                    .ok_or_else(|| ValidationError::new(field("requested_at"), "is required"))?,
                reference: row.reference.clone(),
            });
        }
        Ok(Capture {
            schema_version: SCHEMA_VERSION,
            id: self.id.clone(),
            created_at: self.created_at.clone(),
            officer: officer.clone(),
            case_type,
            journal_number: self.journal_number.trim().to_string(),
            flags: self.flags,
            identifiers,
            items,
            preservations,
            notes: self.notes.clone(),
            guidance: pack.map(|pack| GuidanceRecord {
                pack_version: pack.version,
                ticked: self.ticks.clone(),
                skipped_critical: self.unticked_critical(pack),
            }),
            attachments: self.attachments.clone(),
            prosecution_request: self.prosecution_request.filter(|_| {
                ProsecutionRequest::rule(case_type, self.flags.level(case_type)) != ProsecutionRule::NotAsked
            }),
        })
    }
}
