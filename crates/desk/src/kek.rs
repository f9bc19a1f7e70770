//! The key-encryption key (KEK) that wraps the seal keys' private halves in the database, so a copy of
//! the database (a dump, a backup, a standby's disk) opens no sealed capture without the KEK too.
//!
//! A KEK is 32 random bytes, written as base64 (`spoc-desk key make-kek` prints one). The desk reads it
//! at start from `--seal-kek-file` or the `SPOC_SEAL_KEK` variable; while a KEK is being rotated it is
//! also given the one before (`--seal-kek-previous-file`), opens keys wrapped by either and wraps new
//! keys with the current one (`spoc-desk key rewrap` wraps the rest anew).
//!
//! Wrapping is AES-256-GCM with a random nonce, authenticated together with the seal key's kid, so a
//! wrapped key moved to another row does not open. A KEK is named by its id, the first 16 hex
//! characters of a SHA-256 of a label and the key: the database says which KEK each key needs
//! without saying anything about the KEK.

use std::path::{Path, PathBuf};

use aes_gcm::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine;
use p256::SecretKey;
use sha2::{Digest, Sha256};

const KEY_LEN: usize = 32;
const NONCE_LEN: usize = 12;

#[derive(Debug, thiserror::Error)]
pub enum KekError {
    #[error("cannot read the key-encryption key file {path}: {error}")]
    Read { path: PathBuf, error: std::io::Error },
    #[error(
        "the key-encryption key ({0}) must be 32 random bytes written as base64; make one with \
         `spoc-desk key make-kek`"
    )]
    Malformed(&'static str),
    #[error(
        "give the key-encryption key once: --seal-kek-file (SPOC_SEAL_KEK_FILE) or SPOC_SEAL_KEK, \
         not both"
    )]
    Twice,
    #[error(
        "no key-encryption key for the seal keys: start the desk with --seal-kek-file FILE (or \
         SPOC_SEAL_KEK_FILE, or the key itself in SPOC_SEAL_KEK); make one with `spoc-desk key \
         make-kek`. Without it the desk would have to keep its seal keys in clear, so it does not start"
    )]
    Missing,
    #[error(
        "the database holds seal keys wrapped by a key-encryption key this desk was not given (KEK \
         id {0}); start it with that key, or with it as --seal-kek-previous-file while rotating. The \
         desk does not make a new seal key instead: captures sealed to the old one would never open"
    )]
    Unknown(String),
    #[error(
        "seal key {kid} does not open with key-encryption key {kek_id}: the wrong key file for this \
         database, or a damaged row"
    )]
    DoesNotOpen { kid: String, kek_id: String },
}

pub struct Kek {
    id: String,
    cipher: Aes256Gcm,
}

impl std::fmt::Debug for Kek {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Kek({})", self.id)
    }
}

impl Kek {
    /// A KEK from its base64 text (whitespace around it ignored); `source` names where it came from.
    pub fn parse(text: &str, source: &'static str) -> Result<Kek, KekError> {
        let text = text.trim();
        let bytes = [STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD]
            .iter()
            .find_map(|engine| engine.decode(text).ok())
            .filter(|bytes| bytes.len() == KEY_LEN)
            .ok_or(KekError::Malformed(source))?;
        let mut label = b"spoc-desk seal KEK id\0".to_vec();
        label.extend_from_slice(&bytes);
        let id = Sha256::digest(&label)
            .iter()
            .take(8)
            .map(|b| format!("{b:02x}"))
            .collect();
        let cipher = Aes256Gcm::new_from_slice(&bytes).map_err(|_| KekError::Malformed(source))?;
        Ok(Kek { id, cipher })
    }

    pub fn read_file(path: &Path) -> Result<Kek, KekError> {
        let text = std::fs::read_to_string(path).map_err(|error| KekError::Read {
            path: path.to_path_buf(),
            error,
        })?;
        warn_if_readable_by_others(path);
        Kek::parse(&text, "the file")
    }

