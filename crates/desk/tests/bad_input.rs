//! The rejections the other suites do not spell out one by one: each answers its own status, code and
//! field in the one error shape, and leaves the captures table exactly as it was.

mod common;

use common::*;
use serde_json::{json, Value};
use spoc_core::capture::CapturedIdentifier;
use spoc_core::{Capture, Identifier, IdentifierKind, Platform};

/// A desk holding one capture, so "unchanged" is checked against a non-empty table.
async fn desk_with_one_capture() -> Desk {
    let desk = Desk::start().await;
    let (status, body) = desk.submit(&submission(&new_id())).await;
    assert_eq!(status, 201, "{body}");
    desk
}

/// Posts `value` as JSON to the single endpoint; checks status, code, field and an unchanged table.
async fn refused(desk: &Desk, value: Value, status: u16, code: &str, field: Option<&str>) -> Value {
    let before = desk.table().await;
    let (got, answer) = desk.post_json("/api/v1/captures", &value).await;
    assert_eq!(got, status, "{answer}");
    assert_eq!(error_code(&answer), code, "{answer}");
    if let Some(field) = field {
        assert_eq!(error_field(&answer), Some(field), "{answer}");
    }
    assert!(!error_message(&answer).is_empty(), "{answer}");
    assert_eq!(desk.table().await, before, "a refused request wrote a row");
    answer
}

/// Correctly hashed even though the capture is invalid (`Submission::new` would refuse to seal it),
/// so the field itself is the only thing wrong.
fn sealed(capture: &Capture) -> Value {
    json!({
        "sha256": spoc_core::canonical::canonical_sha256(capture).unwrap(),
        "capture": capture,
    })
}

#[tokio::test]
async fn an_unknown_top_level_capture_field_is_named() {
    let desk = desk_with_one_capture().await;
    let mut value = to_value(&submission(&new_id()));
    value["capture"]["extra"] = json!("x");
    let answer = refused(&desk, value, 422, "invalid_shape", Some("capture.extra")).await;
    assert!(error_message(&answer).contains("extra"), "{answer}");
}

#[tokio::test]
async fn a_missing_field_is_invalid_shape() {
    let desk = desk_with_one_capture().await;
    let mut value = to_value(&submission(&new_id()));
    value["capture"]["officer"]
        .as_object_mut()
        .unwrap()
        .remove("badge_number");
    let answer = refused(&desk, value, 422, "invalid_shape", None).await;
    assert!(error_message(&answer).contains("badge_number"), "{answer}");
}

#[tokio::test]
async fn a_wrong_type_is_invalid_shape() {
    let desk = desk_with_one_capture().await;
    let mut value = to_value(&submission(&new_id()));
    value["capture"]["schema_version"] = json!("1");
    refused(&desk, value, 422, "invalid_shape", Some("capture.schema_version")).await;

    let mut value = to_value(&submission(&new_id()));
    value["capture"]["items"] = json!({"what": "x"});
    refused(&desk, value, 422, "invalid_shape", Some("capture.items")).await;
}

#[tokio::test]
async fn a_schema_version_newer_than_the_desk_is_unsupported() {
    let desk = desk_with_one_capture().await;
    let mut value = to_value(&submission(&new_id()));
    value["capture"]["schema_version"] = json!(spoc_core::SCHEMA_VERSION + 1);
    refused(
        &desk,
        value,
        422,
        "unsupported_schema_version",
        Some("capture.schema_version"),
    )
    .await;
}

#[tokio::test]
async fn a_wrong_hash_is_a_mismatch() {
    let desk = desk_with_one_capture().await;
    let mut value = to_value(&submission(&new_id()));
    value["sha256"] = json!("0".repeat(64));
    refused(&desk, value, 422, "hash_mismatch", Some("sha256")).await;
    // The right hash in upper case is still not the hash.
    let sent = submission(&new_id());
    let mut value = to_value(&sent);
    value["sha256"] = json!(sent.sha256.to_uppercase());
    refused(&desk, value, 422, "hash_mismatch", Some("sha256")).await;
}

#[tokio::test]
async fn a_bad_uuid_is_an_invalid_id_field() {
    let desk = desk_with_one_capture().await;
    for bad in [
        "12345",
        "00000000-0000-4000-8000-00000000000G",
        "00000000000040008000000000000001",
        " 00000000-0000-4000-8000-000000000001",
    ] {
        let capture = capture(bad);
        refused(&desk, sealed(&capture), 422, "invalid_field", Some("capture.id")).await;
    }
}

#[tokio::test]
async fn an_empty_journal_number_is_an_invalid_field() {
    let desk = desk_with_one_capture().await;
    for empty in ["", "   "] {
        let mut capture = capture(&new_id());
        capture.journal_number = empty.into();
        refused(
            &desk,
            sealed(&capture),
            422,
            "invalid_field",
            Some("capture.journal_number"),
        )
        .await;
    }
}

