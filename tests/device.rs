//! The device's signing key in a real browser: made by WebCrypto with a private half that cannot be
//! exported, kept across a reopened database, and signing in the format the desk verifies.
#![cfg(target_arch = "wasm32")]

mod support;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use js_sys::{Array, Object, Reflect, Uint8Array};
use spoc_field::device::DeviceKey;
use spoc_field::store::Store;
use support::db_name;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn subtle() -> web_sys::SubtleCrypto {
    web_sys::window().unwrap().crypto().unwrap().subtle()
}

fn algorithm(pairs: &[(&str, &str)]) -> Object {
    let object = Object::new();
    for (k, v) in pairs {
        Reflect::set(&object, &(*k).into(), &(*v).into()).unwrap();
    }
    object
}

#[wasm_bindgen_test]
async fn the_key_survives_a_reopened_database_and_its_private_half_cannot_be_read() {
    let name = db_name("device-key");
    let store = Store::open(&name).await.unwrap();
    let key = DeviceKey::load_or_create(&store).await.unwrap();
    store.close();
    let store = Store::open(&name).await.unwrap();
    let again = DeviceKey::load_or_create(&store).await.unwrap();
    assert_eq!(again.id, key.id);
    assert_eq!(again.public_key, key.public_key);

    let record = store.device_record().await.unwrap().unwrap();
    let private: web_sys::CryptoKey = Reflect::get(&record, &"private".into()).unwrap().unchecked_into();
    assert!(!private.extractable());
    let exported = JsFuture::from(subtle().export_key("pkcs8", &private).unwrap()).await;
    assert!(exported.is_err(), "a non-extractable key must not export");
}

#[wasm_bindgen_test]
async fn a_signature_verifies_with_the_registered_public_key_and_only_for_its_message() {
    let store = Store::open(&db_name("device-sign")).await.unwrap();
    let key = DeviceKey::load_or_create(&store).await.unwrap();
    let message = spoc_core::device::signed_message("0b1e8c9a-4f7d-4c1e-9a57-3f0d2f6a9b10", &"a".repeat(64));
    let signature = URL_SAFE_NO_PAD.decode(key.sign(&message).await.unwrap()).unwrap();
    assert_eq!(signature.len(), 64, "r || s, as the desk reads it");

    // Import the public half exactly as registered, and verify with WebCrypto.
    let raw = Uint8Array::from(URL_SAFE_NO_PAD.decode(&key.public_key).unwrap().as_slice());
    assert_eq!(raw.length(), 65);
    let public: web_sys::CryptoKey = JsFuture::from(
        subtle()
            .import_key_with_object(
                "raw",
                &raw,
                &algorithm(&[("name", "ECDSA"), ("namedCurve", "P-256")]),
                true,
                &Array::of1(&"verify".into()),
            )
            .unwrap(),
    )
    .await
    .unwrap()
    .unchecked_into();
    let verify = |message: &str| {
        let promise = subtle()
            .verify_with_object_and_u8_array_and_u8_array(
                &algorithm(&[("name", "ECDSA"), ("hash", "SHA-256")]),
                &public,
                &signature,
                message.as_bytes(),
            )
            .unwrap();
        async move { JsFuture::from(promise).await.unwrap().as_bool().unwrap() }
    };
    assert!(verify(&message).await);
    assert!(!verify(&message.replace('a', "b")).await);
}

#[wasm_bindgen_test]
async fn replacing_the_key_gives_a_new_id() {
    let store = Store::open(&db_name("device-replace")).await.unwrap();
    let first = DeviceKey::load_or_create(&store).await.unwrap();
    let second = DeviceKey::replace(&store).await.unwrap();
    assert_ne!(first.id, second.id);
    assert_eq!(DeviceKey::load_or_create(&store).await.unwrap().id, second.id);
}
