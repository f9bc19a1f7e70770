//! Captures as received: stored exactly once with their identifiers and link keys, in the same
//! transaction as the journal entry that says who synced them.

use spoc_core::api::{Receipt, StoredCapture, Submission};
use spoc_core::canonical::canonical_json;
use spoc_core::desk::{link_key, InboxEvent};
use spoc_core::{Capture, Identifier};
use sqlx::QueryBuilder;

use super::dialect::Columns;
use super::journal::Who;
use super::live::LiveEvent;
use super::{code_of, Conn, StoreError};

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

/// The columns of `captures` a submission fills, beside the time the database gives it.
struct Row<'a> {
    capture: &'a Capture,
    sha256: &'a str,
    body: String,
    district: &'static str,
    urgency: String,
}

impl<'a> Row<'a> {
    fn of(submission: &'a Submission) -> Result<Row<'a>, StoreError> {
        let capture = &submission.capture;
        Ok(Row {
            capture,
            sha256: &submission.sha256,
            body: canonical_json(capture).map_err(|_| StoreError::Canonical)?,
            district: capture.officer.district.map(|d| d.code()).unwrap_or_default(),
            urgency: code_of(&capture.urgency()),
        })
    }
}

/// Rows per INSERT when loading many captures at once.
const LOAD_CHUNK: usize = 500;

both_engines! {
    pub(crate) async fn insert_or_get(
        &self,
        who: &Who,
        submission: &Submission,
    ) -> Result<Insert, StoreError> {
        let row = Row::of(submission)?;
        let capture = row.capture;
        let mut tx = self.begin().await?;
        // ON CONFLICT DO NOTHING rather than a unique-violation error: two simultaneous first sends
        // of one id give exactly one row (on PostgreSQL the second waits for the first to commit),
        // and the one that lost gets no row back and reads the winner's receipt.
        let inserted = sqlx::query(&format!(
            "INSERT INTO captures (id, sha256, received_at, schema_version, case_type, urgency, district, \
             journal_number, body, submitted_by) VALUES ($1, $2, {}, $3, $4, $5, $6, $7, $8, $9) \
             ON CONFLICT (id) DO NOTHING RETURNING server_seq, id, sha256, received_at",
            Self::NOW
        ))
        .bind(&capture.id)
        .bind(row.sha256)
        .bind(i64::from(capture.schema_version))
        .bind(capture.case_type.code())
        .bind(&row.urgency)
        .bind(row.district)
        .bind(&capture.journal_number)
        .bind(&row.body)
        .bind(who.account_id)
        .fetch_optional(&mut *tx)
        .await?;

        if let Some(inserted) = inserted {
            let receipt = receipt_of(&inserted)?;
            Self::insert_identifiers(&mut tx, receipt.server_seq, &capture.identifiers).await?;
            let seq = Self::append(&mut tx, who, "capture.create", &capture.id, "").await?;
            // After the journal entry, under its lock: see `decide_link_alert`.
            let alert =
                Self::decide_link_alert(&mut tx, receipt.server_seq, capture.officer.district).await?;
            let event = LiveEvent::new(
                seq,
                InboxEvent {
                    server_seq: receipt.server_seq,
                    id: capture.id.clone(),
                    alert,
                },
            );
            self.commit_publishing(tx, &[event]).await?;
            return Ok(Insert::Created(receipt));
        }
        tx.rollback().await?;

        // The row that blocked the insert was committed before the insert returned, so it is visible.
        let (existing, sent_by) = self.receipt(&capture.id).await?.ok_or(StoreError::Vanished)?;
        if sent_by != who.account_id {
            self.journal(who, "capture.id_taken", &capture.id, "id of another account's capture refused")
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

    pub(crate) async fn get(
        &self,
        who: &Who,
        id: &str,
        only_of: Option<i64>,
    ) -> Result<Option<StoredCapture>, StoreError> {
        let mut tx = self.begin().await?;
        let Some(row) = sqlx::query(
            "SELECT server_seq, id, sha256, received_at, body FROM captures \
             WHERE id = $1 AND ($2 IS NULL OR submitted_by = $2)",
        )
        .bind(id)
        .bind(only_of)
        .fetch_optional(&mut *tx)
        .await?
        else {
            return Ok(None);
        };
        Self::append(&mut tx, who, "capture.read", id, "receipt").await?;
        tx.commit().await?;
        Ok(Some(stored_of(&row)?))
    }

    /// The stored capture's receipt and the account that sent it.
    async fn receipt(&self, id: &str) -> Result<Option<(Receipt, Option<i64>)>, StoreError> {
        sqlx::query("SELECT server_seq, id, sha256, received_at, submitted_by FROM captures WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .map(|row| Ok((receipt_of(&row)?, row.value("submitted_by")?)))
            .transpose()
    }

    pub(crate) async fn load_captures(
        &self,
        submissions: &[Submission],
        submitted_by: Option<i64>,
    ) -> Result<(), StoreError> {
        let rows = submissions.iter().map(Row::of).collect::<Result<Vec<_>, _>>()?;
        let mut tx = self.begin().await?;
        for chunk in rows.chunks(LOAD_CHUNK) {
            let mut insert = QueryBuilder::new(
                "INSERT INTO captures (id, sha256, received_at, schema_version, case_type, urgency, \
                 district, journal_number, body, submitted_by) ",
            );
            insert.push_values(chunk, |mut values, row| {
                values
                    .push_bind(&row.capture.id)
                    .push_bind(row.sha256)
                    .push(Self::NOW)
                    .push_bind(i64::from(row.capture.schema_version))
                    .push_bind(row.capture.case_type.code())
                    .push_bind(&row.urgency)
                    .push_bind(row.district)
                    .push_bind(&row.capture.journal_number)
                    .push_bind(&row.body)
                    .push_bind(submitted_by);
            });
            insert.push(" RETURNING server_seq, id");
            let stored: Vec<(i64, String)> = insert.build_query_as().fetch_all(&mut *tx).await?;
            // Neither engine promises RETURNING's order: rows are matched by id.
            let seq_of: std::collections::HashMap<&str, i64> =
                stored.iter().map(|(seq, id)| (id.as_str(), *seq)).collect();
            let identifiers: Vec<(i64, &Identifier)> = chunk
                .iter()
                .filter_map(|row| seq_of.get(row.capture.id.as_str()).map(|seq| (*seq, row)))
                .flat_map(|(seq, row)| row.capture.identifiers.iter().map(move |i| (seq, &i.parsed)))
                .collect();
            // Four bound values a row: a chunk of identifiers at a time keeps inside the limits.
            for part in identifiers.chunks(LOAD_CHUNK * 4) {
                QueryBuilder::new(
                    "INSERT INTO capture_identifiers (server_seq, platform, kind, value, link_key) ",
                )
                .push_values(part, |mut values, (seq, identifier)| {
                    values
                        .push_bind(*seq)
                        .push_bind(identifier.platform.code())
                        .push_bind(code_of(&identifier.kind))
                        .push_bind(&identifier.value)
                        .push_bind(link_key(identifier));
                })
                .push(" ON CONFLICT DO NOTHING")
                .build()
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// Link keys for identifiers stored before the desk indexed them. Short links have none and are
    /// skipped by kind.
    pub(super) async fn fill_link_keys(&self) -> Result<(), StoreError> {
        let rows = sqlx::query(
            "SELECT server_seq, platform, kind, value FROM capture_identifiers \
             WHERE link_key IS NULL AND kind <> 'short_link'",
        )
        .fetch_all(&self.pool)
        .await?;
        for row in rows {
            let (seq, platform, kind, value): (i64, String, String, String) = (
                row.value("server_seq")?,
                row.value("platform")?,
                row.value("kind")?,
                row.value("value")?,
            );
            let identifier: Option<Identifier> = serde_json::from_value(
                serde_json::json!({ "platform": platform, "kind": kind, "value": value }),
            )
            .ok();
            if let Some(key) = identifier.as_ref().and_then(link_key) {
                sqlx::query(
                    "UPDATE capture_identifiers SET link_key = $1 \
                     WHERE server_seq = $2 AND platform = $3 AND kind = $4 AND value = $5",
                )
                .bind(key)
                .bind(seq)
                .bind(&platform)
                .bind(&kind)
                .bind(&value)
                .execute(&self.pool)
                .await?;
            }
        }
        Ok(())
    }

    /// The same account pasted twice in one capture is one index entry.
    async fn insert_identifiers(
        conn: &mut Conn<Self>,
        server_seq: i64,
        identifiers: &[spoc_core::capture::CapturedIdentifier],
    ) -> Result<(), StoreError> {
        for identifier in identifiers {
            let identifier = &identifier.parsed;
            sqlx::query(
                "INSERT INTO capture_identifiers (server_seq, platform, kind, value, link_key) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
            )
            .bind(server_seq)
            .bind(identifier.platform.code())
            .bind(code_of(&identifier.kind))
            .bind(&identifier.value)
            .bind(link_key(identifier))
            .execute(&mut *conn)
            .await?;
        }
        Ok(())
    }
}

pub(super) fn stored_of(row: &impl Columns) -> Result<StoredCapture, StoreError> {
    let receipt = receipt_of(row)?;
    let body: String = row.value("body")?;
    let capture = serde_json::from_str(&body).map_err(|_| StoreError::CorruptRow {
        server_seq: receipt.server_seq,
    })?;
    Ok(StoredCapture { receipt, capture })
}

fn receipt_of(row: &impl Columns) -> Result<Receipt, StoreError> {
    Ok(Receipt {
        id: row.value("id")?,
        server_seq: row.value("server_seq")?,
        received_at: row.time("received_at")?,
        sha256: row.value("sha256")?,
    })
}
