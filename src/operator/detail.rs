use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use spoc_core::desk::{CaptureDetail, CaseStatus, Link as SharedLink, Note, Role, StatusChange};
use spoc_core::guidance::PackUsed;

use super::deadlines::deadline_list;
use super::{api, capture_refs, export_links, fetched, status_name, when, DeskGate};
use crate::api::CallError;
use crate::components::{call_error, error_note, CaptureRecord};
use crate::i18n::{tr, use_lang, Lang, T};
use crate::router::Link;
use crate::session::{use_session, Session};

/// `/desk/capture/{id}`: the receipt, the workflow, the assignee, everything captured, the captures it
/// links to, its deadlines and the SPOC's notes.
#[component]
pub fn DetailPage(id: String) -> impl IntoView {
    view! { <DeskGate role=Role::Spoc><Detail id=id.clone()/></DeskGate> }
}

/// What the page shows and how it changes it; `Copy`, so every handler can hold it.
#[derive(Clone, Copy)]
struct Page {
    id: StoredValue<String>,
    session: Session,
    detail: RwSignal<Option<Result<CaptureDetail, CallError>>>,
    /// Why the last move or assignment failed, shown beside the workflow.
    workflow_error: RwSignal<Option<CallError>>,
    /// Why the last note was not added, shown beside the note form.
    note_error: RwSignal<Option<CallError>>,
}

impl Page {
    fn load(self) {
        let (id, session) = (self.id.get_value(), self.session);
        spawn_local(async move {
            let answer = api::capture(&id).await.inspect_err(|e| session.note(e));
            self.detail.set(Some(answer));
        });
    }

    /// Shows the desk's answer to an action: the capture as it now stands, or why not. When someone
    /// else moved the capture first, their move is fetched and shown before anyone tries again.
    fn apply(self, answer: Result<CaptureDetail, CallError>, shown_at: RwSignal<Option<CallError>>) {
        match answer {
            Ok(detail) => {
                self.workflow_error.set(None);
                self.note_error.set(None);
                self.detail.set(Some(Ok(detail)));
            }
            Err(e) => {
                self.session.note(&e);
                if e.code() == "status_changed" {
                    self.load();
                }
                shown_at.set(Some(e));
            }
        }
    }
}

#[component]
fn Detail(id: String) -> impl IntoView {
    let lang = use_lang();
    let page = Page {
        id: StoredValue::new(id),
        session: use_session(),
        detail: RwSignal::new(None),
        workflow_error: RwSignal::new(None),
        note_error: RwSignal::new(None),
    };
    page.load();
    move || match page.detail.get() {
        None => view! { <p class="loading" role="status">"…"</p> }.into_any(),
        Some(Err(e)) => error_note(&e, lang.get()).into_any(),
        Some(Ok(detail)) => view! {
            <Summary page=page detail=detail.clone()/>
            {detail.guidance.clone().map(|used| pack_used(&used, lang.get()))}
            <CaptureRecord capture=detail.stored.capture.clone()
                checklist=detail.guidance.clone().map(|used| used.checklist).unwrap_or_default()/>
            {super::quality::findings_view(detail.findings.clone(), lang.get())}
            <super::assessment::FirstAssessment detail=detail.clone() shown=page.detail/>
            {links_view(detail.links.clone(), lang.get())}
            <super::graph::GraphSection root_query=format!("capture={}", detail.stored.receipt.id)/>
            <section class="card">
                <h2>{tr(T::Deadlines)}</h2>
                {deadline_list(detail.deadlines.clone(), lang.get(), false)}
            </section>
            <Notes page=page notes=detail.notes/>
        }
        .into_any(),
    }
}

#[component]
fn Summary(page: Page, detail: CaptureDetail) -> impl IntoView {
    let lang = use_lang();
    let receipt = detail.stored.receipt;
    view! {
        <section class="card status" data-testid="desk-capture" data-status=detail.status.code()>
            <h1>{tr(T::Capture)}" #"{receipt.server_seq}" · "{move || status_name(detail.status).text(lang.get())}</h1>
            {detail.rejection_reason.map(|reason| view! {
                <p class="refusal">{tr(T::RejectionReason)}": "<span class="value">{reason}</span></p>
            })}
            <dl class="receipt" data-testid="receipt">
                <dt>{tr(T::ServerNumber)}</dt><dd>{receipt.server_seq}</dd>
                <dt>{tr(T::ReceivedAt)}</dt><dd>{when(&receipt.received_at)}</dd>
                <dt>{tr(T::Hash)}</dt><dd><code class="value">{receipt.sha256.clone()}</code></dd>
                <dt>{tr(T::SubmittedBy)}</dt><dd class="value">{detail.submitted_by}</dd>
            </dl>
            {export_links(|format| api::capture_export_url(&receipt.id, format))}
            <Workflow page=page status=detail.status assignee=detail.assignee/>
        </section>
    }
}

