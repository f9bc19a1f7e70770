use std::net::SocketAddr;
use std::path::PathBuf;

/// The desk's settings, from flags or the environment.
#[derive(Debug, Clone, clap::Parser)]
#[command(
    name = "spoc-desk",
    about = "The SPOC desk: receives field captures exactly once and serves the field app"
)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "SPOC_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Database URL; an SQLite file is created (with its directory) if missing.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/spoc.db")]
    pub database_url: String,
    /// The built field app (Trunk's dist/).
    #[arg(long, env = "SPOC_APP_DIR", default_value = "dist")]
    pub app_dir: PathBuf,
}
