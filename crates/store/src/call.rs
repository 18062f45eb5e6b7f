//! The call for projects: cohorts' calendars and rules, organisations chosen by administrations,
//! proposals with their members and documents.

use cohorte_domain::cohort::{Calendar, Milestone, MilestoneKind, RuleSet};
use cohorte_domain::ids::{CohortId, DocumentId, OrganisationId, PersonId, ProposalId, RuleSetId};
use cohorte_domain::proposal::{ProposalForm, ProposalStatus};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::{Conn, StoreError, on_conn};

// ---------------------------------------------------------------- cohorts

/// A cohort as staff manage it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CohortAdminRow {
    /// Id.
    pub id: Uuid,
    /// Code (`eig-6`).
    pub code: String,
    /// `eig` or `dig`.
    pub kind: String,
    /// Number.
    pub number: Option<i32>,
    /// Year.
    pub year: i32,
    /// French title.
    pub title_fr: String,
    /// English title.
    pub title_en: String,
    /// Proposals (all statuses).
    pub proposals: i64,
}

impl CohortAdminRow {
    /// The typed id.
    pub fn cohort_id(&self) -> CohortId {
        CohortId::from_uuid(self.id)
    }
}

macro_rules! cohort_admin {
    () => {
        "select co.id, co.code, co.kind, co.number, co.year, co.title_fr, co.title_en, \
     (select count(*) from proposal p where p.cohort_id = co.id) as proposals from cohort co"
    };
}

/// Every cohort, newest first.
pub async fn cohorts(conn: &mut Conn<'_>) -> Result<Vec<CohortAdminRow>, StoreError> {
    let sql = concat!(cohort_admin!(), " order by co.year desc, co.number desc");
    Ok(on_conn!(conn, |c| sqlx::query_as(sql).fetch_all(c).await)?)
}

/// A cohort by code.
pub async fn cohort_by_code(conn: &mut Conn<'_>, code: &str) -> Result<Option<CohortAdminRow>, StoreError> {
    let sql = concat!(cohort_admin!(), " where co.code = $1");
    Ok(on_conn!(conn, |c| sqlx::query_as(sql).bind(code).fetch_optional(c).await)?)
}

/// A cohort by id.
pub async fn cohort(conn: &mut Conn<'_>, id: CohortId) -> Result<Option<CohortAdminRow>, StoreError> {
    let sql = concat!(cohort_admin!(), " where co.id = $1");
    Ok(on_conn!(conn, |c| sqlx::query_as(sql).bind(id.as_uuid()).fetch_optional(c).await)?)
}

/// The new cohort's facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCohort {
    /// Code.
    pub code: String,
    /// `eig` or `dig`.
    pub kind: String,
    /// Number.
    pub number: Option<i32>,
    /// Year.
    pub year: i32,
    /// French title.
    pub title_fr: String,
    /// English title.
    pub title_en: String,
}

