//! Databases made by released builds open in this one with everything in them: the store's schema
//! upgrades from every released version, and the records it wrote read back the same.
//!
//! `fixtures/store-v2-released.json` is what the released store (DB_VERSION 2, commit c6f583a, on
//! web-sys before indexed_db_futures) wrote through its own API – a passphrase, the officer's
//! settings, the SPOC's key, an encrypted draft, three sealed captures (queued, synced, refused) and
//! the device key – dumped key by key. The device key's `CryptoKey` cannot be dumped: the test puts
//! a fresh one in the same record.
#![cfg(target_arch = "wasm32")]

mod support;

use serde_json::{json, Value};
use spoc_field::device::DeviceKey;
use spoc_field::store::{CaptureState, Due, Store, DB_VERSION};
use support::{db_name, open_store, raw_database, raw_version, raw_write};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const RELEASED_V2: &str = include_str!("fixtures/store-v2-released.json");

/// A non-extractable ECDSA private key, as the device record holds.
async fn private_key() -> JsValue {
    let subtle = web_sys::window().unwrap().crypto().unwrap().subtle();
    let algorithm = js_sys::Object::new();
    js_sys::Reflect::set(&algorithm, &"name".into(), &"ECDSA".into()).unwrap();
    js_sys::Reflect::set(&algorithm, &"namedCurve".into(), &"P-256".into()).unwrap();
    let usages = js_sys::Array::of2(&"sign".into(), &"verify".into());
    let pair = JsFuture::from(
        subtle
            .generate_key_with_object(&algorithm, false, &usages)
            .unwrap(),
    )
    .await
    .unwrap();
    js_sys::Reflect::get(&pair, &"privateKey".into()).unwrap()
}

/// Puts the released database on disk, record for record.
async fn released_v2(name: &str) -> Value {
    let fixture: Value = serde_json::from_str(RELEASED_V2).unwrap();
    let stores = fixture["stores"].as_object().unwrap();
    let names: Vec<&str> = stores.keys().map(String::as_str).collect();
    let db = raw_database(name, fixture["version"].as_f64().unwrap() as u32, &names).await;
    for (store, records) in stores {
        for record in records.as_array().unwrap() {
            let key = record[0].as_str().unwrap();
            let value = match &record[1] {
                Value::String(text) => JsValue::from_str(text),
                device => {
                    let object = js_sys::Object::new();
                    for field in ["id", "public_key"] {
                        js_sys::Reflect::set(&object, &field.into(), &device[field].as_str().unwrap().into())
                            .unwrap();
                    }
                    js_sys::Reflect::set(&object, &"private".into(), &private_key().await).unwrap();
                    object.into()
                }
            };
            raw_write(&db, store, key, &value).await;
        }
    }
    db.close();
    fixture
}

#[wasm_bindgen_test]
async fn a_database_made_by_the_released_store_opens_with_everything_in_it() {
    let name = db_name("released-v2");
    let fixture = released_v2(&name).await;
    let ids = &fixture["captures"];

    // The fixture's passphrase is the tests' one: unlocking proves the wrapped key reads back.
    assert_eq!(fixture["passphrase"], support::PASSPHRASE);
    let store = open_store(&name).await;
    assert_eq!(
        store.get_draft::<Value>("draft-kept").await.unwrap(),
        Some(
            json!({"id": "draft-kept", "journal_number": "0100-76543-00099-26", "notes": "half written at the scene"})
        )
    );
    assert_eq!(store.count_drafts().await.unwrap(), 1);

    let captures = store.list_captures().await.unwrap();
    let state = |id: &Value| {
        captures
            .iter()
            .find(|c| c.id() == id.as_str().unwrap())
            .map(|c| c.state.code())
    };
    assert_eq!(captures.len(), 3);
    assert_eq!(
        (
            state(&ids["queued"]),
            state(&ids["synced"]),
            state(&ids["refused"])
        ),
        (Some("queued"), Some("synced"), Some("refused"))
    );
    let synced = store
        .get_capture(ids["synced"].as_str().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert!(matches!(synced.state, CaptureState::Synced { receipt } if receipt.server_seq == 7));

    // Only the queued one is due; the refused one waits for a person.
    let due = store.due(f64::MAX, Due::All, &[], 50).await.unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].0.id, ids["queued"].as_str().unwrap());
    assert_eq!(due[0].1.id, ids["queued"].as_str().unwrap());
    let summary = store.summary().await.unwrap();
    assert_eq!(summary.waiting, 1);
    assert_eq!(summary.refused.len(), 1);
    assert!(summary.refused[0].reason.contains("is required"));
    assert_eq!(summary.last_success_ms, Some(1796123350520.0));

    assert_eq!(
        store.get_setting::<Value>("officer").await.unwrap().unwrap()["officer"]["badge_number"],
        "12345"
    );
    assert_eq!(store.seal_key().await.unwrap().unwrap().kid, "test-key");
    let device = &fixture["stores"]["device"][0][1];
    let key = DeviceKey::load_or_create(&store).await.unwrap();
    assert_eq!(
        (key.id.as_str(), key.public_key.as_str()),
        (
            device["id"].as_str().unwrap(),
            device["public_key"].as_str().unwrap()
        )
    );

    // And it keeps working: a new draft is written and read back over a new connection.
    store.put_draft("d-new", &json!({"id": "d-new"})).await.unwrap();
    store.close();
    assert_eq!(raw_version(&name).await, f64::from(DB_VERSION));
    let store = open_store(&name).await;
    assert_eq!(store.count_drafts().await.unwrap(), 2);
}

#[wasm_bindgen_test]
async fn a_version_1_database_upgrades_in_place_with_its_settings() {
    // Version 1 had four object stores and no device store.
    let name = db_name("released-v1");
    let db = raw_database(&name, 1, &["drafts", "captures", "outbox", "settings"]).await;
    let officer = r#"{"officer":{"name":"Søren","badge_number":"12345","district":"koebenhavn","phone":""}}"#;
    raw_write(&db, "settings", "officer", &JsValue::from_str(officer)).await;
    db.close();

    let store = Store::open(&name).await.unwrap();
    assert_eq!(raw_version(&name).await, f64::from(DB_VERSION));
    assert_eq!(
        store.get_setting::<Value>("officer").await.unwrap(),
        Some(serde_json::from_str(officer).unwrap())
    );
    // The store version 2 added works: the device key is kept across a reopen.
    let key = DeviceKey::load_or_create(&store).await.unwrap();
    store.close();
    assert_eq!(DeviceKey::load_or_create(&store).await.unwrap().id, key.id);
}
