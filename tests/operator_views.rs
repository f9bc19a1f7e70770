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
use spoc_field::operator::{ChartsPage, DeadlinesPage, DetailPage, IdentifierPageView, InboxPage};
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

/// Every element under `root` matching `selector` (`querySelectorAll`, called through JS: the
/// web-sys feature for NodeList is not one this crate enables).
fn all(root: &Element, selector: &str) -> Vec<Element> {
    let find: js_sys::Function = js_sys::Reflect::get(root, &"querySelectorAll".into())
        .unwrap()
        .unchecked_into();
    let list = find.call1(root, &selector.into()).unwrap();
    js_sys::Array::from(&list)
        .iter()
        .map(|e| e.unchecked_into())
        .collect()
}

fn capture_ref(id: &str, seq: i64, district: &str) -> Value {
    json!({
        "id": id, "server_seq": seq, "received_at": "2026-05-30T09:00:00Z", "case_type": "sextortion",
        "district": district, "status": "received"
    })
}

fn identifier_page() -> Value {
    json!({
        "key": "any|phone|+4520123456",
        "forms": [
            { "platform": "telegram", "kind": "phone", "value": "+4520123456" },
            { "platform": "whatsapp", "kind": "phone", "value": "+4520123456" }
        ],
        "captures": [capture_ref("c-1", 1, "fyn"), capture_ref("c-2", 2, "nordjylland")],
        "districts": ["fyn", "nordjylland"],
        "case_types": ["sextortion"],
        "first_seen": "2026-05-30T09:00:00Z",
        "last_seen": "2026-05-31T09:00:00Z",
        "co_identifiers": [{
            "key": "snapchat|username|@some.user",
            "identifier": { "platform": "snapchat", "kind": "username", "value": HOSTILE },
            "captures": 2
        }],
        "deadlines": []
    })
}

fn graph(capped: bool) -> Value {
    let capture = |id: &str, seq: i64, distance: u8| {
        json!({
            "id": format!("capture:{id}"), "distance": distance, "capture": capture_ref(id, seq, "fyn")
        })
    };
    json!({
        "root": "identifier:any|phone|+4520123456", "hops": 2, "capped": capped, "max_nodes": 200,
        "nodes": [
            { "id": "identifier:any|phone|+4520123456", "distance": 0, "key": "any|phone|+4520123456",
              "identifier": { "platform": "whatsapp", "kind": "phone", "value": "+4520123456" } },
            capture("c-1", 1, 1),
            capture("c-2", 2, 1),
            { "id": "identifier:snapchat|username|@some.user", "distance": 2, "key": "snapchat|username|@some.user",
              "identifier": { "platform": "snapchat", "kind": "username", "value": HOSTILE } }
        ],
        "edges": [
            { "capture": "capture:c-1", "identifier": "identifier:any|phone|+4520123456" },
            { "capture": "capture:c-2", "identifier": "identifier:any|phone|+4520123456" },
            { "capture": "capture:c-1", "identifier": "identifier:snapchat|username|@some.user" },
            { "capture": "capture:c-2", "identifier": "identifier:snapchat|username|@some.user" }
        ]
    })
}

