//! What makes a capture acceptable to the SPOC. The app runs this before it queues a capture and the
//! desk runs it again on arrival: one rule set, so a capture the phone accepted is never refused for a
//! reason the officer could not have seen.

use crate::capture::{Capture, SCHEMA_VERSION};
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

impl Capture {
    pub fn validate(&self) -> Result<(), ValidationError> {
        if self.schema_version != SCHEMA_VERSION {
            return Err(ValidationError::new(
                "schema_version",
                format!(
                    "schema version {} is not supported (this build knows {SCHEMA_VERSION})",
                    self.schema_version
                ),
            ));
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
        required("journal_number", &self.journal_number, MAX_SHORT)?;

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

        optional("notes", &self.notes, MAX_NOTES)
    }
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
