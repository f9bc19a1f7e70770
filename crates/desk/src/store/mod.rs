//! Where the desk keeps everything: one SQLite file in WAL mode with `synchronous=FULL`, so an
//! acknowledged capture survives a power cut of the desk itself, not only a crash of the process.
//!
//! One module per table family. Every write and every read of a capture goes through a transaction
//! that also appends to the journal ([`journal`]), so an action and its journal entry commit together
//! or not at all.

mod accounts;
mod captures;
mod desk;
mod devices;
mod guidance;
pub mod journal;
mod seal_keys;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

pub use accounts::{AccountRow, LoginOutcome, SessionPolicy, SignedIn};
pub use captures::Insert;
pub use desk::MoveOutcome;
pub use devices::{DeviceKey, Registered};
pub use guidance::{Publication, StoredPack};
pub use journal::{Verification, Who};
pub use seal_keys::SealKeyInfo;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;

/// Writers queue behind SQLite's single write lock; this long they wait before giving up with a 503
/// (which the field app retries), rather than failing at the first sign of contention.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("database migration: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("cannot create the database directory: {0}")]
    Directory(std::io::Error),
    #[error("capture cannot be written as canonical JSON")]
    Canonical,
    #[error("stored capture {server_seq} cannot be read back")]
    CorruptRow { server_seq: i64 },
    #[error("the row that blocked an insert is gone")]
    Vanished,
    #[error("password hashing failed")]
    PasswordHash,
    #[error("seal key {kid} in the database is not a P-256 private key")]
    CorruptSealKey { kid: String },
    #[error("guidance pack version {version} in the database fails its checks")]
    CorruptPack { version: u32 },
}

#[derive(Clone)]
pub struct Store {
    pool: SqlitePool,
}

impl Store {
    /// Opens (creating the file and its directory if missing) and migrates the database.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
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
        let store = Store { pool };
        store.fill_link_keys().await?;
        Ok(store)
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Whether the database answers at all (`SELECT 1`).
    pub async fn health_check(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }
}

/// The wire name of a unit enum (`"critical"`, `"username"`): the same text the JSON body holds, so a
/// column and the body never disagree.
pub(crate) fn code_of<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// The database clock's "now" as stored in text columns: RFC 3339, UTC, milliseconds.
pub(crate) const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

pub(crate) fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}
