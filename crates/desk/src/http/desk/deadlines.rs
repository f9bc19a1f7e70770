//! `GET /desk/deadlines`: every recorded preservation with its expiry, soonest first.

use axum::extract::State;
use axum::Json;
use spoc_core::api::ErrorBody;
use spoc_core::desk::Deadlines;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::Spoc;
use crate::error::AppError;
use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(deadlines))
}

/// The deadlines board: overdue first, then soonest expiry; renewals due within 14 days are
/// `renew_now`; providers without a known period last. Rejected captures are left out.
#[utoipa::path(get, path = "/desk/deadlines", tag = "desk",
    responses(
        (status = 200, description = "Every deadline", body = Deadlines),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a spoc account", body = ErrorBody),
    ))]
async fn deadlines(State(state): State<AppState>, Spoc(caller): Spoc) -> Result<Json<Deadlines>, AppError> {
    let deadlines = state
        .store
        .deadlines(&caller.who, &*state.guidance.pack(&state.store).await?)
        .await?;
    Ok(Json(Deadlines { deadlines }))
}
