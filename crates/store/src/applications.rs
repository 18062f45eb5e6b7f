//! The call for applications: candidates' applications with their documents, the reviewers
//! assigned to them, their reviews and declared conflicts.

use cohorte_domain::application::{ApplicationForm, ApplicationStatus};
use cohorte_domain::ids::{ApplicationId, CohortId, PersonId, RuleSetId};
use cohorte_domain::jury::Scores;
use cohorte_domain::proposal::AssignedBy;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::call::{CohortAdminRow, DocumentRow};
use crate::{Conn, StoreError, on_conn};

/// An application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationRow {
    /// Id.
    pub id: ApplicationId,
    /// Its cohort.
    pub cohort_id: CohortId,
    /// The rules it follows.
    pub rule_set_id: RuleSetId,
    /// Human reference (`EIG-6-C0042`).
    pub reference: String,
    /// The candidate.
    pub person_id: PersonId,
    /// Status.
    pub status: ApplicationStatus,
    /// Version, for saves that must not overwrite each other.
    pub version: i32,
    /// The form.
    pub form: ApplicationForm,
    /// Created.
    pub created_at: OffsetDateTime,
    /// Last saved.
    pub updated_at: OffsetDateTime,
    /// Submitted (server time).
    pub submitted_at: Option<OffsetDateTime>,
    /// Fingerprint of the submission.
    pub submission_hash: Option<String>,
    /// Why it was refused.
    pub status_reason: Option<String>,
    /// What information was requested.
    pub info_request: Option<String>,
}

#[derive(sqlx::FromRow)]
struct RawApplication {
    id: Uuid,
    cohort_id: Uuid,
    rule_set_id: Uuid,
    reference: String,
    person_id: Uuid,
    status: String,
    version: i32,
    form: String,
    created_at: OffsetDateTime,
    updated_at: OffsetDateTime,
    submitted_at: Option<OffsetDateTime>,
    submission_hash: Option<String>,
    status_reason: Option<String>,
    info_request: Option<String>,
}

impl TryFrom<RawApplication> for ApplicationRow {
    type Error = StoreError;

    fn try_from(r: RawApplication) -> Result<Self, StoreError> {
        let corrupt = |what: &str| StoreError::Corrupt(format!("application {}: {what}", r.id));
        Ok(ApplicationRow {
            id: ApplicationId::from_uuid(r.id),
            cohort_id: CohortId::from_uuid(r.cohort_id),
            rule_set_id: RuleSetId::from_uuid(r.rule_set_id),
            status: ApplicationStatus::parse(&r.status).ok_or_else(|| corrupt("status"))?,
            form: serde_json::from_str(&r.form).map_err(|e| corrupt(&e.to_string()))?,
            reference: r.reference,
            person_id: PersonId::from_uuid(r.person_id),
            version: r.version,
            created_at: r.created_at,
            updated_at: r.updated_at,
            submitted_at: r.submitted_at,
            submission_hash: r.submission_hash,
            status_reason: r.status_reason,
            info_request: r.info_request,
        })
    }
}

macro_rules! application_select {
    () => {
        "select id, cohort_id, rule_set_id, reference, person_id, status, version, form, created_at, updated_at, \
         submitted_at, submission_hash, status_reason, info_request from application"
    };
}

