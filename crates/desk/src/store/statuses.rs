//! What the officer's device learns back about its own captures: the workflow status, the rejection
//! reason and when the status last changed — never anything of the capture itself.

use spoc_core::api::CaptureStatus;
use spoc_core::desk::CaseStatus;
use sqlx::QueryBuilder;

use super::dialect::Columns;
use super::journal::Who;
use super::StoreError;

both_engines! {
    pub(crate) async fn statuses(
        &self,
        who: &Who,
        ids: &[String],
    ) -> Result<Vec<CaptureStatus>, StoreError> {
        let mut tx = self.begin().await?;
        // Only the caller's own captures: any other id finds no row, exactly like an unknown one. The
        // ids come in bounded (`MAX_STATUS_IDS`), so one IN list keeps inside both engines' limits.
        let mut query = QueryBuilder::new(
            "SELECT server_seq, id, status, rejection_reason, \
             COALESCE(status_changed_at, received_at) AS changed_at FROM captures WHERE id IN (",
        );
        let mut list = query.separated(", ");
        for id in ids {
            list.push_bind(id);
        }
        query.push(") AND submitted_by = ");
        query.push_bind(who.account_id);
        query.push(" ORDER BY server_seq");
        let rows = query.build().fetch_all(&mut *tx).await?;
        let statuses = rows.iter().map(status_of).collect::<Result<Vec<_>, _>>()?;
        // One entry per request, with counts only: which captures an officer follows is the officer's.
        let detail = format!("{} asked, {} answered", ids.len(), statuses.len());
        Self::append(&mut tx, who, "capture.statuses", "-", &detail).await?;
        tx.commit().await?;
        Ok(statuses)
    }
}

fn status_of(row: &impl Columns) -> Result<CaptureStatus, StoreError> {
    let code: String = row.value("status")?;
    let status = CaseStatus::from_code(&code).ok_or(StoreError::CorruptRow {
        server_seq: row.value("server_seq")?,
    })?;
    Ok(CaptureStatus {
        id: row.value("id")?,
        status,
        // The column keeps the last rejection's reason until the next move clears it; shown only
        // while the capture is rejected.
        reason: if status == CaseStatus::Rejected {
            row.value("rejection_reason")?
        } else {
            None
        },
        changed_at: row.time("changed_at")?,
    })
}
