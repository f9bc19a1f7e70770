//! "New link, new alert" in the inbox: the line of a capture that arrived linked to open cases in
//! other districts says so, and an arrival with an alert is announced, politely, to screen readers.
//! The desk decided the alert when it stored the capture (`store/link_alerts.rs`); the view only
//! says it.

use leptos::prelude::*;
use spoc_core::desk::{InboxEvent, LinkAlert};

use super::words::link_alert_text;
use crate::i18n::{use_lang, Lang};

/// The newest arrival with an alert that the event stream told this inbox of.
#[derive(Clone, Copy)]
pub struct Announced(pub RwSignal<Option<(i64, LinkAlert)>>);

/// The alert in an inbox line: text, never only a colour.
pub fn alert_note(alert: Option<LinkAlert>, lang: Lang) -> impl IntoView {
    alert.map(|alert| {
        view! {
            <strong class="link-alert" data-cases=alert.cases data-districts=alert.districts>
                {link_alert_text(alert, lang)}
            </strong>
        }
    })
}

/// The live region: empty until an arrival with an alert is heard, then "#12: Forbundet med …".
/// Present from the start, as a live region must be for screen readers to follow it.
pub fn announcement(announced: Announced) -> impl IntoView {
    let lang = use_lang();
    let text = move || {
        announced
            .0
            .get()
            .map(|(seq, alert)| format!("#{seq}: {}", link_alert_text(alert, lang.get())))
    };
    view! { <p class="link-alert-live" role="status" aria-live="polite" data-testid="live-alert">{text}</p> }
}

/// Hears one `capture` event's data: an arrival with an alert is announced.
pub fn hear(announced: Announced, data: &str) {
    if let Ok(InboxEvent {
        server_seq,
        alert: Some(alert),
        ..
    }) = spoc_core::json::from_str(data)
    {
        announced.0.try_set(Some((server_seq, alert)));
    }
}
