//! Sign-in and sessions: emailed sign-in links, the second factor, sign-out, session lists,
//! re-authentication, email changes and invitations. OpenID Connect is in [`crate::oidc`].
//!
//! Every secret (session token, link token, recovery code) is random, 256 bits or more, shown
//! once, and stored only as its SHA-256. Every step is recorded in the audit log.

use cohorte_domain::content::RoleKind;
use cohorte_domain::identity::{
    Actor, AuditAction, AuthMethod, Email, Grant, MailCapScope, RateLimit, SIGN_IN_MAIL_CAPS, SessionLimits, SessionState, SignedIn,
    TokenPurpose, secret_hash,
};
use cohorte_domain::ids::PersonId;
use cohorte_domain::policy::{self, Denied};
use cohorte_domain::query::{FieldError, FieldErrors};
use cohorte_store::Conn;
use cohorte_store::identity::{self as store, SessionRow};
use time::OffsetDateTime;

use crate::jobs::{Job, enqueue};
pub use crate::session::{NewCookie, RequestMeta, Session};
use crate::uow::Uow;
pub use crate::uow::record;
use crate::{AppError, Ctx, mail};

/// A new random secret: 256 bits, hex.
pub fn random_token() -> String {
    let mut b = [0u8; 32];
    rand::fill(&mut b);
    hex::encode(b)
}

/// The actor of a session row whose person was read with it (see `session_in_use`).
fn signed_in(row: &SessionRow, person: Option<(String, Vec<cohorte_domain::identity::Grant>)>) -> Actor {
    match (row.person_id, row.auth_method.as_deref().and_then(AuthMethod::parse), row.authenticated_at, person) {
        (Some(pid), Some(method), Some(at), Some((name, grants))) => {
            Actor::Person(SignedIn { id: PersonId::from_uuid(pid), name, grants, method, authenticated_at: at })
        }
        _ => Actor::Anonymous,
    }
}

async fn actor_for(conn: &mut Conn<'_>, row: &SessionRow) -> Result<Actor, AppError> {
    let (Some(pid), Some(method), Some(at)) = (row.person_id, row.auth_method.as_deref().and_then(AuthMethod::parse), row.authenticated_at)
    else {
        return Ok(Actor::Anonymous);
    };
    let id = PersonId::from_uuid(pid);
    let Some((name, grants)) = store::name_and_grants(conn, id).await? else { return Ok(Actor::Anonymous) };
    Ok(Actor::Person(SignedIn { id, name, grants, method, authenticated_at: at }))
}

fn to_session(row: &SessionRow, actor: Actor) -> Session {
    Session {
        hash: row.id_hash.clone(),
        csrf_token: row.csrf_token.clone(),
        actor,
        pending: row.pending_person_id.map(PersonId::from_uuid),
        oidc_state: row.oidc_state.clone(),
    }
}

/// The session of a cookie token, when it is alive. A session whose person's roles changed gets a
/// new token (returned) before it is used again.
pub async fn load_session(ctx: &Ctx, token: &str) -> Result<Option<(Session, Option<NewCookie>)>, AppError> {
    let now = ctx.clock.now();
    let hash = secret_hash(token);
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let Some(store::SessionInUse { row, must_rotate, person }) = store::session_in_use(&mut conn, &hash).await? else { return Ok(None) };
    let state = SessionState {
        last_seen_at: row.last_seen_at,
        idle_timeout: time::Duration::seconds(row.idle_timeout_secs),
        absolute_expires_at: row.absolute_expires_at,
        revoked: row.revoked_at.is_some(),
    };
    if !state.is_alive(now) {
        return Ok(None);
    }
    if row.person_id.is_some() && must_rotate {
        drop(c);
        {
            let mut tx = ctx.db.begin().await?;
            let mut conn = tx.conn();
            let actor = actor_for(&mut conn, &row).await?;
            let grants = actor.person().map(|p| p.grants.clone()).unwrap_or_default();
            let limits = SessionLimits::for_roles(&grants);
            let token = random_token();
            let new = SessionRow {
                id_hash: secret_hash(&token),
                csrf_token: random_token(),
                last_seen_at: now,
                idle_timeout_secs: limits.idle.whole_seconds(),
                absolute_expires_at: row.absolute_expires_at.min(row.authenticated_at.unwrap_or(now) + limits.absolute),
                ..row.clone()
            };
            store::rotate_session(&mut conn, &hash, &new).await?;
            tx.commit().await?;
            let max_age = new.absolute_expires_at - now;
            return Ok(Some((to_session(&new, actor), Some(NewCookie { token, max_age }))));
        }
    }
    let actor = signed_in(&row, person);
    // The idle clock is kept to the minute: a write per minute of activity, not per request.
    if now - row.last_seen_at >= SESSION_TOUCH_EVERY {
        store::touch_session(&mut conn, &hash, now).await?;
    }
    Ok(Some((to_session(&row, actor), None)))
}

