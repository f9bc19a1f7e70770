//! The device store in a real browser (IndexedDB in headless Chromium): what submit writes, that it is
//! all or nothing, that drafts survive a closed connection, and what the SPOC's answers leave behind.
#![cfg(target_arch = "wasm32")]

mod support;

use serde_json::{json, Value};
use spoc_core::api::{ErrorDetail, Receipt, Submission};
use spoc_field::store::{CaptureState, CaptureStub, Due, StoreError};
use support::{db_name, open_store, raw_put, submission, submit, submit_then_abort, urgent_submission};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn draft_for(s: &Submission) -> Value {
    json!({ "id": s.capture.id, "journal_number": s.capture.journal_number, "notes": "half written" })
}

fn receipt_for(s: &Submission, server_seq: i64) -> Receipt {
    Receipt {
        id: s.capture.id.clone(),
        server_seq,
        received_at: "2026-11-22T13:05:00Z".into(),
        sha256: s.sha256.clone(),
    }
}

fn invalid_field() -> ErrorDetail {
    ErrorDetail {
        code: "invalid_field".into(),
        message: "is required".into(),
        field: Some("capture.journal_number".into()),
    }
}

#[wasm_bindgen_test]
async fn submit_writes_the_capture_and_its_outbox_entry_and_removes_the_draft() {
    let name = db_name("submit");
    let store = open_store(&name).await;
    let s = submission();
    let id = s.capture.id.as_str();
    store.put_draft(id, &draft_for(&s)).await.unwrap();

    submit(&store, id, &s).await.unwrap();

    // Read back over a fresh connection: what `submit` reported is what is on disk.
    store.close();
    let store = open_store(&name).await;
    let local = store.get_capture(id).await.unwrap().expect("capture stored");
    // Only the envelope and the stub: the capture itself cannot be read back on the device.
    assert_eq!(local.stub, CaptureStub::of(&s));
    assert_eq!(
        (local.sealed.id.as_str(), local.sealed.sha256.as_str()),
        (id, s.sha256.as_str())
    );
    let stored = serde_json::to_string(&local).unwrap();
    assert!(!stored.contains(&s.capture.notes) && !stored.contains(&s.capture.items[0].what));
    assert_eq!(local.state, CaptureState::Queued);
    let entry = store
        .get_outbox_entry(id)
        .await
        .unwrap()
        .expect("outbox entry stored");
    assert_eq!(entry.sha256, s.sha256);
    assert_eq!((entry.attempts, entry.held), (0, false));
    assert_eq!(store.get_draft::<Value>(id).await.unwrap(), None);
    assert_eq!(store.summary().await.unwrap().waiting, 1);
}

#[wasm_bindgen_test]
async fn an_aborted_submit_leaves_nothing_behind_and_keeps_the_draft() {
    let store = open_store(&db_name("abort")).await;
    let s = submission();
    let id = s.capture.id.as_str();
    store.put_draft(id, &draft_for(&s)).await.unwrap();

    // All three writes are made, then the transaction dies before `complete` (a crash, a closed tab).
    assert_eq!(submit_then_abort(&store, id, &s).await, Err(StoreError::Aborted));

    assert_eq!(store.get_capture(id).await.unwrap(), None);
    assert_eq!(store.get_outbox_entry(id).await.unwrap(), None);
    assert_eq!(store.get_draft::<Value>(id).await.unwrap(), Some(draft_for(&s)));
    assert_eq!(store.summary().await.unwrap().waiting, 0);
}

#[wasm_bindgen_test]
async fn a_failing_write_inside_submit_rolls_back_the_writes_before_it() {
    let name = db_name("rollback");
    let store = open_store(&name).await;
    let s = submission();
    let id = s.capture.id.as_str();
    store.put_draft(id, &draft_for(&s)).await.unwrap();
    // An outbox entry already under this id makes submit's second write (the outbox `add`) fail after
    // its first (the capture) succeeded.
    let orphan = json!({"id": id, "sha256": "orphan", "priority": 0, "attempts": 0,
        "next_attempt_at_ms": 0.0, "last_error": null, "held": false});
    raw_put(&name, "outbox", id, &orphan.to_string()).await;

    assert_eq!(submit(&store, id, &s).await, Err(StoreError::AlreadySubmitted));

    assert_eq!(
        store.get_capture(id).await.unwrap(),
        None,
        "the capture write was rolled back"
    );
    assert_eq!(
        store.get_outbox_entry(id).await.unwrap().unwrap().sha256,
        "orphan"
    );
    assert_eq!(store.get_draft::<Value>(id).await.unwrap(), Some(draft_for(&s)));
}

