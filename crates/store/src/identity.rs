//! People's addresses, OpenID Connect links, role grants, sessions, emailed tokens, the second
//! factor and rate limits.

use cohorte_domain::content::RoleKind;
use cohorte_domain::identity::{Email, Grant};
use cohorte_domain::ids::{ChallengeId, CohortId, OrganisationId, PersonId, RoleAssignmentId};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::{Conn, StoreError, on_conn};

// ---------------------------------------------------------------- people and addresses

/// A person as the identity layer sees them.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PersonRow {
    /// Id.
    pub id: Uuid,
    /// Slug.
    pub slug: String,
    /// Name.
    pub display_name: String,
    /// Public profile.
    pub public_profile: bool,
}

impl PersonRow {
    /// The typed id.
    pub fn person_id(&self) -> PersonId {
        PersonId::from_uuid(self.id)
    }
}

/// A person by id.
pub async fn person(conn: &mut Conn<'_>, id: PersonId) -> Result<Option<PersonRow>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as("select id, slug, display_name, public_profile from person where id = $1")
        .bind(id.as_uuid())
        .fetch_optional(c)
        .await)?)
}

/// A person by slug.
pub async fn person_by_slug(conn: &mut Conn<'_>, slug: &str) -> Result<Option<PersonRow>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as("select id, slug, display_name, public_profile from person where slug = $1")
        .bind(slug)
        .fetch_optional(c)
        .await)?)
}

/// The person who owns an address (verified or not), and whether it is verified.
pub async fn person_by_email(conn: &mut Conn<'_>, email: &Email) -> Result<Option<(PersonId, bool)>, StoreError> {
    let row: Option<(Uuid, Option<OffsetDateTime>)> =
        on_conn!(conn, |c| sqlx::query_as("select person_id, verified_at from person_email where email = $1")
            .bind(email.as_str())
            .fetch_optional(c)
            .await)?;
    Ok(row.map(|(id, v)| (PersonId::from_uuid(id), v.is_some())))
}

