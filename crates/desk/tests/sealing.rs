//! Sealed submissions: the desk hands out its public key, opens what was sealed to it (or to any key
//! it had before), and refuses, journals and stores nothing for an envelope that is not for it, was
//! altered, or was moved under another capture.

mod common;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use common::*;
use serde_json::{json, Value};
use spoc_core::api::Submission;
use spoc_core::sealed::{Envelope, SealKey};
use spoc_desk::cli::{self, Command, KeyCommand};

/// Posts `body`, expects a 422 with `code`, and checks that nothing was stored and, for the refusals
/// that are journalled, that the journal has the code against `id` (and nothing of the capture).
async fn refused(desk: &Desk, body: &Value, code: &str, journalled_as: Option<&str>) -> Value {
    let before = desk.table().await;
    let (status, answer) = desk.post_json("/api/v1/captures", body).await;
    assert_eq!((status, error_code(&answer)), (422, code), "{answer}");
    assert_eq!(desk.table().await, before, "{code}: something was stored");
    let refusals: Vec<Value> = desk
        .journal()
        .await
        .into_iter()
        .filter(|e| e["action"] == "capture.refused" && e["detail"] == code)
        .collect();
    match journalled_as {
        Some(id) => {
            assert!(
                refusals.iter().any(|e| e["object"] == id),
                "{code} not journalled against {id}: {refusals:?}"
            );
            let text = serde_json::to_string(&refusals).unwrap();
            assert!(!text.contains("Betjent Hansen"), "{text}");
        }
        None => assert!(refusals.is_empty(), "{code} journalled: {refusals:?}"),
    }
    answer
}

fn envelope_of(sealed: &Value) -> Envelope {
    serde_json::from_value(sealed["envelope"].clone()).unwrap()
}

/// `sealed` with one envelope field replaced.
fn with_envelope(sealed: &Value, field: &str, value: &str) -> Value {
    let mut sealed = sealed.clone();
    sealed["envelope"][field] = json!(value);
    sealed
}

fn flip_a_bit(b64: &str, at: usize) -> String {
    let mut bytes = URL_SAFE_NO_PAD.decode(b64).unwrap();
    bytes[at] ^= 1;
    URL_SAFE_NO_PAD.encode(bytes)
}

#[tokio::test]
async fn the_seal_key_is_public_and_revalidated() {
    let desk = Desk::start().await;
    // No session at all: a device fetches it before anyone signs in on it.
    let response = client_with(None)
        .get(desk.url("/api/v1/seal-key"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "no-cache");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body.as_object().unwrap().len(), 2, "{body}");
    let key: SealKey = serde_json::from_value(body).unwrap();
    assert_eq!(key.kid.len(), 16);
    assert!(key.kid.bytes().all(|b| b.is_ascii_hexdigit()), "{}", key.kid);
    let point = URL_SAFE_NO_PAD.decode(&key.public_key).unwrap();
    assert_eq!((point.len(), point[0]), (65, 4));
    assert_eq!(Some(&key), desk.store.active_seal_key().await.unwrap().as_ref());
    assert_eq!(key, desk.seal_key);
}

#[tokio::test]
async fn a_sealed_capture_is_stored_and_reads_back_equal() {
    let desk = Desk::start().await;
    let sent = submission(&new_id());
    let sealed = desk.to_value(&sent);
    // Nothing of the capture travels in the clear.
    assert!(!sealed.to_string().contains("Betjent Hansen"), "{sealed}");
    let (status, receipt) = desk.post_json("/api/v1/captures", &sealed).await;
    assert_eq!(status, 201, "{receipt}");
    assert_eq!(receipt["sha256"], sent.sha256);
    let (status, stored) = desk.get(&format!("/api/v1/captures/{}", sent.capture.id)).await;
    assert_eq!(status, 200, "{stored}");
    assert_eq!(stored["capture"], serde_json::to_value(&sent.capture).unwrap());
    let table = desk.table().await;
    assert_eq!(table.captures.len(), 1);
    assert_eq!(table.captures[0].1, sent.capture.id);

    // The same envelope again, and the same capture sealed afresh (other iv, other ephemeral key):
    // both resends of one capture, answered with the original receipt.
    let (status, again) = desk.post_json("/api/v1/captures", &sealed).await;
    assert_eq!((status, &again), (200, &receipt));
    let resealed = desk.to_value(&sent);
    assert_ne!(resealed["envelope"], sealed["envelope"]);
    let (status, again) = desk.post_json("/api/v1/captures", &resealed).await;
    assert_eq!((status, &again), (200, &receipt));
    assert_eq!(desk.table().await, table);
}

