//! Each platform's rules for a handle, and how it is normalised. The rules are the platforms' own as
//! `facts/corrections-2026-12.md` quotes them (Snap's law-enforcement guide, YouTube's handle
//! guidelines, Telegram's FAQ, TikTok's support page), else `facts/platforms.md`. Handles are
//! case-insensitive on every platform here, so they are kept in lower case: `@Some.User` and
//! `some.user` are one account and must link at the SPOC.

use super::{Identifier, IdentifierKind, ParseError, Platform};

/// The longest handle taken where a platform states no limit (TikTok): a bound of ours against
/// pasted paragraphs, not the platform's rule.
const NO_STATED_LIMIT: usize = 64;

/// The normalised handle (no `@`, lower case), or why it breaks the platform's rule.
pub fn handle(platform: Platform, text: &str) -> Result<String, ParseError> {
    let text = text.strip_prefix('@').unwrap_or(text);
    // Only YouTube allows letters beyond ASCII; elsewhere they fail the character rule below.
    let name = if platform == Platform::Youtube {
        text.to_lowercase()
    } else {
        text.to_ascii_lowercase()
    };
    let chars_ok = |extra: &[u8]| {
        name.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || extra.contains(&b))
    };
    let len = name.len();
    let first_is_letter = name.bytes().next().is_some_and(|b| b.is_ascii_lowercase());
    let ok = match platform {
        // Letters, digits, `_` and `.`, not ending in `.`. TikTok states no length (2–24 is often
        // cited, but not by TikTok), so none is enforced beyond ours.
        Platform::Tiktok => (1..=NO_STATED_LIMIT).contains(&len) && chars_ok(b"_.") && !name.ends_with('.'),
        // Up to 30 of letters, digits, `.` and `_`.
        Platform::Instagram => (1..=30).contains(&len) && chars_ok(b"._"),
        // Vanity names: letters, digits and dots, at least 5.
        Platform::Facebook => (5..=50).contains(&len) && chars_ok(b"."),
        Platform::Snapchat => is_snapchat_username(&name),
        // 1–15 of `[A-Za-z0-9_]`.
        Platform::X => (1..=15).contains(&len) && chars_ok(b"_"),
        // Starting with a letter, `[a-z0-9_]`, at most 32. Usually 5 or more, but collectible
        // usernames (Fragment) may be shorter, and Telegram states no minimum for them.
        Platform::Telegram => (1..=32).contains(&len) && first_is_letter && chars_ok(b"_"),
        // 2–32, lower case `[a-z0-9_.]` (discriminators are gone).
        Platform::Discord => (2..=32).contains(&len) && chars_ok(b"_."),
        Platform::Youtube => is_youtube_handle(&name),
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

/// Snap's guide (§ IV): 3–15 characters, starting with a letter, letters and digits and at most one
/// of `-`, `_`, `.`, which may not be the last character.
fn is_snapchat_username(name: &str) -> bool {
    let special = |b: u8| matches!(b, b'-' | b'_' | b'.');
    (3..=15).contains(&name.len())
        && name.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || special(b))
        && name.bytes().filter(|&b| special(b)).count() <= 1
        && !name.bytes().last().is_some_and(special)
}

/// YouTube's handle guidelines: 3–30 characters; letters and digits of many scripts (`@søren`),
/// `_`, `-`, `.` and the middle dot `·`.
fn is_youtube_handle(name: &str) -> bool {
    (3..=30).contains(&name.chars().count()) && name.chars().all(is_youtube_handle_char)
}

