//! "New link, new alert": when a capture arrives, the open cases in other districts it links to
//! (spoc-core's [`link_alert`] over the link index), decided in the transaction that stores it and
//! kept in `link_alerts`.
//!
//! Decided once and kept, not looked up each time it is shown: every desk's live stream hears the
//! alert the storing desk decided (it travels in the event), a stream catching up from the journal
//! after a reconnect and an operator opening the inbox later read the same row, so a toast and the
//! inbox line never disagree. It says what was true on arrival; the capture's detail and the
//! identifier pages show the links as they are now.

use spoc_core::desk::{link_alert, LinkAlert};
use spoc_core::District;

use super::desk::capture_ref;
use super::dialect::Columns;
use super::{Conn, StoreError};

both_engines! {
    /// Decides and keeps the alert for the capture just stored as `server_seq`, its identifiers
    /// already in the link index.
    ///
    /// Call it after the transaction's journal entry: that took the journal head's lock, which every
    /// journalled write takes and holds to its commit, so this query sees every capture committed
    /// before this one (on PostgreSQL, under READ COMMITTED, each statement reads what was committed
    /// when it started) and every capture committed after it sees this one. Two officers' captures
    /// arriving at the same moment on two desks: the later of the two is alerted, never neither.
    pub(super) async fn decide_link_alert(
        conn: &mut Conn<Self>,
        server_seq: i64,
        district: Option<District>,
    ) -> Result<Option<LinkAlert>, StoreError> {
        let linked = sqlx::query(
            "SELECT DISTINCT c.id, c.server_seq, c.received_at, c.case_type, c.district, c.status \
             FROM capture_identifiers i \
             JOIN capture_identifiers b ON b.link_key = i.link_key AND b.server_seq <> i.server_seq \
             JOIN captures c ON c.server_seq = b.server_seq \
             WHERE i.server_seq = $1",
        )
        .bind(server_seq)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(capture_ref)
        .collect::<Result<Vec<_>, _>>()?;
        let Some(alert) = link_alert(district, &linked) else {
            return Ok(None);
        };
        sqlx::query("INSERT INTO link_alerts (server_seq, cases, districts) VALUES ($1, $2, $3)")
            .bind(server_seq)
            .bind(i64::from(alert.cases))
            .bind(i64::from(alert.districts))
            .execute(&mut *conn)
            .await?;
        Ok(Some(alert))
    }
}

/// The alert in a row that joined `link_alerts` as `la` and reads `la.cases AS alert_cases,
/// la.districts AS alert_districts` (both NULL where there is none).
pub(super) fn alert_of(row: &impl Columns) -> Result<Option<LinkAlert>, StoreError> {
    let cases: Option<i64> = row.value("alert_cases")?;
    let districts: Option<i64> = row.value("alert_districts")?;
    Ok(match (cases, districts) {
        (Some(cases), Some(districts)) => Some(LinkAlert {
            cases: u32::try_from(cases).unwrap_or(u32::MAX),
            districts: u32::try_from(districts).unwrap_or(u32::MAX),
        }),
        _ => None,
    })
}
