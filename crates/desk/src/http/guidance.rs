//! `GET /guidance`: the guidance pack the field app works from, exactly as published in spoc-core.
//!
//! The app asks at start and whenever it comes online, with the ETag of the copy it holds, so an
//! unchanged pack costs a `304` and no body. `no-cache` (not `no-store` like the rest of the API): the
//! pack is public guidance, not captured data, and may be kept as long as it is revalidated.

use std::sync::LazyLock;

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use spoc_core::canonical::sha256_hex;
use spoc_core::guidance::{GuidancePack, PackError, BUNDLED_JSON};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

/// Weak, because the compression layer re-encodes the body per request; the SHA-256 of the published
/// bytes, so it changes exactly when the pack does.
static ETAG: LazyLock<String> = LazyLock::new(|| format!("W/\"{}\"", sha256_hex(BUNDLED_JSON.as_bytes())));

/// Checks the pack this desk would serve; the desk refuses to start without a good one.
pub fn check() -> Result<GuidancePack, PackError> {
    GuidancePack::from_json(BUNDLED_JSON)
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(guidance))
}

/// The current guidance pack.
#[utoipa::path(get, path = "/guidance", tag = "guidance",
    params(("If-None-Match" = Option<String>, Header, description = "The ETag of the copy held")),
    responses(
        (status = 200, description = "The pack, with its ETag", body = GuidancePack,
            headers(("ETag" = String), ("Cache-Control" = String, description = "no-cache"))),
        (status = 304, description = "The copy named by If-None-Match is current"),
    ))]
async fn guidance(request: HeaderMap) -> Response {
    let etag = HeaderValue::from_str(&ETAG).expect("hex in quotes is a valid header value");
    let headers = [
        (header::ETAG, etag),
        (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
    ];
    if holds_current(&request) {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    let json = (header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    (headers, [json], BUNDLED_JSON).into_response()
}

/// RFC 9110 §13.1.2: `*`, or any listed tag equal to ours under weak comparison.
fn holds_current(request: &HeaderMap) -> bool {
    let ours = ETAG.trim_start_matches("W/");
    request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .any(|tag| tag == "*" || tag.trim_start_matches("W/") == ours)
}
