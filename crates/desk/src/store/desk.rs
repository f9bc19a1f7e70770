//! What SPOC operators read and change: the inbox, a capture's detail with its links and deadlines,
//! workflow, assignment, notes, lookups and exports. Every read of a capture is journalled in the
//! transaction that reads it; lists are journalled as one entry with the count, never the content.

use spoc_core::desk::{
    deadline, sort_deadlines, CaptureDetail, CaptureRef, CaseStatus, Deadline, InboxFilter, InboxItem, Link,
    Note, StatusChange,
};
use spoc_core::guidance::GuidancePack;
use spoc_core::{CaseType, District, Platform};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};
use time::OffsetDateTime;

use super::captures::stored_of;
use super::journal::{append, Who};
use super::{Store, StoreError, NOW};

pub enum MoveOutcome {
    Moved,
    NotFound,
    /// Someone moved it first; nothing changed.
    Stale {
        current: CaseStatus,
    },
}

/// Open captures before closed and rejected ones; within each, threat to life (critical) first, then
/// by urgency, then newest.
const INBOX_ORDER: &str = "ORDER BY c.status IN ('closed', 'rejected'), \
    CASE c.urgency WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'elevated' THEN 2 ELSE 3 END, \
    c.server_seq DESC";

const INBOX_COLUMNS: &str = "c.server_seq, c.id, c.received_at, c.case_type, c.urgency, c.district, \
    c.journal_number, c.status, a.username AS assignee, \
    (SELECT json_group_array(DISTINCT platform) FROM capture_identifiers WHERE server_seq = c.server_seq) AS platforms, \
    (SELECT COUNT(DISTINCT b.server_seq) FROM capture_identifiers i \
        JOIN capture_identifiers b ON b.link_key = i.link_key AND b.server_seq <> i.server_seq \
        WHERE i.server_seq = c.server_seq) AS linked";

const FILTER: &str = "(?1 IS NULL OR c.status = ?1) AND (?2 IS NULL OR c.case_type = ?2) \
    AND (?3 IS NULL OR c.district = ?3) \
    AND (?4 IS NULL OR EXISTS (SELECT 1 FROM capture_identifiers f WHERE f.server_seq = c.server_seq AND f.platform = ?4))";

