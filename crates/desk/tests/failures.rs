//! When storage fails the desk says so with a 503 the field app retries: never a dropped connection,
//! never a receipt for something not stored, and never a 401 that would send an officer to sign in
//! again for nothing.

mod common;

use common::*;
use serde_json::Value;
use spoc_desk::store::{SessionPolicy, Store};
use spoc_desk::AppState;

/// A database that is gone: its pool closed under the desk.
async fn broken_store() -> (Store, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&TestDb::new(dir.path()).await.url).await.unwrap();
    store.close().await;
    (store, dir)
}

async fn start() -> (reqwest::Client, String, tempfile::TempDir) {
    let (store, dir) = broken_store().await;
    let addr = serve_state(AppState::new(
        store,
        std::path::Path::new("/nonexistent"),
        SessionPolicy::default(),
    ))
    .await;
    // A well-formed session cookie: the desk cannot look it up, which is not the same as "no session".
    let cookie = format!("__Host-spoc_session={}", "ab".repeat(32));
    (client_with(Some(&cookie)), format!("http://{addr}"), dir)
}

async fn answer(response: reqwest::Response) -> (u16, Value) {
    (
        response.status().as_u16(),
        response.json().await.expect("a JSON body"),
    )
}

#[tokio::test]
async fn storage_failure_is_503_everywhere() {
    let (client, base, _dir) = start().await;
    let sent = submission(&new_id());
    // Sealed to a key of its own: the desk cannot read its keys either.
    let sealed = seal_value(
        &spoc_desk::seal::generate().1,
        serde_json::to_value(&sent).unwrap(),
    );

    let (status, body) = answer(client.get(format!("{base}/api/v1/health")).send().await.unwrap()).await;
    assert_eq!((status, error_code(&body)), (503, "storage_unavailable"));
    // The cause is for the operators' log, not for the client.
    assert!(!error_message(&body).contains("pool"), "{body}");

    let (status, body) = answer(
        client
            .post(format!("{base}/api/v1/captures"))
            .json(&sealed)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, error_code(&body)), (503, "storage_unavailable"));

    let request = batch(vec![sealed]);
    let (status, body) = answer(
        client
            .post(format!("{base}/api/v1/captures/batch"))
            .json(&request)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, error_code(&body)), (503, "storage_unavailable"));

    let (status, body) = answer(
        client
            .get(format!("{base}/api/v1/captures/{}", sent.capture.id))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, error_code(&body)), (503, "storage_unavailable"));
}

#[tokio::test]
async fn signing_in_with_storage_down_is_503_not_401() {
    let (client, base, _dir) = start().await;
    let (status, body) = answer(
        client
            .post(format!("{base}/api/v1/session"))
            .json(&serde_json::json!({ "username": OFFICER, "password": PASSWORD }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, error_code(&body)), (503, "storage_unavailable"));
    let (status, body) = answer(
        client
            .get(format!("{base}/api/v1/desk/inbox"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, error_code(&body)), (503, "storage_unavailable"));
}
