//! The seal keys' private halves are wrapped by a key-encryption key the desk is given at start. Without
//! it, or with the wrong one, the desk refuses to start (and never makes a new key instead); keys kept
//! in clear by an earlier release are wrapped at the first start with a KEK; a KEK is rotated by
//! starting with the new one and the old one beside it, then `spoc-desk key rewrap`.

mod common;

use common::*;
use spoc_desk::cli::{self, Command, KeyCommand};
use spoc_desk::config::Config;
use spoc_desk::kek::{Kek, KekError};
use spoc_desk::store::Store;
use spoc_desk::StartError;

fn kek_id(path: &std::path::Path) -> String {
    Kek::read_file(path).unwrap().id().to_string()
}

async fn seal_key_rows(db: &TestDb) -> Vec<Vec<String>> {
    let mut raw = db.raw().await;
    let rows = raw
        .fetch_texts(
            "SELECT kid, CASE WHEN secret IS NULL THEN 'no' ELSE 'clear' END, \
             CASE WHEN wrapped IS NULL THEN 'no' ELSE 'wrapped' END, COALESCE(kek_id, '-') \
             FROM seal_keys ORDER BY created_at",
        )
        .await;
    raw.close().await;
    rows
}

#[tokio::test]
async fn without_a_kek_the_desk_refuses_to_start_and_makes_no_key() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(dir.path()).await;
    let config = Config {
        seal_kek_file: None,
        ..test_config(&db.url, &dir.path().join("unused"), dir.path().join("dist"))
    };
    let refused = spoc_desk::bind(config).await.err().expect("refused");
    assert!(matches!(refused, StartError::Kek(KekError::Missing)), "{refused}");
    let said = refused.to_string();
    assert!(
        said.contains("--seal-kek-file") && said.contains("key make-kek"),
        "{said}"
    );
    assert!(Store::open(&db.url)
        .await
        .unwrap()
        .seal_keys()
        .await
        .unwrap()
        .is_empty());

    // As an operator sees it: a clear message and a failing exit, before anything is served.
    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_spoc-desk"))
        .args(["--database-url", &db.url, "--listen", "127.0.0.1:0"])
        .env_remove("SPOC_SEAL_KEK")
        .env_remove("SPOC_SEAL_KEK_FILE")
        .output()
        .await
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no key-encryption key"), "{stderr}");
    assert!(!String::from_utf8_lossy(&output.stdout).contains("listening"));
}

#[tokio::test]
async fn with_the_wrong_kek_the_desk_refuses_to_start_and_keeps_its_keys() {
    let desk = Desk::start().await;
    let before = seal_key_rows(&desk.db).await;
    assert_eq!(before.len(), 1);
    let own = desk.config.seal_kek_file.clone().unwrap();
    assert_eq!(
        before[0][1..],
        ["no".to_string(), "wrapped".into(), kek_id(&own)],
        "wrapped, never in clear"
    );

    let dir = tempfile::tempdir().unwrap();
    let wrong = Config {
        seal_kek_file: Some(write_kek(dir.path())),
        ..desk.config.clone()
    };
    let refused = spoc_desk::bind(wrong).await.err().expect("refused");
    assert!(matches!(&refused, StartError::Store(_)), "{refused}");
    assert!(
        refused.to_string().contains(&kek_id(&own)),
        "names the KEK it needs: {refused}"
    );
    assert_eq!(seal_key_rows(&desk.db).await, before, "no new key beside the old");
    // The same KEK from the environment instead of a file.
    let by_env = Config {
        seal_kek_file: None,
        seal_kek: Some(std::fs::read_to_string(&own).unwrap()),
        ..desk.config.clone()
    };
    assert!(spoc_desk::bind(by_env).await.is_ok());
    let twice = Config {
        seal_kek: Some(std::fs::read_to_string(&own).unwrap()),
        ..desk.config.clone()
    };
    assert!(matches!(
        spoc_desk::bind(twice).await.err(),
        Some(StartError::Kek(KekError::Twice))
    ));
}

