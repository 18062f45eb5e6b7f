//! Browser sessions and forgery protection, as layers and an extractor.
//!
//! - `session_layer` reads the session cookie (`__Host-cohorte`: Secure, HttpOnly,
//!   SameSite=Lax, Path=/), loads the session from the database (shared by every instance),
//!   and writes back a new cookie when a handler signs someone in or the session was rotated.
//! - `csrf_layer` guards every state-changing request: the browser's Fetch-Metadata (or Origin)
//!   must say same-origin, and the form must carry the session's token (`_csrf` field or
//!   `X-CSRF-Token` header). No route is exempt. The body it reads must be valid text (a form
//!   field that is not UTF-8 is refused with 400, as in the query string).

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::body::{Body, to_bytes};
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use cohorte_app::identity::{self, NewCookie, RequestMeta, Session};
use cohorte_domain::identity::{Actor, constant_time_eq};
use cohorte_domain::lang::Lang;

use crate::AppState;
use crate::error::WebError;
use crate::util::decode;

/// The cookie's name over https (and on loopback, which browsers treat as secure).
pub const SECURE_COOKIE: &str = "__Host-cohorte";
/// The cookie's name over plain http elsewhere (a `__Host-` cookie needs `Secure`).
pub const PLAIN_COOKIE: &str = "cohorte_session";

/// What the session layer knows of the request, shared with the handler.
#[derive(Debug, Default)]
pub struct SlotInner {
    /// The live session.
    pub session: Option<Session>,
    /// A cookie to set on the response.
    pub set: Option<NewCookie>,
    /// Whether to clear the browser's cookie (dead session, sign-out).
    pub clear: bool,
}

/// The session slot of a request.
#[derive(Debug, Clone, Default)]
pub struct SessionSlot(pub Arc<Mutex<SlotInner>>);

impl SessionSlot {
    fn with<T>(&self, f: impl FnOnce(&mut SlotInner) -> T) -> T {
        match self.0.lock() {
            Ok(mut g) => f(&mut g),
            Err(p) => f(&mut p.into_inner()),
        }
    }

    /// The live session now (a handler may have signed someone out meanwhile).
    pub fn current(&self) -> Option<Session> {
        self.with(|i| i.session.clone())
    }
}

fn cookie_value<'a>(headers: &'a http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Whether the request carries a session cookie (either name, a value shaped like our tokens).
/// The page cache serves and keeps pages only for requests without one. Allocates nothing.
pub fn has_session_cookie(headers: &http::HeaderMap) -> bool {
    headers.contains_key(header::COOKIE)
        && (cookie_value(headers, SECURE_COOKIE).is_some() || cookie_value(headers, PLAIN_COOKIE).is_some())
}

/// The cookie name this instance uses.
pub fn cookie_name(state: &AppState) -> &'static str {
    if state.config.secure_cookies() { SECURE_COOKIE } else { PLAIN_COOKIE }
}

fn set_cookie(state: &AppState, token: &str, max_age: i64) -> Option<HeaderValue> {
    let secure = if state.config.secure_cookies() { "; Secure" } else { "" };
    HeaderValue::from_str(&format!("{}={token}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}", cookie_name(state))).ok()
}

