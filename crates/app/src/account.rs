//! The "My account" pages: profile, addresses, linked accounts, sessions, the second factor,
//! a download of all one's data, and a deletion request.

use cohorte_domain::identity::{AuditAction, AuthMethod, secret_hash};
use cohorte_domain::policy;
use cohorte_domain::query::{FieldError, FieldErrors};
use cohorte_store::identity::{self as store, EmailRow, OidcRow, RoleRow};
use time::OffsetDateTime;

use crate::identity::{NewCookie, SessionInfo, SignInOutcome, check_totp, my_sessions, random_token};
use crate::session::{RequestMeta, Session};
use crate::uow::Uow;
use crate::{AppError, Ctx};

/// What the account page shows.
#[derive(Debug, Clone)]
pub struct Account {
    /// Name.
    pub name: String,
    /// Slug.
    pub slug: String,
    /// Whether a public profile page exists.
    pub public_profile: bool,
    /// Addresses.
    pub emails: Vec<EmailRow>,
    /// Linked OpenID Connect accounts.
    pub oidc: Vec<OidcRow>,
    /// Roles (revoked ones included).
    pub roles: Vec<RoleRow>,
    /// Live sessions.
    pub sessions: Vec<SessionInfo>,
    /// Whether a second factor is set up.
    pub totp: bool,
    /// Recovery codes left.
    pub recovery_codes_left: i64,
    /// An open deletion request, since when.
    pub deletion_requested_at: Option<OffsetDateTime>,
    /// Whether the session must be strengthened to use privileged roles.
    pub needs_second_factor: bool,
    /// How this session signed in.
    pub method: AuthMethod,
    /// Whether the staff area opens for this session (the same predicate as the staff pages).
    pub staff_area: bool,
    /// Whether the jury area opens for this session (the same predicate as the jury pages).
    pub jury_area: bool,
}

/// The address-change page: the current primary address, for a sign-in less than 5 minutes old
/// (the same predicate as the change itself).
pub async fn email_change(ctx: &Ctx, session: &Session) -> Result<String, AppError> {
    let me = policy::can_change_email(&session.actor, ctx.clock.now())?.clone();
    let mut c = ctx.db.acquire().await?;
    let emails = store::emails_of(&mut c.conn(), me.id).await?;
    Ok(emails.into_iter().find(|e| e.is_primary).map(|e| e.email).unwrap_or_default())
}

/// Reads the signed-in person's account.
pub async fn overview(ctx: &Ctx, session: &Session) -> Result<Account, AppError> {
    let me = policy::can_use_account(&session.actor)?.clone();
    let sessions = my_sessions(ctx, session).await?;
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let p = store::person(&mut conn, me.id).await?.ok_or(AppError::NotFound)?;
    let totp = store::totp_of(&mut conn, me.id).await?.is_some_and(|t| t.confirmed_at.is_some());
    Ok(Account {
        name: p.display_name,
        slug: p.slug,
        public_profile: p.public_profile,
        emails: store::emails_of(&mut conn, me.id).await?,
        oidc: store::oidc_of(&mut conn, me.id).await?,
        roles: store::roles_of(&mut conn, me.id).await?,
        sessions,
        totp,
        recovery_codes_left: store::recovery_codes_left(&mut conn, me.id).await?,
        deletion_requested_at: store::open_deletion_request(&mut conn, me.id).await?,
        needs_second_factor: me.needs_second_factor(),
        method: me.method,
        staff_area: policy::can_administer(&session.actor).is_ok(),
        jury_area: policy::can_use_jury_area(&session.actor).is_ok(),
    })
}

/// Changes one's display name.
pub async fn rename(ctx: &Ctx, session: &Session, name: &str, meta: &RequestMeta) -> Result<(), AppError> {
    let me = policy::can_use_account(&session.actor)?.clone();
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 120 || cohorte_domain::text::has_forbidden_chars(name) {
        return Err(FieldErrors(vec![FieldError { field: "name", code: "invalid-name" }]).into());
    }
    let mut w = Uow::begin(ctx, meta).await?;
    let mut conn = w.conn();
    store::rename_person(&mut conn, me.id, name).await?;
    w.audit_as(Some(me.id), name, AuditAction::ProfileUpdated, ("person", &me.id.to_string()), serde_json::json!({"field": "name"}))
        .await?;
    w.commit().await?;
    Ok(())
}

/// A second factor being set up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrolment {
    /// The secret, base32 (for manual entry).
    pub secret: String,
    /// The `otpauth://` URL.
    pub url: String,
    /// The URL as a QR code (SVG).
    pub qr_svg: String,
}

fn totp_for(secret: &str, account: &str) -> Result<totp_rs::Totp, AppError> {
    let s = totp_rs::Secret::try_from_base32(secret).map_err(|e| AppError::Internal(e.to_string()))?;
    totp_rs::Builder::new()
        .with_secret(s)
        .with_issuer(Some("Cohorte".to_owned()))
        .with_account_name(account.replace(':', " "))
        .build()
        .map_err(|e| AppError::Internal(e.to_string()))
}

