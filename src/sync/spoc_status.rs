//! What the SPOC did with the captures this device sent: asked after every sync round (so at start,
//! when the app is shown again, when back online, and when a sent capture is opened), for the
//! delivered captures the SPOC has not finished with, and kept with each capture so that offline it
//! reads as last seen. Quiet on failure: the last seen status stays, nothing else is disturbed.

use spoc_core::api::{StatusRequest, StatusResponse, MAX_STATUS_IDS};

use crate::api::{self, STATUS_PATH};
use crate::store::Store;

/// Asks the desk and stores what it answered; whether anything was stored.
pub async fn refresh(store: &Store) -> bool {
    let Ok(captures) = store.list_captures().await else {
        return false;
    };
    let ids: Vec<String> = captures
        .iter()
        .filter(|c| c.follows_spoc())
        .map(|c| c.id().to_string())
        .collect();
    let mut stored = false;
    for ids in ids.chunks(MAX_STATUS_IDS) {
        let body = serde_json::to_string(&StatusRequest { ids: ids.to_vec() }).unwrap_or_default();
        // Any failure (offline, signed out, a desk that does not know the endpoint yet) ends the
        // round: what was last seen stays.
        let Ok(reply) = api::post_json(STATUS_PATH, &body).await else {
            break;
        };
        let Some(answer) = (reply.status == 200)
            .then(|| spoc_core::json::from_str::<StatusResponse>(&reply.body).ok())
            .flatten()
        else {
            break;
        };
        match store.record_statuses(&answer.statuses, js_sys::Date::now()).await {
            Ok(()) => stored = true,
            Err(e) => leptos::logging::warn!("spoc status: {e}"),
        }
    }
    stored
}
