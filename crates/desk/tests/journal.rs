//! The journal: every capture write and read is in it with who, what, when and from where; none of
//! the captured content is; and `spoc-desk journal verify` names an altered, inserted or removed entry.

mod common;

use common::*;
use reqwest::Method;
use serde_json::{json, Value};
use spoc_core::desk::Role;
use spoc_core::Platform;
use spoc_desk::cli::{self, Command, JournalCommand};
use spoc_desk::store::Verification;

const CANARY: &str = "KANARIE-7f3e";

async fn entries(desk: &Desk) -> Vec<Value> {
    desk.journal().await.into_iter().rev().collect()
}

/// A desk whose journal has a capture created, read, listed, moved and noted.
async fn busy_desk() -> (Desk, String) {
    let desk = Desk::start().await;
    let mut capture = capture_with_identifiers(&new_id(), &[("@kanarie.7f3e", Some(Platform::Tiktok))]);
    capture.notes = format!("Offeret nævnte {CANARY}");
    capture.journal_number = format!("{CANARY}-1");
    let sent = sign(spoc_core::api::Submission::new(capture).unwrap());
    assert_eq!(desk.submit(&sent).await.0, 201);
    let id = sent.capture.id.clone();
    let operator = desk.client_of(Role::Spoc).await;
    assert_eq!(
        desk.get_as(&operator, &format!("/api/v1/desk/captures/{id}"))
            .await
            .0,
        200
    );
    assert_eq!(desk.get_as(&operator, "/api/v1/desk/inbox").await.0, 200);
    let status = json!({ "from": "received", "to": "triaged" });
    assert_eq!(
        desk.send_as(
            &operator,
            Method::POST,
            &format!("/api/v1/desk/captures/{id}/status"),
            Some(&status)
        )
        .await
        .0,
        200
    );
    let note = json!({ "text": format!("Noteret {CANARY}") });
    assert_eq!(
        desk.send_as(
            &operator,
            Method::POST,
            &format!("/api/v1/desk/captures/{id}/notes"),
            Some(&note)
        )
        .await
        .0,
        200
    );
    assert_eq!(
        desk.get_as(&operator, "/api/v1/desk/lookup?q=%40kanarie.7f3e&platform=tiktok")
            .await
            .0,
        200
    );
    (desk, id)
}

#[tokio::test]
async fn every_read_and_write_is_journalled_without_content() {
    let (desk, id) = busy_desk().await;
    let journal = entries(&desk).await;
    let actions: Vec<(&str, &str, &str)> = journal
        .iter()
        .map(|e| {
            (
                e["actor"].as_str().unwrap(),
                e["action"].as_str().unwrap(),
                e["object"].as_str().unwrap(),
            )
        })
        .collect();
    for wanted in [
        (OFFICER, "capture.create", id.as_str()),
        (OPERATOR, "capture.read", id.as_str()),
        (OPERATOR, "capture.list", "inbox"),
        (OPERATOR, "capture.status", id.as_str()),
        (OPERATOR, "capture.note", id.as_str()),
        (OPERATOR, "capture.lookup", "identifier"),
        (OPERATOR, "session.login", OPERATOR),
    ] {
        assert!(actions.contains(&wanted), "{wanted:?} not in {actions:?}");
    }
    let status = journal.iter().find(|e| e["action"] == "capture.status").unwrap();
    assert_eq!(status["detail"], "received -> triaged");
    assert_eq!(status["source"], "127.0.0.1");
    // Nothing of what was captured, noted or looked up.
    let text = serde_json::to_string(&journal).unwrap();
    assert!(!text.contains(CANARY), "{text}");
    assert!(!text.contains("kanarie"), "{text}");
    assert!(matches!(
        desk.store.verify_journal().await.unwrap(),
        Verification::Intact { .. }
    ));
}

#[tokio::test]
async fn the_database_refuses_to_change_or_delete_an_entry() {
    let (desk, _) = busy_desk().await;
    let refused = [
        "UPDATE journal SET actor = 'someone.else' WHERE seq = 2",
        // Even the hash of the newest: entries are written whole.
        "UPDATE journal SET hash = '' WHERE seq = (SELECT MAX(seq) FROM journal)",
        "DELETE FROM journal WHERE seq = 2",
    ];
    for statement in refused {
        let answer = desk.execute(statement).await;
        assert!(
            answer.as_ref().unwrap_err().contains("append-only"),
            "{statement}: {answer:?}"
        );
    }
    if desk.db.engine == Engine::Postgres {
        let answer = desk.execute("TRUNCATE journal").await;
        assert!(answer.as_ref().unwrap_err().contains("append-only"), "{answer:?}");
    }
    let back = desk.execute("UPDATE journal_head SET seq = seq - 1").await;
    assert!(
        back.as_ref().unwrap_err().contains("only moves forward"),
        "{back:?}"
    );
    let gone = desk.execute("DELETE FROM journal_head").await;
    assert!(gone.as_ref().unwrap_err().contains("is kept"), "{gone:?}");
    assert!(matches!(
        desk.store.verify_journal().await.unwrap(),
        Verification::Intact { .. }
    ));
}

