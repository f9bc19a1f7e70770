//! Sealing a submission to the SPOC's public key on submit, with spoc-core's scheme
//! (`spoc_core::sealed`): ephemeral ECDH P-256, HKDF-SHA256, AES-256-GCM. After this the device holds
//! only the envelope; the ephemeral private key is never stored and is dropped with this call, so
//! nothing on the device can open it again.

use js_sys::{Array, Uint8Array};
use spoc_core::api::Submission;
use spoc_core::sealed::{seal_aad, Envelope, SealKey, SealedSubmission, SEAL_INFO};
use wasm_bindgen::JsCast;
use web_sys::CryptoKey;

use super::{
    aes_256, b64, bytes, call, derive_key, gcm, hkdf, object, random_bytes, set, subtle, unb64, CryptoError,
};

pub async fn seal(key: &SealKey, submission: &Submission) -> Result<SealedSubmission, CryptoError> {
    let subtle = subtle()?;
    let curve = object(&[("name", "ECDH"), ("namedCurve", "P-256")]);
    let spoc_point = Uint8Array::from(unb64(&key.public_key, "the SPOC's key")?.as_slice());
    let spoc: CryptoKey =
        call(subtle.import_key_with_object("raw", &spoc_point, &curve, false, &Array::new()))
            .await?
            .unchecked_into();

    // Not extractable: only the public half is ever exported (WebCrypto always allows that).
    let usages = Array::of1(&"deriveBits".into());
    let pair = call(subtle.generate_key_with_object(&curve, false, &usages)).await?;
    let member = |name: &str| -> Result<CryptoKey, CryptoError> {
        Ok(js_sys::Reflect::get(&pair, &name.into())
            .map_err(super::js_error)?
            .unchecked_into())
    };
    let (ephemeral, ephemeral_public) = (member("privateKey")?, member("publicKey")?);
    let epk = bytes(&call(subtle.export_key("raw", &ephemeral_public)).await?);

    let ecdh = object(&[("name", "ECDH")]);
    set(&ecdh, "public", &spoc);
    let shared = call(subtle.derive_bits_with_object(&ecdh, &ephemeral, 256)).await?;
    let params = hkdf(&epk, SEAL_INFO.as_bytes());
    let content_key = derive_key(&bytes(&shared), &params, &aes_256("AES-GCM"), &["encrypt"]).await?;

    let id = &submission.capture.id;
    let iv = random_bytes(12)?;
    let gcm = gcm(&iv, seal_aad(&key.kid, id, &submission.sha256).as_bytes());
    let plaintext = serde_json::to_vec(&submission.capture).map_err(|e| CryptoError(e.to_string()))?;
    let ciphertext =
        bytes(&call(subtle.encrypt_with_object_and_u8_array(&gcm, &content_key, &plaintext)).await?);

    Ok(SealedSubmission {
        id: id.clone(),
        sha256: submission.sha256.clone(),
        envelope: Envelope {
            kid: key.kid.clone(),
            epk: b64(&epk),
            iv: b64(&iv),
            ciphertext: b64(&ciphertext),
        },
        signature: None,
    })
}
