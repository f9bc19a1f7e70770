//! What the guidance adds to ingest: attachments (never for child sexual abuse material, and checked
//! against their hash), the checklist record, and schema 1 captures still queued on devices.

mod common;

use base64::Engine;
use common::*;
use serde_json::json;
use spoc_core::api::Submission;
use spoc_core::canonical::sha256_hex;
use spoc_core::capture::{Attachment, GuidanceRecord, Tick};
use spoc_core::{CaseType, ZonedTime};

fn attachment(bytes: &[u8]) -> Attachment {
    Attachment {
        name: "demand.png".into(),
        media_type: "image/png".into(),
        size: bytes.len() as u64,
        sha256: sha256_hex(bytes),
        data: base64::engine::general_purpose::STANDARD.encode(bytes),
    }
}

/// A plaintext submission whose hash matches its content, built past `Submission::new`'s validation
/// (as a client with other rules could), so the desk's own checks are what is tested. Unsigned: the
/// capture is refused before the signature is looked at.
fn hashed(capture: spoc_core::Capture) -> serde_json::Value {
    let sha256 = spoc_core::canonical::canonical_sha256(&capture).unwrap();
    json!({ "sha256": sha256, "capture": capture })
}

#[tokio::test]
async fn a_child_abuse_material_capture_with_an_attachment_is_refused_and_nothing_stored() {
    let desk = Desk::start().await;
    let mut capture = capture(&new_id());
    capture.case_type = CaseType::ChildSexualAbuseMaterial;
    capture.attachments.push(attachment(b"any bytes at all"));
    let value = desk.seal(hashed(capture));

    let (status, body) = desk.post_json("/api/v1/captures", &value).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(error_code(&body), "invalid_field");
    assert_eq!(error_field(&body), Some("capture.attachments"));
    assert!(error_message(&body).contains("never copied"), "{body}");

    let (status, body) = desk
        .post_json("/api/v1/captures/batch", &batch(vec![value]))
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["results"][0]["status"], 422);
    assert_eq!(body["results"][0]["error"]["field"], "capture.attachments");
    assert!(desk.table().await.captures.is_empty());
}

#[tokio::test]
async fn an_attachment_on_another_case_type_is_stored_and_read_back_intact() {
    let desk = Desk::start().await;
    let id = new_id();
    let mut capture = capture(&id);
    capture
        .attachments
        .push(attachment(&[0x89, b'P', b'N', b'G', 0, 255, 7]));
    let submission = sign(Submission::new(capture).unwrap());
    let (status, body) = desk.submit(&submission).await;
    assert_eq!(status, 201, "{body}");
    let (status, stored) = desk.get(&format!("/api/v1/captures/{id}")).await;
    assert_eq!(status, 200);
    assert_eq!(
        stored["capture"]["attachments"],
        json!(submission.capture.attachments)
    );
}

#[tokio::test]
async fn an_attachment_that_does_not_match_its_hash_is_refused() {
    let desk = Desk::start().await;
    let mut capture = capture(&new_id());
    capture.attachments.push(Attachment {
        sha256: sha256_hex(b"other bytes"),
        ..attachment(b"the bytes sent")
    });
    let (status, body) = desk
        .post_json("/api/v1/captures", &desk.seal(hashed(capture)))
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(error_field(&body), Some("capture.attachments[0].data"));
    assert!(desk.table().await.captures.is_empty());
}

#[tokio::test]
async fn a_checklist_record_round_trips() {
    let desk = Desk::start().await;
    let id = new_id();
    let mut capture = capture(&id);
    capture.guidance = Some(GuidanceRecord {
        pack_version: 1,
        ticked: vec![Tick {
            item: "sextortion.accounts".into(),
            at: ZonedTime::new("2026-11-22T14:05:00+01:00", "Europe/Copenhagen"),
            note: "To konti".into(),
        }],
        skipped_critical: vec!["sextortion.payment-demands".into()],
    });
    let submission = sign(Submission::new(capture).unwrap());
    assert_eq!(desk.submit(&submission).await.0, 201);
    let (_, stored) = desk.get(&format!("/api/v1/captures/{id}")).await;
    assert_eq!(stored["capture"]["guidance"], json!(submission.capture.guidance));
    assert_eq!(stored["receipt"]["sha256"], submission.sha256);
}

#[tokio::test]
async fn a_schema_1_capture_is_still_accepted_but_not_with_schema_2_fields() {
    let desk = Desk::start().await;
    let mut old = capture(&new_id());
    old.schema_version = 1;
    let (status, body) = desk.submit(&sign(Submission::new(old.clone()).unwrap())).await;
    assert_eq!(status, 201, "{body}");

    old.id = new_id();
    old.guidance = Some(GuidanceRecord {
        pack_version: 1,
        ticked: vec![],
        skipped_critical: vec![],
    });
    let (status, body) = desk.post_json("/api/v1/captures", &desk.seal(hashed(old))).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(error_field(&body), Some("capture.guidance"));
    assert_eq!(desk.table().await.captures.len(), 1);
}
