//! The journal: who did what to which object, when, and from where — for every write and every read of
//! a capture, every sign-in and every account change. It never holds captured content: objects are
//! capture ids and usernames, details are workflow states and counts.
//!
//! Each entry's hash is the SHA-256 of its canonical JSON, which includes the hash of the entry before,
//! so altering, inserting or removing an entry breaks the chain from that point on. The head row
//! (`journal_head`: the newest entry's number and hash) is what a writer locks to append, and what
//! `verify` compares the chain's end with, so entries cut off the end show too — unless the head was
//! edited as well; the head hash that `verify` prints can be kept elsewhere against that.
//!
//! Appending takes the head row's lock with `UPDATE … RETURNING` (the same on both engines, and under
//! PostgreSQL's READ COMMITTED a writer on another desk waits for it and then sees the new head). It
//! is taken last in every transaction and held until the commit, so entries are numbered in commit
//! order, with no gaps: a transaction that rolls back takes its numbers back with it.

use futures_util::TryStreamExt;
use serde::Serialize;
use spoc_core::canonical::canonical_sha256;
use spoc_core::desk::JournalEntry;
use sqlx::QueryBuilder;

use super::dialect::{Columns, DbTime};
use super::{Conn, StoreError};

/// The `prev_hash` of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Entries per INSERT when many are appended at once (an export): well inside both engines' limits
/// on bound parameters.
const ROWS_PER_INSERT: usize = 500;

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

/// Walks entries in order; the first problem, if any.
#[derive(Default)]
struct Walk {
    entries: i64,
    prev_hash: Option<String>,
}

impl Walk {
    fn step(&mut self, entry: JournalEntry) -> Result<Option<Verification>, StoreError> {
        let expected_seq = self.entries + 1;
        let broken = |problem: String| {
            Ok(Some(Verification::Broken {
                seq: entry.seq,
                problem,
            }))
        };
        if entry.seq != expected_seq {
            return if entry.seq > expected_seq {
                broken(format!(
                    "entries {expected_seq} to {} are missing (removed)",
                    entry.seq - 1
                ))
            } else {
                broken("out of order (inserted)".into())
            };
        }
        if entry.prev_hash != self.prev_hash.as_deref().unwrap_or(GENESIS) {
            return broken(
                "does not chain to the entry before it (an entry was inserted, altered or removed \
                 before it)"
                    .into(),
            );
        }
        if entry_hash(&entry)? != entry.hash {
            return broken("was altered (its content does not give its hash)".into());
        }
        self.prev_hash = Some(entry.hash);
        self.entries = expected_seq;
        Ok(None)
    }

    /// The chain's end against the head row.
    fn end(self, head_seq: i64, head_hash: &str) -> Verification {
        let last_hash = self.prev_hash.unwrap_or_else(|| GENESIS.to_string());
        if head_seq > self.entries {
            return Verification::Broken {
                seq: self.entries + 1,
                problem: format!(
                    "entries {} to {head_seq} are missing (the newest were removed)",
                    self.entries + 1
                ),
            };
        }
        if head_seq < self.entries || head_hash != last_hash {
            return Verification::Broken {
                seq: self.entries,
                problem: "is not the head the journal recorded (the head row or the newest entries \
                          were changed)"
                    .into(),
            };
        }
        Verification::Intact {
            entries: self.entries,
            head: last_hash,
        }
    }
}

