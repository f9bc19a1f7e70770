//! The first assessment: a short link resolved by an operator links the capture from then on, once,
//! journalled without the identifier; "first assessment done" with a note, once, journalled without
//! the note; and only spoc accounts may do either.

mod common;

use common::*;
use reqwest::Method;
use serde_json::{json, Value};
use spoc_core::api::Submission;
use spoc_core::desk::Role;
use spoc_core::{District, Platform};

const SHORT: &str = "https://vm.tiktok.com/ZMabc123/";

async fn submit(desk: &Desk, raws: &[(&str, Option<Platform>)], district: District) -> String {
    let mut capture = capture_with_identifiers(&new_id(), raws);
    capture.officer.district = Some(district);
    let sent = sign(Submission::new(capture).unwrap());
    let (status, body) = desk.submit(&sent).await;
    assert_eq!(status, 201, "{body}");
    sent.capture.id
}

async fn post(desk: &Desk, client: &reqwest::Client, path: &str, body: Value) -> (u16, Value) {
    desk.send_as(client, Method::POST, path, Some(&body)).await
}

fn kinds(detail: &Value) -> Vec<String> {
    detail["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_resolved_short_link_links_the_capture_from_then_on_once_and_journalled() {
    let desk = Desk::start().await;
    let with_short = submit(&desk, &[(SHORT, None)], District::Fyn).await;
    let other = submit(
        &desk,
        &[("@some.user", Some(Platform::Tiktok))],
        District::Nordjylland,
    )
    .await;
    let operator = desk.client_of(Role::Spoc).await;
    let (_, before) = desk
        .get_as(&operator, &format!("/api/v1/desk/captures/{with_short}"))
        .await;
    assert!(kinds(&before).contains(&"unresolved_short_link".to_string()));
    assert_eq!(before["links"], json!([]));

    let path = format!("/api/v1/desk/captures/{with_short}/short-links");
    let (status, detail) = post(
        &desk,
        &operator,
        &path,
        json!({ "short_link": SHORT, "resolved": "https://www.tiktok.com/@Some.User" }),
    )
    .await;
    assert_eq!(status, 200, "{detail}");
    let resolved = &detail["resolved_short_links"][0];
    assert_eq!(resolved["short_link"], SHORT);
    assert_eq!(resolved["identifier"]["value"], "@some.user");
    assert_eq!(resolved["identifier"]["platform"], "tiktok");
    assert!(!resolved["by"].as_str().unwrap().is_empty());
    assert!(!kinds(&detail).contains(&"unresolved_short_link".to_string()));
    // Linked from then on: the detail, the inbox and the identifier's page know it.
    assert_eq!(detail["links"][0]["captures"][0]["id"], other.as_str());
    let (_, inbox) = desk.get_as(&operator, "/api/v1/desk/inbox").await;
    let line = inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == with_short.as_str())
        .unwrap()
        .clone();
    assert_eq!(line["linked"], 1);
    assert_eq!(line["findings"], kinds(&detail).len());
    let (_, page) = desk
        .get_as(
            &operator,
            "/api/v1/desk/identifiers/tiktok%7Cusername%7C%40some.user",
        )
        .await;
    assert_eq!(page["captures"].as_array().unwrap().len(), 2);

    // Once: a second resolution (even to something else) changes nothing.
    let (status, body) = post(
        &desk,
        &operator,
        &path,
        json!({ "short_link": SHORT, "resolved": "@someone.else", "platform": "tiktok" }),
    )
    .await;
    assert_eq!((status, error_code(&body)), (409, "already_done"));
    let (_, after) = desk
        .get_as(&operator, &format!("/api/v1/desk/captures/{with_short}"))
        .await;
    assert_eq!(after["resolved_short_links"].as_array().unwrap().len(), 1);

    let entries = desk.journal().await;
    let resolutions: Vec<&Value> = entries
        .iter()
        .filter(|e| e["action"] == "capture.short_link")
        .collect();
    assert_eq!(resolutions.len(), 1);
    assert_eq!(resolutions[0]["object"], with_short.as_str());
    assert_eq!(resolutions[0]["detail"], "tiktok username");
    assert!(!entries.iter().any(|e| e.to_string().contains("some.user")));
}

