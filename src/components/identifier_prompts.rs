use leptos::prelude::*;
use spoc_core::guidance::{prompts, Prompt};
use spoc_core::Identifier;

use crate::draft::Draft;
use crate::guidance::use_guidance;
use crate::i18n::{use_lang, T};

/// What each platform entered so far still needs, from the guidance pack: "X: user ID missing – a
/// handle can change". Recomputed as the officer types; parsing is spoc-core's.
#[component]
pub fn IdentifierPrompts(draft: RwSignal<Draft>) -> impl IntoView {
    let pack = use_guidance();
    let lang = use_lang();
    move || {
        let pack = pack.get()?;
        let lang = lang.get();
        let entered: Vec<Identifier> = draft.with(|d| {
            d.identifiers
                .iter()
                .filter_map(|row| Identifier::parse(&row.raw, row.platform_hint).ok())
                .collect()
        });
        let lines: Vec<String> = prompts(&pack, &entered)
            .into_iter()
            .map(|prompt| match prompt {
                Prompt::Missing { platform, need } => {
                    let kinds: Vec<&str> = need.kinds.iter().map(|k| k.label(lang)).collect();
                    format!(
                        "{}: {} {} – {}",
                        platform.name(lang),
                        kinds.join(" / "),
                        T::Missing.text(lang),
                        need.why.get(lang)
                    )
                }
                Prompt::ShortLink { platform } => {
                    format!("{}: {}", platform.name(lang), T::ShortLinkPrompt.text(lang))
                }
            })
            .collect();
        (!lines.is_empty()).then(|| {
            view! {
                // A live region around the list: `role` on the `<ul>` itself would unmake it a list.
                <div role="status" data-testid="identifier-prompts">
                    <ul class="prompts">
                        {lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