fn form_json(form: &ApplicationForm) -> Result<String, StoreError> {
    serde_json::to_string(form).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Creates a person's draft application to a cohort, with the next reference of the cohort
/// (`<CODE>-C<NNNN>`). A second application of the same person to the same cohort is a conflict.
pub async fn create_application(
    conn: &mut Conn<'_>,
    cohort: &CohortAdminRow,
    rules: RuleSetId,
    person: PersonId,
    now: OffsetDateTime,
) -> Result<ApplicationRow, StoreError> {
    // Refused before a number is drawn (the unique constraint still settles a race).
    if application_of(conn, cohort.cohort_id(), person).await?.is_some() {
        return Err(StoreError::Conflict { constraint: "application_cohort_id_person_id_key".into() });
    }
    let number: i64 = on_conn!(conn, |c| sqlx::query_scalar(
        "insert into application_counter (cohort_id, last) values ($1, 1) \
         on conflict (cohort_id) do update set last = application_counter.last + 1 returning last"
    )
    .bind(cohort.id)
    .fetch_one(c)
    .await)?;
    let reference = format!("{}-C{number:04}", cohort.code.to_uppercase());
    let id = Uuid::now_v7();
    let json = form_json(&ApplicationForm::default())?;
    on_conn!(conn, |c| sqlx::query(
        "insert into application (id, cohort_id, rule_set_id, reference, person_id, status, version, form, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, 'draft', 1, $6, $7, $7)"
    )
    .bind(id)
    .bind(cohort.id)
    .bind(rules.as_uuid())
    .bind(&reference)
    .bind(person.as_uuid())
    .bind(&json)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    application(conn, ApplicationId::from_uuid(id)).await?.ok_or(StoreError::NotFound)
}

/// An application by id.
pub async fn application(conn: &mut Conn<'_>, id: ApplicationId) -> Result<Option<ApplicationRow>, StoreError> {
    let sql = concat!(application_select!(), " where id = $1");
    let row: Option<RawApplication> = on_conn!(conn, |c| sqlx::query_as(sql).bind(id.as_uuid()).fetch_optional(c).await)?;
    row.map(ApplicationRow::try_from).transpose()
}

/// An application with what every use case reads beside it, in one statement: its cohort and
/// the rules it was written under.
pub async fn application_in_context(
    conn: &mut Conn<'_>,
    id: ApplicationId,
) -> Result<Option<(ApplicationRow, crate::call::CohortAdminRow, cohorte_domain::cohort::RuleSet)>, StoreError> {
    #[derive(sqlx::FromRow)]
    struct Raw {
        #[sqlx(flatten)]
        app: RawApplication,
        code: String,
        kind: String,
        number: Option<i32>,
        year: i32,
        title_fr: String,
        title_en: String,
        proposals: i64,
        body: String,
    }
    const SQL: &str = "select a.id, a.cohort_id, a.rule_set_id, a.reference, a.person_id, a.status, a.version, a.form, \
        a.created_at, a.updated_at, a.submitted_at, a.submission_hash, a.status_reason, a.info_request, \
        co.code, co.kind, co.number, co.year, co.title_fr, co.title_en, \
        (select count(*) from proposal p where p.cohort_id = co.id) as proposals, r.body \
        from application a join cohort co on co.id = a.cohort_id join rule_set r on r.id = a.rule_set_id where a.id = $1";
    let row: Option<Raw> = on_conn!(conn, |c| sqlx::query_as(SQL).bind(id.as_uuid()).fetch_optional(c).await)?;
    let Some(r) = row else { return Ok(None) };
    let rules = serde_json::from_str(&r.body).map_err(|e| StoreError::Corrupt(format!("rule set {}: {e}", r.app.rule_set_id)))?;
    let cohort = crate::call::CohortAdminRow {
        id: r.app.cohort_id,
        code: r.code,
        kind: r.kind,
        number: r.number,
        year: r.year,
        title_fr: r.title_fr,
        title_en: r.title_en,
        proposals: r.proposals,
    };
    Ok(Some((ApplicationRow::try_from(r.app)?, cohort, rules)))
}

/// A person's application to a cohort.
pub async fn application_of(conn: &mut Conn<'_>, cohort: CohortId, person: PersonId) -> Result<Option<ApplicationRow>, StoreError> {
    let sql = concat!(application_select!(), " where cohort_id = $1 and person_id = $2");
    let row: Option<RawApplication> =
        on_conn!(conn, |c| sqlx::query_as(sql).bind(cohort.as_uuid()).bind(person.as_uuid()).fetch_optional(c).await)?;
    row.map(ApplicationRow::try_from).transpose()
}

/// A person's applications, newest first.
pub async fn applications_of_person(conn: &mut Conn<'_>, person: PersonId) -> Result<Vec<ApplicationRow>, StoreError> {
    let sql = concat!(application_select!(), " where person_id = $1 order by created_at desc");
    let rows: Vec<RawApplication> = on_conn!(conn, |c| sqlx::query_as(sql).bind(person.as_uuid()).fetch_all(c).await)?;
    rows.into_iter().map(ApplicationRow::try_from).collect()
}

/// The applications of a cohort, by reference.
pub async fn applications_of_cohort(conn: &mut Conn<'_>, cohort: CohortId) -> Result<Vec<ApplicationRow>, StoreError> {
    let sql = concat!(application_select!(), " where cohort_id = $1 order by reference");
    let rows: Vec<RawApplication> = on_conn!(conn, |c| sqlx::query_as(sql).bind(cohort.as_uuid()).fetch_all(c).await)?;
    rows.into_iter().map(ApplicationRow::try_from).collect()
}

/// Saves the form if nobody saved since `expected_version` (the caller decides whether the status
/// allows it); returns the new version, or `None` when another save came first.
pub async fn save_application(
    conn: &mut Conn<'_>,
    id: ApplicationId,
    expected_version: i32,
    form: &ApplicationForm,
    now: OffsetDateTime,
) -> Result<Option<i32>, StoreError> {
    let json = form_json(form)?;
    let n = on_conn!(conn, |c| sqlx::query(
        "update application set form = $3, updated_at = $4, version = version + 1 where id = $1 and version = $2"
    )
    .bind(id.as_uuid())
    .bind(expected_version)
    .bind(&json)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok((n == 1).then_some(expected_version + 1))
}

/// What a status change records.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApplicationChange {
    /// The reason given to the candidate (refusals).
    pub reason: Option<String>,
    /// The information requested.
    pub info_request: Option<String>,
    /// The submission time and fingerprint (submission only).
    pub submission: Option<(OffsetDateTime, String)>,
}

/// Moves an application from `from` to `to`, only if it is still in `from` (two people acting at
/// once cannot both succeed). Returns whether it moved.
pub async fn set_application_status(
    conn: &mut Conn<'_>,
    id: ApplicationId,
    from: ApplicationStatus,
    to: ApplicationStatus,
    change: &ApplicationChange,
    now: OffsetDateTime,
) -> Result<bool, StoreError> {
    let (submitted_at, hash) = match &change.submission {
        Some((at, h)) => (Some(*at), Some(h.clone())),
        None => (None, None),
    };
    let n = on_conn!(conn, |c| sqlx::query(
        "update application set status = $3, updated_at = $4, version = version + 1, \
         status_reason = coalesce($5, status_reason), info_request = $6, \
         submitted_at = coalesce($7, submitted_at), submission_hash = coalesce($8, submission_hash) \
         where id = $1 and status = $2"
    )
    .bind(id.as_uuid())
    .bind(from.as_str())
    .bind(to.as_str())
    .bind(now)
    .bind(&change.reason)
    .bind(&change.info_request)
    .bind(submitted_at)
    .bind(&hash)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Deletes a draft (only a draft); its documents go with it.
pub async fn delete_application_draft(conn: &mut Conn<'_>, id: ApplicationId) -> Result<bool, StoreError> {
    let n = on_conn!(conn, |c| sqlx::query("delete from application where id = $1 and status = 'draft'")
        .bind(id.as_uuid())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

// ---------------------------------------------------------------- documents

/// Stores a document (the CV: key `cv`), replacing the one with the same key.
pub async fn put_application_document(
    conn: &mut Conn<'_>,
    id: ApplicationId,
    key: &str,
    filename: &str,
    content: &[u8],
    sha256: &str,
    now: OffsetDateTime,
) -> Result<Uuid, StoreError> {
    let doc = Uuid::now_v7();
    on_conn!(conn, |c| sqlx::query("delete from application_document where application_id = $1 and key = $2")
        .bind(id.as_uuid())
        .bind(key)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    let size = i64::try_from(content.len()).unwrap_or(i64::MAX);
    on_conn!(conn, |c| sqlx::query(
        "insert into application_document (id, application_id, key, filename, size, sha256, content, uploaded_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8)"
    )
    .bind(doc)
    .bind(id.as_uuid())
    .bind(key)
    .bind(filename)
    .bind(size)
    .bind(sha256)
    .bind(content)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(doc)
}

/// The documents of an application (metadata), by key.
pub async fn application_documents(conn: &mut Conn<'_>, id: ApplicationId) -> Result<Vec<DocumentRow>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as(
        "select id, key, filename, size, sha256, uploaded_at from application_document where application_id = $1 order by key"
    )
    .bind(id.as_uuid())
    .fetch_all(c)
    .await)?)
}

/// A document's content.
pub async fn application_document(conn: &mut Conn<'_>, id: ApplicationId, key: &str) -> Result<Option<(DocumentRow, Vec<u8>)>, StoreError> {
    let meta: Option<DocumentRow> = on_conn!(conn, |c| sqlx::query_as(
        "select id, key, filename, size, sha256, uploaded_at from application_document where application_id = $1 and key = $2"
    )
    .bind(id.as_uuid())
    .bind(key)
    .fetch_optional(c)
    .await)?;
    let Some(meta) = meta else { return Ok(None) };
    let content: Vec<u8> =
        on_conn!(conn, |c| sqlx::query_scalar("select content from application_document where id = $1").bind(meta.id).fetch_one(c).await)?;
    Ok(Some((meta, content)))
}

// ---------------------------------------------------------------- reviewers and reviews

/// A reviewer assigned to an application.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ReviewerRow {
    /// The application.
    pub application_id: Uuid,
    /// The reviewer.
    pub reviewer_id: Uuid,
    /// By the solver or by hand.
    #[sqlx(try_from = "String")]
    pub assigned_by: AssignedBy,
    /// The reviewer's reading order (random, drawn once).
    pub read_order: i32,
}

/// Assigns a reviewer (no change if already assigned). Returns whether it was new.
pub async fn assign_reviewer(
    conn: &mut Conn<'_>,
    id: ApplicationId,
    reviewer: PersonId,
    by: AssignedBy,
    read_order: i32,
    now: OffsetDateTime,
) -> Result<bool, StoreError> {
    let n = on_conn!(conn, |c| sqlx::query(
        "insert into application_reviewer (application_id, reviewer_id, assigned_by, assigned_at, read_order) \
         values ($1, $2, $3, $4, $5) on conflict (application_id, reviewer_id) do nothing"
    )
    .bind(id.as_uuid())
    .bind(reviewer.as_uuid())
    .bind(by.as_str())
    .bind(now)
    .bind(read_order)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Removes a reviewer from an application. Returns whether they were assigned.
pub async fn unassign_reviewer(conn: &mut Conn<'_>, id: ApplicationId, reviewer: PersonId) -> Result<bool, StoreError> {
    let n = on_conn!(conn, |c| sqlx::query("delete from application_reviewer where application_id = $1 and reviewer_id = $2")
        .bind(id.as_uuid())
        .bind(reviewer.as_uuid())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Every reviewer assignment of a cohort.
pub async fn reviewers_of_cohort(conn: &mut Conn<'_>, cohort: CohortId) -> Result<Vec<ReviewerRow>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as(
        "select r.application_id, r.reviewer_id, r.assigned_by, r.read_order from application_reviewer r \
         join application a on a.id = r.application_id where a.cohort_id = $1 order by a.reference, r.reviewer_id"
    )
    .bind(cohort.as_uuid())
    .fetch_all(c)
    .await)?)
}

/// A reviewer's applications in a cohort, in their reading order.
pub async fn assigned_to(conn: &mut Conn<'_>, cohort: CohortId, reviewer: PersonId) -> Result<Vec<ReviewerRow>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as(
        "select r.application_id, r.reviewer_id, r.assigned_by, r.read_order from application_reviewer r \
         join application a on a.id = r.application_id where a.cohort_id = $1 and r.reviewer_id = $2 order by r.read_order"
    )
    .bind(cohort.as_uuid())
    .bind(reviewer.as_uuid())
    .fetch_all(c)
    .await)?)
}

/// A reviewer's scores for an application.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ApplicationReviewRow {
    /// The application.
    pub application_id: Uuid,
    /// The reviewer.
    pub reviewer_id: Uuid,
    /// Scores by criterion key.
    #[sqlx(try_from = "crate::call::JsonText")]
    pub scores: Scores,
    /// Comment.
    pub comment: String,
    /// Last change.
    pub updated_at: OffsetDateTime,
}

/// Records a reviewer's scores (replacing their earlier ones).
pub async fn save_application_review(
    conn: &mut Conn<'_>,
    id: ApplicationId,
    reviewer: PersonId,
    scores: &Scores,
    comment: &str,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    let json = serde_json::to_string(scores).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    on_conn!(conn, |c| sqlx::query(
        "insert into application_review (application_id, reviewer_id, scores, comment, submitted_at, updated_at) \
         values ($1, $2, $3, $4, $5, $5) \
         on conflict (application_id, reviewer_id) do update set scores = excluded.scores, comment = excluded.comment, \
         updated_at = excluded.updated_at"
    )
    .bind(id.as_uuid())
    .bind(reviewer.as_uuid())
    .bind(&json)
    .bind(comment)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The reviews of a cohort's applications.
pub async fn application_reviews(conn: &mut Conn<'_>, cohort: CohortId) -> Result<Vec<ApplicationReviewRow>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as(
        "select r.application_id, r.reviewer_id, r.scores, r.comment, r.updated_at from application_review r \
         join application a on a.id = r.application_id where a.cohort_id = $1 order by a.reference, r.reviewer_id"
    )
    .bind(cohort.as_uuid())
    .fetch_all(c)
    .await)?)
}

