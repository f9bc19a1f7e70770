//! The store's IndexedDB layer, on indexed_db_futures: one transaction per store operation, rolled
//! back unless it commits, its commit awaited to the `complete` event; records kept as JSON text.
//!
//! The rule the crate cannot enforce for us (its issue #33, and IndexedDB's own auto-commit): inside a
//! transaction, await nothing but that transaction's requests. The browser commits a transaction as
//! soon as a task ends with no request pending, so an awaited `fetch`, timer or WebCrypto call in the
//! middle would commit the writes made so far and fail the rest. Encrypting a draft, sealing a capture
//! and sending it all happen before a transaction opens or after it has completed. (The crate's futures
//! resume inside the request's event, which holds only on wasm-bindgen's single-threaded executor: the
//! app is built without `atomics`.)

use indexed_db_futures::database::Database;
use indexed_db_futures::error::{Error, UnexpectedDataError};
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{
    Transaction, TransactionDurability, TransactionMode, TransactionOptions,
};
use std::future::Future;
use std::pin::Pin;

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

use super::StoreError;

/// How hard the browser must try before it reports a transaction complete.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Durability {
    /// Complete only once the data is flushed to the storage medium. For evidence being sealed.
    Strict,
    /// The browser's default (relaxed in current Chromium): fine for what can be rewritten or resent.
    Default,
}

/// Opens one transaction on `stores`. The store runs its work in it and then [`settle`]s it: commits,
/// or aborts if the work failed half-way. Kept apart from the work, which differs per operation, so
/// that this machinery is in the bundle once.
pub(crate) fn begin<'db>(
    db: &'db Database,
    stores: &[&str],
    mode: TransactionMode,
    durability: Durability,
) -> Result<Transaction<'db>, StoreError> {
    let mut options = TransactionOptions::new();
    if durability == Durability::Strict {
        options.set_durability(TransactionDurability::Strict);
    }
    Ok(db
        .transaction(stores)
        .with_mode(mode)
        .with_options(options)
        .build()?)
}

/// Ends the transaction and waits for it: `commit` – returning only at `complete`, when the change is
/// on disk (with [`Durability::Strict`], flushed) – or, when the work failed half-way (a request
/// error, a record that does not decode), abort, rolling back what it wrote: a half-applied change is
/// exactly what must not happen. Boxed and shared by every operation (see `Store::transact`).
#[inline(never)]
pub(crate) fn settle(
    tx: Transaction<'_>,
    commit: bool,
) -> Pin<Box<dyn Future<Output = Result<(), StoreError>> + '_>> {
    Box::pin(async move {
        if !commit {
            // Fails only if the transaction already ended, which the failed request may have done.
            let _ = tx.abort().await;
            return Ok(());
        }
        // Kept to read why the browser aborted it: the crate reports only that it did.
        let handle = raw(&tx);
        tx.commit().await.map_err(|e| {
            handle
                .error()
                .map_or_else(|| e.into(), |e| StoreError::from_dom(&e))
        })
    })
}

/// The browser's own handle of the transaction.
pub(crate) fn raw(tx: &Transaction<'_>) -> web_sys::IdbTransaction {
    tx.as_sys().clone().into()
}

impl From<Error> for StoreError {
    fn from(e: Error) -> Self {
        match e {
            Error::DomException(e) => StoreError::from_dom(&e.into()),
            Error::Serialisation(_) => StoreError::Corrupt("record is not JSON text".into()),
            Error::MissingData(UnexpectedDataError::TransactionAborted) => StoreError::Aborted,
            Error::MissingData(_) | Error::Unknown(_) => StoreError::Dom {
                name: "Error".into(),
                message: "IndexedDB answered unexpectedly".into(),
            },
        }
    }
}

pub(crate) fn store<'t>(tx: &'t Transaction<'_>, name: &str) -> Result<ObjectStore<'t>, StoreError> {
    Ok(tx.object_store(name)?)
}

/// Records are kept as JSON text rather than structured-cloned objects: one serde path (serde_json,
/// already in the app) instead of a second one (serde-wasm-bindgen), and what is read back is exactly
/// what was written. Every database the app ever made holds them so.
pub(crate) fn to_text<T: Serialize + ?Sized>(value: &T) -> Result<String, StoreError> {
    Ok(serde_json::to_string(value)?)
}

