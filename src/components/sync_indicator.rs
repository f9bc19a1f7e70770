use crate::router::Link;
use leptos::prelude::*;

use crate::clock::{clock_time, device_zone};
use crate::i18n::{tr, use_lang, Lang, T};
use crate::sync::{Problem, SyncHandle, SyncStatus};

/// Always visible under the top bar: how many captures wait, when the last sync succeeded, why the
/// waiting ones have not gone and when the next try is (with "Try now"), and every capture the SPOC
/// refused, with its reason.
#[component]
pub fn SyncIndicator() -> impl IntoView {
    let sync = expect_context::<SyncHandle>();
    let status = sync.status;
    let lang = use_lang();
    let zone = StoredValue::new(device_zone());

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
            (Some(ms), _) => parts.push(format!(
                "{} {} ({})",
                T::LastSync.text(lang),
                clock_time(ms, false),
                zone.get_value()
            )),
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
            </p>
            // A safety valve, never required: the loop retries on its own within the recovery bound.
            <Show when=move || status.get().waiting != 0>
                <div class="sync-problem">
                    <Show when=move || problem(&status.get()).is_some()>
                        <p
                            data-testid="sync-problem"
                            data-problem=move || problem(&status.get()).map(code)
                            data-next-try=move || status.get().next_try_ms.map(|ms| (ms as u64).to_string())
                        >
                            {move || problem_line(&status.get(), lang.get(), &zone.get_value())}
                        </p>
                    </Show>
                    <button type="button" class="secondary" data-testid="try-now" on:click=move |_| sync.try_now()>
                        {tr(T::TryNow)}
                    </button>
                </div>
            </Show>
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

/// Why captures wait, if anything is wrong: what the loop found, or the browser saying it is offline.
fn problem(s: &SyncStatus) -> Option<Problem> {
    if s.waiting == 0 {
        return None;
    }
    s.problem.or((!s.online_hint).then_some(Problem::Offline))
}

fn code(problem: Problem) -> &'static str {
    match problem {
        Problem::Offline => "offline",
        Problem::Unreachable => "unreachable",
        Problem::SignIn => "sign-in",
    }
}

/// "SPOC kan ikke nås siden 11:40 · næste forsøg 11:42:05 (Europe/Copenhagen) · gemt på enheden".
fn problem_line(s: &SyncStatus, lang: Lang, zone: &str) -> String {
    let Some(problem) = problem(s) else {
        return String::new();
    };
    let mut line = match problem {
        Problem::Offline => T::NoNetwork,
        Problem::Unreachable => T::SpocUnreachable,
        Problem::SignIn => T::SignInNeeded,
    }
    .text(lang)
    .to_string();
    if let Some(since) = s.failing_since_ms {
        line += &format!(" {} {}", T::Since.text(lang), clock_time(since, false));
    }
    // While the SPOC waits for a sign-in, the next try is the sign-in itself.
    let next = s.next_try_ms.filter(|_| problem != Problem::SignIn);
    if let Some(next) = next {
        line += &format!(" · {} {}", T::NextTry.text(lang), clock_time(next, true));
    }
    if s.failing_since_ms.is_some() || next.is_some() {
        line += &format!(" ({zone})");
    }
    line + " · " + T::KeptOnDevice.text(lang)
}
