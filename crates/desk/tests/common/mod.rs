//! A real desk on loopback (port 0) with its own database (a temporary SQLite file, or a database of
//! its own on the test PostgreSQL server: see [`database`]) and app directory, and sample captures
//! built with spoc-core's own types, as the field app builds them, and sealed to the desk's key as
//! the field app sends them.
#![allow(dead_code)] // each test binary uses its own part of this

pub mod database;
pub mod process;
pub mod sse;
pub use database::*;
#[allow(unused_imports)] // only the tests of several desks start processes
pub use process::*;

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::{json, Value};
use spoc_core::api::Submission;
use spoc_core::capture::{CapturedIdentifier, Officer, SeenItem};
use spoc_core::desk::Role;
use spoc_core::sealed::SealKey;
use spoc_core::{Capture, CaseType, District, Identifier, Platform, UrgencyFlags, ZonedTime, SCHEMA_VERSION};
use spoc_desk::config::Config;
use spoc_desk::store::{Store, Who};
use std::sync::OnceLock;
use tempfile::TempDir;

/// Files in the fake `dist/`, named the way Trunk names them.
pub const HASHED_WASM: &str = "spoc-field-0123456789abcdef_bg.wasm";
pub const HASHED_JS: &str = "spoc-field-0123456789abcdef.js";
pub const HASHED_CSS: &str = "style-fedcba9876543210.css";
pub const PRECOMPRESSED_JS: &[u8] = b"precompressed brotli bytes of the js file";
pub const DESK_INDEX_HTML: &str = "<!DOCTYPE html><html lang=\"da\"><head><title>SPOC desk</title></head><body>SPOC desk shell</body></html>";
pub const INDEX_HTML: &str = "<!DOCTYPE html><html lang=\"da\"><head><title>SPOC Field</title></head><body>SPOC Field shell</body></html>";

/// The test devices, one per account that sends captures: (account, device id, private key bytes).
pub const DEVICES: [(&str, &str, [u8; 32]); 3] = [
    (OFFICER, "d0000000-0000-4000-8000-00000000000a", [0x0a; 32]),
    (OTHER_OFFICER, "d0000000-0000-4000-8000-00000000000b", [0x0b; 32]),
    (OPERATOR, "d0000000-0000-4000-8000-00000000000c", [0x0c; 32]),
];

fn device_of(username: &str) -> (&'static str, p256::ecdsa::SigningKey) {
    let (_, id, key) = DEVICES
        .iter()
        .find(|(name, _, _)| *name == username)
        .expect("a test device");
    (id, p256::ecdsa::SigningKey::from_slice(key).unwrap())
}

/// The device's public key as the app registers it: the uncompressed point, base64url.
pub fn device_public_key(username: &str) -> String {
    use base64::Engine;
    let (_, key) = device_of(username);
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(key.verifying_key().to_encoded_point(false).as_bytes())
}

/// Signs a submission with `username`'s device, as the app does when it sends.
pub fn sign_as(mut submission: Submission, username: &str) -> Submission {
    use base64::Engine;
    use p256::ecdsa::signature::Signer;
    let (device_id, key) = device_of(username);
    let message = spoc_core::device::signed_message(&submission.capture.id, &submission.sha256);
    let signature: p256::ecdsa::Signature = key.sign(message.as_bytes());
    submission.signature = Some(spoc_core::device::DeviceSignature {
        device_id: device_id.to_string(),
        value: base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(signature.to_bytes()),
    });
    submission
}

/// Signed by [`OFFICER`]'s device.
pub fn sign(submission: Submission) -> Submission {
    sign_as(submission, OFFICER)
}

/// Every test account has this password (hashed once per test binary: Argon2 is slow on purpose).
pub const PASSWORD: &str = "correct horse battery staple";
/// Officers, an operator and an admin, created in every desk.
pub const OFFICER: &str = "officer.anna";
pub const OTHER_OFFICER: &str = "officer.bent";
pub const OPERATOR: &str = "spoc.carl";
pub const ADMIN: &str = "admin.dora";

pub struct Desk {
    pub addr: SocketAddr,
    /// Signed in as [`OFFICER`]: what the field app is.
    pub client: reqwest::Client,
    /// A second handle on the desk's database, for what a test sets up or inspects directly.
    pub store: Store,
    /// The first admin's one-time password, as `spoc-desk` prints it.
    pub first_admin_password: String,
    /// The key devices seal to, as `GET /api/v1/seal-key` gave it at start.
    pub seal_key: SealKey,
    pub db: TestDb,
    /// What the desk was started with (its database, its key-encryption key file).
    pub config: Config,
    _dir: TempDir,
}

