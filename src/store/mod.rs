//! The device's store: IndexedDB, so captures survive a closed tab, a reload, a dead battery and a
//! day without a connection.
//!
//! Object stores (all keyed out-of-line, values are JSON text):
//! - `drafts`   capture id → the form state being written (the UI's type), encrypted (`vault.rs`);
//! - `captures` capture id → [`LocalCapture`], the envelope sealed to the SPOC, a stub and its
//!   delivery state;
//! - `outbox`   capture id → [`OutboxEntry`], the delivery schedule; removed only on a receipt;
//! - `settings` key → any JSON (the officer's settings; the sync's bookkeeping under `sync.*`; the
//!   SPOC's public key; the wrapped data key);
//! - `device`   `"device"` → the device's signing key and id (a JS object holding a `CryptoKey`).
//!
//! Every operation is one transaction (`idb.rs`) with a bounded wait (`bounded.rs`); the connection is
//! opened on first use and again after [`Store::close`]. The database name is a parameter so that
//! tests each use their own.

mod bounded;
mod connection;
mod device;
mod drafts;
mod error;
pub(crate) mod idb;
mod outbox;
pub use outbox::Due;
mod records;
mod settings;
mod submit;
mod vault;

pub use bounded::WAIT_LIMIT_MS;
pub use error::StoreError;
pub use records::{
    priority, CaptureState, CaptureStub, Delivery, LocalCapture, OutboxEntry, OutboxSummary, RefusedCapture,
};

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use indexed_db_futures::transaction::{Transaction, TransactionMode};

use connection::Connection;
use idb::Durability;

/// Bump with a migration in `connection::upgrade` when the object stores change. Released: 1 (the
/// four stores), 2 (the device store).
pub const DB_VERSION: u32 = 2;

pub(crate) const DRAFTS: &str = "drafts";
pub(crate) const CAPTURES: &str = "captures";
pub(crate) const OUTBOX: &str = "outbox";
pub(crate) const SETTINGS: &str = "settings";
pub(crate) const DEVICE: &str = "device";

/// The app's store. Cheap to clone: every clone shares the same connection and the same unlocked key.
// `Arc`s only because Leptos' context wants `Send`; the app has one thread.
#[derive(Clone)]
pub struct Store {
    connection: Arc<Connection>,
    /// How long one operation may wait for IndexedDB, in ms ([`WAIT_LIMIT_MS`] unless a test says).
    wait_limit_ms: Arc<AtomicU32>,
    /// The drafts' data key while the app is unlocked; in memory only.
    unlocked: Arc<Mutex<Option<crate::crypto::vault::DataKey>>>,
}

impl Store {
    /// Opens (creating or upgrading) the database `name`, so that a browser without usable storage is
    /// known at start rather than at the first save.
    pub async fn open(name: &str) -> Result<Store, StoreError> {
        let store = Store {
            connection: Arc::new(Connection::new(name)),
            wait_limit_ms: Arc::new(AtomicU32::new(WAIT_LIMIT_MS)),
            unlocked: Arc::default(),
        };
        bounded::within(WAIT_LIMIT_MS, std::pin::pin!(store.connection.get())).await?;
        Ok(store)
    }

    /// The database name this store was opened with.
    pub fn name(&self) -> String {
        self.connection.name().to_string()
    }

    /// Closes the cached database connection; the next operation opens it again. Safe at any time:
    /// transactions already started finish first, and nothing else changes (the unlocked key stays).
    ///
    /// For the page lifecycle: a page frozen or put in the back/forward cache with a connection open
    /// can block every other tab's upgrade, and on some engines its transactions; call this on
    /// `pagehide` and let the next operation after `pageshow` reconnect. Tests use it to prove what
    /// is on disk.
    pub fn close(&self) {
        self.connection.close();
    }

    /// Test hook: a shorter wait than [`WAIT_LIMIT_MS`], to see an operation give up.
    #[doc(hidden)]
    pub fn set_wait_limit_ms(&self, ms: u32) {
        self.wait_limit_ms.store(ms, Ordering::Relaxed);
    }

    /// One read-only transaction on `stores`. Inside `work`, await only the transaction's own requests
    /// (see `idb.rs`).
    pub(crate) async fn read<R>(
        &self,
        stores: &[&str],
        work: impl AsyncFnOnce(&Transaction<'_>) -> Result<R, StoreError>,
    ) -> Result<R, StoreError> {
        self.transact(stores, TransactionMode::Readonly, Durability::Default, work)
            .await
    }

    /// One read-write transaction on `stores`, returning once it is complete.
    pub(crate) async fn write<R>(
        &self,
        stores: &[&str],
        durability: Durability,
        work: impl AsyncFnOnce(&Transaction<'_>) -> Result<R, StoreError>,
    ) -> Result<R, StoreError> {
        self.transact(stores, TransactionMode::Readwrite, durability, work)
            .await
    }

    async fn transact<R>(
        &self,
        stores: &[&str],
        mode: TransactionMode,
        durability: Durability,
        work: impl AsyncFnOnce(&Transaction<'_>) -> Result<R, StoreError>,
    ) -> Result<R, StoreError> {
        let op = async {
            let db = self.connection.get().await?;
            let tx = idb::begin(&db, stores, mode, durability)?;
            match work(&tx).await {
                Ok(value) => idb::commit(tx).await.map(|()| value),
                Err(e) => {
                    idb::abort(tx).await;
                    Err(e)
                }
            }
        };
        bounded::within(self.wait_limit_ms.load(Ordering::Relaxed), std::pin::pin!(op)).await
    }
}