/// Creates a person without public profile (invitations, demo accounts, OpenID sign-ups).
pub async fn create_person(conn: &mut Conn<'_>, slug: &str, display_name: &str) -> Result<PersonId, StoreError> {
    let id = Uuid::now_v7();
    let key = cohorte_domain::text::name_key(display_name);
    on_conn!(conn, |c| sqlx::query(
        "insert into person (id, slug, display_name, name_key, sort_key, search_key, public_profile, fingerprint) \
         values ($1, $2, $3, $4, $4, $5, false, '')"
    )
    .bind(id)
    .bind(slug)
    .bind(display_name)
    .bind(&key)
    .bind(format!(" {key} "))
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(PersonId::from_uuid(id))
}

/// Renames a person.
pub async fn rename_person(conn: &mut Conn<'_>, id: PersonId, display_name: &str) -> Result<(), StoreError> {
    let key = cohorte_domain::text::name_key(display_name);
    on_conn!(conn, |c| sqlx::query("update person set display_name = $2, name_key = $3, sort_key = $3, search_key = $4 where id = $1")
        .bind(id.as_uuid())
        .bind(display_name)
        .bind(&key)
        .bind(format!(" {key} "))
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Adds an address to a person (the first one is primary).
pub async fn add_email(
    conn: &mut Conn<'_>,
    person: PersonId,
    email: &Email,
    verified_at: Option<OffsetDateTime>,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    let has: i64 = on_conn!(conn, |c| sqlx::query_scalar("select count(*) from person_email where person_id = $1")
        .bind(person.as_uuid())
        .fetch_one(c)
        .await)?;
    on_conn!(conn, |c| sqlx::query(
        "insert into person_email (person_id, email, verified_at, is_primary, created_at) values ($1, $2, $3, $4, $5)"
    )
    .bind(person.as_uuid())
    .bind(email.as_str())
    .bind(verified_at)
    .bind(has == 0)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Marks an address verified.
pub async fn verify_email(conn: &mut Conn<'_>, person: PersonId, email: &Email, now: OffsetDateTime) -> Result<(), StoreError> {
    on_conn!(conn, |c| sqlx::query(
        "update person_email set verified_at = $3 where person_id = $1 and email = $2 and verified_at is null"
    )
    .bind(person.as_uuid())
    .bind(email.as_str())
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Replaces a person's primary address by a new, verified one.
pub async fn replace_primary_email(conn: &mut Conn<'_>, person: PersonId, new: &Email, now: OffsetDateTime) -> Result<(), StoreError> {
    on_conn!(conn, |c| sqlx::query("delete from person_email where person_id = $1")
        .bind(person.as_uuid())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    add_email(conn, person, new, Some(now), now).await
}

/// An address of a person.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct EmailRow {
    /// Address.
    pub email: String,
    /// Verified when.
    pub verified_at: Option<OffsetDateTime>,
    /// Primary.
    pub is_primary: bool,
}

/// A person's addresses, primary first.
pub async fn emails_of(conn: &mut Conn<'_>, person: PersonId) -> Result<Vec<EmailRow>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as(
        "select email, verified_at, is_primary from person_email where person_id = $1 order by is_primary desc, email"
    )
    .bind(person.as_uuid())
    .fetch_all(c)
    .await)?)
}

/// A person's addresses (primary first) and the language they read the site in, in one statement
/// (what a mail to them needs); `None` for nobody.
pub async fn emails_and_lang(conn: &mut Conn<'_>, person: PersonId) -> Result<Option<(Vec<EmailRow>, Option<String>)>, StoreError> {
    type Row = (Option<String>, Option<OffsetDateTime>, Option<bool>, Option<String>);
    let rows: Vec<Row> = on_conn!(conn, |c| sqlx::query_as(
        "select e.email, e.verified_at, e.is_primary, p.lang from person p left join person_email e on e.person_id = p.id \
         where p.id = $1 order by e.is_primary desc, e.email"
    )
    .bind(person.as_uuid())
    .fetch_all(c)
    .await)?;
    let Some(lang) = rows.first().map(|r| r.3.clone()) else { return Ok(None) };
    let emails = rows
        .into_iter()
        .filter_map(|(email, verified_at, is_primary, _)| {
            Some(EmailRow { email: email?, verified_at, is_primary: is_primary.unwrap_or(false) })
        })
        .collect();
    Ok(Some((emails, lang)))
}

// ---------------------------------------------------------------- OpenID Connect identities

/// The person linked to an OpenID Connect account.
pub async fn person_by_oidc(conn: &mut Conn<'_>, issuer: &str, subject: &str) -> Result<Option<PersonId>, StoreError> {
    let id: Option<Uuid> =
        on_conn!(conn, |c| sqlx::query_scalar("select person_id from oidc_identity where issuer = $1 and subject = $2")
            .bind(issuer)
            .bind(subject)
            .fetch_optional(c)
            .await)?;
    Ok(id.map(PersonId::from_uuid))
}

/// Links an OpenID Connect account to a person.
pub async fn link_oidc(
    conn: &mut Conn<'_>,
    issuer: &str,
    subject: &str,
    person: PersonId,
    email: Option<&str>,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    on_conn!(conn, |c| sqlx::query(
        "insert into oidc_identity (issuer, subject, person_id, email, linked_at, last_login_at) values ($1, $2, $3, $4, $5, $5)"
    )
    .bind(issuer)
    .bind(subject)
    .bind(person.as_uuid())
    .bind(email)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Records a sign-in through an OpenID Connect account.
pub async fn touch_oidc(conn: &mut Conn<'_>, issuer: &str, subject: &str, now: OffsetDateTime) -> Result<(), StoreError> {
    on_conn!(conn, |c| sqlx::query("update oidc_identity set last_login_at = $3 where issuer = $1 and subject = $2")
        .bind(issuer)
        .bind(subject)
        .bind(now)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// A linked OpenID Connect account.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OidcRow {
    /// Issuer.
    pub issuer: String,
    /// Subject.
    pub subject: String,
    /// Email it reported.
    pub email: Option<String>,
    /// Linked when.
    pub linked_at: OffsetDateTime,
    /// Last sign-in.
    pub last_login_at: Option<OffsetDateTime>,
}

/// A person's OpenID Connect accounts.
pub async fn oidc_of(conn: &mut Conn<'_>, person: PersonId) -> Result<Vec<OidcRow>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as(
        "select issuer, subject, email, linked_at, last_login_at from oidc_identity where person_id = $1 order by linked_at"
    )
    .bind(person.as_uuid())
    .fetch_all(c)
    .await)?)
}

// ---------------------------------------------------------------- role grants

/// A role assignment, for the staff pages and the data export.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct RoleRow {
    /// Id.
    pub id: Uuid,
    /// Role key.
    pub role: String,
    /// Cohort code.
    pub cohort_code: Option<String>,
    /// Challenge slug.
    pub challenge_slug: Option<String>,
    /// Organisation slug.
    pub organisation_slug: Option<String>,
    /// Where it came from (`eig-opendata`, `staff`, `demo`).
    pub source: String,
    /// Granted when.
    pub granted_at: Option<OffsetDateTime>,
    /// Revoked when.
    pub revoked_at: Option<OffsetDateTime>,
}

/// Every role assignment of a person, revoked ones included.
pub async fn roles_of(conn: &mut Conn<'_>, person: PersonId) -> Result<Vec<RoleRow>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as(
        "select r.id, r.role, co.code as cohort_code, ch.slug as challenge_slug, o.slug as organisation_slug, r.source, \
         r.granted_at, r.revoked_at from role_assignment r left join cohort co on co.id = r.cohort_id \
         left join challenge ch on ch.id = r.challenge_id left join organisation o on o.id = r.organisation_id \
         where r.person_id = $1 order by r.revoked_at is not null, r.role, co.code"
    )
    .bind(person.as_uuid())
    .fetch_all(c)
    .await)?)
}

