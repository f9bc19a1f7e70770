//! "New link, new alert": a capture arriving linked to open cases in other districts says so in the
//! live inbox's event and in its inbox line, on every desk and after a reconnect, by spoc-core's rule
//! (open cases only, other districts only, each capture and district once).

mod common;

use common::sse::*;
use common::*;
use reqwest::Method;
use serde_json::{json, Value};
use spoc_core::api::Submission;
use spoc_core::desk::Role;
use spoc_core::{District, Platform};

/// Sends a capture from `district` naming `raws`; its id.
async fn arrive(desk: &Desk, district: District, raws: &[(&str, Option<Platform>)]) -> String {
    let mut capture = capture_with_identifiers(&new_id(), raws);
    capture.officer.district = Some(district);
    let sent = sign(Submission::new(capture).unwrap());
    assert_eq!(desk.submit(&sent).await.0, 201);
    sent.capture.id
}

const SNAP: (&str, Option<Platform>) = ("snapchat.com/add/Shared_Offender", None);
const SNAP_AGAIN: (&str, Option<Platform>) = ("shared_offender", Some(Platform::Snapchat));
const PHONE: (&str, Option<Platform>) = ("+45 20 12 34 56", Some(Platform::Whatsapp));

/// The inbox line of `id`, as the operator reads it.
async fn line(desk: &Desk, operator: &reqwest::Client, id: &str) -> Value {
    let (status, inbox) = desk.get_as(operator, "/api/v1/desk/inbox").await;
    assert_eq!(status, 200, "{inbox}");
    inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["id"] == id)
        .unwrap_or_else(|| panic!("{id} not in {inbox}"))
        .clone()
}

