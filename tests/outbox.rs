//! The outbox: what each answer of the SPOC does to a queued capture, how long the loop waits after a
//! failure, and whole delivery rounds against a fake desk (no server needed).
#![cfg(target_arch = "wasm32")]

mod support;

use std::cell::{Cell, RefCell};

use spoc_core::api::{
    BatchItemResult, BatchRequest, BatchResponse, ErrorBody, ErrorDetail, Receipt, Submission,
};
use spoc_core::sealed::SealedSubmission;
use spoc_field::api::{FetchError, HttpReply, BATCH_PATH, CAPTURES_PATH};
use spoc_field::store::Due;
use spoc_field::store::{CaptureState, Store};
use spoc_field::sync::backoff::{
    full_jitter_ms, retry_after_ms, Backoff, Queued, BACKOFF_CAP_MS, QUEUED_CAP_MS, RETRY_AFTER_MAX_MS,
    URGENT_CAP_MS,
};
use spoc_field::sync::settle::{settle, Settled};
use spoc_field::sync::{Drain, Stop, Transport};
use support::{db_name, open_store, submission, submit, urgent_submission};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

// ---- the decision table -------------------------------------------------------------------------

fn receipt(id: &str, sha256: &str) -> Receipt {
    Receipt {
        id: id.into(),
        server_seq: 7,
        received_at: "2026-11-22T13:05:00Z".into(),
        sha256: sha256.into(),
    }
}

fn detail(code: &str) -> ErrorDetail {
    ErrorDetail {
        code: code.into(),
        message: format!("{code} message"),
        field: None,
    }
}

#[wasm_bindgen_test]
fn each_status_settles_a_capture_as_design_md_says() {
    let ok = Some(receipt("id-1", "h"));
    assert_eq!(
        settle("id-1", "h", 201, ok.clone(), None),
        Settled::Accepted(receipt("id-1", "h"))
    );
    assert_eq!(
        settle("id-1", "h", 200, ok, None),
        Settled::Accepted(receipt("id-1", "h"))
    );
    assert_eq!(
        settle("id-1", "h", 409, None, Some(detail("conflict"))),
        Settled::Conflict(detail("conflict"))
    );
    for status in [400, 413, 415, 422] {
        assert_eq!(
            settle("id-1", "h", status, None, Some(detail("invalid_field"))),
            Settled::Refused {
                status,
                error: detail("invalid_field")
            },
            "{status}"
        );
    }
    for status in [401, 403] {
        assert_eq!(
            settle("id-1", "h", status, None, None),
            Settled::SignIn,
            "{status}"
        );
    }
    for status in [408, 429, 500, 502, 503, 504] {
        assert!(
            matches!(settle("id-1", "h", status, None, None), Settled::Retry(_)),
            "{status}"
        );
    }
}

#[wasm_bindgen_test]
fn a_success_without_a_receipt_for_this_capture_is_not_believed() {
    // A captive portal's "200 OK" page: no receipt, so the capture stays queued.
    assert!(matches!(settle("id-1", "h", 200, None, None), Settled::Retry(_)));
    // A receipt for other content under this id: a person must look, it is not "synced".
    assert!(matches!(
        settle("id-1", "h", 200, Some(receipt("id-1", "other")), None),
        Settled::Conflict(e) if e.code == "receipt_mismatch"
    ));
    assert!(matches!(
        settle("id-1", "h", 201, Some(receipt("id-2", "h")), None),
        Settled::Conflict(_)
    ));
}

#[wasm_bindgen_test]
fn an_error_without_a_readable_body_still_names_the_status() {
    match settle("id-1", "h", 422, None, None) {
        Settled::Refused { status: 422, error } => assert_eq!(error.code, "http_422"),
        other => panic!("{other:?}"),
    }
}

// ---- backoff ------------------------------------------------------------------------------------

