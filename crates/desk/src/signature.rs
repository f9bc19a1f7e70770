//! Checking a device's signature on a submission: ECDSA P-256 with SHA-256, in WebCrypto's format
//! (r ‖ s, 64 bytes), over spoc-core's [`signed_message`](spoc_core::device::signed_message).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{Signature, VerifyingKey};

/// Whether `public_key` (base64url of an uncompressed P-256 point) is a usable key.
pub fn valid_public_key(public_key: &str) -> bool {
    key(public_key).is_some()
}

/// Whether `signature` (base64url r ‖ s) signs `message` under `public_key`. WebCrypto does not
/// normalise s, so a high-s signature is as valid as its low-s twin.
pub fn verify(public_key: &str, message: &str, signature: &str) -> bool {
    let Some(key) = key(public_key) else { return false };
    let Ok(bytes) = URL_SAFE_NO_PAD.decode(signature) else {
        return false;
    };
    let Ok(signature) = Signature::from_slice(&bytes) else {
        return false;
    };
    let signature = signature.normalize_s().unwrap_or(signature);
    key.verify(message.as_bytes(), &signature).is_ok()
}

fn key(public_key: &str) -> Option<VerifyingKey> {
    let bytes = URL_SAFE_NO_PAD.decode(public_key).ok()?;
    // Uncompressed only: what WebCrypto's raw export gives, and one spelling per key.
    if bytes.len() != 65 || bytes[0] != 4 {
        return None;
    }
    VerifyingKey::from_sec1_bytes(&bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use p256::ecdsa::signature::Signer;
    use p256::ecdsa::SigningKey;

    fn device() -> (SigningKey, String) {
        let signing = SigningKey::from_slice(&[7u8; 32]).unwrap();
        let public = signing.verifying_key().to_encoded_point(false);
        (signing, URL_SAFE_NO_PAD.encode(public.as_bytes()))
    }

    #[test]
    fn a_signature_verifies_for_its_message_only() {
        let (signing, public) = device();
        let signature: Signature = signing.sign(b"spoc-field submission v1\nid\nhash");
        let value = URL_SAFE_NO_PAD.encode(signature.to_bytes());
        assert!(verify(&public, "spoc-field submission v1\nid\nhash", &value));
        assert!(!verify(&public, "spoc-field submission v1\nid\nother", &value));
        let (_, other_public) = (
            0,
            URL_SAFE_NO_PAD.encode(
                SigningKey::from_slice(&[8u8; 32])
                    .unwrap()
                    .verifying_key()
                    .to_encoded_point(false)
                    .as_bytes(),
            ),
        );
        assert!(!verify(
            &other_public,
            "spoc-field submission v1\nid\nhash",
            &value
        ));
        assert!(!verify(&public, "x", "not base64!"));
    }

    #[test]
    fn a_high_s_signature_as_webcrypto_may_give_verifies_too() {
        let (signing, public) = device();
        let message = "spoc-field submission v1\nid\nhash";
        let low: Signature = signing.sign(message.as_bytes());
        let (r, s) = low.split_scalars();
        let high = Signature::from_scalars(r, -*s).unwrap();
        assert!(verify(&public, message, &URL_SAFE_NO_PAD.encode(high.to_bytes())));
    }

    #[test]
    fn only_uncompressed_points_are_keys() {
        let (signing, public) = device();
        assert!(valid_public_key(&public));
        let compressed = URL_SAFE_NO_PAD.encode(signing.verifying_key().to_encoded_point(true).as_bytes());
        assert!(!valid_public_key(&compressed));
        assert!(!valid_public_key(&URL_SAFE_NO_PAD.encode([4u8; 65])));
        assert!(!valid_public_key("AAAA"));
    }
}
