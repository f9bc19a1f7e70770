//! Every bad input gets a 4xx in the one error shape, naming the problem, and leaves the database
//! exactly as it was: no 500, no half-written row. (Reads of bad ids: ingest.rs; unknown routes and
//! methods: surface.rs.)

mod common;

use common::*;
use serde_json::{json, Value};
use spoc_core::api::MAX_BATCH;
use spoc_core::capture::CapturedIdentifier;
use spoc_core::{Identifier, IdentifierKind, Platform};
use spoc_desk::http::json_body::CAPTURE_BODY as MAX_BODY;

/// Posts `body` to `path` and checks the status, the error code and that nothing was written.
async fn refused(
    desk: &Desk,
    path: &str,
    content_type: Option<&str>,
    body: Vec<u8>,
    status: u16,
    code: &str,
) -> Value {
    let before = desk.table().await;
    let (got, answer) = desk.post_raw(path, content_type, body).await;
    assert_eq!(got, status, "{answer}");
    assert_eq!(error_code(&answer), code, "{answer}");
    assert!(!error_message(&answer).is_empty());
    assert_eq!(
        desk.table().await,
        before,
        "a refused request wrote to the database"
    );
    answer
}

async fn refused_json(desk: &Desk, value: Value, code: &str) -> Value {
    refused(
        desk,
        "/api/v1/captures",
        Some("application/json"),
        value.to_string().into_bytes(),
        422,
        code,
    )
    .await
}

/// Seals `plaintext` (a submission broken by hand: what is broken in its capture is broken inside the
/// envelope) and checks that it is refused with `code` and changes nothing.
async fn refused_sealed(desk: &Desk, plaintext: Value, code: &str) -> Value {
    refused_json(desk, desk.seal(plaintext), code).await
}

/// A desk that already holds one capture, so "unchanged" is checked against a non-empty table.
async fn desk_with_one_capture() -> Desk {
    let desk = Desk::start().await;
    let (status, _) = desk.submit(&submission(&new_id())).await;
    assert_eq!(status, 201);
    desk
}

#[tokio::test]
async fn not_json_is_400() {
    let desk = desk_with_one_capture().await;
    for path in ["/api/v1/captures", "/api/v1/captures/batch"] {
        refused(
            &desk,
            path,
            Some("application/json"),
            b"{\"sha256\": ".to_vec(),
            400,
            "invalid_json",
        )
        .await;
        refused(
            &desk,
            path,
            Some("application/json"),
            b"".to_vec(),
            400,
            "invalid_json",
        )
        .await;
        refused(
            &desk,
            path,
            Some("application/json"),
            vec![0xff, 0xfe, 0x00],
            400,
            "invalid_json",
        )
        .await;
        refused(
            &desk,
            path,
            Some("application/json"),
            b"{\"a\":1} trailing".to_vec(),
            400,
            "invalid_json",
        )
        .await;
    }
}

#[tokio::test]
async fn wrong_content_type_is_415() {
    let desk = desk_with_one_capture().await;
    let body = desk.to_value(&submission(&new_id())).to_string().into_bytes();
    for path in ["/api/v1/captures", "/api/v1/captures/batch"] {
        refused(
            &desk,
            path,
            Some("text/plain"),
            body.clone(),
            415,
            "unsupported_media_type",
        )
        .await;
        refused(
            &desk,
            path,
            Some("application/x-www-form-urlencoded"),
            body.clone(),
            415,
            "unsupported_media_type",
        )
        .await;
        refused(&desk, path, None, body.clone(), 415, "unsupported_media_type").await;
        refused(
            &desk,
            path,
            Some("application/jsonx"),
            body.clone(),
            415,
            "unsupported_media_type",
        )
        .await;
    }
    // Parameters are fine.
    let (status, answer) = desk
        .post_raw("/api/v1/captures", Some("application/json; charset=utf-8"), body)
        .await;
    assert_eq!(status, 201, "{answer}");
}

#[tokio::test]
async fn oversized_body_is_413() {
    let desk = desk_with_one_capture().await;
    // Valid JSON, so nothing but the size is wrong.
    let mut big = plain(&submission(&new_id()));
    big["capture"]["notes"] = json!("x".repeat(MAX_BODY));
    let body = desk.seal(big).to_string().into_bytes();
    for path in ["/api/v1/captures", "/api/v1/captures/batch"] {
        let answer = refused(
            &desk,
            path,
            Some("application/json"),
            body.clone(),
            413,
            "payload_too_large",
        )
        .await;
        assert!(error_message(&answer).contains(&MAX_BODY.to_string()), "{answer}");
    }
}

