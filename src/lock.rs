//! When the app locks: after a configurable time without use (default 5 minutes), at once when it is
//! hidden (another app, the home screen, the screen switched off, another site in the tab: see
//! `lifecycle.rs`), and when the officer taps "Lock".
//! Locking drops the drafts' data key and the plaintext of the capture just sent from memory; the
//! pages that show captured content are replaced by the lock screen, so the app switcher's snapshot
//! shows nothing either.
//!
//! Delivery does not need the key: sealed captures keep syncing while the app is locked.

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::store::Store;

pub const DEFAULT_IDLE_MINUTES: u32 = 5;
/// How often the idle time is checked.
const TICK_MS: i32 = 10_000;

#[derive(Clone, Copy)]
pub struct Lock {
    pub unlocked: RwSignal<bool>,
    pub idle_minutes: RwSignal<u32>,
    store: StoredValue<Store, LocalStorage>,
}

impl Lock {
    /// Drops the key from memory only: safe while the page is being hidden or frozen, when no
    /// IndexedDB work may start.
    pub fn lock(&self) {
        self.store.with_value(Store::lock);
        crate::submit::forget();
        self.unlocked.set(false);
    }

    /// Called once the store holds the data key: the pages behind the lock show again.
    pub fn show_unlocked(&self) {
        self.unlocked.set(self.store.with_value(Store::is_unlocked));
    }
}

pub fn use_lock() -> Lock {
    expect_context::<Lock>()
}

/// Installs the idle timer for the app's lifetime (locking on hide is `lifecycle.rs`'s). The idle time
/// is the default until the officer's setting has been read.
pub fn start(store: Store) -> Lock {
    let lock = Lock {
        unlocked: RwSignal::new(store.is_unlocked()),
        idle_minutes: RwSignal::new(DEFAULT_IDLE_MINUTES),
        store: StoredValue::new_local(store.clone()),
    };
    leptos::task::spawn_local(async move {
        if let Ok(Some(settings)) = store
            .get_setting::<crate::settings::Settings>(crate::settings::SETTINGS_KEY)
            .await
        {
            lock.idle_minutes.set(settings.lock_after());
        }
    });
    let Some(window) = web_sys::window() else {
        return lock;
    };
    let last_use = Rc::new(Cell::new(js_sys::Date::now()));

    let on_use = {
        let last_use = last_use.clone();
        Closure::<dyn Fn()>::new(move || last_use.set(js_sys::Date::now()))
    };
    for event in ["pointerdown", "keydown", "input", "scroll"] {
        let _ =
            window.add_event_listener_with_callback_and_bool(event, on_use.as_ref().unchecked_ref(), true);
    }
    on_use.forget(); // for the app's lifetime

    let tick = Closure::<dyn Fn()>::new(move || {
        let idle_ms = f64::from(lock.idle_minutes.get_untracked().max(1)) * 60_000.0;
        if lock.unlocked.get_untracked() && js_sys::Date::now() - last_use.get() >= idle_ms {
            lock.lock();
        }
    });
    let _ =
        window.set_interval_with_callback_and_timeout_and_arguments_0(tick.as_ref().unchecked_ref(), TICK_MS);
    tick.forget();
    lock
}
