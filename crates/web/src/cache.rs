//! A cache of rendered public pages, keyed by language and URL, dropped whenever the content
//! version changes (every instance polls it, so a write on one instance reaches all of them
//! within the poll interval). Only responses a handler marks [`Cacheable`] are kept.

use std::collections::HashMap;
use std::sync::RwLock;
use std::sync::atomic::{AtomicI64, Ordering};

use axum::body::Bytes;
use http::HeaderMap;

/// Marks a response whose body depends only on the URL, the language and the content.
#[derive(Debug, Clone, Copy)]
pub struct Cacheable;

/// One cached response, as it left the outermost layer: every header (the handler's, the
/// security headers, language, vary; not the request id or date, which are per response) and the
/// body. A hit is answered with them as they are, before any other layer runs.
#[derive(Debug, Clone)]
pub struct Cached {
    /// The response's headers.
    pub headers: HeaderMap,
    /// Body.
    pub body: Bytes,
}

/// The cache.
#[derive(Debug)]
pub struct PageCache {
    enabled: bool,
    max_entries: usize,
    max_body: usize,
    version: AtomicI64,
    entries: RwLock<HashMap<String, Cached>>,
}

impl PageCache {
    /// A cache (or a disabled one that never keeps anything).
    pub fn new(enabled: bool) -> Self {
        Self { enabled, max_entries: 4096, max_body: 512 * 1024, version: AtomicI64::new(-1), entries: RwLock::new(HashMap::new()) }
    }

    /// Whether it keeps pages.
    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// A cached page.
    pub fn get(&self, key: &str) -> Option<Cached> {
        if !self.enabled {
            return None;
        }
        self.entries.read().ok()?.get(key).cloned()
    }

    /// Keeps a page (when there is room).
    pub fn put(&self, key: String, value: Cached) {
        if !self.enabled || value.body.len() > self.max_body {
            return;
        }
        if let Ok(mut m) = self.entries.write() {
            if m.len() >= self.max_entries {
                m.clear();
            }
            m.insert(key, value);
        }
    }

    /// Records the content version; a change drops every page. Returns whether it changed.
    pub fn observe_version(&self, v: i64) -> bool {
        let old = self.version.swap(v, Ordering::SeqCst);
        if old != v {
            if let Ok(mut m) = self.entries.write() {
                m.clear();
            }
            true
        } else {
            false
        }
    }

    /// How many pages are kept.
    pub fn len(&self) -> usize {
        self.entries.read().map(|m| m.len()).unwrap_or(0)
    }

    /// Whether no page is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(s: &'static str) -> Cached {
        Cached { headers: HeaderMap::new(), body: Bytes::from_static(s.as_bytes()) }
    }

    #[test]
    fn a_new_content_version_drops_every_page() {
        let c = PageCache::new(true);
        assert!(c.observe_version(1));
        c.put("fr /".into(), page("a"));
        assert_eq!(c.get("fr /").map(|p| p.body), Some(Bytes::from_static(b"a")));
        assert!(!c.observe_version(1));
        assert_eq!(c.len(), 1);
        assert!(c.observe_version(2));
        assert!(c.get("fr /").is_none());
    }

    #[test]
    fn a_disabled_cache_keeps_nothing() {
        let c = PageCache::new(false);
        c.put("k".into(), page("a"));
        assert!(c.get("k").is_none());
    }
}
