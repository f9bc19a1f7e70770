//! Identifiers: what points at an account, a piece of content, a phone, a wallet.
//!
//! `Identifier::parse(raw, platform_hint)` takes text exactly as an officer pastes it from a victim's
//! phone and returns the normalised identifier, or a [`ParseError`] that says why it is not one.
//! The same code runs in the browser (as the officer types) and on the desk (to verify what arrives).

use serde::{Deserialize, Serialize};

use crate::Lang;

/// Where an identifier lives. Phone, e-mail and payment identifiers have "platforms" of their own so
/// that every identifier is `{ platform, kind, value }` and can be indexed the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Platform {
    Tiktok,
    Instagram,
    Facebook,
    Snapchat,
    X,
    Telegram,
    Discord,
    Youtube,
    Whatsapp,
    Pornhub,
    Xhamster,
    Phone,
    Email,
    Bitcoin,
    Ethereum,
    Bank,
    Mobilepay,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum IdentifierKind {
    Username,
    UserId,
    ProfileUrl,
    ContentUrl,
    Group,
    Channel,
    Invite,
    Message,
    Phone,
    Email,
    Wallet,
    Iban,
    /// A short link (`vm.tiktok.com/…`, `t.co/…`): kept verbatim, resolved at the SPOC, never here.
    ShortLink,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Identifier {
    pub platform: Platform,
    pub kind: IdentifierKind,
    /// The normalised value: parsing it again (with `platform` as the hint) gives this identifier back.
    pub value: String,
}

/// Why pasted text is not an identifier. `Display` is English (logs never carry it: it may quote
/// nothing but the platform); the UI uses [`ParseError::message`] in the officer's language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("nothing to parse")]
    Empty,
}

impl ParseError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ParseError::Empty, Lang::Da) => "Intet at tolke".into(),
            (ParseError::Empty, Lang::En) => self.to_string(),
        }
    }
}

impl Identifier {
    /// PLACEHOLDER — replaced by the real parser (identifier work in progress).
    pub fn parse(raw: &str, platform_hint: Option<Platform>) -> Result<Identifier, ParseError> {
        let _ = (raw, platform_hint);
        Err(ParseError::Empty)
    }
}
