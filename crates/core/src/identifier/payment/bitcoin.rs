//! Bitcoin addresses: bech32 and bech32m (`bc1…`, BIP 173 and 350) and base58check (`1…`, `3…`).
//! Both carry checksums, which are verified: a blackmailer's address with one character mistyped is
//! someone else's address, or nobody's.

use sha2::{Digest, Sha256};

const BASE58: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const BECH32: &[u8] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

/// Shaped like a Bitcoin address, whether or not its checksum holds.
pub fn looks_like(text: &str) -> bool {
    looks_like_bech32(text) || looks_like_base58(text)
}

/// The address if it is a valid one: bech32 in lower case (it is case-insensitive), base58 as it is
/// (it is case-sensitive).
pub fn address(text: &str) -> Option<String> {
    if looks_like_bech32(text) {
        return bech32_is_valid(text).then(|| text.to_ascii_lowercase());
    }
    if looks_like_base58(text) {
        return base58check_is_valid(text).then(|| text.to_string());
    }
    None
}

fn looks_like_bech32(text: &str) -> bool {
    text.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("bc1"))
        && (14..=90).contains(&text.len())
        && text[3..]
            .bytes()
            .all(|b| BECH32.contains(&b.to_ascii_lowercase()))
}

/// A letter is required: a 26-digit number is not an address.
fn looks_like_base58(text: &str) -> bool {
    (26..=35).contains(&text.len())
        && matches!(text.as_bytes().first(), Some(b'1' | b'3'))
        && text.bytes().all(|b| BASE58.contains(&b))
        && text.bytes().any(|b| b.is_ascii_alphabetic())
}

fn bech32_is_valid(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    // Mixed case is invalid in bech32.
    if text != lower && text != text.to_ascii_uppercase() {
        return false;
    }
    let data: Vec<u8> = lower[3..]
        .bytes()
        .filter_map(|b| BECH32.iter().position(|&c| c == b))
        .map(|v| v as u8)
        .collect();
    if data.len() < 7 {
        return false; // a witness version and the six checksum characters at least
    }
    // The human-readable part "bc", expanded: high bits of each character, 0, low bits.
    let checksum = [3, 3, 0, 2, 3]
        .into_iter()
        .chain(data.iter().copied())
        .fold(1, polymod_step);
    let version = data[0];
    let expected = if version == 0 { 1 } else { 0x2bc8_30a3 }; // bech32 for v0, bech32m after
    if checksum != expected || version > 16 {
        return false;
    }
    match witness_program(&data[1..data.len() - 6]) {
        Some(program) if version == 0 => program.len() == 20 || program.len() == 32,
        Some(program) => (2..=40).contains(&program.len()),
        None => false,
    }
}

fn polymod_step(checksum: u32, value: u8) -> u32 {
    const GENERATOR: [u32; 5] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3];
    let top = checksum >> 25;
    let mut checksum = ((checksum & 0x01ff_ffff) << 5) ^ u32::from(value);
    for (i, g) in GENERATOR.iter().enumerate() {
        if (top >> i) & 1 == 1 {
            checksum ^= g;
        }
    }
    checksum
}

/// Five-bit groups back to bytes; the padding must be fewer than five zero bits.
fn witness_program(groups: &[u8]) -> Option<Vec<u8>> {
    let mut bytes = Vec::with_capacity(groups.len() * 5 / 8);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &g in groups {
        acc = ((acc << 5) | u32::from(g)) & 0xffff;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            bytes.push((acc >> bits) as u8);
        }
    }
    (bits < 5 && (acc << (8 - bits)) & 0xff == 0).then_some(bytes)
}

/// 25 bytes: version (0x00 for `1…`, 0x05 for `3…`), a 20-byte hash, and the first four bytes of the
/// double SHA-256 of the first 21.
fn base58check_is_valid(text: &str) -> bool {
    let mut bytes = [0u8; 25];
    for b in text.bytes() {
        let Some(digit) = BASE58.iter().position(|&c| c == b) else {
            return false;
        };
        let mut carry = digit as u32;
        for byte in bytes.iter_mut().rev() {
            carry += u32::from(*byte) * 58;
            *byte = carry as u8;
            carry >>= 8;
        }
        if carry != 0 {
            return false; // more than 25 bytes
        }
    }
    // Each leading `1` stands for one leading zero byte, no more and no less.
    let ones = text.bytes().take_while(|&b| b == b'1').count();
    let zeros = bytes.iter().take_while(|&&b| b == 0).count();
    if ones != zeros || !matches!(bytes[0], 0x00 | 0x05) {
        return false;
    }
    let digest = Sha256::digest(Sha256::digest(&bytes[..21]));
    digest[..4] == bytes[21..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_addresses() {
        for (text, normalised) in [
            (
                "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
                "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
            ),
            (
                "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
                "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
            ),
            (
                "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297",
                "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297",
            ),
            (
                "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
                "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
            ),
            (
                "1BoatSLRHtKNngkdXEeobR76b53LETtpyT",
                "1BoatSLRHtKNngkdXEeobR76b53LETtpyT",
            ),
            (
                "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
                "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
            ),
        ] {
            assert_eq!(address(text).as_deref(), Some(normalised), "{text}");
        }
    }

    #[test]
    fn typing_errors_are_caught() {
        for text in [
            "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdp", // last character changed
            "bc1qAr0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", // mixed case
            "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb",
            "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLz",
            "11A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", // an extra leading 1
        ] {
            assert!(looks_like(text), "{text}");
            assert_eq!(address(text), None, "{text}");
        }
        assert!(!looks_like("1111111111111111111111111111"));
        assert!(!looks_like("1BoatSLRHtKNngkdXEeobR76b53LETtpy0")); // 0 is not base58
    }
}
