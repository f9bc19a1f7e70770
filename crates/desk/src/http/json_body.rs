//! The JSON extractors every write endpoint uses. Their rejections are [`AppError`]s, so a wrong
//! content type, an oversized body and text that is not JSON each get their own clear 4xx in the one
//! error shape, never axum's plain-text rejections; [`rejections`] lists them for the OpenAPI document,
//! from the very errors the extractors return, so the document cannot drift from them.
//!
//! Every endpoint reads at most what its content needs: sign-in, password changes, accounts, devices,
//! workflow moves and notes [`SMALL_BODY`]; captures and batches [`CAPTURE_BODY`], and those only after
//! the session was checked (their handlers take the role extractor first, and axum runs extractors in
//! order, the body last). What parsing may allocate is bounded too: see [`MAX_JSON_VALUES`].

use axum::extract::{FromRequest, Request};
use axum::http::{header, HeaderMap};
use http_body_util::LengthLimitError;
use serde_json::Value;

use crate::error::AppError;

/// Sign-in, password changes, accounts, devices, moves, notes (4,000 characters at most, which JSON
/// escaping can make six bytes each): 32 KiB.
pub const SMALL_BODY: usize = 32 * 1024;

/// A single capture or a batch: 16 MiB.
///
/// Not smaller for a single capture on purpose. spoc-core accepts up to 500 items and 200 identifiers
/// of 4096 characters each and 10 MB of attachments, so the largest *valid* capture is several MiB of
/// JSON; a limit below that would refuse a capture the phone accepted, and the officer's evidence would
/// never leave the device. A batch over the limit is refused whole (413): the client sends its captures
/// one by one.
pub const CAPTURE_BODY: usize = 16 * 1024 * 1024;

/// A guidance pack the SPOC publishes or previews: 1 MiB, seventeen times today's pack (59 KB).
pub const PACK_BODY: usize = 1024 * 1024;

/// At most this many JSON values (numbers, strings, arrays, objects, literals) in one body. A parsed
/// value costs tens of bytes however short its text, so `[0,0,0,…]` in 16 MiB would take hundreds of
/// MB; with this bound a body parses into at most a few MB more than its own size. The largest valid
/// capture (500 items, 200 identifiers, a checklist, attachments as base64 strings) has a few
/// thousand values; a batch of 100 of them stays far below.
pub const MAX_JSON_VALUES: usize = 200_000;

/// A body must arrive within this much time plus one second per [`SLOWEST_UPLOAD`] bytes: a
/// client sending a byte every few seconds is cut off (408), while a phone on the slowest mobile
/// link still gets a 10 MB capture through (16 MiB at 8 KiB/s is about 34 minutes).
pub const BODY_GRACE: std::time::Duration = std::time::Duration::from_secs(10);
/// Bytes per second: 64 kbit/s, GPRS.
pub const SLOWEST_UPLOAD: u64 = 8 * 1024;

/// The deadline for a body of (at most) `bytes`.
pub fn body_deadline(bytes: u64) -> std::time::Duration {
    BODY_GRACE + std::time::Duration::from_secs(bytes / SLOWEST_UPLOAD)
}

/// A request body parsed as JSON, but not yet as any particular type: deciding *which* problem a
/// submission has (future schema, unknown field, bad hash) is spoc-core's job, in
/// [`spoc_core::api::Submission::decode`]. Only ingest uses it, with [`CAPTURE_BODY`].
pub struct JsonValue(pub Value);

impl<S: Send + Sync> FromRequest<S> for JsonValue {
    type Rejection = AppError;

    async fn from_request(req: Request, _state: &S) -> Result<Self, AppError> {
        let bytes = read_json(req, CAPTURE_BODY).await?;
        serde_json::from_slice(&bytes)
            .map(JsonValue)
            .map_err(|e| AppError::InvalidJson(e.to_string()))
    }
}

/// A JSON body of a known type, at most [`SMALL_BODY`], for everything but ingest. Parsed straight
/// into `T` (no intermediate `Value`). A body of the wrong shape is a 422 that names the field, like a
/// bad submission; text that is not JSON is a 400.
pub struct Payload<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequest<S> for Payload<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, _state: &S) -> Result<Self, AppError> {
        let bytes = read_json(req, SMALL_BODY).await?;
        let mut deserializer = serde_json::Deserializer::from_slice(&bytes);
        let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
            let path = e.path().to_string();
            let error = e.into_inner();
            if error.is_syntax() || error.is_eof() {
                return AppError::InvalidJson(error.to_string());
            }
            spoc_core::api::SubmissionError::Shape {
                field: (path != ".").then_some(path),
                message: error.to_string(),
            }
            .into()
        })?;
        // Trailing text after the value.
        deserializer
            .end()
            .map_err(|e| AppError::InvalidJson(e.to_string()))?;
        Ok(Payload(value))
    }
}

