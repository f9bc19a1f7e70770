//! Opening sealed submissions: the scheme of [`spoc_core::sealed`], step for step as the device's
//! WebCrypto code runs it. ECDH P-256 between the envelope's ephemeral point and the SPOC's private key
//! gives the 32-byte x-coordinate; HKDF-SHA256 (salt = the ephemeral point's 65 raw bytes, info =
//! [`SEAL_INFO`]) turns it into an AES-256-GCM key; the ciphertext carries its 16-byte tag at the end
//! and is authenticated together with [`seal_aad`].
//!
//! [`seal`] is the reference for what a device does; the desk itself only ever opens.

use aes_gcm::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hkdf::Hkdf;
use p256::ecdh::{diffie_hellman, EphemeralSecret, SharedSecret};
use p256::elliptic_curve::sec1::ToEncodedPoint;
use p256::{PublicKey, SecretKey};
use sha2::{Digest, Sha256};
use spoc_core::sealed::{seal_aad, Envelope, SealKey, SEAL_INFO};

/// An uncompressed P-256 point: `04 ‖ x ‖ y`.
const POINT_LEN: usize = 65;
/// AES-GCM's nonce as WebCrypto is given it.
const IV_LEN: usize = 12;

/// Why an envelope does not open. Deliberately coarse once the bytes are well-formed: a wrong key, a
/// flipped bit and additional data for another capture all fail the same tag check, and telling
/// them apart would help only someone probing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    #[error("{0} is not base64url without padding")]
    NotBase64(&'static str),
    #[error("envelope.epk is not an uncompressed P-256 point on the curve")]
    BadPoint,
    #[error("envelope.iv must be {IV_LEN} bytes")]
    BadIv,
    #[error(
        "the envelope does not open: it was altered, sealed to another key, or moved under another \
         id or hash"
    )]
    Unopenable,
}

impl SealError {
    /// The JSON path of the offending field.
    pub fn field(&self) -> &'static str {
        match self {
            SealError::NotBase64(field) => field,
            SealError::BadPoint => "envelope.epk",
            SealError::BadIv => "envelope.iv",
            SealError::Unopenable => "envelope",
        }
    }
}

/// A new key pair for the SPOC, and the public half as devices fetch it.
pub fn generate() -> (SecretKey, SealKey) {
    let secret = SecretKey::random(&mut OsRng);
    let public = public_of(&secret);
    (secret, public)
}

/// The public half of `secret`, named by its kid: the first 16 hex characters of the SHA-256 of the
/// uncompressed point, so the name follows from the key and two keys never share one.
pub fn public_of(secret: &SecretKey) -> SealKey {
    let point = secret.public_key().to_encoded_point(false);
    let digest = Sha256::digest(point.as_bytes());
    let kid: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    SealKey {
        kid,
        public_key: URL_SAFE_NO_PAD.encode(point.as_bytes()),
    }
}

/// The plaintext (the capture's JSON) inside `envelope`, if it was sealed to `secret` for exactly this
/// `id` and `sha256`. Any input at all gives an answer, never a panic.
pub fn open(secret: &SecretKey, envelope: &Envelope, id: &str, sha256: &str) -> Result<Vec<u8>, SealError> {
    let epk = decode("envelope.epk", &envelope.epk)?;
    let iv = decode("envelope.iv", &envelope.iv)?;
    let ciphertext = decode("envelope.ciphertext", &envelope.ciphertext)?;
    let ephemeral = point(&epk).ok_or(SealError::BadPoint)?;
    if iv.len() != IV_LEN {
        return Err(SealError::BadIv);
    }
    let shared = diffie_hellman(secret.to_nonzero_scalar(), ephemeral.as_affine());
    let aad = seal_aad(&envelope.kid, id, sha256);
    cipher(&shared, &epk)
        .decrypt(
            Nonce::from_slice(&iv),
            Payload {
                msg: &ciphertext,
                aad: aad.as_bytes(),
            },
        )
        .map_err(|_| SealError::Unopenable)
}