/// How stale a session's last-seen time may get before a request records it again: an idle
/// session expires at most this much before its idle limit, and a busy one costs one write a
/// minute instead of one per request.
pub const SESSION_TOUCH_EVERY: time::Duration = time::Duration::seconds(60);

/// A new session row for a cookie token: anonymous, or signed in by a person with a method.
fn new_session_row(
    token: &str,
    who: Option<(PersonId, AuthMethod)>,
    limits: SessionLimits,
    now: OffsetDateTime,
    meta: &RequestMeta,
) -> SessionRow {
    SessionRow {
        id_hash: secret_hash(token),
        person_id: who.map(|(p, _)| p.as_uuid()),
        csrf_token: random_token(),
        auth_method: who.map(|(_, m)| m.as_str().to_owned()),
        authenticated_at: who.map(|_| now),
        created_at: now,
        last_seen_at: now,
        idle_timeout_secs: limits.idle.whole_seconds(),
        absolute_expires_at: now + limits.absolute,
        user_agent: meta.user_agent.clone().map(|u| u.chars().take(300).collect()),
        ip: meta.ip.clone(),
        pending_person_id: None,
        oidc_state: None,
        revoked_at: None,
    }
}

/// A new session for a visitor who is not signed in (it carries the form token and binds sign-in
/// links to this browser).
pub async fn start_session(ctx: &Ctx, meta: &RequestMeta) -> Result<(Session, NewCookie), AppError> {
    let now = ctx.clock.now();
    let limits = SessionLimits::anonymous();
    let token = random_token();
    let row = new_session_row(&token, None, limits, now, meta);
    let mut c = ctx.db.acquire().await?;
    store::insert_session(&mut c.conn(), &row).await?;
    Ok((to_session(&row, Actor::Anonymous), NewCookie { token, max_age: limits.absolute }))
}

/// A request refused by a rate limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Limited;

async fn check_limit(conn: &mut Conn<'_>, bucket: String, limit: RateLimit, now: OffsetDateTime) -> Result<Result<(), Limited>, AppError> {
    let hits = store::hit(conn, &bucket, limit.window_start(now)).await?;
    Ok(if hits > limit.max { Err(Limited) } else { Ok(()) })
}

/// Whether a person's second-factor attempts are over the limit (never for the demo accounts in
/// demo mode, whose secret is published).
async fn second_factor_limited(ctx: &Ctx, conn: &mut Conn<'_>, person: PersonId, now: OffsetDateTime) -> Result<bool, AppError> {
    if check_limit(conn, format!("totp:{person}"), RateLimit::TOTP_PER_PERSON, now).await?.is_ok() {
        return Ok(false);
    }
    let emails = store::emails_of(conn, person).await?;
    Ok(!emails.iter().any(|e| crate::demo::exempt_from_sign_in_limits(ctx.settings.mode, &e.email)))
}

/// Sends a sign-in link to the address, when it belongs to someone, bound to this browser's
/// session. The answer is the same whatever happens: known or unknown address, mail sent or
/// withheld by a cap (no enumeration, no lockout); see [`SIGN_IN_MAIL_CAPS`].
pub async fn request_login_link(ctx: &Ctx, session: &Session, email_raw: &str, meta: &RequestMeta) -> Result<(), AppError> {
    request_link(ctx, session, email_raw, meta, None, false).await
}

/// Sends a link that signs in, or, for an address nobody holds yet, creates the account once it
/// is used (in this browser) — how candidates make their account. The answer is the same whatever
/// happens, and the mail caps of [`SIGN_IN_MAIL_CAPS`] hold for unknown addresses too.
pub async fn request_signup_link(ctx: &Ctx, session: &Session, email_raw: &str, meta: &RequestMeta) -> Result<(), AppError> {
    request_link(ctx, session, email_raw, meta, Some("/applications"), true).await
}

/// Where the sign-in mail of one cap's scope is counted (`to` is the address's hash).
fn mail_bucket(scope: MailCapScope, to: &str, ip: Option<&str>) -> Option<String> {
    match (scope, ip) {
        (MailCapScope::Address, _) => Some(format!("mail:to:{to}")),
        (MailCapScope::AddressFromClient, Some(ip)) => Some(format!("mail:to:{to}:from:{ip}")),
        (MailCapScope::Client, Some(ip)) => Some(format!("mail:from:{ip}")),
        (_, None) => None,
    }
}

/// A link used: the mail to the address was wanted. Its count, and the count of the client that
/// used it, start again, so that the caps only ever hold back links nobody uses; a stranger's own
/// share (another client) is not reset.
async fn mail_was_wanted(conn: &mut Conn<'_>, email: &Email, meta: &RequestMeta) -> Result<(), AppError> {
    let to = secret_hash(email.as_str());
    for scope in [MailCapScope::Address, MailCapScope::AddressFromClient] {
        if let Some(b) = mail_bucket(scope, &to, meta.ip.as_deref()) {
            store::clear_bucket(conn, &b).await?;
        }
    }
    Ok(())
}

