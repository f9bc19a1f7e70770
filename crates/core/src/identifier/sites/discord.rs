//! Discord: user IDs (`discord.com/users/ID`), servers, channels and messages
//! (`discord.com/channels/GUILD/CHANNEL/MESSAGE`, `@me` for direct messages), invites
//! (`discord.gg/CODE`, `discord.com/invite/CODE`). `ptb.`/`canary.` and `discordapp.com` are the same.

use super::{digits, id, is_token, malformed, Found, Kind, Link};
use crate::identifier::handles::user_id;
use crate::identifier::Platform;

const P: Platform = Platform::Discord;

fn snowflake(s: &str) -> bool {
    digits(s, 17..=20)
}

pub(super) fn identify(link: &Link) -> Found {
    if link.is_on("discord.gg") {
        return invite(link.segment(0)?);
    }
    match link.segments.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["invite", code, ..] => invite(code),
        ["users", user, ..] => Some(user_id(P, user)),
        ["channels", guild, ref rest @ ..] if rest.len() <= 2 => {
            if !(snowflake(guild) || guild == "@me") || !rest.iter().all(|s| snowflake(s)) {
                return malformed(P);
            }
            let path = std::iter::once(guild)
                .chain(rest.iter().copied())
                .collect::<Vec<_>>()
                .join("/");
            // A server, a channel in it, or a message in that channel.
            let kind = match rest.len() {
                0 => Kind::Group,
                1 => Kind::Channel,
                _ => Kind::Message,
            };
            if kind == Kind::Group && guild == "@me" {
                return None;
            }
            id(P, kind, format!("https://discord.com/channels/{path}"))
        }
        _ => None,
    }
}

fn invite(code: &str) -> Found {
    if !is_token(code, 2..=64) {
        return malformed(P);
    }
    id(P, Kind::Invite, format!("https://discord.gg/{code}"))
}
