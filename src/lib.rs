//! SPOC Field, the field app: guidance and offline capture for the first officer on scene.
//!
//! Data path: the form edits a [`draft::Draft`] (autosaved to IndexedDB), submit validates it with
//! spoc-core and writes the capture and its outbox entry in one transaction ([`store`]), and the
//! [`sync`] loop delivers the outbox to the SPOC desk whenever it can be reached.

pub mod api;
pub mod app;
#[cfg(feature = "bench")]
pub mod bench;
pub mod clock;
pub mod components;
pub mod crypto;
pub mod device;
pub mod draft;
pub mod guidance;
pub mod i18n;
pub mod lifecycle;
pub mod lock;
#[cfg(feature = "desk")]
pub mod operator;
pub mod pages;
pub mod pwa;
pub mod router;
pub mod session;
pub mod settings;
pub mod storage_health;
pub mod store;
pub mod submit;
pub mod sync;
