//! The SPOC desk: receives captures from the field app exactly once, stores them, serves the app.

pub mod config;
pub mod error;
pub mod http;
pub mod store;

use std::future::{Future, IntoFuture};
use std::net::SocketAddr;
use std::sync::Arc;

use config::Config;
use store::{CaptureStore, SqliteStore, StoreError};

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn CaptureStore>,
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot listen: {0}")]
    Listen(#[from] std::io::Error),
}

/// Opens the database, binds the address and returns it with the server to run (port 0 works: tests
/// learn the real port here). The server stops gracefully on Ctrl-C or SIGTERM.
pub async fn bind(
    config: Config,
) -> Result<(SocketAddr, impl Future<Output = std::io::Result<()>>), StartError> {
    let store = SqliteStore::open(&config.database_url).await?;
    if !config.app_dir.join("index.html").is_file() {
        tracing::warn!(dir = %config.app_dir.display(), "no built field app here; serving the API only");
    }
    let router = http::router(
        AppState {
            store: Arc::new(store),
        },
        &config.app_dir,
    );
    let listener = tokio::net::TcpListener::bind(config.listen).await?;
    let addr = listener.local_addr()?;
    let server = axum::serve(listener, router)
        .with_graceful_shutdown(shutdown_signal())
        .into_future();
    Ok((addr, server))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
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
}
