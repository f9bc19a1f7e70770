//! The lock screen: the first passphrase on this device, unlocking, and starting over after a
//! forgotten passphrase. Shown instead of every page that holds captured content while the app is
//! locked.
//!
//! The vault is read only while the page is active: the app locks as the page is hidden, and a read
//! started then could be frozen with the page (see `lifecycle.rs`). It is read again on show.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::app::use_store;
use crate::crypto::passkey;
use crate::crypto::vault::UnlockError;
use crate::i18n::{tr, use_lang, T};
use crate::lock::use_lock;

/// The rule for a passphrase, the same as for an account password: a length no PIN reaches.
fn passphrase_problem(passphrase: &str, repeated: &str) -> Option<T> {
    if spoc_core::desk::password_problem(passphrase).is_some() {
        Some(T::PassphraseTooShort)
    } else if passphrase != repeated {
        Some(T::PassphrasesDiffer)
    } else {
        None
    }
}

#[component]
pub fn LockScreen() -> impl IntoView {
    let store = use_store();
    let active = crate::lifecycle::use_lifecycle().active;
    let has_vault = LocalResource::new(move || {
        let store = store.clone();
        let active = active.get();
        async move {
            if !active {
                return None;
            }
            let vault = store.vault_record().await.ok().flatten();
            let passkey = vault.as_ref().is_some_and(|v| v.passkey.is_some()) && passkey::supported();
            Some((vault.is_some(), passkey, store.count_drafts().await.unwrap_or(0)))
        }
    });
    let withdrawn = crate::sync::revocation::was_withdrawn().then(|| {
        view! { <p class="banner warning" role="alert" data-testid="withdrawn">{tr(T::Withdrawn)}</p> }
    });
    let screen = move || {
        match has_vault.get().flatten() {
        None => view! { <p class="loading" role="status">"…"</p> }.into_any(),
        Some((false, _, _)) => view! {
            <section class="card lock" data-testid="set-passphrase">
                <h1>{tr(T::SetPassphrase)}</h1>
                <p class="help">{tr(T::SetPassphraseHelp)}</p>
                <NewPassphrase submit_label=T::SavePassphrase/>
            </section>
        }
        .into_any(),
        Some((true, passkey, drafts)) => view! {
            <section class="card lock" data-testid="lock-screen">
                <h1>{tr(T::Locked)}</h1>
                <p class="help">{tr(T::LockedHelp)}</p>
                {(drafts > 0).then(|| view! { <p data-testid="locked-drafts">{drafts}" "{tr(T::DraftsLocked)}</p> })}
                {passkey.then(|| view! { <PasskeyUnlock/> })}
                <UnlockForm/>
                <details class="forgot">
                    <summary>{tr(T::ForgotPassphrase)}</summary>
                    <p class="help">{tr(T::ForgotPassphraseHelp)}</p>
                    <NewPassphrase submit_label=T::ResetPassphrase/>
                </details>
            </section>
        }
        .into_any(),
    }
    };
    view! { {withdrawn} {screen} }
}

#[component]
fn UnlockForm() -> impl IntoView {
    let store = use_store();
    let lock = use_lock();
    let lang = use_lang();
    let passphrase = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        let store = store.clone();
        let given = passphrase.get_untracked();
        spawn_local(async move {
            match store.unlock(&given).await {
                Ok(()) => {
                    passphrase.set(String::new());
                    lock.show_unlocked();
                }
                Err(UnlockError::WrongPassphrase) => {
                    problem.set(Some(T::WrongPassphrase.text(lang.get_untracked()).to_string()))
                }
                Err(e) => problem.set(Some(e.to_string())),
            }
            busy.set(false);
        });
    };
    view! {
        <form on:submit=submit>
            <label for="unlock-passphrase">{tr(T::Passphrase)}</label>
            <input id="unlock-passphrase" type="password" autocomplete="current-password" required
                prop:value=move || passphrase.get()
                on:input=move |ev| passphrase.set(event_target_value(&ev))/>
            <button type="submit" class="primary" disabled=move || busy.get() data-testid="unlock">
                {move || if busy.get() { tr(T::Unlocking)() } else { tr(T::Unlock)() }}
            </button>
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
        </form>
    }
}

