//! What SPOC operators read and change: the inbox, a capture's detail with its links and deadlines,
//! workflow, assignment, notes, lookups and exports. Every read of a capture is journalled in the
//! transaction that reads it; lists are journalled as one entry with the count, never the content.

use spoc_core::desk::{
    deadline, sort_deadlines, CaptureDetail, CaptureRef, CaseStatus, Deadline, InboxEvent, InboxFilter,
    InboxItem, Link, Note, StatusChange,
};
use spoc_core::guidance::GuidancePack;
use spoc_core::{CaseType, District, Platform};
use time::OffsetDateTime;

use super::captures::stored_of;
use super::dialect::Columns;
use super::journal::Who;
use super::link_alerts::alert_of;
use super::live::LiveEvent;
use super::{Conn, StoreError};

pub enum MoveOutcome {
    Moved,
    NotFound,
    /// Someone moved it first; nothing changed.
    Stale {
        current: CaseStatus,
    },
}

/// Where an inbox page ended: the last line's place in the inbox order. The inbox is ordered by
/// `inbox_rank` (open before closed and rejected, then by urgency: a column the database keeps
/// from status and urgency, and indexes with the server number), then newest first, so a page after
/// it starts exactly where this one stopped, whatever arrived meanwhile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InboxCursor {
    pub rank: i64,
    pub server_seq: i64,
}

impl std::fmt::Display for InboxCursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.rank, self.server_seq)
    }
}

impl std::str::FromStr for InboxCursor {
    type Err = ();

    /// The text [`Display`](std::fmt::Display) writes, and nothing else.
    fn from_str(text: &str) -> Result<InboxCursor, ()> {
        let (rank, seq) = text.split_once('.').ok_or(())?;
        let number = |part: &str| {
            (!part.is_empty() && part.len() <= 19 && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse::<i64>().ok())
                .flatten()
                .ok_or(())
        };
        Ok(InboxCursor {
            rank: number(rank)?,
            server_seq: number(seq)?,
        })
    }
}

/// One page of the inbox, and where the next one starts (`None` on the last page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxPage {
    pub items: Vec<InboxItem>,
    pub next: Option<InboxCursor>,
}

/// The inbox order; the index `captures_inbox_order` serves it.
const INBOX_ORDER: &str = "ORDER BY c.inbox_rank, c.server_seq DESC";

const INBOX_COLUMNS: &str = "c.server_seq, c.id, c.received_at, c.case_type, c.urgency, c.district, \
    c.journal_number, c.status, c.inbox_rank, a.username AS assignee, \
    (SELECT COUNT(DISTINCT b.server_seq) FROM capture_identifiers i \
        JOIN capture_identifiers b ON b.link_key = i.link_key AND b.server_seq <> i.server_seq \
        WHERE i.server_seq = c.server_seq) AS linked, \
    la.cases AS alert_cases, la.districts AS alert_districts";

/// The inbox filters, `$1` to `$4`.
const FILTER: &str = "($1 IS NULL OR c.status = $1) AND ($2 IS NULL OR c.case_type = $2) \
    AND ($3 IS NULL OR c.district = $3) \
    AND ($4 IS NULL OR EXISTS (SELECT 1 FROM capture_identifiers f WHERE f.server_seq = c.server_seq AND f.platform = $4))";

