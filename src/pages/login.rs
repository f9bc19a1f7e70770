use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use spoc_core::desk::{Me, Role, MIN_PASSWORD_CHARS};

use crate::api::CallError;
use crate::components::{call_error, SignOutButton};
use crate::i18n::{tr, T};
use crate::router::{navigate, Link};
use crate::session::{self, use_session, who};
use crate::sync::SyncHandle;

/// `/login`: sign in; with a one-time password, choose a new one first. Then on to where the role
/// works, and the outbox is told to send at once: captures made while signed out have been waiting.
/// `desk`: the desk's own sign-in (`/desk/login`), which speaks to operators and admins.
#[component]
pub fn LoginPage(#[prop(optional)] desk: bool) -> impl IntoView {
    let session = use_session();
    let sync = expect_context::<SyncHandle>();
    // Kept after signing in, to fill in "current password" when a one-time password must be changed.
    let password = RwSignal::new(String::new());
    let finish = move |me: &Me| {
        sync.kick();
        navigate(home_of(me.role));
    };

    move || match session.me.get() {
        None => view! { <SignInForm password=password on_done=finish desk=desk/> }.into_any(),
        Some(me) if me.must_change_password => {
            view! { <ChangePasswordForm current=password on_done=finish/> }.into_any()
        }
        Some(me) => view! {
            <section class="card" data-testid="signed-in">
                <h1>{tr(T::SignedInAs)}" "{who(&me)}</h1>
                <Link href=home_of(me.role) class="button">{tr(T::Continue)}</Link>
                <SignOutButton/>
            </section>
        }
        .into_any(),
    }
}

/// Where each role works.
pub fn home_of(role: Role) -> &'static str {
    match role {
        Role::Spoc => "/desk",
        Role::Admin => "/desk/accounts",
        Role::Officer => "/",
    }
}

#[component]
fn SignInForm(
    password: RwSignal<String>,
    on_done: impl Fn(&Me) + Copy + 'static,
    desk: bool,
) -> impl IntoView {
    let session = use_session();
    let username = RwSignal::new(String::new());
    let error = RwSignal::new(None::<CallError>);
    let busy = RwSignal::new(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        let name = username.get_untracked().trim().to_string();
        spawn_local(async move {
            match session::sign_in(name, password.get_untracked()).await {
                Ok(me) => {
                    error.set(None);
                    let done = !me.must_change_password;
                    session.signed_in(me.clone());
                    if done {
                        on_done(&me);
                    }
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <form class="card" on:submit=submit data-testid="sign-in">
            <h1>{tr(if desk { T::DeskSignInTitle } else { T::SignIn })}</h1>
            <p class="help">{tr(if desk { T::DeskSignInHelp } else { T::SignInHelp })}</p>
            <label for="username">{tr(T::Username)}</label>
            <input id="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false"
                required prop:value=username on:input=move |ev| username.set(event_target_value(&ev))/>
            <label for="password">{tr(T::Password)}</label>
            <input id="password" type="password" autocomplete="current-password" required
                prop:value=password on:input=move |ev| password.set(event_target_value(&ev))/>
            <button type="submit" class="primary" disabled=busy>{tr(T::SignIn)}</button>
            {call_error(error)}
        </form>
    }
}

#[component]
fn ChangePasswordForm(current: RwSignal<String>, on_done: impl Fn(&Me) + Copy + 'static) -> impl IntoView {
    let session = use_session();
    let new = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<T>);
    let error = RwSignal::new(None::<CallError>);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let (new_password, old) = (new.get_untracked(), current.get_untracked());
        // The desk checks the same rule; asking first saves a round trip and says it in Danish.
        problem.set(if new_password != repeat.get_untracked() {
            Some(T::PasswordsDiffer)
        } else if new_password.chars().count() < MIN_PASSWORD_CHARS {
            Some(T::PasswordTooShort)
        } else {
            None
        });
        if problem.get_untracked().is_some() {
            return;
        }
        spawn_local(async move {
            match session::change_password(old, new_password).await {
                Ok(()) => {
                    current.set(String::new());
                    session.me.update(|me| {
                        if let Some(me) = me {
                            me.must_change_password = false;
                        }
                    });
                    if let Some(me) = session.me.get_untracked() {
                        on_done(&me);
                    }
                }
                // Here a 401 `bad_credentials` is about the current password, not the username.
                Err(e) if e.code() == "bad_credentials" => problem.set(Some(T::WrongCurrentPassword)),
                Err(e) => {
                    session.note(&e);
                    error.set(Some(e));
                }
            }
        });
    };
    let field = |id: &'static str, label: T, autocomplete: &'static str, value: RwSignal<String>| {
        view! {
            <label for=id>{tr(label)}</label>
            <input id=id type="password" autocomplete=autocomplete required
                prop:value=value on:input=move |ev| value.set(event_target_value(&ev))/>
        }
    };
    view! {
        <form class="card" on:submit=submit data-testid="change-password">
            <h1>{tr(T::ChangePassword)}</h1>
            <p class="help">{tr(T::ChangePasswordHelp)}</p>
            {field("current-password", T::CurrentPassword, "current-password", current)}
            {field("new-password", T::NewPassword, "new-password", new)}
            <p class="help" id="password-rule">{tr(T::PasswordRule)}</p>
            {field("repeat-password", T::RepeatPassword, "new-password", repeat)}
            <button type="submit" class="primary">{tr(T::ChangePassword)}</button>
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{tr(p)}</p> })}
            {call_error(error)}
        </form>
    }
}