/// The passkey's button: the authenticator asks for the fingerprint, face or screen lock.
#[component]
fn PasskeyUnlock() -> impl IntoView {
    let store = use_store();
    let lock = use_lock();
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let unlock = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        let store = store.clone();
        spawn_local(async move {
            match store.unlock_with_passkey().await {
                Ok(()) => lock.show_unlocked(),
                Err(e) => problem.set(Some(e.to_string())),
            }
            busy.set(false);
        });
    };
    view! {
        <button type="button" class="primary" data-testid="unlock-passkey" disabled=move || busy.get() on:click=unlock>
            {tr(T::UnlockWithPasskey)}
        </button>
        {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
    }
}

/// Settings: setting up the passkey, confirmed with the passphrase. Only where WebAuthn can be used
/// and while unlocked.
#[component]
pub fn PasskeyCard() -> impl IntoView {
    // Stored so the handler is `Copy`: `Show` may build the form more than once.
    let store = StoredValue::new_local(use_store());
    let lock = use_lock();
    let lang = use_lang();
    let passphrase = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Result<(), String>>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        outcome.set(None);
        let store = store.get_value();
        let given = passphrase.get_untracked();
        spawn_local(async move {
            let result = store.add_passkey(&given).await.map_err(|e| match e {
                UnlockError::WrongPassphrase => T::WrongPassphrase.text(lang.get_untracked()).to_string(),
                e => e.to_string(),
            });
            if result.is_ok() {
                passphrase.set(String::new());
            }
            outcome.set(Some(result));
            busy.set(false);
        });
    };
    let shown = move || passkey::supported() && lock.unlocked.get();
    view! {
        <Show when=shown>
            <form class="card" on:submit=add data-testid="passkey">
                <h2>{tr(T::Passkey)}</h2>
                <p class="help">{tr(T::PasskeyHelp)}</p>
                <label for="passkey-passphrase">{tr(T::Passphrase)}</label>
                <input id="passkey-passphrase" type="password" autocomplete="current-password" required
                    prop:value=move || passphrase.get()
                    on:input=move |ev| passphrase.set(event_target_value(&ev))/>
                <button type="submit" class="secondary" data-testid="add-passkey" disabled=move || busy.get()>
                    {tr(T::AddPasskey)}
                </button>
                {move || outcome.get().map(|result| match result {
                    Ok(()) => view! { <p role="status" data-testid="passkey-ready">{tr(T::PasskeyReady)}</p> }.into_any(),
                    Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                })}
            </form>
        </Show>
    }
}

/// Choosing a passphrase: the first one, or a new one that deletes the drafts the old one locked.
#[component]
fn NewPassphrase(submit_label: T) -> impl IntoView {
    let store = use_store();
    let lock = use_lock();
    let lang = use_lang();
    let first = RwSignal::new(String::new());
    let second = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let session = crate::session::use_session();
    // Two instances may share a page (the forgotten-passphrase form under the unlock form).
    let starting_over = submit_label == T::ResetPassphrase;
    let prefix = if starting_over { "reset" } else { "new" };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let (passphrase, repeated) = (first.get_untracked(), second.get_untracked());
        if let Some(rule) = passphrase_problem(&passphrase, &repeated) {
            problem.set(Some(rule.text(lang.get_untracked()).to_string()));
            return;
        }
        busy.set(true);
        problem.set(None);
        let store = store.clone();
        spawn_local(async move {
            match store.set_passphrase(&passphrase).await {
                Ok(()) => {
                    lock.show_unlocked();
                    // Whoever starts over need not be the officer: they get no drafts, and the desk
                    // session ends too, so nothing is sent as the officer until the officer signs in.
                    if starting_over {
                        let _ = crate::session::sign_out(session).await;
                    }
                }
                Err(e) => problem.set(Some(e.to_string())),
            }
            busy.set(false);
        });
    };
    view! {
        <form on:submit=submit>
            <label for=format!("{prefix}-passphrase")>{tr(T::Passphrase)}</label>
            <input id=format!("{prefix}-passphrase") type="password" autocomplete="new-password" required minlength="12"
                prop:value=move || first.get()
                on:input=move |ev| first.set(event_target_value(&ev))/>
            <label for=format!("{prefix}-passphrase-repeat")>{tr(T::RepeatPassphrase)}</label>
            <input id=format!("{prefix}-passphrase-repeat") type="password" autocomplete="new-password" required
                prop:value=move || second.get()
                on:input=move |ev| second.set(event_target_value(&ev))/>
            <button type="submit" class="primary" disabled=move || busy.get() data-testid=format!("{prefix}-passphrase-save")>
                {tr(submit_label)}
            </button>
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
        </form>
    }
}