fn password_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| spoc_desk::password::hash_now(PASSWORD).expect("hash"))
}

/// A client that sends `cookie` with every request, as a browser would.
pub fn client_with(cookie: Option<&str>) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    if let Some(cookie) = cookie {
        headers.insert(reqwest::header::COOKIE, cookie.parse().expect("cookie header"));
    }
    reqwest::Client::builder()
        .no_proxy()
        .default_headers(headers)
        .build()
        .expect("client")
}

impl Desk {
    /// A desk with a built app in its app directory.
    pub async fn start() -> Desk {
        Desk::start_with_app(true).await
    }

    pub async fn start_with_app(with_app: bool) -> Desk {
        Desk::start_with(with_app, None).await
    }

    /// A desk behind a reverse proxy at `proxy`.
    pub async fn start_behind(proxy: std::net::IpAddr) -> Desk {
        Desk::start_with(true, Some(proxy)).await
    }

    async fn start_with(with_app: bool, trusted_proxy: Option<std::net::IpAddr>) -> Desk {
        let dir = tempfile::tempdir().expect("temp dir");
        // On SQLite a directory that does not exist yet: the desk creates it.
        let db = TestDb::new(dir.path()).await;
        let kek = write_kek(dir.path());
        Desk::start_on(dir, db, kek, with_app, trusted_proxy).await
    }

    /// A desk on a database a test prepared (as an older release left it, say), with the
    /// key-encryption key in `kek`.
    pub async fn start_on(
        dir: TempDir,
        db: TestDb,
        kek: PathBuf,
        with_app: bool,
        trusted_proxy: Option<std::net::IpAddr>,
    ) -> Desk {
        let app_dir = dir.path().join("dist");
        if with_app {
            write_app(&app_dir);
        }
        let config = Config {
            trusted_proxy,
            ..test_config(&db.url, &kek, app_dir)
        };
        let bound = spoc_desk::bind(config.clone()).await.expect("desk starts");
        tokio::spawn(bound.server);
        let store = Store::open(&db.url).await.expect("second handle");
        for (name, role) in [
            (OFFICER, Role::Officer),
            (OTHER_OFFICER, Role::Officer),
            (OPERATOR, Role::Spoc),
            (ADMIN, Role::Admin),
        ] {
            store
                .create_account(&Who::cli(), name, name, role, password_hash(), false)
                .await
                .expect("create account")
                .expect("a new username");
        }
        for (name, device_id, _) in DEVICES {
            let account = store.account(name).await.unwrap().unwrap();
            store
                .register_device(
                    &Who::cli(),
                    account.id,
                    device_id,
                    &device_public_key(name),
                    "test device",
                )
                .await
                .expect("register the test device");
        }
        let mut desk = Desk {
            addr: bound.addr,
            client: client_with(None),
            store,
            // Empty unless the database was: a prepared one may hold its admin already.
            first_admin_password: bound.first_admin_password.unwrap_or_default(),
            seal_key: SealKey {
                kid: String::new(),
                public_key: String::new(),
            },
            db,
            config,
            _dir: dir,
        };
        desk.seal_key = desk.fetch_seal_key().await;
        desk.client = desk.sign_in(OFFICER).await;
        desk
    }

    /// The active seal key, fetched as a device fetches it: without signing in.
    pub async fn fetch_seal_key(&self) -> SealKey {
        let (status, body) = self.get_as(&client_with(None), "/api/v1/seal-key").await;
        assert_eq!(status, 200, "{body}");
        serde_json::from_value(body).expect("a seal key")
    }

    /// A signed submission as the device sends it: sealed to [`Desk::seal_key`].
    pub fn to_value(&self, submission: &Submission) -> Value {
        seal_value(&self.seal_key, serde_json::to_value(submission).unwrap())
    }

    /// The JSON of a plaintext submission (perhaps broken by hand), sealed to [`Desk::seal_key`].
    pub fn seal(&self, plaintext_submission: Value) -> Value {
        seal_value(&self.seal_key, plaintext_submission)
    }

    /// A client signed in as `username` (with [`PASSWORD`]).
    pub async fn sign_in(&self, username: &str) -> reqwest::Client {
        let cookie = self.session_cookie(username, PASSWORD).await.expect("sign in");
        client_with(Some(&cookie))
    }

