//! One capture on the desk: its detail, workflow moves, assignment and notes. Each answer is the
//! capture's detail as it now stands, and each change is announced to open inboxes.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::Json;
use spoc_core::api::ErrorBody;
use spoc_core::desk::{Assignment, CaptureDetail, NewNote, Role, StatusChange};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::{AnySession, Spoc};
use crate::error::AppError;
use crate::http::json_body::Payload;
use crate::http::uuid_path;
use crate::store::MoveOutcome;
use crate::AppState;

/// Notes are for the SPOC's own working remarks, not for pasting evidence.
const MAX_NOTE_CHARS: usize = 4000;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(detail))
        .routes(routes!(move_status))
        .routes(routes!(assign))
        .routes(routes!(add_note))
}

/// Everything about one capture: as captured, its receipt, workflow, notes, links and deadlines.
#[utoipa::path(get, path = "/desk/captures/{id}", tag = "desk",
    params(("id" = String, Path, description = "The capture's UUID")),
    responses(
        (status = 200, description = "The capture in full", body = CaptureDetail),
        (status = 400, description = "Not a lower-case hyphenated UUID", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a spoc account", body = ErrorBody),
        (status = 404, description = "No such capture", body = ErrorBody),
    ))]
async fn detail(
    State(state): State<AppState>,
    Spoc(caller): Spoc,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<CaptureDetail>, AppError> {
    let id = uuid_path(id)?;
    let pack = state.guidance.pack(&state.store).await?;
    let mut detail = state
        .store
        .detail(&caller.who, &id, &pack)
        .await?
        .ok_or(AppError::CaptureNotFound)?;
    state.guidance.fill(&state.store, &mut detail).await?;
    Ok(Json(detail))
}

/// Move a capture along the workflow. `from` must be its status now, or the answer is 409.
#[utoipa::path(post, path = "/desk/captures/{id}/status", tag = "desk", request_body = StatusChange,
    params(("id" = String, Path, description = "The capture's UUID")),
    responses(
        (status = 200, description = "Moved; the capture as it now stands", body = CaptureDetail),
        (status = 400, description = "Not a lower-case hyphenated UUID", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a spoc account", body = ErrorBody),
        (status = 404, description = "No such capture", body = ErrorBody),
        (status = 409, description = "Someone moved it first; nothing changed", body = ErrorBody),
        (status = 422, description = "Not an allowed move, or a rejection without a reason", body = ErrorBody),
    ))]
async fn move_status(
    State(state): State<AppState>,
    Spoc(caller): Spoc,
    id: Result<Path<String>, PathRejection>,
    Payload(change): Payload<StatusChange>,
) -> Result<Json<CaptureDetail>, AppError> {
    let id = uuid_path(id)?;
    change
        .from
        .check_move(change.to, &change.reason)
        .map_err(|e| AppError::Invalid {
            field: "to",
            message: e.to_string(),
        })?;
    match state.store.move_status(&caller.who, &id, &change).await? {
        MoveOutcome::Moved => changed(&state, &caller, &id).await,
        MoveOutcome::NotFound => Err(AppError::CaptureNotFound),
        MoveOutcome::Stale { current } => Err(AppError::StatusChanged {
            current: current.code(),
        }),
    }
}

/// Assign a capture to a spoc operator, or unassign it (`null`).
#[utoipa::path(put, path = "/desk/captures/{id}/assignee", tag = "desk", request_body = Assignment,
    params(("id" = String, Path, description = "The capture's UUID")),
    responses(
        (status = 200, description = "Assigned; the capture as it now stands", body = CaptureDetail),
        (status = 400, description = "Not a lower-case hyphenated UUID", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a spoc account", body = ErrorBody),
        (status = 404, description = "No such capture", body = ErrorBody),
        (status = 422, description = "The assignee is not an enabled spoc account", body = ErrorBody),
    ))]
async fn assign(
    State(state): State<AppState>,
    Spoc(caller): Spoc,
    id: Result<Path<String>, PathRejection>,
    Payload(assignment): Payload<Assignment>,
) -> Result<Json<CaptureDetail>, AppError> {
    let id = uuid_path(id)?;
    let assignee = match &assignment.assignee {
        None => None,
        Some(name) => {
            let account = state.store.account(name).await?;
            match account {
                Some(row) if row.account.role == Role::Spoc && !row.account.disabled => Some(row.id),
                _ => {
                    return Err(AppError::Invalid {
                        field: "assignee",
                        message: "only an enabled spoc account can be assigned".into(),
                    })
                }
            }
        }
    };
    let name = assignment.assignee.as_deref().unwrap_or("-");
    state
        .store
        .assign(&caller.who, &id, assignee, name)
        .await?
        .ok_or(AppError::CaptureNotFound)?;
    changed(&state, &caller, &id).await
}

/// Add a working note.
#[utoipa::path(post, path = "/desk/captures/{id}/notes", tag = "desk", request_body = NewNote,
    params(("id" = String, Path, description = "The capture's UUID")),
    responses(
        (status = 200, description = "Added; the capture as it now stands", body = CaptureDetail),
        (status = 400, description = "Not a lower-case hyphenated UUID", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a spoc account", body = ErrorBody),
        (status = 404, description = "No such capture", body = ErrorBody),
        (status = 422, description = "Empty, or longer than 4,000 characters", body = ErrorBody),
    ))]
async fn add_note(
    State(state): State<AppState>,
    Spoc(caller): Spoc,
    id: Result<Path<String>, PathRejection>,
    Payload(note): Payload<NewNote>,
) -> Result<Json<CaptureDetail>, AppError> {
    let id = uuid_path(id)?;
    let text = operator_note("text", &note.text)?;
    state
        .store
        .add_note(&caller.who, &id, text)
        .await?
        .ok_or(AppError::CaptureNotFound)?;
    changed(&state, &caller, &id).await
}

/// An operator's note (a working note, or the first assessment's), trimmed: 1 to 4,000 characters,
/// or a 422 naming `field`.
pub(super) fn operator_note<'a>(field: &'static str, text: &'a str) -> Result<&'a str, AppError> {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > MAX_NOTE_CHARS {
        return Err(AppError::Invalid {
            field,
            message: "a note is 1 to 4000 characters".into(),
        });
    }
    Ok(text)
}

/// The capture as it now stands (the store told open inboxes of the change when it committed).
pub(super) async fn changed(
    state: &AppState,
    caller: &AnySession,
    id: &str,
) -> Result<Json<CaptureDetail>, AppError> {
    let pack = state.guidance.pack(&state.store).await?;
    let mut detail = state
        .store
        .detail(&caller.who, id, &pack)
        .await?
        .ok_or(AppError::CaptureNotFound)?;
    state.guidance.fill(&state.store, &mut detail).await?;
    Ok(Json(detail))
}
