use leptos::prelude::*;

use crate::api::CallError;
use crate::i18n::{use_lang, Lang, T};
use crate::router::Link;

/// A failed desk call held in a signal, shown while it is there.
pub fn call_error(error: RwSignal<Option<CallError>>) -> impl IntoView {
    let lang = use_lang();
    move || error.get().map(|e| error_note(&e, lang.get()))
}

/// A failed desk call, said in the person's language. When the desk no longer knows the person (a
/// 401), the way back is one tap away.
pub fn error_note(error: &CallError, lang: Lang) -> impl IntoView {
    let signed_out = error.status() == Some(401);
    view! {
        <p class="error" role="alert" data-code=error.code().to_string()>
            {error.text(lang)}
            {signed_out.then(|| view! { " "<Link href="/login">{T::SignIn.text(lang)}</Link> })}
        </p>
    }
}