#[tokio::test]
async fn a_control_character_in_notes_is_an_invalid_field() {
    let desk = desk_with_one_capture().await;
    for notes in ["bell \u{7}", "nul \u{0}", "escape \u{1b}[31m", "delete \u{7f}"] {
        let mut capture = capture(&new_id());
        capture.notes = notes.into();
        let before = desk.table().await;
        let (status, answer) = desk.post_json("/api/v1/captures", &sealed(&capture)).await;
        assert_eq!(status, 422, "{notes:?}: {answer}");
        assert_eq!(error_code(&answer), "invalid_field");
        assert_eq!(error_field(&answer), Some("capture.notes"));
        assert_eq!(desk.table().await, before);
    }
    // Line breaks and tabs are ordinary free text.
    let mut capture = capture(&new_id());
    capture.notes = "linje 1\nlinje 2\r\n\tindrykket".into();
    let sent = spoc_core::api::Submission::new(capture).expect("valid");
    let (status, answer) = desk.submit(&sent).await;
    assert_eq!(status, 201, "{answer}");
}

/// Holds whatever `Identifier::parse` does with the raw text: either the raw text does not parse
/// (`.raw`) or it parses to something else than the claimed value (`.parsed`). Never stored.
#[tokio::test]
async fn an_identifier_whose_parsed_value_does_not_match_its_raw_text_is_refused() {
    let desk = desk_with_one_capture().await;
    let mut capture = capture(&new_id());
    capture.identifiers = vec![CapturedIdentifier {
        raw: "@some.user".into(),
        platform_hint: Some(Platform::Tiktok),
        parsed: Identifier {
            platform: Platform::Tiktok,
            kind: IdentifierKind::Username,
            value: "@someone.else".into(),
        },
    }];
    let answer = refused(&desk, sealed(&capture), 422, "invalid_field", None).await;
    let field = error_field(&answer).unwrap_or_default();
    assert!(
        field.starts_with("capture.identifiers[0]"),
        "field {field:?}: {answer}"
    );
}

#[tokio::test]
async fn an_oversized_json_body_is_413() {
    let desk = desk_with_one_capture().await;
    // About 17 MB of valid JSON: only the size is wrong.
    let value = json!({ "sha256": "0", "capture": { "notes": "n".repeat(17_000_000) } });
    let before = desk.table().await;
    let (status, answer) = desk
        .post_raw(
            "/api/v1/captures",
            Some("application/json"),
            value.to_string().into_bytes(),
        )
        .await;
    assert_eq!(status, 413, "{answer}");
    assert_eq!(error_code(&answer), "payload_too_large");
    assert_eq!(desk.table().await, before);
}

#[tokio::test]
async fn not_json_and_wrong_media_types() {
    let desk = desk_with_one_capture().await;
    let before = desk.table().await;
    let good = to_value(&submission(&new_id())).to_string().into_bytes();
    for (content_type, body, status, code) in [
        (
            Some("application/json"),
            b"not json".to_vec(),
            400,
            "invalid_json",
        ),
        (
            Some("application/json"),
            b"{\"a\":1} trailing".to_vec(),
            400,
            "invalid_json",
        ),
        (Some("text/plain"), good.clone(), 415, "unsupported_media_type"),
        (None, good.clone(), 415, "unsupported_media_type"),
        (
            Some("application/jsonx"),
            good.clone(),
            415,
            "unsupported_media_type",
        ),
    ] {
        let (got, answer) = desk.post_raw("/api/v1/captures", content_type, body).await;
        assert_eq!(
            (got, error_code(&answer)),
            (status, code),
            "{content_type:?}: {answer}"
        );
        assert_eq!(desk.table().await, before);
    }
}

#[tokio::test]
async fn reads_of_bad_and_unknown_ids() {
    let desk = desk_with_one_capture().await;
    let (status, body) = desk.get("/api/v1/captures/not-a-uuid").await;
    assert_eq!((status, error_code(&body)), (400, "invalid_id"), "{body}");
    let (status, body) = desk
        .get("/api/v1/captures/00000000-0000-4000-8000-ffffffffffff")
        .await;
    assert_eq!((status, error_code(&body)), (404, "not_found"), "{body}");
}

#[tokio::test]
async fn unknown_routes_and_methods_are_json() {
    let desk = desk_with_one_capture().await;
    let before = desk.table().await;
    let (status, body) = desk.get("/api/v1/nothing").await;
    assert_eq!((status, error_code(&body)), (404, "no_route"), "{body}");

    let response = desk
        .client
        .delete(desk.url("/api/v1/health"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 405);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let body: Value = response.json().await.unwrap();
    assert_eq!(error_code(&body), "method_not_allowed", "{body}");

    let response = desk
        .client
        .delete(desk.url("/api/v1/captures"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 405);
    assert_eq!(desk.table().await, before);
}
