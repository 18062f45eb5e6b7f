//! Pre-selection and juries of the call for projects: reviews and pre-selection decisions (staff),
//! panels and their members, conflicts of interest (declared, or by organisation), automatic and
//! manual assignment, hearings with calendar invitations, scoring (blind until one's own scores
//! are in), the panel's consensus and ranking, and the consolidation across panels.

use std::collections::{BTreeMap, BTreeSet};

use cohorte_domain::cohort::{RuleSet, TextField};
use cohorte_domain::content::RoleKind;
use cohorte_domain::identity::{AuditAction, Email, Grant};
use cohorte_domain::ids::{CohortId, OrganisationId, PanelId, PersonId, ProposalId};
use cohorte_domain::jury::{self, PanelSeats, Scores, ToAssign};
use cohorte_domain::policy::{self, ProposalRelation};
use cohorte_domain::proposal::{ProposalEvent, ProposalStatus};
use cohorte_domain::query::{FieldError, FieldErrors};
use cohorte_store::Conn;
pub use cohorte_store::call::ReviewInput;
use cohorte_store::call::{
    self as store, AssignmentRow, CohortAdminRow, EvaluationRow, PanelMemberRow, PanelRow, ProposalRow, ReviewRow, StatusChange,
};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::identity::{RequestMeta, Session, record};
use crate::jobs::{Job, enqueue};
use crate::mail::MailAttachment;
use crate::{AppError, Ctx, i18n, mail};

// ---------------------------------------------------------------- relations and conflicts

async fn organisations_of_proposal(conn: &mut Conn<'_>, p: &ProposalRow) -> Result<BTreeSet<Uuid>, AppError> {
    let mut out = BTreeSet::new();
    for slug in std::iter::once(&p.form.host).chain(std::iter::once(&p.form.funding_holder)).chain(p.form.partners.iter()) {
        if slug.is_empty() {
            continue;
        }
        if let Some(o) = store::organisation(conn, slug).await? {
            out.insert(o.id);
        }
    }
    Ok(out)
}