/// A stored grant: role, cohort, challenge, organisation.
type GrantRow = (String, Option<Uuid>, Option<Uuid>, Option<Uuid>);

/// The roles a person holds now (not revoked).
pub async fn active_grants(conn: &mut Conn<'_>, person: PersonId) -> Result<Vec<Grant>, StoreError> {
    let rows: Vec<GrantRow> = on_conn!(conn, |c| sqlx::query_as(
        "select role, cohort_id, challenge_id, organisation_id from role_assignment where person_id = $1 and revoked_at is null"
    )
    .bind(person.as_uuid())
    .fetch_all(c)
    .await)?;
    Ok(rows.into_iter().filter_map(|(role, co, ch, org)| grant_of(&role, co, ch, org)).collect())
}

/// A grant from a role assignment's columns (an unknown role reads as none).
fn grant_of(role: &str, co: Option<Uuid>, ch: Option<Uuid>, org: Option<Uuid>) -> Option<Grant> {
    Some(Grant {
        role: RoleKind::parse(role)?,
        cohort: co.map(CohortId::from_uuid),
        challenge: ch.map(ChallengeId::from_uuid),
        organisation: org.map(OrganisationId::from_uuid),
    })
}

/// A person's name and active grants, in one statement (what a signed-in request needs).
pub async fn name_and_grants(conn: &mut Conn<'_>, person: PersonId) -> Result<Option<(String, Vec<Grant>)>, StoreError> {
    type Row = (String, Option<String>, Option<Uuid>, Option<Uuid>, Option<Uuid>);
    let rows: Vec<Row> = on_conn!(conn, |c| sqlx::query_as(
        "select p.display_name, ra.role, ra.cohort_id, ra.challenge_id, ra.organisation_id from person p \
         left join role_assignment ra on ra.person_id = p.id and ra.revoked_at is null where p.id = $1"
    )
    .bind(person.as_uuid())
    .fetch_all(c)
    .await)?;
    let Some(name) = rows.first().map(|r| r.0.clone()) else { return Ok(None) };
    let grants = rows.into_iter().filter_map(|(_, role, co, ch, org)| grant_of(&role?, co, ch, org)).collect();
    Ok(Some((name, grants)))
}

fn scope_key(g: &Grant) -> String {
    format!(
        "cohort:{}|challenge:{}{}",
        g.cohort.map(|c| c.to_string()).unwrap_or_default(),
        g.challenge.map(|c| c.to_string()).unwrap_or_default(),
        g.organisation.map(|o| format!("|organisation:{o}")).unwrap_or_default()
    )
}