/// The first cap that withholds one more sign-in mail to this address from this client, or
/// `None` after counting the mail (counts are shared by every instance, in the database).
async fn mail_cap_reached(
    ctx: &Ctx,
    conn: &mut Conn<'_>,
    email: &Email,
    meta: &RequestMeta,
    now: OffsetDateTime,
) -> Result<Option<MailCapScope>, AppError> {
    let to = secret_hash(email.as_str());
    // One address's mail is decided by one transaction at a time.
    store::lock_bucket(conn, &format!("mail:lock:{to}")).await?;
    let exempt = crate::demo::exempt_from_sign_in_limits(ctx.settings.mode, email.as_str());
    let mut counted: Vec<String> = Vec::new();
    for (scope, cap) in SIGN_IN_MAIL_CAPS {
        if exempt && scope != MailCapScope::Client {
            continue;
        }
        let Some(b) = mail_bucket(scope, &to, meta.ip.as_deref()) else { continue };
        if !cap.allows(store::hits_since(conn, &b, cap.since(now)).await?) {
            return Ok(Some(scope));
        }
        if !counted.contains(&b) {
            counted.push(b);
        }
    }
    for b in &counted {
        store::hit(conn, b, now.unix_timestamp()).await?;
    }
    Ok(None)
}

/// A sign-in link that, once used, leads back to `next` (a path of this site, checked again
/// when read).
async fn request_link(
    ctx: &Ctx,
    session: &Session,
    email_raw: &str,
    meta: &RequestMeta,
    next: Option<&str>,
    signup: bool,
) -> Result<(), AppError> {
    let payload = match (next, signup) {
        (Some(n), true) => serde_json::json!({"next": n, "signup": true}).to_string(),
        (Some(n), false) => serde_json::json!({"next": n}).to_string(),
        (None, true) => serde_json::json!({"signup": true}).to_string(),
        (None, false) => "{}".to_owned(),
    };
    let email = Email::parse(email_raw).map_err(|_| FieldErrors(vec![FieldError { field: "email", code: "invalid-email" }]))?;
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let email_hash = secret_hash(email.as_str());
    let holder = store::person_by_email(&mut w.conn(), &email).await?;
    let known = holder.filter(|(_, verified)| *verified);
    // A new account only for an address nobody holds (not even unverified).
    let new_account = signup && holder.is_none();
    if known.is_some() || new_account {
        let person = known.map(|(p, _)| p);
        if let Some(scope) = mail_cap_reached(ctx, &mut w.conn(), &email, meta, now).await? {
            // Nothing is sent; the page says the same. A security event all the same.
            tracing::warn!(target: "cohorte::security", event = "rate_limited", cap = scope.as_str(), "sign-in mail withheld");
            w.audit_as(
                None,
                "anonymous",
                AuditAction::RateLimited,
                ("login", "link"),
                serde_json::json!({"email_hash": email_hash, "cap": scope.as_str()}),
            )
            .await?;
            w.commit().await?;
            return Ok(());
        }
        let token = random_token();
        store::insert_token(
            &mut w.conn(),
            &secret_hash(&token),
            TokenPurpose::Login.as_str(),
            &email,
            person,
            Some(&session.hash),
            &payload,
            now,
            now + TokenPurpose::Login.ttl(),
        )
        .await?;
        let url = format!("{}/login/confirm?token={token}", ctx.settings.base_url);
        let m = mail::login_link(meta.lang, email.as_str(), &url).map_err(|e| AppError::Internal(e.to_string()))?;
        enqueue(&mut w.conn(), &Job::SendMail { mail: m }, None, now).await?;
    }
    w.audit_as(
        known.map(|(p, _)| p),
        "anonymous",
        AuditAction::LoginLinkRequested,
        ("person", &known.map(|(p, _)| p.to_string()).unwrap_or_else(|| "unknown".into())),
        serde_json::json!({"email_hash": email_hash}),
    )
    .await?;
    w.commit().await?;
    Ok(())
}

/// What a sign-in link is, before it is used (the confirmation page shows it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkState {
    /// Valid, for this browser.
    Valid,
    /// Valid, but asked for in another browser.
    OtherBrowser,
    /// Unknown, used or expired.
    Invalid,
}

