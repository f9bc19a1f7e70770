use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use spoc_core::desk::{Account, AccountChange, CreatedAccount, NewAccount, Role};

use super::{api, fetched, role_name, DeskGate};
use crate::api::CallError;
use crate::components::{call_error, error_note};
use crate::i18n::{tr, use_lang, Lang, T};

/// `/desk/accounts`, for admins: who may sign in, with which role. A new account, and a reset one,
/// get a one-time password that is shown here once and must be changed at the first sign-in.
#[component]
pub fn AccountsPage() -> impl IntoView {
    view! { <DeskGate role=Role::Admin><Accounts/></DeskGate> }
}

/// What the page's handlers share. `Copy`.
#[derive(Clone, Copy)]
struct Admin {
    reload: RwSignal<u32>,
    /// Why creating an account failed, shown by its form.
    create_error: RwSignal<Option<CallError>>,
    /// Why a change to a listed account failed, shown above the list.
    list_error: RwSignal<Option<CallError>>,
    /// The one-time password just made: shown until the page is left or another one is made.
    created: RwSignal<Option<CreatedAccount>>,
}

impl Admin {
    fn done<R>(self, answer: Result<R, CallError>, shown_at: RwSignal<Option<CallError>>) -> Option<R> {
        self.reload.update(|n| *n += 1);
        self.create_error.set(None);
        self.list_error.set(None);
        answer.map_err(|e| shown_at.set(Some(e))).ok()
    }

    /// The one-time password goes at the top of the page, and the page scrolls there to show it.
    fn show_password(self, answer: Result<CreatedAccount, CallError>, shown_at: RwSignal<Option<CallError>>) {
        if let Some(created) = self.done(answer, shown_at) {
            self.created.set(Some(created));
            if let Some(window) = web_sys::window() {
                window.scroll_to_with_x_and_y(0.0, 0.0);
            }
        }
    }
}

#[component]
fn Accounts() -> impl IntoView {
    let lang = use_lang();
    let admin = Admin {
        reload: RwSignal::new(0),
        create_error: RwSignal::new(None),
        list_error: RwSignal::new(None),
        created: RwSignal::new(None),
    };
    let accounts = fetched(move || {
        admin.reload.track();
        api::accounts()
    });
    let list = move || match accounts.get() {
        None => view! { <p class="loading" role="status">"…"</p> }.into_any(),
        Some(Err(e)) => error_note(&e, lang.get()).into_any(),
        Some(Ok(accounts)) => view! {
            <ul class="accounts" data-testid="accounts">
                {accounts.into_iter().map(|a| account_row(a, admin, lang.get())).collect_view()}
            </ul>
        }
        .into_any(),
    };
    view! {
        {move || admin.created.get().map(|c| view! {
            <section class="card one-time" role="status" data-testid="one-time-password">
                <p>{tr(T::OneTimePassword)}" "<strong>{c.account.username}</strong>":"</p>
                <p><code class="value otp">{c.one_time_password}</code></p>
                <p class="help">{tr(T::ShownOnce)}</p>
            </section>
        })}
        <CreateForm admin=admin/>
        <section class="card">
            <h1>{tr(T::Accounts)}</h1>
            {call_error(admin.list_error)}
            {list}
        </section>
        <super::devices::DevicesCard/>
    }
}

#[component]
fn CreateForm(admin: Admin) -> impl IntoView {
    let username = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Officer);
    let create = move |ev: SubmitEvent| {
        ev.prevent_default();
        let account = NewAccount {
            username: username.get_untracked().trim().to_string(),
            display_name: display_name.get_untracked().trim().to_string(),
            role: role.get_untracked(),
        };
        spawn_local(async move {
            let answer = api::create_account(&account).await;
            if answer.is_ok() {
                username.set(String::new());
                display_name.set(String::new());
            }
            admin.show_password(answer, admin.create_error);
        });
    };
    view! {
        <form class="card" on:submit=create data-testid="create-account">
            <h2>{tr(T::CreateAccount)}</h2>
            <label for="new-username">{tr(T::Username)}</label>
            <input id="new-username" type="text" required autocomplete="off" autocapitalize="none" spellcheck="false"
                aria-describedby="username-help"
                prop:value=username on:input=move |ev| username.set(event_target_value(&ev))/>
            <p class="help" id="username-help">{tr(T::UsernameHelp)}</p>
            <label for="new-display-name">{tr(T::DisplayName)}</label>
            <input id="new-display-name" type="text" required autocomplete="off"
                prop:value=display_name on:input=move |ev| display_name.set(event_target_value(&ev))/>
            <label for="new-role">{tr(T::Role)}</label>
            {role_select("new-role".into(), Role::Officer, move |r| role.set(r))}
            <button type="submit" class="primary">{tr(T::CreateAccount)}</button>
            {call_error(admin.create_error)}
        </form>
    }
}

fn role_select(id: String, current: Role, on_pick: impl Fn(Role) + 'static) -> impl IntoView {
    let lang = use_lang();
    let pick = move |ev: leptos::ev::Event| {
        if let Some(role) = Role::from_code(&event_target_value(&ev)) {
            on_pick(role);
        }
    };
    view! {
        <select id=id on:change=pick>
            {Role::ALL.into_iter().map(|r| view! {
                <option value=r.code() selected=r == current>{move || role_name(r).text(lang.get())}</option>
            }).collect_view()}
        </select>
    }
}

/// One account: its role (changed on the spot), whether it may sign in, and a new one-time password.
/// Each of these can be undone by the next, so none asks "are you sure?".
fn account_row(account: Account, admin: Admin, lang: Lang) -> impl IntoView {
    let username = StoredValue::new(account.username.clone());
    let change = move |change: AccountChange| {
        let name = username.get_value();
        spawn_local(async move {
            admin.done(api::change_account(&name, &change).await, admin.list_error);
        });
    };
    let disabled = account.disabled;
    let toggle = move |_| {
        change(AccountChange {
            role: None,
            disabled: Some(!disabled),
        })
    };
    let reset = move |_| {
        let name = username.get_value();
        spawn_local(async move { admin.show_password(api::reset_password(&name).await, admin.list_error) });
    };
    let role_id = format!("role-{}", account.username);
    view! {
        <li data-username=username.get_value() class:disabled=disabled>
            <p>
                <strong>{account.display_name}</strong>" · "<span class="value">{account.username}</span>
                {disabled.then(|| view! { " · "<strong>{T::Disabled.text(lang)}</strong> })}
                {account.must_change_password.then(|| view! { " · "{T::MustChange.text(lang)} })}
            </p>
            <label for=role_id.clone()>{T::Role.text(lang)}</label>
            {role_select(role_id, account.role, move |role| change(AccountChange { role: Some(role), disabled: None }))}
            <div class="actions">
                <button type="button" class="secondary" on:click=toggle data-action="toggle">
                    {if disabled { T::Enable.text(lang) } else { T::Disable.text(lang) }}
                </button>
                <button type="button" class="secondary" on:click=reset data-action="reset">
                    {T::ResetPassword.text(lang)}
                </button>
            </div>
        </li>
    }
}
