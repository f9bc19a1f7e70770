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
        let tx = self.reader(&[DEVICE])?;
        idb::run(&tx, async {
            let req = idb::store(&tx, DEVICE)?
                .get(&JsValue::from_str(KEY))
                .map_err(StoreError::from_js)?;
            let value = idb::request(req).await?;
            Ok((!value.is_undefined()).then_some(value))
        })
        .await
    }

    pub async fn put_device_record(&self, record: &JsValue) -> Result<(), StoreError> {
        let tx = self.transaction(&[DEVICE], true, Durability::Strict)?;
        idb::run(&tx, async {
            let req = idb::store(&tx, DEVICE)?
                .put_with_key(record, &JsValue::from_str(KEY))
                .map_err(StoreError::from_js)?;
            idb::request(req).await.map(drop)
        })
        .await
    }

    /// Empties every object store in one transaction: drafts, captures, the outbox, settings and the
    /// device key.
    pub async fn wipe(&self) -> Result<(), StoreError> {
        self.lock();
        let stores = [DRAFTS, CAPTURES, OUTBOX, SETTINGS, DEVICE];
        let tx = self.transaction(&stores, true, Durability::Strict)?;
        idb::run(&tx, async {
            for name in stores {
                idb::clear(&idb::store(&tx, name)?).await?;
            }
            Ok(())
        })
        .await
    }
}
