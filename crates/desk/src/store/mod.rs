//! Where captures are kept. A trait, so that PostgreSQL (for several desk instances behind a load
//! balancer) can sit beside the embedded SQLite default without touching the handlers.

mod sqlite;

pub use sqlite::SqliteStore;

use spoc_core::api::{Receipt, StoredCapture, Submission};

/// What storing a submission did. Every variant is decided by one committed (or rolled back)
/// transaction, so a receipt always names a row that is on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Insert {
    /// New id: stored and committed.
    Created(Receipt),
    /// Same id, same hash: a resend. Nothing written; the original receipt.
    Existing(Receipt),
    /// Same id, different hash. Nothing written; the stored capture's receipt.
    Conflict { existing: Receipt },
}

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
}

#[async_trait::async_trait]
pub trait CaptureStore: Send + Sync + 'static {
    /// Stores a validated submission exactly once, with its identifiers, in one transaction; returns
    /// only after the commit. Two concurrent calls with the same new id give one `Created` and one
    /// `Existing` (or `Conflict`), never two rows and never an error.
    async fn insert_or_get(&self, submission: &Submission) -> Result<Insert, StoreError>;
    async fn get(&self, id: &str) -> Result<Option<StoredCapture>, StoreError>;
    /// Whether the database answers at all (`SELECT 1`).
    async fn health_check(&self) -> Result<(), StoreError>;
}
