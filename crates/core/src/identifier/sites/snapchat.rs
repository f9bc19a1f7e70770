//! Snapchat: `snapchat.com/add/user`, `snapchat.com/@user`, public stories on `story.snapchat.com`,
//! Spotlight items, and short links (`snapchat.com/t/…`, `t.snapchat.com/…`).

use super::{id, is_token, malformed, short_link, username, Found, Kind, Link};
use crate::identifier::Platform;

const P: Platform = Platform::Snapchat;

pub(super) fn identify(link: &Link) -> Found {
    if link.is_on("t.snapchat.com") {
        return short_link(P, "t.snapchat.com", &link.segments);
    }
    let first = link.segment(0)?;
    if let Some(user) = first.strip_prefix('@') {
        return username(P, user);
    }
    match (first, link.segment(1)) {
        ("t", Some(_)) => short_link(P, "www.snapchat.com", &link.segments),
        ("add" | "s", Some(user)) => username(P, user),
        ("spotlight", Some(item)) => {
            if !is_token(item, 4..=200) {
                return malformed(P);
            }
            id(
                P,
                Kind::ContentUrl,
                format!("https://www.snapchat.com/spotlight/{item}"),
            )
        }
        _ => None,
    }
}
