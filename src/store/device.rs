//! The device's signing key, and wiping everything when the SPOC withdraws the device.
//!
//! The key is a WebCrypto `CryptoKey`, kept as the object itself (IndexedDB stores it by structured
//! clone; being non-extractable, its private half can be used but never read, not even by this app).

use wasm_bindgen::JsValue;

use super::idb::{self, Durability};
use super::{Store, StoreError, CAPTURES, DEVICE, DRAFTS, OUTBOX, SETTINGS};

const KEY: &str = "device";

impl Store {
    /// The stored device record (see `crate::device`), if any.
    pub async fn device_record(&self) -> Result<Option<JsValue>, StoreError> {
        self.read(&[DEVICE], async |tx| {
            idb::get_value(&idb::store(tx, DEVICE)?, KEY).await
        })
        .await
    }

    pub async fn put_device_record(&self, record: &JsValue) -> Result<(), StoreError> {
        self.write(&[DEVICE], Durability::Strict, async |tx| {
            idb::put_value(&idb::store(tx, DEVICE)?, KEY, record).await
        })
        .await
    }

    /// Empties every object store in one transaction: drafts, captures, the outbox, settings and the
    /// device key.
    pub async fn wipe(&self) -> Result<(), StoreError> {
        self.lock();
        let stores = [DRAFTS, CAPTURES, OUTBOX, SETTINGS, DEVICE];
        self.write(&stores, Durability::Strict, async |tx| {
            for name in stores {
                idb::clear(&idb::store(tx, name)?).await?;
            }
            Ok(())
        })
        .await
    }
}
