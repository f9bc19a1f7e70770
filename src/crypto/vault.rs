//! The drafts' key. Drafts are encrypted with a random AES-256-GCM data key; the data key is stored
//! only wrapped (AES-KW) by a key derived from the officer's passphrase with PBKDF2-SHA256 and a salt
//! made on this device. Unlocking unwraps the data key as a non-extractable `CryptoKey` held in memory;
//! locking drops it. A wrong passphrase fails AES-KW's integrity check, so it is told apart from a
//! right one without storing anything that could confirm a guess faster than PBKDF2 allows. A passkey
//! (`passkey.rs`) can wrap the same data key a second time.

use js_sys::{Array, Uint8Array};
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::CryptoKey;

use super::{
    aes_256, b64, bytes, call, derive_key, gcm, hkdf, object, random_bytes, set, subtle, unb64, CryptoError,
};

/// OWASP's 2023 figure for PBKDF2-HMAC-SHA256. Stored with each vault, so it can be raised later
/// without locking anyone out.
pub const ITERATIONS: u32 = 600_000;

/// What is kept on the device: nothing here opens a draft without the passphrase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VaultRecord {
    pub salt: String,
    pub iterations: u32,
    /// The data key, AES-KW-wrapped by the passphrase key.
    pub wrapped_key: String,
    /// The same data key wrapped by a passkey's PRF output, once the officer has set one up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passkey: Option<PasskeyRecord>,
}

/// A passkey that unlocks: which credential, the PRF salt, and the data key wrapped by its output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasskeyRecord {
    pub credential_id: String,
    pub salt: String,
    pub wrapped_key: String,
}

/// One encrypted record. The id is authenticated with it, so a record cannot be moved under another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Encrypted {
    pub id: String,
    pub iv: String,
    pub ciphertext: String,
}

