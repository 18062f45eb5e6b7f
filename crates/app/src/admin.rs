//! The staff area: people holding roles, role grants and revocations, and the audit log. Every
//! use case checks `policy::can_*` first (staff, strongly signed in).

use cohorte_domain::content::RoleKind;
use cohorte_domain::identity::{AuditAction, Grant};
use cohorte_domain::ids::RoleAssignmentId;
use cohorte_domain::policy;
use cohorte_domain::query::{FieldError, FieldErrors};
use cohorte_store::audit::{self, AuditFilter, AuditRow, ChainCheck};
use cohorte_store::identity::{self as store, EmailRow, PersonRow, RoleRow};

use crate::session::{RequestMeta, Session};
use crate::uow::Uow;
use crate::{AppError, Ctx};

/// People holding roles granted here (not only imported ones), with their address.
pub async fn people(ctx: &Ctx, session: &Session) -> Result<Vec<(PersonRow, Option<String>, Vec<RoleRow>)>, AppError> {
    policy::can_administer(&session.actor)?;
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let mut out = Vec::new();
    for (p, email) in store::people_with_grants(&mut conn).await? {
        let roles = store::roles_of(&mut conn, p.person_id()).await?.into_iter().filter(|r| r.revoked_at.is_none()).collect();
        out.push((p, email, roles));
    }
    Ok(out)
}

/// One person's page for staff: addresses, roles, and the cohorts a role may be scoped to.
#[derive(Debug, Clone)]
pub struct PersonAdmin {
    /// The person.
    pub person: PersonRow,
    /// Their addresses.
    pub emails: Vec<EmailRow>,
    /// Their roles, revoked ones included.
    pub roles: Vec<RoleRow>,
    /// The cohorts a role may be scoped to.
    pub cohorts: Vec<cohorte_store::read::CohortRow>,
}

/// One person's addresses and roles.
pub async fn person(ctx: &Ctx, session: &Session, slug: &str) -> Result<PersonAdmin, AppError> {
    policy::can_administer(&session.actor)?;
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let p = store::person_by_slug(&mut conn, slug).await?.ok_or(AppError::NotFound)?;
    let emails = store::emails_of(&mut conn, p.person_id()).await?;
    let roles = store::roles_of(&mut conn, p.person_id()).await?;
    let cohorts = cohorte_store::read::cohorts(&mut conn).await?;
    Ok(PersonAdmin { person: p, emails, roles, cohorts })
}

/// The person whose roles staff change, and the staff member (strongly and recently signed in,
/// never changing their own roles).
async fn role_target(
    conn: &mut cohorte_store::Conn<'_>,
    session: &Session,
    slug: &str,
    now: time::OffsetDateTime,
) -> Result<(PersonRow, cohorte_domain::identity::SignedIn), AppError> {
    policy::can_invite(&session.actor, now)?;
    let p = store::person_by_slug(conn, slug).await?.ok_or(AppError::NotFound)?;
    let me = policy::can_change_roles_of(&session.actor, p.person_id(), now)?.clone();
    Ok((p, me))
}

/// Grants a role (program-wide, or in a cohort). The person's sessions change token at their
/// next request.
pub async fn grant(
    ctx: &Ctx,
    session: &Session,
    slug: &str,
    role: RoleKind,
    cohort: Option<&str>,
    meta: &RequestMeta,
) -> Result<bool, AppError> {
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let mut conn = w.conn();
    let (p, me) = role_target(&mut conn, session, slug, now).await?;
    let cohort_id = match cohort {
        None => None,
        Some(code) => Some(
            store::cohort_id(&mut conn, code)
                .await?
                .ok_or(FieldErrors(vec![FieldError { field: "cohort", code: "invalid-identifier" }]))?,
        ),
    };
    let g = Grant { role, cohort: cohort_id, challenge: None, organisation: None };
    let (id, changed) = store::grant_role(&mut conn, p.person_id(), &g, Some(me.id), "staff", now).await?;
    if changed {
        store::flag_rotation(&mut conn, p.person_id()).await?;
        w.audit(
            &me,
            AuditAction::RoleGranted,
            ("person", &p.person_id().to_string()),
            serde_json::json!({"role": role.as_str(), "cohort": cohort, "assignment": id.to_string()}),
        )
        .await?;
    }
    w.commit().await?;
    Ok(changed)
}

