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

/// The client's address, for the journal and the sign-in throttle: the socket's peer, or, when that
/// peer is the configured reverse proxy, the address the proxy appended last to `X-Forwarded-For`
/// (earlier entries are the client's own claims and are not trusted).
pub struct Source(pub String);

impl FromRequestParts<AppState> for Source {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| info.0.ip());
        let forwarded = || {
            parts
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|value| value.to_str().ok())
                .flat_map(|value| value.split(','))
                .last()
                .and_then(|hop| hop.trim().parse::<std::net::IpAddr>().ok())
        };
        let client = match peer {
            Some(peer) if state.trusted_proxy == Some(peer) => forwarded().unwrap_or(peer),
            Some(peer) => peer,
            None => return Ok(Source("unknown".into())),
        };
        Ok(Source(client.to_string()))
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
