//! The guidance pack: `GET /guidance`, what the field app works from, and the SPOC publishing its
//! own packs — list, publish, export, preview and the diff between two versions.
//!
//! The app asks at start and whenever it comes online, with the ETag of the copy it holds, so an
//! unchanged pack costs a `304` and no body. `no-cache` (not `no-store` like the rest of the API): the
//! pack is public guidance, not captured data, and may be kept as long as it is revalidated.
//!
//! Every version lives in the database (`store::guidance`); the newest is served. Several desks may
//! share one database, so each request asks it which version is newest (one indexed row) and only
//! reads and checks that version's JSON when it changed.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use spoc_core::api::ErrorBody;
use spoc_core::canonical::sha256_hex;
use spoc_core::desk::{CaptureDetail, Role};
use spoc_core::guidance::{
    diff, GuidancePack, PackDiff, PackError, PackPreview, PackUsed, PublishedPack, BUNDLED_JSON,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::{AnySession, Signed};
use crate::error::AppError;
use crate::http::json_body::PackText;
use crate::store::{Publication, Store, StoreError};
use crate::AppState;

/// Checks the pack this desk is built with; the desk refuses to start without a good one.
pub fn check() -> Result<GuidancePack, PackError> {
    GuidancePack::from_json(BUNDLED_JSON)
}

/// The version devices get, ready to serve.
pub struct Served {
    pub version: u32,
    /// Weak, because the compression layer re-encodes the body per request; the SHA-256 of the
    /// published bytes, so it changes exactly when the pack does.
    pub etag: String,
    pub json: String,
    pub pack: Arc<GuidancePack>,
}

impl Served {
    fn new(json: String, pack: GuidancePack) -> Served {
        Served {
            version: pack.version,
            etag: format!("W/\"{}\"", sha256_hex(json.as_bytes())),
            json,
            pack: Arc::new(pack),
        }
    }
}

/// The published packs as this desk has read them. A version never changes once published, so each
/// is read and checked once; only "which is newest" is asked of the database every time.
#[derive(Clone, Default)]
pub struct Packs {
    served: Arc<RwLock<Option<Arc<Served>>>>,
    versions: Arc<RwLock<HashMap<u32, Arc<GuidancePack>>>>,
}

impl Packs {
    /// The newest published version.
    pub async fn current(&self, store: &Store) -> Result<Arc<Served>, StoreError> {
        let Some(newest) = store.newest_pack().await? else {
            // Only before the desk's start stored the built-in packs (`crate::open` does that).
            let pack = GuidancePack::bundled();
            return Ok(Arc::new(Served::new(BUNDLED_JSON.to_string(), pack)));
        };
        let cached = self.served.read().ok().and_then(|s| s.clone());
        if let Some(served) = cached.filter(|s| s.version == newest.version) {
            return Ok(served);
        }
        let stored = store.pack(newest.version).await?.ok_or(StoreError::Vanished)?;
        let pack = GuidancePack::from_json(&stored.json).map_err(|_| StoreError::CorruptPack {
            version: newest.version,
        })?;
        let served = Arc::new(Served::new(stored.json, pack));
        if let Ok(mut slot) = self.served.write() {
            *slot = Some(served.clone());
        }
        Ok(served)
    }

    /// The pack whose preservation periods give the deadlines: the newest, since a provider's period
    /// is a fact about the provider and the newest pack knows it best.
    pub async fn pack(&self, store: &Store) -> Result<Arc<GuidancePack>, StoreError> {
        Ok(self.current(store).await?.pack.clone())
    }

    /// Version `version`, if the desk holds it.
    pub async fn version(
        &self,
        store: &Store,
        version: u32,
    ) -> Result<Option<Arc<GuidancePack>>, StoreError> {
        if let Some(pack) = self.versions.read().ok().and_then(|v| v.get(&version).cloned()) {
            return Ok(Some(pack));
        }
        let Some(stored) = store.pack(version).await? else {
            return Ok(None);
        };
        let pack = GuidancePack::from_json(&stored.json)
            .map(Arc::new)
            .map_err(|_| StoreError::CorruptPack { version })?;
        if let Ok(mut versions) = self.versions.write() {
            versions.insert(version, pack.clone());
        }
        Ok(Some(pack))
    }

    /// Adds to a capture's detail the guidance version it was made under, with that version's texts.
    pub async fn fill(&self, store: &Store, detail: &mut CaptureDetail) -> Result<(), StoreError> {
        let capture = &detail.stored.capture;
        let Some(record) = &capture.guidance else {
            return Ok(());
        };
        let made_under = self.version(store, record.pack_version).await?;
        let current = self.current(store).await?.version;
        detail.guidance = PackUsed::of(capture, made_under.as_deref(), current);
        Ok(())
    }
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(guidance))
        .routes(routes!(list, publish))
        .routes(routes!(export))
        .routes(routes!(preview))
        .routes(routes!(changes))
}

