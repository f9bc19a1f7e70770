//! The journal: who did what to which object, when, and from where — for every write and every read of
//! a capture, every sign-in and every account change. It never holds captured content: objects are
//! capture ids and usernames, details are workflow states and counts.
//!
//! Each entry's hash is the SHA-256 of its canonical JSON, which includes the hash of the entry before,
//! so altering, inserting or removing an entry breaks the chain from that point on. The chain alone
//! cannot show that the newest entries were cut off; the AUTOINCREMENT counter (`sqlite_sequence`)
//! can, unless it was edited too, and the head hash that `verify` prints can be kept elsewhere.

use serde::Serialize;
use spoc_core::canonical::canonical_sha256;
use spoc_core::desk::JournalEntry;
use sqlx::{Row, SqliteConnection};

use super::{Store, StoreError, NOW};

/// The `prev_hash` of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Who is acting and from where, as the journal names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Who {
    pub account_id: Option<i64>,
    /// A username, or `-` before anyone signed in, or `cli` for the command line.
    pub name: String,
    /// The client's IP address, or `cli`.
    pub source: String,
}

impl Who {
    pub fn anonymous(source: impl Into<String>) -> Who {
        Who {
            account_id: None,
            name: "-".into(),
            source: source.into(),
        }
    }

    pub fn cli() -> Who {
        Who {
            account_id: None,
            name: "cli".into(),
            source: "cli".into(),
        }
    }
}

/// What is hashed: every column but the hash itself.
#[derive(Serialize)]
struct Hashed<'a> {
    seq: i64,
    at: &'a str,
    actor: &'a str,
    action: &'a str,
    object: &'a str,
    source: &'a str,
    detail: &'a str,
    prev_hash: &'a str,
}

fn entry_hash(entry: &JournalEntry) -> Result<String, StoreError> {
    canonical_sha256(&Hashed {
        seq: entry.seq,
        at: &entry.at,
        actor: &entry.actor,
        action: &entry.action,
        object: &entry.object,
        source: &entry.source,
        detail: &entry.detail,
        prev_hash: &entry.prev_hash,
    })
    .map_err(|_| StoreError::Canonical)
}

/// Appends one entry inside the caller's transaction. The INSERT takes SQLite's write lock, so the
/// entry it chains to cannot change before the commit.
pub async fn append(
    tx: &mut SqliteConnection,
    who: &Who,
    action: &str,
    object: &str,
    detail: &str,
) -> Result<(), StoreError> {
    let row = sqlx::query(&format!(
        "INSERT INTO journal (at, actor, action, object, source, detail, prev_hash, hash) \
         VALUES ({NOW}, ?, ?, ?, ?, ?, \
                 COALESCE((SELECT hash FROM journal ORDER BY seq DESC LIMIT 1), '{GENESIS}'), '') \
         RETURNING seq, at, prev_hash"
    ))
    .bind(&who.name)
    .bind(action)
    .bind(object)
    .bind(&who.source)
    .bind(detail)
    .fetch_one(&mut *tx)
    .await?;
    let mut entry = JournalEntry {
        seq: row.try_get("seq")?,
        at: row.try_get("at")?,
        actor: who.name.clone(),
        action: action.into(),
        object: object.into(),
        source: who.source.clone(),
        detail: detail.into(),
        prev_hash: row.try_get("prev_hash")?,
        hash: String::new(),
    };
    entry.hash = entry_hash(&entry)?;
    sqlx::query("UPDATE journal SET hash = ? WHERE seq = ?")
        .bind(&entry.hash)
        .bind(entry.seq)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// The outcome of checking the whole chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    Intact {
        entries: i64,
        head: String,
    },
    /// The first entry that does not check out, and why.
    Broken {
        seq: i64,
        problem: String,
    },
}

impl Store {
    /// One action journalled on its own (sign-ins, lists, lookups).
    pub async fn journal(
        &self,
        who: &Who,
        action: &str,
        object: &str,
        detail: &str,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        append(&mut tx, who, action, object, detail).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Newest first, `limit` entries older than `before` (or the newest).
    pub async fn journal_page(
        &self,
        before: Option<i64>,
        limit: i64,
    ) -> Result<Vec<JournalEntry>, StoreError> {
        let rows = sqlx::query("SELECT * FROM journal WHERE seq < ? ORDER BY seq DESC LIMIT ?")
            .bind(before.unwrap_or(i64::MAX))
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(entry_of).collect()
    }

    /// Walks the chain from the first entry and names the first one that was altered, inserted or
    /// removed.
    pub async fn verify_journal(&self) -> Result<Verification, StoreError> {
        let rows = sqlx::query("SELECT * FROM journal ORDER BY seq")
            .fetch_all(&self.pool)
            .await?;
        let mut prev_hash = GENESIS.to_string();
        let mut expected_seq = 1;
        for row in &rows {
            let entry = entry_of(row)?;
            if entry.seq != expected_seq {
                let problem = if entry.seq > expected_seq {
                    format!(
                        "entries {expected_seq} to {} are missing (removed)",
                        entry.seq - 1
                    )
                } else {
                    "out of order (inserted)".to_string()
                };
                return Ok(Verification::Broken {
                    seq: entry.seq,
                    problem,
                });
            }
            if entry.prev_hash != prev_hash {
                return Ok(Verification::Broken {
                    seq: entry.seq,
                    problem: "does not chain to the entry before it (an entry was inserted, altered or \
                              removed before it)"
                        .into(),
                });
            }
            if entry_hash(&entry)? != entry.hash {
                return Ok(Verification::Broken {
                    seq: entry.seq,
                    problem: "was altered (its content does not give its hash)".into(),
                });
            }
            prev_hash = entry.hash;
            expected_seq += 1;
        }
        let entries = expected_seq - 1;
        let highest: Option<i64> =
            sqlx::query_scalar("SELECT seq FROM sqlite_sequence WHERE name = 'journal'")
                .fetch_optional(&self.pool)
                .await?;
        if let Some(highest) = highest.filter(|highest| *highest > entries) {
            return Ok(Verification::Broken {
                seq: entries + 1,
                problem: format!(
                    "entries {} to {highest} are missing (the newest were removed)",
                    entries + 1
                ),
            });
        }
        Ok(Verification::Intact {
            entries,
            head: prev_hash,
        })
    }
}

fn entry_of(row: &sqlx::sqlite::SqliteRow) -> Result<JournalEntry, StoreError> {
    Ok(JournalEntry {
        seq: row.try_get("seq")?,
        at: row.try_get("at")?,
        actor: row.try_get("actor")?,
        action: row.try_get("action")?,
        object: row.try_get("object")?,
        source: row.try_get("source")?,
        detail: row.try_get("detail")?,
        prev_hash: row.try_get("prev_hash")?,
        hash: row.try_get("hash")?,
    })
}