/// A record read as text, decoded outside the transaction that read it.
pub(crate) fn decode<T: DeserializeOwned>(text: Option<String>) -> Result<Option<T>, StoreError> {
    Ok(text.map(|text| spoc_core::json::from_str(&text)).transpose()?)
}

/// Records read as text, decoded, passing over (and logging) any this build cannot read: one
/// unreadable record must not hide all the others. Nothing is deleted; a later build may read it.
pub(crate) fn decode_all<T: DeserializeOwned>(texts: Vec<String>, what: &str) -> Vec<T> {
    texts
        .iter()
        .filter_map(|text| match spoc_core::json::from_str(text) {
            Ok(record) => Some(record),
            Err(_) => {
                leptos::logging::warn!("skipping an unreadable {what} record");
                None
            }
        })
        .collect()
}

pub(crate) async fn get_text(store: &ObjectStore<'_>, key: &str) -> Result<Option<String>, StoreError> {
    Ok(store.get::<String, _, _>(key).primitive()?.await?)
}

pub(crate) async fn put_text(store: &ObjectStore<'_>, key: &str, text: &str) -> Result<(), StoreError> {
    put_value(store, key, &JsValue::from_str(text)).await
}

/// Every record of a store as text, in key order; a value that is not text (no build ever wrote
/// one) counts as unreadable and is passed over by [`decode_all`].
pub(crate) async fn get_all_text(store: &ObjectStore<'_>) -> Result<Vec<String>, StoreError> {
    let all = store.get_all::<JsValue>().primitive()?.await?;
    Ok(all
        .map(|value| value.ok().and_then(|v| v.as_string()).unwrap_or_default())
        .collect())
}

pub(crate) async fn get<T: DeserializeOwned>(
    store: &ObjectStore<'_>,
    key: &str,
) -> Result<Option<T>, StoreError> {
    decode(get_text(store, key).await?)
}

pub(crate) async fn put<T: Serialize + ?Sized>(
    store: &ObjectStore<'_>,
    key: &str,
    value: &T,
) -> Result<(), StoreError> {
    put_text(store, key, &to_text(value)?).await
}

/// Like [`put`], but fails with `ConstraintError` (and so aborts the transaction) if the key exists.
pub(crate) async fn add<T: Serialize + ?Sized>(
    store: &ObjectStore<'_>,
    key: &str,
    value: &T,
) -> Result<(), StoreError> {
    let text = to_text(value)?;
    Ok(store
        .add(text)
        .with_key(key)
        .without_key_type()
        .primitive()?
        .await?)
}

/// A value that is not JSON text: the device record, which holds a `CryptoKey` by structured clone.
pub(crate) async fn put_value(store: &ObjectStore<'_>, key: &str, value: &JsValue) -> Result<(), StoreError> {
    Ok(store
        .put(value)
        .with_key(key)
        .without_key_type()
        .primitive()?
        .await?)
}

pub(crate) async fn get_value(store: &ObjectStore<'_>, key: &str) -> Result<Option<JsValue>, StoreError> {
    Ok(store.get::<JsValue, _, _>(key).primitive()?.await?)
}

pub(crate) async fn delete(store: &ObjectStore<'_>, key: &str) -> Result<(), StoreError> {
    Ok(store.delete(key).primitive()?.await?)
}

/// Removes every record of a store.
pub(crate) async fn clear(store: &ObjectStore<'_>) -> Result<(), StoreError> {
    Ok(store.clear()?.await?)
}

pub(crate) async fn count(store: &ObjectStore<'_>) -> Result<u32, StoreError> {
    Ok(store.count().primitive()?.await?)
}

/// Every record of a store in key order, decoded (see [`decode_all`]).
pub(crate) async fn get_all<T: DeserializeOwned>(
    store: &ObjectStore<'_>,
    what: &str,
) -> Result<Vec<T>, StoreError> {
    Ok(decode_all(get_all_text(store).await?, what))
}
