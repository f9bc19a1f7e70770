//! Telegram: `t.me/user` (also `telegram.me`, `telegram.dog`, `user.t.me`), messages in public
//! (`t.me/channel/123`) and private channels (`t.me/c/ID/123`), invites (`t.me/+HASH`,
//! `t.me/joinchat/HASH`, folder links `t.me/addlist/HASH`) and phone links (`t.me/+4512345678`).

use super::{digits, id, is_token, malformed, username, with_handle, Found, Kind, Link};
use crate::identifier::{contact, Identifier, ParseError, Platform};

const P: Platform = Platform::Telegram;

/// Telegram's own pages that fit the username rule (which has no minimum length: collectible
/// usernames may be short).
const RESERVED: &[&str] = &[
    "c",
    "s",
    "iv",
    "joinchat",
    "addstickers",
    "addemoji",
    "addtheme",
    "addlist",
    "setlanguage",
    "share",
    "proxy",
    "socks",
    "login",
    "boost",
    "confirmphone",
    "contact",
    "invoice",
];

pub(super) fn identify(link: &Link) -> Found {
    // `some_user.t.me` is the same as `t.me/some_user`.
    let subdomain = ["t.me", "telegram.me", "telegram.dog"].iter().find_map(|domain| {
        let name = link.host.strip_suffix(domain)?.strip_suffix('.')?;
        (name != "www").then_some(name)
    });
    if let Some(name) = subdomain {
        return in_public_chat(name, &link.segments);
    }
    let first = link.segment(0)?;
    if let Some(hash) = first.strip_prefix('+') {
        return if hash.bytes().all(|b| b.is_ascii_digit()) {
            Some(contact::phone(first).map(|value| Identifier {
                platform: P,
                kind: Kind::Phone,
                value,
            }))
        } else {
            invite(hash)
        };
    }
    match (first, link.segment(1)) {
        ("joinchat", Some(hash)) => invite(hash),
        ("addlist", Some(hash)) => {
            if !is_token(hash, 2..=64) {
                return malformed(P);
            }
            id(P, Kind::Invite, format!("https://t.me/addlist/{hash}"))
        }
        ("c", Some(channel)) => private_channel(channel, &link.segments[2..]),
        // `t.me/s/channel` is the web preview of the channel.
        ("s", Some(name)) => in_public_chat(name, &link.segments[2..]),
        (name, _) if RESERVED.contains(&name) => None,
        (name, _) => in_public_chat(name, &link.segments[1..]),
    }
}

/// `+HASH` typed under Telegram: the invite it names.
pub fn invite_from_text(hash: &str) -> Result<Identifier, ParseError> {
    match invite(hash) {
        Some(Ok(found)) => Ok(found),
        _ => Err(ParseError::Unrecognised),
    }
}

fn invite(hash: &str) -> Found {
    if !is_token(hash, 2..=64) {
        return malformed(P);
    }
    id(P, Kind::Invite, format!("https://t.me/+{hash}"))
}

/// A public user, group or channel, or a message in it (`/123`, or `/topic/123` in a forum group).
fn in_public_chat(name: &str, rest: &[String]) -> Found {
    if rest.is_empty() {
        return username(P, name);
    }
    if rest.len() > 2 || !rest.iter().all(|n| digits(n, 1..=12)) {
        return malformed(P);
    }
    with_handle(P, name, |name| {
        id(
            P,
            Kind::Message,
            format!("https://t.me/{name}/{}", rest.join("/")),
        )
    })
}

/// `t.me/c/CHANNEL` (a private channel), or a message in it (`/123`, `/topic/123`).
fn private_channel(channel: &str, rest: &[String]) -> Found {
    let numbers_ok = rest.len() <= 2 && rest.iter().all(|n| digits(n, 1..=12));
    if !digits(channel, 5..=20) || !numbers_ok {
        return malformed(P);
    }
    if rest.is_empty() {
        return id(P, Kind::Channel, format!("https://t.me/c/{channel}"));
    }
    id(
        P,
        Kind::Message,
        format!("https://t.me/c/{channel}/{}", rest.join("/")),
    )
}
