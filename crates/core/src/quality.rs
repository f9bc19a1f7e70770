//! The first assessment's checklist: what a capture that reached the SPOC still lacks, or what in it
//! is doubtful. The missing identifiers and unresolved short links are the very prompts the officer
//! was shown while capturing ([`crate::guidance::prompts`]); the rest are what the SPOC checks next
//! (a time written without its zone, a display name typed where a handle belongs, a platform nobody
//! asked to preserve, the victim's prosecution answer). Computed, never stored: the desk's detail
//! and inbox always show the rules as they are now.

use serde::{Deserialize, Serialize};

use crate::capture::{Capture, ProsecutionWarning};
use crate::guidance::{prompts, GuidancePack, Prompt, SERVICES};
use crate::identifier::{Identifier, IdentifierKind, ParseError, Platform};

/// One thing missing or doubtful. `field` names where in the record it was found (`notes`,
/// `items[2]`), never what it says: findings may reach logs and the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Finding {
    /// The platform's guidance names an identifier as mandatory (the numeric ID on X) and none was
    /// captured: the SPOC cannot make its request without it.
    MissingIdentifier {
        platform: Platform,
        /// Any one of these would do.
        kinds: Vec<IdentifierKind>,
    },
    /// A short link nobody has resolved yet: it links to nothing until the SPOC looks it up.
    UnresolvedShortLink { platform: Platform, raw: String },
    /// A clock time written in free text with no zone or offset beside it.
    TimeWithoutZone { field: String },
    /// Free text that reads as a display name ("Sofie ❤️ Jensen"): the handle or profile URL is
    /// what a provider can find.
    DisplayNameAsText { field: String },
    /// Identifiers on a service platform and no preservation request recorded for it.
    NoPreservation { platform: Platform },
    /// Sharing of intimate images without the victim's answer to "do you ask for prosecution?".
    ProsecutionAnswerMissing,
    /// The answer is "not known yet": the SPOC must get it.
    ProsecutionAnswerNotYetKnown,
}

/// Everything missing or doubtful in `capture` under `pack`, in a stable order: identifiers first
/// (platform by platform as entered), then free text, then preservation, then prosecution.
/// `resolved` holds the raw text of short links the SPOC has already resolved.
pub fn findings(pack: &GuidancePack, capture: &Capture, resolved: &[&str]) -> Vec<Finding> {
    let identifiers: Vec<Identifier> = capture.identifiers.iter().map(|i| i.parsed.clone()).collect();
    let mut out = Vec::new();
    for prompt in prompts(pack, &identifiers) {
        match prompt {
            Prompt::Missing { platform, need } => out.push(Finding::MissingIdentifier {
                platform,
                kinds: need.kinds.clone(),
            }),
            // One finding per unresolved link, so resolving one leaves the others standing.
            Prompt::ShortLink { platform } => {
                for captured in capture.identifiers.iter().filter(|i| {
                    i.parsed.platform == platform
                        && i.parsed.kind == IdentifierKind::ShortLink
                        && !resolved.contains(&i.raw.as_str())
                }) {
                    out.push(Finding::UnresolvedShortLink {
                        platform,
                        raw: captured.raw.clone(),
                    });
                }
            }
        }
    }

    let platforms = platforms_of(&identifiers);
    let texts = std::iter::once(("notes".to_string(), capture.notes.as_str())).chain(
        capture
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| (format!("items[{i}]"), item.what.as_str())),
    );
    for (field, text) in texts {
        if has_time_without_zone(text) {
            out.push(Finding::TimeWithoutZone { field: field.clone() });
        }
        if text.lines().any(|line| reads_as_display_name(line, &platforms)) {
            out.push(Finding::DisplayNameAsText { field });
        }
    }

    for platform in platforms.iter().filter(|p| SERVICES.contains(p)) {
        if !capture.preservations.iter().any(|r| r.platform == *platform) {
            out.push(Finding::NoPreservation { platform: *platform });
        }
    }

    match capture.prosecution_warning() {
        Some(ProsecutionWarning::Missing) => out.push(Finding::ProsecutionAnswerMissing),
        Some(ProsecutionWarning::NotYetKnown) => out.push(Finding::ProsecutionAnswerNotYetKnown),
        None => {}
    }
    out
}

fn platforms_of(identifiers: &[Identifier]) -> Vec<Platform> {
    let mut platforms = Vec::new();
    for id in identifiers {
        if !platforms.contains(&id.platform) {
            platforms.push(id.platform);
        }
    }
    platforms
}

/// A clock time (`14:03`, `kl. 14.03`) in a text that names no zone or offset anywhere. A time the
/// officer typed is the wall clock of someone's phone: without a zone, a provider cannot find the
/// message.
fn has_time_without_zone(text: &str) -> bool {
    has_clock_time(text) && !names_a_zone(text)
}

