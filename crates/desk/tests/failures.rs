//! When storage fails the desk says so with a 503 the field app retries, and a bug (a panic) is a
//! JSON 500: never a dropped connection, never a receipt for something not stored.

mod common;

use std::sync::Arc;

use common::*;
use serde_json::Value;
use spoc_core::api::{StoredCapture, Submission};
use spoc_desk::store::{CaptureStore, Insert, StoreError};
use spoc_desk::AppState;

/// A database that is gone.
struct BrokenStore;

#[async_trait::async_trait]
impl CaptureStore for BrokenStore {
    async fn insert_or_get(&self, _: &Submission) -> Result<Insert, StoreError> {
        Err(StoreError::Database(sqlx::Error::PoolClosed))
    }
    async fn get(&self, _: &str) -> Result<Option<StoredCapture>, StoreError> {
        Err(StoreError::Database(sqlx::Error::PoolClosed))
    }
    async fn health_check(&self) -> Result<(), StoreError> {
        Err(StoreError::Database(sqlx::Error::PoolClosed))
    }
}

/// A store with a bug.
struct PanickingStore;

#[async_trait::async_trait]
impl CaptureStore for PanickingStore {
    async fn insert_or_get(&self, _: &Submission) -> Result<Insert, StoreError> {
        panic!("bug in the store")
    }
    async fn get(&self, _: &str) -> Result<Option<StoredCapture>, StoreError> {
        panic!("bug in the store")
    }
    async fn health_check(&self) -> Result<(), StoreError> {
        Ok(())
    }
}

async fn start(store: impl CaptureStore) -> (reqwest::Client, String) {
    let addr = serve_state(AppState {
        store: Arc::new(store),
        app_dir: std::path::Path::new("/nonexistent").into(),
    })
    .await;
    (
        reqwest::Client::builder().no_proxy().build().unwrap(),
        format!("http://{addr}"),
    )
}

async fn answer(response: reqwest::Response) -> (u16, Value) {
    (
        response.status().as_u16(),
        response.json().await.expect("a JSON body"),
    )
}

#[tokio::test]
async fn storage_failure_is_503_everywhere() {
    let (client, base) = start(BrokenStore).await;
    let sent = submission(&new_id());

    let (status, body) = answer(client.get(format!("{base}/api/v1/health")).send().await.unwrap()).await;
    assert_eq!((status, error_code(&body)), (503, "storage_unavailable"));
    // The cause is for the operators' log, not for the client.
    assert!(!error_message(&body).contains("pool"), "{body}");

    let (status, body) = answer(
        client
            .post(format!("{base}/api/v1/captures"))
            .json(&sent)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, error_code(&body)), (503, "storage_unavailable"));

    let request = batch(vec![to_value(&sent)]);
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
async fn invalid_input_is_refused_before_storage_is_touched() {
    // Even with storage down, a bad submission is a 422: the client must not retry it forever.
    let (client, base) = start(BrokenStore).await;
    let mut value = to_value(&submission(&new_id()));
    value["sha256"] = Value::String("0".repeat(64));
    let (status, body) = answer(
        client
            .post(format!("{base}/api/v1/captures"))
            .json(&value)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, error_code(&body)), (422, "hash_mismatch"));
}

#[tokio::test]
async fn a_panic_is_a_json_500() {
    let (client, base) = start(PanickingStore).await;
    let sent = submission(&new_id());
    let (status, body) = answer(
        client
            .post(format!("{base}/api/v1/captures"))
            .json(&sent)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, error_code(&body)), (500, "internal"));
    // The desk is still there.
    let (status, _) = answer(client.get(format!("{base}/api/v1/health")).send().await.unwrap()).await;
    assert_eq!(status, 200);
}
