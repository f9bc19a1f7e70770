//! Facebook and Messenger: numeric profile IDs (`profile.php?id=`, `/people/Name/ID`), vanity names,
//! groups, posts, videos, photos, events, Marketplace items; `m.me` and `messenger.com` chats;
//! `fb.me`, `fb.watch` and `facebook.com/share/…` redirect links (short links).

use super::{digits, id, is_code, is_token, malformed, short_link, username, with_handle, Found, Kind, Link};
use crate::identifier::{handles, Platform};

const P: Platform = Platform::Facebook;

/// First path segments that are Facebook's own pages, never a profile.
const RESERVED: &[&str] = &[
    "home.php",
    "login",
    "login.php",
    "help",
    "settings",
    "search",
    "hashtag",
    "marketplace",
    "gaming",
    "messages",
    "notifications",
    "friends",
    "privacy",
    "policies",
    "policy.php",
    "sharer",
    "sharer.php",
    "dialog",
    "plugins",
    "l.php",
    "business",
    "ads",
    "pages",
    "watch",
    "reel",
    "events",
    "groups",
    "share",
    "people",
    "profile.php",
    "photo",
    "photo.php",
    "permalink.php",
    "story.php",
];

/// Profile tabs: `facebook.com/some.name/about` is still the account.
const PROFILE_TABS: &[&str] = &[
    "about",
    "photos",
    "friends",
    "followers",
    "following",
    "reels",
    "videos",
];

pub(super) fn identify(link: &Link) -> Found {
    for host in ["fb.me", "fb.watch"] {
        if link.is_on(host) {
            return short_link(P, host, &link.segments);
        }
    }
    // The link shim (`l.facebook.com/l.php?u=…`) points away from Facebook: never read what it wraps.
    if link.is_on("l.facebook.com") || link.is_on("lm.facebook.com") {
        return None;
    }
    if link.is_on("m.me") || link.is_on("messenger.com") {
        return match (link.segment(0)?, link.segment(1)) {
            // `m.me/j/CODE`: an invitation to a group chat.
            ("j", Some(code)) if is_code(code) => id(P, Kind::Invite, format!("https://m.me/j/{code}")),
            ("t", Some(name)) => profile(name),
            (name, None) => profile(name),
            _ => None,
        };
    }
    let first = link.segment(0)?;
    match first {
        "share" => short_link(P, "www.facebook.com", &link.segments),
        "profile.php" => user_id(link.param("id")?),
        "people" => user_id(link.segment(2)?),
        "groups" => group(link),
        "permalink.php" | "story.php" => {
            let story = link.param("story_fbid")?;
            let owner = link.param("id")?;
            if !is_token(story, 1..=100) || !digits(owner, 1..=20) {
                return malformed(P);
            }
            id(
                P,
                Kind::ContentUrl,
                format!("https://www.facebook.com/permalink.php?story_fbid={story}&id={owner}"),
            )
        }
        "photo.php" | "photo" => content_by_query(link, "fbid", "photo.php"),
        "watch" => content_by_query(link, "v", "watch"),
        "reel" | "events" => item(first, link.segment(1)?),
        "marketplace" if link.segment(1) == Some("item") => item("marketplace/item", link.segment(2)?),
        _ if RESERVED.contains(&first) => None,
        _ => match (link.segment(1), link.segment(2)) {
            (None, _) => profile(first),
            (Some(tab), None) if PROFILE_TABS.contains(&tab) => profile(first),
            (Some(kind @ ("posts" | "videos" | "photos")), Some(post)) => {
                if !is_code(post) {
                    return malformed(P);
                }
                let build = |owner: String| {
                    id(
                        P,
                        Kind::ContentUrl,
                        format!("https://www.facebook.com/{owner}/{kind}/{post}"),
                    )
                };
                if digits(first, 1..=20) {
                    build(first.to_string())
                } else {
                    with_handle(P, first, build)
                }
            }
            _ => None,
        },
    }
}

/// A vanity name or, if all digits, a numeric profile ID.
fn profile(name: &str) -> Found {
    if name.bytes().all(|b| b.is_ascii_digit()) {
        user_id(name)
    } else {
        username(P, name)
    }
}

fn user_id(value: &str) -> Found {
    Some(handles::user_id(P, value))
}

fn group(link: &Link) -> Found {
    let group = link.segment(1)?.to_ascii_lowercase();
    let group_ok = (1..=100).contains(&group.len())
        && group
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_' || b == b'-');
    if !group_ok {
        return malformed(P);
    }
    match (link.segment(2), link.segment(3)) {
        (Some("posts" | "permalink"), Some(post)) if is_code(post) => id(
            P,
            Kind::ContentUrl,
            format!("https://www.facebook.com/groups/{group}/posts/{post}"),
        ),
        _ => id(P, Kind::Group, format!("https://www.facebook.com/groups/{group}")),
    }
}

/// Items addressed by a query parameter (`photo.php?fbid=`, `watch?v=`).
fn content_by_query(link: &Link, key: &str, page: &str) -> Found {
    let value = link.param(key)?;
    if !is_token(value, 1..=100) {
        return malformed(P);
    }
    id(
        P,
        Kind::ContentUrl,
        format!("https://www.facebook.com/{page}?{key}={value}"),
    )
}

/// Items addressed by a path (`/reel/ID`, `/events/ID`).
fn item(path: &str, value: &str) -> Found {
    if !is_token(value, 1..=100) {
        return malformed(P);
    }
    id(
        P,
        Kind::ContentUrl,
        format!("https://www.facebook.com/{path}/{value}"),
    )
}