/// The current guidance pack.
#[utoipa::path(get, path = "/guidance", tag = "guidance",
    params(("If-None-Match" = Option<String>, Header, description = "The ETag of the copy held")),
    responses(
        (status = 200, description = "The newest published pack, with its ETag", body = GuidancePack,
            headers(("ETag" = String), ("Cache-Control" = String, description = "no-cache"))),
        (status = 304, description = "The copy named by If-None-Match is current"),
        (status = 503, description = "The database is unavailable", body = ErrorBody),
    ))]
async fn guidance(State(state): State<AppState>, request: HeaderMap) -> Result<Response, AppError> {
    let served = state.guidance.current(&state.store).await?;
    let etag = HeaderValue::from_str(&served.etag).map_err(|_| AppError::Internal)?;
    let headers = [
        (header::ETAG, etag),
        (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
    ];
    if holds_current(&request, &served.etag) {
        return Ok((StatusCode::NOT_MODIFIED, headers).into_response());
    }
    let json = (header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    Ok((headers, [json], served.json.clone()).into_response())
}

/// RFC 9110 §13.1.2: `*`, or any listed tag equal to ours under weak comparison.
fn holds_current(request: &HeaderMap, etag: &str) -> bool {
    let ours = etag.trim_start_matches("W/");
    request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .any(|tag| tag == "*" || tag.trim_start_matches("W/") == ours)
}

/// Who may publish: the SPOC's operators (whose guidance it is) and admins. Officers read it only.
fn editor(Signed(caller): Signed) -> Result<AnySession, AppError> {
    match caller.session.role {
        Role::Spoc | Role::Admin => Ok(caller),
        Role::Officer => Err(AppError::Forbidden),
    }
}

/// Every published version, newest first.
#[utoipa::path(get, path = "/guidance/packs", tag = "guidance",
    responses(
        (status = 200, description = "Every version kept, newest first", body = Vec<PublishedPack>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a spoc or admin account", body = ErrorBody),
    ))]
async fn list(State(state): State<AppState>, caller: Signed) -> Result<Json<Vec<PublishedPack>>, AppError> {
    editor(caller)?;
    Ok(Json(state.store.packs().await?))
}

/// Publish a pack: devices get it from their next request. It must pass spoc-core's checks and be
/// newer than every version published; the very file published again is answered 200, unchanged.
#[utoipa::path(post, path = "/guidance/packs", tag = "guidance", request_body = GuidancePack,
    responses(
        (status = 201, description = "Published and journalled", body = PublishedPack),
        (status = 200, description = "This very file was published before; nothing changed", body = PublishedPack),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a spoc or admin account", body = ErrorBody),
        (status = 409, description = "Not newer than the published version; nothing changed", body = ErrorBody),
        (status = 415, description = "Not application/json", body = ErrorBody),
        (status = 422, description = "The pack fails its checks (`field` names where); nothing changed", body = ErrorBody),
    ))]
