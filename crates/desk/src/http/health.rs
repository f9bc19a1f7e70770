//! `GET /health`: for load balancers and the field app's "is the desk there" check. It touches the
//! database, so "ok" means a capture sent now would be stored.

use axum::extract::State;
use axum::Json;
use spoc_core::api::{ErrorBody, Health};
use spoc_core::SCHEMA_VERSION;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::AppError;
use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(health))
}

/// Liveness and storage check.
#[utoipa::path(get, path = "/health", tag = "health",
    responses(
        (status = 200, description = "Up, and the database answers", body = Health),
        (status = 503, description = "Storage unavailable", body = ErrorBody),
    ))]
async fn health(State(state): State<AppState>) -> Result<Json<Health>, AppError> {
    state.store.health_check().await?;
    Ok(Json(Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        schema_version: SCHEMA_VERSION,
    }))
}
