//! Several desk processes on one database behave as one desk: desks starting at once on an empty
//! database make one admin and one seal key; the same captures sent to two desks at once are stored
//! once with the same receipts; a session and the sign-in throttle hold on every desk; an operator on
//! one desk hears of a capture that reached the other within 2 s; and `kill -9` of a desk in the middle
//! of a drain loses and duplicates nothing while the other desk goes on taking captures.
//!
//! On SQLite (one file, several processes) all but the first and the event test run too; those two
//! are PostgreSQL's (desks starting at once on an empty SQLite file race to create it, and SQLite's
//! events stay within one desk by design).

mod common;

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::*;
use futures_util::future::join_all;
use futures_util::StreamExt;
use serde_json::Value;
use spoc_desk::cli::{self, Command, JournalCommand};

fn kek_of(desk: &Desk) -> std::path::PathBuf {
    desk.config
        .seal_kek_file
        .clone()
        .expect("the test desk's KEK file")
}

async fn verify(config: &spoc_desk::config::Config) -> String {
    cli::run(config, Command::Journal(JournalCommand::Verify))
        .await
        .expect("the journal verifies")
}

#[tokio::test]
async fn desks_starting_at_once_on_an_empty_database_make_one_admin_and_one_seal_key() {
    if !postgres_only("desks_starting_at_once") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(dir.path()).await;
    let kek = write_kek(dir.path());
    let desks = join_all((0..4).map(|_| DeskProcess::start(&db.url, &kek))).await;

    let admins = desks.iter().filter(|d| d.first_admin_password.is_some()).count();
    assert_eq!(admins, 1, "one first admin, told by one desk");
    let mut kids = HashSet::new();
    for desk in &desks {
        let key: Value = reqwest::get(desk.url("/api/v1/seal-key"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        kids.insert(key["kid"].as_str().unwrap().to_string());
    }
    assert_eq!(kids.len(), 1, "every desk hands out the same key: {kids:?}");

    let mut raw = db.raw().await;
    assert_eq!(raw.fetch_i64("SELECT COUNT(*) FROM seal_keys").await, 1);
    assert_eq!(raw.fetch_i64("SELECT COUNT(*) FROM accounts").await, 1);
    let applied = raw.fetch_i64("SELECT COUNT(*) FROM _sqlx_migrations").await;
    let versions = raw
        .fetch_i64("SELECT COUNT(DISTINCT version) FROM _sqlx_migrations")
        .await;
    assert_eq!(applied, versions, "a migration applied twice");
    assert_eq!(applied, migration_versions("postgres").len() as i64);
    let made = raw
        .fetch_i64("SELECT COUNT(*) FROM journal WHERE action IN ('seal_key.create', 'account.create')")
        .await;
    assert_eq!(made, 2, "one seal key and one account journalled");
    raw.close().await;
    let config = test_config(&db.url, &kek, dir.path().join("dist"));
    assert!(verify(&config).await.starts_with("journal intact"));
}

/// The versions in `migrations/ENGINE`.
fn migration_versions(engine: &str) -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(engine);
    let mut versions: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            entry
                .unwrap()
                .file_name()
                .to_string_lossy()
                .split('_')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    versions.sort();
    versions
}

#[tokio::test]
async fn the_same_captures_sent_to_two_desks_at_once_are_stored_once_with_the_same_receipts() {
    let desk = Desk::start().await;
    let (a, b) = (
        DeskProcess::start(&desk.db.url, &kek_of(&desk)).await,
        DeskProcess::start(&desk.db.url, &kek_of(&desk)).await,
    );
    // One session, signed in on A, is valid on B: a load balancer may send any request anywhere.
    let cookie = session_cookie_at(a.addr, OFFICER, PASSWORD).await.unwrap();
    let device = client_with(Some(&cookie));
    let (status, me) = read(device.get(b.url("/api/v1/session")).send().await.unwrap()).await;
    assert_eq!((status, me["username"].as_str()), (200, Some(OFFICER)));

    let sealed: Vec<Value> = (0..20).map(|_| desk.to_value(&submission(&new_id()))).collect();
    for body in &sealed {
        let start = Arc::new(tokio::sync::Barrier::new(2));
        let sends = [a.url("/api/v1/captures"), b.url("/api/v1/captures")].map(|url| {
            let (request, start) = (device.post(url).json(body), start.clone());
            tokio::spawn(async move {
                start.wait().await;
                read(request.send().await.unwrap()).await
            })
        });
        let mut answers = Vec::new();
        for send in sends {
            answers.push(send.await.unwrap());
        }
        let mut statuses: Vec<u16> = answers.iter().map(|(s, _)| *s).collect();
        statuses.sort();
        assert_eq!(statuses, [200, 201], "{answers:?}");
        assert_eq!(answers[0].1, answers[1].1, "the same receipt from both desks");
    }
    let table = desk.table().await;
    assert_eq!(table.captures.len(), 20);
    let ids: HashSet<&String> = table.captures.iter().map(|c| &c.1).collect();
    assert_eq!(ids.len(), 20);
    let mut raw = desk.raw().await;
    let created = raw
        .fetch_i64("SELECT COUNT(*) FROM journal WHERE action = 'capture.create'")
        .await;
    assert_eq!(created, 20);
    raw.close().await;
    assert!(verify(&desk.config).await.starts_with("journal intact"));
}

#[tokio::test]
async fn failed_sign_ins_on_two_desks_count_together() {
    let desk = Desk::start().await;
    let (a, b) = (
        DeskProcess::start(&desk.db.url, &kek_of(&desk)).await,
        DeskProcess::start(&desk.db.url, &kek_of(&desk)).await,
    );
    for (n, on) in [&a, &b, &a, &b, &a].into_iter().enumerate() {
        let refused = session_cookie_at(on.addr, OFFICER, "not the password at all").await;
        assert_eq!(refused, Err(401), "failure {}", n + 1);
    }
    for on in [&a, &b] {
        let response = client_with(None)
            .post(on.url("/api/v1/session"))
            .json(&serde_json::json!({ "username": OFFICER, "password": PASSWORD }))
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            429,
            "the sixth attempt, even with the right password"
        );
        let wait: u64 = response.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!(wait > 14 * 60 && wait <= 15 * 60, "{wait}");
    }
}

