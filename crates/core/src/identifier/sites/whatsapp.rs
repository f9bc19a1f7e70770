//! WhatsApp: click-to-chat numbers (`wa.me/NUMBER`, `api.whatsapp.com/send?phone=NUMBER`), always
//! international and without the `+`; group invites (`chat.whatsapp.com/CODE`); channels; and
//! business QR links (`wa.me/message/…`, `wa.me/qr/…`), which redirect and so are short links.

use super::{id, is_token, malformed, short_link, Found, Kind, Link};
use crate::identifier::{contact, Identifier, ParseError, Platform};

const P: Platform = Platform::Whatsapp;

pub(super) fn identify(link: &Link) -> Found {
    if link.is_on("wa.me") {
        return match (link.segment(0)?, link.segment(1)) {
            ("message" | "qr", Some(_)) => short_link(P, "wa.me", &link.segments),
            (number, None) => phone(number),
            _ => None,
        };
    }
    if link.is_on("chat.whatsapp.com") {
        let code = match (link.segment(0)?, link.segment(1)) {
            ("invite", Some(code)) => code,
            (code, _) => code,
        };
        if !is_token(code, 6..=64) {
            return malformed(P);
        }
        return id(P, Kind::Invite, format!("https://chat.whatsapp.com/{code}"));
    }
    match (link.segment(0), link.segment(1)) {
        (None | Some("send"), None) => phone(link.param("phone")?),
        (Some("channel"), Some(channel)) => {
            if !is_token(channel, 6..=64) {
                return malformed(P);
            }
            id(
                P,
                Kind::Channel,
                format!("https://www.whatsapp.com/channel/{channel}"),
            )
        }
        _ => None,
    }
}

/// The number in a click-to-chat link is international without the `+` (`4512345678`,
/// `2250701234567`): a bare Danish 8 digits is not how these links are made.
fn phone(number: &str) -> Found {
    let digits = number.strip_prefix('+').unwrap_or(number);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Err(ParseError::InvalidPhone));
    }
    Some(contact::phone(&format!("+{digits}")).map(|value| Identifier {
        platform: P,
        kind: Kind::Phone,
        value,
    }))
}
