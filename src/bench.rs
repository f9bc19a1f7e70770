//! Benchmark hook, compiled only with `--features bench` (never in the shipped bundle): queues
//! captures through the same path as the submit button — encrypted draft → spoc-core validation and
//! hash → sealing to the SPOC's key → one strict IndexedDB transaction — and times each submit.

use js_sys::Array;
use spoc_core::api::Submission;
use spoc_core::CaseType;
use wasm_bindgen::prelude::*;

use crate::settings::{Settings, SETTINGS_KEY};
use crate::{app, clock, draft::Draft, store::Store};

/// Queues `n` captures; resolves with each submit's duration in milliseconds.
#[wasm_bindgen]
pub async fn spoc_bench_queue(n: u32) -> Result<Array, JsValue> {
    let fail = |e: &dyn std::fmt::Display| JsValue::from_str(&e.to_string());
    let window = web_sys::window().ok_or("no window")?;
    let performance = window.performance().ok_or("no performance")?;
    let crypto = window.crypto()?;
    let store = Store::open(app::DB_NAME).await.map_err(|e| fail(&e))?;
    let settings: Settings = store
        .get_setting(SETTINGS_KEY)
        .await
        .map_err(|e| fail(&e))?
        .unwrap_or_default();
    // The bench's own profile: its passphrase is set the first time and used after.
    const PASSPHRASE: &str = "bench passphrase, not secret";
    if store.vault_record().await.map_err(|e| fail(&e))?.is_some() {
        store.unlock(PASSPHRASE).await.map_err(|e| fail(&e))?;
    } else {
        store.set_passphrase(PASSPHRASE).await.map_err(|e| fail(&e))?;
    }
    let timings = Array::new();
    for i in 0..n {
        let mut draft = Draft::new(crypto.random_uuid(), clock::now(), clock::now_ms());
        draft.case_type = Some(CaseType::Sextortion);
        draft.journal_number = format!("BENCH-{i:05}");
        draft.identifiers[0].raw = format!("https://www.tiktok.com/@bench_user_{i}?lang=da");
        store.put_draft(&draft.id, &draft).await.map_err(|e| fail(&e))?;

        let start = performance.now();
        let capture = draft.to_capture(&settings.officer, None).map_err(|e| fail(&e))?;
        let submission = Submission::new(capture).map_err(|e| fail(&e))?;
        crate::submit::submit(&store, &draft.id, submission)
            .await
            .map_err(|e| fail(&e))?;
        timings.push(&(performance.now() - start).into());
    }
    Ok(timings)
}
