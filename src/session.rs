//! Who is signed in to the desk, as far as the app knows. The session itself is an HttpOnly cookie the
//! app never sees; this only mirrors `GET /api/v1/session`. Nothing in the field app waits for it: a
//! capture is made and queued the same signed in, signed out or offline.

use leptos::prelude::*;
use leptos::task::spawn_local;
use spoc_core::desk::{LoginRequest, Me, PasswordChange};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::api::{call, json_body, CallError};

pub const SESSION_PATH: &str = "/api/v1/session";
const PASSWORD_PATH: &str = "/api/v1/session/password";

#[derive(Clone, Copy)]
pub struct Session {
    /// The account signed in; `None` when signed out or not (yet) known.
    pub me: RwSignal<Option<Me>>,
    /// Whether `me` is the desk's word or still a guess.
    pub check: RwSignal<Check>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// The first question is on its way.
    Asking,
    /// The desk answered: `me` is the truth.
    Answered,
    /// No answer (offline, or a desk error): asked again when the device comes online.
    Unreachable,
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// Asks the desk now, and again when the device comes online while the answer is still unknown.
pub fn start() -> Session {
    let session = Session {
        me: RwSignal::new(None),
        check: RwSignal::new(Check::Asking),
    };
    spawn_local(refresh(session));
    let on_online = Closure::<dyn FnMut()>::new(move || {
        if session.check.get_untracked() != Check::Answered {
            spawn_local(refresh(session));
        }
    });
    if let Some(window) = web_sys::window() {
        let _ = window.add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
    }
    on_online.forget(); // lives as long as the page
    session
}

async fn refresh(session: Session) {
    match call::<Me>("GET", SESSION_PATH, None).await {
        Ok(me) => session.signed_in(me),
        Err(CallError::Refused { status: 401, .. }) => session.signed_out(),
        Err(_) => session.check.set(Check::Unreachable),
    }
}

impl Session {
    pub fn signed_in(self, me: Me) {
        crate::device::signed_in();
        // A new sign-in on a withdrawn device starts it afresh; the notice has been seen.
        if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
            let _ = storage.remove_item(crate::sync::revocation::WITHDRAWN_KEY);
        }
        self.me.set(Some(me));
        self.check.set(Check::Answered);
    }

    pub fn signed_out(self) {
        self.me.set(None);
        self.check.set(Check::Answered);
    }

    /// Tells the session about a failed desk call: a 401 means the cookie is gone or expired (except
    /// for a wrong current password when changing it, which is also a 401).
    pub fn note(self, error: &CallError) {
        if error.status() == Some(401) && error.code() != "bad_credentials" {
            self.signed_out();
        }
    }
}

/// The account as people read it: its name, and its username where that says something more.
pub fn who(me: &Me) -> String {
    if me.display_name == me.username {
        me.username.clone()
    } else {
        format!("{} ({})", me.display_name, me.username)
    }
}

pub async fn sign_in(username: String, password: String) -> Result<Me, CallError> {
    call(
        "POST",
        SESSION_PATH,
        json_body(&LoginRequest { username, password }),
    )
    .await
}

pub async fn sign_out(session: Session) -> Result<(), CallError> {
    match call::<()>("DELETE", SESSION_PATH, None).await {
        Ok(()) => session.signed_out(),
        Err(e) => {
            session.note(&e); // a 401: already signed out, which is what was asked
            return if e.status() == Some(401) { Ok(()) } else { Err(e) };
        }
    }
    Ok(())
}

pub async fn change_password(current_password: String, new_password: String) -> Result<(), CallError> {
    let change = PasswordChange {
        current_password,
        new_password,
    };
    call("PUT", PASSWORD_PATH, json_body(&change)).await
}
