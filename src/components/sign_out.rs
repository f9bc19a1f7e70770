use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::CallError;
use crate::components::call_error;
use crate::i18n::{tr, T};
use crate::session::{self, use_session};

/// Ends the desk session. Whatever waits in the outbox stays there for the next sign-in.
#[component]
pub fn SignOutButton() -> impl IntoView {
    let session = use_session();
    let error = RwSignal::new(None::<CallError>);
    let sign_out = move |_| {
        spawn_local(async move { error.set(session::sign_out(session).await.err()) });
    };
    view! {
        <button type="button" class="secondary" on:click=sign_out data-testid="sign-out">{tr(T::SignOut)}</button>
        {call_error(error)}
    }
}
