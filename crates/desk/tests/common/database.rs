//! The database a test desk runs on. The same test binaries run twice in `make test`: on SQLite (a
//! temporary file each) and, with `SPOC_TEST_ENGINE=postgres`, on the throwaway PostgreSQL server that
//! `tools/with-postgres.sh` started (a new database each, on its unix socket in `SPOC_TEST_PG_HOST`).
//! Tests read past the HTTP layer through [`Raw`], the engine's own connection.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use sqlx::postgres::PgConnection;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{ConnectOptions, Connection, Executor};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// The engine of this run.
pub fn engine() -> Engine {
    match std::env::var("SPOC_TEST_ENGINE").as_deref() {
        Ok("postgres") => Engine::Postgres,
        Ok("sqlite") | Err(_) => Engine::Sqlite,
        Ok(other) => panic!("SPOC_TEST_ENGINE={other}: sqlite or postgres"),
    }
}

/// The PostgreSQL server's socket directory. A PostgreSQL run without one is a mistake, not a
/// reason to skip.
pub fn pg_host() -> String {
    std::env::var("SPOC_TEST_PG_HOST")
        .expect("SPOC_TEST_ENGINE=postgres needs SPOC_TEST_PG_HOST (run it through tools/with-postgres.sh)")
}

pub fn pg_url(database: &str) -> String {
    format!("postgres://spoc@localhost/{database}?host={}", pg_host())
}

/// Whether this run is on PostgreSQL; tests of several desks on one server say so when they are
/// left to the PostgreSQL run.
pub fn postgres_only(test: &str) -> bool {
    let on_postgres = engine() == Engine::Postgres;
    if !on_postgres {
        eprintln!("{test}: runs in the PostgreSQL pass of `make test` (SPOC_TEST_ENGINE=postgres)");
    }
    on_postgres
}

/// A database of its own for one desk (and any replicas of it).
#[derive(Debug, Clone)]
pub struct TestDb {
    pub url: String,
    pub engine: Engine,
}

impl TestDb {
    /// A new, empty database: a file under `dir` (not created yet: the desk creates it and its
    /// directory), or a new PostgreSQL database.
    pub async fn new(dir: &Path) -> TestDb {
        match engine() {
            Engine::Sqlite => TestDb {
                url: format!("sqlite://{}", dir.join("data").join("spoc.db").display()),
                engine: Engine::Sqlite,
            },
            Engine::Postgres => TestDb {
                url: pg_url(&create_pg_database().await),
                engine: Engine::Postgres,
            },
        }
    }

    /// A connection of the engine's own, past the desk.
    pub async fn raw(&self) -> Raw {
        match self.engine {
            Engine::Sqlite => {
                let path = self.url.trim_start_matches("sqlite://");
                Raw::Sqlite(
                    SqliteConnectOptions::new()
                        .filename(path)
                        .connect()
                        .await
                        .expect("open the database file"),
                )
            }
            Engine::Postgres => Raw::Postgres(PgConnection::connect(&self.url).await.expect("connect")),
        }
    }
}

/// `CREATE DATABASE` on the test server: a name no other test (or test process) uses.
pub async fn create_pg_database() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let name = format!(
        "spoc_test_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    let mut admin = PgConnection::connect(&pg_url("postgres"))
        .await
        .expect("connect to the test PostgreSQL server");
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("create a test database");
    admin.close().await.ok();
    name
}

pub enum Raw {
    Sqlite(SqliteConnection),
    Postgres(PgConnection),
}

impl Raw {
    /// Runs a statement; the database's refusal as text.
    pub async fn execute(&mut self, sql: &str) -> Result<u64, String> {
        match self {
            Raw::Sqlite(db) => db.execute(sql).await.map(|done| done.rows_affected()),
            Raw::Postgres(db) => db.execute(sql).await.map(|done| done.rows_affected()),
        }
        .map_err(|e| e.to_string())
    }

    pub async fn fetch_i64(&mut self, sql: &str) -> i64 {
        match self {
            Raw::Sqlite(db) => sqlx::query_scalar(sql).fetch_one(db).await,
            Raw::Postgres(db) => sqlx::query_scalar(sql).fetch_one(db).await,
        }
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// Every row of a query whose columns are all text (cast them: `CAST(x AS TEXT)`).
    pub async fn fetch_texts(&mut self, sql: &str) -> Vec<Vec<String>> {
        use sqlx::Row;
        let rows: Vec<Vec<String>> = match self {
            Raw::Sqlite(db) => sqlx::query(sql).fetch_all(db).await.map(|rows| {
                rows.iter()
                    .map(|r| (0..r.len()).map(|i| r.get(i)).collect())
                    .collect()
            }),
            Raw::Postgres(db) => sqlx::query(sql).fetch_all(db).await.map(|rows| {
                rows.iter()
                    .map(|r| (0..r.len()).map(|i| r.get(i)).collect())
                    .collect()
            }),
        }
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
        rows
    }

    /// Drops the journal's protection, as someone who owns the database can.
    pub async fn drop_journal_triggers(&mut self) {
        let statements: &[&str] = match self {
            Raw::Sqlite(_) => &[
                "DROP TRIGGER journal_no_update",
                "DROP TRIGGER journal_no_delete",
                "DROP TRIGGER journal_head_forward",
                "DROP TRIGGER journal_head_kept",
            ],
            Raw::Postgres(_) => &[
                "ALTER TABLE journal DISABLE TRIGGER USER",
                "ALTER TABLE journal_head DISABLE TRIGGER USER",
            ],
        };
        for statement in statements {
            self.execute(statement).await.expect(statement);
        }
    }

    pub async fn close(self) {
        match self {
            Raw::Sqlite(db) => db.close().await.ok(),
            Raw::Postgres(db) => db.close().await.ok(),
        };
    }
}
