//! Submitting a capture: seal it to the SPOC, then keep only the envelope (`Store::submit`).
//!
//! After this the device cannot read the capture again. The plaintext stays in memory, for this
//! page visit only, so the officer can still read what was sent, use the request drafts and start a
//! follow-up; locking the app or reloading forgets it.

use std::cell::RefCell;

use spoc_core::api::Submission;
use spoc_core::capture::Capture;

use crate::crypto::{seal, CryptoError};
use crate::store::{CaptureStub, Store, StoreError};
use crate::sync::seal_key;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SubmitError {
    /// A device that has never reached the desk has no key to seal to. The draft is kept.
    #[error("no SPOC key on this device yet")]
    NoSealKey,
    #[error(transparent)]
    Crypto(#[from] CryptoError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

thread_local! {
    static JUST_SENT: RefCell<Option<Capture>> = const { RefCell::new(None) };
}

/// Seals `submission`, stores the envelope and its outbox entry and deletes the draft, in one
/// transaction. On any error nothing is written and the draft is still there.
pub async fn submit(store: &Store, draft_id: &str, submission: Submission) -> Result<(), SubmitError> {
    let key = seal_key::current(store).await?.ok_or(SubmitError::NoSealKey)?;
    let sealed = seal::seal(&key, &submission).await?;
    store
        .submit(draft_id, &sealed, &CaptureStub::of(&submission))
        .await?;
    JUST_SENT.with(|slot| slot.replace(Some(submission.capture)));
    Ok(())
}

/// The capture just sent with this id, while this page visit lasts.
pub fn just_sent(id: &str) -> Option<Capture> {
    JUST_SENT.with(|slot| slot.borrow().as_ref().filter(|c| c.id == id).cloned())
}

/// Called when the app locks.
pub fn forget() {
    JUST_SENT.with(|slot| slot.replace(None));
}
