//! Drafts: the capture form's state, written on every change, encrypted with the vault's data key
//! (see `vault.rs`). The type is the UI's; the store only needs it to be JSON. What IndexedDB holds
//! is an [`Encrypted`] record; the plaintext exists only in memory while the app is unlocked.

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::idb::{self, Durability};
use super::{Store, StoreError, DRAFTS};
use crate::crypto::vault::Encrypted;

impl Store {
    pub async fn put_draft<T: Serialize + ?Sized>(&self, id: &str, draft: &T) -> Result<(), StoreError> {
        let record = self.encrypt_draft(id, draft).await?;
        // Default durability: a draft is rewritten on the next keystroke anyway.
        self.put_text(DRAFTS, id, idb::to_text(&record)?, Durability::Default)
            .await
    }

    /// Encrypts before any transaction is opened: IndexedDB commits a transaction that waits on
    /// anything else, WebCrypto included.
    pub(crate) async fn encrypt_draft<T: Serialize + ?Sized>(
        &self,
        id: &str,
        draft: &T,
    ) -> Result<Encrypted, StoreError> {
        let key = self.data_key()?;
        Ok(key.encrypt(id, &serde_json::to_vec(draft)?).await?)
    }

    pub async fn get_draft<T: DeserializeOwned>(&self, id: &str) -> Result<Option<T>, StoreError> {
        let key = self.data_key()?;
        let record: Option<Encrypted> = idb::decode(self.get_text(DRAFTS, id).await?)?;
        match record {
            // A record stored under another id than its own fails here rather than open as this one.
            Some(record) if record.id == id => Ok(Some(from_plaintext(&key.decrypt(&record).await?)?)),
            Some(_) => Err(StoreError::Corrupt(format!("draft {id} holds another draft"))),
            None => Ok(None),
        }
    }

    /// All drafts this build can read, in key order. One that does not decrypt or decode is passed over
    /// (and logged, without its content), not deleted.
    pub async fn list_drafts<T: DeserializeOwned>(&self) -> Result<Vec<T>, StoreError> {
        let key = self.data_key()?;
        // Read first, decrypt after: WebCrypto is not awaited inside the transaction.
        let all: Vec<Encrypted> = idb::decode_all(self.get_all_text(DRAFTS).await?, "draft");
        let mut drafts = Vec::new();
        for record in all {
            let opened = match key.decrypt(&record).await {
                Ok(plaintext) => from_plaintext(&plaintext),
                Err(e) => Err(e.into()),
            };
            match opened {
                Ok(draft) => drafts.push(draft),
                Err(e) => leptos::logging::warn!("skipping draft {}: {e}", record.id),
            }
        }
        Ok(drafts)
    }

    /// How many drafts are kept, readable or not: shown while the app is locked.
    pub async fn count_drafts(&self) -> Result<u32, StoreError> {
        self.read(&[DRAFTS], async |tx| idb::count(&idb::store(tx, DRAFTS)?).await)
            .await
    }

    /// For a draft the officer discards. Submitting removes its draft by itself.
    pub async fn delete_draft(&self, id: &str) -> Result<(), StoreError> {
        self.write(&[DRAFTS], Durability::Default, async |tx| {
            idb::delete(&idb::store(tx, DRAFTS)?, id).await
        })
        .await
    }
}

/// A decrypted draft is JSON text; read as `str` like every other record, so the bundle carries one
/// JSON reader (serde_json's `from_slice` would be a second copy of every draft type's decoder).
fn from_plaintext<T: DeserializeOwned>(plaintext: &[u8]) -> Result<T, StoreError> {
    let text =
        std::str::from_utf8(plaintext).map_err(|_| StoreError::Corrupt("draft is not UTF-8".into()))?;
    Ok(spoc_core::json::from_str(text)?)
}
