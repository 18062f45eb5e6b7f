//! Sign-in: emailed links (confirmed by POST), the second factor, OpenID Connect, invitations,
//! sign-out.

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use cohorte_app::identity::{self, LinkState, SignInOutcome};
use cohorte_app::oidc::{self, Callback, Finished};
use cohorte_domain::identity::TokenPurpose;
use serde::Deserialize;

use crate::AppState;
use crate::error::WebError;
use crate::extract::{F, Q};
use crate::session::Visitor;
use crate::views::auth::{ConfirmPage, LoginPage, MessagePage, SecondFactorPage};
use crate::views::{Chrome, render, render_invalid};

/// A page that must not leak its address (it may carry a token) to other sites.
fn no_referrer(mut r: Response) -> Response {
    r.headers_mut().insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    r
}

/// A message page.
pub fn message(c: Chrome, title_key: &str, paragraphs: &[&str], links: &[(&str, &str)], alert: Option<&'static str>) -> Response {
    let title = c.t(title_key);
    let paragraphs = paragraphs.iter().map(|k| c.t(k)).collect();
    let links = links.iter().map(|(k, h)| (c.t(k), (*h).to_owned())).collect();
    render(&MessagePage { c: c.page("", title), paragraphs, links, alert })
}

/// Where a signed-in person lands: their home, which shows what waits for each of their roles
/// (or asks for the second factor those roles need).
const HOME: &str = "/home";

/// `GET /login`.
pub async fn login_form(State(state): State<AppState>, c: Chrome, v: Visitor) -> Result<Response, WebError> {
    if v.actor().person().is_some() {
        return Ok(Redirect::to(HOME).into_response());
    }
    let s = v.ensure(&state).await?;
    let title = c.t("login-title");
    Ok(render(&LoginPage {
        c: c.page("login", title),
        csrf: s.csrf_token,
        oidc: state.ctx.oidc.as_ref().map(|o| o.label().to_owned()),
        signup: false,
    }))
}

/// `GET /signup`: the address to make an account with (candidates), or to sign in with.
pub async fn signup_form(State(state): State<AppState>, c: Chrome, v: Visitor) -> Result<Response, WebError> {
    if v.actor().person().is_some() {
        return Ok(Redirect::to("/applications").into_response());
    }
    let s = v.ensure(&state).await?;
    let title = c.t("signup-title");
    Ok(render(&LoginPage { c: c.page("applications", title), csrf: s.csrf_token, oidc: None, signup: true }))
}

/// `POST /signup`: the same answer whether the address is known or not.
pub async fn signup_submit(State(state): State<AppState>, c: Chrome, v: Visitor, F(form): F<LoginForm>) -> Result<Response, WebError> {
    let s = v.required()?;
    identity::request_signup_link(&state.ctx, &s, &form.email, &v.meta).await?;
    Ok(message(c, "login-sent-title", &["signup-sent-text", "login-sent-spam"], &[("login-back", "/signup")], Some("info")))
}

/// The login form.
#[derive(Debug, Deserialize)]
pub struct LoginForm {
    email: String,
}

/// `POST /login`: the same answer whether the address is known or not.
pub async fn login_submit(State(state): State<AppState>, c: Chrome, v: Visitor, F(form): F<LoginForm>) -> Result<Response, WebError> {
    let s = v.required()?;
    identity::request_login_link(&state.ctx, &s, &form.email, &v.meta).await?;
    Ok(message(c, "login-sent-title", &["login-sent-text", "login-sent-spam"], &[("login-back", "/login")], Some("info")))
}

/// The token in the query string of an emailed link.
#[derive(Debug, Deserialize)]
pub struct TokenQuery {
    /// The token.
    pub token: Option<String>,
}