#[tokio::test]
async fn oversized_chunked_body_is_413() {
    // No Content-Length: the limit is enforced while reading.
    let desk = desk_with_one_capture().await;
    let before = desk.table().await;
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = (0..17).map(|_| Ok(vec![b' '; 1024 * 1024])).collect();
    let response = desk
        .client
        .post(desk.url("/api/v1/captures"))
        .header("content-type", "application/json")
        .body(reqwest::Body::wrap_stream(futures_util::stream::iter(chunks)))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status().as_u16(), 413);
    let answer: Value = response.json().await.unwrap();
    assert_eq!(error_code(&answer), "payload_too_large");
    assert_eq!(desk.table().await, before);
}

#[tokio::test]
async fn unknown_field_is_422_naming_it() {
    let desk = desk_with_one_capture().await;
    let mut value = plain(&submission(&new_id()));
    value["capture"]["victim_address"] = json!("Vestergade 1");
    let answer = refused_sealed(&desk, value, "invalid_shape").await;
    assert!(error_message(&answer).contains("victim_address"), "{answer}");
    assert_eq!(error_field(&answer), Some("capture.victim_address"));

    let mut value = plain(&submission(&new_id()));
    value["extra"] = json!(true);
    let answer = refused_sealed(&desk, value, "invalid_shape").await;
    assert!(error_message(&answer).contains("extra"), "{answer}");

    let mut value = plain(&submission(&new_id()));
    value["capture"]["officer"]["rank"] = json!("politiassistent");
    let answer = refused_sealed(&desk, value, "invalid_shape").await;
    assert!(error_message(&answer).contains("rank"), "{answer}");
    assert_eq!(error_field(&answer), Some("capture.officer.rank"));
}

#[tokio::test]
async fn missing_field_is_422_naming_it() {
    let desk = desk_with_one_capture().await;
    let mut value = plain(&submission(&new_id()));
    value["capture"].as_object_mut().unwrap().remove("journal_number");
    let answer = refused_sealed(&desk, value, "invalid_shape").await;
    assert!(error_message(&answer).contains("journal_number"), "{answer}");

    let mut value = plain(&submission(&new_id()));
    value.as_object_mut().unwrap().remove("sha256");
    let answer = refused_sealed(&desk, value, "invalid_shape").await;
    assert!(error_message(&answer).contains("sha256"), "{answer}");

    let mut value = plain(&submission(&new_id()));
    value["capture"]["officer"]
        .as_object_mut()
        .unwrap()
        .remove("badge_number");
    let answer = refused_sealed(&desk, value, "invalid_shape").await;
    assert!(error_message(&answer).contains("badge_number"), "{answer}");

    refused_json(&desk, json!({}), "invalid_shape").await;
    refused_json(&desk, json!([]), "invalid_shape").await;
    refused_json(&desk, json!(null), "invalid_shape").await;
}

#[tokio::test]
async fn wrong_type_is_422_naming_the_field() {
    let desk = desk_with_one_capture().await;
    let mut value = plain(&submission(&new_id()));
    value["capture"]["flags"]["ongoing"] = json!("yes");
    let answer = refused_sealed(&desk, value, "invalid_shape").await;
    assert_eq!(error_field(&answer), Some("capture.flags.ongoing"), "{answer}");

    let mut value = plain(&submission(&new_id()));
    value["capture"]["case_type"] = json!("burglary");
    let answer = refused_sealed(&desk, value, "invalid_shape").await;
    assert_eq!(error_field(&answer), Some("capture.case_type"), "{answer}");

    let mut value = plain(&submission(&new_id()));
    value["capture"]["schema_version"] = json!("1");
    let answer = refused_sealed(&desk, value, "invalid_shape").await;
    assert_eq!(error_field(&answer), Some("capture.schema_version"), "{answer}");

    let mut value = plain(&submission(&new_id()));
    value["capture"]["items"] = json!({"what": "x"});
    let answer = refused_sealed(&desk, value, "invalid_shape").await;
    assert_eq!(error_field(&answer), Some("capture.items"), "{answer}");
}

