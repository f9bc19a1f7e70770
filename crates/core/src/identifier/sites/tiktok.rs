//! TikTok: `tiktok.com/@user`, `…/@user/video/ID` (and `/photo/ID`), short links on `vm.`/`vt.` and
//! `tiktok.com/t/…`.

use super::{digits, id, malformed, short_link, username, with_handle, Found, Kind, Link};
use crate::identifier::Platform;

const P: Platform = Platform::Tiktok;

pub(super) fn identify(link: &Link) -> Found {
    for host in ["vm.tiktok.com", "vt.tiktok.com"] {
        if link.is_on(host) {
            return short_link(P, host, &link.segments);
        }
    }
    if link.segment(0) == Some("t") {
        return short_link(P, "www.tiktok.com", &link.segments);
    }
    let user = link.segment(0)?.strip_prefix('@')?;
    match (link.segment(1), link.segment(2)) {
        (Some(kind @ ("video" | "photo")), item) => match item {
            Some(item) if digits(item, 10..=25) => with_handle(P, user, |user| {
                id(
                    P,
                    Kind::ContentUrl,
                    format!("https://www.tiktok.com/@{user}/{kind}/{item}"),
                )
            }),
            _ => malformed(P),
        },
        // The profile itself, or one of its tabs (`/live`, `/liked`): the account.
        _ => username(P, user),
    }
}