/// Creates a cohort (the code is unique: a duplicate is a `Conflict`).
pub async fn create_cohort(conn: &mut Conn<'_>, co: &NewCohort) -> Result<CohortId, StoreError> {
    let program = crate::content::ensure_program(conn, "eig", "Entrepreneurs d’intérêt général").await?;
    let id = Uuid::now_v7();
    on_conn!(conn, |c| sqlx::query(
        "insert into cohort (id, program_id, code, kind, number, year, title_fr, title_en, fingerprint) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, '')"
    )
    .bind(id)
    .bind(program.as_uuid())
    .bind(&co.code)
    .bind(&co.kind)
    .bind(co.number)
    .bind(co.year)
    .bind(&co.title_fr)
    .bind(&co.title_en)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(CohortId::from_uuid(id))
}

/// A cohort's calendar.
pub async fn calendar(conn: &mut Conn<'_>, cohort: CohortId) -> Result<Calendar, StoreError> {
    let rows: Vec<(String, OffsetDateTime, Option<OffsetDateTime>)> = on_conn!(conn, |c| sqlx::query_as(
        "select kind, starts_at, ends_at from cohort_milestone where cohort_id = $1 order by starts_at"
    )
    .bind(cohort.as_uuid())
    .fetch_all(c)
    .await)?;
    Ok(Calendar(
        rows.into_iter()
            .filter_map(|(k, starts_at, ends_at)| Some(Milestone { kind: MilestoneKind::parse(&k)?, starts_at, ends_at }))
            .collect(),
    ))
}

/// Replaces a cohort's calendar.
pub async fn replace_calendar(conn: &mut Conn<'_>, cohort: CohortId, cal: &Calendar) -> Result<(), StoreError> {
    on_conn!(conn, |c| sqlx::query("delete from cohort_milestone where cohort_id = $1")
        .bind(cohort.as_uuid())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    for m in &cal.0 {
        on_conn!(conn, |c| sqlx::query("insert into cohort_milestone (cohort_id, kind, starts_at, ends_at) values ($1, $2, $3, $4)")
            .bind(cohort.as_uuid())
            .bind(m.kind.as_str())
            .bind(m.starts_at)
            .bind(m.ends_at)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
    }
    Ok(())
}

// ---------------------------------------------------------------- rules

/// A stored rule set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSetRow {
    /// Id.
    pub id: RuleSetId,
    /// Version within the cohort (1, 2…).
    pub version: i32,
    /// The rules.
    pub rules: RuleSet,
    /// When.
    pub created_at: OffsetDateTime,
    /// How many proposals use it.
    pub used_by: i64,
}

type RuleRow = (Uuid, i32, String, OffsetDateTime, i64);

fn rule_row((id, version, body, created_at, used_by): RuleRow) -> Result<RuleSetRow, StoreError> {
    let rules = serde_json::from_str(&body).map_err(|e| StoreError::Corrupt(format!("rule set {id}: {e}")))?;
    Ok(RuleSetRow { id: RuleSetId::from_uuid(id), version, rules, created_at, used_by })
}

macro_rules! rules_select {
    () => {
        "select r.id, r.version, r.body, r.created_at, (select count(*) from proposal p where p.rule_set_id = r.id) as used_by from rule_set r"
    };
}

/// The current (latest) rules of a cohort.
pub async fn current_rules(conn: &mut Conn<'_>, cohort: CohortId) -> Result<Option<RuleSetRow>, StoreError> {
    let sql = concat!(rules_select!(), " where r.cohort_id = $1 order by r.version desc limit 1");
    let row: Option<RuleRow> = on_conn!(conn, |c| sqlx::query_as(sql).bind(cohort.as_uuid()).fetch_optional(c).await)?;
    row.map(rule_row).transpose()
}

/// A rule set by id.
pub async fn rules(conn: &mut Conn<'_>, id: RuleSetId) -> Result<Option<RuleSetRow>, StoreError> {
    let sql = concat!(rules_select!(), " where r.id = $1");
    let row: Option<RuleRow> = on_conn!(conn, |c| sqlx::query_as(sql).bind(id.as_uuid()).fetch_optional(c).await)?;
    row.map(rule_row).transpose()
}

/// Every version of a cohort's rules, newest first.
pub async fn rule_versions(conn: &mut Conn<'_>, cohort: CohortId) -> Result<Vec<RuleSetRow>, StoreError> {
    let sql = concat!(rules_select!(), " where r.cohort_id = $1 order by r.version desc");
    let rows: Vec<RuleRow> = on_conn!(conn, |c| sqlx::query_as(sql).bind(cohort.as_uuid()).fetch_all(c).await)?;
    rows.into_iter().map(rule_row).collect()
}

/// Stores the cohort's rules: a new version when the current one is used by a proposal (or none
/// exists), else the current version is updated in place.
pub async fn save_rules(
    conn: &mut Conn<'_>,
    cohort: CohortId,
    rules: &RuleSet,
    by: Option<PersonId>,
    now: OffsetDateTime,
) -> Result<RuleSetRow, StoreError> {
    let body = serde_json::to_string(rules).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    match current_rules(conn, cohort).await? {
        Some(cur) if cur.used_by == 0 => {
            on_conn!(conn, |c| sqlx::query("update rule_set set body = $2, created_at = $3, created_by = $4 where id = $1")
                .bind(cur.id.as_uuid())
                .bind(&body)
                .bind(now)
                .bind(by.map(|p| p.as_uuid()))
                .execute(c)
                .await
                .map(|r| r.rows_affected()))?;
        }
        cur => {
            let version = cur.map(|r| r.version + 1).unwrap_or(1);
            on_conn!(conn, |c| sqlx::query(
                "insert into rule_set (id, cohort_id, version, body, created_at, created_by) values ($1, $2, $3, $4, $5, $6)"
            )
            .bind(Uuid::now_v7())
            .bind(cohort.as_uuid())
            .bind(version)
            .bind(&body)
            .bind(now)
            .bind(by.map(|p| p.as_uuid()))
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        }
    }
    current_rules(conn, cohort).await?.ok_or(StoreError::NotFound)
}

// ---------------------------------------------------------------- organisations

/// An organisation an administration may choose.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OrganisationChoice {
    /// Id.
    pub id: Uuid,
    /// Slug.
    pub slug: String,
    /// Name.
    pub name: String,
    /// Acronym.
    pub acronym: Option<String>,
    /// Kind.
    pub kind: String,
    /// The path in the tree (`Ministère … / Direction …`).
    pub path: String,
}

/// Organisations whose name, acronym or alias contains every word of `key` (a search key:
/// lowercase, accents folded); at most `limit`.
pub async fn find_organisations(conn: &mut Conn<'_>, key: &str, limit: i64) -> Result<Vec<OrganisationChoice>, StoreError> {
    let pattern = format!("%{}%", key.replace(['%', '_'], ""));
    Ok(on_conn!(conn, |c| sqlx::query_as(
        "select o.id, o.slug, o.name, o.acronym, o.kind, o.path from organisation o \
         where lower(o.sort_key) like $1 or lower(coalesce(o.acronym, '')) like $1 \
            or exists (select 1 from organisation_alias a where a.organisation_id = o.id and a.alias_key like $1) \
         order by o.path limit $2"
    )
    .bind(&pattern)
    .bind(limit)
    .fetch_all(c)
    .await)?)
}

/// An organisation by slug.
pub async fn organisation(conn: &mut Conn<'_>, slug: &str) -> Result<Option<OrganisationChoice>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as("select id, slug, name, acronym, kind, path from organisation where slug = $1")
        .bind(slug)
        .fetch_optional(c)
        .await)?)
}

