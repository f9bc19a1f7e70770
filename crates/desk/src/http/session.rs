//! `/session`: sign in, who am I, sign out, change my password.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{AppendHeaders, IntoResponse};
use axum::Json;
use spoc_core::api::ErrorBody;
use spoc_core::desk::{password_problem, LoginRequest, Me, PasswordChange};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::json_body::Payload;
use crate::auth::throttle::Refusal;
use crate::auth::{cookie, AnySession, Source};
use crate::error::AppError;
use crate::store::{LoginOutcome, SignedIn};
use crate::{password, AppState};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login, current, logout))
        .routes(routes!(change_password))
}

/// Sign in. The answer sets the `__Host-spoc_session` cookie (HttpOnly, Secure, SameSite=Strict).
#[utoipa::path(post, path = "/session", tag = "session", request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = Me),
        (status = 401, description = "Unknown username, wrong password or disabled account (one answer for all)", body = ErrorBody),
        (status = 422, description = "Not a sign-in request", body = ErrorBody),
        (status = 429, description = "Too many failed attempts for this username within 15 minutes; see Retry-After", body = ErrorBody),
    ))]
async fn login(
    State(state): State<AppState>,
    Source(source): Source,
    Payload(request): Payload<LoginRequest>,
) -> Result<impl IntoResponse, AppError> {
    let attempt = match state.throttle.before(&request.username, &source).await {
        Ok(attempt) => attempt,
        Err(Refusal::TooMany(wait)) => return Err(AppError::TooManyAttempts(wait.as_secs().max(1))),
        Err(Refusal::Store(error)) => return Err(error.into()),
    };
    // A password longer than any we accept is not worth hashing (and would cost the desk).
    let outcome = if request.password.len() > spoc_core::desk::MAX_PASSWORD_BYTES {
        LoginOutcome::Refused
    } else {
        state
            .store
            .login(&source, &request.username, request.password)
            .await?
    };
    match outcome {
        LoginOutcome::SignedIn { token, session } => {
            state.throttle.succeeded(&request.username).await?;
            tracing::info!(role = session.role.code(), "signed in");
            Ok((
                AppendHeaders([(header::SET_COOKIE, cookie::set(&token, state.sessions.absolute))]),
                Json(me(&session)),
            ))
        }
        LoginOutcome::Refused => {
            state.throttle.failed(&request.username, &source).await?;
            // An address with many failures is slowed, never refused (see auth::throttle).
            tokio::time::sleep(attempt.failure_delay).await;
            Err(AppError::BadCredentials)
        }
    }
}

/// The signed-in account.
#[utoipa::path(get, path = "/session", tag = "session",
    responses(
        (status = 200, description = "Signed in as", body = Me),
        (status = 401, description = "Not signed in, or the session ended", body = ErrorBody),
    ))]
async fn current(caller: AnySession) -> Json<Me> {
    Json(me(&caller.session))
}

/// Sign out: the session ends on the desk and the cookie is cleared.
#[utoipa::path(delete, path = "/session", tag = "session",
    responses(
        (status = 204, description = "Signed out"),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ))]
async fn logout(State(state): State<AppState>, caller: AnySession) -> Result<impl IntoResponse, AppError> {
    state
        .store
        .logout(&caller.who, &caller.session.token_hash)
        .await?;
    Ok((
        StatusCode::NO_CONTENT,
        AppendHeaders([(header::SET_COOKIE, cookie::clear())]),
    ))
}

/// Change the signed-in account's password (required after a one-time password). Other sessions of
/// the account end; this one goes on.
#[utoipa::path(put, path = "/session/password", tag = "session", request_body = PasswordChange,
    responses(
        (status = 204, description = "Changed"),
        (status = 401, description = "Not signed in, or the current password is wrong", body = ErrorBody),
        (status = 422, description = "The new password is too short, too long or the same as the old", body = ErrorBody),
    ))]
async fn change_password(
    State(state): State<AppState>,
    caller: AnySession,
    Payload(change): Payload<PasswordChange>,
) -> Result<StatusCode, AppError> {
    if let Some(problem) = password_problem(&change.new_password) {
        return Err(AppError::Invalid {
            field: "new_password",
            message: problem.into(),
        });
    }
    if change.new_password == change.current_password {
        return Err(AppError::Invalid {
            field: "new_password",
            message: "the new password must differ from the current one".into(),
        });
    }
    let account = state
        .store
        .account(&caller.session.username)
        .await?
        .ok_or(AppError::SignedOut)?;
    if !password::verify(Some(account.password_hash), change.current_password).await {
        return Err(AppError::BadCredentials);
    }
    let hash = password::hash(change.new_password).await?;
    state
        .store
        .set_password(
            &caller.who,
            &caller.session.username,
            &hash,
            false,
            Some(&caller.session.token_hash),
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

fn me(session: &SignedIn) -> Me {
    Me {
        username: session.username.clone(),
        display_name: session.display_name.clone(),
        role: session.role,
        must_change_password: session.must_change_password,
    }
}