/// The moves spoc-core allows from here, and the assignee. A rejection asks for its reason first.
#[component]
fn Workflow(page: Page, status: CaseStatus, assignee: Option<String>) -> impl IntoView {
    let rejecting = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let operators = fetched(api::operators);
    let send = move |to: CaseStatus, reason: String| {
        let (id, change) = (
            page.id.get_value(),
            StatusChange {
                from: status,
                to,
                reason,
            },
        );
        spawn_local(async move { page.apply(api::move_status(&id, &change).await, page.workflow_error) });
    };
    let reject = move |ev: SubmitEvent| {
        ev.prevent_default();
        send(CaseStatus::Rejected, reason.get_untracked());
    };
    let assign = move |ev: leptos::ev::Event| {
        let username = event_target_value(&ev);
        let id = page.id.get_value();
        let assignee = (!username.is_empty()).then_some(username);
        spawn_local(async move { page.apply(api::assign(&id, assignee).await, page.workflow_error) });
    };
    let current = assignee.clone();
    let operator_options = move || {
        let accounts = operators.get().and_then(Result::ok).unwrap_or_default();
        let mut options: Vec<(String, String)> = accounts
            .into_iter()
            .map(|a| (a.username, a.display_name))
            .collect();
        // Someone no longer listed (disabled since) still shows as the assignee.
        if let Some(name) = current
            .clone()
            .filter(|name| !options.iter().any(|(u, _)| u == name))
        {
            options.push((name.clone(), name));
        }
        options
            .into_iter()
            .map(|(username, name)| {
                let selected = current.as_deref() == Some(username.as_str());
                view! { <option value=username selected=selected>{name}</option> }
            })
            .collect_view()
    };
    view! {
        <div class="workflow">
            <h2>{tr(T::MoveTo)}</h2>
            <div class="actions">
                {status.next().into_iter().map(|to| {
                    let click = move |_| if to == CaseStatus::Rejected { rejecting.set(true) } else { send(to, String::new()) };
                    let class = if to == CaseStatus::Rejected { "secondary danger" } else { "primary" };
                    view! { <button type="button" class=class data-to=to.code() on:click=click>{tr(status_name(to))}</button> }
                }).collect_view()}
            </div>
            <Show when=move || rejecting.get()>
                <form on:submit=reject data-testid="reject">
                    <label for="reject-reason">{tr(T::RejectionReason)}</label>
                    <textarea id="reject-reason" required rows="3"
                        prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                    <div class="actions">
                        <button type="submit" class="primary">{tr(T::Reject)}</button>
                        <button type="button" class="secondary" on:click=move |_| rejecting.set(false)>{tr(T::Cancel)}</button>
                    </div>
                </form>
            </Show>
            <label for="assignee">{tr(T::Assignee)}</label>
            <select id="assignee" on:change=assign>
                <option value="" selected=assignee.is_none()>{tr(T::Unassigned)}</option>
                {operator_options}
            </select>
            {call_error(page.workflow_error)}
        </div>
    }
}

/// The guidance version the capture was made under: its checklist below reads as that version had
/// it, which may differ from what devices get now.
fn pack_used(used: &PackUsed, lang: Lang) -> impl IntoView {
    let (held, older) = if lang == Lang::En {
        (
            "The checklist below reads as in that version.",
            "Devices now get version",
        )
    } else {
        (
            "Tjeklisten herunder står som i den version.",
            "Enhederne får nu version",
        )
    };
    let unknown = if lang == Lang::En {
        "The desk does not hold this version: items are shown by their id."
    } else {
        "Skrivebordet har ikke denne version: punkterne vises med deres id."
    };
    view! {
        <section class="card" data-testid="pack-used" data-version=used.version>
            <p>
                <strong>{T::PackVersion.text(lang)}" "{used.version}</strong>
                {used.published.clone().map(|date| view! { " · "{T::PackPublished.text(lang)}" "{date} })}
            </p>
            <p class="meta">
                {if used.published.is_some() { held } else { unknown }}
                {(used.current_version != used.version).then(|| format!(" {older} {}.", used.current_version))}
            </p>
        </section>
    }
}

/// Each identifier this capture shares with others, and those others. Captured values stay text.
fn links_view(links: Vec<SharedLink>, lang: Lang) -> impl IntoView {
    let shared: Vec<SharedLink> = links.into_iter().filter(|l| !l.captures.is_empty()).collect();
    view! {
        <section class="card" data-testid="links">
            <h2>{T::Links.text(lang)}</h2>
            {shared.is_empty().then(|| view! { <p class="muted">{T::NoLinks.text(lang)}</p> })}
            {shared.into_iter().map(|link| view! {
                <h3>
                    {link.identifier.platform.name(lang)}" · "{link.identifier.kind.label(lang)}" · "
                    <code class="value">{link.identifier.value.clone()}</code>
                </h3>
                {spoc_core::desk::link_key(&link.identifier).map(|key| view! {
                    <p><Link href=super::identifier::identifier_href(&key)>{super::words::W::OpenIdentifier.text(lang)}</Link></p>
                })}
                {capture_refs(link.captures, lang)}
            }).collect_view()}
        </section>
    }
}

#[component]
fn Notes(page: Page, notes: Vec<Note>) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let add = move |ev: SubmitEvent| {
        ev.prevent_default();
        let id = page.id.get_value();
        let note = text.get_untracked();
        spawn_local(async move { page.apply(api::add_note(&id, note).await, page.note_error) });
    };
    view! {
        <section class="card" data-testid="notes">
            // The officer's own notes are "Noter" in the record above: these are the SPOC's.
            <h2>{tr(T::DeskNotes)}</h2>
            {notes.is_empty().then(|| view! { <p class="muted">{tr(T::NoNotes)}</p> })}
            <ul class="plain notes-list">
                {notes.into_iter().map(|note| view! {
                    <li>
                        <p class="meta">{note.author}" · "{when(&note.at)}</p>
                        <p class="notes">{note.text}</p>
                    </li>
                }).collect_view()}
            </ul>
            <form on:submit=add>
                <label for="new-note">{tr(T::AddNote)}</label>
                <textarea id="new-note" required rows="3"
                    prop:value=text on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <button type="submit" class="primary">{tr(T::AddNote)}</button>
                {call_error(page.note_error)}
            </form>
        </section>
    }
}
