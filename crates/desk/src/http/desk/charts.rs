//! `GET /desk/charts`: the charts page's numbers for the last 7, 30 or 365 days (Copenhagen days);
//! `GET /desk/charts/export`: the same numbers as one CSV file. Both spoc only and journalled with the
//! period (aggregates only: no capture's content is read out).

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use spoc_core::api::ErrorBody;
use spoc_core::desk::{Charts, Durations, CHART_PERIODS};
use time::OffsetDateTime;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::Spoc;
use crate::error::AppError;
use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(charts))
        .routes(routes!(charts_csv))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodQuery {
    /// The period: `7`, `30` or `365` days ending today in Europe/Copenhagen (30 unless given).
    pub days: Option<String>,
}

fn period(query: Result<Query<PeriodQuery>, QueryRejection>) -> Result<u16, AppError> {
    let bad = || AppError::BadQuery {
        field: "days",
        message: "7, 30 or 365".into(),
    };
    let Query(query) = query.map_err(|_| bad())?;
    match query.days.as_deref() {
        None | Some("") => Ok(30),
        Some(text) => text
            .parse::<u16>()
            .ok()
            .filter(|days| CHART_PERIODS.contains(days))
            .ok_or_else(bad),
    }
}

async fn read(state: &AppState, caller: &Spoc, days: u16, action: &str) -> Result<Charts, AppError> {
    let charts = state.store.charts(days, OffsetDateTime::now_utc()).await?;
    state
        .store
        .journal(&caller.0.who, action, "charts", &format!("{days} days"))
        .await?;
    Ok(charts)
}

/// Captures per day by case type, platform and district, the share sent as emergencies, and the
/// medians and 90th percentiles of the time from capture on scene to receipt and from receipt to
/// "preservation sent".
#[utoipa::path(get, path = "/desk/charts", tag = "desk", params(PeriodQuery),
    responses(
        (status = 200, description = "The numbers for the period", body = Charts),
        (status = 400, description = "`days` is not 7, 30 or 365", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a spoc account", body = ErrorBody),
    ))]
async fn charts(
    State(state): State<AppState>,
    caller: Spoc,
    query: Result<Query<PeriodQuery>, QueryRejection>,
) -> Result<Json<Charts>, AppError> {
    let days = period(query)?;
    Ok(Json(read(&state, &caller, days, "charts.read").await?))
}

/// The same numbers as `GET /desk/charts`, as one CSV table: `measure,day,dimension,key,value`.
#[utoipa::path(get, path = "/desk/charts/export", tag = "desk", params(PeriodQuery),
    responses(
        (status = 200, description = "A CSV file (Content-Disposition: attachment)", content_type = "text/csv"),
        (status = 400, description = "`days` is not 7, 30 or 365", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a spoc account", body = ErrorBody),
    ))]
async fn charts_csv(
    State(state): State<AppState>,
    caller: Spoc,
    query: Result<Query<PeriodQuery>, QueryRejection>,
) -> Result<Response, AppError> {
    let days = period(query)?;
    let charts = read(&state, &caller, days, "charts.export").await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"spoc-charts-{days}d.csv\""),
            ),
        ],
        csv_table(&charts)?,
    )
        .into_response())
}

pub const CSV_HEADER: [&str; 5] = ["measure", "day", "dimension", "key", "value"];

/// One line per number: `captures` and `emergencies` per day (dimension `all`), `captures` per day
/// and key for each dimension, then each pace's `count`, `p50` and `p90` in seconds (no day). Every
/// cell is a code, a date or a number the desk made: nothing captured reaches the file.
fn csv_table(charts: &Charts) -> Result<Vec<u8>, AppError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut line = |cells: [&str; 5]| writer.write_record(cells).map_err(|_| AppError::Internal);
    line(CSV_HEADER)?;
    for day in &charts.per_day {
        line(["captures", &day.day, "all", "", &day.captures.to_string()])?;
        line(["emergencies", &day.day, "all", "", &day.emergencies.to_string()])?;
    }
    for count in &charts.by_key {
        let value = count.captures.to_string();
        line(["captures", &count.day, count.dimension.code(), &count.key, &value])?;
    }
    let paces: [(&str, &Durations); 2] = [
        ("capture_to_receipt_seconds", &charts.capture_to_receipt),
        (
            "receipt_to_preservation_sent_seconds",
            &charts.receipt_to_preservation_sent,
        ),
    ];
    for (measure, pace) in paces {
        let text = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
        line([measure, "", "all", "count", &pace.count.to_string()])?;
        line([measure, "", "all", "p50", &text(pace.p50_seconds)])?;
        line([measure, "", "all", "p90", &text(pace.p90_seconds)])?;
    }
    writer.into_inner().map_err(|_| AppError::Internal)
}
