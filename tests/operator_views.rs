//! The desk views in a real browser, with `window.fetch` answering in the desk's place: what each
//! role sees, what the inbox asks for and shows, how deadlines are marked, and that captured text
//! never becomes markup or a link.
#![cfg(target_arch = "wasm32")]
#![cfg(feature = "desk")]

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use serde_json::{json, Value};
use spoc_core::capture::{CapturedIdentifier, Officer, SeenItem};
use spoc_core::desk::{Me, Role};
use spoc_core::{Capture, CaseType, Identifier, UrgencyFlags, ZonedTime, SCHEMA_VERSION};
use spoc_field::components::CaptureRecord;
use spoc_field::guidance::Guidance;
use spoc_field::i18n::{Lang, Language};
use spoc_field::operator::{DeadlinesPage, InboxPage};
use spoc_field::session::{Check, Session};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

const HOSTILE: &str = "<img src=x onerror=alert(1)>";

/// `window.fetch` replaced by canned answers: the first route whose key is part of the URL answers
/// 200 with its JSON; anything else is a 404. Every URL asked for is recorded. Dropping it puts the
/// real fetch back.
struct FakeDesk {
    real: JsValue,
    fake: JsValue,
}

impl FakeDesk {
    fn install(routes: Value) -> FakeDesk {
        let make = js_sys::Function::new_with_args(
            "routes",
            r#"
            const calls = [];
            const fake = (request) => {
                const url = typeof request === "string" ? request : request.url;
                calls.push(url);
                for (const [part, answer] of Object.entries(JSON.parse(routes))) {
                    if (url.includes(part)) {
                        return Promise.resolve(new Response(JSON.stringify(answer),
                            { status: 200, headers: { "Content-Type": "application/json" } }));
                    }
                }
                return Promise.resolve(new Response('{"error":{"code":"not_found","message":"not faked"}}',
                    { status: 404 }));
            };
            fake.calls = calls;
            return fake;
            "#,
        );
        let fake = make.call1(&JsValue::NULL, &routes.to_string().into()).unwrap();
        let window = web_sys::window().unwrap();
        let real = js_sys::Reflect::get(&window, &"fetch".into()).unwrap();
        js_sys::Reflect::set(&window, &"fetch".into(), &fake).unwrap();
        FakeDesk { real, fake }
    }

    fn calls(&self) -> Vec<String> {
        let calls: js_sys::Array = js_sys::Reflect::get(&self.fake, &"calls".into())
            .unwrap()
            .unchecked_into();
        calls.iter().filter_map(|c| c.as_string()).collect()
    }
}

impl Drop for FakeDesk {
    fn drop(&mut self) {
        let window = web_sys::window().unwrap();
        js_sys::Reflect::set(&window, &"fetch".into(), &self.real).unwrap();
    }
}

/// A fresh element in the page to mount a view into.
fn host() -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    host
}

/// What the shell provides: English (so the assertions read), no guidance pack, and a session.
fn contexts(me: Option<Me>) {
    provide_context(Language(RwSignal::new(Lang::En)));
    provide_context(Guidance(RwSignal::new(None)));
    provide_context(Session {
        me: RwSignal::new(me),
        check: RwSignal::new(Check::Answered),
    });
}

fn account(role: Role) -> Option<Me> {
    Some(Me {
        username: "anna".into(),
        display_name: "Anna Operator".into(),
        role,
        must_change_password: false,
    })
}

/// Waits (up to two seconds) for `selector` to match inside `root`.
async fn wait_for(root: &Element, selector: &str) -> Element {
    for _ in 0..100 {
        if let Some(found) = root.query_selector(selector).unwrap() {
            return found;
        }
        TimeoutFuture::new(20).await;
    }
    panic!("nothing matched {selector} in: {}", root.inner_html());
}

fn inbox_item(id: &str, seq: i64, linked: u32, journal: &str) -> Value {
    json!({
        "id": id, "server_seq": seq, "received_at": "2026-05-30T09:00:00Z", "case_type": "threat_to_life",
        "urgency": "critical", "district": "koebenhavn", "journal_number": journal,
        "platforms": ["tiktok", "phone"], "status": "received", "assignee": null, "linked": linked
    })
}

