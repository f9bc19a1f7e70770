//! Who is asking: the session cookie, the account's role, and where the request came from.
//!
//! Each extractor is a role requirement, so a handler's signature says who may call it and the check
//! cannot be forgotten inside it: `Spoc` for the desk views, `Admin` for accounts, `Submitter` for
//! ingest, `Signed` for anyone signed in. A session with a one-time password may only change it.

pub mod cookie;
pub mod throttle;

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use spoc_core::desk::Role;

use crate::error::AppError;
use crate::store::{SignedIn, Who};
use crate::AppState;

/// The client's address as the socket saw it. Behind a reverse proxy this is the proxy; see README.
pub struct Source(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Source {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Source(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|info| info.0.ip().to_string())
                .unwrap_or_else(|| "unknown".into()),
        ))
    }
}

/// Any valid session, even one that must still change its password.
pub struct AnySession {
    pub session: SignedIn,
    pub who: Who,
}

impl FromRequestParts<AppState> for AnySession {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let token = cookie::session_token(&parts.headers).ok_or(AppError::SignedOut)?;
        let session = state
            .store
            .session(&token, state.sessions)
            .await?
            .ok_or(AppError::SignedOut)?;
        let Source(source) = Source::from_request_parts(parts, state)
            .await
            .unwrap_or(Source("unknown".into()));
        let who = Who {
            account_id: Some(session.account_id),
            name: session.username.clone(),
            source,
        };
        Ok(AnySession { session, who })
    }
}

async fn with_role(parts: &mut Parts, state: &AppState, roles: &[Role]) -> Result<AnySession, AppError> {
    let caller = AnySession::from_request_parts(parts, state).await?;
    if caller.session.must_change_password {
        return Err(AppError::PasswordChangeRequired);
    }
    if !roles.contains(&caller.session.role) {
        return Err(AppError::Forbidden);
    }
    Ok(caller)
}

macro_rules! role_extractor {
    ($(#[$doc:meta])* $name:ident, $($role:expr),+) => {
        $(#[$doc])*
        pub struct $name(pub AnySession);

        impl FromRequestParts<AppState> for $name {
            type Rejection = AppError;

            async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
                with_role(parts, state, &[$($role),+]).await.map($name)
            }
        }
    };
}

role_extractor!(
    /// Anyone signed in whose password is their own.
    Signed, Role::Officer, Role::Spoc, Role::Admin
);
role_extractor!(
    /// Sends captures: officers, and SPOC operators taking a case by phone.
    Submitter, Role::Officer, Role::Spoc
);
role_extractor!(
    /// Reads and works every capture.
    Spoc, Role::Spoc
);
role_extractor!(
    /// Manages accounts and reads the journal; reads no capture.
    Admin, Role::Admin
);