#[wasm_bindgen_test]
fn full_jitter_stays_under_a_ceiling_that_grows_to_the_cap() {
    let mut previous_ceiling = 0.0;
    for attempt in 0..20 {
        let ceiling = full_jitter_ms(attempt, 0.999_999);
        assert!(ceiling >= previous_ceiling, "grows with attempts");
        assert!(ceiling <= BACKOFF_CAP_MS, "never above the cap");
        for r in [0.0, 0.25, 0.5, 0.75, 0.999] {
            let wait = full_jitter_ms(attempt, r);
            assert!((0.0..=ceiling).contains(&wait));
        }
        previous_ceiling = ceiling;
    }
    assert_eq!(full_jitter_ms(0, 0.999_999).round(), 1_000.0);
    assert_eq!(full_jitter_ms(3, 0.999_999).round(), 8_000.0);
    assert_eq!(full_jitter_ms(19, 0.999_999).round(), BACKOFF_CAP_MS);
}

#[wasm_bindgen_test]
fn the_loop_counts_failures_in_a_row_and_honours_retry_after() {
    let mut backoff = Backoff::default();
    assert!(backoff.fail(0.999_999, None, Queued::Captures) <= 1_000.0);
    assert!(backoff.fail(0.999_999, None, Queued::Captures) <= 2_000.0);
    assert_eq!(backoff.failures(), 2);
    // The server's "not before" wins over a shorter jittered wait.
    assert_eq!(backoff.fail(0.0, Some(120_000.0), Queued::Captures), 120_000.0);
    // However long the outage, a queued capture is retried within its ceiling.
    for _ in 0..30 {
        backoff.fail(0.5, None, Queued::Captures);
    }
    assert!(backoff.fail(0.999_999, None, Queued::Captures) <= QUEUED_CAP_MS);
    assert!(backoff.fail(0.999_999, None, Queued::Urgent) <= URGENT_CAP_MS);
    backoff.reset();
    assert_eq!(backoff.failures(), 0);

    assert_eq!(retry_after_ms("120", 0.0), Some(120_000.0));
    assert_eq!(retry_after_ms(" 0 ", 0.0), Some(0.0));
    let now = js_sys::Date::parse("Sun, 22 Nov 2026 13:00:00 GMT");
    assert_eq!(
        retry_after_ms("Sun, 22 Nov 2026 13:01:30 GMT", now),
        Some(90_000.0)
    );
    assert_eq!(retry_after_ms("999999", 0.0), Some(RETRY_AFTER_MAX_MS));
    assert_eq!(retry_after_ms("soon", 0.0), None);
}

// ---- delivery rounds against a fake desk ---------------------------------------------------------

/// A fixed answer to whole requests, by path; `None` lets the desk judge each capture.
type RequestAnswer = Box<dyn Fn(&str) -> Option<Result<HttpReply, FetchError>>>;

/// Answers like the desk: per capture, the status `status_of` picks; 201/200 with a receipt, errors
/// with an error body. `request_status` overrides the answer to whole requests (e.g. 413 for batches).
struct FakeDesk {
    requests: RefCell<Vec<(String, usize)>>,
    /// The capture ids of each request, in order.
    sent_ids: RefCell<Vec<Vec<String>>>,
    next_seq: Cell<i64>,
    status_of: Box<dyn Fn(&SealedSubmission) -> u16>,
    request_answer: RequestAnswer,
}

impl FakeDesk {
    fn new(status_of: impl Fn(&SealedSubmission) -> u16 + 'static) -> FakeDesk {
        FakeDesk {
            requests: RefCell::new(Vec::new()),
            sent_ids: RefCell::new(Vec::new()),
            next_seq: Cell::new(1),
            status_of: Box::new(status_of),
            request_answer: Box::new(|_| None),
        }
    }

    fn accepting() -> FakeDesk {
        FakeDesk::new(|_| 201)
    }

    /// Every request gets this answer, whatever it carries.
    fn answering(answer: impl Fn(&str) -> Option<Result<HttpReply, FetchError>> + 'static) -> FakeDesk {
        FakeDesk {
            request_answer: Box::new(answer),
            ..FakeDesk::accepting()
        }
    }

