use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::kek::{Kek, KekError, Keks};
use crate::store::SessionPolicy;

/// The desk's settings, from flags or the environment.
#[derive(Debug, Clone, clap::Args)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "SPOC_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Database URL; an SQLite file is created (with its directory) if missing.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/spoc.db",
        global = true
    )]
    pub database_url: String,
    /// The built field app (Trunk's dist/).
    #[arg(long, env = "SPOC_APP_DIR", default_value = "dist")]
    pub app_dir: PathBuf,
    /// A session ends after this many minutes without a request.
    #[arg(long, env = "SPOC_SESSION_IDLE_MINUTES", default_value_t = 120)]
    pub session_idle_minutes: u64,
    /// A session ends this many hours after sign-in in any case.
    #[arg(long, env = "SPOC_SESSION_HOURS", default_value_t = 12)]
    pub session_hours: u64,
    /// The reverse proxy in front of the desk, if any: its X-Forwarded-For names the client.
    #[arg(long, env = "SPOC_TRUSTED_PROXY")]
    pub trusted_proxy: Option<std::net::IpAddr>,
    /// The key-encryption key that wraps the seal keys (32 random bytes in base64; `spoc-desk key
    /// make-kek` makes one). The desk does not start without it. The key itself may be given in
    /// SPOC_SEAL_KEK instead.
    #[arg(long, env = "SPOC_SEAL_KEK_FILE", global = true)]
    pub seal_kek_file: Option<PathBuf>,
    /// While rotating the key-encryption key: the one before, which still opens keys it wrapped
    /// until `spoc-desk key rewrap` has wrapped them with the new one.
    #[arg(long, env = "SPOC_SEAL_KEK_PREVIOUS_FILE", global = true)]
    pub seal_kek_previous_file: Option<PathBuf>,
    /// The key-encryption key itself, from SPOC_SEAL_KEK only (never a flag: a command line is
    /// visible to every user of the machine).
    #[arg(skip = std::env::var("SPOC_SEAL_KEK").ok())]
    pub seal_kek: Option<String>,
    /// Serve HTTPS with this certificate chain (PEM); needs `--tls-key`. Without it the desk speaks
    /// plain HTTP, for a TLS-terminating proxy in front of it.
    #[arg(long, env = "SPOC_TLS_CERT", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// The certificate's private key (PEM).
    #[arg(long, env = "SPOC_TLS_KEY", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// The desk's public origin (`https://spoc.example.dk`), which state-changing browser requests
    /// must come from. Without it the request's own `Host` is the desk's origin.
    #[arg(long, env = "SPOC_PUBLIC_ORIGIN")]
    pub public_origin: Option<String>,
}

impl Config {
    /// The key-encryption keys the desk was given (none is not an error here: commands that touch
    /// no seal key run without).
    pub fn keks(&self) -> Result<Keks, KekError> {
        let current = match (&self.seal_kek_file, &self.seal_kek) {
            (Some(_), Some(_)) => return Err(KekError::Twice),
            (Some(path), None) => Some(Kek::read_file(path)?),
            (None, Some(text)) => Some(Kek::parse(text, "SPOC_SEAL_KEK")?),
            (None, None) => None,
        };
        let previous = self
            .seal_kek_previous_file
            .as_deref()
            .map(Kek::read_file)
            .transpose()?;
        Ok(Keks::new(current, previous))
    }

    pub fn tls(&self) -> Option<crate::serve::TlsFiles> {
        Some(crate::serve::TlsFiles {
            cert: self.tls_cert.clone()?,
            key: self.tls_key.clone()?,
        })
    }

    pub fn session_policy(&self) -> SessionPolicy {
        SessionPolicy {
            idle: Duration::from_secs(self.session_idle_minutes * 60),
            absolute: Duration::from_secs(self.session_hours * 3600),
        }
    }
}
