//! Pornhub: videos (`view_video.php?viewkey=`, `/embed/KEY`) on any country host (`de.pornhub.com`),
//! and uploader pages (`/model/`, `/users/`, `/channels/`, `/pornstar/`), kept as profile URLs
//! because they are separate namespaces, not one handle.

use super::{id, is_token, malformed, with_handle, Found, Kind, Link};
use crate::identifier::Platform;

const P: Platform = Platform::Pornhub;

pub(super) fn identify(link: &Link) -> Found {
    match (link.segment(0)?, link.segment(1)) {
        ("view_video.php", None) => video(link.param("viewkey")?),
        ("embed", Some(key)) => video(key),
        (kind @ ("model" | "users" | "channels" | "pornstar"), Some(name)) => with_handle(P, name, |name| {
            id(
                P,
                Kind::ProfileUrl,
                format!("https://www.pornhub.com/{kind}/{name}"),
            )
        }),
        _ => None,
    }
}

/// Viewkeys are lower-case in practice; kept as seen, since changing case could name another video.
fn video(key: &str) -> Found {
    if !is_token(key, 4..=64) {
        return malformed(P);
    }
    id(
        P,
        Kind::ContentUrl,
        format!("https://www.pornhub.com/view_video.php?viewkey={key}"),
    )
}
