//! The SPOC publishes its own pack: checked by spoc-core, refused when broken or not newer, every
//! version kept, journalled with who published it, served to devices with a new ETag; the CLI does
//! the same; a capture's detail shows the texts of the version it was made under.

mod common;

use common::*;
use reqwest::Method;
use serde_json::{json, Value};
use spoc_core::api::Submission;
use spoc_core::capture::{GuidanceRecord, PreservationRequest, ProsecutionRequest, Tick};
use spoc_core::desk::Role;
use spoc_core::guidance::{GuidancePack, BUNDLED_JSON, RELEASES};
use spoc_core::{CaseType, Platform, ZonedTime};
use spoc_desk::cli::{self, Command};

/// The bundled pack as version `version`, with `change` made to it, written as a SPOC would.
fn pack_text(version: u64, change: impl FnOnce(&mut Value)) -> String {
    let mut value: Value = serde_json::from_str(BUNDLED_JSON).unwrap();
    value["version"] = version.into();
    value["published"] = "2026-12-02".into();
    change(&mut value);
    serde_json::to_string_pretty(&value).unwrap() + "\n"
}

fn new_duty_number(v: &mut Value) {
    v["contacts"][0]["phone"] = "+4540506070".into();
}

async fn publish(desk: &Desk, client: &reqwest::Client, text: &str) -> (u16, Value) {
    let response = client
        .post(desk.url("/api/v1/guidance/packs"))
        .header("Content-Type", "application/json")
        .body(text.to_string())
        .send()
        .await
        .unwrap();
    read(response).await
}

/// `GET /api/v1/guidance` as a device asks: (status, ETag, body).
async fn device_fetch(desk: &Desk, etag: Option<&str>) -> (u16, String, String) {
    let mut request = client_with(None).get(desk.url("/api/v1/guidance"));
    if let Some(tag) = etag {
        request = request.header("If-None-Match", tag);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let tag = response.headers()["etag"].to_str().unwrap().to_string();
    (status, tag, response.text().await.unwrap())
}

async fn journal(desk: &Desk, action: &str) -> Vec<spoc_core::desk::JournalEntry> {
    let entries = desk.store.journal_page(None, 1000).await.unwrap();
    entries.into_iter().filter(|e| e.action == action).collect()
}

fn versions(list: &Value) -> Vec<u64> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|p| p["version"].as_u64().unwrap())
        .collect()
}

#[tokio::test]
async fn a_published_pack_reaches_devices_with_a_new_etag_and_is_journalled() {
    let desk = Desk::start().await;
    let (status, old_tag, body) = device_fetch(&desk, None).await;
    assert_eq!(
        (status, body.as_str()),
        (200, BUNDLED_JSON),
        "the built-in pack until one is published"
    );

    let spoc = desk.client_of(Role::Spoc).await;
    let text = pack_text(3, new_duty_number);
    let (status, published) = publish(&desk, &spoc, &text).await;
    assert_eq!(status, 201, "{published}");
    assert_eq!(published["version"], 3);
    assert_eq!(published["published"], "2026-12-02");
    assert_eq!(published["published_by"], OPERATOR);
    assert_eq!(published["bytes"], text.len());

    // A device holding the old copy gets the new one, byte for byte, under a new tag …
    let (status, new_tag, body) = device_fetch(&desk, Some(&old_tag)).await;
    assert_eq!(status, 200);
    assert_ne!(new_tag, old_tag);
    assert_eq!(body, text);
    assert_eq!(
        new_tag,
        format!("W/\"{}\"", published["sha256"].as_str().unwrap())
    );
    assert_eq!(
        GuidancePack::from_json(&body).unwrap().contacts[0].phone,
        "+4540506070"
    );
    // … and then revalidates for nothing.
    assert_eq!(device_fetch(&desk, Some(&new_tag)).await.0, 304);

    // Every version is kept: the two built in, and the SPOC's.
    let (status, list) = desk.get_as(&spoc, "/api/v1/guidance/packs").await;
    assert_eq!(status, 200);
    assert_eq!(versions(&list), [3, 2, 1]);
    assert_eq!(list[1]["published_by"], "build");

    let entries = journal(&desk, "guidance.publish").await;
    let ours = entries
        .iter()
        .find(|e| e.object == "pack v3")
        .expect("journalled");
    assert_eq!(
        (ours.actor.as_str(), ours.source.as_str()),
        (OPERATOR, "127.0.0.1")
    );
    assert!(
        ours.detail.contains(published["sha256"].as_str().unwrap()),
        "{}",
        ours.detail
    );
    let built_in: Vec<&str> = entries
        .iter()
        .filter(|e| e.actor == "build")
        .map(|e| e.object.as_str())
        .collect();
    assert_eq!(built_in.len(), 2, "{built_in:?}");
}