// ---------------------------------------------------------------- proposals

/// A proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalRow {
    /// Id.
    pub id: ProposalId,
    /// Its cohort.
    pub cohort_id: CohortId,
    /// The rules it follows.
    pub rule_set_id: RuleSetId,
    /// Human reference (`EIG-6-007`).
    pub reference: String,
    /// Name.
    pub name: String,
    /// Host organisation.
    pub organisation_id: Option<OrganisationId>,
    /// Status.
    pub status: ProposalStatus,
    /// Version, for saves that must not overwrite each other.
    pub version: i32,
    /// The form.
    pub form: ProposalForm,
    /// Author.
    pub created_by: PersonId,
    /// Created.
    pub created_at: OffsetDateTime,
    /// Last saved.
    pub updated_at: OffsetDateTime,
    /// Submitted (server time).
    pub submitted_at: Option<OffsetDateTime>,
    /// Fingerprint of the submission.
    pub submission_hash: Option<String>,
    /// Why it was refused (ineligible, incomplete, rejected).
    pub status_reason: Option<String>,
    /// What information was requested.
    pub info_request: Option<String>,
    /// The fields reopened by a request for information (JSON list).
    pub reopened: Vec<cohorte_domain::cohort::TextField>,
}

#[derive(sqlx::FromRow)]
struct RawProposal {
    id: Uuid,
    cohort_id: Uuid,
    rule_set_id: Uuid,
    reference: String,
    name: String,
    organisation_id: Option<Uuid>,
    status: String,
    version: i32,
    form: String,
    created_by: Uuid,
    created_at: OffsetDateTime,
    updated_at: OffsetDateTime,
    submitted_at: Option<OffsetDateTime>,
    submission_hash: Option<String>,
    status_reason: Option<String>,
    info_request: Option<String>,
    reopened: Option<String>,
}

