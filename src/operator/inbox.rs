use leptos::prelude::*;
use spoc_core::desk::{CaseStatus, InboxFilter, InboxItem, Role};
use spoc_core::{CaseType, District, Platform, UrgencyLevel};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{EventSource, MessageEvent};

use super::link_alert::{alert_note, announcement, hear, Announced};
use super::{api, capture_href, export_links, fetched, status_name, when, DeskGate};
use crate::components::error_note;
use crate::i18n::{tr, use_lang, Lang, T};
use crate::pages::{case_type_name, urgency_name};
use crate::router::Link;

/// `/desk`: every capture, most urgent first then newest (the desk sorts), narrowed by the filters,
/// kept current by the desk's event stream, a page at a time ("Vis flere" loads the next).
#[component]
pub fn InboxPage() -> impl IntoView {
    view! { <DeskGate role=Role::Spoc><Inbox/></DeskGate> }
}

/// Lines the desk sends a page; a reload asks for as many as are shown (at most [`MOST_LINES`]), so
/// a capture arriving does not fold an operator's long list back to its first page.
const PAGE: usize = 50;
const MOST_LINES: usize = 500;

#[component]
fn Inbox() -> impl IntoView {
    let lang = use_lang();
    let search = web_sys::window().and_then(|w| w.location().search().ok());
    let filter = RwSignal::new(InboxFilter::from_query(&search.unwrap_or_default()));
    let reload = RwSignal::new(0u32);
    // Lines loaded after the first answer, and where the desk's next page starts.
    let later = RwSignal::new(Vec::<InboxItem>::new());
    let next = RwSignal::new(None::<String>);
    let shown = RwSignal::new(0usize);
    let inbox = fetched(move || {
        reload.track();
        let query = filter.with(InboxFilter::query);
        let lines = shown.get_untracked().clamp(PAGE, MOST_LINES);
        async move { api::inbox(&query, None, lines).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(first)) = inbox.get() {
            later.set(Vec::new());
            next.set(first.next.clone());
            shown.set(first.items.len());
        }
    });
    let loading_more = RwSignal::new(None::<Result<(), crate::api::CallError>>);
    let show_more = move |_| {
        let Some(after) = next.get_untracked() else { return };
        let query = filter.with_untracked(InboxFilter::query);
        loading_more.set(None);
        leptos::task::spawn_local(async move {
            match api::inbox(&query, Some(&after), PAGE).await {
                // Only if nothing reloaded the list meanwhile: the page follows what is shown.
                Ok(page) if next.get_untracked().as_deref() == Some(after.as_str()) => {
                    shown.update(|n| *n += page.items.len());
                    later.update(|lines| lines.extend(page.items));
                    next.set(page.next);
                    loading_more.set(Some(Ok(())));
                }
                Ok(_) => loading_more.set(Some(Ok(()))),
                Err(e) => loading_more.set(Some(Err(e))),
            }
        });
    };
    Effect::new(move |_| show_in_address_bar(&filter.with(InboxFilter::query)));
    let announced = Announced(RwSignal::new(None));
    follow_events(reload, announced);

    let rows = move || match inbox.get() {
        None => view! { <p class="loading" role="status">"…"</p> }.into_any(),
        Some(Err(e)) => error_note(&e, lang.get()).into_any(),
        Some(Ok(inbox)) if inbox.items.is_empty() => {
            view! { <p class="muted">{tr(T::NoCaptures)}</p> }.into_any()
        }
        Some(Ok(inbox)) => {
            let mut items = inbox.items;
            items.extend(later.get());
            inbox_table(items, lang.get()).into_any()
        }
    };
    let more = move || {
        next.with(Option::is_some).then(|| {
            view! {
                <button type="button" class="secondary" data-testid="show-more" on:click=show_more>
                    {tr(T::ShowMore)}
                </button>
            }
        })
    };
    let more_failed = move || match loading_more.get() {
        Some(Err(e)) => Some(error_note(&e, lang.get())),
        _ => None,
    };
    view! {
        <section class="card">
            <h1>{tr(T::Inbox)}</h1>
            <div class="filters">
                {filter_select("filter-status", T::Status, filter,
                    |l| CaseStatus::ALL.map(|s| (s.code(), status_name(s).text(l))).to_vec(),
                    |f| f.status.map(CaseStatus::code), |f, v| f.status = CaseStatus::from_code(v))}
                {filter_select("filter-case-type", T::CaseType, filter,
                    |l| CaseType::ALL.map(|c| (c.code(), case_type_name(c, l))).to_vec(),
                    |f| f.case_type.map(CaseType::code), |f, v| f.case_type = CaseType::from_code(v))}
                {filter_select("filter-district", T::District, filter,
                    |_| District::ALL.map(|d| (d.code(), d.name())).to_vec(),
                    |f| f.district.map(District::code), |f, v| f.district = District::from_code(v))}
                {filter_select("filter-platform", T::PlatformHint, filter,
                    |l| Platform::ALL.map(|p| (p.code(), p.name(l))).to_vec(),
                    |f| f.platform.map(Platform::code), |f, v| f.platform = Platform::from_code(v))}
            </div>
            {move || {
                let query = filter.with(InboxFilter::query);
                export_links(move |format| api::inbox_export_url(format, &query))
            }}
        </section>
        <section class="card" data-testid="inbox">{announcement(announced)}{rows}{more}{more_failed}</section>
    }
}

