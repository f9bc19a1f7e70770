//! National scale: a desk holding 100,000 captures. The inbox pages through all of them by keyset
//! (every capture once, none missing, in one stable order, every page bounded, also while new
//! captures arrive), and the list export streams all of them (its first bytes arrive while most of
//! the export is still unread and unjournalled, and every capture is in it once).
//!
//! The captures are put in with `Store::load_captures` (multi-row INSERTs in one transaction, no
//! journal entries), so filling the desk takes seconds; the captures sent during paging go through
//! the HTTP API as a device sends them. Runs on both engines like the rest of the suite.

mod common;

use std::collections::HashSet;

use common::*;
use serde_json::Value;
use spoc_core::api::Submission;
use spoc_core::desk::Role;
use spoc_core::{CaseType, District, Platform, UrgencyFlags};

const CAPTURES: usize = 100_000;
/// The most the inbox gives in one page (`http::desk::inbox::MAX_PAGE`).
const PAGE: usize = 500;

/// The `n`-th capture of the load: urgencies, case types and districts mixed, and one in ten naming
/// one of 1,000 TikTok accounts (so inbox lines carry platforms and links).
fn varied(n: usize) -> Submission {
    let id = new_id();
    let mut capture = if n.is_multiple_of(10) {
        let account = format!("@scale.user{}", n % 1000);
        capture_with_identifiers(&id, &[(account.as_str(), Some(Platform::Tiktok))])
    } else {
        capture(&id)
    };
    capture.flags = UrgencyFlags {
        danger_to_life: n.is_multiple_of(101),
        victim_minor: n.is_multiple_of(3),
        ongoing: n.is_multiple_of(7),
    };
    capture.case_type = [CaseType::Sextortion, CaseType::Grooming][n % 2];
    capture.officer.district = Some([District::Fyn, District::Bornholm, District::Nordsjaelland][n % 3]);
    Submission::new(capture).expect("a valid capture")
}

async fn load(desk: &Desk) {
    let officer = desk.store.account(OFFICER).await.unwrap().unwrap().id;
    let started = std::time::Instant::now();
    let submissions: Vec<Submission> = (0..CAPTURES).map(varied).collect();
    let made = started.elapsed();
    desk.store
        .load_captures(&submissions, Some(officer))
        .await
        .expect("load the captures");
    // Some moved on in the workflow, so the inbox's ranks (open before closed) are all in use.
    desk.execute("UPDATE captures SET status = 'closed' WHERE server_seq % 10 = 3")
        .await
        .unwrap();
    desk.execute("UPDATE captures SET status = 'triaged' WHERE server_seq % 10 = 5")
        .await
        .unwrap();
    eprintln!(
        "{CAPTURES} captures made in {made:?}, loaded in {:?}",
        started.elapsed() - made
    );
}

