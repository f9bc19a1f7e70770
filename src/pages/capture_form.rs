use leptos::prelude::*;
use leptos::task::spawn_local;
use spoc_core::api::{Submission, SubmissionError};
use spoc_core::capture::{ProsecutionRequest, ProsecutionRule};
use spoc_core::guidance::GuidancePack;
use spoc_core::validate::{CSAM_ATTACHMENT_REFUSAL, PROSECUTION_REQUIRED};
use spoc_core::{CaseType, Platform, UrgencyLevel, ValidationError, ZonedTime};

use crate::clock;
use crate::components::{
    emergency_call, preservation_clock, prosecution_name, prosecution_warning_text, IdentifierPrompts,
    IdentifierRow,
};
use crate::draft::{Draft, DraftIdentifier, DraftItem, DraftPreservation};
use crate::guidance::use_guidance;
use crate::i18n::{tr, use_lang, Lang, T};
use crate::pages::attachments::AttachmentsField;
use crate::pages::capture::{case_type_name, urgency_name};
use crate::pages::checklist::ChecklistField;
use crate::settings::{Settings, SETTINGS_KEY};
use crate::submit::SubmitError;
use crate::sync::SyncHandle;

#[derive(Clone, Copy, PartialEq)]
enum SaveState {
    Saved,
    Failed,
}