#[tokio::test]
async fn an_empty_journal_number_is_422_unless_a_life_is_at_stake() {
    let desk = desk_with_one_capture().await;
    for empty in ["", "   "] {
        let mut capture = capture(&new_id());
        capture.journal_number = empty.into();
        let answer = refused_sealed(&desk, hashed(&capture), "invalid_field").await;
        assert_eq!(error_field(&answer), Some("capture.journal_number"), "{answer}");
    }
    // The emergency path's minimum capture goes before a journal number exists.
    let mut capture = capture(&new_id());
    capture.journal_number.clear();
    capture.flags.danger_to_life = true;
    let submission = sign(spoc_core::api::Submission::new(capture).unwrap());
    let (status, answer) = desk.submit(&submission).await;
    assert_eq!(status, 201, "{answer}");
}

#[tokio::test]
async fn a_control_character_in_notes_is_422_but_line_breaks_are_text() {
    let desk = desk_with_one_capture().await;
    for notes in ["bell \u{7}", "nul \u{0}", "escape \u{1b}[31m", "delete \u{7f}"] {
        let mut capture = capture(&new_id());
        capture.notes = notes.into();
        let answer = refused_sealed(&desk, hashed(&capture), "invalid_field").await;
        assert_eq!(error_field(&answer), Some("capture.notes"), "{notes:?}: {answer}");
    }
    let mut capture = capture(&new_id());
    capture.notes = "linje 1\nlinje 2\r\n\tindrykket".into();
    let (status, answer) = desk
        .submit(&sign(spoc_core::api::Submission::new(capture).unwrap()))
        .await;
    assert_eq!(status, 201, "{answer}");
}

#[tokio::test]
async fn an_invalid_field_is_422_naming_it() {
    let desk = desk_with_one_capture().await;
    // Sealed by hand (valid hash) so only the field itself is wrong.
    let mut capture = capture(&new_id());
    capture.officer.name = "  ".into();
    let value = hashed(&capture);
    let answer = refused_sealed(&desk, value, "invalid_field").await;
    assert_eq!(error_field(&answer), Some("capture.officer.name"), "{answer}");

    let mut capture = capture_with_identifiers(&new_id(), &[]);
    capture.items.clear();
    let answer = refused_sealed(&desk, hashed(&capture), "invalid_field").await;
    assert_eq!(error_field(&answer), Some("capture.identifiers"), "{answer}");
}

#[tokio::test]
async fn an_invalid_identifier_is_422_naming_it() {
    let desk = desk_with_one_capture().await;
    let good = Identifier::parse("@some.user", Some(Platform::Tiktok)).expect("a TikTok handle");

    // Raw text that is no identifier at all.
    let mut capture = capture(&new_id());
    capture.identifiers = vec![CapturedIdentifier {
        raw: "https://evil-tiktok.com/@x".into(),
        platform_hint: None,
        parsed: good.clone(),
    }];
    let answer = refused_sealed(&desk, hashed(&capture), "invalid_field").await;
    assert_eq!(
        error_field(&answer),
        Some("capture.identifiers[0].raw"),
        "{answer}"
    );

    // A parsed form that the raw text does not give: a device must not make identifiers up.
    let mut capture = capture_with_identifiers(&new_id(), &[("@some.user", Some(Platform::Tiktok))]);
    capture.identifiers[0].parsed = Identifier {
        platform: Platform::Tiktok,
        kind: IdentifierKind::Username,
        value: "someone.else".into(),
    };
    let answer = refused_sealed(&desk, hashed(&capture), "invalid_field").await;
    assert_eq!(
        error_field(&answer),
        Some("capture.identifiers[0].parsed"),
        "{answer}"
    );
}

#[tokio::test]
async fn a_newer_schema_is_422_unsupported_schema_version() {
    let desk = desk_with_one_capture().await;
    let mut value = plain(&submission(&new_id()));
    value["capture"]["schema_version"] = json!(spoc_core::SCHEMA_VERSION + 1);
    // A newer schema may well carry fields this desk does not know: still named as the schema.
    value["capture"]["new_in_v2"] = json!("x");
    let answer = refused_sealed(&desk, value, "unsupported_schema_version").await;
    assert_eq!(error_field(&answer), Some("capture.schema_version"));
}

