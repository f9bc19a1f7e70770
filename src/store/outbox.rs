//! Reading the outbox for the sync loop and recording what the SPOC answered.
//!
//! Every method here is one short transaction and none of them waits on the network: IndexedDB
//! commits a transaction as soon as it has no pending request, so one held open across a `fetch`
//! would be committed (or fail as inactive) long before the answer came back.

use spoc_core::api::{CaptureStatus, ErrorDetail, Receipt};
use spoc_core::sealed::SealedSubmission;

use super::idb::{self, Durability};
use super::settings::LAST_SUCCESS_KEY;
use super::{
    CaptureState, Delivery, LocalCapture, OutboxEntry, OutboxSummary, RefusedCapture, Store, StoreError,
    CAPTURES, OUTBOX, SETTINGS,
};

/// Which outbox entries count as due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// Only those whose `next_attempt_at_ms` has passed (the backoff timer's view).
    Scheduled,
    /// Every entry that is not held: something changed (back online, app opened, a new submit), so
    /// the backoff of earlier failures no longer says anything.
    All,
}

impl Store {
    pub async fn get_capture(&self, id: &str) -> Result<Option<LocalCapture>, StoreError> {
        idb::decode(self.get_text(CAPTURES, id).await?)
    }

    /// Every submitted capture this build can read, in key (id) order.
    pub async fn list_captures(&self) -> Result<Vec<LocalCapture>, StoreError> {
        Ok(idb::decode_all(self.get_all_text(CAPTURES).await?, "capture"))
    }

    pub async fn get_outbox_entry(&self, id: &str) -> Result<Option<OutboxEntry>, StoreError> {
        idb::decode(self.get_text(OUTBOX, id).await?)
    }

    pub async fn list_outbox(&self) -> Result<Vec<OutboxEntry>, StoreError> {
        Ok(idb::decode_all(self.get_all_text(OUTBOX).await?, "outbox"))
    }

    /// Up to `limit` due entries with the sealed submissions to send, most urgent first, then oldest first.
    /// `skip` holds ids already tried in this round, so one round sends each capture at most once.
    pub async fn due(
        &self,
        now_ms: f64,
        due: Due,
        skip: &[String],
        limit: usize,
    ) -> Result<Vec<(OutboxEntry, SealedSubmission)>, StoreError> {
        self.read(&[OUTBOX, CAPTURES], async |tx| {
            let all: Vec<OutboxEntry> = idb::get_all(&idb::store(tx, OUTBOX)?, "outbox").await?;
            let mut entries: Vec<OutboxEntry> = all
                .into_iter()
                .filter(|e| !e.held && !skip.contains(&e.id))
                .filter(|e| due == Due::All || e.next_attempt_at_ms <= now_ms)
                .collect();
            entries.sort_unstable_by(|a, b| {
                b.priority
                    .cmp(&a.priority)
                    .then(a.next_attempt_at_ms.total_cmp(&b.next_attempt_at_ms))
            });
            entries.truncate(limit);

            let captures = idb::store(tx, CAPTURES)?;
            let mut batch = Vec::with_capacity(entries.len());
            for entry in entries {
                match idb::get::<LocalCapture>(&captures, &entry.id).await? {
                    Some(local) => batch.push((entry, local.sealed)),
                    // Cannot happen through `submit`; leave the entry for a person rather than guess.
                    None => leptos::logging::warn!("outbox entry {} has no capture record", entry.id),
                }
            }
            Ok(batch)
        })
        .await
    }

    /// Records the outcome of one request – one delivery or a whole batch – in one transaction.
    ///
    /// Default durability: if this write is lost, the capture is simply sent again, and the SPOC
    /// answers a resend of the same id and hash with the original receipt.
    pub async fn record(&self, outcomes: &[(String, Delivery)], now_ms: f64) -> Result<(), StoreError> {
        // One request after another, up to a batch of 50 outcomes, all in this one transaction.
        self.write(&[CAPTURES, OUTBOX, SETTINGS], Durability::Default, async |tx| {
            let captures = idb::store(tx, CAPTURES)?;
            let outbox = idb::store(tx, OUTBOX)?;
            let mut settled = false;
            for (id, delivery) in outcomes {
                let state = match delivery {
                    Delivery::Accepted(receipt) => CaptureState::Synced {
                        receipt: receipt.clone(),
                    },
                    Delivery::Conflict(error) => CaptureState::Conflict { error: error.clone() },
                    Delivery::Refused { status, error } => CaptureState::Refused {
                        status: *status,
                        error: error.clone(),
                    },
                    Delivery::Deferred { error, retry_at_ms } => {
                        if let Some(mut entry) = idb::get::<OutboxEntry>(&outbox, id).await? {
                            entry.attempts += 1;
                            entry.next_attempt_at_ms = *retry_at_ms;
                            entry.last_error = Some(error.clone());
                            idb::put(&outbox, id, &entry).await?;
                        }
                        continue;
                    }
                };
                settled = true;
                if let Some(mut local) = idb::get::<LocalCapture>(&captures, id).await? {
                    local.state = state.clone();
                    local.updated_at_ms = now_ms;
                    idb::put(&captures, id, &local).await?;
                }
                if let CaptureState::Synced { .. } = state {
                    // The receipt is the only thing that ever removes an outbox entry.
                    idb::delete(&outbox, id).await?;
                } else if let Some(mut entry) = idb::get::<OutboxEntry>(&outbox, id).await? {
                    entry.held = true;
                    entry.last_error = Some(reason(&state));
                    idb::put(&outbox, id, &entry).await?;
                }
            }
            if settled {
                // A whole number, like every time in a record (`clock::whole_ms`).
                idb::put(
                    &idb::store(tx, SETTINGS)?,
                    LAST_SUCCESS_KEY,
                    &(now_ms.round() as i64),
                )
                .await?;
            }
            Ok(())
        })
        .await
    }

