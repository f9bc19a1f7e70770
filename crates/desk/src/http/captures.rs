//! Ingest: `POST /captures` (one), `POST /captures/batch` (many), `GET /captures/{id}`.
//!
//! The idempotency rules of design.md: the client-made id plus the SHA-256 of the canonical JSON is
//! the permanent key. New → 201; same id and hash → 200 with the original receipt; same id, other
//! hash → 409; invalid → 422. A receipt is only ever sent after the commit.
//!
//! Every capture arrives sealed to the SPOC's key ([`SealedSubmission`]): the desk opens the envelope
//! and then decides what makes the capture inside valid with [`Submission::decode`] alone, the same
//! code the field app runs. What is stored is the opened capture, exactly as a plaintext one was.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};
use spoc_core::api::{
    BatchItemResult, BatchRequest, BatchResponse, ErrorBody, Receipt, StoredCapture, Submission,
    SubmissionError, MAX_BATCH,
};
use spoc_core::device::DeviceSignature;
use spoc_core::sealed::SealedSubmission;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::json_body::JsonValue;
use crate::auth::Submitter;
use crate::error::AppError;
use crate::seal;
use crate::store::{Insert, Who};
use crate::AppState;
use spoc_core::desk::Role;
use spoc_core::device::signed_message;
use spoc_core::validate::is_uuid;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create))
        .routes(routes!(create_batch))
        .routes(routes!(read))
}

/// Store one sealed capture.
#[utoipa::path(post, path = "/captures", tag = "captures", request_body = SealedSubmission,
    responses(
        (status = 201, description = "Stored; the receipt", body = Receipt),
        (status = 200, description = "Already stored with the same hash; the original receipt", body = Receipt),
        (status = 400, description = "Not JSON", body = ErrorBody),
        (status = 401, description = "Not signed in: sign in and send again (the device keeps it queued)", body = ErrorBody),
        (status = 403, description = "Not an officer or spoc account, or the password must be changed first", body = ErrorBody),
        (status = 409, description = "Another capture (other hash) from this account is stored under this id (`conflict`), or the id is another account's (`id_taken`: nothing about that capture is told); nothing written", body = ErrorBody),
        (status = 413, description = "Body larger than 16 MiB", body = ErrorBody),
        (status = 415, description = "Not application/json", body = ErrorBody),
        (status = 422, description = "Not a valid submission: shape, not sealed (`not_sealed`), sealed to a key the desk does not hold (`unknown_key`), an envelope that does not open (`unopenable`), schema version, field, hash, the id inside the envelope not the one outside (`id_mismatch`), or the device signature (missing, unknown or revoked device, another account's device, wrong signature)", body = ErrorBody),
        (status = 503, description = "Storage unavailable, or no seal key yet; retry", body = ErrorBody),
    ))]
async fn create(
    State(state): State<AppState>,
    Submitter(caller): Submitter,
    JsonValue(body): JsonValue,
) -> Result<(StatusCode, Json<Receipt>), AppError> {
    let (status, receipt) = ingest(&state, &caller.who, body).await?;
    Ok((status, Json(receipt)))
}

/// Store several sealed captures; each is decoded and committed on its own and answered in request
/// order, so one bad capture never holds back the others.
#[utoipa::path(post, path = "/captures/batch", tag = "captures", request_body = BatchRequest,
    responses(
        (status = 200, description = "One result per submission, with the status the single endpoint would give (201, 200, 409 or 422)", body = BatchResponse),
        (status = 400, description = "Not JSON", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an officer or spoc account, or the password must be changed first", body = ErrorBody),
        (status = 413, description = "Body larger than 16 MiB, or more than 100 submissions", body = ErrorBody),
        (status = 415, description = "Not application/json", body = ErrorBody),
        (status = 422, description = "Not a batch, or an empty one", body = ErrorBody),
        (status = 503, description = "Storage unavailable or no seal key yet; retry the whole batch (stored items answer 200)", body = ErrorBody),
    ))]