#[tokio::test]
async fn a_pack_that_fails_its_checks_is_refused_with_where_and_nothing_changes() {
    let desk = Desk::start().await;
    let spoc = desk.client_of(Role::Spoc).await;
    let (_, tag, _) = device_fetch(&desk, None).await;
    let missing_text = pack_text(3, |v| v["case_types"][0]["steps"][0]["text"]["en"] = " ".into());
    let (status, body) = publish(&desk, &spoc, &missing_text).await;
    assert_eq!((status, error_code(&body)), (422, "invalid_pack"), "{body}");
    assert_eq!(
        error_field(&body),
        Some("case_types.sextortion.steps.sextortion.accounts.text.en")
    );
    assert!(error_message(&body).contains("nothing was published"));

    for broken in [
        pack_text(3, |v| v["case_types"][0]["steps"][0]["colour"] = "red".into()),
        pack_text(3, |v| v["platforms"][0]["sources"][0] = "nowhere".into()),
        "{\"version\": 3".to_string(),
        "[]".to_string(),
    ] {
        let (status, body) = publish(&desk, &spoc, &broken).await;
        assert_eq!((status, error_code(&body)), (422, "invalid_pack"), "{body}");
    }
    // Not JSON at all, as far as the header goes.
    let response = spoc
        .post(desk.url("/api/v1/guidance/packs"))
        .header("Content-Type", "text/plain")
        .body(pack_text(3, |_| {}))
        .send()
        .await
        .unwrap();
    let (status, body) = read(response).await;
    assert_eq!((status, error_code(&body)), (415, "unsupported_media_type"));

    assert_eq!(
        device_fetch(&desk, Some(&tag)).await.0,
        304,
        "devices keep what they have"
    );
    let (_, list) = desk.get_as(&spoc, "/api/v1/guidance/packs").await;
    assert_eq!(versions(&list), [2, 1]);
    let refused = journal(&desk, "guidance.refused").await;
    assert_eq!(refused.len(), 5, "{refused:?}");
    assert!(refused.iter().all(|e| e.actor == OPERATOR));
    assert!(
        refused.iter().any(|e| e.detail.contains("text.en")),
        "{refused:?}"
    );
}

#[tokio::test]
async fn a_pack_that_is_not_newer_is_refused_and_a_repeat_is_harmless() {
    let desk = Desk::start().await;
    let spoc = desk.client_of(Role::Spoc).await;
    // The same version with other content, and an older one.
    for (version, newest) in [(2, 2), (1, 2)] {
        let (status, body) = publish(&desk, &spoc, &pack_text(version, new_duty_number)).await;
        assert_eq!((status, error_code(&body)), (409, "pack_not_newer"), "{body}");
        assert_eq!(error_field(&body), Some("version"));
        assert!(
            error_message(&body).contains(&format!("published version {newest}")),
            "{body}"
        );
    }
    // The built-in file itself: already published, nothing changes.
    let (status, body) = publish(&desk, &spoc, BUNDLED_JSON).await;
    assert_eq!((status, body["version"].as_u64()), (200, Some(2)), "{body}");

    let text = pack_text(3, new_duty_number);
    assert_eq!(publish(&desk, &spoc, &text).await.0, 201);
    let (status, again) = publish(&desk, &spoc, &text).await;
    assert_eq!(
        (status, again["version"].as_u64()),
        (200, Some(3)),
        "a retry is answered, not refused"
    );
    let other = pack_text(3, |v| v["contacts"][0]["phone"] = "+4599887766".into());
    assert_eq!(publish(&desk, &spoc, &other).await.0, 409);
    assert_eq!(
        journal(&desk, "guidance.publish")
            .await
            .iter()
            .filter(|e| e.object == "pack v3")
            .count(),
        1
    );
    assert_eq!(journal(&desk, "guidance.refused").await.len(), 3);
}

