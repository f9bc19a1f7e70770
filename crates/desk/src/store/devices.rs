//! Devices and their public keys: registered by their officers, revoked by admins.

use spoc_core::device::{Device, DeviceStatus};

use super::dialect::Columns;
use super::journal::Who;
use super::StoreError;

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

both_engines! {
    pub(crate) async fn register_device(
        &self,
        who: &Who,
        account_id: i64,
        device_id: &str,
        public_key: &str,
        label: &str,
    ) -> Result<Registered, StoreError> {
        let mut tx = self.begin().await?;
        let inserted = sqlx::query(&format!(
            "INSERT INTO devices (device_id, account_id, public_key, label, registered_at) \
             VALUES ($1, $2, $3, $4, {}) ON CONFLICT (device_id) DO NOTHING RETURNING device_id",
            Self::NOW
        ))
        .bind(device_id)
        .bind(account_id)
        .bind(public_key)
        .bind(label)
        .fetch_optional(&mut *tx)
        .await?;
        if inserted.is_some() {
            Self::append(&mut tx, who, "device.register", device_id, "").await?;
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

    pub(crate) async fn device_key(&self, device_id: &str) -> Result<Option<DeviceKey>, StoreError> {
        let row = sqlx::query(
            "SELECT account_id, public_key, revoked_at, discard_queue FROM devices WHERE device_id = $1",
        )
        .bind(device_id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            Ok(DeviceKey {
                account_id: row.value("account_id")?,
                public_key: row.value("public_key")?,
                status: DeviceStatus {
                    revoked: row.time_or_none("revoked_at")?.is_some(),
                    discard_queue: row.value("discard_queue")?,
                },
            })
        })
        .transpose()
    }

    pub(crate) async fn devices(&self) -> Result<Vec<Device>, StoreError> {
        let rows = sqlx::query(&format!("{SELECT} ORDER BY d.registered_at DESC"))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(device_of).collect()
    }

    /// Revokes a device (again, if it was: the instruction may change). `None` if unknown.
    pub(crate) async fn revoke_device(
        &self,
        who: &Who,
        device_id: &str,
        discard_queue: bool,
    ) -> Result<Option<Device>, StoreError> {
        let mut tx = self.begin().await?;
        let done = sqlx::query(&format!(
            "UPDATE devices SET revoked_at = COALESCE(revoked_at, {}), discard_queue = $1 \
             WHERE device_id = $2 RETURNING device_id",
            Self::NOW
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
        let row = sqlx::query(&format!("{SELECT} WHERE d.device_id = $1"))
            .bind(device_id)
            .fetch_one(&mut *tx)
            .await?;
        Self::append(&mut tx, who, "device.revoke", device_id, detail).await?;
        tx.commit().await?;
        Ok(Some(device_of(&row)?))
    }
}

fn device_of(row: &impl Columns) -> Result<Device, StoreError> {
    Ok(Device {
        device_id: row.value("device_id")?,
        owner: row.value("username")?,
        label: row.value("label")?,
        registered_at: row.time("registered_at")?,
        revoked_at: row.time_or_none("revoked_at")?,
        discard_queue: row.value("discard_queue")?,
    })
}
