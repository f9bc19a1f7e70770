//! xHamster, on xhamster.com and its subdomains only (no mirror domain is confirmed): videos
//! (`/videos/title-words-xhID`), uploader pages (`/users/`, `/creators/`, `/channels/`), all rebuilt
//! on xhamster.com.

use super::{id, malformed, with_handle, Found, Kind, Link};
use crate::identifier::Platform;

const P: Platform = Platform::Xhamster;

pub(super) fn identify(link: &Link) -> Found {
    match (link.segment(0)?, link.segment(1)) {
        ("videos", Some(slug)) => {
            if !is_video_slug(slug) {
                return malformed(P);
            }
            id(P, Kind::ContentUrl, format!("https://xhamster.com/videos/{slug}"))
        }
        (kind @ ("users" | "creators" | "channels"), Some(name)) => with_handle(P, name, |name| {
            id(P, Kind::ProfileUrl, format!("https://xhamster.com/{kind}/{name}"))
        }),
        _ => None,
    }
}

/// The title words and, last, the video's ID (`xhABC12`, case-sensitive; older videos end in digits).
/// Titles can be long, so the slug may be too; it is kept whole, as the site shows it.
fn is_video_slug(slug: &str) -> bool {
    let id = slug.rsplit('-').next().unwrap_or(slug);
    let id_ok = id.len() >= 3
        && id.bytes().all(|b| b.is_ascii_alphanumeric())
        && (id.starts_with("xh") || id.bytes().all(|b| b.is_ascii_digit()));
    id_ok
        && slug.len() <= 300
        && slug
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}
