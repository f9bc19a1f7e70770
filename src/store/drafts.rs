//! Drafts: the capture form's state, written on every change. The type is the UI's; the store only
//! needs it to be JSON.

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::idb::{self, Durability};
use super::{Store, StoreError, DRAFTS};

impl Store {
    pub async fn put_draft<T: Serialize + ?Sized>(&self, id: &str, draft: &T) -> Result<(), StoreError> {
        // Default durability: a draft is rewritten on the next keystroke anyway.
        let tx = self.transaction(&[DRAFTS], true, Durability::Default)?;
        idb::run(&tx, async {
            idb::put(&idb::store(&tx, DRAFTS)?, id, draft).await
        })
        .await
    }

    pub async fn get_draft<T: DeserializeOwned>(&self, id: &str) -> Result<Option<T>, StoreError> {
        let tx = self.reader(&[DRAFTS])?;
        idb::run(&tx, async { idb::get(&idb::store(&tx, DRAFTS)?, id).await }).await
    }

    /// All drafts this build can read, in key order.
    pub async fn list_drafts<T: DeserializeOwned>(&self) -> Result<Vec<T>, StoreError> {
        let tx = self.reader(&[DRAFTS])?;
        let all = idb::run(&tx, async { idb::get_all(&idb::store(&tx, DRAFTS)?).await }).await?;
        Ok(idb::decode_all(&all, "draft"))
    }

    /// For a draft the officer discards. Submitting removes its draft by itself.
    pub async fn delete_draft(&self, id: &str) -> Result<(), StoreError> {
        let tx = self.transaction(&[DRAFTS], true, Durability::Default)?;
        idb::run(&tx, async { idb::delete(&idb::store(&tx, DRAFTS)?, id).await }).await
    }
}
