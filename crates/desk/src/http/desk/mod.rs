//! `/desk/...`: what SPOC operators work with. Every endpoint takes the `Spoc` extractor, so no other
//! role reaches any of it.

mod analysis;
mod assessment;
mod capture;
mod charts;
mod deadlines;
pub mod events;
mod export;
mod inbox;
mod lookup;
pub mod stream_slots;

use serde::Deserialize;
use spoc_core::desk::{CaseStatus, InboxFilter};
use spoc_core::{CaseType, District, Platform};
use utoipa_axum::router::OpenApiRouter;

use crate::error::AppError;
use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(inbox::router())
        .merge(capture::router())
        .merge(export::router())
        .merge(lookup::router())
        .merge(deadlines::router())
        .merge(events::router())
        .merge(analysis::router())
        .merge(assessment::router())
        .merge(charts::router())
}

/// The inbox's filters as the query string has them: wire codes, each optional.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FilterQuery {
    /// `received`, `triaged`, `preservation_sent`, `confirmed`, `closed` or `rejected`.
    pub status: Option<String>,
    /// A case type code, e.g. `threat_to_life`.
    pub case_type: Option<String>,
    /// A district code, e.g. `koebenhavn`.
    pub district: Option<String>,
    /// A platform code, e.g. `tiktok`.
    pub platform: Option<String>,
}

impl FilterQuery {
    pub fn filter(&self) -> Result<InboxFilter, AppError> {
        Ok(InboxFilter {
            status: code(&self.status, "status", CaseStatus::from_code)?,
            case_type: code(&self.case_type, "case_type", CaseType::from_code)?,
            district: code(&self.district, "district", District::from_code)?,
            platform: code(&self.platform, "platform", Platform::from_code)?,
        })
    }
}

/// An empty value is "any" (what an HTML form sends for an unset select).
fn code<T>(
    value: &Option<String>,
    field: &'static str,
    parse: fn(&str) -> Option<T>,
) -> Result<Option<T>, AppError> {
    match value.as_deref() {
        None | Some("") => Ok(None),
        Some(text) => parse(text).map(Some).ok_or(AppError::BadQuery {
            field,
            message: "not a known code".into(),
        }),
    }
}
