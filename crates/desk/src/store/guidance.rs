//! The published guidance packs: every version kept, the newest served to devices, each publication
//! journalled with who did it. Checking a pack is spoc-core's (`GuidancePack::check`), done by the
//! caller before anything reaches this module.
//!
//! Written once for both engines (`both_engines!`); the time a pack was taken is the database
//! clock's (`Self::NOW`), a TEXT column on SQLite and a TIMESTAMPTZ on PostgreSQL like every other.

use spoc_core::canonical::sha256_hex;
use spoc_core::guidance::{GuidancePack, PublishedPack};

use super::dialect::Columns;
use super::journal::Who;
use super::StoreError;

/// What publishing a pack did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Publication {
    /// Stored and journalled: devices get it from their next request.
    Published(PublishedPack),
    /// This very file (same version, same bytes) was published before; nothing changed. A retry of
    /// a publication whose answer was lost is harmless.
    AlreadyPublished(PublishedPack),
    /// Not newer than the newest published version (or that version number holds another file).
    NotNewer { newest: u32 },
}

/// A pack as stored: its record and its JSON as published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPack {
    pub info: PublishedPack,
    pub json: String,
}

/// Who put the packs built into the desk into the database (at start).
fn build() -> Who {
    Who {
        account_id: None,
        name: "build".into(),
        source: "start".into(),
    }
}

const COLUMNS: &str = "version, published, sha256, published_at, published_by, bytes";

both_engines! {
    /// Puts each pack built into the desk (oldest first) into the database if its version is not
    /// there yet, so the desk serves the bundled pack until the SPOC publishes a newer one, and knows
    /// the texts of every version a device may have worked under. A version already held with other
    /// bytes is left as it is: what the SPOC published wins over what a build carries.
    pub(crate) async fn seed_packs(&self, releases: &[&str]) -> Result<(), StoreError> {
        for json in releases {
            let pack = GuidancePack::from_json(json).map_err(|_| StoreError::Canonical)?;
            let mut tx = self.begin().await?;
            let inserted = sqlx::query(&format!(
                "INSERT INTO guidance_packs (version, published, sha256, json, bytes, published_at, published_by) \
                 VALUES ($1, $2, $3, $4, $5, {}, $6) ON CONFLICT (version) DO NOTHING RETURNING version",
                Self::NOW
            ))
            .bind(i64::from(pack.version))
            .bind(&pack.published)
            .bind(sha256_hex(json.as_bytes()))
            .bind(*json)
            .bind(json.len() as i64)
            .bind("build")
            .fetch_optional(&mut *tx)
            .await?;
            if inserted.is_some() {
                let detail = format!("built in; sha256 {}", sha256_hex(json.as_bytes()));
                Self::append(
                    &mut tx,
                    &build(),
                    "guidance.publish",
                    &format!("pack v{}", pack.version),
                    &detail,
                )
                .await?;
                tx.commit().await?;
                tracing::info!(
                    version = pack.version,
                    "stored the guidance pack built into the desk"
                );
            } else {
                tx.rollback().await?;
                let held = self.pack(pack.version).await?;
                if held.is_some_and(|held| held.info.sha256 != sha256_hex(json.as_bytes())) {
                    tracing::warn!(
                        version = pack.version,
                        "the database holds another pack under a version built into the desk; keeping the database's"
                    );
                }
            }
        }
        Ok(())
    }

    /// Publishes `json`, already checked as `pack`, if it is newer than every version published.
    /// The newer-than check and the insert are one statement, so two publications racing for one
    /// version give one winner. (On PostgreSQL two *different* versions racing could both pass the
    /// check under READ COMMITTED; the journal head lock taken in the same transaction orders them
    /// once the store is on two engines.)
    pub(crate) async fn publish_pack(
        &self,
        who: &Who,
        json: &str,
        pack: &GuidancePack,
    ) -> Result<Publication, StoreError> {
        let sha256 = sha256_hex(json.as_bytes());
        let mut tx = self.begin().await?;
        let row = sqlx::query(&format!(
            "INSERT INTO guidance_packs (version, published, sha256, json, bytes, published_at, published_by) \
             SELECT $1, $2, $3, $4, $5, {}, $6 \
             WHERE NOT EXISTS (SELECT 1 FROM guidance_packs WHERE version >= $1) \
             ON CONFLICT (version) DO NOTHING RETURNING {COLUMNS}",
            Self::NOW
        ))
        .bind(i64::from(pack.version))
        .bind(&pack.published)
        .bind(&sha256)
        .bind(json)
        .bind(json.len() as i64)
        .bind(&who.name)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            tx.rollback().await?;
            if let Some(held) = self.pack(pack.version).await? {
                if held.info.sha256 == sha256 {
                    return Ok(Publication::AlreadyPublished(held.info));
                }
            }
            let newest = self.newest_pack().await?.map_or(0, |p| p.version);
            return Ok(Publication::NotNewer { newest });
        };
        let info = info_of(&row)?;
        let detail = format!("sha256 {sha256}; dated {}", pack.published);
        Self::append(
            &mut tx,
            who,
            "guidance.publish",
            &format!("pack v{}", pack.version),
            &detail,
        )
        .await?;
        tx.commit().await?;
        Ok(Publication::Published(info))
    }

    /// A pack that was refused, journalled with why (the checker's words, never captured content).
    pub(crate) async fn journal_refused_pack(&self, who: &Who, reason: &str) -> Result<(), StoreError> {
        self.journal(who, "guidance.refused", "pack", reason).await
    }

    /// The newest version's record: what devices get.
    pub(crate) async fn newest_pack(&self) -> Result<Option<PublishedPack>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM guidance_packs ORDER BY version DESC LIMIT 1"
        ))
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(info_of).transpose()
    }

    /// One version with its JSON as published.
    pub(crate) async fn pack(&self, version: u32) -> Result<Option<StoredPack>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS}, json FROM guidance_packs WHERE version = $1"
        ))
        .bind(i64::from(version))
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            Ok(StoredPack {
                info: info_of(&row)?,
                json: row.value("json")?,
            })
        })
        .transpose()
    }

    /// Every version, newest first.
    pub(crate) async fn packs(&self) -> Result<Vec<PublishedPack>, StoreError> {
        sqlx::query(&format!(
            "SELECT {COLUMNS} FROM guidance_packs ORDER BY version DESC"
        ))
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(info_of)
        .collect()
    }
}

fn info_of(row: &impl Columns) -> Result<PublishedPack, StoreError> {
    let version: i64 = row.value("version")?;
    let bytes: i64 = row.value("bytes")?;
    Ok(PublishedPack {
        version: u32::try_from(version).map_err(|_| StoreError::Canonical)?,
        published: row.value("published")?,
        published_at: row.time("published_at")?,
        published_by: row.value("published_by")?,
        sha256: row.value("sha256")?,
        bytes: u64::try_from(bytes).unwrap_or_default(),
    })
}