/// Starts setting up a second factor: a new secret (160 bits) shown as a QR code and as text.
pub async fn start_enrolment(ctx: &Ctx, session: &Session) -> Result<Enrolment, AppError> {
    let me = policy::can_use_account(&session.actor)?.clone();
    let now = ctx.clock.now();
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    if store::totp_of(&mut conn, me.id).await?.is_some_and(|t| t.confirmed_at.is_some()) {
        return Err(AppError::conflict("already-enrolled"));
    }
    let mut raw = [0u8; 20];
    rand::fill(&mut raw);
    let secret = totp_rs::Secret::from(raw).to_base32();
    store::set_totp_secret(&mut conn, me.id, &secret, now).await?;
    let account = store::emails_of(&mut conn, me.id).await?.into_iter().find(|e| e.is_primary).map(|e| e.email).unwrap_or(me.name.clone());
    enrolment(&secret, &account)
}

fn enrolment(secret: &str, account: &str) -> Result<Enrolment, AppError> {
    let totp = totp_for(secret, account)?;
    let url = totp.to_url().map_err(|e| AppError::Internal(e.to_string()))?;
    let qr = qrcode::QrCode::new(url.as_bytes()).map_err(|e| AppError::Internal(e.to_string()))?;
    let qr_svg = qr
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(200, 200)
        .dark_color(qrcode::render::svg::Color("#161616"))
        .light_color(qrcode::render::svg::Color("#ffffff"))
        .build();
    Ok(Enrolment { secret: secret.to_owned(), url, qr_svg })
}

/// New recovery codes (shown once; stored as hashes).
fn new_recovery_codes() -> (Vec<String>, Vec<String>) {
    let codes: Vec<String> = (0..10)
        .map(|_| {
            let t = random_token();
            format!("{}-{}-{}", &t[0..4], &t[4..8], &t[8..12])
        })
        .collect();
    let hashes = codes.iter().map(|c| secret_hash(&c.replace('-', ""))).collect();
    (codes, hashes)
}

/// What confirming the second factor gave.
#[derive(Debug)]
pub enum EnrolmentOutcome {
    /// Confirmed: the session became strong (new cookie); the recovery codes, to show once.
    Confirmed(NewCookie, Vec<String>),
    /// A wrong or reused code: the same enrolment, to show again.
    Retry(Enrolment),
    /// No enrolment is pending (already confirmed, or never started).
    NotStarted,
}

/// Confirms the second factor with a code from the app: the session becomes strong (new token)
/// and ten recovery codes are returned, to show once. A wrong code gives the pending enrolment back.
pub async fn confirm_enrolment(ctx: &Ctx, session: &Session, code: &str, meta: &RequestMeta) -> Result<EnrolmentOutcome, AppError> {
    let me = policy::can_use_account(&session.actor)?.clone();
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let mut conn = w.conn();
    let Some(t) = store::totp_of(&mut conn, me.id).await?.filter(|t| t.confirmed_at.is_none()) else {
        return Ok(EnrolmentOutcome::NotStarted);
    };
    let accepted = match check_totp(&t.secret, code, now) {
        Some(step) => store::use_totp_step(&mut conn, me.id, step, Some(now)).await?,
        None => false,
    };
    if !accepted {
        let account =
            store::emails_of(&mut conn, me.id).await?.into_iter().find(|e| e.is_primary).map(|e| e.email).unwrap_or(me.name.clone());
        return enrolment(&t.secret, &account).map(EnrolmentOutcome::Retry);
    }
    let (codes, hashes) = new_recovery_codes();
    store::replace_recovery_codes(&mut conn, me.id, &hashes).await?;
    let out = crate::identity::sign_in_with(
        &mut conn,
        session,
        me.id,
        AuthMethod::Totp,
        now,
        meta,
        serde_json::json!({"enrolment": true}),
        &me.name,
    )
    .await?;
    w.audit(&me, AuditAction::TotpEnrolled, ("person", &me.id.to_string()), serde_json::json!({})).await?;
    w.commit().await?;
    match out {
        SignInOutcome::SignedIn(cookie, _) => Ok(EnrolmentOutcome::Confirmed(cookie, codes)),
        _ => Ok(EnrolmentOutcome::NotStarted),
    }
}

/// New recovery codes (the old ones stop working); needs a recent sign-in.
pub async fn regenerate_recovery_codes(ctx: &Ctx, session: &Session, meta: &RequestMeta) -> Result<Vec<String>, AppError> {
    let now = ctx.clock.now();
    let me = policy::can_change_email(&session.actor, now)?.clone();
    let mut w = Uow::begin(ctx, meta).await?;
    let mut conn = w.conn();
    if store::totp_of(&mut conn, me.id).await?.is_none_or(|t| t.confirmed_at.is_none()) {
        return Err(AppError::NotFound);
    }
    let (codes, hashes) = new_recovery_codes();
    store::replace_recovery_codes(&mut conn, me.id, &hashes).await?;
    w.audit(&me, AuditAction::RecoveryCodesRegenerated, ("person", &me.id.to_string()), serde_json::json!({})).await?;
    w.commit().await?;
    Ok(codes)
}