/// Grants a role (or grants again a revoked one). Returns its id and whether anything changed.
pub async fn grant_role(
    conn: &mut Conn<'_>,
    person: PersonId,
    g: &Grant,
    by: Option<PersonId>,
    source: &str,
    now: OffsetDateTime,
) -> Result<(RoleAssignmentId, bool), StoreError> {
    let key = scope_key(g);
    let existing: Option<(Uuid, Option<OffsetDateTime>)> = on_conn!(conn, |c| sqlx::query_as(
        "select id, revoked_at from role_assignment where person_id = $1 and role = $2 and scope_key = $3"
    )
    .bind(person.as_uuid())
    .bind(g.role.as_str())
    .bind(&key)
    .fetch_optional(c)
    .await)?;
    match existing {
        Some((id, None)) => Ok((RoleAssignmentId::from_uuid(id), false)),
        Some((id, Some(_))) => {
            on_conn!(conn, |c| {
                sqlx::query(
                "update role_assignment set revoked_at = null, revoked_by = null, granted_by = $2, granted_at = $3, source = $4 where id = $1"
            )
            .bind(id)
            .bind(by.map(|b| b.as_uuid()))
            .bind(now)
            .bind(source)
            .execute(c)
            .await
            .map(|r| r.rows_affected())
            })?;
            Ok((RoleAssignmentId::from_uuid(id), true))
        }
        None => {
            let id = Uuid::now_v7();
            on_conn!(conn, |c| {
                sqlx::query(
                "insert into role_assignment (id, person_id, role, cohort_id, challenge_id, organisation_id, scope_key, source, granted_by, granted_at) \
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
            )
            .bind(id)
            .bind(person.as_uuid())
            .bind(g.role.as_str())
            .bind(g.cohort.map(|x| x.as_uuid()))
            .bind(g.challenge.map(|x| x.as_uuid()))
            .bind(g.organisation.map(|x| x.as_uuid()))
            .bind(&key)
            .bind(source)
            .bind(by.map(|b| b.as_uuid()))
            .bind(now)
            .execute(c)
            .await
            .map(|r| r.rows_affected())
            })?;
            Ok((RoleAssignmentId::from_uuid(id), true))
        }
    }
}

/// Revokes a role assignment of a person; `None` when there is no such active assignment.
pub async fn revoke_role(
    conn: &mut Conn<'_>,
    person: PersonId,
    id: RoleAssignmentId,
    by: PersonId,
    now: OffsetDateTime,
) -> Result<Option<String>, StoreError> {
    let role: Option<String> = on_conn!(conn, |c| {
        sqlx::query_scalar(
        "update role_assignment set revoked_at = $3, revoked_by = $4 where id = $1 and person_id = $2 and revoked_at is null returning role"
    )
    .bind(id.as_uuid())
    .bind(person.as_uuid())
    .bind(now)
    .bind(by.as_uuid())
    .fetch_optional(c)
    .await
    })?;
    Ok(role)
}

/// People holding an active role granted by staff or demo (for the staff page), with their primary
/// address.
pub async fn people_with_grants(conn: &mut Conn<'_>) -> Result<Vec<(PersonRow, Option<String>)>, StoreError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        p: PersonRow,
        email: Option<String>,
    }
    let rows: Vec<Row> = on_conn!(conn, |c| sqlx::query_as(
        "select distinct p.id, p.slug, p.display_name, p.public_profile, e.email, p.sort_key from person p \
         join role_assignment r on r.person_id = p.id and r.revoked_at is null and r.source <> 'eig-opendata' \
         left join person_email e on e.person_id = p.id and e.is_primary = true order by p.sort_key"
    )
    .fetch_all(c)
    .await)?;
    Ok(rows.into_iter().map(|r| (r.p, r.email)).collect())
}

/// A cohort's id by code.
pub async fn cohort_id(conn: &mut Conn<'_>, code: &str) -> Result<Option<CohortId>, StoreError> {
    let id: Option<Uuid> =
        on_conn!(conn, |c| sqlx::query_scalar("select id from cohort where code = $1").bind(code).fetch_optional(c).await)?;
    Ok(id.map(CohortId::from_uuid))
}

// ---------------------------------------------------------------- sessions

/// A stored session.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SessionRow {
    /// SHA-256 of the cookie's token.
    pub id_hash: String,
    /// The signed-in person.
    pub person_id: Option<Uuid>,
    /// The form token.
    pub csrf_token: String,
    /// How the session was signed in.
    pub auth_method: Option<String>,
    /// When the person last proved who they are.
    pub authenticated_at: Option<OffsetDateTime>,
    /// Created.
    pub created_at: OffsetDateTime,
    /// Last request.
    pub last_seen_at: OffsetDateTime,
    /// Idle limit in seconds.
    pub idle_timeout_secs: i64,
    /// Absolute end.
    pub absolute_expires_at: OffsetDateTime,
    /// Browser.
    pub user_agent: Option<String>,
    /// Address.
    pub ip: Option<String>,
    /// A person who passed the first step and must give a second factor.
    pub pending_person_id: Option<Uuid>,
    /// OpenID Connect flow in progress (JSON).
    pub oidc_state: Option<String>,
    /// Revoked.
    pub revoked_at: Option<OffsetDateTime>,
}