#[tokio::test]
async fn an_envelope_for_a_key_the_desk_never_had_is_refused() {
    let desk = Desk::start().await;
    let sent = submission(&new_id());
    let (_, stranger) = spoc_desk::seal::generate();
    let sealed = seal_value(&stranger, serde_json::to_value(&sent).unwrap());
    let answer = refused(&desk, &sealed, "unknown_key", Some(&sent.capture.id)).await;
    assert_eq!(error_field(&answer), Some("envelope.kid"));
    // Sealed to a stranger's key but named with the desk's kid: it does not open.
    let misnamed = SealKey {
        kid: desk.seal_key.kid.clone(),
        ..stranger
    };
    let sealed = seal_value(&misnamed, serde_json::to_value(&sent).unwrap());
    refused(&desk, &sealed, "unopenable", Some(&sent.capture.id)).await;
}

#[tokio::test]
async fn a_tampered_envelope_is_refused() {
    let desk = Desk::start().await;
    let sent = submission(&new_id());
    let sealed = desk.to_value(&sent);
    let envelope = envelope_of(&sealed);
    let id = Some(sent.capture.id.as_str());
    let tag_end = URL_SAFE_NO_PAD.decode(&envelope.ciphertext).unwrap().len() - 1;
    for tampered in [
        with_envelope(&sealed, "ciphertext", &flip_a_bit(&envelope.ciphertext, 10)),
        // The tag, at the end.
        with_envelope(&sealed, "ciphertext", &flip_a_bit(&envelope.ciphertext, tag_end)),
        with_envelope(&sealed, "iv", &flip_a_bit(&envelope.iv, 0)),
        // Another valid point as the ephemeral key.
        with_envelope(&sealed, "epk", &envelope_of(&desk.to_value(&sent)).epk),
    ] {
        let answer = refused(&desk, &tampered, "unopenable", id).await;
        assert_eq!(error_field(&answer), Some("envelope"), "{answer}");
    }
    // Bytes that are not even well-formed are refused the same way, naming the field, never a 500.
    let mut off_curve = URL_SAFE_NO_PAD.decode(&envelope.epk).unwrap();
    off_curve[64] ^= 1;
    for (field, value, named) in [
        ("epk", "not base64!".to_string(), "envelope.epk"),
        ("epk", URL_SAFE_NO_PAD.encode(off_curve), "envelope.epk"),
        ("epk", URL_SAFE_NO_PAD.encode([4u8; 65]), "envelope.epk"),
        ("epk", String::new(), "envelope.epk"),
        ("iv", URL_SAFE_NO_PAD.encode([0u8; 16]), "envelope.iv"),
        ("iv", format!("{}=", envelope.iv), "envelope.iv"),
        ("ciphertext", String::new(), "envelope"),
        ("ciphertext", "%%%".into(), "envelope.ciphertext"),
    ] {
        let answer = refused(&desk, &with_envelope(&sealed, field, &value), "unopenable", id).await;
        assert_eq!(error_field(&answer), Some(named), "{field} {value:?}: {answer}");
    }
    // And the original still goes through.
    assert_eq!(desk.post_json("/api/v1/captures", &sealed).await.0, 201);
}

#[tokio::test]
async fn an_envelope_moved_under_another_id_or_hash_does_not_open() {
    let desk = Desk::start().await;
    let a = submission(&new_id());
    let b = submission(&new_id());
    let sealed_a = desk.to_value(&a);
    // B's id, hash and valid signature around A's envelope.
    let mut moved = desk.to_value(&b);
    moved["envelope"] = sealed_a["envelope"].clone();
    refused(&desk, &moved, "unopenable", Some(&b.capture.id)).await;
    // A's envelope under A's id but another hash.
    let mut rehashed = sealed_a.clone();
    rehashed["sha256"] = json!(b.sha256);
    refused(&desk, &rehashed, "unopenable", Some(&a.capture.id)).await;
    // Not a UUID outside: refused all the same, and what was sent is not journalled as an object.
    let mut renamed = sealed_a.clone();
    renamed["id"] = json!("Betjent Hansen");
    refused(&desk, &renamed, "unopenable", Some("-")).await;
}

#[tokio::test]
async fn a_plaintext_submission_is_refused_as_not_sealed() {
    let desk = Desk::start().await;
    let sent = submission(&new_id());
    let plain = serde_json::to_value(&sent).unwrap();
    let answer = refused(&desk, &plain, "not_sealed", None).await;
    assert_eq!(error_field(&answer), Some("capture"));
    assert!(error_message(&answer).contains("seal-key"), "{answer}");
    // Even with an envelope beside it.
    let mut both = desk.to_value(&sent);
    both["capture"] = plain["capture"].clone();
    refused(&desk, &both, "not_sealed", None).await;
    // In a batch, answered on its own.
    let request = batch(vec![plain, desk.to_value(&sent)]);
    let (status, body) = desk.post_json("/api/v1/captures/batch", &request).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["results"][0]["status"], 422);
    assert_eq!(body["results"][0]["error"]["code"], "not_sealed");
    assert_eq!(body["results"][1]["status"], 201);
    assert_eq!(body["results"][1]["id"], sent.capture.id.as_str());
    assert_eq!(desk.table().await.captures.len(), 1);
}

