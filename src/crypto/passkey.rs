//! A passkey as a second way to unlock: WebAuthn's PRF extension asks the authenticator (the phone's
//! secure hardware, behind its fingerprint, face or screen lock) for a secret derived from the
//! credential and a salt. That secret never leaves this device's authenticator without the user's
//! verification, and an AES-KW key derived from it wraps the same data key the passphrase wraps.
//!
//! Nothing is sent to a server: the credential is used locally only, so the challenge is random and
//! not checked by anyone; what protects the data is that only the authenticator can compute the PRF.

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::{bytes, js_error, random_bytes, set, CryptoError};

/// WebAuthn is there, and the page is on a domain (WebAuthn refuses IP addresses as relying party).
pub fn supported() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let has_api = Reflect::get(&window, &"PublicKeyCredential".into()).is_ok_and(|v| !v.is_undefined());
    let host = window.location().hostname().unwrap_or_default();
    let ip = host.contains(':') || host.split('.').all(|part| part.parse::<u8>().is_ok());
    has_api && !ip
}

fn object_with(pairs: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        set(&object, key, value);
    }
    object
}

/// `{publicKey: {...}}` with what creating and using a passkey share: a fresh challenge (nobody
/// checks it: the credential is used locally only), user verification required, the extensions.
fn options(extensions: Object, mut members: Vec<(&str, JsValue)>) -> Result<Object, CryptoError> {
    members.push(("challenge", Uint8Array::from(random_bytes(32)?.as_slice()).into()));
    members.push(("userVerification", "required".into()));
    members.push(("extensions", extensions.into()));
    Ok(object_with(&[("publicKey", object_with(&members).into())]))
}

/// The relying party, user and algorithms a new credential needs.
fn creation_members() -> Result<Vec<(&'static str, JsValue)>, CryptoError> {
    let user_id: JsValue = Uint8Array::from(random_bytes(16)?.as_slice()).into();
    let name: JsValue = "SPOC Field".into();
    let algorithm =
        |id: i32| -> JsValue { object_with(&[("type", "public-key".into()), ("alg", id.into())]).into() };
    Ok(vec![
        ("rp", object_with(&[("name", name.clone())]).into()),
        (
            "user",
            object_with(&[("id", user_id), ("name", name.clone()), ("displayName", name)]).into(),
        ),
        // ES256, RS256: what every platform authenticator offers.
        (
            "pubKeyCredParams",
            Array::of2(&algorithm(-7), &algorithm(-257)).into(),
        ),
        (
            "authenticatorSelection",
            object_with(&[("userVerification", "required".into())]).into(),
        ),
    ])
}

async fn call_credentials(method: &str, options: &Object) -> Result<JsValue, CryptoError> {
    let navigator = web_sys::window()
        .ok_or_else(|| CryptoError("no window".into()))?
        .navigator();
    let credentials = Reflect::get(&navigator, &"credentials".into()).map_err(js_error)?;
    let function: Function = Reflect::get(&credentials, &method.into())
        .map_err(js_error)?
        .dyn_into()
        .map_err(|_| CryptoError("no WebAuthn in this browser".into()))?;
    let promise: Promise = function
        .call1(&credentials, options)
        .map_err(js_error)?
        .unchecked_into();
    JsFuture::from(promise).await.map_err(js_error)
}

fn extension_results(credential: &JsValue) -> Result<JsValue, CryptoError> {
    let function: Function = Reflect::get(credential, &"getClientExtensionResults".into())
        .map_err(js_error)?
        .unchecked_into();
    let results = function.call0(credential).map_err(js_error)?;
    Reflect::get(&results, &"prf".into()).map_err(js_error)
}

/// Makes a passkey for this device; its raw credential id. Fails where the authenticator has no PRF.
pub async fn create() -> Result<Vec<u8>, CryptoError> {
    let options = options(object_with(&[("prf", Object::new().into())]), creation_members()?)?;
    let created = call_credentials("create", &options).await?;
    let prf = extension_results(&created)?;
    if Reflect::get(&prf, &"enabled".into())
        .ok()
        .and_then(|v| v.as_bool())
        != Some(true)
    {
        return Err(CryptoError(
            "this passkey cannot derive keys (no WebAuthn PRF)".into(),
        ));
    }
    Ok(bytes(&Reflect::get(&created, &"rawId".into()).map_err(js_error)?))
}

/// The 32-byte PRF output of credential `id` for `salt`, after the user's verification.
pub async fn evaluate(id: &[u8], salt: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let eval = object_with(&[("first", Uint8Array::from(salt).into())]);
    let extensions = object_with(&[("prf", object_with(&[("eval", eval.into())]).into())]);
    let allowed = object_with(&[("type", "public-key".into()), ("id", Uint8Array::from(id).into())]);
    let options = options(
        extensions,
        vec![("allowCredentials", Array::of1(&allowed).into())],
    )?;
    let asserted = call_credentials("get", &options).await?;
    let prf = extension_results(&asserted)?;
    let first = Reflect::get(&prf, &"results".into())
        .and_then(|results| Reflect::get(&results, &"first".into()))
        .map_err(js_error)?;
    if first.is_undefined() {
        return Err(CryptoError("the passkey gave no key (no WebAuthn PRF)".into()));
    }
    Ok(bytes(&first))
}