/// Records a declared conflict with a candidate. Returns whether it was new.
pub async fn declare_application_conflict(
    conn: &mut Conn<'_>,
    person: PersonId,
    id: ApplicationId,
    reason: &str,
    now: OffsetDateTime,
) -> Result<bool, StoreError> {
    let n = on_conn!(conn, |c| sqlx::query(
        "insert into application_conflict (person_id, application_id, reason, declared_at) values ($1, $2, $3, $4) \
         on conflict (person_id, application_id) do nothing"
    )
    .bind(person.as_uuid())
    .bind(id.as_uuid())
    .bind(reason)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// The declared conflicts of a cohort: (person, application).
pub async fn application_conflicts(conn: &mut Conn<'_>, cohort: CohortId) -> Result<Vec<(Uuid, Uuid)>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as(
        "select x.person_id, x.application_id from application_conflict x join application a on a.id = x.application_id \
         where a.cohort_id = $1 order by x.person_id, x.application_id"
    )
    .bind(cohort.as_uuid())
    .fetch_all(c)
    .await)?)
}

/// A challenge candidates may choose.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ChallengeChoice {
    /// Id.
    pub id: Uuid,
    /// Slug (its public address).
    pub slug: String,
    /// Title.
    pub title: String,
    /// Status.
    #[sqlx(try_from = "String")]
    pub status: cohorte_domain::content::ChallengeStatus,
}