both_engines! {
    /// Appends one entry inside the caller's transaction; its number (the event id of an inbox
    /// event). Call it last: it takes the head row's lock until the commit.
    pub(crate) async fn append(
        conn: &mut Conn<Self>,
        who: &Who,
        action: &str,
        object: &str,
        detail: &str,
    ) -> Result<i64, StoreError> {
        Self::append_all(conn, who, action, &[(object, detail)]).await
    }

    /// Appends one entry per `(object, detail)`, all by `who` for `action`, under one taking of the
    /// head; the number of the last.
    pub(crate) async fn append_all(
        conn: &mut Conn<Self>,
        who: &Who,
        action: &str,
        entries: &[(&str, &str)],
    ) -> Result<i64, StoreError> {
        let count = entries.len() as i64;
        let head = sqlx::query(&format!(
            "UPDATE journal_head SET seq = seq + $1 WHERE id = 1 RETURNING seq, hash, {} AS at",
            Self::NOW
        ))
        .bind(count)
        .fetch_one(&mut *conn)
        .await?;
        let last: i64 = head.value("seq")?;
        let at = head.time("at")?;
        let mut prev_hash: String = head.value("hash")?;
        let mut sealed = Vec::with_capacity(entries.len());
        for (n, (object, detail)) in entries.iter().enumerate() {
            let mut entry = JournalEntry {
                seq: last - count + 1 + n as i64,
                at: at.clone(),
                actor: who.name.clone(),
                action: action.into(),
                object: (*object).into(),
                source: who.source.clone(),
                detail: (*detail).into(),
                prev_hash,
                hash: String::new(),
            };
            entry.hash = entry_hash(&entry)?;
            prev_hash = entry.hash.clone();
            sealed.push(entry);
        }
        for chunk in sealed.chunks(ROWS_PER_INSERT) {
            QueryBuilder::new(
                "INSERT INTO journal (seq, at, actor, action, object, source, detail, prev_hash, hash) ",
            )
            .push_values(chunk, |mut row, entry| {
                row.push_bind(entry.seq)
                    .push_bind(DbTime(entry.at.clone()))
                    .push_bind(&entry.actor)
                    .push_bind(&entry.action)
                    .push_bind(&entry.object)
                    .push_bind(&entry.source)
                    .push_bind(&entry.detail)
                    .push_bind(&entry.prev_hash)
                    .push_bind(&entry.hash);
            })
            .build()
            .execute(&mut *conn)
            .await?;
        }
        sqlx::query("UPDATE journal_head SET hash = $1 WHERE id = 1")
            .bind(&prev_hash)
            .execute(&mut *conn)
            .await?;
        Ok(last)
    }

    pub(crate) async fn journal(
        &self,
        who: &Who,
        action: &str,
        object: &str,
        detail: &str,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        Self::append(&mut tx, who, action, object, detail).await?;
        tx.commit().await?;
        Ok(())
    }

    pub(crate) async fn journal_page(
        &self,
        before: Option<i64>,
        limit: i64,
    ) -> Result<Vec<JournalEntry>, StoreError> {
        let rows = sqlx::query("SELECT * FROM journal WHERE seq < $1 ORDER BY seq DESC LIMIT $2")
            .bind(before.unwrap_or(i64::MAX))
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(entry_of).collect()
    }

    pub(crate) async fn verify_journal(&self) -> Result<Verification, StoreError> {
        // Read in one snapshot on PostgreSQL, so writers on other desks do not move the head mid-walk.
        let mut tx = self.pool.begin_with(Self::BEGIN_SNAPSHOT).await?;
        let (head_seq, head_hash): (i64, String) =
            sqlx::query_as("SELECT seq, hash FROM journal_head WHERE id = 1")
                .fetch_one(&mut *tx)
                .await?;
        let mut walk = Walk::default();
        {
            let mut rows = sqlx::query("SELECT * FROM journal WHERE seq <= $1 ORDER BY seq")
                .bind(head_seq)
                .fetch(&mut *tx);
            while let Some(row) = rows.try_next().await? {
                if let Some(broken) = walk.step(entry_of(&row)?)? {
                    return Ok(broken);
                }
            }
        }
        let beyond: Option<i64> = sqlx::query_scalar("SELECT MIN(seq) FROM journal WHERE seq > $1")
            .bind(head_seq)
            .fetch_one(&mut *tx)
            .await?;
        tx.rollback().await?;
        if let Some(seq) = beyond {
            return Ok(Verification::Broken {
                seq,
                problem: "lies beyond the head the journal recorded (inserted)".into(),
            });
        }
        Ok(walk.end(head_seq, &head_hash))
    }
}

fn entry_of(row: &impl Columns) -> Result<JournalEntry, StoreError> {
    Ok(JournalEntry {
        seq: row.value("seq")?,
        at: row.time("at")?,
        actor: row.value("actor")?,
        action: row.value("action")?,
        object: row.value("object")?,
        source: row.value("source")?,
        detail: row.value("detail")?,
        prev_hash: row.value("prev_hash")?,
        hash: row.value("hash")?,
    })
}
