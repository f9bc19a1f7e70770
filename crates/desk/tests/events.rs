//! Live inbox: an open event stream hears of a capture within 2 seconds of it being stored, and of a
//! workflow change; events carry ids, never content.

mod common;

use std::time::Duration;

use common::*;
use futures_util::StreamExt;
use reqwest::Method;
use serde_json::json;
use spoc_core::desk::Role;

/// Reads the stream until `needle` shows up, or fails after 2 seconds.
async fn expect_event<B: AsRef<[u8]>>(
    stream: &mut (impl futures_util::Stream<Item = reqwest::Result<B>> + Unpin),
    needle: &str,
) -> String {
    let mut seen = String::new();
    let found = tokio::time::timeout(Duration::from_secs(2), async {
        while let Some(chunk) = stream.next().await {
            seen.push_str(&String::from_utf8_lossy(chunk.unwrap().as_ref()));
            if seen.contains(needle) {
                return;
            }
        }
    })
    .await;
    assert!(found.is_ok(), "no event with {needle} within 2 s; got {seen:?}");
    seen
}

#[tokio::test]
async fn an_open_inbox_hears_of_new_and_changed_captures() {
    let desk = Desk::start().await;
    let operator = desk.client_of(Role::Spoc).await;
    let response = operator
        .get(desk.url("/api/v1/desk/events"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let mut stream = response.bytes_stream();

    let mut capture = capture(&new_id());
    capture.notes = "INDHOLD-DER-IKKE-MÅ-SENDES".into();
    let sent = sign(spoc_core::api::Submission::new(capture).unwrap());
    assert_eq!(desk.submit(&sent).await.0, 201);
    let seen = expect_event(&mut stream, &sent.capture.id).await;
    assert!(seen.contains("event: capture"), "{seen}");
    assert!(!seen.contains("INDHOLD"), "{seen}");

    // A resend is not news.
    assert_eq!(desk.submit(&sent).await.0, 200);
    let quiet = tokio::time::timeout(Duration::from_millis(500), stream.next()).await;
    assert!(quiet.is_err(), "an event for a resend: {quiet:?}");

    let change = json!({ "from": "received", "to": "triaged" });
    let path = format!("/api/v1/desk/captures/{}/status", sent.capture.id);
    assert_eq!(
        desk.send_as(&operator, Method::POST, &path, Some(&change))
            .await
            .0,
        200
    );
    expect_event(&mut stream, &sent.capture.id).await;
}

#[tokio::test]
async fn the_stream_ends_when_its_session_does() {
    let desk = Desk::start().await;
    let cookie = desk.session_cookie(OPERATOR, PASSWORD).await.unwrap();
    let operator = client_with(Some(&cookie));
    let response = operator
        .get(desk.url("/api/v1/desk/events"))
        .send()
        .await
        .unwrap();
    let mut stream = response.bytes_stream();
    assert_eq!(
        operator
            .delete(desk.url("/api/v1/session"))
            .send()
            .await
            .unwrap()
            .status(),
        204
    );
    let ended = tokio::time::timeout(spoc_desk::http::desk::events::SESSION_CHECK * 2, async {
        while let Some(chunk) = stream.next().await {
            if chunk.is_err() {
                break;
            }
        }
    })
    .await;
    assert!(ended.is_ok(), "the stream outlived its session");
}