/// Looks at a link without using it: link scanners that open it change nothing.
pub async fn peek_link(ctx: &Ctx, session: Option<&Session>, purpose: TokenPurpose, token: &str) -> Result<LinkState, AppError> {
    let now = ctx.clock.now();
    let mut c = ctx.db.acquire().await?;
    let row = store::peek_token(&mut c.conn(), &secret_hash(token), purpose.as_str(), now).await?;
    Ok(match row {
        None => LinkState::Invalid,
        Some(r) => match (&r.session_hash, session) {
            (Some(bound), Some(s)) if *bound == s.hash => LinkState::Valid,
            (None, _) => LinkState::Valid,
            _ => LinkState::OtherBrowser,
        },
    })
}

/// Where a sign-in step leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInOutcome {
    /// Signed in: a new session token.
    SignedIn(NewCookie, Vec<Grant>),
    /// The person must give their second factor next (the half-signed-in session has a new token).
    SecondFactor(NewCookie),
    /// The link is unknown, used, expired or from another browser.
    Invalid,
}

/// Replaces the session by a signed-in one (new token: the old one stops working).
#[expect(clippy::too_many_arguments, reason = "the facts of a sign-in")]
pub(crate) async fn sign_in_with(
    conn: &mut Conn<'_>,
    session: &Session,
    person: PersonId,
    method: AuthMethod,
    now: OffsetDateTime,
    meta: &RequestMeta,
    details: serde_json::Value,
    label: &str,
) -> Result<SignInOutcome, AppError> {
    let grants = store::active_grants(conn, person).await?;
    let limits = SessionLimits::for_roles(&grants);
    let token = random_token();
    let row = new_session_row(&token, Some((person, method)), limits, now, meta);
    store::rotate_session(conn, &session.hash, &row).await?;
    let mut d = details;
    d["method"] = serde_json::Value::from(method.as_str());
    record(conn, now, Some(person), label, AuditAction::SignIn, ("person", &person.to_string()), d, meta).await?;
    Ok(SignInOutcome::SignedIn(NewCookie { token, max_age: limits.absolute }, grants))
}

/// Gives the session a new token and a new form token, the rest changed by `change` (a step of
/// the sign-in, a re-authentication): the old token stops working at once.
async fn rotate(
    conn: &mut Conn<'_>,
    session: &Session,
    now: OffsetDateTime,
    change: impl FnOnce(&mut SessionRow),
) -> Result<NewCookie, AppError> {
    let row = store::session(conn, &session.hash).await?.ok_or(AppError::NotFound)?;
    let token = random_token();
    let mut new = SessionRow { id_hash: secret_hash(&token), csrf_token: random_token(), last_seen_at: now, ..row };
    change(&mut new);
    store::rotate_session(conn, &session.hash, &new).await?;
    Ok(NewCookie { token, max_age: new.absolute_expires_at - now })
}

/// Uses a sign-in link (POST only): single use, same browser, with the return path it carries. A person with a second factor
/// must give it next; a person already signed in as the same person is re-authenticated.
pub async fn confirm_link(
    ctx: &Ctx,
    session: &Session,
    token: &str,
    meta: &RequestMeta,
) -> Result<(SignInOutcome, Option<String>), AppError> {
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    // No limit stands between a person and a valid link (256 random bits cannot be guessed);
    // every failure is in the audit log.
    let hash = secret_hash(token);
    let row = match store::peek_token(&mut w.conn(), &hash, TokenPurpose::Login.as_str(), now).await? {
        Some(r) if r.session_hash.as_deref() == Some(session.hash.as_str()) => {
            store::take_token(&mut w.conn(), &hash, TokenPurpose::Login.as_str(), now).await?
        }
        _ => None,
    };
    let Some(row) = row else {
        w.audit_as(None, "anonymous", AuditAction::SignInFailed, ("login", "link"), serde_json::json!({"reason": "invalid_link"})).await?;
        w.commit().await?;
        return Ok((SignInOutcome::Invalid, None));
    };
    let next = serde_json::from_str::<serde_json::Value>(&row.payload)
        .ok()
        .and_then(|v| v.get("next").and_then(|n| n.as_str()).map(str::to_owned));
    let email = Email::parse(&row.email).map_err(|_| AppError::Internal("stored email".into()))?;
    let signup =
        serde_json::from_str::<serde_json::Value>(&row.payload).ok().and_then(|v| v.get("signup").and_then(serde_json::Value::as_bool))
            == Some(true);
    let person = match (row.person_id.map(PersonId::from_uuid), signup) {
        (Some(p), _) => p,
        // A sign-up link: the account is made now, named by its address until its holder names it.
        (None, true) => match store::person_by_email(&mut w.conn(), &email).await? {
            Some((p, _)) => p,
            None => {
                let slug = format!("compte-{}", &random_token()[..12]);
                let p = store::create_person(&mut w.conn(), &slug, email.as_str()).await?;
                store::add_email(&mut w.conn(), p, &email, Some(now), now).await?;
                w.audit_as(
                    Some(p),
                    email.as_str(),
                    AuditAction::AccountCreated,
                    ("person", &p.to_string()),
                    serde_json::json!({"by": "sign_up_link"}),
                )
                .await?;
                p
            }
        },
        (None, false) => {
            w.commit().await?;
            return Ok((SignInOutcome::Invalid, None));
        }
    };
    store::verify_email(&mut w.conn(), person, &email, now).await?;
    // A successful sign-in voids every other outstanding link of the address.
    store::void_tokens(&mut w.conn(), &email, TokenPurpose::Login.as_str(), now).await?;
    mail_was_wanted(&mut w.conn(), &email, meta).await?;
    let name = store::person(&mut w.conn(), person).await?.map(|p| p.display_name).unwrap_or_default();
    // Re-authentication of the person already signed in here.
    if let Some(p) = session.actor.person()
        && p.id == person
    {
        let cookie = rotate(&mut w.conn(), session, now, |r| r.authenticated_at = Some(now)).await?;
        w.audit_as(
            Some(person),
            &name,
            AuditAction::SignIn,
            ("person", &person.to_string()),
            serde_json::json!({"method": "magic_link", "reauthentication": true}),
        )
        .await?;
        w.commit().await?;
        return Ok((SignInOutcome::SignedIn(cookie, p.grants.clone()), next));
    }
    let second_factor = store::totp_of(&mut w.conn(), person).await?.is_some_and(|t| t.confirmed_at.is_some());
    if second_factor {
        let cookie = rotate(&mut w.conn(), session, now, |r| r.pending_person_id = Some(person.as_uuid())).await?;
        w.commit().await?;
        return Ok((SignInOutcome::SecondFactor(cookie), None));
    }
    let out = sign_in_with(&mut w.conn(), session, person, AuthMethod::MagicLink, now, meta, serde_json::json!({}), &name).await?;
    w.commit().await?;
    Ok((out, next))
}