/// The challenges of a cohort, by title.
pub async fn challenges_of_cohort(conn: &mut Conn<'_>, cohort: CohortId) -> Result<Vec<ChallengeChoice>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as("select id, slug, title, status from challenge where cohort_id = $1 order by title, id")
        .bind(cohort.as_uuid())
        .fetch_all(c)
        .await)?)
}

/// Someone who may review a cohort's applications: a pre-selector of the cohort (or of every
/// cohort), or an operational mentor of one of its challenges (`challenge` set).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PossibleReviewer {
    /// The person.
    pub person_id: Uuid,
    /// The challenge they mentor (mentors only).
    pub challenge_id: Option<Uuid>,
}

/// The pre-selectors of a cohort and the operational mentors of its challenges (active grants),
/// by person.
pub async fn possible_reviewers(conn: &mut Conn<'_>, cohort: CohortId) -> Result<Vec<PossibleReviewer>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as(
        "select distinct r.person_id, case when 1 = 0 then r.challenge_id end as challenge_id from role_assignment r \
         where r.role = 'preselector' and r.revoked_at is null and (r.cohort_id = $1 or r.cohort_id is null) \
         union \
         select distinct r.person_id, r.challenge_id from role_assignment r join challenge ch on ch.id = r.challenge_id \
         where r.role = 'operational_mentor' and r.revoked_at is null and ch.cohort_id = $1"
    )
    .bind(cohort.as_uuid())
    .fetch_all(c)
    .await
    .map(|mut v: Vec<PossibleReviewer>| {
        // Sorted here: the databases order nulls differently.
        v.sort_by_key(|r| (r.person_id, r.challenge_id));
        v
    }))?)
}

