use clap::Parser;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")))
        .init();
    let config = spoc_desk::config::Config::parse();
    match spoc_desk::bind(config).await {
        Ok((addr, server)) => {
            // Scripts (the end-to-end tests among them) wait for this exact line.
            println!("listening on http://{addr}");
            if let Err(error) = server.await {
                tracing::error!(%error, "server stopped");
                return std::process::ExitCode::FAILURE;
            }
            std::process::ExitCode::SUCCESS
        }
        Err(error) => {
            tracing::error!(%error, "could not start");
            std::process::ExitCode::FAILURE
        }
    }
}