    /// Signs in; the `name=value` of the session cookie, or the status of a refusal.
    pub async fn session_cookie(&self, username: &str, password: &str) -> Result<String, u16> {
        session_cookie_at(self.addr, username, password).await
    }

    /// Another desk on the same database, as a second replica behind a load balancer is: its own
    /// process state (pool, event listener), the same accounts, keys and journal.
    pub async fn replica(&self) -> SocketAddr {
        let config = Config {
            listen: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            ..self.config.clone()
        };
        let bound = spoc_desk::bind(config).await.expect("a second desk starts");
        assert!(bound.first_admin_password.is_none(), "a second admin was made");
        tokio::spawn(bound.server);
        bound.addr
    }

    /// A connection to the desk's database of the engine's own.
    pub async fn raw(&self) -> Raw {
        self.db.raw().await
    }

    /// Runs one statement past the desk; the database's refusal as text.
    pub async fn execute(&self, sql: &str) -> Result<u64, String> {
        let mut raw = self.raw().await;
        let done = raw.execute(sql).await;
        raw.close().await;
        done
    }

    /// A client of the given role: officer (the default client's account), spoc or admin.
    pub async fn client_of(&self, role: Role) -> reqwest::Client {
        self.sign_in(match role {
            Role::Officer => OFFICER,
            Role::Spoc => OPERATOR,
            Role::Admin => ADMIN,
        })
        .await
    }