/// [`confirm_link`] without the return path.
pub async fn confirm_login(ctx: &Ctx, session: &Session, token: &str, meta: &RequestMeta) -> Result<SignInOutcome, AppError> {
    Ok(confirm_link(ctx, session, token, meta).await?.0)
}

/// Checks a time-based code against a secret at `now`; returns the matched step.
pub fn check_totp(secret_b32: &str, code: &str, now: OffsetDateTime) -> Option<i64> {
    let code = code.trim().replace(' ', "");
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let secret = totp_rs::Secret::try_from_base32(secret_b32).ok()?;
    let totp = totp_rs::Builder::new().with_secret(secret).build().ok()?;
    let t = u64::try_from(now.unix_timestamp()).ok()?;
    totp.check(&code, t).map(|step| step as i64)
}

/// The second sign-in step: a time-based code, or a recovery code.
pub async fn verify_second_factor(ctx: &Ctx, session: &Session, code: &str, meta: &RequestMeta) -> Result<SignInOutcome, AppError> {
    let now = ctx.clock.now();
    let Some(person) = session.pending else { return Ok(SignInOutcome::Invalid) };
    let mut w = Uow::begin(ctx, meta).await?;
    if second_factor_limited(ctx, &mut w.conn(), person, now).await? {
        w.audit_as(
            Some(person),
            "anonymous",
            AuditAction::RateLimited,
            ("person", &person.to_string()),
            serde_json::json!({"step": "second_factor"}),
        )
        .await?;
        w.commit().await?;
        return Ok(SignInOutcome::Invalid);
    }
    let name = store::person(&mut w.conn(), person).await?.map(|p| p.display_name).unwrap_or_default();
    let method = match store::totp_of(&mut w.conn(), person).await? {
        Some(t) if t.confirmed_at.is_some() => match check_totp(&t.secret, code, now) {
            Some(step) if store::use_totp_step(&mut w.conn(), person, step, None).await? => Some(AuthMethod::Totp),
            _ => {
                let normalized: String = code.trim().to_ascii_lowercase().chars().filter(|c| c.is_ascii_alphanumeric()).collect();
                (normalized.len() >= 10 && store::use_recovery_code(&mut w.conn(), person, &secret_hash(&normalized), now).await?)
                    .then_some(AuthMethod::RecoveryCode)
            }
        },
        _ => None,
    };
    let Some(method) = method else {
        w.audit_as(
            Some(person),
            &name,
            AuditAction::SignInFailed,
            ("person", &person.to_string()),
            serde_json::json!({"reason": "bad_second_factor"}),
        )
        .await?;
        w.commit().await?;
        return Ok(SignInOutcome::Invalid);
    };
    let out = sign_in_with(&mut w.conn(), session, person, method, now, meta, serde_json::json!({}), &name).await?;
    w.commit().await?;
    Ok(out)
}