#[wasm_bindgen_test]
async fn an_identifiers_page_shows_where_it_was_seen_and_its_graph_as_svg_links_and_a_table() {
    let desk = FakeDesk::install(json!({
        "/api/v1/desk/identifiers/": identifier_page(),
        "/api/v1/desk/graph": graph(false),
    }));
    let root = host();
    let _mounted = leptos::mount::mount_to(root.clone(), || {
        contexts(account(Role::Spoc));
        view! { <IdentifierPageView encoded="any%7Cphone%7C%2B4520123456".to_string()/> }
    });
    let page = wait_for(&root, "[data-testid='identifier-page']").await;
    assert_eq!(page.get_attribute("data-key").unwrap(), "any|phone|+4520123456");
    let districts = root.query_selector("[data-testid='districts']").unwrap().unwrap();
    assert_eq!(
        districts.text_content().unwrap(),
        "Fyns Politi, Nordjyllands Politi"
    );
    let co = root
        .query_selector("[data-testid='co-identifiers'] a")
        .unwrap()
        .unwrap();
    assert_eq!(
        co.get_attribute("href").unwrap(),
        "/desk/identifier/snapchat%7Cusername%7C%40some.user"
    );
    assert!(co.text_content().unwrap().contains(HOSTILE));

    // The graph: one SVG link and one table row per node, the same four, by the same links.
    let table = wait_for(&root, "[data-testid='graph-table']").await;
    let rows = all(&table, "tbody tr");
    assert_eq!(rows.len(), 4);
    let svg = root.query_selector("[data-testid='graph-svg']").unwrap().unwrap();
    let svg_links = all(&svg, "a");
    assert_eq!(svg_links.len(), 4);
    assert_eq!(all(&svg, "line").len(), 4);
    let mut svg_hrefs = Vec::new();
    for link in &svg_links {
        assert_eq!(
            link.namespace_uri().as_deref(),
            Some("http://www.w3.org/2000/svg")
        );
        svg_hrefs.push(link.get_attribute("href").unwrap());
    }
    let mut table_hrefs = Vec::new();
    for row in &rows {
        table_hrefs.push(
            row.query_selector("a")
                .unwrap()
                .unwrap()
                .get_attribute("href")
                .unwrap(),
        );
    }
    assert_eq!(svg_hrefs, table_hrefs);
    assert!(table_hrefs.contains(&"/desk/capture/c-1".to_string()));
    // Every node is reachable by keyboard: SVG links with an href take focus.
    let first: HtmlElement = svg_links[1].clone().unchecked_into();
    first.focus().unwrap();
    let focused = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .unwrap();
    assert_eq!(focused.get_attribute("href").unwrap(), "/desk/capture/c-1");
    // The second capture's row names what it is linked to.
    let c2 = &rows[2];
    assert!(c2.text_content().unwrap().contains("WhatsApp"));
    assert!(root
        .query_selector("[data-testid='graph-capped']")
        .unwrap()
        .is_none());
    // Captured values stay text, in the drawing and in the table.
    assert!(root.query_selector("img").unwrap().is_none());
    assert!(desk
        .calls()
        .iter()
        .any(|u| u.ends_with("/api/v1/desk/graph?identifier=any%7Cphone%7C%2B4520123456&hops=2")));
}

#[wasm_bindgen_test]
async fn a_cut_graph_says_so() {
    let _desk = FakeDesk::install(json!({
        "/api/v1/desk/identifiers/": identifier_page(),
        "/api/v1/desk/graph": graph(true),
    }));
    let root = host();
    let _mounted = leptos::mount::mount_to(root.clone(), || {
        contexts(account(Role::Spoc));
        view! { <IdentifierPageView encoded="any%7Cphone%7C%2B4520123456".to_string()/> }
    });
    let capped = wait_for(&root, "[data-testid='graph-capped']").await;
    assert!(capped.text_content().unwrap().contains("200"));
}

#[wasm_bindgen_test]
async fn the_inbox_counts_each_captures_findings() {
    let mut doubtful = inbox_item("33333333-3333-4333-8333-333333333333", 9, 0, "J-1");
    doubtful["findings"] = json!(3);
    let _desk = FakeDesk::install(json!({ "/api/v1/desk/inbox": { "items": [doubtful] } }));
    let root = host();
    let _mounted = leptos::mount::mount_to(root.clone(), || {
        contexts(account(Role::Spoc));
        view! { <InboxPage/> }
    });
    let cell = wait_for(&root, "tr[data-id] td.findings").await;
    assert_eq!(cell.text_content().unwrap(), "3");
    let head = all(&root, "thead th");
    let last = head.last().unwrap();
    assert_eq!(last.text_content().unwrap(), "Missing or doubtful");
}

/// Runs a line of JavaScript with `el` bound to `element` (typing into a field, submitting a form).
fn js_on(element: &Element, body: &str) {
    js_sys::Function::new_with_args("el", body)
        .call1(&JsValue::NULL, element)
        .unwrap();
}

