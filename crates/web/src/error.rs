//! Errors of the web layer. A handler returns `WebError`; the `render_errors` layer turns every
//! error response (ours, axum's rejections, 404 fallbacks, 405, 413, panics) into a page in the
//! visitor's language, or JSON under `/api/`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use cohorte_app::AppError;
use cohorte_domain::query::FieldErrors;

/// What went wrong, as the web layer says it.
#[derive(Debug)]
pub enum WebError {
    /// Invalid input (400), with the invalid fields.
    BadRequest(FieldErrors),
    /// Not found (404).
    NotFound,
    /// Internal error (500): logged, never shown.
    Internal(String),
}

/// Attached to error responses so that `render_errors` can render them.
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    /// Invalid fields (message codes), for 400.
    pub fields: Vec<(&'static str, &'static str)>,
}

impl From<AppError> for WebError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Invalid(f) => WebError::BadRequest(f),
            AppError::NotFound => WebError::NotFound,
            AppError::Conflict(c) => WebError::Internal(format!("unexpected conflict: {c}")),
            AppError::Internal(m) => WebError::Internal(m),
        }
    }
}

impl From<FieldErrors> for WebError {
    fn from(e: FieldErrors) -> Self {
        WebError::BadRequest(e)
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let (status, fields) = match self {
            WebError::BadRequest(f) => (StatusCode::BAD_REQUEST, f.0.iter().map(|e| (e.field, e.code)).collect()),
            WebError::NotFound => (StatusCode::NOT_FOUND, vec![]),
            WebError::Internal(m) => {
                tracing::error!(error = %m, "internal error");
                (StatusCode::INTERNAL_SERVER_ERROR, vec![])
            }
        };
        let mut r = status.into_response();
        r.extensions_mut().insert(ErrorInfo { fields });
        r
    }
}
