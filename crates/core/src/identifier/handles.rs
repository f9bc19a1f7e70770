//! Each platform's rules for a handle (facts/platforms.md), and how it is normalised. Handles are
//! case-insensitive on every platform here, so they are kept in lower case: `@Some.User` and
//! `some.user` are one account and must link at the SPOC.

use super::{Identifier, IdentifierKind, ParseError, Platform};

/// The normalised handle (no `@`, lower case), or why it breaks the platform's rule.
pub fn handle(platform: Platform, text: &str) -> Result<String, ParseError> {
    let name = text.strip_prefix('@').unwrap_or(text).to_ascii_lowercase();
    let chars_ok = |extra: &[u8]| {
        name.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || extra.contains(&b))
    };
    let len = name.len();
    let first_is_letter = name.bytes().next().is_some_and(|b| b.is_ascii_lowercase());
    let ok = match platform {
        // 2–24 of letters, digits, `_` and `.`, not ending in `.`.
        Platform::Tiktok => (2..=24).contains(&len) && chars_ok(b"_.") && !name.ends_with('.'),
        // Up to 30 of letters, digits, `.` and `_`.
        Platform::Instagram => (1..=30).contains(&len) && chars_ok(b"._"),
        // Vanity names: letters, digits and dots, at least 5.
        Platform::Facebook => (5..=50).contains(&len) && chars_ok(b"."),
        // 3–15, starting with a letter; letters, digits, `-`, `_`, `.`.
        Platform::Snapchat => (3..=15).contains(&len) && first_is_letter && chars_ok(b"-_."),
        // 1–15 of `[A-Za-z0-9_]`.
        Platform::X => (1..=15).contains(&len) && chars_ok(b"_"),
        // 5–32 of `[a-z0-9_]`, starting with a letter.
        Platform::Telegram => (5..=32).contains(&len) && first_is_letter && chars_ok(b"_"),
        // 2–32, lower case `[a-z0-9_.]` (discriminators are gone).
        Platform::Discord => (2..=32).contains(&len) && chars_ok(b"_."),
        // YouTube @handles: 3–30 of letters, digits, `_`, `-`, `.`.
        Platform::Youtube => (3..=30).contains(&len) && chars_ok(b"_-."),
        // Uploader and model names on the adult sites.
        Platform::Pornhub | Platform::Xhamster => (2..=64).contains(&len) && chars_ok(b"_-."),
        _ => false,
    };
    if ok {
        Ok(name)
    } else {
        Err(ParseError::InvalidHandle { platform })
    }
}

/// A numeric account ID, where the platform has them: a Discord snowflake has 17–20 digits; the others
/// up to 20, never starting with 0 (a leading 0 is a phone number's, `0045…`).
pub fn user_id(platform: Platform, digits: &str) -> Result<Identifier, ParseError> {
    let len = digits.len();
    let numeric = digits.bytes().all(|b| b.is_ascii_digit()) && !digits.starts_with('0');
    let ok = numeric
        && match platform {
            Platform::Discord => (17..=20).contains(&len),
            Platform::X
            | Platform::Tiktok
            | Platform::Instagram
            | Platform::Telegram
            | Platform::Facebook => (1..=20).contains(&len),
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

/// The rule, in words, for the error the officer sees.
pub fn rule(platform: Platform, lang: crate::Lang) -> &'static str {
    use crate::Lang::{Da, En};
    match (platform, lang) {
        (Platform::Tiktok, Da) => "2–24 tegn: bogstaver, tal, _ og . (ikke . til sidst)",
        (Platform::Tiktok, En) => "2–24 characters: letters, digits, _ and . (not ending in .)",
        (Platform::Instagram, Da) => "højst 30 tegn: bogstaver, tal, . og _",
        (Platform::Instagram, En) => "at most 30 characters: letters, digits, . and _",
        (Platform::Facebook, Da) => "mindst 5 tegn: bogstaver, tal og .",
        (Platform::Facebook, En) => "at least 5 characters: letters, digits and .",
        (Platform::Snapchat, Da) => "3–15 tegn, starter med et bogstav: bogstaver, tal, -, _ og .",
        (Platform::Snapchat, En) => "3–15 characters starting with a letter: letters, digits, -, _ and .",
        (Platform::X, Da) => "1–15 tegn: bogstaver, tal og _",
        (Platform::X, En) => "1–15 characters: letters, digits and _",
        (Platform::Telegram, Da) => "5–32 tegn, starter med et bogstav: bogstaver, tal og _",
        (Platform::Telegram, En) => "5–32 characters starting with a letter: letters, digits and _",
        (Platform::Discord, Da) => "2–32 tegn: små bogstaver, tal, _ og . (uden #1234, som ikke bruges mere)",
        (Platform::Discord, En) => {
            "2–32 characters: lower-case letters, digits, _ and . (no #1234, no longer used)"
        }
        (Platform::Youtube, Da) => "3–30 tegn: bogstaver, tal, _, - og .",
        (Platform::Youtube, En) => "3–30 characters: letters, digits, _, - and .",
        (_, Da) => "bogstaver, tal, _, - og .",
        (_, En) => "letters, digits, _, - and .",
    }
}

/// The user-ID rule, in words.
pub fn id_rule(platform: Platform, lang: crate::Lang) -> &'static str {
    use crate::Lang::{Da, En};
    match (platform, lang) {
        (Platform::Discord, Da) => "17–20 cifre",
        (Platform::Discord, En) => "17 to 20 digits",
        (
            Platform::X | Platform::Tiktok | Platform::Instagram | Platform::Telegram | Platform::Facebook,
            Da,
        ) => "op til 20 cifre, ikke begyndende med 0",
        (
            Platform::X | Platform::Tiktok | Platform::Instagram | Platform::Telegram | Platform::Facebook,
            En,
        ) => "up to 20 digits, not starting with 0",
        (_, Da) => "platformen har ingen numeriske bruger-ID'er; notér brugernavnet eller profilens URL",
        (_, En) => "the platform has no numeric user IDs; capture the username or the profile URL",
    }
}
