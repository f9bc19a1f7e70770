//! The session cookie. `__Host-` makes the browser refuse it unless it is Secure, has `Path=/` and no
//! Domain, so no other host or path can plant or read it; HttpOnly keeps it from script; SameSite=Strict
//! keeps it off every request another site starts. Browsers treat http://127.0.0.1 and localhost as
//! secure, so the same cookie works in development.

use std::time::Duration;

use axum::http::{header, HeaderMap, HeaderValue};

pub const NAME: &str = "__Host-spoc_session";

pub fn session_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == NAME)
        .map(|(_, token)| token.to_string())
        .filter(|token| token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit()))
}

pub fn set(token: &str, lifetime: Duration) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{NAME}={token}; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age={}",
        lifetime.as_secs()
    ))
    .unwrap_or_else(|_| clear())
}

pub fn clear() -> HeaderValue {
    HeaderValue::from_static("__Host-spoc_session=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0")
}
