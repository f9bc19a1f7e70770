//! Everything around ingest: health, the OpenAPI document, JSON 404/405, security headers, and the
//! field app's files with their cache policy, MIME types, compression and SPA fallback.

mod common;

use common::*;
use serde_json::Value;
use spoc_core::api::Health;
use spoc_desk::http::CONTENT_SECURITY_POLICY;

#[tokio::test]
async fn health_is_ok_with_the_schema_version() {
    let desk = Desk::start().await;
    let (status, body) = desk.get("/api/v1/health").await;
    assert_eq!(status, 200, "{body}");
    let health: Health = serde_json::from_value(body).unwrap();
    assert_eq!(health.status, "ok");
    assert_eq!(health.schema_version, spoc_core::SCHEMA_VERSION);
    assert_eq!(health.version, env!("CARGO_PKG_VERSION"));
}

#[tokio::test]
async fn openapi_lists_every_endpoint_with_its_schemas() {
    let desk = Desk::start().await;
    let (status, doc) = desk.get("/api/v1/openapi.json").await;
    assert_eq!(status, 200, "{doc}");
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."), "{doc}");
    let paths = doc["paths"].as_object().expect("paths");
    for (path, method) in [
        ("/api/v1/captures", "post"),
        ("/api/v1/captures/batch", "post"),
        ("/api/v1/captures/{id}", "get"),
        ("/api/v1/captures/status", "post"),
        ("/api/v1/health", "get"),
        ("/api/v1/seal-key", "get"),
        ("/api/v1/openapi.json", "get"),
        ("/api/v1/session", "post"),
        ("/api/v1/session", "get"),
        ("/api/v1/session", "delete"),
        ("/api/v1/session/password", "put"),
        ("/api/v1/accounts", "get"),
        ("/api/v1/accounts", "post"),
        ("/api/v1/accounts/{username}", "patch"),
        ("/api/v1/accounts/{username}/password", "post"),
        ("/api/v1/desk/inbox", "get"),
        ("/api/v1/desk/operators", "get"),
        ("/api/v1/desk/captures/{id}", "get"),
        ("/api/v1/desk/captures/{id}/status", "post"),
        ("/api/v1/desk/captures/{id}/assignee", "put"),
        ("/api/v1/desk/captures/{id}/notes", "post"),
        ("/api/v1/desk/captures/{id}/export", "get"),
        ("/api/v1/desk/export", "get"),
        ("/api/v1/desk/lookup", "get"),
        ("/api/v1/desk/deadlines", "get"),
        ("/api/v1/desk/charts", "get"),
        ("/api/v1/desk/charts/export", "get"),
        ("/api/v1/desk/events", "get"),
        ("/api/v1/journal", "get"),
        ("/api/v1/devices", "post"),
        ("/api/v1/devices", "get"),
        ("/api/v1/devices/{id}", "get"),
        ("/api/v1/devices/{id}/revoke", "post"),
    ] {
        assert!(
            paths.get(path).and_then(|p| p.get(method)).is_some(),
            "{method} {path} missing: {paths:?}"
        );
    }
    let create = &paths["/api/v1/captures"]["post"];
    assert_eq!(
        create["requestBody"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/SealedSubmission"
    );
    for status in ["200", "201", "400", "409", "413", "415", "422", "503"] {
        assert!(
            create["responses"].get(status).is_some(),
            "POST /captures lacks {status}"
        );
    }
    let schemas = doc["components"]["schemas"].as_object().expect("schemas");
    // What a batch holds is sealed submissions too.
    assert_eq!(
        schemas["BatchRequest"]["properties"]["submissions"]["items"]["$ref"],
        "#/components/schemas/SealedSubmission",
        "{:?}",
        schemas["BatchRequest"]
    );
    for name in [
        "SealedSubmission",
        "Envelope",
        "SealKey",
        "Capture",
        "Receipt",
        "BatchRequest",
        "BatchResponse",
        "ErrorBody",
        "StoredCapture",
        "Health",
        "StatusRequest",
        "StatusResponse",
        "CaptureStatus",
        "Charts",
    ] {
        assert!(schemas.contains_key(name), "schema {name} missing");
    }
}

#[tokio::test]
async fn unknown_api_paths_are_json_404s() {
    let desk = Desk::start().await;
    for path in [
        "/api",
        "/api/",
        "/api/v1",
        "/api/v1/nothing",
        "/api/v2/captures",
        "/api/v1/captures/x/y",
    ] {
        let (status, body) = desk.get(path).await;
        assert_eq!(status, 404, "{path}: {body}");
        assert_eq!(error_code(&body), "no_route", "{path}");
    }
    let (status, body) = desk
        .post_raw("/api/v1/nothing", Some("application/json"), b"{}".to_vec())
        .await;
    assert_eq!((status, error_code(&body)), (404, "no_route"));
}

#[tokio::test]
async fn wrong_methods_are_json_405s() {
    let desk = Desk::start().await;
    for (method, path) in [
        (reqwest::Method::GET, "/api/v1/captures"),
        (
            reqwest::Method::DELETE,
            "/api/v1/captures/00000000-0000-4000-8000-000000000000",
        ),
        (reqwest::Method::POST, "/api/v1/health"),
        (reqwest::Method::PUT, "/api/v1/captures/batch"),
    ] {
        let response = desk
            .client
            .request(method.clone(), desk.url(path))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 405, "{method} {path}");
        assert!(
            response.headers().contains_key("allow"),
            "{method} {path}: no Allow header"
        );
        let body: Value = response.json().await.unwrap();
        assert_eq!(error_code(&body), "method_not_allowed");
    }
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let desk = Desk::start().await;
    for path in [
        "/api/v1/health",
        "/api/v1/nothing",
        "/",
        "/capture/abc",
        &format!("/{HASHED_WASM}"),
        "/missing.js",
    ] {
        let response = desk.client.get(desk.url(path)).send().await.unwrap();
        let headers = response.headers();
        assert_eq!(
            headers["content-security-policy"], CONTENT_SECURITY_POLICY,
            "{path}"
        );
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(headers["referrer-policy"], "no-referrer", "{path}");
        assert!(headers.contains_key("permissions-policy"), "{path}");
    }
}