    /// The journal's latest 1,000 entries, newest first, as an admin reads them.
    pub async fn journal(&self) -> Vec<Value> {
        let admin = self.client_of(Role::Admin).await;
        let (status, body) = self.get_as(&admin, "/api/v1/journal?limit=1000").await;
        assert_eq!(status, 200, "{body}");
        body.as_array().expect("the journal is a list").clone()
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub async fn post_json(&self, path: &str, body: &Value) -> (u16, Value) {
        let response = self
            .client
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .expect("request");
        read(response).await
    }

    /// `POST` with a body and content type exactly as given.
    pub async fn post_raw(&self, path: &str, content_type: Option<&str>, body: Vec<u8>) -> (u16, Value) {
        let mut request = self.client.post(self.url(path)).body(body);
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        read(request.send().await.expect("request")).await
    }

    /// Every body posted at once, each on its own task; the answers in the order of `bodies`.
    pub async fn post_concurrently(&self, path: &str, bodies: Vec<Value>) -> Vec<(u16, Value)> {
        let start = std::sync::Arc::new(tokio::sync::Barrier::new(bodies.len()));
        let tasks: Vec<_> = bodies
            .into_iter()
            .map(|body| {
                let request = self.client.post(self.url(path)).json(&body);
                let start = start.clone();
                tokio::spawn(async move {
                    start.wait().await;
                    read(request.send().await.expect("request")).await
                })
            })
            .collect();
        let mut answers = Vec::new();
        for task in tasks {
            answers.push(task.await.expect("task"));
        }
        answers
    }

    /// Seals and sends, as the field app does.
    pub async fn submit(&self, submission: &Submission) -> (u16, Value) {
        self.post_json("/api/v1/captures", &self.to_value(submission))
            .await
    }

    pub async fn get(&self, path: &str) -> (u16, Value) {
        read(self.client.get(self.url(path)).send().await.expect("request")).await
    }

    /// `GET` as `client`.
    pub async fn get_as(&self, client: &reqwest::Client, path: &str) -> (u16, Value) {
        read(client.get(self.url(path)).send().await.expect("request")).await
    }

    /// Any method with an optional JSON body, as `client`.
    pub async fn send_as(
        &self,
        client: &reqwest::Client,
        method: reqwest::Method,
        path: &str,
        body: Option<&Value>,
    ) -> (u16, Value) {
        let mut request = client.request(method, self.url(path));
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await.expect("request");
        let status = response.status().as_u16();
        let text = response.text().await.expect("body");
        (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
    }

    /// The tables as the database has them, read past the HTTP layer: every capture's
    /// `(server_seq, id, sha256, received_at, body)` and every identifier's
    /// `(server_seq, platform, kind, value)`.
    pub async fn table(&self) -> Table {
        let mut db = self.raw().await;
        // The time as the desk writes it in receipts, so the two can be compared.
        let received_at = match self.db.engine {
            Engine::Sqlite => "received_at",
            Engine::Postgres => {
                "to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"
            }
        };
        let captures = db
            .fetch_texts(&format!(
                "SELECT CAST(server_seq AS TEXT), id, sha256, {received_at}, body \
                 FROM captures ORDER BY server_seq"
            ))
            .await
            .into_iter()
            .map(|c| {
                (
                    c[0].parse().unwrap(),
                    c[1].clone(),
                    c[2].clone(),
                    c[3].clone(),
                    c[4].clone(),
                )
            })
            .collect();
        let identifiers = db
            .fetch_texts(
                "SELECT CAST(server_seq AS TEXT), platform, kind, value FROM capture_identifiers \
                 ORDER BY server_seq, platform, kind, value",
            )
            .await
            .into_iter()
            .map(|i| (i[0].parse().unwrap(), i[1].clone(), i[2].clone(), i[3].clone()))
            .collect();
        db.close().await;
        Table {
            captures,
            identifiers,
        }
    }
}

/// Signs in at the desk on `addr`; the `name=value` of the session cookie, or the status of a refusal.
pub async fn session_cookie_at(addr: SocketAddr, username: &str, password: &str) -> Result<String, u16> {
    let response = client_with(None)
        .post(format!("http://{addr}/api/v1/session"))
        .json(&json!({ "username": username, "password": password }))
        .send()
        .await
        .expect("request");
    if response.status() != 200 {
        return Err(response.status().as_u16());
    }
    let set_cookie = response
        .headers()
        .get(reqwest::header::SET_COOKIE)
        .expect("a session cookie")
        .to_str()
        .unwrap()
        .to_string();
    Ok(set_cookie.split(';').next().unwrap().to_string())
}

/// A client signed in as `username` (with [`PASSWORD`]) at the desk on `addr`.
pub async fn signed_in_at(addr: SocketAddr, username: &str) -> reqwest::Client {
    let cookie = session_cookie_at(addr, username, PASSWORD)
        .await
        .expect("sign in");
    client_with(Some(&cookie))
}

/// A desk's settings for a test: loopback port 0, the given database and key-encryption key file.
pub fn test_config(database_url: &str, kek_file: &std::path::Path, app_dir: PathBuf) -> Config {
    Config {
        listen: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
        database_url: database_url.to_string(),
        app_dir,
        session_idle_minutes: 120,
        session_hours: 12,
        trusted_proxy: None,
        seal_kek_file: Some(kek_file.to_path_buf()),
        seal_kek_previous_file: None,
        seal_kek: None,
        tls_cert: None,
        tls_key: None,
        public_origin: None,
    }
}

/// A new key-encryption key in `dir/seal.kek`, as `spoc-desk key make-kek > seal.kek` writes it.
pub fn write_kek(dir: &std::path::Path) -> PathBuf {
    let path = dir.join("seal.kek");
    std::fs::write(&path, spoc_desk::kek::Kek::generate()).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    path
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub captures: Vec<(i64, String, String, String, String)>,
    pub identifiers: Vec<(i64, String, String, String)>,
}

pub async fn read(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let text = response.text().await.expect("body");
    let body =
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("body of a {status} is not JSON: {text}"));
    (status, body)
}

fn write_app(dir: &std::path::Path) {
    std::fs::create_dir_all(dir.join("icons")).unwrap();
    std::fs::write(dir.join("index.html"), INDEX_HTML).unwrap();
    std::fs::create_dir_all(dir.join("desk")).unwrap();
    std::fs::write(dir.join("desk").join("index.html"), DESK_INDEX_HTML).unwrap();
    std::fs::write(
        dir.join("sw.js"),
        "self.addEventListener('fetch', () => {});\n".repeat(20),
    )
    .unwrap();
    std::fs::write(
        dir.join("manifest.webmanifest"),
        r#"{"name":"SPOC Field","start_url":"/","display":"standalone"}"#,
    )
    .unwrap();
    // Compressible, and large enough for the compression layer to bother.
    let mut wasm = b"\0asm\x01\0\0\0".to_vec();
    wasm.extend(std::iter::repeat_n(b"spoc-field ".as_slice(), 2000).flatten());
    std::fs::write(dir.join(HASHED_WASM), wasm).unwrap();
    std::fs::write(
        dir.join(HASHED_JS),
        "export function start() { return 42; }\n".repeat(50),
    )
    .unwrap();
    // What the build's precompression step leaves beside a file (not real brotli: the desk must pass
    // it through untouched, and the test recognises it).
    std::fs::write(dir.join(format!("{HASHED_JS}.br")), PRECOMPRESSED_JS).unwrap();
    std::fs::write(dir.join(HASHED_CSS), "body { margin: 0; }\n".repeat(50)).unwrap();
    std::fs::write(dir.join("icons").join("icon-192.png"), [0x89, b'P', b'N', b'G']).unwrap();
}

/// A fresh lower-case v4-shaped UUID, unique within the test process.
pub fn new_id() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let pid = std::process::id();
    format!("{pid:08x}-0000-4000-8000-{n:012x}")
}