#[tokio::test]
async fn the_id_inside_must_be_the_id_outside() {
    let desk = Desk::start().await;
    let sent = submission(&new_id());
    let outside = new_id();
    // Everything outside is right for `outside` (its signature too); the capture inside is another.
    let mut relabelled = sent.clone();
    relabelled.capture.id = outside.clone();
    let signature = sign(relabelled).signature;
    let plaintext = serde_json::to_vec(&sent.capture).unwrap();
    let key = &desk.seal_key;
    let envelope = spoc_desk::seal::seal(&key.public_key, &key.kid, &outside, &sent.sha256, &plaintext);
    let body = json!({
        "id": outside, "sha256": sent.sha256, "envelope": envelope, "signature": signature,
    });
    let answer = refused(&desk, &body, "id_mismatch", None).await;
    assert_eq!(error_field(&answer), Some("id"));
}

#[tokio::test]
async fn what_opens_is_then_checked_as_any_capture() {
    let desk = Desk::start().await;
    let sent = submission(&new_id());
    let key = &desk.seal_key;
    let sealed_bytes = |plaintext: &[u8]| {
        let envelope = spoc_desk::seal::seal(
            &key.public_key,
            &key.kid,
            &sent.capture.id,
            &sent.sha256,
            plaintext,
        );
        json!({
            "id": sent.capture.id, "sha256": sent.sha256, "envelope": envelope, "signature": sent.signature,
        })
    };
    let answer = refused(&desk, &sealed_bytes(b"{\"id\": "), "invalid_shape", None).await;
    assert_eq!(error_field(&answer), Some("envelope.ciphertext"));
    let answer = refused(&desk, &sealed_bytes(b"42"), "invalid_shape", None).await;
    assert_eq!(error_field(&answer), Some("capture"));
    // A whole submission sealed where only its capture belongs.
    let whole = serde_json::to_vec(&sent).unwrap();
    refused(&desk, &sealed_bytes(&whole), "invalid_shape", None).await;
}

#[tokio::test]
async fn a_bad_signature_on_a_sealed_submission_is_refused() {
    let desk = Desk::start().await;
    // Signed by the other officer's device, sent by this officer.
    let borrowed = sign_as(Submission::new(capture(&new_id())).unwrap(), OTHER_OFFICER);
    let id = borrowed.capture.id.clone();
    refused(&desk, &desk.to_value(&borrowed), "device_not_yours", Some(&id)).await;
    // A signature over another capture's id and hash.
    let mut moved = desk.to_value(&submission(&new_id()));
    let other = desk.to_value(&submission(&new_id()));
    moved["signature"] = other["signature"].clone();
    let id = moved["id"].as_str().unwrap().to_string();
    let answer = refused(&desk, &moved, "bad_signature", Some(&id)).await;
    assert_eq!(error_field(&answer), Some("signature.value"));
    let mut unsigned = moved.clone();
    unsigned.as_object_mut().unwrap().remove("signature");
    refused(&desk, &unsigned, "signature_required", Some(&id)).await;
}

#[tokio::test]
async fn after_a_rotation_the_new_key_is_handed_out_and_the_old_still_opens() {
    let mut desk = Desk::start().await;
    let old_key = desk.seal_key.clone();
    // Sealed on a device before the rotation, still in its queue.
    let queued = submission(&new_id());
    let sealed_before = desk.to_value(&queued);

    let said = cli::run(&desk.config, Command::Key(KeyCommand::Rotate))
        .await
        .unwrap();
    let new_key = desk.fetch_seal_key().await;
    assert_ne!(new_key, old_key);
    assert!(said.contains(&new_key.kid), "{said}");
    let listed = cli::run(&desk.config, Command::Key(KeyCommand::List))
        .await
        .unwrap();
    let lines: Vec<Vec<&str>> = listed.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 2, "{listed}");
    assert_eq!((lines[0][0], lines[0][2]), (new_key.kid.as_str(), "active"));
    assert_eq!(lines[1][0], old_key.kid);
    assert_ne!(lines[1][2], "active", "{listed}");

    let (status, body) = desk.post_json("/api/v1/captures", &sealed_before).await;
    assert_eq!(status, 201, "{body}");
    desk.seal_key = new_key;
    let (status, body) = desk.submit(&submission(&new_id())).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(desk.table().await.captures.len(), 2);
    let rotations: Vec<Value> = desk
        .journal()
        .await
        .into_iter()
        .filter(|e| e["action"] == "seal_key.rotate")
        .collect();
    assert_eq!(rotations.len(), 1, "{rotations:?}");
    assert_eq!(rotations[0]["object"], desk.seal_key.kid.as_str());
    assert_eq!(rotations[0]["actor"], "cli");
}