    /// What the SPOC answered about its work on these captures, each kept in the capture's record with
    /// the time it was heard. One transaction, so a record written meanwhile by the outbox is read
    /// and written back whole.
    pub async fn record_statuses(&self, statuses: &[CaptureStatus], now_ms: f64) -> Result<(), StoreError> {
        self.write(&[CAPTURES], Durability::Default, async |tx| {
            let captures = idb::store(tx, CAPTURES)?;
            for status in statuses {
                if let Some(mut local) = idb::get::<LocalCapture>(&captures, &status.id).await? {
                    local.spoc_status = Some(status.clone());
                    local.status_seen_ms = now_ms;
                    idb::put(&captures, &status.id, &local).await?;
                }
            }
            Ok(())
        })
        .await
    }

    /// The SPOC has the capture: store its receipt and remove the outbox entry, together.
    pub async fn mark_synced(&self, id: &str, receipt: Receipt) -> Result<(), StoreError> {
        self.record(
            &[(id.to_string(), Delivery::Accepted(receipt))],
            js_sys::Date::now(),
        )
        .await
    }

    /// The SPOC refused the capture: keep it, say why, and stop sending it.
    pub async fn mark_refused(&self, id: &str, status: u16, error: ErrorDetail) -> Result<(), StoreError> {
        self.record(
            &[(id.to_string(), Delivery::Refused { status, error })],
            js_sys::Date::now(),
        )
        .await
    }

    /// The SPOC holds a different capture under this id: keep it and stop sending it.
    pub async fn mark_conflict(&self, id: &str, error: ErrorDetail) -> Result<(), StoreError> {
        self.record(
            &[(id.to_string(), Delivery::Conflict(error))],
            js_sys::Date::now(),
        )
        .await
    }

    /// A person asks for a refused or conflicting capture to be sent again (after the desk was fixed,
    /// say): it goes back to the queue, due now.
    pub async fn release(&self, id: &str) -> Result<(), StoreError> {
        let now = js_sys::Date::now();
        self.write(&[CAPTURES, OUTBOX], Durability::Default, async |tx| {
            let captures = idb::store(tx, CAPTURES)?;
            let outbox = idb::store(tx, OUTBOX)?;
            let Some(mut local) = idb::get::<LocalCapture>(&captures, id).await? else {
                return Ok(());
            };
            if !local.state.needs_attention() {
                return Ok(());
            }
            local.state = CaptureState::Queued;
            local.updated_at_ms = now;
            idb::put(&captures, id, &local).await?;
            let mut entry = idb::get::<OutboxEntry>(&outbox, id)
                .await?
                .unwrap_or_else(|| OutboxEntry::new(&local.stub, now));
            entry.held = false;
            entry.attempts = 0;
            entry.next_attempt_at_ms = now;
            idb::put(&outbox, id, &entry).await
        })
        .await
    }

    /// What the sync indicator shows: how many wait, what was refused, when the SPOC last answered.
    pub async fn summary(&self) -> Result<OutboxSummary, StoreError> {
        self.read(&[OUTBOX, CAPTURES, SETTINGS], async |tx| {
            let entries: Vec<OutboxEntry> = idb::get_all(&idb::store(tx, OUTBOX)?, "outbox").await?;
            let waiting: Vec<&OutboxEntry> = entries.iter().filter(|e| !e.held).collect();
            let next_due_ms = waiting.iter().map(|e| e.next_attempt_at_ms).reduce(f64::min);

            let captures = idb::store(tx, CAPTURES)?;
            let mut refused = Vec::new();
            for entry in entries.iter().filter(|e| e.held) {
                let local = idb::get::<LocalCapture>(&captures, &entry.id).await?;
                let (label, reason, conflict) = match &local {
                    Some(local) => (
                        local.stub.journal_number.clone(),
                        reason(&local.state),
                        matches!(local.state, CaptureState::Conflict { .. }),
                    ),
                    None => (
                        entry.id.clone(),
                        entry.last_error.clone().unwrap_or_default(),
                        false,
                    ),
                };
                refused.push(RefusedCapture {
                    id: entry.id.clone(),
                    label,
                    reason,
                    conflict,
                });
            }
            let last_success_ms = idb::get::<f64>(&idb::store(tx, SETTINGS)?, LAST_SUCCESS_KEY).await?;
            Ok(OutboxSummary {
                waiting: waiting.len(),
                last_success_ms,
                refused,
                next_due_ms,
            })
        })
        .await
    }
}

/// The SPOC's own words, with the field it names.
fn reason(state: &CaptureState) -> String {
    match state {
        CaptureState::Refused { error, .. } | CaptureState::Conflict { error } => match &error.field {
            Some(field) => format!("{} ({field})", error.message),
            None => error.message.clone(),
        },
        CaptureState::Queued | CaptureState::Synced { .. } => String::new(),
    }
}
