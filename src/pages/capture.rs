use leptos::prelude::*;
use spoc_core::desk::CaseStatus;
use spoc_core::{CaseType, UrgencyLevel};

use crate::app::use_store;
use crate::components::status_name;
use crate::i18n::{Lang, T};
use crate::pages::capture_form::CaptureForm;
use crate::pages::not_found::NotFound;
use crate::pages::submitted::SubmittedCapture;
use crate::store::{CaptureState, LocalCapture};

/// `/capture/:id`: the form while it is a draft, the record and the SPOC's answer once submitted.
#[component]
pub fn CapturePage(id: String) -> impl IntoView {
    let store = use_store();
    // Bumped when the draft is submitted, so the page turns into the submitted view.
    let submitted = RwSignal::new(0u32);
    let found = LocalResource::new(move || {
        submitted.track();
        let store = store.clone();
        let id = id.clone();
        async move {
            if let Ok(Some(draft)) = store.get_draft(&id).await {
                return Some(Found::Draft(draft));
            }
            match store.get_capture(&id).await {
                Ok(Some(_)) => Some(Found::Submitted(id)),
                _ => None,
            }
        }
    });
    move || match found.get() {
        None => view! { <p class="loading" role="status">"…"</p> }.into_any(),
        Some(Some(Found::Draft(draft))) => {
            view! { <CaptureForm initial=draft on_submitted=move |_| submitted.update(|n| *n += 1)/> }
                .into_any()
        }
        Some(Some(Found::Submitted(id))) => view! { <SubmittedCapture id=id/> }.into_any(),
        Some(None) => view! { <NotFound/> }.into_any(),
    }
}

#[derive(Clone)]
enum Found {
    Draft(crate::draft::Draft),
    Submitted(String),
}

pub fn case_type_name(case_type: CaseType, lang: Lang) -> &'static str {
    match lang {
        Lang::Da => case_type.name_da(),
        Lang::En => case_type.name_en(),
    }
}

pub fn urgency_name(level: UrgencyLevel) -> T {
    match level {
        UrgencyLevel::Routine => T::UrgencyRoutine,
        UrgencyLevel::Elevated => T::UrgencyElevated,
        UrgencyLevel::High => T::UrgencyHigh,
        UrgencyLevel::Critical => T::Critical,
    }
}

/// Where a sent capture stands, in a few words; once delivered, the SPOC's status as last heard
/// ("Modtaget af SPOC" until the desk said more).
pub fn state_label(local: &LocalCapture, lang: Lang) -> String {
    match &local.state {
        CaptureState::Queued => T::Waiting.text(lang).to_string(),
        CaptureState::Synced { receipt } => {
            let status = local
                .spoc_status
                .as_ref()
                .map_or(CaseStatus::Received, |s| s.status);
            format!(
                "{} · {} {}",
                status_name(status).text(lang),
                T::ServerNumber.text(lang),
                receipt.server_seq
            )
        }
        CaptureState::Refused { error, .. } => format!("{}: {}", T::Refused.text(lang), error.message),
        CaptureState::Conflict { .. } => T::Conflict.text(lang).to_string(),
    }
}