async fn publish(
    State(state): State<AppState>,
    caller: Signed,
    PackText(json): PackText,
) -> Result<Response, AppError> {
    let caller = editor(caller)?;
    let pack = match GuidancePack::from_json(&json) {
        Ok(pack) => pack,
        Err(error) => {
            state
                .store
                .journal_refused_pack(&caller.who, &refusal(&error.to_string()))
                .await?;
            return Err(AppError::InvalidPack(error));
        }
    };
    match state.store.publish_pack(&caller.who, &json, &pack).await? {
        Publication::Published(info) => {
            tracing::info!(version = info.version, "guidance pack published");
            Ok((StatusCode::CREATED, Json(info)).into_response())
        }
        Publication::AlreadyPublished(info) => Ok(Json(info).into_response()),
        Publication::NotNewer { newest } => {
            let error = AppError::PackNotNewer {
                version: pack.version,
                newest,
            };
            state
                .store
                .journal_refused_pack(&caller.who, &refusal(&error.to_string()))
                .await?;
            Err(error)
        }
    }
}

/// The checker's words for the journal, cut short: a refusal is a note, not a copy of the file.
fn refusal(reason: &str) -> String {
    reason.chars().take(300).collect()
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct VersionPath {
    /// The pack version.
    pub version: u32,
}

/// One version exactly as published, as a file.
#[utoipa::path(get, path = "/guidance/packs/{version}", tag = "guidance", params(VersionPath),
    responses(
        (status = 200, description = "The pack's JSON as published (Content-Disposition: attachment)", body = GuidancePack),
        (status = 400, description = "Not a version number", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a spoc or admin account", body = ErrorBody),
        (status = 404, description = "No such version", body = ErrorBody),
    ))]
async fn export(
    State(state): State<AppState>,
    caller: Signed,
    version: Result<Path<VersionPath>, PathRejection>,
) -> Result<Response, AppError> {
    editor(caller)?;
    let Ok(Path(VersionPath { version })) = version else {
        return Err(AppError::BadQuery {
            field: "version",
            message: "a version number (1, 2, …)".into(),
        });
    };
    let stored = state.store.pack(version).await?.ok_or(AppError::PackNotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"guidance-pack-v{version}.json\""),
            ),
        ],
        stored.json,
    )
        .into_response())
}

/// Check a pack and see what it would change, without publishing it.
#[utoipa::path(post, path = "/guidance/preview", tag = "guidance", request_body = GuidancePack,
    responses(
        (status = 200, description = "It passes its checks; what it changes from the current version", body = PackPreview),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a spoc or admin account", body = ErrorBody),
        (status = 415, description = "Not application/json", body = ErrorBody),
        (status = 422, description = "The pack fails its checks (`field` names where)", body = ErrorBody),
    ))]
async fn preview(
    State(state): State<AppState>,
    caller: Signed,
    PackText(json): PackText,
) -> Result<Json<PackPreview>, AppError> {
    editor(caller)?;
    let pack = GuidancePack::from_json(&json).map_err(AppError::InvalidPack)?;
    let current = state.guidance.current(&state.store).await?;
    Ok(Json(PackPreview {
        newer: pack.version > current.version,
        diff: diff(&current.pack, &pack),
    }))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DiffQuery {
    /// The older version.
    pub from: u32,
    /// The newer version.
    pub to: u32,
}

/// What changed from one published version to another: items added, removed and changed, each text
/// per language.
#[utoipa::path(get, path = "/guidance/diff", tag = "guidance", params(DiffQuery),
    responses(
        (status = 200, description = "The changes", body = PackDiff),
        (status = 400, description = "from and to must be version numbers", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a spoc or admin account", body = ErrorBody),
        (status = 404, description = "One of the versions is not published", body = ErrorBody),
    ))]
async fn changes(
    State(state): State<AppState>,
    caller: Signed,
    query: Result<Query<DiffQuery>, QueryRejection>,
) -> Result<Json<PackDiff>, AppError> {
    editor(caller)?;
    let Query(DiffQuery { from, to }) = query?;
    let old = state.guidance.version(&state.store, from).await?;
    let new = state.guidance.version(&state.store, to).await?;
    match (old, new) {
        (Some(old), Some(new)) => Ok(Json(diff(&old, &new))),
        _ => Err(AppError::PackNotFound),
    }
}