impl TryFrom<RawProposal> for ProposalRow {
    type Error = StoreError;

    fn try_from(r: RawProposal) -> Result<Self, StoreError> {
        let corrupt = |what: &str| StoreError::Corrupt(format!("proposal {}: {what}", r.id));
        Ok(ProposalRow {
            id: ProposalId::from_uuid(r.id),
            cohort_id: CohortId::from_uuid(r.cohort_id),
            rule_set_id: RuleSetId::from_uuid(r.rule_set_id),
            status: ProposalStatus::parse(&r.status).ok_or_else(|| corrupt("status"))?,
            form: serde_json::from_str(&r.form).map_err(|e| corrupt(&e.to_string()))?,
            reopened: match &r.reopened {
                Some(j) => serde_json::from_str(j).map_err(|e| corrupt(&e.to_string()))?,
                None => Vec::new(),
            },
            reference: r.reference,
            name: r.name,
            organisation_id: r.organisation_id.map(OrganisationId::from_uuid),
            version: r.version,
            created_by: PersonId::from_uuid(r.created_by),
            created_at: r.created_at,
            updated_at: r.updated_at,
            submitted_at: r.submitted_at,
            submission_hash: r.submission_hash,
            status_reason: r.status_reason,
            info_request: r.info_request,
        })
    }
}

macro_rules! proposal_select {
    () => {
        "select id, cohort_id, rule_set_id, reference, name, organisation_id, status, version, form, created_by, \
     created_at, updated_at, submitted_at, submission_hash, status_reason, info_request, reopened from proposal"
    };
}

/// A proposal by id.
pub async fn proposal(conn: &mut Conn<'_>, id: ProposalId) -> Result<Option<ProposalRow>, StoreError> {
    let sql = concat!(proposal_select!(), " where id = $1");
    let row: Option<RawProposal> = on_conn!(conn, |c| sqlx::query_as(sql).bind(id.as_uuid()).fetch_optional(c).await)?;
    row.map(ProposalRow::try_from).transpose()
}

/// A proposal by reference.
pub async fn proposal_by_reference(conn: &mut Conn<'_>, reference: &str) -> Result<Option<ProposalRow>, StoreError> {
    let sql = concat!(proposal_select!(), " where reference = $1");
    let row: Option<RawProposal> = on_conn!(conn, |c| sqlx::query_as(sql).bind(reference).fetch_optional(c).await)?;
    row.map(ProposalRow::try_from).transpose()
}

/// The proposals a person works on, newest first.
pub async fn proposals_of(conn: &mut Conn<'_>, person: PersonId) -> Result<Vec<ProposalRow>, StoreError> {
    let sql =
        concat!(proposal_select!(), " where id in (select proposal_id from proposal_member where person_id = $1) order by created_at desc");
    let rows: Vec<RawProposal> = on_conn!(conn, |c| sqlx::query_as(sql).bind(person.as_uuid()).fetch_all(c).await)?;
    rows.into_iter().map(ProposalRow::try_from).collect()
}

/// The proposals of a cohort, by reference.
pub async fn proposals_of_cohort(conn: &mut Conn<'_>, cohort: CohortId) -> Result<Vec<ProposalRow>, StoreError> {
    let sql = concat!(proposal_select!(), " where cohort_id = $1 order by reference");
    let rows: Vec<RawProposal> = on_conn!(conn, |c| sqlx::query_as(sql).bind(cohort.as_uuid()).fetch_all(c).await)?;
    rows.into_iter().map(ProposalRow::try_from).collect()
}

