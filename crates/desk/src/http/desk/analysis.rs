//! `GET /desk/identifiers/{key}`: one identifier across every capture that names it, for the SPOC
//! hunting an offender who works across districts; `GET /desk/graph`: the link graph around a
//! capture or an identifier. The key is spoc-core's link key (as the
//! identifier page and the graph give it, percent-encoded in the path); text as pasted goes through
//! `/desk/lookup` first.

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::Json;
use serde::Deserialize;
use spoc_core::api::ErrorBody;
use spoc_core::desk::{is_link_key, GraphRoot, IdentifierPage, LinkGraph, MAX_GRAPH_NODES, MAX_HOPS};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::Spoc;
use crate::error::AppError;
use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(identifier_page))
        .routes(routes!(link_graph))
}

/// Every capture naming an identifier, with their districts, case types, first and last seen, the
/// other identifiers they name and the preservation deadlines for it.
#[utoipa::path(get, path = "/desk/identifiers/{key}", tag = "desk",
    params(("key" = String, Path, description = "A link key, e.g. `tiktok|username|@some.user` or `any|phone|+4520123456`, percent-encoded")),
    responses(
        (status = 200, description = "The identifier across every capture naming it", body = IdentifierPage),
        (status = 400, description = "Not a link key", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a spoc account", body = ErrorBody),
        (status = 404, description = "No capture names this identifier", body = ErrorBody),
    ))]
async fn identifier_page(
    State(state): State<AppState>,
    Spoc(caller): Spoc,
    key: Result<Path<String>, PathRejection>,
) -> Result<Json<IdentifierPage>, AppError> {
    let key = link_key_path(key)?;
    let pack = state.guidance.pack(&state.store).await?;
    let page = state
        .store
        .identifier_page(&caller.who, &key, &pack)
        .await?
        .ok_or(AppError::IdentifierNotFound)?;
    Ok(Json(page))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GraphQuery {
    /// Start from this capture (its UUID); give this or `identifier`.
    pub capture: Option<String>,
    /// Start from this identifier (its link key); give this or `capture`.
    pub identifier: Option<String>,
    /// Links out from the start, 1 to 3 (2 unless given).
    pub hops: Option<String>,
}

/// Captures and identifiers as nodes, "names" as edges, up to `hops` links (capture → identifier →
/// capture) out from one capture or identifier; at most 200 nodes (`capped` says when more were
/// left out).
#[utoipa::path(get, path = "/desk/graph", tag = "desk", params(GraphQuery),
    responses(
        (status = 200, description = "The graph, nodes by distance from the start", body = LinkGraph),
        (status = 400, description = "Neither or both of `capture` and `identifier`, a capture id that is not a UUID, a malformed link key, or `hops` not 1 to 3", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a spoc account", body = ErrorBody),
        (status = 404, description = "No such capture, or no capture names the identifier", body = ErrorBody),
    ))]
async fn link_graph(
    State(state): State<AppState>,
    Spoc(caller): Spoc,
    query: Result<Query<GraphQuery>, QueryRejection>,
) -> Result<Json<LinkGraph>, AppError> {
    let Query(query) = query?;
    let bad = |field: &'static str, message: &str| AppError::BadQuery {
        field,
        message: message.into(),
    };
    let root = match (query.capture.as_deref(), query.identifier.as_deref()) {
        (Some(id), None) if spoc_core::validate::is_uuid(id) => GraphRoot::Capture(id.to_string()),
        (Some(_), None) => return Err(bad("capture", "not a lower-case hyphenated UUID")),
        (None, Some(key)) if is_link_key(key) => GraphRoot::Identifier(key.to_string()),
        (None, Some(_)) => return Err(bad("identifier", "not a link key (scope|kind|value)")),
        _ => return Err(bad("capture", "give exactly one of capture and identifier")),
    };
    let hops = match query.hops.as_deref() {
        None | Some("") => 2,
        Some(text) => text
            .parse::<u8>()
            .ok()
            .filter(|h| (1..=MAX_HOPS).contains(h))
            .ok_or_else(|| bad("hops", "a number from 1 to 3"))?,
    };
    let not_found = match root {
        GraphRoot::Capture(_) => AppError::CaptureNotFound,
        GraphRoot::Identifier(_) => AppError::IdentifierNotFound,
    };
    let graph = state
        .store
        .link_graph(&caller.who, &root, hops, MAX_GRAPH_NODES)
        .await?
        .ok_or(not_found)?;
    Ok(Json(graph))
}

fn link_key_path(key: Result<Path<String>, PathRejection>) -> Result<String, AppError> {
    let bad = || AppError::BadQuery {
        field: "key",
        message: "not a link key (scope|kind|value, e.g. tiktok|username|@some.user)".into(),
    };
    let Path(key) = key.map_err(|_| bad())?;
    if is_link_key(&key) {
        Ok(key)
    } else {
        Err(bad())
    }
}
