//! The SPOC operators' screens (inbox, detail, deadlines, lookup, accounts): built only into the desk
//! bundle (feature `desk`, served under /desk), never into the officer's. Not to be confused with the
//! server, `crates/desk`. Only spoc and admin accounts get past [`DeskGate`], and the server checks
//! every call again; the gate is for the person, not for security. The rules (who may do what, which
//! status may follow which) are spoc-core's.

mod accounts;
mod api;
mod assessment;
mod charts;
mod deadlines;
mod detail;
mod devices;
mod graph;
mod guidance;
mod identifier;
mod inbox;
mod link_alert;
mod lookup;
mod quality;
mod words;

pub use accounts::AccountsPage;
pub use charts::ChartsPage;
pub use deadlines::DeadlinesPage;
pub use detail::DetailPage;
pub use guidance::GuidancePacksPage;
pub use identifier::IdentifierPageView;
pub use inbox::InboxPage;
pub use lookup::LookupPage;

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use spoc_core::desk::{CaptureRef, Role};

use crate::api::CallError;
use crate::clock;
use crate::components::SignOutButton;
// The workflow's words are the officer's too (a sent capture shows its status).
pub use crate::components::status_name;
use crate::i18n::{tr, use_lang, Lang, T};
use crate::pages::{case_type_name, home_of};
use crate::router::Link;
use crate::session::{use_session, Check};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gate {
    Asking,
    Unreachable,
    SignedOut,
    MustChangePassword,
    WrongRole,
    Open,
}

/// Shows `children` under the desk's navigation to a signed-in account of `role` (or `also`);
/// anyone else is told why not, and where to sign in.
#[component]
pub fn DeskGate(role: Role, #[prop(optional)] also: Option<Role>, children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    // The session changes only at sign-in and sign-out, so the page is rarely rebuilt.
    let gate = move || match (session.me.get(), session.check.get()) {
        (Some(me), _) if me.must_change_password => Gate::MustChangePassword,
        (Some(me), _) if me.role == role || also == Some(me.role) => Gate::Open,
        (Some(_), _) => Gate::WrongRole,
        (None, Check::Asking) => Gate::Asking,
        (None, Check::Unreachable) => Gate::Unreachable,
        (None, Check::Answered) => Gate::SignedOut,
    };
    let refusal = move |text: T| {
        view! {
            <section class="card" role="alert" data-testid="desk-gate">
                <p>{tr(text)}</p>
                <Link href="/desk/login" class="button">{tr(T::SignIn)}</Link>
            </section>
        }
    };
    move || match gate() {
        Gate::Asking => view! { <p class="loading" role="status">"…"</p> }.into_any(),
        Gate::Unreachable => refusal(T::NoConnection).into_any(),
        Gate::SignedOut => refusal(T::DeskSignIn).into_any(),
        Gate::MustChangePassword => refusal(T::PasswordChangeRequired).into_any(),
        Gate::WrongRole => {
            let home = session.me.get_untracked().map_or("/", |me| home_of(me.role));
            view! {
                <section class="card" role="alert" data-testid="desk-gate">
                    <p>{tr(T::NotForYourRole)}</p>
                    <Link href=home class="button">{tr(T::Continue)}</Link>
                    <SignOutButton/>
                </section>
            }
            .into_any()
        }
        Gate::Open => {
            let role = session.me.get_untracked().map_or(role, |me| me.role);
            view! { <DeskNav role=role/>{children()} }.into_any()
        }
    }
}

/// The desk's own navigation: the operator's pages, or the admin's one, and the way out.
#[component]
fn DeskNav(role: Role) -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let links = match role {
        Role::Admin => view! {
            <Link href="/desk/accounts">{tr(T::Accounts)}</Link>
            <Link href="/desk/guidance">{tr(T::Guidance)}</Link>
        }
        .into_any(),
        _ => view! {
            <Link href="/desk">{tr(T::Inbox)}</Link>
            <Link href="/desk/lookup">{tr(T::Lookup)}</Link>
            <Link href="/desk/deadlines">{tr(T::Deadlines)}</Link>
            <Link href="/desk/guidance">{tr(T::Guidance)}</Link>
            <Link href="/desk/charts">{move || words::W::Charts.text(lang.get())}</Link>
        }
        .into_any(),
    };
    view! {
        <nav class="desk-nav" aria-label=move || T::Desk.text(lang.get())>
            {links}
            <span class="who meta">{move || session.me.get().map(|me| me.display_name)}</span>
            <SignOutButton/>
        </nav>
    }
}

/// A desk answer as a page holds it: `None` while the question is on its way.
pub type Answer<T> = Option<Result<T, CallError>>;

/// Asks the desk with `ask` now, and again whenever a signal that `ask` reads changes; an answer
/// overtaken by a newer question is dropped, and a 401 tells the session. (A `LocalResource` does the
/// same, at several KB of the bundle per answer type.)
pub fn fetched<R, F>(ask: impl Fn() -> F + 'static) -> RwSignal<Answer<R>>
where
    R: Send + Sync + 'static,
    F: Future<Output = Result<R, CallError>> + 'static,
{
    let session = use_session();
    let answer = RwSignal::new(None);
    let latest = Rc::new(Cell::new(0u32));
    Effect::new(move || {
        let question = ask();
        let asked = latest.get().wrapping_add(1);
        latest.set(asked);
        let latest = latest.clone();
        spawn_local(async move {
            let result = question.await;
            if latest.get() == asked {
                if let Err(e) = &result {
                    session.note(e);
                }
                answer.try_set(Some(result));
            }
        });
    });
    answer
}

/// The desk's download links, one per export format.
pub fn export_links(url: impl Fn(&str) -> String) -> impl IntoView {
    let links = [("json", "JSON"), ("csv", "CSV")]
        .into_iter()
        .map(|(format, label)| {
            view! { <a class="button" href=url(format) download>{tr(T::Export)}" "{label}</a> }
        });
    view! { <div class="actions">{links.collect_view()}</div> }
}

pub fn role_name(role: Role) -> T {
    match role {
        Role::Officer => T::RoleOfficer,
        Role::Spoc => T::RoleSpoc,
        Role::Admin => T::RoleAdmin,
    }
}

/// A desk time (RFC 3339, UTC) on the device's clock, as the rest of the app shows times.
pub fn when(rfc3339: &str) -> String {
    let ms = js_sys::Date::parse(rfc3339);
    if ms.is_nan() {
        rfc3339.to_string()
    } else {
        clock::display_instant(ms)
    }
}

pub fn capture_href(id: &str) -> String {
    format!("/desk/capture/{}", String::from(js_sys::encode_uri_component(id)))
}

/// Other captures, as a link and a lookup list them: number, type, district, status, arrival.
pub fn capture_refs(captures: Vec<CaptureRef>, lang: Lang) -> impl IntoView {
    view! {
        <ul class="list refs">
            {captures.into_iter().map(|c| view! {
                <li data-id=c.id.clone()>
                    <Link href=capture_href(&c.id)>
                        <span class="title">"#"{c.server_seq}" · "{case_type_name(c.case_type, lang)}</span>
                        <span class="meta">
                            {c.district.map(|d| format!("{} · ", d.name()))}
                            {status_name(c.status).text(lang)}" · "{when(&c.received_at)}
                        </span>
                    </Link>
                </li>
            }).collect_view()}
        </ul>
    }
}
