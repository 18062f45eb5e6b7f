//! The call for projects: cohorts' calendars and rules, organisations chosen by administrations,
//! proposals with their members and documents.

use cohorte_domain::cohort::{Calendar, Milestone, MilestoneKind, RuleSet};
use cohorte_domain::content::ChallengeStatus;
use cohorte_domain::ids::{CohortId, DocumentId, OrganisationId, PanelId, PersonId, ProposalId, RuleSetId};
use cohorte_domain::jury::Scores;
use cohorte_domain::proposal::{
    AssignedBy, Decision, HearingMode, MemberRole, Opinion, ProposalForm, ProposalStatus, Recommendation, RoundStatus,
};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::{Conn, StoreError, on_conn};

/// A nullable text column, read into an optional closed value (`#[sqlx(try_from = "OptText")]`).
pub struct OptText(Option<String>);

impl<'r, DB: sqlx::Database> sqlx::Decode<'r, DB> for OptText
where
    Option<String>: sqlx::Decode<'r, DB>,
{
    fn decode(value: <DB as sqlx::Database>::ValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
        Ok(OptText(<Option<String> as sqlx::Decode<'r, DB>>::decode(value)?))
    }
}

impl<DB: sqlx::Database> sqlx::Type<DB> for OptText
where
    String: sqlx::Type<DB>,
{
    fn type_info() -> DB::TypeInfo {
        <String as sqlx::Type<DB>>::type_info()
    }

    fn compatible(ty: &DB::TypeInfo) -> bool {
        <String as sqlx::Type<DB>>::compatible(ty)
    }
}

macro_rules! opt_text {
    ($($t:ty),+) => {$(
        impl TryFrom<OptText> for Option<$t> {
            type Error = String;
            fn try_from(v: OptText) -> Result<Self, String> {
                v.0.map(<$t>::try_from).transpose()
            }
        }
    )+};
}
opt_text!(Recommendation, HearingMode, Opinion);

/// A JSON text column, parsed once here (`#[sqlx(try_from = "JsonText")]`).
pub struct JsonText(String);

impl<'r, DB: sqlx::Database> sqlx::Decode<'r, DB> for JsonText
where
    String: sqlx::Decode<'r, DB>,
{
    fn decode(value: <DB as sqlx::Database>::ValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
        Ok(JsonText(<String as sqlx::Decode<'r, DB>>::decode(value)?))
    }
}

impl<DB: sqlx::Database> sqlx::Type<DB> for JsonText
where
    String: sqlx::Type<DB>,
{
    fn type_info() -> DB::TypeInfo {
        <String as sqlx::Type<DB>>::type_info()
    }

    fn compatible(ty: &DB::TypeInfo) -> bool {
        <String as sqlx::Type<DB>>::compatible(ty)
    }
}

impl TryFrom<JsonText> for Scores {
    type Error = serde_json::Error;
    fn try_from(v: JsonText) -> Result<Self, Self::Error> {
        serde_json::from_str(&v.0)
    }
}

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

    /// The title in a language.
    pub fn title(&self, lang: cohorte_domain::lang::Lang) -> &str {
        match lang {
            cohorte_domain::lang::Lang::Fr => &self.title_fr,
            cohorte_domain::lang::Lang::En => &self.title_en,
        }
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
    /// How many proposals and applications use it.
    pub used_by: i64,
}

type RuleRow = (Uuid, i32, String, OffsetDateTime, i64);

fn rule_row((id, version, body, created_at, used_by): RuleRow) -> Result<RuleSetRow, StoreError> {
    let rules = serde_json::from_str(&body).map_err(|e| StoreError::Corrupt(format!("rule set {id}: {e}")))?;
    Ok(RuleSetRow { id: RuleSetId::from_uuid(id), version, rules, created_at, used_by })
}

macro_rules! rules_select {
    () => {
        "select r.id, r.version, r.body, r.created_at, (select count(*) from proposal p where p.rule_set_id = r.id) \
         + (select count(*) from application a where a.rule_set_id = r.id) as used_by from rule_set r"
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

/// Stores the cohort's rules: a new version when the current one is used by a proposal or an application (or none
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

/// One word of [`find_organisations`]: `$n` (a `%word%` pattern, or null) is in the name, the
/// acronym or an alias.
macro_rules! organisation_word {
    ($n:literal) => {
        concat!(
            " and ($",
            $n,
            " is null or lower(o.sort_key) like $",
            $n,
            " or lower(coalesce(o.acronym, '')) like $",
            $n,
            " or exists (select 1 from organisation_alias a where a.organisation_id = o.id and a.alias_key like $",
            $n,
            "))"
        )
    };
}

/// Organisations where every word of `key` (a search key: lowercase, accents folded; its first six
/// words) is found in the name, the acronym or an alias; at most `limit`.
pub async fn find_organisations(conn: &mut Conn<'_>, key: &str, limit: i64) -> Result<Vec<OrganisationChoice>, StoreError> {
    let mut w: [Option<String>; 6] = Default::default();
    for (slot, word) in w.iter_mut().zip(key.split_whitespace()) {
        *slot = Some(format!("%{}%", word.replace(['%', '_'], "")));
    }
    Ok(on_conn!(conn, |c| sqlx::query_as(concat!(
        "select o.id, o.slug, o.name, o.acronym, o.kind, o.path from organisation o where 1 = 1",
        organisation_word!(1),
        organisation_word!(2),
        organisation_word!(3),
        organisation_word!(4),
        organisation_word!(5),
        organisation_word!(6),
        " order by o.path limit $7"
    ))
    .bind(w[0].as_deref())
    .bind(w[1].as_deref())
    .bind(w[2].as_deref())
    .bind(w[3].as_deref())
    .bind(w[4].as_deref())
    .bind(w[5].as_deref())
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
    let number: i64 = on_conn!(conn, |c| sqlx::query_scalar(
        "insert into proposal_counter (cohort_id, last) values ($1, 1) \
         on conflict (cohort_id) do update set last = proposal_counter.last + 1 returning last"
    )
    .bind(cohort.id)
    .fetch_one(c)
    .await)?;
    let reference = format!("{}-{number:03}", cohort.code.to_uppercase());
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

/// Deletes a draft (only a draft); its members and documents go with it.
pub async fn delete_draft(conn: &mut Conn<'_>, id: ProposalId) -> Result<bool, StoreError> {
    let n = on_conn!(conn, |c| sqlx::query("delete from proposal where id = $1 and status = 'draft'")
        .bind(id.as_uuid())
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
    /// Role on the proposal.
    #[sqlx(try_from = "String")]
    pub role: MemberRole,
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

// ---------------------------------------------------------------- pre-selection reviews

/// A pre-selection review.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ReviewRow {
    /// Reviewer.
    pub reviewer_id: Uuid,
    /// Reviewer's name.
    pub reviewer_name: String,
    /// Eligible, in the reviewer's view.
    pub eligible: Option<bool>,
    /// Complete.
    pub complete: Option<bool>,
    /// Notes (internal).
    pub notes: String,
    /// Questions for the hearing.
    pub questions: String,
    /// What the reviewer recommends.
    #[sqlx(try_from = "OptText")]
    pub recommendation: Option<Recommendation>,
    /// When.
    pub updated_at: OffsetDateTime,
}

/// The reviews of a proposal.
pub async fn reviews(conn: &mut Conn<'_>, id: ProposalId) -> Result<Vec<ReviewRow>, StoreError> {
    Ok(on_conn!(conn, |c| {
        sqlx::query_as(
        "select r.reviewer_id, p.display_name as reviewer_name, r.eligible, r.complete, r.notes, r.questions, r.recommendation, r.updated_at \
         from proposal_review r join person p on p.id = r.reviewer_id where r.proposal_id = $1 order by r.updated_at"
    )
    .bind(id.as_uuid())
    .fetch_all(c)
    .await
    })?)
}

/// What a reviewer writes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewInput {
    /// Eligible.
    pub eligible: Option<bool>,
    /// Complete.
    pub complete: Option<bool>,
    /// Notes.
    pub notes: String,
    /// Questions for the hearing.
    pub questions: String,
    /// Recommendation.
    pub recommendation: Option<Recommendation>,
}

/// Saves a reviewer's review (one per reviewer).
pub async fn save_review(
    conn: &mut Conn<'_>,
    id: ProposalId,
    reviewer: PersonId,
    r: &ReviewInput,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    on_conn!(conn, |c| sqlx::query(
        "insert into proposal_review (proposal_id, reviewer_id, eligible, complete, notes, questions, recommendation, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8) \
         on conflict (proposal_id, reviewer_id) do update set eligible = excluded.eligible, complete = excluded.complete, \
         notes = excluded.notes, questions = excluded.questions, recommendation = excluded.recommendation, updated_at = excluded.updated_at"
    )
    .bind(id.as_uuid())
    .bind(reviewer.as_uuid())
    .bind(r.eligible)
    .bind(r.complete)
    .bind(&r.notes)
    .bind(&r.questions)
    .bind(r.recommendation.map(Recommendation::as_str))
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

// ---------------------------------------------------------------- panels

/// A jury panel.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PanelRow {
    /// Id.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// Referent (a member).
    pub referent_id: Option<Uuid>,
}

/// A panel member.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PanelMemberRow {
    /// Panel.
    pub panel_id: Uuid,
    /// Person.
    pub person_id: Uuid,
    /// Name.
    pub display_name: String,
    /// Their organisation.
    pub organisation_id: Option<Uuid>,
}

/// The panels of a cohort.
pub async fn panels(conn: &mut Conn<'_>, cohort: CohortId) -> Result<Vec<PanelRow>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as("select id, name, referent_id from jury_panel where cohort_id = $1 order by name")
        .bind(cohort.as_uuid())
        .fetch_all(c)
        .await)?)
}

/// The members of every panel of a cohort.
pub async fn panel_members(conn: &mut Conn<'_>, cohort: CohortId) -> Result<Vec<PanelMemberRow>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as(
        "select m.panel_id, m.person_id, p.display_name, m.organisation_id from jury_panel_member m \
         join jury_panel j on j.id = m.panel_id join person p on p.id = m.person_id where j.cohort_id = $1 order by p.sort_key"
    )
    .bind(cohort.as_uuid())
    .fetch_all(c)
    .await)?)
}

/// Creates a panel.
pub async fn create_panel(conn: &mut Conn<'_>, cohort: CohortId, name: &str, now: OffsetDateTime) -> Result<PanelId, StoreError> {
    let id = Uuid::now_v7();
    on_conn!(conn, |c| sqlx::query("insert into jury_panel (id, cohort_id, name, created_at) values ($1, $2, $3, $4)")
        .bind(id)
        .bind(cohort.as_uuid())
        .bind(name)
        .bind(now)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(PanelId::from_uuid(id))
}

/// A panel by id, with its cohort.
pub async fn panel(conn: &mut Conn<'_>, id: PanelId) -> Result<Option<(PanelRow, CohortId)>, StoreError> {
    let row: Option<(Uuid, String, Option<Uuid>, Uuid)> =
        on_conn!(conn, |c| sqlx::query_as("select id, name, referent_id, cohort_id from jury_panel where id = $1")
            .bind(id.as_uuid())
            .fetch_optional(c)
            .await)?;
    Ok(row.map(|(id, name, referent_id, co)| (PanelRow { id, name, referent_id }, CohortId::from_uuid(co))))
}

/// Adds a juror to a panel (or updates their organisation).
pub async fn add_panel_member(
    conn: &mut Conn<'_>,
    panel: PanelId,
    person: PersonId,
    organisation: Option<OrganisationId>,
) -> Result<(), StoreError> {
    on_conn!(conn, |c| sqlx::query(
        "insert into jury_panel_member (panel_id, person_id, organisation_id) values ($1, $2, $3) \
         on conflict (panel_id, person_id) do update set organisation_id = excluded.organisation_id"
    )
    .bind(panel.as_uuid())
    .bind(person.as_uuid())
    .bind(organisation.map(|o| o.as_uuid()))
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Removes a juror from a panel (and as its referent).
pub async fn remove_panel_member(conn: &mut Conn<'_>, panel: PanelId, person: PersonId) -> Result<(), StoreError> {
    on_conn!(conn, |c| sqlx::query("delete from jury_panel_member where panel_id = $1 and person_id = $2")
        .bind(panel.as_uuid())
        .bind(person.as_uuid())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    on_conn!(conn, |c| sqlx::query("update jury_panel set referent_id = null where id = $1 and referent_id = $2")
        .bind(panel.as_uuid())
        .bind(person.as_uuid())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Names a panel's referent.
pub async fn set_referent(conn: &mut Conn<'_>, panel: PanelId, person: Option<PersonId>) -> Result<(), StoreError> {
    on_conn!(conn, |c| sqlx::query("update jury_panel set referent_id = $2 where id = $1")
        .bind(panel.as_uuid())
        .bind(person.map(|p| p.as_uuid()))
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The panels a person sits on (any cohort).
pub async fn panels_of(conn: &mut Conn<'_>, person: PersonId) -> Result<Vec<(PanelRow, CohortId)>, StoreError> {
    let rows: Vec<(Uuid, String, Option<Uuid>, Uuid)> = on_conn!(conn, |c| sqlx::query_as(
        "select j.id, j.name, j.referent_id, j.cohort_id from jury_panel j join jury_panel_member m on m.panel_id = j.id \
         where m.person_id = $1 order by j.created_at desc"
    )
    .bind(person.as_uuid())
    .fetch_all(c)
    .await)?;
    Ok(rows.into_iter().map(|(id, name, referent_id, co)| (PanelRow { id, name, referent_id }, CohortId::from_uuid(co))).collect())
}

/// The organisation a juror declared on the panel hearing a proposal, if they sit on it.
pub async fn seat_on_panel_of(conn: &mut Conn<'_>, proposal: ProposalId, person: PersonId) -> Result<Option<Option<Uuid>>, StoreError> {
    let row: Option<(Option<Uuid>,)> = on_conn!(conn, |c| sqlx::query_as(
        "select m.organisation_id from panel_assignment a join jury_panel_member m on m.panel_id = a.panel_id \
         where a.proposal_id = $1 and m.person_id = $2"
    )
    .bind(proposal.as_uuid())
    .bind(person.as_uuid())
    .fetch_optional(c)
    .await)?;
    Ok(row.map(|(o,)| o))
}

/// The organisations a person is attached to through their roles and panel seats.
pub async fn organisations_of(conn: &mut Conn<'_>, person: PersonId) -> Result<Vec<Uuid>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_scalar(
        "select organisation_id from role_assignment where person_id = $1 and organisation_id is not null and revoked_at is null \
         union select organisation_id from jury_panel_member where person_id = $1 and organisation_id is not null"
    )
    .bind(person.as_uuid())
    .fetch_all(c)
    .await)?)
}

/// An organisation and its ancestors, nearest first.
pub async fn lineage(conn: &mut Conn<'_>, org: Uuid) -> Result<Vec<Uuid>, StoreError> {
    let mut out = vec![org];
    let mut cur = org;
    for _ in 0..10 {
        let parent: Option<Option<Uuid>> =
            on_conn!(conn, |c| sqlx::query_scalar("select parent_id from organisation where id = $1").bind(cur).fetch_optional(c).await)?;
        match parent.flatten() {
            Some(p) if !out.contains(&p) => {
                out.push(p);
                cur = p;
            }
            _ => break,
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------- conflicts

/// Records a declared conflict.
pub async fn declare_conflict(
    conn: &mut Conn<'_>,
    person: PersonId,
    proposal: ProposalId,
    reason: &str,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    on_conn!(conn, |c| sqlx::query(
        "insert into conflict_declaration (person_id, proposal_id, reason, declared_at) values ($1, $2, $3, $4) \
         on conflict (person_id, proposal_id) do update set reason = excluded.reason"
    )
    .bind(person.as_uuid())
    .bind(proposal.as_uuid())
    .bind(reason)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Every declared conflict of a cohort: (person, proposal).
pub async fn declared_conflicts(conn: &mut Conn<'_>, cohort: CohortId) -> Result<Vec<(Uuid, Uuid)>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as(
        "select d.person_id, d.proposal_id from conflict_declaration d join proposal p on p.id = d.proposal_id where p.cohort_id = $1"
    )
    .bind(cohort.as_uuid())
    .fetch_all(c)
    .await)?)
}

/// Whether a person declared a conflict with a proposal.
pub async fn has_declared_conflict(conn: &mut Conn<'_>, person: PersonId, proposal: ProposalId) -> Result<bool, StoreError> {
    let n: i64 =
        on_conn!(conn, |c| sqlx::query_scalar("select count(*) from conflict_declaration where person_id = $1 and proposal_id = $2")
            .bind(person.as_uuid())
            .bind(proposal.as_uuid())
            .fetch_one(c)
            .await)?;
    Ok(n > 0)
}

// ---------------------------------------------------------------- assignments and hearings

/// Where and when a proposal is heard.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AssignmentRow {
    /// The proposal.
    pub proposal_id: Uuid,
    /// The panel.
    pub panel_id: Uuid,
    /// How it was assigned.
    #[sqlx(try_from = "String")]
    pub assigned_by: AssignedBy,
    /// The hearing's start.
    pub hearing_at: Option<OffsetDateTime>,
    /// Its length.
    pub duration_minutes: Option<i32>,
    /// How the hearing takes place.
    #[sqlx(try_from = "OptText")]
    pub mode: Option<HearingMode>,
    /// The room, or the video link.
    pub location: Option<String>,
    /// Bumped at each change (calendar invitations).
    pub hearing_sequence: i32,
}

/// The assignments of a cohort's proposals.
pub async fn assignments(conn: &mut Conn<'_>, cohort: CohortId) -> Result<Vec<AssignmentRow>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as(
        "select a.proposal_id, a.panel_id, a.assigned_by, a.hearing_at, a.duration_minutes, a.mode, a.location, a.hearing_sequence \
         from panel_assignment a join proposal p on p.id = a.proposal_id where p.cohort_id = $1"
    )
    .bind(cohort.as_uuid())
    .fetch_all(c)
    .await)?)
}

/// A proposal's assignment.
pub async fn assignment(conn: &mut Conn<'_>, proposal: ProposalId) -> Result<Option<AssignmentRow>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as(
        "select proposal_id, panel_id, assigned_by, hearing_at, duration_minutes, mode, location, hearing_sequence \
         from panel_assignment where proposal_id = $1"
    )
    .bind(proposal.as_uuid())
    .fetch_optional(c)
    .await)?)
}

/// Assigns a proposal to a panel (replacing any previous assignment and its hearing).
pub async fn assign(
    conn: &mut Conn<'_>,
    proposal: ProposalId,
    panel: PanelId,
    by: AssignedBy,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    on_conn!(conn, |c| sqlx::query(
        "insert into panel_assignment (proposal_id, panel_id, assigned_by, assigned_at) values ($1, $2, $3, $4) \
         on conflict (proposal_id) do update set panel_id = excluded.panel_id, assigned_by = excluded.assigned_by, \
         assigned_at = excluded.assigned_at, hearing_at = null, duration_minutes = null, mode = null, location = null, \
         hearing_sequence = panel_assignment.hearing_sequence + 1"
    )
    .bind(proposal.as_uuid())
    .bind(panel.as_uuid())
    .bind(by.as_str())
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Removes a proposal's assignment.
pub async fn unassign(conn: &mut Conn<'_>, proposal: ProposalId) -> Result<(), StoreError> {
    on_conn!(conn, |c| sqlx::query("delete from panel_assignment where proposal_id = $1")
        .bind(proposal.as_uuid())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Sets a hearing slot; returns the new sequence number (for calendar updates).
pub async fn schedule_hearing(
    conn: &mut Conn<'_>,
    proposal: ProposalId,
    at: OffsetDateTime,
    minutes: i32,
    mode: HearingMode,
    location: &str,
) -> Result<Option<i32>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_scalar(
        "update panel_assignment set hearing_at = $2, duration_minutes = $3, mode = $4, location = $5, \
         hearing_sequence = hearing_sequence + 1 where proposal_id = $1 returning hearing_sequence"
    )
    .bind(proposal.as_uuid())
    .bind(at)
    .bind(minutes)
    .bind(mode.as_str())
    .bind(location)
    .fetch_optional(c)
    .await)?)
}

// ---------------------------------------------------------------- evaluations and rankings

/// A juror's or the panel's scoring of a proposal.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct EvaluationRow {
    /// The proposal.
    pub proposal_id: Uuid,
    /// The panel.
    pub panel_id: Uuid,
    /// The juror (none: the panel's consensus).
    pub author_id: Option<Uuid>,
    /// Scores by criterion key.
    #[sqlx(try_from = "JsonText")]
    pub scores: Scores,
    /// The opinion.
    #[sqlx(try_from = "OptText")]
    pub opinion: Option<Opinion>,
    /// "Coup de cœur".
    pub coup_de_coeur: bool,
    /// Comment.
    pub comment: String,
    /// Last change.
    pub updated_at: OffsetDateTime,
}

/// The evaluations of a cohort's proposals.
pub async fn evaluations(conn: &mut Conn<'_>, cohort: CohortId) -> Result<Vec<EvaluationRow>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as(
        "select e.proposal_id, e.panel_id, e.author_id, e.scores, e.opinion, e.coup_de_coeur, e.comment, e.updated_at \
         from evaluation e join proposal p on p.id = e.proposal_id where p.cohort_id = $1"
    )
    .bind(cohort.as_uuid())
    .fetch_all(c)
    .await)?)
}

/// The evaluations of one proposal.
pub async fn evaluations_of(conn: &mut Conn<'_>, proposal: ProposalId) -> Result<Vec<EvaluationRow>, StoreError> {
    Ok(on_conn!(conn, |c| {
        sqlx::query_as(
        "select proposal_id, panel_id, author_id, scores, opinion, coup_de_coeur, comment, updated_at from evaluation where proposal_id = $1"
    )
    .bind(proposal.as_uuid())
    .fetch_all(c)
    .await
    })?)
}

/// What an evaluation holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvaluationInput {
    /// Scores by criterion key.
    pub scores: Scores,
    /// Opinion.
    pub opinion: Option<Opinion>,
    /// Coup de cœur.
    pub coup_de_coeur: bool,
    /// Comment.
    pub comment: String,
}

