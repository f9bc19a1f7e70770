//! One error type for every handler, answered as `{"error":{"code","message","field"}}` with the
//! status that tells a client what to do: fix the request (4xx) or try again later (5xx). The field
//! app keeps a queued capture on any error; a 4xx means a person has to look at it.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use spoc_core::api::{ErrorBody, ErrorDetail, SubmissionError, MAX_BATCH};

use crate::seal::SealError;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Everything spoc-core refuses: shape, schema version, field, hash.
    #[error(transparent)]
    Submission(#[from] SubmissionError),
    #[error("request body is not valid JSON: {0}")]
    InvalidJson(String),
    #[error("Content-Type must be application/json")]
    UnsupportedMediaType,
    #[error("request body is larger than {0} bytes")]
    PayloadTooLarge(usize),
    #[error("request body could not be read")]
    UnreadableBody,
    #[error("request body arrived too slowly; send it again")]
    BodyTimeout,
    #[error("request body holds more than {0} JSON values")]
    TooManyJsonValues(usize),
    #[error(
        "cross-site request refused: state-changing requests must come from the desk's own pages \
         (Origin or Sec-Fetch-Site names another site)"
    )]
    CrossSite,
    #[error("too many open event streams for this session; close another inbox tab")]
    TooManyStreams,
    #[error("a batch holds at most {MAX_BATCH} submissions; this one has {0}")]
    BatchTooLarge(usize),
    #[error("a batch needs at least one submission")]
    EmptyBatch,
    #[error("capture id must be a lower-case hyphenated UUID")]
    BadId,
    /// A status request's list of ids: empty, too long, or an id that is not a capture id.
    #[error("{message}")]
    BadIds { field: String, message: String },
    #[error("no capture with this id")]
    CaptureNotFound,
    #[error("no capture names this identifier")]
    IdentifierNotFound,
    /// A first-assessment step done before (by someone else, or in another tab).
    #[error("{0}; nothing changed")]
    AlreadyDone(&'static str),
    #[error(
        "a different capture (other content, other hash) is already stored under this id, as server \
         number {server_seq}; the stored one is unchanged"
    )]
    Conflict { server_seq: i64 },
    #[error("this capture id cannot be used; nothing was stored: make the capture again under a new id")]
    IdTaken,
    #[error("no such endpoint")]
    NoRoute,
    #[error("sign in first")]
    SignedOut,
    #[error("unknown username or wrong password")]
    BadCredentials,
    #[error("too many failed sign-ins; try again in {0} seconds")]
    TooManyAttempts(u64),
    #[error("change the one-time password first")]
    PasswordChangeRequired,
    #[error("your role may not do this")]
    Forbidden,
    #[error("{message}")]
    Invalid { field: &'static str, message: String },
    #[error("{field} is not valid here: {message}")]
    BadQuery { field: &'static str, message: String },
    #[error("another operator moved this capture first; it is now {current}")]
    StatusChanged { current: &'static str },
    #[error("this username is taken")]
    UsernameTaken,
    #[error("no account with this username")]
    AccountNotFound,
    #[error("a submission must carry its device's signature; sign in on the device again")]
    SignatureRequired,
    #[error("the signing device is not registered with the SPOC")]
    UnknownDevice,
    #[error("the signing device belongs to another account")]
    DeviceNotYours,
    #[error("the signing device was revoked and its queue discarded")]
    DeviceRevoked,
    #[error("the device's signature does not match this submission")]
    BadSignature,
    #[error("no device with this id")]
    DeviceNotFound,
    #[error(
        "captures must be sealed to the SPOC's key (GET /api/v1/seal-key); a plaintext submission is \
         refused and nothing was stored"
    )]
    NotSealed,
    #[error("the envelope is sealed to a key this desk does not hold")]
    UnknownSealKey,
    #[error(transparent)]
    Unopenable(SealError),
    #[error("the id outside the envelope is not the id of the capture inside it")]
    IdMismatch,
    #[error("the desk has no seal key yet; retry later")]
    NoSealKey,
    #[error("this device id is registered with another key")]
    DeviceIdTaken,
    #[error("method not allowed on this endpoint")]
    MethodNotAllowed,
    /// A guidance pack that fails spoc-core's checks; nothing was published.
    #[error("the pack fails its checks, nothing was published: {0}")]
    InvalidPack(spoc_core::guidance::PackError),
    #[error(
        "version {version} is not newer than the published version {newest} (or that version holds \
         another pack); raise the version and publish again"
    )]
    PackNotNewer { version: u32, newest: u32 },
    #[error("no published pack with this version")]
    PackNotFound,
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A bug (a handler panicked). Nothing was acknowledged, so the client retries.
    #[error("internal error")]
    Internal,
}

