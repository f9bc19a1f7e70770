use leptos::prelude::*;
use spoc_core::capture::Capture;

use crate::app::use_store;
use crate::clock;
use crate::i18n::{tr, use_lang, T};
use crate::pages::capture::{case_type_name, state_label};
use crate::store::{CaptureState, LocalCapture};
use crate::sync::SyncHandle;

/// A submitted capture: read-only, with where it stands — waiting, received (the SPOC's number and
/// time), refused (the reason) or in conflict. Everything captured is shown as text: a URL here is
/// hostile input and is never made a link.
#[component]
pub fn SubmittedCapture(id: String) -> impl IntoView {
    let store = use_store();
    let lang = use_lang();
    let sync = expect_context::<SyncHandle>();
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
        let LocalCapture {
            submission, state, ..
        } = local;
        let code = state.code();
        let status_class = format!("card status {code}");
        view! {
            <section class=status_class data-testid="capture-status" data-state=code>
                <h1>{state_label(&state, lang.get())}</h1>
                <Receipt state=state/>
                <p class="hash">{tr(T::Hash)}": "<code>{submission.sha256.clone()}</code></p>
            </section>
            <CaptureRecord capture=submission.capture/>
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
                <dt>{tr(T::ReceivedAt)}</dt><dd>{receipt.received_at}</dd>
            </dl>
        }
        .into_any(),
        CaptureState::Refused { error, .. } => {
            view! { <p class="error" role="alert">{error.message}</p> }.into_any()
        }
        _ => ().into_any(),
    }
}

#[component]
fn CaptureRecord(capture: Capture) -> impl IntoView {
    let lang = use_lang();
    let level = capture.urgency();
    view! {
        <section class="card record">
            <h2>{capture.journal_number.clone()}</h2>
            <p>{case_type_name(capture.case_type, lang.get())}" · "{format!("{level:?}")}</p>
            <p class="meta">{clock::display(&capture.created_at)}</p>
            <h3>{tr(T::Identifiers)}</h3>
            <ul class="plain">
                {capture.identifiers.into_iter().map(|i| view! {
                    <li>
                        <strong>{i.parsed.platform.name(lang.get())}</strong>" · "{i.parsed.kind.label(lang.get())}
                        " · "<code class="value">{i.parsed.value}</code>
                    </li>
                }).collect_view()}
            </ul>
            <h3>{tr(T::ItemsSeen)}</h3>
            <ul class="plain">
                {capture.items.into_iter().map(|item| view! {
                    <li><code class="value">{item.what}</code>" · "{clock::display(&item.seen_at)}</li>
                }).collect_view()}
            </ul>
            <h3>{tr(T::Preservations)}</h3>
            <ul class="plain">
                {capture.preservations.into_iter().map(|p| view! {
                    <li>{p.platform.name(lang.get())}" · "{clock::display(&p.requested_at)}" · "{p.reference}</li>
                }).collect_view()}
            </ul>
            <h3>{tr(T::Notes)}</h3>
            <p class="notes">{capture.notes}</p>
        </section>
    }
}