/// Stores a new session.
pub async fn insert_session(conn: &mut Conn<'_>, s: &SessionRow) -> Result<(), StoreError> {
    on_conn!(conn, |c| sqlx::query(
        "insert into session (id_hash, person_id, csrf_token, auth_method, strong_auth_at, authenticated_at, created_at, last_seen_at, \
         idle_timeout_secs, absolute_expires_at, user_agent, ip, pending_person_id, oidc_state, revoked_at) \
         values ($1, $2, $3, $4, null, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
    )
    .bind(&s.id_hash)
    .bind(s.person_id)
    .bind(&s.csrf_token)
    .bind(&s.auth_method)
    .bind(s.authenticated_at)
    .bind(s.created_at)
    .bind(s.last_seen_at)
    .bind(s.idle_timeout_secs)
    .bind(s.absolute_expires_at)
    .bind(&s.user_agent)
    .bind(&s.ip)
    .bind(s.pending_person_id)
    .bind(&s.oidc_state)
    .bind(s.revoked_at)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// A session by the hash of its token.
pub async fn session(conn: &mut Conn<'_>, id_hash: &str) -> Result<Option<SessionRow>, StoreError> {
    const SQL: &str = "select id_hash, person_id, csrf_token, auth_method, authenticated_at, created_at, last_seen_at, \
        idle_timeout_secs, absolute_expires_at, user_agent, ip, pending_person_id, oidc_state, revoked_at from session where id_hash = $1";
    Ok(on_conn!(conn, |c| sqlx::query_as(SQL).bind(id_hash).fetch_optional(c).await)?)
}

/// A session as a request reads it, in one statement: the row, whether its person's roles changed
/// since (it must get a new token before it is used again), and its person's name and active
/// grants (none for an anonymous session or a person gone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionInUse {
    /// The row.
    pub row: SessionRow,
    /// Whether it must be rotated.
    pub must_rotate: bool,
    /// The signed-in person's name and grants.
    pub person: Option<(String, Vec<Grant>)>,
}

/// Reads a session with its rotation flag and its person (see [`SessionInUse`]).
pub async fn session_in_use(conn: &mut Conn<'_>, id_hash: &str) -> Result<Option<SessionInUse>, StoreError> {
    #[derive(sqlx::FromRow)]
    struct Raw {
        #[sqlx(flatten)]
        row: SessionRow,
        must_rotate: bool,
        display_name: Option<String>,
        role: Option<String>,
        role_cohort: Option<Uuid>,
        role_challenge: Option<Uuid>,
        role_organisation: Option<Uuid>,
    }
    const SQL: &str = "select s.id_hash, s.person_id, s.csrf_token, s.auth_method, s.authenticated_at, s.created_at, \
        s.last_seen_at, s.idle_timeout_secs, s.absolute_expires_at, s.user_agent, s.ip, s.pending_person_id, s.oidc_state, \
        s.revoked_at, s.must_rotate, p.display_name, ra.role, ra.cohort_id as role_cohort, ra.challenge_id as role_challenge, \
        ra.organisation_id as role_organisation from session s left join person p on p.id = s.person_id \
        left join role_assignment ra on ra.person_id = p.id and ra.revoked_at is null where s.id_hash = $1";
    let rows: Vec<Raw> = on_conn!(conn, |c| sqlx::query_as(SQL).bind(id_hash).fetch_all(c).await)?;
    let mut rows = rows.into_iter();
    let Some(first) = rows.next() else { return Ok(None) };
    let grant = |r: &Raw| r.role.as_deref().and_then(|role| grant_of(role, r.role_cohort, r.role_challenge, r.role_organisation));
    let mut grants: Vec<Grant> = grant(&first).into_iter().collect();
    grants.extend(rows.filter_map(|r| grant(&r)));
    let person = first.display_name.clone().map(|name| (name, grants));
    Ok(Some(SessionInUse { row: first.row, must_rotate: first.must_rotate, person }))
}

/// Records activity (only when the last record is older than a minute, to spare writes).
pub async fn touch_session(conn: &mut Conn<'_>, id_hash: &str, now: OffsetDateTime) -> Result<(), StoreError> {
    on_conn!(conn, |c| sqlx::query("update session set last_seen_at = $2 where id_hash = $1 and last_seen_at < $3")
        .bind(id_hash)
        .bind(now)
        .bind(now - time::Duration::minutes(1))
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Replaces a session by a new one (sign-in, role change): the old token stops working.
pub async fn rotate_session(conn: &mut Conn<'_>, old_hash: &str, new: &SessionRow) -> Result<(), StoreError> {
    on_conn!(conn, |c| sqlx::query("delete from session where id_hash = $1").bind(old_hash).execute(c).await.map(|r| r.rows_affected()))?;
    insert_session(conn, new).await
}

/// Stores (or clears) the OpenID Connect flow in progress.
pub async fn set_oidc_state(conn: &mut Conn<'_>, id_hash: &str, state: Option<&str>) -> Result<(), StoreError> {
    on_conn!(conn, |c| sqlx::query("update session set oidc_state = $2 where id_hash = $1")
        .bind(id_hash)
        .bind(state)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Changes how a session counts as signed in (a removed second factor weakens it).
pub async fn set_auth_method(conn: &mut Conn<'_>, id_hash: &str, method: &str) -> Result<(), StoreError> {
    on_conn!(conn, |c| sqlx::query("update session set auth_method = $2 where id_hash = $1")
        .bind(id_hash)
        .bind(method)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Asks every session of a person to change its token at its next request (their roles changed).
pub async fn flag_rotation(conn: &mut Conn<'_>, person: PersonId) -> Result<u64, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query("update session set must_rotate = true where person_id = $1 and revoked_at is null")
        .bind(person.as_uuid())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?)
}

/// Revokes a session; `true` when it was active.
pub async fn revoke_session(conn: &mut Conn<'_>, id_hash: &str, now: OffsetDateTime) -> Result<bool, StoreError> {
    let n = on_conn!(conn, |c| sqlx::query("update session set revoked_at = $2 where id_hash = $1 and revoked_at is null")
        .bind(id_hash)
        .bind(now)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Revokes every session of a person but one; returns how many.
pub async fn revoke_person_sessions(
    conn: &mut Conn<'_>,
    person: PersonId,
    except: Option<&str>,
    now: OffsetDateTime,
) -> Result<u64, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query(
        "update session set revoked_at = $3 where person_id = $1 and revoked_at is null and ($2 is null or id_hash <> $2)"
    )
    .bind(person.as_uuid())
    .bind(except)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?)
}

/// A person's sessions still alive, most recent first.
pub async fn sessions_of(conn: &mut Conn<'_>, person: PersonId, now: OffsetDateTime) -> Result<Vec<SessionRow>, StoreError> {
    let rows: Vec<SessionRow> = on_conn!(conn, |c| sqlx::query_as(
        "select id_hash, person_id, csrf_token, auth_method, authenticated_at, created_at, last_seen_at, idle_timeout_secs, \
         absolute_expires_at, user_agent, ip, pending_person_id, oidc_state, revoked_at from session \
         where person_id = $1 and revoked_at is null and absolute_expires_at > $2 order by last_seen_at desc"
    )
    .bind(person.as_uuid())
    .bind(now)
    .fetch_all(c)
    .await)?;
    Ok(rows.into_iter().filter(|s| now - s.last_seen_at < time::Duration::seconds(s.idle_timeout_secs)).collect())
}

/// Deletes sessions that ended before `cutoff`; returns how many.
pub async fn purge_sessions(conn: &mut Conn<'_>, cutoff: OffsetDateTime) -> Result<u64, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query("delete from session where absolute_expires_at < $1 or revoked_at < $1")
        .bind(cutoff)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?)
}

// ---------------------------------------------------------------- emailed tokens

/// An emailed token.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TokenRow {
    /// Purpose.
    pub purpose: String,
    /// The address it was sent to.
    pub email: String,
    /// The person it is for, when known.
    pub person_id: Option<Uuid>,
    /// The session (browser) that asked for it.
    pub session_hash: Option<String>,
    /// What it carries (JSON: invitation roles, new address…).
    pub payload: String,
    /// Expires.
    pub expires_at: OffsetDateTime,
}

/// Stores a token (by hash).
#[expect(clippy::too_many_arguments, reason = "one column each")]
pub async fn insert_token(
    conn: &mut Conn<'_>,
    token_hash: &str,
    purpose: &str,
    email: &Email,
    person: Option<PersonId>,
    session_hash: Option<&str>,
    payload: &str,
    now: OffsetDateTime,
    expires_at: OffsetDateTime,
) -> Result<(), StoreError> {
    on_conn!(conn, |c| sqlx::query(
        "insert into email_token (token_hash, purpose, email, person_id, session_hash, payload, created_at, expires_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8)"
    )
    .bind(token_hash)
    .bind(purpose)
    .bind(email.as_str())
    .bind(person.map(|p| p.as_uuid()))
    .bind(session_hash)
    .bind(payload)
    .bind(now)
    .bind(expires_at)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// A token still usable (not used, not expired), without consuming it.
pub async fn peek_token(conn: &mut Conn<'_>, token_hash: &str, purpose: &str, now: OffsetDateTime) -> Result<Option<TokenRow>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as(
        "select purpose, email, person_id, session_hash, payload, expires_at from email_token \
         where token_hash = $1 and purpose = $2 and used_at is null and expires_at > $3"
    )
    .bind(token_hash)
    .bind(purpose)
    .bind(now)
    .fetch_optional(c)
    .await)?)
}

/// Consumes a token: at most one caller ever gets it (single use, even under concurrency).
pub async fn take_token(conn: &mut Conn<'_>, token_hash: &str, purpose: &str, now: OffsetDateTime) -> Result<Option<TokenRow>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as(
        "update email_token set used_at = $3 where token_hash = $1 and purpose = $2 and used_at is null and expires_at > $3 \
         returning purpose, email, person_id, session_hash, payload, expires_at"
    )
    .bind(token_hash)
    .bind(purpose)
    .bind(now)
    .fetch_optional(c)
    .await)?)
}

