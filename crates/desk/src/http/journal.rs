//! `GET /journal`: the journal for admins, newest first, page by page.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::Json;
use serde::Deserialize;
use spoc_core::api::ErrorBody;
use spoc_core::desk::JournalEntry;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::Admin;
use crate::error::AppError;
use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(journal))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Entries older than this sequence number (for the next page).
    pub before: Option<i64>,
    /// At most this many (1-1000, default 200).
    pub limit: Option<i64>,
}

/// Journal entries, newest first.
#[utoipa::path(get, path = "/journal", tag = "journal", params(PageQuery),
    responses(
        (status = 200, description = "Entries, newest first", body = Vec<JournalEntry>),
        (status = 400, description = "Bad paging values", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
    ))]
async fn journal(
    State(state): State<AppState>,
    _: Admin,
    query: Result<Query<PageQuery>, QueryRejection>,
) -> Result<Json<Vec<JournalEntry>>, AppError> {
    let Query(query) = query?;
    let limit = query.limit.unwrap_or(200);
    if !(1..=1000).contains(&limit) {
        return Err(AppError::BadQuery {
            field: "limit",
            message: "1 to 1000".into(),
        });
    }
    Ok(Json(state.store.journal_page(query.before, limit).await?))
}