fn form_json(form: &ProposalForm) -> Result<String, StoreError> {
    serde_json::to_string(form).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Creates a draft proposal with the next reference of its cohort (`<CODE>-<NNN>`), its author
/// as its first member.
pub async fn create_proposal(
    conn: &mut Conn<'_>,
    cohort: &CohortAdminRow,
    rules: RuleSetId,
    name: &str,
    author: PersonId,
    now: OffsetDateTime,
) -> Result<ProposalRow, StoreError> {
    let count: i64 =
        on_conn!(conn, |c| sqlx::query_scalar("select count(*) from proposal where cohort_id = $1").bind(cohort.id).fetch_one(c).await)?;
    let reference = format!("{}-{:03}", cohort.code.to_uppercase(), count + 1);
    let id = Uuid::now_v7();
    let form = ProposalForm { texts: [(cohorte_domain::cohort::TextField::Name, name.to_owned())].into(), ..ProposalForm::default() };
    let json = form_json(&form)?;
    on_conn!(conn, |c| sqlx::query(
        "insert into proposal (id, cohort_id, rule_set_id, reference, name, status, version, form, created_by, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, 'draft', 1, $6, $7, $8, $8)"
    )
    .bind(id)
    .bind(cohort.id)
    .bind(rules.as_uuid())
    .bind(&reference)
    .bind(name)
    .bind(&json)
    .bind(author.as_uuid())
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    add_member(conn, ProposalId::from_uuid(id), author, "author", now).await?;
    proposal(conn, ProposalId::from_uuid(id)).await?.ok_or(StoreError::NotFound)
}

/// Saves the form if nobody saved since `expected_version`; returns the new version, or `None`
/// when another save came first (the caller shows a conflict).
pub async fn save_form(
    conn: &mut Conn<'_>,
    id: ProposalId,
    expected_version: i32,
    form: &ProposalForm,
    organisation: Option<OrganisationId>,
    now: OffsetDateTime,
) -> Result<Option<i32>, StoreError> {
    let json = form_json(form)?;
    let name = form.texts.get(&cohorte_domain::cohort::TextField::Name).cloned().unwrap_or_default();
    let n = on_conn!(conn, |c| sqlx::query(
        "update proposal set form = $3, name = $4, organisation_id = $5, updated_at = $6, version = version + 1 \
         where id = $1 and version = $2"
    )
    .bind(id.as_uuid())
    .bind(expected_version)
    .bind(&json)
    .bind(&name)
    .bind(organisation.map(|o| o.as_uuid()))
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok((n == 1).then_some(expected_version + 1))
}

/// What a status change records.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatusChange {
    /// The reason shown to the administration (refusals).
    pub reason: Option<String>,
    /// The information requested.
    pub info_request: Option<String>,
    /// The fields reopened.
    pub reopened: Option<Vec<cohorte_domain::cohort::TextField>>,
    /// The submission time and fingerprint (submission only).
    pub submission: Option<(OffsetDateTime, String)>,
}

/// Moves a proposal from `from` to `to` (only if it is still in `from`: two staff members acting
/// at once cannot both succeed). Returns whether it moved.
pub async fn set_status(
    conn: &mut Conn<'_>,
    id: ProposalId,
    from: ProposalStatus,
    to: ProposalStatus,
    change: &StatusChange,
    now: OffsetDateTime,
) -> Result<bool, StoreError> {
    let reopened = match &change.reopened {
        Some(r) => Some(serde_json::to_string(r).map_err(|e| StoreError::Corrupt(e.to_string()))?),
        None => None,
    };
    let (submitted_at, hash) = match &change.submission {
        Some((at, h)) => (Some(*at), Some(h.clone())),
        None => (None, None),
    };
    let n = on_conn!(conn, |c| sqlx::query(
        "update proposal set status = $3, updated_at = $4, version = version + 1, \
         status_reason = coalesce($5, status_reason), info_request = $6, reopened = $7, \
         submitted_at = coalesce($8, submitted_at), submission_hash = coalesce($9, submission_hash) \
         where id = $1 and status = $2"
    )
    .bind(id.as_uuid())
    .bind(from.as_str())
    .bind(to.as_str())
    .bind(now)
    .bind(&change.reason)
    .bind(&change.info_request)
    .bind(&reopened)
    .bind(submitted_at)
    .bind(&hash)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

// ---------------------------------------------------------------- members

/// Adds a person to a proposal (no change if already there).
pub async fn add_member(
    conn: &mut Conn<'_>,
    id: ProposalId,
    person: PersonId,
    role: &str,
    now: OffsetDateTime,
) -> Result<bool, StoreError> {
    let n = on_conn!(conn, |c| sqlx::query(
        "insert into proposal_member (proposal_id, person_id, role, added_at) values ($1, $2, $3, $4) \
         on conflict (proposal_id, person_id) do nothing"
    )
    .bind(id.as_uuid())
    .bind(person.as_uuid())
    .bind(role)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// A member of a proposal.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MemberRow {
    /// Person.
    pub person_id: Uuid,
    /// Name.
    pub display_name: String,
    /// Role on the proposal (`author` or a contact role).
    pub role: String,
}

/// The members of a proposal.
pub async fn members(conn: &mut Conn<'_>, id: ProposalId) -> Result<Vec<MemberRow>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as(
        "select m.person_id, p.display_name, m.role from proposal_member m join person p on p.id = m.person_id \
         where m.proposal_id = $1 order by m.added_at"
    )
    .bind(id.as_uuid())
    .fetch_all(c)
    .await)?)
}

/// Whether a person works on a proposal.
pub async fn is_member(conn: &mut Conn<'_>, id: ProposalId, person: PersonId) -> Result<bool, StoreError> {
    let n: i64 = on_conn!(conn, |c| sqlx::query_scalar("select count(*) from proposal_member where proposal_id = $1 and person_id = $2")
        .bind(id.as_uuid())
        .bind(person.as_uuid())
        .fetch_one(c)
        .await)?;
    Ok(n > 0)
}

// ---------------------------------------------------------------- documents

/// A document's metadata.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DocumentRow {
    /// Id.
    pub id: Uuid,
    /// Which attachment of the rules (`deck`).
    pub key: String,
    /// The name shown (sanitised; never used as a path).
    pub filename: String,
    /// Size in bytes.
    pub size: i64,
    /// SHA-256 of the content.
    pub sha256: String,
    /// When.
    pub uploaded_at: OffsetDateTime,
}

/// Stores a document, replacing the one with the same key.
#[expect(clippy::too_many_arguments, reason = "the facts of an upload")]
pub async fn put_document(
    conn: &mut Conn<'_>,
    id: ProposalId,
    key: &str,
    filename: &str,
    content: &[u8],
    sha256: &str,
    by: PersonId,
    now: OffsetDateTime,
) -> Result<DocumentId, StoreError> {
    let doc = Uuid::now_v7();
    on_conn!(conn, |c| sqlx::query("delete from proposal_document where proposal_id = $1 and key = $2")
        .bind(id.as_uuid())
        .bind(key)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    let size = i64::try_from(content.len()).unwrap_or(i64::MAX);
    on_conn!(conn, |c| sqlx::query(
        "insert into proposal_document (id, proposal_id, key, filename, size, sha256, content, uploaded_at, uploaded_by) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    )
    .bind(doc)
    .bind(id.as_uuid())
    .bind(key)
    .bind(filename)
    .bind(size)
    .bind(sha256)
    .bind(content)
    .bind(now)
    .bind(by.as_uuid())
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(DocumentId::from_uuid(doc))
}

/// The documents of a proposal (metadata).
pub async fn documents(conn: &mut Conn<'_>, id: ProposalId) -> Result<Vec<DocumentRow>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as(
        "select id, key, filename, size, sha256, uploaded_at from proposal_document where proposal_id = $1 order by key"
    )
    .bind(id.as_uuid())
    .fetch_all(c)
    .await)?)
}

/// A document's content.
pub async fn document_content(conn: &mut Conn<'_>, id: ProposalId, key: &str) -> Result<Option<(DocumentRow, Vec<u8>)>, StoreError> {
    let meta: Option<DocumentRow> = on_conn!(conn, |c| sqlx::query_as(
        "select id, key, filename, size, sha256, uploaded_at from proposal_document where proposal_id = $1 and key = $2"
    )
    .bind(id.as_uuid())
    .bind(key)
    .fetch_optional(c)
    .await)?;
    let Some(meta) = meta else { return Ok(None) };
    let content: Vec<u8> =
        on_conn!(conn, |c| sqlx::query_scalar("select content from proposal_document where id = $1").bind(meta.id).fetch_one(c).await)?;
    Ok(Some((meta, content)))
}
