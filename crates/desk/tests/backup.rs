//! The backup the README's deployment section prescribes, performed: a PostgreSQL cluster of its own
//! with WAL archiving, a base backup while the desk takes captures, more captures after it, the
//! database lost, a restore from the base backup and the archive — and then `journal verify` passes
//! and every acknowledged capture is there with its receipt.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::*;
use serde_json::Value;
use spoc_desk::cli::{self, Command as Cli, JournalCommand};

fn pg_bin(tool: &str) -> PathBuf {
    Path::new(&std::env::var("SPOC_PG_BIN").unwrap_or_else(|_| "/usr/lib/postgresql/15/bin".into()))
        .join(tool)
}

/// Runs a PostgreSQL tool as the `postgres` user when we are root (initdb and postgres refuse root).
fn as_postgres(tool: &str, args: &[&str]) {
    let mut command = if unsafe_is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(pg_bin(tool));
        c
    } else {
        Command::new(pg_bin(tool))
    };
    let output = command.args(args).output().expect(tool);
    assert!(
        output.status.success(),
        "{tool} {args:?}: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn unsafe_is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout == b"0\n")
        .unwrap_or(false)
}

/// Stops the cluster however the test ends.
struct Cluster {
    data: PathBuf,
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.data.to_string_lossy().to_string();
        let _ = std::panic::catch_unwind(|| {
            as_postgres("pg_ctl", &["-D", &data, "-m", "immediate", "-w", "stop"])
        });
    }
}

fn start(dir: &Path, data: &Path) {
    let (data, log) = (
        data.to_string_lossy().to_string(),
        dir.join("server.log").to_string_lossy().to_string(),
    );
    let options = format!(
        "-c listen_addresses='' -c unix_socket_directories={}",
        dir.display()
    );
    as_postgres(
        "pg_ctl",
        &[
            "-D", &data, "-w", "-t", "120", "-l", &log, "-o", &options, "start",
        ],
    );
}

async fn capture_batch(desk: &Desk, n: usize) -> Vec<Value> {
    let mut receipts = Vec::new();
    for _ in 0..n {
        let (status, receipt) = desk.submit(&submission(&new_id())).await;
        assert_eq!(status, 201, "{receipt}");
        receipts.push(receipt);
    }
    receipts
}

#[tokio::test]
async fn a_database_restored_from_base_backup_and_wal_archive_verifies_and_holds_every_capture() {
    if !postgres_only("a_database_restored_from_base_backup") {
        return;
    }
    // Its own cluster: the shared test server is not stopped and lost.
    let dir = tempfile::Builder::new()
        .prefix("spoc-backup")
        .tempdir_in("/tmp")
        .unwrap();
    if unsafe_is_root() {
        assert!(Command::new("chown")
            .arg("postgres:")
            .arg(dir.path())
            .status()
            .unwrap()
            .success());
    }
    let (data, archive, base) = (
        dir.path().join("data"),
        dir.path().join("archive"),
        dir.path().join("base"),
    );
    let data_text = data.to_string_lossy().to_string();
    as_postgres(
        "initdb",
        &[
            "-D",
            &data_text,
            "-A",
            "trust",
            "-U",
            "spoc",
            "--no-sync",
            "-E",
            "UTF8",
        ],
    );
    std::fs::create_dir(&archive).unwrap();
    if unsafe_is_root() {
        assert!(Command::new("chown")
            .arg("postgres:")
            .arg(&archive)
            .status()
            .unwrap()
            .success());
    }
    let conf = format!(
        "\nwal_level = replica\narchive_mode = on\narchive_command = 'test ! -f {a}/%f && cp %p {a}/%f'\n",
        a = archive.display()
    );
    std::fs::OpenOptions::new()
        .append(true)
        .open(data.join("postgresql.conf"))
        .and_then(|mut f| std::io::Write::write_all(&mut f, conf.as_bytes()))
        .unwrap();
    start(dir.path(), &data);
    let _cluster = Cluster { data: data.clone() };
    let host = dir.path().display().to_string();
    let url = |db: &str| format!("postgres://spoc@localhost/{db}?host={host}");
    let mut admin = Raw::Postgres(
        <sqlx::PgConnection as sqlx::Connection>::connect(&url("postgres"))
            .await
            .unwrap(),
    );
    admin.execute("CREATE DATABASE spoc").await.unwrap();

    let desk_dir = tempfile::tempdir().unwrap();
    let kek = write_kek(desk_dir.path());
    let db = TestDb {
        url: url("spoc"),
        engine: Engine::Postgres,
    };
    let desk = Desk::start_on(desk_dir, db.clone(), kek, false, None).await;
    let mut receipts = capture_batch(&desk, 5).await;

    // The nightly base backup, taken while the desk runs; its WAL comes from the archive.
    let base_text = base.to_string_lossy().to_string();
    as_postgres(
        "pg_basebackup",
        &[
            "-h", &host, "-U", "spoc", "-D", &base_text, "-X", "none", "-c", "fast",
        ],
    );
    // Captures after the backup: only the archived WAL has them.
    receipts.extend(capture_batch(&desk, 5).await);
    let segment = admin
        .fetch_texts("SELECT pg_walfile_name(pg_switch_wal())")
        .await
        .remove(0)
        .remove(0);
    let archived = tokio::time::timeout(Duration::from_secs(60), async {
        loop {
            if archive.join(&segment).exists() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    })
    .await;
    assert!(archived.is_ok(), "segment {segment} never reached the archive");
    admin.close().await;

    // The database is lost.
    as_postgres("pg_ctl", &["-D", &data_text, "-m", "immediate", "-w", "stop"]);
    std::fs::remove_dir_all(&data).unwrap();
    // Restore: the base backup, the archive to replay, recovery to the end of it.
    std::fs::rename(&base, &data).unwrap();
    std::fs::write(data.join("recovery.signal"), "").unwrap();
    let restore = format!("\nrestore_command = 'cp {}/%f %p'\n", archive.display());
    std::fs::OpenOptions::new()
        .append(true)
        .open(data.join("postgresql.auto.conf"))
        .and_then(|mut f| std::io::Write::write_all(&mut f, restore.as_bytes()))
        .unwrap();
    if unsafe_is_root() {
        assert!(Command::new("chown")
            .args(["-R", "postgres:"])
            .arg(&data)
            .status()
            .unwrap()
            .success());
    }
    start(dir.path(), &data);
    let mut restored = db.raw().await;
    let promoted = tokio::time::timeout(Duration::from_secs(60), async {
        loop {
            let in_recovery = restored
                .fetch_texts("SELECT CAST(pg_is_in_recovery() AS TEXT)")
                .await;
            if in_recovery[0][0] == "false" {
                return;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    })
    .await;
    assert!(promoted.is_ok(), "the restored cluster never finished recovery");

    let said = cli::run(&desk.config, Cli::Journal(JournalCommand::Verify))
        .await
        .expect("verifies");
    assert!(said.starts_with("journal intact"), "{said}");
    let rows = restored
        .fetch_texts(
            "SELECT id, CAST(server_seq AS TEXT) AS seq, sha256 FROM captures ORDER BY captures.server_seq",
        )
        .await;
    assert_eq!(rows.len(), receipts.len());
    for (row, receipt) in rows.iter().zip(&receipts) {
        assert_eq!(row[0], receipt["id"].as_str().unwrap());
        assert_eq!(row[1], receipt["server_seq"].to_string());
        assert_eq!(row[2], receipt["sha256"].as_str().unwrap());
    }
    restored.close().await;
}