async fn create_batch(
    State(state): State<AppState>,
    Submitter(caller): Submitter,
    JsonValue(body): JsonValue,
) -> Result<Json<BatchResponse>, AppError> {
    let request: BatchRequest = serde_path_to_error::deserialize(body).map_err(shape)?;
    match request.submissions.len() {
        0 => return Err(AppError::EmptyBatch),
        n if n > MAX_BATCH => return Err(AppError::BatchTooLarge(n)),
        _ => {}
    }
    let mut results = Vec::with_capacity(request.submissions.len());
    for value in request.submissions {
        let id = value.pointer("/id").and_then(Value::as_str).map(String::from);
        let result = match ingest(&state, &caller.who, value).await {
            Ok((status, receipt)) => BatchItemResult {
                id,
                status: status.as_u16(),
                receipt: Some(receipt),
                error: None,
            },
            // Storage failing is not this submission's fault: the whole batch is answered 503 and
            // retried, and what was already committed answers 200 the next time.
            Err(error @ (AppError::Store(_) | AppError::NoSealKey)) => return Err(error),
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
/// with "deliver the queue first" may still deliver; one revoked with "discard" may not. The device
/// signs the id and hash outside the envelope, which the envelope's additional data ties to what is
/// inside.
async fn check_signature(
    state: &AppState,
    who: &Who,
    id: &str,
    sha256: &str,
    signature: Option<&DeviceSignature>,
) -> Result<(), AppError> {
    let signature = signature.ok_or(AppError::SignatureRequired)?;
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
    if !crate::signature::verify(&device.public_key, &signed_message(id, sha256), &signature.value) {
        return Err(AppError::BadSignature);
    }
    Ok(())
}

/// The sealed submission in `body`. A plaintext one is named as such first, rather than as an
/// unknown field `capture`: a device that has not learnt to seal is told what to do.
fn decode_sealed(body: Value) -> Result<SealedSubmission, AppError> {
    if body.get("capture").is_some() {
        return Err(AppError::NotSealed);
    }
    Ok(serde_path_to_error::deserialize(body).map_err(shape)?)
}

/// The capture's JSON inside the envelope, if this desk holds the key it names and it opens for the
/// id and hash outside it.
async fn open(state: &AppState, sealed: &SealedSubmission) -> Result<Vec<u8>, AppError> {
    let secret = state
        .store
        .seal_secret(&sealed.envelope.kid)
        .await?
        .ok_or(AppError::UnknownSealKey)?;
    seal::open(&secret, &sealed.envelope, &sealed.id, &sealed.sha256).map_err(AppError::Unopenable)
}

/// Journals a refusal (its code only, never content) and hands it back; nothing is stored. A storage
/// failure is not a refusal: it is answered as itself and the device retries.
async fn refuse(state: &AppState, who: &Who, id: &str, refusal: AppError) -> AppError {
    if matches!(refusal, AppError::Store(_)) {
        return refusal;
    }
    // The id outside an envelope that did not open is whatever was sent: only a UUID is journalled.
    let object = if is_uuid(id) { id } else { "-" };
    match state
        .store
        .journal(who, "capture.refused", object, refusal.code())
        .await
    {
        Ok(()) => refusal,
        Err(error) => error.into(),
    }
}

/// Decode, open and store one sealed submission: the rules both endpoints share. A conflict is an
/// error here (409) so both endpoints answer it the same way.
async fn ingest(state: &AppState, who: &Who, body: Value) -> Result<(StatusCode, Receipt), AppError> {
    let sealed = decode_sealed(body)?;
    let plaintext = match open(state, &sealed).await {
        Ok(plaintext) => plaintext,
        Err(refusal) => return Err(refuse(state, who, &sealed.id, refusal).await),
    };
    let capture: Value = serde_json::from_slice(&plaintext).map_err(|_| SubmissionError::Shape {
        field: Some("envelope.ciphertext".into()),
        message: "the sealed capture is not JSON".into(),
    })?;
    // From here on exactly as a plaintext submission was: shape, schema, fields, hash.
    let submission = Submission::decode(json!({ "sha256": sealed.sha256, "capture": capture }))?;
    if submission.capture.id != sealed.id {
        return Err(AppError::IdMismatch);
    }
    let signature = sealed.signature.as_ref();
    if let Err(refusal) = check_signature(state, who, &sealed.id, &sealed.sha256, signature).await {
        return Err(refuse(state, who, &sealed.id, refusal).await);
    }
    match state.store.insert_or_get(who, &submission).await? {
        Insert::Created(receipt) => {
            // The store told open inboxes, on every desk, when it committed.
            tracing::info!(id = %receipt.id, server_seq = receipt.server_seq, "capture stored");
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
        Insert::TakenByAnother => {
            tracing::warn!(id = %sealed.id, "id of another account's capture refused");
            Err(AppError::IdTaken)
        }
    }
}

/// A value that is not the shape asked for, named by its JSON path.
fn shape(error: serde_path_to_error::Error<serde_json::Error>) -> SubmissionError {
    let path = error.path().to_string();
    SubmissionError::Shape {
        field: (path != ".").then_some(path),
        message: error.into_inner().to_string(),
    }
}
