//! Who may do what, on every endpoint and every object: the full role × endpoint matrix, with every
//! refusal checked for its status and code, and checked to have changed nothing.

mod common;

use common::*;
use reqwest::Method;
use serde_json::{json, Value};
use spoc_core::desk::Role;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Actor {
    SignedOut,
    /// The first admin, still on its one-time password.
    OneTimePassword,
    Owner,
    OtherOfficer,
    Operator,
    Admin,
}

use Actor::*;

/// What each actor gets: (status, error code or "" for success).
struct Row {
    method: Method,
    path: String,
    body: Option<Value>,
    allowed: &'static [Actor],
    /// Status for an allowed actor.
    ok: u16,
}

fn expected(row: &Row, actor: Actor) -> (u16, &'static str) {
    match actor {
        _ if row.allowed.contains(&actor) => (row.ok, ""),
        SignedOut => (401, "signed_out"),
        OneTimePassword => (403, "password_change_required"),
        // An officer asking for another officer's capture is told it does not exist.
        OtherOfficer if row.path.starts_with("/api/v1/captures/") && row.method == Method::GET => {
            (404, "not_found")
        }
        _ => (403, "forbidden"),
    }
}

#[tokio::test]
async fn every_role_on_every_endpoint() {
    let desk = Desk::start().await;
    // Officer Anna's capture is the object everyone reaches for.
    let owned = submission(&new_id());
    assert_eq!(desk.submit(&owned).await.0, 201);
    let id = owned.capture.id.clone();
    let spare = "spare.erik";
    let (status, _) = desk
        .send_as(
            &desk.client_of(Role::Admin).await,
            Method::POST,
            "/api/v1/accounts",
            Some(&json!({ "username": spare, "display_name": "Erik", "role": "officer" })),
        )
        .await;
    assert_eq!(status, 201);

    let first_admin = client_with(Some(
        &desk
            .session_cookie("admin", &desk.first_admin_password)
            .await
            .expect("first admin signs in"),
    ));
    let clients = [
        (SignedOut, client_with(None)),
        (OneTimePassword, first_admin),
        (Owner, desk.client.clone()),
        (OtherOfficer, desk.sign_in(OTHER_OFFICER).await),
        (Operator, desk.client_of(Role::Spoc).await),
        (Admin, desk.client_of(Role::Admin).await),
    ];
    let submitters: &[Actor] = &[Owner, OtherOfficer, Operator];
    let operators: &[Actor] = &[Operator];
    let admins: &[Actor] = &[Admin];
    let anyone: &[Actor] = &[OneTimePassword, Owner, OtherOfficer, Operator, Admin];
    let everyone: &[Actor] = &[SignedOut, OneTimePassword, Owner, OtherOfficer, Operator, Admin];
    let rows = |new_capture: Value| {
        vec![
            Row {
                method: Method::POST,
                path: "/api/v1/captures".into(),
                body: Some(new_capture.clone()),
                allowed: submitters,
                ok: 201,
            },
            Row {
                method: Method::POST,
                path: "/api/v1/captures/batch".into(),
                body: Some(batch(vec![new_capture])),
                allowed: submitters,
                ok: 200,
            },
            Row {
                method: Method::GET,
                path: format!("/api/v1/captures/{id}"),
                body: None,
                allowed: &[Owner, Operator],
                ok: 200,
            },
            // Every sender may ask; each is answered about their own captures only.
            Row {
                method: Method::POST,
                path: "/api/v1/captures/status".into(),
                body: Some(json!({ "ids": [id] })),
                allowed: submitters,
                ok: 200,
            },
            // A public key: a device fetches it before anyone has signed in on it.
            Row {
                method: Method::GET,
                path: "/api/v1/seal-key".into(),
                body: None,
                allowed: everyone,
                ok: 200,
            },
            Row {
                method: Method::GET,
                path: "/api/v1/session".into(),
                body: None,
                allowed: anyone,
                ok: 200,
            },
            Row {
                method: Method::GET,
                path: "/api/v1/desk/inbox".into(),
                body: None,
                allowed: operators,
                ok: 200,
            },
            Row {
                method: Method::GET,
                path: "/api/v1/desk/operators".into(),
                body: None,
                allowed: operators,
                ok: 200,
            },
            Row {
                method: Method::GET,
                path: format!("/api/v1/desk/captures/{id}"),
                body: None,
                allowed: operators,
                ok: 200,
            },
            Row {
                method: Method::PUT,
                path: format!("/api/v1/desk/captures/{id}/assignee"),
                body: Some(json!({ "assignee": OPERATOR })),
                allowed: operators,
                ok: 200,
            },
            Row {
                method: Method::POST,
                path: format!("/api/v1/desk/captures/{id}/notes"),
                body: Some(json!({ "text": "Ringet til distriktet" })),
                allowed: operators,
                ok: 200,
            },
            Row {
                method: Method::GET,
                path: format!("/api/v1/desk/captures/{id}/export?format=json"),
                body: None,
                allowed: operators,
                ok: 200,
            },
            Row {
                method: Method::GET,
                path: "/api/v1/desk/export?format=csv".into(),
                body: None,
                allowed: operators,
                ok: 200,
            },
            Row {
                method: Method::GET,
                path: "/api/v1/desk/lookup?q=%40some.user&platform=tiktok".into(),
                body: None,
                allowed: operators,
                ok: 200,
            },
            Row {
                method: Method::GET,
                path: "/api/v1/desk/deadlines".into(),
                body: None,
                allowed: operators,
                ok: 200,
            },
            Row {
                method: Method::GET,
                path: "/api/v1/desk/charts?days=7".into(),
                body: None,
                allowed: operators,
                ok: 200,
            },
            Row {
                method: Method::GET,
                path: "/api/v1/desk/charts/export?days=7".into(),
                body: None,
                allowed: operators,
                ok: 200,
            },
            Row {
                method: Method::GET,
                path: "/api/v1/accounts".into(),
                body: None,
                allowed: admins,
                ok: 200,
            },
            Row {
                method: Method::PATCH,
                path: format!("/api/v1/accounts/{spare}"),
                body: Some(json!({ "disabled": false })),
                allowed: admins,
                ok: 200,
            },
            Row {
                method: Method::POST,
                path: format!("/api/v1/accounts/{spare}/password"),
                body: None,
                allowed: admins,
                ok: 200,
            },
            Row {
                method: Method::GET,
                path: "/api/v1/journal".into(),
                body: None,
                allowed: admins,
                ok: 200,
            },
            // Last for the operator, so the earlier rows see the capture as received.
            Row {
                method: Method::POST,
                path: format!("/api/v1/desk/captures/{id}/status"),
                body: Some(json!({ "from": "received", "to": "triaged" })),
                allowed: operators,
                ok: 200,
            },
        ]
    };

    let mut checked = 0;
    for row_index in 0..rows(Value::Null).len() {
        for (actor, client) in &clients {
            // Each sender signs with their own device.
            let sender = match actor {
                OtherOfficer => OTHER_OFFICER,
                Operator => OPERATOR,
                _ => OFFICER,
            };
            let new_capture = sign_as(
                spoc_core::api::Submission::new(capture(&new_id())).unwrap(),
                sender,
            );
            let row = rows(desk.to_value(&new_capture)).swap_remove(row_index);
            let before = desk.table().await;
            let (status, body) = desk
                .send_as(client, row.method.clone(), &row.path, row.body.as_ref())
                .await;
            let (want_status, want_code) = expected(&row, *actor);
            assert_eq!(
                status, want_status,
                "{actor:?} {} {}: {body}",
                row.method, row.path
            );
            if !want_code.is_empty() {
                assert_eq!(
                    error_code(&body),
                    want_code,
                    "{actor:?} {} {}",
                    row.method,
                    row.path
                );
                assert_eq!(
                    desk.table().await,
                    before,
                    "a refused {} {} changed the captures",
                    row.method,
                    row.path
                );
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 22 * 6);

    // The refusals left the workflow alone: only the operator's move took.
    let operator = &clients[4].1;
    let (_, detail) = desk
        .get_as(operator, &format!("/api/v1/desk/captures/{id}"))
        .await;
    assert_eq!(detail["status"], "triaged");
    assert_eq!(detail["notes"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn the_event_stream_is_for_operators_only() {
    let desk = Desk::start().await;
    for (client, want) in [
        (client_with(None), 401),
        (desk.client.clone(), 403),
        (desk.client_of(Role::Admin).await, 403),
        (desk.client_of(Role::Spoc).await, 200),
    ] {
        // Headers only: a 200 is a stream that never ends.
        let response = client.get(desk.url("/api/v1/desk/events")).send().await.unwrap();
        assert_eq!(response.status().as_u16(), want);
        if want == 200 {
            assert_eq!(response.headers()["content-type"], "text/event-stream");
        }
    }
}

#[tokio::test]
async fn an_officer_sees_only_their_own_receipts() {
    let desk = Desk::start().await;
    let anna = submission(&new_id());
    assert_eq!(desk.submit(&anna).await.0, 201);
    let bent_client = desk.sign_in(OTHER_OFFICER).await;
    let bent = sign_as(
        spoc_core::api::Submission::new(capture(&new_id())).unwrap(),
        OTHER_OFFICER,
    );
    let (status, _) = desk
        .send_as(
            &bent_client,
            Method::POST,
            "/api/v1/captures",
            Some(&desk.to_value(&bent)),
        )
        .await;
    assert_eq!(status, 201);

    assert_eq!(
        desk.get(&format!("/api/v1/captures/{}", anna.capture.id)).await.0,
        200
    );
    let (status, body) = desk.get(&format!("/api/v1/captures/{}", bent.capture.id)).await;
    assert_eq!((status, error_code(&body)), (404, "not_found"));
    assert_eq!(
        desk.get_as(&bent_client, &format!("/api/v1/captures/{}", bent.capture.id))
            .await
            .0,
        200
    );
    let (status, _) = desk
        .get_as(&bent_client, &format!("/api/v1/captures/{}", anna.capture.id))
        .await;
    assert_eq!(status, 404);
}
