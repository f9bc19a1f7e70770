//! Exports, as JSON (everything, as the detail view has it) or CSV (one line per capture, for a
//! spreadsheet). Each exported capture is journalled.
//!
//! A list export streams: the desk reads, journals and writes [`EXPORT_PAGE`] captures at a time, in
//! server-number order, so an export of every capture the SPOC ever received holds only a page in
//! memory. Each page's journal entries commit before its bytes are sent. Should the database fail
//! midway, the response is cut off (the client sees an incomplete transfer, never a short file that
//! looks whole).
//!
//! A CSV cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `'`:
//! captured text is hostile, and a spreadsheet would otherwise run it as a formula (CSV injection).

use axum::body::Body;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use futures_util::stream;
use serde::Deserialize;
use spoc_core::api::ErrorBody;
use spoc_core::desk::{CaptureDetail, InboxFilter};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::FilterQuery;
use crate::auth::Spoc;
use crate::error::AppError;
use crate::http::uuid_path;
use crate::store::{code_of, Who};
use crate::AppState;

/// Captures read, journalled and written at a time by a list export.
pub const EXPORT_PAGE: i64 = 200;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(export_one))
        .routes(routes!(export_list))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FormatQuery {
    /// `json` or `csv`.
    pub format: String,
}

#[derive(Clone, Copy)]
enum Format {
    Json,
    Csv,
}

/// The `format` asked for; a missing or unknown one is a 400 naming `format`.
fn format(query: Result<Query<FormatQuery>, QueryRejection>) -> Result<Format, AppError> {
    match query.as_ref().map(|Query(q)| q.format.as_str()) {
        Ok("json") => Ok(Format::Json),
        Ok("csv") => Ok(Format::Csv),
        _ => Err(AppError::BadQuery {
            field: "format",
            message: "json or csv".into(),
        }),
    }
}

/// One capture as a file.
#[utoipa::path(get, path = "/desk/captures/{id}/export", tag = "desk",
    params(("id" = String, Path, description = "The capture's UUID"), FormatQuery),
    responses(
        (status = 200, description = "A JSON or CSV file (Content-Disposition: attachment)", body = CaptureDetail),
        (status = 400, description = "Bad id or format", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a spoc account", body = ErrorBody),
        (status = 404, description = "No such capture", body = ErrorBody),
    ))]
async fn export_one(
    State(state): State<AppState>,
    Spoc(caller): Spoc,
    id: Result<Path<String>, PathRejection>,
    query: Result<Query<FormatQuery>, QueryRejection>,
) -> Result<Response, AppError> {
    let id = uuid_path(id)?;
    let format = format(query)?;
    let pack = state.guidance.pack(&state.store).await?;
    let mut detail = state
        .store
        .export_one(&caller.who, &id, &pack)
        .await?
        .ok_or(AppError::CaptureNotFound)?;
    state.guidance.fill(&state.store, &mut detail).await?;
    let body = match format {
        Format::Json => serde_json::to_vec_pretty(&detail).map_err(|_| AppError::Internal)?,
        Format::Csv => csv_lines(std::slice::from_ref(&detail), true)?,
    };
    Ok(attachment(
        format,
        &format!("spoc-capture-{id}"),
        Body::from(body),
    ))
}

/// Every capture the filters select, as one file, in server-number order (streamed).
#[utoipa::path(get, path = "/desk/export", tag = "desk", params(FormatQuery, FilterQuery),
    responses(
        (status = 200, description = "A JSON array or CSV file (Content-Disposition: attachment), streamed", body = Vec<CaptureDetail>),
        (status = 400, description = "Bad format or filter", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a spoc account", body = ErrorBody),
    ))]
async fn export_list(
    State(state): State<AppState>,
    Spoc(caller): Spoc,
    format_query: Result<Query<FormatQuery>, QueryRejection>,
    filter: Result<Query<FilterQuery>, QueryRejection>,
) -> Result<Response, AppError> {
    let format = format(format_query)?;
    let Query(filter) = filter?;
    let filter = filter.filter()?;
    // The first page is read before answering: a database that is down is a 503, not a cut-off file.
    let pack = state.guidance.pack(&state.store).await?;
    let mut first = state
        .store
        .export_page(&caller.who, filter, 0, EXPORT_PAGE, &pack)
        .await?;
    for detail in &mut first {
        state.guidance.fill(&state.store, detail).await?;
    }
    let pages = Pages {
        state,
        pack,
        who: caller.who,
        filter,
        format,
        next: Some(first),
        after: 0,
        started: false,
        done: false,
    };
    let body = stream::unfold(pages, |mut pages| async move {
        let chunk = pages.next_chunk().await.transpose()?;
        Some((chunk, pages))
    });
    Ok(attachment(format, "spoc-captures", Body::from_stream(body)))
}

/// A list export being written: where it is, and the page read but not yet written.
struct Pages {
    state: AppState,
    /// The pack whose periods give the deadlines, the same for the whole file.
    pack: std::sync::Arc<spoc_core::guidance::GuidancePack>,
    who: Who,
    filter: InboxFilter,
    format: Format,
    next: Option<Vec<CaptureDetail>>,
    /// The server number of the last capture written.
    after: i64,
    started: bool,
    done: bool,
}

