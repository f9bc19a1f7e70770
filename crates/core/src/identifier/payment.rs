//! Payment identifiers demanded in sextortion: crypto wallets and bank accounts. Recorded exactly as
//! demanded; the checks only catch typing errors, they say nothing about who owns the account.

use super::ParseError;

const BASE58: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const BECH32: &[u8] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

/// A Bitcoin address: bech32 (`bc1…`, any case, normalised to lower case) or base58 (`1…`/`3…`,
/// case-sensitive, kept as is). Checksums are not verified.
pub fn bitcoin(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    if let Some(data) = lower.strip_prefix("bc1") {
        let ok = (11..=71).contains(&data.len()) && data.bytes().all(|b| BECH32.contains(&b));
        // Mixed case is invalid in bech32.
        let one_case = text == lower || text == text.to_ascii_uppercase();
        return (ok && one_case).then_some(lower);
    }
    let base58 = (26..=35).contains(&text.len())
        && matches!(text.as_bytes().first(), Some(b'1' | b'3'))
        && text.bytes().all(|b| BASE58.contains(&b));
    base58.then(|| text.to_string())
}

/// An Ethereum address: `0x` and 40 hex digits, normalised to lower case (the mixed-case form is only
/// a checksum of the same address).
pub fn ethereum(text: &str) -> Option<String> {
    let hex = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X"))?;
    (hex.len() == 40 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| format!("0x{}", hex.to_ascii_lowercase()))
}

/// Looks like an IBAN (two letters, two digits, then letters and digits)? Then it must pass.
pub fn looks_like_iban(text: &str) -> bool {
    let compact: Vec<u8> = text.bytes().filter(|b| *b != b' ').collect();
    compact.len() >= 15
        && compact[..2].iter().all(u8::is_ascii_alphabetic)
        && compact[2..4].iter().all(u8::is_ascii_digit)
        && compact[4..].iter().all(u8::is_ascii_alphanumeric)
}

/// An IBAN, compact and upper case, with its length per country (where known) and its mod-97
/// checksum verified.
pub fn iban(text: &str) -> Result<String, ParseError> {
    let compact: String = text
        .chars()
        .filter(|c| *c != ' ')
        .collect::<String>()
        .to_ascii_uppercase();
    if !looks_like_iban(&compact) || compact.len() > 34 {
        return Err(ParseError::InvalidIban);
    }
    if let Some(expected) = country_length(&compact[..2]) {
        if compact.len() != expected {
            return Err(ParseError::InvalidIban);
        }
    }
    let rearranged = compact[4..].bytes().chain(compact[..4].bytes());
    let mut remainder: u32 = 0;
    for b in rearranged {
        let value = if b.is_ascii_digit() {
            u32::from(b - b'0')
        } else {
            u32::from(b - b'A') + 10
        };
        remainder = if value >= 10 {
            (remainder * 100 + value) % 97
        } else {
            (remainder * 10 + value) % 97
        };
    }
    if remainder == 1 {
        Ok(compact)
    } else {
        Err(ParseError::InvalidIban)
    }
}

/// IBAN lengths of the countries a Danish case most often meets.
fn country_length(country: &str) -> Option<usize> {
    Some(match country {
        "DK" | "FO" | "GL" | "FI" | "NL" => 18,
        "NO" => 15,
        "SE" | "ES" => 24,
        "DE" | "GB" | "IE" => 22,
        "FR" | "IT" => 27,
        "PL" | "CY" => 28,
        "BE" => 16,
        "AT" | "EE" | "LT" => 20,
        "CH" | "LV" => 21,
        "PT" => 25,
        "RO" => 24,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ibans() {
        assert_eq!(iban("DK50 0040 0440 1162 43").unwrap(), "DK5000400440116243");
        assert_eq!(
            iban("gb82 west 1234 5698 7654 32").unwrap(),
            "GB82WEST12345698765432"
        );
        assert_eq!(iban("DK51 0040 0440 1162 43"), Err(ParseError::InvalidIban));
        assert_eq!(iban("DK50 0040 0440 1162 4"), Err(ParseError::InvalidIban));
    }

    #[test]
    fn wallets() {
        assert_eq!(
            bitcoin("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq").as_deref(),
            Some("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq")
        );
        assert_eq!(
            bitcoin("1BoatSLRHtKNngkdXEeobR76b53LETtpyT").as_deref(),
            Some("1BoatSLRHtKNngkdXEeobR76b53LETtpyT")
        );
        assert!(bitcoin("1BoatSLRHtKNngkdXEeobR76b53LETtpy0").is_none()); // 0 is not base58
        assert!(bitcoin("bc1qAr0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq").is_none()); // mixed case
        assert_eq!(
            ethereum("0x52908400098527886E0F7030069857D2E4169EE7").as_deref(),
            Some("0x52908400098527886e0f7030069857d2e4169ee7")
        );
        assert!(ethereum("0x1234").is_none());
    }
}