/// Every capture's id in the inbox's order, as the database sorts it.
async fn inbox_order(desk: &Desk) -> Vec<String> {
    let mut raw = desk.raw().await;
    let ids = raw
        .fetch_texts("SELECT id FROM captures ORDER BY inbox_rank, server_seq DESC")
        .await
        .into_iter()
        .map(|mut row| row.remove(0))
        .collect();
    raw.close().await;
    ids
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_inbox_pages_through_100000_captures_and_the_export_streams_them_all() {
    let desk = Desk::start().await;
    load(&desk).await;
    let expected = inbox_order(&desk).await;
    assert_eq!(expected.len(), CAPTURES);
    let operator = desk.client_of(Role::Spoc).await;

    // Paging, with captures arriving in the middle of it.
    let started = std::time::Instant::now();
    let mut seen: Vec<String> = Vec::with_capacity(CAPTURES);
    let mut arrived: Vec<String> = Vec::new();
    let mut after: Option<String> = None;
    let mut pages = 0;
    loop {
        let path = match &after {
            None => format!("/api/v1/desk/inbox?limit={PAGE}"),
            Some(cursor) => format!("/api/v1/desk/inbox?limit={PAGE}&after={cursor}"),
        };
        let (status, page) = desk.get_as(&operator, &path).await;
        assert_eq!(status, 200, "{page}");
        let items = page["items"].as_array().unwrap();
        assert!(items.len() <= PAGE, "page {pages} holds {}", items.len());
        if pages == 0 {
            assert_eq!(items[0]["urgency"], "critical", "threat to life first");
        }
        seen.extend(items.iter().map(|i| i["id"].as_str().unwrap().to_string()));
        pages += 1;
        after = match &page["next"] {
            Value::Null => break,
            next => {
                assert_eq!(items.len(), PAGE, "a page before the last is full");
                Some(next.as_str().unwrap().to_string())
            }
        };
        if pages == 60 {
            // Sent now: newer than everything, so they sort before the page just read within their
            // rank and must not push any capture into a page twice or out of the pages.
            for flags in [(true, false), (false, false), (false, true)] {
                let mut capture = capture(&new_id());
                capture.flags.danger_to_life = flags.0;
                capture.flags.victim_minor = flags.1;
                capture.flags.ongoing = false;
                let sent = sign(Submission::new(capture).unwrap());
                assert_eq!(desk.submit(&sent).await.0, 201);
                arrived.push(sent.capture.id);
            }
        }
        assert!(pages <= CAPTURES / PAGE + 2, "the pages do not end");
    }
    let paging = started.elapsed();

    let unique: HashSet<&String> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len(), "a capture on two pages");
    let loaded: Vec<String> = seen.iter().filter(|id| !arrived.contains(id)).cloned().collect();
    assert_eq!(loaded.len(), CAPTURES, "captures missing from the pages");
    assert!(
        loaded == expected,
        "the pages are not in the inbox's order (first difference at line {})",
        loaded
            .iter()
            .zip(&expected)
            .position(|(a, b)| a != b)
            .unwrap_or(0)
    );
    eprintln!("{pages} pages of {PAGE} in {paging:?}");

    // The list export, read a chunk at a time.
    let started = std::time::Instant::now();
    let mut response = operator
        .get(desk.url("/api/v1/desk/export?format=csv"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 200);
    let mut body = response.chunk().await.unwrap().expect("a first chunk").to_vec();
    let exported_before_reading_on = desk
        .raw()
        .await
        .fetch_i64("SELECT COUNT(*) FROM journal WHERE action = 'capture.export'")
        .await;
    assert!(
        (exported_before_reading_on as usize) < CAPTURES,
        "the whole export ({exported_before_reading_on} captures) was read before its first bytes arrived"
    );
    let mut chunks = 1;
    while let Some(chunk) = response.chunk().await.unwrap() {
        body.extend_from_slice(&chunk);
        chunks += 1;
    }
    let mut reader = csv::Reader::from_reader(body.as_slice());
    let mut numbers = Vec::with_capacity(CAPTURES + arrived.len());
    let mut ids = HashSet::with_capacity(CAPTURES + arrived.len());
    for record in reader.records() {
        let record = record.expect("a whole CSV line");
        numbers.push(record[0].parse::<i64>().unwrap());
        assert!(ids.insert(record[1].to_string()), "{} exported twice", &record[1]);
    }
    let all: HashSet<String> = expected.into_iter().chain(arrived).collect();
    assert_eq!(ids, all, "the export holds every capture once");
    assert!(numbers.windows(2).all(|w| w[0] < w[1]), "in server-number order");
    let journalled = desk
        .raw()
        .await
        .fetch_i64("SELECT COUNT(*) FROM journal WHERE action = 'capture.export'")
        .await;
    assert_eq!(
        journalled as usize,
        all.len(),
        "each exported capture journalled once"
    );
    eprintln!(
        "export of {} captures: {} bytes in {chunks} chunks, {:?}",
        all.len(),
        body.len(),
        started.elapsed()
    );
}