/// What someone who owns the database can do: drop the triggers and edit.
async fn tamper(desk: &Desk, statements: &[&str]) {
    let mut db = desk.raw().await;
    db.drop_journal_triggers().await;
    for statement in statements {
        db.execute(statement).await.expect(statement);
    }
    db.close().await;
}

async fn verify(desk: &Desk) -> Result<String, String> {
    cli::run(&desk.config, Command::Journal(JournalCommand::Verify))
        .await
        .map_err(|e| e.to_string())
}

#[tokio::test]
async fn verify_names_an_altered_entry() {
    let (desk, _) = busy_desk().await;
    assert!(verify(&desk).await.unwrap().starts_with("journal intact"));
    tamper(
        &desk,
        &["UPDATE journal SET actor = 'someone.else' WHERE seq = 4"],
    )
    .await;
    assert_eq!(
        desk.store.verify_journal().await.unwrap(),
        Verification::Broken {
            seq: 4,
            problem: "was altered (its content does not give its hash)".into()
        }
    );
    let refused = verify(&desk).await.unwrap_err();
    assert!(refused.contains("entry 4"), "{refused}");
}

#[tokio::test]
async fn verify_names_a_removed_entry() {
    let (desk, _) = busy_desk().await;
    tamper(&desk, &["DELETE FROM journal WHERE seq = 3"]).await;
    let Verification::Broken { seq, problem } = desk.store.verify_journal().await.unwrap() else {
        panic!("not detected")
    };
    assert_eq!(seq, 4);
    assert!(problem.contains("entries 3 to 3 are missing"), "{problem}");
}

#[tokio::test]
async fn verify_notices_the_newest_entries_cut_off() {
    let (desk, _) = busy_desk().await;
    let last = desk.raw().await.fetch_i64("SELECT MAX(seq) FROM journal").await;
    tamper(
        &desk,
        &[&format!("DELETE FROM journal WHERE seq >= {}", last - 1)],
    )
    .await;
    let Verification::Broken { seq, problem } = desk.store.verify_journal().await.unwrap() else {
        panic!("not detected")
    };
    assert_eq!(seq, last - 1);
    assert!(problem.contains("newest were removed"), "{problem}");
}

#[tokio::test]
async fn verify_names_where_an_inserted_entry_breaks_the_chain() {
    let (desk, _) = busy_desk().await;
    // A forger who knows the scheme: entries from 3 on move up one, and a forged entry 3 with a correct
    // hash that chains to entry 2 takes the gap. The chain breaks at the entry after it.
    let second = entries(&desk).await.into_iter().find(|e| e["seq"] == 2).unwrap();
    let (at, prev_hash) = (second["at"].as_str().unwrap(), second["hash"].as_str().unwrap());
    let forged = json!({
        "seq": 3, "at": at, "actor": OPERATOR, "action": "capture.read", "object": "-",
        "source": "127.0.0.1", "detail": "", "prev_hash": prev_hash,
    });
    let hash = spoc_core::canonical::canonical_sha256(&forged).unwrap();
    let insert = format!(
        "INSERT INTO journal (seq, at, actor, action, object, source, detail, prev_hash, hash) \
         VALUES (3, '{at}', '{OPERATOR}', 'capture.read', '-', '127.0.0.1', '', '{prev_hash}', '{hash}')"
    );
    tamper(
        &desk,
        &[
            "UPDATE journal SET seq = seq + 1000 WHERE seq >= 3",
            "UPDATE journal SET seq = seq - 999 WHERE seq >= 1003",
            &insert,
        ],
    )
    .await;
    let Verification::Broken { seq, problem } = desk.store.verify_journal().await.unwrap() else {
        panic!("not detected")
    };
    assert_eq!(seq, 4, "{problem}");
    assert!(problem.contains("does not chain"), "{problem}");
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_journal_names_the_address_it_forwarded() {
    let desk = Desk::start_behind("127.0.0.1".parse().unwrap()).await;
    let response = client_with(None)
        .post(desk.url("/api/v1/session"))
        .header("x-forwarded-for", "10.9.9.9, 192.0.2.7")
        .json(&json!({ "username": OFFICER, "password": "wrong password here" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    let failed = entries(&desk)
        .await
        .into_iter()
        .rev()
        .find(|e| e["action"] == "session.login_failed")
        .unwrap();
    // The proxy's own hop, not what the client wrote before it.
    assert_eq!(failed["source"], "192.0.2.7");
}

#[tokio::test]
async fn without_a_trusted_proxy_forwarded_for_is_ignored() {
    let desk = Desk::start().await;
    client_with(None)
        .post(desk.url("/api/v1/session"))
        .header("x-forwarded-for", "192.0.2.7")
        .json(&json!({ "username": OFFICER, "password": "wrong password here" }))
        .send()
        .await
        .unwrap();
    let failed = entries(&desk)
        .await
        .into_iter()
        .rev()
        .find(|e| e["action"] == "session.login_failed")
        .unwrap();
    assert_eq!(failed["source"], "127.0.0.1");
}
