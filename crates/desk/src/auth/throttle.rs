//! Sign-in throttling, counted in the database ([`Store::record_login_failure`]): every desk on it
//! counts the same failures, and a restart forgets none.
//!
//! - **Per username**: after 5 failures within 15 minutes the username is refused (429 with
//!   Retry-After) until the oldest of them is 15 minutes old; a successful sign-in clears its count.
//!   This stops guessing one account's password. Someone guessing at a username can lock it for 15
//!   minutes; the journal shows the failures and where they came from.
//! - **Per address**: an address is never refused, because a police station's officers sit behind
//!   one NAT address and one of them mistyping must not lock out the rest. Instead, once an address
//!   has 20 failures within 15 minutes, each further *failure* from it is answered only after a
//!   delay that grows with its count (1 s, doubling every 5 failures, at most 10 s); a correct
//!   password is answered at once. This slows one address spraying guesses across many usernames
//!   (which the username limit alone allows at 4 a username) to a few guesses a minute per
//!   connection. It does not stop a guesser that opens many connections at once: each waits its
//!   own delay. Limit connections per client at the reverse proxy for that.

use std::time::Duration;

use crate::store::{now_ms, Store, StoreError};

pub const WINDOW: Duration = Duration::from_secs(15 * 60);
pub const PER_USERNAME: i64 = 5;
/// Failures from one address before its failures are answered slowly.
pub const ADDRESS_SLOWS_AT: i64 = 20;
const FIRST_DELAY: Duration = Duration::from_secs(1);
pub const MAX_DELAY: Duration = Duration::from_secs(10);
/// The delay doubles every this many failures beyond [`ADDRESS_SLOWS_AT`].
const DOUBLES_EVERY: i64 = 5;

/// Why a sign-in is not even tried.
#[derive(Debug)]
pub enum Refusal {
    /// The username is locked for this long.
    TooMany(Duration),
    Store(StoreError),
}

impl From<StoreError> for Refusal {
    fn from(error: StoreError) -> Self {
        Refusal::Store(error)
    }
}

/// What the throttle says before a sign-in is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attempt {
    /// How long to wait before answering if the password turns out wrong.
    pub failure_delay: Duration,
}

#[derive(Clone)]
pub struct LoginThrottle {
    store: Store,
}

impl LoginThrottle {
    pub fn new(store: Store) -> LoginThrottle {
        LoginThrottle { store }
    }

    /// Refused if the username is locked; otherwise how slowly a failure is to be answered.
    pub async fn before(&self, username: &str, address: &str) -> Result<Attempt, Refusal> {
        let now = now_ms();
        let since = now - WINDOW.as_millis() as i64;
        let (failures, oldest) = self.store.login_failures(&user_key(username), since).await?;
        if failures >= PER_USERNAME {
            let oldest = oldest.unwrap_or(now);
            let wait = WINDOW.saturating_sub(Duration::from_millis((now - oldest).max(0) as u64));
            return Err(Refusal::TooMany(wait.max(Duration::from_secs(1))));
        }
        let (from_address, _) = self.store.login_failures(&address_key(address), since).await?;
        Ok(Attempt {
            failure_delay: failure_delay(from_address),
        })
    }

    pub async fn failed(&self, username: &str, address: &str) -> Result<(), StoreError> {
        self.store
            .record_login_failure(
                &[user_key(username), address_key(address)],
                now_ms(),
                WINDOW.as_millis() as i64,
            )
            .await
    }

    /// The username's count starts again; the address's does not (one good account must not
    /// clear a sprayer's record).
    pub async fn succeeded(&self, username: &str) -> Result<(), StoreError> {
        self.store.clear_login_failures(&user_key(username)).await
    }
}

/// The wait before answering a failure from an address with `failures` already in the window.
pub fn failure_delay(failures: i64) -> Duration {
    if failures < ADDRESS_SLOWS_AT {
        return Duration::ZERO;
    }
    let doublings = ((failures - ADDRESS_SLOWS_AT) / DOUBLES_EVERY).min(8) as u32;
    (FIRST_DELAY * 2u32.pow(doublings)).min(MAX_DELAY)
}

fn user_key(username: &str) -> String {
    format!("user:{username}")
}

fn address_key(address: &str) -> String {
    format!("addr:{address}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_from_an_address_slow_down_in_steps_and_are_bounded() {
        assert_eq!(failure_delay(0), Duration::ZERO);
        assert_eq!(failure_delay(ADDRESS_SLOWS_AT - 1), Duration::ZERO);
        assert_eq!(failure_delay(ADDRESS_SLOWS_AT), Duration::from_secs(1));
        assert_eq!(failure_delay(ADDRESS_SLOWS_AT + 4), Duration::from_secs(1));
        assert_eq!(failure_delay(ADDRESS_SLOWS_AT + 5), Duration::from_secs(2));
        assert_eq!(failure_delay(ADDRESS_SLOWS_AT + 10), Duration::from_secs(4));
        assert_eq!(failure_delay(ADDRESS_SLOWS_AT + 15), Duration::from_secs(8));
        assert_eq!(failure_delay(ADDRESS_SLOWS_AT + 20), MAX_DELAY);
        assert_eq!(failure_delay(i64::MAX), MAX_DELAY);
    }
}