/// The capture form. Every change is written to IndexedDB at once, so closing the tab, a dead battery
/// or a crash loses at most the keystroke in flight.
#[component]
pub fn CaptureForm(initial: Draft, #[prop(into)] on_submitted: Callback<()>) -> impl IntoView {
    let store = expect_context::<crate::app::StoreCtx>();
    let lang = use_lang();
    let sync = expect_context::<SyncHandle>();
    let draft = RwSignal::new(initial);
    let save_state = RwSignal::new(SaveState::Saved);
    let problem = RwSignal::new(None::<String>);
    let submitting = RwSignal::new(false);

    {
        let store = store.get_value();
        Effect::new(move |first_run: Option<()>| {
            let mut snapshot = draft.get();
            if first_run.is_none() {
                return; // the loaded draft is already saved
            }
            snapshot.updated_at_ms = clock::now_ms();
            let store = store.clone();
            spawn_local(async move {
                let saved = store.put_draft(&snapshot.id, &snapshot).await;
                save_state.set(if saved.is_ok() {
                    SaveState::Saved
                } else {
                    SaveState::Failed
                });
            });
        });
    }

    let guidance = use_guidance();
    // Critical items left unticked, shown once before submit; the next send goes ahead regardless.
    // The list is kept with the checklist it was computed for (case type, number of ticks): another
    // case type, a tick or an untick makes it stale, so it is no longer shown and the next submit
    // computes it again. Derived, not reset by an effect, so it cannot outlive the checklist it names.
    let checklist_state = Memo::new(move |_| draft.with(|d| (d.case_type, d.ticks.len())));
    let seen = RwSignal::new(None::<((Option<CaseType>, usize), Vec<String>)>);
    let unticked = Memo::new(move |_| {
        let current = checklist_state.get();
        seen.with(|s| match s {
            Some((state, ids)) if *state == current => ids.clone(),
            _ => Vec::new(),
        })
    });
    let critical = Memo::new(move |_| {
        draft.with(|d| d.case_type.map(|c| d.flags.level(c))) == Some(UrgencyLevel::Critical)
    });

    // Unticked critical items stop the first submit and are listed; a second submit sends, provided
    // the list is still the one the officer saw. `emergency`: nothing may stand between the minimum
    // capture and the SPOC.
    let send = move |emergency: bool| {
        if submitting.get_untracked() {
            return;
        }
        let snapshot = draft.get_untracked();
        let pack = guidance.get_untracked();
        let skipped = pack
            .as_ref()
            .map(|p| snapshot.unticked_critical(p))
            .unwrap_or_default();
        if !emergency && !skipped.is_empty() && unticked.with_untracked(|shown| *shown != skipped) {
            seen.set(Some((checklist_state.get_untracked(), skipped)));
            return;
        }
        submitting.set(true);
        problem.set(None);
        let store = store.get_value();
        spawn_local(async move {
            let lang = lang.get_untracked();
            let outcome = async {
                let settings: Settings = store
                    .get_setting(SETTINGS_KEY)
                    .await
                    .ok()
                    .flatten()
                    .unwrap_or_default();
                if !settings.is_complete() {
                    return Err(T::SettingsMissing.text(lang).to_string());
                }
                let capture = snapshot
                    .to_capture(&settings.officer, pack.as_deref())
                    .map_err(|e| describe(&e, lang))?;
                // spoc-core validates and hashes; a refused field is named in the officer's language.
                let submission = Submission::new(capture).map_err(|e| match e {
                    SubmissionError::Invalid(e) => describe(&e, lang),
                    e => e.to_string(),
                })?;
                // Sealed to the SPOC; envelope and outbox entry in one strict transaction, which also
                // deletes the draft.
                crate::submit::submit(&store, &snapshot.id, submission)
                    .await
                    .map_err(|e| match e {
                        SubmitError::NoSealKey => T::NoSealKey.text(lang).to_string(),
                        e => e.to_string(),
                    })
            };
            match outcome.await {
                Ok(()) => {
                    sync.kick();
                    on_submitted.run(());
                }
                Err(message) => problem.set(Some(message)),
            }
            submitting.set(false);
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send(false);
    };

    view! {
        <form class="capture" on:submit=submit novalidate>
            {move || critical.get().then(|| guidance.get().map(|pack| {
                let lang = lang.get();
                view! {
                    {emergency_call(pack.emergency_contact(), &pack.emergency.otherwise, lang)}
                    <button type="button" class="primary big emergency-send" data-testid="send-minimum"
                        disabled=move || submitting.get() on:click=move |_| send(true)>
                        {tr(T::SendMinimumNow)}
                    </button>
                }
            }))}
            <Step name="case" title=T::CaseStep open=true draft=draft>
                {case_type_field(draft)}
                <label for="journal-number">{tr(T::JournalNumber)}</label>
                <input id="journal-number" type="text" autocomplete="off" required
                    prop:value=move || draft.with(|d| d.journal_number.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| d.journal_number = v) }/>
                {urgency_field(draft)}
                {prosecution_field(draft)}
            </Step>
            <Step name="checklist" title=T::Checklist draft=draft>
                <ChecklistField draft=draft/>
            </Step>
            <Step name="identifiers" title=T::Identifiers open=true draft=draft>
                <p class="help">{tr(T::IdentifiersHelp)}</p>
                <For each=move || draft.with(|d| d.identifiers.iter().map(|r| r.key).collect::<Vec<_>>())
                    key=|k| *k let:key>
                    <IdentifierRow draft=draft key=key/>
                </For>
                <button type="button" class="secondary" on:click=move |_| draft.update(|d| {
                    let key = d.take_key();
                    d.identifiers.push(DraftIdentifier { key, raw: String::new(), platform_hint: None });
                })>{tr(T::AddIdentifier)}</button>
                <IdentifierPrompts draft=draft/>
            </Step>
            <Step name="items" title=T::ItemsSeen open=true draft=draft>
                {items_field(draft)}
            </Step>
            <Step name="attachments" title=T::Attachments draft=draft>
                <AttachmentsField draft=draft/>
            </Step>
            <Step name="preservations" title=T::Preservations draft=draft>
                {preservations_field(draft)}
            </Step>
            <Step name="notes" title=T::Notes draft=draft>
                <label class="visually-hidden" for="notes">{tr(T::Notes)}</label>
                <textarea id="notes" rows="4"
                    prop:value=move || draft.with(|d| d.notes.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| d.notes = v) }>
                </textarea>
            </Step>
            {move || {
                let pack = guidance.get()?;
                let ids = unticked.get();
                (!ids.is_empty()).then(|| {
                    let lang = lang.get();
                    view! {
                        <div class="card warning" role="alert" data-testid="unticked-critical">
                            <p><strong>{T::UntickedCritical.text(lang)}</strong></p>
                            <ul>
                                {ids.iter().filter_map(|id| pack.item(id))
                                    .map(|item| view! { <li>{item.text.get(lang).to_string()}</li> })
                                    .collect_view()}
                            </ul>
                            <p>{T::SkippedRecorded.text(lang)}</p>
                        </div>
                    }
                })
            }}
            <section class="submit-bar">
                <p class="save-state" role="status" data-testid="save-state">
                    {move || match save_state.get() {
                        SaveState::Saved => tr(T::DraftSaved)(),
                        SaveState::Failed => tr(T::DraftNotSaved)(),
                    }}
                </p>
                {move || problem.get().map(|p| view! {
                    <p class="error" role="alert" data-testid="submit-problem">
                        <strong>{tr(T::CannotSubmit)}": "</strong>{p}
                    </p>
                })}
                <button type="submit" class="primary big" disabled=move || submitting.get() data-testid="submit">
                    {move || if unticked.with(Vec::is_empty) { tr(T::Submit)() } else { tr(T::SubmitAnyway)() }}
                </button>
            </section>
        </form>
    }
}

