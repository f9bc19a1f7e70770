//! The embedded default: one SQLite file in WAL mode with `synchronous=FULL`, so an acknowledged
//! capture survives a power cut of the desk itself, not only a crash of the process.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use spoc_core::api::{Receipt, StoredCapture, Submission};
use spoc_core::canonical::canonical_json;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteRow, SqliteSynchronous,
};
use sqlx::{Row, SqlitePool};

use super::{CaptureStore, Insert, StoreError};

/// Writers queue behind SQLite's single write lock; this long they wait before giving up with a 503
/// (which the field app retries), rather than failing at the first sign of contention.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// `received_at` is the database's clock, read inside the write lock, so receipts sort by time in the
/// same order as by `server_seq` (RFC 3339, UTC, milliseconds). ON CONFLICT DO NOTHING rather than a
/// unique-violation error: two simultaneous first sends of one id give exactly one row, and the one
/// that lost gets no row back and reads the winner's receipt.
const INSERT_CAPTURE: &str = "INSERT INTO captures \
    (id, sha256, received_at, schema_version, case_type, urgency, district, journal_number, body) \
    VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?, ?, ?, ?, ?, ?) \
    ON CONFLICT (id) DO NOTHING \
    RETURNING server_seq, id, sha256, received_at";

/// The same account pasted twice in one capture is one index entry.
const INSERT_IDENTIFIER: &str = "INSERT INTO capture_identifiers (server_seq, platform, kind, value) \
    VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";

#[derive(Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating the file and its directory if missing) and migrates the database.
    pub async fn open(url: &str) -> Result<SqliteStore, StoreError> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(BUSY_TIMEOUT);
        if let Some(dir) = Path::new(options.get_filename())
            .parent()
            .filter(|dir| !dir.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir).map_err(StoreError::Directory)?;
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

    async fn receipt(&self, id: &str) -> Result<Option<Receipt>, StoreError> {
        sqlx::query("SELECT server_seq, id, sha256, received_at FROM captures WHERE id = ?")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .map(|row| receipt_of(&row))
            .transpose()
    }
}

#[async_trait::async_trait]
impl CaptureStore for SqliteStore {
    async fn insert_or_get(&self, submission: &Submission) -> Result<Insert, StoreError> {
        let capture = &submission.capture;
        let body = canonical_json(capture).map_err(|_| StoreError::Canonical)?;
        let district = capture.officer.district.map(|d| d.code()).unwrap_or_default();

        let mut tx = self.pool.begin().await?;
        let inserted = sqlx::query(INSERT_CAPTURE)
            .bind(&capture.id)
            .bind(&submission.sha256)
            .bind(i64::from(capture.schema_version))
            .bind(capture.case_type.code())
            .bind(code_of(&capture.urgency()))
            .bind(district)
            .bind(&capture.journal_number)
            .bind(&body)
            .fetch_optional(&mut *tx)
            .await?;

        if let Some(row) = inserted {
            let receipt = receipt_of(&row)?;
            for identifier in &capture.identifiers {
                let parsed = &identifier.parsed;
                sqlx::query(INSERT_IDENTIFIER)
                    .bind(receipt.server_seq)
                    .bind(parsed.platform.code())
                    .bind(code_of(&parsed.kind))
                    .bind(&parsed.value)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            return Ok(Insert::Created(receipt));
        }
        tx.rollback().await?;

        // The row that blocked the insert was committed before we got the write lock, so it is visible.
        let existing = self.receipt(&capture.id).await?.ok_or(StoreError::Vanished)?;
        Ok(if existing.sha256 == submission.sha256 {
            Insert::Existing(existing)
        } else {
            Insert::Conflict { existing }
        })
    }

    async fn get(&self, id: &str) -> Result<Option<StoredCapture>, StoreError> {
        let Some(row) =
            sqlx::query("SELECT server_seq, id, sha256, received_at, body FROM captures WHERE id = ?")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?
        else {
            return Ok(None);
        };
        let receipt = receipt_of(&row)?;
        let body: String = row.try_get("body")?;
        let capture = serde_json::from_str(&body).map_err(|_| StoreError::CorruptRow {
            server_seq: receipt.server_seq,
        })?;
        Ok(Some(StoredCapture { receipt, capture }))
    }

    async fn health_check(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }
}

fn receipt_of(row: &SqliteRow) -> Result<Receipt, StoreError> {
    Ok(Receipt {
        id: row.try_get("id")?,
        server_seq: row.try_get("server_seq")?,
        received_at: row.try_get("received_at")?,
        sha256: row.try_get("sha256")?,
    })
}

/// The wire name of a unit enum (`"critical"`, `"username"`): the same text the JSON body holds, so a
/// column and the body never disagree.
fn code_of<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}
