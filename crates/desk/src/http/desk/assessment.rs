//! The first assessment on one capture: resolving a short link into what it points to (typed in by
//! the operator after looking it up at the SPOC, parsed by spoc-core exactly as on ingest), and
//! marking the assessment done with a note. Both answer the capture's detail as it now stands.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::Json;
use spoc_core::api::ErrorBody;
use spoc_core::desk::{link_key, CaptureDetail, NewAssessment, ShortLinkResolution};
use spoc_core::{Identifier, Lang};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::capture::{changed, operator_note};
use crate::auth::Spoc;
use crate::error::AppError;
use crate::http::json_body::Payload;
use crate::http::uuid_path;
use crate::store::{AssessOutcome, ResolveOutcome};
use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(resolve_short_link))
        .routes(routes!(assess))
}

/// Resolve one of the capture's short links into the identifier it points to; the capture links by
/// it from then on.
#[utoipa::path(post, path = "/desk/captures/{id}/short-links", tag = "desk", request_body = ShortLinkResolution,
    params(("id" = String, Path, description = "The capture's UUID")),
    responses(
        (status = 200, description = "Resolved; the capture as it now stands", body = CaptureDetail),
        (status = 400, description = "Not a lower-case hyphenated UUID", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a spoc account", body = ErrorBody),
        (status = 404, description = "No such capture", body = ErrorBody),
        (status = 409, description = "This short link was resolved already; nothing changed", body = ErrorBody),
        (status = 422, description = "The capture holds no such short link, or the typed text is not an identifier that links (the message says why)", body = ErrorBody),
    ))]
async fn resolve_short_link(
    State(state): State<AppState>,
    Spoc(caller): Spoc,
    id: Result<Path<String>, PathRejection>,
    Payload(resolution): Payload<ShortLinkResolution>,
) -> Result<Json<CaptureDetail>, AppError> {
    let id = uuid_path(id)?;
    let identifier =
        Identifier::parse(&resolution.resolved, resolution.platform).map_err(|e| AppError::Invalid {
            field: "resolved",
            message: e.message(Lang::En),
        })?;
    if link_key(&identifier).is_none() {
        return Err(AppError::Invalid {
            field: "resolved",
            message: "a short link again: type the account or content it leads to".into(),
        });
    }
    match state
        .store
        .resolve_short_link(&caller.who, &id, &resolution.short_link, &identifier)
        .await?
    {
        ResolveOutcome::Resolved => changed(&state, &caller, &id).await,
        ResolveOutcome::NoCapture => Err(AppError::CaptureNotFound),
        ResolveOutcome::NotItsShortLink => Err(AppError::Invalid {
            field: "short_link",
            message: "the capture holds no short link written exactly so".into(),
        }),
        ResolveOutcome::AlreadyResolved => Err(AppError::AlreadyDone("this short link was resolved already")),
    }
}

/// Mark the capture's first assessment done, with a note.
#[utoipa::path(post, path = "/desk/captures/{id}/assessment", tag = "desk", request_body = NewAssessment,
    params(("id" = String, Path, description = "The capture's UUID")),
    responses(
        (status = 200, description = "Marked done; the capture as it now stands", body = CaptureDetail),
        (status = 400, description = "Not a lower-case hyphenated UUID", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a spoc account", body = ErrorBody),
        (status = 404, description = "No such capture", body = ErrorBody),
        (status = 409, description = "The first assessment was marked done already; nothing changed", body = ErrorBody),
        (status = 422, description = "The note is empty or longer than 4,000 characters", body = ErrorBody),
    ))]
async fn assess(
    State(state): State<AppState>,
    Spoc(caller): Spoc,
    id: Result<Path<String>, PathRejection>,
    Payload(assessment): Payload<NewAssessment>,
) -> Result<Json<CaptureDetail>, AppError> {
    let id = uuid_path(id)?;
    let note = operator_note("note", &assessment.note)?;
    match state.store.assess(&caller.who, &id, note).await? {
        AssessOutcome::Done => changed(&state, &caller, &id).await,
        AssessOutcome::NoCapture => Err(AppError::CaptureNotFound),
        AssessOutcome::AlreadyDone => Err(AppError::AlreadyDone(
            "the first assessment was marked done already",
        )),
    }
}