#[wasm_bindgen_test]
async fn the_detail_offers_to_resolve_each_unresolved_short_link_and_to_mark_the_assessment_done() {
    const ID: &str = "44444444-4444-4444-8444-444444444444";
    const SHORT: &str = "https://vm.tiktok.com/ZMabc123/";
    let at = ZonedTime::new("2026-11-22T14:03:00+01:00", "Europe/Copenhagen");
    let capture = Capture {
        schema_version: SCHEMA_VERSION,
        id: ID.into(),
        created_at: at,
        officer: Officer::default(),
        case_type: CaseType::Sextortion,
        journal_number: "J-4".into(),
        flags: UrgencyFlags::default(),
        identifiers: vec![CapturedIdentifier {
            raw: SHORT.into(),
            platform_hint: None,
            parsed: Identifier::parse(SHORT, None).unwrap(),
        }],
        items: vec![],
        preservations: vec![],
        notes: String::new(),
        guidance: None,
        attachments: vec![],
        prosecution_request: None,
    };
    let detail = json!({
        "stored": {
            "receipt": { "id": ID, "server_seq": 4, "received_at": "2026-11-22T13:04:00.000Z", "sha256": "00" },
            "capture": serde_json::to_value(&capture).unwrap()
        },
        "submitted_by": "betjent", "status": "received", "rejection_reason": null, "assignee": null,
        "notes": [], "links": [], "deadlines": [],
        "findings": [
            { "kind": "unresolved_short_link", "platform": "tiktok", "raw": SHORT },
            { "kind": "no_preservation", "platform": "tiktok" }
        ],
        "resolved_short_links": [], "assessment": null
    });
    let desk = FakeDesk::install(json!({ "/api/v1/desk/captures/": detail }));
    let root = host();
    let _mounted = leptos::mount::mount_to(root.clone(), || {
        contexts(account(Role::Spoc));
        view! { <DetailPage id=ID.to_string()/> }
    });
    let findings = wait_for(&root, "[data-testid='findings']").await;
    assert_eq!(findings.get_attribute("data-count").unwrap(), "2");
    assert!(findings
        .query_selector("li[data-kind='no_preservation']")
        .unwrap()
        .is_some());
    let form = wait_for(&root, "[data-testid='resolve-short-link']").await;
    assert!(form.text_content().unwrap().contains(SHORT));
    // The short link is text, never a link.
    assert!(form.query_selector("a").unwrap().is_none());
    let input = form.query_selector("input").unwrap().unwrap();
    let label = form.query_selector("label").unwrap().unwrap();
    assert_eq!(label.get_attribute("for"), input.get_attribute("id"));
    js_on(
        &input,
        "el.value = 'https://www.tiktok.com/@some.user'; el.dispatchEvent(new Event('input', { bubbles: true }));",
    );
    js_on(&form, "el.requestSubmit();");
    for _ in 0..100 {
        if desk
            .calls()
            .iter()
            .any(|u| u.ends_with(&format!("/api/v1/desk/captures/{ID}/short-links")))
        {
            break;
        }
        TimeoutFuture::new(20).await;
    }
    assert!(
        desk.calls()
            .iter()
            .any(|u| u.ends_with(&format!("/api/v1/desk/captures/{ID}/short-links"))),
        "{:?}",
        desk.calls()
    );
    let assess = wait_for(&root, "[data-testid='assessment-form']").await;
    assert!(assess
        .query_selector("label[for='assessment-note']")
        .unwrap()
        .is_some());
    let note = assess.query_selector("textarea").unwrap().unwrap();
    js_on(
        &note,
        "el.value = 'Samme konto'; el.dispatchEvent(new Event('input', { bubbles: true }));",
    );
    js_on(&assess, "el.requestSubmit();");
    for _ in 0..100 {
        if desk.calls().iter().any(|u| u.ends_with("/assessment")) {
            break;
        }
        TimeoutFuture::new(20).await;
    }
    assert!(desk
        .calls()
        .iter()
        .any(|u| u.ends_with(&format!("/api/v1/desk/captures/{ID}/assessment"))));
}

/// `window.EventSource` replaced by one that only records its listeners, so a test can tell the
/// inbox an event as the desk's stream would. Dropping it puts the real one back.
struct FakeEvents {
    real: JsValue,
}

impl FakeEvents {
    fn install() -> FakeEvents {
        let window = web_sys::window().unwrap();
        let real = js_sys::Reflect::get(&window, &"EventSource".into()).unwrap();
        let fake = js_sys::Function::new_no_args(
            r#"
            return class {
                constructor(url) { this.url = url; this.listeners = {}; globalThis.__fakeEvents = this; }
                addEventListener(type, listener) { (this.listeners[type] ||= []).push(listener); }
                close() {}
            };
            "#,
        )
        .call0(&JsValue::NULL)
        .unwrap();
        js_sys::Reflect::set(&window, &"EventSource".into(), &fake).unwrap();
        FakeEvents { real }
    }

    /// One `capture` event with `data`, to every listener the inbox added.
    fn tell(&self, data: &Value) {
        js_sys::Function::new_with_args(
            "data",
            "for (const l of globalThis.__fakeEvents.listeners.capture || []) \
             l(new MessageEvent('capture', { data }));",
        )
        .call1(&JsValue::NULL, &data.to_string().into())
        .unwrap();
    }
}

impl Drop for FakeEvents {
    fn drop(&mut self) {
        let window = web_sys::window().unwrap();
        js_sys::Reflect::set(&window, &"EventSource".into(), &self.real).unwrap();
    }
}

