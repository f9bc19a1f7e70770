//! The one cached connection to the app's database: opened on first use, upgraded from any released
//! version, and given up – so that the next operation opens it again – when [`Store::close`] is
//! called, when another tab needs to upgrade, or when the browser closes it.
//!
//! [`Store::close`]: super::Store::close

use std::sync::{Arc, Mutex, MutexGuard, Weak};

use indexed_db_futures::database::Database;
use indexed_db_futures::error::OpenDbError;
use indexed_db_futures::future::OpenDbRequest;
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::{StoreError, CAPTURES, DB_VERSION, DEVICE, DRAFTS, OUTBOX, SETTINGS};

pub(super) struct Connection {
    name: String,
    open: Arc<Mutex<Option<Database>>>,
}

impl Connection {
    pub(super) fn new(name: &str) -> Connection {
        Connection {
            name: name.to_string(),
            open: Arc::default(),
        }
    }

    pub(super) fn name(&self) -> &str {
        &self.name
    }

    /// The open connection, opening it first if there is none.
    pub(super) async fn get(&self) -> Result<Database, StoreError> {
        if let Some(db) = slot(&self.open).clone() {
            return Ok(db);
        }
        let db = open(&self.name).await?;
        let mut open = slot(&self.open);
        if let Some(other) = open.clone() {
            // Another operation opened one meanwhile: keep that one, so there is only ever one.
            db.close();
            return Ok(other);
        }
        let_go_when_asked(&db, Arc::downgrade(&self.open));
        *open = Some(db.clone());
        Ok(db)
    }

    pub(super) fn close(&self) {
        if let Some(db) = slot(&self.open).take() {
            db.close();
        }
    }
}

async fn open(name: &str) -> Result<Database, StoreError> {
    let request = Database::open(name)
        .with_version(DB_VERSION)
        .build()
        .map_err(open_error)?;
    // The upgrade handler is set on the request itself rather than through the crate's
    // `with_on_upgrade_needed`, whose error path formats every error type it has (f64s included)
    // into the bundle for a handler that cannot fail but on a broken database.
    let upgrade = Closure::<dyn FnMut(web_sys::Event) -> Result<(), JsValue>>::new(upgrade);
    let raw: &web_sys::IdbOpenDbRequest = request.as_sys();
    raw.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let mut pending = Pending(Some((request, upgrade)));
    let opened = match pending.0.as_mut() {
        Some((request, _)) => request.await,
        None => unreachable!(),
    };
    pending.0 = None;
    opened.map_err(open_error)
}

/// An open request still under way when its caller gave up waiting (see `bounded.rs`). IndexedDB
/// cannot cancel it, so it is seen through – its upgrade handler must still be there when it runs, or
/// the database would reach the new version without its object stores – and the connection it makes
/// is closed at once.
struct Pending(Option<(OpenDbRequest, UpgradeHandler)>);

type UpgradeHandler = Closure<dyn FnMut(web_sys::Event) -> Result<(), JsValue>>;

impl Drop for Pending {
    fn drop(&mut self) {
        if let Some((request, upgrade)) = self.0.take() {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(db) = request.await {
                    db.close();
                }
                drop(upgrade);
            });
        }
    }
}

/// Version 1: the four object stores; version 2: the device store. Each step creates only what is
/// missing, so any older database upgrades in place with its data. A failure throws, which aborts the
/// upgrade: the database stays as it was.
fn upgrade(event: web_sys::Event) -> Result<(), JsValue> {
    let request: web_sys::IdbOpenDbRequest = event.target().ok_or(JsValue::NULL)?.unchecked_into();
    let db: web_sys::IdbDatabase = request.result()?.unchecked_into();
    let existing = db.object_store_names();
    for name in [DRAFTS, CAPTURES, OUTBOX, SETTINGS, DEVICE] {
        if !existing.contains(name) {
            db.create_object_store(name)?;
        }
    }
    Ok(())
}

/// A newer version of the app opened in another tab must not be blocked by this one: on
/// `versionchange` the connection is closed and forgotten, and that tab's upgrade proceeds. The same
/// when the browser closes it (site data cleared, a storage failure). This tab's next operation opens
/// the database again, and fails visibly (a newer version, or no storage) rather than silently.
fn let_go_when_asked(db: &Database, open: Weak<Mutex<Option<Database>>>) {
    let raw = db.as_sys().clone();
    let handler = {
        let raw = raw.clone();
        Closure::<dyn FnMut()>::new(move || {
            raw.close();
            if let Some(open) = open.upgrade() {
                let mut open = slot(&open);
                if open.as_ref().is_some_and(|db| db.as_sys() == &raw) {
                    *open = None;
                }
            }
        })
    };
    let idb: &web_sys::IdbDatabase = raw.unchecked_ref();
    idb.set_onversionchange(Some(handler.as_ref().unchecked_ref()));
    idb.set_onclose(Some(handler.as_ref().unchecked_ref()));
    handler.forget(); // once per connection, for the connection's lifetime
}

/// Never held across an `await`, so never contended; poisoned only by a panic under it, which the
/// code under it cannot raise.
fn slot(open: &Mutex<Option<Database>>) -> MutexGuard<'_, Option<Database>> {
    open.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn open_error(e: OpenDbError) -> StoreError {
    match e {
        OpenDbError::Base(e) => match StoreError::from(e) {
            // This build's version is older than the database: a newer app upgraded it meanwhile.
            StoreError::Dom { name, .. } if name == "VersionError" => StoreError::Unavailable(
                "a newer version of the app changed the storage; reload the page".into(),
            ),
            other => other,
        },
        OpenDbError::VersionZero | OpenDbError::UnsupportedEnvironment | OpenDbError::NullFactory => {
            StoreError::Unavailable("IndexedDB is missing".into())
        }
    }
}
