//! The few IndexedDB primitives the store needs, straight on web-sys: awaiting a request, awaiting a
//! transaction's end, and records kept as JSON text.
//!
//! The request and transaction events are wired to the resolve/reject functions of a JS `Promise`
//! directly, so no Rust closure is created (or leaked) per request.

use js_sys::{Array, Promise};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbObjectStore, IdbRequest, IdbTransaction};

use super::StoreError;

/// The result of a request, once its `success` event has fired.
pub(crate) async fn request(req: IdbRequest) -> Result<JsValue, StoreError> {
    let settled = Promise::new(&mut |resolve, reject| {
        req.set_onsuccess(Some(&resolve));
        req.set_onerror(Some(&reject));
    });
    let outcome = JsFuture::from(settled).await;
    req.set_onsuccess(None);
    req.set_onerror(None);
    match outcome {
        Ok(_) => req.result().map_err(StoreError::from_js),
        Err(_) => Err(match req.error() {
            Ok(Some(e)) => StoreError::from_dom(&e),
            _ => StoreError::Aborted,
        }),
    }
}

/// Resolves on the transaction's `complete` event: only then is the change on disk (with durability
/// "strict", flushed). An `abort` – an explicit one, or one caused by a failed request such as a quota
/// error – rejects with the transaction's error.
///
/// Call it right after creating the transaction and before the first `await`, so the handlers are in
/// place whatever happens next; await the returned future last.
pub(crate) fn finished(tx: &IdbTransaction) -> impl std::future::Future<Output = Result<(), StoreError>> {
    let settled = Promise::new(&mut |resolve, reject| {
        tx.set_oncomplete(Some(&resolve));
        tx.set_onabort(Some(&reject));
    });
    let tx = tx.clone();
    async move {
        match JsFuture::from(settled).await {
            Ok(_) => Ok(()),
            Err(_) => Err(tx
                .error()
                .map(|e| StoreError::from_dom(&e))
                .unwrap_or(StoreError::Aborted)),
        }
    }
}

/// Runs `work` inside `tx` and waits for the transaction to end. If `work` fails half-way – a request
/// error, or a record that does not decode – the transaction is aborted explicitly: IndexedDB would
/// otherwise commit the writes already made, and a half-applied change is exactly what must not happen.
pub(crate) async fn run<R>(
    tx: &IdbTransaction,
    work: impl std::future::Future<Output = Result<R, StoreError>>,
) -> Result<R, StoreError> {
    let done = finished(tx);
    match work.await {
        Ok(value) => done.await.map(|()| value),
        Err(e) => {
            // Throws only if the transaction already ended, which the failed request may have done.
            let _ = tx.abort();
            let _ = done.await;
            Err(e)
        }
    }
}

pub(crate) fn store(tx: &IdbTransaction, name: &str) -> Result<IdbObjectStore, StoreError> {
    tx.object_store(name).map_err(StoreError::from_js)
}

/// Records are kept as JSON text rather than structured-cloned objects: one serde path (serde_json,
/// already in the app) instead of a second one, and what is read back is exactly what was written.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, StoreError> {
    Ok(JsValue::from_str(&serde_json::to_string(value)?))
}

pub(crate) fn from_js<T: DeserializeOwned>(value: &JsValue) -> Result<T, StoreError> {
    let text = value
        .as_string()
        .ok_or_else(|| StoreError::Corrupt("record is not JSON text".into()))?;
    Ok(serde_json::from_str(&text)?)
}

/// `None` for a missing key (IndexedDB answers `undefined`).
pub(crate) fn from_js_opt<T: DeserializeOwned>(value: &JsValue) -> Result<Option<T>, StoreError> {
    if value.is_undefined() {
        Ok(None)
    } else {
        from_js(value).map(Some)
    }
}

