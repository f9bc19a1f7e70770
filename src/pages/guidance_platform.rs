use leptos::prelude::*;
use spoc_core::Platform;

use crate::components::{item_view, source_titles, verify_view};
use crate::guidance::use_guidance;
use crate::i18n::{use_lang, T};

/// `/guidance/platform/:platform`: what to capture there, how a request reaches the provider, how
/// long it preserves, whether it has an emergency route, and the formats the officer will meet.
#[component]
pub fn GuidancePlatformPage(platform: Platform) -> impl IntoView {
    let pack = use_guidance();
    let lang = use_lang();
    move || {
        let pack = pack.get()?;
        let guide = pack.platform(platform)?;
        let lang = lang.get();
        let rule = &guide.preservation;
        let period = match (rule.days, rule.extension_days) {
            (Some(days), Some(extra)) => {
                format!(
                    "{days} {} + {extra} ({})",
                    T::Days.text(lang),
                    T::Extension.text(lang)
                )
            }
            (Some(days), None) => format!("{days} {}", T::Days.text(lang)),
            // No period known: the pack's own words say so (and why), once.
            (None, _) => rule.basis.get(lang).to_string(),
        };
        let basis = rule
            .days
            .map(|_| view! { <p class="meta">{rule.basis.get(lang).to_string()}</p> });
        Some(view! {
            <h1>{platform.name(lang)}</h1>
            {verify_view(guide.verify.as_ref(), lang)}
            <section class="card">
                <h2>{T::IdentifiersNeeded.text(lang)}</h2>
                <ul class="plain">
                    {guide.identifiers.iter().map(|need| view! {
                        <li class:critical=need.mandatory>
                            <strong>
                                {need.kinds.iter().map(|k| k.label(lang)).collect::<Vec<_>>().join(" / ")}
                            </strong>
                            {need.mandatory.then(|| view! { <span class="badge">{T::Mandatory.text(lang)}</span> })}
                            <span>" – "{need.why.get(lang).to_string()}</span>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
            <section class="card">
                <h2>{T::Provider.text(lang)}</h2>
                <p>{guide.provider.get(lang).to_string()}</p>
                <h3>{T::RequestRoute.text(lang)}</h3>
                <p>{guide.request_route.get(lang).to_string()}</p>
                <h3>{T::PreservationPeriod.text(lang)}</h3>
                <p data-testid="preservation-period">{period}</p>
                {basis}
                {verify_view(rule.verify.as_ref(), lang)}
                <h3>{T::EmergencyRoute.text(lang)}</h3>
                <p>{guide.emergency_route.as_ref().map_or(T::NoEmergencyRoute.text(lang), |r| r.get(lang)).to_string()}</p>
            </section>
            <section class="card">
                <h2>{T::Formats.text(lang)}</h2>
                <ul class="plain">
                    {guide.formats.iter().map(|f| view! { <li><code class="value">{f.clone()}</code></li> }).collect_view()}
                </ul>
                {(!guide.notes.is_empty()).then(|| view! {
                    <ul class="plain">{guide.notes.iter().map(|i| item_view(i, lang)).collect_view()}</ul>
                })}
                <small class="sources">{T::Sources.text(lang)}": "{source_titles(&guide.sources)}</small>
            </section>
        })
    }
}