/// Saves a juror's evaluation, or the panel's consensus (`author` none).
pub async fn save_evaluation(
    conn: &mut Conn<'_>,
    proposal: ProposalId,
    panel: PanelId,
    author: Option<PersonId>,
    e: &EvaluationInput,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    let scores = serde_json::to_string(&e.scores).map_err(|x| StoreError::Corrupt(x.to_string()))?;
    let existing: Option<Uuid> = match author {
        Some(a) => on_conn!(conn, |c| sqlx::query_scalar("select id from evaluation where proposal_id = $1 and author_id = $2")
            .bind(proposal.as_uuid())
            .bind(a.as_uuid())
            .fetch_optional(c)
            .await)?,
        None => on_conn!(conn, |c| sqlx::query_scalar("select id from evaluation where proposal_id = $1 and author_id is null")
            .bind(proposal.as_uuid())
            .fetch_optional(c)
            .await)?,
    };
    match existing {
        Some(id) => {
            on_conn!(conn, |c| {
                sqlx::query(
                "update evaluation set panel_id = $2, scores = $3, opinion = $4, coup_de_coeur = $5, comment = $6, updated_at = $7 where id = $1"
            )
            .bind(id)
            .bind(panel.as_uuid())
            .bind(&scores)
            .bind(e.opinion.map(Opinion::as_str))
            .bind(e.coup_de_coeur)
            .bind(&e.comment)
            .bind(now)
            .execute(c)
            .await
            .map(|r| r.rows_affected())
            })?;
        }
        None => {
            on_conn!(conn, |c| {
                sqlx::query(
                "insert into evaluation (id, proposal_id, panel_id, author_id, scores, opinion, coup_de_coeur, comment, submitted_at, updated_at) \
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)"
            )
            .bind(Uuid::now_v7())
            .bind(proposal.as_uuid())
            .bind(panel.as_uuid())
            .bind(author.map(|a| a.as_uuid()))
            .bind(&scores)
            .bind(e.opinion.map(Opinion::as_str))
            .bind(e.coup_de_coeur)
            .bind(&e.comment)
            .bind(now)
            .execute(c)
            .await
            .map(|r| r.rows_affected())
            })?;
        }
    }
    Ok(())
}

