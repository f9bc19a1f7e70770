//! The desk at national scale (issue 12), measured — not asserted. `make bench` runs it in release on
//! SQLite (a temporary file) and on a throwaway PostgreSQL 15 with its durability settings left on
//! (`SPOC_PG_DURABLE=1 tools/with-postgres.sh`), and the README's figures come from its output:
//!
//! 1. ingest: 10,000 sealed, signed captures in batches of 50 from 4 concurrent clients, through one
//!    desk and through two desks on the same database (clients spread over both), beside the same
//!    rows put in with plain multi-row `INSERT`s (`Store::load_captures`, 50 a transaction, 4 at once);
//! 2. the journal head: journal entries per second with 1, 4 and 16 concurrent writers (each entry
//!    its own transaction, all taking the one head row), on one desk and on two;
//! 3. the live inbox: from sending a capture to desk A until an operator's event stream on desk B
//!    tells of it (on SQLite, one desk: there are no others);
//! 4. at 100,000 captures and 1,000,000 indexed identifiers: the inbox's first page, a page 50,000
//!    lines in, and a link lookup, p50 and p99 over HTTP; then the CSV export of all of them, with
//!    this process's resident memory before and its peak after (the export streams: the peak should
//!    not grow with the number of captures);
//! 5. at the same size (issue 17): the link graph for a capture, 3 hops out, p50 and p99 over HTTP;
//!    then the charts page's numbers (`/desk/charts`, its queries) for 7, 30 and 365 days and its
//!    CSV, with the captures' receipts spread over the last 365 days and 2,000 of them moved to
//!    "preservation sent" (journalled like an operator's move).
//!
//! Desks run in this process, each with its own pool and listener (as `tests/replicas.rs` shows
//! separate processes behave). Sizes: `BENCH_INGEST` (10000), `BENCH_CAPTURES` (100000),
//! `BENCH_IDENTIFIERS` per capture (10), `BENCH_JOURNAL` entries per run (3000).

#[path = "../tests/common/mod.rs"]
mod common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;
use futures_util::StreamExt;
use serde_json::Value;
use spoc_core::api::Submission;
use spoc_core::desk::Role;
use spoc_core::Platform;
use spoc_desk::store::{Store, Who};

const CLIENTS: usize = 4;
const BATCH: usize = 50;
/// Requests per latency figure.
const SAMPLES: usize = 200;

