//! The shell: language, storage and sync are set up once here and shared through context; each page
//! lives in its own module under `pages/`.

use leptos::prelude::*;

use crate::components::{LanguageToggle, StorageWarning, SyncIndicator, UpdateBanner, WindowStorageNotice};
use crate::i18n::{tr, Language, T};
#[cfg(feature = "desk")]
use crate::operator::{
    AccountsPage, ChartsPage, DeadlinesPage, DetailPage, GuidancePacksPage, IdentifierPageView, InboxPage,
    LookupPage,
};
use crate::pages::{
    CapturePage, GuidanceCasePage, GuidancePage, GuidancePlatformPage, Home, LockScreen, LoginPage, NotFound,
    SettingsPage,
};
use crate::router::{self, Link, Route};
use crate::store::Store;
use crate::{guidance, lifecycle, lock, pwa, session, settings, sync};

/// The IndexedDB database of the app. Tests use databases of their own.
pub const DB_NAME: &str = "spoc-field";

/// The open store, shared by every page. `LocalStorage`: IndexedDB handles live on the main thread.
pub type StoreCtx = StoredValue<Store, LocalStorage>;

pub fn use_store() -> Store {
    expect_context::<StoreCtx>().get_value()
}

#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(settings::stored_lang());
    provide_context(Language(lang));
    Effect::new(move |_| {
        let lang = lang.get();
        settings::store_lang(lang);
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", if lang == crate::i18n::Lang::En { "en" } else { "da" });
        }
    });

    // Asked of the desk in the background; nothing below waits for it.
    provide_context(session::start());
    let route = router::start();
    let update_ready = RwSignal::new(false);
    pwa::register(update_ready);
    // Before anything is captured: evicted storage would take queued evidence with it.
    leptos::task::spawn_local(async {
        crate::storage_health::request_persistence().await;
    });

    let store = LocalResource::new(|| Store::open(DB_NAME));

    view! {
            <header class="topbar">
                <Link href="/" class="brand">"SPOC Field"</Link>
                <LanguageToggle/>
            </header>
            <UpdateBanner ready=update_ready/>
            <StorageWarning/>
            <WindowStorageNotice/>
            {move || match store.get() {
                None => view! { <p class="loading" role="status">"…"</p> }.into_any(),
                Some(Err(e)) => view! { <StorageUnavailable message=e.to_string()/> }.into_any(),
                Some(Ok(store)) => {
                    provide_context(StoredValue::new_local(store.clone()));
                    let lock = lock::start(store.clone());
                    provide_context(lock);
                    provide_context(guidance::start(store.clone()));
                    let sync = sync::start(store.clone());
                    provide_context(sync);
                    // Back from the cache or a freeze: what waited is sent now, not at the next timer.
                    provide_context(lifecycle::start(store, lock, move || sync.kick()));
                    view! { <Routed route=route/> }.into_any()
                }
            }}
    }
}

#[component]
fn Routed(route: RwSignal<Route>) -> impl IntoView {
    let unlocked = lock::use_lock().unlocked;
    view! {
        // The outbox is the officer's: the desk's pages have no word of it.
        <Show when=move || !route.with(Route::is_desk)>
            <SyncIndicator/>
        </Show>
        <main id="main" class:desk=move || route.with(Route::is_desk)>
            {move || match route.get() {
                // Drafts and what was just sent are captured content: behind the lock.
                Route::Home | Route::Capture(_) if !unlocked.get() => view! { <LockScreen/> }.into_any(),
                Route::Home => view! { <Home/> }.into_any(),
                Route::Capture(id) => view! { <CapturePage id=id/> }.into_any(),
                Route::Settings => view! { <SettingsPage/> }.into_any(),
                Route::Guidance => view! { <GuidancePage/> }.into_any(),
                Route::GuidanceCase(case_type) => view! { <GuidanceCasePage case_type=case_type/> }.into_any(),
                Route::GuidancePlatform(platform) => {
                    view! { <GuidancePlatformPage platform=platform/> }.into_any()
                }
                Route::Login => view! { <LoginPage/> }.into_any(),
                #[cfg(feature = "desk")]
                Route::DeskLogin => view! { <LoginPage desk=true/> }.into_any(),
                #[cfg(feature = "desk")]
                Route::DeskInbox => view! { <InboxPage/> }.into_any(),
                #[cfg(feature = "desk")]
                Route::DeskCapture(id) => view! { <DetailPage id=id/> }.into_any(),
                #[cfg(feature = "desk")]
                Route::DeskLookup => view! { <LookupPage/> }.into_any(),
                #[cfg(feature = "desk")]
                Route::DeskDeadlines => view! { <DeadlinesPage/> }.into_any(),
                #[cfg(feature = "desk")]
                Route::DeskAccounts => view! { <AccountsPage/> }.into_any(),
                #[cfg(feature = "desk")]
                Route::DeskGuidance => view! { <GuidancePacksPage/> }.into_any(),
                #[cfg(feature = "desk")]
                Route::DeskIdentifier(key) => view! { <IdentifierPageView encoded=key/> }.into_any(),
                #[cfg(feature = "desk")]
                Route::DeskCharts => view! { <ChartsPage/> }.into_any(),
                // The field bundle has no desk views: load the desk's own page for this address.
                #[cfg(not(feature = "desk"))]
                Route::DeskLogin
                | Route::DeskInbox
                | Route::DeskCapture(_)
                | Route::DeskLookup
                | Route::DeskDeadlines
                | Route::DeskAccounts
                | Route::DeskGuidance
                | Route::DeskIdentifier(_) => {
                    router::load_desk_bundle();
                    view! { <p class="loading" role="status">"…"</p> }.into_any()
                }
                Route::NotFound => view! { <NotFound/> }.into_any(),
            }}
        </main>
        // The desk has its own navigation at the top of each of its pages.
        <Show when=move || !route.with(Route::is_desk)>
            <nav class="bottombar" aria-label="Navigation">
                // While the lock screen stands in for home, home is not what is shown: not marked current.
                <Show when=move || unlocked.get() fallback=|| view! { <a href="/">{tr(T::Home)}</a> }>
                    <Link href="/">{tr(T::Home)}</Link>
                </Show>
                <Link href="/guidance">{tr(T::Guidance)}</Link>
                <Link href="/settings">{tr(T::Settings)}</Link>
            </nav>
        </Show>
    }
}

/// IndexedDB refused to open (private window, blocked storage): say so rather than lose a capture.
#[component]
fn StorageUnavailable(message: String) -> impl IntoView {
    view! {
        <main id="main">
            <section class="card error" role="alert">
                <h1>"Lageret på enheden kan ikke åbnes / Device storage cannot be opened"</h1>
                <p>{message}</p>
            </section>
        </main>
    }
}
