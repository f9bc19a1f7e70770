//! The device's storage, as the officer sees it: the settings page's card (persistent or not, space
//! used), a warning on every page once it is 80 % full, and the install advice on iPhone and iPad.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{tr, use_lang, T};
use crate::storage_health::{self, megabytes, StorageHealth};

/// The storage state, read once when shown and again after asking for persistence.
fn health_signal() -> RwSignal<Option<StorageHealth>> {
    let health = RwSignal::new(None);
    spawn_local(async move { health.set(storage_health::health().await) });
    health
}

/// Settings: whether the browser promised to keep the data, and how much space is used.
#[component]
pub fn StorageCard() -> impl IntoView {
    let health = health_signal();
    let lang = use_lang();
    let ask = move |_| {
        spawn_local(async move {
            storage_health::request_persistence().await;
            health.set(storage_health::health().await);
        })
    };
    view! {
        <section class="card" data-testid="storage">
            <h2>{tr(T::StorageTitle)}</h2>
            {move || match health.get() {
                None => view! { <p class="muted">{tr(T::StorageUnknown)}</p> }.into_any(),
                Some(h) => view! {
                    <p data-testid="storage-persisted" data-persisted=h.persisted.to_string()>
                        {if h.persisted { T::StoragePersisted.text(lang.get()) } else { T::StorageNotPersisted.text(lang.get()) }}
                    </p>
                    <p data-testid="storage-used" data-percent=h.percent_used()>
                        {tr(T::StorageUsed)}" "{megabytes(h.usage_bytes)}" MB / "{megabytes(h.quota_bytes)}" MB ("{h.percent_used()}" %)"
                    </p>
                    {(!h.persisted).then(|| view! {
                        <button type="button" class="secondary" on:click=ask>{tr(T::StorageAskPersist)}</button>
                    })}
                }.into_any(),
            }}
        </section>
    }
}

/// On every page once 80 % of the quota is used: a full device cannot save the next capture.
#[component]
pub fn StorageWarning() -> impl IntoView {
    let health = health_signal();
    move || {
        health.get().filter(StorageHealth::nearly_full).map(|h| {
            view! {
                <p class="banner warning" role="alert" data-testid="storage-warning">
                    {tr(T::StorageNearlyFull)}" ("{h.percent_used()}" %)"
                </p>
            }
        })
    }
}

/// iPhone and iPad in a Safari tab: Safari deletes a site's storage after 7 days without a visit
/// unless the app is on the home screen.
#[component]
pub fn InstallAdvice() -> impl IntoView {
    storage_health::this_is_ios_tab().then(|| {
        view! { <p class="banner warning" role="note" data-testid="install-advice">{tr(T::InstallOnIos)}</p> }
    })
}

/// On every page, in one place: a private window (certain: captures are refused there, see
/// `pages::home::start_capture`), or storage that may not last — a window that may be private, a
/// browser that has not promised to keep the data. The uncertain cases only warn: the officer can
/// still capture, and is told to send soon.
#[component]
pub fn WindowStorageNotice() -> impl IntoView {
    let window = RwSignal::new(None);
    spawn_local(async move { window.set(Some(storage_health::this_window().await)) });
    move || {
        let window = window.get()?;
        if window.private {
            return Some(
                view! { <p class="banner warning" role="alert" data-testid="private-window">{tr(T::PrivateWindow)}</p> }
                    .into_any(),
            );
        }
        window.may_vanish().then(|| {
            view! {
                <p class="banner warning" role="note" data-testid="storage-may-vanish">
                    {window.maybe_private.then(|| view! { {tr(T::StorageMaybePrivate)}" " })}
                    {(window.persisted == Some(false)).then(|| view! { {tr(T::StorageNotKept)}" " })}
                    {tr(T::StorageSendSoon)}
                </p>
            }
            .into_any()
        })
    }
}
