//! Sign-in attempts: after 5 failures for one username, or 20 from one address, within 15 minutes,
//! further attempts are refused (429 with Retry-After) until the oldest failure is 15 minutes old.
//! A success clears the username's count. Kept in memory: a restart forgets, and several desk
//! instances each count their own (a shared store is the step for that scale).
//!
//! A username can be locked by someone guessing at it; 15 minutes bounds that, and the journal shows
//! the failures and where they came from.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(15 * 60);
const PER_USERNAME: usize = 5;
const PER_ADDRESS: usize = 20;

#[derive(Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl LoginThrottle {
    /// `Err(wait)` when either key is over its limit.
    pub fn check(&self, username: &str, address: &str) -> Result<(), Duration> {
        let now = Instant::now();
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        failures.retain(|_, times| {
            while times.front().is_some_and(|t| now.duration_since(*t) >= WINDOW) {
                times.pop_front();
            }
            !times.is_empty()
        });
        let wait = |key: String, limit: usize| {
            failures
                .get(&key)
                .filter(|times| times.len() >= limit)
                .and_then(|times| times.front())
                .map(|oldest| WINDOW.saturating_sub(now.duration_since(*oldest)))
        };
        match wait(user_key(username), PER_USERNAME).max(wait(address_key(address), PER_ADDRESS)) {
            Some(wait) => Err(wait.max(Duration::from_secs(1))),
            None => Ok(()),
        }
    }

    pub fn failed(&self, username: &str, address: &str) {
        let now = Instant::now();
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        for key in [user_key(username), address_key(address)] {
            failures.entry(key).or_default().push_back(now);
        }
    }

    pub fn succeeded(&self, username: &str) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        failures.remove(&user_key(username));
    }
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
    fn five_failures_lock_the_username_not_others() {
        let throttle = LoginThrottle::default();
        for _ in 0..PER_USERNAME {
            assert!(throttle.check("anna", "10.0.0.1").is_ok());
            throttle.failed("anna", "10.0.0.1");
        }
        let wait = throttle.check("anna", "10.0.0.2").unwrap_err();
        assert!(wait > Duration::from_secs(14 * 60));
        assert!(throttle.check("bent", "10.0.0.1").is_ok());
    }

    #[test]
    fn an_address_trying_many_usernames_is_stopped() {
        let throttle = LoginThrottle::default();
        for i in 0..PER_ADDRESS {
            throttle.failed(&format!("user{i}"), "10.0.0.9");
        }
        assert!(throttle.check("someone", "10.0.0.9").is_err());
        assert!(throttle.check("someone", "10.0.0.8").is_ok());
    }

    #[test]
    fn success_clears_the_username() {
        let throttle = LoginThrottle::default();
        for _ in 0..PER_USERNAME {
            throttle.failed("anna", "10.0.0.1");
        }
        throttle.succeeded("anna");
        assert!(throttle.check("anna", "10.0.0.3").is_ok());
    }
}
