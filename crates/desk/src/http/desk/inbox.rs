//! `GET /desk/inbox`: open captures first, threat to life on top, then by urgency, then newest — a
//! page at a time. Each page ends with the cursor of the next (`next`), so paging holds however many
//! captures there are and whatever arrives meanwhile.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::Json;
use serde::Deserialize;
use spoc_core::api::ErrorBody;
use spoc_core::desk::{Account, Inbox, Role};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::FilterQuery;
use crate::auth::Spoc;
use crate::error::AppError;
use crate::store::InboxCursor;
use crate::AppState;

/// Lines per page unless `limit` says otherwise, and the most a page holds.
pub const PAGE: i64 = 50;
pub const MAX_PAGE: i64 = 500;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(inbox))
        .routes(routes!(operators))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// The `next` of the page before; none for the first page.
    pub after: Option<String>,
    /// Lines on this page: 1 to 500 (50 if not given).
    pub limit: Option<String>,
}

impl PageQuery {
    fn cursor(&self) -> Result<Option<InboxCursor>, AppError> {
        match self.after.as_deref() {
            None | Some("") => Ok(None),
            Some(text) => text.parse().map(Some).map_err(|()| AppError::BadQuery {
                field: "after",
                message: "not a cursor this inbox gave (use the `next` of the page before)".into(),
            }),
        }
    }

    fn limit(&self) -> Result<i64, AppError> {
        match self.limit.as_deref() {
            None | Some("") => Ok(PAGE),
            Some(text) => text
                .parse::<i64>()
                .ok()
                .filter(|n| (1..=MAX_PAGE).contains(n))
                .ok_or(AppError::BadQuery {
                    field: "limit",
                    message: format!("a whole number from 1 to {MAX_PAGE}"),
                }),
        }
    }
}

/// A page of the inbox, filtered. Each line says how many other captures share an identifier with
/// it; `next` is the `after` of the next page, or null on the last.
#[utoipa::path(get, path = "/desk/inbox", tag = "desk", params(FilterQuery, PageQuery),
    responses(
        (status = 200, description = "A page of captures, most urgent first, then newest", body = Inbox),
        (status = 400, description = "A filter value that is not a known code, a cursor this inbox did not give, or a limit out of range", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a spoc account", body = ErrorBody),
    ))]
async fn inbox(
    State(state): State<AppState>,
    Spoc(caller): Spoc,
    query: Result<Query<FilterQuery>, QueryRejection>,
    page: Result<Query<PageQuery>, QueryRejection>,
) -> Result<Json<Inbox>, AppError> {
    let Query(query) = query?;
    let Query(page) = page?;
    let (filter, after, limit) = (query.filter()?, page.cursor()?, page.limit()?);
    let pack = state.guidance.pack(&state.store).await?;
    let page = state
        .store
        .inbox(&caller.who, filter, after, limit, &pack)
        .await?;
    Ok(Json(Inbox {
        items: page.items,
        next: page.next.map(|cursor| cursor.to_string()),
    }))
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
