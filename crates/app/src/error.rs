//! The one error use cases return. The web layer chooses the status and the page.

use cohorte_domain::policy::Denied;
use cohorte_domain::query::FieldErrors;
use cohorte_store::StoreError;

/// What went wrong in a use case.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The input is invalid (400/422 with a message per field).
    #[error(transparent)]
    Invalid(#[from] FieldErrors),
    /// Not found, or not visible to this actor (404).
    #[error("not found")]
    NotFound,
    /// Refused for a reason the actor can act on (sign in, second factor, re-authenticate) or
    /// plainly forbidden (403).
    #[error(transparent)]
    Denied(Denied),
    /// A write conflicts with existing data or with another write (409); the code names it
    /// (`error-<code>` in the translations).
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// Anything else (500: logged with its cause, never shown).
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    /// One invalid field.
    pub fn invalid(field: &'static str, code: &'static str) -> Self {
        AppError::Invalid(FieldErrors::one(field, code))
    }

    /// A conflict, named by its message code.
    pub fn conflict(code: &'static str) -> Self {
        AppError::Conflict(code)
    }
}

impl From<Denied> for AppError {
    fn from(d: Denied) -> Self {
        match d {
            // A resource a person may not see answers "not found".
            Denied::NotVisible => AppError::NotFound,
            other => AppError::Denied(other),
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Conflict { constraint } => {
                tracing::debug!(constraint = %constraint, "write refused by a constraint");
                AppError::Conflict("conflict")
            }
            other => AppError::Internal(other.to_string()),
        }
    }
}
