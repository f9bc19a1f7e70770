//! Instagram: profiles, posts (`/p/`), reels, IGTV, stories, `ig.me` message links, and
//! `instagram.com/share/…` links, which redirect and so are short links.

use super::{digits, id, is_code, malformed, short_link, username, with_handle, Found, Kind, Link};
use crate::identifier::Platform;

const P: Platform = Platform::Instagram;

/// First path segments that are pages of Instagram itself, not usernames.
const RESERVED: &[&str] = &[
    "p",
    "reel",
    "reels",
    "tv",
    "stories",
    "explore",
    "accounts",
    "direct",
    "about",
    "developer",
    "legal",
    "web",
    "tags",
    "share",
    "s",
    "ar",
    "locations",
    "challenge",
    "emails",
    "privacy",
];

pub(super) fn identify(link: &Link) -> Found {
    if link.is_on("ig.me") {
        // `ig.me/m/some_user` opens a chat with the account.
        return match (link.segment(0)?, link.segment(1)) {
            ("m", Some(user)) => username(P, user),
            (user, None) => username(P, user),
            _ => None,
        };
    }
    let first = link.segment(0)?;
    if first == "share" {
        return short_link(P, "www.instagram.com", &link.segments);
    }
    let post = |kind: &str, code: &str| {
        let kind = if kind == "reels" { "reel" } else { kind };
        if !is_code(code) {
            return malformed(P);
        }
        id(
            P,
            Kind::ContentUrl,
            format!("https://www.instagram.com/{kind}/{code}"),
        )
    };
    match (first, link.segment(1), link.segment(2)) {
        (kind @ ("p" | "reel" | "reels" | "tv"), Some(code), _) => post(kind, code),
        // Newer post links name the account first: `instagram.com/some_user/p/CODE/`.
        (user, Some(kind @ ("p" | "reel" | "tv")), Some(code)) if !RESERVED.contains(&user) => {
            post(kind, code)
        }
        ("stories", Some("highlights"), Some(item)) if digits(item, 5..=25) => id(
            P,
            Kind::ContentUrl,
            format!("https://www.instagram.com/stories/highlights/{item}"),
        ),
        ("stories", Some(user), Some(item)) if digits(item, 5..=25) => with_handle(P, user, |user| {
            id(
                P,
                Kind::ContentUrl,
                format!("https://www.instagram.com/stories/{user}/{item}"),
            )
        }),
        ("stories", Some(user), None) if user != "highlights" => username(P, user),
        // The profile, or one of its tabs (`/tagged/`, `/reels/`).
        (user, _, _) if !RESERVED.contains(&user) => username(P, user),
        _ => None,
    }
}
