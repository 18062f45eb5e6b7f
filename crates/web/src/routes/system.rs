//! Health, robots, our own assets, legacy redirects, 404.

use std::sync::atomic::Ordering;

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

use crate::AppState;
use crate::error::WebError;

/// Liveness: the process answers.
pub async fn healthz() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], "ok")
}

/// Readiness: the database answers and the instance is not draining.
pub async fn readyz(State(state): State<AppState>) -> Response {
    if !state.ready.load(Ordering::SeqCst) {
        return not_ready("draining");
    }
    match cohorte_app::ping(&state.ctx).await {
        Ok(()) => ([(header::CONTENT_TYPE, "text/plain; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], "ready").into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "database not ready");
            not_ready("database unavailable")
        }
    }
}

fn not_ready(why: &'static str) -> Response {
    let mut r =
        (StatusCode::SERVICE_UNAVAILABLE, [(header::CONTENT_TYPE, "text/plain; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], why)
            .into_response();
    r.extensions_mut().insert(crate::layers::KeepBody);
    r
}

/// `robots.txt`.
pub async fn robots(State(state): State<AppState>) -> impl IntoResponse {
    let base = state.config.base_url().to_owned();
    let sitemap = if base.is_empty() { "/sitemap.xml".to_owned() } else { format!("{base}/sitemap.xml") };
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], format!("User-agent: *\nAllow: /\nDisallow: /api/v1/\nSitemap: {sitemap}\n"))
}

const APP_CSS: &str = include_str!("../../static/app.css");
const API_DOCS_JS: &str = include_str!("../../static/api-docs.js");
const AUTOSAVE_JS: &str = include_str!("../../static/autosave.js");
const PRINT_JS: &str = include_str!("../../static/print.js");

/// Our own small assets (embedded in the binary).
pub async fn app_asset(Path(file): Path<String>) -> Response {
    let (ct, body) = match file.as_str() {
        "app.css" => ("text/css; charset=utf-8", APP_CSS),
        "api-docs.js" => ("text/javascript; charset=utf-8", API_DOCS_JS),
        "autosave.js" => ("text/javascript; charset=utf-8", AUTOSAVE_JS),
        "print.js" => ("text/javascript; charset=utf-8", PRINT_JS),
        _ => return WebError::NotFound.into_response(),
    };
    let mut r = ([(header::CONTENT_TYPE, ct)], body).into_response();
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
    r
}

/// Old-site addresses (`/defis/2018/x.html`) move permanently to their new pages.
pub async fn legacy_redirect(State(state): State<AppState>, uri: axum::http::Uri, Path((_, _)): Path<(String, String)>) -> Response {
    match state.links().get(uri.path()) {
        Some(to) => Redirect::permanent(to).into_response(),
        None => WebError::NotFound.into_response(),
    }
}

/// Anything else.
pub async fn not_found() -> Response {
    WebError::NotFound.into_response()
}
