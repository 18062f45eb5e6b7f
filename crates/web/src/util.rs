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

/// A place to return to after a detour (re-authentication): only a path of this site. Dot
/// segments (`.`, `..`, and `%2e` spelled any way, as browsers read them) are resolved first, so
/// that `/.//host` or `/a/../..//host` cannot become `//host` in the browser. Anything that is not
/// a path of this site (`//host`, `/\\host`, `https:…`, `javascript:`, control characters)
/// gives `None`.
pub fn safe_next(next: &str) -> Option<String> {
    if !next.starts_with('/') || next.len() > 512 {
        return None;
    }
    let next = remove_dot_segments(next);
    let next = next.as_str();
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

/// RFC 3986 §5.2.4 on the path of an absolute path (the query and fragment are left as they
/// are), with `%2e` read as a dot like the WHATWG URL parser does.
fn remove_dot_segments(target: &str) -> String {
    let split = target.find(['?', '#']).unwrap_or(target.len());
    let (path, rest) = target.split_at(split);
    let is_dot = |s: &str| s == "." || s.eq_ignore_ascii_case("%2e");
    let is_dot_dot = |s: &str| {
        let s = s.to_ascii_lowercase();
        matches!(s.as_str(), ".." | ".%2e" | "%2e." | "%2e%2e")
    };
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let mut out: Vec<&str> = Vec::with_capacity(segments.len());
    for (i, seg) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        if is_dot(seg) {
            if last {
                out.push("");
            }
        } else if is_dot_dot(seg) {
            out.pop();
            if last {
                out.push("");
            }
        } else {
            out.push(seg);
        }
    }
    let mut resolved = String::with_capacity(target.len());
    for seg in &out {
        resolved.push('/');
        resolved.push_str(seg);
    }
    if resolved.is_empty() {
        resolved.push('/');
    }
    resolved.push_str(rest);
    resolved
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
            "/.//evil.example",
            "/a/../..//evil.example",
            "/%2e%2e/%2E%2e//evil.example",
            "/.%2e//evil.example/x?y=1",
            "/a/./..//evil.example",
        ] {
            assert_eq!(safe_next(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn dot_segments_are_resolved_before_the_check() {
        for (given, used) in [
            ("/%2e%2e/admin", "/admin"),
            ("/admin/./people/../people/ada?x=1", "/admin/people/ada?x=1"),
            ("/a/..", "/"),
            ("/a/%2E", "/a/"),
            ("/./", "/"),
            ("/..", "/"),
            ("/a/b/../../c", "/c"),
            ("/search?q=a/../..//b", "/search?q=a/../..//b"),
            ("/a//b/../c", "/a//c"),
            ("/a/..%2fb", "/a/..%2fb"),
        ] {
            assert_eq!(safe_next(given).as_deref(), Some(used), "{given:?}");
        }
    }
}