impl Store {
    pub async fn inbox(
        &self,
        who: &Who,
        filter: InboxFilter,
        limit: i64,
    ) -> Result<Vec<InboxItem>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {INBOX_COLUMNS} FROM captures c LEFT JOIN accounts a ON a.id = c.assignee \
             WHERE {FILTER} {INBOX_ORDER} LIMIT ?5"
        ))
        .bind(filter.status.map(CaseStatus::code))
        .bind(filter.case_type.map(CaseType::code))
        .bind(filter.district.map(District::code))
        .bind(filter.platform.map(Platform::code))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        let items = rows.iter().map(inbox_item).collect::<Result<Vec<_>, _>>()?;
        self.journal(who, "capture.list", "inbox", &format!("{} listed", items.len()))
            .await?;
        Ok(items)
    }

    /// Everything about one capture, journalled as a read.
    pub async fn detail(
        &self,
        who: &Who,
        id: &str,
        pack: &GuidancePack,
    ) -> Result<Option<CaptureDetail>, StoreError> {
        self.read_in_full(who, id, pack, "capture.read", "detail").await
    }

    /// Every capture the filter selects, in full, each journalled as exported.
    pub async fn export(
        &self,
        who: &Who,
        filter: InboxFilter,
        pack: &GuidancePack,
    ) -> Result<Vec<CaptureDetail>, StoreError> {
        let mut tx = self.pool.begin().await?;
        let seqs: Vec<(i64, String)> = sqlx::query_as(&format!(
            "SELECT c.server_seq, c.id FROM captures c WHERE {FILTER} {INBOX_ORDER}"
        ))
        .bind(filter.status.map(CaseStatus::code))
        .bind(filter.case_type.map(CaseType::code))
        .bind(filter.district.map(District::code))
        .bind(filter.platform.map(Platform::code))
        .fetch_all(&mut *tx)
        .await?;
        let mut details = Vec::with_capacity(seqs.len());
        for (seq, id) in seqs {
            append(&mut tx, who, "capture.export", &id, "").await?;
            details.push(detail_in(&mut tx, seq, pack).await?);
        }
        tx.commit().await?;
        Ok(details)
    }

    /// One capture in full for export, journalled as exported.
    pub async fn export_one(
        &self,
        who: &Who,
        id: &str,
        pack: &GuidancePack,
    ) -> Result<Option<CaptureDetail>, StoreError> {
        self.read_in_full(who, id, pack, "capture.export", "").await
    }

    /// One capture in full, with the journal entry that says why it was read, in one transaction.
    async fn read_in_full(
        &self,
        who: &Who,
        id: &str,
        pack: &GuidancePack,
        action: &str,
        detail: &str,
    ) -> Result<Option<CaptureDetail>, StoreError> {
        let mut tx = self.pool.begin().await?;
        let Some(seq) = server_seq(&mut tx, id).await? else {
            return Ok(None);
        };
        append(&mut tx, who, action, id, detail).await?;
        let detail = detail_in(&mut tx, seq, pack).await?;
        tx.commit().await?;
        Ok(Some(detail))
    }

    /// A workflow move, checked by spoc-core, applied only if the capture is still where the operator
    /// saw it.
    pub async fn move_status(
        &self,
        who: &Who,
        id: &str,
        change: &StatusChange,
    ) -> Result<MoveOutcome, StoreError> {
        let reason = change.reason.trim();
        let mut tx = self.pool.begin().await?;
        let moved = sqlx::query(
            "UPDATE captures SET status = ?, rejection_reason = ? WHERE id = ? AND status = ? RETURNING server_seq",
        )
        .bind(change.to.code())
        .bind((change.to == CaseStatus::Rejected).then_some(reason))
        .bind(id)
        .bind(change.from.code())
        .fetch_optional(&mut *tx)
        .await?;
        if moved.is_none() {
            tx.rollback().await?;
            let current: Option<String> = sqlx::query_scalar("SELECT status FROM captures WHERE id = ?")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
            return Ok(match current.as_deref().and_then(CaseStatus::from_code) {
                None => MoveOutcome::NotFound,
                Some(current) => MoveOutcome::Stale { current },
            });
        }
        // The reason is the operator's words about the case: it stays with the capture, not here.
        let detail = format!("{} -> {}", change.from.code(), change.to.code());
        append(&mut tx, who, "capture.status", id, &detail).await?;
        tx.commit().await?;
        Ok(MoveOutcome::Moved)
    }

    /// `Ok(None)` if there is no such capture. The assignee is checked by the caller.
    pub async fn assign(
        &self,
        who: &Who,
        id: &str,
        assignee: Option<i64>,
        name: &str,
    ) -> Result<Option<()>, StoreError> {
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query("UPDATE captures SET assignee = ? WHERE id = ? RETURNING server_seq")
            .bind(assignee)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        if done.is_none() {
            return Ok(None);
        }
        append(&mut tx, who, "capture.assign", id, name).await?;
        tx.commit().await?;
        Ok(Some(()))
    }

    pub async fn add_note(&self, who: &Who, id: &str, text: &str) -> Result<Option<()>, StoreError> {
        let mut tx = self.pool.begin().await?;
        let added = sqlx::query(&format!(
            "INSERT INTO notes (server_seq, author, at, text) \
             SELECT server_seq, ?, {NOW}, ? FROM captures WHERE id = ? RETURNING id"
        ))
        .bind(who.account_id)
        .bind(text)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        if added.is_none() {
            return Ok(None);
        }
        append(&mut tx, who, "capture.note", id, "").await?;
        tx.commit().await?;
        Ok(Some(()))
    }

    /// Every capture holding an identifier with this link key; journalled with the count only.
    pub async fn lookup(&self, who: &Who, key: &str) -> Result<Vec<CaptureRef>, StoreError> {
        let found = captures_with_key(&mut *self.pool.acquire().await?, key, None).await?;
        self.journal(
            who,
            "capture.lookup",
            "identifier",
            &format!("{} found", found.len()),
        )
        .await?;
        Ok(found)
    }

    /// Every recorded preservation of every capture not rejected, soonest expiry first.
    pub async fn deadlines(&self, who: &Who, pack: &GuidancePack) -> Result<Vec<Deadline>, StoreError> {
        let rows = sqlx::query(
            "SELECT c.id, c.server_seq, p.value AS request FROM captures c, json_each(c.body, '$.preservations') p \
             WHERE c.status <> 'rejected'",
        )
        .fetch_all(&self.pool)
        .await?;
        let now = OffsetDateTime::now_utc();
        let mut deadlines = Vec::with_capacity(rows.len());
        for row in &rows {
            let seq: i64 = row.try_get("server_seq")?;
            let request: String = row.try_get("request")?;
            let request =
                serde_json::from_str(&request).map_err(|_| StoreError::CorruptRow { server_seq: seq })?;
            deadlines.push(deadline(
                pack,
                &row.try_get::<String, _>("id")?,
                seq,
                &request,
                now,
            ));
        }
        sort_deadlines(&mut deadlines);
        self.journal(
            who,
            "capture.list",
            "deadlines",
            &format!("{} listed", deadlines.len()),
        )
        .await?;
        Ok(deadlines)
    }
}

