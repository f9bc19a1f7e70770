use leptos::prelude::*;
use spoc_core::guidance::{Contact, Item, Text};
use spoc_core::Lang;

use crate::guidance::use_guidance;
use crate::i18n::T;

/// One guidance item: its text, whether it is critical, whether the SPOC must still confirm it, and
/// its sources by title (listed in full on the guidance page).
pub fn item_view(item: &Item, lang: Lang) -> impl IntoView {
    view! {
        <li class="guidance-item" class:critical=item.critical data-item=item.id.clone()>
            <span>{item.text.get(lang).to_string()}</span>
            {item.critical.then(|| view! { <span class="badge">{T::Critical.text(lang)}</span> })}
            {verify_view(item.verify.as_ref(), lang)}
            <small class="sources">{T::Sources.text(lang)}": "{source_titles(&item.sources)}</small>
        </li>
    }
}

/// The titles of the sources `ids` names, from the pack's source list: the officer reads "Meta Law
/// Enforcement Guidelines", not an internal id.
pub fn source_titles(ids: &[String]) -> String {
    use_guidance().with_untracked(|pack| {
        let title = |id: &String| {
            let source = pack.as_ref().and_then(|p| p.sources.iter().find(|s| &s.id == id));
            source.map_or(id.clone(), |s| s.title.clone())
        };
        ids.iter().map(title).collect::<Vec<_>>().join("; ")
    })
}

/// The "to be confirmed" note, where a fact is not confirmed: never dressed up as a rule.
pub fn verify_view(verify: Option<&Text>, lang: Lang) -> impl IntoView {
    verify.map(|v| {
        view! { <p class="verify"><strong>{T::Verify.text(lang)}": "</strong>{v.get(lang).to_string()}</p> }
    })
}

/// The emergency call: a `tel:` link big enough to hit with a shaking hand, the line's hours, and
/// what to do when nobody answers.
pub fn emergency_call(contact: Option<&Contact>, otherwise: &Text, lang: Lang) -> impl IntoView {
    view! {
        <section class="card emergency" data-testid="emergency-path">
            <h2>{T::Emergency.text(lang)}</h2>
            {contact.map(|c| view! {
                <a class="call big" href=format!("tel:{}", c.phone) data-testid="call-duty">
                    {T::CallDuty.text(lang)}" "{c.name.get(lang).to_string()}": "{c.phone.clone()}
                </a>
                <p class="meta">{c.hours.get(lang).to_string()}</p>
                {verify_view(c.verify.as_ref(), lang)}
            })}
            <p>{otherwise.get(lang).to_string()}</p>
        </section>
    }
}
