//! The store across a page freeze (back/forward cache, a frozen tab): a suspension aborts what is
//! running, refuses new work at once instead of letting it wait, and a resume opens the database again
//! with everything committed before still there. The freeze itself is a WebDriver journey
//! (`tests/webdriver/`); this is the store's side of it, in every engine.
#![cfg(target_arch = "wasm32")]

mod support;

use std::cell::RefCell;
use std::rc::Rc;

use spoc_field::store::{Store, StoreError};
use support::db_name;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A microtask later: a task spawned before has started its transaction and sent its request, which
/// cannot have been answered yet (IndexedDB answers in a task of its own).
async fn next_microtask() {
    wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL))
        .await
        .unwrap();
}

#[wasm_bindgen_test]
async fn a_suspension_aborts_running_work_refuses_new_work_and_a_resume_reopens() {
    let store = Store::open(&db_name("suspend")).await.unwrap();
    store.put_setting("kept", &1).await.unwrap();

    // A write still running when the page is frozen.
    let outcome = Rc::new(RefCell::new(None));
    {
        let (store, outcome) = (store.clone(), outcome.clone());
        wasm_bindgen_futures::spawn_local(async move {
            *outcome.borrow_mut() = Some(store.put_setting("in-flight", &2).await);
        });
    }
    next_microtask().await;
    store.suspend();
    assert!(store.is_suspended());
    for _ in 0..100 {
        if outcome.borrow().is_some() {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(20).await;
    }
    let written = outcome
        .borrow_mut()
        .take()
        .expect("the aborted write answered within 2 s");
    assert!(
        written.is_err(),
        "a write running at the freeze is aborted, not left open"
    );

    // While suspended nothing waits: an operation fails at once.
    match store.get_setting::<i32>("kept").await {
        Err(StoreError::Unavailable(_)) => {}
        other => panic!("expected Unavailable while suspended, got {other:?}"),
    }

    store.resume().await.unwrap();
    assert!(!store.is_suspended());
    store.resume().await.unwrap(); // a second resume (pageshow after resume) changes nothing
    assert_eq!(store.get_setting::<i32>("kept").await.unwrap(), Some(1));
    assert_eq!(
        store.get_setting::<i32>("in-flight").await.unwrap(),
        None,
        "nothing half-written"
    );
    // And a read-write works again on the reopened connection.
    store.put_setting("after", &3).await.unwrap();
    assert_eq!(store.get_setting::<i32>("after").await.unwrap(), Some(3));
    store.close();
}

/// What the store relies on to forget finished transactions (`connection.rs`): a finished one refuses
/// `objectStore()`. Checked in every engine the tests run in.
#[wasm_bindgen_test]
async fn a_finished_transaction_refuses_object_store() {
    use wasm_bindgen::JsCast;
    let name = db_name("finished");
    Store::open(&name).await.unwrap().close();
    let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
    let open = factory.open(&name).unwrap();
    let opened = js_sys::Promise::new(&mut |resolve, reject| {
        open.set_onsuccess(Some(&resolve));
        open.set_onerror(Some(&reject));
    });
    wasm_bindgen_futures::JsFuture::from(opened).await.unwrap();
    let db: web_sys::IdbDatabase = open.result().unwrap().unchecked_into();
    let tx = db.transaction_with_str("settings").unwrap();
    assert!(
        tx.object_store("settings").is_ok(),
        "a running transaction gives its store"
    );
    let done = js_sys::Promise::new(&mut |resolve, _| tx.set_oncomplete(Some(&resolve)));
    wasm_bindgen_futures::JsFuture::from(done).await.unwrap();
    assert!(
        tx.object_store("settings").is_err(),
        "a finished transaction refuses objectStore()"
    );
    db.close();
}