/// Whether two sets of organisations overlap in the tree (the same, or one inside the other).
async fn related(conn: &mut Conn<'_>, mine: &[Uuid], theirs: &BTreeSet<Uuid>) -> Result<bool, AppError> {
    if mine.is_empty() || theirs.is_empty() {
        return Ok(false);
    }
    let mut their_lineage = BTreeSet::new();
    for t in theirs {
        their_lineage.extend(store::lineage(conn, *t).await?);
    }
    for m in mine {
        let line = store::lineage(conn, *m).await?;
        if line.iter().any(|o| theirs.contains(o)) || their_lineage.contains(m) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Whether a person is in conflict with a proposal: declared, a member of it, or attached to its
/// host, funding or partner organisation (or a parent or child of one).
pub async fn conflicted(conn: &mut Conn<'_>, person: PersonId, p: &ProposalRow) -> Result<bool, AppError> {
    if store::has_declared_conflict(conn, person, p.id).await? || store::is_member(conn, p.id, person).await? {
        return Ok(true);
    }
    let orgs = store::organisations_of(conn, person).await?;
    let theirs = organisations_of_proposal(conn, p).await?;
    related(conn, &orgs, &theirs).await
}

/// (sits on the panel hearing it, is in conflict with it).
pub async fn panel_relation(conn: &mut Conn<'_>, person: PersonId, p: &ProposalRow) -> Result<(bool, bool), AppError> {
    let on_panel = store::seat_on_panel_of(conn, p.id, person).await?.is_some();
    let c = conflicted(conn, person, p).await?;
    Ok((on_panel, c))
}

// ---------------------------------------------------------------- the cohort's proposals (staff, pre-selectors)

/// A proposal in the lists of staff and pre-selectors.
#[derive(Debug, Clone)]
pub struct ProposalLine {
    /// The proposal.
    pub proposal: ProposalRow,
    /// Host organisation name.
    pub host: String,
    /// Reviews written.
    pub reviews: usize,
    /// Its panel, if assigned.
    pub panel: Option<String>,
}

/// The proposals of a cohort: every one for staff and the validator; submitted ones without a
/// conflict for pre-selectors.
pub async fn cohort_proposals(ctx: &Ctx, session: &Session, code: &str) -> Result<(CohortAdminRow, Vec<ProposalLine>), AppError> {
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let cohort = store::cohort_by_code(&mut conn, code).await?.ok_or(AppError::NotFound)?;
    let me = policy::can_use_account(&session.actor)?.clone();
    let staff = policy::can_see_unpublished_decisions(&session.actor);
    if !staff && !me.acts_as_in(RoleKind::Preselector, cohort.cohort_id()) {
        if policy::can_read_decisions(&session.actor) == Err(policy::Denied::SecondFactorRequired) {
            return Err(AppError::Denied(policy::Denied::SecondFactorRequired));
        }
        return Err(if me.holds_in(RoleKind::Preselector, cohort.cohort_id()) {
            AppError::Denied(policy::Denied::SecondFactorRequired)
        } else {
            AppError::Denied(policy::Denied::Forbidden)
        });
    }
    let panels: BTreeMap<Uuid, String> = store::panels(&mut conn, cohort.cohort_id()).await?.into_iter().map(|p| (p.id, p.name)).collect();
    let assignments: BTreeMap<Uuid, Uuid> =
        store::assignments(&mut conn, cohort.cohort_id()).await?.into_iter().map(|a| (a.proposal_id, a.panel_id)).collect();
    let mut out = Vec::new();
    for p in store::proposals_of_cohort(&mut conn, cohort.cohort_id()).await? {
        if !staff
            && (p.status == ProposalStatus::Draft || p.status == ProposalStatus::Withdrawn || conflicted(&mut conn, me.id, &p).await?)
        {
            continue;
        }
        let host = match p.form.host.as_str() {
            "" => String::new(),
            s => store::organisation(&mut conn, s).await?.map(|o| o.name).unwrap_or_default(),
        };
        let reviews = store::reviews(&mut conn, p.id).await?.len();
        let panel = assignments.get(&p.id.as_uuid()).and_then(|id| panels.get(id)).cloned();
        out.push(ProposalLine { proposal: p, host, reviews, panel });
    }
    Ok((cohort, out))
}

/// The reviews of a proposal (staff, validator, the cohort's pre-selectors).
pub async fn reviews(ctx: &Ctx, session: &Session, id: ProposalId) -> Result<Vec<ReviewRow>, AppError> {
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let p = store::proposal(&mut conn, id).await?.ok_or(AppError::NotFound)?;
    let rel = crate::proposals::relation(&mut conn, session, &p).await?;
    if policy::can_see_unpublished_decisions(&session.actor) || policy::can_review_proposal(&session.actor, p.cohort_id, rel).is_ok() {
        Ok(store::reviews(&mut conn, id).await?)
    } else {
        Ok(Vec::new())
    }
}

fn text_ok(field: &'static str, s: &str, max: usize, e: &mut Vec<FieldError>) {
    if s.chars().count() > max {
        e.push(FieldError { field, code: "too-long" });
    } else if s.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        e.push(FieldError { field, code: "forbidden-characters" });
    }
}

/// Saves the reader's pre-selection review.
pub async fn save_review(ctx: &Ctx, session: &Session, id: ProposalId, r: &ReviewInput, meta: &RequestMeta) -> Result<(), AppError> {
    let mut e = Vec::new();
    text_ok("notes", &r.notes, 4000, &mut e);
    text_ok("questions", &r.questions, 4000, &mut e);
    if r.recommendation.as_deref().is_some_and(|x| !matches!(x, "shortlist" | "reject" | "more_information")) {
        e.push(FieldError { field: "recommendation", code: "invalid-choice" });
    }
    if !e.is_empty() {
        return Err(FieldErrors(e).into());
    }
    let now = ctx.clock.now();
    let mut tx = ctx.db.begin().await?;
    let mut conn = tx.conn();
    let p = store::proposal(&mut conn, id).await?.ok_or(AppError::NotFound)?;
    let rel = crate::proposals::relation(&mut conn, session, &p).await?;
    let me = policy::can_review_proposal(&session.actor, p.cohort_id, rel)?.clone();
    if matches!(p.status, ProposalStatus::Draft | ProposalStatus::Withdrawn) {
        return Err(AppError::Denied(policy::Denied::NotVisible));
    }
    store::save_review(&mut conn, id, me.id, r, now).await?;
    record(
        &mut conn,
        now,
        Some(me.id),
        &me.name,
        AuditAction::ReviewSaved,
        ("proposal", &p.reference),
        serde_json::json!({"recommendation": r.recommendation}),
        meta,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A pre-selection step taken by staff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PreselectionStep {
    /// Start the review.
    StartReview,
    /// Not eligible, with a reason shown to the administration.
    Ineligible(String),
    /// Insufficiently detailed, with a reason.
    Incomplete(String),
    /// Ask for more information on named fields.
    RequestInformation(String, Vec<TextField>),
    /// Invite to a hearing.
    Shortlist,
    /// Not invited to a hearing, with a reason (told at the announcement).
    NotShortlist(String),
    /// The panel heard it.
    Heard,
    /// The administration did not come.
    NoShow,
}

/// Takes a pre-selection step (staff; the panel's referent for "heard" and "no show").
pub async fn preselection_step(
    ctx: &Ctx,
    session: &Session,
    id: ProposalId,
    step: &PreselectionStep,
    meta: &RequestMeta,
) -> Result<ProposalStatus, AppError> {
    let now = ctx.clock.now();
    let mut tx = ctx.db.begin().await?;
    let mut conn = tx.conn();
    let p = store::proposal(&mut conn, id).await?.ok_or(AppError::NotFound)?;
    let referent = match session.actor.person() {
        Some(me) => match store::assignment(&mut conn, id).await? {
            Some(a) => store::panel(&mut conn, PanelId::from_uuid(a.panel_id))
                .await?
                .is_some_and(|(panel, _)| panel.referent_id == Some(me.id.as_uuid())),
            None => false,
        },
        None => false,
    };
    let me = match step {
        PreselectionStep::Heard | PreselectionStep::NoShow if referent => {
            let rel = crate::proposals::relation(&mut conn, session, &p).await?;
            policy::can_score_proposal(&session.actor, p.cohort_id, rel)?.clone()
        }
        _ => policy::can_run_calls(&session.actor)?.clone(),
    };
    let (event, change) = match step {
        PreselectionStep::StartReview => (ProposalEvent::StartReview, StatusChange::default()),
        PreselectionStep::Ineligible(r) => {
            (ProposalEvent::MarkIneligible, StatusChange { reason: Some(reason(r)?), ..StatusChange::default() })
        }
        PreselectionStep::Incomplete(r) => {
            (ProposalEvent::MarkIncomplete, StatusChange { reason: Some(reason(r)?), ..StatusChange::default() })
        }
        PreselectionStep::RequestInformation(text, fields) => {
            if fields.is_empty() {
                return Err(FieldErrors(vec![FieldError { field: "fields", code: "choose-fields" }]).into());
            }
            (
                ProposalEvent::RequestInformation,
                StatusChange { info_request: Some(reason(text)?), reopened: Some(fields.clone()), ..StatusChange::default() },
            )
        }
        PreselectionStep::Shortlist => (ProposalEvent::Shortlist, StatusChange::default()),
        PreselectionStep::NotShortlist(r) => {
            (ProposalEvent::NotShortlist, StatusChange { reason: Some(reason(r)?), ..StatusChange::default() })
        }
        PreselectionStep::Heard => (ProposalEvent::Hear, StatusChange::default()),
        PreselectionStep::NoShow => (ProposalEvent::MissHearing, StatusChange::default()),
    };
    let to = p.status.apply(event).map_err(|_| FieldErrors(vec![FieldError { field: "status", code: "invalid-transition" }]))?;
    if !store::set_status(&mut conn, id, p.status, to, &change, now).await? {
        return Err(AppError::Conflict("the proposal changed meanwhile".into()));
    }
    let action = if matches!(step, PreselectionStep::RequestInformation(..)) {
        AuditAction::InformationRequested
    } else {
        AuditAction::ProposalStatusChanged
    };
    record(
        &mut conn,
        now,
        Some(me.id),
        &me.name,
        action,
        ("proposal", &p.reference),
        serde_json::json!({"from": p.status.as_str(), "to": to.as_str()}),
        meta,
    )
    .await?;
    // The administration hears at once of a request for information and of a refusal at this
    // stage; of the rest at the announcement.
    let tell = match step {
        PreselectionStep::RequestInformation(text, _) => Some(("mail-info-requested-subject", "mail-info-requested-intro", text.clone())),
        PreselectionStep::Ineligible(r) | PreselectionStep::Incomplete(r) => {
            Some(("mail-refused-subject", "mail-refused-intro", r.clone()))
        }
        PreselectionStep::Shortlist => Some(("mail-shortlisted-subject", "mail-shortlisted-intro", String::new())),
        _ => None,
    };
    if let Some((subject, intro, detail)) = tell {
        notify_members(&mut conn, ctx, &p, meta.lang, subject, intro, &detail, now).await?;
    }
    tx.commit().await?;
    Ok(to)
}

fn reason(r: &str) -> Result<String, FieldErrors> {
    let t = r.trim();
    if t.is_empty() {
        return Err(FieldErrors(vec![FieldError { field: "reason", code: "required" }]));
    }
    let mut e = Vec::new();
    text_ok("reason", t, 2000, &mut e);
    if e.is_empty() { Ok(t.to_owned()) } else { Err(FieldErrors(e)) }
}

/// Emails every member of a proposal (queued in the caller's transaction).
#[expect(clippy::too_many_arguments, reason = "a message and where it goes")]
pub async fn notify_members(
    conn: &mut Conn<'_>,
    ctx: &Ctx,
    p: &ProposalRow,
    lang: cohorte_domain::lang::Lang,
    subject_key: &str,
    intro_key: &str,
    detail: &str,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let url = format!("{}/proposals/{}", ctx.settings.base_url, p.id);
    for m in store::members(conn, p.id).await? {
        let emails = cohorte_store::identity::emails_of(conn, PersonId::from_uuid(m.person_id)).await?;
        let Some(to) = emails.iter().find(|e| e.is_primary).or(emails.first()).map(|e| e.email.clone()) else { continue };
        let subject = i18n::ta(lang, subject_key, &[("reference", i18n::Arg::Str(&p.reference))]);
        let mut paragraphs = vec![i18n::ta(lang, intro_key, &[("name", i18n::Arg::Str(&p.name))])];
        if !detail.is_empty() {
            paragraphs.push(detail.to_owned());
        }
        let mail = mail::message_mail(lang, &to, &subject, &paragraphs, Some(&url)).map_err(|e| AppError::Internal(e.to_string()))?;
        enqueue(conn, &Job::SendMail { mail }, None, now).await?;
    }
    Ok(())
}

// ---------------------------------------------------------------- panels

/// A cohort's panels, their members, and the assignments.
#[derive(Debug, Clone)]
pub struct Panels {
    /// The cohort.
    pub cohort: CohortAdminRow,
    /// Panels.
    pub panels: Vec<PanelRow>,
    /// Members of every panel.
    pub members: Vec<PanelMemberRow>,
    /// Proposals waiting for or holding a panel (shortlisted and later).
    pub proposals: Vec<ProposalRow>,
    /// Assignments.
    pub assignments: Vec<AssignmentRow>,
    /// (person, proposal) pairs in conflict among the panel members.
    pub conflicts: BTreeSet<(Uuid, Uuid)>,
}

/// The panels page (staff).
pub async fn panels(ctx: &Ctx, session: &Session, code: &str) -> Result<Panels, AppError> {
    policy::can_run_calls(&session.actor)?;
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let cohort = store::cohort_by_code(&mut conn, code).await?.ok_or(AppError::NotFound)?;
    let panels = store::panels(&mut conn, cohort.cohort_id()).await?;
    let members = store::panel_members(&mut conn, cohort.cohort_id()).await?;
    let proposals: Vec<ProposalRow> = store::proposals_of_cohort(&mut conn, cohort.cohort_id())
        .await?
        .into_iter()
        .filter(|p| {
            matches!(p.status, ProposalStatus::Shortlisted | ProposalStatus::Heard | ProposalStatus::NoShow) || p.status.is_decision()
        })
        .collect();
    let assignments = store::assignments(&mut conn, cohort.cohort_id()).await?;
    let mut conflicts = BTreeSet::new();
    let people: BTreeSet<Uuid> = members.iter().map(|m| m.person_id).collect();
    for p in &proposals {
        for person in &people {
            if conflicted(&mut conn, PersonId::from_uuid(*person), p).await? {
                conflicts.insert((*person, p.id.as_uuid()));
            }
        }
    }
    Ok(Panels { cohort, panels, members, proposals, assignments, conflicts })
}

fn panel_name(name: &str) -> Result<String, FieldErrors> {
    let n = name.trim();
    if n.is_empty() || n.chars().count() > 80 || cohorte_domain::text::has_forbidden_chars(n) {
        Err(FieldErrors(vec![FieldError { field: "name", code: "invalid-name" }]))
    } else {
        Ok(n.to_owned())
    }
}

/// Creates a panel (staff).
pub async fn create_panel(ctx: &Ctx, session: &Session, code: &str, name: &str, meta: &RequestMeta) -> Result<PanelId, AppError> {
    let me = policy::can_run_calls(&session.actor)?.clone();
    let name = panel_name(name)?;
    let now = ctx.clock.now();
    let mut tx = ctx.db.begin().await?;
    let mut conn = tx.conn();
    let cohort = store::cohort_by_code(&mut conn, code).await?.ok_or(AppError::NotFound)?;
    if store::panels(&mut conn, cohort.cohort_id()).await?.iter().any(|p| p.name == name) {
        return Err(FieldErrors(vec![FieldError { field: "name", code: "name-taken" }]).into());
    }
    let id = store::create_panel(&mut conn, cohort.cohort_id(), &name, now).await?;
    record(
        &mut conn,
        now,
        Some(me.id),
        &me.name,
        AuditAction::PanelChanged,
        ("panel", &id.to_string()),
        serde_json::json!({"created": name}),
        meta,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Adds a juror (an existing person, by address) to a panel, with their organisation; they get
/// the cohort's jury role if they do not hold it.
pub async fn add_juror(
    ctx: &Ctx,
    session: &Session,
    panel: PanelId,
    email: &str,
    organisation: &str,
    referent: bool,
    meta: &RequestMeta,
) -> Result<(), AppError> {
    let me = policy::can_run_calls(&session.actor)?.clone();
    let email = Email::parse(email).map_err(|_| FieldErrors(vec![FieldError { field: "email", code: "invalid-email" }]))?;
    let now = ctx.clock.now();
    let mut tx = ctx.db.begin().await?;
    let mut conn = tx.conn();
    let (row, cohort) = store::panel(&mut conn, panel).await?.ok_or(AppError::NotFound)?;
    let (person, _) = cohorte_store::identity::person_by_email(&mut conn, &email)
        .await?
        .ok_or(FieldErrors(vec![FieldError { field: "email", code: "unknown-person" }]))?;
    let org = match organisation.trim() {
        "" => None,
        slug => Some(
            store::organisation(&mut conn, slug)
                .await?
                .map(|o| OrganisationId::from_uuid(o.id))
                .ok_or(FieldErrors(vec![FieldError { field: "organisation", code: "unknown-organisation" }]))?,
        ),
    };
    store::add_panel_member(&mut conn, panel, person, org).await?;
    if referent {
        store::set_referent(&mut conn, panel, Some(person)).await?;
    }
    let grant = Grant { cohort: Some(cohort), ..Grant::program(RoleKind::JuryMember) };
    let (_, changed) = cohorte_store::identity::grant_role(&mut conn, person, &grant, Some(me.id), "staff", now).await?;
    if changed {
        cohorte_store::identity::flag_rotation(&mut conn, person).await?;
        record(
            &mut conn,
            now,
            Some(me.id),
            &me.name,
            AuditAction::RoleGranted,
            ("person", &person.to_string()),
            serde_json::json!({"role": "jury_member", "panel": row.name}),
            meta,
        )
        .await?;
    }
    record(
        &mut conn,
        now,
        Some(me.id),
        &me.name,
        AuditAction::PanelChanged,
        ("panel", &panel.to_string()),
        serde_json::json!({"added": person.to_string(), "referent": referent}),
        meta,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Removes a juror from a panel.
pub async fn remove_juror(ctx: &Ctx, session: &Session, panel: PanelId, person: PersonId, meta: &RequestMeta) -> Result<(), AppError> {
    let me = policy::can_run_calls(&session.actor)?.clone();
    let now = ctx.clock.now();
    let mut tx = ctx.db.begin().await?;
    let mut conn = tx.conn();
    store::panel(&mut conn, panel).await?.ok_or(AppError::NotFound)?;
    store::remove_panel_member(&mut conn, panel, person).await?;
    record(
        &mut conn,
        now,
        Some(me.id),
        &me.name,
        AuditAction::PanelChanged,
        ("panel", &panel.to_string()),
        serde_json::json!({"removed": person.to_string()}),
        meta,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Assigns every shortlisted proposal without a panel automatically: balanced loads, never a
/// panel with a conflicted member. Returns (assigned, unassignable references).
pub async fn auto_assign(ctx: &Ctx, session: &Session, code: &str, meta: &RequestMeta) -> Result<(usize, Vec<String>), AppError> {
    let me = policy::can_run_calls(&session.actor)?.clone();
    let now = ctx.clock.now();
    let mut tx = ctx.db.begin().await?;
    let mut conn = tx.conn();
    let cohort = store::cohort_by_code(&mut conn, code).await?.ok_or(AppError::NotFound)?;
    let panels = store::panels(&mut conn, cohort.cohort_id()).await?;
    let members = store::panel_members(&mut conn, cohort.cohort_id()).await?;
    let assignments = store::assignments(&mut conn, cohort.cohort_id()).await?;
    let seats: Vec<PanelSeats> = panels
        .iter()
        .map(|p| PanelSeats {
            id: PanelId::from_uuid(p.id),
            members: members.iter().filter(|m| m.panel_id == p.id).map(|m| PersonId::from_uuid(m.person_id)).collect(),
            load: assignments.iter().filter(|a| a.panel_id == p.id).count(),
        })
        .collect();
    let assigned: BTreeSet<Uuid> = assignments.iter().map(|a| a.proposal_id).collect();
    let mut todo = Vec::new();
    let mut refs = BTreeMap::new();
    for p in store::proposals_of_cohort(&mut conn, cohort.cohort_id()).await? {
        if p.status != ProposalStatus::Shortlisted || assigned.contains(&p.id.as_uuid()) {
            continue;
        }
        let mut conflicted_with = BTreeSet::new();
        for m in &members {
            let person = PersonId::from_uuid(m.person_id);
            if conflicted(&mut conn, person, &p).await? || seat_conflict(&mut conn, m, &p).await? {
                conflicted_with.insert(person);
            }
        }
        refs.insert(p.id, p.reference.clone());
        todo.push(ToAssign { proposal: p.id, conflicted: conflicted_with });
    }
    let plan = jury::assign(&seats, &todo);
    for (p, panel) in &plan.assigned {
        store::assign(&mut conn, *p, *panel, "auto", now).await?;
    }
    let unassignable: Vec<String> = plan.unassignable.iter().filter_map(|p| refs.get(p).cloned()).collect();
    record(
        &mut conn,
        now,
        Some(me.id),
        &me.name,
        AuditAction::AssignmentChanged,
        ("cohort", code),
        serde_json::json!({"auto": plan.assigned.len(), "unassignable": unassignable}),
        meta,
    )
    .await?;
    tx.commit().await?;
    Ok((plan.assigned.len(), unassignable))
}

/// A juror's seat organisation against the proposal's organisations.
async fn seat_conflict(conn: &mut Conn<'_>, m: &PanelMemberRow, p: &ProposalRow) -> Result<bool, AppError> {
    let Some(org) = m.organisation_id else { return Ok(false) };
    let theirs = organisations_of_proposal(conn, p).await?;
    related(conn, &[org], &theirs).await
}

/// Assigns a proposal to a panel by hand; refused when a member of that panel is in conflict.
pub async fn assign(ctx: &Ctx, session: &Session, id: ProposalId, panel: PanelId, meta: &RequestMeta) -> Result<(), AppError> {
    let me = policy::can_run_calls(&session.actor)?.clone();
    let now = ctx.clock.now();
    let mut tx = ctx.db.begin().await?;
    let mut conn = tx.conn();
    let p = store::proposal(&mut conn, id).await?.ok_or(AppError::NotFound)?;
    let (row, cohort) = store::panel(&mut conn, panel).await?.ok_or(AppError::NotFound)?;
    if cohort != p.cohort_id || p.status != ProposalStatus::Shortlisted {
        return Err(FieldErrors(vec![FieldError { field: "panel", code: "invalid-choice" }]).into());
    }
    for m in store::panel_members(&mut conn, cohort).await?.iter().filter(|m| m.panel_id == row.id) {
        if conflicted(&mut conn, PersonId::from_uuid(m.person_id), &p).await? || seat_conflict(&mut conn, m, &p).await? {
            return Err(FieldErrors(vec![FieldError { field: "panel", code: "panel-conflict" }]).into());
        }
    }
    store::assign(&mut conn, id, panel, "manual", now).await?;
    record(
        &mut conn,
        now,
        Some(me.id),
        &me.name,
        AuditAction::AssignmentChanged,
        ("proposal", &p.reference),
        serde_json::json!({"panel": row.name}),
        meta,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A juror declares a conflict with a proposal of their panel: it leaves their view (and, if the
/// panel can no longer hear it, staff reassign it).
pub async fn declare_conflict(ctx: &Ctx, session: &Session, id: ProposalId, why: &str, meta: &RequestMeta) -> Result<(), AppError> {
    let me = policy::can_use_account(&session.actor)?.clone();
    let why = reason(why)?;
    let now = ctx.clock.now();
    let mut tx = ctx.db.begin().await?;
    let mut conn = tx.conn();
    let p = store::proposal(&mut conn, id).await?.ok_or(AppError::NotFound)?;
    let on_panel = store::seat_on_panel_of(&mut conn, id, me.id).await?.is_some();
    let pre = me.holds_in(RoleKind::Preselector, p.cohort_id);
    if !on_panel && !pre {
        return Err(AppError::Denied(policy::Denied::NotVisible));
    }
    store::declare_conflict(&mut conn, me.id, id, &why, now).await?;
    record(&mut conn, now, Some(me.id), &me.name, AuditAction::ConflictDeclared, ("proposal", &p.reference), serde_json::json!({}), meta)
        .await?;
    tx.commit().await?;
    Ok(())
}

// ---------------------------------------------------------------- hearings

/// Schedules a proposal's hearing (Paris time) and sends calendar invitations to the
/// administration's members and the panel.
#[expect(clippy::too_many_arguments, reason = "the facts of a hearing")]
pub async fn schedule(
    ctx: &Ctx,
    session: &Session,
    id: ProposalId,
    local: &str,
    minutes: &str,
    mode: &str,
    location: &str,
    meta: &RequestMeta,
) -> Result<(), AppError> {
    let me = policy::can_run_calls(&session.actor)?.clone();
    let mut e = Vec::new();
    let at = match cohorte_domain::paris::parse_local(local).map(cohorte_domain::paris::to_utc) {
        Some(Ok(t)) => Some(t),
        Some(Err(cohorte_domain::paris::LocalTimeError::Nonexistent)) => {
            e.push(FieldError { field: "hearing_at", code: "datetime-nonexistent" });
            None
        }
        Some(Err(cohorte_domain::paris::LocalTimeError::Ambiguous)) => {
            e.push(FieldError { field: "hearing_at", code: "datetime-ambiguous" });
            None
        }
        _ => {
            e.push(FieldError { field: "hearing_at", code: "invalid-datetime" });
            None
        }
    };
    let minutes = minutes.trim().parse::<i32>().ok().filter(|m| (10..=240).contains(m));
    if minutes.is_none() {
        e.push(FieldError { field: "duration", code: "duration-range" });
    }
    if !matches!(mode, "onsite" | "video") {
        e.push(FieldError { field: "mode", code: "invalid-choice" });
    }
    let location = location.trim();
    if location.is_empty() {
        e.push(FieldError { field: "location", code: "required" });
    }
    text_ok("location", location, 300, &mut e);
    if mode == "video" && !(location.starts_with("https://")) {
        e.push(FieldError { field: "location", code: "https-link" });
    }
    let (Some(at), Some(minutes), true) = (at, minutes, e.is_empty()) else { return Err(FieldErrors(e).into()) };
    let now = ctx.clock.now();
    let mut tx = ctx.db.begin().await?;
    let mut conn = tx.conn();
    let p = store::proposal(&mut conn, id).await?.ok_or(AppError::NotFound)?;
    let a = store::assignment(&mut conn, id).await?.ok_or(FieldErrors(vec![FieldError { field: "panel", code: "assign-first" }]))?;
    let seq = store::schedule_hearing(&mut conn, id, at, minutes, mode, location).await?.unwrap_or(0);
    let (panel, cohort) = store::panel(&mut conn, PanelId::from_uuid(a.panel_id)).await?.ok_or(AppError::NotFound)?;
    let mut people: Vec<(PersonId, bool)> =
        store::members(&mut conn, id).await?.iter().map(|m| (PersonId::from_uuid(m.person_id), false)).collect();
    people.extend(
        store::panel_members(&mut conn, cohort)
            .await?
            .iter()
            .filter(|m| m.panel_id == panel.id)
            .map(|m| (PersonId::from_uuid(m.person_id), true)),
    );
    let ics = hearing_ics(&ctx.settings.mail_from, &p, &panel.name, at, minutes, mode, location, seq, now, &ctx.settings.base_url);
    for (person, juror) in people {
        let emails = cohorte_store::identity::emails_of(&mut conn, person).await?;
        let Some(to) = emails.iter().find(|e| e.is_primary).or(emails.first()).map(|e| e.email.clone()) else { continue };
        let lang = meta.lang;
        let when = crate::calls::local_label(at);
        let subject = i18n::ta(lang, "mail-hearing-subject", &[("reference", i18n::Arg::Str(&p.reference))]);
        let paragraphs = vec![
            i18n::ta(
                lang,
                if juror { "mail-hearing-juror" } else { "mail-hearing-intro" },
                &[("name", i18n::Arg::Str(&p.name)), ("panel", i18n::Arg::Str(&panel.name))],
            ),
            i18n::ta(lang, "mail-hearing-when", &[("when", i18n::Arg::Str(&when)), ("minutes", i18n::Arg::Num(i64::from(minutes)))]),
            i18n::ta(
                lang,
                if mode == "video" { "mail-hearing-video" } else { "mail-hearing-onsite" },
                &[("location", i18n::Arg::Str(location))],
            ),
        ];
        let url = if juror {
            format!("{}/jury/proposals/{}", ctx.settings.base_url, p.id)
        } else {
            format!("{}/proposals/{}", ctx.settings.base_url, p.id)
        };
        let mut m = mail::message_mail(lang, &to, &subject, &paragraphs, Some(&url)).map_err(|e| AppError::Internal(e.to_string()))?;
        m.attachments.push(MailAttachment {
            filename: "audition.ics".into(),
            content_type: "text/calendar; charset=utf-8; method=REQUEST".into(),
            content: ics.clone(),
        });
        enqueue(&mut conn, &Job::SendMail { mail: m }, None, now).await?;
    }
    record(
        &mut conn,
        now,
        Some(me.id),
        &me.name,
        AuditAction::HearingScheduled,
        ("proposal", &p.reference),
        serde_json::json!({"at": at.unix_timestamp(), "minutes": minutes, "mode": mode, "sequence": seq}),
        meta,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

fn ics_text(s: &str) -> String {
    s.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace('\n', "\\n").replace('\r', "")
}

fn ics_time(t: OffsetDateTime) -> String {
    let u = t.to_offset(time::UtcOffset::UTC);
    format!("{:04}{:02}{:02}T{:02}{:02}{:02}Z", u.year(), u8::from(u.month()), u.day(), u.hour(), u.minute(), u.second())
}

/// Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut count = 0;
    for ch in line.chars() {
        let n = ch.len_utf8();
        if count + n > 75 {
            out.push_str("\r\n ");
            count = 1;
        }
        out.push(ch);
        count += n;
    }
    out
}

/// The calendar invitation of a hearing (RFC 5545, times in UTC, `SEQUENCE` bumped at each
/// change so that calendars update the event instead of adding one).
#[expect(clippy::too_many_arguments, reason = "the facts of a hearing")]
pub fn hearing_ics(
    organizer: &str,
    p: &ProposalRow,
    panel: &str,
    at: OffsetDateTime,
    minutes: i32,
    mode: &str,
    location: &str,
    sequence: i32,
    now: OffsetDateTime,
    base_url: &str,
) -> String {
    let organizer_email = organizer.rsplit('<').next().unwrap_or(organizer).trim_end_matches('>').trim();
    let host = base_url.split("://").nth(1).unwrap_or("cohorte").split('/').next().unwrap_or("cohorte");
    let lines = [
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Cohorte//Call for projects//FR".to_owned(),
        "METHOD:REQUEST".to_owned(),
        "BEGIN:VEVENT".to_owned(),
        format!("UID:hearing-{}@{host}", p.id),
        format!("SEQUENCE:{sequence}"),
        format!("DTSTAMP:{}", ics_time(now)),
        format!("DTSTART:{}", ics_time(at)),
        format!("DTEND:{}", ics_time(at + time::Duration::minutes(i64::from(minutes)))),
        format!("SUMMARY:{}", ics_text(&format!("Audition {} — {}", p.reference, p.name))),
        format!("DESCRIPTION:{}", ics_text(&format!("{panel} — {base_url}/proposals/{}", p.id))),
        format!("LOCATION:{}", ics_text(location)),
        if mode == "video" { format!("URL:{}", ics_text(location)) } else { String::new() },
        format!("ORGANIZER:mailto:{organizer_email}"),
        "STATUS:CONFIRMED".to_owned(),
        "END:VEVENT".to_owned(),
        "END:VCALENDAR".to_owned(),
    ];
    lines.iter().filter(|l| !l.is_empty()).map(|l| fold(l)).collect::<Vec<_>>().join("\r\n") + "\r\n"
}

// ---------------------------------------------------------------- the jury area

/// A proposal on a juror's table.
#[derive(Debug, Clone)]
pub struct JuryItem {
    /// The proposal.
    pub proposal: ProposalRow,
    /// Its hearing.
    pub assignment: AssignmentRow,
    /// Whether the juror has scored it.
    pub scored: bool,
}

/// A panel as its juror sees it.
#[derive(Debug, Clone)]
pub struct JuryPanel {
    /// The panel.
    pub panel: PanelRow,
    /// Its cohort.
    pub cohort: CohortAdminRow,
    /// The proposals it hears (those in conflict with the juror left out).
    pub items: Vec<JuryItem>,
    /// Whether the juror is its referent.
    pub referent: bool,
}

/// The juror's panels and what they hear.
pub async fn my_panels(ctx: &Ctx, session: &Session) -> Result<Vec<JuryPanel>, AppError> {
    let me = policy::can_use_jury_area(&session.actor)?.clone();
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let mut out = Vec::new();
    for (panel, cohort_id) in store::panels_of(&mut conn, me.id).await? {
        if !me.acts_as_in(RoleKind::JuryMember, cohort_id) && !policy::can_see_unpublished_decisions(&session.actor) {
            continue;
        }
        let cohort = store::cohort(&mut conn, cohort_id).await?.ok_or(AppError::NotFound)?;
        let evals = store::evaluations(&mut conn, cohort_id).await?;
        let mut items = Vec::new();
        for a in store::assignments(&mut conn, cohort_id).await?.into_iter().filter(|a| a.panel_id == panel.id) {
            let Some(p) = store::proposal(&mut conn, ProposalId::from_uuid(a.proposal_id)).await? else { continue };
            if conflicted(&mut conn, me.id, &p).await? {
                continue;
            }
            let scored = evals.iter().any(|e| e.proposal_id == a.proposal_id && e.author_id == Some(me.id.as_uuid()));
            items.push(JuryItem { proposal: p, assignment: a, scored });
        }
        items.sort_by_key(|i| (i.assignment.hearing_at, i.proposal.reference.clone()));
        out.push(JuryPanel { referent: panel.referent_id == Some(me.id.as_uuid()), panel, cohort, items });
    }
    Ok(out)
}

/// A jury kit: the proposal, its documents, the pre-selection questions, the grid, and the
/// scores the reader may see.
#[derive(Debug, Clone)]
pub struct Kit {
    /// The proposal as a juror reads it.
    pub view: crate::proposals::ProposalView,
    /// Its hearing.
    pub assignment: AssignmentRow,
    /// The panel.
    pub panel: PanelRow,
    /// The questions pre-selectors prepared.
    pub questions: Vec<String>,
    /// The reader's own evaluation.
    pub mine: Option<EvaluationRow>,
    /// The other jurors' evaluations (only once the reader's own is in) with their names.
    pub others: Vec<(String, EvaluationRow)>,
    /// The panel's consensus.
    pub consensus: Option<EvaluationRow>,
    /// Whether the reader is the panel's referent.
    pub referent: bool,
}

/// The kit of a proposal for a juror of its panel (or staff).
pub async fn kit(ctx: &Ctx, session: &Session, id: ProposalId) -> Result<Kit, AppError> {
    let view = crate::proposals::view(ctx, session, id).await?;
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let staff = policy::can_see_unpublished_decisions(&session.actor);
    if !staff {
        policy::can_score_proposal(&session.actor, view.proposal.cohort_id, view.relation)?;
    }
    let me = policy::can_use_account(&session.actor)?.clone();
    let assignment = store::assignment(&mut conn, id).await?.ok_or(AppError::NotFound)?;
    let (panel, cohort) = store::panel(&mut conn, PanelId::from_uuid(assignment.panel_id)).await?.ok_or(AppError::NotFound)?;
    let questions = store::reviews(&mut conn, id).await?.into_iter().map(|r| r.questions).filter(|q| !q.trim().is_empty()).collect();
    let evals = store::evaluations_of(&mut conn, id).await?;
    let mine = evals.iter().find(|e| e.author_id == Some(me.id.as_uuid())).cloned();
    let names: BTreeMap<Uuid, String> =
        store::panel_members(&mut conn, cohort).await?.into_iter().map(|m| (m.person_id, m.display_name)).collect();
    let others = if mine.is_some() || staff {
        evals
            .iter()
            .filter(|e| e.author_id.is_some() && e.author_id != Some(me.id.as_uuid()))
            .map(|e| (e.author_id.and_then(|a| names.get(&a).cloned()).unwrap_or_default(), e.clone()))
            .collect()
    } else {
        Vec::new()
    };
    let consensus = evals.iter().find(|e| e.author_id.is_none()).cloned();
    Ok(Kit { referent: panel.referent_id == Some(me.id.as_uuid()), view, assignment, panel, questions, mine, others, consensus })
}

/// What a juror enters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EvaluationForm {
    /// Scores by criterion key.
    pub scores: Scores,
    /// `favourable` or `unfavourable`.
    pub opinion: String,
    /// Coup de cœur.
    pub coup_de_coeur: bool,
    /// Comment.
    pub comment: String,
    /// The panel's consensus (the referent only) rather than one's own.
    pub consensus: bool,
}

/// Saves a juror's evaluation, or (the referent) the panel's consensus.
pub async fn evaluate(ctx: &Ctx, session: &Session, id: ProposalId, f: &EvaluationForm, meta: &RequestMeta) -> Result<(), AppError> {
    let now = ctx.clock.now();
    let mut tx = ctx.db.begin().await?;
    let mut conn = tx.conn();
    let p = store::proposal(&mut conn, id).await?.ok_or(AppError::NotFound)?;
    let rel = crate::proposals::relation(&mut conn, session, &p).await?;
    let me = policy::can_score_proposal(&session.actor, p.cohort_id, rel)?.clone();
    let rules: RuleSet = store::rules(&mut conn, p.rule_set_id).await?.ok_or(AppError::NotFound)?.rules;
    let mut e = Vec::new();
    if let Err(code) = jury::check_scores(&rules, &f.scores) {
        e.push(FieldError { field: "scores", code });
    }
    if !matches!(f.opinion.as_str(), "favourable" | "unfavourable") {
        e.push(FieldError { field: "opinion", code: "required" });
    }
    text_ok("comment", &f.comment, 4000, &mut e);
    if !e.is_empty() {
        return Err(FieldErrors(e).into());
    }
    if !matches!(p.status, ProposalStatus::Shortlisted | ProposalStatus::Heard) {
        return Err(AppError::Denied(policy::Denied::Forbidden));
    }
    let a = store::assignment(&mut conn, id).await?.ok_or(AppError::NotFound)?;
    let (panel, _) = store::panel(&mut conn, PanelId::from_uuid(a.panel_id)).await?.ok_or(AppError::NotFound)?;
    if f.consensus && panel.referent_id != Some(me.id.as_uuid()) {
        return Err(AppError::Denied(policy::Denied::Forbidden));
    }
    let scores = serde_json::to_string(&f.scores).map_err(|e| AppError::Internal(e.to_string()))?;
    let input = store::EvaluationInput {
        scores,
        opinion: Some(f.opinion.clone()),
        coup_de_coeur: f.coup_de_coeur,
        comment: f.comment.trim().to_owned(),
    };
    store::save_evaluation(&mut conn, id, PanelId::from_uuid(a.panel_id), (!f.consensus).then_some(me.id), &input, now).await?;
    record(
        &mut conn,
        now,
        Some(me.id),
        &me.name,
        AuditAction::EvaluationSaved,
        ("proposal", &p.reference),
        serde_json::json!({"consensus": f.consensus, "total": rules.weighted_total(&f.scores)}),
        meta,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The referent ranks the panel's heard proposals, best first (every one, once).
pub async fn rank(
    ctx: &Ctx,
    session: &Session,
    panel: PanelId,
    order: &[(ProposalId, String)],
    meta: &RequestMeta,
) -> Result<(), AppError> {
    let me = policy::can_use_jury_area(&session.actor)?.clone();
    let now = ctx.clock.now();
    let mut tx = ctx.db.begin().await?;
    let mut conn = tx.conn();
    let (row, cohort) = store::panel(&mut conn, panel).await?.ok_or(AppError::NotFound)?;
    let staff = policy::can_run_calls(&session.actor).is_ok();
    if row.referent_id != Some(me.id.as_uuid()) && !staff {
        return Err(AppError::Denied(policy::Denied::Forbidden));
    }
    let heard: BTreeSet<ProposalId> = {
        let mut s = BTreeSet::new();
        for a in store::assignments(&mut conn, cohort).await?.into_iter().filter(|a| a.panel_id == row.id) {
            let id = ProposalId::from_uuid(a.proposal_id);
            if store::proposal(&mut conn, id).await?.is_some_and(|p| p.status == ProposalStatus::Heard) {
                s.insert(id);
            }
        }
        s
    };
    let given: BTreeSet<ProposalId> = order.iter().map(|(p, _)| *p).collect();
    if given != heard || given.len() != order.len() {
        return Err(FieldErrors(vec![FieldError { field: "ranking", code: "rank-every-heard-proposal" }]).into());
    }
    let mut e = Vec::new();
    for (_, why) in order {
        text_ok("explanation", why, 1000, &mut e);
    }
    if !e.is_empty() {
        return Err(FieldErrors(e).into());
    }
    store::save_ranking(&mut conn, panel, order).await?;
    record(
        &mut conn,
        now,
        Some(me.id),
        &me.name,
        AuditAction::RankingSaved,
        ("panel", &panel.to_string()),
        serde_json::json!({"count": order.len()}),
        meta,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The panel's ranking, best first.
pub async fn ranking(ctx: &Ctx, session: &Session, panel: PanelId) -> Result<Vec<(ProposalRow, String)>, AppError> {
    let me = policy::can_use_jury_area(&session.actor)?.clone();
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let (_, cohort) = store::panel(&mut conn, panel).await?.ok_or(AppError::NotFound)?;
    let member = store::panels_of(&mut conn, me.id).await?.iter().any(|(p, _)| p.id == panel.as_uuid());
    if !member && !policy::can_see_unpublished_decisions(&session.actor) {
        return Err(AppError::Denied(policy::Denied::NotVisible));
    }
    let _ = cohort;
    let mut out = Vec::new();
    for (id, why) in store::ranking(&mut conn, panel).await? {
        if let Some(p) = store::proposal(&mut conn, ProposalId::from_uuid(id)).await? {
            out.push((p, why));
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------- consolidation (staff, validator)

/// A heard proposal across panels.
#[derive(Debug, Clone)]
pub struct Consolidated {
    /// The proposal.
    pub proposal: ProposalRow,
    /// The panel.
    pub panel: String,
    /// Its rank in its panel.
    pub rank: Option<usize>,
    /// The consensus total.
    pub consensus_total: Option<u32>,
    /// The jurors' mean total, in hundredths.
    pub mean_centi: Option<u32>,
    /// Favourable opinions / opinions.
    pub favourable: (usize, usize),
    /// Coups de cœur.
    pub coups_de_coeur: usize,
    /// Criteria where jurors disagree (keys).
    pub disagreements: Vec<String>,
    /// The staged outcome.
    pub staged: Option<String>,
}

/// The consolidation view: every heard proposal with scores, ranks, flags and disagreements.
pub async fn consolidation(ctx: &Ctx, session: &Session, code: &str) -> Result<(CohortAdminRow, RuleSet, Vec<Consolidated>), AppError> {
    policy::can_read_decisions(&session.actor)?;
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let cohort = store::cohort_by_code(&mut conn, code).await?.ok_or(AppError::NotFound)?;
    let co = cohort.cohort_id();
    let rules = store::current_rules(&mut conn, co).await?.ok_or(AppError::NotFound)?.rules;
    let panels: BTreeMap<Uuid, String> = store::panels(&mut conn, co).await?.into_iter().map(|p| (p.id, p.name)).collect();
    let assignments: BTreeMap<Uuid, Uuid> =
        store::assignments(&mut conn, co).await?.into_iter().map(|a| (a.proposal_id, a.panel_id)).collect();
    let evals = store::evaluations(&mut conn, co).await?;
    let staged: BTreeMap<Uuid, String> = store::decision_entries(&mut conn, co).await?.into_iter().collect();
    let mut ranks = BTreeMap::new();
    for id in panels.keys() {
        for (i, (p, _)) in store::ranking(&mut conn, PanelId::from_uuid(*id)).await?.into_iter().enumerate() {
            ranks.insert(p, i + 1);
        }
    }
    let mut out = Vec::new();
    let mut rule_sets = BTreeMap::new();
    for p in store::proposals_of_cohort(&mut conn, co).await? {
        if !(p.status == ProposalStatus::Heard || p.status.is_decision()) {
            continue;
        }
        let pid = p.id.as_uuid();
        // Each proposal is scored with the rules it was submitted under.
        if let std::collections::btree_map::Entry::Vacant(slot) = rule_sets.entry(p.rule_set_id) {
            slot.insert(store::rules(&mut conn, p.rule_set_id).await?.ok_or(AppError::NotFound)?.rules);
        }
        let rules = &rule_sets[&p.rule_set_id];
        let mine: Vec<&EvaluationRow> = evals.iter().filter(|e| e.proposal_id == pid).collect();
        let parse = |e: &EvaluationRow| serde_json::from_str::<Scores>(&e.scores).unwrap_or_default();
        let jurors: Vec<Scores> = mine.iter().filter(|e| e.author_id.is_some()).map(|e| parse(e)).collect();
        let consensus_total = mine.iter().find(|e| e.author_id.is_none()).and_then(|e| rules.weighted_total(&parse(e)));
        let spread = jury::spread(rules, &jurors);
        out.push(Consolidated {
            panel: assignments.get(&pid).and_then(|x| panels.get(x)).cloned().unwrap_or_default(),
            rank: ranks.get(&pid).copied(),
            consensus_total,
            mean_centi: jury::mean_total_centi(rules, &jurors),
            favourable: (
                mine.iter().filter(|e| e.opinion.as_deref() == Some("favourable")).count(),
                mine.iter().filter(|e| e.opinion.is_some()).count(),
            ),
            coups_de_coeur: mine.iter().filter(|e| e.coup_de_coeur).count(),
            disagreements: spread.iter().filter(|(_, s)| jury::disagree(rules, **s)).map(|(k, _)| k.clone()).collect(),
            staged: staged.get(&pid).cloned(),
            proposal: p,
        });
    }
    out.sort_by_key(|c| (std::cmp::Reverse(c.consensus_total), c.rank, c.proposal.reference.clone()));
    Ok((cohort, rules, out))
}

/// Staff and the validator: whether a relation would let the actor see a proposal (for lists).
pub fn visible(session: &Session, cohort: CohortId, status: ProposalStatus, rel: ProposalRelation) -> bool {
    policy::can_view_proposal(&session.actor, cohort, status, rel).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_lines_are_escaped_folded_and_in_utc() {
        let long = "x".repeat(200);
        let folded = fold(&format!("DESCRIPTION:{long}"));
        assert!(folded.split("\r\n").all(|l| l.len() <= 75), "{folded}");
        assert_eq!(folded.replace("\r\n ", ""), format!("DESCRIPTION:{long}"));
        let accents = fold(&"é".repeat(60));
        assert!(accents.split("\r\n").all(|l| l.len() <= 75));
        assert_eq!(ics_text("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
        assert_eq!(ics_time(time::macros::datetime!(2021-05-04 10:00 +2)), "20210504T080000Z");
    }
}

/// One line of the proposals export (staff).
#[derive(Debug, Clone, PartialEq)]
pub struct ExportLine {
    /// Reference.
    pub reference: String,
    /// Name.
    pub name: String,
    /// Host organisation.
    pub host: String,
    /// Status.
    pub status: String,
    /// Submitted (RFC 3339, UTC).
    pub submitted_at: String,
    /// Fingerprint.
    pub hash: String,
    /// Fellows requested.
    pub fellows: u8,
    /// Panel.
    pub panel: String,
    /// Rank in the panel.
    pub rank: Option<usize>,
    /// Consensus total.
    pub consensus_total: Option<u32>,
    /// Jurors' mean total.
    pub mean_total: Option<f64>,
    /// Favourable opinions.
    pub favourable: usize,
    /// Opinions.
    pub opinions: usize,
    /// Coups de cœur.
    pub coups_de_coeur: usize,
    /// Criteria where jurors disagree.
    pub disagreements: String,
    /// Staged or decided outcome.
    pub outcome: String,
}

/// Every proposal of a cohort with its scores (staff; recorded in the audit log).
pub async fn export(ctx: &Ctx, session: &Session, code: &str, format: &str, meta: &RequestMeta) -> Result<Vec<ExportLine>, AppError> {
    let me = policy::can_run_calls(&session.actor)?.clone();
    let (cohort, _rules, scored) = consolidation(ctx, session, code).await?;
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let mut out = Vec::new();
    for p in store::proposals_of_cohort(&mut conn, cohort.cohort_id()).await? {
        let s = scored.iter().find(|x| x.proposal.id == p.id);
        let host = match p.form.host.as_str() {
            "" => String::new(),
            slug => store::organisation(&mut conn, slug).await?.map(|o| o.name).unwrap_or_default(),
        };
        out.push(ExportLine {
            reference: p.reference.clone(),
            name: p.name.clone(),
            host,
            status: p.status.as_str().to_owned(),
            submitted_at: p.submitted_at.and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok()).unwrap_or_default(),
            hash: p.submission_hash.clone().unwrap_or_default(),
            fellows: p.form.fellows,
            panel: s.map(|x| x.panel.clone()).unwrap_or_default(),
            rank: s.and_then(|x| x.rank),
            consensus_total: s.and_then(|x| x.consensus_total),
            mean_total: s.and_then(|x| x.mean_centi).map(|m| f64::from(m) / 100.0),
            favourable: s.map(|x| x.favourable.0).unwrap_or(0),
            opinions: s.map(|x| x.favourable.1).unwrap_or(0),
            coups_de_coeur: s.map(|x| x.coups_de_coeur).unwrap_or(0),
            disagreements: s.map(|x| x.disagreements.join(" ")).unwrap_or_default(),
            outcome: s.and_then(|x| x.staged.clone()).unwrap_or_default(),
        });
    }
    drop(c);
    let mut tx = ctx.db.begin().await?;
    record(
        &mut tx.conn(),
        ctx.clock.now(),
        Some(me.id),
        &me.name,
        AuditAction::ExportDownloaded,
        ("cohort", code),
        serde_json::json!({"format": format, "rows": out.len()}),
        meta,
    )
    .await?;
    tx.commit().await?;
    Ok(out)
}

/// Where and when a proposal is heard, as a sentence (staff and validator).
pub async fn hearing_text(ctx: &Ctx, id: ProposalId) -> Result<Option<String>, AppError> {
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let Some(a) = store::assignment(&mut conn, id).await? else { return Ok(None) };
    let panel = store::panel(&mut conn, PanelId::from_uuid(a.panel_id)).await?.map(|(p, _)| p.name).unwrap_or_default();
    Ok(Some(match (a.hearing_at, a.duration_minutes, a.location) {
        (Some(at), Some(m), Some(loc)) => format!("{panel} — {} — {m} min — {loc}", crate::calls::local_label(at)),
        _ => panel,
    }))
}

/// The cohorts whose proposals the actor pre-selects.
pub async fn preselection_cohorts(ctx: &Ctx, session: &Session) -> Result<Vec<CohortAdminRow>, AppError> {
    let me = policy::can_use_account(&session.actor)?.clone();
    let mut c = ctx.db.acquire().await?;
    let all = store::cohorts(&mut c.conn()).await?;
    Ok(all.into_iter().filter(|co| me.acts_as_in(RoleKind::Preselector, co.cohort_id())).collect())
}

/// A panel's heard proposals with their consensus totals, for its ranking page.
#[derive(Debug, Clone)]
pub struct HeardOfPanel {
    /// The panel's name.
    pub name: String,
    /// Whether the reader is its referent (may rank).
    pub referent: bool,
    /// (proposal, consensus total as text).
    pub items: Vec<(ProposalRow, String)>,
}

/// The heard proposals of a panel (its members, staff, the validator).
pub async fn heard_of_panel(ctx: &Ctx, session: &Session, panel: PanelId) -> Result<HeardOfPanel, AppError> {
    let me = policy::can_use_jury_area(&session.actor)?.clone();
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let (row, cohort) = store::panel(&mut conn, panel).await?.ok_or(AppError::NotFound)?;
    let member = store::panels_of(&mut conn, me.id).await?.iter().any(|(p, _)| p.id == row.id);
    if !member && !policy::can_see_unpublished_decisions(&session.actor) {
        return Err(AppError::Denied(policy::Denied::NotVisible));
    }
    let evals = store::evaluations(&mut conn, cohort).await?;
    let mut items = Vec::new();
    for a in store::assignments(&mut conn, cohort).await?.into_iter().filter(|a| a.panel_id == row.id) {
        let Some(p) = store::proposal(&mut conn, ProposalId::from_uuid(a.proposal_id)).await? else { continue };
        if p.status != ProposalStatus::Heard && !p.status.is_decision() {
            continue;
        }
        if conflicted(&mut conn, me.id, &p).await? {
            continue;
        }
        let rules = store::rules(&mut conn, p.rule_set_id).await?.ok_or(AppError::NotFound)?.rules;
        let total = evals
            .iter()
            .find(|e| e.proposal_id == a.proposal_id && e.author_id.is_none())
            .and_then(|e| rules.weighted_total(&serde_json::from_str::<Scores>(&e.scores).unwrap_or_default()))
            .map(|t| format!("{t}/{}", rules.max_total()))
            .unwrap_or_default();
        items.push((p, total));
    }
    Ok(HeardOfPanel { name: row.name, referent: row.referent_id == Some(me.id.as_uuid()), items })
}
