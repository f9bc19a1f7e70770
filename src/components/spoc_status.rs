use spoc_core::desk::CaseStatus;

use crate::clock;
use crate::i18n::{Lang, T};
use crate::store::LocalCapture;

/// Beside the SPOC's status (`state_label`): the operator's reason for a rejection, and when this
/// device last heard from the SPOC about the capture, so offline it reads as last seen:
/// `Dublet af 4471 · senest set 01.12.2026 18:20 (Europe/Copenhagen)`. Shown as one text node: the
/// reason is text, never a link, never HTML.
pub fn spoc_status_text(local: &LocalCapture, lang: Lang) -> Option<String> {
    let status = local.spoc_status.as_ref()?;
    let reason = status
        .reason
        .as_deref()
        .map(|r| format!("{r} · "))
        .unwrap_or_default();
    Some(format!(
        "{reason}{} {}",
        T::LastSeen.text(lang),
        clock::display_instant(local.status_seen_ms)
    ))
}

/// The workflow's statuses in words, for the officer and the desk alike.
pub fn status_name(status: CaseStatus) -> T {
    match status {
        CaseStatus::Received => T::Received,
        CaseStatus::Triaged => T::StatusTriaged,
        CaseStatus::PreservationSent => T::StatusPreservationSent,
        CaseStatus::Confirmed => T::StatusConfirmed,
        CaseStatus::Closed => T::StatusClosed,
        CaseStatus::Rejected => T::StatusRejected,
    }
}
