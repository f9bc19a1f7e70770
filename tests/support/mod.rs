//! Fixtures shared by the browser tests of the store and the outbox.
#![allow(dead_code)] // each test binary uses its own part

use js_sys::Promise;
use spoc_core::api::Submission;
use spoc_core::capture::{Officer, SeenItem};
use spoc_core::{Capture, CaseType, District, UrgencyFlags, ZonedTime, SCHEMA_VERSION};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbRequest, IdbTransactionMode};

/// `crypto.randomUUID()`: the ids the app makes, and fresh database names for each test.
pub fn new_id() -> String {
    web_sys::window().unwrap().crypto().unwrap().random_uuid()
}

pub fn db_name(test: &str) -> String {
    format!("spoc-field-test-{test}-{}", new_id())
}

/// A valid capture with one item seen (no identifiers: identifier parsing is tested in spoc-core).
pub fn capture(danger_to_life: bool) -> Capture {
    let at = ZonedTime::new("2026-11-22T14:03:00+01:00", "Europe/Copenhagen");
    Capture {
        schema_version: SCHEMA_VERSION,
        id: new_id(),
        created_at: at.clone(),
        officer: Officer {
            name: "Søren Æbelø".into(),
            badge_number: "12345".into(),
            district: Some(District::Koebenhavn),
            phone: String::new(),
        },
        case_type: CaseType::Sextortion,
        journal_number: "0100-76543-00012-26".into(),
        flags: UrgencyFlags {
            danger_to_life,
            ..UrgencyFlags::default()
        },
        identifiers: Vec::new(),
        items: vec![SeenItem {
            what: "https://example.invalid/profile/offender".into(),
            seen_at: at,
        }],
        preservations: Vec::new(),
        notes: "Offeret blev kontaktet via DM.".into(),
        guidance: None,
        attachments: Vec::new(),
        prosecution_request: None,
    }
}

pub fn submission() -> Submission {
    Submission::new(capture(false)).expect("the fixture is a valid capture")
}

pub fn urgent_submission() -> Submission {
    Submission::new(capture(true)).expect("the fixture is a valid capture")
}

/// Writes `json` under `key` in `object_store` of database `name` over a connection of its own,
/// bypassing the store's API: for putting the database in states the app itself never makes.
pub async fn raw_put(name: &str, object_store: &str, key: &str, json: &str) {
    let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
    let open = factory.open(name).unwrap();
    let db: IdbDatabase = settle(open.unchecked_ref()).await.unchecked_into();
    let tx = db
        .transaction_with_str_and_mode(object_store, IdbTransactionMode::Readwrite)
        .unwrap();
    let store = tx.object_store(object_store).unwrap();
    settle(
        &store
            .put_with_key(&JsValue::from_str(json), &JsValue::from_str(key))
            .unwrap(),
    )
    .await;
    let done = Promise::new(&mut |resolve, _| tx.set_oncomplete(Some(&resolve)));
    JsFuture::from(done).await.unwrap();
    db.close();
}

async fn settle(req: &IdbRequest) -> JsValue {
    let done = Promise::new(&mut |resolve, reject| {
        req.set_onsuccess(Some(&resolve));
        req.set_onerror(Some(&reject));
    });
    JsFuture::from(done).await.expect("IndexedDB request failed");
    req.result().unwrap()
}

/// The passphrase of every test store.
pub const PASSPHRASE: &str = "test passphrase, long enough";

/// Opens `name` and unlocks it, setting the passphrase the first time: drafts need the data key.
pub async fn open_store(name: &str) -> spoc_field::store::Store {
    let store = spoc_field::store::Store::open(name).await.unwrap();
    if store.vault_record().await.unwrap().is_some() {
        store.unlock(PASSPHRASE).await.unwrap();
    } else {
        store.set_passphrase(PASSPHRASE).await.unwrap();
    }
    store
}

/// A SPOC key pair made for the test; only its public half is returned, as the desk publishes it.
pub async fn seal_key() -> spoc_core::sealed::SealKey {
    let subtle = web_sys::window().unwrap().crypto().unwrap().subtle();
    let algorithm = js_sys::Object::new();
    js_sys::Reflect::set(&algorithm, &"name".into(), &"ECDH".into()).unwrap();
    js_sys::Reflect::set(&algorithm, &"namedCurve".into(), &"P-256".into()).unwrap();
    let usages = js_sys::Array::of1(&"deriveBits".into());
    let pair = JsFuture::from(
        subtle
            .generate_key_with_object(&algorithm, false, &usages)
            .unwrap(),
    )
    .await
    .unwrap();
    let public: web_sys::CryptoKey = js_sys::Reflect::get(&pair, &"publicKey".into())
        .unwrap()
        .unchecked_into();
    let raw = JsFuture::from(subtle.export_key("raw", &public).unwrap())
        .await
        .unwrap();
    use base64::Engine;
    spoc_core::sealed::SealKey {
        kid: "test-key".into(),
        public_key: base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(js_sys::Uint8Array::new(&raw).to_vec()),
    }
}

