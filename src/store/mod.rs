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
//! The database name is a parameter so that tests each use their own.

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

pub use error::StoreError;
pub use records::{
    priority, CaptureState, CaptureStub, Delivery, LocalCapture, OutboxEntry, OutboxSummary, RefusedCapture,
};

use std::sync::{Arc, Mutex};

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbRequest};

/// Bump with a migration in `upgrade` when the object stores change.
pub const DB_VERSION: u32 = 2;

pub(crate) const DRAFTS: &str = "drafts";
pub(crate) const CAPTURES: &str = "captures";
pub(crate) const OUTBOX: &str = "outbox";
pub(crate) const SETTINGS: &str = "settings";
pub(crate) const DEVICE: &str = "device";

/// An open connection. Cheap to clone (a handle to the same connection and the same unlocked key).
#[derive(Debug, Clone)]
pub struct Store {
    /// Let go while the page is frozen (`connection.rs`).
    conn: Arc<connection::Connection>,
    /// The drafts' data key while the app is unlocked; in memory only.
    // A mutex only because the store must be `Send` for Leptos' context; the app has one thread.
    unlocked: Arc<Mutex<Option<crate::crypto::vault::DataKey>>>,
}

impl Store {
    pub async fn open(name: &str) -> Result<Store, StoreError> {
        let factory = web_sys::window()
            .ok_or_else(|| StoreError::Unavailable("no window".into()))?
            .indexed_db()
            .map_err(|e| StoreError::Unavailable(format!("{e:?}")))?
            .ok_or_else(|| StoreError::Unavailable("IndexedDB is missing".into()))?;
        let open = factory
            .open_with_u32(name, DB_VERSION)
            .map_err(StoreError::from_js)?;

        let upgrade = {
            let open = open.clone();
            Closure::<dyn FnMut(web_sys::Event) -> Result<(), JsValue>>::new(move |_| upgrade(&open))
        };
        open.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
        let request: IdbRequest = open.clone().unchecked_into();
        let opened = idb::request(request).await;
        open.set_onupgradeneeded(None);
        drop(upgrade);

        let db: IdbDatabase = opened?.unchecked_into();
        // A newer version of the app opened in another tab must not be blocked by this one: let go, and
        // that tab's upgrade proceeds. This tab's next operation then fails visibly rather than silently.
        let on_version_change = {
            let db = db.clone();
            Closure::<dyn FnMut()>::new(move || db.close())
        };
        db.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
        on_version_change.forget(); // once per open connection, for the connection's lifetime
        Ok(Store {
            conn: Arc::new(connection::Connection::new(name, db)),
            unlocked: Arc::default(),
        })
    }

    /// The database name this store was opened with.
    pub fn name(&self) -> String {
        self.conn.name().to_string()
    }

    /// Closes the connection (tests reopen the database to prove what is on disk).
    pub fn close(&self) {
        self.conn.close();
    }

    pub(crate) fn transaction(
        &self,
        stores: &[&str],
        writable: bool,
        durability: idb::Durability,
    ) -> Result<web_sys::IdbTransaction, StoreError> {
        self.conn.transaction(stores, writable, durability)
    }

    pub(crate) fn reader(&self, stores: &[&str]) -> Result<web_sys::IdbTransaction, StoreError> {
        self.transaction(stores, false, idb::Durability::Default)
    }
}

/// Version 1: the four object stores; version 2: the device store. Each step creates only what is
/// missing, so any older database upgrades in place with its data.
fn upgrade(open: &IdbOpenDbRequest) -> Result<(), JsValue> {
    let db: IdbDatabase = open.result()?.unchecked_into();
    let existing = db.object_store_names();
    for name in [DRAFTS, CAPTURES, OUTBOX, SETTINGS, DEVICE] {
        if !existing.contains(name) {
            db.create_object_store(name)?;
        }
    }
    Ok(())
}
