//! One round of delivery: send what is due, a request at a time, and record each answer.
//!
//! Nothing here runs inside an IndexedDB transaction while a request is in flight (see
//! `store::outbox`): read the due entries, close; send; record the answer, close.

use serde::Serialize;
use spoc_core::api::{BatchResponse, Receipt};
use spoc_core::sealed::SealedSubmission;

use super::backoff::{self, Backoff, Queued};
use super::settle::{settle, Settled};
use super::signer::{DeviceSigner, Signed};
use super::transport::Transport;
use crate::api::{self, HttpReply, BATCH_PATH, CAPTURES_PATH};
use crate::store::{priority, Delivery, Due, OutboxEntry, Store, StoreError};
use spoc_core::sync_policy::{verdict, Verdict};
use spoc_core::UrgencyLevel;

/// Captures per batch request. Well under the desk's `MAX_BATCH`, and small enough that a batch of
/// large captures still fits a request body.
pub const BATCH_SIZE: usize = 50;

/// Why a round ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Stop {
    /// Nothing is due any more.
    Drained,
    /// 401/403: the queue waits for the officer to sign in.
    NeedsSignIn,
    /// No answer, or a transient one: wait this long, then try again.
    Backoff { retry_in_ms: f64 },
}

/// What the SPOC said to one request, for every capture in it.
enum Answer {
    PerCapture(Vec<(String, Delivery)>),
    SignIn,
    Transient {
        error: String,
        retry_after_ms: Option<f64>,
    },
    /// The batch form was refused as a whole (too large, not supported): send one by one.
    SendSingly,
}

pub struct Drain<'a, T> {
    store: &'a Store,
    transport: &'a T,
    due: Due,
    /// Ids sent in this round (a handful; a list is smaller in the bundle than a hash set).
    tried: Vec<String>,
    batch_limit: usize,
    signer: Option<&'a DeviceSigner>,
    /// Captures the SPOC confirmed in this round.
    pub accepted: usize,
    /// Whether the SPOC answered anything about a capture in this round (so sign-in is not needed).
    pub answered: bool,
}

impl<'a, T: Transport> Drain<'a, T> {
    pub fn new(store: &'a Store, transport: &'a T, due: Due) -> Self {
        Drain {
            store,
            transport,
            due,
            tried: Vec::new(),
            batch_limit: BATCH_SIZE,
            signer: None,
            accepted: 0,
            answered: false,
        }
    }

    /// Signs every submission with this device's key as it is sent.
    pub fn signed_by(mut self, signer: Option<&'a DeviceSigner>) -> Self {
        self.signer = signer;
        self
    }

    /// Signs copies of `submissions` (the stored ones stay as they were hashed and queued); an `Err`
    /// is the answer to give for the whole request.
    async fn signed(&self, submissions: Vec<SealedSubmission>) -> Result<Vec<SealedSubmission>, Answer> {
        let Some(signer) = self.signer else {
            return Ok(submissions);
        };
        let mut submissions = submissions;
        match signer.sign(&mut submissions).await {
            Signed::Done => Ok(submissions),
            Signed::Refused(reply) if matches!(reply.status, 401 | 403) => Err(Answer::SignIn),
            Signed::Refused(reply) => Err(transient(
                api::error_detail(reply.status, &reply.body).message,
                retry_after(&reply),
            )),
            Signed::Failed(error) => Err(transient(error, None)),
        }
    }

    /// Sends until something stops the round.
    pub async fn run(&mut self, backoff: &mut Backoff) -> Result<Stop, StoreError> {
        loop {
            if let Some(stop) = self.step(backoff).await? {
                return Ok(stop);
            }
        }
    }

    /// Sends one request's worth of due entries and records the answer. `None`: more may be due, go
    /// on at once – a successful request is itself the best sign that the next one will get through.
    pub async fn step(&mut self, backoff: &mut Backoff) -> Result<Option<Stop>, StoreError> {
        let mut batch = self
            .store
            .due(now(), self.due, &self.tried, self.batch_limit)
            .await?;
        let Some(top) = batch.first().map(|(entry, _)| entry.priority) else {
            return Ok(Some(Stop::Drained));
        };
        // A threat to life travels in a request of its own: the smallest, fastest request there is,
        // answered before any routine capture is even sent.
        if top == priority(UrgencyLevel::Critical) {
            batch.retain(|(entry, _)| entry.priority == top);
        }
        self.tried.extend(batch.iter().map(|(entry, _)| entry.id.clone()));

        let answer = if batch.len() == 1 {
            self.send_one(&batch[0].0, &batch[0].1).await
        } else {
            self.send_batch(&batch).await
        };
        match answer {
            Answer::PerCapture(outcomes) => {
                backoff.reset();
                self.answered = true;
                self.accepted += outcomes
                    .iter()
                    .filter(|(_, d)| matches!(d, Delivery::Accepted(_)))
                    .count();
                self.store.record(&outcomes, now()).await?;
                Ok(None)
            }
            Answer::SignIn => Ok(Some(Stop::NeedsSignIn)),
            Answer::Transient {
                error,
                retry_after_ms,
            } => {
                // The batch is the most urgent of what is due: a threat to life goes first, alone.
                let queued = if top == priority(UrgencyLevel::Critical) {
                    Queued::Urgent
                } else {
                    Queued::Captures
                };
                let retry_in_ms = backoff.fail(random(), retry_after_ms, queued);
                let retry_at_ms = now() + retry_in_ms;
                let deferred: Vec<_> = batch
                    .iter()
                    .map(|(entry, _)| {
                        let error = error.clone();
                        (entry.id.clone(), Delivery::Deferred { error, retry_at_ms })
                    })
                    .collect();
                self.store.record(&deferred, now()).await?;
                Ok(Some(Stop::Backoff { retry_in_ms }))
            }
            Answer::SendSingly => {
                self.batch_limit = 1;
                for (entry, _) in &batch {
                    self.tried.retain(|id| id != &entry.id);
                }
                Ok(None)
            }
        }
    }

