use leptos::prelude::*;
use spoc_core::capture::{Capture, ProsecutionRequest, ProsecutionWarning};
use spoc_core::guidance::Item;

use crate::clock;
use crate::components::preservation_clock;
use crate::guidance::use_guidance;
use crate::i18n::{tr, use_lang, T};
use crate::pages::{case_type_name, urgency_name};

/// Everything in a capture, read-only: the officer's own submitted view and the SPOC desk's detail
/// both show it. Captured text is hostile input (a URL may lead anywhere, a name may hold markup), so
/// every captured value is a text node: never a link, never HTML.
///
/// `checklist`: the checklist texts of the pack version the capture was made under (the desk holds
/// every version); without it, the texts of the pack on this device.
#[component]
pub fn CaptureRecord(capture: Capture, #[prop(optional)] checklist: Option<Vec<Item>>) -> impl IntoView {
    let lang = use_lang();
    let pack = use_guidance();
    let checklist = StoredValue::new(checklist);
    let text_of = move |id: &str| -> Option<String> {
        let lang = lang.get();
        checklist.with_value(|held| match held {
            Some(items) => items
                .iter()
                .find(|i| i.id == id)
                .map(|i| i.text.get(lang).to_string()),
            None => pack
                .get()
                .and_then(|p| p.item(id).map(|i| i.text.get(lang).to_string())),
        })
    };
    let prosecution = capture.prosecution_request;
    let prosecution_warning = capture.prosecution_warning();
    let level = capture.urgency();
    let flags = [
        (capture.flags.danger_to_life, T::DangerToLife),
        (capture.flags.victim_minor, T::VictimMinor),
        (capture.flags.ongoing, T::Ongoing),
    ];
    let officer = capture.officer.clone();
    let guidance = capture.guidance.clone();
    let preservations = capture.preservations.clone();
    view! {
        <section class="card record">
            <h2>{capture.journal_number.clone()}</h2>
            <p>
                {case_type_name(capture.case_type, lang.get())}" · "{tr(T::UrgencyLevel)}": "
                <strong data-testid="record-urgency">{urgency_name(level).text(lang.get())}</strong>
            </p>
            <ul class="plain">
                {flags.into_iter().filter(|(on, _)| *on).map(|(_, flag)| view! { <li>{tr(flag)}</li> }).collect_view()}
            </ul>
            <p class="meta">{clock::display(&capture.created_at)}</p>
            <h3>{tr(T::Officer)}</h3>
            <p>
                <span class="value">{officer.name}</span>" · "{tr(T::BadgeNumber)}" "<span class="value">{officer.badge_number}</span>
                {officer.district.map(|d| view! { " · "{d.name()} })}
                " · "{tr(T::Phone)}" "<span class="value">{officer.phone}</span>
            </p>
            {(prosecution.is_some() || prosecution_warning.is_some()).then(|| view! {
                <h3>{tr(T::Prosecution)}</h3>
                {prosecution.map(|p| view! { <p data-testid="record-prosecution" data-answer=p.code()>{tr(prosecution_name(p))}</p> })}
                {prosecution_warning.map(|w| view! {
                    <p class="warning" data-testid="prosecution-warning">{tr(prosecution_warning_text(w))}</p>
                })}
            })}
            // A section with nothing in it has no heading either.
            {(!capture.identifiers.is_empty()).then(|| view! {
                <h3>{tr(T::Identifiers)}</h3>
                <ul class="plain">
                    {capture.identifiers.into_iter().map(|i| view! {
                        <li>
                            <strong>{i.parsed.platform.name(lang.get())}</strong>" · "{i.parsed.kind.label(lang.get())}
                            " · "<code class="value">{i.parsed.value}</code>
                            <br/><span class="meta">{tr(T::IdentifierRaw)}": "</span><code class="value">{i.raw}</code>
                        </li>
                    }).collect_view()}
                </ul>
            })}
            {(!capture.items.is_empty()).then(|| view! {
                <h3>{tr(T::ItemsSeen)}</h3>
                <ul class="plain">
                    {capture.items.into_iter().map(|item| view! {
                        <li><code class="value">{item.what}</code>" · "{clock::display(&item.seen_at)}</li>
                    }).collect_view()}
                </ul>
            })}
            {(!preservations.is_empty()).then(|| view! {
                <h3>{tr(T::Preservations)}</h3>
                <ul class="plain">
                    {preservations.into_iter().map(|p| view! {
                        <li>
                            {p.platform.name(lang.get())}" · "{clock::display(&p.requested_at)}" · "
                            <span class="value">{p.reference.clone()}</span>
                            {move || pack.get().and_then(|pack| preservation_clock(&pack, p.platform, &p.requested_at, lang.get()))}
                        </li>
                    }).collect_view()}
                </ul>
            })}
            {(!capture.attachments.is_empty()).then(|| view! {
                <h3>{tr(T::Attachments)}</h3>
                <ul class="plain" data-testid="attachments">
                    {capture.attachments.iter().map(|a| view! {
                        <li>
                            <span class="value">{a.name.clone()}</span>" · "<span class="value">{a.media_type.clone()}</span>
                            " · "{size_text(a.size)}" · "<code class="value">{a.sha256.clone()}</code>
                        </li>
                    }).collect_view()}
                </ul>
            })}
            {guidance.map(|g| view! {
                <h3>{tr(T::Checklist)}" · "{tr(T::PackVersion)}" "{g.pack_version}</h3>
                <ul class="plain" data-testid="ticks">
                    {g.ticked.into_iter().map(|t| {
                        let item = t.item.clone();
                        view! {
                            <li>
                                "✓ "{move || text_of(&item).unwrap_or_else(|| item.clone())}
                                " · "{clock::display(&t.at)}
                                {(!t.note.is_empty()).then(|| view! { <br/><span class="value">{t.note.clone()}</span> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {(!g.skipped_critical.is_empty()).then(|| {
                    let skipped = g.skipped_critical.clone();
                    view! {
                        <div class="warning" data-testid="skipped">
                            <strong>{tr(T::Skipped)}</strong>
                            <ul class="plain">
                                {move || skipped.iter().map(|id| {
                                    view! { <li>{text_of(id).unwrap_or_else(|| id.clone())}</li> }
                                }).collect_view()}
                            </ul>
                        </div>
                    }
                })}
            })}
            {(!capture.notes.trim().is_empty()).then(|| view! {
                <h3>{tr(T::Notes)}</h3>
                <p class="notes">{capture.notes}</p>
            })}
        </section>
    }
}

pub fn prosecution_name(answer: ProsecutionRequest) -> T {
    match answer {
        ProsecutionRequest::Requested => T::ProsecutionRequested,
        ProsecutionRequest::NotRequested => T::ProsecutionNotRequested,
        ProsecutionRequest::NotYetKnown => T::ProsecutionNotYetKnown,
    }
}

pub fn prosecution_warning_text(warning: ProsecutionWarning) -> T {
    match warning {
        ProsecutionWarning::Missing => T::ProsecutionMissing,
        ProsecutionWarning::NotYetKnown => T::ProsecutionAsk,
    }
}

/// `2.4 MB`, `310 KB`, `87 B`: enough to tell files apart; the hash identifies them.
fn size_text(bytes: u64) -> String {
    match bytes {
        0..=999 => format!("{bytes} B"),
        1_000..=999_999 => format!("{} KB", bytes / 1_000),
        // Integer arithmetic: printing a float would add ~10 KB of float formatting to the bundle.
        _ => format!("{}.{} MB", bytes / 1_000_000, bytes / 100_000 % 10),
    }
}
