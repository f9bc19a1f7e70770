//! What comes off a phone's clipboard: invisible direction marks, zero-width joiners, non-breaking
//! spaces. They are removed before anything else looks at the text, so `@some.user` pasted from a
//! right-to-left chat is the same as typed.

/// Characters that render as nothing but change comparisons: zero-width (U+200B–U+200D, U+2060),
/// direction marks and embeddings (U+200E–U+200F, U+202A–U+202E, U+2066–U+2069), invisible
/// operators (U+2061–U+2064), the byte-order mark (U+FEFF) and the soft hyphen (U+00AD).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}')
}

/// Removes invisible characters, turns any whitespace (NBSP included) into a plain space and trims.
pub fn clean(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars().filter(|&c| !is_invisible(c)) {
        out.push(if c.is_whitespace() { ' ' } else { c });
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn strips_invisible_and_normalises_spaces() {
        assert_eq!(clean("\u{200E}@some.user\u{200B}\u{FEFF} "), "@some.user");
        assert_eq!(
            clean("\u{00A0}+45\u{00A0}12 34\u{2066}56 78\u{2069}"),
            "+45 12 3456 78"
        );
        assert_eq!(clean("\u{200B}\u{200C}"), "");
    }
}
