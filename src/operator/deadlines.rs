use leptos::prelude::*;
use spoc_core::desk::{Deadline, DeadlineState, Role};

use super::{api, capture_href, fetched, when, DeskGate};
use crate::clock;
use crate::components::error_note;
use crate::i18n::{tr, use_lang, Lang, T};
use crate::router::Link;

/// `/desk/deadlines`: every recorded preservation request, soonest expiry first (the desk sorts),
/// unknown periods last and said plainly, never given an invented date.
#[component]
pub fn DeadlinesPage() -> impl IntoView {
    view! { <DeskGate role=Role::Spoc><Board/></DeskGate> }
}

#[component]
fn Board() -> impl IntoView {
    let lang = use_lang();
    let deadlines = fetched(api::deadlines);
    let body = move || match deadlines.get() {
        None => view! { <p class="loading" role="status">"…"</p> }.into_any(),
        Some(Err(e)) => error_note(&e, lang.get()).into_any(),
        Some(Ok(d)) => deadline_list(d.deadlines, lang.get(), true).into_any(),
    };
    view! {
        <section class="card">
            <h1>{tr(T::Deadlines)}</h1>
            {body}
        </section>
    }
}

/// Deadlines as a list; `with_capture` adds the link to each one's capture (not needed on the
/// capture's own page). Overdue and renew-now are marked by class as well as by word.
pub fn deadline_list(deadlines: Vec<Deadline>, lang: Lang, with_capture: bool) -> impl IntoView {
    if deadlines.is_empty() {
        return view! { <p class="muted">{T::NoDeadlines.text(lang)}</p> }.into_any();
    }
    view! {
        <ul class="deadlines" data-testid="deadlines">
            {deadlines.into_iter().map(|d| {
                let (class, state) = match (d.state, d.days_left) {
                    (DeadlineState::Running, Some(days)) => ("running", format!("{days} {}", T::DaysLeft.text(lang))),
                    (DeadlineState::RenewNow, Some(days)) => (
                        "renew-now",
                        format!("{days} {} · {}", T::DaysLeft.text(lang), T::RenewNow.text(lang)),
                    ),
                    (DeadlineState::RenewNow, None) => ("renew-now", T::RenewNow.text(lang).to_string()),
                    (DeadlineState::Overdue, _) => ("overdue", T::Expired.text(lang).to_string()),
                    (DeadlineState::Running, None) | (DeadlineState::Unknown, _) => {
                        ("unknown", T::NoKnownPeriod.text(lang).to_string())
                    }
                };
                let expires = d.expires_unix_ms.map(|ms| clock::display_instant(ms as f64));
                view! {
                    <li class=class data-capture=d.capture_id.clone()>
                        <p class="title">
                            <strong>{d.platform.name(lang)}</strong>" · "<span class="state">{state}</span>
                        </p>
                        {with_capture.then(|| view! {
                            <p><Link href=capture_href(&d.capture_id)>{T::Capture.text(lang)}" #"{d.server_seq}</Link></p>
                        })}
                        {expires.map(|local| view! {
                            <p>{T::Expires.text(lang)}": "<strong>{local}</strong>" · "{d.expires_utc.clone()}</p>
                        })}
                        {d.extended_until_utc.map(|until| view! { <p>{T::IfExtended.text(lang)}": "{until}</p> })}
                        <p class="meta">
                            {T::RequestedAt.text(lang)}": "{when(&d.requested_at)}
                            {(!d.reference.is_empty()).then(|| view! {
                                " · "{T::Reference.text(lang)}": "<span class="value">{d.reference.clone()}</span>
                            })}
                        </p>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
