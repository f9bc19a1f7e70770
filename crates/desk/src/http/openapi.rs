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
        description = "Receives field captures exactly once. Errors are always \
            `{\"error\":{\"code\",\"message\",\"field\"}}`; request bodies are at most 16 MiB."
    ),
    tags(
        (name = "captures", description = "Ingest and read captures"),
        (name = "guidance", description = "The guidance pack the field app works from"),
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
