use leptos::prelude::*;
use spoc_core::{Identifier, Platform};

use crate::draft::{Draft, DraftIdentifier};
use crate::i18n::{tr, use_lang, T};

/// One identifier as the officer pastes it, parsed on every keystroke by spoc-core: what was understood
/// (platform, kind, normalised value) or why it could not be. The value is shown as text, never a link.
#[component]
pub fn IdentifierRow(draft: RwSignal<Draft>, key: u32) -> impl IntoView {
    let lang = use_lang();
    let row = move || draft.with(|d| d.identifiers.iter().find(|r| r.key == key).cloned());
    let edit = move |f: &dyn Fn(&mut DraftIdentifier)| {
        draft.update(|d| {
            if let Some(r) = d.identifiers.iter_mut().find(|r| r.key == key) {
                f(r);
            }
        })
    };
    let remove = move |_| draft.update(|d| d.identifiers.retain(|r| r.key != key));
    let raw_id = format!("identifier-{key}");
    let hint_id = format!("identifier-{key}-platform");

    let understood = move || {
        let row = row()?;
        if row.raw.trim().is_empty() {
            return None;
        }
        let lang = lang.get();
        Some(match Identifier::parse(&row.raw, row.platform_hint) {
            Ok(id) => view! {
                <p class="parsed ok" data-testid="parsed">
                    {T::Understood.text(lang)}": "
                    <strong>{id.platform.name(lang)}</strong>" · "{id.kind.label(lang)}" · "
                    <code class="value">{id.value}</code>
                </p>
            }
            .into_any(),
            Err(e) => {
                view! { <p class="parsed error" data-testid="parsed" role="alert">{e.message(lang)}</p> }
                    .into_any()
            }
        })
    };

    view! {
        <div class="identifier-row">
            <label for=raw_id.clone()>{tr(T::IdentifierRaw)}</label>
            <input id=raw_id type="text" inputmode="text" autocomplete="off" autocapitalize="off"
                spellcheck="false"
                prop:value=move || row().map(|r| r.raw).unwrap_or_default()
                on:input=move |ev| { let v = event_target_value(&ev); edit(&|r| r.raw = v.clone()) }/>
            <label for=hint_id.clone()>{tr(T::PlatformHint)}</label>
            <select id=hint_id on:change=move |ev| {
                let v = event_target_value(&ev);
                let hint = Platform::ALL.into_iter().find(|p| p.code() == v);
                edit(&|r| r.platform_hint = hint)
            }>
                <option value="" selected=move || row().is_some_and(|r| r.platform_hint.is_none())>
                    {tr(T::AnyPlatform)}
                </option>
                {Platform::ALL.into_iter().map(|p| view! {
                    <option value=p.code() selected=move || row().is_some_and(|r| r.platform_hint == Some(p))>
                        {move || p.name(lang.get())}
                    </option>
                }).collect_view()}
            </select>
            {understood}
            <button type="button" class="secondary" on:click=remove>{tr(T::Remove)}</button>
        </div>
    }
}
