//! The page's life as the browser sees it, handled deliberately: hidden, put in the back/forward
//! cache, frozen, shown again.
//!
//! - hidden (another app, the home screen, the screen off, another site in the tab): the app locks
//!   at once, and nothing starts IndexedDB work until the page is shown again;
//! - `pagehide` and `freeze` (the page is about to be cached or frozen): locked, and the store is
//!   suspended ([`Store::suspend`]): transactions under way are aborted, none starts, and the
//!   connection is let go. A page frozen with a transaction open made every write of the origin wait
//!   forever in WebKit, and an open connection in a cached page blocks another tab's upgrade;
//! - `pageshow` from the cache, `resume`, or shown while still suspended (a `pagehide` that no
//!   `pageshow` follows): the page is [`Lifecycle::active`] again (the lock screen reads the vault,
//!   which opens the database again) and the outbox is woken.
//!
//! Nothing here touches IndexedDB while the page is going away: locking only drops the key held in
//! memory.

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::VisibilityState;

use crate::lock::Lock;
use crate::store::Store;

/// Put in context by the shell.
#[derive(Clone, Copy)]
pub struct Lifecycle {
    /// The page is shown and its store connected: IndexedDB work may start.
    pub active: ReadSignal<bool>,
}

pub fn use_lifecycle() -> Lifecycle {
    expect_context::<Lifecycle>()
}

fn visible() -> bool {
    document().visibility_state() == VisibilityState::Visible
}

/// Installs the listeners for the app's lifetime. `on_resumed` runs when the page came back from the
/// cache or a freeze.
pub fn start(store: Store, lock: Lock, on_resumed: impl Fn() + 'static) -> Lifecycle {
    let (active, set_active) = signal(visible());
    let store = StoredValue::new_local(store);
    let on_resumed = StoredValue::new_local(on_resumed);
    // Between `pagehide`/`freeze` and the page's return: nothing may start IndexedDB work.
    let suspended = StoredValue::new_local(Rc::new(Cell::new(false)));
    let is_suspended = move || suspended.with_value(|s| s.get());

    let on_gone = move || {
        lock.lock();
        set_active.set(false);
        suspended.with_value(|s| s.set(true));
        store.with_value(Store::suspend);
    };
    // The next operation opens the database again (`store/connection.rs`).
    let on_back = move || {
        suspended.with_value(|s| s.set(false));
        store.with_value(Store::resume);
        set_active.set(visible());
        on_resumed.with_value(|f| f());
    };
    let on_visibility = move || {
        if !visible() {
            lock.lock();
            set_active.set(false);
        } else if is_suspended() {
            // Shown again after a `pagehide` with no `pageshow` to follow (or before it, as WebKit
            // orders them): active now rather than suspended for good.
            on_back();
        } else {
            set_active.set(true);
        }
    };

    let window = window();
    listen(document().unchecked_ref(), "visibilitychange", move |_| {
        on_visibility()
    });
    listen(document().unchecked_ref(), "freeze", move |_| on_gone());
    listen(document().unchecked_ref(), "resume", move |_| on_back());
    listen(window.unchecked_ref(), "pagehide", move |_| on_gone());
    listen(window.unchecked_ref(), "pageshow", move |event| {
        let persisted = js_sys::Reflect::get(&event, &"persisted".into()).is_ok_and(|p| p.is_truthy());
        if persisted {
            on_back();
        }
    });
    Lifecycle { active }
}

fn listen(target: &web_sys::EventTarget, event: &str, handler: impl Fn(web_sys::Event) + 'static) {
    let closure = Closure::<dyn Fn(web_sys::Event)>::new(handler);
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    closure.forget(); // for the app's lifetime
}
