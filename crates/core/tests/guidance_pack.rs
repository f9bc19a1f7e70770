//! The guidance pack as published: complete in both languages, every reference resolving, ids stable
//! from one version to the next, and the items an officer must not miss where they belong.

use std::collections::HashSet;

use serde_json::Value;
use spoc_core::guidance::{GuidancePack, PackError, BUNDLED_JSON, RELEASED_IDS};
use spoc_core::{CaseType, Lang, Platform};

fn pack() -> GuidancePack {
    GuidancePack::bundled()
}

fn released() -> Vec<&'static str> {
    RELEASED_IDS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// The bundled pack with one change made to its JSON, checked again.
fn altered(change: impl FnOnce(&mut Value)) -> Result<GuidancePack, PackError> {
    let mut value: Value = serde_json::from_str(BUNDLED_JSON).unwrap();
    change(&mut value);
    GuidancePack::from_json(&value.to_string())
}

fn problem_at(result: Result<GuidancePack, PackError>) -> String {
    match result {
        Err(PackError::Invalid { at, .. }) => at,
        other => panic!("expected an invalid pack, got {other:?}"),
    }
}

#[test]
fn the_bundled_pack_passes_its_checks() {
    let pack = pack();
    assert!(pack.version >= 1);
    assert_eq!(pack.case_types.len(), CaseType::ALL.len());
}

#[test]
fn every_released_id_is_still_in_the_pack_and_every_item_is_released() {
    let pack = pack();
    let in_pack: HashSet<&str> = pack.items().map(|(_, _, item)| item.id.as_str()).collect();
    let released = released();
    for id in &released {
        assert!(in_pack.contains(id), "{id} was published once and must stay");
    }
    let released: HashSet<&str> = released.into_iter().collect();
    for id in &in_pack {
        assert!(
            released.contains(id),
            "{id} is new: append it to guidance/released_ids.txt"
        );
    }
}

#[test]
fn the_checks_name_a_missing_translation() {
    let at = problem_at(altered(|v| {
        v["case_types"][0]["steps"][0]["text"]["en"] = "  ".into()
    }));
    assert_eq!(at, "case_types.sextortion.steps.sextortion.accounts.text.en");
    let at = problem_at(altered(|v| v["emergency"]["otherwise"]["da"] = "".into()));
    assert_eq!(at, "emergency.otherwise.da");
}

#[test]
fn the_checks_refuse_broken_references_and_reused_ids() {
    let at = problem_at(altered(|v| {
        v["case_types"][1]["steps"][0]["sources"][0] = "nowhere".into()
    }));
    assert!(at.starts_with("case_types.grooming.steps"), "{at}");
    let at = problem_at(altered(|v| v["emergency"]["call"] = "nobody".into()));
    assert_eq!(at, "emergency.call");
    let at = problem_at(altered(|v| {
        let first = v["case_types"][0]["steps"][0]["id"].clone();
        v["case_types"][0]["steps"][1]["id"] = first;
    }));
    assert!(at.contains("sextortion.accounts"), "{at}");
}

#[test]
fn the_checks_refuse_a_missing_case_type_or_platform() {
    let at = problem_at(altered(|v| {
        v["case_types"]
            .as_array_mut()
            .unwrap()
            .retain(|c| c["case_type"] != "grooming");
    }));
    assert_eq!(at, "case_types.grooming");
    let at = problem_at(altered(|v| {
        v["platforms"]
            .as_array_mut()
            .unwrap()
            .retain(|p| p["platform"] != "telegram");
    }));
    assert_eq!(at, "platforms.telegram");
}

#[test]
fn an_unknown_period_must_say_verify() {
    let at = problem_at(altered(|v| {
        let telegram = v["platforms"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|p| p["platform"] == "telegram")
            .unwrap();
        telegram["preservation"].as_object_mut().unwrap().remove("verify");
    }));
    assert_eq!(at, "platforms.telegram.preservation");
}

#[test]
fn an_unknown_field_is_refused_rather_than_ignored() {
    let result = altered(|v| v["case_types"][0]["steps"][0]["colour"] = "red".into());
    assert!(matches!(result, Err(PackError::Json(_))), "{result:?}");
}

#[test]
fn the_donts_that_must_not_be_missed_are_there_and_critical() {
    let pack = pack();
    let dont = |case: CaseType, id: &str| {
        let item = pack
            .case(case)
            .unwrap()
            .donts
            .iter()
            .find(|i| i.id == id)
            .unwrap_or_else(|| panic!("{id} missing"));
        assert!(item.critical, "{id} must be critical");
    };
    dont(CaseType::Sextortion, "sextortion.dont-pay");
    dont(CaseType::Sextortion, "sextortion.dont-delete");
    dont(CaseType::ChildSexualAbuseMaterial, "csam.never-copy");
    dont(CaseType::ChildSexualAbuseMaterial, "csam.no-attachments");
}

#[test]
fn threat_to_life_starts_with_the_emergency_path() {
    let pack = pack();
    let checklist = pack.checklist(CaseType::ThreatToLife);
    assert_eq!(checklist[0].id, "emergency.call-spoc");
    assert_eq!(checklist[1].id, "emergency.send-minimum");
    let duty = pack.emergency_contact().unwrap();
    assert!(!duty.phone.is_empty());
    // Other case types do not repeat the emergency steps, but every checklist ends with the common ones.
    let sextortion = pack.checklist(CaseType::Sextortion);
    assert!(sextortion.iter().all(|i| !i.id.starts_with("emergency.")));
    assert_eq!(
        sextortion.last().unwrap().id,
        pack.common_steps.last().unwrap().id
    );
}

#[test]
fn facts_marked_verify_are_marked_verify_in_the_pack() {
    let pack = pack();
    // platforms.md: "Verify the current request route" (Pornhub); "verify" (xHamster).
    for platform in [Platform::Pornhub, Platform::Xhamster] {
        assert!(pack.platform(platform).unwrap().verify.is_some(), "{platform:?}");
    }
    // The duty line's number is not in the facts: the pack must not pass it off as confirmed.
    assert!(pack.emergency_contact().unwrap().verify.is_some());
    // Where the pack knows no period, it says so and gives no clock.
    let telegram = &pack.platform(Platform::Telegram).unwrap().preservation;
    assert_eq!(telegram.days, None);
    assert!(telegram.verify.is_some());
    // Snap states its own period for non-US police (guidance_facts.rs has the figures).
    let snap = &pack.platform(Platform::Snapchat).unwrap().preservation;
    assert!(snap.days.is_some() && snap.verify.is_none());
}

#[test]
fn texts_read_in_both_languages() {
    let pack = pack();
    for (_, _, item) in pack.items() {
        assert_ne!(
            item.text.get(Lang::Da),
            item.text.get(Lang::En),
            "{} is untranslated",
            item.id
        );
    }
}