impl Pages {
    /// The next bytes of the file; `None` once it is complete (or failed).
    async fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, AppError> {
        if self.done {
            return Ok(None);
        }
        let page = match self.next.take() {
            Some(page) => page,
            None => {
                let page = self
                    .state
                    .store
                    .export_page(&self.who, self.filter, self.after, EXPORT_PAGE, &self.pack)
                    .await;
                // A failure ends the stream: the body is cut off there.
                self.done = page.is_err();
                let mut page = page?;
                for detail in &mut page {
                    self.state.guidance.fill(&self.state.store, detail).await?;
                }
                page
            }
        };
        let first = !self.started;
        self.started = true;
        self.done = (page.len() as i64) < EXPORT_PAGE;
        if let Some(last) = page.last() {
            self.after = last.stored.receipt.server_seq;
        }
        let mut bytes = match self.format {
            Format::Json => json_items(&page, first)?,
            Format::Csv => csv_lines(&page, first)?,
        };
        if self.done && matches!(self.format, Format::Json) {
            bytes.extend_from_slice(if first && page.is_empty() {
                b"[]\n"
            } else {
                b"\n]\n"
            });
        }
        Ok(Some(bytes))
    }
}

/// A page of a JSON array: `[` before the first item, a comma before every other.
fn json_items(page: &[CaptureDetail], first: bool) -> Result<Vec<u8>, AppError> {
    let mut bytes = Vec::new();
    for (n, detail) in page.iter().enumerate() {
        bytes.extend_from_slice(if first && n == 0 { b"[\n" } else { b",\n" });
        serde_json::to_writer_pretty(&mut bytes, detail).map_err(|_| AppError::Internal)?;
    }
    Ok(bytes)
}

fn attachment(format: Format, stem: &str, body: Body) -> Response {
    let (content_type, extension) = match format {
        Format::Json => ("application/json", "json"),
        Format::Csv => ("text/csv; charset=utf-8", "csv"),
    };
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{stem}.{extension}\""),
            ),
        ],
        body,
    )
        .into_response()
}

const COLUMNS: [&str; 22] = [
    "server_seq",
    "id",
    "received_at",
    "sha256",
    "submitted_by",
    "status",
    "rejection_reason",
    "assignee",
    "case_type",
    "urgency",
    "district",
    "journal_number",
    "officer_name",
    "officer_badge",
    "officer_phone",
    "identifiers",
    "items",
    "preservations",
    "notes",
    "linked_captures",
    "prosecution_request",
    "guidance_pack_version",
];

/// CSV lines for `details`, after the header line if `header`.
fn csv_lines(details: &[CaptureDetail], header: bool) -> Result<Vec<u8>, AppError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    if header {
        writer.write_record(COLUMNS).map_err(|_| AppError::Internal)?;
    }
    for detail in details {
        let capture = &detail.stored.capture;
        let receipt = &detail.stored.receipt;
        let joined = |parts: Vec<String>| parts.join("\n");
        let mut linked: Vec<i64> = detail
            .links
            .iter()
            .flat_map(|l| l.captures.iter().map(|c| c.server_seq))
            .collect();
        linked.sort_unstable();
        linked.dedup();
        let record = [
            receipt.server_seq.to_string(),
            receipt.id.clone(),
            receipt.received_at.clone(),
            receipt.sha256.clone(),
            detail.submitted_by.clone(),
            detail.status.code().to_string(),
            detail.rejection_reason.clone().unwrap_or_default(),
            detail.assignee.clone().unwrap_or_default(),
            capture.case_type.code().to_string(),
            code_of(&capture.urgency()),
            capture
                .officer
                .district
                .map(|d| d.code())
                .unwrap_or_default()
                .to_string(),
            capture.journal_number.clone(),
            capture.officer.name.clone(),
            capture.officer.badge_number.clone(),
            capture.officer.phone.clone(),
            joined(
                capture
                    .identifiers
                    .iter()
                    .map(|i| {
                        format!(
                            "{} {} {}",
                            i.parsed.platform.code(),
                            code_of(&i.parsed.kind),
                            i.parsed.value
                        )
                    })
                    .collect(),
            ),
            joined(
                capture
                    .items
                    .iter()
                    .map(|i| format!("{} ({})", i.what, i.seen_at.at))
                    .collect(),
            ),
            joined(
                detail
                    .deadlines
                    .iter()
                    .map(|d| {
                        format!(
                            "{} requested {} expires {} ref {}",
                            d.platform.code(),
                            d.requested_at,
                            d.expires_utc.as_deref().unwrap_or("unknown"),
                            d.reference
                        )
                    })
                    .collect(),
            ),
            capture.notes.clone(),
            linked.iter().map(i64::to_string).collect::<Vec<_>>().join(" "),
            capture
                .prosecution_request
                .map(|p| p.code())
                .unwrap_or_default()
                .to_string(),
            capture
                .guidance
                .as_ref()
                .map(|g| g.pack_version.to_string())
                .unwrap_or_default(),
        ];
        writer
            .write_record(record.iter().map(|cell| defuse(cell)))
            .map_err(|_| AppError::Internal)?;
    }
    writer.into_inner().map_err(|_| AppError::Internal)
}

/// Neutralises a cell a spreadsheet would run as a formula.
fn defuse(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::defuse;

    #[test]
    fn formulas_are_defused_and_plain_text_is_not() {
        assert_eq!(defuse("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
        assert_eq!(defuse("+4512345678"), "'+4512345678");
        assert_eq!(defuse("@some.user"), "'@some.user");
        assert_eq!(defuse("tiktok username @some.user"), "tiktok username @some.user");
        assert_eq!(defuse(""), "");
    }
}