#[wasm_bindgen_test]
async fn a_second_submit_of_the_same_capture_changes_nothing() {
    let store = open_store(&db_name("double")).await;
    let s = submission();
    let id = s.capture.id.as_str();
    submit(&store, id, &s).await.unwrap();
    let first = store.get_capture(id).await.unwrap().unwrap();
    store.put_draft(id, &draft_for(&s)).await.unwrap();

    assert_eq!(submit(&store, id, &s).await, Err(StoreError::AlreadySubmitted));

    assert_eq!(store.get_capture(id).await.unwrap(), Some(first));
    assert_eq!(store.get_draft::<Value>(id).await.unwrap(), Some(draft_for(&s)));
    assert_eq!(store.list_outbox().await.unwrap().len(), 1);
}

#[wasm_bindgen_test]
async fn a_draft_survives_closing_and_reopening_the_database() {
    let name = db_name("draft");
    let store = open_store(&name).await;
    let draft = json!({"id": "d-1", "notes": "æøå – written at the scene", "items": [{"what": "x"}]});
    store.put_draft("d-1", &draft).await.unwrap();
    store.close();

    let store = open_store(&name).await;
    assert_eq!(
        store.get_draft::<Value>("d-1").await.unwrap(),
        Some(draft.clone())
    );
    assert_eq!(store.list_drafts::<Value>().await.unwrap(), vec![draft]);
    store.delete_draft("d-1").await.unwrap();
    assert_eq!(store.list_drafts::<Value>().await.unwrap(), Vec::<Value>::new());
}

#[wasm_bindgen_test]
async fn mark_synced_removes_the_outbox_entry_and_keeps_the_capture_with_its_receipt() {
    let store = open_store(&db_name("synced")).await;
    let s = submission();
    let id = s.capture.id.as_str();
    submit(&store, id, &s).await.unwrap();
    assert_eq!(store.summary().await.unwrap().last_success_ms, None);

    store.mark_synced(id, receipt_for(&s, 41)).await.unwrap();

    assert_eq!(store.get_outbox_entry(id).await.unwrap(), None);
    let local = store.get_capture(id).await.unwrap().unwrap();
    assert_eq!(
        local.state,
        CaptureState::Synced {
            receipt: receipt_for(&s, 41)
        }
    );
    assert_eq!(local.stub, CaptureStub::of(&s));
    let summary = store.summary().await.unwrap();
    assert_eq!(summary.waiting, 0);
    assert!(summary.last_success_ms.is_some());
}

#[wasm_bindgen_test]
async fn a_refused_capture_is_kept_shown_and_not_sent_again_until_released() {
    let store = open_store(&db_name("refused")).await;
    let s = submission();
    let id = s.capture.id.as_str();
    submit(&store, id, &s).await.unwrap();

    store.mark_refused(id, 422, invalid_field()).await.unwrap();

    let local = store.get_capture(id).await.unwrap().unwrap();
    assert_eq!(
        local.state,
        CaptureState::Refused {
            status: 422,
            error: invalid_field()
        }
    );
    let entry = store
        .get_outbox_entry(id)
        .await
        .unwrap()
        .expect("the outbox entry is kept");
    assert!(entry.held);
    let summary = store.summary().await.unwrap();
    assert_eq!(summary.waiting, 0);
    assert_eq!(summary.refused.len(), 1);
    assert_eq!(summary.refused[0].id, id);
    assert_eq!(summary.refused[0].label, s.capture.journal_number);
    assert!(summary.refused[0].reason.contains("is required"));
    let due = store.due(f64::MAX, Due::All, &[], 50).await.unwrap();
    assert!(due.is_empty(), "a refused capture is not retried by itself");

    store.release(id).await.unwrap();
    assert_eq!(
        store.get_capture(id).await.unwrap().unwrap().state,
        CaptureState::Queued
    );
    assert_eq!(store.due(f64::MAX, Due::All, &[], 50).await.unwrap().len(), 1);
}

