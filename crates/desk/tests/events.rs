//! Live inbox: an open event stream hears of a capture within 2 seconds of it being stored, and of a
//! workflow change; events carry ids, never content. Each event's `id:` is its journal number, so a
//! stream that reconnects with `Last-Event-ID` is told what it missed; on PostgreSQL the desk's own
//! `LISTEN` connection comes back by itself after the database drops it.

mod common;

use std::time::Duration;

use common::sse::*;
use common::*;
use futures_util::StreamExt;
use reqwest::Method;
use serde_json::json;
use spoc_core::desk::Role;

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

#[tokio::test]
async fn a_stream_that_reconnects_with_last_event_id_is_told_what_it_missed_first() {
    let desk = Desk::start().await;
    let operator = desk.client_of(Role::Spoc).await;
    let first = sign(spoc_core::api::Submission::new(capture(&new_id())).unwrap());
    let response = operator
        .get(desk.url("/api/v1/desk/events"))
        .send()
        .await
        .unwrap();
    let mut stream = response.bytes_stream();
    assert_eq!(desk.submit(&first).await.0, 201);
    let seen = expect_event(&mut stream, &first.capture.id).await;
    let (last_id, _) = capture_events(&seen)[0].clone();
    drop(stream);

    // While the view is away: two captures and a move.
    let missed: Vec<_> = (0..2)
        .map(|_| sign(spoc_core::api::Submission::new(capture(&new_id())).unwrap()))
        .collect();
    for sent in &missed {
        assert_eq!(desk.submit(sent).await.0, 201);
    }
    let change = json!({ "from": "received", "to": "triaged" });
    let path = format!("/api/v1/desk/captures/{}/status", first.capture.id);
    assert_eq!(
        desk.send_as(&operator, Method::POST, &path, Some(&change))
            .await
            .0,
        200
    );

    let response = operator
        .get(desk.url("/api/v1/desk/events"))
        .header("last-event-id", last_id.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let mut stream = response.bytes_stream();
    let seen = expect_event(&mut stream, &format!("\"id\":\"{}\"", first.capture.id)).await;
    let told = capture_events(&seen);
    let ids: Vec<&str> = told.iter().map(|(_, e)| e["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [&missed[0].capture.id, &missed[1].capture.id, &first.capture.id]
    );
    assert!(told.windows(2).all(|w| w[0].0 < w[1].0), "ids in order: {told:?}");
    assert!(told[0].0 > last_id);

    // Then what happens next, once.
    let next = sign(spoc_core::api::Submission::new(capture(&new_id())).unwrap());
    assert_eq!(desk.submit(&next).await.0, 201);
    let seen = expect_event(&mut stream, &next.capture.id).await;
    let told = capture_events(&seen);
    assert_eq!(told.len(), 1, "{seen}");

    // Nothing missed: nothing told.
    let up_to_date = operator
        .get(desk.url("/api/v1/desk/events"))
        .header("last-event-id", told[0].0.to_string())
        .send()
        .await
        .unwrap();
    let mut stream = up_to_date.bytes_stream();
    let quiet = tokio::time::timeout(Duration::from_millis(500), stream.next()).await;
    assert!(quiet.is_err(), "an event for nothing new: {quiet:?}");
}

#[tokio::test]
async fn a_bad_last_event_id_is_a_400_and_too_much_missed_is_one_resync() {
    let desk = Desk::start().await;
    let operator = desk.client_of(Role::Spoc).await;
    let (status, body) = read(
        operator
            .get(desk.url("/api/v1/desk/events"))
            .header("last-event-id", "seven")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, error_code(&body), error_field(&body)),
        (400, "invalid_query", Some("Last-Event-ID"))
    );

    for _ in 0..3 {
        assert_eq!(desk.submit(&submission(&new_id())).await.0, 201);
    }
    // The store tells at most `limit`; beyond it, the view should reload.
    let all = desk.store.events_since(0, 10).await.unwrap().unwrap();
    assert_eq!(all.len(), 3);
    assert_eq!(desk.store.events_since(0, 2).await.unwrap(), None);
    assert_eq!(
        desk.store.events_since(all[0].seq, 2).await.unwrap().unwrap(),
        all[1..]
    );
}

#[tokio::test]
async fn after_the_database_drops_the_desks_listener_the_stream_recovers_by_itself() {
    if !postgres_only("after_the_database_drops_the_desks_listener") {
        return;
    }
    let desk = Desk::start().await;
    let operator = desk.client_of(Role::Spoc).await;
    let response = operator
        .get(desk.url("/api/v1/desk/events"))
        .send()
        .await
        .unwrap();
    let mut stream = response.bytes_stream();
    let listeners = "SELECT COUNT(*) FROM pg_stat_activity \
        WHERE application_name = 'spoc-desk-listener' AND datname = current_database()";
    let mut raw = desk.raw().await;
    assert_eq!(
        raw.fetch_i64(listeners).await,
        1,
        "the desk holds one LISTEN connection"
    );

    // What a database restart or a network cut does to that connection.
    let dropped = raw
        .fetch_i64(
            "SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE application_name = 'spoc-desk-listener' AND datname = current_database()) t",
        )
        .await;
    assert_eq!(dropped, 1);
    // Sent while the listener is down or coming back: the journal tells it after the reconnect.
    let during = submission(&new_id());
    assert_eq!(desk.submit(&during).await.0, 201);
    expect_event_within(Duration::from_secs(10), &mut stream, &during.capture.id).await;
    assert_eq!(raw.fetch_i64(listeners).await, 1, "the listener is back");

    let after = submission(&new_id());
    assert_eq!(desk.submit(&after).await.0, 201);
    expect_event(&mut stream, &after.capture.id).await;
    raw.close().await;
}
