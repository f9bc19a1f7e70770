//! The SPOC's seal keys: the one devices seal to now, and every earlier one, kept so that an envelope
//! sealed before a rotation and still queued on a device opens when it arrives.

use p256::SecretKey;
use spoc_core::sealed::SealKey;
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};

use super::journal::{append, Who};
use super::{Store, StoreError, NOW};
use crate::seal;

/// A key as `spoc-desk key list` shows it (never its secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealKeyInfo {
    pub kid: String,
    pub public_key: String,
    pub created_at: String,
    pub retired_at: Option<String>,
}

/// Newest first. The rowid breaks a tie of two keys made in the same millisecond.
const NEWEST_FIRST: &str = "ORDER BY created_at DESC, rowid DESC";

impl Store {
    /// The key devices seal to now; `None` only before the desk's first start made one.
    pub async fn active_seal_key(&self) -> Result<Option<SealKey>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT kid, public_key FROM seal_keys WHERE retired_at IS NULL {NEWEST_FIRST} LIMIT 1"
        ))
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            Ok(SealKey {
                kid: row.try_get("kid")?,
                public_key: row.try_get("public_key")?,
            })
        })
        .transpose()
    }

    /// The private key named `kid`, retired or not; `None` if the desk never had it.
    pub async fn seal_secret(&self, kid: &str) -> Result<Option<SecretKey>, StoreError> {
        let secret: Option<Vec<u8>> = sqlx::query_scalar("SELECT secret FROM seal_keys WHERE kid = ?")
            .bind(kid)
            .fetch_optional(&self.pool)
            .await?;
        secret
            .map(|bytes| {
                <[u8; 32]>::try_from(bytes.as_slice())
                    .ok()
                    .and_then(|bytes| SecretKey::from_bytes(&bytes.into()).ok())
                    .ok_or_else(|| StoreError::CorruptSealKey { kid: kid.into() })
            })
            .transpose()
    }

    /// Makes a key if there is no active one (the desk's first start); the new key, or `None` if
    /// there was one. One statement decides, so two desks starting at once make one key.
    pub async fn ensure_seal_key(&self, who: &Who) -> Result<Option<SealKey>, StoreError> {
        let (secret, public) = seal::generate();
        let mut tx = self.pool.begin().await?;
        let inserted = sqlx::query(&format!(
            "INSERT INTO seal_keys (kid, secret, public_key, created_at) SELECT ?, ?, ?, {NOW} \
             WHERE NOT EXISTS (SELECT 1 FROM seal_keys WHERE retired_at IS NULL) RETURNING kid"
        ))
        .bind(&public.kid)
        .bind(secret.to_bytes().to_vec())
        .bind(&public.public_key)
        .fetch_optional(&mut *tx)
        .await?;
        if inserted.is_none() {
            tx.rollback().await?;
            return Ok(None);
        }
        append(&mut tx, who, "seal_key.create", &public.kid, "").await?;
        tx.commit().await?;
        Ok(Some(public))
    }

    /// A new active key; the one before is retired but kept, so what was sealed to it still opens.
    pub async fn rotate_seal_key(&self, who: &Who) -> Result<SealKey, StoreError> {
        let (secret, public) = seal::generate();
        let mut tx = self.pool.begin().await?;
        let retired: Vec<String> = sqlx::query_scalar(&format!(
            "UPDATE seal_keys SET retired_at = {NOW} WHERE retired_at IS NULL RETURNING kid"
        ))
        .fetch_all(&mut *tx)
        .await?;
        insert(&mut tx, &secret, &public).await?;
        let detail = match retired.as_slice() {
            [] => String::new(),
            kids => format!("retired {}", kids.join(", ")),
        };
        append(&mut tx, who, "seal_key.rotate", &public.kid, &detail).await?;
        tx.commit().await?;
        Ok(public)
    }

    /// Every key, newest first.
    pub async fn seal_keys(&self) -> Result<Vec<SealKeyInfo>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT kid, public_key, created_at, retired_at FROM seal_keys {NEWEST_FIRST}"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(info_of).collect()
    }
}

async fn insert(tx: &mut SqliteConnection, secret: &SecretKey, public: &SealKey) -> Result<(), StoreError> {
    sqlx::query(&format!(
        "INSERT INTO seal_keys (kid, secret, public_key, created_at) VALUES (?, ?, ?, {NOW})"
    ))
    .bind(&public.kid)
    .bind(secret.to_bytes().to_vec())
    .bind(&public.public_key)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

fn info_of(row: &SqliteRow) -> Result<SealKeyInfo, StoreError> {
    Ok(SealKeyInfo {
        kid: row.try_get("kid")?,
        public_key: row.try_get("public_key")?,
        created_at: row.try_get("created_at")?,
        retired_at: row.try_get("retired_at")?,
    })
}
