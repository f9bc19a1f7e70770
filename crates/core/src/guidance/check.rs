//! What makes a guidance pack publishable. The desk refuses to start with a broken pack and the app
//! refuses to replace its last good copy with one, so an officer never meets a missing text or a
//! checklist item that points nowhere.

use std::collections::HashSet;

use super::{GuidancePack, Item, Text};
use crate::capture::CaseType;
use crate::identifier::Platform;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PackError {
    #[error("the pack is not readable JSON of the expected shape: {0}")]
    Json(String),
    #[error("{at}: {problem}")]
    Invalid { at: String, problem: String },
}

fn invalid(at: impl Into<String>, problem: impl Into<String>) -> PackError {
    PackError::Invalid {
        at: at.into(),
        problem: problem.into(),
    }
}

/// The platforms a first officer meets as services; phone, e-mail and payment identifiers need no
/// provider guidance of their own.
pub const SERVICES: [Platform; 11] = [
    Platform::Tiktok,
    Platform::Instagram,
    Platform::Facebook,
    Platform::Snapchat,
    Platform::X,
    Platform::Telegram,
    Platform::Discord,
    Platform::Youtube,
    Platform::Whatsapp,
    Platform::Pornhub,
    Platform::Xhamster,
];

impl GuidancePack {
    pub fn check(&self) -> Result<(), PackError> {
        if self.version == 0 {
            return Err(invalid("version", "starts at 1"));
        }
        if !is_date(&self.published) {
            return Err(invalid("published", "must be YYYY-MM-DD"));
        }
        let mut checker = Checker {
            pack: self,
            ids: HashSet::new(),
        };
        checker.all()
    }

    /// Every item of the pack with where it sits and in which list, in reading order.
    pub fn items(&self) -> impl Iterator<Item = (Place, &'static str, &Item)> {
        let emergency = self
            .emergency
            .steps
            .iter()
            .map(|i| (Place::Emergency, "steps", i));
        let common = self.common_steps.iter().map(|i| (Place::Common, "steps", i));
        let cases = self.case_types.iter().flat_map(|c| {
            let place = Place::Case(c.case_type);
            (c.steps.iter().map(move |i| (place, "steps", i)))
                .chain(c.donts.iter().map(move |i| (place, "donts", i)))
                .chain(c.victim_advice.iter().map(move |i| (place, "victim_advice", i)))
        });
        let platforms = self.platforms.iter().flat_map(|p| {
            p.notes
                .iter()
                .map(move |i| (Place::Platform(p.platform), "notes", i))
        });
        emergency.chain(common).chain(cases).chain(platforms)
    }
}

/// Where an item sits in the pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Emergency,
    Common,
    Case(CaseType),
    Platform(Platform),
}

impl Place {
    /// The pack's path to the list the item is in (`case_types.sextortion.donts`).
    pub fn path(self, list: &str) -> String {
        match self {
            Place::Emergency => format!("emergency.{list}"),
            Place::Common => "common_steps".into(),
            Place::Case(c) => format!("case_types.{}.{list}", c.code()),
            Place::Platform(p) => format!("platforms.{}.{list}", p.code()),
        }
    }
}

struct Checker<'a> {
    pack: &'a GuidancePack,
    ids: HashSet<&'a str>,
}

