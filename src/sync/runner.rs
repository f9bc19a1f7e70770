//! The one sync loop per database, and what it tells the UI.

use std::cell::{Cell, RefCell};

use gloo_timers::callback::Timeout;
use leptos::prelude::*;

use super::backoff::{Backoff, Queued, BACKOFF_CAP_MS};
use super::browser_triggers::{online_hint, BrowserTriggers};
use super::drain::{Drain, Stop};
use super::signer::DeviceSigner;
use super::transport::{HttpTransport, Transport};
use super::wakeup::{Trigger, Wakeup};
use crate::store::{priority, Due, RefusedCapture, Store};
use spoc_core::UrgencyLevel;

/// The shortest timer the loop sets. Full jitter may pick a wait near zero; a floor keeps a stuck
/// entry from turning into a busy loop.
const MIN_TIMER_MS: f64 = 1_000.0;

/// What the sync indicator shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SyncStatus {
    /// Captures still to be delivered.
    pub waiting: usize,
    /// Unix ms of the SPOC's last answer that settled a capture.
    pub last_success_ms: Option<f64>,
    /// Refused or conflicting captures, for a person to look at.
    pub refused: Vec<RefusedCapture>,
    /// `navigator.onLine`, a hint only.
    pub online_hint: bool,
    /// The SPOC answered 401/403: the queue waits for a new sign-in.
    pub needs_sign_in: bool,
    /// A request is in flight.
    pub syncing: bool,
    /// Why the waiting captures did not go on the last try; `None` when nothing failed.
    pub problem: Option<Problem>,
    /// Unix ms of the first failed try since the SPOC last answered (this session of the app).
    pub failing_since_ms: Option<f64>,
    /// Unix ms of the next try the loop has set, while captures wait.
    pub next_try_ms: Option<f64>,
    /// Counts the times the SPOC's statuses of sent captures were stored: pages showing them re-read
    /// when it changes.
    pub spoc_statuses: u32,
}

/// Why captures wait, in the officer's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// The browser says there is no network at all.
    Offline,
    /// The network is there but the SPOC did not answer, or answered "not now".
    Unreachable,
    /// The SPOC answered 401/403: sign in again.
    SignIn,
}

/// What the loop knows about its failures, for [`SyncStatus`].
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Trouble {
    problem: Option<Problem>,
    since_ms: Option<f64>,
    next_try_ms: Option<f64>,
}

impl Trouble {
    fn failed(&mut self, problem: Problem) {
        self.problem = Some(problem);
        self.since_ms.get_or_insert_with(js_sys::Date::now);
    }

    fn cleared(&mut self) {
        self.problem = None;
        self.since_ms = None;
    }
}

/// Put in context by the shell. `Copy`: both fields are arena handles.
#[derive(Clone, Copy)]
pub struct SyncHandle {
    pub status: ReadSignal<SyncStatus>,
    wakeup: StoredValue<Wakeup, LocalStorage>,
}

impl SyncHandle {
    /// Try now: after a submit. Cheap and safe to call any time.
    pub fn kick(&self) {
        self.wakeup.try_with_value(|w| w.wake(Trigger::Kick));
    }

    /// A person asked to try now: every waiting capture is tried at once, whatever the backoff or
    /// the browser's network hint say.
    pub fn try_now(&self) {
        self.wakeup.try_with_value(|w| w.wake(Trigger::Asked));
    }
}

/// Starts the loop for `store`, talking to the desk on the app's own origin, signing every submission
/// with this device's key, and asking after each round whether the device was revoked.
pub fn start(store: Store) -> SyncHandle {
    start_loop(store, HttpTransport::same_origin(), true)
}

/// Starts the loop with any transport (tests answer in the desk's place). Must be called with a
/// reactive owner (the status signal belongs to it); the loop ends when that owner is disposed, or
/// when a newer loop for the same database starts.
pub fn start_with<T: Transport + 'static>(store: Store, transport: T) -> SyncHandle {
    start_loop(store, transport, false)
}

fn start_loop<T: Transport + 'static>(store: Store, transport: T, check_device: bool) -> SyncHandle {
    let (status, set_status) = signal(SyncStatus {
        online_hint: online_hint(),
        ..SyncStatus::default()
    });
    let wakeup = Wakeup::default();
    let generation = claim(&store.name());
    wakeup.wake(Trigger::Start);
    wasm_bindgen_futures::spawn_local(run(
        store,
        transport,
        wakeup.clone(),
        status,
        set_status,
        generation,
        check_device,
    ));
    SyncHandle {
        status,
        wakeup: StoredValue::new_local(wakeup),
    }
}

