use std::process::ExitCode;

use clap::Parser;
use spoc_desk::cli::{self, Cli, Command};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    // Logs go to stderr; stdout carries only what scripts read: the `listening on` line, the first
    // admin's one-time password, and the answers of account, journal and key commands.
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")))
        .init();
    let Cli { config, command } = Cli::parse();
    match command {
        None | Some(Command::Serve) => serve(config).await,
        Some(command) => match cli::run(&config, command).await {
            Ok(answer) => {
                println!("{answer}");
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("{error}");
                ExitCode::FAILURE
            }
        },
    }
}

async fn serve(config: spoc_desk::config::Config) -> ExitCode {
    let bound = match spoc_desk::bind(config).await {
        Ok(bound) => bound,
        Err(error) => {
            tracing::error!(%error, "could not start");
            return ExitCode::FAILURE;
        }
    };
    if let Some(password) = bound.first_admin_password {
        // Printed once, never logged: sign in as `admin` with it and choose a password.
        println!("first admin account: admin; one-time password: {password}");
    }
    tracing::info!("listening on {}://{}", bound.scheme, bound.addr);
    // Scripts (the end-to-end tests among them) wait for this exact line.
    println!("listening on {}://{}", bound.scheme, bound.addr);
    match bound.server.await {
        Ok(()) => {
            tracing::info!("stopped");
            ExitCode::SUCCESS
        }
        Err(error) => {
            tracing::error!(%error, "server stopped");
            ExitCode::FAILURE
        }
    }
}