/// One foldable step of the form. Its summary says what is done and what is missing, so at a scene
/// the officer sees the whole capture in a few screens and unfolds only what it needs. Native
/// `<details>`: the browser folds it without a script, tells screen readers whether it is open, and
/// keeps what is typed in it while folded (the draft is saved on every change regardless).
#[component]
fn Step(
    name: &'static str,
    title: T,
    #[prop(optional)] open: bool,
    draft: RwSignal<Draft>,
    children: Children,
) -> impl IntoView {
    let lang = use_lang();
    let guidance = use_guidance();
    let state = move || {
        let lang = lang.get();
        let pack = guidance.get();
        draft.with(|d| step_state(name, d, pack.as_deref(), lang))
    };
    view! {
        <details class="card step" data-step=name open=open>
            <summary>{tr(title)}<span class="step-state">{state}</span></summary>
            {children()}
        </details>
    }
}

/// What a step's summary says: for the case, its type and journal number or what is missing; for the
/// checklist, how many critical items are still unticked; for the rest, how much is filled in.
fn step_state(step: &str, d: &Draft, pack: Option<&GuidancePack>, lang: Lang) -> String {
    let missing = |label: T| format!("{} {}", label.text(lang), T::Missing.text(lang));
    let count = match step {
        "case" => {
            let case_type = d
                .case_type
                .map_or_else(|| missing(T::CaseType), |c| case_type_name(c, lang).to_string());
            let journal = d.journal_number.trim();
            let journal = if journal.is_empty() {
                missing(T::JournalNumber)
            } else {
                journal.to_string()
            };
            return format!("{case_type} · {journal}");
        }
        "checklist" => {
            let (Some(pack), Some(case_type)) = (pack, d.case_type) else {
                return String::new();
            };
            let critical = pack.checklist(case_type).iter().filter(|i| i.critical).count();
            return match d.unticked_critical(pack).len() {
                0 => T::CriticalDone.text(lang).to_string(),
                n => format!(
                    "{n} {} {critical} {}",
                    T::Of.text(lang),
                    T::CriticalMissing.text(lang)
                ),
            };
        }
        "identifiers" => d.identifiers.iter().filter(|r| !r.raw.trim().is_empty()).count(),
        "items" => d.items.iter().filter(|r| !r.what.trim().is_empty()).count(),
        "attachments" => d.attachments.len(),
        "preservations" => d.preservations.len(),
        _ => usize::from(!d.notes.trim().is_empty()),
    };
    match (step, count) {
        (_, 0) => T::NoneYet.text(lang).to_string(),
        ("notes", _) => T::Added.text(lang).to_string(),
        (_, n) => format!("{n} {}", T::Added.text(lang)),
    }
}

fn case_type_field(draft: RwSignal<Draft>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <fieldset class="choices">
            <legend>{tr(T::CaseType)}</legend>
            {CaseType::ALL.into_iter().map(|c| view! {
                <label class="choice">
                    <input type="radio" name="case-type" value=c.code()
                        prop:checked=move || draft.with(|d| d.case_type == Some(c))
                        on:change=move |_| draft.update(|d| d.case_type = Some(c))/>
                    <span>{move || case_type_name(c, lang.get())}</span>
                </label>
            }).collect_view()}
        </fieldset>
    }
}

