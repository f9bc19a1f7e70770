//! The SPOC's seal keys: the one devices seal to now, and every earlier one, kept so that an envelope
//! sealed before a rotation and still queued on a device opens when it arrives.
//!
//! Private halves are stored wrapped by the desk's key-encryption key ([`crate::kek`]), with the id
//! of the KEK that wraps them; a database made by a release before wrapping holds them in clear
//! (`secret`) until the first start with a KEK wraps them.

use p256::SecretKey;
use spoc_core::sealed::SealKey;

use super::dialect::Columns;
use super::journal::Who;
use super::{Conn, StoreError};
use crate::kek::Kek;
use crate::seal;

/// A key as `spoc-desk key list` shows it (never its secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealKeyInfo {
    pub kid: String,
    pub public_key: String,
    pub created_at: String,
    pub retired_at: Option<String>,
    /// The KEK that wraps it; `None` for a key still in clear.
    pub kek_id: Option<String>,
}

/// Newest first: the active key, then the retired ones by when they were made and retired.
const NEWEST_FIRST: &str = "ORDER BY (retired_at IS NULL) DESC, created_at DESC, retired_at DESC";

/// A stored private half, as the row has it.
enum Stored {
    Clear(Vec<u8>),
    Wrapped { kek_id: String, bytes: Vec<u8> },
}

fn stored_of(row: &impl Columns) -> Result<Stored, StoreError> {
    let wrapped: Option<Vec<u8>> = row.value("wrapped")?;
    let kek_id: Option<String> = row.value("kek_id")?;
    let clear: Option<Vec<u8>> = row.value("secret")?;
    match (wrapped, kek_id, clear) {
        (Some(bytes), Some(kek_id), _) => Ok(Stored::Wrapped { kek_id, bytes }),
        (_, _, Some(bytes)) => Ok(Stored::Clear(bytes)),
        _ => Err(StoreError::CorruptSealKey {
            kid: row.value("kid")?,
        }),
    }
}

fn clear_secret(kid: &str, bytes: &[u8]) -> Result<SecretKey, StoreError> {
    <[u8; 32]>::try_from(bytes)
        .ok()
        .and_then(|bytes| SecretKey::from_bytes(&bytes.into()).ok())
        .ok_or_else(|| StoreError::CorruptSealKey { kid: kid.into() })
}