#[tokio::test]
async fn an_operator_on_one_desk_hears_of_a_capture_that_reached_the_other_within_2_s() {
    if !postgres_only("an_operator_on_one_desk_hears") {
        return;
    }
    let desk = Desk::start().await;
    let (a, b) = (
        DeskProcess::start(&desk.db.url, &kek_of(&desk)).await,
        DeskProcess::start(&desk.db.url, &kek_of(&desk)).await,
    );
    let operator = signed_in_at(b.addr, OPERATOR).await;
    let response = operator.get(b.url("/api/v1/desk/events")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let mut stream = response.bytes_stream();
    // The stream is open before the capture is sent: let the desk subscribe.
    tokio::time::sleep(Duration::from_millis(200)).await;

    let officer = signed_in_at(a.addr, OFFICER).await;
    let sent = submission(&new_id());
    let (status, receipt) = read(
        officer
            .post(a.url("/api/v1/captures"))
            .json(&desk.to_value(&sent))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{receipt}");
    let stored = std::time::Instant::now();
    let mut seen = String::new();
    let heard = tokio::time::timeout(Duration::from_secs(2), async {
        while let Some(chunk) = stream.next().await {
            seen.push_str(&String::from_utf8_lossy(&chunk.unwrap()));
            if seen.contains(&sent.capture.id) {
                return;
            }
        }
    })
    .await;
    assert!(heard.is_ok(), "nothing on desk B within 2 s; got {seen:?}");
    eprintln!(
        "desk B told its operator {} ms after desk A's receipt",
        stored.elapsed().as_millis()
    );
    // The event names the journal entry that recorded it.
    let id_line = seen.lines().find(|l| l.starts_with("id:")).expect("an id line");
    let seq: i64 = id_line.trim_start_matches("id:").trim().parse().unwrap();
    let mut raw = desk.raw().await;
    let action = raw
        .fetch_texts(&format!("SELECT action, object FROM journal WHERE seq = {seq}"))
        .await;
    assert_eq!(action, [["capture.create".to_string(), sent.capture.id.clone()]]);
    raw.close().await;
}

/// What a device's outbox does: batches in order, each retried (on the other desk, as a load
/// balancer would route it) until a desk answers; the receipts it was given.
async fn drain(
    device: reqwest::Client,
    queue: Vec<Value>,
    desks: [String; 2],
    sent_batches: Arc<AtomicUsize>,
) -> Vec<(u16, Value)> {
    let mut receipts = Vec::new();
    let mut target = 0;
    for batch in queue.chunks(20) {
        loop {
            let answer = device.post(&desks[target]).json(&batch_of(batch)).send().await;
            match answer {
                Ok(response) if response.status() == 200 => {
                    let (_, body) = read(response).await;
                    for result in body["results"].as_array().unwrap() {
                        receipts.push((
                            result["status"].as_u64().unwrap() as u16,
                            result["receipt"].clone(),
                        ));
                    }
                    sent_batches.fetch_add(1, Ordering::SeqCst);
                    break;
                }
                // The desk went away mid-request (or answered 5xx): the batch stays queued.
                _ => {
                    target = 1;
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            }
        }
    }
    receipts
}

fn batch_of(items: &[Value]) -> Value {
    batch(items.to_vec())
}

#[tokio::test]
async fn kill_9_of_a_desk_mid_drain_loses_and_duplicates_nothing() {
    let desk = Desk::start().await;
    let a = DeskProcess::start(&desk.db.url, &kek_of(&desk)).await;
    let b = DeskProcess::start(&desk.db.url, &kek_of(&desk)).await;
    let cookie = session_cookie_at(a.addr, OFFICER, PASSWORD).await.unwrap();
    let queue: Vec<Value> = (0..300).map(|_| desk.to_value(&submission(&new_id()))).collect();
    let others: Vec<Value> = (0..100)
        .map(|_| {
            let capture = capture(&new_id());
            desk.to_value(&sign_as(
                spoc_core::api::Submission::new(capture).unwrap(),
                OTHER_OFFICER,
            ))
        })
        .collect();
    let batches = Arc::new(AtomicUsize::new(0));
    let drained = tokio::spawn(drain(
        client_with(Some(&cookie)),
        queue.clone(),
        [a.url("/api/v1/captures/batch"), b.url("/api/v1/captures/batch")],
        batches.clone(),
    ));
    // Meanwhile another officer's device keeps sending to the desk that stays.
    let other_device = signed_in_at(b.addr, OTHER_OFFICER).await;
    let b_url = b.url("/api/v1/captures/batch");
    let kept = tokio::spawn(drain(
        other_device,
        others.clone(),
        [b_url.clone(), b_url],
        Arc::new(AtomicUsize::new(0)),
    ));
    // Mid-drain: a few batches in, and part of the next one committed but not yet answered.
    while batches.load(Ordering::SeqCst) < 4 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let mut raw = desk.raw().await;
    let mine = format!(
        "SELECT COUNT(*) FROM captures WHERE submitted_by = (SELECT id FROM accounts WHERE username = '{OFFICER}')"
    );
    for _ in 0..2000 {
        if raw.fetch_i64(&mine).await > 20 * batches.load(Ordering::SeqCst) as i64 {
            break;
        }
    }
    a.kill().await;
    raw.close().await;

    let receipts = drained.await.unwrap();
    let other_receipts = kept.await.unwrap();
    assert_eq!(receipts.len(), 300);
    assert_eq!(other_receipts.len(), 100);
    let table = desk.table().await;
    assert_eq!(table.captures.len(), 400, "every capture, once");
    let rows: HashMap<&str, (i64, &str)> = table
        .captures
        .iter()
        .map(|(seq, id, sha, _, _)| (id.as_str(), (*seq, sha.as_str())))
        .collect();
    assert_eq!(rows.len(), 400);
    for (sent, (status, receipt)) in queue
        .iter()
        .chain(&others)
        .zip(receipts.iter().chain(&other_receipts))
    {
        assert!(matches!(status, 200 | 201), "{status} {receipt}");
        let id = sent["id"].as_str().unwrap();
        assert_eq!(receipt["id"], id);
        let (seq, sha) = rows[id];
        assert_eq!(
            (
                receipt["server_seq"].as_i64().unwrap(),
                receipt["sha256"].as_str().unwrap()
            ),
            (seq, sha)
        );
    }
    let resent = receipts.iter().filter(|(status, _)| *status == 200).count();
    eprintln!("after the kill: {resent} of the drain's captures were answered 200 (stored before the kill)");
    let mut raw = desk.raw().await;
    let created = raw
        .fetch_i64("SELECT COUNT(*) FROM journal WHERE action = 'capture.create'")
        .await;
    assert_eq!(created, 400, "one journal entry per capture");
    raw.close().await;
    assert!(verify(&desk.config).await.starts_with("journal intact"));
}
