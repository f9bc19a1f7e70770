//! A lenient reading of URLs as officers paste them: with or without a scheme, any case in the host,
//! tracking parameters, fragments, trailing slashes. Nothing is ever fetched; this only splits text.
//!
//! Hand-written rather than the `url` crate: that crate would reject half of what is pasted (no
//! scheme) and its IDNA tables would weigh more than the whole field app's budget allows.

/// The parts of a URL the platform rules look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Lower-case, without port, userinfo or trailing dot.
    pub host: String,
    /// Non-empty path segments, percent-decoding left alone.
    pub segments: Vec<String>,
    pub query: Vec<(String, String)>,
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
        self.host == domain
            || self
                .host
                .strip_suffix(domain)
                .is_some_and(|rest| rest.ends_with('.'))
    }
}

/// Reads `text` as a URL if it looks like one: a scheme, or a first segment with a dot and no spaces
/// (`tiktok.com/@x`). `None` for anything else (handles, phone numbers, e-mail addresses).
pub fn split(text: &str) -> Option<Link> {
    let lower = text.to_ascii_lowercase();
    let rest = if let Some(i) = lower.find("://") {
        let scheme = &lower[..i];
        if !matches!(scheme, "http" | "https") {
            return None;
        }
        &text[i + 3..]
    } else {
        text
    };
    if rest.contains(' ') {
        return None;
    }
    let end_of_authority = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end_of_authority];
    // `user@host`: the host is what follows the last `@` (the classic spoofing trick).
    let host_port = authority.rsplit('@').next().unwrap_or(authority);
    if authority.contains('@') && !lower.contains("://") {
        return None; // an e-mail address, not a URL
    }
    let host = host_port
        .split(':')
        .next()
        .unwrap_or_default()
        .trim_end_matches('.')
        .to_ascii_lowercase();
    if !host.contains('.')
        || host.starts_with('.')
        || !host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
    {
        return None;
    }
    let after = &rest[end_of_authority..];
    let after = after.split('#').next().unwrap_or_default();
    let (path, query) = after.split_once('?').unwrap_or((after, ""));
    let segments = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    let query = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (k.to_string(), v.to_string())
        })
        .collect();
    Some(Link {
        host,
        segments,
        query,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_with_and_without_scheme() {
        let link = split("HTTPS://WWW.TikTok.com:443/@Some.User/?lang=da#x").unwrap();
        assert_eq!(link.host, "www.tiktok.com");
        assert_eq!(link.segments, vec!["@Some.User"]);
        assert_eq!(link.param("lang"), Some("da"));
        assert_eq!(split("tiktok.com/@x").unwrap().host, "tiktok.com");
    }

    #[test]
    fn userinfo_does_not_fool_the_host() {
        assert_eq!(
            split("https://tiktok.com@evil.example/@x").unwrap().host,
            "evil.example"
        );
    }

    #[test]
    fn lookalikes_are_not_on_the_domain() {
        let on = |s: &str| split(s).unwrap().is_on("tiktok.com");
        assert!(on("https://m.tiktok.com/@x"));
        assert!(!on("https://tiktok.com.evil.example/@x"));
        assert!(!on("https://evil-tiktok.com/@x"));
        assert!(!on("https://nottiktok.com/@x"));
    }

    #[test]
    fn not_urls() {
        assert!(split("@some.user").is_none());
        assert!(split("someone@example.com").is_none());
        assert!(split("+45 12 34 56 78").is_none());
        assert!(split("javascript://tiktok.com/%0aalert(1)").is_none());
        assert!(split("Sofie Jensen").is_none());
    }
}
