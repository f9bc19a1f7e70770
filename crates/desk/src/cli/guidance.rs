//! `spoc-desk guidance …`: publish a pack file, list the versions, export one, show what changed.
//! The same checks and the same journal entries as the desk's guidance page (`http::guidance`),
//! journalled as `cli`.

use std::path::PathBuf;

use clap::Subcommand;
use spoc_core::guidance::{diff, ChangeKind, GuidancePack, PackDiff};

use super::CliError;
use crate::store::{Publication, Store, Who};

#[derive(Debug, Subcommand)]
pub enum GuidanceCommand {
    /// Check a pack file and publish it: devices get it from their next request. Refused (exit 1,
    /// with the reason) if it fails the checks or is not newer than the published version.
    Publish { file: PathBuf },
    /// Every published version, newest first: version, date, published at, by, SHA-256.
    List,
    /// Print one version's JSON as published.
    Export { version: u32 },
    /// What changed from one version to another, per item and per language.
    Diff { from: u32, to: u32 },
}

pub async fn run(store: &Store, command: GuidanceCommand) -> Result<String, CliError> {
    let who = Who::cli();
    match command {
        GuidanceCommand::Publish { file } => {
            let json = std::fs::read_to_string(&file)
                .map_err(|e| CliError::Refused(format!("cannot read {}: {e}", file.display())))?;
            let pack = match GuidancePack::from_json(&json) {
                Ok(pack) => pack,
                Err(error) => {
                    let reason = format!("the pack fails its checks, nothing was published: {error}");
                    store
                        .journal_refused_pack(&who, &reason.chars().take(300).collect::<String>())
                        .await?;
                    return Err(CliError::Refused(reason));
                }
            };
            match store.publish_pack(&who, &json, &pack).await? {
                Publication::Published(info) => Ok(format!(
                    "published version {} (dated {}), sha256 {}; devices get it from their next request",
                    info.version, info.published, info.sha256
                )),
                Publication::AlreadyPublished(info) => Ok(format!(
                    "version {} is already published with this very file; nothing changed",
                    info.version
                )),
                Publication::NotNewer { newest } => {
                    let reason = format!(
                        "version {} is not newer than the published version {newest} (or that version \
                         holds another pack); raise the version and publish again",
                        pack.version
                    );
                    store.journal_refused_pack(&who, &reason).await?;
                    Err(CliError::Refused(reason))
                }
            }
        }
        GuidanceCommand::List => Ok(store
            .packs()
            .await?
            .iter()
            .map(|p| {
                format!(
                    "{}\t{}\t{}\t{}\t{}",
                    p.version, p.published, p.published_at, p.published_by, p.sha256
                )
            })
            .collect::<Vec<_>>()
            .join("\n")),
        GuidanceCommand::Export { version } => {
            let stored = store.pack(version).await?.ok_or_else(|| no_version(version))?;
            // Printed with one newline after it, which the published files end with already.
            Ok(stored.json.strip_suffix('\n').unwrap_or(&stored.json).to_string())
        }
        GuidanceCommand::Diff { from, to } => {
            let read = |version: u32| async move {
                let stored = store.pack(version).await?.ok_or_else(|| no_version(version))?;
                GuidancePack::from_json(&stored.json)
                    .map_err(|e| CliError::Refused(format!("version {version} fails its checks: {e}")))
            };
            Ok(describe(&diff(&read(from).await?, &read(to).await?)))
        }
    }
}

fn lang_code(lang: spoc_core::Lang) -> &'static str {
    match lang {
        spoc_core::Lang::Da => "da",
        spoc_core::Lang::En => "en",
    }
}

fn no_version(version: u32) -> CliError {
    CliError::Refused(format!("no published pack with version {version}"))
}

/// `+` added, `-` removed, `~` changed; under each, the fields with before and after.
fn describe(diff: &PackDiff) -> String {
    let mut out = format!(
        "version {} -> {}: {} added, {} removed, {} changed ({} in Danish, {} in English)",
        diff.from_version,
        diff.to_version,
        diff.count(ChangeKind::Added),
        diff.count(ChangeKind::Removed),
        diff.count(ChangeKind::Changed),
        diff.changed_in(spoc_core::Lang::Da),
        diff.changed_in(spoc_core::Lang::En),
    );
    for change in &diff.changes {
        let mark = match change.kind {
            ChangeKind::Added => '+',
            ChangeKind::Removed => '-',
            ChangeKind::Changed => '~',
        };
        out.push_str(&format!("\n{mark} {} ({})", change.subject, change.place));
        for field in &change.fields {
            let lang = field
                .lang
                .map(|l| format!(" [{}]", lang_code(l)))
                .unwrap_or_default();
            out.push_str(&format!("\n    {}{lang}", field.field));
            if let Some(before) = &field.before {
                out.push_str(&format!("\n      - {before}"));
            }
            if let Some(after) = &field.after {
                out.push_str(&format!("\n      + {after}"));
            }
        }
    }
    out
}