#[tokio::test]
async fn a_resolution_says_what_it_refuses() {
    let desk = Desk::start().await;
    let id = submit(
        &desk,
        &[(SHORT, None), ("@held", Some(Platform::Tiktok))],
        District::Fyn,
    )
    .await;
    let operator = desk.client_of(Role::Spoc).await;
    let path = format!("/api/v1/desk/captures/{id}/short-links");
    for (body, field) in [
        (
            json!({ "short_link": "https://vm.tiktok.com/other/", "resolved": "@a.b", "platform": "tiktok" }),
            "short_link",
        ),
        // A handle the capture holds is not a short link.
        (
            json!({ "short_link": "@held", "resolved": "@a.b", "platform": "tiktok" }),
            "short_link",
        ),
        (
            json!({ "short_link": SHORT, "resolved": "https://vm.tiktok.com/ZMxyz/" }),
            "resolved",
        ),
        (
            json!({ "short_link": SHORT, "resolved": "Sofie Jensen", "platform": "tiktok" }),
            "resolved",
        ),
        (json!({ "short_link": SHORT, "resolved": "" }), "resolved"),
    ] {
        let (status, answer) = post(&desk, &operator, &path, body.clone()).await;
        assert_eq!(
            (status, error_field(&answer)),
            (422, Some(field)),
            "{body}: {answer}"
        );
    }
    let (status, _) = post(
        &desk,
        &operator,
        &format!("/api/v1/desk/captures/{}/short-links", new_id()),
        json!({ "short_link": SHORT, "resolved": "@a.b", "platform": "tiktok" }),
    )
    .await;
    assert_eq!(status, 404);
    // Nothing of the refusals was stored.
    let (_, detail) = desk
        .get_as(&operator, &format!("/api/v1/desk/captures/{id}"))
        .await;
    assert_eq!(detail["resolved_short_links"], json!([]));
    assert!(!desk
        .journal()
        .await
        .iter()
        .any(|e| e["action"] == "capture.short_link"));
}

#[tokio::test]
async fn the_first_assessment_is_marked_done_once_with_its_note() {
    let desk = Desk::start().await;
    let id = submit(&desk, &[("@some.user", Some(Platform::Tiktok))], District::Fyn).await;
    let operator = desk.client_of(Role::Spoc).await;
    let path = format!("/api/v1/desk/captures/{id}/assessment");
    let (status, body) = post(&desk, &operator, &path, json!({ "note": "   " })).await;
    assert_eq!((status, error_field(&body)), (422, Some("note")));

    let (status, detail) = post(
        &desk,
        &operator,
        &path,
        json!({ "note": "Samme konto som i sag 4711" }),
    )
    .await;
    assert_eq!(status, 200, "{detail}");
    assert_eq!(detail["assessment"]["note"], "Samme konto som i sag 4711");
    assert!(!detail["assessment"]["at"].as_str().unwrap().is_empty());

    let (status, body) = post(&desk, &operator, &path, json!({ "note": "again" })).await;
    assert_eq!((status, error_code(&body)), (409, "already_done"));
    let (_, detail) = desk
        .get_as(&operator, &format!("/api/v1/desk/captures/{id}"))
        .await;
    assert_eq!(detail["assessment"]["note"], "Samme konto som i sag 4711");

    let entries = desk.journal().await;
    let done: Vec<&Value> = entries
        .iter()
        .filter(|e| e["action"] == "capture.assessed")
        .collect();
    assert_eq!(done.len(), 1);
    assert_eq!(done[0]["object"], id.as_str());
    assert!(!entries.iter().any(|e| e.to_string().contains("4711")));
}

#[tokio::test]
async fn only_a_spoc_account_resolves_or_assesses() {
    let desk = Desk::start().await;
    let id = submit(&desk, &[(SHORT, None)], District::Fyn).await;
    let resolve = (
        format!("/api/v1/desk/captures/{id}/short-links"),
        json!({ "short_link": SHORT, "resolved": "@a.b", "platform": "tiktok" }),
    );
    let assess = (
        format!("/api/v1/desk/captures/{id}/assessment"),
        json!({ "note": "ok" }),
    );
    for (path, body) in [&resolve, &assess] {
        let (status, _) = post(&desk, &client_with(None), path, body.clone()).await;
        assert_eq!(status, 401, "{path}");
        for role in [Role::Officer, Role::Admin] {
            let (status, _) = post(&desk, &desk.client_of(role).await, path, body.clone()).await;
            assert_eq!(status, 403, "{role:?} {path}");
        }
    }
    let operator = desk.client_of(Role::Spoc).await;
    let (_, detail) = desk
        .get_as(&operator, &format!("/api/v1/desk/captures/{id}"))
        .await;
    assert_eq!(detail["resolved_short_links"], json!([]));
    assert_eq!(detail["assessment"], Value::Null);
    for (path, body) in [&resolve, &assess] {
        let (status, answer) = post(&desk, &operator, path, body.clone()).await;
        assert_eq!(status, 200, "{path}: {answer}");
    }
}