fn urgency_field(draft: RwSignal<Draft>) -> impl IntoView {
    let lang = use_lang();
    let flag = |label: T, id: &'static str, get: fn(&Draft) -> bool, set: fn(&mut Draft, bool)| {
        view! {
            <label class="choice" for=id>
                <input id=id type="checkbox" prop:checked=move || draft.with(get)
                    on:change=move |ev| { let on = event_target_checked(&ev); draft.update(|d| set(d, on)) }/>
                <span>{tr(label)}</span>
            </label>
        }
    };
    let level = move || {
        draft
            .with(|d| d.case_type.map(|c| d.flags.level(c)))
            .map(|level| {
                let text = match (level, lang.get()) {
                    (UrgencyLevel::Critical, Lang::Da) => "Kritisk – ring til SPOC nu",
                    (UrgencyLevel::Critical, Lang::En) => "Critical – call the SPOC now",
                    (level, lang) => urgency_name(level).text(lang),
                };
                view! {
                    <p class=format!("urgency {level:?}").to_ascii_lowercase() data-testid="urgency-level">
                        {tr(T::UrgencyLevel)}": "<strong>{text}</strong>
                    </p>
                }
            })
    };
    view! {
        <fieldset class="choices">
            <legend>{tr(T::Urgency)}</legend>
            {flag(T::DangerToLife, "flag-danger", |d| d.flags.danger_to_life, |d, on| d.flags.danger_to_life = on)}
            {flag(T::VictimMinor, "flag-minor", |d| d.flags.victim_minor, |d, on| d.flags.victim_minor = on)}
            {flag(T::Ongoing, "flag-ongoing", |d| d.flags.ongoing, |d, on| d.flags.ongoing = on)}
            {level}
        </fieldset>
    }
}

/// § 264 d: the victim's answer about prosecution, asked for the case type spoc-core asks it for,
/// with spoc-core's warning when it is missing or not yet known.
fn prosecution_field(draft: RwSignal<Draft>) -> impl IntoView {
    let state = Memo::new(move |_| {
        draft.with(|d| {
            let case_type = d.case_type?;
            let urgency = d.flags.level(case_type);
            (ProsecutionRequest::rule(case_type, urgency) != ProsecutionRule::NotAsked)
                .then(|| ProsecutionRequest::warning(case_type, urgency, d.prosecution_request))
        })
    });
    move || {
        let warning = state.get()?;
        Some(view! {
            <fieldset class="choices" data-testid="prosecution">
                <legend>{tr(T::Prosecution)}</legend>
                <p class="help">{tr(T::ProsecutionHelp)}</p>
                {ProsecutionRequest::ALL.into_iter().map(|answer| view! {
                    <label class="choice">
                        <input type="radio" name="prosecution" value=answer.code()
                            prop:checked=move || draft.with(|d| d.prosecution_request == Some(answer))
                            on:change=move |_| draft.update(|d| d.prosecution_request = Some(answer))/>
                        <span>{tr(prosecution_name(answer))}</span>
                    </label>
                }).collect_view()}
                {warning.map(|w| view! { <p class="warning" role="status">{tr(prosecution_warning_text(w))}</p> })}
            </fieldset>
        })
    }
}

fn items_field(draft: RwSignal<Draft>) -> impl IntoView {
    let row = move |key: u32| draft.with(|d| d.items.iter().find(|r| r.key == key).cloned());
    let edit = move |key: u32, f: &dyn Fn(&mut DraftItem)| {
        draft.update(|d| d.items.iter_mut().filter(|r| r.key == key).for_each(f))
    };
    view! {
        <p class="help">{tr(T::ItemWhatHelp)}</p>
            <For each=move || draft.with(|d| d.items.iter().map(|r| r.key).collect::<Vec<_>>()) key=|k| *k let:key>
                <div class="item-row">
                    <label for=format!("item-{key}")>{tr(T::ItemWhat)}</label>
                    <textarea id=format!("item-{key}") rows="2" autocapitalize="off" spellcheck="false"
                        prop:value=move || row(key).map(|r| r.what).unwrap_or_default()
                        on:input=move |ev| { let v = event_target_value(&ev); edit(key, &|r| r.what = v.clone()) }>
                    </textarea>
                    {time_field(format!("item-{key}-seen"), T::SeenAt,
                        Signal::derive(move || row(key).and_then(|r| r.seen_at)),
                        Callback::new(move |t: Option<ZonedTime>| edit(key, &|r| r.seen_at = t.clone())))}
                    <button type="button" class="secondary"
                        on:click=move |_| draft.update(|d| d.items.retain(|r| r.key != key))>{tr(T::Remove)}</button>
                </div>
            </For>
            <button type="button" class="secondary" on:click=move |_| draft.update(|d| {
                let key = d.take_key();
                d.items.push(DraftItem { key, what: String::new(), seen_at: Some(clock::now()) });
            })>{tr(T::AddItem)}</button>
    }
}