/// Signs out: the server session is revoked, whatever the browser keeps.
pub async fn sign_out(ctx: &Ctx, session: &Session, meta: &RequestMeta) -> Result<(), AppError> {
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    store::revoke_session(&mut w.conn(), &session.hash, now).await?;
    if let Some(p) = session.actor.person() {
        w.audit_as(Some(p.id), &p.name, AuditAction::SignOut, ("person", &p.id.to_string()), serde_json::json!({})).await?;
    }
    w.commit().await?;
    Ok(())
}

/// One of a person's sessions, as listed on their account page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionInfo {
    /// Identifies it in the revoke form (the hash of the token, never the token).
    pub id: String,
    /// Whether it is the session asking.
    pub current: bool,
    /// How it signed in.
    pub method: Option<String>,
    /// Created.
    pub created_at: OffsetDateTime,
    /// Last request.
    pub last_seen_at: OffsetDateTime,
    /// Browser.
    pub user_agent: Option<String>,
    /// Address.
    pub ip: Option<String>,
}

/// The signed-in person's live sessions.
pub async fn my_sessions(ctx: &Ctx, session: &Session) -> Result<Vec<SessionInfo>, AppError> {
    let me = policy::can_use_account(&session.actor)?;
    let now = ctx.clock.now();
    let mut c = ctx.db.acquire().await?;
    let rows = store::sessions_of(&mut c.conn(), me.id, now).await?;
    Ok(rows
        .into_iter()
        .map(|r| SessionInfo {
            current: r.id_hash == session.hash,
            id: r.id_hash,
            method: r.auth_method,
            created_at: r.created_at,
            last_seen_at: r.last_seen_at,
            user_agent: r.user_agent,
            ip: r.ip,
        })
        .collect())
}

/// Revokes one of the signed-in person's sessions (another person's answers "not found").
pub async fn revoke_my_session(ctx: &Ctx, session: &Session, id: &str, meta: &RequestMeta) -> Result<(), AppError> {
    let me = policy::can_use_account(&session.actor)?.clone();
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let owner = store::session(&mut w.conn(), id).await?.and_then(|r| r.person_id).map(PersonId::from_uuid).ok_or(AppError::NotFound)?;
    policy::can_revoke_session(&session.actor, owner)?;
    if !store::revoke_session(&mut w.conn(), id, now).await? {
        return Err(AppError::NotFound);
    }
    w.audit(&me, AuditAction::SessionRevoked, ("person", &me.id.to_string()), serde_json::json!({"current": id == session.hash})).await?;
    w.commit().await?;
    Ok(())
}

/// Starts a re-authentication: a fresh sign-in link to the person's own address (a person with a
/// second factor gives a code instead, through [`reauthenticate_with_code`]).
pub async fn request_reauthentication(ctx: &Ctx, session: &Session, meta: &RequestMeta) -> Result<(), AppError> {
    request_reauthentication_to(ctx, session, meta, None).await
}

/// Sends a fresh sign-in link to one's own address; once used it leads back to `next`.
pub async fn request_reauthentication_to(ctx: &Ctx, session: &Session, meta: &RequestMeta, next: Option<&str>) -> Result<(), AppError> {
    let me = policy::can_use_account(&session.actor)?;
    let mut c = ctx.db.acquire().await?;
    let emails = store::emails_of(&mut c.conn(), me.id).await?;
    drop(c);
    let Some(primary) = emails.into_iter().find(|e| e.is_primary && e.verified_at.is_some()) else { return Err(AppError::NotFound) };
    request_link(ctx, session, &primary.email, meta, next, false).await
}

/// Re-authenticates with a time-based code; the session gets a new token (returned) when it is right.
pub async fn reauthenticate_with_code(ctx: &Ctx, session: &Session, code: &str, meta: &RequestMeta) -> Result<Option<NewCookie>, AppError> {
    let me = policy::can_use_account(&session.actor)?.clone();
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    if second_factor_limited(ctx, &mut w.conn(), me.id, now).await? {
        w.commit().await?;
        return Ok(None);
    }
    let ok = match store::totp_of(&mut w.conn(), me.id).await? {
        Some(t) if t.confirmed_at.is_some() => match check_totp(&t.secret, code, now) {
            Some(step) => store::use_totp_step(&mut w.conn(), me.id, step, None).await?,
            None => false,
        },
        _ => false,
    };
    let cookie = if ok { Some(rotate(&mut w.conn(), session, now, |r| r.authenticated_at = Some(now)).await?) } else { None };
    w.audit(
        &me,
        if ok { AuditAction::SignIn } else { AuditAction::SignInFailed },
        ("person", &me.id.to_string()),
        serde_json::json!({"method": "totp", "reauthentication": true}),
    )
    .await?;
    w.commit().await?;
    Ok(cookie)
}