#[tokio::test]
async fn two_publications_of_one_version_at_once_give_one_winner() {
    let desk = Desk::start().await;
    let spoc = desk.client_of(Role::Spoc).await;
    let a = pack_text(3, new_duty_number);
    let b = pack_text(3, |v| v["contacts"][0]["phone"] = "+4599887766".into());
    let (first, second) = tokio::join!(publish(&desk, &spoc, &a), publish(&desk, &spoc, &b));
    let mut statuses = [first.0, second.0];
    statuses.sort();
    assert_eq!(statuses, [201, 409], "{first:?} {second:?}");
    let (_, list) = desk.get_as(&spoc, "/api/v1/guidance/packs").await;
    assert_eq!(versions(&list), [3, 2, 1]);
}

#[tokio::test]
async fn spoc_and_admin_publish_officers_and_strangers_do_not() {
    let desk = Desk::start().await;
    let officer = desk.client_of(Role::Officer).await;
    let (status, body) = publish(&desk, &officer, &pack_text(3, |_| {})).await;
    assert_eq!((status, error_code(&body)), (403, "forbidden"));
    let (status, body) = publish(&desk, &client_with(None), &pack_text(3, |_| {})).await;
    assert_eq!((status, error_code(&body)), (401, "signed_out"));
    for path in [
        "/api/v1/guidance/packs",
        "/api/v1/guidance/packs/2",
        "/api/v1/guidance/diff?from=1&to=2",
    ] {
        assert_eq!(desk.get_as(&officer, path).await.0, 403, "{path}");
        assert_eq!(desk.get_as(&client_with(None), path).await.0, 401, "{path}");
    }
    let admin = desk.client_of(Role::Admin).await;
    let (status, body) = publish(&desk, &admin, &pack_text(3, |_| {})).await;
    assert_eq!(
        (status, body["published_by"].as_str()),
        (201, Some(ADMIN)),
        "{body}"
    );
}

