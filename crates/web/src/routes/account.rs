//! "My account": profile, addresses, sessions, the second factor, data download, deletion.

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use cohorte_app::account;
use cohorte_app::identity::{self, LinkState};
use cohorte_domain::identity::TokenPurpose;
use serde::Deserialize;
use time::OffsetDateTime;

use crate::AppState;
use crate::error::WebError;
use crate::extract::{F, Q};
use crate::routes::auth::{CodeForm, TokenForm, TokenQuery, message};
use crate::session::Visitor;
use crate::util::encode;
use crate::views::auth::{AccountPage, ConfirmPage, EmailPage, EnrolPage, ReauthPage, RecoveryCodesPage, RoleLine, SessionLine};
use crate::views::{Chrome, render, render_invalid};

fn when(c: &Chrome, t: OffsetDateTime) -> String {
    format!("{} {:02}:{:02} UTC", c.date(&t.date()), t.hour(), t.minute())
}

/// A role line from a stored assignment.
pub fn role_line(c: &Chrome, r: &cohorte_app::account_types::RoleRow) -> RoleLine {
    let mut scope = Vec::new();
    if let Some(co) = &r.cohort_code {
        scope.push(co.clone());
    }
    if let Some(ch) = &r.challenge_slug {
        scope.push(ch.clone());
    }
    if let Some(o) = &r.organisation_slug {
        scope.push(o.clone());
    }
    RoleLine {
        id: r.id.to_string(),
        label: c.t(&format!("role-{}", r.role)),
        scope: scope.join(" · "),
        source: r.source.clone(),
        revoked: r.revoked_at.is_some(),
    }
}

/// The query of `/account` after an action.
#[derive(Debug, Default, Deserialize)]
pub struct Notice {
    linked: Option<String>,
    saved: Option<String>,
    revoked: Option<String>,
    email: Option<String>,
}

/// `GET /account`.
pub async fn page(State(state): State<AppState>, c: Chrome, v: Visitor, Q(n): Q<Notice>) -> Result<Response, WebError> {
    let s = v.session().ok_or(WebError::SignIn)?;
    let a = account::overview(&state.ctx, &s).await?;
    let title = c.t("account-title");
    let c = c.page("account", title);
    let notice = if n.linked.is_some() {
        Some(c.t("account-notice-linked"))
    } else if n.saved.is_some() {
        Some(c.t("account-notice-saved"))
    } else if n.revoked.is_some() {
        Some(c.t("account-notice-revoked"))
    } else if n.email.is_some() {
        Some(c.t("account-notice-email"))
    } else {
        None
    };
    let page = AccountPage {
        csrf: s.csrf_token,
        name: a.name.clone(),
        public_slug: a.public_profile.then(|| a.slug.clone()),
        emails: a.emails.iter().map(|e| (e.email.clone(), e.verified_at.is_some(), e.is_primary)).collect(),
        oidc: a
            .oidc
            .iter()
            .map(|o| (o.issuer.clone(), o.email.clone().unwrap_or_else(|| o.subject.clone()), when(&c, o.linked_at)))
            .collect(),
        oidc_label: state.ctx.oidc.as_ref().map(|o| o.label().to_owned()),
        roles: a.roles.iter().map(|r| role_line(&c, r)).collect(),
        sessions: a
            .sessions
            .iter()
            .map(|x| SessionLine {
                id: x.id.clone(),
                current: x.current,
                method: x.method.as_deref().map(|m| c.t(&format!("method-{m}"))).unwrap_or_default(),
                created: when(&c, x.created_at),
                last_seen: when(&c, x.last_seen_at),
                user_agent: x.user_agent.clone().unwrap_or_else(|| c.t("account-unknown-browser")),
                ip: x.ip.clone().unwrap_or_default(),
            })
            .collect(),
        totp: a.totp,
        recovery_left: a.recovery_codes_left,
        deletion: a.deletion_requested_at.map(|d| c.date(&d.date())),
        needs_second_factor: a.needs_second_factor,
        staff_area: a.staff_area,
        jury_area: a.jury_area,
        method: c.t(&format!("method-{}", a.method.as_str())),
        notice,
        c,
    };
    Ok(render(&page))
}

/// The profile form.
#[derive(Debug, Deserialize)]
pub struct ProfileForm {
    name: String,
}

/// `POST /account/profile`.
pub async fn profile(State(state): State<AppState>, v: Visitor, F(f): F<ProfileForm>) -> Result<Response, WebError> {
    let s = v.required()?;
    account::rename(&state.ctx, &s, &f.name, &v.meta).await?;
    Ok(Redirect::to("/account?saved=1").into_response())
}

/// The revoke form.
#[derive(Debug, Deserialize)]
pub struct RevokeForm {
    session: String,
}