#[wasm_bindgen_test]
async fn a_conflict_is_kept_and_shown_as_such() {
    let store = open_store(&db_name("conflict")).await;
    let s = submission();
    let id = s.capture.id.as_str();
    submit(&store, id, &s).await.unwrap();
    let error = ErrorDetail {
        code: "conflict".into(),
        message: "a different capture has this id".into(),
        field: None,
    };

    store.mark_conflict(id, error.clone()).await.unwrap();

    assert_eq!(
        store.get_capture(id).await.unwrap().unwrap().state,
        CaptureState::Conflict { error }
    );
    let summary = store.summary().await.unwrap();
    assert!(summary.refused[0].conflict);
    assert!(store.get_outbox_entry(id).await.unwrap().unwrap().held);
}

#[wasm_bindgen_test]
async fn due_entries_come_most_urgent_first_then_oldest_first() {
    let store = open_store(&db_name("due")).await;
    let (first, second, urgent) = (submission(), submission(), urgent_submission());
    for s in [&first, &second, &urgent] {
        submit(&store, &s.capture.id, s).await.unwrap();
    }
    let due = store.due(f64::MAX, Due::All, &[], 50).await.unwrap();
    let ids: Vec<&str> = due.iter().map(|(e, _)| e.id.as_str()).collect();
    assert_eq!(ids, [&urgent.capture.id, &first.capture.id, &second.capture.id]);
    assert_eq!(
        (due[0].1.id.as_str(), due[0].1.sha256.as_str()),
        (urgent.capture.id.as_str(), urgent.sha256.as_str())
    );

    let limited = store
        .due(f64::MAX, Due::All, std::slice::from_ref(&urgent.capture.id), 1)
        .await
        .unwrap();
    assert_eq!(limited[0].0.id, first.capture.id);
}

#[wasm_bindgen_test]
async fn settings_are_json_under_a_key() {
    let name = db_name("settings");
    let store = open_store(&name).await;
    assert_eq!(store.get_setting::<Value>("officer").await.unwrap(), None);
    let officer = json!({"officer": {"name": "Søren", "badge_number": "12345"}});
    store.put_setting("officer", &officer).await.unwrap();
    store.close();
    let store = open_store(&name).await;
    assert_eq!(
        store.get_setting::<Value>("officer").await.unwrap(),
        Some(officer)
    );
}

#[wasm_bindgen_test]
async fn submit_asks_the_browser_for_strict_durability() {
    // Records the durability every transaction is opened with; the patch only observes.
    js_sys::eval(
        "if (!IDBDatabase.prototype.__spocSeen) {
           const open = IDBDatabase.prototype.transaction;
           IDBDatabase.prototype.__spocSeen = [];
           IDBDatabase.prototype.transaction = function (names, mode, options) {
             const tx = open.apply(this, arguments);
             IDBDatabase.prototype.__spocSeen.push([[].concat(names).join(','), mode, tx.durability]);
             return tx;
           };
         }
         IDBDatabase.prototype.__spocSeen.length = 0;",
    )
    .unwrap();
    let store = open_store(&db_name("durability")).await;
    let s = submission();
    submit(&store, &s.capture.id, &s).await.unwrap();

    let seen = js_sys::eval("JSON.stringify(IDBDatabase.prototype.__spocSeen)").unwrap();
    let seen: Vec<(String, String, String)> = serde_json::from_str(&seen.as_string().unwrap()).unwrap();
    assert!(
        seen.contains(&(
            "captures,outbox,drafts".into(),
            "readwrite".into(),
            "strict".into()
        )),
        "{seen:?}"
    );
}

#[wasm_bindgen_test]
async fn a_full_disk_is_reported_as_such_and_the_draft_is_kept() {
    let store = open_store(&db_name("quota")).await;
    let s = submission();
    let id = s.capture.id.as_str();
    store.put_draft(id, &draft_for(&s)).await.unwrap();
    // The second write of submit (the outbox entry) hits a full disk.
    js_sys::eval(
        "const add = IDBObjectStore.prototype.add;
         IDBObjectStore.prototype.add = function () {
           if (this.name === 'outbox') {
             IDBObjectStore.prototype.add = add;
             throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
           }
           return add.apply(this, arguments);
         };",
    )
    .unwrap();

    let refused = submit(&store, id, &s).await;

    assert_eq!(refused, Err(StoreError::QuotaExceeded));
    assert!(refused.unwrap_err().is_quota_exceeded());
    assert_eq!(store.get_capture(id).await.unwrap(), None);
    assert_eq!(store.get_draft::<Value>(id).await.unwrap(), Some(draft_for(&s)));
}