/// A panel's ranking, best first: (proposal, explanation).
pub async fn ranking(conn: &mut Conn<'_>, panel: PanelId) -> Result<Vec<(Uuid, String)>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as("select proposal_id, explanation from panel_ranking where panel_id = $1 order by position")
        .bind(panel.as_uuid())
        .fetch_all(c)
        .await)?)
}

/// Replaces a panel's ranking.
pub async fn save_ranking(conn: &mut Conn<'_>, panel: PanelId, order: &[(ProposalId, String)]) -> Result<(), StoreError> {
    on_conn!(conn, |c| sqlx::query("delete from panel_ranking where panel_id = $1")
        .bind(panel.as_uuid())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    for (i, (p, why)) in order.iter().enumerate() {
        let pos = i32::try_from(i + 1).unwrap_or(i32::MAX);
        on_conn!(conn, |c| sqlx::query(
            "insert into panel_ranking (panel_id, proposal_id, position, explanation) values ($1, $2, $3, $4)"
        )
        .bind(panel.as_uuid())
        .bind(p.as_uuid())
        .bind(pos)
        .bind(why)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    }
    Ok(())
}

// ---------------------------------------------------------------- decisions

/// The decision round of a cohort.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DecisionRoundRow {
    /// Where the round stands.
    #[sqlx(try_from = "String")]
    pub status: RoundStatus,
    /// Who approved.
    pub approved_by: Option<Uuid>,
    /// When.
    pub approved_at: Option<OffsetDateTime>,
    /// When it is to be published.
    pub publish_at: Option<OffsetDateTime>,
    /// When it was published.
    pub published_at: Option<OffsetDateTime>,
}

/// A cohort's decision round.
pub async fn decision_round(conn: &mut Conn<'_>, cohort: CohortId) -> Result<Option<DecisionRoundRow>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as(
        "select status, approved_by, approved_at, publish_at, published_at from decision_round where cohort_id = $1"
    )
    .bind(cohort.as_uuid())
    .fetch_optional(c)
    .await)?)
}

