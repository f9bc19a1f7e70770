//! Serving the router on a bound socket: plain HTTP (behind a reverse proxy that speaks TLS, and for
//! `make run`) or HTTPS with rustls (`--tls-cert`, `--tls-key`: small sites without a proxy, and the
//! tests of browsers that keep `Secure` cookies only over TLS).
//!
//! Slow clients are cut off rather than held open forever: the TLS handshake and the request head
//! each have [`HANDSHAKE_TIMEOUT`] and [`HEADER_TIMEOUT`]; bodies are held to a deadline by the JSON
//! extractor ([`crate::http::json_body`]), which knows how large each endpoint's body may be.
//! Shutdown lets requests in flight finish — a capture is never cut off between its commit and its
//! receipt — but waits at most [`SHUTDOWN_GRACE`], since event streams never finish by themselves.

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use axum::Router;
use axum_server::tls_rustls::{RustlsAcceptor, RustlsConfig};
use axum_server::Handle;

/// How long a client may take to send a request's head (the request line and headers).
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a client may take over the TLS handshake.
pub const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);
/// How long shutdown waits for open connections before closing them.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// The certificate chain and private key, PEM files, for HTTPS.
#[derive(Debug, Clone)]
pub struct TlsFiles {
    pub cert: PathBuf,
    pub key: PathBuf,
}

impl TlsFiles {
    /// Reads and checks both files (at start: a desk with a broken certificate refuses to start).
    pub async fn load(&self) -> std::io::Result<RustlsConfig> {
        // The process-wide provider, once; rustls refuses to guess when more than one is built in.
        let _ = rustls::crypto::ring::default_provider().install_default();
        RustlsConfig::from_pem_file(&self.cert, &self.key).await
    }
}

/// Serves `router` on `listener` until `shutdown` resolves.
pub async fn serve(
    listener: std::net::TcpListener,
    router: Router,
    tls: Option<RustlsConfig>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    let handle = Handle::new();
    let stopper = handle.clone();
    tokio::spawn(async move {
        shutdown.await;
        stopper.graceful_shutdown(Some(SHUTDOWN_GRACE));
    });
    // The peer address is the journal's "from where".
    let service = router.into_make_service_with_connect_info::<SocketAddr>();
    match tls {
        None => {
            let mut server = axum_server::from_tcp(listener)?.handle(handle);
            limit_slow_heads(server.http_builder());
            server.first_request_timeout(HEADER_TIMEOUT).serve(service).await
        }
        Some(config) => {
            let acceptor = RustlsAcceptor::new(config).handshake_timeout(HANDSHAKE_TIMEOUT);
            let mut server = axum_server::from_tcp(listener)?.acceptor(acceptor).handle(handle);
            limit_slow_heads(server.http_builder());
            server.first_request_timeout(HEADER_TIMEOUT).serve(service).await
        }
    }
}

fn limit_slow_heads(builder: &mut hyper_util::server::conn::auto::Builder<hyper_util::rt::TokioExecutor>) {
    builder.http1().header_read_timeout(HEADER_TIMEOUT);
}
