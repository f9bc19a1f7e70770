//! The first assessment: an operator resolves a short link into the identifier it points to (the
//! capture links by it from then on), and marks the assessment done with a note. Each is one
//! transaction with its journal entry and its inbox event.

use spoc_core::desk::{link_key, Assessment, ResolvedShortLink};
use spoc_core::{Identifier, IdentifierKind};

use super::analysis::identifier_of;
use super::captures::stored_of;
use super::desk::event;
use super::dialect::Columns;
use super::journal::Who;
use super::{code_of, Conn, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResolveOutcome {
    Resolved,
    NoCapture,
    /// The capture holds no short link written exactly so.
    NotItsShortLink,
    /// Someone resolved it first; nothing changed.
    AlreadyResolved,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssessOutcome {
    Done,
    NoCapture,
    /// Marked done before; nothing changed.
    AlreadyDone,
}

both_engines! {
    pub(crate) async fn resolve_short_link(
        &self,
        who: &Who,
        id: &str,
        short_link: &str,
        identifier: &Identifier,
    ) -> Result<ResolveOutcome, StoreError> {
        let mut tx = self.begin().await?;
        let row = sqlx::query("SELECT server_seq, id, sha256, received_at, body FROM captures WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(row) = row else { return Ok(ResolveOutcome::NoCapture) };
        let stored = stored_of(&row)?;
        let seq = stored.receipt.server_seq;
        let holds = stored
            .capture
            .identifiers
            .iter()
            .any(|i| i.raw == short_link && i.parsed.kind == IdentifierKind::ShortLink);
        if !holds {
            return Ok(ResolveOutcome::NotItsShortLink);
        }
        let kind = code_of(&identifier.kind);
        let inserted: Option<i64> = sqlx::query_scalar(&format!(
            "INSERT INTO short_link_resolutions (server_seq, raw, platform, kind, value, resolved_by, at) \
             VALUES ($1, $2, $3, $4, $5, $6, {}) ON CONFLICT DO NOTHING RETURNING server_seq",
            Self::NOW
        ))
        .bind(seq)
        .bind(short_link)
        .bind(identifier.platform.code())
        .bind(&kind)
        .bind(&identifier.value)
        .bind(who.account_id)
        .fetch_optional(&mut *tx)
        .await?;
        if inserted.is_none() {
            return Ok(ResolveOutcome::AlreadyResolved);
        }
        // Into the link index: from now on the capture links by what the short link points to.
        sqlx::query(
            "INSERT INTO capture_identifiers (server_seq, platform, kind, value, link_key) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
        )
        .bind(seq)
        .bind(identifier.platform.code())
        .bind(&kind)
        .bind(&identifier.value)
        .bind(link_key(identifier))
        .execute(&mut *tx)
        .await?;
        // What kind of identifier, never its value: the journal holds no captured content.
        let detail = format!("{} {kind}", identifier.platform.code());
        let journal_seq = Self::append(&mut tx, who, "capture.short_link", id, &detail).await?;
        self.commit_publishing(tx, &[event(journal_seq, seq, id)]).await?;
        Ok(ResolveOutcome::Resolved)
    }

    pub(crate) async fn assess(&self, who: &Who, id: &str, note: &str) -> Result<AssessOutcome, StoreError> {
        let mut tx = self.begin().await?;
        let seq: Option<i64> = sqlx::query_scalar("SELECT server_seq FROM captures WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(seq) = seq else { return Ok(AssessOutcome::NoCapture) };
        let inserted: Option<i64> = sqlx::query_scalar(&format!(
            "INSERT INTO first_assessments (server_seq, assessed_by, at, note) VALUES ($1, $2, {}, $3) \
             ON CONFLICT DO NOTHING RETURNING server_seq",
            Self::NOW
        ))
        .bind(seq)
        .bind(who.account_id)
        .bind(note)
        .fetch_optional(&mut *tx)
        .await?;
        if inserted.is_none() {
            return Ok(AssessOutcome::AlreadyDone);
        }
        // The note is the operator's words about the case: it stays with the capture, not here.
        let journal_seq = Self::append(&mut tx, who, "capture.assessed", id, "").await?;
        self.commit_publishing(tx, &[event(journal_seq, seq, id)]).await?;
        Ok(AssessOutcome::Done)
    }

    /// The short links of capture `seq` resolved so far, in the order resolved.
    pub(super) async fn resolutions_of(
        conn: &mut Conn<Self>,
        seq: i64,
    ) -> Result<Vec<ResolvedShortLink>, StoreError> {
        sqlx::query(
            "SELECT r.raw, r.platform, r.kind, r.value, r.at, a.username FROM short_link_resolutions r \
             JOIN accounts a ON a.id = r.resolved_by WHERE r.server_seq = $1 ORDER BY r.at, r.raw",
        )
        .bind(seq)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|row| {
            Ok(ResolvedShortLink {
                short_link: row.value("raw")?,
                identifier: identifier_of(row)?,
                by: row.value("username")?,
                at: row.time("at")?,
            })
        })
        .collect()
    }

    pub(super) async fn assessment_of(
        conn: &mut Conn<Self>,
        seq: i64,
    ) -> Result<Option<Assessment>, StoreError> {
        let row = sqlx::query(
            "SELECT f.at, f.note, a.username FROM first_assessments f \
             JOIN accounts a ON a.id = f.assessed_by WHERE f.server_seq = $1",
        )
        .bind(seq)
        .fetch_optional(&mut *conn)
        .await?;
        row.map(|row| {
            Ok(Assessment {
                by: row.value("username")?,
                at: row.time("at")?,
                note: row.value("note")?,
            })
        })
        .transpose()
    }
}