/// Asks to change one's address: needs a sign-in less than 5 minutes old; the new address gets a
/// confirmation link, the old one a notice.
pub async fn request_email_change(ctx: &Ctx, session: &Session, new_raw: &str, meta: &RequestMeta) -> Result<(), AppError> {
    let now = ctx.clock.now();
    let me = policy::can_change_email(&session.actor, now)?.clone();
    let new = Email::parse(new_raw).map_err(|_| FieldErrors(vec![FieldError { field: "email", code: "invalid-email" }]))?;
    let mut w = Uow::begin(ctx, meta).await?;
    let old = store::emails_of(&mut w.conn(), me.id).await?.into_iter().find(|e| e.is_primary);
    if old.as_ref().is_some_and(|o| o.email == new.as_str()) {
        return Err(FieldErrors(vec![FieldError { field: "email", code: "same-email" }]).into());
    }
    // Taken by someone else: the answer is the same, but nothing is sent to it.
    let taken = store::person_by_email(&mut w.conn(), &new).await?.is_some();
    if !taken {
        let token = random_token();
        let payload = serde_json::json!({"person": me.id.to_string()}).to_string();
        store::insert_token(
            &mut w.conn(),
            &secret_hash(&token),
            TokenPurpose::EmailChange.as_str(),
            &new,
            Some(me.id),
            Some(&session.hash),
            &payload,
            now,
            now + TokenPurpose::EmailChange.ttl(),
        )
        .await?;
        let url = format!("{}/account/email/confirm?token={token}", ctx.settings.base_url);
        let m = mail::email_change(meta.lang, new.as_str(), &url).map_err(|e| AppError::Internal(e.to_string()))?;
        enqueue(&mut w.conn(), &Job::SendMail { mail: m }, None, now).await?;
    }
    if let Some(o) = &old {
        let text = crate::i18n::t(meta.lang, "mail-email-change-notice");
        let m =
            mail::notice(meta.lang, &o.email, "mail-email-change-notice-subject", &text).map_err(|e| AppError::Internal(e.to_string()))?;
        enqueue(&mut w.conn(), &Job::SendMail { mail: m }, None, now).await?;
    }
    w.audit(&me, AuditAction::EmailChangeRequested, ("person", &me.id.to_string()), serde_json::json!({})).await?;
    w.commit().await?;
    Ok(())
}

/// Confirms a new address (POST from the browser that asked): the address replaces the old one and
/// every other session of the person is revoked.
pub async fn confirm_email_change(ctx: &Ctx, session: &Session, token: &str, meta: &RequestMeta) -> Result<bool, AppError> {
    let me = policy::can_use_account(&session.actor)?.clone();
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let hash = secret_hash(token);
    let row = match store::peek_token(&mut w.conn(), &hash, TokenPurpose::EmailChange.as_str(), now).await? {
        Some(r) if r.person_id == Some(me.id.as_uuid()) && r.session_hash.as_deref() == Some(session.hash.as_str()) => {
            store::take_token(&mut w.conn(), &hash, TokenPurpose::EmailChange.as_str(), now).await?
        }
        _ => None,
    };
    let Some(row) = row else { return Ok(false) };
    let new = Email::parse(&row.email).map_err(|_| AppError::Internal("stored email".into()))?;
    if store::person_by_email(&mut w.conn(), &new).await?.is_some() {
        return Ok(false);
    }
    store::replace_primary_email(&mut w.conn(), me.id, &new, now).await?;
    store::revoke_person_sessions(&mut w.conn(), me.id, Some(&session.hash), now).await?;
    w.audit(&me, AuditAction::EmailChanged, ("person", &me.id.to_string()), serde_json::json!({})).await?;
    w.commit().await?;
    Ok(true)
}

/// Roles an invitation grants (JSON payload of the token).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InvitePayload {
    /// The name to give a new person.
    pub name: String,
    /// Role keys.
    pub roles: Vec<String>,
    /// Who invited (person id).
    pub by: String,
    /// A proposal to join, and as which contact (invitations from a proposal's members).
    #[serde(default)]
    pub proposal: Option<(String, String)>,
}

