use crate::router::Link;
use leptos::prelude::*;

use crate::i18n::{tr, T};

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="card">
            <h1>"404"</h1>
            <Link href="/" class="button">{tr(T::BackHome)}</Link>
        </section>
    }
}