#[tokio::test]
async fn api_answers_are_never_cached() {
    let desk = Desk::start().await;
    let sent = submission(&new_id());
    let response = desk
        .client
        .post(desk.url("/api/v1/captures"))
        .json(&desk.to_value(&sent))
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["cache-control"], "no-store");
    let response = desk
        .client
        .get(desk.url(&format!("/api/v1/captures/{}", sent.capture.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "no-store");
}

async fn fetch(desk: &Desk, path: &str) -> reqwest::Response {
    desk.client.get(desk.url(path)).send().await.unwrap()
}

#[tokio::test]
async fn hashed_files_are_immutable_and_typed() {
    let desk = Desk::start().await;
    for (name, mime) in [
        (HASHED_WASM, "application/wasm"),
        (HASHED_JS, "text/javascript"),
        (HASHED_CSS, "text/css"),
    ] {
        let response = fetch(&desk, &format!("/{name}")).await;
        assert_eq!(response.status(), 200, "{name}");
        assert_eq!(
            response.headers()["cache-control"],
            "public, max-age=31536000, immutable",
            "{name}"
        );
        assert!(
            response.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with(mime),
            "{name}: {:?}",
            response.headers()["content-type"]
        );
    }
}

#[tokio::test]
async fn the_shell_and_unhashed_files_are_revalidated() {
    let desk = Desk::start().await;
    for (path, mime) in [
        ("/", "text/html"),
        ("/index.html", "text/html"),
        ("/sw.js", "text/javascript"),
        ("/manifest.webmanifest", "application/manifest+json"),
        ("/icons/icon-192.png", "image/png"),
    ] {
        let response = fetch(&desk, path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(response.headers()["cache-control"], "no-cache", "{path}");
        assert!(
            response.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with(mime),
            "{path}: {:?}",
            response.headers()["content-type"]
        );
    }
}

#[tokio::test]
async fn app_routes_fall_back_to_the_shell_but_missing_files_do_not() {
    let desk = Desk::start().await;
    for path in [
        "/capture/0b1e8c9a-4f7d-4c1e-9a57-3f0d2f6a9b10",
        "/settings",
        "/capture/new/",
        "/apix",
        "/",
        "/desktop",
    ] {
        let response = fetch(&desk, path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(response.headers()["cache-control"], "no-cache", "{path}");
        assert!(
            response.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html"),
            "{path}"
        );
        assert_eq!(response.text().await.unwrap(), INDEX_HTML, "{path}");
    }
    // Routes under /desk get the desk bundle's shell, with no redirect to `/desk/`.
    for path in [
        "/desk",
        "/desk/",
        "/desk/capture/0b1e8c9a-4f7d-4c1e-9a57-3f0d2f6a9b10",
        "/desk/lookup",
    ] {
        let response = fetch(&desk, path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(response.headers()["cache-control"], "no-cache", "{path}");
        assert_eq!(response.text().await.unwrap(), DESK_INDEX_HTML, "{path}");
    }
    // A stale script answered with HTML would be cached as a script: a missing file is a 404.
    for path in [
        "/desk/spoc-field-ffffffffffffffff.js",
        "/spoc-field-ffffffffffffffff.js",
        "/missing.css",
        "/icons/none.png",
    ] {
        let response = fetch(&desk, path).await;
        assert_eq!(response.status(), 404, "{path}");
        // …and that 404 must not be kept for a year, or the next build's file could never replace it.
        assert_ne!(
            response
                .headers()
                .get("cache-control")
                .map(|v| v.to_str().unwrap()),
            Some("public, max-age=31536000, immutable"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn brotli_and_gzip_are_served_when_asked_for() {
    let desk = Desk::start().await;
    for (encoding, path) in [
        ("br", format!("/{HASHED_WASM}")),
        ("gzip", format!("/{HASHED_CSS}")),
        ("br", "/".to_string()),
        ("br", "/api/v1/openapi.json".to_string()),
    ] {
        let response = desk
            .client
            .get(desk.url(&path))
            .header("accept-encoding", encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(response.headers()["content-encoding"], encoding, "{path}");
    }
    // No Accept-Encoding, no compression.
    let response = fetch(&desk, &format!("/{HASHED_WASM}")).await;
    assert!(!response.headers().contains_key("content-encoding"));
}

#[tokio::test]
async fn precompressed_files_are_preferred() {
    let desk = Desk::start().await;
    let path = format!("/{HASHED_JS}");
    let response = desk
        .client
        .get(desk.url(&path))
        .header("accept-encoding", "gzip, br")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert_eq!(headers["content-encoding"], "br");
    assert!(headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));
    assert_eq!(headers["cache-control"], "public, max-age=31536000, immutable");
    assert!(headers["vary"]
        .to_str()
        .unwrap()
        .to_ascii_lowercase()
        .contains("accept-encoding"));
    assert_eq!(response.bytes().await.unwrap().as_ref(), PRECOMPRESSED_JS);
    // A client that cannot take brotli gets the plain file, not the .br one.
    let response = desk.client.get(desk.url(&path)).send().await.unwrap();
    assert!(!response.headers().contains_key("content-encoding"));
    assert!(response
        .text()
        .await
        .unwrap()
        .starts_with("export function start()"));
}

#[tokio::test]
async fn without_a_built_app_the_api_still_works() {
    let desk = Desk::start_with_app(false).await;
    let (status, _) = desk.get("/api/v1/health").await;
    assert_eq!(status, 200);
    let (status, _) = desk.submit(&submission(&new_id())).await;
    assert_eq!(status, 201);
    assert_eq!(fetch(&desk, "/").await.status(), 404);
    assert_eq!(fetch(&desk, "/capture/x").await.status(), 404);
}
