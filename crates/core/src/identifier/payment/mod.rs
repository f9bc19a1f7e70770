//! Payment identifiers demanded in sextortion: crypto wallets and bank accounts. Recorded as
//! demanded; the checks only catch typing errors (a mistyped address cannot be traced), they say
//! nothing about who owns the account.

mod bitcoin;
mod iban;

pub use bitcoin::{address as bitcoin, looks_like as looks_like_bitcoin};
pub use iban::{iban, looks_like_iban};

/// An Ethereum address: `0x` and 40 hex digits, normalised to lower case (the mixed-case form is only
/// a checksum of the same address; verifying it would need Keccak, which is not worth its weight here).
pub fn ethereum(text: &str) -> Option<String> {
    let hex = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X"))?;
    (hex.len() == 40 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| format!("0x{}", hex.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ethereum_addresses() {
        assert_eq!(
            ethereum("0x52908400098527886E0F7030069857D2E4169EE7").as_deref(),
            Some("0x52908400098527886e0f7030069857d2e4169ee7")
        );
        assert!(ethereum("0x1234").is_none());
        assert!(ethereum("0x52908400098527886E0F7030069857D2E4169EEG").is_none());
    }
}
