//! Exports, as JSON (everything, as the detail view has it) or CSV (one line per capture, for a
//! spreadsheet). Each exported capture is journalled.
//!
//! A CSV cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `'`:
//! captured text is hostile, and a spreadsheet would otherwise run it as a formula (CSV injection).

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use spoc_core::api::ErrorBody;
use spoc_core::desk::CaptureDetail;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::FilterQuery;
use crate::auth::Spoc;
use crate::error::AppError;
use crate::http::uuid_path;
use crate::store::code_of;
use crate::AppState;

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
    file(
        format,
        &format!("spoc-capture-{id}"),
        std::slice::from_ref(&detail),
        true,
    )
}

/// Every capture the filters select, as one file.
#[utoipa::path(get, path = "/desk/export", tag = "desk", params(FormatQuery, FilterQuery),
    responses(
        (status = 200, description = "A JSON array or CSV file (Content-Disposition: attachment)", body = Vec<CaptureDetail>),
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
    let pack = state.guidance.pack(&state.store).await?;
    let mut details = state.store.export(&caller.who, filter.filter()?, &pack).await?;
    for detail in &mut details {
        state.guidance.fill(&state.store, detail).await?;
    }
    file(format, "spoc-captures", &details, false)
}

fn file(format: Format, stem: &str, details: &[CaptureDetail], single: bool) -> Result<Response, AppError> {
    let (body, content_type, extension) = match format {
        Format::Json => {
            let json = if single {
                serde_json::to_vec_pretty(&details[0])
            } else {
                serde_json::to_vec_pretty(details)
            };
            (json.map_err(|_| AppError::Internal)?, "application/json", "json")
        }
        Format::Csv => (csv(details)?, "text/csv; charset=utf-8", "csv"),
    };
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{stem}.{extension}\""),
            ),
        ],
        body,
    )
        .into_response())
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

fn csv(details: &[CaptureDetail]) -> Result<Vec<u8>, AppError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(COLUMNS).map_err(|_| AppError::Internal)?;
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