both_engines! {
    pub(crate) async fn inbox(
        &self,
        who: &Who,
        filter: InboxFilter,
        after: Option<InboxCursor>,
        limit: i64,
        pack: &GuidancePack,
    ) -> Result<InboxPage, StoreError> {
        let platforms = Self::PLATFORMS_OF_C;
        // The page after the cursor (`$5`, `$6`; NULL for the first page) in the inbox order: within
        // the cursor's rank the older lines, then the ranks after it. Read as two ranges of the index
        // `captures_inbox_order`, each from where the page starts: one condition with OR is no index
        // range, and every line before the cursor would be read and skipped again for every page.
        // The body is read for the page's lines only, to count their findings by today's rules.
        let rows = sqlx::query(&format!(
            "SELECT {INBOX_COLUMNS}, {platforms} AS platforms, c.body FROM ( \
               SELECT * FROM (SELECT c.inbox_rank, c.server_seq FROM captures c \
                 WHERE c.inbox_rank = $5 AND c.server_seq < $6 AND {FILTER} \
                 ORDER BY c.server_seq DESC LIMIT $7) AS rest_of_rank \
               UNION ALL \
               SELECT * FROM (SELECT c.inbox_rank, c.server_seq FROM captures c \
                 WHERE c.inbox_rank > COALESCE($5, -1) AND {FILTER} {INBOX_ORDER} LIMIT $7) AS later_ranks \
               ORDER BY inbox_rank, server_seq DESC LIMIT $7) AS page \
             JOIN captures c ON c.server_seq = page.server_seq \
             LEFT JOIN accounts a ON a.id = c.assignee \
             LEFT JOIN link_alerts la ON la.server_seq = c.server_seq {INBOX_ORDER}"
        ))
        .bind(filter.status.map(CaseStatus::code))
        .bind(filter.case_type.map(CaseType::code))
        .bind(filter.district.map(District::code))
        .bind(filter.platform.map(Platform::code))
        .bind(after.map(|c| c.rank))
        .bind(after.map(|c| c.server_seq))
        // One more than asked for says whether there is a next page.
        .bind(limit + 1)
        .fetch_all(&self.pool)
        .await?;
        let more = rows.len() as i64 > limit;
        let rows = &rows[..rows.len().min(limit as usize)];
        let next = match rows.last() {
            Some(last) if more => Some(InboxCursor {
                rank: last.value("inbox_rank")?,
                server_seq: last.value("server_seq")?,
            }),
            _ => None,
        };
        let mut items = Vec::with_capacity(rows.len());
        let mut conn = self.pool.acquire().await?;
        for row in rows {
            let seq: i64 = row.value("server_seq")?;
            let resolved = Self::resolutions_of(&mut conn, seq).await?;
            let raws: Vec<&str> = resolved.iter().map(|r| r.short_link.as_str()).collect();
            items.push(inbox_item(row, pack, &raws)?);
        }
        drop(conn);
        self.journal(who, "capture.list", "inbox", &format!("{} listed", items.len()))
            .await?;
        Ok(InboxPage { items, next })
    }

    pub(crate) async fn detail(
        &self,
        who: &Who,
        id: &str,
        pack: &GuidancePack,
    ) -> Result<Option<CaptureDetail>, StoreError> {
        self.read_in_full(who, id, pack, "capture.read", "detail").await
    }

    pub(crate) async fn export_page(
        &self,
        who: &Who,
        filter: InboxFilter,
        after: i64,
        limit: i64,
        pack: &GuidancePack,
    ) -> Result<Vec<CaptureDetail>, StoreError> {
        let mut tx = self.begin().await?;
        let seqs: Vec<(i64, String)> = sqlx::query_as(&format!(
            "SELECT c.server_seq, c.id FROM captures c WHERE {FILTER} AND c.server_seq > $5 \
             ORDER BY c.server_seq LIMIT $6"
        ))
        .bind(filter.status.map(CaseStatus::code))
        .bind(filter.case_type.map(CaseType::code))
        .bind(filter.district.map(District::code))
        .bind(filter.platform.map(Platform::code))
        .bind(after)
        .bind(limit)
        .fetch_all(&mut *tx)
        .await?;
        let mut details = Vec::with_capacity(seqs.len());
        for (seq, _) in &seqs {
            details.push(Self::detail_in(&mut tx, *seq, pack).await?);
        }
        if !seqs.is_empty() {
            let entries: Vec<(&str, &str)> = seqs.iter().map(|(_, id)| (id.as_str(), "")).collect();
            Self::append_all(&mut tx, who, "capture.export", &entries).await?;
        }
        tx.commit().await?;
        Ok(details)
    }

    pub(crate) async fn export_one(
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
        let mut tx = self.begin().await?;
        let Some(seq) = Self::server_seq(&mut tx, id).await? else {
            return Ok(None);
        };
        let full = Self::detail_in(&mut tx, seq, pack).await?;
        Self::append(&mut tx, who, action, id, detail).await?;
        tx.commit().await?;
        Ok(Some(full))
    }

    pub(crate) async fn move_status(
        &self,
        who: &Who,
        id: &str,
        change: &StatusChange,
    ) -> Result<MoveOutcome, StoreError> {
        let reason = change.reason.trim();
        let mut tx = self.begin().await?;
        // `status_changed_at` is what the officer's device is told along with the status.
        let moved: Option<i64> = sqlx::query_scalar(&format!(
            "UPDATE captures SET status = $1, rejection_reason = $2, status_changed_at = {} \
             WHERE id = $3 AND status = $4 RETURNING server_seq",
            Self::NOW
        ))
        .bind(change.to.code())
        .bind((change.to == CaseStatus::Rejected).then_some(reason))
        .bind(id)
        .bind(change.from.code())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(server_seq) = moved else {
            tx.rollback().await?;
            let current: Option<String> = sqlx::query_scalar("SELECT status FROM captures WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
            return Ok(match current.as_deref().and_then(CaseStatus::from_code) {
                None => MoveOutcome::NotFound,
                Some(current) => MoveOutcome::Stale { current },
            });
        };
        // The reason is the operator's words about the case: it stays with the capture, not here.
        let detail = format!("{} -> {}", change.from.code(), change.to.code());
        let seq = Self::append(&mut tx, who, "capture.status", id, &detail).await?;
        self.commit_publishing(tx, &[event(seq, server_seq, id)]).await?;
        Ok(MoveOutcome::Moved)
    }

    pub(crate) async fn assign(
        &self,
        who: &Who,
        id: &str,
        assignee: Option<i64>,
        name: &str,
    ) -> Result<Option<()>, StoreError> {
        let mut tx = self.begin().await?;
        let done: Option<i64> =
            sqlx::query_scalar("UPDATE captures SET assignee = $1 WHERE id = $2 RETURNING server_seq")
                .bind(assignee)
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        let Some(server_seq) = done else { return Ok(None) };
        let seq = Self::append(&mut tx, who, "capture.assign", id, name).await?;
        self.commit_publishing(tx, &[event(seq, server_seq, id)]).await?;
        Ok(Some(()))
    }

    pub(crate) async fn add_note(&self, who: &Who, id: &str, text: &str) -> Result<Option<()>, StoreError> {
        let mut tx = self.begin().await?;
        let added: Option<i64> = sqlx::query_scalar(&format!(
            "INSERT INTO notes (server_seq, author, at, text) \
             SELECT server_seq, $1, {}, $2 FROM captures WHERE id = $3 RETURNING server_seq",
            Self::NOW
        ))
        .bind(who.account_id)
        .bind(text)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(server_seq) = added else { return Ok(None) };
        let seq = Self::append(&mut tx, who, "capture.note", id, "").await?;
        self.commit_publishing(tx, &[event(seq, server_seq, id)]).await?;
        Ok(Some(()))
    }

    pub(crate) async fn lookup(&self, who: &Who, key: &str) -> Result<Vec<CaptureRef>, StoreError> {
        let found = Self::captures_with_key(&mut *self.pool.acquire().await?, key, None).await?;
        self.journal(
            who,
            "capture.lookup",
            "identifier",
            &format!("{} found", found.len()),
        )
        .await?;
        Ok(found)
    }

    pub(crate) async fn deadlines(
        &self,
        who: &Who,
        pack: &GuidancePack,
    ) -> Result<Vec<Deadline>, StoreError> {
        let rows = sqlx::query(Self::PRESERVATIONS).fetch_all(&self.pool).await?;
        let now = OffsetDateTime::now_utc();
        let mut deadlines = Vec::with_capacity(rows.len());
        for row in &rows {
            let seq: i64 = row.value("server_seq")?;
            let request: String = row.value("request")?;
            let request =
                serde_json::from_str(&request).map_err(|_| StoreError::CorruptRow { server_seq: seq })?;
            deadlines.push(deadline(pack, &row.value::<String>("id")?, seq, &request, now));
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

    /// Every capture holding an identifier with this link key, oldest first, leaving out `except`.
    pub(super) async fn captures_with_key(
        conn: &mut Conn<Self>,
        key: &str,
        except: Option<i64>,
    ) -> Result<Vec<CaptureRef>, StoreError> {
        sqlx::query(
            "SELECT DISTINCT c.id, c.server_seq, c.received_at, c.case_type, c.district, c.status \
             FROM capture_identifiers i JOIN captures c ON c.server_seq = i.server_seq \
             WHERE i.link_key = $1 AND ($2 IS NULL OR i.server_seq <> $2) ORDER BY c.server_seq",
        )
        .bind(key)
        .bind(except)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(capture_ref)
        .collect()
    }

    async fn server_seq(conn: &mut Conn<Self>, id: &str) -> Result<Option<i64>, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT server_seq FROM captures WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *conn)
                .await?,
        )
    }

    async fn detail_in(
        conn: &mut Conn<Self>,
        seq: i64,
        pack: &GuidancePack,
    ) -> Result<CaptureDetail, StoreError> {
        let row = sqlx::query(
            "SELECT c.*, s.username AS submitter, a.username AS assignee_name FROM captures c \
             LEFT JOIN accounts s ON s.id = c.submitted_by LEFT JOIN accounts a ON a.id = c.assignee \
             WHERE c.server_seq = $1",
        )
        .bind(seq)
        .fetch_one(&mut *conn)
        .await?;
        let stored = stored_of(&row)?;
        let notes = sqlx::query(
            "SELECT a.username, n.at, n.text FROM notes n JOIN accounts a ON a.id = n.author \
             WHERE n.server_seq = $1 ORDER BY n.id",
        )
        .bind(seq)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|row| {
            Ok(Note {
                author: row.value("username")?,
                at: row.time("at")?,
                text: row.value("text")?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
        let resolved_short_links = Self::resolutions_of(&mut *conn, seq).await?;
        // What the SPOC resolved short links into links the capture as much as what was captured.
        let named = stored
            .capture
            .identifiers
            .iter()
            .map(|i| &i.parsed)
            .chain(resolved_short_links.iter().map(|r| &r.identifier));
        let mut links = Vec::new();
        for identifier in named {
            let Some(key) = spoc_core::desk::link_key(identifier) else {
                continue;
            };
            if links.iter().any(|l: &Link| &l.identifier == identifier) {
                continue;
            }
            let captures = Self::captures_with_key(&mut *conn, &key, Some(seq)).await?;
            if !captures.is_empty() {
                links.push(Link {
                    identifier: identifier.clone(),
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
        let raws: Vec<&str> = resolved_short_links.iter().map(|r| r.short_link.as_str()).collect();
        let findings = spoc_core::quality::findings(pack, &stored.capture, &raws);
        let assessment = Self::assessment_of(&mut *conn, seq).await?;
        Ok(CaptureDetail {
            findings,
            resolved_short_links,
            assessment,
            submitted_by: row
                .value::<Option<String>>("submitter")?
                .unwrap_or_else(|| "-".into()),
            status: status_of(&row)?,
            rejection_reason: row.value("rejection_reason")?,
            assignee: row.value("assignee_name")?,
            notes,
            links,
            deadlines,
            // Filled in by the HTTP layer, which holds the published packs (`http::guidance`).
            guidance: None,
            stored,
        })
    }
}

pub(super) fn event(seq: i64, server_seq: i64, id: &str) -> LiveEvent {
    LiveEvent::new(
        seq,
        InboxEvent {
            server_seq,
            id: id.to_string(),
            alert: None,
        },
    )
}

fn status_of(row: &impl Columns) -> Result<CaseStatus, StoreError> {
    let seq: i64 = row.value("server_seq")?;
    let status: String = row.value("status")?;
    CaseStatus::from_code(&status).ok_or(StoreError::CorruptRow { server_seq: seq })
}

pub(super) fn capture_ref(row: &impl Columns) -> Result<CaptureRef, StoreError> {
    let seq: i64 = row.value("server_seq")?;
    let corrupt = || StoreError::CorruptRow { server_seq: seq };
    let district: String = row.value("district")?;
    Ok(CaptureRef {
        id: row.value("id")?,
        server_seq: seq,
        received_at: row.time("received_at")?,
        case_type: CaseType::from_code(&row.value::<String>("case_type")?).ok_or_else(corrupt)?,
        district: District::from_code(&district),
        status: status_of(row)?,
    })
}

fn inbox_item(row: &impl Columns, pack: &GuidancePack, resolved: &[&str]) -> Result<InboxItem, StoreError> {
    let reference = capture_ref(row)?;
    let corrupt = || StoreError::CorruptRow {
        server_seq: reference.server_seq,
    };
    let body: String = row.value("body")?;
    let capture: spoc_core::Capture = serde_json::from_str(&body).map_err(|_| corrupt())?;
    let findings = spoc_core::quality::findings(pack, &capture, resolved).len() as u32;
    let platforms: String = row.value("platforms")?;
    let mut platforms: Vec<Platform> = serde_json::from_str(&platforms).map_err(|_| corrupt())?;
    platforms.sort();
    let urgency: String = row.value("urgency")?;
    Ok(InboxItem {
        urgency: serde_json::from_value(serde_json::Value::String(urgency)).map_err(|_| corrupt())?,
        journal_number: row.value("journal_number")?,
        assignee: row.value("assignee")?,
        linked: row.value::<i64>("linked")? as u32,
        findings,
        alert: alert_of(row)?,
        platforms,
        id: reference.id,
        server_seq: reference.server_seq,
        received_at: reference.received_at,
        case_type: reference.case_type,
        district: reference.district,
        status: reference.status,
    })
}
