//! The embedded default: one SQLite file in WAL mode with `synchronous=FULL`, so an acknowledged
//! capture survives a power cut of the desk itself.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use spoc_core::api::{Receipt, StoredCapture, Submission};
use spoc_core::canonical::canonical_json;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Row, SqlitePool};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use super::{CaptureStore, Insert, StoreError};

#[derive(Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating file and directory if missing) and migrates the database.
    pub async fn open(url: &str) -> Result<SqliteStore, StoreError> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        if let Some(dir) = Path::new(options.get_filename())
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Database(sqlx::Error::Io(e)))?;
        }
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations").run(&pool).await?;
        Ok(SqliteStore { pool })
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}

#[async_trait::async_trait]
impl CaptureStore for SqliteStore {
    async fn insert(&self, submission: &Submission) -> Result<Insert, StoreError> {
        let capture = &submission.capture;
        let body = canonical_json(capture).map_err(|_| StoreError::CorruptRow(0))?;
        let received_at = now_utc();
        let urgency = code_of(&capture.urgency());
        let district = capture.officer.district.map(|d| d.code()).unwrap_or_default();

        let mut tx = self.pool.begin().await?;
        // ON CONFLICT DO NOTHING makes two simultaneous first sends of one id race-safe: exactly one
        // row, and the loser reads the winner's receipt below.
        let inserted = sqlx::query(
            "INSERT INTO captures (id, sha256, received_at, schema_version, case_type, urgency, district, \
             journal_number, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
        )
        .bind(&capture.id)
        .bind(&submission.sha256)
        .bind(&received_at)
        .bind(i64::from(capture.schema_version))
        .bind(capture.case_type.code())
        .bind(urgency)
        .bind(district)
        .bind(&capture.journal_number)
        .bind(&body)
        .execute(&mut *tx)
        .await?;

        if inserted.rows_affected() == 1 {
            let server_seq = inserted.last_insert_rowid();
            for identifier in &capture.identifiers {
                let parsed = &identifier.parsed;
                sqlx::query(
                    "INSERT OR IGNORE INTO capture_identifiers (server_seq, platform, kind, value) VALUES (?, ?, ?, ?)",
                )
                .bind(server_seq)
                .bind(parsed.platform.code())
                .bind(code_of(&parsed.kind))
                .bind(&parsed.value)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            return Ok(Insert::Created(Receipt {
                id: capture.id.clone(),
                server_seq,
                received_at,
                sha256: submission.sha256.clone(),
            }));
        }
        tx.rollback().await?;
        let existing = self
            .receipt(&capture.id)
            .await?
            .ok_or(StoreError::CorruptRow(0))?;
        Ok(if existing.sha256 == submission.sha256 {
            Insert::Existing(existing)
        } else {
            Insert::Conflict(existing)
        })
    }

    async fn get(&self, id: &str) -> Result<Option<StoredCapture>, StoreError> {
        let row = sqlx::query("SELECT server_seq, id, sha256, received_at, body FROM captures WHERE id = ?")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let server_seq: i64 = row.try_get("server_seq")?;
        let body: String = row.try_get("body")?;
        let capture = serde_json::from_str(&body).map_err(|_| StoreError::CorruptRow(server_seq))?;
        Ok(Some(StoredCapture {
            receipt: Receipt {
                id: row.try_get("id")?,
                server_seq,
                received_at: row.try_get("received_at")?,
                sha256: row.try_get("sha256")?,
            },
            capture,
        }))
    }

    async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }
}

impl SqliteStore {
    async fn receipt(&self, id: &str) -> Result<Option<Receipt>, StoreError> {
        let row = sqlx::query("SELECT server_seq, id, sha256, received_at FROM captures WHERE id = ?")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|row| {
            Ok(Receipt {
                id: row.try_get("id")?,
                server_seq: row.try_get("server_seq")?,
                received_at: row.try_get("received_at")?,
                sha256: row.try_get("sha256")?,
            })
        })
        .transpose()
    }
}

fn code_of<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// RFC 3339 in UTC with millisecond precision.
fn now_utc() -> String {
    let now = OffsetDateTime::now_utc();
    let now = now
        .replace_nanosecond(now.millisecond() as u32 * 1_000_000)
        .unwrap_or(now);
    now.format(&Rfc3339).unwrap_or_default()
}
