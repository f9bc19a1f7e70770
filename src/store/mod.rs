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
mod pause;
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

use indexed_db_futures::database::Database;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use send_wrapper::SendWrapper;

use connection::Connection;
use idb::Durability;
use pause::Pause;

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
    /// Transactions under way, and whether the page is away ([`Store::suspend`]). Browser handles
    /// are not `Send`; the app has one thread, and the wrapper would panic rather than cross one.
    pause: Arc<SendWrapper<Pause>>,
}

impl Store {
    /// Opens (creating or upgrading) the database `name`, so that a browser without usable storage is
    /// known at start rather than at the first save.
    pub async fn open(name: &str) -> Result<Store, StoreError> {
        let store = Store {
            connection: Arc::new(Connection::new(name)),
            wait_limit_ms: Arc::new(AtomicU32::new(WAIT_LIMIT_MS)),
            unlocked: Arc::default(),
            pause: Arc::new(SendWrapper::new(Pause::default())),
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

    /// The page is going away (`pagehide`, `freeze`): aborts every transaction under way, refuses new
    /// ones with [`StoreError::Suspended`] until [`Store::resume`], and closes the connection once
    /// nothing is under way (see `pause.rs`). Whatever an aborted write carried is still with its
    /// caller, as after any failed write.
    pub fn suspend(&self) {
        if self.pause.suspend() {
            self.connection.close();
        }
    }

    /// The page is back (`pageshow`, `resume`): operations start again, and the first one reconnects.
    pub fn resume(&self) {
        self.pause.resume();
    }

    /// Test hook: how many transactions are under way.
    #[doc(hidden)]
    pub fn transactions_under_way(&self) -> usize {
        self.pause.under_way()
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

    /// One record of `store` as text: the one read transaction behind every typed single read.
    /// Decoding happens outside, so this is in the bundle once rather than once per record type.
    pub(crate) async fn get_text(&self, store: &str, key: &str) -> Result<Option<String>, StoreError> {
        self.read(&[store], async |tx| {
            idb::get_text(&idb::store(tx, store)?, key).await
        })
        .await
    }

    /// Every record of `store` as text, in key order (see [`idb::decode_all`]).
    pub(crate) async fn get_all_text(&self, store: &str) -> Result<Vec<String>, StoreError> {
        self.read(&[store], async |tx| {
            idb::get_all_text(&idb::store(tx, store)?).await
        })
        .await
    }

    /// Writes one record of `store`, already encoded.
    pub(crate) async fn put_text(
        &self,
        store: &str,
        key: &str,
        text: String,
        durability: Durability,
    ) -> Result<(), StoreError> {
        self.write(&[store], durability, async |tx| {
            idb::put_text(&idb::store(tx, store)?, key, &text).await
        })
        .await
    }

    async fn transact<R>(
        &self,
        stores: &[&str],
        mode: TransactionMode,
        durability: Durability,
        work: impl AsyncFnOnce(&Transaction<'_>) -> Result<R, StoreError>,
    ) -> Result<R, StoreError> {
        // This function is compiled once per operation (its `work` differs); what does not differ –
        // opening, committing, aborting – runs behind boxed futures, so it is in the bundle once.
        let op = async {
            self.pause.check()?;
            let db = self.database().await?;
            // Suspended while the connection was opening.
            self.pause.check()?;
            let tx = idb::begin(&db, stores, mode, durability)?;
            let _live = Live::enter(self, &tx);
            match work(&tx).await {
                Ok(value) => idb::settle(tx, true).await.map(|()| value),
                Err(e) => {
                    let _ = idb::settle(tx, false).await;
                    Err(e)
                }
            }
        };
        bounded::within(self.wait_limit_ms.load(Ordering::Relaxed), std::pin::pin!(op)).await
    }

    #[inline(never)]
    fn database(&self) -> LocalBoxFuture<'_, Result<Database, StoreError>> {
        Box::pin(self.connection.get())
    }
}

/// A transaction counted as under way until it has ended or its operation was given up (dropped).
struct Live<'s> {
    store: &'s Store,
    tx: web_sys::IdbTransaction,
}

impl<'s> Live<'s> {
    fn enter(store: &'s Store, tx: &Transaction<'_>) -> Live<'s> {
        let tx = idb::raw(tx);
        store.pause.enter(&tx);
        Live { store, tx }
    }
}

impl Drop for Live<'_> {
    fn drop(&mut self) {
        if self.store.pause.leave(&self.tx) {
            self.store.connection.close();
        }
    }
}

type LocalBoxFuture<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + 'a>>;
