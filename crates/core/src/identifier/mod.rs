//! Identifiers: what points at an account, a piece of content, a phone, a wallet.
//!
//! `Identifier::parse(raw, platform_hint)` takes text exactly as an officer pastes it from a victim's
//! phone and returns the normalised identifier, or a [`ParseError`] that says why it is not one.
//! The same code runs in the browser (as the officer types) and on the desk (to verify what arrives).

mod clean;
mod contact;
mod handles;
mod payment;
mod sites;
mod url;

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
    /// Usernames are written with their `@` (`@some.user`), which keeps an all-digit handle apart from
    /// a numeric account id.
    pub value: String,
}

/// Why pasted text is not an identifier. `Display` is English and never quotes the input (errors may
/// reach logs; captured content must not); the UI uses [`ParseError::message`] in the officer's
/// language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("nothing to parse")]
    Empty,
    #[error("longer than {MAX_LEN} characters")]
    TooLong,
    #[error("looks like a display name; capture the {platform:?} handle (@…) or the profile URL instead")]
    DisplayName { platform: Platform },
    #[error("a bare handle: choose the platform it belongs to")]
    NeedsPlatform,
    #[error("not a valid {platform:?} handle")]
    InvalidHandle { platform: Platform },
    #[error("not a valid {platform:?} id")]
    InvalidUserId { platform: Platform },
    #[error("the site is not a recognised platform; record it under items seen")]
    UnknownSite,
    #[error("a {platform:?} address of a kind not recognised; record it under items seen")]
    UnsupportedUrl { platform: Platform },
    #[error("not a phone number (8 Danish digits, or + and the country code)")]
    InvalidPhone,
    #[error("not an e-mail address")]
    InvalidEmail,
    #[error("not a valid IBAN (wrong length or check digits)")]
    InvalidIban,
    #[error("not a valid {platform:?} wallet address")]
    InvalidWallet { platform: Platform },
    #[error("not recognised as an identifier")]
    Unrecognised,
}

impl ParseError {
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return match self {
                ParseError::DisplayName { platform } => format!(
                    "This looks like a display name. Capture the {} handle (@…) or the profile URL instead.",
                    platform.name(lang)
                ),
                ParseError::InvalidHandle { platform } => {
                    format!(
                        "Not a valid {} handle: {}.",
                        platform.name(lang),
                        handles::rule(*platform, lang)
                    )
                }
                ParseError::InvalidUserId { platform }
                | ParseError::UnsupportedUrl { platform }
                | ParseError::InvalidWallet { platform } => {
                    let text = self
                        .to_string()
                        .replace(&format!("{platform:?}"), platform.name(lang));
                    capitalise(&text)
                }
                _ => capitalise(&self.to_string()),
            };
        }
        match self {
            ParseError::Empty => "Intet at tolke.".into(),
            ParseError::TooLong => format!("Længere end {MAX_LEN} tegn."),
            ParseError::DisplayName { platform } => format!(
                "Det ligner et visningsnavn. Notér {}-brugernavnet (@…) eller profilens URL i stedet.",
                platform.name(lang)
            ),
            ParseError::NeedsPlatform => "Et brugernavn alene: vælg hvilken platform det hører til.".into(),
            ParseError::InvalidHandle { platform } => {
                format!(
                    "Ikke et gyldigt {}-brugernavn: {}.",
                    platform.name(lang),
                    handles::rule(*platform, lang)
                )
            }
            ParseError::InvalidUserId { platform } => format!("Ikke et gyldigt {}-ID.", platform.name(lang)),
            ParseError::UnknownSite => {
                "Siden er ikke en kendt platform. Notér den under »Set indhold« i stedet.".into()
            }
            ParseError::UnsupportedUrl { platform } => format!(
                "En {}-adresse af en ukendt slags. Notér den under »Set indhold« i stedet.",
                platform.name(lang)
            ),
            ParseError::InvalidPhone => {
                "Ikke et telefonnummer (8 danske cifre, eller + og landekode).".into()
            }
            ParseError::InvalidEmail => "Ikke en e-mailadresse.".into(),
            ParseError::InvalidIban => "Ikke et gyldigt IBAN (forkert længde eller kontrolciffer).".into(),
            ParseError::InvalidWallet { platform } => {
                format!("Ikke en gyldig {}-adresse.", platform.name(lang))
            }
            ParseError::Unrecognised => "Ikke genkendt som en identifikator.".into(),
        }
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first
            .to_uppercase()
            .chain(chars)
            .chain(std::iter::once('.'))
            .collect(),
        None => String::new(),
    }
}

/// Longer pastes are not identifiers (and are refused before any work is done on them).
pub const MAX_LEN: usize = 4096;

