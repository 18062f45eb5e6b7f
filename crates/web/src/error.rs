//! Errors of the web layer. A handler returns `WebError`; the `render_errors` layer turns every
//! error response (ours, axum's rejections, 404 fallbacks, 405, 413, panics) into a page in the
//! visitor's language, or JSON under `/api/`.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use cohorte_app::AppError;
use cohorte_domain::policy::Denied;
use cohorte_domain::query::FieldErrors;

/// What went wrong, as the web layer says it.
#[derive(Debug)]
pub enum WebError {
    /// Invalid input (400), with the invalid fields.
    BadRequest(FieldErrors),
    /// Not found (404).
    NotFound,
    /// Not allowed (403).
    Forbidden,
    /// The form's anti-forgery check failed (403).
    Csrf,
    /// Too many attempts (429).
    TooManyRequests,
    /// Sign in first (303 to `/login`).
    SignIn,
    /// Strengthen the session first (303 to the second-factor page).
    SecondFactor,
    /// Confirm it is you first (303 to the re-authentication page).
    Reauthenticate,
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
            AppError::Denied(Denied::SignInRequired) => WebError::SignIn,
            AppError::Denied(Denied::SecondFactorRequired) => WebError::SecondFactor,
            AppError::Denied(Denied::ReauthenticationRequired) => WebError::Reauthenticate,
            AppError::Denied(Denied::Forbidden) => WebError::Forbidden,
            AppError::Denied(Denied::NotVisible) => WebError::NotFound,
            AppError::Conflict(code) => WebError::BadRequest(FieldErrors::one("form", code)),
            AppError::Internal(m) => WebError::Internal(m),
        }
    }
}

impl From<FieldErrors> for WebError {
    fn from(e: FieldErrors) -> Self {
        WebError::BadRequest(e)
    }
}

fn marked(status: StatusCode, fields: Vec<(&'static str, &'static str)>) -> Response {
    let mut r = status.into_response();
    r.extensions_mut().insert(ErrorInfo { fields });
    r
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        match self {
            WebError::BadRequest(f) => marked(StatusCode::BAD_REQUEST, f.0.iter().map(|e| (e.field, e.code)).collect()),
            WebError::NotFound => marked(StatusCode::NOT_FOUND, vec![]),
            WebError::Forbidden => marked(StatusCode::FORBIDDEN, vec![]),
            WebError::Csrf => marked(StatusCode::FORBIDDEN, vec![("form", "csrf")]),
            WebError::TooManyRequests => {
                let mut r = marked(StatusCode::TOO_MANY_REQUESTS, vec![]);
                r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("3600"));
                r
            }
            WebError::SignIn => Redirect::to("/login").into_response(),
            WebError::SecondFactor => Redirect::to("/account/second-factor").into_response(),
            WebError::Reauthenticate => Redirect::to("/account/reauth").into_response(),
            WebError::Internal(m) => {
                tracing::error!(error = %m, "internal error");
                marked(StatusCode::INTERNAL_SERVER_ERROR, vec![])
            }
        }
    }
}