/// `POST /account/sessions/revoke`.
pub async fn revoke_session(State(state): State<AppState>, v: Visitor, F(f): F<RevokeForm>) -> Result<Response, WebError> {
    let s = v.required()?;
    identity::revoke_my_session(&state.ctx, &s, &f.session, &v.meta).await?;
    if f.session == s.hash {
        v.clear();
        return Ok(Redirect::to("/login").into_response());
    }
    Ok(Redirect::to("/account?revoked=1").into_response())
}

fn qr_src(svg: &str) -> String {
    let svg = svg.find("<svg").map(|i| &svg[i..]).unwrap_or(svg);
    format!("data:image/svg+xml;charset=utf-8,{}", encode(svg))
}

/// `GET /account/second-factor`: set up a second factor (a new secret each visit).
pub async fn second_factor(State(state): State<AppState>, c: Chrome, v: Visitor) -> Result<Response, WebError> {
    let s = v.session().ok_or(WebError::SignIn)?;
    let title = c.t("enrol-title");
    let e = match account::start_enrolment(&state.ctx, &s).await {
        Ok(e) => e,
        Err(cohorte_app::AppError::Conflict(_)) => {
            return Ok(message(c, "enrol-already-title", &["enrol-already-text"], &[("account-title", "/account")], Some("info")));
        }
        Err(e) => return Err(e.into()),
    };
    Ok(render(&EnrolPage { c: c.page("account", title), csrf: s.csrf_token, qr_src: qr_src(&e.qr_svg), secret: e.secret, failed: false }))
}

/// `POST /account/second-factor`: confirm with a code; shows the recovery codes once.
pub async fn second_factor_confirm(State(state): State<AppState>, c: Chrome, v: Visitor, F(f): F<CodeForm>) -> Result<Response, WebError> {
    let s = v.required()?;
    match account::confirm_enrolment(&state.ctx, &s, &f.code, &v.meta).await? {
        account::EnrolmentOutcome::Confirmed(cookie, codes) => {
            v.set_cookie(cookie);
            let title = c.t("recovery-title");
            Ok(render(&RecoveryCodesPage { c: c.page("account", title), codes, done: "/home" }))
        }
        account::EnrolmentOutcome::Retry(e) => {
            let title = c.t("enrol-title");
            Ok(render_invalid(&EnrolPage {
                c: c.page("account", title),
                csrf: s.csrf_token,
                qr_src: qr_src(&e.qr_svg),
                secret: e.secret,
                failed: true,
            }))
        }
        account::EnrolmentOutcome::NotStarted => Ok(Redirect::to("/account/second-factor").into_response()),
    }
}

/// `POST /account/recovery-codes`: new codes (recent sign-in needed).
pub async fn recovery_codes(State(state): State<AppState>, c: Chrome, v: Visitor) -> Result<Response, WebError> {
    let s = v.required()?;
    let codes = account::regenerate_recovery_codes(&state.ctx, &s, &v.meta).await?;
    let title = c.t("recovery-title");
    Ok(render(&RecoveryCodesPage { c: c.page("account", title), codes, done: "/account" }))
}

/// `POST /account/second-factor/remove` (recent sign-in needed).
pub async fn remove_second_factor(State(state): State<AppState>, v: Visitor) -> Result<Response, WebError> {
    let s = v.required()?;
    account::remove_second_factor(&state.ctx, &s, &v.meta).await?;
    Ok(Redirect::to("/account?saved=1").into_response())
}

/// Where to go after re-authenticating (the home when no return path applies).
#[derive(Debug, Default, Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

fn next_or_home(next: Option<&str>) -> String {
    next.and_then(crate::util::safe_next).unwrap_or_else(|| "/home".to_owned())
}

/// `GET /account/reauth?next=…`.
pub async fn reauth_page(State(state): State<AppState>, c: Chrome, v: Visitor, Q(q): Q<NextQuery>) -> Result<Response, WebError> {
    let s = v.session().ok_or(WebError::SignIn)?;
    let a = account::overview(&state.ctx, &s).await?;
    let title = c.t("reauth-title");
    let next = next_or_home(q.next.as_deref());
    Ok(render(&ReauthPage { c: c.page("account", title), csrf: s.csrf_token, totp: a.totp, failed: false, next }))
}

/// A code, and where to go next.
#[derive(Debug, Deserialize)]
pub struct ReauthForm {
    code: String,
    #[serde(default)]
    next: Option<String>,
}

/// Where to return after a re-authentication by link.
#[derive(Debug, Default, Deserialize)]
pub struct ReauthLinkForm {
    #[serde(default)]
    next: Option<String>,
}

