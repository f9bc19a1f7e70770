//! `/desk/charts`: "the numbers" for the last 7, 30 or 365 days — captures per day (with those sent
//! as emergencies), by case type, platform and district, and the two paces as median and 90th
//! percentile — with the data as CSV. Plain SVG bars drawn here (no chart library: a few bars cost
//! less than any library's bundle); every chart has a sentence that says what it shows and a table
//! of the same numbers, for screen readers and for copying.

use std::collections::BTreeMap;

use leptos::prelude::*;
use spoc_core::desk::{Charts, DayCount, Dimension, Durations, Role, CHART_PERIODS, NO_DISTRICT};
use spoc_core::{CaseType, District, Platform};

use super::words::W;
use super::{fetched, DeskGate};
use crate::api::{call, CallError};
use crate::components::error_note;
use crate::i18n::{use_lang, Lang};
use crate::pages::case_type_name;

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 180.0;
const ROW: f64 = 26.0;
const LABEL: f64 = 200.0;

async fn charts(days: u16) -> Result<Charts, CallError> {
    call("GET", &format!("/api/v1/desk/charts?days={days}"), None).await
}

#[component]
pub fn ChartsPage() -> impl IntoView {
    view! { <DeskGate role=Role::Spoc><Page/></DeskGate> }
}

#[component]
fn Page() -> impl IntoView {
    let lang = use_lang();
    let days = RwSignal::new(30u16);
    let answer = fetched(move || charts(days.get()));
    let body = move || match answer.get() {
        None => view! { <p class="loading" role="status">"…"</p> }.into_any(),
        Some(Err(e)) => error_note(&e, lang.get()).into_any(),
        Some(Ok(charts)) => charts_view(charts, lang.get()).into_any(),
    };
    view! {
        <section class="card" data-testid="charts">
            <h1>{move || W::Charts.text(lang.get())}</h1>
            <p class="help">{move || W::ZoneNote.text(lang.get())}</p>
            <label for="charts-days">{move || W::Period.text(lang.get())}</label>
            <select id="charts-days" on:change=move |ev| {
                if let Ok(d) = event_target_value(&ev).parse::<u16>() { days.set(d) }
            }>
                {CHART_PERIODS.into_iter().map(|d| view! {
                    <option value=d.to_string() selected=move || days.get() == d>
                        {move || format!("{} {d} {}", W::Last.text(lang.get()), W::DaysWord.text(lang.get()))}
                    </option>
                }).collect_view()}
            </select>
            <div class="actions">
                <a class="button" download data-testid="charts-csv"
                    href=move || format!("/api/v1/desk/charts/export?days={}", days.get())>
                    {move || W::DownloadCsv.text(lang.get())}
                </a>
            </div>
        </section>
        {body}
    }
}

fn key_name(dimension: Dimension, key: &str, lang: Lang) -> String {
    let name = match dimension {
        Dimension::CaseType => CaseType::from_code(key).map(|c| case_type_name(c, lang)),
        Dimension::Platform => Platform::from_code(key).map(|p| p.name(lang)),
        Dimension::District if key == NO_DISTRICT => Some(W::NoDistrict.text(lang)),
        Dimension::District => District::from_code(key).map(|d| d.name()),
    };
    name.map_or_else(|| key.to_string(), str::to_string)
}

fn dimension_title(dimension: Dimension) -> W {
    match dimension {
        Dimension::CaseType => W::ByCaseType,
        Dimension::Platform => W::ByPlatform,
        Dimension::District => W::ByDistrict,
    }
}

/// "1 t 5 min", "2 d 3 t", "45 s": a pace as the operator reads it.
fn duration_text(seconds: Option<i64>, lang: Lang) -> String {
    let Some(s) = seconds else { return "–".into() };
    let (sign, s) = if s < 0 { ("−", -s) } else { ("", s) };
    let hour = if lang == Lang::Da { "t" } else { "h" };
    let text = match s {
        0..60 => format!("{s} s"),
        60..3600 => format!("{} min", s / 60),
        3600..86400 => format!("{} {hour} {} min", s / 3600, s % 3600 / 60),
        _ => format!("{} d {} {hour}", s / 86400, s % 86400 / 3600),
    };
    format!("{sign}{text}")
}

fn percent(part: u32, whole: u32) -> u32 {
    if whole == 0 {
        0
    } else {
        (u64::from(part) * 100 / u64::from(whole)) as u32
    }
}

