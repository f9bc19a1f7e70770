//! YouTube: `@handle`s, channel IDs (`/channel/UC…`), legacy `/user/` and `/c/` names (kept as
//! profile URLs: they are not handles), and videos in every form (`watch?v=`, `youtu.be/`, `/shorts/`,
//! `/live/`, `/embed/`), which all normalise to the one `watch?v=` URL of the video.

use super::{id, is_token, malformed, username, Found, Kind, Link};
use crate::identifier::Platform;

const P: Platform = Platform::Youtube;

/// `UC` and 22 more characters; case-sensitive.
pub fn is_channel_id(s: &str) -> bool {
    s.len() == 24 && s.starts_with("UC") && is_token(s, 24..=24)
}

pub(super) fn identify(link: &Link) -> Found {
    if link.is_on("youtu.be") {
        return video(link.segment(0)?);
    }
    let first = link.segment(0)?;
    if first.starts_with('@') {
        // The channel page or one of its tabs (`/videos`, `/shorts`).
        return username(P, first);
    }
    match (first, link.segment(1)) {
        ("watch", _) => video(link.param("v")?),
        ("shorts" | "live" | "embed" | "v", Some(v)) => video(v),
        ("channel", Some(channel)) => {
            if !is_channel_id(channel) {
                return malformed(P);
            }
            id(P, Kind::UserId, channel.into())
        }
        (kind @ ("c" | "user"), Some(name)) => {
            if !is_token(name, 1..=100) {
                return malformed(P);
            }
            id(
                P,
                Kind::ProfileUrl,
                format!("https://www.youtube.com/{kind}/{}", name.to_ascii_lowercase()),
            )
        }
        _ => None,
    }
}

/// Video IDs are 11 characters of letters, digits, `-` and `_`; case-sensitive.
fn video(v: &str) -> Found {
    if !is_token(v, 11..=11) {
        return malformed(P);
    }
    id(
        P,
        Kind::ContentUrl,
        format!("https://www.youtube.com/watch?v={v}"),
    )
}
