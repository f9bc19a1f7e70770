//! Serves the built field app. Hashed files (`name-<16 hex>.ext`) never change, so browsers may keep
//! them for a year; everything else (index.html, sw.js, the manifest) must be revalidated, or an
//! update would never reach a phone. Brotli/gzip files written at build time (`x.wasm.br`) are
//! preferred; otherwise the compression layer compresses on the fly. MIME types come from
//! `mime_guess` (`application/wasm`, `application/manifest+json`).

use std::path::{Path, PathBuf};

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower_http::services::ServeDir;

pub fn router(dir: &Path) -> Router {
    let shell = axum::handler::Handler::with_state(app_shell, dir.to_path_buf());
    let files = ServeDir::new(dir)
        .precompressed_br()
        .precompressed_gzip()
        // `/desk` is a route of the desk's bundle, not a directory listing or a redirect to `/desk/`.
        .append_index_html_on_directories(false)
        .fallback(shell);
    Router::new()
        .fallback_service(files)
        .layer(middleware::from_fn(cache_control))
}

/// Any route of the single-page app (`/capture/…`, `/settings`) is the same shell, and any route under
/// `/desk` the desk bundle's shell (`dist/desk/index.html`). A missing *file* is a 404, never the
/// shell: a stale script answered with HTML would be cached as a script.
async fn app_shell(State(dir): State<PathBuf>, uri: Uri) -> Response {
    let path = uri.path();
    let index = if path == "/desk" || path.starts_with("/desk/") {
        dir.join("desk").join("index.html")
    } else {
        dir.join("index.html")
    };
    let looks_like_file = uri
        .path()
        .rsplit('/')
        .next()
        .is_some_and(|segment| segment.contains('.'));
    if looks_like_file {
        return StatusCode::NOT_FOUND.into_response();
    }
    match tokio::fs::read(&index).await {
        Ok(html) => ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response(),
        Err(_) => (
            StatusCode::NOT_FOUND,
            "the field app is not built (run `make app`)",
        )
            .into_response(),
    }
}

async fn cache_control(request: Request, next: Next) -> Response {
    let immutable = is_hashed(request.uri().path());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    // Any file may have a precompressed twin (`x.js.br`), so the answer depends on Accept-Encoding
    // even when nothing is compressed now. The compression layer says so only for what it compresses.
    let varies = headers.get_all(header::VARY).iter().any(|v| {
        v.to_str()
            .is_ok_and(|v| v.to_ascii_lowercase().contains("accept-encoding"))
    });
    if !varies {
        headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    // A 304 is the answer to a revalidation and must carry the policy too.
    if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
        let policy = if immutable {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}

/// Trunk's and the post-build hook's hashed names: `spoc-field-9a84020eb85dcee5_bg.wasm`,
/// `main-d1f028c859c3e48c.css`, `boot-a173b3541350ad95.js`.
fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let stem = name.split('.').next().unwrap_or_default();
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    match stem.rsplit_once('-') {
        Some((base, hash)) => {
            !base.is_empty() && hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit())
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_hashed;

    #[test]
    fn recognises_hashed_asset_names() {
        assert!(is_hashed("/spoc-field-9a84020eb85dcee5_bg.wasm"));
        assert!(is_hashed("/spoc-field-9a84020eb85dcee5.js"));
        assert!(is_hashed("/main-d1f028c859c3e48c.css"));
        assert!(!is_hashed("/index.html"));
        assert!(!is_hashed("/sw.js"));
        assert!(!is_hashed("/manifest.webmanifest"));
        assert!(!is_hashed("/icons/icon-192.png"));
        assert!(!is_hashed("/capture/0b1e8c9a-4f7d-4c1e-9a57-3f0d2f6a9b10"));
    }
}
