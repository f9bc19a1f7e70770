//! The JSON extractor every write endpoint uses. Its rejections are [`AppError`]s, so a wrong content
//! type, an oversized body and text that is not JSON each get their own clear 4xx in the one error
//! shape, never axum's plain-text rejections.

use axum::extract::{FromRequest, Request};
use axum::http::{header, HeaderMap};
use http_body_util::LengthLimitError;
use serde_json::Value;

use crate::error::AppError;

/// The largest request body the desk reads, single capture or batch: 16 MiB.
///
/// Not smaller for a single capture on purpose. spoc-core accepts up to 500 items and 200 identifiers
/// of 4096 characters each, so the largest *valid* capture is several MiB of JSON; a limit below that
/// would refuse a capture the phone accepted, and the officer's evidence would never leave the
/// device. A batch over the limit is refused whole (413): the client sends its captures one by one.
pub const MAX_BODY: usize = 16 * 1024 * 1024;

/// A request body parsed as JSON, but not yet as any particular type: deciding *which* problem a
/// submission has (future schema, unknown field, bad hash) is spoc-core's job, in
/// [`spoc_core::api::Submission::decode`].
pub struct JsonValue(pub Value);

impl<S: Send + Sync> FromRequest<S> for JsonValue {
    type Rejection = AppError;

    async fn from_request(req: Request, _state: &S) -> Result<Self, AppError> {
        if !is_json(req.headers()) {
            return Err(AppError::UnsupportedMediaType);
        }
        if declared_length(req.headers()).is_some_and(|length| length > MAX_BODY as u64) {
            return Err(AppError::PayloadTooLarge(MAX_BODY));
        }
        // Read with our own limit (not axum's `DefaultBodyLimit`) so the error can name it, and so a
        // chunked body without a length is held to it as well.
        let bytes = axum::body::to_bytes(req.into_body(), MAX_BODY)
            .await
            .map_err(|error| {
                if caused_by_length_limit(&error) {
                    AppError::PayloadTooLarge(MAX_BODY)
                } else {
                    AppError::UnreadableBody
                }
            })?;
        serde_json::from_slice(&bytes)
            .map(JsonValue)
            .map_err(|e| AppError::InvalidJson(e.to_string()))
    }
}

/// `application/json`, with or without parameters (`; charset=utf-8`).
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"))
}

/// `to_bytes` wraps the `Limited` body's error; the cause says whether the limit was hit.
fn caused_by_length_limit(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause = Some(error);
    while let Some(error) = cause {
        if error.is::<LengthLimitError>() {
            return true;
        }
        cause = error.source();
    }
    false
}

fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers.get(header::CONTENT_LENGTH)?.to_str().ok()?.parse().ok()
}

/// A JSON body of a known type, for everything but ingest. A body of the wrong shape is a 422 that
/// names the field, like a bad submission.
pub struct Payload<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequest<S> for Payload<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let JsonValue(value) = JsonValue::from_request(req, state).await?;
        serde_path_to_error::deserialize(value).map(Payload).map_err(|e| {
            let path = e.path().to_string();
            spoc_core::api::SubmissionError::Shape {
                field: (path != ".").then_some(path),
                message: e.into_inner().to_string(),
            }
            .into()
        })
    }
}
