//! How safe the device's storage is: whether the browser has promised to keep it (persistent storage),
//! how full it is, and whether this is an iPhone or iPad tab that Safari may wipe.
//!
//! A browser may evict the data of a site that is not "persisted" when the device runs low on space,
//! and Safari deletes the storage of sites not added to the home screen after 7 days without a visit:
//! either would lose queued evidence. So the app asks for persistence at start, shows the state and
//! the space used on the settings page, warns on every page once 80 % of the quota is used, and tells
//! iOS users to install the app.

use js_sys::{Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Warn from this share of the quota on.
pub const WARN_PERCENT: u64 = 80;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StorageHealth {
    pub persisted: bool,
    pub usage_bytes: u64,
    pub quota_bytes: u64,
}

impl StorageHealth {
    /// Whole percent used, rounded up (a device at 79.5 % is treated as at 80 %).
    pub fn percent_used(&self) -> u64 {
        if self.quota_bytes == 0 {
            return 100;
        }
        (self.usage_bytes.saturating_mul(100)).div_ceil(self.quota_bytes)
    }

    pub fn nearly_full(&self) -> bool {
        self.percent_used() >= WARN_PERCENT
    }
}

fn storage_manager() -> Option<JsValue> {
    let navigator = web_sys::window()?.navigator();
    let storage = Reflect::get(&navigator, &"storage".into()).ok()?;
    (!storage.is_undefined()).then_some(storage)
}

async fn call(manager: &JsValue, method: &str) -> Option<JsValue> {
    let function: js_sys::Function = Reflect::get(manager, &method.into()).ok()?.dyn_into().ok()?;
    let promise: Promise = function.call0(manager).ok()?.dyn_into().ok()?;
    JsFuture::from(promise).await.ok()
}

/// Asks the browser to keep this site's data even when space runs low. Chromium decides by itself
/// (an installed app is granted); Firefox asks the user once. `true` if granted.
pub async fn request_persistence() -> bool {
    let Some(manager) = storage_manager() else {
        return false;
    };
    if call(&manager, "persisted").await.and_then(|v| v.as_bool()) == Some(true) {
        return true;
    }
    call(&manager, "persist")
        .await
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// The state now; `None` where the browser has no Storage API.
pub async fn health() -> Option<StorageHealth> {
    let manager = storage_manager()?;
    let persisted = call(&manager, "persisted")
        .await
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    let estimate = call(&manager, "estimate").await?;
    let number = |key: &str| Reflect::get(&estimate, &key.into()).ok().and_then(|v| v.as_f64());
    Some(StorageHealth {
        persisted,
        usage_bytes: number("usage").unwrap_or(0.0) as u64,
        quota_bytes: number("quota")? as u64,
    })
}

/// How long this window keeps what is saved in it, as far as the browser lets the app know.
///
/// Browsers do not say "this is a private window". One sign is certain: Safari and Firefox refuse
/// the origin-private file system (`storage.getDirectory()`) in private windows and only there
/// (checked in Firefox ESR; the detectIncognito project relies on it for Safari). Only that sign may
/// stop a capture. Chromium gives none: its incognito quota is usually below twice the JS heap limit,
/// but a normal profile on a small or full disk looks the same, and some machines give incognito the
/// normal quota — so that sign only ever warns, and never blocks an officer at a scene.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WindowStorage {
    /// Certain: the browser refused the file system as it does only in a private window.
    pub private: bool,
    /// Uncertain: the quota looks like a private window's. A warning; capturing stays possible.
    pub maybe_private: bool,
    /// `storage.persisted()`; `None` where the browser has no Storage API.
    pub persisted: Option<bool>,
}

impl WindowStorage {
    /// Read from what the browser answered.
    pub fn judge(
        directory_refused: bool,
        quota_bytes: Option<u64>,
        heap_limit_bytes: Option<u64>,
        persisted: Option<bool>,
    ) -> WindowStorage {
        let maybe_private = matches!((quota_bytes, heap_limit_bytes),
            (Some(quota), Some(heap)) if heap > 0 && quota < heap.saturating_mul(2));
        WindowStorage {
            private: directory_refused,
            maybe_private: !directory_refused && maybe_private,
            persisted,
        }
    }

    /// Whether the officer should be told that what is saved here may not last.
    pub fn may_vanish(&self) -> bool {
        !self.private && (self.maybe_private || self.persisted == Some(false))
    }
}

thread_local! {
    /// A window does not change kind while the page lives: asked once, for the banner and every
    /// capture started after it.
    static WINDOW_STORAGE: std::cell::Cell<Option<WindowStorage>> = const { std::cell::Cell::new(None) };
}

/// [`WindowStorage`] for this window.
pub async fn this_window() -> WindowStorage {
    if let Some(known) = WINDOW_STORAGE.get() {
        return known;
    }
    let judged = match test_verdict() {
        Some(verdict) => verdict,
        None => probe_window().await,
    };
    WINDOW_STORAGE.set(Some(judged));
    judged
}

/// Whether captures must be refused here: only where the sign is certain.
pub async fn this_is_private_window() -> bool {
    this_window().await.private
}

async fn probe_window() -> WindowStorage {
    let Some(manager) = storage_manager() else {
        // No Storage API (WebKitGTK ships it off; old browsers): nothing is known either way.
        return WindowStorage::default();
    };
    let directory_refused = match Reflect::get(&manager, &"getDirectory".into()) {
        Ok(function) if function.is_function() => call(&manager, "getDirectory").await.is_none(),
        _ => false, // an older browser without it says nothing either way
    };
    let quota = match call(&manager, "estimate").await {
        Some(estimate) => Reflect::get(&estimate, &"quota".into())
            .ok()
            .and_then(|v| v.as_f64()),
        None => None,
    };
    // Chromium only (`performance.memory` is non-standard).
    let heap_limit = web_sys::window()
        .and_then(|w| w.performance())
        .and_then(|p| Reflect::get(&p, &"memory".into()).ok())
        .filter(|memory| !memory.is_undefined())
        .and_then(|memory| Reflect::get(&memory, &"jsHeapSizeLimit".into()).ok())
        .and_then(|v| v.as_f64());
    let persisted = call(&manager, "persisted").await.and_then(|v| v.as_bool());
    WindowStorage::judge(
        directory_refused,
        quota.map(|q| q as u64),
        heap_limit.map(|h| h as u64),
        persisted,
    )
}

/// Tests give the window a verdict instead of depending on the machine's quota, memory or disk:
/// `globalThis.__spocWindowStorage = { private, maybePrivate, persisted }` set before the app starts
/// (Playwright's `addInitScript`). Only script already running in the app's own origin can set it,
/// and all it can do is make the app more cautious.
fn test_verdict() -> Option<WindowStorage> {
    let hook = Reflect::get(&js_sys::global(), &"__spocWindowStorage".into()).ok()?;
    if !hook.is_object() {
        return None;
    }
    let flag = |key: &str| Reflect::get(&hook, &key.into()).ok().and_then(|v| v.as_bool());
    Some(WindowStorage {
        private: flag("private").unwrap_or(false),
        maybe_private: flag("maybePrivate").unwrap_or(false),
        persisted: flag("persisted"),
    })
}

/// An iPhone or iPad browsing the app in a Safari tab (not from the home screen). iPadOS reports
/// itself as a Mac, so a Mac with a touch screen counts too.
pub fn is_ios_tab(user_agent: &str, platform: &str, max_touch_points: i32, standalone: bool) -> bool {
    let ios = ["iPhone", "iPad", "iPod"].iter().any(|d| user_agent.contains(d))
        || (platform == "MacIntel" && max_touch_points > 1);
    ios && !standalone
}

/// [`is_ios_tab`] for this browser.
pub fn this_is_ios_tab() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    let standalone = window
        .match_media("(display-mode: standalone)")
        .ok()
        .flatten()
        .is_some_and(|query| query.matches())
        || Reflect::get(&navigator, &"standalone".into())
            .ok()
            .and_then(|v| v.as_bool())
            == Some(true);
    is_ios_tab(
        &navigator.user_agent().unwrap_or_default(),
        &navigator.platform().unwrap_or_default(),
        navigator.max_touch_points(),
        standalone,
    )
}