#[tokio::test]
async fn a_version_exports_as_published_and_the_diff_names_what_changed() {
    let desk = Desk::start().await;
    let spoc = desk.client_of(Role::Spoc).await;
    let text = pack_text(3, new_duty_number);
    assert_eq!(publish(&desk, &spoc, &text).await.0, 201);

    let response = spoc
        .get(desk.url("/api/v1/guidance/packs/3"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("guidance-pack-v3.json"));
    assert_eq!(response.text().await.unwrap(), text);
    let response = spoc
        .get(desk.url("/api/v1/guidance/packs/1"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.text().await.unwrap(), RELEASES[0]);
    let (status, body) = desk.get_as(&spoc, "/api/v1/guidance/packs/9").await;
    assert_eq!((status, error_code(&body)), (404, "not_found"));
    let (status, body) = desk.get_as(&spoc, "/api/v1/guidance/packs/two").await;
    assert_eq!((status, error_field(&body)), (400, Some("version")));

    let (status, diff) = desk.get_as(&spoc, "/api/v1/guidance/diff?from=2&to=3").await;
    assert_eq!(status, 200, "{diff}");
    let changes = diff["changes"].as_array().unwrap();
    let subjects: Vec<&str> = changes.iter().map(|c| c["subject"].as_str().unwrap()).collect();
    assert_eq!(subjects, ["pack", "contacts.spoc-duty"], "{diff}");
    let phone = &changes[1]["fields"][0];
    assert_eq!(
        (
            phone["field"].as_str(),
            phone["before"].as_str(),
            phone["after"].as_str()
        ),
        (Some("phone"), Some("114"), Some("+4540506070"))
    );

    let (_, v1_to_v2) = desk.get_as(&spoc, "/api/v1/guidance/diff?from=1&to=2").await;
    let added: Vec<&Value> = v1_to_v2["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == "added")
        .collect();
    assert!(added.iter().any(|c| c["subject"] == "common.encrypted-chats"));
    let texts = &v1_to_v2["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["subject"] == "tiktok.public-videos")
        .unwrap()["fields"];
    assert_eq!(
        texts
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["field"] == "text")
            .map(|f| f["lang"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["da", "en"]
    );

    assert_eq!(
        desk.get_as(&spoc, "/api/v1/guidance/diff?from=1&to=8").await.0,
        404
    );
    assert_eq!(
        desk.get_as(&spoc, "/api/v1/guidance/diff?from=one&to=2").await.0,
        400
    );
}

#[tokio::test]
async fn a_preview_checks_and_compares_without_publishing() {
    let desk = Desk::start().await;
    let spoc = desk.client_of(Role::Spoc).await;
    let preview = |text: String| {
        let spoc = spoc.clone();
        let url = desk.url("/api/v1/guidance/preview");
        async move {
            read(
                spoc.post(url)
                    .header("Content-Type", "application/json")
                    .body(text)
                    .send()
                    .await
                    .unwrap(),
            )
            .await
        }
    };
    let (status, body) = preview(pack_text(3, new_duty_number)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["newer"], true);
    assert_eq!(
        (
            body["diff"]["from_version"].as_u64(),
            body["diff"]["to_version"].as_u64()
        ),
        (Some(2), Some(3))
    );
    let (_, older) = preview(pack_text(2, new_duty_number)).await;
    assert_eq!(older["newer"], false);
    let (status, body) = preview(pack_text(3, |v| v["emergency"]["call"] = "nobody".into())).await;
    assert_eq!((status, error_field(&body)), (422, Some("emergency.call")));
    let (_, list) = desk.get_as(&spoc, "/api/v1/guidance/packs").await;
    assert_eq!(versions(&list), [2, 1], "a preview publishes nothing");
    assert!(
        journal(&desk, "guidance.refused").await.is_empty(),
        "a preview is not a refusal"
    );
}

#[tokio::test]
async fn the_command_line_publishes_lists_exports_and_compares() {
    let desk = Desk::start().await;
    // The desk's own configuration: its database (either engine) and its key-encryption key.
    let url = &desk.config;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pack.json");
    let text = pack_text(3, new_duty_number);
    std::fs::write(&file, &text).unwrap();
    let guidance = |command| Command::Guidance(command);
    use spoc_desk::cli::GuidanceCommand as G;

    let said = cli::run(url, guidance(G::Publish { file: file.clone() }))
        .await
        .unwrap();
    assert!(said.starts_with("published version 3"), "{said}");
    let (status, tag, body) = device_fetch(&desk, None).await;
    assert_eq!(
        (status, body.as_str()),
        (200, text.as_str()),
        "the running desk serves it at once ({tag})"
    );

    let listed = cli::run(url, guidance(G::List)).await.unwrap();
    let rows: Vec<Vec<&str>> = listed.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.iter().map(|r| r[0]).collect::<Vec<_>>(), ["3", "2", "1"]);
    assert_eq!((rows[0][1], rows[0][3]), ("2026-12-02", "cli"));

    let exported = cli::run(url, guidance(G::Export { version: 3 })).await.unwrap();
    assert_eq!(exported + "\n", text);

    let diff = cli::run(url, guidance(G::Diff { from: 2, to: 3 })).await.unwrap();
    assert!(
        diff.starts_with("version 2 -> 3: 0 added, 0 removed, 2 changed"),
        "{diff}"
    );
    assert!(
        diff.contains("~ contacts.spoc-duty") && diff.contains("+ +4540506070"),
        "{diff}"
    );

    // Refusals are errors (exit 1) with the reason, and journalled.
    std::fs::write(&file, pack_text(2, new_duty_number)).unwrap();
    let refused = cli::run(url, guidance(G::Publish { file: file.clone() }))
        .await
        .unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("not newer than the published version 3"),
        "{refused}"
    );
    std::fs::write(&file, pack_text(4, |v| v["version"] = 0.into())).unwrap();
    let refused = cli::run(url, guidance(G::Publish { file: file.clone() }))
        .await
        .unwrap_err();
    assert!(refused.to_string().contains("version: starts at 1"), "{refused}");
    let missing = cli::run(url, guidance(G::Export { version: 7 }))
        .await
        .unwrap_err();
    assert!(missing.to_string().contains("no published pack with version 7"));
    let actors: Vec<String> = journal(&desk, "guidance.refused")
        .await
        .into_iter()
        .map(|e| e.actor)
        .collect();
    assert_eq!(actors, ["cli", "cli"]);
    let published = journal(&desk, "guidance.publish").await;
    assert!(published
        .iter()
        .any(|e| e.actor == "cli" && e.object == "pack v3"));
}

/// A capture whose checklist was worked under pack `version`, with `sextortion.advise` ticked.
async fn submit_under(desk: &Desk, version: u32, edit: impl FnOnce(&mut spoc_core::Capture)) -> String {
    let mut capture = capture(&new_id());
    capture.guidance = Some(GuidanceRecord {
        pack_version: version,
        ticked: vec![Tick {
            item: "sextortion.advise".into(),
            at: ZonedTime::new("2026-11-22T14:05:00+01:00", "Europe/Copenhagen"),
            note: String::new(),
        }],
        skipped_critical: vec![],
    });
    edit(&mut capture);
    let sent = sign(Submission::new(capture).unwrap());
    assert_eq!(desk.submit(&sent).await.0, 201);
    sent.capture.id
}

#[tokio::test]
async fn the_detail_shows_the_texts_of_the_version_a_capture_was_made_under() {
    let desk = Desk::start().await;
    let spoc = desk.client_of(Role::Spoc).await;
    let under_v1 = submit_under(&desk, 1, |_| {}).await;
    let under_unknown = submit_under(&desk, 7, |_| {}).await;
    assert_eq!(publish(&desk, &spoc, &pack_text(3, new_duty_number)).await.0, 201);

    let (status, detail) = desk
        .get_as(&spoc, &format!("/api/v1/desk/captures/{under_v1}"))
        .await;
    assert_eq!(status, 200, "{detail}");
    let used = &detail["guidance"];
    assert_eq!(
        (used["version"].as_u64(), used["current_version"].as_u64()),
        (Some(1), Some(3))
    );
    assert_eq!(used["published"], "2026-11-22");
    let advise = used["checklist"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "sextortion.advise")
        .unwrap();
    let v1 = GuidancePack::from_json(RELEASES[0]).unwrap();
    assert_eq!(
        advise["text"]["en"],
        v1.item("sextortion.advise").unwrap().text.en
    );
    assert_ne!(
        advise["text"]["en"],
        GuidancePack::bundled().item("sextortion.advise").unwrap().text.en
    );
    // Version 1 had no "capture before blocking" step: it is not shown as if the officer had seen it.
    assert!(!used["checklist"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["id"] == "sextortion.capture-before-blocking"));

    let (_, unknown) = desk
        .get_as(&spoc, &format!("/api/v1/desk/captures/{under_unknown}"))
        .await;
    assert_eq!(unknown["guidance"]["version"], 7);
    assert_eq!(unknown["guidance"]["published"], Value::Null);
    assert_eq!(unknown["guidance"]["checklist"], json!([]));

    // The export carries the same, as a file of evidence.
    let response = spoc
        .get(desk.url(&format!("/api/v1/desk/captures/{under_v1}/export?format=json")))
        .send()
        .await
        .unwrap();
    let exported: Value = response.json().await.unwrap();
    assert_eq!(exported["guidance"]["version"], 1);
}

#[tokio::test]
async fn deadlines_follow_the_newest_pack() {
    let desk = Desk::start().await;
    let spoc = desk.client_of(Role::Spoc).await;
    let id = submit_under(&desk, 2, |c| {
        c.preservations = vec![PreservationRequest {
            platform: Platform::Snapchat,
            requested_at: ZonedTime::new("2026-11-22T14:03:00+01:00", "Europe/Copenhagen"),
            reference: "LESS-1".into(),
        }];
    })
    .await;
    let expiry = |detail: &Value| {
        detail["deadlines"][0]["expires_utc"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (_, detail) = desk.get_as(&spoc, &format!("/api/v1/desk/captures/{id}")).await;
    // Snap's period for non-US police: a year.
    assert_eq!(expiry(&detail), "2027-11-22 13:03 UTC");
    let shorter = pack_text(3, |v| {
        let snap = v["platforms"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|p| p["platform"] == "snapchat")
            .unwrap();
        snap["preservation"]["days"] = 100.into();
    });
    assert_eq!(publish(&desk, &spoc, &shorter).await.0, 201);
    let (_, detail) = desk.get_as(&spoc, &format!("/api/v1/desk/captures/{id}")).await;
    assert_eq!(expiry(&detail), "2027-03-02 13:03 UTC");
    let (_, board) = desk.get_as(&spoc, "/api/v1/desk/deadlines").await;
    assert_eq!(board["deadlines"][0]["expires_utc"], "2027-03-02 13:03 UTC");
}

#[tokio::test]
async fn the_prosecution_answer_is_required_shown_and_exported() {
    let desk = Desk::start().await;
    let spoc = desk.client_of(Role::Spoc).await;
    let mut without = capture(&new_id());
    without.case_type = CaseType::IntimateImageSharing;
    // spoc-core refuses to make such a submission; the desk must refuse one made by hand.
    assert!(Submission::new(without.clone()).is_err());
    let mut forged = sign(Submission::new(capture(&without.id)).unwrap());
    forged.capture = without;
    forged.sha256 = spoc_core::canonical::canonical_sha256(&forged.capture).unwrap();
    let forged = sign(forged);
    let (status, body) = desk.submit(&forged).await;
    assert_eq!(
        (status, error_field(&body)),
        (422, Some("capture.prosecution_request")),
        "{body}"
    );
    assert!(error_message(&body).contains("§ 275, stk. 2"));

    let id = submit_under(&desk, 2, |c| {
        c.case_type = CaseType::IntimateImageSharing;
        c.prosecution_request = Some(ProsecutionRequest::NotYetKnown);
    })
    .await;
    let (_, detail) = desk.get_as(&spoc, &format!("/api/v1/desk/captures/{id}")).await;
    assert_eq!(
        detail["stored"]["capture"]["prosecution_request"],
        "not_yet_known"
    );
    let (status, csv) = desk
        .send_as(
            &spoc,
            Method::GET,
            &format!("/api/v1/desk/captures/{id}/export?format=csv"),
            None,
        )
        .await;
    assert_eq!(status, 200);
    let mut reader = csv::Reader::from_reader(csv.as_str().unwrap().as_bytes());
    let header = reader.headers().unwrap().clone();
    let row = reader.records().next().unwrap().unwrap();
    let column = |name: &str| row[header.iter().position(|h| h == name).unwrap()].to_string();
    assert_eq!(column("prosecution_request"), "not_yet_known");
    assert_eq!(column("guidance_pack_version"), "2");
}
