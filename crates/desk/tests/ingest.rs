//! The idempotency contract of design.md, against a real desk: new → 201, same → 200 with the
//! original receipt, changed → 409 with the stored row untouched, and exactly one row however many
//! times (or however concurrently) a capture arrives.

mod common;

use common::*;
use serde_json::{json, Value};
use spoc_core::api::{BatchResponse, Receipt, StoredCapture, MAX_BATCH};
use spoc_core::Platform;

#[tokio::test]
async fn a_new_capture_is_stored_and_receipted() {
    let desk = Desk::start().await;
    let sent = submission(&new_id());

    let (status, body) = desk.submit(&sent).await;
    assert_eq!(status, 201, "{body}");
    let receipt: Receipt = serde_json::from_value(body).expect("a receipt");
    assert_eq!(receipt.id, sent.capture.id);
    assert_eq!(receipt.sha256, sent.sha256);
    assert!(receipt.server_seq >= 1);
    assert!(
        receipt.received_at.ends_with('Z') && receipt.received_at.len() == "2026-11-22T13:41:40.123Z".len(),
        "RFC 3339 UTC with milliseconds: {}",
        receipt.received_at
    );

    let (status, body) = desk.get(&format!("/api/v1/captures/{}", sent.capture.id)).await;
    assert_eq!(status, 200, "{body}");
    let stored: StoredCapture = serde_json::from_value(body).expect("a stored capture");
    assert_eq!(stored.receipt, receipt);
    assert_eq!(stored.capture, sent.capture);

    let table = desk.table().await;
    assert_eq!(table.captures.len(), 1);
    let (seq, id, sha256, received_at, body) = &table.captures[0];
    assert_eq!(
        (*seq, id, sha256, received_at),
        (
            receipt.server_seq,
            &receipt.id,
            &receipt.sha256,
            &receipt.received_at
        )
    );
    // The body column is the canonical JSON the hash was computed over.
    assert_eq!(spoc_core::canonical::sha256_hex(body.as_bytes()), sent.sha256);
}

#[tokio::test]
async fn a_resend_gets_the_original_receipt_and_writes_nothing() {
    let desk = Desk::start().await;
    let sent = submission(&new_id());
    let (status, first) = desk.submit(&sent).await;
    assert_eq!(status, 201, "{first}");
    let before = desk.table().await;

    for _ in 0..3 {
        let (status, again) = desk.submit(&sent).await;
        assert_eq!(status, 200, "{again}");
        assert_eq!(
            again, first,
            "the identical original receipt: same server_seq, same received_at"
        );
    }
    assert_eq!(desk.table().await, before);
    assert_eq!(before.captures.len(), 1);
}

