//! What changed between two versions of the pack: items added, removed and changed, and each text
//! per language, so the SPOC can see what officers will read differently before it publishes, and
//! anyone can see afterwards what a version changed.
//!
//! Both packs are flattened into the same units (an item by its id, a contact, a platform's guide, a
//! case type's summary, a source, the emergency path) with named fields; units are matched by what
//! they are, never by position, so moving an item changes its `place` and nothing else.

use serde::{Deserialize, Serialize};

use super::{GuidancePack, IdentifierNeed, Text};
use crate::Lang;

/// The changes from the pack `from_version` to the pack `to_version`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PackDiff {
    pub from_version: u32,
    pub to_version: u32,
    /// In the newer pack's reading order; what was removed comes last, in the older pack's order.
    pub changes: Vec<Change>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Change {
    /// An item's id (`sextortion.dont-pay`), or the part of the pack (`platforms.snapchat`,
    /// `contacts.spoc-duty`, `case_types.grooming`, `sources.meta-le`, `emergency`, `pack`).
    pub subject: String,
    /// Where it sits in the pack (for an item, its list: `case_types.sextortion.steps`).
    pub place: String,
    pub kind: ChangeKind,
    /// Every field that differs; for an added or removed subject, every field it has.
    pub fields: Vec<FieldChange>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldChange {
    /// `text`, `verify`, `critical`, `sources`, `preservation.days`, `identifiers[1].why`, …
    pub field: String,
    /// The language of a text; absent for values that are the same in both (a number, a flag).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
    /// Absent where the field did not exist before.
    pub before: Option<String>,
    /// Absent where the field no longer exists.
    pub after: Option<String>,
}

impl PackDiff {
    /// How many subjects were added, removed and changed.
    pub fn count(&self, kind: ChangeKind) -> usize {
        self.changes.iter().filter(|c| c.kind == kind).count()
    }

    /// How many subjects have a text that changed in `lang`.
    pub fn changed_in(&self, lang: Lang) -> usize {
        self.changes
            .iter()
            .filter(|c| c.fields.iter().any(|f| f.lang == Some(lang)))
            .count()
    }
}

/// What changed from `old` to `new`.
pub fn diff(old: &GuidancePack, new: &GuidancePack) -> PackDiff {
    let before = units(old);
    let after = units(new);
    let mut changes = Vec::new();
    for unit in &after {
        let (kind, fields) = match before.iter().find(|u| u.subject == unit.subject) {
            None => (ChangeKind::Added, compare(None, Some(unit))),
            Some(was) => (ChangeKind::Changed, compare(Some(was), Some(unit))),
        };
        if !fields.is_empty() {
            changes.push(change(unit, kind, fields));
        }
    }
    for unit in before
        .iter()
        .filter(|u| !after.iter().any(|a| a.subject == u.subject))
    {
        changes.push(change(unit, ChangeKind::Removed, compare(Some(unit), None)));
    }
    PackDiff {
        from_version: old.version,
        to_version: new.version,
        changes,
    }
}

fn change(unit: &Unit, kind: ChangeKind, fields: Vec<FieldChange>) -> Change {
    Change {
        subject: unit.subject.clone(),
        place: unit.place.clone(),
        kind,
        fields,
    }
}

/// A field's value: a text in both languages, or one that reads the same in both.
enum Value<'a> {
    Text(&'a Text),
    Plain(String),
}

/// One thing in a pack that can be added, removed or changed, with its fields in reading order.
struct Unit<'a> {
    subject: String,
    place: String,
    fields: Vec<(String, Value<'a>)>,
}

impl<'a> Unit<'a> {
    fn new(subject: impl Into<String>, place: impl Into<String>) -> Self {
        Unit {
            subject: subject.into(),
            place: place.into(),
            fields: Vec::new(),
        }
    }

    fn text(mut self, field: &str, text: &'a Text) -> Self {
        self.fields.push((field.to_string(), Value::Text(text)));
        self
    }

    fn optional_text(self, field: &str, text: &'a Option<Text>) -> Self {
        match text {
            Some(text) => self.text(field, text),
            None => self,
        }
    }

    fn plain(mut self, field: &str, value: impl ToString) -> Self {
        self.fields
            .push((field.to_string(), Value::Plain(value.to_string())));
        self
    }

    fn sources(self, sources: &[String]) -> Self {
        self.plain("sources", sources.join(", "))
    }
}

fn days(days: Option<u32>) -> String {
    days.map_or_else(|| "none".to_string(), |d| d.to_string())
}

fn kinds(need: &IdentifierNeed) -> String {
    let codes: Vec<String> = need
        .kinds
        .iter()
        .map(|k| {
            serde_json::to_value(k)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default()
        })
        .collect();
    codes.join(" / ")
}

/// Every unit of a pack, in reading order.
fn units(pack: &GuidancePack) -> Vec<Unit<'_>> {
    let mut units = vec![Unit::new("pack", "pack").plain("published", &pack.published)];
    units.push(
        Unit::new("emergency", "emergency")
            .plain("call", &pack.emergency.call)
            .text("otherwise", &pack.emergency.otherwise),
    );
    for contact in &pack.contacts {
        units.push(
            Unit::new(format!("contacts.{}", contact.id), "contacts")
                .text("name", &contact.name)
                .plain("phone", &contact.phone)
                .text("hours", &contact.hours)
                .optional_text("verify", &contact.verify)
                .sources(&contact.sources),
        );
    }
    for case in &pack.case_types {
        let code = case.case_type.code();
        units.push(Unit::new(format!("case_types.{code}"), "case_types").text("summary", &case.summary));
    }
    for (place, list, item) in pack.items() {
        units.push(
            Unit::new(&item.id, place.path(list))
                .text("text", &item.text)
                .plain("critical", item.critical)
                .optional_text("verify", &item.verify)
                .sources(&item.sources),
        );
    }
    for guide in &pack.platforms {
        let mut unit = Unit::new(format!("platforms.{}", guide.platform.code()), "platforms")
            .text("provider", &guide.provider);
        for (i, need) in guide.identifiers.iter().enumerate() {
            unit = unit
                .plain(&format!("identifiers[{i}].kinds"), kinds(need))
                .plain(&format!("identifiers[{i}].mandatory"), need.mandatory)
                .text(&format!("identifiers[{i}].why"), &need.why);
        }
        let rule = &guide.preservation;
        units.push(
            unit.text("request_route", &guide.request_route)
                .plain("preservation.days", days(rule.days))
                .plain("preservation.extension_days", days(rule.extension_days))
                .text("preservation.basis", &rule.basis)
                .optional_text("preservation.verify", &rule.verify)
                .optional_text("emergency_route", &guide.emergency_route)
                .plain("formats", guide.formats.join("\n"))
                .optional_text("verify", &guide.verify)
                .sources(&guide.sources),
        );
    }
    for source in &pack.sources {
        units.push(
            Unit::new(format!("sources.{}", source.id), "sources")
                .plain("title", &source.title)
                .plain("reference", &source.reference),
        );
    }
    units
}