    /// A new KEK's text, for `spoc-desk key make-kek`.
    pub fn generate() -> String {
        STANDARD.encode(Aes256Gcm::generate_key(&mut OsRng))
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    /// `nonce ‖ ciphertext ‖ tag` of the private scalar, bound to `kid`.
    pub fn wrap(&self, kid: &str, secret: &SecretKey) -> Vec<u8> {
        let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
        let plaintext = secret.to_bytes();
        let aad = aad(kid);
        let sealed = self
            .cipher
            .encrypt(
                &nonce,
                Payload {
                    msg: &plaintext,
                    aad: &aad,
                },
            )
            .expect("AES-GCM encrypts 32 bytes");
        let mut wrapped = nonce.to_vec();
        wrapped.extend_from_slice(&sealed);
        wrapped
    }

    pub fn unwrap(&self, kid: &str, wrapped: &[u8]) -> Result<SecretKey, KekError> {
        let fail = || KekError::DoesNotOpen {
            kid: kid.into(),
            kek_id: self.id.clone(),
        };
        if wrapped.len() <= NONCE_LEN {
            return Err(fail());
        }
        let (nonce, sealed) = wrapped.split_at(NONCE_LEN);
        let aad = aad(kid);
        let plaintext = self
            .cipher
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: sealed,
                    aad: &aad,
                },
            )
            .map_err(|_| fail())?;
        let bytes = <[u8; KEY_LEN]>::try_from(plaintext.as_slice()).map_err(|_| fail())?;
        SecretKey::from_bytes(&bytes.into()).map_err(|_| fail())
    }
}

fn aad(kid: &str) -> Vec<u8> {
    format!("spoc-desk seal key {kid}").into_bytes()
}

#[cfg(unix)]
fn warn_if_readable_by_others(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.permissions().mode() & 0o077 != 0 {
            tracing::warn!(file = %path.display(), "the key-encryption key file is readable by others than its owner (chmod 600 it)");
        }
    }
}

#[cfg(not(unix))]
fn warn_if_readable_by_others(_: &Path) {}

/// The KEKs a desk was given: the current one (wraps new keys) and, while rotating, the previous.
#[derive(Debug, Default)]
pub struct Keks {
    current: Option<Kek>,
    previous: Option<Kek>,
}

impl Keks {
    pub fn new(current: Option<Kek>, previous: Option<Kek>) -> Keks {
        Keks { current, previous }
    }

    pub fn current(&self) -> Result<&Kek, KekError> {
        self.current.as_ref().ok_or(KekError::Missing)
    }

    pub fn is_given(&self) -> bool {
        self.current.is_some()
    }

    /// The KEK with this id, if the desk was given it.
    pub fn find(&self, id: &str) -> Result<&Kek, KekError> {
        [&self.current, &self.previous]
            .into_iter()
            .flatten()
            .find(|kek| kek.id == id)
            .ok_or_else(|| KekError::Unknown(id.into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kek() -> Kek {
        Kek::parse(&Kek::generate(), "test").unwrap()
    }

    #[test]
    fn a_wrapped_key_opens_only_with_its_kek_and_its_kid() {
        let (secret, public) = crate::seal::generate();
        let kek = kek();
        let wrapped = kek.wrap(&public.kid, &secret);
        assert_eq!(wrapped.len(), NONCE_LEN + KEY_LEN + 16);
        assert_eq!(kek.unwrap(&public.kid, &wrapped).unwrap(), secret);
        assert!(kek.unwrap("another kid", &wrapped).is_err());
        assert!(self::kek().unwrap(&public.kid, &wrapped).is_err());
        let mut flipped = wrapped.clone();
        flipped[20] ^= 1;
        assert!(kek.unwrap(&public.kid, &flipped).is_err());
    }

    #[test]
    fn only_32_bytes_of_base64_are_a_kek() {
        assert!(Kek::parse(&STANDARD.encode([7u8; 32]), "t").is_ok());
        assert!(Kek::parse(&format!("  {}\n", URL_SAFE_NO_PAD.encode([7u8; 32])), "t").is_ok());
        assert!(Kek::parse(&STANDARD.encode([7u8; 16]), "t").is_err());
        assert!(Kek::parse("not base64 at all!", "t").is_err());
        // The id depends on the key and nothing else.
        let id = |text: &str| Kek::parse(text, "t").unwrap().id().to_string();
        assert_eq!(id(&STANDARD.encode([7u8; 32])), id(&URL_SAFE.encode([7u8; 32])));
        assert_ne!(id(&STANDARD.encode([7u8; 32])), id(&STANDARD.encode([8u8; 32])));
    }
}