async fn run<T: Transport>(
    store: Store,
    transport: T,
    wakeup: Wakeup,
    status: ReadSignal<SyncStatus>,
    set_status: WriteSignal<SyncStatus>,
    generation: u64,
    check_device: bool,
) {
    let _triggers = BrowserTriggers::install(&wakeup, move |online| {
        set_status.try_update(|s| s.online_hint = online);
    });
    let mut backoff = Backoff::default();
    let mut timer: Option<Timeout> = None;
    let mut needs_sign_in = false;
    let mut trouble = Trouble::default();
    // The app's own loop signs with this device's key and minds revocation; test loops do neither.
    let signer = check_device.then(|| DeviceSigner::new(store.clone()));
    let live = || !set_status.is_disposed() && is_current(&store.name(), generation);

    publish(&store, status, set_status, needs_sign_in, false, trouble).await;
    loop {
        let woken = wakeup.next().await;
        let due = woken.due;
        if !live() {
            break;
        }
        // Whatever woke the loop, the pending timer is now moot; a new one is set after the round.
        if let Some(pending) = timer.take() {
            pending.cancel();
        }

        let wait_ms = if due == Due::All && !woken.asked && !online_hint() {
            // The browser is sure there is no network: do not try now, but let the timer try anyway,
            // in case the hint is wrong (it sometimes is, behind some VPNs and captive networks).
            trouble.failed(Problem::Offline);
            Some(backoff.fail(js_sys::Math::random(), None, queued(&store).await))
        } else {
            let waiting = status.with_untracked(|s| s.waiting);
            set_status.try_update(|s| s.syncing = waiting > 0);
            let mut drain = Drain::new(&store, &transport, due).signed_by(signer.as_ref());
            let stop = loop {
                match drain.step(&mut backoff).await {
                    Ok(None) => publish(&store, status, set_status, needs_sign_in, true, trouble).await,
                    Ok(Some(stop)) => break Ok(stop),
                    Err(e) => break Err(e),
                }
                if !live() {
                    return;
                }
            };
            if drain.answered {
                needs_sign_in = false;
                trouble.cleared();
            }
            match stop {
                Ok(Stop::Drained) => {
                    trouble.cleared();
                    next_due_in(&store).await
                }
                Ok(Stop::NeedsSignIn) => {
                    needs_sign_in = true;
                    trouble.failed(Problem::SignIn);
                    Some(BACKOFF_CAP_MS)
                }
                Ok(Stop::Backoff { retry_in_ms }) => {
                    trouble.failed(if online_hint() {
                        Problem::Unreachable
                    } else {
                        Problem::Offline
                    });
                    Some(retry_in_ms)
                }
                Err(e) => {
                    // The store failed (full disk, a broken database): nothing was lost, try later.
                    leptos::logging::warn!("outbox: {e}");
                    Some(backoff.fail(js_sys::Math::random(), None, queued(&store).await))
                }
            }
        };
        let wait_ms = wait_ms.map(|ms| ms.max(MIN_TIMER_MS));
        trouble.next_try_ms = wait_ms.map(|ms| js_sys::Date::now() + ms);
        publish(&store, status, set_status, needs_sign_in, false, trouble).await;
        if check_device {
            super::seal_key::refresh(&store).await;
        }
        if check_device && !needs_sign_in && super::spoc_status::refresh(&store).await {
            set_status.try_update(|s| s.spoc_statuses += 1);
        }
        if check_device && !needs_sign_in {
            let waiting = status.with_untracked(|s| s.waiting);
            if super::revocation::check(&store, waiting).await {
                break;
            }
        }

        timer = wait_ms.map(|ms| {
            let wakeup = wakeup.clone();
            Timeout::new(ms as u32, move || wakeup.wake(Trigger::Timer))
        });
    }
    drop(timer);
}

/// How long until the earliest waiting entry is due, if any waits.
async fn next_due_in(store: &Store) -> Option<f64> {
    let next = store.summary().await.ok()?.next_due_ms?;
    Some((next - js_sys::Date::now()).max(0.0))
}

/// What waits, for the backoff's ceiling (read only when no request said it).
async fn queued(store: &Store) -> Queued {
    let Ok(outbox) = store.list_outbox().await else {
        return Queued::Captures;
    };
    let mut waiting = outbox.iter().filter(|e| !e.held).peekable();
    if waiting.peek().is_none() {
        Queued::Nothing
    } else if waiting.any(|e| e.priority == priority(UrgencyLevel::Critical)) {
        Queued::Urgent
    } else {
        Queued::Captures
    }
}

/// Reads the outbox and updates the status, notifying the UI only when something changed.
async fn publish(
    store: &Store,
    status: ReadSignal<SyncStatus>,
    set_status: WriteSignal<SyncStatus>,
    needs_sign_in: bool,
    syncing: bool,
    trouble: Trouble,
) {
    let summary = match store.summary().await {
        Ok(summary) => summary,
        Err(e) => {
            leptos::logging::warn!("outbox summary: {e}");
            return;
        }
    };
    let next = SyncStatus {
        waiting: summary.waiting,
        last_success_ms: summary.last_success_ms,
        refused: summary.refused,
        online_hint: online_hint(),
        needs_sign_in,
        syncing: syncing && summary.waiting > 0,
        problem: trouble.problem.filter(|_| summary.waiting > 0),
        failing_since_ms: trouble.since_ms.filter(|_| summary.waiting > 0),
        next_try_ms: trouble.next_try_ms.filter(|_| summary.waiting > 0),
        spoc_statuses: status.try_with_untracked(|s| s.spoc_statuses).unwrap_or_default(),
    };
    if status.try_with_untracked(|current| current != &next) == Some(true) {
        set_status.try_set(next);
    }
}

thread_local! {
    static NEXT_GENERATION: Cell<u64> = const { Cell::new(0) };
    /// The live loop per database name: starting a loop retires any older one for the same database.
    static LOOPS: RefCell<Vec<(String, u64)>> = const { RefCell::new(Vec::new()) };
}

fn claim(db_name: &str) -> u64 {
    let generation = NEXT_GENERATION.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    LOOPS.with(|loops| {
        let mut loops = loops.borrow_mut();
        loops.retain(|(name, _)| name != db_name);
        loops.push((db_name.to_string(), generation));
    });
    generation
}

fn is_current(db_name: &str, generation: u64) -> bool {
    LOOPS.with(|loops| {
        loops
            .borrow()
            .iter()
            .any(|(name, g)| name == db_name && *g == generation)
    })
}
