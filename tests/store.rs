//! The device store in a real browser (IndexedDB in headless Chromium): what submit writes, that it is
//! all or nothing, that drafts survive a closed connection, and what the SPOC's answers leave behind.
#![cfg(target_arch = "wasm32")]

mod support;

use std::collections::HashSet;

use serde_json::{json, Value};
use spoc_core::api::{ErrorDetail, Receipt, Submission};
use spoc_field::store::{CaptureState, CaptureStub, Due, StoreError};
use support::{db_name, open_store, raw_put, submission, submit, submit_then_abort, urgent_submission};
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
    let due = store.due(f64::MAX, Due::All, &HashSet::new(), 50).await.unwrap();
    assert!(due.is_empty(), "a refused capture is not retried by itself");

    store.release(id).await.unwrap();
    assert_eq!(
        store.get_capture(id).await.unwrap().unwrap().state,
        CaptureState::Queued
    );
    assert_eq!(
        store
            .due(f64::MAX, Due::All, &HashSet::new(), 50)
            .await
            .unwrap()
            .len(),
        1
    );
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
    let due = store.due(f64::MAX, Due::All, &HashSet::new(), 50).await.unwrap();
    let ids: Vec<&str> = due.iter().map(|(e, _)| e.id.as_str()).collect();
    assert_eq!(ids, [&urgent.capture.id, &first.capture.id, &second.capture.id]);
    assert_eq!(
        (due[0].1.id.as_str(), due[0].1.sha256.as_str()),
        (urgent.capture.id.as_str(), urgent.sha256.as_str())
    );

    let limited = store
        .due(f64::MAX, Due::All, &HashSet::from([urgent.capture.id.clone()]), 1)
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
