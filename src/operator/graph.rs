//! The link graph on the desk: captures and identifiers as nodes, "names" as edges, drawn as plain
//! SVG with a deterministic layout (the start in the middle, each distance on its own ring, nodes
//! spread evenly in the desk's order), every node a link to its page, and the same data as a table
//! beside it for screen readers and for copying. No graph library: concentric rings read well at
//! the graph's size (at most 200 nodes) and cost a few KB of the desk bundle only.

use leptos::prelude::*;
use spoc_core::desk::{GraphNode, LinkGraph, Role};

use super::identifier::{identifier_href, identifier_text};
use super::words::W;
use super::{capture_href, fetched, status_name};
use crate::api::{call, CallError};
use crate::components::error_note;
use crate::i18n::{use_lang, Lang};
use crate::pages::case_type_name;
use crate::router::{navigate, Link};
use crate::session::use_session;

const SIZE: f64 = 800.0;
const LABEL_CHARS: usize = 18;

/// `root_query` is `capture=UUID` or `identifier=KEY` (encoded).
async fn link_graph(root_query: String, hops: u8) -> Result<LinkGraph, CallError> {
    call(
        "GET",
        &format!("/api/v1/desk/graph?{root_query}&hops={hops}"),
        None,
    )
    .await
}

/// The graph around a capture (`capture=…`) or an identifier (`identifier=…`).
#[component]
pub fn GraphSection(root_query: String) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let hops = RwSignal::new(2u8);
    let answer = fetched(move || link_graph(root_query.clone(), hops.get()));
    let is_spoc = move || session.me.get().is_some_and(|me| me.role == Role::Spoc);
    let body = move || match answer.get() {
        None => view! { <p class="loading" role="status">"…"</p> }.into_any(),
        Some(Err(e)) => error_note(&e, lang.get()).into_any(),
        Some(Ok(graph)) => graph_view(graph, lang.get()).into_any(),
    };
    view! {
        <Show when=is_spoc>
            <section class="card" data-testid="link-graph">
                <h2>{move || W::Graph.text(lang.get())}</h2>
                <label for="graph-hops">{move || W::Hops.text(lang.get())}</label>
                <select id="graph-hops" on:change=move |ev| {
                    if let Ok(h) = event_target_value(&ev).parse::<u8>() { hops.set(h) }
                }>
                    {[1u8, 2, 3].into_iter().map(|h| view! {
                        <option value=h.to_string() selected=move || hops.get() == h>{h}</option>
                    }).collect_view()}
                </select>
                {body}
            </section>
        </Show>
    }
}

fn href_of(node: &GraphNode) -> String {
    match (&node.capture, &node.key) {
        (Some(capture), _) => capture_href(&capture.id),
        (None, Some(key)) => identifier_href(key),
        (None, None) => "#".into(),
    }
}

fn label_of(node: &GraphNode, lang: Lang) -> String {
    match (&node.capture, &node.identifier) {
        (Some(c), _) => format!("#{} {}", c.server_seq, c.district.map_or("", |d| d.name())),
        (None, Some(i)) => format!("{} · {}", i.platform.name(lang), i.value),
        (None, None) => node.id.clone(),
    }
}

fn short(text: &str) -> String {
    if text.chars().count() <= LABEL_CHARS {
        text.to_string()
    } else {
        let cut: String = text.chars().take(LABEL_CHARS - 1).collect();
        format!("{cut}…")
    }
}

/// Where each node goes: the start in the middle, distance `d` on ring `d`, the nodes of a ring
/// evenly spaced from the top (each ring turned a little so neighbours do not line up).
pub fn layout(nodes: &[GraphNode]) -> Vec<(f64, f64)> {
    let deepest = nodes.iter().map(|n| n.distance).max().unwrap_or(0).max(1) as f64;
    let ring_gap = (SIZE / 2.0 - 60.0) / deepest;
    let centre = SIZE / 2.0;
    let mut on_ring: std::collections::BTreeMap<u8, (usize, usize)> = Default::default();
    for node in nodes {
        on_ring.entry(node.distance).or_default().1 += 1;
    }
    nodes
        .iter()
        .map(|node| {
            let entry = on_ring.get_mut(&node.distance).expect("counted above");
            let (index, count) = (entry.0, entry.1);
            entry.0 += 1;
            if node.distance == 0 && count == 1 {
                return (centre, centre);
            }
            let radius = ring_gap * node.distance.max(1) as f64;
            let turn = std::f64::consts::TAU * index as f64 / count as f64 - std::f64::consts::FRAC_PI_2
                + 0.35 * node.distance as f64;
            (centre + radius * turn.cos(), centre + radius * turn.sin())
        })
        .collect()
}

