//! Extractors that parse at the edge and fail with a page in the visitor's language.

use axum::extract::{FromRequestParts, Path, Query};
use axum::http::request::Parts;
use cohorte_domain::query::{FieldError, FieldErrors};
use cohorte_domain::text::Slug;
use serde::de::DeserializeOwned;

use crate::error::WebError;

/// Query parameters; a malformed query string (duplicate keys, …) is a 400.
pub struct Q<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for Q<T> {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(v)| Q(v))
            .map_err(|_| WebError::BadRequest(FieldErrors(vec![FieldError { field: "query", code: "invalid-query" }])))
    }
}

/// A form body (`application/x-www-form-urlencoded`); a malformed one (repeated field…) is a 400.
pub struct F<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> axum::extract::FromRequest<S> for F<T> {
    type Rejection = WebError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Self::Rejection> {
        axum::Form::<T>::from_request(req, state)
            .await
            .map(|axum::Form(v)| F(v))
            .map_err(|_| WebError::BadRequest(FieldErrors(vec![FieldError { field: "form", code: "invalid-query" }])))
    }
}

/// A slug in the path: undecodable → 400; not a slug → 404 (no such page), before any query.
pub struct SlugPath(pub Slug);

impl<S: Send + Sync> FromRequestParts<S> for SlugPath {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| WebError::BadRequest(FieldErrors(vec![FieldError { field: "path", code: "invalid-encoding" }])))?;
        Slug::parse(&raw).map(SlugPath).map_err(|_| WebError::NotFound)
    }
}