// ---------------------------------------------------------------- interviews

/// An interview slot, with the application booked on it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SlotRow {
    /// Id.
    pub id: Uuid,
    /// The challenge it is for (none: any).
    pub challenge_id: Option<Uuid>,
    /// Start.
    pub starts_at: OffsetDateTime,
    /// Length.
    pub duration_minutes: i32,
    /// On site or by video.
    #[sqlx(try_from = "String")]
    pub mode: cohorte_domain::proposal::HearingMode,
    /// The room, or the video link.
    pub location: String,
    /// Bumped at each change (calendar invitations).
    pub sequence: i32,
    /// The application booked on it.
    pub application_id: Option<Uuid>,
}

/// What a new slot holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSlot {
    /// The challenge it is for (none: any).
    pub challenge: Option<Uuid>,
    /// Start.
    pub starts_at: OffsetDateTime,
    /// Length.
    pub duration_minutes: i32,
    /// On site or by video.
    pub mode: cohorte_domain::proposal::HearingMode,
    /// The room, or the video link.
    pub location: String,
}

/// Opens a slot.
pub async fn create_slot(conn: &mut Conn<'_>, cohort: CohortId, slot: &NewSlot, now: OffsetDateTime) -> Result<Uuid, StoreError> {
    let id = Uuid::now_v7();
    on_conn!(conn, |c| sqlx::query(
        "insert into interview_slot (id, cohort_id, challenge_id, starts_at, duration_minutes, mode, location, created_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8)"
    )
    .bind(id)
    .bind(cohort.as_uuid())
    .bind(slot.challenge)
    .bind(slot.starts_at)
    .bind(slot.duration_minutes)
    .bind(slot.mode.as_str())
    .bind(&slot.location)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(id)
}

/// The slots of a cohort, earliest first, with their bookings.
pub async fn slots(conn: &mut Conn<'_>, cohort: CohortId) -> Result<Vec<SlotRow>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as(
        "select s.id, s.challenge_id, s.starts_at, s.duration_minutes, s.mode, s.location, s.sequence, b.application_id \
         from interview_slot s left join interview_booking b on b.slot_id = s.id where s.cohort_id = $1 order by s.starts_at, s.id"
    )
    .bind(cohort.as_uuid())
    .fetch_all(c)
    .await)?)
}

/// Books a slot for an application. Returns `false` when the slot is taken or the application
/// already holds one (the database settles a race: exactly one booking wins).
pub async fn book_slot(conn: &mut Conn<'_>, slot: Uuid, application: ApplicationId, now: OffsetDateTime) -> Result<bool, StoreError> {
    let n = on_conn!(conn, |c| sqlx::query(
        "insert into interview_booking (slot_id, application_id, booked_at) values ($1, $2, $3) on conflict do nothing"
    )
    .bind(slot)
    .bind(application.as_uuid())
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Cancels an application's booking (its slot is free again, its invitation's sequence bumped).
/// Returns the slot it held.
pub async fn cancel_booking(conn: &mut Conn<'_>, application: ApplicationId) -> Result<Option<Uuid>, StoreError> {
    let slot: Option<Uuid> = on_conn!(conn, |c| sqlx::query_scalar("select slot_id from interview_booking where application_id = $1")
        .bind(application.as_uuid())
        .fetch_optional(c)
        .await)?;
    let Some(slot) = slot else { return Ok(None) };
    on_conn!(conn, |c| sqlx::query("delete from interview_booking where application_id = $1")
        .bind(application.as_uuid())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    on_conn!(conn, |c| sqlx::query("update interview_slot set sequence = sequence + 1 where id = $1")
        .bind(slot)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(Some(slot))
}

// ---------------------------------------------------------------- ranked lists

/// One entry of a (challenge, profile) list.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct RankingRow {
    /// The challenge.
    pub challenge_id: Uuid,
    /// The profile.
    #[sqlx(try_from = "String")]
    pub profile: cohorte_domain::cohort::ProfileKind,
    /// The application.
    pub application_id: Uuid,
    /// Its place, from 1.
    pub position: i32,
}

/// Replaces a (challenge, profile) list with `order` (best first).
pub async fn set_ranking(
    conn: &mut Conn<'_>,
    cohort: CohortId,
    challenge: Uuid,
    profile: cohorte_domain::cohort::ProfileKind,
    order: &[ApplicationId],
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    on_conn!(conn, |c| sqlx::query("delete from application_ranking where challenge_id = $1 and profile = $2")
        .bind(challenge)
        .bind(profile.as_str())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    for (i, app) in order.iter().enumerate() {
        let position = i32::try_from(i + 1).map_err(|_| StoreError::Corrupt("ranking too long".into()))?;
        on_conn!(conn, |c| {
            sqlx::query(
            "insert into application_ranking (cohort_id, challenge_id, profile, application_id, position, ranked_at) values ($1, $2, $3, $4, $5, $6)"
        )
        .bind(cohort.as_uuid())
        .bind(challenge)
        .bind(profile.as_str())
        .bind(app.as_uuid())
        .bind(position)
        .bind(now)
        .execute(c)
        .await
        .map(|r| r.rows_affected())
        })?;
    }
    Ok(())
}

/// Every ranked list of a cohort, by challenge, profile and position.
pub async fn rankings(conn: &mut Conn<'_>, cohort: CohortId) -> Result<Vec<RankingRow>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as(
        "select challenge_id, profile, application_id, position from application_ranking where cohort_id = $1 \
         order by challenge_id, profile, position"
    )
    .bind(cohort.as_uuid())
    .fetch_all(c)
    .await)?)
}

