use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use spoc_core::desk::{LookupResult, Role};
use spoc_core::Platform;

use super::{api, capture_refs, DeskGate};
use crate::api::CallError;
use crate::components::error_note;
use crate::i18n::{tr, use_lang, T};
use crate::session::use_session;

/// `/desk/lookup`: paste an identifier as found (a profile URL, a handle, a phone number) and see
/// how spoc-core reads it and every capture that holds it.
#[component]
pub fn LookupPage() -> impl IntoView {
    view! { <DeskGate role=Role::Spoc><Lookup/></DeskGate> }
}

#[component]
fn Lookup() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let text = RwSignal::new(String::new());
    let platform = RwSignal::new(None::<Platform>);
    let result = RwSignal::new(None::<Result<LookupResult, CallError>>);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (pasted, hint) = (text.get_untracked(), platform.get_untracked());
        spawn_local(async move {
            let answer = api::lookup(&pasted, hint).await.inspect_err(|e| session.note(e));
            result.set(Some(answer));
        });
    };
    let answer = move || {
        let lang = lang.get();
        result.get().map(|answer| match answer {
            Ok(found) => view! {
                <section class="card" data-testid="lookup-result">
                    <p>
                        {T::Understood.text(lang)}": "<strong>{found.identifier.platform.name(lang)}</strong>
                        " · "{found.identifier.kind.label(lang)}" · "<code class="value">{found.identifier.value}</code>
                    </p>
                    {if found.captures.is_empty() {
                        view! { <p class="muted">{T::NotHeldAnywhere.text(lang)}</p> }.into_any()
                    } else {
                        capture_refs(found.captures, lang).into_any()
                    }}
                </section>
            }
            .into_any(),
            Err(e) => error_note(&e, lang).into_any(),
        })
    };
    view! {
        <form class="card" on:submit=submit data-testid="lookup">
            <h1>{tr(T::Lookup)}</h1>
            <p class="help">{tr(T::LookupHelp)}</p>
            <label for="lookup-text">{tr(T::IdentifierRaw)}</label>
            <input id="lookup-text" type="text" required autocomplete="off" spellcheck="false"
                prop:value=text on:input=move |ev| text.set(event_target_value(&ev))/>
            <label for="lookup-platform">{tr(T::PlatformHint)}</label>
            <select id="lookup-platform"
                on:change=move |ev| platform.set(Platform::from_code(&event_target_value(&ev)))>
                <option value="">{tr(T::AnyPlatform)}</option>
                {move || Platform::ALL.into_iter().map(|p| view! {
                    <option value=p.code() selected=move || platform.get() == Some(p)>{p.name(lang.get())}</option>
                }).collect_view()}
            </select>
            <button type="submit" class="primary">{tr(T::Find)}</button>
        </form>
        {answer}
    }
}