#[tokio::test]
async fn a_changed_resend_is_a_conflict_and_the_stored_capture_is_unchanged() {
    let desk = Desk::start().await;
    let id = new_id();
    let original = submission(&id);
    let (status, receipt) = desk.submit(&original).await;
    assert_eq!(status, 201, "{receipt}");
    let before = desk.table().await;

    let changed = changed_submission(&id);
    assert_ne!(changed.sha256, original.sha256);
    let (status, body) = desk.submit(&changed).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(error_code(&body), "conflict");
    assert_eq!(error_field(&body), Some("capture.id"));
    assert!(
        error_message(&body).contains(&receipt["server_seq"].to_string()),
        "{body}"
    );

    assert_eq!(desk.table().await, before);
    let (_, stored) = desk.get(&format!("/api/v1/captures/{id}")).await;
    let stored: StoredCapture = serde_json::from_value(stored).unwrap();
    assert_eq!(stored.capture, original.capture);

    // The original is still answered as a resend afterwards.
    let (status, again) = desk.submit(&original).await;
    assert_eq!((status, again), (200, receipt));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_first_sends_of_one_capture_store_one_row() {
    let desk = Desk::start().await;
    let sent = submission(&new_id());
    let body = desk.to_value(&sent);

    let answers = desk.post_concurrently("/api/v1/captures", vec![body; 10]).await;

    let created: Vec<&Value> = answers
        .iter()
        .filter(|(s, _)| *s == 201)
        .map(|(_, b)| b)
        .collect();
    let resent: Vec<&Value> = answers
        .iter()
        .filter(|(s, _)| *s == 200)
        .map(|(_, b)| b)
        .collect();
    assert_eq!(created.len(), 1, "{answers:?}");
    assert_eq!(resent.len(), 9, "{answers:?}");
    assert!(
        resent.iter().all(|r| *r == created[0]),
        "every answer is the one receipt"
    );
    assert_eq!(desk.table().await.captures.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_different_captures_get_distinct_sequence_numbers() {
    let desk = Desk::start().await;
    let bodies: Vec<Value> = (0..10).map(|_| desk.to_value(&submission(&new_id()))).collect();
    let answers = desk.post_concurrently("/api/v1/captures", bodies).await;
    assert!(answers.iter().all(|(s, _)| *s == 201), "{answers:?}");
    let mut seqs: Vec<i64> = answers
        .iter()
        .map(|(_, b)| b["server_seq"].as_i64().unwrap())
        .collect();
    seqs.sort();
    seqs.dedup();
    assert_eq!(seqs.len(), 10);
    assert_eq!(desk.table().await.captures.len(), 10);
}

#[tokio::test]
async fn identifiers_are_indexed_with_the_capture() {
    let desk = Desk::start().await;
    let id = new_id();
    let capture = capture_with_identifiers(
        &id,
        &[
            ("https://www.tiktok.com/@some.user", None),
            ("@some.user", Some(Platform::Tiktok)),
            ("+45 12 34 56 78", None),
        ],
    );
    let sent = sign(spoc_core::api::Submission::new(capture).expect("valid"));
    let (status, receipt) = desk.submit(&sent).await;
    assert_eq!(status, 201, "{receipt}");

    let table = desk.table().await;
    let seq = receipt["server_seq"].as_i64().unwrap();
    let mut expected: Vec<(i64, String, String, String)> = sent
        .capture
        .identifiers
        .iter()
        .map(|i| {
            let p = &i.parsed;
            let kind = serde_json::to_value(p.kind)
                .unwrap()
                .as_str()
                .unwrap()
                .to_string();
            (seq, p.platform.code().to_string(), kind, p.value.clone())
        })
        .collect();
    expected.sort();
    // The profile URL and the handle of one account may normalise to the same entry: one row then.
    expected.dedup();
    assert_eq!(table.identifiers, expected);

    // A resend indexes nothing twice.
    let (status, _) = desk.submit(&sent).await;
    assert_eq!(status, 200);
    assert_eq!(desk.table().await, table);
}

#[tokio::test]
async fn unknown_capture_is_a_json_404() {
    let desk = Desk::start().await;
    let (status, body) = desk.get(&format!("/api/v1/captures/{}", new_id())).await;
    assert_eq!(status, 404);
    assert_eq!(error_code(&body), "not_found");
}

#[tokio::test]
async fn a_malformed_id_is_a_json_400() {
    let desk = Desk::start().await;
    for id in ["not-a-uuid", "0B1E8C9A-4F7D-4C1E-9A57-3F0D2F6A9B10", "%FF%FE"] {
        let (status, body) = desk.get(&format!("/api/v1/captures/{id}")).await;
        assert_eq!(status, 400, "{id}: {body}");
        assert_eq!(error_code(&body), "invalid_id");
        assert_eq!(error_field(&body), Some("id"));
    }
}

#[tokio::test]
async fn a_batch_answers_each_submission_in_order() {
    let desk = Desk::start().await;
    let stored_id = new_id();
    let (status, stored_receipt) = desk.submit(&submission(&stored_id)).await;
    assert_eq!(status, 201);
    let conflict_id = new_id();
    let (status, _) = desk.submit(&submission(&conflict_id)).await;
    assert_eq!(status, 201);
    let before = desk.table().await;

    let new = submission(&new_id());
    // A wrong hash sealed as the device would seal it: the envelope opens, the hash does not match.
    let mut hash_mismatch = serde_json::to_value(submission(&new_id())).unwrap();
    hash_mismatch["sha256"] = json!("0".repeat(64));
    let hash_mismatch = desk.seal(hash_mismatch);
    let request = batch(vec![
        desk.to_value(&new),
        desk.to_value(&submission(&stored_id)),
        desk.to_value(&changed_submission(&conflict_id)),
        hash_mismatch,
        json!({"id": "garbage", "envelope": {}}),
        desk.to_value(&new),
    ]);

    let (status, body) = desk.post_json("/api/v1/captures/batch", &request).await;
    assert_eq!(status, 200, "{body}");
    let response: BatchResponse = serde_json::from_value(body).expect("a batch response");
    let statuses: Vec<u16> = response.results.iter().map(|r| r.status).collect();
    assert_eq!(statuses, [201, 200, 409, 422, 422, 200]);

    let r = &response.results;
    assert_eq!(r[0].id.as_deref(), Some(new.capture.id.as_str()));
    assert!(r[0].receipt.is_some() && r[0].error.is_none());
    assert_eq!(
        serde_json::to_value(r[1].receipt.as_ref().unwrap()).unwrap(),
        stored_receipt
    );
    assert_eq!(r[2].error.as_ref().unwrap().code, "conflict");
    assert!(r[2].receipt.is_none());
    assert_eq!(r[3].error.as_ref().unwrap().code, "hash_mismatch");
    assert_eq!(r[4].id.as_deref(), Some("garbage"));
    assert_eq!(r[4].error.as_ref().unwrap().code, "invalid_shape");
    // The duplicate within the batch is answered with the receipt the batch itself just created.
    assert_eq!(r[5].receipt, r[0].receipt);

    let after = desk.table().await;
    assert_eq!(after.captures.len(), before.captures.len() + 1);
    assert_eq!(&after.captures[..before.captures.len()], &before.captures[..]);
}

#[tokio::test]
async fn a_full_batch_is_accepted() {
    let desk = Desk::start().await;
    let request = batch(
        (0..MAX_BATCH)
            .map(|_| desk.to_value(&submission(&new_id())))
            .collect(),
    );
    let (status, body) = desk.post_json("/api/v1/captures/batch", &request).await;
    assert_eq!(status, 200, "{body}");
    let response: BatchResponse = serde_json::from_value(body).unwrap();
    assert!(response.results.iter().all(|r| r.status == 201));
    assert_eq!(desk.table().await.captures.len(), MAX_BATCH);
}

#[tokio::test]
async fn the_largest_valid_capture_fits_the_body_limit() {
    // 500 items of 4096 four-byte characters: the most spoc-core accepts in `items`, about 8 MiB.
    let desk = Desk::start().await;
    let mut capture = capture(&new_id());
    let item = capture.items[0].clone();
    capture.items = (0..spoc_core::validate::MAX_ITEMS)
        .map(|_| spoc_core::capture::SeenItem {
            what: "𝕏".repeat(4096),
            ..item.clone()
        })
        .collect();
    let sent = sign(spoc_core::api::Submission::new(capture).expect("valid"));
    let (status, body) = desk.submit(&sent).await;
    assert_eq!(status, 201, "{body}");
}
