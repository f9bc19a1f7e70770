//! Submitting a capture: the step after which the evidence must never be lost.

use spoc_core::sealed::SealedSubmission;

use super::idb::{self, Durability};
use super::{
    CaptureState, CaptureStub, LocalCapture, OutboxEntry, Store, StoreError, CAPTURES, DRAFTS, OUTBOX,
};

impl Store {
    /// Keeps a sealed capture: writes the [`LocalCapture`] (envelope and stub), writes its
    /// [`OutboxEntry`] and deletes the draft – the last plaintext of it on this device –
    /// all in one transaction, and returns only after the transaction's `complete` event.
    ///
    /// One transaction, because any of the three alone is a bad state: a record without an outbox
    /// entry is never sent, an outbox entry without a record has nothing to send, and a deleted draft
    /// without a record is lost evidence. Durability "strict", because "submitted" on screen must mean
    /// on disk: with the default (relaxed) durability, Chromium may report completion before the data
    /// is flushed, and a power loss right after would silently lose the capture.
    ///
    /// The capture and the outbox entry are *added*, not put: a second submit of the same id (a
    /// double tap) fails and changes nothing, so a sealed capture is never overwritten. On any error –
    /// a full disk included – nothing is written and the draft is still there.
    pub async fn submit(
        &self,
        draft_id: &str,
        sealed: &SealedSubmission,
        stub: &CaptureStub,
    ) -> Result<(), StoreError> {
        self.submit_or_abort(draft_id, sealed, stub, false).await
    }

    /// Test hook: performs every write of [`Store::submit`], then aborts the transaction, as a crash or
    /// a closed tab would before `complete`.
    #[doc(hidden)]
    pub async fn submit_then_abort(
        &self,
        draft_id: &str,
        sealed: &SealedSubmission,
        stub: &CaptureStub,
    ) -> Result<(), StoreError> {
        self.submit_or_abort(draft_id, sealed, stub, true).await
    }

    async fn submit_or_abort(
        &self,
        draft_id: &str,
        sealed: &SealedSubmission,
        stub: &CaptureStub,
        abort: bool,
    ) -> Result<(), StoreError> {
        let now = js_sys::Date::now();
        let id = stub.id.as_str();
        let local = LocalCapture {
            stub: stub.clone(),
            sealed: sealed.clone(),
            state: CaptureState::Queued,
            queued_at_ms: now,
            updated_at_ms: now,
            spoc_status: None,
            status_seen_ms: 0.0,
        };
        let entry = OutboxEntry::new(stub, now);

        // Three awaited requests in one transaction: nothing else is awaited inside it (see `idb.rs`).
        let written = self
            .write(&[CAPTURES, OUTBOX, DRAFTS], Durability::Strict, async |tx| {
                idb::add(&idb::store(tx, CAPTURES)?, id, &local).await?;
                idb::add(&idb::store(tx, OUTBOX)?, id, &entry).await?;
                idb::delete(&idb::store(tx, DRAFTS)?, draft_id).await?;
                if abort {
                    return Err(StoreError::Aborted);
                }
                Ok(())
            })
            .await;
        written.map_err(|e| match e {
            StoreError::Dom { name, .. } if name == "ConstraintError" => StoreError::AlreadySubmitted,
            other => other,
        })
    }
}
