//! Text that is not a URL. Payment identifiers, e-mail addresses and numbers written as phone numbers
//! recognise themselves; a handle or a plain number needs the hint to say whose it is.

use super::handles::{handle, is_youtube_handle_char, snapchat_user_id, user_id};
use super::{contact, payment, sites, Identifier, IdentifierKind as Kind, ParseError, Platform};

pub fn parse(text: &str, hint: Option<Platform>) -> Result<Identifier, ParseError> {
    let make = |platform, kind, value| {
        Ok(Identifier {
            platform,
            kind,
            value,
        })
    };
    if let Some(number) = strip_prefix_ignore_case(text, "tel:") {
        return make(phone_platform(hint), Kind::Phone, contact::phone(number)?);
    }
    let compact: String = text.chars().filter(|c| *c != ' ').collect();

    // A hex UUID is Snapchat's user ID with Snapchat chosen. Without a platform it could be anyone's
    // (and an all-digit one would otherwise read as a mistyped phone number).
    if let Some(uuid) = snapchat_user_id(&compact) {
        match hint {
            Some(Platform::Snapchat) => return make(Platform::Snapchat, Kind::UserId, uuid),
            None => return Err(ParseError::NeedsPlatform),
            Some(_) => {}
        }
    }

    // Payment details recognise themselves when they are valid. An invalid one is reported only when
    // the officer chose its kind, or chose nothing and it is unmistakable (an upper-case IBAN, a
    // wallet-shaped string): under a platform with handles, `mk99thebestgamer` is a handle that merely
    // has the shape of an IBAN.
    if let Some(value) = payment::ethereum(&compact) {
        return make(Platform::Ethereum, Kind::Wallet, value);
    }
    if let Some(value) = payment::bitcoin(&compact) {
        return make(Platform::Bitcoin, Kind::Wallet, value);
    }
    if payment::looks_like_iban(text) {
        let printed_iban = hint.is_none() && text.bytes().take(2).all(|b| b.is_ascii_uppercase());
        match payment::iban(text) {
            Ok(value) => return make(Platform::Bank, Kind::Iban, value),
            Err(e) if printed_iban => return Err(e),
            Err(_) => {}
        }
    }
    match hint {
        Some(platform @ (Platform::Bitcoin | Platform::Ethereum)) => {
            return Err(ParseError::InvalidWallet { platform })
        }
        Some(Platform::Bank) => return Err(ParseError::InvalidIban),
        None if payment::looks_like_bitcoin(&compact) => {
            return Err(ParseError::InvalidWallet {
                platform: Platform::Bitcoin,
            })
        }
        _ => {}
    }
    if text.contains('@') && !text.starts_with('@') {
        return make(Platform::Email, Kind::Email, contact::email(text)?);
    }
    if hint == Some(Platform::Email) {
        return Err(ParseError::InvalidEmail);
    }

    // Under Telegram, `+` and letters is an invite hash (`+AbCdEf…`); `+` and digits a phone number.
    if hint == Some(Platform::Telegram) {
        if let Some(hash) = text.strip_prefix('+') {
            if hash.bytes().any(|b| b.is_ascii_alphabetic()) {
                return sites::telegram_invite(hash);
            }
        }
    }
    let numeric = !compact.is_empty() && compact.bytes().all(|b| b.is_ascii_digit());
    // `+`, `00` and separators say "phone number" whatever the hint; a plain number needs the hint.
    let phone_like = text.starts_with('+')
        || (numeric && compact.starts_with("00"))
        || (text
            .bytes()
            .all(|b| b.is_ascii_digit() || b" -().+/".contains(&b))
            && !numeric);
    if phone_like {
        return make(phone_platform(hint), Kind::Phone, contact::phone(text)?);
    }
    if numeric {
        return match hint {
            None | Some(Platform::Phone | Platform::Whatsapp | Platform::Mobilepay) => {
                make(phone_platform(hint), Kind::Phone, contact::phone(text)?)
            }
            Some(platform) => user_id(platform, &compact),
        };
    }

    let Some(platform) = hint else {
        return Err(if text.starts_with('@') || is_handle_shaped(text, None) {
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
    if platform == Platform::Youtube && sites::is_youtube_channel_id(&compact) {
        return make(platform, Kind::UserId, compact);
    }
    // Discord's old `name#1234` tags are gone: that is a rule to explain, not a display name.
    if platform == Platform::Discord && text.contains('#') && !text.contains(' ') {
        return Err(ParseError::InvalidHandle { platform });
    }
    if !is_handle_shaped(text, Some(platform)) {
        return Err(ParseError::DisplayName { platform });
    }
    make(platform, Kind::Username, format!("@{}", handle(platform, text)?))
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

/// A phone number entered under a platform whose accounts are phone numbers (WhatsApp, MobilePay,
/// Telegram) or that knows its users' numbers belongs to that platform; otherwise it is just a phone.
fn phone_platform(hint: Option<Platform>) -> Platform {
    match hint {
        None | Some(Platform::Email | Platform::Bitcoin | Platform::Ethereum | Platform::Bank) => {
            Platform::Phone
        }
        Some(platform) => platform,
    }
}

/// One word of handle characters, optionally after `@`. Spaces, emoji or (except on YouTube, whose
/// handles take any script) letters beyond ASCII mean a display name ("Sofie ❤️ Jensen").
fn is_handle_shaped(text: &str, platform: Option<Platform>) -> bool {
    let name = text.strip_prefix('@').unwrap_or(text);
    let allowed = |c: char| match platform {
        Some(Platform::Youtube) => is_youtube_handle_char(c),
        _ => c.is_ascii_alphanumeric() || "._-".contains(c),
    };
    !name.is_empty() && name.chars().all(allowed)
}