/// Seals `plaintext` to the SPOC key `public_key_b64` (named `kid`) for the capture `id` with hash
/// `sha256`: what the device does, done here for the tests and as the reference implementation.
///
/// # Panics
/// If `public_key_b64` is not an uncompressed P-256 point in base64url: a device is handed the key by
/// the desk ([`SealKey`]), so a bad one is a bug in the caller, not input to answer.
pub fn seal(public_key_b64: &str, kid: &str, id: &str, sha256: &str, plaintext: &[u8]) -> Envelope {
    let spoc = URL_SAFE_NO_PAD
        .decode(public_key_b64)
        .ok()
        .and_then(|bytes| point(&bytes))
        .expect("the SPOC's public key is an uncompressed P-256 point in base64url");
    let ephemeral = EphemeralSecret::random(&mut OsRng);
    let epk = ephemeral.public_key().to_encoded_point(false);
    let shared = ephemeral.diffie_hellman(&spoc);
    let iv = Aes256Gcm::generate_nonce(&mut OsRng);
    let aad = seal_aad(kid, id, sha256);
    let ciphertext = cipher(&shared, epk.as_bytes())
        .encrypt(
            &iv,
            Payload {
                msg: plaintext,
                aad: aad.as_bytes(),
            },
        )
        .expect("AES-GCM seals any plaintext under 64 GiB");
    Envelope {
        kid: kid.to_string(),
        epk: URL_SAFE_NO_PAD.encode(epk.as_bytes()),
        iv: URL_SAFE_NO_PAD.encode(iv),
        ciphertext: URL_SAFE_NO_PAD.encode(ciphertext),
    }
}

/// The AES-256-GCM key both ends derive: HKDF-SHA256 over the x-coordinate, salted with the ephemeral
/// point's raw bytes (WebCrypto's `deriveBits` then `HKDF`).
fn cipher(shared: &SharedSecret, epk: &[u8]) -> Aes256Gcm {
    let mut key = [0u8; 32];
    Hkdf::<Sha256>::new(Some(epk), shared.raw_secret_bytes())
        .expand(SEAL_INFO.as_bytes(), &mut key)
        .expect("32 bytes is a valid HKDF-SHA256 output length");
    Aes256Gcm::new(&key.into())
}

fn decode(field: &'static str, text: &str) -> Result<Vec<u8>, SealError> {
    URL_SAFE_NO_PAD
        .decode(text)
        .map_err(|_| SealError::NotBase64(field))
}