/// Stages an outcome (and opens the round; staging again after approval reopens it).
pub async fn stage_decision(
    conn: &mut Conn<'_>,
    cohort: CohortId,
    proposal: ProposalId,
    outcome: Decision,
    by: PersonId,
    now: OffsetDateTime,
) -> Result<bool, StoreError> {
    let round = decision_round(conn, cohort).await?;
    if round.as_ref().is_some_and(|r| r.status == RoundStatus::Published) {
        return Ok(false);
    }
    on_conn!(conn, |c| sqlx::query(
        "insert into decision_round (cohort_id, status) values ($1, 'staging') \
         on conflict (cohort_id) do update set status = 'staging', approved_by = null, approved_at = null, publish_at = null"
    )
    .bind(cohort.as_uuid())
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    on_conn!(conn, |c| {
        sqlx::query(
        "insert into decision_entry (cohort_id, proposal_id, outcome, staged_by, staged_at) values ($1, $2, $3, $4, $5) \
         on conflict (cohort_id, proposal_id) do update set outcome = excluded.outcome, staged_by = excluded.staged_by, staged_at = excluded.staged_at"
    )
    .bind(cohort.as_uuid())
    .bind(proposal.as_uuid())
    .bind(outcome.as_str())
    .bind(by.as_uuid())
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(true)
}

/// The staged outcomes of a cohort: (proposal, outcome).
pub async fn decision_entries(conn: &mut Conn<'_>, cohort: CohortId) -> Result<Vec<(Uuid, Decision)>, StoreError> {
    let rows: Vec<(Uuid, String)> =
        on_conn!(conn, |c| sqlx::query_as("select proposal_id, outcome from decision_entry where cohort_id = $1")
            .bind(cohort.as_uuid())
            .fetch_all(c)
            .await)?;
    rows.into_iter().map(|(id, o)| Ok((id, Decision::try_from(o).map_err(StoreError::Corrupt)?))).collect()
}

/// Marks the round approved, to be published at `publish_at` (only from staging).
pub async fn approve_round(
    conn: &mut Conn<'_>,
    cohort: CohortId,
    by: PersonId,
    now: OffsetDateTime,
    publish_at: OffsetDateTime,
) -> Result<bool, StoreError> {
    let n = on_conn!(conn, |c| {
        sqlx::query(
        "update decision_round set status = 'approved', approved_by = $2, approved_at = $3, publish_at = $4 where cohort_id = $1 and status = 'staging'"
    )
    .bind(cohort.as_uuid())
    .bind(by.as_uuid())
    .bind(now)
    .bind(publish_at)
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(n == 1)
}

/// Marks the round published (only once, from approved).
pub async fn publish_round(conn: &mut Conn<'_>, cohort: CohortId, now: OffsetDateTime) -> Result<bool, StoreError> {
    let n = on_conn!(conn, |c| sqlx::query(
        "update decision_round set status = 'published', published_at = $2 where cohort_id = $1 and status = 'approved'"
    )
    .bind(cohort.as_uuid())
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Approved rounds whose publication time has come.
pub async fn rounds_due(conn: &mut Conn<'_>, now: OffsetDateTime) -> Result<Vec<CohortId>, StoreError> {
    let ids: Vec<Uuid> =
        on_conn!(conn, |c| sqlx::query_scalar("select cohort_id from decision_round where status = 'approved' and publish_at <= $1")
            .bind(now)
            .fetch_all(c)
            .await)?;
    Ok(ids.into_iter().map(CohortId::from_uuid).collect())
}

/// Links a proposal to the challenge made from it.
pub async fn set_challenge(conn: &mut Conn<'_>, proposal: ProposalId, challenge: Uuid) -> Result<(), StoreError> {
    on_conn!(conn, |c| sqlx::query("update proposal set challenge_id = $2 where id = $1")
        .bind(proposal.as_uuid())
        .bind(challenge)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

// ---------------------------------------------------------------- challenges made from proposals

/// A challenge created from a selected proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewChallenge {
    /// Slug (unique; a suffix is added when taken).
    pub slug: String,
    /// The proposal's reference.
    pub reference: String,
    /// The cohort.
    pub cohort: CohortId,
    /// The cohort's year.
    pub year: i32,
    /// Title.
    pub title: String,
    /// One line.
    pub tagline: String,
    /// Host organisation.
    pub host: Uuid,
    /// Host name.
    pub host_label: String,
    /// City.
    pub city: Option<String>,
    /// The page's text (Markdown).
    pub body_md: String,
    /// Skills (`dev`, `design`…).
    pub skills: Vec<String>,
}

/// Creates a challenge in `framing` (not public) and returns its id and final slug.
pub async fn create_challenge(conn: &mut Conn<'_>, ch: &NewChallenge) -> Result<(Uuid, String), StoreError> {
    let mut slug = ch.slug.clone();
    for i in 2..100 {
        let taken: i64 =
            on_conn!(conn, |c| sqlx::query_scalar("select count(*) from challenge where slug = $1").bind(&slug).fetch_one(c).await)?;
        if taken == 0 {
            break;
        }
        slug = format!("{}-{i}", ch.slug);
    }
    let id = Uuid::now_v7();
    let key = cohorte_domain::text::name_key(&ch.title);
    let search = format!(" {} {} ", key, cohorte_domain::text::name_key(&ch.tagline));
    on_conn!(conn, |c| sqlx::query(
        "insert into challenge (id, slug, source_key, cohort_id, year, title, tagline, duration_months, host_id, administration_label, \
         city, project_key, status, sort_key, fingerprint, search_key, body_md) \
         values ($1, $2, $3, $4, $5, $6, $7, 10, $8, $9, $10, $3, 'framing', $11, '', $12, $13)"
    )
    .bind(id)
    .bind(&slug)
    .bind(&ch.reference)
    .bind(ch.cohort.as_uuid())
    .bind(ch.year)
    .bind(&ch.title)
    .bind(&ch.tagline)
    .bind(ch.host)
    .bind(&ch.host_label)
    .bind(&ch.city)
    .bind(&key)
    .bind(&search)
    .bind(&ch.body_md)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    for s in &ch.skills {
        on_conn!(conn, |c| sqlx::query("insert into challenge_skill (challenge_id, skill) values ($1, $2) on conflict do nothing")
            .bind(id)
            .bind(s)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
    }
    Ok((id, slug))
}

/// A challenge staff edit before publishing it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ChallengeEditRow {
    /// Id.
    pub id: Uuid,
    /// Slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// One line.
    pub tagline: String,
    /// City.
    pub city: Option<String>,
    /// Website.
    pub website: Option<String>,
    /// Status.
    #[sqlx(try_from = "String")]
    pub status: ChallengeStatus,
    /// Text (Markdown).
    pub body_md: String,
    /// Cohort code.
    pub cohort_code: String,
}

/// Challenges made from proposals (any status), newest first.
pub async fn challenges_from_proposals(conn: &mut Conn<'_>) -> Result<Vec<ChallengeEditRow>, StoreError> {
    Ok(on_conn!(conn, |c| {
        sqlx::query_as(
        "select c.id, c.slug, c.title, c.tagline, c.city, c.website, c.status, c.body_md, co.code as cohort_code \
         from challenge c join cohort co on co.id = c.cohort_id where c.id in (select challenge_id from proposal where challenge_id is not null) \
         order by c.year desc, c.sort_key"
    )
    .fetch_all(c)
    .await
    })?)
}

/// A challenge for editing.
pub async fn challenge_for_edit(conn: &mut Conn<'_>, slug: &str) -> Result<Option<ChallengeEditRow>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as(
        "select c.id, c.slug, c.title, c.tagline, c.city, c.website, c.status, c.body_md, co.code as cohort_code \
         from challenge c join cohort co on co.id = c.cohort_id where c.slug = $1"
    )
    .bind(slug)
    .fetch_optional(c)
    .await)?)
}

/// Updates a challenge's page.
pub async fn update_challenge_page(
    conn: &mut Conn<'_>,
    id: Uuid,
    title: &str,
    tagline: &str,
    city: Option<&str>,
    website: Option<&str>,
    body_md: &str,
) -> Result<(), StoreError> {
    let key = cohorte_domain::text::name_key(title);
    let search = format!(" {} {} ", key, cohorte_domain::text::name_key(tagline));
    on_conn!(conn, |c| sqlx::query(
        "update challenge set title = $2, tagline = $3, city = $4, website = $5, body_md = $6, sort_key = $7, search_key = $8 where id = $1"
    )
    .bind(id)
    .bind(title)
    .bind(tagline)
    .bind(city)
    .bind(website)
    .bind(body_md)
    .bind(&key)
    .bind(&search)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Moves a challenge from one status to another (only if it is in `from`).
pub async fn set_challenge_status(conn: &mut Conn<'_>, id: Uuid, from: ChallengeStatus, to: ChallengeStatus) -> Result<bool, StoreError> {
    let n = on_conn!(conn, |c| sqlx::query("update challenge set status = $3 where id = $1 and status = $2")
        .bind(id)
        .bind(from.as_str())
        .bind(to.as_str())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Whether an address is taken by a challenge, now or formerly.
pub async fn challenge_slug_taken(conn: &mut Conn<'_>, slug: &str) -> Result<bool, StoreError> {
    let n: i64 = on_conn!(conn, |c| sqlx::query_scalar(
        "select (select count(*) from challenge where slug = $1) + (select count(*) from challenge_alias where slug = $1)"
    )
    .bind(slug)
    .fetch_one(c)
    .await)?;
    Ok(n > 0)
}

/// Gives a challenge a new address; the former one is kept as an alias when `keep_old` (it was
/// public, so people may have linked to it).
pub async fn rename_challenge(conn: &mut Conn<'_>, id: Uuid, old: &str, new: &str, keep_old: bool) -> Result<(), StoreError> {
    on_conn!(conn, |c| sqlx::query("update challenge set slug = $2 where id = $1").bind(id).bind(new).execute(c).await.map(|_| ()))?;
    if keep_old {
        on_conn!(conn, |c| sqlx::query("insert into challenge_alias (slug, challenge_id) values ($1, $2)")
            .bind(old)
            .bind(id)
            .execute(c)
            .await
            .map(|_| ()))?;
    }
    Ok(())
}

/// The current address and status of the challenge a former address names.
pub async fn challenge_by_alias(conn: &mut Conn<'_>, slug: &str) -> Result<Option<(String, ChallengeStatus)>, StoreError> {
    let row: Option<(String, String)> = on_conn!(conn, |c| sqlx::query_as(
        "select c.slug, c.status from challenge_alias a join challenge c on c.id = a.challenge_id where a.slug = $1"
    )
    .bind(slug)
    .fetch_optional(c)
    .await)?;
    row.map(|(s, st)| Ok((s, ChallengeStatus::try_from(st).map_err(StoreError::Corrupt)?))).transpose()
}
