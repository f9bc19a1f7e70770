//! Local accounts and their sessions. A session is a random token in the browser's cookie and only its
//! SHA-256 here; it ends after `idle` without a request, after `absolute` in any case, at sign-out,
//! and when its account is disabled or its password reset.

use std::time::Duration;

use spoc_core::desk::{Account, AccountChange, Role};

use super::dialect::Columns;
use super::journal::Who;
use super::{now_ms, StoreError};
use crate::password;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionPolicy {
    pub idle: Duration,
    pub absolute: Duration,
}

impl Default for SessionPolicy {
    /// A patrol shift: signed in once at its start, never asked again within 12 hours unless the
    /// device sat unused for 2.
    fn default() -> Self {
        SessionPolicy {
            idle: Duration::from_secs(2 * 3600),
            absolute: Duration::from_secs(12 * 3600),
        }
    }
}

impl SessionPolicy {
    /// Whether a session signed in at `created` and last used at `last_seen` (Unix ms) is still valid
    /// at `now`.
    fn allows(&self, created: i64, last_seen: i64, now: i64) -> bool {
        now - last_seen <= self.idle.as_millis() as i64 && now - created <= self.absolute.as_millis() as i64
    }
}

#[derive(Debug, Clone)]
pub struct AccountRow {
    pub id: i64,
    pub account: Account,
    pub password_hash: String,
}

/// A valid session, as every request sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    pub account_id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub must_change_password: bool,
    pub token_hash: String,
}

pub enum LoginOutcome {
    /// The token for the cookie.
    SignedIn { token: String, session: SignedIn },
    /// Unknown account, wrong password or disabled account: one answer for all three.
    Refused,
}

/// A session's last request is written at most this often, so reading does not turn every request
/// into a write.
const TOUCH_EVERY_MS: i64 = 60_000;