pub(crate) async fn put<T: Serialize + ?Sized>(
    store: &IdbObjectStore,
    key: &str,
    value: &T,
) -> Result<(), StoreError> {
    let req = store
        .put_with_key(&to_js(value)?, &JsValue::from_str(key))
        .map_err(StoreError::from_js)?;
    request(req).await.map(drop)
}

pub(crate) async fn get<T: DeserializeOwned>(
    store: &IdbObjectStore,
    key: &str,
) -> Result<Option<T>, StoreError> {
    let req = store.get(&JsValue::from_str(key)).map_err(StoreError::from_js)?;
    from_js_opt(&request(req).await?)
}

pub(crate) async fn delete(store: &IdbObjectStore, key: &str) -> Result<(), StoreError> {
    let req = store
        .delete(&JsValue::from_str(key))
        .map_err(StoreError::from_js)?;
    request(req).await.map(drop)
}

/// Removes every record of a store.
pub(crate) async fn clear(store: &IdbObjectStore) -> Result<(), StoreError> {
    let req = store.clear().map_err(StoreError::from_js)?;
    request(req).await.map(drop)
}

/// Every record of a store, in key order, as raw JSON values still to be decoded.
pub(crate) async fn get_all(store: &IdbObjectStore) -> Result<Array, StoreError> {
    let req = store.get_all().map_err(StoreError::from_js)?;
    request(req).await.map(|all| all.unchecked_into())
}

/// How hard the browser must try before it reports a transaction complete.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Durability {
    /// Complete only once the data is flushed to the storage medium. For evidence being sealed.
    Strict,
    /// The browser's default (relaxed in current Chromium): fine for what can be rewritten or resent.
    Default,
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `IDBDatabase` seen through the `transaction(names, mode, {durability})` overload, which web-sys
    /// gates behind `web_sys_unstable_apis`; declared here so the build needs no unstable cfg.
    /// Browsers that do not know `durability` ignore the member, which is the right fallback.
    #[wasm_bindgen(extends = js_sys::Object, js_name = IDBDatabase)]
    type DatabaseWithOptions;

    #[wasm_bindgen(method, catch, js_name = transaction)]
    fn transaction_with_options(
        this: &DatabaseWithOptions,
        store_names: &Array,
        mode: &str,
        options: &js_sys::Object,
    ) -> Result<IdbTransaction, JsValue>;
}

pub(crate) fn transaction(
    db: &web_sys::IdbDatabase,
    store_names: &[&str],
    writable: bool,
    durability: Durability,
) -> Result<IdbTransaction, StoreError> {
    let names: Array = store_names.iter().map(|n| JsValue::from_str(n)).collect();
    let options = js_sys::Object::new();
    if durability == Durability::Strict {
        js_sys::Reflect::set(&options, &"durability".into(), &"strict".into())
            .map_err(StoreError::from_js)?;
    }
    let mode = if writable { "readwrite" } else { "readonly" };
    db.unchecked_ref::<DatabaseWithOptions>()
        .transaction_with_options(&names, mode, &options)
        .map_err(StoreError::from_js)
}

/// Like [`put`], but fails with `ConstraintError` (and so aborts the transaction) if the key exists.
pub(crate) async fn add<T: Serialize + ?Sized>(
    store: &IdbObjectStore,
    key: &str,
    value: &T,
) -> Result<(), StoreError> {
    let req = store
        .add_with_key(&to_js(value)?, &JsValue::from_str(key))
        .map_err(StoreError::from_js)?;
    request(req).await.map(drop)
}

/// Decodes every record of a `get_all`, passing over (and logging) any this build cannot read: one
/// unreadable record must not hide all the others. Nothing is deleted; a later build may read it.
pub(crate) fn decode_all<T: DeserializeOwned>(all: &Array, what: &str) -> Vec<T> {
    all.iter()
        .filter_map(|value| match from_js(&value) {
            Ok(record) => Some(record),
            Err(e) => {
                leptos::logging::warn!("skipping an unreadable {what} record: {e}");
                None
            }
        })
        .collect()
}