/// Revokes a role assignment. Effective at the person's next request.
pub async fn revoke(ctx: &Ctx, session: &Session, slug: &str, id: RoleAssignmentId, meta: &RequestMeta) -> Result<(), AppError> {
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let mut conn = w.conn();
    let (p, me) = role_target(&mut conn, session, slug, now).await?;
    let role = store::revoke_role(&mut conn, p.person_id(), id, me.id, now).await?.ok_or(AppError::NotFound)?;
    store::flag_rotation(&mut conn, p.person_id()).await?;
    w.audit(
        &me,
        AuditAction::RoleRevoked,
        ("person", &p.person_id().to_string()),
        serde_json::json!({"role": role, "assignment": id.to_string()}),
    )
    .await?;
    w.commit().await?;
    Ok(())
}

/// An audit entry as people read it: the object named (a person by name, a panel by its name),
/// the details as (key, value) pairs, instants in Paris time.
#[derive(Debug, Clone)]
pub struct AuditLine {
    /// The entry as recorded.
    pub row: AuditRow,
    /// The object, named.
    pub object: String,
    /// The details, one (key, value) pair each.
    pub details: Vec<(String, String)>,
}

/// A JSON value as text: strings as they are, lists joined, instants (`at`, `publish_at`) in
/// Paris time.
fn readable(key: &str, v: &serde_json::Value) -> String {
    use serde_json::Value as V;
    match v {
        V::Null => "—".to_owned(),
        V::String(s) => s.clone(),
        V::Number(n) if matches!(key, "at" | "publish_at") => n
            .as_i64()
            .and_then(|t| time::OffsetDateTime::from_unix_timestamp(t).ok())
            .map(cohorte_domain::paris::label)
            .unwrap_or_else(|| n.to_string()),
        V::Number(n) => n.to_string(),
        V::Bool(b) => b.to_string(),
        V::Array(a) => a.iter().map(|x| readable(key, x)).collect::<Vec<_>>().join(", "),
        V::Object(o) => o.iter().map(|(k, x)| format!("{k} : {}", readable(k, x))).collect::<Vec<_>>().join(" ; "),
    }
}

/// A page of the audit log, readable, and whether the chain is intact.
pub async fn audit_lines(ctx: &Ctx, session: &Session, filter: &AuditFilter) -> Result<(Vec<AuditLine>, i64, ChainCheck), AppError> {
    let (rows, total, check) = audit_log(ctx, session, filter).await?;
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let id = row.object_id.parse::<uuid::Uuid>().ok();
        let object = match (row.object_type.as_str(), id) {
            ("person", Some(id)) => store::person(&mut conn, cohorte_domain::ids::PersonId::from_uuid(id))
                .await?
                .map(|p| p.display_name)
                .unwrap_or_else(|| row.object_id.clone()),
            ("panel", Some(id)) => cohorte_store::call::panel(&mut conn, cohorte_domain::ids::PanelId::from_uuid(id))
                .await?
                .map(|(p, _)| p.name)
                .unwrap_or_else(|| row.object_id.clone()),
            _ => row.object_id.clone(),
        };
        let details = match serde_json::from_str::<serde_json::Value>(&row.details) {
            Ok(serde_json::Value::Object(o)) => o.iter().map(|(k, v)| (k.clone(), readable(k, v))).collect(),
            Ok(serde_json::Value::Null) | Err(_) => Vec::new(),
            Ok(other) => vec![(String::new(), readable("", &other))],
        };
        out.push(AuditLine { row, object, details });
    }
    Ok((out, total, check))
}

/// A page of the audit log, and whether the chain is intact.
pub async fn audit_log(ctx: &Ctx, session: &Session, filter: &AuditFilter) -> Result<(Vec<AuditRow>, i64, ChainCheck), AppError> {
    policy::can_read_audit(&session.actor)?;
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let (rows, total) = audit::list(&mut conn, filter).await?;
    let check = audit::verify(&mut conn).await?;
    Ok((rows, total, check))
}