/// Another connection that keeps a read-write transaction on `drafts` alive (a request after each
/// answer) until `window.__release()`: what a page frozen with a transaction open does to every
/// other page of the app.
async fn hold_drafts_open(name: &str) {
    support::js(&format!(
        "new Promise((resolve) => {{
           const open = indexedDB.open({name:?});
           open.onsuccess = () => {{
             const db = open.result;
             const tx = db.transaction(['drafts'], 'readwrite');
             const drafts = tx.objectStore('drafts');
             let held = true;
             window.__release = () => new Promise((done) => {{ held = false; tx.oncomplete = () => {{ db.close(); done(); }}; }});
             const spin = () => {{ if (held) drafts.get('nothing').onsuccess = spin; }};
             spin();
             resolve();
           }};
         }})"
    ))
    .await;
}

#[wasm_bindgen_test]
async fn a_transaction_held_open_elsewhere_makes_writes_give_up_in_time_and_keeps_the_draft() {
    let name = db_name("held");
    let store = open_store(&name).await;
    let s = submission();
    let id = s.capture.id.as_str();
    store.put_draft(id, &draft_for(&s)).await.unwrap();
    hold_drafts_open(&name).await;
    store.set_wait_limit_ms(400);

    let started = js_sys::Date::now();
    let changed = json!({"id": id, "notes": "a change that cannot be saved now"});
    assert_eq!(
        store.put_draft(id, &changed).await,
        Err(StoreError::NotAnswering { seconds: 1 })
    );
    // A timer never fires early: the store waited out its bound before giving up, and no longer.
    assert!(js_sys::Date::now() - started >= 400.0);
    assert_eq!(
        submit(&store, id, &s).await,
        Err(StoreError::NotAnswering { seconds: 1 })
    );
    assert!(StoreError::NotAnswering { seconds: 1 }
        .to_string()
        .contains("nothing was lost"));

    support::js("window.__release()").await;
    store.set_wait_limit_ms(spoc_field::store::WAIT_LIMIT_MS);
    // The given-up transactions were rolled back, not left to run later.
    assert_eq!(store.get_draft::<Value>(id).await.unwrap(), Some(draft_for(&s)));
    assert_eq!(store.get_capture(id).await.unwrap(), None);
    assert_eq!(store.get_outbox_entry(id).await.unwrap(), None);
    // And the store works again at once.
    submit(&store, id, &s).await.unwrap();
    assert_eq!(store.get_draft::<Value>(id).await.unwrap(), None);
}

/// `pagehide`/`freeze`: a page must not go into the back/forward cache or be frozen with a
/// transaction open (in WebKit that made every write of the origin wait forever). `suspend` aborts
/// what is under way – here a submit whose first request is pending – and starts nothing until
/// `resume`.
#[wasm_bindgen_test]
async fn suspending_aborts_a_transaction_under_way_keeps_the_draft_and_starts_nothing_until_resumed() {
    let name = db_name("suspend");
    let store = open_store(&name).await;
    let s = submission();
    let id = s.capture.id.clone();
    store.put_draft(&id, &draft_for(&s)).await.unwrap();
    // Sealed first (WebCrypto answers in a task of its own), so that the submit below reaches its
    // transaction in microtasks, before any IndexedDB event can end it.
    let (sealed, stub) = support::sealed(&s).await;

    let outcome = std::rc::Rc::new(std::cell::RefCell::new(None));
    {
        let (store, id, outcome) = (store.clone(), id.clone(), outcome.clone());
        wasm_bindgen_futures::spawn_local(async move {
            *outcome.borrow_mut() = Some(store.submit(&id, &sealed, &stub).await);
        });
    }
    let mut turns = 0;
    while store.transactions_under_way() == 0 {
        turns += 1;
        assert!(turns < 100, "the submit never opened its transaction");
        JsFuture::from(js_sys::Promise::resolve(&JsValue::NULL))
            .await
            .unwrap();
    }
    store.suspend();
    let started = js_sys::Date::now();
    while outcome.borrow().is_none() && js_sys::Date::now() - started < 5_000.0 {
        gloo_timers::future::TimeoutFuture::new(10).await;
    }
    // Ended by the abort, not by the store's 10 s bound.
    assert_eq!(outcome.borrow_mut().take(), Some(Err(StoreError::Aborted)));
    assert_eq!(store.transactions_under_way(), 0);
    assert_eq!(store.get_draft::<Value>(&id).await, Err(StoreError::Suspended));
    assert_eq!(submit(&store, &id, &s).await, Err(StoreError::Suspended));

    store.resume();
    // Nothing of the aborted submit was written; the draft is as it was; the store works again.
    assert_eq!(store.get_capture(&id).await.unwrap(), None);
    assert_eq!(store.get_outbox_entry(&id).await.unwrap(), None);
    assert_eq!(store.get_draft::<Value>(&id).await.unwrap(), Some(draft_for(&s)));
    submit(&store, &id, &s).await.unwrap();
    assert!(store.get_capture(&id).await.unwrap().is_some());
}

