//! Device signatures and revocation: every submission must be signed by a device registered to the
//! account sending it; anything else is a clear 422, journalled, with nothing stored.

mod common;

use common::*;
use reqwest::Method;
use serde_json::{json, Value};
use spoc_core::api::Submission;
use spoc_core::desk::Role;

const OFFICER_DEVICE: &str = DEVICES[0].1;

async fn refused(desk: &Desk, submission: &Submission, code: &str) {
    let before = desk.table().await;
    let (status, body) = desk.submit(submission).await;
    assert_eq!((status, error_code(&body)), (422, code), "{body}");
    assert_eq!(desk.table().await, before, "nothing stored");
    let (_, journal) = desk
        .get_as(&desk.client_of(Role::Admin).await, "/api/v1/journal")
        .await;
    let entry = journal
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "capture.refused" && e["object"] == submission.capture.id.as_str())
        .unwrap_or_else(|| panic!("refusal not journalled: {journal}"));
    assert_eq!(entry["detail"], code);
}

fn unsigned() -> Submission {
    Submission::new(capture(&new_id())).unwrap()
}

#[tokio::test]
async fn an_unsigned_submission_is_refused() {
    let desk = Desk::start().await;
    refused(&desk, &unsigned(), "signature_required").await;
}

#[tokio::test]
async fn a_signature_of_other_content_is_refused() {
    let desk = Desk::start().await;
    let signed = submission(&new_id());
    // The same signature moved onto another capture.
    let mut moved = unsigned();
    moved.signature = signed.signature.clone();
    refused(&desk, &moved, "bad_signature").await;
    // A tampered signature value.
    let mut tampered = submission(&new_id());
    let signature = tampered.signature.as_mut().unwrap();
    let flipped = if signature.value.starts_with('A') {
        'B'
    } else {
        'A'
    };
    signature.value = format!("{flipped}{}", &signature.value[1..]);
    refused(&desk, &tampered, "bad_signature").await;
}

#[tokio::test]
async fn an_unknown_or_borrowed_device_is_refused() {
    let desk = Desk::start().await;
    let mut unknown = submission(&new_id());
    unknown.signature.as_mut().unwrap().device_id = new_id();
    refused(&desk, &unknown, "unknown_device").await;
    // Officer Anna sending with Officer Bent's device.
    refused(&desk, &sign_as(unsigned(), OTHER_OFFICER), "device_not_yours").await;
}

#[tokio::test]
async fn registering_a_device() {
    let desk = Desk::start().await;
    let id = new_id();
    let register = |key: String| json!({ "device_id": id, "public_key": key, "label": "Pixel 8 / Chrome" });
    let key = device_public_key(OTHER_OFFICER);
    let path = "/api/v1/devices";
    assert_eq!(
        desk.send_as(&desk.client, Method::POST, path, Some(&register(key.clone())))
            .await
            .0,
        201
    );
    assert_eq!(
        desk.send_as(&desk.client, Method::POST, path, Some(&register(key.clone())))
            .await
            .0,
        200,
        "a resend"
    );
    let (status, body) = desk
        .send_as(
            &desk.client,
            Method::POST,
            path,
            Some(&register(device_public_key(OPERATOR))),
        )
        .await;
    assert_eq!((status, error_code(&body)), (409, "device_id_taken"));
    let bent = desk.sign_in(OTHER_OFFICER).await;
    assert_eq!(
        desk.send_as(&bent, Method::POST, path, Some(&register(key.clone())))
            .await
            .0,
        409,
        "another account"
    );
    for (bad_key, field) in [
        ("AAAA".to_string(), "public_key"),
        (key[..key.len() - 4].to_string(), "public_key"),
    ] {
        let (status, body) = desk
            .send_as(&desk.client, Method::POST, path, Some(&register(bad_key)))
            .await;
        assert_eq!((status, error_field(&body)), (422, Some(field)));
    }
    let bad_id = json!({ "device_id": "not-a-uuid", "public_key": key, "label": "x" });
    assert_eq!(
        desk.send_as(&desk.client, Method::POST, path, Some(&bad_id))
            .await
            .0,
        422
    );
    let admin = desk.client_of(Role::Admin).await;
    assert_eq!(
        desk.send_as(&admin, Method::POST, path, Some(&register(key)))
            .await
            .0,
        403
    );
    let (_, devices) = desk.get_as(&admin, path).await;
    assert!(devices
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["device_id"] == id.as_str() && d["owner"] == OFFICER));
}

async fn revoke(desk: &Desk, discard_queue: bool) -> Value {
    let admin = desk.client_of(Role::Admin).await;
    let path = format!("/api/v1/devices/{OFFICER_DEVICE}/revoke");
    let (status, device) = desk
        .send_as(
            &admin,
            Method::POST,
            &path,
            Some(&json!({ "discard_queue": discard_queue })),
        )
        .await;
    assert_eq!(status, 200, "{device}");
    device
}

#[tokio::test]
async fn a_device_revoked_to_deliver_first_still_delivers_and_is_told() {
    let desk = Desk::start().await;
    let status_path = format!("/api/v1/devices/{OFFICER_DEVICE}");
    assert_eq!(
        desk.get(&status_path).await.1,
        json!({ "revoked": false, "discard_queue": false })
    );
    let device = revoke(&desk, false).await;
    assert!(device["revoked_at"].is_string());
    assert_eq!(
        desk.get(&status_path).await.1,
        json!({ "revoked": true, "discard_queue": false })
    );
    assert_eq!(
        desk.submit(&submission(&new_id())).await.0,
        201,
        "the queue is still delivered"
    );
    // Only the device's own account may ask after it.
    let bent = desk.sign_in(OTHER_OFFICER).await;
    assert_eq!(desk.get_as(&bent, &status_path).await.0, 404);
}

#[tokio::test]
async fn a_device_revoked_with_its_queue_discarded_delivers_nothing_more() {
    let desk = Desk::start().await;
    revoke(&desk, true).await;
    assert_eq!(
        desk.get(&format!("/api/v1/devices/{OFFICER_DEVICE}")).await.1,
        json!({ "revoked": true, "discard_queue": true })
    );
    refused(&desk, &submission(&new_id()), "device_revoked").await;
    let (_, journal) = desk
        .get_as(&desk.client_of(Role::Admin).await, "/api/v1/journal")
        .await;
    assert!(journal
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["action"] == "device.revoke" && e["detail"] == "discard queue"));
    let (status, _) = desk
        .send_as(
            &desk.client_of(Role::Admin).await,
            Method::POST,
            &format!("/api/v1/devices/{}/revoke", new_id()),
            Some(&json!({ "discard_queue": true })),
        )
        .await;
    assert_eq!(status, 404);
}
