//! The store's side of the drafts' encryption: where the wrapped data key is kept, and the unlocked
//! key, held in memory only and shared by every clone of the [`Store`].

use super::idb::{self, Durability};
use super::{Store, StoreError, DRAFTS, SETTINGS};
use crate::crypto::vault::{self, DataKey, UnlockError, VaultRecord};

const VAULT_KEY: &str = "vault";

impl Store {
    /// Whether a passphrase has been set on this device.
    pub async fn vault_record(&self) -> Result<Option<VaultRecord>, StoreError> {
        self.get_setting(VAULT_KEY).await
    }

    /// The first passphrase on this device, or a new one after the officer forgot the old: a new data
    /// key, and every draft sealed under the old one is deleted with the old record in one
    /// transaction (without the old passphrase they cannot be read again anyway). Submitted captures
    /// are not drafts and are kept; they are still delivered.
    pub async fn set_passphrase(&self, passphrase: &str) -> Result<(), StoreError> {
        let (record, key) = vault::create(passphrase).await?;
        self.write(&[SETTINGS, DRAFTS], Durability::Strict, async |tx| {
            idb::clear(&idb::store(tx, DRAFTS)?).await?;
            idb::put(&idb::store(tx, SETTINGS)?, VAULT_KEY, &record).await
        })
        .await?;
        *self.key_slot() = Some(key);
        Ok(())
    }

    /// Unwraps the data key with `passphrase` and holds it until [`Store::lock`].
    pub async fn unlock(&self, passphrase: &str) -> Result<(), UnlockError> {
        let record = self.vault_record().await?.ok_or(UnlockError::WrongPassphrase)?;
        let key = vault::open(&record, passphrase).await?;
        *self.key_slot() = Some(key);
        Ok(())
    }

    /// Sets up (or replaces) the passkey that unlocks instead of the passphrase; the passphrase
    /// confirms it.
    pub async fn add_passkey(&self, passphrase: &str) -> Result<(), UnlockError> {
        let mut record = self.vault_record().await?.ok_or(UnlockError::WrongPassphrase)?;
        record.passkey = Some(vault::add_passkey(&record, passphrase).await?);
        Ok(self.put_setting(VAULT_KEY, &record).await?)
    }

    /// Unwraps the data key with the passkey, if one is set up.
    pub async fn unlock_with_passkey(&self) -> Result<(), UnlockError> {
        let passkey = self
            .vault_record()
            .await?
            .and_then(|record| record.passkey)
            .ok_or(UnlockError::WrongPassphrase)?;
        let key = vault::open_with_passkey(&passkey).await?;
        *self.key_slot() = Some(key);
        Ok(())
    }

    /// Drops the data key: until the next unlock no draft can be read or written.
    pub fn lock(&self) {
        *self.key_slot() = None;
    }

    pub fn is_unlocked(&self) -> bool {
        self.key_slot().is_some()
    }

    pub(crate) fn data_key(&self) -> Result<DataKey, StoreError> {
        self.key_slot().clone().ok_or(StoreError::Locked)
    }

    fn key_slot(&self) -> std::sync::MutexGuard<'_, Option<DataKey>> {
        // Poisoned only if a panic happened while it was held, which the code under it cannot do.
        self.unlocked
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