    fn paths(&self) -> Vec<String> {
        self.requests.borrow().iter().map(|(p, _)| p.clone()).collect()
    }

    fn judge(&self, s: &SealedSubmission) -> (u16, Option<Receipt>, Option<ErrorDetail>) {
        let status = (self.status_of)(s);
        match status {
            200 | 201 => {
                let seq = self.next_seq.replace(self.next_seq.get() + 1);
                let r = Receipt {
                    server_seq: seq,
                    ..receipt(&s.id, &s.sha256)
                };
                (status, Some(r), None)
            }
            _ => (status, None, Some(detail(&format!("status_{status}")))),
        }
    }
}

fn reply(status: u16, body: String) -> HttpReply {
    HttpReply {
        status,
        retry_after: None,
        etag: None,
        body,
    }
}

impl Transport for FakeDesk {
    async fn post(&self, path: &str, body: String) -> Result<HttpReply, FetchError> {
        let submissions: Vec<SealedSubmission> = if path == BATCH_PATH {
            let batch: BatchRequest = serde_json::from_str(&body).unwrap();
            batch
                .submissions
                .into_iter()
                .map(|v| serde_json::from_value(v).unwrap())
                .collect()
        } else {
            assert_eq!(path, CAPTURES_PATH);
            vec![serde_json::from_str(&body).unwrap()]
        };
        self.requests
            .borrow_mut()
            .push((path.to_string(), submissions.len()));
        self.sent_ids
            .borrow_mut()
            .push(submissions.iter().map(|s| s.id.clone()).collect());
        if let Some(answer) = (self.request_answer)(path) {
            return answer;
        }
        if path == BATCH_PATH {
            let results = submissions
                .iter()
                .map(|s| {
                    let (status, receipt, error) = self.judge(s);
                    BatchItemResult {
                        id: Some(s.id.clone()),
                        status,
                        receipt,
                        error,
                    }
                })
                .collect();
            Ok(reply(
                200,
                serde_json::to_string(&BatchResponse { results }).unwrap(),
            ))
        } else {
            let (status, receipt, error) = self.judge(&submissions[0]);
            let body = match (receipt, error) {
                (Some(r), _) => serde_json::to_string(&r).unwrap(),
                (None, Some(error)) => serde_json::to_string(&ErrorBody { error }).unwrap(),
                (None, None) => String::new(),
            };
            Ok(reply(status, body))
        }
    }
}

async fn queued(store: &Store, n: usize) -> Vec<Submission> {
    let mut all = Vec::with_capacity(n);
    for _ in 0..n {
        let s = submission();
        submit(store, &s.capture.id, &s).await.unwrap();
        all.push(s);
    }
    all
}

async fn round(store: &Store, desk: &FakeDesk) -> Stop {
    Drain::new(store, desk, Due::All)
        .run(&mut Backoff::default())
        .await
        .unwrap()
}

async fn states(store: &Store, queued: &[Submission]) -> Vec<&'static str> {
    let mut states = Vec::new();
    for s in queued {
        states.push(
            store
                .get_capture(&s.capture.id)
                .await
                .unwrap()
                .unwrap()
                .state
                .code(),
        );
    }
    states
}

#[wasm_bindgen_test]
async fn a_long_queue_drains_in_batches_of_fifty() {
    let store = open_store(&db_name("drain")).await;
    let queue = queued(&store, 120).await;
    let desk = FakeDesk::accepting();

    assert_eq!(round(&store, &desk).await, Stop::Drained);

    let sizes: Vec<usize> = desk.requests.borrow().iter().map(|(_, n)| *n).collect();
    assert_eq!(sizes, [50, 50, 20]);
    assert!(desk.paths().iter().all(|p| p == BATCH_PATH));
    assert!(store.list_outbox().await.unwrap().is_empty());
    assert!(states(&store, &queue).await.iter().all(|s| *s == "synced"));
    let summary = store.summary().await.unwrap();
    assert_eq!(summary.waiting, 0);
    assert!(summary.last_success_ms.is_some());
}

