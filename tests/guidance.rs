//! The checklist in a draft meets a newer guidance pack: every tick survives, the capture records the
//! version it was sealed under, and a new critical step is reported as skipped rather than lost.

mod support;

use serde_json::Value;
use spoc_core::api::Submission;
use spoc_core::capture::Officer;
use spoc_core::capture::ProsecutionRequest;
use spoc_core::guidance::{GuidancePack, BUNDLED_JSON, RELEASES};
use spoc_core::{CaseType, District, ZonedTime};
use spoc_field::draft::Draft;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn officer() -> Officer {
    Officer {
        name: "Test Betjent".into(),
        badge_number: "12345".into(),
        district: Some(District::Fyn),
        phone: String::new(),
    }
}

fn draft() -> Draft {
    let at = ZonedTime::new("2026-11-22T14:03:00+01:00", "Europe/Copenhagen");
    let mut draft = Draft::new(support::new_id(), at.clone(), 0.0);
    draft.case_type = Some(CaseType::Sextortion);
    draft.journal_number = "0100-80000-00001-26".into();
    draft.identifiers[0].raw = "https://www.tiktok.com/@some.user".into();
    draft.set_ticked("sextortion.accounts", true, at.clone());
    draft.set_ticked("sextortion.advise", true, at.clone());
    draft.set_ticked("sextortion.advise", false, at);
    draft
}

/// The next version of the pack: a reworded step and a new critical one.
fn newer_pack() -> GuidancePack {
    let mut pack: Value = serde_json::from_str(BUNDLED_JSON).unwrap();
    pack["version"] = (pack["version"].as_u64().unwrap() + 1).into();
    let sextortion = &mut pack["case_types"][0];
    sextortion["steps"][0]["text"]["en"] = "Reworded".into();
    let mut added = sextortion["steps"][0].clone();
    added["id"] = "sextortion.new-step".into();
    added["critical"] = true.into();
    sextortion["steps"].as_array_mut().unwrap().push(added);
    GuidancePack::from_json(&pack.to_string()).unwrap()
}

#[wasm_bindgen_test]
fn a_tick_records_when_and_an_untick_removes_it() {
    let d = draft();
    let ids: Vec<&str> = d.ticks.iter().map(|t| t.item.as_str()).collect();
    assert_eq!(ids, ["sextortion.accounts"]);
    assert_eq!(d.ticks[0].at.zone, "Europe/Copenhagen");
}

#[wasm_bindgen_test]
fn the_capture_records_the_pack_version_ticks_and_skipped_critical_items() {
    let pack = GuidancePack::from_json(BUNDLED_JSON).unwrap();
    let capture = draft().to_capture(&officer(), Some(&pack)).unwrap();
    let record = capture.guidance.clone().unwrap();
    assert_eq!(record.pack_version, pack.version);
    assert_eq!(record.ticked.len(), 1);
    assert_eq!(record.skipped_critical[0], "sextortion.payment-demands");
    assert!(record.skipped_critical.contains(&"sextortion.advise".to_string()));
    assert!(Submission::new(capture).is_ok());
}

#[wasm_bindgen_test]
fn a_newer_pack_mid_capture_keeps_every_tick() {
    let d = draft();
    let capture = d.to_capture(&officer(), Some(&newer_pack())).unwrap();
    let record = capture.guidance.clone().unwrap();
    assert_eq!(record.pack_version, GuidancePack::bundled().version + 1);
    assert_eq!(record.ticked, d.ticks);
    assert!(record
        .skipped_critical
        .contains(&"sextortion.new-step".to_string()));
    assert!(Submission::new(capture).is_ok());
}

#[wasm_bindgen_test]
fn a_draft_begun_under_version_1_is_sent_under_version_2_with_every_tick() {
    let v1 = GuidancePack::from_json(RELEASES[0]).unwrap();
    let v2 = GuidancePack::from_json(RELEASES[1]).unwrap();
    let d = draft();
    // Every tick was on version 1's checklist, and is on version 2's.
    for tick in &d.ticks {
        assert!(v1
            .checklist(CaseType::Sextortion)
            .iter()
            .any(|i| i.id == tick.item));
        assert!(v2
            .checklist(CaseType::Sextortion)
            .iter()
            .any(|i| i.id == tick.item));
    }
    let record = d.to_capture(&officer(), Some(&v2)).unwrap().guidance.unwrap();
    assert_eq!((record.pack_version, &record.ticked), (2, &d.ticks));
    // Version 2's new critical step, never shown under version 1, is listed as not done.
    assert!(record
        .skipped_critical
        .contains(&"sextortion.capture-before-blocking".to_string()));
}

#[wasm_bindgen_test]
fn the_prosecution_answer_goes_only_with_sharing_of_intimate_images() {
    let pack = GuidancePack::bundled();
    let mut d = draft();
    d.case_type = Some(CaseType::IntimateImageSharing);
    // Without the answer spoc-core refuses the capture, naming the field.
    let refused = Submission::new(d.to_capture(&officer(), Some(&pack)).unwrap()).unwrap_err();
    assert_eq!(refused.field().as_deref(), Some("capture.prosecution_request"));
    d.prosecution_request = Some(ProsecutionRequest::Requested);
    let capture = d.to_capture(&officer(), Some(&pack)).unwrap();
    assert_eq!(capture.prosecution_request, Some(ProsecutionRequest::Requested));
    assert!(Submission::new(capture).is_ok());
    // Switched to another case type, the answer stays in the draft but is not sent.
    d.case_type = Some(CaseType::Sextortion);
    let capture = d.to_capture(&officer(), Some(&pack)).unwrap();
    assert_eq!(capture.prosecution_request, None);
    assert_eq!(d.prosecution_request, Some(ProsecutionRequest::Requested));
    assert!(Submission::new(capture).is_ok());
}
