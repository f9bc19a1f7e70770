//! Phone numbers and e-mail addresses.

use super::ParseError;

/// E.164 (`+4512345678`). Danish numbers are 8 digits and may be entered without `+45`; `00` is the
/// international prefix. Spaces, dashes, dots and parentheses are dropped.
pub fn phone(text: &str) -> Result<String, ParseError> {
    let compact: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')' | '/'))
        .collect();
    let (international, digits) = if let Some(rest) = compact.strip_prefix('+') {
        (true, rest)
    } else if let Some(rest) = compact.strip_prefix("00") {
        (true, rest)
    } else {
        (false, compact.as_str())
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ParseError::InvalidPhone);
    }
    // Denmark (+45) has 8-digit numbers, none starting with 0; Greenland (+299) and the Faroes (+298)
    // have 6 digits.
    let national_rule_ok = match digits.get(..3) {
        Some("298" | "299") => digits.len() == 9,
        _ if digits.starts_with("45") => digits.len() == 10 && digits.as_bytes()[2] != b'0',
        _ => true,
    };
    match (international, digits.len()) {
        (true, 8..=15) if !digits.starts_with('0') && national_rule_ok => Ok(format!("+{digits}")),
        (false, 8) if !digits.starts_with('0') => Ok(format!("+45{digits}")),
        // `45` followed by a Danish number, pasted without the plus.
        (false, 10) if digits.starts_with("45") && national_rule_ok => Ok(format!("+{digits}")),
        _ => Err(ParseError::InvalidPhone),
    }
}

/// Lower-cases the domain only: the local part may be case-sensitive, and is kept as written.
pub fn email(text: &str) -> Result<String, ParseError> {
    let text = match text.get(..7) {
        Some(scheme) if scheme.eq_ignore_ascii_case("mailto:") => &text[7..],
        _ => text,
    };
    let (local, domain) = text.rsplit_once('@').ok_or(ParseError::InvalidEmail)?;
    // `:`, `/` and `\\` never appear in real addresses' local parts, but do in URLs that failed to read
    // as one: those must not become an e-mail.
    let local_ok = (1..=64).contains(&local.len())
        && !local.contains([
            '@', ' ', '<', '>', '"', ',', ';', ':', '/', '\\', '(', ')', '[', ']',
        ])
        && !local.chars().any(char::is_control);
    let domain = domain.to_ascii_lowercase();
    let domain_ok = domain.len() <= 253
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && domain
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    if local_ok && domain_ok {
        Ok(format!("{local}@{domain}"))
    } else {
        Err(ParseError::InvalidEmail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_and_international_numbers() {
        assert_eq!(phone("12 34 56 78").unwrap(), "+4512345678");
        assert_eq!(phone("+45 12-34-56-78").unwrap(), "+4512345678");
        assert_eq!(phone("0045 12345678").unwrap(), "+4512345678");
        assert_eq!(phone("4512345678").unwrap(), "+4512345678");
        assert_eq!(phone("+299 123456").unwrap(), "+299123456");
        assert!(phone("+45 0123 4567").is_err());
        assert!(phone("+45 1234 56789").is_err());
        assert!(phone("01234567").is_err());
        assert_eq!(phone("+1 (555) 010-0199").unwrap(), "+15550100199");
        assert!(phone("1234").is_err());
        assert!(phone("+45 12ab5678").is_err());
        assert!(phone("123456789").is_err());
    }

    #[test]
    fn email_domain_lower_cased_only() {
        assert_eq!(email("Some.One@Example.COM").unwrap(), "Some.One@example.com");
        assert_eq!(email("mailto:a@b.dk").unwrap(), "a@b.dk");
        assert!(email("a@b").is_err());
        assert!(email("@b.dk").is_err());
        assert!(email("a b@c.dk").is_err());
    }
}