/// The unlocked data key. Non-extractable: it can encrypt and decrypt, never be read out.
#[derive(Debug, Clone)]
pub struct DataKey(CryptoKey);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UnlockError {
    #[error("wrong passphrase")]
    WrongPassphrase,
    #[error(transparent)]
    Crypto(#[from] CryptoError),
}

fn usages(names: &[&str]) -> Array {
    names.iter().map(|n| JsValue::from_str(n)).collect()
}

async fn passphrase_key(passphrase: &str, salt: &[u8], iterations: u32) -> Result<CryptoKey, CryptoError> {
    let params = object(&[("name", "PBKDF2"), ("hash", "SHA-256")]);
    set(&params, "salt", &Uint8Array::from(salt).into());
    set(&params, "iterations", &JsValue::from(iterations));
    derive_key(
        passphrase.as_bytes(),
        &params,
        &aes_256("AES-KW"),
        &["wrapKey", "unwrapKey"],
    )
    .await
}

/// The data key in `wrapped` (base64url), unwrapped with `wrapping`. Extractable only to be wrapped
/// again for a passkey, and then dropped at once.
async fn unwrap(wrapped: &str, wrapping: &CryptoKey, extractable: bool) -> Result<CryptoKey, UnlockError> {
    let wrapped = unb64(wrapped, "the wrapped key")?;
    let promise = subtle()?.unwrap_key_with_u8_array_and_str_and_object(
        "raw",
        &wrapped,
        wrapping,
        "AES-KW",
        &aes_256("AES-GCM"),
        extractable,
        &usages(&["encrypt", "decrypt"]),
    );
    match call(promise).await {
        Ok(key) => Ok(key.unchecked_into()),
        // AES-KW's integrity check fails: the passphrase (or passkey) derived another key.
        Err(_) => Err(UnlockError::WrongPassphrase),
    }
}

/// The AES-KW key a passkey's 32-byte PRF output stands for.
async fn passkey_key(prf_output: &[u8]) -> Result<CryptoKey, CryptoError> {
    let params = hkdf(&[], b"spoc-field passkey v1");
    derive_key(prf_output, &params, &aes_256("AES-KW"), &["wrapKey", "unwrapKey"]).await
}

/// Sets up a passkey for `record`, confirmed with the passphrase: a new credential, and the data key
/// wrapped by its PRF output.
pub async fn add_passkey(record: &VaultRecord, passphrase: &str) -> Result<PasskeyRecord, UnlockError> {
    let salt = unb64(&record.salt, "the salt")?;
    let wrapping = passphrase_key(passphrase, &salt, record.iterations.max(ITERATIONS)).await?;
    let data_key = unwrap(&record.wrapped_key, &wrapping, true).await?;
    let credential_id = super::passkey::create().await?;
    let prf_salt = random_bytes(32)?;
    let output = super::passkey::evaluate(&credential_id, &prf_salt).await?;
    let wrapped = bytes(
        &call(subtle()?.wrap_key_with_str("raw", &data_key, &passkey_key(&output).await?, "AES-KW")).await?,
    );
    Ok(PasskeyRecord {
        credential_id: b64(&credential_id),
        salt: b64(&prf_salt),
        wrapped_key: b64(&wrapped),
    })
}

pub async fn open_with_passkey(passkey: &PasskeyRecord) -> Result<DataKey, UnlockError> {
    let id = unb64(&passkey.credential_id, "the credential id")?;
    let output = super::passkey::evaluate(&id, &unb64(&passkey.salt, "the passkey salt")?).await?;
    let key = unwrap(&passkey.wrapped_key, &passkey_key(&output).await?, false).await?;
    Ok(DataKey(key))
}

/// A new vault: a new salt and data key, wrapped by `passphrase`. Returns the record to store and the
/// data key, already unlocked.
pub async fn create(passphrase: &str) -> Result<(VaultRecord, DataKey), CryptoError> {
    let subtle = subtle()?;
    let salt = random_bytes(16)?;
    let wrapping = passphrase_key(passphrase, &salt, ITERATIONS).await?;
    // Extractable only so it can be wrapped; this handle is dropped here and the key in use is the
    // non-extractable one unwrapped below.
    let fresh: CryptoKey =
        call(subtle.generate_key_with_object(&aes_256("AES-GCM"), true, &usages(&["encrypt", "decrypt"])))
            .await?
            .unchecked_into();
    let wrapped = bytes(&call(subtle.wrap_key_with_str("raw", &fresh, &wrapping, "AES-KW")).await?);
    let record = VaultRecord {
        salt: b64(&salt),
        iterations: ITERATIONS,
        wrapped_key: b64(&wrapped),
        passkey: None,
    };
    let key = unwrap(&record.wrapped_key, &wrapping, false)
        .await
        .map_err(|e| match e {
            UnlockError::Crypto(e) => e,
            UnlockError::WrongPassphrase => CryptoError("the new key could not be unwrapped".into()),
        })?;
    Ok((record, DataKey(key)))
}

pub async fn open(record: &VaultRecord, passphrase: &str) -> Result<DataKey, UnlockError> {
    let salt = unb64(&record.salt, "the salt")?;
    let wrapping = passphrase_key(passphrase, &salt, record.iterations.max(ITERATIONS)).await?;
    Ok(DataKey(unwrap(&record.wrapped_key, &wrapping, false).await?))
}

fn aad(id: &str) -> String {
    format!("spoc-field draft v1\n{id}")
}

impl DataKey {
    pub async fn encrypt(&self, id: &str, plaintext: &[u8]) -> Result<Encrypted, CryptoError> {
        let iv = random_bytes(12)?;
        let params = gcm(&iv, aad(id).as_bytes());
        let ciphertext =
            call(subtle()?.encrypt_with_object_and_u8_array(&params, &self.0, plaintext)).await?;
        Ok(Encrypted {
            id: id.to_string(),
            iv: b64(&iv),
            ciphertext: b64(&bytes(&ciphertext)),
        })
    }

    pub async fn decrypt(&self, record: &Encrypted) -> Result<Vec<u8>, CryptoError> {
        let params = gcm(&unb64(&record.iv, "iv")?, aad(&record.id).as_bytes());
        let ciphertext = unb64(&record.ciphertext, "ciphertext")?;
        let plaintext = call(subtle()?.decrypt_with_object_and_u8_array(&params, &self.0, &ciphertext))
            .await
            .map_err(|_| CryptoError(format!("draft {} does not decrypt with this key", record.id)))?;
        Ok(bytes(&plaintext))
    }
}
