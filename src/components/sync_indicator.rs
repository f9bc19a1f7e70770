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
                            <li>
                                <Link href=format!("/capture/{}", refused.id)>{refused.label.clone()}</Link>
                                ": "{refused.reason.clone()}
                            </li>
                        </For>
                    </ul>
                </details>
            </Show>
        </section>
    }
}

/// `HH:MM` of a Unix time in milliseconds, on the device's clock.
fn clock_time(ms: f64) -> String {
    let date = js_sys::Date::new(&ms.into());
    format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
}
