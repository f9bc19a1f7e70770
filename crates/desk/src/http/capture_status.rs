//! `POST /captures/status`: what the SPOC did with the caller's own captures, for the officer's
//! device. Status, rejection reason and time of the last change only: nothing of what was captured
//! goes back to the phone, and an id that is not the caller's is answered as if it did not exist.

use axum::extract::State;
use axum::Json;
use spoc_core::api::{ErrorBody, StatusRequest, StatusResponse, MAX_STATUS_IDS};
use spoc_core::validate::is_uuid;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::json_body::Payload;
use crate::auth::Submitter;
use crate::error::AppError;
use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(statuses))
}

/// The workflow status of each of the caller's own captures among `ids` (any account that sends
/// captures: officer or spoc). An unknown id and another account's id are both simply left out of
/// the answer.
#[utoipa::path(post, path = "/captures/status", tag = "captures", request_body = StatusRequest,
    responses(
        (status = 200, description = "The statuses of those ids that are the caller's own captures, in server order; every other id is left out", body = StatusResponse),
        (status = 400, description = "Not JSON", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "An admin account, or the password must be changed first", body = ErrorBody),
        (status = 422, description = "Not `{\"ids\":[…]}` (`invalid_shape`), or the list is empty, holds more than 100 ids, or an id that is not a lower-case hyphenated UUID (`invalid_ids`, `field` names the list or the id's place in it)", body = ErrorBody),
        (status = 503, description = "Storage unavailable; retry", body = ErrorBody),
    ))]
async fn statuses(
    State(state): State<AppState>,
    Submitter(caller): Submitter,
    Payload(request): Payload<StatusRequest>,
) -> Result<Json<StatusResponse>, AppError> {
    let ids = checked_ids(request.ids)?;
    let statuses = state.store.statuses(&caller.who, &ids).await?;
    Ok(Json(StatusResponse { statuses }))
}

/// The ids, each once, if the list is one a device could send.
fn checked_ids(mut ids: Vec<String>) -> Result<Vec<String>, AppError> {
    let refuse = |field: String, message: String| Err(AppError::BadIds { field, message });
    if ids.is_empty() {
        return refuse("ids".into(), "ask for at least one capture id".into());
    }
    if ids.len() > MAX_STATUS_IDS {
        return refuse(
            "ids".into(),
            format!(
                "at most {MAX_STATUS_IDS} ids in one request; this one has {}",
                ids.len()
            ),
        );
    }
    if let Some(bad) = ids.iter().position(|id| !is_uuid(id)) {
        return refuse(
            format!("ids[{bad}]"),
            "a capture id is a lower-case hyphenated UUID".into(),
        );
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}