/// Removes the second factor; needs a recent sign-in. Sessions change token at their next request.
pub async fn remove_second_factor(ctx: &Ctx, session: &Session, meta: &RequestMeta) -> Result<(), AppError> {
    let now = ctx.clock.now();
    let me = policy::can_change_email(&session.actor, now)?.clone();
    let mut w = Uow::begin(ctx, meta).await?;
    let mut conn = w.conn();
    store::delete_totp(&mut conn, me.id).await?;
    store::revoke_person_sessions(&mut conn, me.id, Some(&session.hash), now).await?;
    // This session no longer rests on a second factor: privileged roles wait for a new one.
    if me.method == AuthMethod::Totp || me.method == AuthMethod::RecoveryCode {
        store::set_auth_method(&mut conn, &session.hash, AuthMethod::MagicLink.as_str()).await?;
    }
    w.audit(&me, AuditAction::TotpRemoved, ("person", &me.id.to_string()), serde_json::json!({})).await?;
    w.commit().await?;
    Ok(())
}

/// Everything stored about the signed-in person, as JSON (GDPR access and portability).
pub async fn export(ctx: &Ctx, session: &Session, meta: &RequestMeta) -> Result<serde_json::Value, AppError> {
    let now = ctx.clock.now();
    let me = policy::can_export_own_data(&session.actor, now)?.clone();
    let account = overview(ctx, session).await?;
    let mut w = Uow::begin(ctx, meta).await?;
    let mut conn = w.conn();
    let public = cohorte_store::read::person_by_slug(&mut conn, &account.slug).await?;
    let (entries, _) = cohorte_store::audit::list(
        &mut conn,
        &cohorte_store::audit::AuditFilter { actor: Some(me.id), limit: 10_000, ..Default::default() },
    )
    .await?;
    let (about, _) = cohorte_store::audit::list(
        &mut conn,
        &cohorte_store::audit::AuditFilter { object_id: Some(me.id.to_string()), limit: 10_000, ..Default::default() },
    )
    .await?;
    w.audit(&me, AuditAction::DataExported, ("person", &me.id.to_string()), serde_json::json!({})).await?;
    w.commit().await?;
    let ts = |t: OffsetDateTime| t.format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
    Ok(serde_json::json!({
        "exported_at": ts(now),
        "person": {
            "id": me.id.to_string(),
            "name": account.name,
            "slug": account.slug,
            "public_profile": account.public_profile,
            "biography": public.as_ref().and_then(|p| p.bio_md.clone()),
            "links": public.as_ref().map(|p| serde_json::json!({"github": p.github, "gitlab": p.gitlab, "linkedin": p.linkedin, "twitter": p.twitter, "website": p.website})),
        },
        "emails": account.emails.iter().map(|e| serde_json::json!({"email": e.email, "verified_at": e.verified_at.map(ts), "primary": e.is_primary})).collect::<Vec<_>>(),
        "openid_accounts": account.oidc.iter().map(|o| serde_json::json!({"issuer": o.issuer, "subject": o.subject, "email": o.email, "linked_at": ts(o.linked_at)})).collect::<Vec<_>>(),
        "roles": account.roles.iter().map(|r| serde_json::json!({"role": r.role, "cohort": r.cohort_code, "challenge": r.challenge_slug, "organisation": r.organisation_slug, "source": r.source, "granted_at": r.granted_at.map(ts), "revoked_at": r.revoked_at.map(ts)})).collect::<Vec<_>>(),
        "sessions": account.sessions.iter().map(|s| serde_json::json!({"method": s.method, "created_at": ts(s.created_at), "last_seen_at": ts(s.last_seen_at), "user_agent": s.user_agent, "ip": s.ip})).collect::<Vec<_>>(),
        "second_factor": {"enabled": account.totp, "recovery_codes_left": account.recovery_codes_left},
        "deletion_requested_at": account.deletion_requested_at.map(ts),
        "audit": entries.iter().chain(about.iter()).map(|e| serde_json::json!({"seq": e.seq, "at": ts(e.at), "action": e.action, "object": format!("{}:{}", e.object_type, e.object_id), "details": serde_json::from_str::<serde_json::Value>(&e.details).unwrap_or_default()})).collect::<Vec<_>>(),
    }))
}

/// Asks the program team to delete one's account and data; `false` when already asked.
pub async fn request_deletion(ctx: &Ctx, session: &Session, reason: &str, meta: &RequestMeta) -> Result<bool, AppError> {
    let me = policy::can_use_account(&session.actor)?.clone();
    let reason = reason.trim();
    if reason.chars().count() > 2000 || cohorte_domain::text::has_forbidden_chars(reason) {
        return Err(FieldErrors(vec![FieldError { field: "reason", code: "too-long" }]).into());
    }
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let mut conn = w.conn();
    let created = store::request_deletion(&mut conn, me.id, (!reason.is_empty()).then_some(reason), now).await?;
    if created {
        w.audit(&me, AuditAction::DeletionRequested, ("person", &me.id.to_string()), serde_json::json!({})).await?;
    }
    w.commit().await?;
    Ok(created)
}
