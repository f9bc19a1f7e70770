use crate::router::Link;
use leptos::prelude::*;

use crate::i18n::{tr, use_lang, Lang, T};
use crate::sync::SyncHandle;

/// Always visible under the top bar: how many captures wait, when the last sync succeeded, and every
/// capture the SPOC refused, with its reason.
#[component]
pub fn SyncIndicator() -> impl IntoView {
    let status = expect_context::<SyncHandle>().status;
    let lang = use_lang();

    let summary = move || {
        let s = status.get();
        let lang = lang.get();
        let mut parts = Vec::new();
        parts.push(if s.waiting == 0 {
            T::AllSent.text(lang).to_string()
        } else {
            match lang {
                Lang::Da => format!("{} venter på afsendelse", s.waiting),
                Lang::En => format!("{} waiting to send", s.waiting),
            }
        });
        match (s.last_success_ms, s.waiting) {
            (Some(ms), _) => parts.push(format!("{} {}", T::LastSync.text(lang), clock_time(ms))),
            (None, 0) => parts = vec![T::NothingWaiting.text(lang).to_string()],
            (None, _) => parts.push(T::NeverSynced.text(lang).to_string()),
        }
        parts.join(" · ")
    };
    let state_class = move || {
        let s = status.get();
        if !s.refused.is_empty() || s.needs_sign_in {
            "sync alert"
        } else if s.waiting > 0 {
            "sync waiting"
        } else {
            "sync ok"
        }
    };

    view! {
        <section class=state_class aria-live="polite" aria-label="Sync" data-testid="sync-indicator">
            <p class="sync-summary">
                <span data-testid="sync-waiting" data-count=move || status.get().waiting.to_string()>{summary}</span>
                <Show when=move || status.get().syncing>
                    " · "{tr(T::Sending)}
                </Show>
                <Show when=move || status.get().waiting != 0 && !status.get().online_hint>
                    " · "{tr(T::OfflineKept)}
                </Show>
            </p>
            <Show when=move || status.get().needs_sign_in>
                <p class="sync-signin" role="alert"><Link href="/login">{tr(T::SignInAgain)}</Link></p>
            </Show>
            <Show when=move || !status.get().refused.is_empty()>
                <details class="sync-refused" open>
                    <summary>{tr(T::RefusedBySpoc)}" ("{move || status.get().refused.len()}")"</summary>
                    <ul>
                        <For each=move || status.get().refused key=|r| r.id.clone() let:refused>
                            <li data-testid="refused-capture">
                                <Link href=format!("/capture/{}", refused.id)>{refused.label.clone()}</Link>
                                ": "{refused.reason.clone()}
                                <SendAgain id=refused.id.clone()/>
                            </li>
                        </For>
                    </ul>
                </details>
            </Show>
        </section>
    }
}

/// Puts a refused capture back in the queue, once a person has seen why (the SPOC fixed its side, or
/// the device must introduce itself again: the desk lost it). The envelope is sent as it was sealed.
#[component]
fn SendAgain(id: String) -> impl IntoView {
    let store = StoredValue::new_local(crate::app::use_store());
    let sync = expect_context::<SyncHandle>();
    let id = StoredValue::new(id);
    let send = move |_| {
        let store = store.get_value();
        let id = id.get_value();
        leptos::task::spawn_local(async move {
            if let Err(e) = store.release(&id).await {
                leptos::logging::warn!("send again: {e}");
                return;
            }
            // As after a sign-in: registering again is harmless for a device the desk knows.
            crate::device::signed_in();
            sync.kick();
        });
    };
    view! {
        <button type="button" class="secondary" data-testid="send-again" on:click=send>{tr(T::SendAgain)}</button>
    }
}

/// `HH:MM` of a Unix time in milliseconds, on the device's clock.
fn clock_time(ms: f64) -> String {
    let date = js_sys::Date::new(&ms.into());
    format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
}
