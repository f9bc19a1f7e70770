//! What the desk's API sends and receives beyond ingest: sessions, accounts, the inbox, a capture's
//! detail, workflow, links, deadlines and the journal. Plain data; the rules are elsewhere.

use serde::{Deserialize, Serialize};

use super::{CaseStatus, Role};
use crate::api::StoredCapture;
use crate::capture::{CaseType, District, UrgencyLevel};
use crate::identifier::{Identifier, Platform};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

/// The signed-in account, as `GET /session` and a login answer it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    /// Set for a one-time password: until it is changed, the session may do nothing else.
    pub must_change_password: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

/// An account as an admin sees it. Never its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Account {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub disabled: bool,
    pub must_change_password: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewAccount {
    pub username: String,
    pub display_name: String,
    pub role: Role,
}

/// A new account with its one-time password, shown once and never stored in clear.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedAccount {
    pub account: Account,
    pub one_time_password: String,
}

/// What an admin may change on an account; absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AccountChange {
    #[serde(default)]
    pub role: Option<Role>,
    /// Disabling ends the account's sessions at once.
    #[serde(default)]
    pub disabled: Option<bool>,
}

/// One line of the inbox: enough to sort, filter and decide what to open. No captured content
/// beyond the journal number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InboxItem {
    pub id: String,
    pub server_seq: i64,
    pub received_at: String,
    pub case_type: CaseType,
    pub urgency: UrgencyLevel,
    pub district: Option<District>,
    pub journal_number: String,
    /// Every platform the capture names, sorted, once each.
    pub platforms: Vec<Platform>,
    pub status: CaseStatus,
    pub assignee: Option<String>,
    /// How many other captures share an identifier with this one.
    pub linked: u32,
    /// How many things are missing or doubtful ([`crate::quality::findings`]).
    #[serde(default)]
    pub findings: u32,
    /// Open cases in other districts it was linked to when it arrived ([`super::link_alert`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alert: Option<super::LinkAlert>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Inbox {
    pub items: Vec<InboxItem>,
    /// Where the next page starts (the desk's `after`), or `None` on the last page.
    #[serde(default)]
    pub next: Option<String>,
}

/// Another capture, as a link or a lookup names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaptureRef {
    pub id: String,
    pub server_seq: i64,
    pub received_at: String,
    pub case_type: CaseType,
    pub district: Option<District>,
    pub status: CaseStatus,
}

/// One identifier of a capture and the other captures that share it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Link {
    pub identifier: Identifier,
    pub captures: Vec<CaptureRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Note {
    pub author: String,
    pub at: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewNote {
    pub text: String,
}

/// Everything the desk knows about one capture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaptureDetail {
    pub stored: StoredCapture,
    /// The account that synced it.
    pub submitted_by: String,
    pub status: CaseStatus,
    pub rejection_reason: Option<String>,
    pub assignee: Option<String>,
    pub notes: Vec<Note>,
    pub links: Vec<Link>,
    pub deadlines: Vec<Deadline>,
    /// What is missing or doubtful, by the rules the officer's prompts use ([`crate::quality`]).
    #[serde(default)]
    pub findings: Vec<crate::quality::Finding>,
    /// Short links the SPOC has resolved; the capture links by what they point to.
    #[serde(default)]
    pub resolved_short_links: Vec<super::ResolvedShortLink>,
    /// Set once the first assessment is done.
    #[serde(default)]
    pub assessment: Option<super::Assessment>,
    /// The guidance version the capture was made under, with that version's checklist texts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<crate::guidance::PackUsed>,
}

/// A workflow move. `from` is the status the operator saw: if someone else moved the capture in the
/// meantime the desk answers 409 instead of overwriting their move.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    pub from: CaseStatus,
    pub to: CaseStatus,
    #[serde(default)]
    pub reason: String,
}

/// `None` unassigns. Only a spoc account can be assigned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Assignment {
    pub assignee: Option<String>,
}

/// Where a deadline stands now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeadlineState {
    Running,
    /// Within 14 days of expiry: ask for the extension now.
    RenewNow,
    Overdue,
    /// The provider's period is not known; the SPOC must find out.
    Unknown,
}

/// One recorded preservation request and when the provider may let the data go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Deadline {
    pub capture_id: String,
    pub server_seq: i64,
    pub platform: Platform,
    /// As recorded: the officer's time with its offset.
    pub requested_at: String,
    /// `2026-05-30 09:00 UTC`; absent when the period is unknown.
    pub expires_utc: Option<String>,
    pub expires_unix_ms: Option<i64>,
    /// With the provider's one extension, where there is one.
    pub extended_until_utc: Option<String>,
    pub days_left: Option<i64>,
    pub state: DeadlineState,
    pub reference: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Deadlines {
    pub deadlines: Vec<Deadline>,
}

/// A pasted identifier as spoc-core understood it, and every capture that holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LookupResult {
    pub identifier: Identifier,
    pub captures: Vec<CaptureRef>,
}

/// What the live inbox is told: a capture arrived or changed. The view then reloads what it shows;
/// an arrival's alert is carried along so the view can announce it at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InboxEvent {
    pub server_seq: i64,
    pub id: String,
    /// On a capture's arrival only: the open cases in other districts it links to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alert: Option<super::LinkAlert>,
}

/// One journal entry as `GET /journal` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JournalEntry {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub object: String,
    pub source: String,
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}
