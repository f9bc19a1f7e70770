//! Cross-site request refusal. SameSite=Strict cookies and the JSON-only rule keep most forged
//! requests out, but not all: a sibling subdomain counts as the same *site* for SameSite, and an
//! endpoint that takes no body (an admin's password reset) is not covered by the JSON rule. So every
//! state-changing request (anything but GET, HEAD and OPTIONS) whose browser says it comes from
//! another site or origin is refused with 403 `cross_site`, before any handler runs.
//!
//! Browsers send `Sec-Fetch-Site` (Chromium, Firefox, Safari 16.4+) and `Origin` on such requests; a
//! request with neither comes from a program (the CLI, a test, an integration), not from a page a
//! victim's browser was lured to, and is let through to the usual session checks.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;
use crate::AppState;

pub async fn refuse_cross_site(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    // HTTP/2 (what browsers speak over TLS) has no `Host` header: the authority is in the URI.
    if !request.headers().contains_key(header::HOST) {
        if let Some(authority) = request.uri().authority().and_then(|a| a.as_str().parse().ok()) {
            request.headers_mut().insert(header::HOST, authority);
        }
    }
    if is_cross_site(
        request.method(),
        request.headers(),
        state.public_origin.as_deref(),
    ) {
        return AppError::CrossSite.into_response();
    }
    next.run(request).await
}

/// Whether a request changes state and its browser says it comes from elsewhere. `own_origin` is the
/// desk's configured public origin; without one the request's `Host` names the desk.
pub fn is_cross_site(method: &Method, headers: &HeaderMap, own_origin: Option<&str>) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    let text = |name| headers.get(name).map(|v| v.to_str().unwrap_or("\u{fffd}"));
    // `same-site` is a sibling subdomain: exactly what SameSite cookies do not stop.
    if let Some(site) = text(header::HeaderName::from_static("sec-fetch-site")) {
        if !matches!(site, "same-origin" | "none") {
            return true;
        }
    }
    let Some(origin) = text(header::ORIGIN) else {
        return false;
    };
    match own_origin {
        Some(own) => !origin.eq_ignore_ascii_case(own.trim_end_matches('/')),
        None => {
            // `null` (a sandboxed frame, a redirect) and anything without a scheme fall through to None.
            let authority = origin
                .strip_prefix("https://")
                .or_else(|| origin.strip_prefix("http://"));
            match (authority, text(header::HOST)) {
                (Some(authority), Some(host)) => !authority.eq_ignore_ascii_case(host),
                _ => true,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(name, value)| (header::HeaderName::from_static(name), value.parse().unwrap()))
            .collect()
    }

    #[test]
    fn only_the_desks_own_pages_change_state() {
        let post = Method::POST;
        let own = headers(&[
            ("host", "desk.test:8443"),
            ("origin", "https://desk.test:8443"),
            ("sec-fetch-site", "same-origin"),
        ]);
        assert!(!is_cross_site(&post, &own, None));
        for cross in [
            headers(&[("host", "desk.test"), ("origin", "https://evil.test")]),
            headers(&[
                ("host", "desk.test"),
                ("origin", "https://sub.desk.test"),
                ("sec-fetch-site", "same-site"),
            ]),
            headers(&[("host", "desk.test"), ("sec-fetch-site", "cross-site")]),
            headers(&[("host", "desk.test"), ("origin", "null")]),
            headers(&[("host", "desk.test"), ("origin", "http://desk.test:81")]),
        ] {
            assert!(is_cross_site(&post, &cross, None), "{cross:?}");
            assert!(is_cross_site(&Method::DELETE, &cross, None), "{cross:?}");
            assert!(!is_cross_site(&Method::GET, &cross, None), "reads change nothing");
        }
        let program = headers(&[("host", "desk.test")]);
        assert!(
            !is_cross_site(&post, &program, None),
            "no browser, no cross-site claim"
        );
        let proxied = headers(&[("host", "10.0.0.5:8080"), ("origin", "https://spoc.politi.test")]);
        assert!(is_cross_site(&post, &proxied, None));
        assert!(!is_cross_site(&post, &proxied, Some("https://spoc.politi.test/")));
        assert!(is_cross_site(&post, &proxied, Some("https://other.test")));
    }
}
