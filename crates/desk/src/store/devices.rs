//! Devices and their public keys: registered by their officers, revoked by admins.

use spoc_core::device::{Device, DeviceStatus};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;

use super::journal::{append, Who};
use super::{Store, StoreError, NOW};

/// A device as the desk needs it to check a signature.
#[derive(Debug, Clone)]
pub struct DeviceKey {
    pub account_id: i64,
    pub public_key: String,
    pub status: DeviceStatus,
}

pub enum Registered {
    New,
    /// The same device, key and account again (a resent registration).
    Again,
    /// The id is taken by another key or another account.
    Taken,
}

const SELECT: &str = "SELECT d.*, a.username FROM devices d JOIN accounts a ON a.id = d.account_id";

impl Store {
    pub async fn register_device(
        &self,
        who: &Who,
        account_id: i64,
        device_id: &str,
        public_key: &str,
        label: &str,
    ) -> Result<Registered, StoreError> {
        let mut tx = self.pool.begin().await?;
        let inserted = sqlx::query(&format!(
            "INSERT INTO devices (device_id, account_id, public_key, label, registered_at) \
             VALUES (?, ?, ?, ?, {NOW}) ON CONFLICT (device_id) DO NOTHING RETURNING device_id"
        ))
        .bind(device_id)
        .bind(account_id)
        .bind(public_key)
        .bind(label)
        .fetch_optional(&mut *tx)
        .await?;
        if inserted.is_some() {
            append(&mut tx, who, "device.register", device_id, "").await?;
            tx.commit().await?;
            return Ok(Registered::New);
        }
        tx.rollback().await?;
        let existing = self.device_key(device_id).await?;
        Ok(match existing {
            Some(key) if key.account_id == account_id && key.public_key == public_key => Registered::Again,
            // Another key, or another account's device: one answer for both, so nothing about the
            // other account is told; the attempt is journalled.
            _ => {
                let detail = match existing {
                    Some(key) if key.account_id != account_id => "registered to another account",
                    _ => "registered with another key",
                };
                self.journal(who, "device.id_taken", device_id, detail).await?;
                Registered::Taken
            }
        })
    }

    pub async fn device_key(&self, device_id: &str) -> Result<Option<DeviceKey>, StoreError> {
        let row = sqlx::query(
            "SELECT account_id, public_key, revoked_at, discard_queue FROM devices WHERE device_id = ?",
        )
        .bind(device_id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            Ok(DeviceKey {
                account_id: row.try_get("account_id")?,
                public_key: row.try_get("public_key")?,
                status: DeviceStatus {
                    revoked: row.try_get::<Option<String>, _>("revoked_at")?.is_some(),
                    discard_queue: row.try_get("discard_queue")?,
                },
            })
        })
        .transpose()
    }

    pub async fn devices(&self) -> Result<Vec<Device>, StoreError> {
        let rows = sqlx::query(&format!("{SELECT} ORDER BY d.registered_at DESC"))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(device_of).collect()
    }

    /// Revokes a device (again, if it was: the instruction may change). `None` if unknown.
    pub async fn revoke_device(
        &self,
        who: &Who,
        device_id: &str,
        discard_queue: bool,
    ) -> Result<Option<Device>, StoreError> {
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query(&format!(
            "UPDATE devices SET revoked_at = COALESCE(revoked_at, {NOW}), discard_queue = ? \
             WHERE device_id = ? RETURNING device_id"
        ))
        .bind(discard_queue)
        .bind(device_id)
        .fetch_optional(&mut *tx)
        .await?;
        if done.is_none() {
            return Ok(None);
        }
        let detail = if discard_queue {
            "discard queue"
        } else {
            "deliver queue first"
        };
        append(&mut tx, who, "device.revoke", device_id, detail).await?;
        let row = sqlx::query(&format!("{SELECT} WHERE d.device_id = ?"))
            .bind(device_id)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Some(device_of(&row)?))
    }
}

fn device_of(row: &SqliteRow) -> Result<Device, StoreError> {
    Ok(Device {
        device_id: row.try_get("device_id")?,
        owner: row.try_get("username")?,
        label: row.try_get("label")?,
        registered_at: row.try_get("registered_at")?,
        revoked_at: row.try_get("revoked_at")?,
        discard_queue: row.try_get("discard_queue")?,
    })
}