/// Invites someone by email to hold roles (staff only). Roles are granted when accepted.
pub async fn invite(
    ctx: &Ctx,
    session: &Session,
    email_raw: &str,
    name: &str,
    roles: &[RoleKind],
    meta: &RequestMeta,
) -> Result<(), AppError> {
    let me = policy::can_invite(&session.actor, ctx.clock.now())?.clone();
    let mut errors = Vec::new();
    let email = Email::parse(email_raw).map_err(|_| errors.push(FieldError { field: "email", code: "invalid-email" })).ok();
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 120 || cohorte_domain::text::has_forbidden_chars(name) {
        errors.push(FieldError { field: "name", code: "invalid-name" });
    }
    if roles.is_empty() {
        errors.push(FieldError { field: "role", code: "invalid-role" });
    }
    let (Some(email), true) = (email, errors.is_empty()) else { return Err(FieldErrors(errors).into()) };
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let token = random_token();
    let payload = InvitePayload {
        name: name.to_owned(),
        roles: roles.iter().map(|r| r.as_str().to_owned()).collect(),
        by: me.id.to_string(),
        proposal: None,
    };
    store_invitation(&mut w.conn(), &token, &email, &payload, now).await?;
    let url = format!("{}/invitations/accept?token={token}", ctx.settings.base_url);
    let labels: Vec<String> = roles.iter().map(|r| crate::i18n::t(meta.lang, &format!("role-{}", r.as_str()))).collect();
    let m = mail::invitation(meta.lang, email.as_str(), &url, &me.name, &labels).map_err(|e| AppError::Internal(e.to_string()))?;
    enqueue(&mut w.conn(), &Job::SendMail { mail: m }, None, now).await?;
    w.audit(
        &me,
        AuditAction::InvitationSent,
        ("invitation", &secret_hash(email.as_str())[..16]),
        serde_json::json!({"roles": payload.roles}),
    )
    .await?;
    w.commit().await?;
    Ok(())
}

/// Keeps an invitation (hashed token, the invited address, what accepting it grants), valid for
/// the invitation's lifetime.
pub(crate) async fn store_invitation(
    conn: &mut Conn<'_>,
    token: &str,
    email: &Email,
    payload: &InvitePayload,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let json = serde_json::to_string(payload).map_err(|e| AppError::Internal(e.to_string()))?;
    store::insert_token(
        conn,
        &secret_hash(token),
        TokenPurpose::Invite.as_str(),
        email,
        None,
        None,
        &json,
        now,
        now + TokenPurpose::Invite.ttl(),
    )
    .await?;
    Ok(())
}

/// Accepts an invitation (POST): the invited address becomes (or is added to) a person, who gets
/// the roles and is signed in. Expired or used invitations do nothing.
pub async fn accept_invitation(ctx: &Ctx, session: &Session, token: &str, meta: &RequestMeta) -> Result<SignInOutcome, AppError> {
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let Some(row) = store::take_token(&mut w.conn(), &secret_hash(token), TokenPurpose::Invite.as_str(), now).await? else {
        w.audit_as(
            None,
            "anonymous",
            AuditAction::SignInFailed,
            ("invitation", "unknown"),
            serde_json::json!({"reason": "invalid_invitation"}),
        )
        .await?;
        w.commit().await?;
        return Ok(SignInOutcome::Invalid);
    };
    let payload: InvitePayload = serde_json::from_str(&row.payload).map_err(|e| AppError::Internal(e.to_string()))?;
    let email = Email::parse(&row.email).map_err(|_| AppError::Internal("stored email".into()))?;
    let person = match store::person_by_email(&mut w.conn(), &email).await? {
        Some((p, _)) => {
            store::verify_email(&mut w.conn(), p, &email, now).await?;
            p
        }
        None => {
            let slug =
                format!("{}-{}", cohorte_domain::text::slugify(&payload.name).chars().take(60).collect::<String>(), &random_token()[..6]);
            let p = store::create_person(&mut w.conn(), &slug, &payload.name).await?;
            store::add_email(&mut w.conn(), p, &email, Some(now), now).await?;
            p
        }
    };
    let by = payload.by.parse().ok();
    for r in payload.roles.iter().filter_map(|r| RoleKind::parse(r)) {
        store::grant_role(&mut w.conn(), person, &Grant::program(r), by, "staff", now).await?;
        w.audit_as(by, "invitation", AuditAction::RoleGranted, ("person", &person.to_string()), serde_json::json!({"role": r.as_str()}))
            .await?;
    }
    if let Some((proposal, role)) = &payload.proposal
        && let Ok(id) = proposal.parse()
    {
        cohorte_store::call::add_member(&mut w.conn(), id, person, role, now).await?;
    }
    let name = store::person(&mut w.conn(), person).await?.map(|p| p.display_name).unwrap_or_default();
    w.audit_as(
        Some(person),
        &name,
        AuditAction::InvitationAccepted,
        ("person", &person.to_string()),
        serde_json::json!({"roles": payload.roles}),
    )
    .await?;
    let second_factor = store::totp_of(&mut w.conn(), person).await?.is_some_and(|t| t.confirmed_at.is_some());
    let out = if second_factor {
        SignInOutcome::SecondFactor(rotate(&mut w.conn(), session, now, |r| r.pending_person_id = Some(person.as_uuid())).await?)
    } else {
        sign_in_with(&mut w.conn(), session, person, AuthMethod::MagicLink, now, meta, serde_json::json!({"invitation": true}), &name)
            .await?
    };
    w.commit().await?;
    Ok(out)
}

/// A denial, said plainly for the web layer.
pub fn denied(d: Denied) -> AppError {
    AppError::from(d)
}