// ---------------------------------------------------------------- offers

/// When a cohort's matching was published, if it was.
pub async fn matching_published(conn: &mut Conn<'_>, cohort: CohortId) -> Result<Option<OffsetDateTime>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_scalar("select published_at from matching_round where cohort_id = $1")
        .bind(cohort.as_uuid())
        .fetch_optional(c)
        .await)?)
}

/// Records the publication of a cohort's matching (once: `false` if it already was).
pub async fn publish_matching(conn: &mut Conn<'_>, cohort: CohortId, by: PersonId, now: OffsetDateTime) -> Result<bool, StoreError> {
    let n = on_conn!(conn, |c| sqlx::query(
        "insert into matching_round (cohort_id, approved_by, published_at) values ($1, $2, $3) on conflict do nothing"
    )
    .bind(cohort.as_uuid())
    .bind(by.as_uuid())
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// An offer.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OfferRow {
    /// The application.
    pub application_id: Uuid,
    /// The challenge.
    pub challenge_id: Uuid,
    /// The profile.
    #[sqlx(try_from = "String")]
    pub profile: cohorte_domain::cohort::ProfileKind,
    /// Made.
    pub offered_at: OffsetDateTime,
    /// To answer by.
    pub deadline: OffsetDateTime,
    /// The answer (`accepted`, `declined`, `expired`).
    pub response: Option<String>,
}

/// Makes (or replaces, for a better seat) an application's offer.
pub async fn put_offer(
    conn: &mut Conn<'_>,
    application: ApplicationId,
    challenge: Uuid,
    profile: cohorte_domain::cohort::ProfileKind,
    deadline: OffsetDateTime,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    on_conn!(conn, |c| sqlx::query(
        "insert into offer (application_id, challenge_id, profile, offered_at, deadline) values ($1, $2, $3, $4, $5) \
         on conflict (application_id) do update set challenge_id = excluded.challenge_id, profile = excluded.profile, \
         offered_at = excluded.offered_at, deadline = excluded.deadline, response = null, responded_at = null"
    )
    .bind(application.as_uuid())
    .bind(challenge)
    .bind(profile.as_str())
    .bind(now)
    .bind(deadline)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Records the answer to an open offer (`accepted`, `declined` or `expired`); `false` if it was
/// already answered.
pub async fn answer_offer(
    conn: &mut Conn<'_>,
    application: ApplicationId,
    response: &str,
    now: OffsetDateTime,
) -> Result<bool, StoreError> {
    let n = on_conn!(conn, |c| sqlx::query(
        "update offer set response = $2, responded_at = $3 where application_id = $1 and response is null"
    )
    .bind(application.as_uuid())
    .bind(response)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// The offers of a cohort.
pub async fn offers(conn: &mut Conn<'_>, cohort: CohortId) -> Result<Vec<OfferRow>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as(
        "select o.application_id, o.challenge_id, o.profile, o.offered_at, o.deadline, o.response from offer o \
         join application a on a.id = o.application_id where a.cohort_id = $1 order by a.reference"
    )
    .bind(cohort.as_uuid())
    .fetch_all(c)
    .await)?)
}

// ---------------------------------------------------------------- fellowships

/// A fellowship: an accepted offer, the person a fellow of the challenge in the cohort.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct FellowshipRow {
    /// Id.
    pub id: Uuid,
    /// The application it comes from.
    pub application_id: Uuid,
    /// The fellow.
    pub person_id: Uuid,
    /// The challenge.
    pub challenge_id: Uuid,
    /// The profile.
    #[sqlx(try_from = "String")]
    pub profile: cohorte_domain::cohort::ProfileKind,
    /// `onboarding`, `active`, `extended`, `ended`, `left_early`.
    pub state: String,
    /// The salary band's net monthly amount, from the rules.
    pub salary_net_monthly_eur: Option<i32>,
    /// Created (the offer accepted).
    pub created_at: OffsetDateTime,
    /// When the team was announced.
    pub announced_at: Option<OffsetDateTime>,
}

/// A new fellowship.
#[derive(Debug, Clone)]
pub struct NewFellowship {
    /// The application.
    pub application: ApplicationId,
    /// The fellow.
    pub person: PersonId,
    /// The cohort.
    pub cohort: CohortId,
    /// The challenge.
    pub challenge: Uuid,
    /// The profile.
    pub profile: cohorte_domain::cohort::ProfileKind,
    /// The salary band's net monthly amount.
    pub salary_net_monthly_eur: Option<i32>,
}

/// Creates the fellowship of an accepted offer (once per application: `false` if it exists).
pub async fn create_fellowship(conn: &mut Conn<'_>, f: &NewFellowship, now: OffsetDateTime) -> Result<bool, StoreError> {
    let n = on_conn!(conn, |c| {
        sqlx::query(
        "insert into fellowship (id, application_id, person_id, cohort_id, challenge_id, profile, state, salary_net_monthly_eur, created_at) \
         values ($1, $2, $3, $4, $5, $6, 'onboarding', $7, $8) on conflict (application_id) do nothing"
    )
    .bind(Uuid::now_v7())
    .bind(f.application.as_uuid())
    .bind(f.person.as_uuid())
    .bind(f.cohort.as_uuid())
    .bind(f.challenge)
    .bind(f.profile.as_str())
    .bind(f.salary_net_monthly_eur)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(n == 1)
}

/// The fellowships of a cohort, by challenge then creation.
pub async fn fellowships(conn: &mut Conn<'_>, cohort: CohortId) -> Result<Vec<FellowshipRow>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as(
        "select id, application_id, person_id, challenge_id, profile, state, salary_net_monthly_eur, created_at, announced_at \
         from fellowship where cohort_id = $1 order by challenge_id, created_at, id"
    )
    .bind(cohort.as_uuid())
    .fetch_all(c)
    .await)?)
}

