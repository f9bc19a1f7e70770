//! `GET /openapi.json`: the OpenAPI 3 document, collected by utoipa-axum from the very handlers and
//! routes that serve the API, so the document cannot drift from what the desk does.

use std::sync::Arc;

use axum::Extension;
use axum::Json;
use utoipa::openapi::OpenApi as OpenApiDoc;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::AppError;
use crate::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "SPOC desk API",
        description = "Receives field captures exactly once and serves the SPOC desk. Errors are always \
            `{\"error\":{\"code\",\"message\",\"field\"}}`; request bodies are at most 32 KiB, guidance packs 1 MiB, captures and batches 16 MiB. \
            Captures are sealed to the key from `GET /seal-key` (see `SealedSubmission`). \
            Every endpoint but health, guidance, the seal key, this document and sign-in needs the session cookie \
            `__Host-spoc_session` set by `POST /session`; roles: officer (ingest, own receipts and statuses), spoc \
            (everything under /desk, any capture), admin (accounts, journal)."
    ),
    tags(
        (name = "captures", description = "Ingest and read captures"),
        (name = "session", description = "Sign in and out"),
        (name = "accounts", description = "Local accounts (admin)"),
        (name = "desk", description = "The SPOC desk: inbox, detail, workflow, links, deadlines, exports (spoc)"),
        (name = "journal", description = "The hash-chained journal (admin)"),
        (name = "devices", description = "Device signing keys and revocation"),
        (name = "guidance", description = "The guidance pack the field app works from"),
        (name = "sealing", description = "The SPOC's public key, which devices seal captures to"),
        (name = "health", description = "Liveness"),
        (name = "meta", description = "This document"),
    )
)]
pub struct ApiDoc;

/// The document is handed to its handler as an extension once all routes are known (see
/// [`super::api`]).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(openapi_json))
}

/// This OpenAPI document.
#[utoipa::path(get, path = "/openapi.json", tag = "meta",
    responses((status = 200, description = "OpenAPI 3 document", content_type = "application/json")))]
async fn openapi_json(Extension(doc): Extension<Arc<OpenApiDoc>>) -> Json<OpenApiDoc> {
    Json(doc.as_ref().clone())
}

/// Answers that come from shared machinery rather than from a handler, added to every operation they
/// apply to, from the very errors that machinery returns (so the document cannot drift from it):
/// the JSON extractors' refusals ([`super::json_body::rejections`]) on every operation that takes a
/// body, and the cross-site refusal ([`super::same_origin`]) on every state-changing one.
pub fn add_shared_answers(doc: &mut OpenApiDoc) {
    use utoipa::openapi::path::Operation;
    let body_answers = super::json_body::rejections(super::json_body::SMALL_BODY);
    for item in doc.paths.paths.values_mut() {
        let changing = [&mut item.post, &mut item.put, &mut item.patch, &mut item.delete];
        for operation in changing.into_iter().flatten() {
            let operation: &mut Operation = operation;
            if operation.request_body.is_some() {
                for answer in &body_answers {
                    add_answer(operation, answer);
                }
            }
            add_answer(operation, &AppError::CrossSite);
        }
    }
}

/// Lists `error` under its status: a new response, or its code added to the one already there.
fn add_answer(operation: &mut utoipa::openapi::path::Operation, error: &AppError) {
    use utoipa::openapi::{Content, RefOr, Response};
    let status = error.status().as_u16().to_string();
    let said = format!("`{}`: {}", error.code(), error.detail().message);
    match operation.responses.responses.get_mut(&status) {
        Some(RefOr::T(existing)) => {
            if !existing.description.contains(&format!("`{}`", error.code())) {
                existing.description = format!("{}; or {said}", existing.description);
            }
        }
        Some(RefOr::Ref(_)) => {}
        None => {
            let mut response = Response::new(said);
            response.content.insert(
                "application/json".into(),
                Content::new(Some(RefOr::Ref(utoipa::openapi::Ref::from_schema_name(
                    "ErrorBody",
                )))),
            );
            operation.responses.responses.insert(status, RefOr::T(response));
        }
    }
}
