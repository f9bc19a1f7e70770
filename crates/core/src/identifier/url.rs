//! A lenient reading of URLs as officers paste them: with or without a scheme, any case in the host,
//! tracking parameters, fragments, trailing slashes. Nothing is ever fetched; this only splits text.
//!
//! Hand-written rather than the `url` crate: that crate would reject half of what is pasted (no
//! scheme) and its IDNA tables would weigh more than the whole field app's budget allows. Where it
//! matters for safety it reads the host the way a browser would: the host follows the last `@` of the
//! authority, and a backslash ends the authority (`https://evil.example\@tiktok.com/` is on
//! evil.example).

/// The parts of a URL the platform rules look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Lower-case, without port, userinfo or trailing dot.
    pub host: String,
    /// Non-empty path segments, percent-decoded (`%40name` is `@name`).
    pub segments: Vec<String>,
    /// Query pairs, values percent-decoded.
    pub query: Vec<(String, String)>,
}

/// How pasted text reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    Link(Link),
    /// A web address whose host cannot be placed on any platform (another scheme, a host with
    /// characters no domain here has, an IP literal): never read as anything else.
    Unplaceable,
    /// Not a web address: a handle, a number, an e-mail, a payment identifier, a name.
    Text,
}

impl Link {
    pub fn param(&self, key: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }

    pub fn segment(&self, i: usize) -> Option<&str> {
        self.segments.get(i).map(String::as_str)
    }

    /// Is the host `domain` itself or one of its subdomains (`www.`, `m.`, `de.`…)? A look-alike such
    /// as `tiktok.com.evil.example` or `evil-tiktok.com` is not.
    pub fn is_on(&self, domain: &str) -> bool {
        is_on(&self.host, domain)
    }
}

pub fn is_on(host: &str, domain: &str) -> bool {
    host == domain || host.strip_suffix(domain).is_some_and(|rest| rest.ends_with('.'))
}

/// Reads cleaned text. `handle_hint`: the officer chose a platform that has usernames, so dotted text
/// without a path (`some.user`) is that platform's handle rather than a web site.
pub fn read(text: &str, handle_hint: bool) -> Reading {
    let rest = match scheme(text) {
        Scheme::Web(rest) => rest,
        Scheme::Other => return Reading::Unplaceable,
        Scheme::None => match text.strip_prefix("//") {
            Some(rest) => rest,
            None if looks_like_address(text, handle_hint) => text,
            None => return Reading::Text,
        },
    };
    split(rest).map_or(Reading::Unplaceable, Reading::Link)
}

enum Scheme<'a> {
    /// `http:` or `https:`, with what follows the slashes.
    Web(&'a str),
    /// `tg://`, `ftp://`, `javascript://`, …
    Other,
    None,
}

fn scheme(text: &str) -> Scheme<'_> {
    let Some(colon) = text.find(':') else {
        return Scheme::None;
    };
    let name = &text[..colon];
    let is_scheme_name = name.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    if !is_scheme_name {
        return Scheme::None;
    }
    let after = &text[colon + 1..];
    if name.eq_ignore_ascii_case("http") || name.eq_ignore_ascii_case("https") {
        // Browsers take any run of slashes and backslashes here (`https:/x.com`, `https:\\x.com`).
        return Scheme::Web(after.trim_start_matches(['/', '\\']));
    }
    // `tiktok.com:443/…` is a host and port; `mailto:` and `tel:` are read as text.
    if after.starts_with("//") {
        Scheme::Other
    } else {
        Scheme::None
    }
}

/// Schemeless text is an address when a dotted name is followed by a path or a query
/// (`tiktok.com/@x`). A dotted name alone is an address when it is or contains a platform's domain
/// (`tiktok.com.evil.example`) or starts with `www.`, or,
/// when no platform was chosen, when it ends in a common top-level domain; otherwise it is a handle
/// (`some.user`).
fn looks_like_address(text: &str, handle_hint: bool) -> bool {
    let end = text.find(['/', '\\', '?', '#']);
    let head = &text[..end.unwrap_or(text.len())];
    if !head.contains('.') || head.starts_with('@') || head.contains(' ') {
        return false;
    }
    match end {
        Some(_) => true,
        // An e-mail address.
        None if head.contains('@') => false,
        None => {
            let host = head.to_ascii_lowercase();
            let site_like = super::sites::platform_of_host(&host).is_some()
                || super::sites::names_a_platform_domain(&host)
                || host.starts_with("www.");
            // Handles may end in `.dk` or `.com` (`anna.dk` on Instagram): with a platform chosen, only
            // a platform's own domain or `www.…` is taken for a site.
            site_like
                || !handle_hint
                    && host
                        .rsplit('.')
                        .next()
                        .is_some_and(|tld| COMMON_TLDS.contains(&tld))
        }
    }
}

/// Top-level domains common enough that `name.tld` on its own is taken for a site, not a handle.
const COMMON_TLDS: &[&str] = &[
    "com", "net", "org", "info", "biz", "io", "co", "me", "tv", "gg", "ly", "be", "app", "dev", "xyz", "eu",
    "dk", "se", "no", "de", "uk", "fr", "nl", "ru", "online", "site", "example", "invalid", "test",
];