/// Marks the cohort's fellowships not yet announced as announced; returns them.
pub async fn announce_fellowships(conn: &mut Conn<'_>, cohort: CohortId, now: OffsetDateTime) -> Result<Vec<FellowshipRow>, StoreError> {
    let rows: Vec<FellowshipRow> = on_conn!(conn, |c| sqlx::query_as(
        "update fellowship set announced_at = $2 where cohort_id = $1 and announced_at is null \
         returning id, application_id, person_id, challenge_id, profile, state, salary_net_monthly_eur, created_at, announced_at"
    )
    .bind(cohort.as_uuid())
    .bind(now)
    .fetch_all(c)
    .await)?;
    Ok(rows)
}

// ---------------------------------------------------------------- matching overrides

/// A staff override of the matching: the candidate placed on a list, or on none.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OverrideRow {
    /// The application.
    pub application_id: Uuid,
    /// The challenge of the list (none: not placed).
    pub challenge_id: Option<Uuid>,
    /// The profile of the list.
    pub profile: Option<String>,
    /// Why.
    pub reason: String,
    /// Who.
    pub by_person: Uuid,
    /// When.
    pub created_at: OffsetDateTime,
}

/// Records (or replaces) an application's override.
pub async fn set_override(
    conn: &mut Conn<'_>,
    cohort: CohortId,
    application: ApplicationId,
    target: Option<(Uuid, cohorte_domain::cohort::ProfileKind)>,
    reason: &str,
    by: PersonId,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    on_conn!(conn, |c| sqlx::query(
        "insert into matching_override (application_id, cohort_id, challenge_id, profile, reason, by_person, created_at) \
         values ($1, $2, $3, $4, $5, $6, $7) on conflict (application_id) do update set challenge_id = excluded.challenge_id, \
         profile = excluded.profile, reason = excluded.reason, by_person = excluded.by_person, created_at = excluded.created_at"
    )
    .bind(application.as_uuid())
    .bind(cohort.as_uuid())
    .bind(target.map(|t| t.0))
    .bind(target.map(|t| t.1.as_str()))
    .bind(reason)
    .bind(by.as_uuid())
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Removes an application's override; `false` if it had none.
pub async fn remove_override(conn: &mut Conn<'_>, application: ApplicationId) -> Result<bool, StoreError> {
    let n = on_conn!(conn, |c| sqlx::query("delete from matching_override where application_id = $1")
        .bind(application.as_uuid())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// A cohort's overrides, oldest first.
pub async fn overrides(conn: &mut Conn<'_>, cohort: CohortId) -> Result<Vec<OverrideRow>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as(
        "select application_id, challenge_id, profile, reason, by_person, created_at from matching_override \
         where cohort_id = $1 order by created_at, application_id"
    )
    .bind(cohort.as_uuid())
    .fetch_all(c)
    .await)?)
}

// ---------------------------------------------------------------- interview evaluations

/// The interview's scores on the grid by one panel member, or the panel's consensus.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct InterviewEvaluationRow {
    /// The application.
    pub application_id: Uuid,
    /// The member's id, or `consensus`.
    pub scorer: String,
    /// Scores by criterion key.
    #[sqlx(try_from = "crate::call::JsonText")]
    pub scores: Scores,
    /// Comment.
    pub comment: String,
    /// Last change.
    pub updated_at: OffsetDateTime,
}