both_engines! {
    /// On an empty database: an admin named `admin` with a one-time password, returned to be shown
    /// once. `None` when accounts exist.
    pub(crate) async fn create_first_admin(&self) -> Result<Option<String>, StoreError> {
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts")
            .fetch_one(&self.pool)
            .await?;
        if count > 0 {
            return Ok(None);
        }
        let one_time = password::one_time_password()?;
        let hash = password::hash(one_time.clone()).await?;
        let created = self
            .create_account(&Who::cli(), "admin", "Administrator", Role::Admin, &hash, true)
            .await?;
        Ok(created.map(|_| one_time))
    }

    /// `None` if the username is taken.
    pub(crate) async fn create_account(
        &self,
        who: &Who,
        username: &str,
        display_name: &str,
        role: Role,
        password_hash: &str,
        must_change_password: bool,
    ) -> Result<Option<Account>, StoreError> {
        let mut tx = self.begin().await?;
        let row = sqlx::query(&format!(
            "INSERT INTO accounts (username, display_name, role, password_hash, must_change_password, created_at) \
             VALUES ($1, $2, $3, $4, $5, {}) ON CONFLICT (username) DO NOTHING RETURNING *",
            Self::NOW
        ))
        .bind(username)
        .bind(display_name)
        .bind(role.code())
        .bind(password_hash)
        .bind(must_change_password)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else { return Ok(None) };
        Self::append(&mut tx, who, "account.create", username, role.code()).await?;
        tx.commit().await?;
        Ok(Some(account_of(&row)?.account))
    }

    pub(crate) async fn accounts(&self) -> Result<Vec<Account>, StoreError> {
        let rows = sqlx::query("SELECT * FROM accounts ORDER BY username")
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|row| Ok(account_of(row)?.account)).collect()
    }

    pub(crate) async fn account(&self, username: &str) -> Result<Option<AccountRow>, StoreError> {
        sqlx::query("SELECT * FROM accounts WHERE username = $1")
            .bind(username)
            .fetch_optional(&self.pool)
            .await?
            .map(|row| account_of(&row))
            .transpose()
    }

    /// Role and disabled flag; disabling ends the account's sessions in the same transaction.
    pub(crate) async fn change_account(
        &self,
        who: &Who,
        username: &str,
        change: &AccountChange,
    ) -> Result<Option<Account>, StoreError> {
        let mut tx = self.begin().await?;
        let row = sqlx::query(
            "UPDATE accounts SET role = COALESCE($1, role), disabled = COALESCE($2, disabled) \
             WHERE username = $3 RETURNING *",
        )
        .bind(change.role.map(Role::code))
        .bind(change.disabled)
        .bind(username)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let changed = account_of(&row)?;
        if changed.account.disabled || change.role.is_some() {
            // A role change must not leave a session holding the old role's rights.
            sqlx::query("DELETE FROM sessions WHERE account_id = $1")
                .bind(changed.id)
                .execute(&mut *tx)
                .await?;
        }
        let detail = format!(
            "role={} disabled={}",
            changed.account.role.code(),
            changed.account.disabled
        );
        Self::append(&mut tx, who, "account.change", username, &detail).await?;
        tx.commit().await?;
        Ok(Some(changed.account))
    }

    /// Sets a new password hash. `keep_session` survives (the person who changed their own password);
    /// every other session of the account ends.
    pub(crate) async fn set_password(
        &self,
        who: &Who,
        username: &str,
        password_hash: &str,
        must_change_password: bool,
        keep_session: Option<&str>,
    ) -> Result<Option<Account>, StoreError> {
        let mut tx = self.begin().await?;
        let row = sqlx::query(
            "UPDATE accounts SET password_hash = $1, must_change_password = $2 WHERE username = $3 RETURNING *",
        )
        .bind(password_hash)
        .bind(must_change_password)
        .bind(username)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let changed = account_of(&row)?;
        sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND token_hash <> $2")
            .bind(changed.id)
            .bind(keep_session.unwrap_or(""))
            .execute(&mut *tx)
            .await?;
        let action = if must_change_password {
            "account.password_reset"
        } else {
            "account.password_change"
        };
        Self::append(&mut tx, who, action, username, "").await?;
        tx.commit().await?;
        Ok(Some(changed.account))
    }

    /// Checks the password and opens a session. Journalled either way.
    pub(crate) async fn login(
        &self,
        source: &str,
        username: &str,
        password: String,
    ) -> Result<LoginOutcome, StoreError> {
        let row = self.account(username).await?;
        let usable = row.as_ref().filter(|row| !row.account.disabled);
        let matches = password::verify(usable.map(|row| row.password_hash.clone()), password).await;
        let who = Who {
            account_id: usable.map(|row| row.id),
            name: username.to_string(),
            source: source.to_string(),
        };
        let (Some(row), true) = (usable, matches) else {
            self.journal(&Who::anonymous(source), "session.login_failed", username, "")
                .await?;
            return Ok(LoginOutcome::Refused);
        };
        let (token, token_hash) = password::session_token()?;
        let now = now_ms();
        let mut tx = self.begin().await?;
        sqlx::query(
            "INSERT INTO sessions (token_hash, account_id, created_ms, last_seen_ms) VALUES ($1, $2, $3, $4)",
        )
        .bind(&token_hash)
        .bind(row.id)
        .bind(now)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        Self::append(&mut tx, &who, "session.login", username, row.account.role.code()).await?;
        tx.commit().await?;
        Ok(LoginOutcome::SignedIn {
            token,
            session: signed_in(row, token_hash),
        })
    }

    /// The session a cookie names, if it is still valid; an expired one is deleted.
    pub(crate) async fn session(
        &self,
        token: &str,
        policy: SessionPolicy,
    ) -> Result<Option<SignedIn>, StoreError> {
        let token_hash = password::token_hash(token);
        let Some(row) = sqlx::query(
            "SELECT a.*, s.created_ms, s.last_seen_ms FROM sessions s JOIN accounts a ON a.id = s.account_id \
             WHERE s.token_hash = $1 AND NOT a.disabled",
        )
        .bind(&token_hash)
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let created: i64 = row.value("created_ms")?;
        let last_seen: i64 = row.value("last_seen_ms")?;
        let now = now_ms();
        if !policy.allows(created, last_seen, now) {
            self.end_session(&token_hash).await?;
            return Ok(None);
        }
        if now - last_seen > TOUCH_EVERY_MS {
            sqlx::query("UPDATE sessions SET last_seen_ms = $1 WHERE token_hash = $2")
                .bind(now)
                .bind(&token_hash)
                .execute(&self.pool)
                .await?;
        }
        Ok(Some(signed_in(&account_of(&row)?, token_hash)))
    }

    /// Whether a session is still valid, without counting this as activity (an open event stream must
    /// not keep an idle session alive).
    pub(crate) async fn session_alive(
        &self,
        token_hash: &str,
        policy: SessionPolicy,
    ) -> Result<bool, StoreError> {
        let times: Option<(i64, i64)> = sqlx::query_as(
            "SELECT s.created_ms, s.last_seen_ms FROM sessions s JOIN accounts a ON a.id = s.account_id \
             WHERE s.token_hash = $1 AND NOT a.disabled",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        let now = now_ms();
        Ok(times.is_some_and(|(created, last_seen)| policy.allows(created, last_seen, now)))
    }

    pub(crate) async fn logout(&self, who: &Who, token_hash: &str) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&mut *tx)
            .await?;
        Self::append(&mut tx, who, "session.logout", &who.name, "").await?;
        tx.commit().await?;
        Ok(())
    }

    async fn end_session(&self, token_hash: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Moves a session's clock, for tests of expiry.
    #[doc(hidden)]
    pub(crate) async fn age_sessions(&self, by: Duration) -> Result<(), StoreError> {
        let ms = by.as_millis() as i64;
        sqlx::query("UPDATE sessions SET created_ms = created_ms - $1, last_seen_ms = last_seen_ms - $1")
            .bind(ms)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

fn signed_in(row: &AccountRow, token_hash: String) -> SignedIn {
    SignedIn {
        account_id: row.id,
        username: row.account.username.clone(),
        display_name: row.account.display_name.clone(),
        role: row.account.role,
        must_change_password: row.account.must_change_password,
        token_hash,
    }
}

fn account_of(row: &impl Columns) -> Result<AccountRow, StoreError> {
    let role: String = row.value("role")?;
    Ok(AccountRow {
        id: row.value("id")?,
        password_hash: row.value("password_hash")?,
        account: Account {
            username: row.value("username")?,
            display_name: row.value("display_name")?,
            // The CHECK constraint allows nothing else.
            role: Role::from_code(&role).ok_or(StoreError::Vanished)?,
            disabled: row.value("disabled")?,
            must_change_password: row.value("must_change_password")?,
        },
    })
}
