use leptos::prelude::*;
use leptos::task::spawn_local;

use spoc_core::CaseType;

use crate::app::use_store;
use crate::clock;
use crate::components::{spoc_status_text, InstallAdvice};
use crate::draft::Draft;
use crate::i18n::{tr, use_lang, T};
use crate::pages::capture::{case_type_name, state_label};
use crate::router::{navigate, Link};
use crate::session::{use_session, who, Check};
use crate::store::Store;
use crate::sync::SyncHandle;

/// Start a capture in one tap; resume drafts; see what was sent and what the SPOC answered.
#[component]
pub fn Home() -> impl IntoView {
    let store = use_store();
    let lang = use_lang();
    let sync = expect_context::<SyncHandle>();
    let error = RwSignal::new(None::<String>);

    let new_capture = {
        let store = store.clone();
        move |_| start_capture(store.clone(), None, error)
    };

    let drafts = {
        let store = store.clone();
        LocalResource::new(move || {
            let store = store.clone();
            async move {
                let mut drafts: Vec<Draft> = store.list_drafts().await.unwrap_or_default();
                drafts.sort_unstable_by(|a, b| b.updated_at_ms.total_cmp(&a.updated_at_ms));
                drafts
            }
        })
    };
    let captures = LocalResource::new(move || {
        // Re-read whenever the sync state changes, so receipts appear without a reload.
        sync.status.track();
        let store = store.clone();
        async move {
            let mut captures = store.list_captures().await.unwrap_or_default();
            captures.sort_unstable_by(|a, b| b.queued_at_ms.total_cmp(&a.queued_at_ms));
            captures
        }
    });

    view! {
        <SessionLine/>
        <InstallAdvice/>
        <section class="start">
            <button type="button" class="primary big" on:click=new_capture data-testid="new-capture">
                {tr(T::NewCapture)}
            </button>
            <Link href="/guidance" class="button big">{tr(T::Guidance)}</Link>
            {move || error.get().map(|e| view! { <p class="error" role="alert" data-testid="start-problem">{e}</p> })}
        </section>
        <section class="card">
            <h2>{tr(T::Drafts)}</h2>
            {move || {
                let drafts = drafts.get().unwrap_or_default();
                if drafts.is_empty() {
                    return view! { <p class="muted" data-testid="no-drafts">{tr(T::NoDrafts)}</p> }.into_any();
                }
                view! {
                    <ul class="list">
                        {drafts.into_iter().map(|d| {
                            let title = if d.journal_number.trim().is_empty() {
                                T::Untitled.text(lang.get()).to_string()
                            } else {
                                d.journal_number.clone()
                            };
                            view! {
                                <li>
                                    <Link href=format!("/capture/{}", d.id)>
                                        <span class="title">{title}</span>
                                        <span class="meta">
                                            {d.case_type.map(|c| case_type_name(c, lang.get()))}" · "
                                            {clock::display(&d.created_at)}
                                        </span>
                                    </Link>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section class="card">
            <h2>{tr(T::Sent)}</h2>
            {move || {
                let captures = captures.get().unwrap_or_default();
                if captures.is_empty() {
                    return view! { <p class="muted">{tr(T::NothingSent)}</p> }.into_any();
                }
                view! {
                    <ul class="list" data-testid="sent-list">
                        {captures.into_iter().map(|c| {
                            let mut state = state_label(&c, lang.get());
                            if let Some(spoc) = spoc_status_text(&c, lang.get()) {
                                state = format!("{state} · {spoc}");
                            }
                            // Sealed: the stub is all this device can read of it.
                            let stub = c.stub;
                            let state_code = c.state.code();
                            view! {
                                <li data-testid="sent-capture" data-state=state_code>
                                    <Link href=format!("/capture/{}", stub.id)>
                                        <span class="title">{stub.journal_number}</span>
                                        <span class="meta">{state}</span>
                                    </Link>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// Who the captures are sent as, or the way to sign in. Nothing while the desk has not answered
/// (offline): the app works the same either way.
#[component]
fn SessionLine() -> impl IntoView {
    let session = use_session();
    move || {
        if let Some(me) = session.me.get() {
            let text = who(&me);
            Some(
                view! { <p class="session-line" data-testid="signed-in-as">{tr(T::SignedInAs)}" "{text}</p> }
                    .into_any(),
            )
        } else if session.check.get() == Check::Answered {
            Some(view! { <p class="session-line"><Link href="/login">{tr(T::SignIn)}</Link></p> }.into_any())
        } else {
            None
        }
    }
}

/// Starts a capture (of `case_type`, when the officer came from its guidance) and opens it. The draft
/// is on disk before the form shows, so not even the first keystroke depends on a later save.
///
/// Refused in a private window, where everything is deleted when it closes, the capture included —
/// but only where the browser's sign is certain (`storage_health::WindowStorage`); an uncertain sign
/// only warns.
pub fn start_capture(store: Store, case_type: Option<CaseType>, error: RwSignal<Option<String>>) {
    spawn_local(async move {
        if crate::storage_health::this_is_private_window().await {
            let lang = crate::settings::stored_lang();
            error.set(Some(T::PrivateWindow.text(lang).to_string()));
            return;
        }
        let draft = Draft::start(case_type);
        match store.put_draft(&draft.id, &draft).await {
            Ok(()) => navigate(&format!("/capture/{}", draft.id)),
            Err(e) => error.set(Some(e.to_string())),
        }
    });
}
