//! `GET /desk/identifiers/{key}`: one identifier across every capture that names it, for the SPOC
//! hunting an offender who works across districts. The key is spoc-core's link key (as the
//! identifier page and the graph give it, percent-encoded in the path); text as pasted goes through
//! `/desk/lookup` first.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::Json;
use spoc_core::api::ErrorBody;
use spoc_core::desk::{is_link_key, IdentifierPage};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::Spoc;
use crate::error::AppError;
use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(identifier_page))
}

/// Every capture naming an identifier, with their districts, case types, first and last seen, the
/// other identifiers they name and the preservation deadlines for it.
#[utoipa::path(get, path = "/desk/identifiers/{key}", tag = "desk",
    params(("key" = String, Path, description = "A link key, e.g. `tiktok|username|@some.user` or `any|phone|+4520123456`, percent-encoded")),
    responses(
        (status = 200, description = "The identifier across every capture naming it", body = IdentifierPage),
        (status = 400, description = "Not a link key", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a spoc account", body = ErrorBody),
        (status = 404, description = "No capture names this identifier", body = ErrorBody),
    ))]
async fn identifier_page(
    State(state): State<AppState>,
    Spoc(caller): Spoc,
    key: Result<Path<String>, PathRejection>,
) -> Result<Json<IdentifierPage>, AppError> {
    let key = link_key_path(key)?;
    let pack = state.guidance.pack(&state.store).await?;
    let page = state
        .store
        .identifier_page(&caller.who, &key, &pack)
        .await?
        .ok_or(AppError::IdentifierNotFound)?;
    Ok(Json(page))
}

fn link_key_path(key: Result<Path<String>, PathRejection>) -> Result<String, AppError> {
    let bad = || AppError::BadQuery {
        field: "key",
        message: "not a link key (scope|kind|value, e.g. tiktok|username|@some.user)".into(),
    };
    let Path(key) = key.map_err(|_| bad())?;
    if is_link_key(&key) {
        Ok(key)
    } else {
        Err(bad())
    }
}
