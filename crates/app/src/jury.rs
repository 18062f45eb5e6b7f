//! Pre-selection and juries of the call for projects: reviews and pre-selection steps (staff),
//! panels and their members, conflicts of interest (declared, or by organisation: see
//! [`crate::access`]), automatic and manual assignment, hearings with calendar invitations,
//! scoring (blind until one's own scores are in), the panel's consensus and ranking, and the
//! consolidation across panels.
//!
//! Every page gets one read model carrying what its reader may do (`can_*`), computed here from
//! the domain's policy; proposals are loaded through [`crate::access`], so jurors and
//! pre-selectors get the same masked view of an unpublished decision from forms as from pages.

use std::collections::{BTreeMap, BTreeSet};

use cohorte_domain::cohort::{RuleSet, TextField};
use cohorte_domain::content::RoleKind;
use cohorte_domain::identity::{AuditAction, Email, Grant};
use cohorte_domain::ids::{CohortId, OrganisationId, PanelId, PersonId, ProposalId};
use cohorte_domain::jury::{self, PanelSeats, Scores, ToAssign};
use cohorte_domain::policy;
use cohorte_domain::proposal::{AssignedBy, Decision, HearingMode, Opinion, ProposalSort, ProposalStatus, Recommendation, StaffStep};
use cohorte_domain::query::{FieldError, FieldErrors};
use cohorte_store::Conn;
pub use cohorte_store::call::ReviewInput;
use cohorte_store::call::{
    self as store, AssignmentRow, CohortAdminRow, EvaluationRow, PanelMemberRow, PanelRow, ProposalRow, StatusChange,
};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::access;
use crate::mail::MailAttachment;
use crate::notify::{self, Message};
use crate::session::{RequestMeta, Session};
use crate::uow::Uow;
use crate::{AppError, Ctx, i18n};

fn text_ok(field: &'static str, s: &str, max: usize, e: &mut Vec<FieldError>) {
    if s.chars().count() > max {
        e.push(FieldError { field, code: "too-long" });
    } else if s.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        e.push(FieldError { field, code: "forbidden-characters" });
    }
}

fn reason(r: &str) -> Result<String, FieldErrors> {
    let t = r.trim();
    if t.is_empty() {
        return Err(FieldErrors::one("reason", "required"));
    }
    let mut e = Vec::new();
    text_ok("reason", t, 2000, &mut e);
    if e.is_empty() { Ok(t.to_owned()) } else { Err(FieldErrors(e)) }
}

// ---------------------------------------------------------------- the cohort's proposals (staff, pre-selectors)

/// A proposal in the lists of staff and pre-selectors.
#[derive(Debug, Clone)]
pub struct ProposalLine {
    /// The proposal (status as the reader may know it).
    pub proposal: ProposalRow,
    /// Host organisation name.
    pub host: String,
    /// Reviews written.
    pub reviews: usize,
    /// Its panel, if assigned.
    pub panel: Option<String>,
}

/// Which of a cohort's proposals to list, and in what order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReviewQuery {
    /// Only this status (as the reader knows it).
    pub status: Option<ProposalStatus>,
    /// The order (by reference when none).
    pub sort: Option<ProposalSort>,
}

/// A cohort's proposals as one reader may list them.
#[derive(Debug, Clone)]
pub struct ReviewList {
    /// The cohort.
    pub cohort: CohortAdminRow,
    /// Its proposals (every one for staff and the validator; submitted ones without a conflict for
    /// pre-selectors), statuses as the reader may know them, filtered and sorted as asked.
    pub lines: Vec<ProposalLine>,
    /// How many proposals the reader may list in each status (before the filter), in the order of
    /// the process.
    pub counts: Vec<(ProposalStatus, usize)>,
    /// Everything the reader may list (before the filter).
    pub total: usize,
    /// Whether the reader runs the call (the staff tools: panels, decisions, exports).
    pub can_run: bool,
}

/// The proposals of a cohort: every one for staff and the validator; submitted ones without a
/// conflict for pre-selectors.
pub async fn cohort_proposals(ctx: &Ctx, session: &Session, code: &str, q: ReviewQuery) -> Result<ReviewList, AppError> {
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let cohort = crate::uow::cohort(&mut conn, code).await?;
    let me = policy::can_list_cohort_proposals(&session.actor, cohort.cohort_id())?.clone();
    let all = policy::can_see_unpublished_decisions(&session.actor);
    let panels: BTreeMap<Uuid, String> = store::panels(&mut conn, cohort.cohort_id()).await?.into_iter().map(|p| (p.id, p.name)).collect();
    let assignments: BTreeMap<Uuid, Uuid> =
        store::assignments(&mut conn, cohort.cohort_id()).await?.into_iter().map(|a| (a.proposal_id, a.panel_id)).collect();
    let mut lines = Vec::new();
    for mut p in store::proposals_of_cohort(&mut conn, cohort.cohort_id()).await? {
        if !all
            && (matches!(p.status, ProposalStatus::Draft | ProposalStatus::Withdrawn) || access::conflicted(&mut conn, me.id, &p).await?)
        {
            continue;
        }
        access::mask(&mut conn, &session.actor, &mut p).await?;
        let host = match p.form.host.as_str() {
            "" => String::new(),
            s => store::organisation(&mut conn, s).await?.map(|o| o.name).unwrap_or_default(),
        };
        let reviews = store::reviews(&mut conn, p.id).await?.len();
        let panel = assignments.get(&p.id.as_uuid()).and_then(|id| panels.get(id)).cloned();
        lines.push(ProposalLine { proposal: p, host, reviews, panel });
    }
    let total = lines.len();
    let counts = ProposalStatus::ALL
        .iter()
        .map(|s| (*s, lines.iter().filter(|l| l.proposal.status == *s).count()))
        .filter(|(_, n)| *n > 0)
        .collect();
    lines.retain(|l| q.status.is_none_or(|s| l.proposal.status == s));
    let rank = |s: ProposalStatus| ProposalStatus::ALL.iter().position(|x| *x == s).unwrap_or(usize::MAX);
    match q.sort.unwrap_or(ProposalSort::Reference) {
        ProposalSort::Reference => lines.sort_by(|a, b| a.proposal.reference.cmp(&b.proposal.reference)),
        ProposalSort::Name => lines.sort_by_key(|l| cohorte_domain::text::name_key(&l.proposal.name)),
        ProposalSort::Host => lines.sort_by_key(|l| (cohorte_domain::text::name_key(&l.host), l.proposal.reference.clone())),
        ProposalSort::Status => lines.sort_by_key(|l| (rank(l.proposal.status), l.proposal.reference.clone())),
        ProposalSort::Reviews => lines.sort_by_key(|l| (l.reviews, l.proposal.reference.clone())),
        ProposalSort::Submitted => lines.sort_by_key(|l| (std::cmp::Reverse(l.proposal.submitted_at), l.proposal.reference.clone())),
    }
    Ok(ReviewList { cohort, lines, counts, total, can_run: policy::can_run_calls(&session.actor).is_ok() })
}

