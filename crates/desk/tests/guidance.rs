//! `GET /api/v1/guidance`: the pack as published, with an ETag the app revalidates against.

mod common;

use common::*;
use spoc_core::guidance::{GuidancePack, BUNDLED_JSON};

async fn fetch(desk: &Desk, if_none_match: Option<&str>) -> reqwest::Response {
    let mut request = desk.client.get(desk.url("/api/v1/guidance"));
    if let Some(tag) = if_none_match {
        request = request.header("If-None-Match", tag);
    }
    request.send().await.expect("request")
}

fn header(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get(name)
        .unwrap_or_else(|| panic!("no {name}"))
        .to_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn serves_the_published_pack_with_an_etag_and_no_cache() {
    let desk = Desk::start().await;
    let response = fetch(&desk, None).await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "content-type"), "application/json");
    assert_eq!(header(&response, "cache-control"), "no-cache");
    let etag = header(&response, "etag");
    let digest = spoc_core::canonical::sha256_hex(BUNDLED_JSON.as_bytes());
    assert_eq!(etag, format!("W/\"{digest}\""));
    let body = response.text().await.unwrap();
    assert_eq!(body, BUNDLED_JSON);
    assert_eq!(GuidancePack::from_json(&body).unwrap(), GuidancePack::bundled());

    let again = fetch(&desk, None).await;
    assert_eq!(header(&again, "etag"), etag, "the same pack keeps its tag");
}

#[tokio::test]
async fn a_current_copy_gets_304_without_a_body() {
    let desk = Desk::start().await;
    let etag = header(&fetch(&desk, None).await, "etag");
    let strong = etag.trim_start_matches("W/").to_string();
    for tag in [
        etag.clone(),
        strong.clone(),
        format!("\"0000\", {etag}"),
        "*".to_string(),
    ] {
        let response = fetch(&desk, Some(&tag)).await;
        assert_eq!(response.status(), 304, "If-None-Match: {tag}");
        assert_eq!(header(&response, "etag"), etag);
        assert!(response.bytes().await.unwrap().is_empty());
    }
}

#[tokio::test]
async fn a_stale_copy_gets_the_pack() {
    let desk = Desk::start().await;
    let response = fetch(&desk, Some("W/\"0123456789abcdef\"")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.unwrap(), BUNDLED_JSON);
}

#[tokio::test]
async fn captures_stay_no_store_and_the_pack_is_in_the_openapi_document() {
    let desk = Desk::start().await;
    let response = desk.client.get(desk.url("/api/v1/health")).send().await.unwrap();
    assert_eq!(header(&response, "cache-control"), "no-store");
    let (_, doc) = desk.get("/api/v1/openapi.json").await;
    assert!(doc["paths"]["/api/v1/guidance"]["get"].is_object(), "{doc}");
    assert!(doc["components"]["schemas"]["GuidancePack"].is_object());
}