/// Splits what follows the scheme. `None` when the host is not a plain DNS name.
fn split(rest: &str) -> Option<Link> {
    let end_of_authority = rest.find(['/', '\\', '?', '#']).unwrap_or(rest.len());
    let (authority, after) = rest.split_at(end_of_authority);
    // `user@host`: the host is what follows the last `@` (the classic spoofing trick).
    let host_port = authority.rsplit('@').next().unwrap_or(authority);
    let host = match host_port.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        Some(_) => return None,
        None => host_port,
    };
    let host = host.strip_suffix('.').unwrap_or(host).to_ascii_lowercase();
    // Only ASCII DNS names: a Unicode look-alike (`tіktok.com` with a Cyrillic і) or its `xn--` form
    // simply matches no platform's domain.
    let host_ok = host.contains('.')
        && host.split('.').all(|label| {
            !label.is_empty()
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        });
    if !host_ok {
        return None;
    }
    let (before_fragment, fragment) = after.split_once('#').unwrap_or((after, ""));
    let (path, query) = before_fragment.split_once('?').unwrap_or((before_fragment, ""));
    // Old Twitter links carry the path in the fragment: `twitter.com/#!/some_handle`.
    let path = match fragment.strip_prefix('!') {
        Some(route) if path.trim_matches(['/', '\\']).is_empty() => route.split('?').next().unwrap_or(""),
        _ => path,
    };
    let segments = path
        .split(['/', '\\'])
        .filter(|s| !s.is_empty())
        .map(percent_decode)
        .collect();
    let query = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (k.to_string(), percent_decode(v))
        })
        .collect();
    Some(Link {
        host,
        segments,
        query,
    })
}

/// `%40` → `@`. Text that does not decode to UTF-8 is kept as it is (and then fails the platform's
/// rules, which allow no `%`).
fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let high = bytes.get(i + 1).copied().and_then(hex);
            let low = bytes.get(i + 2).copied().and_then(hex);
            if let (Some(high), Some(low)) = (high, low) {
                out.push(high * 16 + low);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(text: &str) -> Link {
        match read(text, false) {
            Reading::Link(link) => link,
            other => panic!("{text:?} read as {other:?}"),
        }
    }

    #[test]
    fn splits_with_and_without_scheme() {
        let l = link("HTTPS://WWW.TikTok.com:443/@Some.User/?lang=da#x");
        assert_eq!(l.host, "www.tiktok.com");
        assert_eq!(l.segments, vec!["@Some.User"]);
        assert_eq!(l.param("lang"), Some("da"));
        assert_eq!(link("tiktok.com/@x").host, "tiktok.com");
        assert_eq!(link("//tiktok.com/@x").host, "tiktok.com");
        assert_eq!(link("https:/tiktok.com/@x").host, "tiktok.com");
        assert_eq!(link("tiktok.com/%40some.user").segments, vec!["@some.user"]);
        assert_eq!(link("twitter.com/#!/some_handle").segments, vec!["some_handle"]);
    }

    #[test]
    fn the_host_is_where_a_browser_would_go() {
        assert_eq!(link("https://tiktok.com@evil.example/@x").host, "evil.example");
        assert_eq!(link("https://evil.example\\@tiktok.com/@x").host, "evil.example");
        assert_eq!(
            link("https://evil.example/?u=https://tiktok.com/@x").host,
            "evil.example"
        );
        assert_eq!(link("evil.example/?u=https://tiktok.com/@x").host, "evil.example");
    }

    #[test]
    fn lookalikes_are_not_on_the_domain() {
        let on = |s: &str| link(s).is_on("tiktok.com");
        assert!(on("https://m.tiktok.com/@x"));
        assert!(!on("https://tiktok.com.evil.example/@x"));
        assert!(!on("https://evil-tiktok.com/@x"));
        assert!(!on("https://nottiktok.com/@x"));
    }

    #[test]
    fn addresses_that_cannot_be_placed() {
        for text in [
            "javascript://tiktok.com/%0aalert(1)",
            "tg://resolve?domain=some_user",
            "https://tіktok.com/@x",
            "https://[::1]/@x",
            "https://tiktok.com:abc/@x",
            "https:///@x",
        ] {
            assert_eq!(read(text, false), Reading::Unplaceable, "{text:?}");
        }
    }

    #[test]
    fn text_that_is_not_an_address() {
        for text in [
            "@some.user",
            "someone@example.com",
            "+45 12 34 56 78",
            "12.34.56.78",
            "Sofie Jensen",
            "some.user",
            "mailto:someone@example.com",
        ] {
            assert_eq!(read(text, false), Reading::Text, "{text:?}");
        }
        // With a platform chosen, a dotted name alone is a handle unless it is a platform's domain.
        assert_eq!(read("anna.dk", true), Reading::Text);
        assert!(matches!(read("anna.dk", false), Reading::Link(_)));
        assert!(matches!(read("anna.dk/x", true), Reading::Link(_)));
        assert!(matches!(read("www.tiktok.com", true), Reading::Link(_)));
        assert!(matches!(read("instagram.com", true), Reading::Link(_)));
        assert!(matches!(read("tiktok.com.evil.example", true), Reading::Link(_)));
    }

    #[test]
    fn percent_decoding_never_breaks_text() {
        assert_eq!(percent_decode("%e2%9c"), "%e2%9c");
        assert_eq!(percent_decode("a%"), "a%");
        assert_eq!(percent_decode("%4"), "%4");
        assert_eq!(percent_decode("%C3%B8"), "ø");
    }
}
