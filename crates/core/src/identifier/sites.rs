//! Platform URLs → identifiers. A platform is recognised only by its real domains (and their
//! subdomains); everything a profile or item URL carries besides what identifies it (tracking
//! parameters, trailing slashes, `www.`/`m.`/country hosts) is dropped, and the value is rebuilt on the
//! platform's canonical host so the same item always gives the same value.

use super::handles::handle;
use super::url::Link;
use super::{contact, Identifier, IdentifierKind as Kind, ParseError, Platform};

/// The platform a host belongs to, if any.
pub fn platform_of(link: &Link) -> Option<Platform> {
    const DOMAINS: &[(&str, Platform)] = &[
        ("tiktok.com", Platform::Tiktok),
        ("instagram.com", Platform::Instagram),
        ("instagr.am", Platform::Instagram),
        ("facebook.com", Platform::Facebook),
        ("fb.com", Platform::Facebook),
        ("fb.me", Platform::Facebook),
        ("m.me", Platform::Facebook),
        ("messenger.com", Platform::Facebook),
        ("snapchat.com", Platform::Snapchat),
        ("x.com", Platform::X),
        ("twitter.com", Platform::X),
        ("t.co", Platform::X),
        ("t.me", Platform::Telegram),
        ("telegram.me", Platform::Telegram),
        ("telegram.dog", Platform::Telegram),
        ("discord.com", Platform::Discord),
        ("discordapp.com", Platform::Discord),
        ("discord.gg", Platform::Discord),
        ("youtube.com", Platform::Youtube),
        ("youtu.be", Platform::Youtube),
        ("wa.me", Platform::Whatsapp),
        ("whatsapp.com", Platform::Whatsapp),
        ("pornhub.com", Platform::Pornhub),
        ("pornhub.org", Platform::Pornhub),
        // xHamster runs mirror domains; these are the ones seen. Others need a person at the SPOC.
        ("xhamster.com", Platform::Xhamster),
        ("xhamster.desi", Platform::Xhamster),
        ("xhamster2.com", Platform::Xhamster),
        ("xhamster3.com", Platform::Xhamster),
    ];
    DOMAINS
        .iter()
        .find(|(domain, _)| link.is_on(domain))
        .map(|(_, p)| *p)
}

pub fn identify(platform: Platform, link: &Link) -> Result<Identifier, ParseError> {
    let unsupported = ParseError::UnsupportedUrl { platform };
    let found = match platform {
        Platform::Tiktok => tiktok(link),
        Platform::Instagram => instagram(link),
        Platform::Facebook => facebook(link),
        Platform::Snapchat => snapchat(link),
        Platform::X => x(link),
        Platform::Telegram => telegram(link),
        Platform::Discord => discord(link),
        Platform::Youtube => youtube(link),
        Platform::Whatsapp => whatsapp(link),
        Platform::Pornhub => pornhub(link),
        Platform::Xhamster => xhamster(link),
        _ => None,
    };
    found.unwrap_or(Err(unsupported))
}

type Found = Option<Result<Identifier, ParseError>>;

fn id(platform: Platform, kind: Kind, value: String) -> Found {
    Some(Ok(Identifier {
        platform,
        kind,
        value,
    }))
}

fn username(platform: Platform, name: &str) -> Found {
    Some(handle(platform, name).map(|name| Identifier {
        platform,
        kind: Kind::Username,
        value: format!("@{name}"),
    }))
}

