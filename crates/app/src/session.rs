//! Who is asking: the loaded browser session and the facts of the request. A leaf module: every
//! use case takes a [`Session`] (the actor) and, when it writes, the [`RequestMeta`] it audits.

use cohorte_domain::identity::Actor;
use cohorte_domain::ids::PersonId;
use cohorte_domain::lang::Lang;

/// Who is asking, from where.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestMeta {
    /// Client address (from the connection, or a trusted proxy).
    pub ip: Option<String>,
    /// Browser.
    pub user_agent: Option<String>,
    /// The page language (emails are written in it).
    pub lang: Lang,
}

/// A browser session, loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// SHA-256 of the cookie token.
    pub hash: String,
    /// The form token.
    pub csrf_token: String,
    /// Who.
    pub actor: Actor,
    /// Someone who passed the first sign-in step and owes a second factor.
    pub pending: Option<PersonId>,
    /// An OpenID Connect flow in progress (JSON).
    pub oidc_state: Option<String>,
}

/// A session to send back to the browser with a new token (created or rotated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCookie {
    /// The token for the cookie.
    pub token: String,
    /// Its lifetime (the absolute limit).
    pub max_age: time::Duration,
}
