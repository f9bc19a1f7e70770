//! Sealed submissions: the device encrypts each capture to the SPOC's public key when the officer
//! submits it, keeps only the sealed envelope, and can no longer read what it sent. Only the desk,
//! holding the private key, opens it.
//!
//! The scheme (ECIES in the shape WebCrypto can do without any library):
//! 1. the device makes an ephemeral ECDH P-256 key pair for this one capture;
//! 2. `shared = ECDH(ephemeral private, SPOC public)`: the 32-byte x-coordinate;
//! 3. `key = HKDF-SHA256(ikm = shared, salt = ephemeral public point, info = SEAL_INFO)`, 32 bytes;
//! 4. `ciphertext = AES-256-GCM(key, iv = 12 random bytes, aad = seal_aad(kid, id, sha256),
//!    plaintext = the capture's JSON)`, with the 16-byte tag appended (WebCrypto's output).
//!
//! The additional data ties the envelope to the key it was sealed for and to the id and hash the
//! device signs, so an envelope cannot be moved under another capture's id or signature. The hash is
//! of the canonical JSON of the plaintext capture; the desk recomputes it after opening.

use serde::{Deserialize, Serialize};

use crate::device::DeviceSignature;

/// HKDF's `info`: names the scheme, so a key derived here is never valid for anything else.
pub const SEAL_INFO: &str = "spoc-field seal v1";

/// AES-GCM's additional authenticated data for one envelope.
pub fn seal_aad(kid: &str, capture_id: &str, sha256: &str) -> String {
    format!("spoc-field sealed submission v1\n{kid}\n{capture_id}\n{sha256}")
}

/// The SPOC's current public key, `GET /api/v1/seal-key`. Devices seal to it; the desk keeps every
/// earlier key too, so an envelope sealed before a rotation still opens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SealKey {
    /// Names the key pair; an envelope carries it so the desk knows which private key opens it.
    pub kid: String,
    /// The uncompressed P-256 point (65 bytes, `04 ‖ x ‖ y`), base64url without padding.
    pub public_key: String,
}

/// The encrypted capture. Every binary field is base64url without padding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    /// The [`SealKey::kid`] it was sealed to.
    pub kid: String,
    /// The ephemeral public point, uncompressed (65 bytes).
    pub epk: String,
    /// AES-GCM's 12-byte nonce.
    pub iv: String,
    /// AES-256-GCM ciphertext of the capture's JSON, with the 16-byte tag appended.
    pub ciphertext: String,
}

/// What a device sends and keeps: the id and hash in the clear (the idempotency key, and what the
/// device signs), the envelope, and the device's signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SealedSubmission {
    /// The capture's id; must equal the id inside the envelope.
    pub id: String,
    /// SHA-256 of the canonical JSON of the capture inside, lower-case hex.
    pub sha256: String,
    pub envelope: Envelope,
    /// Added when the submission is sent; see [`crate::device::signed_message`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<DeviceSignature>,
}