/// Saves the reader's pre-selection review.
pub async fn save_review(ctx: &Ctx, session: &Session, id: ProposalId, r: &ReviewInput, meta: &RequestMeta) -> Result<(), AppError> {
    let mut e = Vec::new();
    text_ok("notes", &r.notes, 4000, &mut e);
    text_ok("questions", &r.questions, 4000, &mut e);
    if !e.is_empty() {
        return Err(FieldErrors(e).into());
    }
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let seen = access::proposal(&mut w.conn(), &session.actor, id).await?;
    let p = seen.proposal;
    let me = policy::can_review_proposal(&session.actor, p.cohort_id, seen.relation)?;
    if matches!(p.status, ProposalStatus::Draft | ProposalStatus::Withdrawn) {
        return Err(AppError::NotFound);
    }
    store::save_review(&mut w.conn(), id, me.id, r, now).await?;
    w.audit(
        me,
        AuditAction::ReviewSaved,
        ("proposal", &p.reference),
        serde_json::json!({"recommendation": r.recommendation.map(Recommendation::as_str)}),
    )
    .await?;
    w.commit().await
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

impl PreselectionStep {
    /// Which step this is.
    pub fn kind(&self) -> StaffStep {
        match self {
            PreselectionStep::StartReview => StaffStep::StartReview,
            PreselectionStep::Ineligible(_) => StaffStep::Ineligible,
            PreselectionStep::Incomplete(_) => StaffStep::Incomplete,
            PreselectionStep::RequestInformation(..) => StaffStep::RequestInformation,
            PreselectionStep::Shortlist => StaffStep::Shortlist,
            PreselectionStep::NotShortlist(_) => StaffStep::NotShortlist,
            PreselectionStep::Heard => StaffStep::Heard,
            PreselectionStep::NoShow => StaffStep::NoShow,
        }
    }

    /// The step of a form: its kind, the reason typed, the fields to reopen.
    pub fn from_form(kind: StaffStep, reason: String, reopen: Vec<TextField>) -> Self {
        match kind {
            StaffStep::StartReview => PreselectionStep::StartReview,
            StaffStep::RequestInformation => PreselectionStep::RequestInformation(reason, reopen),
            StaffStep::Shortlist => PreselectionStep::Shortlist,
            StaffStep::NotShortlist => PreselectionStep::NotShortlist(reason),
            StaffStep::Ineligible => PreselectionStep::Ineligible(reason),
            StaffStep::Incomplete => PreselectionStep::Incomplete(reason),
            StaffStep::Heard => PreselectionStep::Heard,
            StaffStep::NoShow => PreselectionStep::NoShow,
        }
    }
}

/// Whether the actor is the referent of the panel that hears a proposal.
async fn is_referent(conn: &mut Conn<'_>, session: &Session, id: ProposalId) -> Result<bool, AppError> {
    let Some(me) = session.actor.person() else { return Ok(false) };
    let Some(a) = store::assignment(conn, id).await? else { return Ok(false) };
    Ok(store::panel(conn, PanelId::from_uuid(a.panel_id)).await?.is_some_and(|(panel, _)| panel.referent_id == Some(me.id.as_uuid())))
}

/// Takes a pre-selection step (staff; the panel's referent for "heard" and "no show").
pub async fn preselection_step(
    ctx: &Ctx,
    session: &Session,
    id: ProposalId,
    step: &PreselectionStep,
    meta: &RequestMeta,
) -> Result<ProposalStatus, AppError> {
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let seen = access::proposal(&mut w.conn(), &session.actor, id).await?;
    let p = seen.proposal;
    let me = match step {
        PreselectionStep::Heard | PreselectionStep::NoShow if is_referent(&mut w.conn(), session, id).await? => {
            policy::can_score_proposal(&session.actor, p.cohort_id, seen.relation)?
        }
        _ => policy::can_run_calls(&session.actor)?,
    };
    let change = match step {
        PreselectionStep::Ineligible(r) | PreselectionStep::Incomplete(r) | PreselectionStep::NotShortlist(r) => {
            StatusChange { reason: Some(reason(r)?), ..StatusChange::default() }
        }
        PreselectionStep::RequestInformation(text, fields) => {
            if fields.is_empty() {
                return Err(FieldErrors::one("fields", "choose-fields").into());
            }
            StatusChange { info_request: Some(reason(text)?), reopened: Some(fields.clone()), ..StatusChange::default() }
        }
        _ => StatusChange::default(),
    };
    let to = p.status.apply(step.kind().event()).map_err(|_| FieldErrors::one("status", "invalid-transition"))?;
    if !store::set_status(&mut w.conn(), id, p.status, to, &change, now).await? {
        return Err(AppError::conflict("proposal-changed"));
    }
    let action = if matches!(step, PreselectionStep::RequestInformation(..)) {
        AuditAction::InformationRequested
    } else {
        AuditAction::ProposalStatusChanged
    };
    w.audit(me, action, ("proposal", &p.reference), serde_json::json!({"from": p.status.as_str(), "to": to.as_str()})).await?;
    // The administration hears at once of a request for information and of a refusal at this
    // stage; of the rest at the announcement.
    let tell = match step {
        PreselectionStep::RequestInformation(text, _) => Some(("mail-info-requested-subject", "mail-info-requested-intro", text.as_str())),
        PreselectionStep::Ineligible(r) | PreselectionStep::Incomplete(r) => {
            Some(("mail-refused-subject", "mail-refused-intro", r.as_str()))
        }
        PreselectionStep::Shortlist => Some(("mail-shortlisted-subject", "mail-shortlisted-intro", "")),
        _ => None,
    };
    if let Some((subject, intro, detail)) = tell {
        notify_members(&mut w.conn(), ctx, &p, subject, intro, detail, now).await?;
    }
    w.commit().await?;
    Ok(to)
}

/// Emails every member of a proposal, each in their language (queued in the caller's transaction).
pub(crate) async fn notify_members(
    conn: &mut Conn<'_>,
    ctx: &Ctx,
    p: &ProposalRow,
    subject_key: &str,
    intro_key: &str,
    detail: &str,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let url = format!("{}/proposals/{}", ctx.settings.base_url, p.id);
    for m in store::members(conn, p.id).await? {
        notify::person(conn, PersonId::from_uuid(m.person_id), None, now, |lang| {
            let mut paragraphs = vec![i18n::ta(lang, intro_key, &[("name", i18n::Arg::Str(&p.name))])];
            if !detail.is_empty() {
                paragraphs.push(detail.to_owned());
            }
            Message {
                subject: i18n::ta(lang, subject_key, &[("reference", i18n::Arg::Str(&p.reference))]),
                paragraphs,
                url: Some(url.clone()),
                attachments: Vec::new(),
            }
        })
        .await?;
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
    /// The organisation tree, for the jurors' seats.
    pub organisations: Vec<crate::calls::OrganisationOption>,
}

impl Panels {
    /// Shortlisted proposals without a panel yet.
    pub fn waiting(&self) -> impl Iterator<Item = &ProposalRow> {
        let assigned: BTreeSet<Uuid> = self.assignments.iter().map(|a| a.proposal_id).collect();
        self.proposals.iter().filter(move |p| p.status == ProposalStatus::Shortlisted && !assigned.contains(&p.id.as_uuid()))
    }

    /// Assigned proposals still to be heard, with their assignment (their hearings to schedule).
    pub fn to_hear(&self) -> impl Iterator<Item = (&ProposalRow, &AssignmentRow)> {
        self.assignments.iter().filter_map(|a| {
            self.proposals.iter().find(|p| p.id.as_uuid() == a.proposal_id && p.status == ProposalStatus::Shortlisted).map(|p| (p, a))
        })
    }
}

/// The panels page (staff).
pub async fn panels(ctx: &Ctx, session: &Session, code: &str) -> Result<Panels, AppError> {
    policy::can_run_calls(&session.actor)?;
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let cohort = crate::uow::cohort(&mut conn, code).await?;
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
    for p in &proposals {
        for seat in &members {
            if access::seat_conflicted(&mut conn, seat, p).await? {
                conflicts.insert((seat.person_id, p.id.as_uuid()));
            }
        }
    }
    let organisations = crate::calls::organisation_choices_on(&mut conn).await?;
    Ok(Panels { cohort, panels, members, proposals, assignments, conflicts, organisations })
}

fn panel_name(name: &str) -> Result<String, FieldErrors> {
    let n = name.trim();
    if n.is_empty() || n.chars().count() > 80 || cohorte_domain::text::has_forbidden_chars(n) {
        Err(FieldErrors::one("name", "invalid-name"))
    } else {
        Ok(n.to_owned())
    }
}

/// Creates a panel (staff).
pub async fn create_panel(ctx: &Ctx, session: &Session, code: &str, name: &str, meta: &RequestMeta) -> Result<PanelId, AppError> {
    let me = policy::can_run_calls(&session.actor)?;
    let name = panel_name(name)?;
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let cohort = w.cohort(code).await?;
    if store::panels(&mut w.conn(), cohort.cohort_id()).await?.iter().any(|p| p.name == name) {
        return Err(FieldErrors::one("name", "name-taken").into());
    }
    let id = store::create_panel(&mut w.conn(), cohort.cohort_id(), &name, now).await?;
    w.audit(me, AuditAction::PanelChanged, ("panel", &id.to_string()), serde_json::json!({"created": name})).await?;
    w.commit().await?;
    Ok(id)
}

/// Adds a juror (an existing person, by address) to a panel, with their organisation; they get
/// the cohort's jury role if they do not hold it. Refused when they are in conflict with a
/// proposal the panel already hears (move that proposal first).
pub async fn add_juror(
    ctx: &Ctx,
    session: &Session,
    panel: PanelId,
    email: &str,
    organisation: &str,
    referent: bool,
    meta: &RequestMeta,
) -> Result<(), AppError> {
    let me = policy::can_run_calls(&session.actor)?;
    let email = Email::parse(email).map_err(|_| FieldErrors::one("email", "invalid-email"))?;
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let (row, cohort) = store::panel(&mut w.conn(), panel).await?.ok_or(AppError::NotFound)?;
    let (person, _) =
        cohorte_store::identity::person_by_email(&mut w.conn(), &email).await?.ok_or(FieldErrors::one("email", "unknown-person"))?;
    let org = match organisation.trim() {
        "" => None,
        slug => Some(
            store::organisation(&mut w.conn(), slug)
                .await?
                .map(|o| OrganisationId::from_uuid(o.id))
                .ok_or(FieldErrors::one("organisation", "unknown-organisation"))?,
        ),
    };
    let seat = PanelMemberRow {
        panel_id: row.id,
        person_id: person.as_uuid(),
        display_name: String::new(),
        organisation_id: org.map(|o| o.as_uuid()),
    };
    for a in store::assignments(&mut w.conn(), cohort).await?.iter().filter(|a| a.panel_id == row.id) {
        let Some(p) = store::proposal(&mut w.conn(), ProposalId::from_uuid(a.proposal_id)).await? else { continue };
        if access::seat_conflicted(&mut w.conn(), &seat, &p).await? {
            return Err(FieldErrors::one("email", "juror-conflict").into());
        }
    }
    store::add_panel_member(&mut w.conn(), panel, person, org).await?;
    if referent {
        store::set_referent(&mut w.conn(), panel, Some(person)).await?;
    }
    let grant = Grant { cohort: Some(cohort), ..Grant::program(RoleKind::JuryMember) };
    let (_, changed) = cohorte_store::identity::grant_role(&mut w.conn(), person, &grant, Some(me.id), "staff", now).await?;
    if changed {
        cohorte_store::identity::flag_rotation(&mut w.conn(), person).await?;
        w.audit(
            me,
            AuditAction::RoleGranted,
            ("person", &person.to_string()),
            serde_json::json!({"role": "jury_member", "panel": row.name}),
        )
        .await?;
    }
    w.audit(
        me,
        AuditAction::PanelChanged,
        ("panel", &panel.to_string()),
        serde_json::json!({"added": person.to_string(), "referent": referent}),
    )
    .await?;
    w.commit().await
}

/// Removes a juror from a panel.
pub async fn remove_juror(ctx: &Ctx, session: &Session, panel: PanelId, person: PersonId, meta: &RequestMeta) -> Result<(), AppError> {
    let me = policy::can_run_calls(&session.actor)?;
    let mut w = Uow::begin(ctx, meta).await?;
    store::panel(&mut w.conn(), panel).await?.ok_or(AppError::NotFound)?;
    store::remove_panel_member(&mut w.conn(), panel, person).await?;
    w.audit(me, AuditAction::PanelChanged, ("panel", &panel.to_string()), serde_json::json!({"removed": person.to_string()})).await?;
    w.commit().await
}

/// The members of a panel in conflict with a proposal.
async fn conflicted_seats(conn: &mut Conn<'_>, seats: &[&PanelMemberRow], p: &ProposalRow) -> Result<BTreeSet<PersonId>, AppError> {
    let mut out = BTreeSet::new();
    for seat in seats {
        if access::seat_conflicted(conn, seat, p).await? {
            out.insert(PersonId::from_uuid(seat.person_id));
        }
    }
    Ok(out)
}

/// Assigns every shortlisted proposal without a panel automatically: balanced loads, never a
/// panel with a conflicted member. Returns (assigned, unassignable references).
pub async fn auto_assign(ctx: &Ctx, session: &Session, code: &str, meta: &RequestMeta) -> Result<(usize, Vec<String>), AppError> {
    let me = policy::can_run_calls(&session.actor)?;
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let cohort = w.cohort(code).await?;
    let panels = store::panels(&mut w.conn(), cohort.cohort_id()).await?;
    let members = store::panel_members(&mut w.conn(), cohort.cohort_id()).await?;
    let assignments = store::assignments(&mut w.conn(), cohort.cohort_id()).await?;
    let seats: Vec<PanelSeats> = panels
        .iter()
        .map(|p| PanelSeats {
            id: PanelId::from_uuid(p.id),
            members: members.iter().filter(|m| m.panel_id == p.id).map(|m| PersonId::from_uuid(m.person_id)).collect(),
            load: assignments.iter().filter(|a| a.panel_id == p.id).count(),
        })
        .collect();
    let assigned: BTreeSet<Uuid> = assignments.iter().map(|a| a.proposal_id).collect();
    let all_seats: Vec<&PanelMemberRow> = members.iter().collect();
    let mut todo = Vec::new();
    let mut refs = BTreeMap::new();
    for p in store::proposals_of_cohort(&mut w.conn(), cohort.cohort_id()).await? {
        if p.status != ProposalStatus::Shortlisted || assigned.contains(&p.id.as_uuid()) {
            continue;
        }
        let conflicted = conflicted_seats(&mut w.conn(), &all_seats, &p).await?;
        refs.insert(p.id, p.reference.clone());
        todo.push(ToAssign { proposal: p.id, conflicted });
    }
    let plan = jury::assign(&seats, &todo);
    for (p, panel) in &plan.assigned {
        store::assign(&mut w.conn(), *p, *panel, AssignedBy::Auto, now).await?;
    }
    let unassignable: Vec<String> = plan.unassignable.iter().filter_map(|p| refs.get(p).cloned()).collect();
    w.audit(
        me,
        AuditAction::AssignmentChanged,
        ("cohort", code),
        serde_json::json!({"auto": plan.assigned.len(), "unassignable": unassignable}),
    )
    .await?;
    w.commit().await?;
    Ok((plan.assigned.len(), unassignable))
}

/// Assigns a proposal to a panel by hand; refused when a member of that panel is in conflict.
pub async fn assign(ctx: &Ctx, session: &Session, id: ProposalId, panel: PanelId, meta: &RequestMeta) -> Result<(), AppError> {
    let me = policy::can_run_calls(&session.actor)?;
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let p = store::proposal(&mut w.conn(), id).await?.ok_or(AppError::NotFound)?;
    let (row, cohort) = store::panel(&mut w.conn(), panel).await?.ok_or(AppError::NotFound)?;
    if cohort != p.cohort_id || p.status != ProposalStatus::Shortlisted {
        return Err(FieldErrors::one("panel", "invalid-choice").into());
    }
    let members = store::panel_members(&mut w.conn(), cohort).await?;
    let seats: Vec<&PanelMemberRow> = members.iter().filter(|m| m.panel_id == row.id).collect();
    if !conflicted_seats(&mut w.conn(), &seats, &p).await?.is_empty() {
        return Err(FieldErrors::one("panel", "panel-conflict").into());
    }
    store::assign(&mut w.conn(), id, panel, AssignedBy::Manual, now).await?;
    w.audit(me, AuditAction::AssignmentChanged, ("proposal", &p.reference), serde_json::json!({"panel": row.name})).await?;
    w.commit().await
}

/// A juror or pre-selector declares a conflict with a proposal they may see: it leaves their view
/// (and, if the panel can no longer hear it, staff reassign it). Anyone else is told the proposal
/// does not exist.
pub async fn declare_conflict(ctx: &Ctx, session: &Session, id: ProposalId, why: &str, meta: &RequestMeta) -> Result<(), AppError> {
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let seen = access::proposal(&mut w.conn(), &session.actor, id).await?;
    let p = seen.proposal;
    let me = policy::can_declare_conflict(&session.actor, p.cohort_id, p.status, seen.relation)?;
    let why = reason(why)?;
    store::declare_conflict(&mut w.conn(), me.id, id, &why, now).await?;
    w.audit(me, AuditAction::ConflictDeclared, ("proposal", &p.reference), serde_json::json!({})).await?;
    w.commit().await
}

// ---------------------------------------------------------------- hearings

/// Schedules a proposal's hearing (Paris time) and sends calendar invitations to the
/// administration's members and to the panel's members, except those in conflict with it.
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
    let me = policy::can_run_calls(&session.actor)?;
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
    let mode = HearingMode::parse(mode);
    if mode.is_none() {
        e.push(FieldError { field: "mode", code: "invalid-choice" });
    }
    let location = location.trim();
    if location.is_empty() {
        e.push(FieldError { field: "location", code: "required" });
    }
    text_ok("location", location, 300, &mut e);
    if mode == Some(HearingMode::Video) && !(location.starts_with("https://")) {
        e.push(FieldError { field: "location", code: "https-link" });
    }
    let (Some(at), Some(minutes), Some(mode), true) = (at, minutes, mode, e.is_empty()) else { return Err(FieldErrors(e).into()) };
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let p = store::proposal(&mut w.conn(), id).await?.ok_or(AppError::NotFound)?;
    let a = store::assignment(&mut w.conn(), id).await?.ok_or(FieldErrors::one("panel", "assign-first"))?;
    let seq = store::schedule_hearing(&mut w.conn(), id, at, minutes, mode, location).await?.unwrap_or(0);
    let (panel, cohort) = store::panel(&mut w.conn(), PanelId::from_uuid(a.panel_id)).await?.ok_or(AppError::NotFound)?;
    let mut people: Vec<(PersonId, bool)> =
        store::members(&mut w.conn(), id).await?.iter().map(|m| (PersonId::from_uuid(m.person_id), false)).collect();
    let members = store::panel_members(&mut w.conn(), cohort).await?;
    let seats: Vec<&PanelMemberRow> = members.iter().filter(|m| m.panel_id == panel.id).collect();
    // A member in conflict (declared after joining, say) learns nothing of this hearing.
    let conflicted = conflicted_seats(&mut w.conn(), &seats, &p).await?;
    people.extend(
        seats.iter().map(|m| PersonId::from_uuid(m.person_id)).filter(|person| !conflicted.contains(person)).map(|person| (person, true)),
    );
    let ics = hearing_ics(&ctx.settings.mail_from, &p, &panel.name, at, minutes, mode, location, seq, now, &ctx.settings.base_url);
    let when = cohorte_domain::paris::label(at);
    for (person, juror) in people {
        let url = if juror {
            format!("{}/jury/proposals/{}", ctx.settings.base_url, p.id)
        } else {
            format!("{}/proposals/{}", ctx.settings.base_url, p.id)
        };
        notify::person(&mut w.conn(), person, None, now, |lang| Message {
            subject: i18n::ta(lang, "mail-hearing-subject", &[("reference", i18n::Arg::Str(&p.reference))]),
            paragraphs: vec![
                i18n::ta(
                    lang,
                    if juror { "mail-hearing-juror" } else { "mail-hearing-intro" },
                    &[("name", i18n::Arg::Str(&p.name)), ("panel", i18n::Arg::Str(&panel.name))],
                ),
                i18n::ta(lang, "mail-hearing-when", &[("when", i18n::Arg::Str(&when)), ("minutes", i18n::Arg::Num(i64::from(minutes)))]),
                i18n::ta(
                    lang,
                    if mode == HearingMode::Video { "mail-hearing-video" } else { "mail-hearing-onsite" },
                    &[("location", i18n::Arg::Str(location))],
                ),
            ],
            url: Some(url),
            attachments: vec![MailAttachment {
                filename: "audition.ics".into(),
                content_type: "text/calendar; charset=utf-8; method=REQUEST".into(),
                content: ics.clone(),
            }],
        })
        .await?;
    }
    w.audit(
        me,
        AuditAction::HearingScheduled,
        ("proposal", &p.reference),
        serde_json::json!({"at": at.unix_timestamp(), "minutes": minutes, "mode": mode.as_str(), "sequence": seq}),
    )
    .await?;
    w.commit().await
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

/// An event to send as a calendar invitation.
#[derive(Debug, Clone)]
pub struct CalendarEvent<'a> {
    /// A stable id (`hearing-<id>`): the same event is updated, not added, when it changes.
    pub uid: String,
    /// Bumped at each change.
    pub sequence: i32,
    /// Start (UTC in the file).
    pub start: OffsetDateTime,
    /// Length.
    pub minutes: i32,
    /// Title.
    pub summary: &'a str,
    /// Text.
    pub description: &'a str,
    /// The room, or the video link.
    pub location: &'a str,
    /// Whether `location` is a video link (also given as the event's URL).
    pub video: bool,
    /// Cancelled (`METHOD:CANCEL`).
    pub cancelled: bool,
}

/// A calendar invitation (RFC 5545, times in UTC, lines folded at 75 octets).
pub fn event_ics(organizer: &str, ev: &CalendarEvent<'_>, now: OffsetDateTime, base_url: &str) -> String {
    let organizer_email = organizer.rsplit('<').next().unwrap_or(organizer).trim_end_matches('>').trim();
    let host = base_url.split("://").nth(1).unwrap_or("cohorte").split('/').next().unwrap_or("cohorte");
    let lines = [
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Cohorte//Call for projects//FR".to_owned(),
        format!("METHOD:{}", if ev.cancelled { "CANCEL" } else { "REQUEST" }),
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}@{host}", ev.uid),
        format!("SEQUENCE:{}", ev.sequence),
        format!("DTSTAMP:{}", ics_time(now)),
        format!("DTSTART:{}", ics_time(ev.start)),
        format!("DTEND:{}", ics_time(ev.start + time::Duration::minutes(i64::from(ev.minutes)))),
        format!("SUMMARY:{}", ics_text(ev.summary)),
        format!("DESCRIPTION:{}", ics_text(ev.description)),
        format!("LOCATION:{}", ics_text(ev.location)),
        if ev.video { format!("URL:{}", ics_text(ev.location)) } else { String::new() },
        format!("ORGANIZER:mailto:{organizer_email}"),
        format!("STATUS:{}", if ev.cancelled { "CANCELLED" } else { "CONFIRMED" }),
        "END:VEVENT".to_owned(),
        "END:VCALENDAR".to_owned(),
    ];
    lines.iter().filter(|l| !l.is_empty()).map(|l| fold(l)).collect::<Vec<_>>().join("\r\n") + "\r\n"
}

