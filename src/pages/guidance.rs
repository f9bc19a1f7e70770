use leptos::prelude::*;
use spoc_core::guidance::{GuidancePack, Place, SERVICES};
use spoc_core::Lang;

use crate::components::{emergency_call, item_view};
use crate::guidance::{last_seen_version, mark_seen, use_guidance};
use crate::i18n::{tr, use_lang, T};
use crate::pages::capture::case_type_name;
use crate::router::Link;

/// `/guidance`: the emergency path first, then every case type and platform, and a search over all
/// of it. Read from the pack on the device: no connection needed.
#[component]
pub fn GuidancePage() -> impl IntoView {
    let pack = use_guidance();
    let lang = use_lang();
    let query = RwSignal::new(String::new());
    // Read once, before this visit is remembered: a pack newer than that is announced, also one that
    // arrives while the page is open.
    let seen_before = last_seen_version();
    Effect::new(move |_| {
        if let Some(pack) = pack.get() {
            mark_seen(pack.version);
        }
    });
    let version_line = move || {
        pack.get().map(|pack| {
            let newer = seen_before.filter(|seen| pack.version > *seen);
            view! {
                <p class="meta" data-testid="pack-version">
                    {tr(T::PackVersion)}" "{pack.version}" · "{tr(T::PackPublished)}" "{pack.published.clone()}
                </p>
                {newer.map(|seen| view! {
                    <p class="card notice" role="status" data-testid="pack-new">
                        {tr(T::NewPackArrived)}" "{pack.version}" ("{tr(T::PackPublished)}" "{pack.published.clone()}
                        "; "{tr(T::PreviousVersion)}" "{seen}")."
                    </p>
                })}
            }
        })
    };
    view! {
        <h1>{tr(T::Guidance)}</h1>
        <p class="help">{tr(T::GuidanceIntro)}</p>
        {version_line}
        <div class="card search">
            <label for="guidance-search">{tr(T::Search)}</label>
            <input id="guidance-search" type="search" autocomplete="off" data-testid="guidance-search"
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))/>
        </div>
        {move || {
            let Some(pack) = pack.get() else {
                return view! { <p class="loading" role="status">"…"</p> }.into_any();
            };
            let lang = lang.get();
            let q = query.get().trim().to_lowercase();
            if q.is_empty() {
                contents(&pack, lang).into_any()
            } else {
                results(&pack, &q, lang).into_any()
            }
        }}
    }
}

fn contents(pack: &GuidancePack, lang: Lang) -> impl IntoView {
    view! {
        {emergency_call(pack.emergency_contact(), &pack.emergency.otherwise, lang)}
        <section class="card">
            <h2>{T::CaseTypes.text(lang)}</h2>
            <ul class="list" data-testid="guidance-cases">
                {pack.case_types.iter().map(|c| (c.case_type, c.summary.get(lang).to_string())).map(|(case, summary)| view! {
                    <li>
                        <Link href=format!("/guidance/case/{}", case.code())>
                            <span class="title">{case_type_name(case, lang)}</span>
                            <span class="meta">{summary}</span>
                        </Link>
                    </li>
                }).collect_view()}
            </ul>
        </section>
        <section class="card">
            <h2>{T::Platforms.text(lang)}</h2>
            <ul class="list">
                {SERVICES.into_iter().map(|p| view! {
                    <li><Link href=format!("/guidance/platform/{}", p.code())>{p.name(lang)}</Link></li>
                }).collect_view()}
            </ul>
        </section>
        <section class="card">
            <h2>{T::Sources.text(lang)}</h2>
            <dl class="sources-list">
                {pack.sources.iter().map(|s| view! {
                    <dt>{s.title.clone()}</dt>
                    <dd class="value">{s.reference.clone()}</dd>
                }).collect_view()}
            </dl>
        </section>
    }
}

/// Every item whose text holds the query, with a link to where it stands.
fn results(pack: &GuidancePack, q: &str, lang: Lang) -> impl IntoView {
    let found: Vec<_> = pack
        .items()
        .filter(|(_, _, item)| item.text.get(lang).to_lowercase().contains(q))
        .collect();
    if found.is_empty() {
        return view! { <p class="muted" data-testid="guidance-results">{T::NoMatches.text(lang)}</p> }
            .into_any();
    }
    view! {
        <ul class="plain results" data-testid="guidance-results">
            {found.into_iter().map(|(place, _, item)| {
                let (href, name) = match place {
                    Place::Emergency => ("/guidance/case/threat_to_life".to_string(), T::Emergency.text(lang)),
                    Place::Common => ("/guidance/case/other_online".to_string(), T::CommonSteps.text(lang)),
                    Place::Case(c) => (format!("/guidance/case/{}", c.code()), case_type_name(c, lang)),
                    Place::Platform(p) => (format!("/guidance/platform/{}", p.code()), p.name(lang)),
                };
                let item = item_view(item, lang);
                view! {
                    <li class="result">
                        <Link href=href>{name}</Link>
                        <ul class="plain">{item}</ul>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