#[wasm_bindgen_test]
async fn the_inbox_shows_each_capture_with_its_id_and_linked_flag_and_asks_with_the_filter() {
    let history = web_sys::window().unwrap().history().unwrap();
    history
        .replace_state_with_url(&JsValue::NULL, "", Some("/desk?platform=tiktok&status=bogus"))
        .unwrap();
    let desk = FakeDesk::install(json!({
        "/api/v1/desk/inbox": { "items": [
            inbox_item("11111111-1111-4111-8111-111111111111", 7, 2, HOSTILE),
            inbox_item("22222222-2222-4222-8222-222222222222", 6, 0, ""),
        ]}
    }));
    let root = host();
    let _mounted = leptos::mount::mount_to(root.clone(), || {
        contexts(account(Role::Spoc));
        view! { <InboxPage/> }
    });

    wait_for(&root, "tr[data-id]").await;
    let rows = root.query_selector("tbody").unwrap().unwrap();
    assert_eq!(rows.child_element_count(), 2);
    let linked = wait_for(
        &root,
        "tr[data-id='11111111-1111-4111-8111-111111111111'] .linked-flag",
    )
    .await;
    assert_eq!(linked.text_content().unwrap(), "Linked (2)");
    assert!(root
        .query_selector("tr[data-id='22222222-2222-4222-8222-222222222222'] .linked-flag")
        .unwrap()
        .is_none());
    let open = root.query_selector("tr[data-id] a").unwrap().unwrap();
    assert_eq!(
        open.get_attribute("href").unwrap(),
        "/desk/capture/11111111-1111-4111-8111-111111111111"
    );
    // The journal number is shown as typed, as text.
    assert!(open.text_content().unwrap().contains(HOSTILE));
    assert!(root.query_selector("img").unwrap().is_none());

    // Only the known code from the address bar reaches the desk, in the fetch and the export.
    assert!(
        desk.calls()
            .iter()
            .any(|url| url.ends_with("/api/v1/desk/inbox?platform=tiktok&limit=50")),
        "{:?}",
        desk.calls()
    );
    let csv = root.query_selector("a[href*='format=csv']").unwrap().unwrap();
    assert_eq!(
        csv.get_attribute("href").unwrap(),
        "/api/v1/desk/export?format=csv&platform=tiktok"
    );
    history
        .replace_state_with_url(&JsValue::NULL, "", Some("/"))
        .unwrap();
}

#[wasm_bindgen_test]
async fn the_inbox_loads_the_next_page_when_asked_and_stops_at_the_last() {
    let desk = FakeDesk::install(json!({
        // Routes are tried in key order: the second page's first.
        "after=0.5": { "items": [inbox_item("33333333-3333-4333-8333-333333333333", 5, 0, "")], "next": null },
        "limit=50": { "items": [
            inbox_item("11111111-1111-4111-8111-111111111111", 7, 0, ""),
            inbox_item("22222222-2222-4222-8222-222222222222", 6, 0, ""),
        ], "next": "0.5" },
    }));
    let root = host();
    let _mounted = leptos::mount::mount_to(root.clone(), || {
        contexts(account(Role::Spoc));
        view! { <InboxPage/> }
    });
    let more: HtmlElement = wait_for(&root, "[data-testid='show-more']")
        .await
        .unchecked_into();
    assert_eq!(
        root.query_selector("tbody")
            .unwrap()
            .unwrap()
            .child_element_count(),
        2
    );
    more.click();
    wait_for(&root, "tr[data-id='33333333-3333-4333-8333-333333333333']").await;
    // The next page's line after the first page's, in one table.
    let table = root.query_selector("tbody").unwrap().unwrap();
    assert_eq!(table.child_element_count(), 3);
    let html = table.inner_html();
    let at = |id: &str| html.find(&format!("data-id=\"{id}\"")).expect(id);
    assert!(at("11111111-1111-4111-8111-111111111111") < at("22222222-2222-4222-8222-222222222222"));
    assert!(at("22222222-2222-4222-8222-222222222222") < at("33333333-3333-4333-8333-333333333333"));
    // The last page says so: nothing more to load.
    assert!(root
        .query_selector("[data-testid='show-more']")
        .unwrap()
        .is_none());
    assert!(
        desk.calls()
            .iter()
            .any(|url| url.ends_with("/api/v1/desk/inbox?limit=50&after=0.5")),
        "{:?}",
        desk.calls()
    );
}

