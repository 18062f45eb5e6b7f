//! What every request and response goes through.

use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use cohorte_domain::lang::Lang;

use crate::AppState;
use crate::cache::{Cacheable, Cached};
use crate::error::ErrorInfo;
use crate::util::decode;
use crate::views::{Chrome, ErrorPage, render};

/// The name of the language cookie.
pub const LANG_COOKIE: &str = "lang";
/// The longest URI accepted.
pub const MAX_URI: usize = 2048;

/// The content security policy of every page: no inline script, no third party.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; \
connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// Sets the security headers on every response, errors and files included.
pub async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    // A download sets its own, stricter policy (`sandbox`).
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    }
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // A page carrying a token in its address says `no-referrer` itself.
    if !h.contains_key(header::REFERRER_POLICY) {
        h.insert(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
    }
    h.insert(
        header::HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
    );
    h.insert(header::HeaderName::from_static("cross-origin-opener-policy"), HeaderValue::from_static("same-origin"));
    if state.config.https() {
        h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
    h.remove(header::SERVER);
    res
}

/// The largest body of an ordinary form.
pub const FORM_LIMIT: usize = 64 * 1024;
/// The largest body of a document upload (the rules cap each document at 20 MiB).
pub const UPLOAD_LIMIT: usize = 21 * 1024 * 1024;

/// Whether a request is a document upload (the only requests with large bodies).
pub fn is_upload(req: &Request) -> bool {
    req.method() == Method::POST
        && (req.uri().path().starts_with("/proposals/") || req.uri().path().starts_with("/applications/"))
        && req.uri().path().ends_with("/documents")
}

/// Caps request bodies: 64 KiB, or 21 MiB for document uploads. A declared length over the cap
/// is refused at once (413); a body that turns out longer fails when read (413 too).
pub async fn body_limit(req: Request, next: Next) -> Response {
    let limit = if is_upload(&req) { UPLOAD_LIMIT } else { FORM_LIMIT };
    let declared = req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return error_marker(StatusCode::PAYLOAD_TOO_LARGE, vec![]);
    }
    // A request that announces no body (no length, not chunked) has nothing to cap.
    let chunked = req.headers().contains_key(header::TRANSFER_ENCODING);
    if declared.unwrap_or(0) == 0 && !chunked {
        return next.run(req).await;
    }
    let req = req.map(|b| Body::new(http_body_util::Limited::new(b, limit)));
    next.run(req).await
}

/// Refuses what no route should see: huge URIs (414), query strings that are not valid
/// UTF-8 or hold NUL bytes (400).
pub async fn guard_request(req: Request, next: Next) -> Response {
    let uri = req.uri();
    let length = uri.path().len() + uri.query().map_or(0, |q| q.len() + 1);
    if length > MAX_URI {
        return error_marker(StatusCode::URI_TOO_LONG, vec![("uri", "too-long")]);
    }
    if let Some(q) = uri.query()
        && q.split('&').any(|pair| pair.split('=').any(|part| decode(part).is_none()))
    {
        return error_marker(StatusCode::BAD_REQUEST, vec![("query", "invalid-encoding")]);
    }
    if decode(uri.path()).is_none() {
        return error_marker(StatusCode::BAD_REQUEST, vec![("path", "invalid-encoding")]);
    }
    next.run(req).await
}

/// Whether a buffered form body holds only valid text: every name and value of an
/// `application/x-www-form-urlencoded` body, every header and text field (a part without a file
/// name) of a multipart body, must decode to UTF-8 without NUL, as the query string must
/// (`guard_request`). Otherwise the extractors would store U+FFFD in their place. Files are not
/// looked at; a body that is not a form, or a multipart body that does not parse, is left to the
/// handler.
pub async fn form_text_ok(content_type: Option<&str>, boundary: Option<&str>, body: &Bytes) -> bool {
    if let Some(boundary) = boundary {
        return multipart_text_ok(boundary, body).await;
    }
    if !content_type.is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded")) {
        return true;
    }
    let Ok(text) = std::str::from_utf8(body) else { return false };
    text.split('&').all(|pair| pair.split('=').all(|part| decode(part).is_some()))
}