/// Uncompressed only: WebCrypto's raw export, and one spelling per point (the salt is these bytes).
fn point(bytes: &[u8]) -> Option<PublicKey> {
    if bytes.len() != POINT_LEN || bytes[0] != 4 {
        return None;
    }
    PublicKey::from_sec1_bytes(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "0b1e8c9a-4f7d-4c1e-9a57-3f0d2f6a9b10";
    const SHA: &str = "5a1f0c3e8b7d6a4f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a99";
    const PLAINTEXT: &[u8] = br#"{"schema_version":2,"notes":"hemmeligt"}"#;

    fn sealed() -> (SecretKey, Envelope) {
        let (secret, public) = generate();
        let envelope = seal(&public.public_key, &public.kid, ID, SHA, PLAINTEXT);
        (secret, envelope)
    }

    fn b64(bytes: &[u8]) -> String {
        URL_SAFE_NO_PAD.encode(bytes)
    }

    #[test]
    fn an_envelope_opens_to_what_was_sealed() {
        let (secret, envelope) = sealed();
        assert_eq!(open(&secret, &envelope, ID, SHA).unwrap(), PLAINTEXT);
        // The tag rides at the end, as WebCrypto gives it.
        let ciphertext = URL_SAFE_NO_PAD.decode(&envelope.ciphertext).unwrap();
        assert_eq!(ciphertext.len(), PLAINTEXT.len() + 16);
        assert_eq!(URL_SAFE_NO_PAD.decode(&envelope.iv).unwrap().len(), IV_LEN);
        assert_eq!(URL_SAFE_NO_PAD.decode(&envelope.epk).unwrap().len(), POINT_LEN);
        assert!(!envelope.ciphertext.contains('='));
    }

    /// Sealed by WebCrypto itself (Node 20's `crypto.subtle`, the calls the device makes: ECDH
    /// `deriveBits(256)`, HKDF `deriveKey` with the raw ephemeral point as salt, AES-GCM `encrypt`) to
    /// the key whose scalar is 32 bytes of 0x5e.
    #[test]
    fn an_envelope_sealed_by_webcrypto_opens() {
        let secret = SecretKey::from_bytes(&[0x5e; 32].into()).unwrap();
        let public = public_of(&secret);
        assert_eq!(
            public.public_key,
            "BK4vWF4kt3Vw4xyRCC48c_QDXx_kspdESxoblGmWaOkPNiKED6aecl06K-YWimd5roNLPPkvhmNw8HUwYEGIAa0"
        );
        assert_eq!(public.kid, "c86a0f261c2a4acb");
        let envelope = Envelope {
            kid: "c86a0f261c2a4acb".into(),
            epk: "BIJEhJEV2t4laQ9YjILkfHjT5kfqcdgBPb_GcFmzBcwq2fN8u0NsLvepsnYomfvvQEm9FvrRNhEXsFysGp6HODk"
                .into(),
            iv: "n0x0cVFFxmXZ67qx".into(),
            ciphertext:
                "AqnCjjHANVOhmisKgwRUq0p0vu2nDVO-r_BMM9FMyz14zbHUbsi3YY-ViYvKJblokN8IcWpMr2hISWJ1DUORJIl7"
                    .into(),
        };
        assert_eq!(
            open(&secret, &envelope, ID, SHA).unwrap(),
            br#"{"schema_version":2,"notes":"sealed by WebCrypto"}"#
        );
    }

    #[test]
    fn the_kid_names_the_public_point() {
        let (secret, public) = generate();
        assert_eq!(public, public_of(&secret));
        assert_eq!(public.kid.len(), 16);
        assert!(public
            .kid
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        assert_ne!(generate().1.kid, public.kid);
    }

    #[test]
    fn a_flipped_bit_anywhere_fails() {
        let (secret, envelope) = sealed();
        let ciphertext = URL_SAFE_NO_PAD.decode(&envelope.ciphertext).unwrap();
        for i in [0, ciphertext.len() / 2, ciphertext.len() - 1] {
            let mut flipped = ciphertext.clone();
            flipped[i] ^= 1;
            let tampered = Envelope {
                ciphertext: b64(&flipped),
                ..envelope.clone()
            };
            assert_eq!(open(&secret, &tampered, ID, SHA), Err(SealError::Unopenable));
        }
        let mut iv = URL_SAFE_NO_PAD.decode(&envelope.iv).unwrap();
        iv[0] ^= 1;
        let tampered = Envelope {
            iv: b64(&iv),
            ..envelope.clone()
        };
        assert_eq!(open(&secret, &tampered, ID, SHA), Err(SealError::Unopenable));
        // Another valid point: another shared secret, another salt.
        let other = Envelope {
            epk: seal(&public_of(&secret).public_key, &envelope.kid, ID, SHA, b"x").epk,
            ..envelope.clone()
        };
        assert_eq!(open(&secret, &other, ID, SHA), Err(SealError::Unopenable));
    }

    #[test]
    fn other_additional_data_or_another_key_fails() {
        let (secret, envelope) = sealed();
        let other_id = "0b1e8c9a-4f7d-4c1e-9a57-3f0d2f6a9b11";
        assert_eq!(
            open(&secret, &envelope, other_id, SHA),
            Err(SealError::Unopenable)
        );
        assert_eq!(
            open(&secret, &envelope, ID, &SHA.replace('5', "6")),
            Err(SealError::Unopenable)
        );
        let renamed = Envelope {
            kid: "0000000000000000".into(),
            ..envelope.clone()
        };
        assert_eq!(open(&secret, &renamed, ID, SHA), Err(SealError::Unopenable));
        let (other_secret, _) = generate();
        assert_eq!(
            open(&other_secret, &envelope, ID, SHA),
            Err(SealError::Unopenable)
        );
    }

    #[test]
    fn malformed_fields_are_errors_not_panics() {
        let (secret, envelope) = sealed();
        let with = |field: &str, value: String| {
            let mut e = envelope.clone();
            *match field {
                "epk" => &mut e.epk,
                "iv" => &mut e.iv,
                _ => &mut e.ciphertext,
            } = value;
            open(&secret, &e, ID, SHA)
        };
        let epk = URL_SAFE_NO_PAD.decode(&envelope.epk).unwrap();
        for (field, value, want) in [
            ("epk", "not base64!".into(), SealError::NotBase64("envelope.epk")),
            // Padding is refused: one spelling per value.
            (
                "iv",
                format!("{}=", envelope.iv),
                SealError::NotBase64("envelope.iv"),
            ),
            (
                "ciphertext",
                "ä".into(),
                SealError::NotBase64("envelope.ciphertext"),
            ),
            ("epk", String::new(), SealError::BadPoint),
            ("epk", b64(&[4u8; 65]), SealError::BadPoint),
            ("epk", b64(&epk[..64]), SealError::BadPoint),
            ("iv", b64(&[0u8; 16]), SealError::BadIv),
            ("iv", String::new(), SealError::BadIv),
            ("ciphertext", String::new(), SealError::Unopenable),
            ("ciphertext", b64(&[0u8; 15]), SealError::Unopenable),
        ] {
            assert_eq!(with(field, value.clone()), Err(want), "{field} {value:?}");
        }
        // A point off the curve: a good point with the last bit of y flipped.
        let mut off = URL_SAFE_NO_PAD.decode(&public_of(&secret).public_key).unwrap();
        off[64] ^= 1;
        assert_eq!(with("epk", b64(&off)), Err(SealError::BadPoint));
        // The compressed form of a good point: a valid key, but not the spelling the salt is made of.
        let compressed = secret.public_key().to_encoded_point(true);
        assert_eq!(with("epk", b64(compressed.as_bytes())), Err(SealError::BadPoint));
    }
}
