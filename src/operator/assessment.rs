//! The first assessment on a capture's detail: each unresolved short link with a form for what it
//! points to (the operator looks it up at the SPOC and types it; the desk parses it with spoc-core),
//! the short links resolved so far, and "first assessment done" with a note. The desk answers the
//! capture as it now stands, which replaces the page's copy.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use spoc_core::desk::{CaptureDetail, NewAssessment, ShortLinkResolution};
use spoc_core::quality::Finding;

use super::identifier::identifier_text;
use super::when;
use super::words::W;
use crate::api::{call, json_body, CallError};
use crate::components::call_error;
use crate::i18n::use_lang;
use crate::session::use_session;

type Shown = RwSignal<Option<Result<CaptureDetail, CallError>>>;

fn capture_path(id: &str) -> String {
    format!(
        "/api/v1/desk/captures/{}",
        String::from(js_sys::encode_uri_component(id))
    )
}

#[component]
pub fn FirstAssessment(detail: CaptureDetail, shown: Shown) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let id = StoredValue::new(detail.stored.receipt.id.clone());
    let error = RwSignal::new(None::<CallError>);
    let apply = move |answer: Result<CaptureDetail, CallError>| match answer {
        Ok(detail) => {
            error.set(None);
            shown.set(Some(Ok(detail)));
        }
        Err(e) => {
            session.note(&e);
            error.set(Some(e));
        }
    };
    let unresolved: Vec<String> = detail
        .findings
        .iter()
        .filter_map(|f| match f {
            Finding::UnresolvedShortLink { raw, .. } => Some(raw.clone()),
            _ => None,
        })
        .collect();
    let resolve_forms = unresolved.into_iter().enumerate().map(|(n, raw)| {
        let typed = RwSignal::new(String::new());
        let field = format!("resolve-{n}");
        let short_link = raw.clone();
        let submit = move |ev: SubmitEvent| {
            ev.prevent_default();
            let body = json_body(&ShortLinkResolution {
                short_link: short_link.clone(),
                resolved: typed.get_untracked(),
                platform: None,
            });
            let path = format!("{}/short-links", capture_path(&id.get_value()));
            spawn_local(async move { apply(call("POST", &path, body).await) });
        };
        view! {
            <form on:submit=submit data-testid="resolve-short-link">
                <label for=field.clone()>{move || W::ResolveShortLink.text(lang.get())}" "<code class="value">{raw}</code></label>
                <input id=field type="text" required autocomplete="off" spellcheck="false"
                    prop:value=typed on:input=move |ev| typed.set(event_target_value(&ev))/>
                <button type="submit">{move || W::Resolve.text(lang.get())}</button>
            </form>
        }
    });
    let resolved = detail.resolved_short_links.clone();
    let note = RwSignal::new(String::new());
    let assess = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = json_body(&NewAssessment {
            note: note.get_untracked(),
        });
        let path = format!("{}/assessment", capture_path(&id.get_value()));
        spawn_local(async move { apply(call("POST", &path, body).await) });
    };
    let assessment = match detail.assessment {
        Some(done) => view! {
            <p data-testid="assessment-done">
                <strong>{move || W::AssessmentDone.text(lang.get())}</strong>
                " · "{done.by}" · "{when(&done.at)}
            </p>
            <p class="notes">{done.note}</p>
        }
        .into_any(),
        None => view! {
            <form on:submit=assess data-testid="assessment-form">
                <label for="assessment-note">{move || W::AssessmentNote.text(lang.get())}</label>
                <textarea id="assessment-note" required rows="3"
                    prop:value=note on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                <button type="submit" class="primary">{move || W::MarkAssessed.text(lang.get())}</button>
            </form>
        }
        .into_any(),
    };
    view! {
        <section class="card" data-testid="first-assessment">
            <h2>{move || W::FirstAssessment.text(lang.get())}</h2>
            {resolve_forms.collect_view()}
            <ul class="list">
                {resolved.into_iter().map(|r| view! {
                    <li data-testid="resolved-short-link">
                        <code class="value">{r.short_link}</code>" → "
                        <code class="value">{identifier_text(&r.identifier, lang.get_untracked())}</code>
                        <span class="meta">" · "{r.by}" · "{when(&r.at)}</span>
                    </li>
                }).collect_view()}
            </ul>
            {assessment}
            {call_error(error)}
        </section>
    }
}