/// Voids every outstanding token of an address for a purpose; returns how many.
pub async fn void_tokens(conn: &mut Conn<'_>, email: &Email, purpose: &str, now: OffsetDateTime) -> Result<u64, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query("update email_token set used_at = $3 where email = $1 and purpose = $2 and used_at is null")
        .bind(email.as_str())
        .bind(purpose)
        .bind(now)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?)
}

// ---------------------------------------------------------------- second factor

/// A person's TOTP credential.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TotpRow {
    /// Base32 secret.
    pub secret: String,
    /// Confirmed when (an unconfirmed secret is being enrolled).
    pub confirmed_at: Option<OffsetDateTime>,
    /// Last accepted time step (refuses replays).
    pub last_step: Option<i64>,
}

/// Starts (or restarts) an enrolment with a new secret.
pub async fn set_totp_secret(conn: &mut Conn<'_>, person: PersonId, secret: &str, now: OffsetDateTime) -> Result<(), StoreError> {
    on_conn!(conn, |c| {
        sqlx::query(
        "insert into totp_credential (person_id, secret, confirmed_at, last_step, created_at) values ($1, $2, null, null, $3) \
         on conflict (person_id) do update set secret = excluded.secret, confirmed_at = null, last_step = null, created_at = excluded.created_at"
    )
    .bind(person.as_uuid())
    .bind(secret)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// A person's TOTP credential.
pub async fn totp_of(conn: &mut Conn<'_>, person: PersonId) -> Result<Option<TotpRow>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as("select secret, confirmed_at, last_step from totp_credential where person_id = $1")
        .bind(person.as_uuid())
        .fetch_optional(c)
        .await)?)
}

/// Accepts a time step once: `false` when it (or a later one) was already used.
pub async fn use_totp_step(
    conn: &mut Conn<'_>,
    person: PersonId,
    step: i64,
    confirm_at: Option<OffsetDateTime>,
) -> Result<bool, StoreError> {
    let n = on_conn!(conn, |c| sqlx::query(
        "update totp_credential set last_step = $2, confirmed_at = coalesce(confirmed_at, $3) \
         where person_id = $1 and (last_step is null or last_step < $2)"
    )
    .bind(person.as_uuid())
    .bind(step)
    .bind(confirm_at)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Removes a person's second factor and recovery codes.
pub async fn delete_totp(conn: &mut Conn<'_>, person: PersonId) -> Result<(), StoreError> {
    on_conn!(conn, |c| sqlx::query("delete from totp_credential where person_id = $1")
        .bind(person.as_uuid())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    on_conn!(conn, |c| sqlx::query("delete from recovery_code where person_id = $1")
        .bind(person.as_uuid())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Replaces a person's recovery codes (hashes).
pub async fn replace_recovery_codes(conn: &mut Conn<'_>, person: PersonId, hashes: &[String]) -> Result<(), StoreError> {
    on_conn!(conn, |c| sqlx::query("delete from recovery_code where person_id = $1")
        .bind(person.as_uuid())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    for h in hashes {
        on_conn!(conn, |c| sqlx::query("insert into recovery_code (person_id, code_hash) values ($1, $2)")
            .bind(person.as_uuid())
            .bind(h)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
    }
    Ok(())
}

/// Uses a recovery code once: `true` when it was valid and unused.
pub async fn use_recovery_code(conn: &mut Conn<'_>, person: PersonId, hash: &str, now: OffsetDateTime) -> Result<bool, StoreError> {
    let n = on_conn!(conn, |c| sqlx::query(
        "update recovery_code set used_at = $3 where person_id = $1 and code_hash = $2 and used_at is null"
    )
    .bind(person.as_uuid())
    .bind(hash)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// How many recovery codes a person has left.
pub async fn recovery_codes_left(conn: &mut Conn<'_>, person: PersonId) -> Result<i64, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_scalar("select count(*) from recovery_code where person_id = $1 and used_at is null")
        .bind(person.as_uuid())
        .fetch_one(c)
        .await)?)
}

// ---------------------------------------------------------------- rate limits

/// Counts one hit in a window; returns the hits so far in it (this one included). Every instance
/// sharing the database shares the count.
pub async fn hit(conn: &mut Conn<'_>, bucket: &str, window_start: i64) -> Result<i64, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_scalar(
        "insert into rate_limit (bucket, window_start, hits) values ($1, $2, 1) \
         on conflict (bucket, window_start) do update set hits = rate_limit.hits + 1 returning hits"
    )
    .bind(bucket)
    .bind(window_start)
    .fetch_one(c)
    .await)?)
}

/// How many were counted in a bucket after `since` (unix seconds). With [`hit`] at the current
/// second as the window start, a bucket is a log of events counted over a sliding window.
pub async fn hits_since(conn: &mut Conn<'_>, bucket: &str, since: i64) -> Result<i64, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_scalar(
        "select cast(coalesce(sum(hits), 0) as bigint) from rate_limit where bucket = $1 and window_start > $2"
    )
    .bind(bucket)
    .bind(since)
    .fetch_one(c)
    .await)?)
}

/// Takes a lock on a bucket until the transaction ends, so that concurrent checks of one bucket
/// (on PostgreSQL, several instances) count one after the other. Its row (window 0) is never in a
/// sliding window.
pub async fn lock_bucket(conn: &mut Conn<'_>, bucket: &str) -> Result<(), StoreError> {
    hit(conn, bucket, 0).await.map(|_| ())
}

/// Forgets what a bucket counted.
pub async fn clear_bucket(conn: &mut Conn<'_>, bucket: &str) -> Result<u64, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query("delete from rate_limit where bucket = $1")
        .bind(bucket)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?)
}

/// Deletes windows that started before `before` (unix seconds).
pub async fn purge_rate_limits(conn: &mut Conn<'_>, before: i64) -> Result<u64, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query("delete from rate_limit where window_start < $1")
        .bind(before)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?)
}

// ---------------------------------------------------------------- deletion requests

/// Records a request to delete one's account.
pub async fn request_deletion(
    conn: &mut Conn<'_>,
    person: PersonId,
    reason: Option<&str>,
    now: OffsetDateTime,
) -> Result<bool, StoreError> {
    let open: i64 =
        on_conn!(conn, |c| sqlx::query_scalar("select count(*) from deletion_request where person_id = $1 and status = 'open'")
            .bind(person.as_uuid())
            .fetch_one(c)
            .await)?;
    if open > 0 {
        return Ok(false);
    }
    on_conn!(conn, |c| sqlx::query(
        "insert into deletion_request (id, person_id, reason, requested_at, status) values ($1, $2, $3, $4, 'open')"
    )
    .bind(Uuid::now_v7())
    .bind(person.as_uuid())
    .bind(reason)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(true)
}

/// Whether a person has an open deletion request, and since when.
pub async fn open_deletion_request(conn: &mut Conn<'_>, person: PersonId) -> Result<Option<OffsetDateTime>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_scalar("select requested_at from deletion_request where person_id = $1 and status = 'open'")
        .bind(person.as_uuid())
        .fetch_optional(c)
        .await)?)
}