#[wasm_bindgen_test]
async fn an_upgrade_held_by_another_connection_makes_the_store_give_up_in_time_and_keeps_the_draft() {
    let name = db_name("versionchange");
    let store = open_store(&name).await;
    store
        .put_draft("d-1", &json!({"id": "d-1", "notes": "kept"}))
        .await
        .unwrap();
    // A newer version opens the database and holds its upgrade open. The store's connection lets go
    // at once (otherwise this upgrade would never start), so the store's next operation must reopen,
    // and waits behind the upgrade.
    support::js(&format!(
        "new Promise((resolve) => {{
           const open = indexedDB.open({name:?}, 3);
           open.onupgradeneeded = () => {{
             const tx = open.transaction;
             const drafts = tx.objectStore('drafts');
             let held = true;
             window.__release = () => new Promise((done) => {{ held = false; open.onerror = (e) => {{ e.preventDefault(); done(); }}; }});
             const spin = () => {{ if (held) drafts.get('nothing').onsuccess = spin; else tx.abort(); }};
             spin();
             resolve();
           }};
         }})",
    ))
    .await;
    store.set_wait_limit_ms(400);

    assert_eq!(
        store.get_draft::<Value>("d-1").await,
        Err(StoreError::NotAnswering { seconds: 1 })
    );
    assert_eq!(
        store
            .put_draft("d-1", &json!({"id": "d-1", "notes": "lost?"}))
            .await,
        Err(StoreError::NotAnswering { seconds: 1 })
    );

    // The upgrade is abandoned (the version stays 2): the store reconnects and has the draft.
    support::js("window.__release()").await;
    store.set_wait_limit_ms(spoc_field::store::WAIT_LIMIT_MS);
    assert_eq!(
        store.get_draft::<Value>("d-1").await.unwrap(),
        Some(json!({"id": "d-1", "notes": "kept"}))
    );
    assert_eq!(support::raw_version(&name).await, 2.0);
}

#[wasm_bindgen_test]
async fn close_lets_go_of_the_connection_and_the_next_operation_reopens_it() {
    let name = db_name("close");
    let store = open_store(&name).await;
    store.put_draft("d-1", &json!({"id": "d-1"})).await.unwrap();
    store.close();
    // With the store's connection closed, an upgrade elsewhere is not blocked by it.
    support::js(&format!(
        "new Promise((resolve, reject) => {{
           const open = indexedDB.open({name:?}, 3);
           open.onblocked = () => reject(new Error('blocked by a connection that should be closed'));
           open.onupgradeneeded = () => open.transaction.abort();
           open.onerror = (e) => {{ e.preventDefault(); resolve(); }};
         }})",
    ))
    .await;
    // Still unlocked, and the next operation reconnects by itself.
    assert_eq!(
        store.list_drafts::<Value>().await.unwrap(),
        vec![json!({"id": "d-1"})]
    );
}

