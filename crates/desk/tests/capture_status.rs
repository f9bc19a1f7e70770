//! `POST /api/v1/captures/status`: what comes back to the officer's device. Only the caller's own
//! captures, only status, reason and time — an unknown id and another officer's id look the same
//! (left out) — and every bad request a clear 4xx naming the field.

mod common;

use common::*;
use reqwest::Method;
use serde_json::{json, Value};
use spoc_core::desk::Role;

const PATH: &str = "/api/v1/captures/status";

async fn statuses(desk: &Desk, client: &reqwest::Client, ids: &[&str]) -> (u16, Value) {
    desk.send_as(client, Method::POST, PATH, Some(&json!({ "ids": ids })))
        .await
}

/// `id → (status, reason, changed_at)` of an answer.
fn by_id(body: &Value) -> Vec<(String, String, Option<String>, String)> {
    body["statuses"]
        .as_array()
        .unwrap_or_else(|| panic!("no statuses in {body}"))
        .iter()
        .map(|s| {
            (
                s["id"].as_str().unwrap().to_string(),
                s["status"].as_str().unwrap().to_string(),
                s["reason"].as_str().map(String::from),
                s["changed_at"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

async fn move_to(desk: &Desk, operator: &reqwest::Client, id: &str, from: &str, to: &str, reason: &str) {
    let mut body = json!({ "from": from, "to": to });
    if !reason.is_empty() {
        body["reason"] = json!(reason);
    }
    let path = format!("/api/v1/desk/captures/{id}/status");
    let (status, answer) = desk.send_as(operator, Method::POST, &path, Some(&body)).await;
    assert_eq!(status, 200, "{answer}");
}

#[tokio::test]
async fn the_officer_sees_each_move_of_their_own_capture_and_nothing_of_its_content() {
    let desk = Desk::start().await;
    let sent = submission(&new_id());
    let (status, receipt) = desk.submit(&sent).await;
    assert_eq!(status, 201);
    let id = sent.capture.id.as_str();

    let (status, body) = statuses(&desk, &desk.client, &[id]).await;
    assert_eq!(status, 200, "{body}");
    let received_at = receipt["received_at"].as_str().unwrap().to_string();
    assert_eq!(
        by_id(&body),
        [(id.to_string(), "received".to_string(), None, received_at.clone())],
        "before any move, the time is the receipt's"
    );
    // Status, reason and time only: not the journal number, not the hash, not the capture.
    let keys: Vec<&String> = body["statuses"][0].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["changed_at", "id", "status"]);
    assert!(!body.to_string().contains(&sent.capture.journal_number));

    let operator = desk.client_of(Role::Spoc).await;
    let mut last_change = received_at;
    for (from, to) in [
        ("received", "preservation_sent"),
        ("preservation_sent", "confirmed"),
    ] {
        move_to(&desk, &operator, id, from, to, "").await;
        let (status, body) = statuses(&desk, &desk.client, &[id]).await;
        assert_eq!(status, 200);
        let (_, seen, reason, changed_at) = by_id(&body).remove(0);
        assert_eq!((seen.as_str(), reason), (to, None));
        // RFC 3339 UTC text of one fixed width, so text order is time order.
        assert!(changed_at >= last_change, "{changed_at} after {last_change}");
        assert!(changed_at.ends_with('Z'), "{changed_at}");
        last_change = changed_at;
    }

    move_to(
        &desk,
        &operator,
        id,
        "confirmed",
        "rejected",
        "Dublet af 2026-4471",
    )
    .await;
    let (_, body) = statuses(&desk, &desk.client, &[id]).await;
    let (_, seen, reason, _) = by_id(&body).remove(0);
    assert_eq!(
        (seen.as_str(), reason.as_deref()),
        ("rejected", Some("Dublet af 2026-4471"))
    );

    // Reopened: the old reason is not shown with a status it does not belong to.
    move_to(&desk, &operator, id, "rejected", "triaged", "").await;
    move_to(&desk, &operator, id, "triaged", "closed", "").await;
    let (_, body) = statuses(&desk, &desk.client, &[id]).await;
    let (_, seen, reason, _) = by_id(&body).remove(0);
    assert_eq!((seen.as_str(), reason), ("closed", None));
}

#[tokio::test]
async fn another_officers_capture_and_an_unknown_id_are_left_out_alike() {
    let desk = Desk::start().await;
    let mine = submission(&new_id());
    assert_eq!(desk.submit(&mine).await.0, 201);
    let other = desk.sign_in(OTHER_OFFICER).await;
    let theirs = sign_as(submission(&new_id()), OTHER_OFFICER);
    let (status, _) = desk
        .send_as(
            &other,
            Method::POST,
            "/api/v1/captures",
            Some(&desk.to_value(&theirs)),
        )
        .await;
    assert_eq!(status, 201);
    let unknown = new_id();
    let (mine, theirs) = (mine.capture.id.as_str(), theirs.capture.id.as_str());

    let (status, body) = statuses(&desk, &desk.client, &[theirs, mine, &unknown, mine]).await;
    assert_eq!(status, 200, "{body}");
    let ids: Vec<String> = by_id(&body).into_iter().map(|(id, ..)| id).collect();
    assert_eq!(ids, [mine], "a repeated id once, the other two left out");

    // The other officer sees theirs, and nothing of Anna's.
    let (_, body) = statuses(&desk, &other, &[theirs, mine]).await;
    let ids: Vec<String> = by_id(&body).into_iter().map(|(id, ..)| id).collect();
    assert_eq!(ids, [theirs]);
    // An operator uses the endpoint for their own captures only; the desk views are theirs for the rest.
    let (status, body) = statuses(&desk, &desk.client_of(Role::Spoc).await, &[mine, theirs]).await;
    assert_eq!(
        (status, body["statuses"].as_array().map(Vec::len)),
        (200, Some(0))
    );

    // Asked, answered and journalled by counts only.
    let journal = desk.store.journal_page(None, 50).await.unwrap();
    let entry = journal
        .iter()
        .find(|e| e.action == "capture.statuses" && e.actor == OFFICER)
        .expect("the request is journalled");
    assert_eq!(
        (entry.object.as_str(), entry.detail.as_str()),
        ("-", "3 asked, 1 answered")
    );
}

#[tokio::test]
async fn bad_requests_are_refused_naming_the_field_and_signed_out_is_401() {
    let desk = Desk::start().await;
    let good = new_id();
    let many: Vec<String> = (0..101).map(|_| new_id()).collect();
    let cases: Vec<(Value, u16, &str, &str)> = vec![
        (json!({ "ids": [] }), 422, "invalid_ids", "ids"),
        (json!({ "ids": many }), 422, "invalid_ids", "ids"),
        (
            json!({ "ids": [good, "not-a-uuid"] }),
            422,
            "invalid_ids",
            "ids[1]",
        ),
        (
            json!({ "ids": ["ABCDEF00-0000-4000-8000-00000000000A"] }),
            422,
            "invalid_ids",
            "ids[0]",
        ),
        (json!({ "ids": [good, 7] }), 422, "invalid_shape", "ids[1]"),
        (json!({ "ids": good }), 422, "invalid_shape", "ids"),
        (
            json!({ "ids": [good], "journal_number": "x" }),
            422,
            "invalid_shape",
            "journal_number",
        ),
        (json!({}), 422, "invalid_shape", "."),
    ];
    for (body, status, code, field) in cases {
        let (got, answer) = desk.send_as(&desk.client, Method::POST, PATH, Some(&body)).await;
        assert_eq!(got, status, "{body} → {answer}");
        assert_eq!(error_code(&answer), code, "{body} → {answer}");
        assert_eq!(error_field(&answer).unwrap_or("."), field, "{body} → {answer}");
        assert!(!error_message(&answer).is_empty());
    }
    let (status, answer) = desk
        .post_raw(PATH, Some("application/json"), b"{\"ids\": [".to_vec())
        .await;
    assert_eq!((status, error_code(&answer)), (400, "invalid_json"));

    let (status, answer) = statuses(&desk, &client_with(None), &[&good]).await;
    assert_eq!((status, error_code(&answer)), (401, "signed_out"));
    let (status, answer) = statuses(&desk, &desk.client_of(Role::Admin).await, &[&good]).await;
    assert_eq!((status, error_code(&answer)), (403, "forbidden"));
}
