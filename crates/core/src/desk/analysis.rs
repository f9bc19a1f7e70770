//! What the SPOC's analysis views exchange with the desk: one identifier across every capture that
//! names it. Plain data; the linking rule is [`super::link_key`].

use serde::{Deserialize, Serialize};

use super::{CaptureRef, Deadline};
use crate::capture::{CaseType, District};
use crate::identifier::Identifier;

/// Link keys are `scope|kind|value`; anything longer is not one the desk made.
pub const MAX_LINK_KEY_CHARS: usize = 600;

/// Whether `text` has the shape of a link key (`tiktok|username|@some.user`,
/// `any|phone|+4520123456`). Its value part may itself contain `|`; scope and kind never do.
pub fn is_link_key(text: &str) -> bool {
    let mut parts = text.splitn(3, '|');
    let (Some(scope), Some(kind), Some(value)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let word = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
    text.chars().count() <= MAX_LINK_KEY_CHARS && word(scope) && word(kind) && !value.is_empty()
}

/// One identifier (by its link key) and everything the desk holds about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdentifierPage {
    pub key: String,
    /// Every form it was captured in, once each: the same phone on WhatsApp and on Telegram.
    pub forms: Vec<Identifier>,
    /// Every capture naming it, oldest first.
    pub captures: Vec<CaptureRef>,
    /// Districts of those captures, once each, in the order first seen; captures without a district
    /// are left out.
    pub districts: Vec<District>,
    pub case_types: Vec<CaseType>,
    /// When the desk first and last received a capture naming it.
    pub first_seen: String,
    pub last_seen: String,
    /// The other identifiers those captures name, most shared first.
    pub co_identifiers: Vec<CoIdentifier>,
    /// The preservation requests those captures record for the platforms it was seen on, soonest
    /// expiry first.
    pub deadlines: Vec<Deadline>,
}

/// Another identifier named by captures of an [`IdentifierPage`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CoIdentifier {
    /// Its own link key (its page).
    pub key: String,
    pub identifier: Identifier,
    /// How many of the page's captures name it.
    pub captures: u32,
}

/// An operator's resolution of a short link: the identifier it points to, as they typed it after
/// looking it up at the SPOC (never fetched by the desk).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ShortLinkResolution {
    /// The short link exactly as captured (its `raw`).
    pub short_link: String,
    /// What it points to, as typed: parsed by spoc-core like any captured identifier.
    pub resolved: String,
    /// A platform code, for text that names no platform (`@some.user`).
    #[serde(default)]
    pub platform: Option<crate::identifier::Platform>,
}

/// A short link as resolved, on the capture's detail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResolvedShortLink {
    pub short_link: String,
    pub identifier: Identifier,
    pub by: String,
    pub at: String,
}

/// "First assessment done", with the operator's note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewAssessment {
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Assessment {
    pub by: String,
    pub at: String,
    pub note: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_key_shapes() {
        for good in [
            "tiktok|username|@some.user",
            "any|phone|+4520123456",
            "x|user_id|1|2",
        ] {
            assert!(is_link_key(good), "{good}");
        }
        for bad in [
            "",
            "tiktok",
            "tiktok|username|",
            "TikTok|username|@a",
            "|username|@a",
            "a b|c|d",
        ] {
            assert!(!is_link_key(bad), "{bad}");
        }
        assert!(!is_link_key(&format!(
            "any|phone|{}",
            "1".repeat(MAX_LINK_KEY_CHARS)
        )));
    }
}