/// Many awaited requests in one transaction: `record` of a batch reads and writes every capture and
/// outbox entry in turn. Had IndexedDB committed between two awaits, the later requests would fail
/// (the transaction inactive) and the earlier writes would stay.
#[wasm_bindgen_test]
async fn a_transaction_spanning_many_awaits_commits_all_of_it_or_nothing() {
    let store = open_store(&db_name("many-awaits")).await;
    let submissions: Vec<Submission> = (0..12).map(|_| submission()).collect();
    for s in &submissions {
        submit(&store, &s.capture.id, s).await.unwrap();
    }
    let accepted = |list: &[Submission]| -> Vec<(String, spoc_field::store::Delivery)> {
        list.iter()
            .enumerate()
            .map(|(i, s)| {
                let receipt = receipt_for(s, i as i64 + 1);
                (
                    s.capture.id.clone(),
                    spoc_field::store::Delivery::Accepted(receipt),
                )
            })
            .collect()
    };

    // The last delete of the batch fails: every write before it, over dozens of awaits, is undone.
    js_sys::eval(
        "const del = IDBObjectStore.prototype.delete;
         let left = 12;
         IDBObjectStore.prototype.delete = function () {
           if (this.name === 'outbox' && --left === 0) {
             IDBObjectStore.prototype.delete = del;
             throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
           }
           return del.apply(this, arguments);
         };",
    )
    .unwrap();
    assert_eq!(
        store.record(&accepted(&submissions), 1.0).await,
        Err(StoreError::QuotaExceeded)
    );
    assert_eq!(store.list_outbox().await.unwrap().len(), 12);
    let captures = store.list_captures().await.unwrap();
    assert!(captures.iter().all(|c| c.state == CaptureState::Queued));
    assert_eq!(store.summary().await.unwrap().last_success_ms, None);

    // The same batch again, with nothing failing: all of it is committed.
    store.record(&accepted(&submissions), 2.0).await.unwrap();
    assert!(store.list_outbox().await.unwrap().is_empty());
    let captures = store.list_captures().await.unwrap();
    assert!(captures
        .iter()
        .all(|c| matches!(c.state, CaptureState::Synced { .. })));
    assert_eq!(store.summary().await.unwrap().last_success_ms, Some(2.0));
}

#[wasm_bindgen_test]
async fn the_spocs_status_is_kept_in_the_record_and_a_final_one_is_no_longer_followed() {
    use spoc_core::api::CaptureStatus;
    use spoc_core::desk::CaseStatus;

    let name = db_name("spoc-status");
    let store = open_store(&name).await;
    let (queued, sent) = (submission(), submission());
    for s in [&queued, &sent] {
        submit(&store, &s.capture.id, s).await.unwrap();
    }
    let sent_id = sent.capture.id.as_str();
    store.mark_synced(sent_id, receipt_for(&sent, 7)).await.unwrap();
    let followed = |all: Vec<spoc_field::store::LocalCapture>| -> Vec<String> {
        all.iter()
            .filter(|c| c.follows_spoc())
            .map(|c| c.id().to_string())
            .collect()
    };
    // Only what the SPOC has is asked about; nothing is known yet.
    assert_eq!(followed(store.list_captures().await.unwrap()), [sent_id]);
    assert_eq!(
        store.get_capture(sent_id).await.unwrap().unwrap().spoc_status,
        None
    );

    let status = |status, reason: Option<&str>| CaptureStatus {
        id: sent_id.to_string(),
        status,
        reason: reason.map(String::from),
        changed_at: "2026-12-01T09:22:03.513Z".into(),
    };
    // An answer about a capture this device does not hold (another device's) writes nothing.
    let stranger = CaptureStatus {
        id: support::new_id(),
        ..status(CaseStatus::Triaged, None)
    };
    store
        .record_statuses(
            &[status(CaseStatus::PreservationSent, None), stranger.clone()],
            1_000.0,
        )
        .await
        .unwrap();
    store.close();
    let store = open_store(&name).await;
    let local = store.get_capture(sent_id).await.unwrap().unwrap();
    assert_eq!(
        local.spoc_status,
        Some(status(CaseStatus::PreservationSent, None))
    );
    assert_eq!(local.status_seen_ms, 1_000.0);
    // The receipt and the envelope are untouched beside it.
    assert!(matches!(&local.state, CaptureState::Synced { receipt } if receipt.server_seq == 7));
    assert_eq!(local.sealed.sha256, sent.sha256);
    assert_eq!(store.get_capture(&stranger.id).await.unwrap(), None);
    assert_eq!(followed(store.list_captures().await.unwrap()), [sent_id]);

    let rejected = status(CaseStatus::Rejected, Some("Dublet af 4471"));
    store
        .record_statuses(std::slice::from_ref(&rejected), 2_000.0)
        .await
        .unwrap();
    let local = store.get_capture(sent_id).await.unwrap().unwrap();
    assert_eq!(
        (local.spoc_status, local.status_seen_ms),
        (Some(rejected), 2_000.0)
    );
    // Final: no longer asked about. The queued one still is not (it has not arrived).
    assert!(followed(store.list_captures().await.unwrap()).is_empty());
}
