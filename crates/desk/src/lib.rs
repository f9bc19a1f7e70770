//! The SPOC desk: receives captures from the field app exactly once, controls who reads them, links
//! them, keeps their deadlines and journals every access; serves the app.
//!
//! [`app`] is the whole HTTP surface for a given state; [`bind`] opens the database (creating the
//! first admin on an empty one, and a seal key if there is none) and the socket, and hands back the
//! address actually bound (tests bind port 0) with the server to run until Ctrl-C or SIGTERM. [`cli`]
//! holds the account, journal and key commands; [`seal`] opens the envelopes devices seal captures in,
//! with private keys the [`kek`] unwraps.
//!
//! The database is an SQLite file or PostgreSQL ([`store`]); on PostgreSQL any number of desks may
//! run on one database and behave as one desk.

pub mod auth;
pub mod cli;
pub mod config;
pub mod error;
pub mod http;
pub mod kek;
pub mod password;
pub mod seal;
pub mod serve;
pub mod signature;
pub mod store;

use std::future::Future;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use auth::throttle::LoginThrottle;
use axum::Router;
use config::Config;
use kek::KekError;
use store::{SessionPolicy, Store, StoreError};

/// What every handler may use. Cloned per request, hence the `Arc`s.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    /// The built field app (Trunk's `dist/`); it may be missing, then only the API is served.
    pub app_dir: Arc<Path>,
    pub sessions: SessionPolicy,
    pub throttle: LoginThrottle,
    /// The published guidance packs: the one devices get, whose preservation periods give the
    /// deadlines, and the older versions captures were made under.
    pub guidance: http::guidance::Packs,
    /// The reverse proxy whose `X-Forwarded-For` names the client (see [`auth::Source`]).
    pub trusted_proxy: Option<std::net::IpAddr>,
    /// Where the desk's pages are served from, when not the request's own `Host` (see
    /// [`http::same_origin`]).
    pub public_origin: Option<Arc<str>>,
    /// Open event streams per session (see [`http::desk::events`]).
    pub streams: Arc<http::desk::stream_slots::StreamSlots>,
}

impl AppState {
    pub fn new(store: Store, app_dir: &Path, sessions: SessionPolicy) -> AppState {
        AppState {
            throttle: LoginThrottle::new(store.clone()),
            store,
            app_dir: app_dir.into(),
            sessions,
            guidance: http::guidance::Packs::default(),
            trusted_proxy: None,
            public_origin: None,
            streams: Arc::default(),
        }
    }
}

/// A bound desk, ready to run.
pub struct Bound<S> {
    pub addr: SocketAddr,
    /// `http` or `https`.
    pub scheme: &'static str,
    /// The one-time password of the first admin, created because the database had no account.
    pub first_admin_password: Option<String>,
    pub server: S,
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot listen: {0}")]
    Listen(#[from] std::io::Error),
    #[error(transparent)]
    Kek(#[from] KekError),
    #[error("cannot use the TLS certificate or key: {0}")]
    Tls(std::io::Error),
    #[error("the guidance pack built into this desk fails its checks: {0}")]
    Guidance(#[from] spoc_core::guidance::PackError),
}

/// The desk's router: API under `/api/v1`, the field app everywhere else.
pub fn app(state: AppState) -> Router {
    http::router(state)
}

/// Opens (and migrates) the database, binds the address and returns the address actually bound with
/// the server to run. The server stops gracefully on Ctrl-C or SIGTERM: requests in flight finish,
/// so no capture is cut off between its commit and its receipt.
///
/// Several desks may start at the same moment on one empty PostgreSQL database: the migrations, the
/// first admin and the first seal key are each made once, and none of them fails for it.
pub async fn bind(config: Config) -> Result<Bound<impl Future<Output = std::io::Result<()>>>, StartError> {
    let keks = config.keks()?;
    if !keks.is_given() {
        return Err(KekError::Missing.into());
    }
    let store = open(&config.database_url, keks).await?;
    // Before anything else: a desk that cannot open the keys it has must not make a new one.
    store.unlock_seal_keys().await?;
    let first_admin_password = store.create_first_admin().await?;
    // Devices cannot capture before they hold the SPOC's public key, so a desk never runs without one.
    if let Some(key) = store.ensure_seal_key(&store::Who::cli()).await? {
        tracing::info!(kid = %key.kid, "made the first seal key");
    }
    store.listen();
    tracing::info!(engine = store.engine_name(), "database open");
    let closing = store.clone();
    if !config.app_dir.join("index.html").is_file() {
        tracing::warn!(dir = %config.app_dir.display(), "no built field app here; serving the API only");
    }
    let tls = match config.tls() {
        Some(files) => Some(files.load().await.map_err(StartError::Tls)?),
        None => None,
    };
    let mut state = AppState::new(store, &config.app_dir, config.session_policy());
    state.trusted_proxy = config.trusted_proxy;
    state.public_origin = config.public_origin.clone().map(Arc::from);
    let router = app(state);
    let listener = std::net::TcpListener::bind(config.listen)?;
    let addr = listener.local_addr()?;
    let scheme = if tls.is_some() { "https" } else { "http" };
    let server = async move {
        let result = serve::serve(listener, router, tls, shutdown_signal()).await;
        // Closing checkpoints SQLite's WAL into the database file, so a stopped desk is one file
        // again; on PostgreSQL it ends the listener too.
        closing.close().await;
        result
    };
    Ok(Bound {
        addr,
        scheme,
        first_admin_password,
        server,
    })
}

/// Opens the database after checking what the desk is started with.
pub async fn open(database_url: &str, keks: kek::Keks) -> Result<Store, StartError> {
    http::guidance::check()?;
    let store = Store::open_with(database_url, keks).await?;
    // The packs built in, so the desk serves its own until the SPOC publishes a newer one.
    store.seed_packs(&spoc_core::guidance::RELEASES).await?;
    Ok(store)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        // If the handler cannot be installed, run on: SIGTERM (or a kill) still stops us.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