/// Loads the session of the cookie and writes back any new cookie.
pub async fn session_layer(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let name = cookie_name(&state);
    let token = cookie_value(req.headers(), name).map(str::to_owned);
    let static_file = req.uri().path().starts_with("/static/");
    let mut inner = SlotInner::default();
    if let (Some(t), false) = (&token, static_file) {
        match identity::load_session(&state.ctx, t).await {
            Ok(Some((s, rotated))) => {
                inner.session = Some(s);
                inner.set = rotated;
            }
            Ok(None) => inner.clear = true,
            Err(e) => tracing::warn!(error = %e, "could not load the session"),
        }
    }
    let slot = SessionSlot(Arc::new(Mutex::new(inner)));
    req.extensions_mut().insert(slot.clone());
    let back = return_path(&state, &req);
    let path = req.uri().path().to_owned();
    let mut res = next.run(req).await;
    // Sent to re-authenticate: remember where to come back to.
    if res.status() == http::StatusCode::SEE_OTHER
        && res.headers().get(header::LOCATION).is_some_and(|l| l == "/account/reauth")
        && let Some(back) = back
        && let Ok(v) = HeaderValue::from_str(&format!("/account/reauth?next={}", crate::util::encode(&back)))
    {
        res.headers_mut().insert(header::LOCATION, v);
    }
    let (set, clear, signed_in) = slot.with(|i| (i.set.take(), i.clear, i.session.as_ref().is_some_and(|s| s.actor.person().is_some())));
    let actor = slot.with(|i| i.session.as_ref().and_then(|s| s.actor.person().map(|p| p.id.to_string())));
    let h = res.headers_mut();
    if let Some(c) = set {
        if let Some(v) = set_cookie(&state, &c.token, c.max_age.whole_seconds().max(0)) {
            h.append(header::SET_COOKIE, v);
        }
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    } else if clear && let Some(v) = set_cookie(&state, "", 0) {
        h.append(header::SET_COOKIE, v);
    }
    if signed_in && !static_file {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        h.append(header::VARY, HeaderValue::from_static("Cookie"));
        // The header names the person: this page is for them only.
        res.extensions_mut().remove::<crate::cache::Cacheable>();
    }
    security_event(&res, &actor, &path);
    res
}

/// Writes refusals to the log as security events (target `cohorte::security`): forged or
/// expired forms, denied access, rate limits. The actor is a pseudonymous id; no token, no
/// address, no query string.
fn security_event(res: &Response, actor: &Option<String>, path: &str) {
    let status = res.status().as_u16();
    let csrf = res.extensions().get::<crate::error::ErrorInfo>().is_some_and(|e| e.fields.contains(&("form", "csrf")));
    let event = match status {
        403 if csrf => "csrf_rejected",
        403 => "access_denied",
        429 => "rate_limited",
        _ => return,
    };
    let actor = actor.as_deref().unwrap_or("anonymous");
    tracing::warn!(target: "cohorte::security", event, status, actor, path, "request refused");
}

/// The page to return to after a detour: the page itself for a GET, the form's page (its
/// same-origin `Referer`) for a POST; only paths of this site.
fn return_path(state: &AppState, req: &Request) -> Option<String> {
    if req.method() == Method::GET {
        return req.uri().path_and_query().and_then(|p| crate::util::safe_next(p.as_str()));
    }
    let referer = req.headers().get(header::REFERER)?.to_str().ok()?;
    let host = req.headers().get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
    let base = state.config.base_url();
    let path = [base.to_owned(), format!("http://{host}"), format!("https://{host}")]
        .iter()
        .filter(|b| !b.is_empty() && !b.ends_with("//"))
        .find_map(|b| referer.strip_prefix(b.as_str()).filter(|rest| rest.starts_with('/')))?;
    crate::util::safe_next(path)
}

fn same_origin(state: &AppState, req: &Request) -> bool {
    let headers = req.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return site == "same-origin" || site == "none";
    }
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        None => true,
        Some(origin) => {
            let base = state.config.base_url();
            let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
            (!base.is_empty() && origin == base) || origin == format!("http://{host}") || origin == format!("https://{host}")
        }
    }
}

fn form_field(body: &[u8], name: &str) -> Option<String> {
    // Field by field: a bad byte elsewhere in the body is reported as such, after this check.
    body.split(|b| *b == b'&')
        .filter_map(|p| std::str::from_utf8(p).ok())
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| *k == name)
        .and_then(|(_, v)| decode(v))
}

