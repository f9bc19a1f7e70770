//! `/devices`: a signed-in officer's device registers its public key; it asks at each sync whether it
//! was revoked; an admin lists and revokes devices.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use spoc_core::api::ErrorBody;
use spoc_core::device::{Device, DeviceRegistration, DeviceStatus, Revocation};
use spoc_core::validate::is_uuid;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::json_body::Payload;
use super::uuid_path;
use crate::auth::{Admin, Submitter};
use crate::error::AppError;
use crate::store::Registered;
use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(register, list))
        .routes(routes!(status))
        .routes(routes!(revoke))
}

/// Register this device's public signing key for the signed-in account.
#[utoipa::path(post, path = "/devices", tag = "devices", request_body = DeviceRegistration,
    responses(
        (status = 201, description = "Registered"),
        (status = 200, description = "Already registered with this key for this account"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an officer or spoc account", body = ErrorBody),
        (status = 409, description = "The id is registered with another key or account", body = ErrorBody),
        (status = 422, description = "Not a UUID, not an uncompressed P-256 key, or a bad label", body = ErrorBody),
    ))]
async fn register(
    State(state): State<AppState>,
    Submitter(caller): Submitter,
    Payload(registration): Payload<DeviceRegistration>,
) -> Result<StatusCode, AppError> {
    if !is_uuid(&registration.device_id) {
        return Err(AppError::Invalid {
            field: "device_id",
            message: "a lower-case hyphenated UUID".into(),
        });
    }
    if !crate::signature::valid_public_key(&registration.public_key) {
        return Err(AppError::Invalid {
            field: "public_key",
            message: "an uncompressed P-256 point (65 bytes), base64url without padding".into(),
        });
    }
    let label: String = registration
        .label
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect();
    let outcome = state
        .store
        .register_device(
            &caller.who,
            caller.session.account_id,
            &registration.device_id,
            &registration.public_key,
            &label,
        )
        .await?;
    match outcome {
        Registered::New => Ok(StatusCode::CREATED),
        Registered::Again => Ok(StatusCode::OK),
        Registered::Taken => Err(AppError::DeviceIdTaken),
    }
}

/// Whether this device was revoked, and what it must then do. Only the device's own account may ask.
#[utoipa::path(get, path = "/devices/{id}", tag = "devices",
    params(("id" = String, Path, description = "The device's UUID")),
    responses(
        (status = 200, description = "The device's standing", body = DeviceStatus),
        (status = 400, description = "Not a UUID", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an officer or spoc account, or the password must be changed first", body = ErrorBody),
        (status = 404, description = "No such device for this account", body = ErrorBody),
    ))]
async fn status(
    State(state): State<AppState>,
    Submitter(caller): Submitter,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<DeviceStatus>, AppError> {
    let id = uuid_path(id)?;
    match state.store.device_key(&id).await? {
        Some(key) if key.account_id == caller.session.account_id => Ok(Json(key.status)),
        _ => Err(AppError::DeviceNotFound),
    }
}

/// Every device, newest first.
#[utoipa::path(get, path = "/devices", tag = "devices",
    responses(
        (status = 200, description = "Every device", body = Vec<Device>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
    ))]
async fn list(State(state): State<AppState>, _: Admin) -> Result<Json<Vec<Device>>, AppError> {
    Ok(Json(state.store.devices().await?))
}

/// Revoke a device. At its next contact it wipes its local data: after delivering its queue, or at
/// once with `discard_queue` (the desk then refuses what it still sends).
#[utoipa::path(post, path = "/devices/{id}/revoke", tag = "devices", request_body = Revocation,
    params(("id" = String, Path, description = "The device's UUID")),
    responses(
        (status = 200, description = "Revoked", body = Device),
        (status = 400, description = "Not a UUID", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such device", body = ErrorBody),
    ))]
async fn revoke(
    State(state): State<AppState>,
    Admin(caller): Admin,
    id: Result<Path<String>, PathRejection>,
    Payload(revocation): Payload<Revocation>,
) -> Result<Json<Device>, AppError> {
    let id = uuid_path(id)?;
    state
        .store
        .revoke_device(&caller.who, &id, revocation.discard_queue)
        .await?
        .map(Json)
        .ok_or(AppError::DeviceNotFound)
}