/// Which characters a YouTube handle may hold. Google publishes no table, so this errs towards
/// taking a real handle: every ASCII letter, digit, `_`, `-`, `.`, the middle dot, and any other
/// character except spaces, controls, punctuation, symbols and emoji. Letters and the marks that
/// go with them in every script (a Devanagari virama, a Thai tone mark) pass, while a display name
/// ("Sofie ❤️ Jensen") does not.
pub fn is_youtube_handle_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.');
    }
    if c == '\u{00B7}' {
        return true;
    }
    let refused = c.is_whitespace()
        || c.is_control()
        || matches!(c,
            // Latin-1 punctuation and symbols (but not the ordinal letters ª º).
            '\u{00A1}'..='\u{00A9}' | '\u{00AB}'..='\u{00B9}' | '\u{00BB}'..='\u{00BF}'
            | '\u{00D7}' | '\u{00F7}'
            // General punctuation, super/subscripts, currency, letterlike and number forms, arrows,
            // mathematical and technical symbols, box drawing, shapes, dingbats, braille.
            | '\u{2000}'..='\u{2BFF}'
            | '\u{2E00}'..='\u{2E7F}'
            // CJK symbols and punctuation.
            | '\u{3000}'..='\u{303F}'
            // Private use, variation selectors, vertical and small forms, full-width punctuation.
            | '\u{E000}'..='\u{F8FF}'
            | '\u{FE00}'..='\u{FE6F}'
            | '\u{FF00}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}'
            | '\u{FF5B}'..='\u{FF65}'
            | '\u{FFF0}'..='\u{FFFF}'
            // Emoji, pictographs, mahjong and playing cards, tags.
            | '\u{1F000}'..='\u{1FAFF}'
            | '\u{E0000}'..='\u{E007F}');
    !refused
}

/// A Snapchat user ID: a hexadecimal UUID (8-4-4-4-12), in lower case. Snap's guide names it beside
/// the username; unlike the username it never changes.
pub fn snapchat_user_id(text: &str) -> Option<String> {
    let uuid = text.len() == 36
        && text.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        });
    uuid.then(|| text.to_ascii_lowercase())
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
        (Platform::Tiktok, Da) => "bogstaver, tal, _ og . (ikke . til sidst)",
        (Platform::Tiktok, En) => "letters, digits, _ and . (not ending in .)",
        (Platform::Instagram, Da) => "højst 30 tegn: bogstaver, tal, . og _",
        (Platform::Instagram, En) => "at most 30 characters: letters, digits, . and _",
        (Platform::Facebook, Da) => "mindst 5 tegn: bogstaver, tal og .",
        (Platform::Facebook, En) => "at least 5 characters: letters, digits and .",
        (Platform::Snapchat, Da) => {
            "3–15 tegn, starter med et bogstav: bogstaver, tal og højst ét af -, _ og ., ikke sidst"
        }
        (Platform::Snapchat, En) => {
            "3–15 characters starting with a letter: letters, digits and at most one of -, _ and ., \
             not at the end"
        }
        (Platform::X, Da) => "1–15 tegn: bogstaver, tal og _",
        (Platform::X, En) => "1–15 characters: letters, digits and _",
        (Platform::Telegram, Da) => "højst 32 tegn, starter med et bogstav: bogstaver, tal og _",
        (Platform::Telegram, En) => "at most 32 characters starting with a letter: letters, digits and _",
        (Platform::Discord, Da) => {
            "2–32 tegn: små bogstaver, tal, _ og . (#1234-numre er udfaset; viser kontoen et, så notér \
             det numeriske bruger-ID)"
        }
        (Platform::Discord, En) => {
            "2–32 characters: lower-case letters, digits, _ and . (#1234 discriminators are phased out; \
             if the account still shows one, capture the numeric user ID)"
        }
        (Platform::Youtube, Da) => "3–30 tegn: bogstaver (alle skriftsystemer), tal, _, -, . og ·",
        (Platform::Youtube, En) => "3–30 characters: letters (any script), digits, _, -, . and ·",
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
        (Platform::Snapchat, Da) => "et hexadecimalt UUID (8-4-4-4-12 tegn)",
        (Platform::Snapchat, En) => "a hexadecimal UUID (8-4-4-4-12 characters)",
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
