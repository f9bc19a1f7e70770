//! Client-side routing for the app's few routes, on the History API.
//!
//! Written here rather than taken from leptos_router: with a handful of fixed routes and no nesting, the
//! crate's matching machinery cost about 10 KB of the brotli bundle (measured with twiggy), and the
//! bundle budget is tight. Links are real `<a href>` elements, so they work without script and open in
//! a new tab as expected.

use leptos::prelude::*;
use spoc_core::{CaseType, Platform};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Home,
    Capture(String),
    Settings,
    Guidance,
    GuidanceCase(CaseType),
    GuidancePlatform(Platform),
    Login,
    /// The SPOC desk's views: for signed-in spoc and admin accounts only; its own sign-in page.
    DeskLogin,
    DeskInbox,
    DeskCapture(String),
    DeskLookup,
    DeskDeadlines,
    DeskAccounts,
    DeskGuidance,
    /// An identifier's page; the link key as the path has it (percent-encoded).
    DeskIdentifier(String),
    /// The charts page. Only the desk bundle knows it: the field bundle has no link to it, and the
    /// desk answers the address with the desk bundle's page, so the officer's bundle stays as it was.
    #[cfg(feature = "desk")]
    DeskCharts,
    NotFound,
}

impl Route {
    pub fn parse(path: &str) -> Route {
        // The inbox keeps its filters in the query string; routes are the path alone.
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let path = path.trim_end_matches('/');
        match path {
            "" => Route::Home,
            "/settings" => Route::Settings,
            "/guidance" => Route::Guidance,
            "/login" => Route::Login,
            "/desk" => Route::DeskInbox,
            "/desk/login" => Route::DeskLogin,
            "/desk/lookup" => Route::DeskLookup,
            "/desk/deadlines" => Route::DeskDeadlines,
            "/desk/accounts" => Route::DeskAccounts,
            "/desk/guidance" => Route::DeskGuidance,
            #[cfg(feature = "desk")]
            "/desk/charts" => Route::DeskCharts,
            _ => {
                if let Some(id) = path.strip_prefix("/capture/") {
                    if !id.is_empty() && !id.contains('/') {
                        return Route::Capture(id.to_string());
                    }
                } else if let Some(id) = path.strip_prefix("/desk/capture/") {
                    if !id.is_empty() && !id.contains('/') {
                        return Route::DeskCapture(id.to_string());
                    }
                } else if let Some(key) = path.strip_prefix("/desk/identifier/") {
                    if !key.is_empty() && !key.contains('/') {
                        return Route::DeskIdentifier(key.to_string());
                    }
                } else if let Some(code) = path.strip_prefix("/guidance/case/") {
                    if let Some(case) = CaseType::from_code(code) {
                        return Route::GuidanceCase(case);
                    }
                } else if let Some(code) = path.strip_prefix("/guidance/platform/") {
                    if let Some(platform) = Platform::from_code(code) {
                        return Route::GuidancePlatform(platform);
                    }
                }
                Route::NotFound
            }
        }
    }

    /// Desk views have the desk's navigation instead of the field app's.
    pub fn is_desk(&self) -> bool {
        #[cfg(feature = "desk")]
        if *self == Route::DeskCharts {
            return true;
        }
        matches!(
            self,
            Route::DeskLogin
                | Route::DeskInbox
                | Route::DeskCapture(_)
                | Route::DeskLookup
                | Route::DeskDeadlines
                | Route::DeskAccounts
                | Route::DeskGuidance
                | Route::DeskIdentifier(_)
        )
    }
}

/// Reloads the current address from the desk, which answers a `/desk` address with the desk bundle's
/// page (the service worker lets such navigations through). Called by the field bundle only.
#[cfg(not(feature = "desk"))]
pub fn load_desk_bundle() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

thread_local! {
    /// The page's one route signal. A thread-local rather than context: `navigate` is also called
    /// from async tasks (after a draft is saved), where no reactive owner is at hand.
    static CURRENT: std::cell::Cell<Option<RwSignal<Route>>> = const { std::cell::Cell::new(None) };
}

fn current() -> Option<RwSignal<Route>> {
    CURRENT.with(|c| c.get())
}