/// The calendar invitation of a hearing (`SEQUENCE` bumped at each change so that calendars
/// update the event instead of adding one).
#[expect(clippy::too_many_arguments, reason = "the facts of a hearing")]
pub fn hearing_ics(
    organizer: &str,
    p: &ProposalRow,
    panel: &str,
    at: OffsetDateTime,
    minutes: i32,
    mode: HearingMode,
    location: &str,
    sequence: i32,
    now: OffsetDateTime,
    base_url: &str,
) -> String {
    let summary = format!("Audition {} — {}", p.reference, p.name);
    let description = format!("{panel} — {base_url}/proposals/{}", p.id);
    let ev = CalendarEvent {
        uid: format!("hearing-{}", p.id),
        sequence,
        start: at,
        minutes,
        summary: &summary,
        description: &description,
        location,
        video: mode == HearingMode::Video,
        cancelled: false,
    };
    event_ics(organizer, &ev, now, base_url)
}

// ---------------------------------------------------------------- the jury area

/// A proposal on a juror's table.
#[derive(Debug, Clone)]
pub struct JuryItem {
    /// The proposal (status as the juror may know it).
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

/// The jury area: the reader's panels and what they hear, and the cohorts they pre-select.
#[derive(Debug, Clone)]
pub struct JuryArea {
    /// Their panels.
    pub panels: Vec<JuryPanel>,
    /// The cohorts whose proposals they pre-select.
    pub preselection: Vec<CohortAdminRow>,
}

/// The jury area of the reader.
pub async fn jury_area(ctx: &Ctx, session: &Session) -> Result<JuryArea, AppError> {
    let me = policy::can_use_jury_area(&session.actor)?.clone();
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let panels = my_panels(&mut conn, session, &me).await?;
    let preselection =
        store::cohorts(&mut conn).await?.into_iter().filter(|co| me.acts_as_in(RoleKind::Preselector, co.cohort_id())).collect();
    Ok(JuryArea { panels, preselection })
}

/// The juror's panels and what they hear.
async fn my_panels(conn: &mut Conn<'_>, session: &Session, me: &cohorte_domain::identity::SignedIn) -> Result<Vec<JuryPanel>, AppError> {
    let mut out = Vec::new();
    for (panel, cohort_id) in store::panels_of(conn, me.id).await? {
        if !me.acts_as_in(RoleKind::JuryMember, cohort_id) && !policy::can_see_unpublished_decisions(&session.actor) {
            continue;
        }
        let cohort = store::cohort(conn, cohort_id).await?.ok_or(AppError::NotFound)?;
        let evals = store::evaluations(conn, cohort_id).await?;
        let mut items = Vec::new();
        for a in store::assignments(conn, cohort_id).await?.into_iter().filter(|a| a.panel_id == panel.id) {
            let Some(mut p) = store::proposal(conn, ProposalId::from_uuid(a.proposal_id)).await? else { continue };
            if access::conflicted(conn, me.id, &p).await? {
                continue;
            }
            access::mask(conn, &session.actor, &mut p).await?;
            let scored = evals.iter().any(|e| e.proposal_id == a.proposal_id && e.author_id == Some(me.id.as_uuid()));
            items.push(JuryItem { proposal: p, assignment: a, scored });
        }
        items.sort_by_key(|i| (i.assignment.hearing_at, i.proposal.reference.clone()));
        out.push(JuryPanel { referent: panel.referent_id == Some(me.id.as_uuid()), panel, cohort, items });
    }
    Ok(out)
}

/// A jury kit: the proposal, its documents, the pre-selection questions, the grid, the scores
/// the reader may see, and what they may do.
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
    /// The other jurors' evaluations (only once the reader's own is in) with their names; never
    /// the consensus.
    pub others: Vec<(String, EvaluationRow)>,
    /// The panel's consensus.
    pub consensus: Option<EvaluationRow>,
    /// Whether the reader is the panel's referent.
    pub referent: bool,
    /// Whether the reader may score it now.
    pub can_score: bool,
    /// Whether the reader may record the panel's consensus (the referent, while scoring is open).
    pub can_give_consensus: bool,
    /// Whether the reader may record that the hearing took place (or not).
    pub can_mark_heard: bool,
    /// Whether the reader may declare a conflict of interest with it.
    pub can_declare_conflict: bool,
}

