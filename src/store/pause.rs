//! The store while the page is away (`pagehide`, `freeze`): no transaction may stay open across it.
//!
//! WebKit froze a page in the back/forward cache with a read-only transaction on `settings` still
//! open, and from then on every read-write on `settings` from any page of the origin waited forever.
//! So, from [`Pause::suspend`] until [`Pause::resume`]:
//! - every transaction still under way is aborted (what it wrote is rolled back; its caller gets
//!   [`StoreError::Aborted`] and keeps its data, like any failed write);
//! - no new one starts: [`StoreError::Suspended`] at once, rather than a transaction the page might be
//!   frozen in;
//! - the connection is closed once the last aborted transaction has ended. Not before: WebKit drops a
//!   transaction's `abort` event when its connection is closed right after `abort()`, which would
//!   leave the aborted operation waiting for its bounded wait to run out.

use std::cell::{Cell, RefCell};

use web_sys::IdbTransaction;

use super::StoreError;

#[derive(Default)]
pub(super) struct Pause {
    suspended: Cell<bool>,
    live: RefCell<Vec<IdbTransaction>>,
}

impl Pause {
    /// Refuses to start a transaction while suspended.
    pub(super) fn check(&self) -> Result<(), StoreError> {
        if self.suspended.get() {
            return Err(StoreError::Suspended);
        }
        Ok(())
    }

    /// Counts a transaction as under way until [`Pause::leave`].
    pub(super) fn enter(&self, tx: &IdbTransaction) {
        self.live.borrow_mut().push(tx.clone());
    }

    /// The transaction has ended (or its operation was given up). True when the page is suspended
    /// and nothing is under way any more: the connection can be closed now.
    pub(super) fn leave(&self, tx: &IdbTransaction) -> bool {
        let mut live = self.live.borrow_mut();
        if let Some(at) = live.iter().position(|t| t == tx) {
            live.swap_remove(at);
        }
        self.suspended.get() && live.is_empty()
    }

    /// Aborts whatever is under way and refuses new work. True when nothing was under way: the
    /// connection can be closed at once; otherwise the last [`Pause::leave`] says so.
    pub(super) fn suspend(&self) -> bool {
        self.suspended.set(true);
        let live = self.live.borrow();
        for tx in live.iter() {
            // Fails only for a transaction that has just finished by itself.
            let _ = tx.abort();
        }
        live.is_empty()
    }

    pub(super) fn under_way(&self) -> usize {
        self.live.borrow().len()
    }

    pub(super) fn resume(&self) {
        self.suspended.set(false);
    }
}