#[wasm_bindgen_test]
async fn the_desk_turns_away_other_roles_and_asks_the_signed_out_to_sign_in() {
    let desk = FakeDesk::install(json!({}));
    let officer = host();
    let _a = leptos::mount::mount_to(officer.clone(), || {
        contexts(account(Role::Officer));
        view! { <InboxPage/> }
    });
    let refusal = wait_for(&officer, "[data-testid='desk-gate']").await;
    assert!(refusal.text_content().unwrap().contains("not for your role"));

    let nobody = host();
    let _b = leptos::mount::mount_to(nobody.clone(), || {
        contexts(None);
        view! { <DeadlinesPage/> }
    });
    let sign_in = wait_for(&nobody, "[data-testid='desk-gate'] a[href='/desk/login']").await;
    assert_eq!(sign_in.text_content().unwrap(), "Sign in");

    TimeoutFuture::new(50).await;
    assert!(
        desk.calls().is_empty(),
        "no desk call without the role: {:?}",
        desk.calls()
    );
}

#[wasm_bindgen_test]
async fn deadlines_mark_overdue_and_renew_now_and_say_when_the_period_is_unknown() {
    let deadline = |state: &str, days: Option<i64>, expires: Option<i64>| {
        json!({
            "capture_id": format!("id-{state}"), "server_seq": 3, "platform": "snapchat",
            "requested_at": "2026-05-01T10:00:00+02:00",
            "expires_utc": expires.map(|_| "2026-05-30 09:00 UTC"), "expires_unix_ms": expires,
            "extended_until_utc": null, "days_left": days, "state": state, "reference": "REF-1"
        })
    };
    let _desk = FakeDesk::install(json!({
        "/api/v1/desk/deadlines": { "deadlines": [
            deadline("overdue", Some(-2), Some(1_780_131_600_000)),
            deadline("renew_now", Some(5), Some(1_780_131_600_000)),
            deadline("running", Some(40), Some(1_780_131_600_000)),
            deadline("unknown", None, None),
        ]}
    }));
    let root = host();
    let _mounted = leptos::mount::mount_to(root.clone(), || {
        contexts(account(Role::Spoc));
        view! { <DeadlinesPage/> }
    });
    let overdue = wait_for(&root, "li.overdue").await;
    assert_eq!(overdue.get_attribute("data-capture").unwrap(), "id-overdue");
    let renew = root.query_selector("li.renew-now").unwrap().unwrap();
    assert!(renew.text_content().unwrap().contains("Renew now"));
    let unknown = root.query_selector("li.unknown").unwrap().unwrap();
    assert!(unknown
        .text_content()
        .unwrap()
        .contains("No known preservation period"));
    assert!(root
        .query_selector("li.unknown a[href='/desk/capture/id-unknown']")
        .unwrap()
        .is_some());
}

#[wasm_bindgen_test]
fn captured_text_is_shown_as_text_never_as_markup_or_a_link() {
    let at = ZonedTime::new("2026-11-22T14:03:00+01:00", "Europe/Copenhagen");
    let capture = Capture {
        schema_version: SCHEMA_VERSION,
        id: "33333333-3333-4333-8333-333333333333".into(),
        created_at: at.clone(),
        officer: Officer {
            name: HOSTILE.into(),
            badge_number: "B-1".into(),
            district: None,
            phone: "+4512345678".into(),
        },
        case_type: CaseType::Sextortion,
        journal_number: HOSTILE.into(),
        flags: UrgencyFlags::default(),
        identifiers: vec![CapturedIdentifier {
            raw: "https://www.tiktok.com/@some.user?x=<b>".into(),
            platform_hint: None,
            parsed: Identifier::parse("https://www.tiktok.com/@some.user", None).unwrap(),
        }],
        items: vec![SeenItem {
            what: "javascript:alert(1) https://evil.example/<script>".into(),
            seen_at: at,
        }],
        preservations: vec![],
        notes: HOSTILE.into(),
        guidance: None,
        attachments: vec![],
        prosecution_request: None,
    };
    let root = host();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        contexts(None);
        view! { <CaptureRecord capture=capture/> }
    });
    assert!(
        root.query_selector("a, img, script, b").unwrap().is_none(),
        "{}",
        root.inner_html()
    );
    let text = root.text_content().unwrap();
    assert!(text.contains(HOSTILE));
    assert!(text.contains("javascript:alert(1) https://evil.example/<script>"));
    assert!(text.contains("https://www.tiktok.com/@some.user?x=<b>"));
}