    async fn send_one(&self, entry: &OutboxEntry, submission: &SealedSubmission) -> Answer {
        let submission = match self.signed(vec![submission.clone()]).await {
            Ok(mut signed) => signed.remove(0),
            Err(answer) => return answer,
        };
        let body = match serde_json::to_string(&submission) {
            Ok(body) => body,
            Err(e) => return transient(e.to_string(), None),
        };
        let reply = match self.transport.post(CAPTURES_PATH, body).await {
            Ok(reply) => reply,
            Err(e) => return transient(e.to_string(), None),
        };
        let (receipt, error) = match verdict(reply.status) {
            Verdict::Delivered => (spoc_core::json::from_str::<Receipt>(&reply.body).ok(), None),
            _ => (None, Some(api::error_detail(reply.status, &reply.body))),
        };
        match settle(&entry.id, &entry.sha256, reply.status, receipt, error) {
            Settled::SignIn => Answer::SignIn,
            // One capture alone failed transiently: that is the connection or the desk, not the
            // capture, so the whole loop backs off.
            Settled::Retry(error) => transient(error, retry_after(&reply)),
            settled => Answer::PerCapture(vec![(entry.id.clone(), delivery(entry, settled))]),
        }
    }

    async fn send_batch(&self, batch: &[(OutboxEntry, SealedSubmission)]) -> Answer {
        let signed = match self.signed(batch.iter().map(|(_, s)| s.clone()).collect()).await {
            Ok(signed) => signed,
            Err(answer) => return answer,
        };
        let body = match serde_json::to_string(&BatchBody { submissions: &signed }) {
            Ok(body) => body,
            Err(e) => return transient(e.to_string(), None),
        };
        let reply = match self.transport.post(BATCH_PATH, body).await {
            Ok(reply) => reply,
            Err(e) => return transient(e.to_string(), None),
        };
        match reply.status {
            200 | 201 => {}
            401 | 403 => return Answer::SignIn,
            // Refused as a whole, or no batch endpoint: no capture was judged, so none is refused.
            400 | 404 | 405 | 413 | 415 | 422 => return Answer::SendSingly,
            status => {
                return transient(
                    api::error_detail(status, &reply.body).message,
                    retry_after(&reply),
                )
            }
        }
        let results = match spoc_core::json::from_str::<BatchResponse>(&reply.body) {
            Ok(response) if response.results.len() == batch.len() => response.results,
            _ => return transient("the SPOC's batch answer could not be read".into(), None),
        };
        let outcomes = batch
            .iter()
            .zip(results)
            .map(|((entry, _), result)| {
                let settled = match result.id.as_deref() {
                    Some(id) if id != entry.id => Settled::Retry(format!("batch answer out of order ({id})")),
                    _ => settle(
                        &entry.id,
                        &entry.sha256,
                        result.status,
                        result.receipt,
                        result.error,
                    ),
                };
                (entry.id.clone(), delivery(entry, settled))
            })
            .collect();
        Answer::PerCapture(outcomes)
    }
}

/// One capture's outcome within an answered request. A transient failure of one capture in a batch
/// that otherwise went through is that capture's own backoff, not the loop's.
fn delivery(entry: &OutboxEntry, settled: Settled) -> Delivery {
    let queued = if entry.priority == priority(UrgencyLevel::Critical) {
        Queued::Urgent
    } else {
        Queued::Captures
    };
    let retry_at_ms = || now() + backoff::retry_wait_ms(entry.attempts, queued, random());
    match settled {
        Settled::Accepted(receipt) => Delivery::Accepted(receipt),
        Settled::Conflict(error) => Delivery::Conflict(error),
        Settled::Refused { status, error } => Delivery::Refused { status, error },
        Settled::SignIn => Delivery::Deferred {
            error: "the SPOC asked to sign in".into(),
            retry_at_ms: retry_at_ms(),
        },
        Settled::Retry(error) => Delivery::Deferred {
            error,
            retry_at_ms: retry_at_ms(),
        },
    }
}

fn transient(error: String, retry_after_ms: Option<f64>) -> Answer {
    Answer::Transient {
        error,
        retry_after_ms,
    }
}

/// `Retry-After` counts on 429 and 503 only, where it means "not before".
fn retry_after(reply: &HttpReply) -> Option<f64> {
    match reply.status {
        429 | 503 => reply
            .retry_after
            .as_deref()
            .and_then(|h| backoff::retry_after_ms(h, now())),
        _ => None,
    }
}

fn now() -> f64 {
    js_sys::Date::now()
}

fn random() -> f64 {
    js_sys::Math::random()
}

/// The body of `POST /captures/batch` (spoc-core's `BatchRequest`), written from the signed
/// submissions themselves: through `serde_json::Value`, whose writer formats floats, the bundle would
/// carry a float formatter for numbers a submission never holds.
#[derive(Serialize)]
struct BatchBody<'a, S: Serialize> {
    submissions: &'a [S],
}
