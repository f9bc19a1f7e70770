//! `/accounts`: an admin creates accounts (with a one-time password shown once), changes roles,
//! disables and re-enables them, and resets passwords.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use spoc_core::api::ErrorBody;
use spoc_core::desk::{valid_username, Account, AccountChange, CreatedAccount, NewAccount};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::json_body::Payload;
use crate::auth::Admin;
use crate::error::AppError;
use crate::{password, AppState};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(change))
        .routes(routes!(reset_password))
}

/// Every account.
#[utoipa::path(get, path = "/accounts", tag = "accounts",
    responses(
        (status = 200, description = "Every account", body = Vec<Account>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
    ))]
async fn list(State(state): State<AppState>, _: Admin) -> Result<Json<Vec<Account>>, AppError> {
    Ok(Json(state.store.accounts().await?))
}

/// Create an account with a one-time password, answered once and never stored in clear.
#[utoipa::path(post, path = "/accounts", tag = "accounts", request_body = NewAccount,
    responses(
        (status = 201, description = "Created", body = CreatedAccount),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 409, description = "The username is taken", body = ErrorBody),
        (status = 422, description = "Bad username or display name", body = ErrorBody),
    ))]
async fn create(
    State(state): State<AppState>,
    Admin(caller): Admin,
    Payload(new): Payload<NewAccount>,
) -> Result<(StatusCode, Json<CreatedAccount>), AppError> {
    if !valid_username(&new.username) {
        return Err(AppError::Invalid {
            field: "username",
            message: "a username is 2-64 characters: a-z first, then a-z, 0-9, '.', '-' or '_'".into(),
        });
    }
    let display_name = new.display_name.trim();
    if display_name.is_empty()
        || display_name.chars().count() > 100
        || display_name.chars().any(char::is_control)
    {
        return Err(AppError::Invalid {
            field: "display_name",
            message: "a display name is 1-100 characters without control characters".into(),
        });
    }
    let one_time_password = password::one_time_password()?;
    let hash = password::hash(one_time_password.clone()).await?;
    let account = state
        .store
        .create_account(&caller.who, &new.username, display_name, new.role, &hash, true)
        .await?
        .ok_or(AppError::UsernameTaken)?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedAccount {
            account,
            one_time_password,
        }),
    ))
}

/// Change an account's role or disable it; either ends its sessions.
#[utoipa::path(patch, path = "/accounts/{username}", tag = "accounts", request_body = AccountChange,
    params(("username" = String, Path)),
    responses(
        (status = 200, description = "Changed", body = Account),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such account", body = ErrorBody),
        (status = 422, description = "An admin cannot disable or demote their own account", body = ErrorBody),
    ))]
async fn change(
    State(state): State<AppState>,
    Admin(caller): Admin,
    Path(username): Path<String>,
    Payload(change): Payload<AccountChange>,
) -> Result<Json<Account>, AppError> {
    // The last admin locking themselves out would leave nobody to manage accounts.
    if username == caller.session.username
        && (change.disabled == Some(true) || change.role.is_some_and(|r| r != caller.session.role))
    {
        return Err(AppError::Invalid {
            field: "username",
            message: "an admin cannot disable or demote their own account".into(),
        });
    }
    state
        .store
        .change_account(&caller.who, &username, &change)
        .await?
        .map(Json)
        .ok_or(AppError::AccountNotFound)
}

/// A new one-time password for an account; its sessions end.
#[utoipa::path(post, path = "/accounts/{username}/password", tag = "accounts",
    params(("username" = String, Path)),
    responses(
        (status = 200, description = "The new one-time password, shown once", body = CreatedAccount),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such account", body = ErrorBody),
    ))]
async fn reset_password(
    State(state): State<AppState>,
    Admin(caller): Admin,
    Path(username): Path<String>,
) -> Result<Json<CreatedAccount>, AppError> {
    let one_time_password = password::one_time_password()?;
    let hash = password::hash(one_time_password.clone()).await?;
    let account = state
        .store
        .set_password(&caller.who, &username, &hash, true, None)
        .await?
        .ok_or(AppError::AccountNotFound)?;
    Ok(Json(CreatedAccount {
        account,
        one_time_password,
    }))
}
