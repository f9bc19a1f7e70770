//! The SPOC desk's HTTP API as the app uses it: the endpoints, the one fetch helper, and reading the
//! desk's error bodies. The DTOs themselves are `spoc_core::api`, shared with the desk.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use gloo_timers::callback::Timeout;
use serde::de::DeserializeOwned;
use spoc_core::api::{ErrorBody, ErrorDetail};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, Request, RequestCache, RequestCredentials, RequestInit, Response};

use crate::i18n::{Lang, T};

pub const CAPTURES_PATH: &str = "/api/v1/captures";
pub const BATCH_PATH: &str = "/api/v1/captures/batch";
pub const GUIDANCE_PATH: &str = "/api/v1/guidance";
pub const STATUS_PATH: &str = "/api/v1/captures/status";

/// Long enough for a batch over a weak mobile link; short enough that a dead connection which never
/// answers (a captive portal, a tunnel) does not stall the outbox.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);

/// An HTTP answer, whatever its status: deciding what a status means is the caller's business.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpReply {
    pub status: u16,
    /// The `Retry-After` header, as sent (seconds or an HTTP date).
    pub retry_after: Option<String>,
    pub etag: Option<String>,
    pub body: String,
}

/// No HTTP answer at all. For the outbox both mean the same: offline, try later.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("no connection to the SPOC ({0})")]
    Network(String),
    #[error("the SPOC did not answer within {} s", REQUEST_TIMEOUT.as_secs())]
    Timeout,
}

/// `POST`s a JSON body to `url` (relative URLs are same-origin) and reads the whole answer.
pub async fn post_json(url: &str, body: &str) -> Result<HttpReply, FetchError> {
    request("POST", url, Some(body)).await
}

/// Any method, with an optional JSON body: the desk views' `PUT`, `PATCH` and `DELETE`.
pub async fn request(method: &str, url: &str, body: Option<&str>) -> Result<HttpReply, FetchError> {
    let headers = Headers::new().map_err(network)?;
    let init = RequestInit::new();
    init.set_method(method);
    if let Some(body) = body {
        headers.set("Content-Type", "application/json").map_err(network)?;
        init.set_body(&JsValue::from_str(body));
    }
    init.set_headers(&headers);
    send(url, init, headers).await
}

/// `GET`s `url`; with `if_none_match`, a `304` says the copy held is still current.
pub async fn get(url: &str, if_none_match: Option<&str>) -> Result<HttpReply, FetchError> {
    let headers = Headers::new().map_err(network)?;
    if let Some(etag) = if_none_match {
        headers.set("If-None-Match", etag).map_err(network)?;
    }
    let init = RequestInit::new();
    init.set_headers(&headers);
    send(url, init, headers).await
}

async fn send(url: &str, init: RequestInit, headers: Headers) -> Result<HttpReply, FetchError> {
    let window = web_sys::window().ok_or_else(|| FetchError::Network("no window".into()))?;
    let controller = AbortController::new().map_err(network)?;
    headers.set("Accept", "application/json").map_err(network)?;
    // The desk's session cookie, and nothing for any other origin.
    init.set_credentials(RequestCredentials::SameOrigin);
    // Never answered from a cache (the service worker's or the browser's): only the desk can say a
    // capture arrived, or which guidance pack is current.
    init.set_cache(RequestCache::NoStore);
    init.set_signal(Some(&controller.signal()));
    let request = Request::new_with_str_and_init(url, &init).map_err(network)?;

    // Aborts the fetch *and* the body read; dropped (cancelled) when the answer is in.
    let timer = {
        let controller = controller.clone();
        Timeout::new(REQUEST_TIMEOUT.as_millis() as u32, move || controller.abort())
    };
    // A rejection after our own abort is a timeout, whichever await it interrupts.
    let failed = |e: JsValue| {
        if controller.signal().aborted() {
            FetchError::Timeout
        } else {
            network(e)
        }
    };

    let response: Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(failed)?
        .unchecked_into();
    let status = response.status();
    let retry_after = response.headers().get("Retry-After").ok().flatten();
    let etag = response.headers().get("ETag").ok().flatten();
    let text = response.text().map_err(network)?;
    let body = JsFuture::from(text)
        .await
        .map_err(failed)?
        .as_string()
        .unwrap_or_default();
    drop(timer);
    Ok(HttpReply {
        status,
        retry_after,
        etag,
        body,
    })
}

/// Why a call to the desk gave no usable answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallError {
    /// No answer: offline or timed out.
    Unreachable(FetchError),
    /// The desk said no (any status other than 2xx), or sent a body that is not what was asked for.
    Refused {
        status: u16,
        detail: ErrorDetail,
        retry_after: Option<String>,
    },
}

impl CallError {
    pub fn status(&self) -> Option<u16> {
        match self {
            CallError::Refused { status, .. } => Some(*status),
            CallError::Unreachable(_) => None,
        }
    }

