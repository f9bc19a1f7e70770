//! The guidance pack on this device. The build ships the pack as a static file that the service
//! worker precaches, so guidance opens offline from the first visit; when the SPOC is reachable the
//! app asks for a newer one (`If-None-Match`) and keeps it in IndexedDB as the last good copy. A pack
//! replaces the one held only if it passes spoc-core's checks and is not older, so a bad or stale
//! answer can never take the guidance away from an officer, or change a draft's checklist under it.
//! The SPOC publishes new packs on the desk at any time, so the app also asks whenever it is shown
//! again (an unchanged pack costs a `304`).

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};
use spoc_core::guidance::GuidancePack;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::api::{self, GUIDANCE_PATH};
use crate::store::Store;

/// The copy the build ships; the service worker has it cached with the rest of the shell.
const SHIPPED_PATH: &str = "/guidance-pack.json";
const STORED_KEY: &str = "guidance.pack";
/// The version the officer last had in front of them on the guidance page (localStorage: a number,
/// nothing captured).
const SEEN_KEY: &str = "spoc-field.guidance-seen";

pub type Pack = Arc<GuidancePack>;

/// The pack in use; `None` only until the first copy is read.
#[derive(Clone, Copy)]
pub struct Guidance(pub RwSignal<Option<Pack>>);

pub fn use_guidance() -> RwSignal<Option<Pack>> {
    expect_context::<Guidance>().0
}

/// What is kept in IndexedDB: the text as served (re-checked on every read) and its ETag.
#[derive(Serialize, Deserialize)]
struct StoredPack {
    etag: String,
    json: String,
}

/// Loads the best copy at hand, then refreshes it from the desk now, whenever the device comes back
/// online and whenever the app is shown again.
pub fn start(store: Store) -> Guidance {
    let pack = RwSignal::new(None::<Pack>);
    {
        let store = store.clone();
        spawn_local(async move {
            // The newer of the two: an app update may ship a newer pack than the desk last served.
            let stored = load_stored(&store).await;
            let etag = stored.as_ref().map(|(etag, _)| etag.clone());
            let shipped = load_shipped().await;
            let newest = [stored.map(|(_, held)| held), shipped]
                .into_iter()
                .flatten()
                .max_by_key(|p| p.version);
            pack.set(newest);
            refresh(&store, pack, etag).await;
        });
    }
    let ask_again = Closure::<dyn FnMut()>::new(move || {
        let visible = web_sys::window()
            .and_then(|w| w.document())
            .is_none_or(|d| d.visibility_state() == web_sys::VisibilityState::Visible);
        if !visible {
            return;
        }
        let store = store.clone();
        spawn_local(async move {
            let etag = stored_etag(&store).await;
            refresh(&store, pack, etag).await;
        });
    });
    if let Some(window) = web_sys::window() {
        let callback = ask_again.as_ref().unchecked_ref();
        let _ = window.add_event_listener_with_callback("online", callback);
        if let Some(document) = window.document() {
            let _ = document.add_event_listener_with_callback("visibilitychange", callback);
        }
    }
    ask_again.forget(); // lives as long as the page
    Guidance(pack)
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The version shown the last time the guidance page was open; `None` on the first visit.
pub fn last_seen_version() -> Option<u32> {
    local_storage()?.get_item(SEEN_KEY).ok().flatten()?.parse().ok()
}

/// Remembers that the officer has had `version` in front of them.
pub fn mark_seen(version: u32) {
    if let Some(storage) = local_storage() {
        // Forgetting it only means the next visit does not announce a newer pack.
        let _ = storage.set_item(SEEN_KEY, &version.to_string());
    }
}

async fn load_stored(store: &Store) -> Option<(String, Pack)> {
    let stored: StoredPack = store.get_setting(STORED_KEY).await.ok().flatten()?;
    let pack = GuidancePack::from_json(&stored.json).ok()?;
    Some((stored.etag, Arc::new(pack)))
}

async fn stored_etag(store: &Store) -> Option<String> {
    let stored: StoredPack = store.get_setting(STORED_KEY).await.ok().flatten()?;
    Some(stored.etag)
}

async fn load_shipped() -> Option<Pack> {
    let reply = api::get(SHIPPED_PATH, None).await.ok()?;
    if reply.status != 200 {
        return None;
    }
    GuidancePack::from_json(&reply.body).ok().map(Arc::new)
}

/// Asks the desk for its pack. No answer, `304`, a refused pack or an older one: keep what is held.
async fn refresh(store: &Store, pack: RwSignal<Option<Pack>>, etag: Option<String>) {
    let Ok(reply) = api::get(GUIDANCE_PATH, etag.as_deref()).await else {
        return;
    };
    if reply.status != 200 {
        return;
    }
    let Ok(fresh) = GuidancePack::from_json(&reply.body) else {
        leptos::logging::warn!("the SPOC served a guidance pack that fails its checks; keeping ours");
        return;
    };
    let held = pack.get_untracked().map_or(0, |p| p.version);
    if fresh.version < held {
        return;
    }
    let stored = StoredPack {
        etag: reply.etag.unwrap_or_default(),
        json: reply.body,
    };
    // A failed write only means the desk is asked again next time.
    let _ = store.put_setting(STORED_KEY, &stored).await;
    if fresh.version > held {
        pack.set(Some(Arc::new(fresh)));
    }
}
