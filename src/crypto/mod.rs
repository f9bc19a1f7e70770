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
