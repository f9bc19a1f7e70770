//! The JSON extractor every write endpoint uses: its rejections are [`AppError`]s, so a wrong content
//! type, an oversized body or text that is not JSON each get their own clear 4xx.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{header, StatusCode};
use serde_json::Value;

use crate::error::AppError;

/// A request body parsed as JSON, but not yet as any particular type: deciding *which* problem a
/// submission has (future schema, unknown field, bad hash) is spoc-core's job.
pub struct JsonValue(pub Value);

/// Bodies larger than this are refused before they are parsed.
pub const MAX_BODY: usize = 16 * 1024 * 1024;

impl<S: Send + Sync> FromRequest<S> for JsonValue {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"));
        if !is_json {
            return Err(AppError::UnsupportedMediaType);
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
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