/// The kit of a proposal for a juror of its panel (or staff).
pub async fn kit(ctx: &Ctx, session: &Session, id: ProposalId) -> Result<Kit, AppError> {
    let view = crate::proposals::view(ctx, session, id).await?;
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let staff = policy::can_see_unpublished_decisions(&session.actor);
    let scorer = policy::can_score_proposal(&session.actor, view.proposal.cohort_id, view.relation);
    if !staff {
        scorer?;
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
    let referent = panel.referent_id == Some(me.id.as_uuid());
    let can_score = scorer.is_ok() && view.proposal.status.scoring_open();
    let can_declare_conflict =
        policy::can_declare_conflict(&session.actor, view.proposal.cohort_id, view.proposal.status, view.relation).is_ok();
    Ok(Kit {
        can_declare_conflict,
        can_give_consensus: referent && can_score,
        can_mark_heard: referent && scorer.is_ok() && view.proposal.status == ProposalStatus::Shortlisted,
        can_score,
        referent,
        view,
        assignment,
        panel,
        questions,
        mine,
        others,
        consensus,
    })
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

/// Saves a juror's evaluation, or (the referent) the panel's consensus. Scoring stays open, as
/// jurors see the proposal, until the results are published.
pub async fn evaluate(ctx: &Ctx, session: &Session, id: ProposalId, f: &EvaluationForm, meta: &RequestMeta) -> Result<(), AppError> {
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let seen = access::proposal(&mut w.conn(), &session.actor, id).await?;
    let p = seen.proposal;
    let me = policy::can_score_proposal(&session.actor, p.cohort_id, seen.relation)?;
    let rules: RuleSet = store::rules(&mut w.conn(), p.rule_set_id).await?.ok_or(AppError::NotFound)?.rules;
    let mut e = Vec::new();
    if let Err(code) = jury::check_scores(&rules, &f.scores) {
        e.push(FieldError { field: "scores", code });
    }
    let opinion = Opinion::parse(&f.opinion);
    if opinion.is_none() {
        e.push(FieldError { field: "opinion", code: "required" });
    }
    text_ok("comment", &f.comment, 4000, &mut e);
    if !e.is_empty() {
        return Err(FieldErrors(e).into());
    }
    if !p.status.scoring_open() {
        return Err(AppError::Denied(policy::Denied::Forbidden));
    }
    let a = store::assignment(&mut w.conn(), id).await?.ok_or(AppError::NotFound)?;
    let (panel, _) = store::panel(&mut w.conn(), PanelId::from_uuid(a.panel_id)).await?.ok_or(AppError::NotFound)?;
    if f.consensus && panel.referent_id != Some(me.id.as_uuid()) {
        return Err(AppError::Denied(policy::Denied::Forbidden));
    }
    let input =
        store::EvaluationInput { scores: f.scores.clone(), opinion, coup_de_coeur: f.coup_de_coeur, comment: f.comment.trim().to_owned() };
    store::save_evaluation(&mut w.conn(), id, PanelId::from_uuid(a.panel_id), (!f.consensus).then_some(me.id), &input, now).await?;
    w.audit(
        me,
        AuditAction::EvaluationSaved,
        ("proposal", &p.reference),
        serde_json::json!({"consensus": f.consensus, "total": rules.weighted_total(&f.scores)}),
    )
    .await?;
    w.commit().await
}

/// A heard proposal on its panel's ranking page.
#[derive(Debug, Clone)]
pub struct RankedItem {
    /// The proposal (status as the reader may know it).
    pub proposal: ProposalRow,
    /// The consensus total, if given.
    pub consensus_total: Option<u32>,
    /// The best total of its rules.
    pub max_total: u32,
    /// Its place in the panel's ranking, if ranked.
    pub rank: Option<usize>,
    /// Why it is there.
    pub explanation: String,
}

/// A panel's ranking page.
#[derive(Debug, Clone)]
pub struct PanelRanking {
    /// The panel's name.
    pub name: String,
    /// Its heard proposals (those in conflict with the reader left out), ranked ones first.
    pub items: Vec<RankedItem>,
    /// Whether the reader may (re)rank them now: the referent or staff, until the results are
    /// published.
    pub can_rank: bool,
}

/// The proposals a panel ranks: assigned to it and heard as the reader sees them (a decision
/// not yet published reads "heard").
async fn rankable(
    conn: &mut Conn<'_>,
    session: &Session,
    panel: &PanelRow,
    cohort: CohortId,
) -> Result<(Vec<ProposalRow>, bool), AppError> {
    let mut out = Vec::new();
    let mut published = false;
    for a in store::assignments(conn, cohort).await?.into_iter().filter(|a| a.panel_id == panel.id) {
        let Some(mut p) = store::proposal(conn, ProposalId::from_uuid(a.proposal_id)).await? else { continue };
        published |= access::mask(conn, &session.actor, &mut p).await?;
        if p.status == ProposalStatus::Heard || p.status.is_decision() {
            out.push(p);
        }
    }
    Ok((out, published))
}

/// Whether the actor may rank a panel now.
fn ranks(session: &Session, panel: &PanelRow, published: bool) -> bool {
    let referent = session.actor.person().is_some_and(|me| panel.referent_id == Some(me.id.as_uuid()));
    !published && (referent || policy::can_run_calls(&session.actor).is_ok())
}

/// The heard proposals of a panel with their ranking (its members, staff, the validator).
pub async fn panel_ranking(ctx: &Ctx, session: &Session, panel: PanelId) -> Result<PanelRanking, AppError> {
    let me = policy::can_use_jury_area(&session.actor)?.clone();
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let (row, cohort) = store::panel(&mut conn, panel).await?.ok_or(AppError::NotFound)?;
    let member = store::panels_of(&mut conn, me.id).await?.iter().any(|(p, _)| p.id == row.id);
    if !member && !policy::can_see_unpublished_decisions(&session.actor) {
        return Err(AppError::NotFound);
    }
    let evals = store::evaluations(&mut conn, cohort).await?;
    let ranked: Vec<(Uuid, String)> = store::ranking(&mut conn, panel).await?;
    let (heard, published) = rankable(&mut conn, session, &row, cohort).await?;
    let mut items = Vec::new();
    for p in heard {
        if access::conflicted(&mut conn, me.id, &p).await? {
            continue;
        }
        let rules = store::rules(&mut conn, p.rule_set_id).await?.ok_or(AppError::NotFound)?.rules;
        let consensus_total =
            evals.iter().find(|e| e.proposal_id == p.id.as_uuid() && e.author_id.is_none()).and_then(|e| rules.weighted_total(&e.scores));
        let pos = ranked.iter().position(|(id, _)| *id == p.id.as_uuid());
        items.push(RankedItem {
            consensus_total,
            max_total: rules.max_total(),
            rank: pos.map(|i| i + 1),
            explanation: pos.map(|i| ranked[i].1.clone()).unwrap_or_default(),
            proposal: p,
        });
    }
    items.sort_by_key(|i| (i.rank.is_none(), i.rank, i.proposal.reference.clone()));
    Ok(PanelRanking { can_rank: ranks(session, &row, published) && !items.is_empty(), name: row.name, items })
}

/// The referent ranks the panel's heard proposals, best first (every one, once), until the
/// results are published.
pub async fn rank(
    ctx: &Ctx,
    session: &Session,
    panel: PanelId,
    order: &[(ProposalId, String)],
    meta: &RequestMeta,
) -> Result<(), AppError> {
    let me = policy::can_use_jury_area(&session.actor)?;
    let mut w = Uow::begin(ctx, meta).await?;
    let (row, cohort) = store::panel(&mut w.conn(), panel).await?.ok_or(AppError::NotFound)?;
    let (heard, published) = rankable(&mut w.conn(), session, &row, cohort).await?;
    if !ranks(session, &row, published) {
        return Err(AppError::Denied(policy::Denied::Forbidden));
    }
    let heard: BTreeSet<ProposalId> = heard.iter().map(|p| p.id).collect();
    let given: BTreeSet<ProposalId> = order.iter().map(|(p, _)| *p).collect();
    if given != heard || given.len() != order.len() {
        return Err(FieldErrors::one("ranking", "rank-every-heard-proposal").into());
    }
    let mut e = Vec::new();
    for (_, why) in order {
        text_ok("explanation", why, 1000, &mut e);
    }
    if !e.is_empty() {
        return Err(FieldErrors(e).into());
    }
    store::save_ranking(&mut w.conn(), panel, order).await?;
    w.audit(me, AuditAction::RankingSaved, ("panel", &panel.to_string()), serde_json::json!({"count": order.len()})).await?;
    w.commit().await
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
    /// The consensus opinion.
    pub consensus_opinion: Option<Opinion>,
    /// The jurors' mean total, in hundredths (the consensus is not a juror).
    pub mean_centi: Option<u32>,
    /// Favourable opinions / opinions, of jurors only.
    pub favourable: (usize, usize),
    /// Coups de cœur, of jurors only.
    pub coups_de_coeur: usize,
    /// Criteria where jurors disagree (keys).
    pub disagreements: Vec<String>,
    /// The staged outcome.
    pub staged: Option<Decision>,
}

/// Every heard proposal of a cohort with scores, ranks, flags and disagreements (on the caller's
/// connection; the caller checked the reader may see decisions).
pub(crate) async fn consolidate(conn: &mut Conn<'_>, co: CohortId) -> Result<Vec<Consolidated>, AppError> {
    let panels: BTreeMap<Uuid, String> = store::panels(conn, co).await?.into_iter().map(|p| (p.id, p.name)).collect();
    let assignments: BTreeMap<Uuid, Uuid> = store::assignments(conn, co).await?.into_iter().map(|a| (a.proposal_id, a.panel_id)).collect();
    let evals = store::evaluations(conn, co).await?;
    let staged: BTreeMap<Uuid, Decision> = store::decision_entries(conn, co).await?.into_iter().collect();
    let mut ranks = BTreeMap::new();
    for id in panels.keys() {
        for (i, (p, _)) in store::ranking(conn, PanelId::from_uuid(*id)).await?.into_iter().enumerate() {
            ranks.insert(p, i + 1);
        }
    }
    let mut out = Vec::new();
    let mut rule_sets = BTreeMap::new();
    for p in store::proposals_of_cohort(conn, co).await? {
        if !(p.status == ProposalStatus::Heard || p.status.is_decision()) {
            continue;
        }
        let pid = p.id.as_uuid();
        // Each proposal is scored with the rules it was submitted under.
        if let std::collections::btree_map::Entry::Vacant(slot) = rule_sets.entry(p.rule_set_id) {
            slot.insert(store::rules(conn, p.rule_set_id).await?.ok_or(AppError::NotFound)?.rules);
        }
        let rules = &rule_sets[&p.rule_set_id];
        let jurors: Vec<&EvaluationRow> = evals.iter().filter(|e| e.proposal_id == pid && e.author_id.is_some()).collect();
        let consensus = evals.iter().find(|e| e.proposal_id == pid && e.author_id.is_none());
        let scores: Vec<Scores> = jurors.iter().map(|e| e.scores.clone()).collect();
        let spread = jury::spread(rules, &scores);
        out.push(Consolidated {
            panel: assignments.get(&pid).and_then(|x| panels.get(x)).cloned().unwrap_or_default(),
            rank: ranks.get(&pid).copied(),
            consensus_total: consensus.and_then(|e| rules.weighted_total(&e.scores)),
            consensus_opinion: consensus.and_then(|e| e.opinion),
            mean_centi: jury::mean_total_centi(rules, &scores),
            favourable: (
                jurors.iter().filter(|e| e.opinion == Some(Opinion::Favourable)).count(),
                jurors.iter().filter(|e| e.opinion.is_some()).count(),
            ),
            coups_de_coeur: jurors.iter().filter(|e| e.coup_de_coeur).count(),
            disagreements: spread.iter().filter(|(_, s)| jury::disagree(rules, **s)).map(|(k, _)| k.clone()).collect(),
            staged: staged.get(&pid).copied(),
            proposal: p,
        });
    }
    out.sort_by_key(|c| (std::cmp::Reverse(c.consensus_total), c.rank, c.proposal.reference.clone()));
    Ok(out)
}

/// The consolidation view: every heard proposal with scores, ranks, flags and disagreements.
pub async fn consolidation(ctx: &Ctx, session: &Session, code: &str) -> Result<(CohortAdminRow, RuleSet, Vec<Consolidated>), AppError> {
    policy::can_read_decisions(&session.actor)?;
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let cohort = crate::uow::cohort(&mut conn, code).await?;
    let rules = store::current_rules(&mut conn, cohort.cohort_id()).await?.ok_or(AppError::NotFound)?.rules;
    let lines = consolidate(&mut conn, cohort.cohort_id()).await?;
    Ok((cohort, rules, lines))
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
    pub status: ProposalStatus,
    /// Submitted (server time).
    pub submitted_at: Option<OffsetDateTime>,
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
    /// Favourable opinions of jurors.
    pub favourable: usize,
    /// Opinions of jurors.
    pub opinions: usize,
    /// Coups de cœur.
    pub coups_de_coeur: usize,
    /// Criteria where jurors disagree (keys).
    pub disagreements: Vec<String>,
    /// Staged or decided outcome.
    pub outcome: Option<Decision>,
}

/// Every proposal of a cohort with its scores (staff; recorded in the audit log).
pub async fn export(
    ctx: &Ctx,
    session: &Session,
    code: &str,
    format: &str,
    meta: &RequestMeta,
) -> Result<(RuleSet, Vec<ExportLine>), AppError> {
    let me = policy::can_run_calls(&session.actor)?;
    let mut w = Uow::begin(ctx, meta).await?;
    let cohort = w.cohort(code).await?;
    let rules = store::current_rules(&mut w.conn(), cohort.cohort_id()).await?.ok_or(AppError::NotFound)?.rules;
    let scored = consolidate(&mut w.conn(), cohort.cohort_id()).await?;
    let mut out = Vec::new();
    for p in store::proposals_of_cohort(&mut w.conn(), cohort.cohort_id()).await? {
        let s = scored.iter().find(|x| x.proposal.id == p.id);
        let host = match p.form.host.as_str() {
            "" => String::new(),
            slug => store::organisation(&mut w.conn(), slug).await?.map(|o| o.name).unwrap_or_default(),
        };
        out.push(ExportLine {
            reference: p.reference.clone(),
            name: p.name.clone(),
            host,
            status: p.status,
            submitted_at: p.submitted_at,
            hash: p.submission_hash.clone().unwrap_or_default(),
            fellows: p.form.fellows,
            panel: s.map(|x| x.panel.clone()).unwrap_or_default(),
            rank: s.and_then(|x| x.rank),
            consensus_total: s.and_then(|x| x.consensus_total),
            mean_total: s.and_then(|x| x.mean_centi).map(|m| f64::from(m) / 100.0),
            favourable: s.map(|x| x.favourable.0).unwrap_or(0),
            opinions: s.map(|x| x.favourable.1).unwrap_or(0),
            coups_de_coeur: s.map(|x| x.coups_de_coeur).unwrap_or(0),
            disagreements: s.map(|x| x.disagreements.clone()).unwrap_or_default(),
            outcome: s.and_then(|x| x.staged),
        });
    }
    w.audit(me, AuditAction::ExportDownloaded, ("cohort", code), serde_json::json!({"format": format, "rows": out.len()})).await?;
    w.commit().await?;
    Ok((rules, out))
}
