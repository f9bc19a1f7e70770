//! Ingest: `POST /captures` (one), `POST /captures/batch` (many), `GET /captures/{id}`.
//!
//! The idempotency rules of design.md: the client-made id plus the SHA-256 of the canonical JSON is
//! the permanent key. New → 201; same id and hash → 200 with the original receipt; same id, other
//! hash → 409; invalid → 422. A receipt is only ever sent after the commit.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use spoc_core::api::{
    BatchItemResult, BatchRequest, BatchResponse, ErrorBody, Receipt, StoredCapture, Submission, MAX_BATCH,
};
use spoc_core::validate::is_uuid;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::json_body::JsonValue;
use crate::error::AppError;
use crate::store::Insert;
use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create))
        .routes(routes!(create_batch))
        .routes(routes!(read))
}

/// Store one capture.
#[utoipa::path(post, path = "/captures", tag = "captures", request_body = Submission,
    responses(
        (status = 201, description = "Stored; the receipt", body = Receipt),
        (status = 200, description = "Already stored with the same hash; the original receipt", body = Receipt),
        (status = 409, description = "Another capture is stored under this id", body = ErrorBody),
        (status = 400, description = "Not JSON", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 415, description = "Not application/json", body = ErrorBody),
        (status = 422, description = "Not a valid submission (shape, schema version, field, hash)", body = ErrorBody),
        (status = 503, description = "Storage unavailable; retry", body = ErrorBody),
    ))]
async fn create(
    State(state): State<AppState>,
    JsonValue(body): JsonValue,
) -> Result<(StatusCode, Json<Receipt>), AppError> {
    let submission = Submission::decode(body)?;
    match state.store.insert(&submission).await? {
        Insert::Created(receipt) => {
            tracing::info!(id = %receipt.id, server_seq = receipt.server_seq, "capture stored");
            Ok((StatusCode::CREATED, Json(receipt)))
        }
        Insert::Existing(receipt) => Ok((StatusCode::OK, Json(receipt))),
        Insert::Conflict(existing) => {
            tracing::warn!(id = %existing.id, "resend with different content refused");
            Err(AppError::Conflict {
                server_seq: existing.server_seq,
            })
        }
    }
}

/// Store several captures; each is answered on its own, in request order.
#[utoipa::path(post, path = "/captures/batch", tag = "captures", request_body = BatchRequest,
    responses(
        (status = 200, description = "One result per submission, with the status the single endpoint would give", body = BatchResponse),
        (status = 413, description = "More than the batch limit", body = ErrorBody),
        (status = 422, description = "Not a batch, or an empty one", body = ErrorBody),
    ))]
async fn create_batch(
    State(state): State<AppState>,
    JsonValue(body): JsonValue,
) -> Result<Json<BatchResponse>, AppError> {
    let request: BatchRequest =
        serde_json::from_value(body).map_err(|e| spoc_core::api::SubmissionError::Shape {
            field: Some("submissions".into()),
            message: e.to_string(),
        })?;
    match request.submissions.len() {
        0 => return Err(AppError::EmptyBatch),
        n if n > MAX_BATCH => return Err(AppError::BatchTooLarge(n)),
        _ => {}
    }
    let mut results = Vec::with_capacity(request.submissions.len());
    for value in request.submissions {
        let id = value
            .pointer("/capture/id")
            .and_then(|v| v.as_str())
            .map(String::from);
        let result = match Submission::decode(value) {
            Err(e) => BatchItemResult {
                id,
                status: 422,
                receipt: None,
                error: Some(e.detail()),
            },
            Ok(submission) => match state.store.insert(&submission).await? {
                Insert::Created(receipt) => BatchItemResult {
                    id,
                    status: 201,
                    receipt: Some(receipt),
                    error: None,
                },
                Insert::Existing(receipt) => BatchItemResult {
                    id,
                    status: 200,
                    receipt: Some(receipt),
                    error: None,
                },
                Insert::Conflict(existing) => {
                    tracing::warn!(id = %existing.id, "resend with different content refused");
                    let error = AppError::Conflict {
                        server_seq: existing.server_seq,
                    }
                    .detail();
                    BatchItemResult {
                        id,
                        status: 409,
                        receipt: None,
                        error: Some(error),
                    }
                }
            },
        };
        results.push(result);
    }
    let stored = results.iter().filter(|r| r.status == 201).count();
    tracing::info!(submissions = results.len(), stored, "batch handled");
    Ok(Json(BatchResponse { results }))
}

/// A stored capture with its receipt.
#[utoipa::path(get, path = "/captures/{id}", tag = "captures",
    params(("id" = String, Path, description = "The capture's UUID")),
    responses(
        (status = 200, body = StoredCapture),
        (status = 400, description = "Not a UUID", body = ErrorBody),
        (status = 404, description = "No such capture", body = ErrorBody),
    ))]
async fn read(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<StoredCapture>, AppError> {
    if !is_uuid(&id) {
        return Err(AppError::BadId);
    }
    state
        .store
        .get(&id)
        .await?
        .map(Json)
        .ok_or(AppError::CaptureNotFound)
}
