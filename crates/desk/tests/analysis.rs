//! The SPOC's analysis: an identifier's page across captures, districts and platforms (the same phone
//! on WhatsApp and Telegram is one phone), and the quality findings on the detail and in the inbox.

mod common;

use common::*;
use reqwest::Method;
use serde_json::Value;
use spoc_core::api::Submission;
use spoc_core::capture::PreservationRequest;
use spoc_core::desk::Role;
use spoc_core::{Capture, CaseType, District, Platform, ZonedTime};

async fn submit(desk: &Desk, client: &reqwest::Client, username: &str, capture: Capture) -> String {
    let sent = sign_as(Submission::new(capture).unwrap(), username);
    let (status, body) = desk
        .send_as(
            client,
            Method::POST,
            "/api/v1/captures",
            Some(&desk.to_value(&sent)),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    sent.capture.id
}

fn with(raws: &[(&str, Option<Platform>)], district: District, case_type: CaseType) -> Capture {
    let mut capture = capture_with_identifiers(&new_id(), raws);
    capture.officer.district = Some(district);
    capture.case_type = case_type;
    capture
}

/// The path of an identifier's page: the link key percent-encoded as one path segment.
fn page_path(key: &str) -> String {
    let encoded: String = key
        .bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'.' | b'_' | b'-' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    format!("/api/v1/desk/identifiers/{encoded}")
}

fn ids(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn an_identifiers_page_gathers_every_capture_naming_it_across_platforms_and_districts() {
    let desk = Desk::start().await;
    let bent = desk.sign_in(OTHER_OFFICER).await;
    let mut on_whatsapp = with(
        &[
            ("+45 20 12 34 56", Some(Platform::Whatsapp)),
            ("@some.user", Some(Platform::Snapchat)),
        ],
        District::Fyn,
        CaseType::Sextortion,
    );
    on_whatsapp.preservations.push(PreservationRequest {
        platform: Platform::Whatsapp,
        requested_at: ZonedTime::new("2026-11-22T15:00:00+01:00", "Europe/Copenhagen"),
        reference: "WA-1".into(),
    });
    // A preservation for another platform is not this phone's deadline.
    on_whatsapp.preservations.push(PreservationRequest {
        platform: Platform::Snapchat,
        requested_at: ZonedTime::new("2026-11-22T15:05:00+01:00", "Europe/Copenhagen"),
        reference: "SC-1".into(),
    });
    let first = submit(&desk, &desk.client, OFFICER, on_whatsapp).await;
    let second = submit(
        &desk,
        &bent,
        OTHER_OFFICER,
        with(
            &[
                ("0045 20123456", Some(Platform::Telegram)),
                ("@some.user", Some(Platform::Snapchat)),
                ("@another.one", Some(Platform::Tiktok)),
            ],
            District::Nordjylland,
            CaseType::Grooming,
        ),
    )
    .await;
    // Same handle, other platform: someone else, not on this page.
    submit(
        &desk,
        &desk.client,
        OFFICER,
        with(
            &[("@some.user", Some(Platform::Instagram))],
            District::Fyn,
            CaseType::Sextortion,
        ),
    )
    .await;

    let operator = desk.client_of(Role::Spoc).await;
    let (status, page) = desk.get_as(&operator, &page_path("any|phone|+4520123456")).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["key"], "any|phone|+4520123456");
    assert_eq!(ids(&page["captures"]), [first.as_str(), second.as_str()]);
    let platforms: Vec<&str> = page["forms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["platform"].as_str().unwrap())
        .collect();
    assert_eq!(platforms, ["telegram", "whatsapp"]);
    assert_eq!(page["districts"], serde_json::json!(["fyn", "nordjylland"]));
    assert_eq!(page["case_types"], serde_json::json!(["sextortion", "grooming"]));
    assert!(page["first_seen"].as_str().unwrap() <= page["last_seen"].as_str().unwrap());
    assert_eq!(page["first_seen"], page["captures"][0]["received_at"]);
    assert_eq!(page["last_seen"], page["captures"][1]["received_at"]);

    let co: Vec<(&str, u64)> = page["co_identifiers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["key"].as_str().unwrap(), c["captures"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        co,
        [
            ("snapchat|username|@some.user", 2),
            ("tiktok|username|@another.one", 1)
        ]
    );

    let deadlines = page["deadlines"].as_array().unwrap();
    assert_eq!(deadlines.len(), 1, "{deadlines:?}");
    assert_eq!(deadlines[0]["platform"], "whatsapp");
    assert_eq!(deadlines[0]["capture_id"], first.as_str());

    // The handle's own page, reached from the co-identifier's key, names both captures too.
    let (status, handle) = desk
        .get_as(&operator, &page_path("snapchat|username|@some.user"))
        .await;
    assert_eq!(status, 200);
    assert_eq!(ids(&handle["captures"]), [first.as_str(), second.as_str()]);
    assert_eq!(handle["deadlines"].as_array().unwrap().len(), 1);

    // A read of the page is journalled with the count, never the identifier.
    let entries = desk.journal().await;
    let reads: Vec<&Value> = entries
        .iter()
        .filter(|e| e["action"] == "identifier.read")
        .collect();
    assert_eq!(reads.len(), 2);
    assert!(reads
        .iter()
        .all(|e| e["detail"] == "2 found" && e["object"] == "identifier"));
    assert!(!entries.iter().any(|e| e.to_string().contains("4520123456")));
}

#[tokio::test]
async fn an_identifiers_page_refuses_what_is_not_a_key_and_says_when_nothing_names_it() {
    let desk = Desk::start().await;
    submit(
        &desk,
        &desk.client,
        OFFICER,
        with(
            &[("@some.user", Some(Platform::Tiktok))],
            District::Fyn,
            CaseType::Sextortion,
        ),
    )
    .await;
    let operator = desk.client_of(Role::Spoc).await;
    let (status, body) = desk
        .get_as(&operator, &page_path("tiktok|username|@nobody"))
        .await;
    assert_eq!((status, error_code(&body)), (404, "not_found"));
    for bad in ["@some.user", "Tiktok|username|@some.user", "tiktok|username|"] {
        let (status, body) = desk.get_as(&operator, &page_path(bad)).await;
        assert_eq!((status, error_field(&body)), (400, Some("key")), "{bad}: {body}");
    }
    let too_long = format!("tiktok|username|@{}", "a".repeat(700));
    let (status, _) = desk.get_as(&operator, &page_path(&too_long)).await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn only_a_spoc_account_reads_an_identifiers_page() {
    let desk = Desk::start().await;
    submit(
        &desk,
        &desk.client,
        OFFICER,
        with(
            &[("@some.user", Some(Platform::Tiktok))],
            District::Fyn,
            CaseType::Sextortion,
        ),
    )
    .await;
    let path = page_path("tiktok|username|@some.user");
    let (status, _) = desk.get_as(&client_with(None), &path).await;
    assert_eq!(status, 401);
    for role in [Role::Officer, Role::Admin] {
        let (status, body) = desk.get_as(&desk.client_of(role).await, &path).await;
        assert_eq!(status, 403, "{role:?}: {body}");
    }
    let (status, _) = desk.get_as(&desk.client_of(Role::Spoc).await, &path).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn the_detail_lists_findings_and_the_inbox_counts_them() {
    let desk = Desk::start().await;
    // A handle on X (the numeric id missing), a short link, no preservation for either platform,
    // and a time typed without its zone.
    let mut doubtful = with(
        &[
            ("@someone", Some(Platform::X)),
            ("https://vm.tiktok.com/ZMabc123/", None),
        ],
        District::Fyn,
        CaseType::Sextortion,
    );
    doubtful.notes = "Første besked kl. 21.30".into();
    let doubtful = submit(&desk, &desk.client, OFFICER, doubtful).await;
    // Only a phone, nothing in free text: nothing to point out.
    let clean = submit(
        &desk,
        &desk.client,
        OFFICER,
        with(&[("+4520123456", None)], District::Fyn, CaseType::Sextortion),
    )
    .await;

    let operator = desk.client_of(Role::Spoc).await;
    let (_, detail) = desk
        .get_as(&operator, &format!("/api/v1/desk/captures/{doubtful}"))
        .await;
    let kinds: Vec<&str> = detail["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    for expected in [
        "missing_identifier",
        "unresolved_short_link",
        "time_without_zone",
        "no_preservation",
    ] {
        assert!(kinds.contains(&expected), "{expected} not in {kinds:?}");
    }
    let (_, detail_clean) = desk
        .get_as(&operator, &format!("/api/v1/desk/captures/{clean}"))
        .await;
    assert_eq!(detail_clean["findings"], serde_json::json!([]));

    let (_, inbox) = desk.get_as(&operator, "/api/v1/desk/inbox").await;
    let count = |id: &str| {
        inbox["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap()["findings"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(count(&doubtful), kinds.len() as u64);
    assert_eq!(count(&clean), 0);
}