/// Every capture holding an identifier with this link key, oldest first, leaving out `except`.
async fn captures_with_key(
    conn: &mut SqliteConnection,
    key: &str,
    except: Option<i64>,
) -> Result<Vec<CaptureRef>, StoreError> {
    sqlx::query(
        "SELECT DISTINCT c.id, c.server_seq, c.received_at, c.case_type, c.district, c.status \
         FROM capture_identifiers i JOIN captures c ON c.server_seq = i.server_seq \
         WHERE i.link_key = ? AND (? IS NULL OR i.server_seq <> ?) ORDER BY c.server_seq",
    )
    .bind(key)
    .bind(except)
    .bind(except)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(capture_ref)
    .collect()
}

async fn server_seq(tx: &mut SqliteConnection, id: &str) -> Result<Option<i64>, StoreError> {
    Ok(sqlx::query_scalar("SELECT server_seq FROM captures WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?)
}

async fn detail_in(
    tx: &mut SqliteConnection,
    seq: i64,
    pack: &GuidancePack,
) -> Result<CaptureDetail, StoreError> {
    let row = sqlx::query(
        "SELECT c.*, s.username AS submitter, a.username AS assignee_name FROM captures c \
         LEFT JOIN accounts s ON s.id = c.submitted_by LEFT JOIN accounts a ON a.id = c.assignee \
         WHERE c.server_seq = ?",
    )
    .bind(seq)
    .fetch_one(&mut *tx)
    .await?;
    let stored = stored_of(&row)?;
    let notes = sqlx::query(
        "SELECT a.username, n.at, n.text FROM notes n JOIN accounts a ON a.id = n.author \
         WHERE n.server_seq = ? ORDER BY n.id",
    )
    .bind(seq)
    .fetch_all(&mut *tx)
    .await?
    .iter()
    .map(|row| {
        Ok(Note {
            author: row.try_get("username")?,
            at: row.try_get("at")?,
            text: row.try_get("text")?,
        })
    })
    .collect::<Result<Vec<_>, StoreError>>()?;
    let mut links = Vec::new();
    for identifier in &stored.capture.identifiers {
        let Some(key) = spoc_core::desk::link_key(&identifier.parsed) else {
            continue;
        };
        if links.iter().any(|l: &Link| l.identifier == identifier.parsed) {
            continue;
        }
        let captures = captures_with_key(&mut *tx, &key, Some(seq)).await?;
        if !captures.is_empty() {
            links.push(Link {
                identifier: identifier.parsed.clone(),
                captures,
            });
        }
    }
    let now = OffsetDateTime::now_utc();
    let mut deadlines: Vec<Deadline> = stored
        .capture
        .preservations
        .iter()
        .map(|request| deadline(pack, &stored.capture.id, seq, request, now))
        .collect();
    sort_deadlines(&mut deadlines);
    Ok(CaptureDetail {
        submitted_by: row
            .try_get::<Option<String>, _>("submitter")?
            .unwrap_or_else(|| "-".into()),
        status: status_of(&row)?,
        rejection_reason: row.try_get("rejection_reason")?,
        assignee: row.try_get("assignee_name")?,
        notes,
        links,
        deadlines,
        // Filled in by the HTTP layer, which holds the published packs (`http::guidance`).
        guidance: None,
        stored,
    })
}

fn status_of(row: &SqliteRow) -> Result<CaseStatus, StoreError> {
    let seq: i64 = row.try_get("server_seq")?;
    let status: String = row.try_get("status")?;
    CaseStatus::from_code(&status).ok_or(StoreError::CorruptRow { server_seq: seq })
}

fn capture_ref(row: &SqliteRow) -> Result<CaptureRef, StoreError> {
    let seq: i64 = row.try_get("server_seq")?;
    let corrupt = || StoreError::CorruptRow { server_seq: seq };
    let district: String = row.try_get("district")?;
    Ok(CaptureRef {
        id: row.try_get("id")?,
        server_seq: seq,
        received_at: row.try_get("received_at")?,
        case_type: CaseType::from_code(&row.try_get::<String, _>("case_type")?).ok_or_else(corrupt)?,
        district: District::from_code(&district),
        status: status_of(row)?,
    })
}

fn inbox_item(row: &SqliteRow) -> Result<InboxItem, StoreError> {
    let reference = capture_ref(row)?;
    let corrupt = || StoreError::CorruptRow {
        server_seq: reference.server_seq,
    };
    let platforms: String = row.try_get("platforms")?;
    let mut platforms: Vec<Platform> = serde_json::from_str(&platforms).map_err(|_| corrupt())?;
    platforms.sort();
    let urgency: String = row.try_get("urgency")?;
    Ok(InboxItem {
        urgency: serde_json::from_value(serde_json::Value::String(urgency)).map_err(|_| corrupt())?,
        journal_number: row.try_get("journal_number")?,
        assignee: row.try_get("assignee")?,
        linked: row.try_get::<i64, _>("linked")? as u32,
        platforms,
        id: reference.id,
        server_seq: reference.server_seq,
        received_at: reference.received_at,
        case_type: reference.case_type,
        district: reference.district,
        status: reference.status,
    })
}