/// Reads the route from the address bar and follows the browser's back and forward buttons.
pub fn start() -> RwSignal<Route> {
    let route = RwSignal::new(Route::parse(&current_path()));
    CURRENT.with(|c| c.set(Some(route)));
    let on_pop_state = Closure::<dyn FnMut()>::new(move || route.set(Route::parse(&current_path())));
    if let Some(window) = web_sys::window() {
        let _ = window.add_event_listener_with_callback("popstate", on_pop_state.as_ref().unchecked_ref());
    }
    on_pop_state.forget(); // lives as long as the page
    route
}

/// Goes to `path` as a new history entry.
pub fn navigate(path: &str) {
    let Some(window) = web_sys::window() else { return };
    if let Ok(history) = window.history() {
        let _ = history.push_state_with_url(&JsValue::NULL, "", Some(path));
    }
    window.scroll_to_with_x_and_y(0.0, 0.0);
    if let Some(route) = current() {
        route.set(Route::parse(path));
    }
}

fn current_path() -> String {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default()
}

/// An in-app link: a plain click navigates without reloading; a modified click (new tab, new window)
/// is left to the browser. Marks itself `aria-current="page"` when it points at the current route.
#[component]
pub fn Link(
    #[prop(into)] href: String,
    #[prop(optional, into)] class: Option<String>,
    children: Children,
) -> impl IntoView {
    let target = Route::parse(&href);
    let is_current = move || {
        current()
            .is_some_and(|r| r.with(|r| *r == target))
            .then_some("page")
    };
    let path = href.clone();
    let follow = move |ev: leptos::ev::MouseEvent| {
        if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
            return;
        }
        ev.prevent_default();
        navigate(&path);
    };
    view! { <a href=href class=class aria-current=is_current on:click=follow>{children()}</a> }
}

#[cfg(test)]
mod tests {
    use super::Route;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn parses_the_routes() {
        assert_eq!(Route::parse("/"), Route::Home);
        assert_eq!(Route::parse(""), Route::Home);
        assert_eq!(Route::parse("/settings/"), Route::Settings);
        assert_eq!(Route::parse("/capture/abc"), Route::Capture("abc".into()));
        assert_eq!(Route::parse("/capture/"), Route::NotFound);
        assert_eq!(Route::parse("/capture/a/b"), Route::NotFound);
        assert_eq!(Route::parse("/elsewhere"), Route::NotFound);
        assert_eq!(Route::parse("/guidance"), Route::Guidance);
        assert_eq!(
            Route::parse("/guidance/case/threat_to_life"),
            Route::GuidanceCase(spoc_core::CaseType::ThreatToLife)
        );
        assert_eq!(
            Route::parse("/guidance/platform/x"),
            Route::GuidancePlatform(spoc_core::Platform::X)
        );
        assert_eq!(Route::parse("/guidance/case/nonsense"), Route::NotFound);
        assert_eq!(Route::parse("/login"), Route::Login);
        assert_eq!(Route::parse("/desk"), Route::DeskInbox);
        assert_eq!(Route::parse("/desk/login"), Route::DeskLogin);
        assert_eq!(
            Route::parse("/desk/?status=received&platform=x"),
            Route::DeskInbox
        );
        assert_eq!(
            Route::parse("/desk/capture/abc"),
            Route::DeskCapture("abc".into())
        );
        assert_eq!(
            Route::parse("/desk/capture/abc#notes"),
            Route::DeskCapture("abc".into())
        );
        assert_eq!(Route::parse("/desk/capture/"), Route::NotFound);
        assert_eq!(
            Route::parse("/desk/identifier/any%7Cphone%7C%2B4520123456"),
            Route::DeskIdentifier("any%7Cphone%7C%2B4520123456".into())
        );
        assert_eq!(Route::parse("/desk/identifier/"), Route::NotFound);
        assert_eq!(Route::parse("/desk/capture/a/b"), Route::NotFound);
        assert_eq!(Route::parse("/desk/lookup"), Route::DeskLookup);
        assert_eq!(Route::parse("/desk/deadlines"), Route::DeskDeadlines);
        assert_eq!(Route::parse("/desk/accounts"), Route::DeskAccounts);
        assert_eq!(Route::parse("/desk/guidance"), Route::DeskGuidance);
        assert_eq!(Route::parse("/desk/elsewhere"), Route::NotFound);
        assert!(Route::DeskCapture("abc".into()).is_desk());
        assert!(!Route::Login.is_desk());
    }
}
