//! The field app's files from a `dist/` laid out as the release build lays it out: hashed assets kept
//! for a year, the shell, service worker and manifest revalidated, SPA routes answered with the shell
//! but missing files never, build-time brotli preferred, security headers on everything.
//!
//! Self-contained (its own desk and app directory) so the fixture is exactly the one described here.

use std::net::{Ipv4Addr, SocketAddr};

use spoc_desk::config::Config;
use tempfile::TempDir;

const INDEX: &str =
    "<!DOCTYPE html><html><head><title>SPOC Field</title></head><body>app-files shell</body></html>";
const WASM: &str = "spoc-field-0123456789abcdef_bg.wasm";
const CSS: &str = "main-0123456789abcdef.css";
const CSS_BR: &[u8] = b"\x1b\x07build-time brotli of main.css";
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

struct App {
    addr: SocketAddr,
    client: reqwest::Client,
    _dir: TempDir,
}

impl App {
    async fn start() -> App {
        let dir = tempfile::tempdir().expect("temp dir");
        let dist = dir.path().join("dist");
        std::fs::create_dir_all(&dist).unwrap();
        std::fs::write(dist.join("index.html"), INDEX).unwrap();
        std::fs::write(dist.join(WASM), b"\0asm\x01\0\0\0").unwrap();
        std::fs::write(dist.join(CSS), "body { margin: 0 }\n").unwrap();
        std::fs::write(dist.join(format!("{CSS}.br")), CSS_BR).unwrap();
        std::fs::write(dist.join("sw.js"), "self.addEventListener('fetch', () => {});\n").unwrap();
        std::fs::write(
            dist.join("manifest.webmanifest"),
            r#"{"name":"SPOC Field","start_url":"/"}"#,
        )
        .unwrap();
        let config = Config {
            listen: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            database_url: format!("sqlite://{}", dir.path().join("desk.db").display()),
            app_dir: dist,
        };
        let (addr, server) = spoc_desk::bind(config).await.expect("desk starts");
        tokio::spawn(server);
        App {
            addr,
            client: reqwest::Client::builder().no_proxy().build().unwrap(),
            _dir: dir,
        }
    }

    async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("http://{}{path}", self.addr))
            .send()
            .await
            .expect("request")
    }
}

fn header<'a>(response: &'a reqwest::Response, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .unwrap_or_else(|| panic!("no {name} on {}", response.url()))
        .to_str()
        .unwrap()
}

#[tokio::test]
async fn hashed_assets_are_immutable_and_wasm_is_typed() {
    let app = App::start().await;
    let wasm = app.get(&format!("/{WASM}")).await;
    assert_eq!(wasm.status(), 200);
    assert_eq!(header(&wasm, "cache-control"), IMMUTABLE);
    assert_eq!(header(&wasm, "content-type"), "application/wasm");
    let css = app.get(&format!("/{CSS}")).await;
    assert_eq!(css.status(), 200);
    assert_eq!(header(&css, "cache-control"), IMMUTABLE);
    assert!(header(&css, "content-type").starts_with("text/css"));
}

#[tokio::test]
async fn shell_service_worker_and_manifest_are_revalidated() {
    let app = App::start().await;
    for path in ["/", "/index.html", "/sw.js", "/manifest.webmanifest"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(header(&response, "cache-control"), "no-cache", "{path}");
    }
}

#[tokio::test]
async fn spa_routes_get_the_shell_and_missing_files_a_404() {
    let app = App::start().await;
    let response = app.get("/capture/0b1e8c9a-4f7d-4c1e-9a57-3f0d2f6a9b10").await;
    assert_eq!(response.status(), 200);
    assert!(header(&response, "content-type").starts_with("text/html"));
    assert_eq!(response.text().await.unwrap(), INDEX);

    let response = app.get("/missing-0123456789abcdef.js").await;
    assert_eq!(response.status(), 404);
    // A 404 for a script must not be cached for a year.
    assert_ne!(
        response
            .headers()
            .get("cache-control")
            .map(|v| v.to_str().unwrap()),
        Some(IMMUTABLE)
    );
    assert!(!response.text().await.unwrap().contains("app-files shell"));
}

#[tokio::test]
async fn build_time_brotli_is_served_to_clients_that_take_it() {
    let app = App::start().await;
    let response = app
        .client
        .get(format!("http://{}/{CSS}", app.addr))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "content-encoding"), "br");
    assert!(header(&response, "content-type").starts_with("text/css"));
    assert_eq!(header(&response, "cache-control"), IMMUTABLE);
    assert_eq!(response.bytes().await.unwrap().as_ref(), CSS_BR);

    let plain = app.get(&format!("/{CSS}")).await;
    assert!(plain.headers().get("content-encoding").is_none());
    assert_eq!(plain.text().await.unwrap(), "body { margin: 0 }\n");
}

#[tokio::test]
async fn security_headers_are_on_app_files_and_api_alike() {
    let app = App::start().await;
    for path in [
        "/",
        "/capture/x",
        &format!("/{WASM}"),
        "/missing-0123456789abcdef.js",
        "/api/v1/health",
    ] {
        let response = app.get(path).await;
        assert!(!header(&response, "content-security-policy").is_empty(), "{path}");
        assert_eq!(header(&response, "x-content-type-options"), "nosniff", "{path}");
        assert_eq!(header(&response, "referrer-policy"), "no-referrer", "{path}");
    }
}

#[tokio::test]
async fn health_and_openapi() {
    let app = App::start().await;
    let response = app.get("/api/v1/health").await;
    assert_eq!(response.status(), 200);
    let health: serde_json::Value = response.json().await.unwrap();
    assert_eq!(health["status"], "ok", "{health}");

    let response = app.get("/api/v1/openapi.json").await;
    assert_eq!(response.status(), 200);
    let doc: serde_json::Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    for path in [
        "/api/v1/captures",
        "/api/v1/captures/batch",
        "/api/v1/captures/{id}",
        "/api/v1/health",
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path} missing");
    }
    for schema in ["Submission", "Receipt"] {
        assert!(
            doc["components"]["schemas"].get(schema).is_some(),
            "{schema} missing"
        );
    }
}
