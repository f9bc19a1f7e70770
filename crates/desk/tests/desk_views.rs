//! What an operator works with: the inbox's order and filters, workflow moves, assignment, notes,
//! the deadlines board and exports.

mod common;

use common::*;
use reqwest::Method;
use serde_json::{json, Value};
use spoc_core::api::Submission;
use spoc_core::capture::PreservationRequest;
use spoc_core::desk::Role;
use spoc_core::{CaseType, District, Platform, ZonedTime};

async fn submit(desk: &Desk, edit: impl FnOnce(&mut spoc_core::Capture)) -> String {
    let mut capture = capture(&new_id());
    edit(&mut capture);
    let sent = sign(Submission::new(capture).unwrap());
    assert_eq!(desk.submit(&sent).await.0, 201);
    sent.capture.id
}

fn ids(inbox: &Value) -> Vec<String> {
    inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn the_inbox_puts_threat_to_life_first_then_newest_and_finished_cases_last() {
    let desk = Desk::start().await;
    let routine = submit(&desk, |c| {
        c.case_type = CaseType::IntimateImageSharing;
        c.prosecution_request = Some(spoc_core::capture::ProsecutionRequest::Requested);
        c.flags.victim_minor = false;
        c.flags.ongoing = false;
    })
    .await;
    let threat = submit(&desk, |c| {
        c.case_type = CaseType::ThreatToLife;
        c.journal_number = String::new();
    })
    .await;
    let high_old = submit(&desk, |_| {}).await;
    let high_new = submit(&desk, |_| {}).await;
    let closed = submit(&desk, |c| c.case_type = CaseType::ThreatToLife).await;
    let operator = desk.client_of(Role::Spoc).await;
    let path = format!("/api/v1/desk/captures/{closed}/status");
    let (status, _) = desk
        .send_as(
            &operator,
            Method::POST,
            &path,
            Some(&json!({ "from": "received", "to": "closed" })),
        )
        .await;
    assert_eq!(status, 200);

    let (_, inbox) = desk.get_as(&operator, "/api/v1/desk/inbox").await;
    assert_eq!(ids(&inbox), [threat, high_new, high_old, routine, closed.clone()]);
    assert_eq!(inbox["items"][0]["urgency"], "critical");

    let (_, only_closed) = desk.get_as(&operator, "/api/v1/desk/inbox?status=closed").await;
    assert_eq!(ids(&only_closed), [closed]);
}

#[tokio::test]
async fn inbox_filters() {
    let desk = Desk::start().await;
    let fyn = submit(&desk, |_| {}).await;
    let bornholm_tiktok = submit(&desk, |c| {
        c.officer.district = Some(District::Bornholm);
        *c = capture_with_identifiers(&c.id, &[("@some.user", Some(Platform::Tiktok))]);
        c.officer.district = Some(District::Bornholm);
        c.case_type = CaseType::Grooming;
    })
    .await;
    let operator = desk.client_of(Role::Spoc).await;
    for (query, want) in [
        ("district=fyn", vec![fyn.clone()]),
        ("district=bornholm", vec![bornholm_tiktok.clone()]),
        ("platform=tiktok", vec![bornholm_tiktok.clone()]),
        (
            "case_type=grooming&platform=tiktok",
            vec![bornholm_tiktok.clone()],
        ),
        ("case_type=threat_to_life", vec![]),
        (
            "status=received&district=&platform=",
            vec![bornholm_tiktok.clone(), fyn.clone()],
        ),
    ] {
        let (status, inbox) = desk
            .get_as(&operator, &format!("/api/v1/desk/inbox?{query}"))
            .await;
        assert_eq!(status, 200);
        let mut got = ids(&inbox);
        let mut want = want;
        got.sort();
        want.sort();
        assert_eq!(got, want, "{query}");
    }
    for (query, field) in [
        ("status=lost", "status"),
        ("district=atlantis", "district"),
        ("platform=myspace", "platform"),
        ("case_type=x", "case_type"),
    ] {
        let (status, body) = desk
            .get_as(&operator, &format!("/api/v1/desk/inbox?{query}"))
            .await;
        assert_eq!((status, error_field(&body)), (400, Some(field)), "{query}");
    }
}

#[tokio::test]
async fn workflow_moves_are_checked_and_never_overwrite_another_operators_move() {
    let desk = Desk::start().await;
    let id = submit(&desk, |_| {}).await;
    let operator = desk.client_of(Role::Spoc).await;
    let path = format!("/api/v1/desk/captures/{id}/status");
    let send = |body: Value| {
        let operator = operator.clone();
        let path = path.clone();
        let desk = &desk;
        async move { desk.send_as(&operator, Method::POST, &path, Some(&body)).await }
    };

    let (status, detail) = send(json!({ "from": "received", "to": "preservation_sent" })).await;
    assert_eq!(
        (status, detail["status"].as_str()),
        (200, Some("preservation_sent"))
    );
    // A second operator still looking at "received".
    let (status, body) = send(json!({ "from": "received", "to": "triaged" })).await;
    assert_eq!((status, error_code(&body)), (409, "status_changed"));
    assert!(error_message(&body).contains("preservation_sent"));
    let (status, body) = send(json!({ "from": "preservation_sent", "to": "triaged" })).await;
    assert_eq!((status, error_field(&body)), (422, Some("to")));
    let (status, _) = send(json!({ "from": "preservation_sent", "to": "rejected" })).await;
    assert_eq!(status, 422, "a rejection needs a reason");
    let (status, detail) =
        send(json!({ "from": "preservation_sent", "to": "rejected", "reason": "Dublet af sag 12" })).await;
    assert_eq!(status, 200);
    assert_eq!(detail["rejection_reason"], "Dublet af sag 12");
    let (status, detail) = send(json!({ "from": "rejected", "to": "triaged" })).await;
    assert_eq!((status, detail["status"].as_str()), (200, Some("triaged")));
    let (status, body) = send(json!({ "from": "triaged", "to": "lost" })).await;
    assert_eq!((status, error_field(&body)), (422, Some("to")));
    let (status, body) = desk
        .send_as(
            &operator,
            Method::POST,
            &format!("/api/v1/desk/captures/{}/status", new_id()),
            Some(&json!({ "from": "received", "to": "triaged" })),
        )
        .await;
    assert_eq!((status, error_code(&body)), (404, "not_found"));
}

#[tokio::test]
async fn assignment_and_notes() {
    let desk = Desk::start().await;
    let id = submit(&desk, |_| {}).await;
    let operator = desk.client_of(Role::Spoc).await;
    let assign = format!("/api/v1/desk/captures/{id}/assignee");
    let (status, detail) = desk
        .send_as(
            &operator,
            Method::PUT,
            &assign,
            Some(&json!({ "assignee": OPERATOR })),
        )
        .await;
    assert_eq!((status, detail["assignee"].as_str()), (200, Some(OPERATOR)));
    let (_, inbox) = desk.get_as(&operator, "/api/v1/desk/inbox").await;
    assert_eq!(inbox["items"][0]["assignee"], OPERATOR);
    for nobody in [OFFICER, ADMIN, "no.such.person"] {
        let (status, body) = desk
            .send_as(
                &operator,
                Method::PUT,
                &assign,
                Some(&json!({ "assignee": nobody })),
            )
            .await;
        assert_eq!((status, error_field(&body)), (422, Some("assignee")), "{nobody}");
    }
    let (status, detail) = desk
        .send_as(
            &operator,
            Method::PUT,
            &assign,
            Some(&json!({ "assignee": null })),
        )
        .await;
    assert_eq!((status, detail["assignee"].clone()), (200, Value::Null));

    let notes = format!("/api/v1/desk/captures/{id}/notes");
    let (status, detail) = desk
        .send_as(
            &operator,
            Method::POST,
            &notes,
            Some(&json!({ "text": "  Ringet til Meta  " })),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(detail["notes"][0]["text"], "Ringet til Meta");
    assert_eq!(detail["notes"][0]["author"], OPERATOR);
    for bad in ["   ".to_string(), "x".repeat(4001)] {
        let (status, body) = desk
            .send_as(&operator, Method::POST, &notes, Some(&json!({ "text": bad })))
            .await;
        assert_eq!((status, error_field(&body)), (422, Some("text")));
    }
}

fn preservation(platform: Platform, at: &str) -> PreservationRequest {
    PreservationRequest {
        platform,
        requested_at: ZonedTime::new(at, "Europe/Copenhagen"),
        reference: "REF-1".into(),
    }
}

#[tokio::test]
async fn the_deadlines_board_lists_every_preservation_soonest_first() {
    let desk = Desk::start().await;
    let now = time::OffsetDateTime::now_utc();
    let offset = time::UtcOffset::from_hms(1, 0, 0).unwrap();
    let days_ago = |days: i64| {
        (now - time::Duration::days(days))
            .to_offset(offset)
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap()
    };
    // Instagram keeps 90 days (the pack): 100 days ago is overdue, 80 is inside the 14-day window,
    // 10 is running. Telegram's period is unknown.
    let overdue = submit(&desk, |c| {
        c.preservations = vec![preservation(Platform::Instagram, &days_ago(100))]
    })
    .await;
    let running = submit(&desk, |c| {
        c.preservations = vec![
            preservation(Platform::Instagram, &days_ago(10)),
            preservation(Platform::Telegram, &days_ago(1)),
        ]
    })
    .await;
    let renew = submit(&desk, |c| {
        c.preservations = vec![preservation(Platform::Instagram, &days_ago(80))]
    })
    .await;
    let rejected = submit(&desk, |c| {
        c.preservations = vec![preservation(Platform::Instagram, &days_ago(5))]
    })
    .await;
    let operator = desk.client_of(Role::Spoc).await;
    let reject = json!({ "from": "received", "to": "rejected", "reason": "Ikke en SPOC-sag" });
    desk.send_as(
        &operator,
        Method::POST,
        &format!("/api/v1/desk/captures/{rejected}/status"),
        Some(&reject),
    )
    .await;

    let (status, board) = desk.get_as(&operator, "/api/v1/desk/deadlines").await;
    assert_eq!(status, 200);
    let rows: Vec<(String, String)> = board["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["capture_id"].as_str().unwrap().to_string(),
                d["state"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (overdue, "overdue".to_string()),
            (renew, "renew_now".to_string()),
            (running.clone(), "running".to_string()),
            (running, "unknown".to_string()),
        ]
    );
    let renew_row = &board["deadlines"][1];
    assert_eq!(renew_row["days_left"], 9);
    assert!(renew_row["expires_utc"].as_str().unwrap().ends_with(" UTC"));
    assert_eq!(board["deadlines"][3]["expires_utc"], Value::Null);
}

#[tokio::test]
async fn exports_as_json_and_csv_with_formulas_defused() {
    let desk = Desk::start().await;
    let id = submit(&desk, |c| {
        c.notes = "=HYPERLINK(\"https://evil.example\",\"klik\")".into()
    })
    .await;
    let other = submit(&desk, |c| c.officer.district = Some(District::Bornholm)).await;
    let operator = desk.client_of(Role::Spoc).await;

    let response = operator
        .get(desk.url(&format!("/api/v1/desk/captures/{id}/export?format=json")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-disposition"],
        format!("attachment; filename=\"spoc-capture-{id}.json\"").as_str()
    );
    let exported: Value = response.json().await.unwrap();
    assert_eq!(exported["stored"]["capture"]["id"], id.as_str());
    assert_eq!(exported["status"], "received");

    let response = operator
        .get(desk.url("/api/v1/desk/export?format=csv&district=fyn"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["content-type"], "text/csv; charset=utf-8");
    let text = response.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1, "only Fyn: {text}");
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    assert_eq!(&rows[0][column("id")], id.as_str());
    assert_eq!(
        &rows[0][column("notes")],
        "'=HYPERLINK(\"https://evil.example\",\"klik\")"
    );
    assert!(!text.contains(&other));

    let (status, body) = desk.get_as(&operator, "/api/v1/desk/export?format=xml").await;
    assert_eq!((status, error_field(&body)), (400, Some("format")));
    let (_, journal) = desk
        .get_as(&desk.client_of(Role::Admin).await, "/api/v1/journal")
        .await;
    let exports = journal
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "capture.export")
        .count();
    assert_eq!(exports, 2, "one per exported capture");
}
