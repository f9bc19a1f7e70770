use leptos::prelude::*;

use crate::i18n::{tr, use_lang, Lang, T};

/// One tap between Danish and English. The button names the language it switches *to*.
#[component]
pub fn LanguageToggle() -> impl IntoView {
    let lang = use_lang();
    let toggle = move |_| lang.update(|l| *l = if *l == Lang::Da { Lang::En } else { Lang::Da });
    view! {
        <button type="button" class="lang-toggle" on:click=toggle
            lang=move || if lang.get() == Lang::Da { "en" } else { "da" }>
            {tr(T::SwitchLanguage)}
        </button>
    }
}
