//! What to record for a capture, given the SPOC's answer for it. Pure: no I/O, no clock. The status
//! rules themselves are `spoc_core::sync_policy`, shared with every other client.

use spoc_core::api::{ErrorDetail, Receipt};
use spoc_core::sync_policy::{verdict, Verdict};

/// What to record for one capture, given the SPOC's answer for it.
#[derive(Debug, Clone, PartialEq)]
pub enum Settled {
    Accepted(Receipt),
    Conflict(ErrorDetail),
    Refused {
        status: u16,
        error: ErrorDetail,
    },
    SignIn,
    /// Try again later, for this reason.
    Retry(String),
}

/// Settles one capture (`id`, `sha256`) from a status and the receipt or error that came with it.
///
/// A success is believed only with a receipt for this very capture: a 200 from a captive portal or a
/// misrouted proxy carries none, and removing the outbox entry on its word would lose the capture.
pub fn settle(
    id: &str,
    sha256: &str,
    status: u16,
    receipt: Option<Receipt>,
    error: Option<ErrorDetail>,
) -> Settled {
    let error = || {
        error
            .clone()
            .unwrap_or_else(|| crate::api::error_detail(status, ""))
    };
    match verdict(status) {
        Verdict::Delivered => match receipt {
            Some(r) if r.id == id && r.sha256 == sha256 => Settled::Accepted(r),
            // The SPOC vouches for a different capture than the one sent: a person must look.
            Some(r) => Settled::Conflict(ErrorDetail {
                code: "receipt_mismatch".into(),
                message: format!("the SPOC's receipt is for {} with hash {}", r.id, r.sha256),
                field: None,
            }),
            None => Settled::Retry(format!("HTTP {status} without a readable receipt")),
        },
        Verdict::Conflict => Settled::Conflict(error()),
        Verdict::Refused => Settled::Refused {
            status,
            error: error(),
        },
        Verdict::SignIn => Settled::SignIn,
        Verdict::Retry => Settled::Retry(error().message),
    }
}