async fn close(desk: &Desk, operator: &reqwest::Client, id: &str, to: &str) {
    let change = match to {
        "rejected" => json!({ "from": "received", "to": to, "reason": "not a case for the SPOC" }),
        _ => json!({ "from": "received", "to": to }),
    };
    let path = format!("/api/v1/desk/captures/{id}/status");
    let (status, body) = desk.send_as(operator, Method::POST, &path, Some(&change)).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn no_alert_without_links_nor_for_links_in_the_same_district_nor_to_finished_cases() {
    let desk = Desk::start().await;
    let operator = desk.client_of(Role::Spoc).await;

    let alone = arrive(&desk, District::Fyn, &[SNAP]).await;
    assert_eq!(line(&desk, &operator, &alone).await.get("alert"), None);

    // The same account again, in the same district: linked, but not across districts.
    let same_district = arrive(&desk, District::Fyn, &[SNAP_AGAIN]).await;
    let seen = line(&desk, &operator, &same_district).await;
    assert_eq!(seen["linked"], 1);
    assert_eq!(seen.get("alert"), None, "{seen}");

    // Linked to cases in other districts that are closed or rejected: nothing open to coordinate.
    let closed = arrive(&desk, District::Bornholm, &[PHONE]).await;
    close(&desk, &operator, &closed, "closed").await;
    let rejected = arrive(&desk, District::Koebenhavn, &[PHONE]).await;
    close(&desk, &operator, &rejected, "rejected").await;
    let finished = arrive(&desk, District::Fyn, &[PHONE]).await;
    let seen = line(&desk, &operator, &finished).await;
    assert_eq!(seen["linked"], 2);
    assert_eq!(seen.get("alert"), None, "{seen}");

    let mut raw = desk.raw().await;
    let rows = raw.fetch_i64("SELECT COUNT(*) FROM link_alerts").await;
    raw.close().await;
    assert_eq!(rows, 0, "no alert row for any of them");
}

#[tokio::test]
async fn three_cases_in_two_other_districts_is_said_in_the_event_and_the_inbox_line() {
    let desk = Desk::start().await;
    let operator = desk.client_of(Role::Spoc).await;
    let mut stream = open_events(&operator, desk.url("/api/v1/desk/events"), None).await;

    // Open cases: two in Nordjylland, one in Bornholm (linked through two identifiers: once), one in
    // the new capture's own district; a closed one elsewhere.
    let north_1 = arrive(&desk, District::Nordjylland, &[SNAP]).await;
    let north_2 = arrive(&desk, District::Nordjylland, &[SNAP_AGAIN]).await;
    let bornholm = arrive(&desk, District::Bornholm, &[SNAP, PHONE]).await;
    let own = arrive(&desk, District::Fyn, &[PHONE]).await;
    let closed = arrive(&desk, District::Koebenhavn, &[PHONE]).await;
    close(&desk, &operator, &closed, "closed").await;
    let seen = expect_event(&mut stream, &format!("\"id\":\"{closed}\"")).await;
    // Each earlier arrival was alerted by what was there before it.
    let alert_of = |id: &str| {
        capture_events(&seen)
            .into_iter()
            .find(|(_, e)| e["id"] == id)
            .map(|(_, e)| e.get("alert").cloned())
            .unwrap_or_else(|| panic!("no event for {id} in {seen}"))
    };
    let before = [
        (&north_1, None),
        // Linked to the first, in its own district.
        (&north_2, None),
        (&bornholm, Some(json!({ "cases": 2, "districts": 1 }))),
        (&own, Some(json!({ "cases": 1, "districts": 1 }))),
        (&closed, Some(json!({ "cases": 2, "districts": 2 }))),
    ];
    for (id, alert) in &before {
        assert_eq!(&alert_of(id), alert, "{id}");
    }

    let new = arrive(&desk, District::Fyn, &[SNAP_AGAIN, PHONE]).await;
    let seen = expect_event(&mut stream, &new).await;
    let told = capture_events(&seen);
    let (_, event) = told.iter().find(|(_, e)| e["id"] == new.as_str()).unwrap();
    assert_eq!(event["alert"], json!({ "cases": 3, "districts": 2 }), "{event}");

    let shown = line(&desk, &operator, &new).await;
    assert_eq!(shown["alert"], json!({ "cases": 3, "districts": 2 }));
    assert_eq!(
        shown["linked"], 5,
        "the link count still counts every linked capture"
    );
    // Decided on arrival: what the earlier lines say is not changed by the new one.
    for (id, alert) in &before {
        assert_eq!(
            line(&desk, &operator, id).await.get("alert"),
            alert.as_ref(),
            "{id}"
        );
    }

    // A later change of the capture is news, but not a new alert.
    close(&desk, &operator, &new, "triaged").await;
    let seen = expect_event(&mut stream, &new).await;
    let told = capture_events(&seen);
    let (_, moved) = told.iter().find(|(_, e)| e["id"] == new.as_str()).unwrap();
    assert_eq!(moved.get("alert"), None, "{moved}");
    // The line still says what the capture arrived with.
    assert_eq!(
        line(&desk, &operator, &new).await["alert"],
        json!({ "cases": 3, "districts": 2 })
    );

    // Only those who may read the inbox hear of it.
    for role in [Role::Officer, Role::Admin] {
        let other = desk.client_of(role).await;
        for path in ["/api/v1/desk/inbox", "/api/v1/desk/events"] {
            let (status, body) = desk.get_as(&other, path).await;
            assert_eq!(status, 403, "{role:?} {path}: {body}");
            assert!(!body.to_string().contains("alert"), "{body}");
        }
    }
}

#[tokio::test]
async fn a_stream_catching_up_after_a_reconnect_is_told_the_alert_as_it_was_decided() {
    let desk = Desk::start().await;
    let operator = desk.client_of(Role::Spoc).await;
    let first = arrive(&desk, District::Nordjylland, &[SNAP]).await;
    let mut stream = open_events(&operator, desk.url("/api/v1/desk/events"), None).await;
    let marker = arrive(&desk, District::Nordjylland, &[PHONE]).await;
    let seen = expect_event(&mut stream, &marker).await;
    let (last_id, _) = capture_events(&seen)[0].clone();
    drop(stream);

    // While the view is away: the linked capture arrives, and then the first case is closed, which
    // does not take back what the arrival was told.
    let linked = arrive(&desk, District::Fyn, &[SNAP_AGAIN]).await;
    close(&desk, &operator, &first, "closed").await;

    let mut stream = open_events(&operator, desk.url("/api/v1/desk/events"), Some(last_id)).await;
    let seen = expect_event(&mut stream, &format!("\"id\":\"{first}\"")).await;
    let told = capture_events(&seen);
    let ids: Vec<&str> = told.iter().map(|(_, e)| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [linked.as_str(), first.as_str()]);
    assert_eq!(told[0].1["alert"], json!({ "cases": 1, "districts": 1 }));
    assert_eq!(told[1].1.get("alert"), None, "a move carries no alert");

    // The store's catch-up (what a desk's own listener replays after it reconnects) says the same.
    let replayed = desk.store.events_since(last_id, 10).await.unwrap().unwrap();
    let alerts: Vec<_> = replayed.iter().map(|e| e.event.alert).collect();
    assert_eq!(
        alerts,
        [
            Some(spoc_core::desk::LinkAlert {
                cases: 1,
                districts: 1
            }),
            None
        ]
    );
}

#[tokio::test]
async fn an_operator_on_another_desk_hears_the_alert_the_storing_desk_decided() {
    if !postgres_only("an_operator_on_another_desk_hears_the_alert") {
        return;
    }
    let desk = Desk::start().await;
    let replica = desk.replica().await;
    let operator = signed_in_at(replica, OPERATOR).await;
    let url = format!("http://{replica}/api/v1/desk/events");
    let mut stream = open_events(&operator, url, None).await;
    arrive(&desk, District::Nordjylland, &[SNAP]).await;
    let new = arrive(&desk, District::Fyn, &[SNAP_AGAIN]).await;
    let seen = expect_event(&mut stream, &new).await;
    let told = capture_events(&seen);
    let (_, event) = told.iter().find(|(_, e)| e["id"] == new.as_str()).unwrap();
    assert_eq!(event["alert"], json!({ "cases": 1, "districts": 1 }));
}

#[tokio::test]
async fn two_linked_captures_arriving_at_once_alert_the_later_one() {
    let desk = Desk::start().await;
    let operator = desk.client_of(Role::Spoc).await;
    for round in 0..5 {
        let handle = format!("race{round}_offender");
        let sent: Vec<Submission> = [District::Nordjylland, District::Fyn]
            .into_iter()
            .map(|district| {
                let mut capture =
                    capture_with_identifiers(&new_id(), &[(handle.as_str(), Some(Platform::Snapchat))]);
                capture.officer.district = Some(district);
                sign(Submission::new(capture).unwrap())
            })
            .collect();
        let bodies = sent.iter().map(|s| desk.to_value(s)).collect();
        let answers = desk.post_concurrently("/api/v1/captures", bodies).await;
        assert!(answers.iter().all(|(status, _)| *status == 201), "{answers:?}");
        let mut alerted = Vec::new();
        for submission in &sent {
            alerted.push(
                line(&desk, &operator, &submission.capture.id)
                    .await
                    .get("alert")
                    .cloned(),
            );
        }
        // Whichever committed second was told of the first: never neither, never both.
        assert_eq!(
            alerted.iter().flatten().collect::<Vec<_>>(),
            [&json!({ "cases": 1, "districts": 1 })],
            "round {round}: {alerted:?}"
        );
    }
}