/// A guidance pack as text, exactly as sent (the desk stores and serves it byte for byte), at most
/// [`PACK_BODY`]; checked as JSON of the right shape by spoc-core (`GuidancePack::from_json`), whose
/// refusal names where the pack is wrong.
pub struct PackText(pub String);

impl<S: Send + Sync> FromRequest<S> for PackText {
    type Rejection = AppError;

    async fn from_request(req: Request, _state: &S) -> Result<Self, AppError> {
        let bytes = read_json(req, PACK_BODY).await?;
        String::from_utf8(bytes.to_vec())
            .map(PackText)
            .map_err(|_| AppError::InvalidJson("the body is not UTF-8".into()))
    }
}

/// Everything the extractors can refuse before a handler runs, for a body limit of `limit` bytes:
/// the OpenAPI document lists these answers on every endpoint that takes a JSON body.
pub fn rejections(limit: usize) -> [AppError; 6] {
    [
        AppError::UnsupportedMediaType,
        AppError::Submission(spoc_core::api::SubmissionError::Shape {
            field: None,
            message: "not the shape this endpoint takes (the field is named)".into(),
        }),
        AppError::InvalidJson("…".into()),
        AppError::PayloadTooLarge(limit),
        AppError::TooManyJsonValues(MAX_JSON_VALUES),
        AppError::BodyTimeout,
    ]
}

/// The body's bytes once the content type, the limit and the number of values were checked.
async fn read_json(req: Request, limit: usize) -> Result<axum::body::Bytes, AppError> {
    if !is_json(req.headers()) {
        return Err(AppError::UnsupportedMediaType);
    }
    let declared = declared_length(req.headers());
    if declared.is_some_and(|length| length > limit as u64) {
        return Err(AppError::PayloadTooLarge(limit));
    }
    let deadline = body_deadline(declared.unwrap_or(limit as u64));
    // Read with our own limit (not axum's `DefaultBodyLimit`) so the error can name it, and so a
    // chunked body without a length is held to it as well.
    let bytes = tokio::time::timeout(deadline, axum::body::to_bytes(req.into_body(), limit))
        .await
        .map_err(|_elapsed| AppError::BodyTimeout)?
        .map_err(|error| {
            if caused_by_length_limit(&error) {
                AppError::PayloadTooLarge(limit)
            } else {
                AppError::UnreadableBody
            }
        })?;
    if count_json_values(&bytes) > MAX_JSON_VALUES {
        return Err(AppError::TooManyJsonValues(MAX_JSON_VALUES));
    }
    Ok(bytes)
}

/// Roughly how many values the JSON text holds, without parsing it: each value but the first follows
/// a `,`, `:` or an opening bracket outside a string. Never lower than the real count, so a body it
/// admits parses within [`MAX_JSON_VALUES`]; malformed text is left to the parser to refuse.
fn count_json_values(bytes: &[u8]) -> usize {
    let (mut count, mut in_string, mut escaped) = (1, false, false);
    for &byte in bytes {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
        } else {
            match byte {
                b'"' => in_string = true,
                b',' | b':' | b'[' | b'{' => count += 1,
                _ => {}
            }
        }
    }
    count
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

#[cfg(test)]
mod tests {
    use super::count_json_values;

    #[test]
    fn counts_values_never_below_the_parser() {
        for text in [
            "0",
            "[]",
            "[0,0,0]",
            r#"{"a":[1,{"b":"x,y:[{"}],"c":null}"#,
            r#"["\"[,{:", "\\", 2]"#,
        ] {
            let value: serde_json::Value = serde_json::from_str(text).unwrap();
            assert!(count_json_values(text.as_bytes()) >= values_in(&value), "{text}");
        }
        assert_eq!(
            count_json_values(br#""a,b:[{""#),
            1,
            "punctuation inside a string"
        );
        assert_eq!(count_json_values(b"[0,0,0,0]"), 5);
    }

    fn values_in(value: &serde_json::Value) -> usize {
        1 + match value {
            serde_json::Value::Array(items) => items.iter().map(values_in).sum(),
            serde_json::Value::Object(map) => map.values().map(values_in).sum(),
            _ => 0,
        }
    }
}