type Choices = fn(Lang) -> Vec<(&'static str, &'static str)>;

/// One labelled filter: "All" or one wire code.
fn filter_select(
    id: &'static str,
    label: T,
    filter: RwSignal<InboxFilter>,
    choices: Choices,
    get: fn(&InboxFilter) -> Option<&'static str>,
    set: fn(&mut InboxFilter, &str),
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="filter">
            <label for=id>{tr(label)}</label>
            <select id=id on:change=move |ev| { let v = event_target_value(&ev); filter.update(|f| set(f, &v)) }>
                <option value="">{tr(T::All)}</option>
                {move || choices(lang.get()).into_iter().map(|(code, name)| view! {
                    <option value=code selected=move || filter.with(get) == Some(code)>{name}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// A table on a wide screen, one card per capture on a phone (style/main.css). Only the journal
/// number is captured text, and it is a text node inside a link the app made from the capture's id.
fn inbox_table(items: Vec<InboxItem>, lang: Lang) -> impl IntoView {
    let head = [
        T::JournalNumber,
        T::CaseType,
        T::Urgency,
        T::District,
        T::PlatformHint,
        T::ReceivedAt,
        T::Status,
        T::Assignee,
        T::Linked,
    ]
    .map(|h| h.text(lang));
    let findings_head = super::words::W::Findings.text(lang);
    // Every plain cell is one shape (a label and a string), so the bundle holds its code once.
    let cell = move |column: usize, text: String| view! { <td data-label=head[column]>{text}</td> };
    view! {
        <table class="inbox-table">
            <thead><tr>
                {head.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}
                <th scope="col">{findings_head}</th>
            </tr></thead>
            <tbody>
                {items.into_iter().map(|item| {
                    let urgency_class = match item.urgency {
                        UrgencyLevel::Critical => "critical",
                        UrgencyLevel::High => "high",
                        _ => "",
                    };
                    let title = if item.journal_number.trim().is_empty() {
                        T::Untitled.text(lang).to_string()
                    } else {
                        item.journal_number
                    };
                    let platforms = item.platforms.iter().map(|p| p.name(lang)).collect::<Vec<_>>().join(", ");
                    let assignee = item.assignee.unwrap_or_else(|| T::Unassigned.text(lang).into());
                    view! {
                        <tr data-id=item.id.clone() data-status=item.status.code() class=urgency_class>
                            <td data-label=head[0]>
                                <Link href=capture_href(&item.id)>"#"{item.server_seq}" "<span class="value">{title}</span></Link>
                            </td>
                            {cell(1, case_type_name(item.case_type, lang).into())}
                            {cell(2, urgency_name(item.urgency).text(lang).into())}
                            {cell(3, item.district.map_or("–", District::name).into())}
                            {cell(4, platforms)}
                            {cell(5, when(&item.received_at))}
                            {cell(6, status_name(item.status).text(lang).into())}
                            {cell(7, assignee)}
                            // One box for the flag and the alert: on a phone the cell lays out its
                            // label and one value side by side, and the alert wraps under the flag.
                            <td data-label=head[8]><span class="linked-cell">
                                {(item.linked > 0).then(|| view! {
                                    <span class="linked-flag" data-count=item.linked>{T::Linked.text(lang)}" ("{item.linked}")"</span>
                                })}
                                {(item.linked == 0).then_some("–")}
                                {alert_note(item.alert, lang)}
                            </span></td>
                            <td data-label=findings_head class="findings" data-count=item.findings>{item.findings}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// Puts the filter in the address bar without a new history entry: Back leaves the inbox, as expected.
fn show_in_address_bar(query: &str) {
    let url = if query.is_empty() {
        "/desk".to_string()
    } else {
        format!("/desk?{query}")
    };
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// Reloads the inbox whenever the desk says a capture arrived or changed, and announces an arrival's
/// link alert. The browser reconnects by itself; events sent while it was away are lost, so a
/// reconnect reloads too. Closed with the page.
fn follow_events(reload: RwSignal<u32>, announced: Announced) {
    let Ok(source) = EventSource::new(api::EVENTS_PATH) else {
        return;
    };
    let bump = move || {
        reload.try_update(|n| *n += 1);
    };
    let on_capture = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        if let Some(data) = event.data().as_string() {
            hear(announced, &data);
        }
        bump();
    });
    let on_resync = Closure::<dyn FnMut()>::new(bump);
    let mut opened = 0;
    let on_open = Closure::<dyn FnMut()>::new(move || {
        opened += 1;
        if opened > 1 {
            bump();
        }
    });
    let _ = source.add_event_listener_with_callback("capture", on_capture.as_ref().unchecked_ref());
    // `resync`: this inbox fell behind the desk's stream and must reload.
    let _ = source.add_event_listener_with_callback("resync", on_resync.as_ref().unchecked_ref());
    let _ = source.add_event_listener_with_callback("open", on_open.as_ref().unchecked_ref());
    // Cleanups run before the owner's stored values are dropped, so the source is still there to close.
    let held = StoredValue::new_local((source, on_capture, on_resync, on_open));
    on_cleanup(move || {
        held.try_with_value(|(source, ..)| source.close());
    });
}
