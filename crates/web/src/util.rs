//! Small helpers: query strings.

/// Percent-encodes a query value (RFC 3986 unreserved characters kept).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes a query component (`+` is a space); `None` on bad escapes, invalid UTF-8 or NUL.
pub fn decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes.get(i + 1..i + 3)?;
                let v = u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
                out.push(v);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    if out.contains(&0) {
        return None;
    }
    String::from_utf8(out).ok()
}

/// A path with query parameters (empty values left out).
pub fn with_query(path: &str, params: &[(&str, String)]) -> String {
    let q: Vec<String> = params.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| format!("{k}={}", encode(v))).collect();
    if q.is_empty() { path.to_owned() } else { format!("{path}?{}", q.join("&")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_and_decode_round_trip() {
        assert_eq!(encode("sécurité routière&x"), "s%C3%A9curit%C3%A9%20routi%C3%A8re%26x");
        assert_eq!(decode("s%C3%A9curit%C3%A9+routi%C3%A8re").as_deref(), Some("sécurité routière"));
        assert_eq!(decode("%FF"), None);
        assert_eq!(decode("a%00b"), None);
        assert_eq!(decode("%G1"), None);
        assert_eq!(decode("%4"), None);
    }

    #[test]
    fn with_query_skips_empty_values() {
        assert_eq!(
            with_query("/challenges", &[("cohort", "eig-2".into()), ("q", String::new()), ("page", "2".into())]),
            "/challenges?cohort=eig-2&page=2"
        );
        assert_eq!(with_query("/blog", &[]), "/blog");
    }
}

/// A place to return to after a detour (re-authentication): only a path of this site. Anything
/// else (`//host`, `/\\host`, `https:…`, `javascript:`, control characters) gives `None`.
pub fn safe_next(next: &str) -> Option<String> {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && next.len() <= 512
        && !next.chars().any(|c| c.is_control() || c.is_whitespace())
        && !next.to_ascii_lowercase().contains("%2f%2f")
        && !next.starts_with("/%5c")
        && !next.starts_with("/%5C");
    ok.then(|| next.to_owned())
}

#[cfg(test)]
mod next_tests {
    use super::safe_next;

    #[test]
    fn only_paths_of_this_site_are_followed() {
        assert_eq!(safe_next("/admin/people/ada").as_deref(), Some("/admin/people/ada"));
        assert_eq!(safe_next("/account?saved=1").as_deref(), Some("/account?saved=1"));
        for bad in [
            "//evil.example",
            "/\\evil.example",
            "https://evil.example",
            "javascript:alert(1)",
            "admin",
            "",
            "/%2F%2Fevil",
            "/%5cevil",
            "/a b",
            "/a\nb",
        ] {
            assert_eq!(safe_next(bad), None, "{bad:?}");
        }
    }
}