/// A small text field of a multipart body (the form token comes first in our forms).
fn multipart_field(body: &[u8], boundary: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\"");
    let start = find(body, marker.as_bytes())?;
    let rest = &body[start..];
    let value_start = find(rest, b"\r\n\r\n")? + 4;
    let value = &rest[value_start..];
    let end = find(value, format!("\r\n--{boundary}").as_bytes())?;
    let v = std::str::from_utf8(&value[..end]).ok()?;
    (v.len() <= 128).then(|| v.to_owned())
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Refuses a state-changing request that does not come from one of our own forms.
pub async fn csrf_layer(req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let Some(state) = req.extensions().get::<AppState>().cloned() else { return WebError::Csrf.into_response() };
    if !same_origin(&state, &req) {
        return WebError::Csrf.into_response();
    }
    let expected = req.extensions().get::<SessionSlot>().and_then(|s| s.with(|i| i.session.as_ref().map(|s| s.csrf_token.clone())));
    let Some(expected) = expected else { return WebError::Csrf.into_response() };
    let header_token = req.headers().get("x-csrf-token").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let boundary = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .filter(|ct| ct.starts_with("multipart/form-data"))
        .and_then(|ct| multer::parse_boundary(ct).ok());
    let limit = if crate::layers::is_upload(&req) { crate::layers::UPLOAD_LIMIT } else { crate::layers::FORM_LIMIT };
    let (parts, body) = req.into_parts();
    let bytes = match to_bytes(body, limit).await {
        Ok(b) => b,
        Err(_) => return http::StatusCode::PAYLOAD_TOO_LARGE.into_response(),
    };
    let given = match &boundary {
        Some(b) => header_token.or_else(|| multipart_field(&bytes, b, "_csrf")),
        None => header_token.or_else(|| form_field(&bytes, "_csrf")),
    };
    if !given.is_some_and(|g| constant_time_eq(&g, &expected)) {
        return WebError::Csrf.into_response();
    }
    let content_type = parts.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
    if !crate::layers::form_text_ok(content_type, boundary.as_deref(), &bytes).await {
        return crate::layers::error_marker(http::StatusCode::BAD_REQUEST, vec![("form", "invalid-encoding")]);
    }
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

/// Gives the handlers the state through the request (the CSRF layer needs it).
pub async fn state_extension(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    req.extensions_mut().insert(state);
    next.run(req).await
}

/// The visitor: their session (if any), and who, from where, in which language.
#[derive(Debug, Clone)]
pub struct Visitor {
    slot: SessionSlot,
    /// Address, browser, language.
    pub meta: RequestMeta,
}

impl Visitor {
    /// The live session.
    pub fn session(&self) -> Option<Session> {
        self.slot.with(|i| i.session.clone())
    }

    /// Who is asking.
    pub fn actor(&self) -> Actor {
        self.session().map(|s| s.actor).unwrap_or_default()
    }

    /// The session, created for an anonymous visitor when missing (forms need its token).
    pub async fn ensure(&self, state: &AppState) -> Result<Session, WebError> {
        if let Some(s) = self.session() {
            return Ok(s);
        }
        let (s, cookie) = identity::start_session(&state.ctx, &self.meta).await?;
        self.slot.with(|i| {
            i.session = Some(s.clone());
            i.set = Some(cookie);
            i.clear = false;
        });
        Ok(s)
    }

    /// The session, required (forms post with one).
    pub fn required(&self) -> Result<Session, WebError> {
        self.session().ok_or(WebError::Csrf)
    }

    /// A new cookie for the response (sign-in rotates the session).
    pub fn set_cookie(&self, c: NewCookie) {
        self.slot.with(|i| {
            i.set = Some(c);
            i.clear = false;
        });
    }

    /// Clears the browser's cookie (sign-out).
    pub fn clear(&self) {
        self.slot.with(|i| {
            i.session = None;
            i.set = None;
            i.clear = true;
        });
    }
}

/// The client's address: the peer's, unless the peer is a trusted proxy, in which case the
/// right-most `X-Forwarded-For` entry that is not itself a trusted proxy. A forwarded header from
/// anyone else is ignored (it is trivially forged).
pub fn client_ip(peer: std::net::IpAddr, headers: &http::HeaderMap, trusted: &[std::net::IpAddr]) -> std::net::IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let forwarded: Vec<std::net::IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|x| x.trim().parse().ok())
        .collect();
    forwarded.into_iter().rev().find(|ip| !trusted.contains(ip)).unwrap_or(peer)
}