fn graph_view(graph: LinkGraph, lang: Lang) -> impl IntoView {
    let places = layout(&graph.nodes);
    let place_of = |id: &str| graph.nodes.iter().position(|n| n.id == id).map(|i| places[i]);
    let lines: Vec<(f64, f64, f64, f64)> = graph
        .edges
        .iter()
        .filter_map(|e| {
            let (a, b) = (place_of(&e.capture)?, place_of(&e.identifier)?);
            Some((a.0, a.1, b.0, b.1))
        })
        .collect();
    let neighbours = |node: &GraphNode| -> Vec<String> {
        graph
            .edges
            .iter()
            .filter_map(|e| {
                let other = if e.capture == node.id {
                    &e.identifier
                } else if e.identifier == node.id {
                    &e.capture
                } else {
                    return None;
                };
                graph
                    .nodes
                    .iter()
                    .find(|n| &n.id == other)
                    .map(|n| label_of(n, lang))
            })
            .collect()
    };
    let rows: Vec<_> = graph.nodes.iter().map(|n| (n.clone(), neighbours(n))).collect();
    let summary = format!(
        "{} {} · {} {}",
        graph.nodes.len(),
        W::Nodes.text(lang),
        graph.edges.len(),
        W::Edges.text(lang)
    );
    let nodes = graph.nodes.clone();
    view! {
        {graph.capped.then(|| view! {
            <p class="warning" role="status" data-testid="graph-capped">
                {W::GraphCapped.text(lang)}" ("{graph.max_nodes}")"
            </p>
        })}
        <p class="meta">{summary.clone()}</p>
        <div class="graph">
            <figure class="graph-drawing">
                <svg viewBox=format!("0 0 {SIZE} {SIZE}") width="100%" role="group"
                    aria-label=format!("{} · {summary}", W::Graph.text(lang)) data-testid="graph-svg">
                    <g stroke="#8a8f98" stroke-width="1.5">
                        {lines.into_iter().map(|(x1, y1, x2, y2)| view! {
                            <line x1=x1 y1=y1 x2=x2 y2=y2/>
                        }).collect_view()}
                    </g>
                    {nodes.into_iter().zip(places).map(|(node, (x, y))| {
                        let href = href_of(&node);
                        let path = href.clone();
                        let label = label_of(&node, lang);
                        let is_capture = node.capture.is_some();
                        let fill = if node.distance == 0 { "#b3261e" } else if is_capture { "#1f5fbf" } else { "#2e7d32" };
                        view! {
                            <g data-node=node.id.clone()>
                                <a href=href on:click=move |ev: leptos::ev::MouseEvent| {
                                    if ev.button() == 0 && !ev.ctrl_key() && !ev.meta_key() && !ev.shift_key() {
                                        ev.prevent_default();
                                        navigate(&path);
                                    }
                                }>
                                    <title>{label.clone()}</title>
                                    {if is_capture {
                                        view! { <circle cx=x cy=y r="14" fill=fill/> }.into_any()
                                    } else {
                                        view! { <rect x=x - 12.0 y=y - 12.0 width="24" height="24" fill=fill/> }.into_any()
                                    }}
                                    <text x=x y=y + 30.0 text-anchor="middle" font-size="15" fill="currentColor">{short(&label)}</text>
                                </a>
                            </g>
                        }
                    }).collect_view()}
                </svg>
                <figcaption class="help">{W::GraphLegend.text(lang)}</figcaption>
            </figure>
            <div class="graph-table-box">
                <table class="graph-table" data-testid="graph-table">
                    <caption>{W::GraphTable.text(lang)}</caption>
                    <thead><tr>
                        <th scope="col">{W::Node.text(lang)}</th>
                        <th scope="col">{W::Distance.text(lang)}</th>
                        <th scope="col">{W::LinkedTo.text(lang)}</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|(node, next)| {
                            let detail = match (&node.capture, &node.identifier) {
                                (Some(c), _) => format!(
                                    "{} · {}",
                                    case_type_name(c.case_type, lang),
                                    status_name(c.status).text(lang)
                                ),
                                (None, Some(i)) => identifier_text(i, lang),
                                (None, None) => String::new(),
                            };
                            let (id, href, label) = (node.id.clone(), href_of(&node), label_of(&node, lang));
                            view! {
                                <tr data-node=id>
                                    <td><Link href=href>{label}</Link>
                                        <br/><span class="meta">{detail}</span></td>
                                    <td>{node.distance}</td>
                                    <td>{next.join("; ")}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </div>
    }
}