impl Identifier {
    /// Parses text as pasted. A URL is read by its host (the hint is ignored: the URL says where it
    /// points); bare text (a handle, an id, a phone number…) is read with the hint.
    pub fn parse(raw: &str, platform_hint: Option<Platform>) -> Result<Identifier, ParseError> {
        if raw.len() > MAX_LEN {
            return Err(ParseError::TooLong);
        }
        let text = clean::clean(raw);
        if text.is_empty() {
            return Err(ParseError::Empty);
        }
        if let Some(link) = url::split(&text) {
            let platform = sites::platform_of(&link).ok_or(ParseError::UnknownSite)?;
            return sites::identify(platform, &link);
        }
        bare(&text, platform_hint)
    }
}

/// Text that is not a URL: payment identifiers and e-mail addresses are recognisable on their own;
/// numbers and handles need the hint to say whose they are.
fn bare(text: &str, hint: Option<Platform>) -> Result<Identifier, ParseError> {
    let make = |platform, kind, value| {
        Ok(Identifier {
            platform,
            kind,
            value,
        })
    };
    let compact: String = text.chars().filter(|c| *c != ' ').collect();

    if let Some(value) = payment::ethereum(&compact) {
        return make(Platform::Ethereum, IdentifierKind::Wallet, value);
    }
    if let Some(value) = payment::bitcoin(&compact) {
        return make(Platform::Bitcoin, IdentifierKind::Wallet, value);
    }
    match hint {
        Some(platform @ (Platform::Bitcoin | Platform::Ethereum)) => {
            return Err(ParseError::InvalidWallet { platform })
        }
        Some(Platform::Bank) => return make(Platform::Bank, IdentifierKind::Iban, payment::iban(text)?),
        _ if payment::looks_like_iban(text) => {
            return make(Platform::Bank, IdentifierKind::Iban, payment::iban(text)?)
        }
        _ => {}
    }
    if text.contains('@') && !text.starts_with('@') {
        return make(Platform::Email, IdentifierKind::Email, contact::email(text)?);
    }
    if hint == Some(Platform::Email) {
        return Err(ParseError::InvalidEmail);
    }

    let numeric = !compact.is_empty() && compact.bytes().all(|b| b.is_ascii_digit());
    let phone_like = text.starts_with('+')
        || (text.bytes().all(|b| b.is_ascii_digit() || b" -().".contains(&b)) && !numeric);
    let phone_platform = |hint: Option<Platform>| match hint {
        None | Some(Platform::Email | Platform::Bitcoin | Platform::Ethereum | Platform::Bank) => {
            Platform::Phone
        }
        Some(platform) => platform,
    };
    if phone_like {
        return make(phone_platform(hint), IdentifierKind::Phone, contact::phone(text)?);
    }
    if numeric {
        return match hint {
            None | Some(Platform::Phone | Platform::Whatsapp | Platform::Mobilepay) => {
                make(phone_platform(hint), IdentifierKind::Phone, contact::phone(text)?)
            }
            Some(platform) => user_id(platform, &compact),
        };
    }

    let Some(platform) = hint else {
        return Err(if text.starts_with('@') || is_handle_shaped(text) {
            ParseError::NeedsPlatform
        } else {
            ParseError::Unrecognised
        });
    };
    if matches!(
        platform,
        Platform::Phone | Platform::Mobilepay | Platform::Whatsapp
    ) {
        return Err(ParseError::InvalidPhone);
    }
    if platform == Platform::Youtube && compact.len() == 24 && compact.starts_with("UC") {
        return make(platform, IdentifierKind::UserId, compact);
    }
    if !is_handle_shaped(text) {
        return Err(ParseError::DisplayName { platform });
    }
    make(
        platform,
        IdentifierKind::Username,
        format!("@{}", handles::handle(platform, text)?),
    )
}

/// Numeric account ids, where the platform has them.
fn user_id(platform: Platform, digits: &str) -> Result<Identifier, ParseError> {
    let ok = match platform {
        Platform::Discord => (17..=20).contains(&digits.len()),
        Platform::X | Platform::Tiktok | Platform::Instagram | Platform::Telegram => {
            (1..=20).contains(&digits.len())
        }
        Platform::Facebook => (5..=20).contains(&digits.len()),
        _ => false,
    };
    if ok {
        Ok(Identifier {
            platform,
            kind: IdentifierKind::UserId,
            value: digits.to_string(),
        })
    } else {
        Err(ParseError::InvalidUserId { platform })
    }
}

/// One word of handle characters, optionally after `@`. Spaces, emoji or other letters mean a
/// display name ("Sofie ❤️ Jensen").
fn is_handle_shaped(text: &str) -> bool {
    let name = text.strip_prefix('@').unwrap_or(text);
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
}