fn has_clock_time(text: &str) -> bool {
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b != b':' && b != b'.' {
            continue;
        }
        let before = digits_before(bytes, i);
        let after = digits_after(bytes, i + 1);
        if !(1..=2).contains(&before.len()) || after.len() != 2 {
            continue;
        }
        let (Ok(hour), Ok(minute)) = (before.parse::<u32>(), after.parse::<u32>()) else {
            continue;
        };
        if hour > 23 || minute > 59 {
            continue;
        }
        // `14:03` is a time; `14.03` is one only after "kl." (otherwise it may be a date).
        let start = i - before.len();
        let glued = start > 0 && (bytes[start - 1].is_ascii_digit() || bytes[start - 1] == b':');
        if glued {
            continue;
        }
        if b == b':' || after_kl(&text[..start]) {
            return true;
        }
    }
    false
}

/// "kl." or "kl" (Danish "klokken") just before, in any case.
fn after_kl(before: &str) -> bool {
    let before = before.trim_end();
    let before = before.strip_suffix('.').unwrap_or(before);
    before.len() >= 2
        && before.is_char_boundary(before.len() - 2)
        && before[before.len() - 2..].eq_ignore_ascii_case("kl")
}

fn digits_before(bytes: &[u8], end: usize) -> &str {
    let start = bytes[..end]
        .iter()
        .rposition(|b| !b.is_ascii_digit())
        .map_or(0, |p| p + 1);
    std::str::from_utf8(&bytes[start..end]).unwrap_or("")
}

fn digits_after(bytes: &[u8], start: usize) -> &str {
    let end = bytes[start..]
        .iter()
        .position(|b| !b.is_ascii_digit())
        .map_or(bytes.len(), |p| start + p);
    std::str::from_utf8(&bytes[start..end]).unwrap_or("")
}

fn names_a_zone(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words = [
        "utc",
        "gmt",
        "cet",
        "cest",
        "dansk tid",
        "danish time",
        "lokal tid",
        "local time",
    ];
    words.iter().any(|w| lower.contains(w)) || has_offset(text.as_bytes())
}

/// `+01:00`, `+1`, `-05:00` or a `Z` right after a time (`14:03:00Z`). A minus needs the colon
/// form, so a date (`2026-11-22`) is not taken for an offset.
fn has_offset(bytes: &[u8]) -> bool {
    let plus = bytes.windows(2).any(|w| w[0] == b'+' && w[1].is_ascii_digit());
    let minus = bytes.windows(6).any(|w| {
        w[0] == b'-'
            && w[1].is_ascii_digit()
            && w[2].is_ascii_digit()
            && w[3] == b':'
            && w[4].is_ascii_digit()
            && w[5].is_ascii_digit()
    });
    let zulu = bytes.windows(2).any(|w| w[0].is_ascii_digit() && w[1] == b'Z');
    plus || minus || zulu
}