fn preservations_field(draft: RwSignal<Draft>) -> impl IntoView {
    let lang = use_lang();
    let guidance = use_guidance();
    let row = move |key: u32| draft.with(|d| d.preservations.iter().find(|r| r.key == key).cloned());
    let edit = move |key: u32, f: &dyn Fn(&mut DraftPreservation)| {
        draft.update(|d| d.preservations.iter_mut().filter(|r| r.key == key).for_each(f))
    };
    view! {
            <For each=move || draft.with(|d| d.preservations.iter().map(|r| r.key).collect::<Vec<_>>()) key=|k| *k let:key>
                <div class="preservation-row">
                    <label for=format!("preservation-{key}-platform")>{tr(T::PreservationPlatform)}</label>
                    <select id=format!("preservation-{key}-platform") on:change=move |ev| {
                        let v = event_target_value(&ev);
                        let platform = Platform::ALL.into_iter().find(|p| p.code() == v);
                        edit(key, &|r| r.platform = platform)
                    }>
                        <option value="">"—"</option>
                        {Platform::ALL.into_iter().map(|p| view! {
                            <option value=p.code() selected=move || row(key).is_some_and(|r| r.platform == Some(p))>
                                {move || p.name(lang.get())}
                            </option>
                        }).collect_view()}
                    </select>
                    {time_field(format!("preservation-{key}-at"), T::RequestedAt,
                        Signal::derive(move || row(key).and_then(|r| r.requested_at)),
                        Callback::new(move |t: Option<ZonedTime>| edit(key, &|r| r.requested_at = t.clone())))}
                    {move || {
                        let pack = guidance.get()?;
                        let r = row(key)?;
                        preservation_clock(&pack, r.platform?, &r.requested_at?, lang.get())
                    }}
                    <label for=format!("preservation-{key}-ref")>{tr(T::Reference)}</label>
                    <input id=format!("preservation-{key}-ref") type="text" autocomplete="off"
                        prop:value=move || row(key).map(|r| r.reference).unwrap_or_default()
                        on:input=move |ev| { let v = event_target_value(&ev); edit(key, &|r| r.reference = v.clone()) }/>
                    <button type="button" class="secondary"
                        on:click=move |_| draft.update(|d| d.preservations.retain(|r| r.key != key))>{tr(T::Remove)}</button>
                </div>
            </For>
            <button type="button" class="secondary" on:click=move |_| draft.update(|d| {
                let key = d.take_key();
                d.preservations.push(DraftPreservation { key, platform: None, requested_at: None, reference: String::new() });
            })>{tr(T::AddPreservation)}</button>
    }
}

/// A local date and time with the zone it is read in shown beside it.
fn time_field(
    id: String,
    label: T,
    value: Signal<Option<ZonedTime>>,
    on_change: Callback<Option<ZonedTime>>,
) -> impl IntoView {
    view! {
        <label for=id.clone()>{tr(label)}</label>
        <div class="time-field">
            <input id=id type="datetime-local"
                prop:value=move || value.get().map(|t| clock::to_local_input(&t)).unwrap_or_default()
                on:change=move |ev| on_change.run(clock::from_local_input(&event_target_value(&ev)))/>
            <span class="zone">{move || value.get().map(|t| t.zone).unwrap_or_else(clock::device_zone)}</span>
        </div>
    }
}

/// A refusal from spoc-core, in words the officer can act on: the field's name in their language.
fn describe(error: &ValidationError, lang: Lang) -> String {
    let field = error.field.as_str();
    let label = [
        ("case_type", T::CaseType),
        ("journal_number", T::JournalNumber),
        ("identifiers", T::Identifiers),
        ("items", T::ItemsSeen),
        ("preservations", T::Preservations),
        ("notes", T::Notes),
        ("officer", T::Settings),
        ("attachments", T::Attachments),
        ("prosecution_request", T::Prosecution),
    ]
    .into_iter()
    .find(|(prefix, _)| field.starts_with(prefix))
    .map(|(_, t)| t.text(lang))
    .unwrap_or(field);
    let message = match (lang, error.message.as_str()) {
        (Lang::Da, "is required") => "skal udfyldes",
        (_, CSAM_ATTACHMENT_REFUSAL) => T::CsamNoAttachments.text(lang),
        (_, PROSECUTION_REQUIRED) => T::ProsecutionMissing.text(lang),
        (_, message) => message,
    };
    format!("{label}: {message}")
}