async fn multipart_text_ok(boundary: &str, body: &Bytes) -> bool {
    let mut parts = multer::Multipart::new(Body::from(body.clone()).into_data_stream(), boundary);
    while let Ok(Some(field)) = parts.next_field().await {
        if field.headers().values().any(|v| std::str::from_utf8(v.as_bytes()).is_err()) {
            return false;
        }
        if field.file_name().is_some() {
            continue;
        }
        match field.bytes().await {
            Ok(b) if std::str::from_utf8(&b).is_ok() && !b.contains(&0) => {}
            Ok(_) => return false,
            Err(_) => return true,
        }
    }
    true
}

/// A bare error status with the fields to name on the error page.
pub fn error_marker(status: StatusCode, fields: Vec<(&'static str, &'static str)>) -> Response {
    let mut r = status.into_response();
    r.extensions_mut().insert(ErrorInfo { fields });
    r
}

/// The `lang` query parameter, when valid.
pub fn lang_from_query(query: Option<&str>) -> Option<Lang> {
    query?.split('&').filter_map(|p| p.split_once('=')).find(|(k, _)| *k == "lang").and_then(|(_, v)| Lang::parse(v))
}

fn lang_from_cookie(headers: &HeaderMap) -> Option<Lang> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == LANG_COOKIE)
        .and_then(|(_, v)| Lang::parse(v))
}

/// Chooses the language: `?lang=` (remembered in a cookie), then the cookie, then
/// `Accept-Language`, then French.
pub async fn locale(mut req: Request, next: Next) -> Response {
    let explicit = lang_from_query(req.uri().query());
    let lang = request_lang(&req);
    req.extensions_mut().insert(lang);
    let mut res = next.run(req).await;
    if let Some(l) = explicit
        && let Ok(v) = HeaderValue::from_str(&format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly", l.code()))
    {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res.headers_mut().append(header::VARY, HeaderValue::from_static("Accept-Language, Cookie"));
    res
}

/// The span of a request: method, path and the request id that error pages show as a reference.
pub fn request_span(req: &Request) -> tracing::Span {
    let id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("");
    tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id)
}

/// Renders every error response as a page in the visitor's language (JSON under `/api/`).
pub async fn render_errors(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let lang = req.extensions().get::<Lang>().copied().unwrap_or_default();
    // Cheap handles (reference-counted), turned into text only when there is an error to render.
    let request_id = req.headers().get("x-request-id").cloned();
    let uri = req.uri().clone();
    let head = req.method() == Method::HEAD;
    let res = next.run(req).await;
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) || res.extensions().get::<KeepBody>().is_some() {
        return res;
    }
    let request_id = request_id.as_ref().and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    let path = uri.path().to_owned();
    let fields = res.extensions().get::<ErrorInfo>().map(|e| e.fields.clone()).unwrap_or_default();
    // Headers the handler or inner layers set (Allow, Retry-After, Set-Cookie, Referrer-Policy…)
    // stay; only the body and its type change.
    let mut kept = res.headers().clone();
    kept.remove(header::CONTENT_TYPE);
    kept.remove(header::CONTENT_LENGTH);
    let mut out = if path.starts_with("/api/") {
        let messages: Vec<serde_json::Value> = fields
            .iter()
            .map(|(f, code)| serde_json::json!({"field": f, "code": code, "message": crate::i18n::t(lang, &format!("error-{code}"))}))
            .collect();
        let body = serde_json::json!({"error": {"status": status.as_u16(), "message": crate::i18n::t(lang, &error_key(status)), "fields": messages, "request_id": request_id}});
        (status, [(header::CONTENT_TYPE, "application/json; charset=utf-8")], body.to_string()).into_response()
    } else {
        let c = Chrome::for_error(lang, &path, &state.config);
        let mut page = ErrorPage::new(c, status, &fields);
        if status.is_server_error() {
            page.reference = request_id;
        }
        let mut r = render(&page).into_response();
        *r.status_mut() = status;
        r
    };
    for (name, value) in kept.iter() {
        if !out.headers().contains_key(name) || name == header::SET_COOKIE {
            out.headers_mut().append(name, value.clone());
        }
    }
    out.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if head {
        *out.body_mut() = Body::empty();
    }
    out
}