#[tokio::test]
async fn keys_kept_in_clear_by_an_earlier_release_are_wrapped_at_the_first_start_with_a_kek() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(dir.path()).await;
    // The database as the release before wrapping left it: a key in clear, made by its first start.
    let store = Store::open(&db.url).await.unwrap();
    store.close().await;
    let (secret, public) = spoc_desk::seal::generate();
    let hex: String = secret.to_bytes().iter().map(|b| format!("{b:02x}")).collect();
    let blob = match db.engine {
        Engine::Sqlite => format!("X'{hex}'"),
        Engine::Postgres => format!("'\\x{hex}'::bytea"),
    };
    let created = match db.engine {
        Engine::Sqlite => "'2026-06-01T10:00:00.000Z'",
        Engine::Postgres => "'2026-06-01T10:00:00.000Z'::timestamptz",
    };
    let mut raw = db.raw().await;
    raw.execute(&format!(
        "INSERT INTO seal_keys (kid, secret, public_key, created_at) VALUES ('{}', {blob}, '{}', {created})",
        public.kid, public.public_key
    ))
    .await
    .unwrap();
    raw.close().await;

    let kek = write_kek(dir.path());
    let desk = Desk::start_on(dir, db, kek.clone(), false, None).await;
    assert_eq!(desk.seal_key, public, "the same key, not a new one");
    assert_eq!(
        seal_key_rows(&desk.db).await,
        [[public.kid.clone(), "no".into(), "wrapped".into(), kek_id(&kek)]]
    );
    // What was sealed to it opens.
    assert_eq!(desk.submit(&submission(&new_id())).await.0, 201);
    let (_, journal) = desk
        .get_as(
            &desk.client_of(spoc_core::desk::Role::Admin).await,
            "/api/v1/journal?limit=100",
        )
        .await;
    let wrapped: Vec<_> = journal
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "seal_key.wrap")
        .collect();
    assert_eq!(wrapped.len(), 1);
    assert_eq!(wrapped[0]["object"], public.kid.as_str());
    assert!(!journal
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["action"] == "seal_key.create"));
    let listed = cli::run(&desk.config, Command::Key(KeyCommand::List))
        .await
        .unwrap();
    assert!(listed.contains(&format!("kek {}", kek_id(&kek))), "{listed}");
}

#[tokio::test]
async fn a_kek_is_rotated_by_starting_with_both_and_rewrapping() {
    let desk = Desk::start().await;
    let old = desk.config.seal_kek_file.clone().unwrap();
    // Sealed on a device before the rotation, still queued there.
    let queued = desk.to_value(&submission(&new_id()));
    let dir = tempfile::tempdir().unwrap();
    let new = write_kek(dir.path());
    let both = Config {
        seal_kek_file: Some(new.clone()),
        seal_kek_previous_file: Some(old.clone()),
        ..desk.config.clone()
    };
    // Step 1: desks restarted with the new KEK and the old one beside it open the old key.
    let during = spoc_desk::bind(both.clone()).await.expect("starts with both");
    drop(during);
    // Step 2: every key wrapped with the new one.
    let said = cli::run(&both, Command::Key(KeyCommand::Rewrap)).await.unwrap();
    assert!(said.starts_with("1 seal keys wrapped"), "{said}");
    let rows = seal_key_rows(&desk.db).await;
    assert_eq!(rows[0][3], kek_id(&new));
    assert_eq!(
        cli::run(&both, Command::Key(KeyCommand::Rewrap)).await.unwrap(),
        "0 seal keys wrapped with the current key-encryption key"
    );
    // Step 3: the old KEK alone opens nothing any more; the new one alone starts a desk that opens
    // what was sealed before the rotation.
    let old_only = Config {
        seal_kek_file: Some(old),
        ..desk.config.clone()
    };
    let refused = spoc_desk::bind(old_only).await.err().expect("refused");
    assert!(refused.to_string().contains(&kek_id(&new)), "{refused}");
    let new_only = Config {
        seal_kek_file: Some(new),
        ..desk.config.clone()
    };
    let bound = spoc_desk::bind(new_only).await.expect("starts with the new KEK");
    let addr = bound.addr;
    tokio::spawn(bound.server);
    let device = signed_in_at(addr, OFFICER).await;
    let (status, body) = read(
        device
            .post(format!("http://{addr}/api/v1/captures"))
            .json(&queued)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{body}");
}