/// Waits (up to two seconds) until `element`'s text is `text`.
async fn wait_for_text(element: &Element, text: &str) {
    for _ in 0..100 {
        if element.text_content().unwrap_or_default() == text {
            return;
        }
        TimeoutFuture::new(20).await;
    }
    panic!("{:?} never became {text:?}", element.text_content());
}

#[wasm_bindgen_test]
async fn the_inbox_says_a_captures_link_alert_in_its_line_and_announces_an_arrival_with_one() {
    let mut alerted = inbox_item("55555555-5555-4555-8555-555555555555", 12, 5, "J-12");
    alerted["alert"] = json!({ "cases": 3, "districts": 2 });
    let mut single = inbox_item("66666666-6666-4666-8666-666666666666", 11, 1, "J-11");
    single["alert"] = json!({ "cases": 1, "districts": 1 });
    let plain = inbox_item("77777777-7777-4777-8777-777777777777", 10, 1, "J-10");
    let _desk = FakeDesk::install(json!({ "/api/v1/desk/inbox": { "items": [alerted, single, plain] } }));
    let events = FakeEvents::install();
    let lang = RwSignal::new(Lang::En);
    let root = host();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        contexts(account(Role::Spoc));
        provide_context(Language(lang));
        view! { <InboxPage/> }
    });

    let note = wait_for(&root, "tr[data-id^='5555'] .link-alert").await;
    assert_eq!(
        note.text_content().unwrap(),
        "Linked to 3 cases in 2 other districts"
    );
    let one = root
        .query_selector("tr[data-id^='6666'] .link-alert")
        .unwrap()
        .unwrap();
    assert_eq!(
        one.text_content().unwrap(),
        "Linked to 1 case in 1 other district"
    );
    assert!(
        root.query_selector("tr[data-id^='7777'] .link-alert")
            .unwrap()
            .is_none(),
        "linked, but no alert: nothing said"
    );

    // The live region is there, empty, before anything is heard; a move (no alert) says nothing.
    let live = root.query_selector("[data-testid=live-alert]").unwrap().unwrap();
    assert_eq!(live.get_attribute("aria-live").as_deref(), Some("polite"));
    assert_eq!(live.get_attribute("role").as_deref(), Some("status"));
    assert_eq!(live.text_content().unwrap(), "");
    events.tell(&json!({ "server_seq": 10, "id": "77777777-7777-4777-8777-777777777777" }));
    TimeoutFuture::new(50).await;
    assert_eq!(live.text_content().unwrap(), "");
    events.tell(&json!({
        "server_seq": 12, "id": "55555555-5555-4555-8555-555555555555",
        "alert": { "cases": 3, "districts": 2 }
    }));
    wait_for_text(&live, "#12: Linked to 3 cases in 2 other districts").await;

    // Danish, the default, in the line and the live region alike.
    lang.set(Lang::Da);
    wait_for_text(&live, "#12: Forbundet med 3 sager i 2 andre kredse").await;
    let note = wait_for(&root, "tr[data-id^='5555'] .link-alert").await;
    wait_for_text(&note, "Forbundet med 3 sager i 2 andre kredse").await;
    let one = root
        .query_selector("tr[data-id^='6666'] .link-alert")
        .unwrap()
        .unwrap();
    assert_eq!(one.text_content().unwrap(), "Forbundet med 1 sag i 1 anden kreds");
}

// The charts page (issue 17).

fn charts_answer() -> Value {
    let days: Vec<Value> = (24..=30)
        .map(|d| {
            let (captures, emergencies) = match d {
                29 => (1, 0),
                30 => (3, 1),
                _ => (0, 0),
            };
            json!({"day": format!("2026-11-{d}"), "captures": captures, "emergencies": emergencies})
        })
        .collect();
    json!({
        "days": 7, "zone": "Europe/Copenhagen", "first_day": "2026-11-24", "last_day": "2026-11-30",
        "from": "2026-11-23T23:00:00.000Z", "captures": 4, "emergencies": 1, "per_day": days,
        "by_key": [
            {"dimension": "case_type", "key": "grooming", "day": "2026-11-29", "captures": 1},
            {"dimension": "case_type", "key": "grooming", "day": "2026-11-30", "captures": 2},
            {"dimension": "case_type", "key": "threat_to_life", "day": "2026-11-30", "captures": 1},
            {"dimension": "platform", "key": "snapchat", "day": "2026-11-30", "captures": 2},
            {"dimension": "district", "key": "fyn", "day": "2026-11-30", "captures": 3},
            {"dimension": "district", "key": "none", "day": "2026-11-29", "captures": 1}
        ],
        "capture_to_receipt": {"count": 4, "p50_seconds": 300, "p90_seconds": 3600},
        "receipt_to_preservation_sent": {"count": 0, "p50_seconds": null, "p90_seconds": null}
    })
}

