//! What makes a capture acceptable to the SPOC. The app runs this before it queues a capture and the
//! desk runs it again on arrival: one rule set, so a capture the phone accepted is never refused for a
//! reason the officer could not have seen.

use std::collections::HashSet;

use crate::capture::{
    Attachment, Capture, CaseType, GuidanceRecord, ProsecutionRequest, ProsecutionRule, UrgencyLevel,
    OLDEST_SCHEMA_VERSION, SCHEMA_VERSION,
};
use crate::identifier::Identifier;

/// A refused capture: which field (a JSON path such as `identifiers[2].raw`) and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct ValidationError {
    pub field: String,
    pub message: String,
}

impl ValidationError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        ValidationError {
            field: field.into(),
            message: message.into(),
        }
    }
}

pub const MAX_IDENTIFIERS: usize = 200;
pub const MAX_ITEMS: usize = 500;
pub const MAX_PRESERVATIONS: usize = 100;
const MAX_SHORT: usize = 200;
const MAX_RAW: usize = 4096;
const MAX_NOTES: usize = 20_000;
pub const MAX_TICKS: usize = 200;
pub const MAX_ATTACHMENTS: usize = 10;
/// All attachments of one capture together, before encoding: well inside the desk's 16 MiB body
/// limit once base64 has added its third.
pub const MAX_ATTACHMENT_BYTES: u64 = 10 * 1024 * 1024;

/// Why a child-abuse-material capture refuses an attachment; the app says the same in Danish.
pub const CSAM_ATTACHMENT_REFUSAL: &str = "child sexual abuse material is never copied, screenshotted or \
    attached, not even for the SPOC: record only where it is (URL, account IDs, context)";

impl Capture {
    pub fn validate(&self) -> Result<(), ValidationError> {
        if !(OLDEST_SCHEMA_VERSION..=SCHEMA_VERSION).contains(&self.schema_version) {
            return Err(ValidationError::new(
                "schema_version",
                format!(
                    "schema version {} is not supported (this build knows {OLDEST_SCHEMA_VERSION} to \
                     {SCHEMA_VERSION})",
                    self.schema_version
                ),
            ));
        }
        for (field, present, since) in [
            ("guidance", self.guidance.is_some(), 2),
            ("attachments", !self.attachments.is_empty(), 2),
            ("prosecution_request", self.prosecution_request.is_some(), 3),
        ] {
            if present && self.schema_version < since {
                return Err(ValidationError::new(
                    field,
                    format!("needs schema version {since}"),
                ));
            }
        }
        if !is_uuid(&self.id) {
            return Err(ValidationError::new("id", "must be a lower-case hyphenated UUID"));
        }
        self.created_at
            .check()
            .map_err(|e| ValidationError::new("created_at", e.to_string()))?;

        required("officer.name", &self.officer.name, MAX_SHORT)?;
        required("officer.badge_number", &self.officer.badge_number, MAX_SHORT)?;
        if self.officer.district.is_none() {
            return Err(ValidationError::new("officer.district", "is required"));
        }
        optional("officer.phone", &self.officer.phone, MAX_SHORT)?;
        // With a life at stake the minimum capture goes at once, before a journal number exists; the
        // follow-up capture carries it.
        if self.urgency() == UrgencyLevel::Critical {
            optional("journal_number", &self.journal_number, MAX_SHORT)?;
        } else {
            required("journal_number", &self.journal_number, MAX_SHORT)?;
        }

        if self.identifiers.is_empty() && self.items.is_empty() {
            return Err(ValidationError::new(
                "identifiers",
                "add at least one identifier or one item seen: the SPOC needs something to preserve",
            ));
        }
        at_most("identifiers", self.identifiers.len(), MAX_IDENTIFIERS)?;
        for (i, id) in self.identifiers.iter().enumerate() {
            required(&format!("identifiers[{i}].raw"), &id.raw, MAX_RAW)?;
            match Identifier::parse(&id.raw, id.platform_hint) {
                Ok(parsed) if parsed == id.parsed => {}
                Ok(_) => {
                    return Err(ValidationError::new(
                        format!("identifiers[{i}].parsed"),
                        "does not match what the raw text parses to",
                    ))
                }
                Err(e) => {
                    return Err(ValidationError::new(
                        format!("identifiers[{i}].raw"),
                        e.to_string(),
                    ))
                }
            }
        }

        at_most("items", self.items.len(), MAX_ITEMS)?;
        for (i, item) in self.items.iter().enumerate() {
            required(&format!("items[{i}].what"), &item.what, MAX_RAW)?;
            item.seen_at
                .check()
                .map_err(|e| ValidationError::new(format!("items[{i}].seen_at"), e.to_string()))?;
        }

        at_most("preservations", self.preservations.len(), MAX_PRESERVATIONS)?;
        for (i, p) in self.preservations.iter().enumerate() {
            p.requested_at.check().map_err(|e| {
                ValidationError::new(format!("preservations[{i}].requested_at"), e.to_string())
            })?;
            optional(&format!("preservations[{i}].reference"), &p.reference, MAX_SHORT)?;
        }

        optional("notes", &self.notes, MAX_NOTES)?;
        self.check_prosecution_request()?;
        if let Some(guidance) = &self.guidance {
            guidance.validate()?;
        }
        check_attachments(self.case_type, &self.attachments)
    }
}

/// Why a § 264 d capture is refused without the victim's answer; the app says the same in Danish.
pub const PROSECUTION_REQUIRED: &str = "is required for sharing of intimate images: public prosecution \
    needs the victim's request (straffeloven § 275, stk. 2); choose \"not known yet\" if the victim \
    could not be asked";

