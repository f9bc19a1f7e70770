//! `spoc-desk` on the command line: run the desk (the default), manage accounts, verify the journal,
//! rotate the seal key and the key-encryption key, publish guidance. Account, key and guidance
//! commands act on the database directly (SQLite or PostgreSQL, the same `--database-url` as the
//! desk) and are journalled as `cli`.

mod guidance;

pub use guidance::GuidanceCommand;

use clap::{Parser, Subcommand};
use spoc_core::desk::{valid_username, AccountChange, Role};

use crate::config::Config;
use crate::kek::Kek;
use crate::store::{Store, Verification, Who};
use crate::{open, password, StartError};

#[derive(Debug, Parser)]
#[command(
    name = "spoc-desk",
    about = "The SPOC desk: receives field captures exactly once and serves the field app"
)]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the desk (what happens without a command).
    Serve,
    /// Manage local accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Check the journal.
    #[command(subcommand)]
    Journal(JournalCommand),
    /// Manage the seal keys devices encrypt captures to.
    #[command(subcommand)]
    Key(KeyCommand),
    /// Publish, list, export and compare guidance packs.
    #[command(subcommand)]
    Guidance(guidance::GuidanceCommand),
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account; its one-time password is printed once.
    Add {
        username: String,
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// The name shown on the desk (defaults to the username).
        #[arg(long)]
        name: Option<String>,
    },
    /// List accounts.
    List,
    /// Issue a new one-time password and end the account's sessions.
    Reset {
        username: String,
    },
    /// Disable an account and end its sessions.
    Disable {
        username: String,
    },
    Enable {
        username: String,
    },
    /// Change an account's role (its sessions end).
    Role {
        username: String,
        #[arg(value_parser = parse_role)]
        role: Role,
    },
}

#[derive(Debug, Subcommand)]
pub enum JournalCommand {
    /// Walk the hash chain; exits non-zero and names the first bad entry if it was tampered with.
    Verify,
}

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Make a new key that devices seal to from now on; the old one is retired but kept, so captures
    /// already sealed to it still open.
    Rotate,
    /// List the keys, newest first: kid, created, retired, and the KEK that wraps each.
    List,
    /// Print a new key-encryption key (32 random bytes, base64) for --seal-kek-file.
    MakeKek,
    /// After starting every desk with a new --seal-kek-file and the old one as
    /// --seal-kek-previous-file: wrap every seal key with the new one.
    Rewrap,
}

fn parse_role(text: &str) -> Result<Role, String> {
    Role::from_code(text).ok_or_else(|| "one of: officer, spoc, admin".into())
}

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Start(#[from] StartError),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error("{0}")]
    Refused(String),
}

/// Runs an account, journal or key command with the desk's settings; the text to print on success.
pub async fn run(config: &Config, command: Command) -> Result<String, CliError> {
    if let Command::Key(KeyCommand::MakeKek) = command {
        // Touches no database.
        return Ok(Kek::generate());
    }
    let store = open(&config.database_url, config.keks().map_err(StartError::from)?).await?;
    let answer = command_on(&store, command).await;
    store.close().await;
    answer
}

async fn command_on(store: &Store, command: Command) -> Result<String, CliError> {
    let who = Who::cli();
    match command {
        Command::Serve => Ok(String::new()),
        Command::User(UserCommand::Add { username, role, name }) => {
            if !valid_username(&username) {
                return Err(CliError::Refused(
                    "a username is 2-64 characters: a-z first, then a-z, 0-9, '.', '-' or '_'".into(),
                ));
            }
            let one_time = password::one_time_password()?;
            let hash = password::hash(one_time.clone()).await?;
            let name = name.unwrap_or_else(|| username.clone());
            match store
                .create_account(&who, &username, &name, role, &hash, true)
                .await?
            {
                Some(_) => Ok(format!(
                    "created {username} ({}); one-time password: {one_time}",
                    role.code()
                )),
                None => Err(CliError::Refused(format!("{username} exists already"))),
            }
        }
        Command::User(UserCommand::List) => Ok(store
            .accounts()
            .await?
            .iter()
            .map(|a| {
                format!(
                    "{}\t{}\t{}{}",
                    a.username,
                    a.role.code(),
                    a.display_name,
                    if a.disabled { "\t(disabled)" } else { "" }
                )
            })
            .collect::<Vec<_>>()
            .join("\n")),
        Command::User(UserCommand::Reset { username }) => {
            let one_time = password::one_time_password()?;
            let hash = password::hash(one_time.clone()).await?;
            store
                .set_password(&who, &username, &hash, true, None)
                .await?
                .ok_or_else(|| no_account(&username))?;
            Ok(format!("{username}: new one-time password: {one_time}"))
        }
        Command::User(UserCommand::Disable { username }) => {
            change(
                store,
                &username,
                AccountChange {
                    disabled: Some(true),
                    ..Default::default()
                },
            )
            .await
        }
        Command::User(UserCommand::Enable { username }) => {
            change(
                store,
                &username,
                AccountChange {
                    disabled: Some(false),
                    ..Default::default()
                },
            )
            .await
        }
        Command::User(UserCommand::Role { username, role }) => {
            change(
                store,
                &username,
                AccountChange {
                    role: Some(role),
                    ..Default::default()
                },
            )
            .await
        }
        Command::Journal(JournalCommand::Verify) => match store.verify_journal().await? {
            Verification::Intact { entries, head } => {
                Ok(format!("journal intact: {entries} entries; head {head}"))
            }
            Verification::Broken { seq, problem } => Err(CliError::Refused(format!(
                "journal broken: entry {seq} {problem}"
            ))),
        },
        Command::Key(KeyCommand::Rotate) => {
            let key = store.rotate_seal_key(&who).await?;
            Ok(format!(
                "new seal key {}; devices seal to it from their next fetch, and earlier keys still open \
                 what was sealed to them",
                key.kid
            ))
        }
        Command::Guidance(command) => guidance::run(store, command).await,
        Command::Key(KeyCommand::List) => Ok(store
            .seal_keys()
            .await?
            .iter()
            .map(|k| {
                format!(
                    "{}\t{}\t{}\t{}",
                    k.kid,
                    k.created_at,
                    k.retired_at.as_deref().unwrap_or("active"),
                    k.kek_id
                        .as_deref()
                        .map_or("in clear".to_string(), |id| format!("kek {id}"))
                )
            })
            .collect::<Vec<_>>()
            .join("\n")),
        Command::Key(KeyCommand::Rewrap) => {
            let count = store.rewrap_seal_keys(&who).await?;
            Ok(format!(
                "{count} seal keys wrapped with the current key-encryption key"
            ))
        }
        Command::Key(KeyCommand::MakeKek) => Ok(Kek::generate()),
    }
}

async fn change(store: &Store, username: &str, change: AccountChange) -> Result<String, CliError> {
    let account = store
        .change_account(&Who::cli(), username, &change)
        .await?
        .ok_or_else(|| no_account(username))?;
    Ok(format!(
        "{}: role {}, {}",
        account.username,
        account.role.code(),
        if account.disabled { "disabled" } else { "enabled" }
    ))
}

fn no_account(username: &str) -> CliError {
    CliError::Refused(format!("no account named {username}"))
}
