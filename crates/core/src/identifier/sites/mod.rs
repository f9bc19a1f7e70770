//! Platform URLs → identifiers. A platform is recognised only by its real domains (and their
//! subdomains); everything a profile or item URL carries besides what identifies it (tracking
//! parameters, trailing slashes, `www.`/`m.`/country hosts) is dropped, and the value is rebuilt on the
//! platform's canonical host from checked parts only, so the same item always gives the same value and
//! nothing pasted travels into a value unchecked.

mod discord;
mod facebook;
mod instagram;
mod pornhub;
mod snapchat;
mod telegram;
mod tiktok;
mod whatsapp;
mod x;
mod xhamster;
mod youtube;

pub use telegram::invite_from_text as telegram_invite;
pub use youtube::is_channel_id as is_youtube_channel_id;

use super::handles::handle;
use super::url::{is_on, Link};
use super::{Identifier, IdentifierKind as Kind, ParseError, Platform};

/// The registrable domains of each platform. Their subdomains are the platform's own; anything else
/// (`tiktok.com.evil.example`, `evil-tiktok.com`, `tiktok.co`, `xn--…`) is an unknown site.
const DOMAINS: &[(&str, Platform)] = &[
    ("tiktok.com", Platform::Tiktok),
    ("instagram.com", Platform::Instagram),
    ("instagr.am", Platform::Instagram),
    ("ig.me", Platform::Instagram),
    ("facebook.com", Platform::Facebook),
    ("fb.com", Platform::Facebook),
    ("fb.me", Platform::Facebook),
    ("fb.watch", Platform::Facebook),
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
    ("youtube-nocookie.com", Platform::Youtube),
    ("wa.me", Platform::Whatsapp),
    ("whatsapp.com", Platform::Whatsapp),
    ("pornhub.com", Platform::Pornhub),
    ("pornhub.org", Platform::Pornhub),
    // Only xhamster.com: no public source confirms any mirror domain as xHamster's (facts/
    // corrections-2026-12.md), and a look-alike taken for the real site would send a request astray.
    // An address on another domain is kept under items seen, exactly as seen.
    ("xhamster.com", Platform::Xhamster),
];

/// The platform a (lower-case) host belongs to, if any.
pub fn platform_of_host(host: &str) -> Option<Platform> {
    DOMAINS
        .iter()
        .find(|(domain, _)| is_on(host, domain))
        .map(|(_, p)| *p)
}

/// Does the host carry a platform's domain inside it, label for label (`tiktok.com.evil.example`)?
/// Such a name is a look-alike site, never a handle.
pub fn names_a_platform_domain(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    DOMAINS.iter().any(|(domain, _)| {
        let wanted = domain.split('.').count();
        labels.windows(wanted).any(|window| window.join(".") == *domain)
    })
}

pub fn platform_of(link: &Link) -> Option<Platform> {
    platform_of_host(&link.host)
}

pub fn identify(platform: Platform, link: &Link) -> Result<Identifier, ParseError> {
    let found = match platform {
        Platform::Tiktok => tiktok::identify(link),
        Platform::Instagram => instagram::identify(link),
        Platform::Facebook => facebook::identify(link),
        Platform::Snapchat => snapchat::identify(link),
        Platform::X => x::identify(link),
        Platform::Telegram => telegram::identify(link),
        Platform::Discord => discord::identify(link),
        Platform::Youtube => youtube::identify(link),
        Platform::Whatsapp => whatsapp::identify(link),
        Platform::Pornhub => pornhub::identify(link),
        Platform::Xhamster => xhamster::identify(link),
        _ => None,
    };
    found.unwrap_or(Err(ParseError::UnsupportedUrl { platform }))
}

/// What a platform rule found: `None` when the URL is not a kind of page the rule knows (reported as
/// [`ParseError::UnsupportedUrl`]), `Some(Err)` when it is one but its identifier is invalid.
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

/// A known kind of page whose identifier is not valid: cut short, altered, or not an ID at all.
fn malformed(platform: Platform) -> Found {
    Some(Err(ParseError::UnsupportedUrl { platform }))
}

/// Builds from the normalised handle, or reports why `name` is not one.
fn with_handle(platform: Platform, name: &str, build: impl FnOnce(String) -> Found) -> Found {
    match handle(platform, name) {
        Ok(name) => build(name),
        Err(e) => Some(Err(e)),
    }
}

fn digits(s: &str, len: std::ops::RangeInclusive<usize>) -> bool {
    len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// Opaque codes (post shortcodes, invite hashes, short-link paths): letters, digits, `-` and `_`.
/// Case-sensitive, so kept as they are.
fn is_token(s: &str, len: std::ops::RangeInclusive<usize>) -> bool {
    len.contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Post, reel and invite codes as the platforms make them.
fn is_code(s: &str) -> bool {
    is_token(s, 4..=64)
}

/// Short links cannot be resolved offline: kept as they are (path case included) on the host they
/// belong to, and resolved at the SPOC. Only code-like path segments are accepted.
fn short_link(platform: Platform, host: &str, segments: &[String]) -> Found {
    if segments.is_empty() || segments.len() > 4 {
        return None;
    }
    if !segments.iter().all(|s| is_token(s, 1..=64)) {
        return malformed(platform);
    }
    id(
        platform,
        Kind::ShortLink,
        format!("https://{host}/{}", segments.join("/")),
    )
}
