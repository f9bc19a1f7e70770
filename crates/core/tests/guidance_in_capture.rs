//! What the guidance adds to a capture: the checklist record, attachments (never for child sexual
//! abuse material), per-platform prompts and the preservation-request draft.

use spoc_core::api::{Submission, SubmissionError};
use spoc_core::canonical::sha256_hex;
use spoc_core::capture::{Attachment, CapturedIdentifier, GuidanceRecord, Officer, SeenItem, Tick};
use spoc_core::guidance::{preservation_request, prompts, GuidancePack, Prompt};
use spoc_core::{Capture, CaseType, District, Identifier, IdentifierKind, Platform, UrgencyFlags, ZonedTime};

fn now() -> ZonedTime {
    ZonedTime::new("2026-11-22T14:03:00+01:00", "Europe/Copenhagen")
}

fn id(raw: &str, hint: Option<Platform>) -> CapturedIdentifier {
    CapturedIdentifier {
        raw: raw.into(),
        platform_hint: hint,
        parsed: Identifier::parse(raw, hint).unwrap(),
    }
}

fn capture(case_type: CaseType) -> Capture {
    Capture {
        schema_version: spoc_core::SCHEMA_VERSION,
        id: "0f8fad5b-d9cb-469f-a165-70867728950e".into(),
        created_at: now(),
        officer: Officer {
            name: "Test Betjent".into(),
            badge_number: "A123".into(),
            district: Some(District::Fyn),
            phone: "+4511223344".into(),
        },
        case_type,
        journal_number: "1200-80140-00123-26".into(),
        flags: UrgencyFlags::default(),
        identifiers: vec![
            id("https://www.tiktok.com/@Some.User?lang=da", None),
            id("https://x.com/some_handle", None),
        ],
        items: vec![
            SeenItem {
                what: "https://www.tiktok.com/@some.user/video/7234567890123456789".into(),
                seen_at: now(),
            },
            SeenItem {
                what: "Chat on the victim's phone".into(),
                seen_at: now(),
            },
        ],
        preservations: vec![],
        notes: String::new(),
        guidance: Some(GuidanceRecord {
            pack_version: 1,
            ticked: vec![Tick {
                item: "sextortion.accounts".into(),
                at: now(),
                note: "Two accounts".into(),
            }],
            skipped_critical: vec!["sextortion.advise".into()],
        }),
        attachments: vec![],
        prosecution_request: None,
    }
}

fn attachment(bytes: &[u8]) -> Attachment {
    use base64::Engine;
    Attachment {
        name: "screenshot.png".into(),
        media_type: "image/png".into(),
        size: bytes.len() as u64,
        sha256: sha256_hex(bytes),
        data: base64::engine::general_purpose::STANDARD.encode(bytes),
    }
}

fn refused_field(capture: &Capture) -> String {
    capture.validate().expect_err("must be refused").field
}

#[test]
fn a_child_abuse_material_capture_refuses_any_attachment_and_says_why() {
    let mut c = capture(CaseType::ChildSexualAbuseMaterial);
    c.guidance = None;
    assert_eq!(c.validate(), Ok(()));
    c.attachments.push(attachment(b"\x89PNG any bytes at all"));
    let error = c.validate().unwrap_err();
    assert_eq!(error.field, "attachments");
    assert!(error.message.contains("never copied"), "{}", error.message);
    // Submission::new (the app's path) refuses it too: there is no way to seal one.
    assert!(matches!(Submission::new(c), Err(SubmissionError::Invalid(_))));
}

#[test]
fn other_case_types_carry_attachments_checked_for_shape() {
    for bytes in [&b"a"[..], b"ab", b"abc", b"abcd"] {
        let mut c = capture(CaseType::Sextortion);
        c.attachments.push(attachment(bytes));
        assert_eq!(c.validate(), Ok(()), "{} bytes", bytes.len());
    }
    let mut c = capture(CaseType::Sextortion);
    c.attachments.push(Attachment {
        media_type: "application/zip".into(),
        ..attachment(b"abc")
    });
    assert_eq!(refused_field(&c), "attachments[0].media_type");
    c.attachments[0] = Attachment {
        size: 4,
        ..attachment(b"abc")
    };
    assert_eq!(refused_field(&c), "attachments[0].data");
    c.attachments[0] = Attachment {
        data: "YW*j".into(),
        ..attachment(b"abc")
    };
    assert_eq!(refused_field(&c), "attachments[0].data");
}

#[test]
fn the_desk_refuses_an_attachment_whose_bytes_do_not_match_their_hash() {
    let mut c = capture(CaseType::Sextortion);
    c.attachments.push(Attachment {
        sha256: sha256_hex(b"something else"),
        ..attachment(b"the real bytes")
    });
    let submission = Submission::new(c).expect("the shape is fine");
    let error = Submission::decode(serde_json::to_value(&submission).unwrap()).unwrap_err();
    assert_eq!(error.field().as_deref(), Some("capture.attachments[0].data"));
}