#[tokio::test]
async fn a_hash_mismatch_is_422() {
    let desk = desk_with_one_capture().await;
    let mut value = plain(&submission(&new_id()));
    value["capture"]["notes"] = json!("edited in transit");
    let answer = refused_sealed(&desk, value, "hash_mismatch").await;
    assert_eq!(error_field(&answer), Some("sha256"));

    let mut value = plain(&submission(&new_id()));
    value["sha256"] = json!("0".repeat(64));
    refused_sealed(&desk, value, "hash_mismatch").await;
    // The right hash in upper case is still not the hash.
    let sent = submission(&new_id());
    let mut value = plain(&sent);
    value["sha256"] = json!(sent.sha256.to_uppercase());
    refused_sealed(&desk, value, "hash_mismatch").await;
}

#[tokio::test]
async fn a_bad_capture_id_is_422() {
    let desk = desk_with_one_capture().await;
    for bad in [
        "not-a-uuid",
        "0B1E8C9A-4F7D-4C1E-9A57-3F0D2F6A9B10",
        "",
        "12345",
        "00000000-0000-4000-8000-00000000000G",
        "00000000000040008000000000000001",
        " 00000000-0000-4000-8000-000000000001",
    ] {
        let capture = capture(bad);
        let answer = refused_sealed(&desk, hashed(&capture), "invalid_field").await;
        assert_eq!(error_field(&answer), Some("capture.id"), "{answer}");
    }
}

#[tokio::test]
async fn bad_batches_are_refused_whole() {
    let desk = desk_with_one_capture().await;
    let path = "/api/v1/captures/batch";
    let json = Some("application/json");

    let answer = refused(
        &desk,
        path,
        json,
        batch(vec![]).to_string().into_bytes(),
        422,
        "empty_batch",
    )
    .await;
    assert_eq!(error_field(&answer), Some("submissions"));

    let too_many = batch(
        (0..=MAX_BATCH)
            .map(|_| desk.to_value(&submission(&new_id())))
            .collect(),
    );
    let answer = refused(
        &desk,
        path,
        json,
        too_many.to_string().into_bytes(),
        413,
        "batch_too_large",
    )
    .await;
    assert!(
        error_message(&answer).contains(&MAX_BATCH.to_string()),
        "{answer}"
    );

    let answer = refused(&desk, path, json, b"{}".to_vec(), 422, "invalid_shape").await;
    assert!(error_message(&answer).contains("submissions"), "{answer}");
    let answer = refused(
        &desk,
        path,
        json,
        br#"{"submissions": {}}"#.to_vec(),
        422,
        "invalid_shape",
    )
    .await;
    assert_eq!(error_field(&answer), Some("submissions"), "{answer}");
    let answer = refused(
        &desk,
        path,
        json,
        br#"{"submissions": [], "more": 1}"#.to_vec(),
        422,
        "invalid_shape",
    )
    .await;
    assert!(error_message(&answer).contains("more"), "{answer}");
    // A single submission posted to the batch endpoint.
    let single = desk.to_value(&submission(&new_id())).to_string().into_bytes();
    refused(&desk, path, json, single, 422, "invalid_shape").await;
}

#[tokio::test]
async fn a_batch_of_only_bad_submissions_writes_nothing() {
    let desk = desk_with_one_capture().await;
    let before = desk.table().await;
    let mut future = plain(&submission(&new_id()));
    future["capture"]["schema_version"] = json!(spoc_core::SCHEMA_VERSION + 1);
    let request = batch(vec![json!(1), json!({}), desk.seal(future)]);
    let (status, body) = desk.post_json("/api/v1/captures/batch", &request).await;
    assert_eq!(status, 200, "{body}");
    let codes: Vec<&str> = body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            assert_eq!(r["status"], 422);
            r["error"]["code"].as_str().unwrap()
        })
        .collect();
    assert_eq!(
        codes,
        ["invalid_shape", "invalid_shape", "unsupported_schema_version"]
    );
    assert_eq!(desk.table().await, before);
}

/// The JSON of a plaintext submission, to be broken by hand and then sealed.
fn plain(submission: &spoc_core::api::Submission) -> Value {
    serde_json::to_value(submission).unwrap()
}

/// A plaintext submission whose hash is right for an (invalid) capture: `Submission::new` would
/// refuse it. Unsigned: the capture is refused before the signature is looked at.
fn hashed(capture: &spoc_core::Capture) -> Value {
    json!({
        "sha256": spoc_core::canonical::canonical_sha256(capture).unwrap(),
        "capture": capture,
    })
}
