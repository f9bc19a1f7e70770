//! Canonical JSON and its SHA-256: the content half of the idempotency key.
//!
//! The form follows RFC 8785 (JCS) for the values a capture contains: object members sorted by their
//! UTF-16 code units, no insignificant whitespace, strings escaped as serde_json escapes them (which is
//! what JCS asks for). Written out here, rather than relying on `serde_json::Value`'s map order, because
//! that order changes if any crate in the build turns on serde_json's `preserve_order` feature — and
//! a hash that differs between the phone and the desk would turn every resend into a 409.

use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

#[derive(Debug, thiserror::Error)]
pub enum CanonicalError {
    #[error("value cannot be represented as JSON: {0}")]
    NotJson(#[from] serde_json::Error),
    #[error("non-integer numbers have no canonical form here")]
    Float,
}

/// The canonical JSON text of any serialisable value.
pub fn canonical_json<T: Serialize + ?Sized>(value: &T) -> Result<String, CanonicalError> {
    let value = serde_json::to_value(value)?;
    let mut out = String::new();
    write_value(&value, &mut out)?;
    Ok(out)
}

/// Lower-case hex SHA-256 of the canonical JSON text.
pub fn canonical_sha256<T: Serialize + ?Sized>(value: &T) -> Result<String, CanonicalError> {
    Ok(sha256_hex(canonical_json(value)?.as_bytes()))
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    Sha256::digest(bytes)
        .iter()
        .flat_map(|b| {
            [
                HEX[usize::from(b >> 4)] as char,
                HEX[usize::from(b & 0xf)] as char,
            ]
        })
        .collect()
}

fn write_value(value: &Value, out: &mut String) -> Result<(), CanonicalError> {
    match value {
        // Each kind written as itself, never through `Value`'s own writer: that would bring a float
        // formatter into the phone's bundle for numbers a capture never holds.
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::String(s) => out.push_str(&serde_json::to_string(s)?),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => out.push_str(&i.to_string()),
            (None, Some(u)) => out.push_str(&u.to_string()),
            (None, None) => return Err(CanonicalError::Float),
        },
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(item, out)?;
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut members: Vec<(&String, &Value)> = map.iter().collect();
            members.sort_unstable_by(|(a, _), (b, _)| a.encode_utf16().cmp(b.encode_utf16()));
            out.push('{');
            for (i, (key, item)) in members.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::to_string(key)?);
                out.push(':');
                write_value(item, out)?;
            }
            out.push('}');
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sorts_members_and_drops_whitespace() {
        let v = json!({"b": [1, {"z": true, "a": null}], "a": "x"});
        assert_eq!(
            canonical_json(&v).unwrap(),
            r#"{"a":"x","b":[1,{"a":null,"z":true}]}"#
        );
    }

    #[test]
    fn sorts_by_utf16_code_units_as_jcs_does() {
        // U+E000 sorts after U+1F600 in UTF-16 (0xE000 > 0xD83D) but before it in UTF-8/chars.
        let v = json!({"\u{e000}": 1, "\u{1f600}": 2});
        assert_eq!(canonical_json(&v).unwrap(), "{\"\u{1f600}\":2,\"\u{e000}\":1}");
    }

    #[test]
    fn escapes_control_characters_and_keeps_unicode() {
        let v = json!({"s": "æøå \"q\" \\ \n \u{1} \u{7f}"});
        assert_eq!(
            canonical_json(&v).unwrap(),
            "{\"s\":\"æøå \\\"q\\\" \\\\ \\n \\u0001 \u{7f}\"}"
        );
    }

    #[test]
    fn refuses_floats() {
        assert!(matches!(
            canonical_json(&json!({"x": 1.5})),
            Err(CanonicalError::Float)
        ));
    }

    #[test]
    fn sha256_of_known_text() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