fn size(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[tokio::main]
async fn main() {
    let engine = match engine() {
        Engine::Sqlite => "SQLite",
        Engine::Postgres => "PostgreSQL",
    };
    let ingest_n = size("BENCH_INGEST", 10_000);
    println!("# desk scale benchmark on {engine}");

    let one = ingest(ingest_n, 1).await;
    let two = ingest(ingest_n, 2).await;
    let plain = plain_insert(ingest_n).await;
    println!(
        "ingest {ingest_n} sealed signed captures, batches of {BATCH}, {CLIENTS} clients: one desk \
         {one:.0}/s, two desks {two:.0}/s; plain INSERT of the same rows {plain:.0}/s (desk = {:.0}% of plain)",
        100.0 * one / plain
    );

    let entries = size("BENCH_JOURNAL", 3000);
    for desks in [1, 2] {
        for writers in [1, 4, 16] {
            let rate = journal_writes(entries, desks, writers).await;
            println!("journal: {desks} desk(s), {writers} concurrent writers: {rate:.0} entries/s");
        }
    }

    let (send, delay) = live_delay().await;
    println!(
        "live event, send on desk A → event on desk {}: p50 {} p99 {} (the ingest round trip alone: p50 {} p99 {})",
        if engine == "SQLite" { "A (one desk)" } else { "B" },
        ms(percentile(&delay, 50)),
        ms(percentile(&delay, 99)),
        ms(percentile(&send, 50)),
        ms(percentile(&send, 99)),
    );

    inbox_at_scale(size("BENCH_CAPTURES", 100_000), size("BENCH_IDENTIFIERS", 10)).await;
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn percentile(samples: &[Duration], p: usize) -> Duration {
    let mut sorted = samples.to_vec();
    sorted.sort();
    sorted[(sorted.len() * p / 100).min(sorted.len() - 1)]
}

/// Captures per second through `desks` desks on one database.
async fn ingest(n: usize, desks: usize) -> f64 {
    let desk = Desk::start().await;
    let mut addrs = vec![desk.addr];
    for _ in 1..desks {
        addrs.push(desk.replica().await);
    }
    let sealed: Vec<Value> = (0..n).map(|_| desk.to_value(&submission(&new_id()))).collect();
    let batches: Vec<Value> = sealed.chunks(BATCH).map(|c| batch(c.to_vec())).collect();
    let queue = Arc::new(Mutex::new(batches.into_iter()));
    let mut clients = Vec::new();
    for c in 0..CLIENTS {
        let addr = addrs[c % addrs.len()];
        clients.push((addr, signed_in_at(addr, OFFICER).await));
    }
    let started = Instant::now();
    let tasks: Vec<_> = clients
        .into_iter()
        .map(|(addr, client)| {
            let queue = queue.clone();
            tokio::spawn(async move {
                let mut created = 0;
                loop {
                    let Some(body) = queue.lock().unwrap().next() else {
                        break;
                    };
                    let response = client
                        .post(format!("http://{addr}/api/v1/captures/batch"))
                        .json(&body)
                        .send()
                        .await
                        .expect("request");
                    let (status, answer) = read(response).await;
                    assert_eq!(status, 200, "{answer}");
                    for result in answer["results"].as_array().unwrap() {
                        assert_eq!(result["status"], 201, "{result}");
                        created += 1;
                    }
                }
                created
            })
        })
        .collect();
    let mut created = 0;
    for task in tasks {
        created += task.await.unwrap();
    }
    let rate = created as f64 / started.elapsed().as_secs_f64();
    assert_eq!(created, n);
    desk.store.close().await;
    rate
}

/// Rows per second put in with multi-row INSERTs, 50 a transaction, from 4 tasks at once.
async fn plain_insert(n: usize) -> f64 {
    let desk = Desk::start().await;
    let officer = desk.store.account(OFFICER).await.unwrap().unwrap().id;
    let rows: Vec<Submission> = (0..n).map(|_| submission(&new_id())).collect();
    let chunks: Vec<Vec<Submission>> = rows.chunks(BATCH).map(<[Submission]>::to_vec).collect();
    let queue = Arc::new(Mutex::new(chunks.into_iter()));
    let started = Instant::now();
    let tasks: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (queue, store) = (queue.clone(), desk.store.clone());
            tokio::spawn(async move {
                loop {
                    let Some(chunk) = queue.lock().unwrap().next() else {
                        break;
                    };
                    store.load_captures(&chunk, Some(officer)).await.expect("insert");
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    n as f64 / started.elapsed().as_secs_f64()
}

/// Journal entries per second, each in its own transaction, from `writers` tasks spread over `desks`
/// stores on one database.
async fn journal_writes(entries: usize, desks: usize, writers: usize) -> f64 {
    let desk = Desk::start().await;
    let mut stores = vec![desk.store.clone()];
    for _ in 1..desks {
        stores.push(Store::open(&desk.db.url).await.expect("a second desk's store"));
    }
    let each = entries / writers;
    let started = Instant::now();
    let tasks: Vec<_> = (0..writers)
        .map(|w| {
            let store = stores[w % stores.len()].clone();
            tokio::spawn(async move {
                for _ in 0..each {
                    store
                        .journal(&Who::cli(), "bench.write", "bench", "")
                        .await
                        .expect("journal");
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    let rate = (each * writers) as f64 / started.elapsed().as_secs_f64();
    let verified = desk.store.verify_journal().await.expect("verify");
    assert!(
        matches!(verified, spoc_desk::store::Verification::Intact { .. }),
        "{verified:?}"
    );
    rate
}

/// Per capture: (send → 201 on desk A, send → event on the stream of desk B).
async fn live_delay() -> (Vec<Duration>, Vec<Duration>) {
    let desk = Desk::start().await;
    let other = match engine() {
        Engine::Postgres => desk.replica().await,
        Engine::Sqlite => desk.addr,
    };
    let operator = signed_in_at(other, OPERATOR).await;
    let response = operator
        .get(format!("http://{other}/api/v1/desk/events"))
        .send()
        .await
        .expect("event stream");
    assert_eq!(response.status(), 200);
    let mut stream = response.bytes_stream();
    let (mut sends, mut delays) = (Vec::new(), Vec::new());
    for _ in 0..SAMPLES {
        let sent = submission(&new_id());
        let body = desk.to_value(&sent);
        let started = Instant::now();
        let (status, answer) = desk.post_json("/api/v1/captures", &body).await;
        assert_eq!(status, 201, "{answer}");
        sends.push(started.elapsed());
        let mut seen = String::new();
        tokio::time::timeout(Duration::from_secs(10), async {
            while !seen.contains(&sent.capture.id) {
                let chunk = stream.next().await.expect("the stream goes on").expect("a chunk");
                seen.push_str(&String::from_utf8_lossy(&chunk));
            }
        })
        .await
        .expect("the event within 10 s");
        delays.push(started.elapsed());
    }
    (sends, delays)
}

/// Loads `captures` with `per` identifiers each, then times the inbox and the lookup over HTTP.
async fn inbox_at_scale(captures: usize, per: usize) {
    let desk = Desk::start().await;
    let officer = desk.store.account(OFFICER).await.unwrap().unwrap().id;
    let started = Instant::now();
    for start in (0..captures).step_by(5000) {
        let chunk: Vec<Submission> = (start..(start + 5000).min(captures))
            .map(|n| {
                let raws: Vec<(String, Option<Platform>)> = (0..per)
                    .map(|j| {
                        // The last one of each capture (a TikTok account) is shared with nine
                        // other captures: links to find. The rest are TikTok and Instagram accounts
                        // of their own.
                        if j + 1 == per {
                            (
                                format!("@bench.shared{}", n % (captures / 10).max(1)),
                                Some(Platform::Tiktok),
                            )
                        } else if j % 2 == 0 {
                            (format!("@bench.u{}", n * per + j), Some(Platform::Tiktok))
                        } else {
                            (format!("@bench.u{}", n * per + j), Some(Platform::Instagram))
                        }
                    })
                    .collect();
                let refs: Vec<(&str, Option<Platform>)> =
                    raws.iter().map(|(r, p)| (r.as_str(), *p)).collect();
                let mut capture = capture_with_identifiers(&new_id(), &refs);
                capture.flags.danger_to_life = n.is_multiple_of(101);
                Submission::new(capture).expect("valid")
            })
            .collect();
        desk.store
            .load_captures(&chunk, Some(officer))
            .await
            .expect("load");
    }
    let mut raw = desk.raw().await;
    let identifiers = raw.fetch_i64("SELECT COUNT(*) FROM capture_identifiers").await;
    let deep = raw
        .fetch_texts(&format!(
            "SELECT CAST(inbox_rank AS TEXT), CAST(server_seq AS TEXT) FROM captures \
             ORDER BY inbox_rank, server_seq DESC LIMIT 1 OFFSET {}",
            captures / 2 - 1
        ))
        .await;
    raw.close().await;
    let deep_cursor = format!("{}.{}", deep[0][0], deep[0][1]);
    println!(
        "loaded {captures} captures with {identifiers} identifiers in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let operator = desk.client_of(Role::Spoc).await;
    let time = |path: String| timed_get(&operator, desk.url(&path));
    let mut first = Vec::new();
    let mut deep_page = Vec::new();
    let mut lookup = Vec::new();
    for n in 0..SAMPLES {
        let (took, body) = time("/api/v1/desk/inbox".into()).await;
        assert_eq!(body["items"].as_array().unwrap().len(), 50);
        first.push(took);
        let (took, body) = time(format!("/api/v1/desk/inbox?after={deep_cursor}")).await;
        assert_eq!(body["items"].as_array().unwrap().len(), 50);
        deep_page.push(took);
        let shared = (n * 7919) % (captures / 10).max(1);
        let (took, body) = time(format!(
            "/api/v1/desk/lookup?q=%40bench.shared{shared}&platform=tiktok"
        ))
        .await;
        assert!(
            !body["captures"].as_array().map(Vec::is_empty).unwrap_or(true),
            "{body}"
        );
        lookup.push(took);
    }
    export_all(&desk, &operator, captures).await;
    graph_and_charts(&desk, &operator, captures, identifiers).await;
    for (what, samples) in [
        ("inbox first page (50 lines)", &first),
        ("inbox page 50,000 lines in", &deep_page),
        ("link lookup (10 captures found)", &lookup),
    ] {
        println!(
            "at {captures} captures / {identifiers} identifiers, {what}: p50 {} p99 {}",
            ms(percentile(samples, 50)),
            ms(percentile(samples, 99))
        );
    }
}

/// A `GET` that must answer 200: how long it took, and the answer.
async fn timed_get(operator: &reqwest::Client, url: String) -> (Duration, Value) {
    let started = Instant::now();
    let response = operator.get(url).send().await.expect("request");
    let (status, body) = read(response).await;
    assert_eq!(status, 200, "{body}");
    (started.elapsed(), body)
}

/// The CSV list export of every capture, read as it streams; its time, size, and this process's
/// memory (the desks run in it).
async fn export_all(desk: &Desk, operator: &reqwest::Client, captures: usize) {
    let before = memory_kb("VmRSS:");
    let started = Instant::now();
    let mut response = operator
        .get(desk.url("/api/v1/desk/export?format=csv"))
        .send()
        .await
        .expect("export");
    assert_eq!(response.status(), 200);
    let (mut bytes, mut lines) = (0usize, 0usize);
    while let Some(chunk) = response.chunk().await.expect("a chunk") {
        bytes += chunk.len();
        lines += chunk.iter().filter(|&&b| b == b'\n').count();
    }
    println!(
        "CSV export of {captures} captures: {:.1} s, {:.1} MB, {lines} line ends; resident memory {} MB \
         before, peak {} MB after",
        started.elapsed().as_secs_f64(),
        bytes as f64 / 1e6,
        before / 1024,
        memory_kb("VmHWM:") / 1024
    );
}

/// A figure of `/proc/self/status` in KB (0 where there is none).
fn memory_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Requests per figure of the graph and the charts (each a heavier read than an inbox page).
const HEAVY_SAMPLES: usize = 50;

/// The graph for a capture 3 hops out, then the charts page's numbers; p50 and p99 of each.
async fn graph_and_charts(desk: &Desk, operator: &reqwest::Client, captures: usize, identifiers: i64) {
    let time = |path: String| timed_get(operator, desk.url(&path));
    let mut raw = desk.raw().await;
    let ids: Vec<String> = raw
        .fetch_texts(&format!(
            "SELECT id FROM captures WHERE server_seq % {} = 0 ORDER BY server_seq",
            (captures / HEAVY_SAMPLES).max(1)
        ))
        .await
        .into_iter()
        .map(|row| row[0].clone())
        .collect();
    let mut graph = Vec::new();
    let mut nodes = 0;
    for id in ids.iter().take(HEAVY_SAMPLES) {
        let (took, body) = time(format!("/api/v1/desk/graph?capture={id}&hops=3")).await;
        nodes += body["nodes"].as_array().map_or(0, Vec::len);
        graph.push(took);
    }
    println!(
        "at {captures} captures / {identifiers} identifiers, link graph for a capture, 3 hops \
         ({} nodes on average): p50 {} p99 {}",
        nodes / graph.len().max(1),
        ms(percentile(&graph, 50)),
        ms(percentile(&graph, 99))
    );

    // Receipts a day apart over the last 365 days, then 2,000 moves to "preservation sent".
    let spread = match engine() {
        Engine::Sqlite => {
            "UPDATE captures SET received_at = \
            strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || (server_seq % 365) || ' days')"
        }
        Engine::Postgres => {
            "UPDATE captures SET received_at = \
            date_trunc('milliseconds', now()) - (server_seq % 365) * interval '1 day'"
        }
    };
    raw.execute(spread).await.expect("spread the receipts");
    let moved: Vec<String> = raw
        .fetch_texts(&format!(
            "SELECT id FROM captures WHERE server_seq % {} = 1",
            (captures / 2000).max(1)
        ))
        .await
        .into_iter()
        .map(|row| row[0].clone())
        .collect();
    raw.close().await;
    let change = spoc_core::desk::StatusChange {
        from: spoc_core::desk::CaseStatus::Received,
        to: spoc_core::desk::CaseStatus::PreservationSent,
        reason: String::new(),
    };
    for id in &moved {
        desk.store
            .move_status(&Who::cli(), id, &change)
            .await
            .expect("move");
    }
    for (what, path) in [
        ("charts, 7 days", "/api/v1/desk/charts?days=7"),
        ("charts, 30 days", "/api/v1/desk/charts?days=30"),
        ("charts, 365 days", "/api/v1/desk/charts?days=365"),
    ] {
        let mut samples = Vec::new();
        for _ in 0..HEAVY_SAMPLES / 5 {
            samples.push(time(path.into()).await.0);
        }
        println!(
            "at {captures} captures ({} moved to preservation sent), {what}: p50 {} p99 {}",
            moved.len(),
            ms(percentile(&samples, 50)),
            ms(percentile(&samples, 99))
        );
    }
    let started = Instant::now();
    let response = operator
        .get(desk.url("/api/v1/desk/charts/export?days=365"))
        .send()
        .await
        .expect("charts CSV");
    assert_eq!(response.status(), 200);
    let bytes = response.bytes().await.expect("the CSV").len();
    println!(
        "charts CSV, 365 days: {:.0} ms, {bytes} bytes",
        started.elapsed().as_secs_f64() * 1000.0
    );
}
