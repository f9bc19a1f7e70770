//! `GET /desk/inbox`: open captures first, threat to life on top, then by urgency, then newest.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::Json;
use spoc_core::api::ErrorBody;
use spoc_core::desk::{Account, Inbox, Role};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::FilterQuery;
use crate::auth::Spoc;
use crate::error::AppError;
use crate::AppState;

/// The inbox shows this many lines; filters narrow it, exports are not limited.
const INBOX_LIMIT: i64 = 500;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(inbox))
        .routes(routes!(operators))
}

/// The inbox, filtered. Each line says how many other captures share an identifier with it.
#[utoipa::path(get, path = "/desk/inbox", tag = "desk", params(FilterQuery),
    responses(
        (status = 200, description = "At most 500 captures, most urgent first", body = Inbox),
        (status = 400, description = "A filter value that is not a known code", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a spoc account", body = ErrorBody),
    ))]
async fn inbox(
    State(state): State<AppState>,
    Spoc(caller): Spoc,
    query: Result<Query<FilterQuery>, QueryRejection>,
) -> Result<Json<Inbox>, AppError> {
    let Query(query) = query?;
    let items = state
        .store
        .inbox(&caller.who, query.filter()?, INBOX_LIMIT)
        .await?;
    Ok(Json(Inbox { items }))
}

/// The spoc accounts a capture can be assigned to.
#[utoipa::path(get, path = "/desk/operators", tag = "desk",
    responses(
        (status = 200, description = "Enabled spoc accounts", body = Vec<Account>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a spoc account", body = ErrorBody),
    ))]
async fn operators(State(state): State<AppState>, _: Spoc) -> Result<Json<Vec<Account>>, AppError> {
    let mut accounts = state.store.accounts().await?;
    accounts.retain(|a| a.role == Role::Spoc && !a.disabled);
    Ok(Json(accounts))
}