#[wasm_bindgen_test]
async fn a_threat_to_life_is_sent_alone_before_older_queued_captures() {
    let store = open_store(&db_name("emergency-first")).await;
    let older = queued(&store, 3).await;
    let urgent = urgent_submission();
    submit(&store, &urgent.capture.id, &urgent).await.unwrap();
    let desk = FakeDesk::accepting();

    assert_eq!(round(&store, &desk).await, Stop::Drained);

    assert_eq!(desk.paths(), [CAPTURES_PATH, BATCH_PATH]);
    let sent = desk.sent_ids.borrow().clone();
    assert_eq!(sent[0], std::slice::from_ref(&urgent.capture.id));
    let mut rest = sent[1].clone();
    rest.sort();
    let mut expected: Vec<String> = older.iter().map(|s| s.capture.id.clone()).collect();
    expected.sort();
    assert_eq!(rest, expected);
    assert!(store.list_outbox().await.unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn a_single_due_capture_goes_to_the_single_endpoint_with_its_receipt_kept() {
    let store = open_store(&db_name("single")).await;
    let queue = queued(&store, 1).await;
    let desk = FakeDesk::accepting();

    assert_eq!(round(&store, &desk).await, Stop::Drained);

    assert_eq!(desk.paths(), [CAPTURES_PATH]);
    match store
        .get_capture(&queue[0].capture.id)
        .await
        .unwrap()
        .unwrap()
        .state
    {
        CaptureState::Synced { receipt } => {
            assert_eq!(
                (receipt.id, receipt.sha256),
                (queue[0].capture.id.clone(), queue[0].sha256.clone())
            )
        }
        other => panic!("{other:?}"),
    }
}

#[wasm_bindgen_test]
async fn each_capture_in_a_batch_gets_its_own_fate_and_nothing_is_dropped() {
    let store = open_store(&db_name("mixed")).await;
    let queue = queued(&store, 4).await;
    let statuses: Vec<(String, u16)> = queue
        .iter()
        .map(|s| s.capture.id.clone())
        .zip([201, 409, 422, 503])
        .collect();
    let desk = FakeDesk::new(move |s| statuses.iter().find(|(id, _)| *id == s.id).unwrap().1);

    // One request: the capture that failed transiently is not tried again in the same round.
    assert_eq!(round(&store, &desk).await, Stop::Drained);
    assert_eq!(desk.paths(), [BATCH_PATH]);

    assert_eq!(
        states(&store, &queue).await,
        ["synced", "conflict", "refused", "queued"]
    );
    let outbox = store.list_outbox().await.unwrap();
    assert_eq!(outbox.len(), 3, "only the receipt removes an outbox entry");
    let entry = |s: &Submission| outbox.iter().find(|e| e.id == s.capture.id).unwrap().clone();
    assert!(entry(&queue[1]).held && entry(&queue[2]).held);
    let retried = entry(&queue[3]);
    assert_eq!((retried.held, retried.attempts), (false, 1));
    assert!(retried.last_error.is_some());
    let summary = store.summary().await.unwrap();
    assert_eq!(summary.waiting, 1);
    assert_eq!(summary.refused.len(), 2);
}

#[wasm_bindgen_test]
async fn without_a_connection_everything_is_kept_and_the_loop_backs_off() {
    let store = open_store(&db_name("offline")).await;
    let queue = queued(&store, 3).await;
    let desk = FakeDesk::answering(|_| Some(Err(FetchError::Network("Failed to fetch".into()))));

    let mut backoff = Backoff::default();
    let stop = Drain::new(&store, &desk, Due::All)
        .run(&mut backoff)
        .await
        .unwrap();

    assert!(matches!(stop, Stop::Backoff { retry_in_ms } if retry_in_ms <= 1_000.0));
    assert_eq!(desk.paths().len(), 1, "one failed request ends the round");
    assert_eq!(backoff.failures(), 1);
    assert_eq!(states(&store, &queue).await, ["queued"; 3]);
    let outbox = store.list_outbox().await.unwrap();
    assert_eq!(outbox.len(), 3);
    assert!(outbox
        .iter()
        .all(|e| e.attempts == 1 && !e.held && e.last_error.is_some()));

    // The next failure waits longer (up to twice as long).
    let stop = Drain::new(&store, &desk, Due::All)
        .run(&mut backoff)
        .await
        .unwrap();
    assert!(matches!(stop, Stop::Backoff { retry_in_ms } if retry_in_ms <= 2_000.0));
    assert_eq!(backoff.failures(), 2);
}

#[wasm_bindgen_test]
async fn after_a_long_outage_the_next_try_is_still_within_the_recovery_bound() {
    let store = open_store(&db_name("long-outage")).await;
    queued(&store, 2).await;
    let down = FakeDesk::answering(|_| Some(Err(FetchError::Network("Failed to fetch".into()))));
    let mut backoff = Backoff::default();
    for _ in 0..40 {
        let stop = Drain::new(&store, &down, Due::All)
            .run(&mut backoff)
            .await
            .unwrap();
        assert!(
            matches!(stop, Stop::Backoff { retry_in_ms } if retry_in_ms <= QUEUED_CAP_MS),
            "{stop:?}"
        );
    }
    let deadline = js_sys::Date::now() + QUEUED_CAP_MS;
    assert!(store
        .list_outbox()
        .await
        .unwrap()
        .iter()
        .all(|e| e.next_attempt_at_ms <= deadline));

    // A threat to life joins the queue: from then on the ceiling is the urgent one.
    let urgent = urgent_submission();
    submit(&store, &urgent.capture.id, &urgent).await.unwrap();
    for _ in 0..10 {
        let stop = Drain::new(&store, &down, Due::All)
            .run(&mut backoff)
            .await
            .unwrap();
        assert!(
            matches!(stop, Stop::Backoff { retry_in_ms } if retry_in_ms <= URGENT_CAP_MS),
            "{stop:?}"
        );
    }
    let entry = store.get_outbox_entry(&urgent.capture.id).await.unwrap().unwrap();
    assert!(entry.next_attempt_at_ms <= js_sys::Date::now() + URGENT_CAP_MS);
}

#[wasm_bindgen_test]
async fn a_sign_in_answer_stops_the_round_and_leaves_the_queue_untouched() {
    let store = open_store(&db_name("signin")).await;
    let queue = queued(&store, 2).await;
    let desk = FakeDesk::answering(|_| Some(Ok(reply(401, String::new()))));

    assert_eq!(round(&store, &desk).await, Stop::NeedsSignIn);

    assert_eq!(states(&store, &queue).await, ["queued"; 2]);
    let outbox = store.list_outbox().await.unwrap();
    assert!(outbox.iter().all(|e| e.attempts == 0 && !e.held));
}

#[wasm_bindgen_test]
async fn a_captive_portal_page_is_not_a_receipt() {
    let store = open_store(&db_name("portal")).await;
    let queue = queued(&store, 1).await;
    let desk = FakeDesk::answering(|_| Some(Ok(reply(200, "<html>Log in to Free WiFi</html>".into()))));

    assert!(matches!(round(&store, &desk).await, Stop::Backoff { .. }));

    assert_eq!(states(&store, &queue).await, ["queued"]);
    assert_eq!(store.list_outbox().await.unwrap().len(), 1);
}

#[wasm_bindgen_test]
async fn retry_after_on_429_is_honoured() {
    let store = open_store(&db_name("429")).await;
    queued(&store, 1).await;
    let desk = FakeDesk::answering(|_| {
        Some(Ok(HttpReply {
            retry_after: Some("120".into()),
            ..reply(429, String::new())
        }))
    });

    let stop = round(&store, &desk).await;

    assert!(
        matches!(stop, Stop::Backoff { retry_in_ms } if retry_in_ms >= 120_000.0),
        "{stop:?}"
    );
    let entry = &store.list_outbox().await.unwrap()[0];
    assert!(entry.next_attempt_at_ms >= js_sys::Date::now() + 110_000.0);
}

#[wasm_bindgen_test]
async fn a_batch_too_large_for_the_desk_is_sent_one_by_one() {
    let store = open_store(&db_name("413")).await;
    let queue = queued(&store, 3).await;
    let desk = FakeDesk::answering(|path| (path == BATCH_PATH).then(|| Ok(reply(413, String::new()))));

    assert_eq!(round(&store, &desk).await, Stop::Drained);

    assert_eq!(
        desk.paths(),
        [BATCH_PATH, CAPTURES_PATH, CAPTURES_PATH, CAPTURES_PATH]
    );
    assert_eq!(states(&store, &queue).await, ["synced"; 3]);
}

#[wasm_bindgen_test]
async fn the_backoff_timer_waits_for_the_schedule_but_other_triggers_do_not() {
    let store = open_store(&db_name("schedule")).await;
    queued(&store, 1).await;
    let offline = FakeDesk::answering(|_| {
        Some(Ok(HttpReply {
            retry_after: Some("600".into()),
            ..reply(503, String::new())
        }))
    });
    assert!(matches!(round(&store, &offline).await, Stop::Backoff { .. }));

    let desk = FakeDesk::accepting();
    let mut backoff = Backoff::default();
    let timer = Drain::new(&store, &desk, Due::Scheduled)
        .run(&mut backoff)
        .await
        .unwrap();
    assert_eq!(
        (timer, desk.paths().len()),
        (Stop::Drained, 0),
        "not due for ten minutes"
    );

    // Back online (or a new submit): try now, whatever the schedule says.
    assert_eq!(round(&store, &desk).await, Stop::Drained);
    assert_eq!(desk.paths().len(), 1);
    assert!(store.list_outbox().await.unwrap().is_empty());
}

// ---- the loop -----------------------------------------------------------------------------------

/// Polls `done` every 20 ms for up to 10 s.
async fn eventually(what: &str, done: impl Fn() -> bool) {
    for _ in 0..500 {
        if done() {
            return;
        }
        gloo_timers::future::TimeoutFuture::new(20).await;
    }
    panic!("timed out waiting until {what}");
}

#[wasm_bindgen_test]
async fn the_loop_delivers_on_a_kick_and_reports_it_in_the_status() {
    use leptos::prelude::*;
    let owner = Owner::new();
    owner.set();
    let store = open_store(&db_name("loop")).await;
    let sync = spoc_field::sync::start_with(store.clone(), FakeDesk::accepting());

    let queue = queued(&store, 3).await;
    sync.kick();

    eventually("the queue is empty", || {
        let s = sync.status.get_untracked();
        s.waiting == 0 && s.last_success_ms.is_some() && !s.syncing
    })
    .await;
    assert_eq!(states(&store, &queue).await, ["synced"; 3]);
    let status = sync.status.get_untracked();
    assert!(status.refused.is_empty() && !status.needs_sign_in);
}

#[wasm_bindgen_test]
async fn the_loop_asks_for_a_sign_in_and_keeps_the_queue() {
    use leptos::prelude::*;
    let owner = Owner::new();
    owner.set();
    let store = open_store(&db_name("loop-signin")).await;
    queued(&store, 2).await;

    let sync = spoc_field::sync::start_with(
        store.clone(),
        FakeDesk::answering(|_| Some(Ok(reply(403, String::new())))),
    );

    eventually("sign-in is asked for", || {
        sync.status.get_untracked().needs_sign_in
    })
    .await;
    assert_eq!(sync.status.get_untracked().waiting, 2);
    assert_eq!(store.list_outbox().await.unwrap().len(), 2);
}
