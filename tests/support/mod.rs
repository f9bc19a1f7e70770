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
