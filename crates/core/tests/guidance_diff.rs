//! What changed between two pack versions, and the released versions themselves: each one newer than
//! the last, and none dropping an item a draft's checklist may hold a tick for.

use serde_json::Value;
use spoc_core::guidance::{diff, ChangeKind, FieldChange, GuidancePack, PackDiff, BUNDLED_JSON, RELEASES};
use spoc_core::{CaseType, Lang};

fn release(i: usize) -> GuidancePack {
    GuidancePack::from_json(RELEASES[i]).unwrap()
}

/// The bundled pack with one change to its JSON, as the next version.
fn edited(change: impl FnOnce(&mut Value)) -> GuidancePack {
    let mut value: Value = serde_json::from_str(BUNDLED_JSON).unwrap();
    value["version"] = (value["version"].as_u64().unwrap() + 1).into();
    change(&mut value);
    GuidancePack::from_json(&value.to_string()).unwrap()
}

fn fields<'a>(diff: &'a PackDiff, subject: &str) -> (ChangeKind, &'a [FieldChange]) {
    let change = diff
        .changes
        .iter()
        .find(|c| c.subject == subject)
        .unwrap_or_else(|| panic!("{subject} not in the diff"));
    (change.kind, &change.fields)
}

#[test]
fn a_pack_against_itself_has_no_changes() {
    let pack = GuidancePack::bundled();
    assert_eq!(diff(&pack, &pack).changes, []);
}

#[test]
fn version_1_to_2_adds_items_changes_texts_per_language_and_removes_none() {
    let (v1, v2) = (release(0), release(1));
    let d = diff(&v1, &v2);
    assert_eq!((d.from_version, d.to_version), (1, 2));
    // Ids are forever: nothing is removed.
    assert_eq!(d.count(ChangeKind::Removed), 0, "{:#?}", d.changes);

    let (kind, added) = fields(&d, "common.encrypted-chats");
    assert_eq!(kind, ChangeKind::Added);
    let text: Vec<_> = added.iter().filter(|f| f.field == "text").collect();
    assert_eq!(text.len(), 2, "both languages of the new text");
    assert!(text.iter().all(|f| f.before.is_none() && f.after.is_some()));
    assert_eq!(
        d.changes
            .iter()
            .find(|c| c.subject == "common.encrypted-chats")
            .unwrap()
            .place,
        "common_steps"
    );

    let (kind, changed) = fields(&d, "tiktok.public-videos");
    assert_eq!(kind, ChangeKind::Changed);
    let langs: Vec<Option<Lang>> = changed
        .iter()
        .filter(|f| f.field == "text")
        .map(|f| f.lang)
        .collect();
    assert_eq!(langs, [Some(Lang::Da), Some(Lang::En)]);

    let (_, snap) = fields(&d, "platforms.snapchat");
    let days = snap.iter().find(|f| f.field == "preservation.days").unwrap();
    assert_eq!(
        (days.before.as_deref(), days.after.as_deref()),
        (Some("90"), Some("365"))
    );
    assert_eq!(days.lang, None);
    let route = snap
        .iter()
        .find(|f| f.field == "emergency_route" && f.lang == Some(Lang::En))
        .unwrap();
    assert_eq!(route.before, None);
    assert!(route
        .after
        .as_deref()
        .unwrap()
        .contains("less.snapchat.com/emergency"));

    let (kind, _) = fields(&d, "sources.snap-le-2025");
    assert_eq!(kind, ChangeKind::Added);
    assert!(d.count(ChangeKind::Added) >= 11 && d.count(ChangeKind::Changed) > 20);
    assert!(d.changed_in(Lang::Da) > 0 && d.changed_in(Lang::En) > 0);
}

#[test]
fn a_change_in_one_language_names_only_that_language() {
    let old = GuidancePack::bundled();
    let new = edited(|v| v["common_steps"][0]["text"]["en"] = "Danger to life? Call the SPOC now.".into());
    let d = diff(&old, &new);
    assert_eq!(d.changes.len(), 1, "{:#?}", d.changes);
    let change = &d.changes[0];
    assert_eq!(
        (change.subject.as_str(), change.kind),
        ("common.danger-to-life", ChangeKind::Changed)
    );
    assert_eq!(change.fields.len(), 1);
    assert_eq!(change.fields[0].lang, Some(Lang::En));
    assert_eq!(
        change.fields[0].after.as_deref(),
        Some("Danger to life? Call the SPOC now.")
    );
    assert_eq!((d.changed_in(Lang::En), d.changed_in(Lang::Da)), (1, 0));
}

#[test]
fn removed_moved_and_flag_changes_are_named() {
    let old = GuidancePack::bundled();
    let new = edited(|v| {
        let steps = v["case_types"][0]["steps"].as_array_mut().unwrap();
        // Remove the last step, flip a flag, and move one step to the victim advice.
        steps.pop();
        steps[0]["critical"] = false.into();
        let moved = steps.remove(1);
        v["case_types"][0]["victim_advice"]
            .as_array_mut()
            .unwrap()
            .push(moved);
        v["contacts"][0]["phone"] = "+4544556677".into();
        v["contacts"][0].as_object_mut().unwrap().remove("verify");
    });
    let d = diff(&old, &new);
    assert_eq!(fields(&d, "sextortion.removal-help").0, ChangeKind::Removed);
    assert_eq!(
        d.changes.last().unwrap().subject,
        "sextortion.removal-help",
        "removed ones last"
    );
    let (_, flag) = fields(&d, "sextortion.accounts");
    assert_eq!(flag[0].field, "critical");
    assert_eq!(
        (flag[0].before.as_deref(), flag[0].after.as_deref()),
        (Some("true"), Some("false"))
    );
    let (_, moved) = fields(&d, "sextortion.payment-demands");
    assert_eq!(moved[0].field, "place");
    assert_eq!(
        moved[0].after.as_deref(),
        Some("case_types.sextortion.victim_advice")
    );
    let (_, duty) = fields(&d, "contacts.spoc-duty");
    let phone = duty.iter().find(|f| f.field == "phone").unwrap();
    assert_eq!(
        (phone.before.as_deref(), phone.after.as_deref()),
        (Some("114"), Some("+4544556677"))
    );
    assert!(duty
        .iter()
        .any(|f| f.field == "verify" && f.lang == Some(Lang::Da) && f.after.is_none()));
}

#[test]
fn releases_only_grow_and_the_last_is_the_bundled_pack() {
    let packs: Vec<GuidancePack> = (0..RELEASES.len()).map(release).collect();
    assert_eq!(*RELEASES.last().unwrap(), BUNDLED_JSON);
    for pair in packs.windows(2) {
        let (older, newer) = (&pair[0], &pair[1]);
        assert!(newer.version > older.version);
        assert!(newer.published >= older.published);
        // A draft started under the older pack keeps every tick under the newer one: each checklist
        // item of every case type is still on that case type's checklist.
        for case_type in CaseType::ALL {
            let now: Vec<&str> = newer.checklist(case_type).iter().map(|i| i.id.as_str()).collect();
            for item in older.checklist(case_type) {
                assert!(
                    now.contains(&item.id.as_str()),
                    "{case_type:?}: {} is gone",
                    item.id
                );
            }
        }
    }
}
