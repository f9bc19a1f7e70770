//! The SPOC desk's HTTP API as the app uses it: the endpoints, the one fetch helper, and reading the
//! desk's error bodies. The DTOs themselves are `spoc_core::api`, shared with the desk.

use std::time::Duration;

use gloo_timers::callback::Timeout;
use spoc_core::api::{ErrorBody, ErrorDetail};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, Request, RequestCache, RequestCredentials, RequestInit, Response};

pub const CAPTURES_PATH: &str = "/api/v1/captures";
pub const BATCH_PATH: &str = "/api/v1/captures/batch";
pub const GUIDANCE_PATH: &str = "/api/v1/guidance";

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
    let headers = Headers::new().map_err(network)?;
    headers.set("Content-Type", "application/json").map_err(network)?;
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(body));
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

/// The desk's `{"error": {...}}`, or a stand-in naming the status when the body is something else
/// (a proxy's HTML page, an empty body).
pub fn error_detail(status: u16, body: &str) -> ErrorDetail {
    serde_json::from_str::<ErrorBody>(body)
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
