//! Settings: any JSON value under a string key. The officer's settings are the UI's type; the sync
//! keeps its own bookkeeping under `sync.*` keys.

use serde::de::DeserializeOwned;
use serde::Serialize;

use spoc_core::sealed::SealKey;

use super::idb::{self, Durability};
use super::{Store, StoreError, SETTINGS};

/// Unix ms of the SPOC's last answer that settled a capture.
pub(crate) const LAST_SUCCESS_KEY: &str = "sync.last_success_ms";
/// The SPOC's current public key ([`SealKey`]), fetched whenever the desk answers.
const SEAL_KEY: &str = "seal.key";

impl Store {
    pub async fn get_setting<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, StoreError> {
        idb::decode(self.get_text(SETTINGS, key).await?)
    }

    pub async fn put_setting<T: Serialize + ?Sized>(&self, key: &str, value: &T) -> Result<(), StoreError> {
        self.put_text(SETTINGS, key, idb::to_text(value)?, Durability::Strict)
            .await
    }

    /// The key submissions are sealed to; `None` until the desk has been reached once.
    pub async fn seal_key(&self) -> Result<Option<SealKey>, StoreError> {
        self.get_setting(SEAL_KEY).await
    }

    pub async fn put_seal_key(&self, key: &SealKey) -> Result<(), StoreError> {
        self.put_setting(SEAL_KEY, key).await
    }
}
