use leptos::prelude::*;

use crate::i18n::{tr, T};
use crate::pwa;

/// Offered, never forced: a capture in progress is not interrupted by an update.
#[component]
pub fn UpdateBanner(ready: RwSignal<bool>) -> impl IntoView {
    view! {
        <Show when=move || ready.get()>
            <div class="update-banner" role="status">
                <span>{tr(T::UpdateAvailable)}</span>
                <button type="button" on:click=|_| pwa::apply_update()>{tr(T::UpdateNow)}</button>
            </div>
        </Show>
    }
}
