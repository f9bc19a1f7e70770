//! The one thing the outbox needs from the network, behind a trait so tests can answer in its place.

use std::future::Future;

use crate::api::{self, FetchError, HttpReply};

pub trait Transport {
    /// POSTs a JSON body to an API path (`/api/v1/…`) and returns the answer, whatever its status.
    fn post(&self, path: &str, body: String) -> impl Future<Output = Result<HttpReply, FetchError>>;
}

/// The desk over HTTP.
#[derive(Debug, Clone, Default)]
pub struct HttpTransport {
    /// Prepended to the path; empty for the app's own origin (the desk serves the app).
    pub base_url: String,
}

impl HttpTransport {
    pub fn same_origin() -> HttpTransport {
        HttpTransport::default()
    }
}

impl Transport for HttpTransport {
    async fn post(&self, path: &str, body: String) -> Result<HttpReply, FetchError> {
        api::post_json(&format!("{}{path}", self.base_url), &body).await
    }
}