/// `POST /account/reauth`: a fresh link to one's own address, leading back to the page.
pub async fn reauth_link(State(state): State<AppState>, c: Chrome, v: Visitor, F(f): F<ReauthLinkForm>) -> Result<Response, WebError> {
    let s = v.required()?;
    let next = f.next.as_deref().and_then(crate::util::safe_next);
    identity::request_reauthentication_to(&state.ctx, &s, &v.meta, next.as_deref()).await?;
    Ok(message(c, "login-sent-title", &["reauth-sent-text"], &[("account-title", "/account")], Some("info")))
}

/// `POST /account/reauth/code`.
pub async fn reauth_code(State(state): State<AppState>, c: Chrome, v: Visitor, F(f): F<ReauthForm>) -> Result<Response, WebError> {
    let s = v.required()?;
    let next = next_or_home(f.next.as_deref());
    if let Some(cookie) = identity::reauthenticate_with_code(&state.ctx, &s, &f.code, &v.meta).await? {
        v.set_cookie(cookie);
        return Ok(Redirect::to(&next).into_response());
    }
    let title = c.t("reauth-title");
    Ok(render_invalid(&ReauthPage { c: c.page("account", title), csrf: s.csrf_token, totp: true, failed: true, next }))
}

/// `GET /account/email`: needs a sign-in less than 5 minutes old.
pub async fn email_page(State(state): State<AppState>, c: Chrome, v: Visitor) -> Result<Response, WebError> {
    let s = v.session().ok_or(WebError::SignIn)?;
    let current = account::email_change(&state.ctx, &s).await?;
    let title = c.t("email-title");
    Ok(render(&EmailPage { c: c.page("account", title), csrf: s.csrf_token, current }))
}

/// The new address.
#[derive(Debug, Deserialize)]
pub struct EmailForm {
    email: String,
}

/// `POST /account/email`.
pub async fn email_submit(State(state): State<AppState>, c: Chrome, v: Visitor, F(f): F<EmailForm>) -> Result<Response, WebError> {
    let s = v.required()?;
    identity::request_email_change(&state.ctx, &s, &f.email, &v.meta).await?;
    Ok(message(c, "email-sent-title", &["email-sent-text"], &[("account-title", "/account")], Some("info")))
}

/// `GET /account/email/confirm?token=…`.
pub async fn email_confirm_page(State(state): State<AppState>, c: Chrome, v: Visitor, Q(q): Q<TokenQuery>) -> Result<Response, WebError> {
    let Some(s) = v.session().filter(|s| s.actor.person().is_some()) else { return Err(WebError::SignIn) };
    let token = q.token.as_deref().unwrap_or("");
    let r = match identity::peek_link(&state.ctx, Some(&s), TokenPurpose::EmailChange, token).await? {
        LinkState::Valid => {
            let title = c.t("email-confirm-title");
            let text = c.t("email-confirm-text");
            let button = c.t("email-confirm-button");
            render(&ConfirmPage {
                c: c.page("account", title),
                csrf: s.csrf_token,
                action: "/account/email/confirm".into(),
                token: token.to_owned(),
                text,
                button,
            })
        }
        _ => message(c, "link-invalid-title", &["link-invalid-text"], &[("account-title", "/account")], Some("error")),
    };
    let mut r = r;
    r.headers_mut().insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    Ok(r)
}

/// `POST /account/email/confirm`.
pub async fn email_confirm(State(state): State<AppState>, c: Chrome, v: Visitor, F(f): F<TokenForm>) -> Result<Response, WebError> {
    let s = v.required()?;
    if identity::confirm_email_change(&state.ctx, &s, &f.token, &v.meta).await? {
        return Ok(Redirect::to("/account?email=1").into_response());
    }
    Ok(message(c, "link-invalid-title", &["link-invalid-text"], &[("account-title", "/account")], Some("error")))
}

/// `GET /account/export.json`: everything stored about oneself.
pub async fn export(State(state): State<AppState>, v: Visitor) -> Result<Response, WebError> {
    let s = v.session().ok_or(WebError::SignIn)?;
    let data = account::export(&state.ctx, &s, &v.meta).await?;
    let body = serde_json::to_vec_pretty(&data).map_err(|e| WebError::Internal(e.to_string()))?;
    let mut r = ([(header::CONTENT_TYPE, "application/json")], body).into_response();
    r.headers_mut().insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"my-data.json\""));
    Ok(r)
}

/// The deletion form.
#[derive(Debug, Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    reason: String,
}

/// `POST /account/delete`.
pub async fn delete(State(state): State<AppState>, c: Chrome, v: Visitor, F(f): F<DeleteForm>) -> Result<Response, WebError> {
    let s = v.required()?;
    account::request_deletion(&state.ctx, &s, &f.reason, &v.meta).await?;
    Ok(message(c, "deletion-title", &["deletion-text"], &[("account-title", "/account")], Some("success")))
}
