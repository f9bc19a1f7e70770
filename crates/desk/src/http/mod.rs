//! The HTTP surface: the API under `/api/v1` (one module per resource, each with its own router), its
//! OpenAPI document generated from those very handlers, and the field app's files, all behind the
//! same security headers, compression and request log.

pub mod accounts;
pub mod app_files;
pub mod capture_status;
pub mod captures;
pub mod desk;
pub mod devices;
pub mod guidance;
pub mod health;
pub mod journal;
pub mod json_body;
pub mod openapi;
pub mod same_origin;
pub mod seal_key;
pub mod session;

use std::any::Any;
use std::sync::Arc;

use axum::extract::Request;
use axum::http::{header, HeaderName, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::{Extension, Router};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::error::AppError;
use crate::AppState;

/// The app's own origin serves everything, so a strict policy costs nothing and stops injected
/// script. `'wasm-unsafe-eval'` lets the app compile its WebAssembly; no inline script is allowed
/// (Trunk's loader is the external `boot-<hash>.js`). One constant, to be changed in one place.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self'; img-src 'self' data:; connect-src 'self'; manifest-src 'self'; worker-src 'self'; \
    object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// The app uses none of these; denying them means injected content cannot either.
const PERMISSIONS_POLICY: &str = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

/// The whole desk: API, OpenAPI document, app files.
pub fn router(state: AppState) -> Router {
    let app_files = app_files::router(&state.app_dir);
    api(state)
        .merge(app_files)
        // Innermost: a panicking handler still answers in the one error shape (and is a bug to fix).
        .layer(CatchPanicLayer::custom(panic_response))
        // Brotli's default quality (11) is far too slow to run per request on a wasm file; 5 is
        // nearly as small. Files precompressed at build time are served as they are.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(5)))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static(PERMISSIONS_POLICY),
        ))
        // Method and path only: query strings and bodies may carry captured content.
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request| {
                    tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
                })
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
}

/// `/api/v1/...`, with JSON answers for unknown paths (404) and wrong methods (405), and
/// `Cache-Control: no-store` unless a handler says otherwise (the guidance pack and the seal key do):
/// a capture must not linger in a browser or proxy cache.
fn api(state: AppState) -> Router {
    let (api, doc) = OpenApiRouter::with_openapi(openapi::ApiDoc::openapi())
        .nest(
            "/api/v1",
            OpenApiRouter::new()
                .merge(captures::router())
                .merge(capture_status::router())
                .merge(session::router())
                .merge(accounts::router())
                .merge(desk::router())
                .merge(devices::router())
                .merge(journal::router())
                .merge(guidance::router())
                .merge(seal_key::router())
                .merge(health::router())
                .merge(openapi::router()),
        )
        .split_for_parts();
    let mut doc = doc;
    openapi::add_shared_answers(&mut doc);
    // Nothing under /api is ever the app's shell: a JSON 404 tells a client it has the wrong URL.
    api.route("/api", any(no_route))
        .route("/api/", any(no_route))
        .route("/api/{*rest}", any(no_route))
        // After every route: it applies to the routes present when it is called.
        .method_not_allowed_fallback(|| async { AppError::MethodNotAllowed })
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            same_origin::refuse_cross_site,
        ))
        .layer(Extension(Arc::new(doc)))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .with_state(state)
}

/// An id from the path (a capture's, a device's), checked before anything is looked up: a lower-case
/// hyphenated UUID, or 400.
pub fn uuid_path(
    id: Result<axum::extract::Path<String>, axum::extract::rejection::PathRejection>,
) -> Result<String, AppError> {
    match id {
        Ok(axum::extract::Path(id)) if spoc_core::validate::is_uuid(&id) => Ok(id),
        _ => Err(AppError::BadId),
    }
}

async fn no_route() -> AppError {
    AppError::NoRoute
}

fn panic_response(_payload: Box<dyn Any + Send + 'static>) -> Response {
    // The payload is not logged: a panic message could quote data being handled.
    AppError::Internal.into_response()
}
