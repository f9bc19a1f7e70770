//! Ingest: `POST /captures` (one), `POST /captures/batch` (many), `GET /captures/{id}`.
//!
//! The idempotency rules of design.md: the client-made id plus the SHA-256 of the canonical JSON is
//! the permanent key. New → 201; same id and hash → 200 with the original receipt; same id, other
//! hash → 409; invalid → 422. A receipt is only ever sent after the commit. What makes a submission
//! valid is decided by [`Submission::decode`] alone, the same code the field app runs.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde_json::Value;
use spoc_core::api::{
    BatchItemResult, BatchRequest, BatchResponse, ErrorBody, Receipt, StoredCapture, Submission,
    SubmissionError, MAX_BATCH,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::json_body::JsonValue;
use crate::auth::Submitter;
use crate::error::AppError;
use crate::store::{Insert, Who};
use crate::AppState;
use spoc_core::desk::{InboxEvent, Role};
use spoc_core::device::signed_message;

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
        (status = 400, description = "Not JSON", body = ErrorBody),
        (status = 401, description = "Not signed in: sign in and send again (the device keeps it queued)", body = ErrorBody),
        (status = 403, description = "Not an officer or spoc account, or the password must be changed first", body = ErrorBody),
        (status = 409, description = "Another capture (other hash) is stored under this id; nothing written", body = ErrorBody),
        (status = 413, description = "Body larger than 16 MiB", body = ErrorBody),
        (status = 415, description = "Not application/json", body = ErrorBody),
        (status = 422, description = "Not a valid submission: shape, schema version, field, hash, or the device signature (missing, unknown or revoked device, another account's device, wrong signature)", body = ErrorBody),
        (status = 503, description = "Storage unavailable; retry", body = ErrorBody),
    ))]
async fn create(
    State(state): State<AppState>,
    Submitter(caller): Submitter,
    JsonValue(body): JsonValue,
) -> Result<(StatusCode, Json<Receipt>), AppError> {
    let (status, receipt) = ingest(&state, &caller.who, body).await?;
    Ok((status, Json(receipt)))
}

/// Store several captures; each is decoded and committed on its own and answered in request order,
/// so one bad capture never holds back the others.
#[utoipa::path(post, path = "/captures/batch", tag = "captures", request_body = BatchRequest,
    responses(
        (status = 200, description = "One result per submission, with the status the single endpoint would give (201, 200, 409 or 422)", body = BatchResponse),
        (status = 400, description = "Not JSON", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an officer or spoc account, or the password must be changed first", body = ErrorBody),
        (status = 413, description = "Body larger than 16 MiB, or more than 100 submissions", body = ErrorBody),
        (status = 415, description = "Not application/json", body = ErrorBody),
        (status = 422, description = "Not a batch, or an empty one", body = ErrorBody),
        (status = 503, description = "Storage unavailable; retry the whole batch (stored items answer 200)", body = ErrorBody),
    ))]
async fn create_batch(
    State(state): State<AppState>,
    Submitter(caller): Submitter,
    JsonValue(body): JsonValue,
) -> Result<Json<BatchResponse>, AppError> {
    let request: BatchRequest = serde_path_to_error::deserialize(body).map_err(|e| {
        let path = e.path().to_string();
        SubmissionError::Shape {
            field: (path != ".").then_some(path),
            message: e.into_inner().to_string(),
        }
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
            .and_then(Value::as_str)
            .map(String::from);
        let result = match ingest(&state, &caller.who, value).await {
            Ok((status, receipt)) => BatchItemResult {
                id,
                status: status.as_u16(),
                receipt: Some(receipt),
                error: None,
            },
            // Storage failing is not this submission's fault: the whole batch is answered 503 and
            // retried, and what was already committed answers 200 the next time.
            Err(error @ AppError::Store(_)) => return Err(error),
            Err(error) => BatchItemResult {
                id,
                status: error.status().as_u16(),
                receipt: None,
                error: Some(error.detail()),
            },
        };
        results.push(result);
    }
    let stored = results.iter().filter(|r| r.status == 201).count();
    tracing::info!(submissions = results.len(), stored, "batch handled");
    Ok(Json(BatchResponse { results }))
}

/// A stored capture with its receipt: an officer reads only captures they synced themselves (any
/// other answers 404, as if it did not exist); a spoc account reads any.
#[utoipa::path(get, path = "/captures/{id}", tag = "captures",
    params(("id" = String, Path, description = "The capture's UUID (lower-case, hyphenated)")),
    responses(
        (status = 200, description = "The capture as stored, with its receipt", body = StoredCapture),
        (status = 400, description = "Not a lower-case hyphenated UUID", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "An admin account, or the password must be changed first", body = ErrorBody),
        (status = 404, description = "No such capture, or not this officer's", body = ErrorBody),
        (status = 503, description = "Storage unavailable; retry", body = ErrorBody),
    ))]
async fn read(
    State(state): State<AppState>,
    Submitter(caller): Submitter,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<StoredCapture>, AppError> {
    let id = super::uuid_path(id)?;
    let only_of = (caller.session.role == Role::Officer).then_some(caller.session.account_id);
    state
        .store
        .get(&caller.who, &id, only_of)
        .await?
        .map(Json)
        .ok_or(AppError::CaptureNotFound)
}

/// The submission must be signed by a device registered to the account sending it. A device revoked
/// with "deliver the queue first" may still deliver; one revoked with "discard" may not.
async fn check_signature(state: &AppState, who: &Who, submission: &Submission) -> Result<(), AppError> {
    let signature = submission.signature.as_ref().ok_or(AppError::SignatureRequired)?;
    let device = state
        .store
        .device_key(&signature.device_id)
        .await?
        .ok_or(AppError::UnknownDevice)?;
    if Some(device.account_id) != who.account_id {
        return Err(AppError::DeviceNotYours);
    }
    if device.status.revoked && device.status.discard_queue {
        return Err(AppError::DeviceRevoked);
    }
    let message = signed_message(&submission.capture.id, &submission.sha256);
    if !crate::signature::verify(&device.public_key, &message, &signature.value) {
        return Err(AppError::BadSignature);
    }
    Ok(())
}

/// Decode and store one submission: the rules both endpoints share. A conflict is an error here
/// (409) so both endpoints answer it the same way.
async fn ingest(state: &AppState, who: &Who, body: Value) -> Result<(StatusCode, Receipt), AppError> {
    let submission = Submission::decode(body)?;
    if let Err(refusal) = check_signature(state, who, &submission).await {
        // Journalled (the code only), nothing stored.
        state
            .store
            .journal(who, "capture.refused", &submission.capture.id, refusal.code())
            .await?;
        return Err(refusal);
    }
    match state.store.insert_or_get(who, &submission).await? {
        Insert::Created(receipt) => {
            tracing::info!(id = %receipt.id, server_seq = receipt.server_seq, "capture stored");
            // No open inbox is not an error.
            let _ = state.events.send(InboxEvent {
                server_seq: receipt.server_seq,
                id: receipt.id.clone(),
            });
            Ok((StatusCode::CREATED, receipt))
        }
        Insert::Existing(receipt) => {
            tracing::info!(id = %receipt.id, server_seq = receipt.server_seq, "capture resent");
            Ok((StatusCode::OK, receipt))
        }
        Insert::Conflict { existing } => {
            tracing::warn!(id = %existing.id, "resend with different content refused");
            Err(AppError::Conflict {
                server_seq: existing.server_seq,
            })
        }
    }
}
