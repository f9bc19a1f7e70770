//! X (Twitter): handles, numeric user IDs (`/i/user/ID`, `intent/user?user_id=`), posts
//! (`/handle/status/ID`, `/i/status/ID`), communities, and `t.co` short links.

use super::{digits, id, malformed, short_link, username, with_handle, Found, Kind, Link};
use crate::identifier::handles::user_id;
use crate::identifier::Platform;

const P: Platform = Platform::X;

/// First path segments that are X's own pages; all of them are valid handle shapes.
const RESERVED: &[&str] = &[
    "home",
    "search",
    "explore",
    "settings",
    "messages",
    "notifications",
    "hashtag",
    "share",
    "i",
    "intent",
    "login",
    "logout",
    "signup",
    "compose",
    "tos",
    "privacy",
    "account",
    "download",
    "jobs",
];

pub(super) fn identify(link: &Link) -> Found {
    if link.is_on("t.co") {
        return short_link(P, "t.co", &link.segments);
    }
    let first = link.segment(0)?;
    match (first, link.segment(1), link.segment(2)) {
        ("i", Some("user"), Some(user)) => Some(user_id(P, user)),
        ("i", Some("status"), Some(post)) => post_url("i", post),
        ("i", Some("web"), Some("status")) => post_url("i", link.segment(3)?),
        ("i", Some("communities"), Some(community)) if digits(community, 1..=25) => {
            id(P, Kind::Group, format!("https://x.com/i/communities/{community}"))
        }
        ("intent", Some("user" | "follow"), None) => {
            if let Some(user) = link.param("user_id") {
                Some(user_id(P, user))
            } else {
                username(P, link.param("screen_name")?)
            }
        }
        (_, _, _) if RESERVED.contains(&first) => None,
        (user, Some("status" | "statuses"), Some(post)) => with_handle(P, user, |user| post_url(&user, post)),
        // The profile, or one of its tabs (`/with_replies`, `/media`, `/likes`).
        (user, _, _) => username(P, user),
    }
}

fn post_url(user: &str, post: &str) -> Found {
    if !digits(post, 1..=25) {
        return malformed(P);
    }
    id(P, Kind::ContentUrl, format!("https://x.com/{user}/status/{post}"))
}
