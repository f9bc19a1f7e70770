use leptos::prelude::*;
use leptos::task::spawn_local;
use spoc_core::capture::Capture;
use spoc_core::UrgencyLevel;

use crate::app::use_store;
use crate::components::{spoc_status_text, CaptureRecord};
use crate::draft::{Draft, DraftIdentifier, DraftItem};
use crate::i18n::{tr, use_lang, T};
use crate::pages::capture::state_label;
use crate::pages::request_drafts::RequestDrafts;
use crate::router::navigate;
use crate::store::{CaptureState, LocalCapture};
use crate::sync::SyncHandle;

/// A submitted capture: where it stands — waiting, received (the SPOC's number and time), refused (the
/// reason) or in conflict. Its content is sealed for the SPOC; right after sending (until the app
/// locks or reloads) it is still shown from memory, as text: a URL here is hostile input and is never
/// made a link.
#[component]
pub fn SubmittedCapture(id: String) -> impl IntoView {
    let store = use_store();
    let lang = use_lang();
    let sync = expect_context::<SyncHandle>();
    // A sync round, and after it the question what the SPOC did with what was sent.
    sync.kick();
    let local = LocalResource::new(move || {
        sync.status.track(); // a receipt may arrive while this page is open
        let store = store.clone();
        let id = id.clone();
        async move { store.get_capture(&id).await.ok().flatten() }
    });

    move || {
        let Some(Some(local)) = local.get() else {
            return view! { <p class="loading" role="status">"…"</p> }.into_any();
        };
        let spoc_status = spoc_status_text(&local, lang.get());
        let label = state_label(&local, lang.get());
        let LocalCapture { stub, state, .. } = local;
        let code = state.code();
        let status_class = format!("card status {code}");
        // The plaintext exists only in memory right after sending; afterwards, the stub.
        let content = match crate::submit::just_sent(&stub.id) {
            Some(capture) => view! {
                {(capture.urgency() == UrgencyLevel::Critical)
                    .then(|| view! { <FollowUp capture=capture.clone()/> })}
                <CaptureRecord capture=capture.clone()/>
                <RequestDrafts capture=capture/>
            }
            .into_any(),
            None => {
                view! { <p class="card muted" data-testid="sealed-note">{tr(T::SealedNote)}</p> }.into_any()
            }
        };
        view! {
            <section class=status_class data-testid="capture-status" data-state=code>
                <h1>{label}</h1>
                <p class="journal">{tr(T::JournalNumber)}": "{stub.journal_number.clone()}</p>
                <Receipt state=state/>
                {spoc_status.map(|text| view! { <p data-testid="spoc-status">{text}</p> })}
                <p class="hash">{tr(T::Hash)}": "<code>{stub.sha256.clone()}</code></p>
            </section>
            {content}
        }
        .into_any()
    }
}

#[component]
fn Receipt(state: CaptureState) -> impl IntoView {
    match state {
        CaptureState::Synced { receipt } => view! {
            <dl class="receipt" data-testid="receipt">
                <dt>{tr(T::ServerNumber)}</dt><dd data-testid="server-seq">{receipt.server_seq}</dd>
                <dt>{tr(T::ReceivedAt)}</dt>
                <dd data-testid="received-at">
                    <time datetime=receipt.received_at.clone()>{crate::clock::display_rfc3339(&receipt.received_at)}</time>
                </dd>
            </dl>
        }
        .into_any(),
        CaptureState::Refused { error, .. } => {
            view! { <p class="error" role="alert">{error.message}</p> }.into_any()
        }
        _ => ().into_any(),
    }
}

/// After an emergency's minimum capture: a new draft carrying everything already known, to complete
/// at a calmer moment. The sent capture itself is sealed and never changes.
#[component]
fn FollowUp(capture: Capture) -> impl IntoView {
    let store = use_store();
    let error = RwSignal::new(None::<String>);
    let start = move |_| {
        let store = store.clone();
        let capture = capture.clone();
        spawn_local(async move {
            let mut draft = Draft::start(Some(capture.case_type));
            draft.journal_number = capture.journal_number.clone();
            draft.flags = capture.flags;
            draft.identifiers = capture
                .identifiers
                .iter()
                .enumerate()
                .map(|(key, i)| DraftIdentifier {
                    key: key as u32,
                    raw: i.raw.clone(),
                    platform_hint: i.platform_hint,
                })
                .collect();
            draft.items = capture
                .items
                .iter()
                .enumerate()
                .map(|(key, i)| DraftItem {
                    key: (key + draft.identifiers.len()) as u32,
                    what: i.what.clone(),
                    seen_at: Some(i.seen_at.clone()),
                })
                .collect();
            draft.next_key = (draft.identifiers.len() + draft.items.len()) as u32;
            draft.notes = format!("{} {}", T::FollowUpOf.text(crate::i18n::Lang::En), capture.id);
            match store.put_draft(&draft.id, &draft).await {
                Ok(()) => navigate(&format!("/capture/{}", draft.id)),
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    view! {
        <button type="button" class="primary big" on:click=start data-testid="follow-up">{tr(T::FollowUp)}</button>
        {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
    }
}