/// What the submit button stores for `s`: the envelope sealed to a test key, and the stub.
pub async fn sealed(
    s: &Submission,
) -> (
    spoc_core::sealed::SealedSubmission,
    spoc_field::store::CaptureStub,
) {
    let sealed = spoc_field::crypto::seal::seal(&seal_key().await, s)
        .await
        .unwrap();
    (sealed, spoc_field::store::CaptureStub::of(s))
}

/// `Store::submit` of `s` sealed to a test key.
pub async fn submit(
    store: &spoc_field::store::Store,
    draft_id: &str,
    s: &Submission,
) -> Result<(), spoc_field::store::StoreError> {
    let (sealed, stub) = sealed(s).await;
    store.submit(draft_id, &sealed, &stub).await
}

/// `Store::submit_then_abort` of `s` sealed to a test key.
pub async fn submit_then_abort(
    store: &spoc_field::store::Store,
    draft_id: &str,
    s: &Submission,
) -> Result<(), spoc_field::store::StoreError> {
    let (sealed, stub) = sealed(s).await;
    store.submit_then_abort(draft_id, &sealed, &stub).await
}

/// Everything in database `name`, every object store, as text (records that are objects through
/// `JSON.stringify`), read past the store's API.
pub async fn raw_dump(name: &str) -> String {
    let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
    let db: IdbDatabase = settle(factory.open(name).unwrap().unchecked_ref())
        .await
        .unchecked_into();
    let names = db.object_store_names();
    let mut text = String::new();
    for i in 0..names.length() {
        let store_name = names.get(i).unwrap();
        let tx = db.transaction_with_str(&store_name).unwrap();
        let all = settle(&tx.object_store(&store_name).unwrap().get_all().unwrap()).await;
        for value in js_sys::Array::from(&all).iter() {
            let record = value
                .as_string()
                .or_else(|| js_sys::JSON::stringify(&value).ok().map(String::from))
                .unwrap_or_default();
            text.push_str(&format!("{store_name}: {record}\n"));
        }
    }
    db.close();
    text
}

/// Every item of localStorage and every response body in Cache Storage, as text.
pub async fn other_storage_dump() -> String {
    let window = web_sys::window().unwrap();
    let mut text = String::new();
    if let Ok(Some(storage)) = window.local_storage() {
        for i in 0..storage.length().unwrap() {
            let key = storage.key(i).unwrap().unwrap();
            text.push_str(&format!(
                "localStorage {key}: {}\n",
                storage.get_item(&key).unwrap().unwrap_or_default()
            ));
        }
    }
    let caches = window.caches().unwrap();
    let names = JsFuture::from(caches.keys()).await.unwrap();
    for name in js_sys::Array::from(&names).iter() {
        let cache: web_sys::Cache = JsFuture::from(caches.open(&name.as_string().unwrap()))
            .await
            .unwrap()
            .unchecked_into();
        let requests = JsFuture::from(cache.keys()).await.unwrap();
        for request in js_sys::Array::from(&requests).iter() {
            let request: web_sys::Request = request.unchecked_into();
            let response: web_sys::Response = JsFuture::from(cache.match_with_request(&request))
                .await
                .unwrap()
                .unchecked_into();
            let body = JsFuture::from(response.text().unwrap()).await.unwrap();
            text.push_str(&format!(
                "cache {}: {}\n",
                request.url(),
                body.as_string().unwrap_or_default()
            ));
        }
    }
    text
}

/// Creates database `name` at `version` with `stores` (keyed out-of-line), as an older build of the
/// app did, and returns the open connection: for putting released databases on the test's disk.
pub async fn raw_database(name: &str, version: u32, stores: &[&str]) -> IdbDatabase {
    let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
    let open = factory.open_with_u32(name, version).unwrap();
    let names: Vec<String> = stores.iter().map(|s| s.to_string()).collect();
    let upgrade = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new({
        let open = open.clone();
        move |_: web_sys::Event| {
            let db: IdbDatabase = open.result().unwrap().unchecked_into();
            for name in &names {
                db.create_object_store(name).unwrap();
            }
        }
    });
    open.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let db: IdbDatabase = settle(open.unchecked_ref()).await.unchecked_into();
    open.set_onupgradeneeded(None);
    db
}

/// Writes `value` under `key` in `object_store` over the connection `db`, and waits for `complete`.
pub async fn raw_write(db: &IdbDatabase, object_store: &str, key: &str, value: &JsValue) {
    let tx = db
        .transaction_with_str_and_mode(object_store, IdbTransactionMode::Readwrite)
        .unwrap();
    settle(
        &tx.object_store(object_store)
            .unwrap()
            .put_with_key(value, &JsValue::from_str(key))
            .unwrap(),
    )
    .await;
    let done = Promise::new(&mut |resolve, _| tx.set_oncomplete(Some(&resolve)));
    JsFuture::from(done).await.unwrap();
}

/// The version of database `name` on disk, read over a connection of its own.
pub async fn raw_version(name: &str) -> f64 {
    let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
    let db: IdbDatabase = settle(factory.open(name).unwrap().unchecked_ref())
        .await
        .unchecked_into();
    let version = db.version();
    db.close();
    version
}

/// Runs a JS promise-returning expression and awaits it.
pub async fn js(expression: &str) -> JsValue {
    let promise: Promise = js_sys::eval(expression).unwrap().unchecked_into();
    JsFuture::from(promise).await.unwrap()
}