/// Marks an error response whose body is already what the client needs (`/readyz`).
#[derive(Debug, Clone, Copy)]
pub struct KeepBody;

/// The message key of a status's title.
pub fn error_key(status: StatusCode) -> String {
    match status.as_u16() {
        400 | 403 | 404 | 405 | 408 | 413 | 414 | 429 | 500 => format!("error-title-{}", status.as_u16()),
        s if s >= 500 => "error-title-500".to_owned(),
        _ => "error-title-400".to_owned(),
    }
}

/// The language a request is answered in: `?lang=`, then the cookie, then `Accept-Language`,
/// then French (what [`locale`] decides; the cache's key uses it too).
pub fn request_lang(req: &Request) -> Lang {
    lang_from_query(req.uri().query())
        .or_else(|| lang_from_cookie(req.headers()))
        .or_else(|| req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).and_then(Lang::negotiate))
        .unwrap_or_default()
}

/// Answers a cached public page before any other layer runs (the outermost layer: no span, no
/// session, no timeout, no header building), and keeps the pages handlers mark [`Cacheable`] with
/// every header the other layers added. Only for `GET`/`HEAD` without a session cookie and without
/// `?lang=` (which sets a cookie): a page rendered for a session is neither served from nor kept
/// in the shared cache (ADR 0002). The request id is per response (a client's own is kept).
pub async fn page_cache(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if !state.cache.enabled()
        || !(req.method() == Method::GET || req.method() == Method::HEAD)
        || crate::session::has_session_cookie(req.headers())
        || lang_from_query(req.uri().query()).is_some()
    {
        return next.run(req).await;
    }
    let key = cache_key(request_lang(&req), req.uri());
    let request_id = req.headers().get(REQUEST_ID).cloned();
    if let Some(hit) = state.cache.get(&key) {
        let mut r = Response::new(Body::from(hit.body));
        *r.headers_mut() = hit.headers;
        let id = request_id.unwrap_or_else(new_request_id);
        r.headers_mut().insert(REQUEST_ID, id);
        return r;
    }
    let res = next.run(req).await;
    // Never keep a response that sets a cookie (it is for one visitor only).
    if res.status() != StatusCode::OK || res.extensions().get::<Cacheable>().is_none() || res.headers().contains_key(header::SET_COOKIE) {
        return res;
    }
    let (parts, body) = res.into_parts();
    let Ok(bytes) = to_bytes(body, 4 * 1024 * 1024).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let mut headers = parts.headers.clone();
    headers.remove(header::CONTENT_LENGTH);
    headers.remove(header::DATE);
    headers.remove(REQUEST_ID);
    state.cache.put(key, Cached { headers, body: bytes.clone() });
    Response::from_parts(parts, Body::from(bytes))
}

const REQUEST_ID: header::HeaderName = header::HeaderName::from_static("x-request-id");

fn cache_key(lang: Lang, uri: &http::Uri) -> String {
    let uri = uri.path_and_query().map_or("/", |p| p.as_str());
    let mut key = String::with_capacity(3 + uri.len());
    key.push_str(lang.code());
    key.push(' ');
    key.push_str(uri);
    key
}

/// A request id as the trace layers make them (a UUID).
fn new_request_id() -> HeaderValue {
    let mut buf = uuid::Uuid::encode_buffer();
    HeaderValue::from_str(uuid::Uuid::new_v4().hyphenated().encode_lower(&mut buf)).unwrap_or_else(|_| HeaderValue::from_static("-"))
}

/// A panic becomes a 500 (rendered by `render_errors`), never a dropped connection.
pub fn panic_response(err: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let detail = err.downcast_ref::<String>().cloned().or_else(|| err.downcast_ref::<&str>().map(|s| (*s).to_owned())).unwrap_or_default();
    tracing::error!(panic = %detail, "handler panicked");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_query_parameter_is_read_when_valid() {
        assert_eq!(lang_from_query(Some("a=1&lang=en")), Some(Lang::En));
        assert_eq!(lang_from_query(Some("lang=de")), None);
        assert_eq!(lang_from_query(None), None);
    }
}
