//! The browser events that should wake the outbox: back online, and the app brought to the front
//! (a phone unlocked, the tab switched back to) – the moments a connection is most likely to be back.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{EventTarget, VisibilityState};

use super::wakeup::{Trigger, Wakeup};

/// One registered listener: where, for which event, and the closure (kept alive while registered).
type Listener = (EventTarget, &'static str, Closure<dyn FnMut()>);

/// The listeners, removed when dropped (when the loop ends).
pub struct BrowserTriggers {
    listeners: Vec<Listener>,
}

impl BrowserTriggers {
    /// `on_hint` hears every change of `navigator.onLine`, for the status line.
    pub fn install(wakeup: &Wakeup, on_hint: impl Fn(bool) + Clone + 'static) -> BrowserTriggers {
        let mut listeners = Vec::new();
        let Some(window) = web_sys::window() else {
            return BrowserTriggers { listeners };
        };
        let document = window.document();

        let mut listen = |target: EventTarget, event: &'static str, f: Box<dyn FnMut()>| {
            let closure = Closure::<dyn FnMut()>::wrap(f);
            if target
                .add_event_listener_with_callback(event, closure.as_ref().unchecked_ref())
                .is_ok()
            {
                listeners.push((target, event, closure));
            }
        };
        {
            let wakeup = wakeup.clone();
            let on_hint = on_hint.clone();
            listen(
                window.clone().into(),
                "online",
                Box::new(move || {
                    on_hint(true);
                    wakeup.wake(Trigger::Online);
                }),
            );
        }
        // Offline is only shown: nothing to try, and the backoff timer keeps running regardless.
        listen(window.clone().into(), "offline", Box::new(move || on_hint(false)));
        if let Some(document) = document {
            let wakeup = wakeup.clone();
            let doc = document.clone();
            listen(
                document.into(),
                "visibilitychange",
                Box::new(move || {
                    if doc.visibility_state() == VisibilityState::Visible {
                        wakeup.wake(Trigger::Visible);
                    }
                }),
            );
        }
        BrowserTriggers { listeners }
    }
}

impl Drop for BrowserTriggers {
    fn drop(&mut self) {
        for (target, event, closure) in &self.listeners {
            let _ = target.remove_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        }
    }
}

/// `navigator.onLine`: `false` is fairly reliable (no network at all); `true` promises nothing.
pub fn online_hint() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}
