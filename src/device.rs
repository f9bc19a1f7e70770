//! This device's signing key: an ECDSA P-256 key pair made by WebCrypto with a non-extractable private
//! half, kept in IndexedDB as the `CryptoKey` object itself. Every submission is signed with it when
//! it is sent (spoc-core's `signed_message`), and the desk checks the signature against the public
//! half this device registered for the signed-in account.

use std::cell::Cell;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::CryptoKey;

use crate::crypto::{js_error, object, subtle, CryptoError};

use crate::store::Store;

pub const DEVICES_PATH: &str = "/api/v1/devices";

thread_local! {
    /// Set at every sign-in: the account may have changed, so the key is registered again (the desk
    /// answers 200 to a device it knows, 409 if the id belongs to another account's device).
    static REGISTER_AGAIN: Cell<bool> = const { Cell::new(true) };
}

/// Called when someone signs in on this device.
pub fn signed_in() {
    REGISTER_AGAIN.with(|flag| flag.set(true));
}

/// Whether a registration is due, clearing the flag.
pub fn take_registration_due() -> bool {
    REGISTER_AGAIN.with(|flag| flag.replace(false))
}

/// Puts the flag back after a registration that did not go through.
pub fn registration_still_due() {
    REGISTER_AGAIN.with(|flag| flag.set(true));
}

#[derive(Clone)]
pub struct DeviceKey {
    pub id: String,
    /// The uncompressed public point, base64url: what the desk stores.
    pub public_key: String,
    private: CryptoKey,
}

/// Why the device key could not be made, stored or used.
pub type KeyError = CryptoError;

fn key_error(e: impl std::fmt::Display) -> KeyError {
    CryptoError(format!("the device key cannot be used: {e}"))
}

impl DeviceKey {
    /// The stored key, or a new one, stored before it is returned.
    pub async fn load_or_create(store: &Store) -> Result<DeviceKey, KeyError> {
        if let Some(record) = store.device_record().await.map_err(key_error)? {
            if let Some(key) = DeviceKey::from_record(&record) {
                return Ok(key);
            }
        }
        DeviceKey::replace(store).await
    }

    /// A new key pair and id, replacing any stored one.
    pub async fn replace(store: &Store) -> Result<DeviceKey, KeyError> {
        let subtle = subtle()?;
        let algorithm = object(&[("name", "ECDSA"), ("namedCurve", "P-256")]);
        let usages = Array::of2(&"sign".into(), &"verify".into());
        // extractable = false: the private key can sign but can never be exported.
        let pair = JsFuture::from(
            subtle
                .generate_key_with_object(&algorithm, false, &usages)
                .map_err(js_error)?,
        )
        .await
        .map_err(js_error)?;
        let private: CryptoKey = Reflect::get(&pair, &"privateKey".into())
            .map_err(js_error)?
            .unchecked_into();
        let public: CryptoKey = Reflect::get(&pair, &"publicKey".into())
            .map_err(js_error)?
            .unchecked_into();
        let raw = JsFuture::from(subtle.export_key("raw", &public).map_err(js_error)?)
            .await
            .map_err(js_error)?;
        let key = DeviceKey {
            id: web_sys::window()
                .and_then(|w| w.crypto().ok())
                .map(|c| c.random_uuid())
                .ok_or_else(|| key_error("no crypto.randomUUID"))?,
            public_key: URL_SAFE_NO_PAD.encode(Uint8Array::new(&raw).to_vec()),
            private,
        };
        store
            .put_device_record(&key.to_record())
            .await
            .map_err(key_error)?;
        Ok(key)
    }

    /// base64url r ‖ s over `message`.
    pub async fn sign(&self, message: &str) -> Result<String, KeyError> {
        let algorithm = object(&[("name", "ECDSA"), ("hash", "SHA-256")]);
        let promise = subtle()?
            .sign_with_object_and_u8_array(&algorithm, &self.private, message.as_bytes())
            .map_err(js_error)?;
        let signature = JsFuture::from(promise).await.map_err(js_error)?;
        Ok(URL_SAFE_NO_PAD.encode(Uint8Array::new(&signature).to_vec()))
    }

    fn to_record(&self) -> JsValue {
        let record = object(&[("id", &self.id), ("public_key", &self.public_key)]);
        let _ = Reflect::set(&record, &"private".into(), &self.private);
        record.into()
    }

    fn from_record(record: &JsValue) -> Option<DeviceKey> {
        let text = |key: &str| Reflect::get(record, &key.into()).ok()?.as_string();
        let private = Reflect::get(record, &"private".into()).ok()?;
        Some(DeviceKey {
            id: text("id")?,
            public_key: text("public_key")?,
            private: private.dyn_into().ok()?,
        })
    }

    /// The registration the desk expects.
    pub fn registration(&self) -> spoc_core::device::DeviceRegistration {
        let label = web_sys::window()
            .and_then(|w| w.navigator().user_agent().ok())
            .unwrap_or_default();
        spoc_core::device::DeviceRegistration {
            device_id: self.id.clone(),
            public_key: self.public_key.clone(),
            label,
        }
    }
}
