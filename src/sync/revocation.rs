//! After each round of delivery the device asks the desk whether it was revoked. If so it wipes its
//! local data: at once when the SPOC said to discard the queue, otherwise once the queue is empty —
//! nothing still waiting is lost to a revocation the SPOC did not mean to cost evidence.

use spoc_core::device::DeviceStatus;
use wasm_bindgen_futures::JsFuture;

use crate::api;
use crate::device::DEVICES_PATH;
use crate::store::Store;

/// Set in localStorage after a wipe, so the app can say why it is empty.
pub const WITHDRAWN_KEY: &str = "spoc.withdrawn";

/// Asks, and wipes if told to. `true` if the device was wiped.
pub async fn check(store: &Store, waiting: usize) -> bool {
    let Ok(Some(record)) = store.device_record().await else {
        return false;
    };
    let Some(id) = js_sys::Reflect::get(&record, &"id".into())
        .ok()
        .and_then(|v| v.as_string())
    else {
        return false;
    };
    let Ok(reply) = api::get(&format!("{DEVICES_PATH}/{id}"), None).await else {
        return false;
    };
    if reply.status != 200 {
        return false;
    }
    let Ok(status) = spoc_core::json::from_str::<DeviceStatus>(&reply.body) else {
        return false;
    };
    if !status.revoked || (!status.discard_queue && waiting > 0) {
        return false;
    }
    wipe(store).await;
    true
}

/// Everything the app keeps on the device: IndexedDB's stores, localStorage, Cache Storage; then the
/// desk session is ended and the app starts afresh, saying it was withdrawn.
pub async fn wipe(store: &Store) {
    if let Err(e) = store.wipe().await {
        leptos::logging::warn!("wipe: {e}");
    }
    let Some(window) = web_sys::window() else { return };
    if let Ok(Some(storage)) = window.local_storage() {
        let _ = storage.clear();
        let _ = storage.set_item(WITHDRAWN_KEY, "1");
    }
    if let Ok(caches) = window.caches() {
        if let Ok(keys) = JsFuture::from(caches.keys()).await {
            for name in js_sys::Array::from(&keys).iter().filter_map(|k| k.as_string()) {
                let _ = JsFuture::from(caches.delete(&name)).await;
            }
        }
    }
    let _ = api::request("DELETE", "/api/v1/session", None).await;
    let _ = window.location().replace("/");
}

/// Whether this device was wiped by a revocation (shown once on the home page).
pub fn was_withdrawn() -> bool {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(WITHDRAWN_KEY).ok().flatten())
        .is_some()
}
