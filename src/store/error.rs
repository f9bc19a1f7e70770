//! Why a storage operation failed, in terms the UI can act on.

use web_sys::DomException;

/// `Clone` so a failed open can sit in a `LocalResource` and be shown to the officer.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StoreError {
    /// The origin's storage quota is used up. Nothing was written, and whatever was stored before
    /// (the draft in particular) is still there: the UI says so rather than "failed".
    #[error("device storage is full; your draft is kept")]
    QuotaExceeded,
    /// IndexedDB cannot be used at all: a private window, blocked site data, an old browser.
    #[error("device storage is not available in this browser: {0}")]
    Unavailable(String),
    /// The transaction was rolled back without a DOM error, e.g. by an explicit `abort()`.
    #[error("the change was not saved (transaction aborted)")]
    Aborted,
    /// A capture with this id was already submitted; the sealed one is left as it was.
    #[error("this capture was already submitted")]
    AlreadySubmitted,
    /// A stored record that this build cannot read or write as JSON.
    #[error("a stored record could not be read: {0}")]
    Corrupt(String),
    /// Drafts are encrypted and the app is locked: the passphrase (or passkey) unlocks it.
    #[error("the app is locked; unlock it to open drafts")]
    Locked,
    /// WebCrypto failed while encrypting or decrypting a record.
    #[error("{0}")]
    Crypto(String),
    /// IndexedDB did not finish the operation within the store's bounded wait (`bounded.rs`): another
    /// connection holding the database, a transaction left open by a frozen page, a stuck backend.
    /// The operation was given up and rolled back; what was stored before is still there.
    #[error("the device's storage did not answer in {seconds} s; nothing was lost, try again")]
    NotAnswering { seconds: u32 },
    /// The page is going into the back/forward cache or being frozen: no storage work starts until it
    /// is shown again (`store/pause.rs`). Nothing was written.
    #[error("the app is in the background; nothing was saved, try again")]
    Suspended,
    /// Any other DOMException IndexedDB raised (`ConstraintError`, `UnknownError`, …).
    #[error("device storage failed: {name}: {message}")]
    Dom { name: String, message: String },
}

impl StoreError {
    pub fn is_quota_exceeded(&self) -> bool {
        matches!(self, StoreError::QuotaExceeded)
    }

    /// Sorts a DOMException by its `name`, the only field browsers agree on.
    pub(crate) fn from_dom(e: &DomException) -> StoreError {
        match e.name().as_str() {
            "QuotaExceededError" => StoreError::QuotaExceeded,
            "AbortError" => StoreError::Aborted,
            name => StoreError::Dom {
                name: name.to_string(),
                message: e.message(),
            },
        }
    }
}

impl From<crate::crypto::CryptoError> for StoreError {
    fn from(e: crate::crypto::CryptoError) -> Self {
        StoreError::Crypto(e.0)
    }
}

/// Unlocking reads the vault record from the store; a store failure is not a wrong passphrase.
impl From<StoreError> for crate::crypto::vault::UnlockError {
    fn from(e: StoreError) -> Self {
        crate::crypto::vault::UnlockError::Crypto(crate::crypto::CryptoError(e.to_string()))
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}