both_engines! {
    pub(crate) async fn active_seal_key(&self) -> Result<Option<SealKey>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT kid, public_key FROM seal_keys WHERE retired_at IS NULL {NEWEST_FIRST} LIMIT 1"
        ))
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            Ok(SealKey {
                kid: row.value("kid")?,
                public_key: row.value("public_key")?,
            })
        })
        .transpose()
    }

    pub(crate) async fn seal_secret(&self, kid: &str) -> Result<Option<SecretKey>, StoreError> {
        let row = sqlx::query("SELECT kid, secret, wrapped, kek_id FROM seal_keys WHERE kid = $1")
            .bind(kid)
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(match stored_of(&row)? {
            Stored::Wrapped { kek_id, bytes } => self.keks.find(&kek_id)?.unwrap(kid, &bytes)?,
            Stored::Clear(bytes) => clear_secret(kid, &bytes)?,
        }))
    }

    pub(crate) async fn unlock_seal_keys(&self) -> Result<(), StoreError> {
        let current = self.keks.current()?;
        let rows = sqlx::query("SELECT kid, secret, wrapped, kek_id FROM seal_keys")
            .fetch_all(&self.pool)
            .await?;
        let mut clear = Vec::new();
        for row in &rows {
            let kid: String = row.value("kid")?;
            match stored_of(row)? {
                Stored::Wrapped { kek_id, bytes } => {
                    self.keks.find(&kek_id)?.unwrap(&kid, &bytes)?;
                }
                Stored::Clear(bytes) => clear.push((kid.clone(), clear_secret(&kid, &bytes)?)),
            }
        }
        if clear.is_empty() {
            return Ok(());
        }
        // Keys from before wrapping: wrapped now, once. Desks starting at once each try; a row is
        // rewritten only while it is still in clear.
        let mut tx = self.begin().await?;
        let mut wrapped = Vec::new();
        for (kid, secret) in &clear {
            if Self::store_wrapped(&mut tx, current, kid, secret, true).await? {
                wrapped.push(kid.as_str());
            }
        }
        if !wrapped.is_empty() {
            let detail = format!("kek {}", current.id());
            let entries: Vec<(&str, &str)> = wrapped.iter().map(|kid| (*kid, detail.as_str())).collect();
            Self::append_all(&mut tx, &Who::cli(), "seal_key.wrap", &entries).await?;
            tracing::info!(
                keys = wrapped.len(),
                kek = current.id(),
                "wrapped seal keys kept in clear"
            );
        }
        tx.commit().await?;
        Ok(())
    }

    pub(crate) async fn ensure_seal_key(&self, who: &Who) -> Result<Option<SealKey>, StoreError> {
        let kek = self.keks.current()?;
        let (secret, public) = seal::generate();
        let mut tx = self.begin().await?;
        // A second desk starting at the same moment: the unique index on the active key makes its
        // insert do nothing.
        let inserted = sqlx::query(&format!(
            "INSERT INTO seal_keys (kid, wrapped, kek_id, public_key, created_at) SELECT $1, $2, $3, $4, {} \
             WHERE NOT EXISTS (SELECT 1 FROM seal_keys WHERE retired_at IS NULL) \
             ON CONFLICT DO NOTHING RETURNING kid",
            Self::NOW
        ))
        .bind(&public.kid)
        .bind(kek.wrap(&public.kid, &secret))
        .bind(kek.id())
        .bind(&public.public_key)
        .fetch_optional(&mut *tx)
        .await?;
        if inserted.is_none() {
            tx.rollback().await?;
            return Ok(None);
        }
        Self::append(&mut tx, who, "seal_key.create", &public.kid, "").await?;
        tx.commit().await?;
        Ok(Some(public))
    }

    pub(crate) async fn rotate_seal_key(&self, who: &Who) -> Result<SealKey, StoreError> {
        let kek = self.keks.current()?;
        let (secret, public) = seal::generate();
        let mut tx = self.begin().await?;
        let retired: Vec<String> = sqlx::query_scalar(&format!(
            "UPDATE seal_keys SET retired_at = {} WHERE retired_at IS NULL RETURNING kid",
            Self::NOW
        ))
        .fetch_all(&mut *tx)
        .await?;
        sqlx::query(&format!(
            "INSERT INTO seal_keys (kid, wrapped, kek_id, public_key, created_at) VALUES ($1, $2, $3, $4, {})",
            Self::NOW
        ))
        .bind(&public.kid)
        .bind(kek.wrap(&public.kid, &secret))
        .bind(kek.id())
        .bind(&public.public_key)
        .execute(&mut *tx)
        .await?;
        let detail = match retired.as_slice() {
            [] => String::new(),
            kids => format!("retired {}", kids.join(", ")),
        };
        Self::append(&mut tx, who, "seal_key.rotate", &public.kid, &detail).await?;
        tx.commit().await?;
        Ok(public)
    }

    pub(crate) async fn rewrap_seal_keys(&self, who: &Who) -> Result<usize, StoreError> {
        let current = self.keks.current()?;
        let mut tx = self.begin().await?;
        let rows = sqlx::query("SELECT kid, secret, wrapped, kek_id FROM seal_keys")
            .fetch_all(&mut *tx)
            .await?;
        let mut rewrapped = Vec::new();
        for row in &rows {
            let kid: String = row.value("kid")?;
            let secret = match stored_of(row)? {
                Stored::Wrapped { kek_id, .. } if kek_id == current.id() => continue,
                Stored::Wrapped { kek_id, bytes } => self.keks.find(&kek_id)?.unwrap(&kid, &bytes)?,
                Stored::Clear(bytes) => clear_secret(&kid, &bytes)?,
            };
            Self::store_wrapped(&mut tx, current, &kid, &secret, false).await?;
            rewrapped.push(kid);
        }
        if !rewrapped.is_empty() {
            let detail = format!("kek {}", current.id());
            let entries: Vec<(&str, &str)> = rewrapped
                .iter()
                .map(|kid| (kid.as_str(), detail.as_str()))
                .collect();
            Self::append_all(&mut tx, who, "seal_key.wrap", &entries).await?;
        }
        tx.commit().await?;
        Ok(rewrapped.len())
    }

    /// Stores `secret` wrapped by `kek` in its row (and clears any clear copy); with `only_if_clear`,
    /// only if the row still holds it in clear. Whether the row changed.
    async fn store_wrapped(
        conn: &mut Conn<Self>,
        kek: &Kek,
        kid: &str,
        secret: &SecretKey,
        only_if_clear: bool,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE seal_keys SET wrapped = $1, kek_id = $2, secret = NULL \
             WHERE kid = $3 AND ($4 = FALSE OR secret IS NOT NULL)",
        )
        .bind(kek.wrap(kid, secret))
        .bind(kek.id())
        .bind(kid)
        .bind(only_if_clear)
        .execute(&mut *conn)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    pub(crate) async fn seal_keys(&self) -> Result<Vec<SealKeyInfo>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT kid, public_key, created_at, retired_at, kek_id FROM seal_keys {NEWEST_FIRST}"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(SealKeyInfo {
                    kid: row.value("kid")?,
                    public_key: row.value("public_key")?,
                    created_at: row.time("created_at")?,
                    retired_at: row.time_or_none("retired_at")?,
                    kek_id: row.value("kek_id")?,
                })
            })
            .collect()
    }
}
