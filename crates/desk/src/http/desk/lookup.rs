//! `GET /desk/lookup`: every capture that holds a pasted identifier. The text is parsed by spoc-core,
//! exactly as on ingest, so any way of writing an account finds it.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::Json;
use serde::Deserialize;
use spoc_core::api::ErrorBody;
use spoc_core::desk::{link_key, LookupResult};
use spoc_core::{Identifier, Lang, Platform};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::Spoc;
use crate::error::AppError;
use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(lookup))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LookupQuery {
    /// The identifier as pasted: a URL, a handle, a phone number…
    pub q: String,
    /// A platform code, for text that names no platform (`@some.user`).
    pub platform: Option<String>,
}

/// Find every capture holding an identifier.
#[utoipa::path(get, path = "/desk/lookup", tag = "desk", params(LookupQuery),
    responses(
        (status = 200, description = "The identifier as understood, and the captures holding it", body = LookupResult),
        (status = 400, description = "No `q`, or an unknown platform code", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a spoc account", body = ErrorBody),
        (status = 422, description = "The text is not an identifier (the message says why), or one that never links (a short link)", body = ErrorBody),
    ))]
async fn lookup(
    State(state): State<AppState>,
    Spoc(caller): Spoc,
    query: Result<Query<LookupQuery>, QueryRejection>,
) -> Result<Json<LookupResult>, AppError> {
    let Query(query) = query.map_err(|_| AppError::BadQuery {
        field: "q",
        message: "paste an identifier".into(),
    })?;
    let hint = match query.platform.as_deref() {
        None | Some("") => None,
        Some(code) => Some(Platform::from_code(code).ok_or(AppError::BadQuery {
            field: "platform",
            message: "not a known code".into(),
        })?),
    };
    let identifier = Identifier::parse(&query.q, hint).map_err(|e| AppError::Invalid {
        field: "q",
        message: e.message(Lang::En),
    })?;
    let key = link_key(&identifier).ok_or(AppError::Invalid {
        field: "q",
        message: "a short link must be resolved first; it links to nothing as it is".into(),
    })?;
    let captures = state.store.lookup(&caller.who, &key).await?;
    Ok(Json(LookupResult { identifier, captures }))
}
