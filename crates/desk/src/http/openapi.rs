//! `GET /openapi.json`: the OpenAPI 3 document, collected by utoipa-axum from the very handlers and
//! routes that serve the API, so the document cannot drift from what the desk does.

use std::sync::Arc;

use axum::Extension;
use axum::Json;
use utoipa::openapi::OpenApi as OpenApiDoc;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "SPOC desk API",
        description = "Receives field captures exactly once and serves the SPOC desk. Errors are always \
            `{\"error\":{\"code\",\"message\",\"field\"}}`; request bodies are at most 16 MiB. \
            Captures are sealed to the key from `GET /seal-key` (see `SealedSubmission`). \
            Every endpoint but health, guidance, the seal key, this document and sign-in needs the session cookie \
            `__Host-spoc_session` set by `POST /session`; roles: officer (ingest, own receipts), spoc \
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
