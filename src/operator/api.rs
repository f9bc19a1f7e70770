//! The desk endpoints the desk views use. Each is one line over [`crate::api::call`], which sends,
//! checks the status and decodes; the messages are spoc-core's, shared with the desk.

use spoc_core::desk::{
    Account, AccountChange, Assignment, CaptureDetail, CreatedAccount, Deadlines, Inbox, LookupResult,
    NewAccount, NewNote, StatusChange,
};
use spoc_core::Platform;

use crate::api::{call, json_body, CallError};

const DESK: &str = "/api/v1/desk";
const ACCOUNTS: &str = "/api/v1/accounts";
pub const EVENTS_PATH: &str = "/api/v1/desk/events";

/// A path segment or query value as the URL needs it: ids and usernames come from the desk, the
/// lookup text from a paste, and none of them may change the URL's shape.
fn enc(text: &str) -> String {
    js_sys::encode_uri_component(text).into()
}

fn capture_path(id: &str) -> String {
    format!("{DESK}/captures/{}", enc(id))
}

/// A page of `limit` lines of the inbox, after the page whose `next` was `after` (the first page
/// without). `query` is the inbox filter (`status=received&platform=tiktok`), made of wire codes only.
pub async fn inbox(query: &str, after: Option<&str>, limit: usize) -> Result<Inbox, CallError> {
    let mut url = format!("{DESK}/inbox?{query}");
    if !query.is_empty() {
        url.push('&');
    }
    url.push_str(&format!("limit={limit}"));
    if let Some(after) = after {
        url.push_str(&format!("&after={}", enc(after)));
    }
    call("GET", &url, None).await
}

pub async fn capture(id: &str) -> Result<CaptureDetail, CallError> {
    call("GET", &capture_path(id), None).await
}

pub async fn move_status(id: &str, change: &StatusChange) -> Result<CaptureDetail, CallError> {
    call("POST", &format!("{}/status", capture_path(id)), json_body(change)).await
}

pub async fn assign(id: &str, assignee: Option<String>) -> Result<CaptureDetail, CallError> {
    let body = json_body(&Assignment { assignee });
    call("PUT", &format!("{}/assignee", capture_path(id)), body).await
}

pub async fn add_note(id: &str, text: String) -> Result<CaptureDetail, CallError> {
    call(
        "POST",
        &format!("{}/notes", capture_path(id)),
        json_body(&NewNote { text }),
    )
    .await
}

pub async fn lookup(text: &str, platform: Option<Platform>) -> Result<LookupResult, CallError> {
    let mut url = format!("{DESK}/lookup?q={}", enc(text));
    if let Some(p) = platform {
        url.push_str(&format!("&platform={}", p.code()));
    }
    call("GET", &url, None).await
}

pub async fn deadlines() -> Result<Deadlines, CallError> {
    call("GET", &format!("{DESK}/deadlines"), None).await
}

/// The spoc accounts a capture can be assigned to.
pub async fn operators() -> Result<Vec<Account>, CallError> {
    call("GET", &format!("{DESK}/operators"), None).await
}

/// A download link for one capture (`format` is `json` or `csv`).
pub fn capture_export_url(id: &str, format: &str) -> String {
    format!("{}/export?format={format}", capture_path(id))
}

/// A download link for every capture the inbox filter shows.
pub fn inbox_export_url(format: &str, query: &str) -> String {
    format!("{DESK}/export?format={format}&{query}")
}

pub async fn accounts() -> Result<Vec<Account>, CallError> {
    call("GET", ACCOUNTS, None).await
}

pub async fn create_account(account: &NewAccount) -> Result<CreatedAccount, CallError> {
    call("POST", ACCOUNTS, json_body(account)).await
}

pub async fn change_account(username: &str, change: &AccountChange) -> Result<Account, CallError> {
    call(
        "PATCH",
        &format!("{ACCOUNTS}/{}", enc(username)),
        json_body(change),
    )
    .await
}

pub async fn reset_password(username: &str) -> Result<CreatedAccount, CallError> {
    call("POST", &format!("{ACCOUNTS}/{}/password", enc(username)), None).await
}

const GUIDANCE_PACKS: &str = "/api/v1/guidance/packs";

pub async fn guidance_packs() -> Result<Vec<spoc_core::guidance::PublishedPack>, CallError> {
    call("GET", GUIDANCE_PACKS, None).await
}

/// `text` goes as it is: the desk keeps the file byte for byte.
pub async fn publish_pack(text: &str) -> Result<spoc_core::guidance::PublishedPack, CallError> {
    call("POST", GUIDANCE_PACKS, Some(text.to_string())).await
}

pub async fn preview_pack(text: &str) -> Result<spoc_core::guidance::PackPreview, CallError> {
    call("POST", "/api/v1/guidance/preview", Some(text.to_string())).await
}

pub async fn guidance_diff(from: u32, to: u32) -> Result<spoc_core::guidance::PackDiff, CallError> {
    call("GET", &format!("/api/v1/guidance/diff?from={from}&to={to}"), None).await
}

/// A download link for one published version.
pub fn guidance_pack_url(version: u32) -> String {
    format!("{GUIDANCE_PACKS}/{version}")
}

const DEVICES: &str = "/api/v1/devices";

pub async fn devices() -> Result<Vec<spoc_core::device::Device>, CallError> {
    call("GET", DEVICES, None).await
}

pub async fn revoke_device(
    device_id: &str,
    discard_queue: bool,
) -> Result<spoc_core::device::Device, CallError> {
    let body = json_body(&spoc_core::device::Revocation { discard_queue });
    call("POST", &format!("{DEVICES}/{}/revoke", enc(device_id)), body).await
}