impl Capture {
    /// The answer is this case type's question only, and required where the rule says so. Captures
    /// of schema 1 and 2 predate the field and are not asked.
    fn check_prosecution_request(&self) -> Result<(), ValidationError> {
        let field = "prosecution_request";
        match (
            ProsecutionRequest::rule(self.case_type, self.urgency()),
            self.prosecution_request,
        ) {
            (ProsecutionRule::NotAsked, Some(_)) => Err(ValidationError::new(
                field,
                "is recorded only for sharing of intimate images (straffeloven § 264 d)",
            )),
            (ProsecutionRule::Required, None) if self.schema_version >= 3 => {
                Err(ValidationError::new(field, PROSECUTION_REQUIRED))
            }
            _ => Ok(()),
        }
    }
}

impl GuidanceRecord {
    fn validate(&self) -> Result<(), ValidationError> {
        if self.pack_version == 0 {
            return Err(ValidationError::new("guidance.pack_version", "starts at 1"));
        }
        at_most("guidance.ticked", self.ticked.len(), MAX_TICKS)?;
        let mut ticked = HashSet::new();
        for (i, tick) in self.ticked.iter().enumerate() {
            let field = |name: &str| format!("guidance.ticked[{i}].{name}");
            item_id(&field("item"), &tick.item)?;
            if !ticked.insert(tick.item.as_str()) {
                return Err(ValidationError::new(field("item"), "is ticked twice"));
            }
            tick.at
                .check()
                .map_err(|e| ValidationError::new(field("at"), e.to_string()))?;
            optional(&field("note"), &tick.note, MAX_RAW)?;
        }
        at_most(
            "guidance.skipped_critical",
            self.skipped_critical.len(),
            MAX_TICKS,
        )?;
        let mut skipped = HashSet::new();
        for (i, item) in self.skipped_critical.iter().enumerate() {
            let field = format!("guidance.skipped_critical[{i}]");
            item_id(&field, item)?;
            if ticked.contains(item.as_str()) || !skipped.insert(item.as_str()) {
                return Err(ValidationError::new(field, "is ticked, or listed twice"));
            }
        }
        Ok(())
    }
}

/// A guidance item id as the pack writes them (see `guidance::check`).
fn item_id(field: &str, id: &str) -> Result<(), ValidationError> {
    let shape = !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.');
    if shape {
        Ok(())
    } else {
        Err(ValidationError::new(field, "is not a guidance item id"))
    }
}

fn check_attachments(case_type: CaseType, attachments: &[Attachment]) -> Result<(), ValidationError> {
    if attachments.is_empty() {
        return Ok(());
    }
    // Enforced here rather than only hidden in the form, so no client, old or new, can send it.
    if case_type == CaseType::ChildSexualAbuseMaterial {
        return Err(ValidationError::new("attachments", CSAM_ATTACHMENT_REFUSAL));
    }
    at_most("attachments", attachments.len(), MAX_ATTACHMENTS)?;
    let mut total: u64 = 0;
    for (i, a) in attachments.iter().enumerate() {
        let field = |name: &str| format!("attachments[{i}].{name}");
        required(&field("name"), &a.name, MAX_SHORT)?;
        let media = ["image/", "video/", "audio/"];
        if !media.iter().any(|m| a.media_type.starts_with(m)) || a.media_type.len() > MAX_SHORT {
            return Err(ValidationError::new(
                field("media_type"),
                "only images, video and audio are attached",
            ));
        }
        if a.sha256.len() != 64 || !a.sha256.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            return Err(ValidationError::new(
                field("sha256"),
                "must be 64 lower-case hex digits",
            ));
        }
        if !is_base64_of(&a.data, a.size) {
            return Err(ValidationError::new(
                field("data"),
                "must be padded standard base64 of exactly `size` bytes",
            ));
        }
        total = total.saturating_add(a.size);
    }
    if total > MAX_ATTACHMENT_BYTES {
        return Err(ValidationError::new(
            "attachments",
            format!(
                "are larger than {} MiB together",
                MAX_ATTACHMENT_BYTES / (1024 * 1024)
            ),
        ));
    }
    Ok(())
}

/// Whether `data` has the shape of padded standard base64 of `size` bytes. The shape only: the desk
/// decodes the bytes and checks their SHA-256 (see `api::Submission::decode`).
fn is_base64_of(data: &str, size: u64) -> bool {
    let Ok(len) = u64::try_from(data.len()) else {
        return false;
    };
    if len != size.div_ceil(3) * 4 {
        return false;
    }
    let padding = match size % 3 {
        0 => 0,
        1 => 2,
        _ => 1,
    };
    let (body, pad) = data.as_bytes().split_at(data.len() - padding);
    pad.iter().all(|&b| b == b'=')
        && body
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
}

fn required(field: &str, value: &str, max_chars: usize) -> Result<(), ValidationError> {
    if value.trim().is_empty() {
        return Err(ValidationError::new(field, "is required"));
    }
    optional(field, value, max_chars)
}

fn optional(field: &str, value: &str, max_chars: usize) -> Result<(), ValidationError> {
    if value.chars().count() > max_chars {
        return Err(ValidationError::new(
            field,
            format!("is longer than {max_chars} characters"),
        ));
    }
    // Line breaks and tabs are fine in free text; other control characters only hide things.
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
    {
        return Err(ValidationError::new(field, "contains control characters"));
    }
    Ok(())
}

fn at_most(field: &str, len: usize, max: usize) -> Result<(), ValidationError> {
    if len > max {
        return Err(ValidationError::new(
            field,
            format!("has {len} entries; at most {max} are accepted"),
        ));
    }
    Ok(())
}

/// Lower-case hyphenated UUID, as `crypto.randomUUID()` makes them.
pub fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_digit() || (b'a'..=b'f').contains(&b),
        })
}
