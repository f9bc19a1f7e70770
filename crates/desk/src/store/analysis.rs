//! The SPOC's analysis: one identifier (by its link key) across every capture that names it. Read
//! only, and journalled like a lookup: the count, never the content.

use spoc_core::desk::{deadline, sort_deadlines, CoIdentifier, IdentifierPage};
use spoc_core::guidance::GuidancePack;
use spoc_core::{CaseType, District, Identifier, IdentifierKind, Platform};
use time::OffsetDateTime;

use super::dialect::Columns;
use super::journal::Who;
use super::StoreError;

/// The most other identifiers an identifier page lists; the most shared come first.
pub const MAX_CO_IDENTIFIERS: i64 = 200;

both_engines! {
    pub(crate) async fn identifier_page(
        &self,
        who: &Who,
        key: &str,
        pack: &GuidancePack,
    ) -> Result<Option<IdentifierPage>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let captures = Self::captures_with_key(&mut conn, key, None).await?;
        let (Some(first), Some(last)) = (captures.first(), captures.last()) else {
            return Ok(None);
        };
        let (first_seen, last_seen) = (first.received_at.clone(), last.received_at.clone());

        let forms = sqlx::query(
            "SELECT DISTINCT platform, kind, value FROM capture_identifiers WHERE link_key = $1 \
             ORDER BY platform, kind, value",
        )
        .bind(key)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(identifier_of)
        .collect::<Result<Vec<_>, _>>()?;

        let co_identifiers = sqlx::query(
            "SELECT o.link_key, MIN(o.platform) AS platform, MIN(o.kind) AS kind, MIN(o.value) AS value, \
             COUNT(DISTINCT o.server_seq) AS n FROM capture_identifiers o \
             WHERE o.server_seq IN (SELECT server_seq FROM capture_identifiers WHERE link_key = $1) \
             AND o.link_key IS NOT NULL AND o.link_key <> $1 \
             GROUP BY o.link_key ORDER BY n DESC, o.link_key LIMIT $2",
        )
        .bind(key)
        .bind(MAX_CO_IDENTIFIERS)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|row| {
            Ok(CoIdentifier {
                key: row.value("link_key")?,
                identifier: identifier_of(row)?,
                captures: row.value::<i64>("n")? as u32,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;

        let platforms: Vec<Platform> = forms.iter().map(|f| f.platform).collect();
        let rows = sqlx::query(&format!(
            "SELECT p.* FROM ({}) p WHERE p.server_seq IN \
             (SELECT server_seq FROM capture_identifiers WHERE link_key = $1) ORDER BY p.server_seq",
            Self::PRESERVATIONS
        ))
        .bind(key)
        .fetch_all(&mut *conn)
        .await?;
        let now = OffsetDateTime::now_utc();
        let mut deadlines = Vec::new();
        for row in &rows {
            let seq: i64 = row.value("server_seq")?;
            let request: String = row.value("request")?;
            let request: spoc_core::capture::PreservationRequest =
                serde_json::from_str(&request).map_err(|_| StoreError::CorruptRow { server_seq: seq })?;
            if platforms.contains(&request.platform) {
                deadlines.push(deadline(pack, &row.value::<String>("id")?, seq, &request, now));
            }
        }
        sort_deadlines(&mut deadlines);

        let mut districts: Vec<District> = Vec::new();
        let mut case_types: Vec<CaseType> = Vec::new();
        for capture in &captures {
            if let Some(d) = capture.district.filter(|d| !districts.contains(d)) {
                districts.push(d);
            }
            if !case_types.contains(&capture.case_type) {
                case_types.push(capture.case_type);
            }
        }
        drop(conn);
        self.journal(
            who,
            "identifier.read",
            "identifier",
            &format!("{} found", captures.len()),
        )
        .await?;
        Ok(Some(IdentifierPage {
            key: key.to_string(),
            forms,
            captures,
            districts,
            case_types,
            first_seen,
            last_seen,
            co_identifiers,
            deadlines,
        }))
    }
}

/// An identifier from its indexed columns (`platform`, `kind`, `value`).
pub(super) fn identifier_of(row: &impl Columns) -> Result<Identifier, StoreError> {
    let platform: String = row.value("platform")?;
    let kind: String = row.value("kind")?;
    let corrupt = || StoreError::CorruptRow { server_seq: -1 };
    Ok(Identifier {
        platform: Platform::from_code(&platform).ok_or_else(corrupt)?,
        kind: serde_json::from_value::<IdentifierKind>(serde_json::Value::String(kind))
            .map_err(|_| corrupt())?,
        value: row.value("value")?,
    })
}