/// A short line of capitalised words or emoji that spoc-core's parser, under a platform of the
/// capture, refuses as a display name. The parser's rule decides what a handle is; the shape test
/// keeps ordinary sentences ("sent a threat at night") from being flagged.
fn reads_as_display_name(line: &str, platforms: &[Platform]) -> bool {
    let line = line.trim();
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() || words.len() > 4 || line.chars().count() > 60 {
        return false;
    }
    let name_shaped = words.iter().all(|w| {
        let first = w.chars().next().unwrap_or(' ');
        first.is_uppercase() || !first.is_alphanumeric()
    }) && words
        .iter()
        .any(|w| w.chars().next().is_some_and(char::is_uppercase));
    name_shaped
        && platforms.iter().any(|&platform| {
            matches!(
                Identifier::parse(line, Some(platform)),
                Err(ParseError::DisplayName { .. })
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capture::{
        CapturedIdentifier, CaseType, Officer, PreservationRequest, ProsecutionRequest, SeenItem,
        UrgencyFlags,
    };
    use crate::ZonedTime;

    fn at() -> ZonedTime {
        ZonedTime::new("2026-11-22T14:03:00+01:00", "Europe/Copenhagen")
    }

    fn capture(raws: &[(&str, Option<Platform>)]) -> Capture {
        Capture {
            schema_version: 3,
            id: "00000000-0000-4000-8000-000000000001".into(),
            created_at: at(),
            officer: Officer::default(),
            case_type: CaseType::Sextortion,
            journal_number: "0100-12345-00001-26".into(),
            flags: UrgencyFlags::default(),
            identifiers: raws
                .iter()
                .map(|(raw, hint)| CapturedIdentifier {
                    raw: raw.to_string(),
                    platform_hint: *hint,
                    parsed: Identifier::parse(raw, *hint).expect(raw),
                })
                .collect(),
            items: Vec::new(),
            preservations: Vec::new(),
            notes: String::new(),
            guidance: None,
            attachments: Vec::new(),
            prosecution_request: None,
        }
    }

    fn preserved(capture: &mut Capture, platform: Platform) {
        capture.preservations.push(PreservationRequest {
            platform,
            requested_at: at(),
            reference: String::new(),
        });
    }

    #[test]
    fn a_handle_on_x_without_the_numeric_id_is_what_the_officer_was_prompted_for() {
        let pack = GuidancePack::bundled();
        let mut c = capture(&[("@someone", Some(Platform::X))]);
        preserved(&mut c, Platform::X);
        let expected: Vec<Finding> = prompts(&pack, &[c.identifiers[0].parsed.clone()])
            .into_iter()
            .map(|p| match p {
                Prompt::Missing { platform, need } => Finding::MissingIdentifier {
                    platform,
                    kinds: need.kinds.clone(),
                },
                Prompt::ShortLink { .. } => unreachable!(),
            })
            .collect();
        assert!(!expected.is_empty(), "the pack asks for X's numeric id");
        assert_eq!(findings(&pack, &c, &[]), expected);
    }

    #[test]
    fn a_complete_capture_has_no_findings() {
        let pack = GuidancePack::bundled();
        let mut c = capture(&[("+45 20 12 34 56", None)]);
        c.notes = "Threats sent kl. 14.03 dansk tid.".into();
        assert_eq!(findings(&pack, &c, &[]), vec![]);
    }

    #[test]
    fn short_links_stand_until_resolved_one_by_one() {
        let pack = GuidancePack::bundled();
        let mut c = capture(&[
            ("https://vm.tiktok.com/ZMabc123/", None),
            ("https://vm.tiktok.com/ZMxyz789/", None),
        ]);
        preserved(&mut c, Platform::Tiktok);
        let short = |f: &Vec<Finding>| {
            f.iter()
                .filter(|f| matches!(f, Finding::UnresolvedShortLink { .. }))
                .count()
        };
        assert_eq!(short(&findings(&pack, &c, &[])), 2);
        let one = findings(&pack, &c, &["https://vm.tiktok.com/ZMabc123/"]);
        assert_eq!(short(&one), 1);
        assert!(one.contains(&Finding::UnresolvedShortLink {
            platform: Platform::Tiktok,
            raw: "https://vm.tiktok.com/ZMxyz789/".into()
        }));
    }

    #[test]
    fn times_without_zone_in_free_text() {
        for text in [
            "Besked kl. 14.03",
            "sent at 9:45 yesterday",
            "KL 23.59",
            "2026-11-22 kl. 14.03",
        ] {
            assert!(has_time_without_zone(text), "{text}");
        }
        for text in [
            "Besked kl. 14.03 dansk tid",
            "sent 14:03 UTC",
            "2026-11-22T14:03:00+01:00",
            "the 14.03.2026 message",
            "version 1.2.3",
            "ratio 3:1",
            "sent 2026-11-22 at 09:15-05:00",
            "",
        ] {
            assert!(!has_time_without_zone(text), "{text}");
        }
        let pack = GuidancePack::bundled();
        let mut c = capture(&[("+4520123456", None)]);
        c.items.push(SeenItem {
            what: "Chat screenshot at 21:30".into(),
            seen_at: at(),
        });
        assert_eq!(
            findings(&pack, &c, &[]),
            vec![Finding::TimeWithoutZone {
                field: "items[0]".into()
            }]
        );
    }

    #[test]
    fn a_display_name_typed_as_text() {
        let pack = GuidancePack::bundled();
        let mut c = capture(&[("@some.user", Some(Platform::Instagram))]);
        preserved(&mut c, Platform::Instagram);
        c.notes = "Profile shows:\nSofie ❤️ Jensen".into();
        assert!(findings(&pack, &c, &[]).contains(&Finding::DisplayNameAsText {
            field: "notes".into()
        }));
        c.notes = "the offender wrote every night\nVictim is 14".into();
        assert!(!findings(&pack, &c, &[])
            .iter()
            .any(|f| matches!(f, Finding::DisplayNameAsText { .. })));
    }

    #[test]
    fn a_service_without_preservation_but_not_a_phone() {
        let pack = GuidancePack::bundled();
        let c = capture(&[("@some.user", Some(Platform::Instagram)), ("+4520123456", None)]);
        let found = findings(&pack, &c, &[]);
        assert!(found.contains(&Finding::NoPreservation {
            platform: Platform::Instagram
        }));
        assert!(!found.contains(&Finding::NoPreservation {
            platform: Platform::Phone
        }));
    }

    #[test]
    fn the_prosecution_answer_by_the_capture_rule() {
        let pack = GuidancePack::bundled();
        let mut c = capture(&[("+4520123456", None)]);
        c.case_type = CaseType::IntimateImageSharing;
        assert!(findings(&pack, &c, &[]).contains(&Finding::ProsecutionAnswerMissing));
        c.prosecution_request = Some(ProsecutionRequest::NotYetKnown);
        assert!(findings(&pack, &c, &[]).contains(&Finding::ProsecutionAnswerNotYetKnown));
        c.prosecution_request = Some(ProsecutionRequest::Requested);
        assert_eq!(findings(&pack, &c, &[]), vec![]);
    }

    #[test]
    fn findings_travel_as_tagged_json() {
        let json = serde_json::to_value(Finding::NoPreservation {
            platform: Platform::Tiktok,
        })
        .unwrap();
        assert_eq!(
            json,
            serde_json::json!({"kind": "no_preservation", "platform": "tiktok"})
        );
    }
}