fn token_ok(t: &Option<String>) -> Option<&str> {
    t.as_deref().filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// `GET /login/confirm?token=…`: shows a confirmation form; consumes nothing (mail scanners
/// that open links change nothing).
pub async fn login_confirm_page(State(state): State<AppState>, c: Chrome, v: Visitor, Q(q): Q<TokenQuery>) -> Result<Response, WebError> {
    let session = v.session();
    let Some(token) = token_ok(&q.token) else {
        return Ok(no_referrer(message(c, "link-invalid-title", &["link-invalid-text"], &[("login-again", "/login")], Some("error"))));
    };
    let r = match identity::peek_link(&state.ctx, session.as_ref(), TokenPurpose::Login, token).await? {
        LinkState::Valid => {
            let s = v.ensure(&state).await?;
            let title = c.t("confirm-login-title");
            let text = c.t("confirm-login-text");
            let button = c.t("confirm-login-button");
            render(&ConfirmPage {
                c: c.page("login", title),
                csrf: s.csrf_token,
                action: "/login/confirm".into(),
                token: token.to_owned(),
                text,
                button,
            })
        }
        LinkState::OtherBrowser => {
            message(c, "link-other-browser-title", &["link-other-browser-text"], &[("login-again", "/login")], Some("warning"))
        }
        LinkState::Invalid => message(c, "link-invalid-title", &["link-invalid-text"], &[("login-again", "/login")], Some("error")),
    };
    Ok(no_referrer(r))
}

/// A form carrying an emailed token.
#[derive(Debug, Deserialize)]
pub struct TokenForm {
    /// The token.
    pub token: String,
}

fn after_sign_in(v: &Visitor, out: SignInOutcome, c: Chrome) -> Response {
    match out {
        SignInOutcome::SignedIn(cookie, _) => {
            v.set_cookie(cookie);
            Redirect::to(HOME).into_response()
        }
        SignInOutcome::SecondFactor(cookie) => {
            v.set_cookie(cookie);
            Redirect::to("/login/second-factor").into_response()
        }
        SignInOutcome::Invalid => message(c, "link-invalid-title", &["link-invalid-text"], &[("login-again", "/login")], Some("error")),
    }
}

/// `POST /login/confirm`: signs in (single use, same browser).
pub async fn login_confirm(State(state): State<AppState>, c: Chrome, v: Visitor, F(form): F<TokenForm>) -> Result<Response, WebError> {
    let s = v.required()?;
    let (out, next) = identity::confirm_link(&state.ctx, &s, &form.token, &v.meta).await?;
    let next = next.and_then(|n| crate::util::safe_next(&n));
    let r = match (out, next) {
        // A re-authentication link leads back to the page that asked for it.
        (SignInOutcome::SignedIn(cookie, _), Some(next)) => {
            v.set_cookie(cookie);
            Redirect::to(&next).into_response()
        }
        (out, _) => after_sign_in(&v, out, c),
    };
    Ok(no_referrer(r))
}

/// `GET /login/second-factor`.
pub async fn second_factor_page(c: Chrome, v: Visitor) -> Result<Response, WebError> {
    let Some(s) = v.session().filter(|s| s.pending.is_some()) else { return Ok(Redirect::to("/login").into_response()) };
    let title = c.t("second-factor-title");
    Ok(render(&SecondFactorPage {
        c: c.page("login", title),
        csrf: s.csrf_token,
        action: "/login/second-factor".into(),
        failed: false,
        recovery: true,
    }))
}

/// A code.
#[derive(Debug, Deserialize)]
pub struct CodeForm {
    /// The code.
    pub code: String,
}

/// `POST /login/second-factor`.
pub async fn second_factor_submit(
    State(state): State<AppState>,
    c: Chrome,
    v: Visitor,
    F(form): F<CodeForm>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    if s.pending.is_none() {
        return Ok(Redirect::to("/login").into_response());
    }
    match identity::verify_second_factor(&state.ctx, &s, &form.code, &v.meta).await? {
        SignInOutcome::SignedIn(cookie, _) => {
            v.set_cookie(cookie);
            Ok(Redirect::to(HOME).into_response())
        }
        _ => {
            let title = c.t("second-factor-title");
            Ok(render_invalid(&SecondFactorPage {
                c: c.page("login", title),
                csrf: s.csrf_token,
                action: "/login/second-factor".into(),
                failed: true,
                recovery: true,
            }))
        }
    }
}

/// `POST /logout`: the server session is revoked.
pub async fn logout(State(state): State<AppState>, c: Chrome, v: Visitor) -> Result<Response, WebError> {
    if let Some(s) = v.session() {
        identity::sign_out(&state.ctx, &s, &v.meta).await?;
    }
    v.clear();
    Ok(message(c, "logout-title", &["logout-text"], &[("nav-home", "/"), ("login-again", "/login")], Some("success")))
}

async fn oidc_start(state: &AppState, v: &Visitor, link: bool) -> Result<Response, WebError> {
    if state.ctx.oidc.is_none() {
        return Err(WebError::NotFound);
    }
    let s = v.required()?;
    let url = oidc::start(&state.ctx, &s, link).await?;
    Ok(Redirect::to(&url).into_response())
}

/// `POST /auth/oidc/login`.
pub async fn oidc_login(State(state): State<AppState>, v: Visitor) -> Result<Response, WebError> {
    oidc_start(&state, &v, false).await
}

/// `POST /auth/oidc/link` (from the account page).
pub async fn oidc_link(State(state): State<AppState>, v: Visitor) -> Result<Response, WebError> {
    if v.actor().person().is_none() {
        return Err(WebError::SignIn);
    }
    oidc_start(&state, &v, true).await
}

/// `GET /auth/oidc/callback`.
pub async fn oidc_callback(State(state): State<AppState>, c: Chrome, v: Visitor, Q(cb): Q<Callback>) -> Result<Response, WebError> {
    if state.ctx.oidc.is_none() {
        return Err(WebError::NotFound);
    }
    let Some(s) = v.session() else {
        return Ok(no_referrer(message(c, "oidc-refused-title", &["oidc-refused-text"], &[("login-again", "/login")], Some("error"))));
    };
    let r = match oidc::finish(&state.ctx, &s, &cb, &v.meta).await? {
        Finished::SignedIn(cookie) => {
            v.set_cookie(cookie);
            Redirect::to(HOME).into_response()
        }
        Finished::Linked(cookie) => {
            v.set_cookie(cookie);
            Redirect::to("/account?linked=oidc").into_response()
        }
        Finished::Unlinked => {
            message(c, "oidc-unlinked-title", &["oidc-unlinked-text"], &[("login-with-email", "/login")], Some("warning"))
        }
        Finished::Refused => message(c, "oidc-refused-title", &["oidc-refused-text"], &[("login-again", "/login")], Some("error")),
    };
    Ok(no_referrer(r))
}

/// `GET /invitations/accept?token=…`: a confirmation form.
pub async fn invitation_page(State(state): State<AppState>, c: Chrome, v: Visitor, Q(q): Q<TokenQuery>) -> Result<Response, WebError> {
    let Some(token) = token_ok(&q.token) else {
        return Ok(no_referrer(message(c, "invite-invalid-title", &["invite-invalid-text"], &[("nav-home", "/")], Some("error"))));
    };
    let r = match identity::peek_link(&state.ctx, v.session().as_ref(), TokenPurpose::Invite, token).await? {
        LinkState::Invalid => message(c, "invite-invalid-title", &["invite-invalid-text"], &[("nav-home", "/")], Some("error")),
        _ => {
            let s = v.ensure(&state).await?;
            let title = c.t("invite-title");
            let text = c.t("invite-text");
            let button = c.t("invite-button");
            render(&ConfirmPage {
                c: c.page("", title),
                csrf: s.csrf_token,
                action: "/invitations/accept".into(),
                token: token.to_owned(),
                text,
                button,
            })
        }
    };
    Ok(no_referrer(r))
}

/// `POST /invitations/accept`.
pub async fn invitation_accept(State(state): State<AppState>, c: Chrome, v: Visitor, F(form): F<TokenForm>) -> Result<Response, WebError> {
    let s = v.required()?;
    let out = identity::accept_invitation(&state.ctx, &s, &form.token, &v.meta).await?;
    Ok(no_referrer(match out {
        SignInOutcome::Invalid => message(c, "invite-invalid-title", &["invite-invalid-text"], &[("nav-home", "/")], Some("error")),
        other => after_sign_in(&v, other, c),
    }))
}
