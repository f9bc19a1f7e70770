//! The outbox loop: delivers submitted captures to the SPOC desk, exactly once, whenever it can.
//!
//! - [`settle`]: what to record for a capture, given the answer (pure);
//! - [`backoff`]: how long to wait after a failure (pure);
//! - [`drain`]: one round of sending what is due and recording the answers;
//! - [`runner`]: the single long-lived loop, its triggers, and the status the UI shows.

pub mod backoff;
mod browser_triggers;
pub mod drain;
pub mod revocation;
mod runner;
pub mod seal_key;
pub mod settle;
pub mod signer;
mod spoc_status;
pub mod transport;
mod wakeup;

pub use drain::{Drain, Stop, BATCH_SIZE};
pub use runner::{start, start_with, Problem, SyncHandle, SyncStatus};
pub use signer::DeviceSigner;
pub use transport::{HttpTransport, Transport};
pub use wakeup::Trigger;
