//! Devices: each officer's device holds a non-extractable ECDSA P-256 key made when the officer signs
//! in, registers its public half with the desk, and signs every submission it sends. An admin can
//! revoke a device; it then wipes its local data, after its queue is delivered or at once.

use serde::{Deserialize, Serialize};

/// What a device signs for one submission: the capture's id and the hash of its canonical JSON, so a
/// signature cannot be moved to other content or another capture.
pub fn signed_message(capture_id: &str, sha256: &str) -> String {
    format!("spoc-field submission v1\n{capture_id}\n{sha256}")
}

/// A device's signature on a submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DeviceSignature {
    pub device_id: String,
    /// ECDSA P-256 with SHA-256 over [`signed_message`], as WebCrypto gives it: r ‖ s, 64 bytes,
    /// base64url without padding.
    pub value: String,
}

/// A device introducing its public key. The id is made on the device (a UUID), like capture ids, so a
/// registration that is resent is recognised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DeviceRegistration {
    pub device_id: String,
    /// The uncompressed P-256 point (65 bytes, `04 ‖ x ‖ y`), base64url without padding: WebCrypto's
    /// "raw" export.
    pub public_key: String,
    /// What the browser says it is, to help an admin tell devices apart. Not trusted.
    pub label: String,
}

/// A device as an admin sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Device {
    pub device_id: String,
    pub owner: String,
    pub label: String,
    pub registered_at: String,
    pub revoked_at: Option<String>,
    /// Revoked with the instruction to drop what is still queued rather than deliver it.
    pub discard_queue: bool,
}

/// What a device is told about itself at each sync.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeviceStatus {
    pub revoked: bool,
    pub discard_queue: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Revocation {
    /// `true`: wipe at once, dropping anything still queued. `false`: deliver the queue, then wipe.
    pub discard_queue: bool,
}