    pub fn code(&self) -> &str {
        match self {
            CallError::Refused { detail, .. } => &detail.code,
            CallError::Unreachable(_) => "unreachable",
        }
    }

    /// What to tell the person: in their language where the code is one the app knows, otherwise the
    /// desk's own message (English).
    pub fn text(&self, lang: Lang) -> String {
        let (status, detail, retry_after) = match self {
            CallError::Unreachable(_) => return T::NoConnection.text(lang).into(),
            CallError::Refused {
                status,
                detail,
                retry_after,
            } => (*status, detail, retry_after),
        };
        let key = match detail.code.as_str() {
            "bad_credentials" => T::BadCredentials,
            "too_many_attempts" => {
                let wait = retry_after.as_deref().unwrap_or("?");
                return format!("{} ({wait} s)", T::TooManyAttempts.text(lang));
            }
            "password_change_required" => T::PasswordChangeRequired,
            "forbidden" => T::NotForYourRole,
            "status_changed" => T::StatusChanged,
            _ if status == 401 => T::SignedOutNow,
            _ => return detail.message.clone(),
        };
        key.text(lang).into()
    }
}

/// The one fetch-and-decode helper of the desk views and the session: sends `body` (JSON) with
/// `method`, and decodes a 2xx answer as `R` (an empty `204` decodes as `()`).
pub async fn call<R: DeserializeOwned>(
    method: &str,
    url: &str,
    body: Option<String>,
) -> Result<R, CallError> {
    // Boxed, so the request is compiled once: only the decoding differs per answer type.
    let request: Pin<Box<dyn Future<Output = Result<String, CallError>> + '_>> =
        Box::pin(call_text(method, url, body));
    let text = request.await?;
    spoc_core::json::from_str(if text.is_empty() { "null" } else { &text }).map_err(|e| CallError::Refused {
        status: 200,
        detail: ErrorDetail {
            code: "bad_answer".into(),
            message: format!("The SPOC's answer could not be read: {e}"),
            field: None,
        },
        retry_after: None,
    })
}

async fn call_text(method: &str, url: &str, body: Option<String>) -> Result<String, CallError> {
    let reply = request(method, url, body.as_deref())
        .await
        .map_err(CallError::Unreachable)?;
    if (200..300).contains(&reply.status) {
        return Ok(reply.body);
    }
    Err(CallError::Refused {
        status: reply.status,
        detail: error_detail(reply.status, &reply.body),
        retry_after: reply.retry_after,
    })
}

/// A request body for [`call`]. Serialising the app's own message types cannot fail.
pub fn json_body(value: &impl serde::Serialize) -> Option<String> {
    Some(serde_json::to_string(value).unwrap_or_default())
}

/// The desk's `{"error": {...}}`, or a stand-in naming the status when the body is something else
/// (a proxy's HTML page, an empty body).
pub fn error_detail(status: u16, body: &str) -> ErrorDetail {
    spoc_core::json::from_str::<ErrorBody>(body)
        .map(|b| b.error)
        .unwrap_or_else(|_| ErrorDetail {
            code: format!("http_{status}"),
            message: format!("The SPOC answered HTTP {status}"),
            field: None,
        })
}

fn network(e: JsValue) -> FetchError {
    let message = e
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "fetch failed".into());
    FetchError::Network(message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn refused(status: u16, body: &str, retry_after: Option<&str>) -> CallError {
        CallError::Refused {
            status,
            detail: error_detail(status, body),
            retry_after: retry_after.map(String::from),
        }
    }

    #[wasm_bindgen_test]
    fn desk_errors_are_said_in_the_persons_language() {
        let wrong = refused(
            401,
            r#"{"error":{"code":"bad_credentials","message":"no"}}"#,
            None,
        );
        assert_eq!(wrong.text(Lang::Da), "Forkert brugernavn eller adgangskode.");
        assert_eq!(wrong.text(Lang::En), "Wrong username or password.");
        let throttled = refused(
            429,
            r#"{"error":{"code":"too_many_attempts","message":"wait"}}"#,
            Some("30"),
        );
        assert!(throttled.text(Lang::En).ends_with("(30 s)"));
        let expired = refused(
            401,
            r#"{"error":{"code":"signed_out","message":"sign in"}}"#,
            None,
        );
        assert_eq!(expired.text(Lang::En), T::SignedOutNow.text(Lang::En));
        let offline = CallError::Unreachable(FetchError::Timeout);
        assert_eq!(offline.text(Lang::Da), T::NoConnection.text(Lang::Da));
        // A code the app does not know: the desk's own words.
        let other = refused(
            422,
            r#"{"error":{"code":"invalid","message":"a password needs at least 12 characters","field":"new_password"}}"#,
            None,
        );
        assert_eq!(other.text(Lang::Da), "a password needs at least 12 characters");
        // Not the desk's JSON at all (a proxy's page).
        assert_eq!(refused(502, "<html>", None).code(), "http_502");
    }
}
