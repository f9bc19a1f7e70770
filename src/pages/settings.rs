use leptos::prelude::*;
use leptos::task::spawn_local;
use spoc_core::District;

use crate::app::use_store;
use crate::components::{SignOutButton, StorageCard};
use crate::i18n::{tr, T};
use crate::lock::use_lock;
use crate::pages::PasskeyCard;
use crate::router::Link;
use crate::session::{use_session, who};
use crate::settings::{Settings, SETTINGS_KEY};

/// The officer's name, badge number, district and phone: asked once, kept on the device, copied into
/// every capture.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let store = use_store();
    let lock = use_lock();
    let settings = RwSignal::new(Settings::default());
    let saved = RwSignal::new(false);
    {
        let store = store.clone();
        spawn_local(async move {
            if let Ok(Some(stored)) = store.get_setting::<Settings>(SETTINGS_KEY).await {
                settings.set(stored);
            }
        });
    }
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let store = store.clone();
        let value = settings.get_untracked();
        lock.idle_minutes.set(value.lock_after());
        spawn_local(async move {
            saved.set(store.put_setting(SETTINGS_KEY, &value).await.is_ok());
        });
    };
    let text = |id: &'static str,
                label: T,
                kind: &'static str,
                get: fn(&Settings) -> String,
                set: fn(&mut Settings, String)| {
        view! {
            <label for=id>{tr(label)}</label>
            <input id=id type=kind autocomplete="off"
                prop:value=move || settings.with(get)
                on:input=move |ev| { let v = event_target_value(&ev); saved.set(false); settings.update(|s| set(s, v)) }/>
        }
    };
    view! {
        <form class="card settings" on:submit=save>
            <h1>{tr(T::Settings)}</h1>
            <p class="help">{tr(T::SettingsHelp)}</p>
            {text("officer-name", T::OfficerName, "text", |s| s.officer.name.clone(), |s, v| s.officer.name = v)}
            {text("badge-number", T::BadgeNumber, "text", |s| s.officer.badge_number.clone(), |s, v| s.officer.badge_number = v)}
            <label for="district">{tr(T::District)}</label>
            <select id="district" on:change=move |ev| {
                let v = event_target_value(&ev);
                saved.set(false);
                settings.update(|s| s.officer.district = District::from_code(&v));
            }>
                <option value="">{tr(T::ChooseDistrict)}</option>
                {District::ALL.into_iter().map(|d| view! {
                    <option value=d.code() selected=move || settings.with(|s| s.officer.district == Some(d))>{d.name()}</option>
                }).collect_view()}
            </select>
            {text("officer-phone", T::Phone, "tel", |s| s.officer.phone.clone(), |s, v| s.officer.phone = v)}
            <label for="lock-after">{tr(T::AutoLock)}</label>
            <input id="lock-after" type="number" min="1" max="60" inputmode="numeric"
                prop:value=move || settings.with(|s| s.lock_after().to_string())
                on:input=move |ev| {
                    let minutes = event_target_value(&ev).parse().unwrap_or(0);
                    saved.set(false);
                    settings.update(|s| s.lock_after_minutes = minutes)
                }/>
            // The one save for every field above, the lock time with them: said so on the button.
            <button type="submit" class="primary">{tr(T::SaveSettings)}</button>
            <Show when=move || saved.get()>
                <p role="status" data-testid="settings-saved">{tr(T::SavedOnDevice)}</p>
            </Show>
        </form>
        <section class="card">
            <button type="button" class="secondary" data-testid="lock-now" on:click=move |_| lock.lock()>
                {tr(T::LockNow)}
            </button>
        </section>
        <PasskeyCard/>
        <StorageCard/>
        <SessionCard/>
    }
}

/// Who is signed in to the desk on this device, with the way out (or in).
#[component]
fn SessionCard() -> impl IntoView {
    let session = use_session();
    move || match session.me.get() {
        Some(me) => view! {
            <section class="card" data-testid="session">
                <p>{tr(T::SignedInAs)}" "<strong>{who(&me)}</strong></p>
                <SignOutButton/>
            </section>
        }
        .into_any(),
        None => view! {
            <section class="card" data-testid="session">
                <Link href="/login" class="button">{tr(T::SignIn)}</Link>
            </section>
        }
        .into_any(),
    }
}
