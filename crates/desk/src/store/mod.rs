//! Where captures are kept. A trait, so that PostgreSQL (for several desk instances behind a load
//! balancer) can sit beside the embedded SQLite default without touching the handlers.

mod sqlite;

pub use sqlite::SqliteStore;

use spoc_core::api::{Receipt, StoredCapture, Submission};

/// What storing a submission did. Every variant is decided inside one transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Insert {
    /// New id: stored and committed.
    Created(Receipt),
    /// Same id, same hash: a resend. Nothing written; the original receipt.
    Existing(Receipt),
    /// Same id, different hash. Nothing written; the stored capture's receipt.
    Conflict(Receipt),
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("database migration: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("stored capture {0} cannot be read back")]
    CorruptRow(i64),
}

#[async_trait::async_trait]
pub trait CaptureStore: Send + Sync + 'static {
    /// Stores a validated submission exactly once; returns only after the commit.
    async fn insert(&self, submission: &Submission) -> Result<Insert, StoreError>;
    async fn get(&self, id: &str) -> Result<Option<StoredCapture>, StoreError>;
    async fn ping(&self) -> Result<(), StoreError>;
}