fn digits(s: &str, len: std::ops::RangeInclusive<usize>) -> bool {
    len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// Short links cannot be resolved offline: kept verbatim (host lower-cased), resolved at the SPOC.
fn short_link(platform: Platform, link: &Link) -> Found {
    let path = link.segments.join("/");
    id(platform, Kind::ShortLink, format!("https://{}/{path}", link.host))
}

fn tiktok(link: &Link) -> Found {
    const P: Platform = Platform::Tiktok;
    if link.is_on("vm.tiktok.com") || link.is_on("vt.tiktok.com") || link.segment(0) == Some("t") {
        return short_link(P, link);
    }
    let user = link.segment(0)?.strip_prefix('@')?;
    match (link.segment(1), link.segment(2)) {
        (None, _) => username(P, user),
        (Some(kind @ ("video" | "photo")), Some(item)) if digits(item, 10..=25) => {
            let user = handle(P, user).ok()?;
            id(
                P,
                Kind::ContentUrl,
                format!("https://www.tiktok.com/@{user}/{kind}/{item}"),
            )
        }
        _ => None,
    }
}

fn instagram(link: &Link) -> Found {
    const P: Platform = Platform::Instagram;
    const RESERVED: &[&str] = &[
        "explore",
        "accounts",
        "direct",
        "about",
        "developer",
        "legal",
        "web",
        "tags",
    ];
    match (link.segment(0)?, link.segment(1), link.segment(2)) {
        (kind @ ("p" | "reel" | "reels" | "tv"), Some(code), _) if is_code(code) => {
            let kind = if kind == "reels" { "reel" } else { kind };
            id(
                P,
                Kind::ContentUrl,
                format!("https://www.instagram.com/{kind}/{code}"),
            )
        }
        ("stories", Some(user), Some(item)) if digits(item, 5..=25) => {
            let user = handle(P, user).ok()?;
            id(
                P,
                Kind::ContentUrl,
                format!("https://www.instagram.com/stories/{user}/{item}"),
            )
        }
        (user, None, _) if !RESERVED.contains(&user) => username(P, user),
        _ => None,
    }
}

/// Post, reel and invite codes: letters, digits, `-` and `_`; case-sensitive.
fn is_code(s: &str) -> bool {
    (4..=64).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn facebook(link: &Link) -> Found {
    const P: Platform = Platform::Facebook;
    if link.is_on("fb.me") || link.segment(0) == Some("share") {
        return short_link(P, link);
    }
    if link.is_on("m.me") || link.is_on("messenger.com") {
        let name = if link.segment(0) == Some("t") {
            link.segment(1)?
        } else {
            link.segment(0)?
        };
        return if digits(name, 5..=20) {
            id(P, Kind::UserId, name.into())
        } else {
            username(P, name)
        };
    }
    let first = link.segment(0)?;
    match first {
        "profile.php" => link
            .param("id")
            .filter(|v| digits(v, 5..=20))
            .and_then(|v| id(P, Kind::UserId, v.into())),
        "people" => link
            .segment(2)
            .filter(|v| digits(v, 5..=20))
            .and_then(|v| id(P, Kind::UserId, v.into())),
        "groups" => {
            let group = link.segment(1)?.to_ascii_lowercase();
            let ok = group
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_' || b == b'-');
            ok.then(|| id(P, Kind::Group, format!("https://www.facebook.com/groups/{group}")))
                .flatten()
        }
        "permalink.php" | "story.php" | "photo.php" | "photo" | "watch" => {
            let keep = ["story_fbid", "id", "fbid", "v"];
            let query: Vec<String> = keep
                .iter()
                .filter_map(|k| link.param(k).map(|v| format!("{k}={v}")))
                .collect();
            if query.is_empty() {
                return None;
            }
            id(
                P,
                Kind::ContentUrl,
                format!("https://www.facebook.com/{first}?{}", query.join("&")),
            )
        }
        _ => match (link.segment(1), link.segment(2)) {
            (None, _) if digits(first, 5..=20) => id(P, Kind::UserId, first.into()),
            (None, _) => username(P, first),
            (Some(kind @ ("posts" | "videos" | "photos" | "reel")), Some(item)) if is_code(item) => {
                let owner = if digits(first, 5..=20) {
                    first.to_string()
                } else {
                    handle(P, first).ok()?
                };
                id(
                    P,
                    Kind::ContentUrl,
                    format!("https://www.facebook.com/{owner}/{kind}/{item}"),
                )
            }
            _ => None,
        },
    }
}

fn snapchat(link: &Link) -> Found {
    const P: Platform = Platform::Snapchat;
    match (link.segment(0)?, link.segment(1)) {
        ("t", Some(_)) => short_link(P, link),
        ("add", Some(user)) => username(P, user),
        _ => None,
    }
}

fn x(link: &Link) -> Found {
    const P: Platform = Platform::X;
    const RESERVED: &[&str] = &[
        "home",
        "search",
        "explore",
        "settings",
        "messages",
        "notifications",
        "hashtag",
        "share",
    ];
    if link.is_on("t.co") {
        return short_link(P, link);
    }
    let first = link.segment(0)?;
    match (first, link.segment(1), link.segment(2)) {
        ("i", Some("user"), Some(user_id)) if digits(user_id, 1..=20) => id(P, Kind::UserId, user_id.into()),
        ("intent", Some("user"), None) => link
            .param("user_id")
            .filter(|v| digits(v, 1..=20))
            .and_then(|v| id(P, Kind::UserId, v.into())),
        (user, Some("status"), Some(post)) if digits(post, 5..=25) => {
            let user = handle(P, user).ok()?;
            id(P, Kind::ContentUrl, format!("https://x.com/{user}/status/{post}"))
        }
        (user, None, _) if !RESERVED.contains(&user) => username(P, user),
        _ => None,
    }
}

fn telegram(link: &Link) -> Found {
    const P: Platform = Platform::Telegram;
    let first = link.segment(0)?;
    if let Some(hash) = first.strip_prefix('+').or(if first == "joinchat" {
        link.segment(1)
    } else {
        None
    }) {
        return is_code(hash)
            .then(|| id(P, Kind::Invite, format!("https://t.me/+{hash}")))
            .flatten();
    }
    match (first, link.segment(1), link.segment(2)) {
        ("c", Some(channel), Some(message)) if digits(channel, 5..=20) && digits(message, 1..=12) => {
            id(P, Kind::Message, format!("https://t.me/c/{channel}/{message}"))
        }
        ("s", Some(name), None) => username(P, name),
        (name, Some(message), None) if digits(message, 1..=12) => {
            let name = handle(P, name).ok()?;
            id(P, Kind::Message, format!("https://t.me/{name}/{message}"))
        }
        (name, None, _) => username(P, name),
        _ => None,
    }
}

fn discord(link: &Link) -> Found {
    const P: Platform = Platform::Discord;
    let snowflake = |s: &str| digits(s, 17..=20);
    if link.is_on("discord.gg") {
        let code = link.segment(0)?;
        return is_code(code)
            .then(|| id(P, Kind::Invite, format!("https://discord.gg/{code}")))
            .flatten();
    }
    match (
        link.segment(0)?,
        link.segment(1),
        link.segment(2),
        link.segment(3),
    ) {
        ("invite", Some(code), None, None) if is_code(code) => {
            id(P, Kind::Invite, format!("https://discord.gg/{code}"))
        }
        ("users", Some(user), None, None) if snowflake(user) => id(P, Kind::UserId, user.into()),
        ("channels", Some(guild), Some(channel), None)
            if snowflake(channel) && (snowflake(guild) || guild == "@me") =>
        {
            id(
                P,
                Kind::Channel,
                format!("https://discord.com/channels/{guild}/{channel}"),
            )
        }
        ("channels", Some(guild), Some(channel), Some(message))
            if snowflake(channel) && snowflake(message) && (snowflake(guild) || guild == "@me") =>
        {
            id(
                P,
                Kind::Message,
                format!("https://discord.com/channels/{guild}/{channel}/{message}"),
            )
        }
        _ => None,
    }
}

fn youtube(link: &Link) -> Found {
    const P: Platform = Platform::Youtube;
    let video_id = |v: &str| v.len() == 11 && is_code(v);
    let video = |v: &str| {
        id(
            P,
            Kind::ContentUrl,
            format!("https://www.youtube.com/watch?v={v}"),
        )
    };
    if link.is_on("youtu.be") {
        return link.segment(0).filter(|v| video_id(v)).and_then(video);
    }
    let first = link.segment(0)?;
    match (first, link.segment(1)) {
        ("watch", None) => link.param("v").filter(|v| video_id(v)).and_then(video),
        ("shorts" | "live" | "embed", Some(v)) if video_id(v) => video(v),
        ("channel", Some(channel))
            if channel.len() == 24 && channel.starts_with("UC") && is_code(channel) =>
        {
            id(P, Kind::UserId, channel.into())
        }
        (kind @ ("c" | "user"), Some(name)) if is_code(name) => id(
            P,
            Kind::ProfileUrl,
            format!("https://www.youtube.com/{kind}/{}", name.to_ascii_lowercase()),
        ),
        (name, _) if name.starts_with('@') => username(P, name),
        _ => None,
    }
}

fn whatsapp(link: &Link) -> Found {
    const P: Platform = Platform::Whatsapp;
    let phone = |text: &str| {
        Some(contact::phone(text).map(|value| Identifier {
            platform: P,
            kind: Kind::Phone,
            value,
        }))
    };
    if link.is_on("wa.me") {
        return phone(link.segment(0)?);
    }
    if link.is_on("chat.whatsapp.com") {
        let code = link.segment(0)?;
        return is_code(code)
            .then(|| id(P, Kind::Invite, format!("https://chat.whatsapp.com/{code}")))
            .flatten();
    }
    match link.segment(0)? {
        "send" => phone(link.param("phone")?),
        _ => None,
    }
}

fn pornhub(link: &Link) -> Found {
    const P: Platform = Platform::Pornhub;
    match (link.segment(0)?, link.segment(1)) {
        ("view_video.php", None) => {
            let key = link.param("viewkey").filter(|k| is_code(k))?;
            id(
                P,
                Kind::ContentUrl,
                format!("https://www.pornhub.com/view_video.php?viewkey={key}"),
            )
        }
        (kind @ ("model" | "users" | "channels" | "pornstar"), Some(name)) => {
            let name = handle(P, name).ok()?;
            id(
                P,
                Kind::ProfileUrl,
                format!("https://www.pornhub.com/{kind}/{name}"),
            )
        }
        _ => None,
    }
}

fn xhamster(link: &Link) -> Found {
    const P: Platform = Platform::Xhamster;
    match (link.segment(0)?, link.segment(1)) {
        // The slug ends in the video's id (`…-xhABC12`), which is case-sensitive.
        ("videos", Some(slug)) if is_code(slug) => {
            id(P, Kind::ContentUrl, format!("https://xhamster.com/videos/{slug}"))
        }
        (kind @ ("users" | "creators"), Some(name)) => {
            let name = handle(P, name).ok()?;
            id(P, Kind::ProfileUrl, format!("https://xhamster.com/{kind}/{name}"))
        }
        _ => None,
    }
}