/// Bytes as whole megabytes (no float formatting: it costs the bundle kilobytes).
pub fn megabytes(bytes: u64) -> u64 {
    bytes.div_ceil(1_000_000)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn warns_from_eighty_percent() {
        let at = |usage_bytes, quota_bytes| StorageHealth {
            persisted: false,
            usage_bytes,
            quota_bytes,
        };
        assert!(!at(79, 100).nearly_full());
        assert!(at(80, 100).nearly_full());
        assert!(at(7_950, 10_000).nearly_full(), "79.5 % rounds up");
        assert!(at(1, 0).nearly_full(), "no quota at all is full");
        assert_eq!(at(0, 4_294_967_296).percent_used(), 0);
    }

    #[wasm_bindgen_test]
    fn ios_tabs() {
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15";
        assert!(is_ios_tab(iphone, "iPhone", 5, false));
        assert!(
            !is_ios_tab(iphone, "iPhone", 5, true),
            "installed to the home screen"
        );
        let ipad = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15";
        assert!(is_ios_tab(ipad, "MacIntel", 5, false));
        assert!(!is_ios_tab(ipad, "MacIntel", 0, false), "a Mac");
        assert!(!is_ios_tab(
            "Mozilla/5.0 (Linux; Android 14)",
            "Linux armv8l",
            5,
            false
        ));
    }

    #[wasm_bindgen_test]
    fn only_a_certain_sign_refuses() {
        const GIB: u64 = 1 << 30;
        let chromium_incognito = WindowStorage::judge(false, Some(5 * GIB), Some(4 * GIB), Some(false));
        assert!(!chromium_incognito.private, "a quota heuristic never refuses");
        assert!(chromium_incognito.maybe_private && chromium_incognito.may_vanish());
        let small_disk = WindowStorage::judge(false, Some(GIB), Some(4 * GIB), Some(true));
        assert!(!small_disk.private, "a phone low on space can still capture");
        assert!(small_disk.may_vanish(), "but is told the data may vanish");
        let normal = WindowStorage::judge(false, Some(10 * GIB), Some(4 * GIB), Some(true));
        assert_eq!(
            normal,
            WindowStorage {
                private: false,
                maybe_private: false,
                persisted: Some(true)
            }
        );
        assert!(!normal.may_vanish());
        let not_persisted = WindowStorage::judge(false, Some(10 * GIB), Some(4 * GIB), Some(false));
        assert!(not_persisted.may_vanish(), "not persisted is said");
        let firefox_private = WindowStorage::judge(true, Some(10 * GIB), None, Some(false));
        assert!(
            firefox_private.private,
            "Safari or Firefox refusing the file system"
        );
        assert!(!firefox_private.may_vanish(), "refused, not merely warned");
        assert!(
            !WindowStorage::judge(false, Some(GIB), None, None).maybe_private,
            "no heap figure: no guess"
        );
        assert!(
            !WindowStorage::judge(false, None, None, None).may_vanish(),
            "no Storage API: nothing said"
        );
    }

    #[wasm_bindgen_test]
    async fn this_browser_reports_its_storage() {
        // WebKitGTK ships without the Storage API; the app must cope, and says it does not know.
        match storage_manager() {
            Some(_) => assert!(health().await.expect("an estimate").quota_bytes > 0),
            None => assert_eq!(health().await, None),
        }
        assert!(!this_is_ios_tab());
    }

    #[wasm_bindgen_test]
    async fn a_normal_window_is_never_refused() {
        // The test browser's window is a normal one, in every engine: the certain sign says no.
        let window = probe_window().await;
        assert!(!window.private, "{window:?}");
    }
}
