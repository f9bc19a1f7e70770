//! A capture being written: the form's state, saved to IndexedDB on every change. It may be
//! incomplete or wrong in any way; only [`Draft::to_capture`] has to produce a valid record.

use serde::{Deserialize, Serialize};
use spoc_core::capture::{CapturedIdentifier, Officer, PreservationRequest, SeenItem};
use spoc_core::{
    Capture, CaseType, Identifier, Platform, UrgencyFlags, ValidationError, ZonedTime, SCHEMA_VERSION,
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub id: String,
    pub created_at: ZonedTime,
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
        }
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
    pub fn to_capture(&self, officer: &Officer) -> Result<Capture, ValidationError> {
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
        })
    }
}
