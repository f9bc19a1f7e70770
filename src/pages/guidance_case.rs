use leptos::prelude::*;
use spoc_core::guidance::Item;
use spoc_core::{CaseType, Lang};

use crate::app::use_store;
use crate::components::{emergency_call, item_view};
use crate::guidance::use_guidance;
use crate::i18n::{use_lang, T};
use crate::pages::capture::case_type_name;
use crate::pages::home::start_capture;

/// `/guidance/case/:case`: the "don't" items first and boxed, then the ordered steps, the advice for
/// the victim and the steps common to every case. Threat to life opens with the emergency call.
#[component]
pub fn GuidanceCasePage(case_type: CaseType) -> impl IntoView {
    let pack = use_guidance();
    let lang = use_lang();
    let store = use_store();
    let error = RwSignal::new(None::<String>);
    move || {
        let store = store.clone();
        let pack = pack.get()?;
        let case = pack.case(case_type)?;
        let lang = lang.get();
        let emergency = (case_type == CaseType::ThreatToLife)
            .then(|| emergency_call(pack.emergency_contact(), &pack.emergency.otherwise, lang));
        let steps: Vec<&Item> = if case_type == CaseType::ThreatToLife {
            pack.emergency.steps.iter().chain(&case.steps).collect()
        } else {
            case.steps.iter().collect()
        };
        Some(view! {
            <h1>{case_type_name(case_type, lang)}</h1>
            {emergency}
            <p class="summary">{case.summary.get(lang).to_string()}</p>
            {(!case.donts.is_empty()).then(|| view! {
                <section class="card donts" data-testid="donts">
                    <h2>{T::Donts.text(lang)}</h2>
                    <ul class="plain">{case.donts.iter().map(|i| item_view(i, lang)).collect_view()}</ul>
                </section>
            })}
            {list(T::Steps, &steps, lang, true)}
            {list(T::VictimAdvice, &case.victim_advice.iter().collect::<Vec<_>>(), lang, false)}
            {list(T::CommonSteps, &pack.common_steps.iter().collect::<Vec<_>>(), lang, false)}
            <button type="button" class="primary big"
                on:click=move |_| start_capture(store.clone(), Some(case_type), error)>
                {T::StartCapture.text(lang)}
            </button>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        })
    }
}

fn list(title: T, items: &[&Item], lang: Lang, ordered: bool) -> impl IntoView {
    (!items.is_empty()).then(|| {
        let items = items.iter().map(|i| item_view(i, lang)).collect_view();
        view! {
            <section class="card">
                <h2>{title.text(lang)}</h2>
                {if ordered {
                    view! { <ol class="steps">{items}</ol> }.into_any()
                } else {
                    view! { <ul class="plain">{items}</ul> }.into_any()
                }}
            </section>
        }
    })
}