impl<'a> Checker<'a> {
    fn all(&mut self) -> Result<(), PackError> {
        let pack = self.pack;
        let mut cited = HashSet::new();
        for (i, source) in pack.sources.iter().enumerate() {
            let at = format!("sources[{i}]");
            self.id(&at, &source.id)?;
            if source.title.trim().is_empty() || source.reference.trim().is_empty() {
                return Err(invalid(at, "needs a title and a reference"));
            }
        }
        for (i, contact) in pack.contacts.iter().enumerate() {
            let at = format!("contacts[{i}]");
            self.id(&at, &contact.id)?;
            text(&format!("{at}.name"), &contact.name)?;
            text(&format!("{at}.hours"), &contact.hours)?;
            optional_text(&format!("{at}.verify"), &contact.verify)?;
            if !is_dialable(&contact.phone) {
                return Err(invalid(
                    format!("{at}.phone"),
                    "must be E.164 (+ and 8 to 15 digits) or a 3- or 4-digit short number",
                ));
            }
            self.sources(&at, &contact.sources, &mut cited)?;
        }
        if pack.emergency_contact().is_none() {
            return Err(invalid("emergency.call", "names no contact of the pack"));
        }
        text("emergency.otherwise", &pack.emergency.otherwise)?;

        for (place, list, item) in pack.items() {
            let at = format!("{}.{}", place.path(list), item.id);
            self.id(&at, &item.id)?;
            text(&format!("{at}.text"), &item.text)?;
            optional_text(&format!("{at}.verify"), &item.verify)?;
            self.sources(&at, &item.sources, &mut cited)?;
        }

        for case_type in CaseType::ALL {
            let found = pack
                .case_types
                .iter()
                .filter(|c| c.case_type == case_type)
                .count();
            if found != 1 {
                return Err(invalid(
                    format!("case_types.{}", case_type.code()),
                    format!("must appear once, appears {found} times"),
                ));
            }
        }
        for case in &pack.case_types {
            let at = format!("case_types.{}", case.case_type.code());
            text(&format!("{at}.summary"), &case.summary)?;
            if !case.steps.iter().any(|s| s.critical) {
                return Err(invalid(format!("{at}.steps"), "has no critical step"));
            }
        }

        for platform in SERVICES {
            let found = pack.platforms.iter().filter(|p| p.platform == platform).count();
            if found != 1 {
                return Err(invalid(
                    format!("platforms.{}", platform.code()),
                    format!("must appear once, appears {found} times"),
                ));
            }
        }
        for guide in &pack.platforms {
            let at = format!("platforms.{}", guide.platform.code());
            if !SERVICES.contains(&guide.platform) {
                return Err(invalid(at, "is not a service the pack covers"));
            }
            text(&format!("{at}.provider"), &guide.provider)?;
            text(&format!("{at}.request_route"), &guide.request_route)?;
            optional_text(&format!("{at}.emergency_route"), &guide.emergency_route)?;
            optional_text(&format!("{at}.verify"), &guide.verify)?;
            text(&format!("{at}.preservation.basis"), &guide.preservation.basis)?;
            optional_text(&format!("{at}.preservation.verify"), &guide.preservation.verify)?;
            let rule = &guide.preservation;
            if rule.days == Some(0) || rule.extension_days == Some(0) {
                return Err(invalid(format!("{at}.preservation"), "a period of 0 days"));
            }
            if rule.days.is_none() && (rule.extension_days.is_some() || rule.verify.is_none()) {
                return Err(invalid(
                    format!("{at}.preservation"),
                    "without a known period there is no extension, and the pack must say to verify",
                ));
            }
            if guide.identifiers.iter().all(|n| !n.mandatory) {
                return Err(invalid(
                    format!("{at}.identifiers"),
                    "names no mandatory identifier",
                ));
            }
            for (i, need) in guide.identifiers.iter().enumerate() {
                if need.kinds.is_empty() {
                    return Err(invalid(format!("{at}.identifiers[{i}].kinds"), "is empty"));
                }
                text(&format!("{at}.identifiers[{i}].why"), &need.why)?;
            }
            self.sources(&at, &guide.sources, &mut cited)?;
        }

        if let Some(unused) = pack.sources.iter().find(|s| !cited.contains(s.id.as_str())) {
            return Err(invalid(format!("sources.{}", unused.id), "is cited by nothing"));
        }
        Ok(())
    }

    fn id(&mut self, at: &str, id: &'a str) -> Result<(), PackError> {
        let shape = !id.is_empty()
            && id.len() <= 64
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.');
        if !shape {
            return Err(invalid(at, "an id is 1 to 64 of a-z, 0-9, '-' and '.'"));
        }
        if !self.ids.insert(id) {
            return Err(invalid(at, format!("the id {id} is used twice")));
        }
        Ok(())
    }

    fn sources(
        &self,
        at: &str,
        sources: &'a [String],
        cited: &mut HashSet<&'a str>,
    ) -> Result<(), PackError> {
        if sources.is_empty() {
            return Err(invalid(format!("{at}.sources"), "cites no source"));
        }
        for source in sources {
            if self.pack.source(source).is_none() {
                return Err(invalid(
                    format!("{at}.sources"),
                    format!("{source} is not a source of the pack"),
                ));
            }
            cited.insert(source);
        }
        Ok(())
    }
}

fn text(at: &str, text: &Text) -> Result<(), PackError> {
    for (lang, value) in [("da", &text.da), ("en", &text.en)] {
        if value.trim().is_empty() {
            return Err(invalid(format!("{at}.{lang}"), "is missing"));
        }
        if value.chars().any(|c| c.is_control() && c != '\n') {
            return Err(invalid(format!("{at}.{lang}"), "contains control characters"));
        }
    }
    Ok(())
}

fn optional_text(at: &str, value: &Option<Text>) -> Result<(), PackError> {
    value.as_ref().map_or(Ok(()), |t| text(at, t))
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// E.164, or a national short number such as 112 or 114: both work in a `tel:` link on a Danish phone.
fn is_dialable(s: &str) -> bool {
    let digits = |d: &str, len: std::ops::RangeInclusive<usize>| {
        len.contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit())
    };
    match s.strip_prefix('+') {
        Some(e164) => digits(e164, 8..=15),
        None => digits(s, 3..=4),
    }
}
