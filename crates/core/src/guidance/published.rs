//! The pack as the desk keeps it: every version published, who published it, and, for a capture, the
//! version it was made under with the texts the officer read then. Plain data shared by the desk and
//! its views.

use serde::{Deserialize, Serialize};

use super::{GuidancePack, Item, PackDiff};
use crate::capture::Capture;

/// One published version, as `GET /guidance/packs` and `spoc-desk guidance list` show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishedPack {
    pub version: u32,
    /// The pack's own date (`YYYY-MM-DD`), as its author wrote it.
    pub published: String,
    /// When the desk took it (RFC 3339, UTC).
    pub published_at: String,
    /// The account that published it, `cli` for the command line, or `build` for a pack that came
    /// with the desk.
    pub published_by: String,
    /// SHA-256 of the JSON as published: the ETag devices revalidate against.
    pub sha256: String,
    pub bytes: u64,
}

/// A pack checked and compared with the one devices get now, before it is published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PackPreview {
    /// Whether publishing it would be taken: newer than the newest published version.
    pub newer: bool,
    /// From the current version to this pack.
    pub diff: PackDiff,
}

/// The guidance a capture was made under, as the desk shows it beside the capture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PackUsed {
    pub version: u32,
    /// That version's date; absent when the desk does not hold the version (a pack it never
    /// published, from a build it has not seen).
    pub published: Option<String>,
    /// The case type's checklist as that version had it: the texts the officer ticked, in order.
    /// Empty when the desk does not hold the version.
    pub checklist: Vec<Item>,
    /// The version devices get now, to say when the capture was made under an older one.
    pub current_version: u32,
}

impl PackUsed {
    /// What `capture` was made under, read from `pack` (the version it names, if the desk holds it).
    /// `None` for a capture that records no checklist (schema 1, or no pack on the device).
    pub fn of(capture: &Capture, pack: Option<&GuidancePack>, current_version: u32) -> Option<PackUsed> {
        let version = capture.guidance.as_ref()?.pack_version;
        let pack = pack.filter(|p| p.version == version);
        Some(PackUsed {
            version,
            published: pack.map(|p| p.published.clone()),
            checklist: pack
                .map(|p| p.checklist(capture.case_type).into_iter().cloned().collect())
                .unwrap_or_default(),
            current_version,
        })
    }

    /// The text of item `id` under this version, if the desk holds it.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.checklist.iter().find(|i| i.id == id)
    }
}
