//! WebCrypto through web-sys: the few calls the app makes, with the browser's errors turned into one
//! error type. Keys are `CryptoKey` objects; every private or secret key is made non-extractable, so
//! not even this code can read it out.
//!
//! - [`seal`]: encrypting a capture to the SPOC's public key (spoc-core's `sealed` scheme);
//! - [`vault`]: the drafts' data key, wrapped by a key derived from the officer's passphrase;
//! - [`passkey`]: WebAuthn PRF, a second way to unwrap that key.

pub mod passkey;
pub mod seal;
pub mod vault;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use js_sys::{Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::SubtleCrypto;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("encryption on this device failed: {0}")]
pub struct CryptoError(pub String);

pub(crate) fn js_error(e: JsValue) -> CryptoError {
    let text = e
        .as_string()
        .or_else(|| Reflect::get(&e, &"message".into()).ok()?.as_string())
        .unwrap_or_else(|| format!("{e:?}"));
    CryptoError(text)
}

pub(crate) fn subtle() -> Result<SubtleCrypto, CryptoError> {
    let crypto = web_sys::window()
        .ok_or_else(|| CryptoError("no window".into()))?
        .crypto()
        .map_err(js_error)?;
    Ok(crypto.subtle())
}

/// A JS object of string members: WebCrypto's algorithm dictionaries.
pub(crate) fn object(pairs: &[(&str, &str)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        set(&object, key, &(*value).into());
    }
    object
}

/// Sets one member; on a fresh plain object this cannot fail.
pub(crate) fn set(object: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(object, &key.into(), value);
}

/// Awaits a WebCrypto call: the call may throw, and its promise may reject.
pub(crate) async fn call(promise: Result<Promise, JsValue>) -> Result<JsValue, CryptoError> {
    JsFuture::from(promise.map_err(js_error)?).await.map_err(js_error)
}

/// A non-extractable key derived from `secret` bytes: `params` names the derivation (`PBKDF2` or
/// `HKDF`, with its salt and hash), `derived` the key made (`AES-GCM`, `AES-KW`, with its length).
pub(crate) async fn derive_key(
    secret: &[u8],
    params: &Object,
    derived: &Object,
    usages: &[&str],
) -> Result<web_sys::CryptoKey, CryptoError> {
    use wasm_bindgen::JsCast;
    let subtle = subtle()?;
    let kdf = Reflect::get(params, &"name".into()).map_err(js_error)?;
    let algorithm = Object::new();
    set(&algorithm, "name", &kdf);
    let base: web_sys::CryptoKey = call(subtle.import_key_with_object(
        "raw",
        &Uint8Array::from(secret),
        &algorithm,
        false,
        &js_sys::Array::of1(&"deriveKey".into()),
    ))
    .await?
    .unchecked_into();
    let usages: js_sys::Array = usages.iter().map(|u| JsValue::from_str(u)).collect();
    Ok(
        call(subtle.derive_key_with_object_and_object(params, &base, derived, false, &usages))
            .await?
            .unchecked_into(),
    )
}

/// HKDF-SHA256's parameters.
pub(crate) fn hkdf(salt: &[u8], info: &[u8]) -> Object {
    let params = object(&[("name", "HKDF"), ("hash", "SHA-256")]);
    set(&params, "salt", &Uint8Array::from(salt).into());
    set(&params, "info", &Uint8Array::from(info).into());
    params
}

/// AES-GCM's parameters for one message: its nonce and the data authenticated with it.
pub(crate) fn gcm(iv: &[u8], additional_data: &[u8]) -> Object {
    let params = object(&[("name", "AES-GCM")]);
    set(&params, "iv", &Uint8Array::from(iv).into());
    set(
        &params,
        "additionalData",
        &Uint8Array::from(additional_data).into(),
    );
    params
}

/// `{name, length: 256}`: the AES keys made here are all 256-bit.
pub(crate) fn aes_256(name: &str) -> Object {
    let algorithm = object(&[("name", name)]);
    set(&algorithm, "length", &JsValue::from(256));
    algorithm
}

pub(crate) fn bytes(value: &JsValue) -> Vec<u8> {
    Uint8Array::new(value).to_vec()
}

pub(crate) fn random_bytes(n: usize) -> Result<Vec<u8>, CryptoError> {
    let mut buffer = vec![0u8; n];
    web_sys::window()
        .ok_or_else(|| CryptoError("no window".into()))?
        .crypto()
        .map_err(js_error)?
        .get_random_values_with_u8_array(&mut buffer)
        .map_err(js_error)?;
    Ok(buffer)
}

pub(crate) fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

pub(crate) fn unb64(text: &str, what: &str) -> Result<Vec<u8>, CryptoError> {
    URL_SAFE_NO_PAD
        .decode(text)
        .map_err(|_| CryptoError(format!("{what} is not base64url")))
}
