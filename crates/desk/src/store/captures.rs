//! Captures as received: stored exactly once with their identifiers and link keys, in the same
//! transaction as the journal entry that says who synced them.

use spoc_core::api::{Receipt, StoredCapture, Submission};
use spoc_core::canonical::canonical_json;
use spoc_core::desk::link_key;
use spoc_core::Identifier;
use sqlx::sqlite::SqliteRow;
use sqlx::Row;

use super::journal::{append, Who};
use super::{code_of, Store, StoreError, NOW};

/// What storing a submission did. Every variant is decided by one committed (or rolled back)
/// transaction, so a receipt always names a row that is on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Insert {
    /// New id: stored and committed.
    Created(Receipt),
    /// Same id, same hash: a resend. Nothing written; the original receipt.
    Existing(Receipt),
    /// Same id, different hash. Nothing written but the journal entry; the stored capture's receipt.
    Conflict { existing: Receipt },
    /// The id belongs to a capture another account sent. Nothing written but the journal entry, and
    /// nothing of that capture is told (not its number, not its receipt, not whether the content is
    /// the same): a resend is idempotent only for the account that sent it.
    TakenByAnother,
}

/// ON CONFLICT DO NOTHING rather than a unique-violation error: two simultaneous first sends of one id
/// give exactly one row, and the one that lost gets no row back and reads the winner's receipt.
fn insert_capture_sql() -> String {
    format!(
        "INSERT INTO captures (id, sha256, received_at, schema_version, case_type, urgency, district, \
         journal_number, body, submitted_by) VALUES (?, ?, {NOW}, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (id) DO NOTHING RETURNING server_seq, id, sha256, received_at"
    )
}

/// The same account pasted twice in one capture is one index entry.
const INSERT_IDENTIFIER: &str =
    "INSERT INTO capture_identifiers (server_seq, platform, kind, value, link_key) \
    VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

impl Store {
    /// Stores a validated submission exactly once, with its identifiers, in one transaction; returns
    /// only after the commit. Two concurrent calls with the same new id give one `Created` and one
    /// `Existing` (or `Conflict`), never two rows and never an error.
    pub async fn insert_or_get(&self, who: &Who, submission: &Submission) -> Result<Insert, StoreError> {
        let capture = &submission.capture;
        let body = canonical_json(capture).map_err(|_| StoreError::Canonical)?;
        let district = capture.officer.district.map(|d| d.code()).unwrap_or_default();

        let mut tx = self.pool.begin().await?;
        let inserted = sqlx::query(&insert_capture_sql())
            .bind(&capture.id)
            .bind(&submission.sha256)
            .bind(i64::from(capture.schema_version))
            .bind(capture.case_type.code())
            .bind(code_of(&capture.urgency()))
            .bind(district)
            .bind(&capture.journal_number)
            .bind(&body)
            .bind(who.account_id)
            .fetch_optional(&mut *tx)
            .await?;

        if let Some(row) = inserted {
            let receipt = receipt_of(&row)?;
            for identifier in &capture.identifiers {
                insert_identifier(&mut tx, receipt.server_seq, &identifier.parsed).await?;
            }
            append(&mut tx, who, "capture.create", &capture.id, "").await?;
            tx.commit().await?;
            return Ok(Insert::Created(receipt));
        }
        tx.rollback().await?;

        // The row that blocked the insert was committed before we got the write lock, so it is visible.
        let (existing, sent_by) = self.receipt(&capture.id).await?.ok_or(StoreError::Vanished)?;
        if sent_by != who.account_id {
            self.journal(
                who,
                "capture.id_taken",
                &capture.id,
                "id of another account's capture refused",
            )
            .await?;
            return Ok(Insert::TakenByAnother);
        }
        if existing.sha256 == submission.sha256 {
            return Ok(Insert::Existing(existing));
        }
        self.journal(
            who,
            "capture.conflict",
            &capture.id,
            "resend with another hash refused",
        )
        .await?;
        Ok(Insert::Conflict { existing })
    }

    /// A capture with its receipt for whoever may read it: `only_of` limits it to one account's own
    /// captures (an officer's). Journalled as a read when found.
    pub async fn get(
        &self,
        who: &Who,
        id: &str,
        only_of: Option<i64>,
    ) -> Result<Option<StoredCapture>, StoreError> {
        let mut tx = self.pool.begin().await?;
        let Some(row) = sqlx::query(
            "SELECT server_seq, id, sha256, received_at, body FROM captures \
             WHERE id = ? AND (? IS NULL OR submitted_by = ?)",
        )
        .bind(id)
        .bind(only_of)
        .bind(only_of)
        .fetch_optional(&mut *tx)
        .await?
        else {
            return Ok(None);
        };
        append(&mut tx, who, "capture.read", id, "receipt").await?;
        tx.commit().await?;
        Ok(Some(stored_of(&row)?))
    }

    /// The stored capture's receipt and the account that sent it.
    async fn receipt(&self, id: &str) -> Result<Option<(Receipt, Option<i64>)>, StoreError> {
        sqlx::query("SELECT server_seq, id, sha256, received_at, submitted_by FROM captures WHERE id = ?")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .map(|row| Ok((receipt_of(&row)?, row.try_get("submitted_by")?)))
            .transpose()
    }

    /// Link keys for identifiers stored before the desk indexed them. Short links have none and are
    /// skipped by kind.
    pub(super) async fn fill_link_keys(&self) -> Result<(), StoreError> {
        let rows = sqlx::query(
            "SELECT rowid, platform, kind, value FROM capture_identifiers \
             WHERE link_key IS NULL AND kind <> 'short_link'",
        )
        .fetch_all(&self.pool)
        .await?;
        for row in rows {
            let identifier: Option<Identifier> = serde_json::from_value(serde_json::json!({
                "platform": row.try_get::<String, _>("platform")?,
                "kind": row.try_get::<String, _>("kind")?,
                "value": row.try_get::<String, _>("value")?,
            }))
            .ok();
            if let Some(key) = identifier.as_ref().and_then(link_key) {
                sqlx::query("UPDATE capture_identifiers SET link_key = ? WHERE rowid = ?")
                    .bind(key)
                    .bind(row.try_get::<i64, _>("rowid")?)
                    .execute(&self.pool)
                    .await?;
            }
        }
        Ok(())
    }
}

async fn insert_identifier(
    tx: &mut sqlx::SqliteConnection,
    server_seq: i64,
    identifier: &Identifier,
) -> Result<(), StoreError> {
    sqlx::query(INSERT_IDENTIFIER)
        .bind(server_seq)
        .bind(identifier.platform.code())
        .bind(code_of(&identifier.kind))
        .bind(&identifier.value)
        .bind(link_key(identifier))
        .execute(&mut *tx)
        .await?;
    Ok(())
}

pub(super) fn stored_of(row: &SqliteRow) -> Result<StoredCapture, StoreError> {
    let receipt = receipt_of(row)?;
    let body: String = row.try_get("body")?;
    let capture = serde_json::from_str(&body).map_err(|_| StoreError::CorruptRow {
        server_seq: receipt.server_seq,
    })?;
    Ok(StoredCapture { receipt, capture })
}

fn receipt_of(row: &SqliteRow) -> Result<Receipt, StoreError> {
    Ok(Receipt {
        id: row.try_get("id")?,
        server_seq: row.try_get("server_seq")?,
        received_at: row.try_get("received_at")?,
        sha256: row.try_get("sha256")?,
    })
}