#[test]
fn the_checklist_record_is_checked() {
    let mut c = capture(CaseType::Sextortion);
    let again = c.guidance.as_ref().unwrap().ticked[0].clone();
    c.guidance.as_mut().unwrap().ticked.push(again);
    assert_eq!(refused_field(&c), "guidance.ticked[1].item");

    let mut c = capture(CaseType::Sextortion);
    c.guidance
        .as_mut()
        .unwrap()
        .skipped_critical
        .push("sextortion.accounts".into());
    assert_eq!(refused_field(&c), "guidance.skipped_critical[1]");

    let mut c = capture(CaseType::Sextortion);
    c.guidance.as_mut().unwrap().ticked[0].at = ZonedTime::new("yesterday", "Europe/Copenhagen");
    assert_eq!(refused_field(&c), "guidance.ticked[0].at");

    let mut c = capture(CaseType::Sextortion);
    c.guidance.as_mut().unwrap().ticked[0].item = "Not An Id".into();
    assert_eq!(refused_field(&c), "guidance.ticked[0].item");
}

#[test]
fn a_version_1_capture_reads_and_hashes_as_before() {
    let mut c = capture(CaseType::Sextortion);
    c.schema_version = 1;
    c.guidance = None;
    let json = serde_json::to_value(&c).unwrap();
    assert!(json.get("guidance").is_none() && json.get("attachments").is_none());
    assert!(Submission::new(c.clone()).is_ok());
    c.guidance = capture(CaseType::Sextortion).guidance;
    assert_eq!(refused_field(&c), "guidance");
}

#[test]
fn unticked_critical_items_are_listed_in_checklist_order() {
    let pack = GuidancePack::bundled();
    let all: Vec<&str> = pack
        .unticked_critical(CaseType::Sextortion, &[])
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(
        &all[..4],
        [
            "sextortion.accounts",
            "sextortion.payment-demands",
            "sextortion.capture-before-blocking",
            "sextortion.advise"
        ]
    );
    let rest = pack.unticked_critical(CaseType::Sextortion, &["sextortion.accounts"]);
    assert_eq!(rest.len(), all.len() - 1);
    assert_eq!(rest[0].id, "sextortion.payment-demands");
}

#[test]
fn prompts_name_what_each_platform_still_needs() {
    let pack = GuidancePack::bundled();
    let parse = |raw: &str, hint| Identifier::parse(raw, hint).unwrap();
    let entered = [
        parse("https://x.com/some_handle", None),
        parse("vm.tiktok.com/ZMabc123/", None),
    ];
    let prompts = prompts(&pack, &entered);
    let missing: Vec<(Platform, Vec<IdentifierKind>)> = prompts
        .iter()
        .filter_map(|p| match p {
            Prompt::Missing { platform, need } => Some((*platform, need.kinds.clone())),
            _ => None,
        })
        .collect();
    // X: the handle is there, the numeric ID is not. TikTok: only a short link, no username.
    assert_eq!(
        missing,
        [
            (Platform::X, vec![IdentifierKind::UserId]),
            (Platform::Tiktok, vec![IdentifierKind::Username])
        ]
    );
    assert!(prompts.contains(&Prompt::ShortLink {
        platform: Platform::Tiktok
    }));

    let complete = [
        parse("@some_handle", Some(Platform::X)),
        parse("1790000000", Some(Platform::X)),
    ];
    assert_eq!(spoc_core::guidance::prompts(&pack, &complete), []);
}

#[test]
fn a_preservation_request_carries_only_that_platforms_identifiers() {
    let pack = GuidancePack::bundled();
    let text = preservation_request(&pack, &capture(CaseType::Sextortion), Platform::Tiktok);
    assert!(text.contains("Subject: Preservation request - TikTok - Danish Police ref. 1200-80140-00123-26"));
    assert!(text.contains("- username: @some.user"));
    // Months written out (never 22/11, which a US provider may misread), the zone and UTC beside.
    assert!(text.contains("https://www.tiktok.com/@some.user/video/7234567890123456789 (seen 22 November 2026, 14:03 (UTC+01:00, Europe/Copenhagen) = 22 November 2026, 13:03 UTC)"), "{text}");
    assert!(!text.contains("2026-11-22"), "{text}");
    assert!(text.contains("[LEGAL BASIS: to be completed by the SPOC]"));
    assert!(text.contains("Fyns Politi"));
    // Nothing about X, and not the free-text item.
    assert!(!text.contains("some_handle"), "{text}");
    assert!(!text.contains("victim's phone"), "{text}");
    assert!(!text.contains("EMERGENCY"));

    let mut urgent = capture(CaseType::ThreatToLife);
    urgent.flags.danger_to_life = true;
    let text = preservation_request(&pack, &urgent, Platform::X);
    assert!(text.contains("EMERGENCY"));
    assert!(text.contains("- username: @some_handle"));
}

#[test]
fn only_a_threat_to_life_may_go_before_it_has_a_journal_number() {
    let mut routine = capture(CaseType::Sextortion);
    routine.journal_number.clear();
    assert_eq!(refused_field(&routine), "journal_number");
    let mut urgent = capture(CaseType::ThreatToLife);
    urgent.journal_number.clear();
    assert_eq!(urgent.validate(), Ok(()));
    let mut danger = capture(CaseType::Grooming);
    danger.flags.danger_to_life = true;
    danger.journal_number.clear();
    assert_eq!(danger.validate(), Ok(()));
}
