//! Linking: captures that share an offender's identifier find each other across officers and
//! districts, however the identifier was pasted; a lookup finds every capture holding one.

mod common;

use common::*;
use reqwest::Method;
use serde_json::Value;
use spoc_core::api::Submission;
use spoc_core::desk::Role;
use spoc_core::{District, Platform};

async fn submit_as(
    desk: &Desk,
    client: &reqwest::Client,
    username: &str,
    raws: &[(&str, Option<Platform>)],
    district: District,
) -> String {
    let mut capture = capture_with_identifiers(&new_id(), raws);
    capture.officer.district = Some(district);
    let sent = sign_as(Submission::new(capture).unwrap(), username);
    let (status, _) = desk
        .send_as(
            client,
            Method::POST,
            "/api/v1/captures",
            Some(&desk.to_value(&sent)),
        )
        .await;
    assert_eq!(status, 201);
    sent.capture.id
}

fn linked_count(inbox: &Value, id: &str) -> u64 {
    inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["id"] == id)
        .unwrap_or_else(|| panic!("{id} not in the inbox"))["linked"]
        .as_u64()
        .unwrap()
}

#[tokio::test]
async fn the_same_account_pasted_two_ways_in_two_districts_links() {
    let desk = Desk::start().await;
    let bent = desk.sign_in(OTHER_OFFICER).await;
    let first = submit_as(
        &desk,
        &desk.client,
        OFFICER,
        &[("https://www.tiktok.com/@Some.User?lang=da", None)],
        District::Fyn,
    )
    .await;
    let unrelated = submit_as(
        &desk,
        &desk.client,
        OFFICER,
        &[("@some.user", Some(Platform::Instagram))],
        District::Fyn,
    )
    .await;
    let second = submit_as(
        &desk,
        &bent,
        OTHER_OFFICER,
        &[
            ("@some.user", Some(Platform::Tiktok)),
            ("+45 20 12 34 56", Some(Platform::Whatsapp)),
        ],
        District::Nordjylland,
    )
    .await;

    let operator = desk.client_of(Role::Spoc).await;
    let (_, inbox) = desk.get_as(&operator, "/api/v1/desk/inbox").await;
    assert_eq!(linked_count(&inbox, &first), 1);
    assert_eq!(linked_count(&inbox, &second), 1);
    // The same handle on Instagram is someone else.
    assert_eq!(linked_count(&inbox, &unrelated), 0);

    let (_, detail) = desk
        .get_as(&operator, &format!("/api/v1/desk/captures/{second}"))
        .await;
    let links = detail["links"].as_array().unwrap();
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(links[0]["identifier"]["value"], "@some.user");
    assert_eq!(links[0]["captures"][0]["id"], first.as_str());
    assert_eq!(links[0]["captures"][0]["district"], "fyn");

    // A phone links across platforms: Telegram now, WhatsApp before.
    let third = submit_as(
        &desk,
        &desk.client,
        OFFICER,
        &[("004520123456", Some(Platform::Telegram))],
        District::Fyn,
    )
    .await;
    let (_, inbox) = desk.get_as(&operator, "/api/v1/desk/inbox").await;
    assert_eq!(linked_count(&inbox, &third), 1);
    assert_eq!(linked_count(&inbox, &second), 2);
}

#[tokio::test]
async fn a_lookup_finds_every_capture_for_a_pasted_identifier() {
    let desk = Desk::start().await;
    let a = submit_as(
        &desk,
        &desk.client,
        OFFICER,
        &[("@some.user", Some(Platform::Tiktok))],
        District::Fyn,
    )
    .await;
    let b = submit_as(
        &desk,
        &desk.client,
        OFFICER,
        &[("tiktok.com/@some.user", None)],
        District::Bornholm,
    )
    .await;
    submit_as(
        &desk,
        &desk.client,
        OFFICER,
        &[("@other.user", Some(Platform::Tiktok))],
        District::Fyn,
    )
    .await;
    let operator = desk.client_of(Role::Spoc).await;

    let (status, found) = desk
        .get_as(
            &operator,
            "/api/v1/desk/lookup?q=https%3A%2F%2Fwww.tiktok.com%2F%40Some.User%3Flang%3Dda",
        )
        .await;
    assert_eq!(status, 200, "{found}");
    assert_eq!(found["identifier"]["value"], "@some.user");
    let ids: Vec<&str> = found["captures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [a.as_str(), b.as_str()]);

    let (status, found) = desk
        .get_as(&operator, "/api/v1/desk/lookup?q=%40nobody.seen&platform=tiktok")
        .await;
    assert_eq!((status, found["captures"].as_array().unwrap().len()), (200, 0));
}

#[tokio::test]
async fn a_lookup_says_why_text_is_not_an_identifier() {
    let desk = Desk::start().await;
    let operator = desk.client_of(Role::Spoc).await;
    for (query, status, field) in [
        ("q=Some%20User", 422, "q"),
        ("q=", 422, "q"),
        ("q=https%3A%2F%2Fvm.tiktok.com%2FZMabc123%2F", 422, "q"),
        ("q=%40x&platform=myspace", 400, "platform"),
        ("platform=tiktok", 400, "q"),
    ] {
        let (got, body) = desk
            .get_as(&operator, &format!("/api/v1/desk/lookup?{query}"))
            .await;
        assert_eq!(
            (got, error_field(&body)),
            (status, Some(field)),
            "{query}: {body}"
        );
        assert!(!error_message(&body).is_empty());
    }
}
