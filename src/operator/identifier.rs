//! `/desk/identifier/{key}`: one identifier (by spoc-core's link key) across every capture that
//! names it: where and in which kinds of case it was seen, when first and last, what else those
//! captures name (each a link to its own page), and its preservation deadlines. Captured values are
//! text, never links to the outside.

use leptos::prelude::*;
use spoc_core::desk::{IdentifierPage, Role};
use spoc_core::Identifier;

use super::deadlines::deadline_list;
use super::words::W;
use super::{capture_refs, fetched, when, DeskGate};
use crate::api::{call, CallError};
use crate::components::error_note;
use crate::i18n::{use_lang, Lang};
use crate::pages::case_type_name;
use crate::router::Link;

/// The page of the identifier with this link key.
pub fn identifier_href(key: &str) -> String {
    format!(
        "/desk/identifier/{}",
        String::from(js_sys::encode_uri_component(key))
    )
}

async fn identifier_page(key: String) -> Result<IdentifierPage, CallError> {
    let path = format!(
        "/api/v1/desk/identifiers/{}",
        String::from(js_sys::encode_uri_component(&key))
    );
    call("GET", &path, None).await
}

/// `encoded` is the path segment as the address bar has it.
#[component]
pub fn IdentifierPageView(encoded: String) -> impl IntoView {
    let key = js_sys::decode_uri_component(&encoded)
        .ok()
        .and_then(|k| k.as_string())
        .unwrap_or(encoded);
    view! { <DeskGate role=Role::Spoc><Page key=key.clone()/></DeskGate> }
}

#[component]
fn Page(key: String) -> impl IntoView {
    let lang = use_lang();
    let answer = fetched(move || identifier_page(key.clone()));
    move || match answer.get() {
        None => view! { <p class="loading" role="status">"…"</p> }.into_any(),
        Some(Err(e)) => error_note(&e, lang.get()).into_any(),
        Some(Ok(page)) => page_view(page, lang.get()).into_any(),
    }
}

pub fn identifier_text(identifier: &Identifier, lang: Lang) -> String {
    format!(
        "{} · {} · {}",
        identifier.platform.name(lang),
        identifier.kind.label(lang),
        identifier.value
    )
}

fn page_view(page: IdentifierPage, lang: Lang) -> impl IntoView {
    let title = page
        .forms
        .first()
        .map(|f| f.value.clone())
        .unwrap_or_else(|| page.key.clone());
    let districts: Vec<&str> = page.districts.iter().map(|d| d.name()).collect();
    let case_types: Vec<&str> = page.case_types.iter().map(|c| case_type_name(*c, lang)).collect();
    let forms: Vec<String> = page.forms.iter().map(|f| identifier_text(f, lang)).collect();
    view! {
        <section class="card" data-testid="identifier-page" data-key=page.key.clone()>
            <h1>{W::Identifier.text(lang)}": "<code class="value">{title}</code></h1>
            <dl class="facts">
                <dt>{W::Forms.text(lang)}</dt>
                <dd><ul class="list">{forms.into_iter().map(|f| view! { <li><code class="value">{f}</code></li> }).collect_view()}</ul></dd>
                <dt>{W::Captures.text(lang)}</dt><dd data-testid="capture-count">{page.captures.len()}</dd>
                <dt>{W::Districts.text(lang)}</dt><dd data-testid="districts">{districts.join(", ")}</dd>
                <dt>{W::CaseTypes.text(lang)}</dt><dd>{case_types.join(", ")}</dd>
                <dt>{W::FirstSeen.text(lang)}</dt><dd>{when(&page.first_seen)}</dd>
                <dt>{W::LastSeen.text(lang)}</dt><dd>{when(&page.last_seen)}</dd>
            </dl>
        </section>
        <section class="card" data-testid="identifier-captures">
            <h2>{W::Captures.text(lang)}</h2>
            {capture_refs(page.captures, lang)}
        </section>
        <section class="card" data-testid="co-identifiers">
            <h2>{W::CoIdentifiers.text(lang)}</h2>
            {page.co_identifiers.is_empty().then(|| view! { <p class="muted">{W::NoCoIdentifiers.text(lang)}</p> })}
            <ul class="list refs">
                {page.co_identifiers.into_iter().map(|c| view! {
                    <li data-key=c.key.clone()>
                        <Link href=identifier_href(&c.key)>
                            <span class="title"><code class="value">{identifier_text(&c.identifier, lang)}</code></span>
                            <span class="meta">{c.captures}" "{W::SharedBy.text(lang)}</span>
                        </Link>
                    </li>
                }).collect_view()}
            </ul>
        </section>
        <super::graph::GraphSection root_query=format!(
            "identifier={}",
            String::from(js_sys::encode_uri_component(&page.key))
        )/>
        <section class="card">
            <h2>{W::PreservationsForIt.text(lang)}</h2>
            {deadline_list(page.deadlines, lang, true)}
        </section>
    }
}
