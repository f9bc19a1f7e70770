//! What the store keeps about a submitted capture and its delivery.

use serde::{Deserialize, Serialize};
use spoc_core::api::{CaptureStatus, ErrorDetail, Receipt, Submission};
use spoc_core::sealed::SealedSubmission;
use spoc_core::UrgencyLevel;

/// A submitted capture as the device keeps it: the envelope sealed to the SPOC (never changed after
/// submit, unreadable on this device), a stub to recognise it by, and where its delivery stands. Kept
/// for good – also once the SPOC has it – so the officer can show the SPOC's receipt for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LocalCapture {
    pub stub: CaptureStub,
    pub sealed: SealedSubmission,
    pub state: CaptureState,
    /// Unix ms when the officer submitted it.
    #[serde(serialize_with = "crate::clock::whole_ms")]
    pub queued_at_ms: f64,
    /// Unix ms of the last change of `state`.
    #[serde(serialize_with = "crate::clock::whole_ms")]
    pub updated_at_ms: f64,
    /// What the SPOC did with it, as last seen (absent until the desk first answered).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spoc_status: Option<CaptureStatus>,
    /// Unix ms when the device last heard `spoc_status` from the desk.
    #[serde(default, serialize_with = "crate::clock::whole_ms")]
    pub status_seen_ms: f64,
}

impl LocalCapture {
    pub fn id(&self) -> &str {
        &self.stub.id
    }

    /// Delivered, and the SPOC has not finished with it: worth asking what became of it. Closed and
    /// rejected are final (a reopening is rare, and the SPOC then calls the officer anyway).
    pub fn follows_spoc(&self) -> bool {
        matches!(self.state, CaptureState::Synced { .. })
            && !self.spoc_status.as_ref().is_some_and(|s| s.status.is_final())
    }
}

/// The least the officer needs to recognise a sealed capture: nothing about the victim, the offender
/// or what was seen. The journal number is the police's own reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaptureStub {
    pub id: String,
    pub journal_number: String,
    pub sha256: String,
    pub priority: u8,
}

impl CaptureStub {
    pub fn of(submission: &Submission) -> CaptureStub {
        CaptureStub {
            id: submission.capture.id.clone(),
            journal_number: submission.capture.journal_number.clone(),
            sha256: submission.sha256.clone(),
            priority: priority(submission.capture.urgency()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
// Externally tagged (serde's default): an internally tagged enum makes serde buffer and re-read every
// record, which costs noticeably more code in the wasm bundle.
#[serde(rename_all = "snake_case")]
pub enum CaptureState {
    /// In the outbox, waiting to be delivered (or being retried).
    Queued,
    /// The SPOC committed it; the receipt is its proof.
    Synced { receipt: Receipt },
    /// The SPOC refused it (400/413/415/422). Kept, shown to a person, not retried on its own.
    Refused { status: u16, error: ErrorDetail },
    /// The SPOC holds a different capture under the same id (409). Kept and shown to a person.
    Conflict { error: ErrorDetail },
}

impl CaptureState {
    /// A stable word for CSS classes and test selectors.
    pub fn code(&self) -> &'static str {
        match self {
            CaptureState::Queued => "queued",
            CaptureState::Synced { .. } => "synced",
            CaptureState::Refused { .. } => "refused",
            CaptureState::Conflict { .. } => "conflict",
        }
    }

    /// Refused and conflicting captures need a person; the outbox leaves them alone.
    pub fn needs_attention(&self) -> bool {
        matches!(self, CaptureState::Refused { .. } | CaptureState::Conflict { .. })
    }
}

/// The delivery intent for one capture. The body to send is the envelope in `captures`; this is
/// only the schedule. It is removed only when a receipt arrives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxEntry {
    pub id: String,
    pub sha256: String,
    /// Higher goes first: a danger-to-life capture is not stuck behind a hundred routine ones.
    pub priority: u8,
    /// Failed delivery attempts so far (network, 5xx, 429).
    pub attempts: u32,
    /// Unix ms; the backoff timer does not send it before this. Triggers such as `online` do.
    #[serde(serialize_with = "crate::clock::whole_ms")]
    pub next_attempt_at_ms: f64,
    pub last_error: Option<String>,
    /// Refused or in conflict: kept, but never sent again unless a person releases it.
    #[serde(default)]
    pub held: bool,
}

impl OutboxEntry {
    pub fn new(stub: &CaptureStub, now_ms: f64) -> OutboxEntry {
        OutboxEntry {
            id: stub.id.clone(),
            sha256: stub.sha256.clone(),
            priority: stub.priority,
            attempts: 0,
            next_attempt_at_ms: now_ms,
            last_error: None,
            held: false,
        }
    }
}

pub fn priority(level: UrgencyLevel) -> u8 {
    match level {
        UrgencyLevel::Routine => 0,
        UrgencyLevel::Elevated => 1,
        UrgencyLevel::High => 2,
        UrgencyLevel::Critical => 3,
    }
}

/// What became of one delivery attempt, as the sync loop records it.
#[derive(Debug, Clone, PartialEq)]
pub enum Delivery {
    /// 201 or 200: the SPOC has it.
    Accepted(Receipt),
    /// 409.
    Conflict(ErrorDetail),
    /// 400, 413, 415, 422.
    Refused { status: u16, error: ErrorDetail },
    /// Network failure, 5xx, 429, or an answer that could not be read: try again after `retry_at_ms`.
    Deferred { error: String, retry_at_ms: f64 },
}

/// What the sync indicator shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OutboxSummary {
    /// Entries still to be delivered (not held).
    pub waiting: usize,
    /// Unix ms of the SPOC's last answer that settled a capture.
    pub last_success_ms: Option<f64>,
    pub refused: Vec<RefusedCapture>,
    /// When the earliest waiting entry is due, for the backoff timer.
    pub next_due_ms: Option<f64>,
}

/// A refused or conflicting capture, for the list that asks a person to look at it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusedCapture {
    pub id: String,
    /// The journal number: what the officer recognises the capture by.
    pub label: String,
    pub reason: String,
    /// 409 rather than a refusal.
    pub conflict: bool,
}
