//! § 264 d: whether the victim asks for prosecution is a field of the capture (schema 3), required for
//! sharing of intimate images — public prosecution needs the victim's request (straffeloven § 275,
//! stk. 2; source `straffeloven-275` in the pack) — and never holding back an emergency's minimum
//! capture. Older captures keep their hashes: the field is absent from their JSON.

use spoc_core::api::Submission;
use spoc_core::canonical::canonical_json;
use spoc_core::capture::{
    CapturedIdentifier, Officer, ProsecutionRequest, ProsecutionRule, ProsecutionWarning, SeenItem,
};
use spoc_core::validate::PROSECUTION_REQUIRED;
use spoc_core::{Capture, CaseType, District, Identifier, UrgencyFlags, UrgencyLevel, ZonedTime};

fn sharing() -> Capture {
    let at = ZonedTime::new("2026-12-02T10:15:00+01:00", "Europe/Copenhagen");
    Capture {
        schema_version: 3,
        id: "5b0e6a52-7c1f-4a7e-9d2b-3c4d5e6f7a8b".into(),
        created_at: at.clone(),
        officer: Officer {
            name: "Test Betjent".into(),
            badge_number: "A123".into(),
            district: Some(District::Nordjylland),
            phone: String::new(),
        },
        case_type: CaseType::IntimateImageSharing,
        journal_number: "5100-80140-00007-26".into(),
        flags: UrgencyFlags::default(),
        identifiers: vec![CapturedIdentifier {
            raw: "https://t.me/c/1234567890/55".into(),
            platform_hint: None,
            parsed: Identifier::parse("https://t.me/c/1234567890/55", None).unwrap(),
        }],
        items: vec![SeenItem {
            what: "Billede delt i en Telegram-kanal".into(),
            seen_at: at,
        }],
        preservations: vec![],
        notes: String::new(),
        guidance: None,
        attachments: vec![],
        prosecution_request: Some(ProsecutionRequest::Requested),
    }
}

#[test]
fn sharing_of_intimate_images_requires_the_answer() {
    let mut c = sharing();
    assert_eq!(c.validate(), Ok(()));
    c.prosecution_request = None;
    let error = c.validate().unwrap_err();
    assert_eq!(error.field, "prosecution_request");
    assert_eq!(error.message, PROSECUTION_REQUIRED);
    assert!(error.message.contains("§ 275, stk. 2"));
    // The desk runs the same rule on arrival.
    assert!(Submission::new(c).is_err());
}

#[test]
fn not_yet_known_is_an_answer_the_spoc_is_warned_about() {
    let mut c = sharing();
    c.prosecution_request = Some(ProsecutionRequest::NotYetKnown);
    assert_eq!(c.validate(), Ok(()));
    assert_eq!(c.prosecution_warning(), Some(ProsecutionWarning::NotYetKnown));
    c.prosecution_request = Some(ProsecutionRequest::NotRequested);
    assert_eq!(c.prosecution_warning(), None);
}

#[test]
fn an_emergency_goes_without_it_but_says_it_is_missing() {
    let mut c = sharing();
    c.flags.danger_to_life = true;
    c.journal_number.clear();
    c.prosecution_request = None;
    assert_eq!(c.validate(), Ok(()));
    assert_eq!(c.prosecution_warning(), Some(ProsecutionWarning::Missing));
    assert_eq!(
        ProsecutionRequest::rule(CaseType::IntimateImageSharing, UrgencyLevel::Critical),
        ProsecutionRule::Warned
    );
}

#[test]
fn other_case_types_do_not_carry_it() {
    for case_type in CaseType::ALL {
        let rule = ProsecutionRequest::rule(case_type, UrgencyLevel::High);
        assert_eq!(
            rule == ProsecutionRule::NotAsked,
            case_type != CaseType::IntimateImageSharing,
            "{case_type:?}"
        );
    }
    let mut c = sharing();
    c.case_type = CaseType::Sextortion;
    assert_eq!(c.validate().unwrap_err().field, "prosecution_request");
    c.prosecution_request = None;
    assert_eq!(c.validate(), Ok(()));
    assert_eq!(c.prosecution_warning(), None);
}

#[test]
fn older_captures_hash_and_validate_as_before() {
    // A schema-2 capture of this case type, queued before the field existed, is not refused for
    // lacking it, and its JSON has no trace of it: the hash the device computed still holds.
    let mut old = sharing();
    old.schema_version = 2;
    old.prosecution_request = None;
    assert_eq!(old.validate(), Ok(()));
    assert_eq!(old.prosecution_warning(), None);
    let json = canonical_json(&old).unwrap();
    assert!(!json.contains("prosecution"), "{json}");
    let reread: Capture = serde_json::from_str(&json).unwrap();
    assert_eq!(reread, old);
    // Sent with the field, a schema-2 capture is refused: it cannot have come from a schema-2 build.
    old.prosecution_request = Some(ProsecutionRequest::Requested);
    let error = old.validate().unwrap_err();
    assert_eq!(
        (error.field.as_str(), error.message.as_str()),
        ("prosecution_request", "needs schema version 3")
    );
}

#[test]
fn the_answer_has_stable_wire_names() {
    for answer in ProsecutionRequest::ALL {
        assert_eq!(serde_json::to_value(answer).unwrap(), answer.code());
    }
    let json = canonical_json(&sharing()).unwrap();
    assert!(json.contains(r#""prosecution_request":"requested""#), "{json}");
}
