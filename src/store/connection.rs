//! The connection to the database, let go while the page is frozen and taken up again when it is
//! shown.
//!
//! A page frozen with a transaction still open keeps that transaction's locks. WebKit (every iPhone)
//! then makes every later read-write transaction on those stores wait forever, from any page of the
//! origin, for as long as the frozen page sits in the back/forward cache (measured in WebKitGTK 2.50;
//! a reload does not help). So [`Store::suspend`], called as the page is hidden for good or frozen,
//! aborts every transaction still running and closes the connection (once those have ended).
//! Aborting is safe because a transaction is all or nothing: what it would have written is not
//! written and its caller gets an error (a submit keeps its draft, a receipt not yet recorded is asked
//! for again and the desk answers with the original). While suspended no transaction can start: an operation fails at once instead
//! of queueing behind the freeze. [`Store::resume`] opens the database again.

use std::sync::{Mutex, MutexGuard};

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{IdbDatabase, IdbTransaction};

use super::{idb, Store, StoreError};

#[derive(Debug)]
pub(crate) struct Connection {
    name: String,
    /// `None` while suspended.
    // Mutexes only because the store must be `Send` for Leptos' views; the app has one thread.
    db: Mutex<Option<IdbDatabase>>,
    /// Transactions that may still be running, so a suspension can abort them.
    running: Mutex<Vec<IdbTransaction>>,
}

/// Poisoned only if a panic happened while it was held, which the code under it cannot do.
fn held<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Connection {
    pub(crate) fn new(name: &str, db: IdbDatabase) -> Connection {
        Connection {
            name: name.to_string(),
            db: Mutex::new(Some(db)),
            running: Mutex::default(),
        }
    }

    pub(crate) fn name(&self) -> &str {
        &self.name
    }

    pub(crate) fn transaction(
        &self,
        stores: &[&str],
        writable: bool,
        durability: idb::Durability,
    ) -> Result<IdbTransaction, StoreError> {
        let db = held(&self.db);
        let db = db
            .as_ref()
            .ok_or_else(|| StoreError::Unavailable("the app is in the background".into()))?;
        let tx = idb::transaction(db, stores, writable, durability)?;
        let mut running = held(&self.running);
        running.retain(|tx| !has_finished(tx));
        running.push(tx.clone());
        Ok(tx)
    }

    pub(crate) fn close(&self) {
        if let Some(db) = held(&self.db).as_ref() {
            db.close();
        }
    }
}

/// Closes `db` once every one of `aborted` has ended. Closing at once would be wrong: WebKit then never
/// fires an aborted transaction's `abort` event, and whoever awaits that transaction would wait
/// forever. The aborted transactions no longer hold their stores (measured in WebKitGTK), so the
/// connection may stay open a moment, or until the page is shown again if it is frozen first.
fn close_when_ended(db: IdbDatabase, aborted: Vec<IdbTransaction>) {
    if aborted.is_empty() {
        db.close();
        return;
    }
    let left = std::rc::Rc::new(std::cell::Cell::new(aborted.len()));
    for tx in aborted {
        let (db, left) = (db.clone(), left.clone());
        // Called once: a transaction ends either way, never both.
        let ended = Closure::once_into_js(move || {
            left.set(left.get() - 1);
            if left.get() == 0 {
                db.close();
            }
        });
        for event in ["abort", "complete"] {
            let _ = tx.add_event_listener_with_callback(event, ended.unchecked_ref());
        }
    }
}

/// A finished transaction refuses `objectStore()` (InvalidStateError): the one state probe IndexedDB
/// offers without an event listener per transaction.
fn has_finished(tx: &IdbTransaction) -> bool {
    let names = tx.object_store_names();
    names.get(0).is_none_or(|name| tx.object_store(&name).is_err())
}

impl Store {
    /// Aborts whatever is still running and lets the connection go (see the module's comment).
    pub fn suspend(&self) {
        let conn = &self.conn;
        let running: Vec<IdbTransaction> = held(&conn.running)
            .drain(..)
            .filter(|tx| !has_finished(tx))
            .collect();
        for tx in &running {
            let _ = tx.abort(); // throws only for one that ended meanwhile
        }
        if let Some(db) = held(&conn.db).take() {
            close_when_ended(db, running);
        }
    }

    /// Whether [`Store::suspend`] let the connection go and it was not opened again yet.
    pub fn is_suspended(&self) -> bool {
        held(&self.conn.db).is_none()
    }

    /// Opens the database again after [`Store::suspend`]; does nothing if it is open.
    pub async fn resume(&self) -> Result<(), StoreError> {
        if !self.is_suspended() {
            return Ok(());
        }
        // A fresh open (with the same upgrade and version-change handling); its connection moves here.
        let opened = Store::open(&self.conn.name).await?;
        let Some(db) = held(&opened.conn.db).take() else {
            return Err(StoreError::Aborted);
        };
        // Two resumes may have raced (pageshow and resume): keep one connection.
        let mut slot = held(&self.conn.db);
        match slot.as_ref() {
            Some(_) => db.close(),
            None => *slot = Some(db),
        }
        Ok(())
    }
}
