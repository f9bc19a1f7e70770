//! The batch endpoint: each submission answered in request order with the status the single endpoint
//! would give, and the batch itself refused whole when it is not a batch.

mod common;

use common::*;
use serde_json::{json, Value};
use spoc_core::api::{BatchResponse, Receipt, MAX_BATCH};

#[tokio::test]
async fn new_duplicate_conflict_invalid_in_order() {
    let desk = Desk::start().await;
    // A is posted on its own first; B is stored and then resent changed; C is new in the batch.
    let a = submission(&new_id());
    let (status, a_receipt) = desk.submit(&a).await;
    assert_eq!(status, 201, "{a_receipt}");
    let b_id = new_id();
    let (status, _) = desk.submit(&submission(&b_id)).await;
    assert_eq!(status, 201);
    let before = desk.table().await;

    let c = submission(&new_id());
    // A wrong hash sealed as the device would seal it: the envelope opens, the hash does not match.
    let mut bad_hash = serde_json::to_value(submission(&new_id())).unwrap();
    bad_hash["sha256"] = json!("f".repeat(64));
    let bad_hash = desk.seal(bad_hash);
    let request = batch(vec![
        desk.to_value(&c),
        desk.to_value(&a),
        desk.to_value(&changed_submission(&b_id)),
        bad_hash,
    ]);
    let (status, body) = desk.post_json("/api/v1/captures/batch", &request).await;
    assert_eq!(status, 200, "{body}");
    let response: BatchResponse = serde_json::from_value(body).unwrap();
    let statuses: Vec<u16> = response.results.iter().map(|r| r.status).collect();
    assert_eq!(statuses, [201, 200, 409, 422]);
    let r = &response.results;
    let c_receipt = r[0].receipt.as_ref().expect("a receipt for the new one");
    assert_eq!((&c_receipt.id, &c_receipt.sha256), (&c.capture.id, &c.sha256));
    let a_receipt: Receipt = serde_json::from_value(a_receipt).unwrap();
    assert_eq!(r[1].receipt.as_ref(), Some(&a_receipt));
    assert_eq!(r[2].error.as_ref().unwrap().code, "conflict");
    assert_eq!(r[3].error.as_ref().unwrap().code, "hash_mismatch");
    assert_eq!(r[3].error.as_ref().unwrap().field.as_deref(), Some("sha256"));

    // Exactly one row more (C), and the earlier rows untouched.
    let after = desk.table().await;
    assert_eq!(after.captures.len(), before.captures.len() + 1);
    assert_eq!(&after.captures[..before.captures.len()], &before.captures[..]);
    assert_eq!(after.captures.len(), 3);
}

#[tokio::test]
async fn a_batch_that_is_not_a_batch_is_refused_whole() {
    let desk = Desk::start().await;
    let (status, _) = desk.submit(&submission(&new_id())).await;
    assert_eq!(status, 201);
    let before = desk.table().await;
    let cases: Vec<(Value, u16, &str)> = vec![
        (batch(vec![]), 422, "empty_batch"),
        (
            batch(
                (0..=MAX_BATCH)
                    .map(|_| desk.to_value(&submission(&new_id())))
                    .collect(),
            ),
            413,
            "batch_too_large",
        ),
        (
            json!([desk.to_value(&submission(&new_id()))]),
            422,
            "invalid_shape",
        ),
        (json!({"items": []}), 422, "invalid_shape"),
        (json!({"submissions": "all of them"}), 422, "invalid_shape"),
        (json!("submissions"), 422, "invalid_shape"),
    ];
    for (body, status, code) in cases {
        let (got, answer) = desk.post_json("/api/v1/captures/batch", &body).await;
        assert_eq!((got, error_code(&answer)), (status, code), "{answer}");
        assert_eq!(desk.table().await, before, "{code}: the table changed");
    }
}
