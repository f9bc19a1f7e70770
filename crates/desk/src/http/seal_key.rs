//! `GET /seal-key`: the SPOC's public key, which devices seal every capture to.
//!
//! No session needed: it is a public key, and a device fetches it before it can capture at all.
//! Read from the database on each request, so a key rotated from the command line is what the running
//! desk hands out next. `no-cache` (not the API's `no-store`): a device may keep it, but asks again.

use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::IntoResponse;
use axum::Json;
use spoc_core::api::ErrorBody;
use spoc_core::sealed::SealKey;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::AppError;
use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(seal_key))
}

/// The key devices seal captures to now. Earlier keys are kept, so a capture sealed before a rotation
/// is still accepted.
#[utoipa::path(get, path = "/seal-key", tag = "sealing",
    responses(
        (status = 200, description = "The active key", body = SealKey,
            headers(("Cache-Control" = String, description = "no-cache"))),
        (status = 503, description = "Storage unavailable, or no key yet; retry", body = ErrorBody),
    ))]
async fn seal_key(State(state): State<AppState>) -> Result<impl IntoResponse, AppError> {
    let key = state.store.active_seal_key().await?.ok_or(AppError::NoSealKey)?;
    Ok((
        [(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"))],
        Json(key),
    ))
}