impl FromRequestParts<AppState> for Visitor {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &AppState) -> Result<Self, Self::Rejection> {
        let slot = parts.extensions.get::<SessionSlot>().cloned().unwrap_or_default();
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
        let trusted = parts.extensions.get::<AppState>().map(|s| s.config.trusted_proxies.clone()).unwrap_or_default();
        let ip = peer.map(|p| client_ip(p, &parts.headers, &trusted).to_string());
        let user_agent = parts.headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).map(|s| s.chars().take(300).collect());
        let lang = parts.extensions.get::<Lang>().copied().unwrap_or_default();
        Ok(Visitor { slot, meta: RequestMeta { ip, user_agent, lang } })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_values_must_look_like_our_tokens() {
        let mut h = http::HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("lang=fr; __Host-cohorte=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"),
        );
        assert!(cookie_value(&h, SECURE_COOKIE).is_some());
        let mut bad = http::HeaderMap::new();
        bad.insert(header::COOKIE, HeaderValue::from_static("__Host-cohorte=' or 1=1"));
        assert!(cookie_value(&bad, SECURE_COOKIE).is_none());
    }

    #[test]
    fn only_a_session_cookie_keeps_a_request_from_the_page_cache() {
        let token = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        let with = |v: &str| {
            let mut h = http::HeaderMap::new();
            h.insert(header::COOKIE, HeaderValue::from_str(v).unwrap());
            h
        };
        assert!(!has_session_cookie(&http::HeaderMap::new()));
        assert!(!has_session_cookie(&with("lang=en")));
        assert!(!has_session_cookie(&with("__Host-cohorte=junk")));
        assert!(has_session_cookie(&with(&format!("lang=en; __Host-cohorte={token}"))));
        assert!(has_session_cookie(&with(&format!("cohorte_session={token}"))));
    }

    #[test]
    fn forwarded_addresses_are_believed_from_trusted_proxies_only() {
        let proxy: std::net::IpAddr = "10.0.0.1".parse().unwrap();
        let client: std::net::IpAddr = "198.51.100.7".parse().unwrap();
        let mut h = http::HeaderMap::new();
        h.insert("x-forwarded-for", HeaderValue::from_static("203.0.113.66, 198.51.100.7"));
        assert_eq!(client_ip(proxy, &h, &[proxy]), client, "the right-most untrusted entry");
        let stranger: std::net::IpAddr = "192.0.2.9".parse().unwrap();
        assert_eq!(client_ip(stranger, &h, &[proxy]), stranger, "a forged header from elsewhere is ignored");
        assert_eq!(client_ip(proxy, &http::HeaderMap::new(), &[proxy]), proxy);
        let mut junk = http::HeaderMap::new();
        junk.insert("x-forwarded-for", HeaderValue::from_static("not-an-ip"));
        assert_eq!(client_ip(proxy, &junk, &[proxy]), proxy);
    }

    #[test]
    fn the_form_token_is_read_from_multipart_bodies() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\nabc123\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4\r\n--XyZ--\r\n";
        assert_eq!(multipart_field(body, "XyZ", "_csrf").as_deref(), Some("abc123"));
        assert_eq!(multipart_field(body, "XyZ", "other"), None);
    }

    #[test]
    fn form_fields_are_read_from_urlencoded_bodies() {
        assert_eq!(form_field(b"email=a%40b.org&_csrf=abc", "_csrf").as_deref(), Some("abc"));
        assert_eq!(form_field(b"email=x", "_csrf"), None);
        assert_eq!(form_field(b"name=A\xff&_csrf=abc", "_csrf").as_deref(), Some("abc"));
    }
}
