use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{tr, T};

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="card">
            <h1>"404"</h1>
            <A href="/">{tr(T::BackHome)}</A>
        </section>
    }
}
