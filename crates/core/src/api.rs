//! The messages the field app and the desk exchange under `/api/v1`. Owned here so both ends compile
//! against one definition; the desk derives its OpenAPI schemas from these shapes.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::canonical::{canonical_sha256, CanonicalError};
use crate::capture::{Capture, SCHEMA_VERSION};
use crate::validate::ValidationError;

/// One capture on its way to the SPOC: the record and the SHA-256 of its canonical JSON, which the
/// desk recomputes. `(capture.id, sha256)` is the permanent idempotency key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Submission {
    pub sha256: String,
    pub capture: Capture,
    /// The sending device's signature, added when the submission is sent (the device's key never
    /// leaves it). The desk requires it; it is not part of what `sha256` covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<crate::device::DeviceSignature>,
}

/// The SPOC's acknowledgement, sent only after the capture is committed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Receipt {
    pub id: String,
    /// The desk's own sequence number for the capture ("server number").
    pub server_seq: i64,
    /// RFC 3339, UTC.
    pub received_at: String,
    pub sha256: String,
}

/// Several submissions in one request; each is decoded and stored on its own, so one bad capture
/// never holds back the others.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BatchRequest {
    /// Each a [`crate::sealed::SealedSubmission`]; decoded one by one so a bad one is answered on its
    /// own.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<crate::sealed::SealedSubmission>))]
    pub submissions: Vec<Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BatchResponse {
    /// In request order.
    pub results: Vec<BatchItemResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BatchItemResult {
    /// The capture id, where the submission had a readable one.
    pub id: Option<String>,
    /// The status the single-capture endpoint would have answered: 201, 200, 409 or 422.
    pub status: u16,
    pub receipt: Option<Receipt>,
    pub error: Option<ErrorDetail>,
}

pub const MAX_BATCH: usize = 100;

/// `POST /api/v1/captures/status`: the ids of the caller's own captures whose SPOC status the device
/// wants to know. At most [`MAX_STATUS_IDS`]; a device with more asks in several requests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StatusRequest {
    /// Capture UUIDs (lower-case, hyphenated); a repeated id is answered once. One to
    /// [`MAX_STATUS_IDS`] of them, as the schema's bounds say too.
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 100))]
    pub ids: Vec<String>,
}

pub const MAX_STATUS_IDS: usize = 100;

/// The statuses of those of the asked ids that are the caller's own captures; any other id (unknown,
/// or another account's) is left out, so the answer tells nothing about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StatusResponse {
    pub statuses: Vec<CaptureStatus>,
}

/// Where the SPOC's work on one capture stands: the workflow status, why it was rejected, and when
/// it last changed. Nothing of the capture itself: the phone that sent it cannot read it any more.
/// The device keeps the last one seen in its record of the capture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaptureStatus {
    pub id: String,
    pub status: crate::desk::CaseStatus,
    /// The operator's reason, for a rejected capture only. Plain text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// RFC 3339, UTC: when the status last changed (the receipt's time while it is `received`).
    pub changed_at: String,
}

/// `{"error": {...}}`, the body of every 4xx and 5xx.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    /// Stable, machine-readable (`invalid_field`, `hash_mismatch`, `conflict`, …).
    pub code: String,
    pub message: String,
    /// The JSON path of the offending field, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// `GET /api/v1/captures/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StoredCapture {
    pub receipt: Receipt,
    pub capture: Capture,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    pub status: String,
    pub version: String,
    pub schema_version: u32,
}

/// Why a submission was refused. Each maps to one HTTP status on the desk.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SubmissionError {
    /// Not the shape of a submission: wrong types, missing or unknown fields.
    #[error("{message}")]
    Shape { field: Option<String>, message: String },
    #[error(
        "schema version {found} is newer than this desk understands ({SCHEMA_VERSION}); update the desk"
    )]
    FutureSchema { found: u64 },
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    #[error("sha256 does not match the canonical JSON of the capture (computed {computed})")]
    HashMismatch { computed: String },
}

impl SubmissionError {
    pub fn code(&self) -> &'static str {
        match self {
            SubmissionError::Shape { .. } => "invalid_shape",
            SubmissionError::FutureSchema { .. } => "unsupported_schema_version",
            SubmissionError::Invalid(_) => "invalid_field",
            SubmissionError::HashMismatch { .. } => "hash_mismatch",
        }
    }

    pub fn field(&self) -> Option<String> {
        match self {
            SubmissionError::Shape { field, .. } => field.clone(),
            SubmissionError::FutureSchema { .. } => Some("capture.schema_version".into()),
            SubmissionError::Invalid(e) => Some(format!("capture.{}", e.field)),
            SubmissionError::HashMismatch { .. } => Some("sha256".into()),
        }
    }

    pub fn detail(&self) -> ErrorDetail {
        ErrorDetail {
            code: self.code().into(),
            message: self.to_string(),
            field: self.field(),
        }
    }
}

impl Submission {
    /// Seals a valid capture for sending: validates it and computes its hash.
    pub fn new(capture: Capture) -> Result<Submission, SubmissionError> {
        capture.validate()?;
        let sha256 = hash(&capture)?;
        Ok(Submission {
            sha256,
            capture,
            signature: None,
        })
    }

    /// Everything the desk checks before it stores a submission, in the order that gives the most
    /// useful answer: a newer schema is named as such rather than as "unknown field".
    pub fn decode(value: Value) -> Result<Submission, SubmissionError> {
        if let Some(found) = value.pointer("/capture/schema_version").and_then(Value::as_u64) {
            if found > u64::from(SCHEMA_VERSION) {
                return Err(SubmissionError::FutureSchema { found });
            }
        }
        let submission: Submission = serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            SubmissionError::Shape {
                field: (path != ".").then_some(path),
                message: e.into_inner().to_string(),
            }
        })?;
        submission.capture.validate()?;
        for (i, attachment) in submission.capture.attachments.iter().enumerate() {
            attachment
                .verify_bytes()
                .map_err(|message| ValidationError::new(format!("attachments[{i}].data"), message))?;
        }
        let computed = hash(&submission.capture)?;
        if computed != submission.sha256 {
            return Err(SubmissionError::HashMismatch { computed });
        }
        Ok(submission)
    }
}

fn hash(capture: &Capture) -> Result<String, SubmissionError> {
    // A capture is strings, booleans and one integer, so this cannot fail; map it anyway rather than
    // panic on a server.
    canonical_sha256(capture).map_err(|e: CanonicalError| SubmissionError::Shape {
        field: None,
        message: e.to_string(),
    })
}