impl InterviewEvaluationRow {
    /// Whether this is the panel's consensus.
    pub fn is_consensus(&self) -> bool {
        self.scorer == "consensus"
    }
}

/// Records a panel member's scores of an interview (`None`: the consensus), replacing earlier ones.
pub async fn save_interview_evaluation(
    conn: &mut Conn<'_>,
    id: ApplicationId,
    scorer: Option<PersonId>,
    scores: &Scores,
    comment: &str,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    let json = serde_json::to_string(scores).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let scorer = scorer.map_or_else(|| "consensus".to_owned(), |p| p.to_string());
    on_conn!(conn, |c| sqlx::query(
        "insert into interview_evaluation (application_id, scorer, scores, comment, updated_at) values ($1, $2, $3, $4, $5) \
         on conflict (application_id, scorer) do update set scores = excluded.scores, comment = excluded.comment, \
         updated_at = excluded.updated_at"
    )
    .bind(id.as_uuid())
    .bind(&scorer)
    .bind(&json)
    .bind(comment)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The interview evaluations of a cohort's applications.
pub async fn interview_evaluations(conn: &mut Conn<'_>, cohort: CohortId) -> Result<Vec<InterviewEvaluationRow>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as(
        "select e.application_id, e.scorer, e.scores, e.comment, e.updated_at from interview_evaluation e \
         join application a on a.id = e.application_id where a.cohort_id = $1 order by a.reference, e.scorer"
    )
    .bind(cohort.as_uuid())
    .fetch_all(c)
    .await)?)
}

// ---------------------------------------------------------------- suggestions of another challenge

/// A panel's proposal of another (challenge, profile) to a candidate, and their answer.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SuggestionRow {
    /// Its id.
    pub id: Uuid,
    /// The application.
    pub application_id: Uuid,
    /// The challenge proposed.
    pub challenge_id: Uuid,
    /// The profile proposed.
    #[sqlx(try_from = "String")]
    pub profile: cohorte_domain::cohort::ProfileKind,
    /// The panel's note to the candidate.
    pub note: String,
    /// Who proposed it.
    pub by_person: Uuid,
    /// When.
    pub created_at: OffsetDateTime,
    /// `accepted` or `declined`, once answered.
    pub answer: Option<String>,
    /// When it was answered.
    pub answered_at: Option<OffsetDateTime>,
}

impl SuggestionRow {
    /// Whether the candidate accepted it.
    pub fn accepted(&self) -> bool {
        self.answer.as_deref() == Some("accepted")
    }
}

/// Records a proposal of another (challenge, profile) to a candidate; `None` if that list was
/// already proposed to them.
pub async fn suggest_challenge(
    conn: &mut Conn<'_>,
    cohort: CohortId,
    application: ApplicationId,
    target: (Uuid, cohorte_domain::cohort::ProfileKind),
    note: &str,
    by: PersonId,
    now: OffsetDateTime,
) -> Result<Option<Uuid>, StoreError> {
    let id = Uuid::now_v7();
    let n = on_conn!(conn, |c| sqlx::query(
        "insert into challenge_suggestion (id, application_id, cohort_id, challenge_id, profile, note, by_person, created_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict do nothing"
    )
    .bind(id)
    .bind(application.as_uuid())
    .bind(cohort.as_uuid())
    .bind(target.0)
    .bind(target.1.as_str())
    .bind(note)
    .bind(by.as_uuid())
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok((n == 1).then_some(id))
}

/// Answers a suggestion once (`accepted` or `declined`); false if it was already answered.
pub async fn answer_suggestion(conn: &mut Conn<'_>, id: Uuid, accepted: bool, now: OffsetDateTime) -> Result<bool, StoreError> {
    let answer = if accepted { "accepted" } else { "declined" };
    let n =
        on_conn!(conn, |c| sqlx::query("update challenge_suggestion set answer = $2, answered_at = $3 where id = $1 and answer is null")
            .bind(id)
            .bind(answer)
            .bind(now)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// The suggestions made in a cohort, oldest first.
pub async fn suggestions(conn: &mut Conn<'_>, cohort: CohortId) -> Result<Vec<SuggestionRow>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as(
        "select id, application_id, challenge_id, profile, note, by_person, created_at, answer, answered_at \
         from challenge_suggestion where cohort_id = $1 order by created_at, id"
    )
    .bind(cohort.as_uuid())
    .fetch_all(c)
    .await)?)
}