/// The fields that differ between two versions of one unit (either may be absent), the newer
/// one's order first. The place is compared too: an item moved to another list has changed.
fn compare(old: Option<&Unit>, new: Option<&Unit>) -> Vec<FieldChange> {
    let fields = |unit: Option<&Unit>| -> Vec<String> {
        unit.map(|u| u.fields.iter().map(|(f, _)| f.clone()).collect())
            .unwrap_or_default()
    };
    let mut names = fields(new);
    for name in fields(old) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let value = |unit: Option<&'_ Unit>, name: &str| -> Option<String> {
        unit?
            .fields
            .iter()
            .find(|(f, _)| f == name)
            .map(|(_, v)| match v {
                Value::Plain(p) => p.clone(),
                Value::Text(_) => String::new(),
            })
    };
    let text = |unit: Option<&'_ Unit>, name: &str, lang: Lang| -> Option<String> {
        unit?.fields.iter().find_map(|(f, v)| match v {
            Value::Text(t) if f == name => Some(t.get(lang).to_string()),
            _ => None,
        })
    };
    let is_text = |unit: Option<&'_ Unit>, name: &str| {
        unit.is_some_and(|u| {
            u.fields
                .iter()
                .any(|(f, v)| f == name && matches!(v, Value::Text(_)))
        })
    };
    let mut out = Vec::new();
    if let (Some(old), Some(new)) = (old, new) {
        if old.place != new.place {
            out.push(FieldChange {
                field: "place".into(),
                lang: None,
                before: Some(old.place.clone()),
                after: Some(new.place.clone()),
            });
        }
    }
    for name in names {
        if is_text(old, &name) || is_text(new, &name) {
            for lang in [Lang::Da, Lang::En] {
                let (before, after) = (text(old, &name, lang), text(new, &name, lang));
                if before != after {
                    out.push(FieldChange {
                        field: name.clone(),
                        lang: Some(lang),
                        before,
                        after,
                    });
                }
            }
        } else {
            let (before, after) = (value(old, &name), value(new, &name));
            if before != after {
                out.push(FieldChange {
                    field: name,
                    lang: None,
                    before,
                    after,
                });
            }
        }
    }
    out
}