fn charts_view(charts: Charts, lang: Lang) -> impl IntoView {
    let mut totals: BTreeMap<(Dimension, String), u32> = BTreeMap::new();
    for count in &charts.by_key {
        *totals.entry((count.dimension, count.key.clone())).or_default() += count.captures;
    }
    let dimensions = Dimension::ALL.map(|dimension| {
        let mut rows: Vec<(String, u32)> = totals
            .iter()
            .filter(|((d, _), _)| *d == dimension)
            .map(|((_, key), n)| (key_name(dimension, key, lang), *n))
            .collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        bars_view(dimension, rows, charts.captures, lang)
    });
    view! {
        {per_day_view(&charts, lang)}
        {dimensions.into_iter().collect_view()}
        {paces_view(&charts, lang)}
    }
}

fn per_day_view(charts: &Charts, lang: Lang) -> impl IntoView {
    let days = &charts.per_day;
    let most = days
        .iter()
        .max_by_key(|d| d.captures)
        .map_or(1, |d| d.captures)
        .max(1);
    let busiest = days.iter().filter(|d| d.captures > 0).max_by_key(|d| d.captures);
    let summary = format!(
        "{} {} {} {}–{}. {}{} {} ({} %).",
        charts.captures,
        W::CapturesWord.text(lang),
        W::From.text(lang),
        charts.first_day,
        charts.last_day,
        busiest.map_or(String::new(), |d| format!(
            "{} {} ({}). ",
            W::MostOn.text(lang),
            d.day,
            d.captures
        )),
        charts.emergencies,
        W::SentAsEmergency.text(lang),
        percent(charts.emergencies, charts.captures),
    );
    let step = WIDTH / days.len().max(1) as f64;
    let bar = |d: &DayCount, n: u32, i: usize, fill: &'static str| {
        let h = HEIGHT * f64::from(n) / f64::from(most);
        view! { <rect x=i as f64 * step y=HEIGHT - h width=(step - 1.0).max(1.0) height=h fill=fill><title>{format!("{}: {n}", d.day)}</title></rect> }
    };
    view! {
        <section class="card" data-testid="chart-per-day">
            <h2>{W::PerDay.text(lang)}</h2>
            <figure class="chart">
                <svg viewBox=format!("0 -4 {WIDTH} {}", HEIGHT + 8.0) width="100%" role="img"
                    aria-label=summary.clone()>
                    {days.iter().enumerate().map(|(i, d)| view! {
                        {bar(d, d.captures, i, "#1f5fbf")}
                        {bar(d, d.emergencies, i, "#b3261e")}
                    }).collect_view()}
                    <line x1="0" y1=HEIGHT x2=WIDTH y2=HEIGHT stroke="currentColor"/>
                </svg>
                <figcaption data-testid="chart-summary">{summary}" "<span class="help">{W::PerDayLegend.text(lang)}</span></figcaption>
            </figure>
            <details>
                <summary>{W::ShowTable.text(lang)}</summary>
                <table class="chart-table" data-testid="chart-table">
                    <caption>{W::PerDay.text(lang)}</caption>
                    <thead><tr>
                        <th scope="col">{W::Day.text(lang)}</th>
                        <th scope="col">{W::Captures.text(lang)}</th>
                        <th scope="col">{W::SentAsEmergency.text(lang)}</th>
                    </tr></thead>
                    <tbody>
                        {days.iter().map(|d| view! {
                            <tr><th scope="row">{d.day.clone()}</th><td>{d.captures}</td><td>{d.emergencies}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </details>
        </section>
    }
}

fn bars_view(dimension: Dimension, rows: Vec<(String, u32)>, captures: u32, lang: Lang) -> impl IntoView {
    let title = dimension_title(dimension).text(lang);
    let most = rows.first().map_or(1, |r| r.1).max(1);
    let summary = match rows.first() {
        None => W::NoneInPeriod.text(lang).to_string(),
        Some((name, n)) => format!(
            "{title}: {} {name} ({n} {} {captures}). {}",
            W::MostFor.text(lang),
            W::Of.text(lang),
            rows.iter()
                .map(|(k, n)| format!("{k} {n}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let height = ROW * rows.len().max(1) as f64;
    let code = dimension.code();
    view! {
        <section class="card" data-testid=format!("chart-{code}")>
            <h2>{title}</h2>
            <figure class="chart">
                <svg viewBox=format!("0 0 {WIDTH} {height}") width="100%" role="img" aria-label=summary.clone()>
                    {rows.iter().enumerate().map(|(i, (name, n))| {
                        let y = i as f64 * ROW;
                        let w = (WIDTH - LABEL - 60.0) * f64::from(*n) / f64::from(most);
                        view! {
                            <text x=LABEL - 8.0 y=y + 18.0 text-anchor="end" font-size="14" fill="currentColor">{name.clone()}</text>
                            <rect x=LABEL y=y + 4.0 width=w.max(1.0) height=ROW - 8.0 fill="#1f5fbf"/>
                            <text x=LABEL + w + 6.0 y=y + 18.0 font-size="14" fill="currentColor">{*n}</text>
                        }
                    }).collect_view()}
                </svg>
                <figcaption data-testid="chart-summary">{summary}</figcaption>
            </figure>
            <table class="chart-table" data-testid="chart-table">
                <caption>{title}</caption>
                <thead><tr>
                    <th scope="col">{title}</th>
                    <th scope="col">{W::Captures.text(lang)}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|(name, n)| view! {
                        <tr><th scope="row">{name}</th><td>{n}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            <p class="help">{W::PerDayInCsv.text(lang)}</p>
        </section>
    }
}

fn paces_view(charts: &Charts, lang: Lang) -> impl IntoView {
    let paces: [(W, &Durations); 2] = [
        (W::CaptureToReceipt, &charts.capture_to_receipt),
        (W::ReceiptToSent, &charts.receipt_to_preservation_sent),
    ];
    let sentence = |name: W, pace: &Durations| {
        format!(
            "{}: {} {}, {} {} ({} {}).",
            name.text(lang),
            W::Median.text(lang),
            duration_text(pace.p50_seconds, lang),
            W::P90.text(lang),
            duration_text(pace.p90_seconds, lang),
            pace.count,
            W::CapturesWord.text(lang)
        )
    };
    let longest = paces
        .iter()
        .filter_map(|(_, p)| p.p90_seconds)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let summary = paces
        .iter()
        .map(|(n, p)| sentence(*n, p))
        .collect::<Vec<_>>()
        .join(" ");
    let width = |s: Option<i64>| ((WIDTH - LABEL - 120.0) * s.unwrap_or(0).max(0) as f64 / longest).max(1.0);
    view! {
        <section class="card" data-testid="chart-paces">
            <h2>{W::Paces.text(lang)}</h2>
            <figure class="chart">
                <svg viewBox=format!("0 0 {WIDTH} {}", ROW * 4.0) width="100%" role="img" aria-label=summary.clone()>
                    {paces.iter().enumerate().map(|(i, (name, pace))| {
                        let y = i as f64 * ROW * 2.0;
                        view! {
                            <text x=LABEL - 8.0 y=y + 18.0 text-anchor="end" font-size="13" fill="currentColor">{W::Median.text(lang)}</text>
                            <rect x=LABEL y=y + 4.0 width=width(pace.p50_seconds) height=ROW - 8.0 fill="#1f5fbf"><title>{name.text(lang)}</title></rect>
                            <text x=LABEL - 8.0 y=y + ROW + 18.0 text-anchor="end" font-size="13" fill="currentColor">{W::P90.text(lang)}</text>
                            <rect x=LABEL y=y + ROW + 4.0 width=width(pace.p90_seconds) height=ROW - 8.0 fill="#6b8fd6"><title>{name.text(lang)}</title></rect>
                        }
                    }).collect_view()}
                </svg>
                <figcaption data-testid="chart-summary">{summary}</figcaption>
            </figure>
            <table class="chart-table" data-testid="chart-table">
                <caption>{W::Paces.text(lang)}</caption>
                <thead><tr>
                    <th scope="col">{W::Pace.text(lang)}</th>
                    <th scope="col">{W::Captures.text(lang)}</th>
                    <th scope="col">{W::Median.text(lang)}</th>
                    <th scope="col">{W::P90.text(lang)}</th>
                </tr></thead>
                <tbody>
                    {paces.iter().map(|(name, pace)| view! {
                        <tr>
                            <th scope="row">{name.text(lang)}</th>
                            <td>{pace.count}</td>
                            <td>{duration_text(pace.p50_seconds, lang)}</td>
                            <td>{duration_text(pace.p90_seconds, lang)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
