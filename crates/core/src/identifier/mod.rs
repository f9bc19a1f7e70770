//! Identifiers: what points at an account, a piece of content, a phone, a wallet.
//!
//! `Identifier::parse(raw, platform_hint)` takes text exactly as an officer pastes it from a victim's
//! phone and returns the normalised identifier, or a [`ParseError`] that says why it is not one.
//! The same code runs in the browser (as the officer types) and on the desk (to verify what arrives).
//!
//! # Decisions the desk and the app rely on
//!
//! * **One account, one identifier.** The desk links captures on `(platform, kind, value)`, so a URL
//!   that is just a profile normalises to the username: `https://www.tiktok.com/@Some.User?lang=da`
//!   and `@some.user` (hint TikTok) both give `{tiktok, username, "@some.user"}`. Usernames keep their
//!   `@`, which keeps an all-digit handle (`@123456`) apart from a numeric ID (`123456`).
//! * **Values.** Usernames, user IDs, phones (E.164), e-mails, wallets and IBANs are bare values; every
//!   other kind is a canonical `https://` URL rebuilt from checked parts (canonical host, no tracking
//!   query, no trailing slash, only the meaningful query such as `v=` or `viewkey=`). Parsing a value
//!   again with its platform as the hint gives the same identifier back.
//! * **Case.** Handles are case-insensitive on every platform here and are lower-cased. Opaque tokens
//!   keep their case: shortcodes, video IDs, invite hashes, short-link paths, Pornhub viewkeys.
//! * **The URL wins over the hint.** A web address names its own site, which is better evidence than
//!   a choice in a drop-down, and the app shows the platform understood. The hint only decides what
//!   bare text means (`some.user`, digits). Text that names its own kind (an e-mail, a number written
//!   with `+`/`00`, a valid IBAN or wallet) wins over the hint as well.
//! * **Only real domains.** A platform is recognised by its registrable domains and their subdomains
//!   (`sites::DOMAINS`), read the way a browser reads the host (after the last `@`, before a
//!   backslash); never by a name elsewhere in the text.
//! * **Hostile input.** Nothing is fetched or resolved (short links are kept, kind `short_link`, for the
//!   SPOC); errors never quote the input.

mod bare;
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
                ParseError::InvalidUserId { platform } => format!(
                    "Not a valid {} user ID: {}.",
                    platform.name(lang),
                    handles::id_rule(*platform, lang)
                ),
                ParseError::UnsupportedUrl { platform } | ParseError::InvalidWallet { platform } => {
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
            ParseError::InvalidUserId { platform } => format!(
                "Ikke et gyldigt {}-bruger-ID: {}.",
                platform.name(lang),
                handles::id_rule(*platform, lang)
            ),
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

/// The English messages above begin with an ASCII letter; ASCII-only, so the app carries no Unicode
/// upper-case tables for it.
fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => std::iter::once(first.to_ascii_uppercase())
            .chain(chars)
            .chain(std::iter::once('.'))
            .collect(),
        None => String::new(),
    }
}

/// Longer pastes are not identifiers (and are refused before any work is done on them). Counted in
/// characters, as the capture record's limit on `raw` is.
pub const MAX_LEN: usize = 4096;

impl Identifier {
    /// Parses text as pasted. A URL is read by its host (the hint is ignored: the URL says where it
    /// points); bare text (a handle, an id, a phone number…) is read with the hint.
    pub fn parse(raw: &str, platform_hint: Option<Platform>) -> Result<Identifier, ParseError> {
        // Counting stops at the limit: a megabyte of paste costs no more than the limit does.
        if raw.chars().nth(MAX_LEN).is_some() {
            return Err(ParseError::TooLong);
        }
        let text = clean::clean(raw);
        if text.is_empty() {
            return Err(ParseError::Empty);
        }
        let handle_hint = platform_hint.is_some_and(has_usernames);
        match url::read(&text, handle_hint) {
            url::Reading::Link(link) => {
                let platform = sites::platform_of(&link).ok_or(ParseError::UnknownSite)?;
                sites::identify(platform, &link)
            }
            url::Reading::Unplaceable => Err(ParseError::UnknownSite),
            url::Reading::Text => bare::parse(&text, platform_hint),
        }
    }
}

/// Platforms whose accounts have handles, so that bare text under them reads as one.
fn has_usernames(platform: Platform) -> bool {
    !matches!(
        platform,
        Platform::Whatsapp
            | Platform::Phone
            | Platform::Email
            | Platform::Bitcoin
            | Platform::Ethereum
            | Platform::Bank
            | Platform::Mobilepay
    )
}
