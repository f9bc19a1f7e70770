//! Keeps the SPOC's public key (the one captures are sealed to) current on the device: fetched at
//! start and after every sync round, so a rotation on the desk reaches devices at their next contact.
//! Offline, the stored key is used; envelopes sealed to an older key still open on the desk.

use spoc_core::sealed::SealKey;

use crate::api;
use crate::store::{Store, StoreError};

pub const SEAL_KEY_PATH: &str = "/api/v1/seal-key";

/// Asks the desk; stores the key if it changed. Quiet on failure: the stored key stays in use.
pub async fn refresh(store: &Store) -> Option<SealKey> {
    let reply = api::get(SEAL_KEY_PATH, None).await.ok()?;
    if reply.status != 200 {
        return None;
    }
    let key = spoc_core::json::from_str::<SealKey>(&reply.body).ok()?;
    if store.seal_key().await.ok().flatten().as_ref() != Some(&key) {
        if let Err(e) = store.put_seal_key(&key).await {
            leptos::logging::warn!("seal key: {e}");
        }
    }
    Some(key)
}

/// The key to seal a capture to now: the stored one, or, on a device that has never had one, the
/// desk's answer. `None` only for a device that has never reached the desk.
pub async fn current(store: &Store) -> Result<Option<SealKey>, StoreError> {
    match store.seal_key().await? {
        Some(key) => Ok(Some(key)),
        None => Ok(refresh(store).await),
    }
}