fn texts(root: &Element, selector: &str) -> Vec<String> {
    all(root, selector)
        .iter()
        .map(|e| e.text_content().unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
async fn each_chart_has_a_summary_sentence_and_a_table_of_the_same_numbers() {
    let desk = FakeDesk::install(json!({ "/api/v1/desk/charts": charts_answer() }));
    let root = host();
    let _mounted = leptos::mount::mount_to(root.clone(), || {
        contexts(account(Role::Spoc));
        view! { <ChartsPage/> }
    });
    let per_day = wait_for(&root, "[data-testid='chart-per-day']").await;
    let summary = per_day
        .query_selector("[data-testid='chart-summary']")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(
        summary.starts_with(
            "4 captures from 2026-11-24–2026-11-30. Most on 2026-11-30 (3). 1 sent as emergency (25 %)."
        ),
        "{summary}"
    );
    // The drawing says the same as the sentence, and has a bar (with its title) for every day.
    let svg = per_day.query_selector("svg").unwrap().unwrap();
    assert_eq!(svg.get_attribute("role").unwrap(), "img");
    assert!(summary.starts_with(&svg.get_attribute("aria-label").unwrap()));
    assert_eq!(all(&svg, "rect").len(), 14);
    assert_eq!(
        texts(&per_day, "tbody tr"),
        [
            "2026-11-2400",
            "2026-11-2500",
            "2026-11-2600",
            "2026-11-2700",
            "2026-11-2800",
            "2026-11-2910",
            "2026-11-3031"
        ]
    );

    let case_types = root
        .query_selector("[data-testid='chart-case_type']")
        .unwrap()
        .unwrap();
    assert_eq!(
        texts(&case_types, "tbody tr"),
        ["Grooming of a child3", "Threat to life1"]
    );
    let sentence = texts(&case_types, "[data-testid='chart-summary']").join("");
    assert_eq!(
        sentence,
        "By case type: most for Grooming of a child (3 of 4). Grooming of a child 3, Threat to life 1"
    );
    assert_eq!(
        all(&case_types, "svg")[0].get_attribute("aria-label").unwrap(),
        sentence
    );
    let districts = root
        .query_selector("[data-testid='chart-district']")
        .unwrap()
        .unwrap();
    assert_eq!(texts(&districts, "tbody tr"), ["Fyns Politi3", "No district1"]);
    let platforms = root
        .query_selector("[data-testid='chart-platform']")
        .unwrap()
        .unwrap();
    assert_eq!(texts(&platforms, "tbody tr"), ["Snapchat2"]);

    let paces = root
        .query_selector("[data-testid='chart-paces']")
        .unwrap()
        .unwrap();
    assert_eq!(
        texts(&paces, "tbody tr"),
        [
            "From capture on scene to receipt45 min1 h 0 min",
            "From receipt to preservation sent0––"
        ]
    );
    assert!(texts(&paces, "[data-testid='chart-summary']")[0].starts_with(
        "From capture on scene to receipt: median 5 min, 90th percentile 1 h 0 min (4 captures)."
    ));

    // The CSV of the period shown; another period asks the desk again and the link follows.
    let csv = root
        .query_selector("[data-testid='charts-csv']")
        .unwrap()
        .unwrap();
    assert_eq!(
        csv.get_attribute("href").unwrap(),
        "/api/v1/desk/charts/export?days=30"
    );
    assert!(desk
        .calls()
        .iter()
        .any(|c| c.ends_with("/api/v1/desk/charts?days=30")));
    let select = root.query_selector("#charts-days").unwrap().unwrap();
    js_on(
        &select,
        "el.value = '365'; el.dispatchEvent(new Event('change'));",
    );
    for _ in 0..100 {
        if desk
            .calls()
            .iter()
            .any(|c| c.ends_with("/api/v1/desk/charts?days=365"))
        {
            break;
        }
        TimeoutFuture::new(20).await;
    }
    assert!(desk
        .calls()
        .iter()
        .any(|c| c.ends_with("/api/v1/desk/charts?days=365")));
    assert_eq!(
        csv.get_attribute("href").unwrap(),
        "/api/v1/desk/charts/export?days=365"
    );
}
