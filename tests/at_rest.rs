//! What sits on the device, read past the app in a real browser: drafts only encrypted, submitted
//! captures only sealed, and the data key only in memory while unlocked.
#![cfg(target_arch = "wasm32")]

mod support;

use serde_json::{json, Value};
use spoc_field::crypto::vault::{UnlockError, ITERATIONS};
use spoc_field::store::{Store, StoreError};
use support::{db_name, open_store, other_storage_dump, raw_dump, seal_key, submission, PASSPHRASE};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const CANARY: &str = "CANARY-7f3a9c-offender_handle";

#[wasm_bindgen_test]
async fn no_captured_text_is_stored_in_plaintext() {
    let name = db_name("canary");
    let store = open_store(&name).await;
    store.put_seal_key(&seal_key().await).await.unwrap();

    // One capture sent, carrying the canary in every free-text place…
    let mut sent = submission().capture;
    sent.notes = format!("Noter {CANARY}");
    sent.items[0].what = format!("https://www.tiktok.com/@{CANARY}");
    let sent = spoc_core::api::Submission::new(sent).unwrap();
    let draft_of_sent = json!({ "id": sent.capture.id, "notes": sent.capture.notes });
    store.put_draft(&sent.capture.id, &draft_of_sent).await.unwrap();
    spoc_field::submit::submit(&store, &sent.capture.id, sent.clone())
        .await
        .unwrap();
    // …and one draft still being written.
    store
        .put_draft("draft-1", &json!({ "id": "draft-1", "notes": CANARY }))
        .await
        .unwrap();
    store.close();

    let on_disk = raw_dump(&name).await;
    // The reader does see the stores: the stub's journal number and the sealed envelope are there.
    assert!(on_disk.contains(&sent.capture.journal_number), "{on_disk}");
    assert!(on_disk.contains("\"ciphertext\""), "{on_disk}");
    assert!(!on_disk.contains(CANARY), "plaintext in IndexedDB:\n{on_disk}");
    assert!(!on_disk.contains("Noter"), "plaintext in IndexedDB:\n{on_disk}");
    let elsewhere = other_storage_dump().await;
    assert!(
        !elsewhere.contains(CANARY),
        "plaintext in localStorage or Cache Storage:\n{elsewhere}"
    );

    // The draft still opens with the passphrase: encrypted, not lost.
    let store = open_store(&name).await;
    let draft: Value = store.get_draft("draft-1").await.unwrap().unwrap();
    assert_eq!(draft["notes"], CANARY);
}

#[wasm_bindgen_test]
async fn locking_drops_the_key_and_only_the_passphrase_brings_it_back() {
    let name = db_name("lock");
    let store = open_store(&name).await;
    store.put_draft("d", &json!({ "notes": "x" })).await.unwrap();

    store.lock();
    assert!(!store.is_unlocked());
    assert_eq!(store.get_draft::<Value>("d").await, Err(StoreError::Locked));
    assert_eq!(store.put_draft("d", &json!({})).await, Err(StoreError::Locked));
    assert_eq!(store.list_drafts::<Value>().await, Err(StoreError::Locked));
    assert_eq!(store.count_drafts().await, Ok(1));

    assert_eq!(
        store.unlock("not the passphrase").await,
        Err(UnlockError::WrongPassphrase)
    );
    assert!(!store.is_unlocked());
    store.unlock(PASSPHRASE).await.unwrap();
    assert_eq!(
        store.get_draft::<Value>("d").await.unwrap(),
        Some(json!({ "notes": "x" }))
    );

    // A new connection starts locked.
    let reopened = Store::open(&name).await.unwrap();
    assert_eq!(reopened.get_draft::<Value>("d").await, Err(StoreError::Locked));
}

#[wasm_bindgen_test]
async fn each_device_has_its_own_salt_and_the_iterations_are_at_least_600k() {
    let (a, b) = (
        open_store(&db_name("salt-a")).await,
        open_store(&db_name("salt-b")).await,
    );
    let (a, b) = (
        a.vault_record().await.unwrap().unwrap(),
        b.vault_record().await.unwrap().unwrap(),
    );
    assert!(a.iterations >= 600_000 && ITERATIONS >= 600_000);
    assert_ne!(a.salt, b.salt);
    assert_ne!(a.wrapped_key, b.wrapped_key);
}

#[wasm_bindgen_test]
async fn a_draft_record_moved_under_another_id_does_not_open() {
    let name = db_name("moved");
    let store = open_store(&name).await;
    store.put_draft("a", &json!({ "notes": "a" })).await.unwrap();
    store.close();
    let record = raw_dump(&name)
        .await
        .lines()
        .find_map(|line| line.strip_prefix("drafts: ").map(String::from))
        .unwrap();
    support::raw_put(&name, "drafts", "b", &record).await;
    let store = open_store(&name).await;
    assert!(matches!(
        store.get_draft::<Value>("b").await,
        Err(StoreError::Corrupt(_))
    ));
    // Even with the id inside changed to match, AES-GCM's check (the id is authenticated) refuses it.
    let forged = record.replace("\"id\":\"a\"", "\"id\":\"b\"");
    support::raw_put(&name, "drafts", "b", &forged).await;
    assert!(matches!(
        store.get_draft::<Value>("b").await,
        Err(StoreError::Crypto(_))
    ));
}

#[wasm_bindgen_test]
async fn a_new_passphrase_deletes_the_drafts_and_keeps_what_was_sent() {
    let name = db_name("reset");
    let store = open_store(&name).await;
    let s = submission();
    support::submit(&store, &s.capture.id, &s).await.unwrap();
    store.put_draft("d", &json!({})).await.unwrap();

    store.set_passphrase("a different passphrase").await.unwrap();
    assert_eq!(store.count_drafts().await, Ok(0));
    assert!(store.get_capture(&s.capture.id).await.unwrap().is_some());
    assert_eq!(store.summary().await.unwrap().waiting, 1);
}

#[wasm_bindgen_test]
async fn without_the_spocs_key_nothing_is_sent_and_the_draft_is_kept() {
    // The test server has no desk: the key cannot be fetched either.
    let store = open_store(&db_name("no-key")).await;
    let s = submission();
    store
        .put_draft(&s.capture.id, &json!({ "notes": "kept" }))
        .await
        .unwrap();
    assert_eq!(
        spoc_field::submit::submit(&store, &s.capture.id, s.clone()).await,
        Err(spoc_field::submit::SubmitError::NoSealKey)
    );
    assert_eq!(store.get_capture(&s.capture.id).await.unwrap(), None);
    assert_eq!(store.summary().await.unwrap().waiting, 0);
    assert_eq!(
        store.get_draft::<Value>(&s.capture.id).await.unwrap(),
        Some(json!({ "notes": "kept" }))
    );
}