/// A query string that does not fit the endpoint's parameters: 400 naming what axum found wrong.
impl From<axum::extract::rejection::QueryRejection> for AppError {
    fn from(e: axum::extract::rejection::QueryRejection) -> Self {
        AppError::BadQuery {
            field: "query",
            message: e.body_text(),
        }
    }
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Submission(_)
            | AppError::EmptyBatch
            | AppError::Invalid { .. }
            | AppError::BadIds { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::InvalidJson(_)
            | AppError::UnreadableBody
            | AppError::BadId
            | AppError::BadQuery { .. } => StatusCode::BAD_REQUEST,
            AppError::SignedOut | AppError::BadCredentials => StatusCode::UNAUTHORIZED,
            AppError::PasswordChangeRequired | AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::TooManyAttempts(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::StatusChanged { .. } | AppError::UsernameTaken => StatusCode::CONFLICT,
            AppError::AccountNotFound | AppError::DeviceNotFound => StatusCode::NOT_FOUND,
            AppError::SignatureRequired
            | AppError::UnknownDevice
            | AppError::DeviceNotYours
            | AppError::DeviceRevoked
            | AppError::BadSignature => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::NotSealed
            | AppError::UnknownSealKey
            | AppError::Unopenable(_)
            | AppError::IdMismatch => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::DeviceIdTaken => StatusCode::CONFLICT,
            AppError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::PayloadTooLarge(_) | AppError::BatchTooLarge(_) | AppError::TooManyJsonValues(_) => {
                StatusCode::PAYLOAD_TOO_LARGE
            }
            AppError::CrossSite => StatusCode::FORBIDDEN,
            AppError::BodyTimeout => StatusCode::REQUEST_TIMEOUT,
            AppError::TooManyStreams => StatusCode::TOO_MANY_REQUESTS,
            AppError::CaptureNotFound | AppError::NoRoute => StatusCode::NOT_FOUND,
            AppError::IdentifierNotFound => StatusCode::NOT_FOUND,
            AppError::AlreadyDone(_) => StatusCode::CONFLICT,
            AppError::Conflict { .. } | AppError::IdTaken => StatusCode::CONFLICT,
            AppError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            AppError::InvalidPack(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::PackNotNewer { .. } => StatusCode::CONFLICT,
            AppError::PackNotFound => StatusCode::NOT_FOUND,
            // The database is busy or gone: the client keeps its queue and retries.
            AppError::Store(_) => StatusCode::SERVICE_UNAVAILABLE,
            // Only before the desk's first start made a key; the device keeps its capture and retries.
            AppError::NoSealKey => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            AppError::Submission(e) => e.code(),
            AppError::InvalidJson(_) => "invalid_json",
            AppError::UnsupportedMediaType => "unsupported_media_type",
            AppError::PayloadTooLarge(_) => "payload_too_large",
            AppError::UnreadableBody => "unreadable_body",
            AppError::TooManyJsonValues(_) => "too_many_json_values",
            AppError::CrossSite => "cross_site",
            AppError::BodyTimeout => "body_timeout",
            AppError::TooManyStreams => "too_many_streams",
            AppError::BatchTooLarge(_) => "batch_too_large",
            AppError::EmptyBatch => "empty_batch",
            AppError::BadId => "invalid_id",
            AppError::BadIds { .. } => "invalid_ids",
            AppError::CaptureNotFound | AppError::IdentifierNotFound => "not_found",
            AppError::AlreadyDone(_) => "already_done",
            AppError::Conflict { .. } => "conflict",
            AppError::IdTaken => "id_taken",
            AppError::NoRoute => "no_route",
            AppError::SignedOut => "signed_out",
            AppError::BadCredentials => "bad_credentials",
            AppError::TooManyAttempts(_) => "too_many_attempts",
            AppError::PasswordChangeRequired => "password_change_required",
            AppError::Forbidden => "forbidden",
            AppError::Invalid { .. } => "invalid",
            AppError::BadQuery { .. } => "invalid_query",
            AppError::StatusChanged { .. } => "status_changed",
            AppError::UsernameTaken => "username_taken",
            AppError::AccountNotFound | AppError::DeviceNotFound => "not_found",
            AppError::SignatureRequired => "signature_required",
            AppError::UnknownDevice => "unknown_device",
            AppError::DeviceNotYours => "device_not_yours",
            AppError::DeviceRevoked => "device_revoked",
            AppError::BadSignature => "bad_signature",
            AppError::DeviceIdTaken => "device_id_taken",
            AppError::NotSealed => "not_sealed",
            AppError::UnknownSealKey => "unknown_key",
            AppError::Unopenable(_) => "unopenable",
            AppError::IdMismatch => "id_mismatch",
            AppError::NoSealKey => "no_seal_key",
            AppError::MethodNotAllowed => "method_not_allowed",
            AppError::InvalidPack(_) => "invalid_pack",
            AppError::PackNotNewer { .. } => "pack_not_newer",
            AppError::PackNotFound => "not_found",
            AppError::Store(_) => "storage_unavailable",
            AppError::Internal => "internal",
        }
    }

    pub fn detail(&self) -> ErrorDetail {
        let field = match self {
            AppError::Submission(e) => return e.detail(),
            AppError::BatchTooLarge(_) | AppError::EmptyBatch => Some("submissions".to_string()),
            AppError::BadId => Some("id".to_string()),
            AppError::BadIds { field, .. } => Some(field.clone()),
            AppError::Conflict { .. } | AppError::IdTaken => Some("capture.id".to_string()),
            AppError::Invalid { field, .. } | AppError::BadQuery { field, .. } => Some(field.to_string()),
            AppError::UsernameTaken => Some("username".to_string()),
            AppError::SignatureRequired => Some("signature".to_string()),
            AppError::UnknownDevice | AppError::DeviceNotYours | AppError::DeviceRevoked => {
                Some("signature.device_id".to_string())
            }
            AppError::BadSignature => Some("signature.value".to_string()),
            AppError::DeviceIdTaken => Some("device_id".to_string()),
            AppError::NotSealed => Some("capture".to_string()),
            AppError::UnknownSealKey => Some("envelope.kid".to_string()),
            AppError::Unopenable(e) => Some(e.field().to_string()),
            AppError::IdMismatch => Some("id".to_string()),
            AppError::InvalidPack(spoc_core::guidance::PackError::Invalid { at, .. }) => Some(at.clone()),
            AppError::PackNotNewer { .. } => Some("version".to_string()),
            _ => None,
        };
        let message = match self {
            // Operators read the cause in the log; the client needs only to know it should retry.
            AppError::Store(_) => "storage is unavailable; retry later".to_string(),
            other => other.to_string(),
        };
        ErrorDetail {
            code: self.code().into(),
            message,
            field,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        // Codes only: messages can quote what was sent (serde names the unexpected value).
        match &self {
            AppError::Store(error) => tracing::error!(%error, "storage failure"),
            _ if status.is_server_error() => tracing::error!(code = self.code(), "request failed"),
            _ => tracing::info!(code = self.code(), "request refused"),
        }
        let retry_after = match self {
            AppError::TooManyAttempts(seconds) => Some(seconds.to_string()),
            _ => None,
        };
        // axum adds the `Allow` header to a 405 itself.
        let mut response = (status, Json(ErrorBody { error: self.detail() })).into_response();
        if let Some(value) = retry_after.and_then(|v| axum::http::HeaderValue::from_str(&v).ok()) {
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, value);
        }
        response
    }
}
