//! Secrets: Argon2id password hashes, one-time passwords and session tokens.
//!
//! Argon2id with the `argon2` crate's defaults (19 MiB, 2 passes, 1 lane: OWASP's recommended
//! minimum). Hashing takes tens of milliseconds on purpose, so it runs on the blocking pool, never on
//! the async workers that serve everyone else, and at most [`PARALLEL_HASHES`] at once: a flood of
//! sign-in attempts then queues instead of taking 19 MiB of memory per request.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use spoc_core::canonical::sha256_hex;

use crate::store::StoreError;

/// Letters and digits that cannot be mistaken for one another when read aloud or from a screen.
const ALPHABET: &[u8; 31] = b"abcdefghjkmnpqrstuvwxyz23456789";

const PARALLEL_HASHES: usize = 4;
static HASHING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(PARALLEL_HASHES);

pub async fn hash(password: String) -> Result<String, StoreError> {
    let _permit = HASHING.acquire().await.map_err(|_| StoreError::PasswordHash)?;
    tokio::task::spawn_blocking(move || hash_now(&password))
        .await
        .map_err(|_| StoreError::PasswordHash)?
}

pub fn hash_now(password: &str) -> Result<String, StoreError> {
    let mut salt = [0u8; 16];
    getrandom::getrandom(&mut salt).map_err(|_| StoreError::PasswordHash)?;
    let salt = SaltString::encode_b64(&salt).map_err(|_| StoreError::PasswordHash)?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|_| StoreError::PasswordHash)
}

/// `stored` is `None` for an unknown username: a hash is still checked, so the answer takes as long
/// and an attacker cannot tell which usernames exist by timing.
pub async fn verify(stored: Option<String>, password: String) -> bool {
    let Ok(_permit) = HASHING.acquire().await else {
        return false;
    };
    tokio::task::spawn_blocking(move || {
        let known = stored.is_some();
        let stored = stored.unwrap_or_else(|| dummy_hash().to_string());
        let Ok(parsed) = PasswordHash::new(&stored) else {
            return false;
        };
        let matches = Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        known && matches
    })
    .await
    .unwrap_or(false)
}

/// The hash checked for an unknown username: made once per process, not once per blocking thread.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_now("no account has this password").unwrap_or_default())
}

/// 20 characters in four groups (`k7mq-xr2p-…`): about 95 bits, typed once and then changed.
pub fn one_time_password() -> Result<String, StoreError> {
    let mut bytes = [0u8; 20];
    getrandom::getrandom(&mut bytes).map_err(|_| StoreError::PasswordHash)?;
    let letters: Vec<char> = bytes
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect();
    Ok(letters
        .chunks(5)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-"))
}

/// A new session token (256 bits, hex) and the hash under which it is stored.
pub fn session_token() -> Result<(String, String), StoreError> {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes).map_err(|_| StoreError::PasswordHash)?;
    let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let stored = token_hash(&token);
    Ok((token, stored))
}

pub fn token_hash(token: &str) -> String {
    sha256_hex(token.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let stored = hash("correct horse battery".into()).await.unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify(Some(stored.clone()), "correct horse battery".into()).await);
        assert!(!verify(Some(stored), "correct horse batterY".into()).await);
        // Not even the dummy's own password opens an unknown account.
        assert!(!verify(None, "no account has this password".into()).await);
    }

    #[test]
    fn one_time_passwords_are_long_and_differ() {
        let a = one_time_password().unwrap();
        let b = one_time_password().unwrap();
        assert_eq!(a.len(), 23);
        assert_ne!(a, b);
        assert!(spoc_core::desk::password_problem(&a).is_none());
    }
}