/// A valid capture with items only (no identifiers).
pub fn capture(id: &str) -> Capture {
    Capture {
        schema_version: SCHEMA_VERSION,
        id: id.to_string(),
        created_at: ZonedTime::new("2026-11-22T14:03:00+01:00", "Europe/Copenhagen"),
        officer: Officer {
            name: "Betjent Hansen".into(),
            badge_number: "B-4711".into(),
            district: Some(District::Fyn),
            phone: String::new(),
        },
        case_type: CaseType::Sextortion,
        journal_number: "3700-80123-00042-26".into(),
        flags: UrgencyFlags {
            danger_to_life: false,
            victim_minor: true,
            ongoing: true,
        },
        identifiers: vec![],
        items: vec![SeenItem {
            what: "Besked med krav om betaling, set på offerets telefon".into(),
            seen_at: ZonedTime::new("2026-11-22T13:55:00+01:00", "Europe/Copenhagen"),
        }],
        preservations: vec![],
        notes: String::new(),
        guidance: None,
        attachments: vec![],
        prosecution_request: None,
    }
}

/// A valid capture with the given raw identifiers, parsed by spoc-core as the app parses them.
pub fn capture_with_identifiers(id: &str, raws: &[(&str, Option<Platform>)]) -> Capture {
    let mut capture = capture(id);
    capture.identifiers = raws
        .iter()
        .map(|&(raw, platform_hint)| CapturedIdentifier {
            raw: raw.into(),
            platform_hint,
            parsed: Identifier::parse(raw, platform_hint)
                .unwrap_or_else(|e| panic!("fixture identifier {raw:?} does not parse: {e}")),
        })
        .collect();
    capture
}

/// A valid capture, signed by [`OFFICER`]'s device.
pub fn submission(id: &str) -> Submission {
    sign(Submission::new(capture(id)).expect("the fixture is a valid capture"))
}

/// The same id with other content, correctly hashed: what a device sends after an edit it should not
/// have made.
pub fn changed_submission(id: &str) -> Submission {
    let mut capture = capture(id);
    capture.notes = "Tilføjet efter afsendelse".into();
    sign(Submission::new(capture).expect("the fixture is a valid capture"))
}

/// Turns the JSON of a plaintext submission (`sha256`, `capture`, `signature`, and whatever else a
/// test put there) into the sealed one a device sends: the capture's JSON, as it stands, sealed to
/// `key` for its id and the hash; `id` beside the envelope; every other member left where it was. A
/// field broken by hand inside the capture is so broken inside the envelope.
pub fn seal_value(key: &SealKey, mut plaintext_submission: Value) -> Value {
    let object = plaintext_submission
        .as_object_mut()
        .expect("a submission is an object");
    let capture = object.remove("capture").expect("a submission has a capture");
    let id = capture
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let sha256 = object
        .get("sha256")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let plaintext = serde_json::to_vec(&capture).unwrap();
    let envelope = spoc_desk::seal::seal(&key.public_key, &key.kid, &id, &sha256, &plaintext);
    object.insert("id".into(), json!(id));
    object.insert("envelope".into(), serde_json::to_value(envelope).unwrap());
    plaintext_submission
}

/// `{"error":{"code":...}}` → the code; panics with the body if it is not the error shape.
pub fn error_code(body: &Value) -> &str {
    body.pointer("/error/code")
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("not an error body: {body}"))
}

pub fn error_field(body: &Value) -> Option<&str> {
    body.pointer("/error/field").and_then(Value::as_str)
}

pub fn error_message(body: &Value) -> &str {
    body.pointer("/error/message")
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("not an error body: {body}"))
}

pub fn batch(submissions: Vec<Value>) -> Value {
    json!({ "submissions": submissions })
}

/// Serves [`spoc_desk::app`] over any state (a store that fails, say) on a loopback port.
pub async fn serve_state(state: spoc_desk::AppState) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    let service = spoc_desk::app(state).into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, service).await });
    addr
}
