//! The SPOC Field domain, shared by the field app (wasm) and the SPOC desk (native).
//!
//! Everything that decides what a capture *is* lives here, so the browser and the server can never
//! disagree: the record and its validation, identifier parsing, the canonical hash, and the API
//! messages both ends exchange. No I/O.

pub mod api;
pub mod canonical;
pub mod capture;
pub mod desk;
pub mod device;
pub mod guidance;
pub mod identifier;
pub mod json;
pub mod preservation;
pub mod quality;
pub mod reference;
pub mod sealed;
pub mod sync_policy;
pub mod validate;
pub mod zoned_time;

pub use capture::{Capture, CaseType, District, UrgencyFlags, UrgencyLevel, SCHEMA_VERSION};
pub use identifier::{Identifier, IdentifierKind, ParseError, Platform};
pub use validate::ValidationError;
pub use zoned_time::ZonedTime;

/// The two UI languages. Danish is the default: the users are Danish police.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    Da,
    En,
}
