//! The signed-in home: one read model of what waits for the person, a section per role they
//! hold and may use now (deny by default: a section exists only when its `policy` predicate
//! allows it), read on one connection. The counts follow the same rules as the pages they link
//! to: a juror or pre-selector never counts a proposal they are in conflict with, and nobody but
//! staff and the validator can learn an unpublished decision from them.

use std::collections::{BTreeMap, BTreeSet};

use cohorte_domain::cohort::CallPhase;
use cohorte_domain::content::RoleKind;
use cohorte_domain::ids::{CohortId, PanelId, ProposalId};
use cohorte_domain::policy::{self, Actor, SignedIn};
use cohorte_domain::proposal::{ProposalStatus, RoundStatus};
use cohorte_store::Conn;
use cohorte_store::call::{self as store, CohortAdminRow, PanelRow, ProposalRow};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::calls::OpenCall;
use crate::identity::Session;
use crate::{AppError, Ctx};

/// The areas the header's menu links to, for this actor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Menu {
    /// The staff area: cohorts, challenges, people and roles.
    pub staff: bool,
    /// The audit log.
    pub audit: bool,
    /// The jury area (jurors and pre-selectors).
    pub jury: bool,
    /// The decisions waiting for the validator.
    pub decisions: bool,
}

/// The menu of an actor: only the areas their session may open now.
pub fn menu(actor: &Actor) -> Menu {
    Menu {
        staff: policy::can_administer(actor).is_ok(),
        audit: policy::can_read_audit(actor).is_ok(),
        jury: policy::can_see_jury_work(actor).is_ok() || policy::can_see_preselection_work(actor).is_ok(),
        decisions: policy::can_see_decisions_to_approve(actor).is_ok(),
    }
}

/// A cohort whose call for projects is under way, as staff see it.
#[derive(Debug, Clone)]
pub struct StaffCohort {
    /// The cohort.
    pub cohort: CohortAdminRow,
    /// Where its call stands.
    pub phase: CallPhase,
    /// Submitted or under review: to pre-screen.
    pub to_prescreen: usize,
    /// Shortlisted and on a panel, with no hearing time yet.
    pub hearings_to_schedule: usize,
    /// Shortlisted, on no panel yet.
    pub without_panel: usize,
    /// Heard, with no staged outcome.
    pub decisions_to_prepare: usize,
    /// Staged outcomes the validator has not approved yet.
    pub awaiting_validator: usize,
}

/// A proposal waiting for the reader's score.
#[derive(Debug, Clone)]
pub struct ToScore {
    /// The proposal.
    pub id: ProposalId,
    /// Its reference.
    pub reference: String,
    /// Its name.
    pub name: String,
    /// The panel that hears it.
    pub panel: String,
    /// Its hearing, when scheduled.
    pub hearing_at: Option<OffsetDateTime>,
}

/// A panel whose ranking its referent still owes.
#[derive(Debug, Clone)]
pub struct RankingDue {
    /// The panel.
    pub panel: PanelId,
    /// Its name.
    pub name: String,
    /// Its cohort.
    pub cohort: CohortAdminRow,
    /// The heard proposals to rank.
    pub heard: usize,
}

/// A juror's work.
#[derive(Debug, Clone, Default)]
pub struct JuryWork {
    /// Proposals of their panels they have not scored (never one they are in conflict with).
    pub to_score: Vec<ToScore>,
    /// Rankings to give, as referent.
    pub rankings: Vec<RankingDue>,
}

/// A proposal waiting for the reader's pre-selection review.
#[derive(Debug, Clone)]
pub struct ToReview {
    /// The proposal.
    pub id: ProposalId,
    /// Its reference.
    pub reference: String,
    /// Its name.
    pub name: String,
}

/// A pre-selector's cohort and what waits there.
#[derive(Debug, Clone)]
pub struct PreselectionCohort {
    /// The cohort.
    pub cohort: CohortAdminRow,
    /// Submitted proposals they have not reviewed (none they are in conflict with).
    pub to_review: Vec<ToReview>,
}

/// A cohort under way, as the validator sees it.
#[derive(Debug, Clone)]
pub struct RoundToApprove {
    /// The cohort.
    pub cohort: CohortAdminRow,
    /// Staged outcomes waiting for approval.
    pub staged: usize,
    /// Heard proposals still without an outcome (approval waits for them).
    pub without_outcome: usize,
}

/// One of the person's own proposals.
#[derive(Debug, Clone)]
pub struct OwnProposal {
    /// The proposal (its status as the reader may know it: a decision reads "heard" until the
    /// results are published).
    pub proposal: ProposalRow,
    /// Its cohort.
    pub cohort: CohortAdminRow,
    /// The deadline to send it: a draft's, while the call is open.
    pub deadline: Option<OffsetDateTime>,
}

/// The signed-in home.
#[derive(Debug, Clone)]
pub struct Home {
    /// The person's name.
    pub name: String,
    /// They hold a role that needs the second factor, which this session has not given: the
    /// sections of those roles wait for it.
    pub second_factor_needed: bool,
    /// Program staff: the cohorts under way.
    pub staff: Option<Vec<StaffCohort>>,
    /// Jury members.
    pub jury: Option<JuryWork>,
    /// Pre-selectors.
    pub preselection: Option<Vec<PreselectionCohort>>,
    /// The validator.
    pub validation: Option<Vec<RoundToApprove>>,
    /// The person's own proposals (none: no section).
    pub proposals: Vec<OwnProposal>,
    /// Cohorts where applications are assigned to them for review: (cohort, still to score,
    /// assigned).
    pub application_reviews: Vec<(CohortAdminRow, usize, usize)>,
    /// Open and upcoming calls for projects (for everyone).
    pub open_calls: Vec<OpenCall>,
    /// The areas of the menu.
    pub menu: Menu,
}

/// The signed-in person's home.
pub async fn home(ctx: &Ctx, session: &Session) -> Result<Home, AppError> {
    let me = policy::can_use_account(&session.actor)?.clone();
    let actor = &session.actor;
    let now = ctx.clock.now();
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let cohorts = store::cohorts(&mut conn).await?;
    let mut facts = Facts::default();
    let staff = match policy::can_run_calls(actor).ok() {
        Some(_) => Some(staff_cohorts(&mut conn, &cohorts, now, &mut facts).await?),
        None => None,
    };
    let jury = match policy::can_see_jury_work(actor).ok() {
        Some(p) => Some(jury_work(&mut conn, session, p, &mut facts).await?),
        None => None,
    };
    let preselection = match policy::can_see_preselection_work(actor).ok() {
        Some(p) => Some(preselection_work(&mut conn, session, p, &cohorts, now, &mut facts).await?),
        None => None,
    };
    let validation = match policy::can_see_decisions_to_approve(actor).ok() {
        Some(_) => Some(rounds_to_approve(&mut conn, &cohorts, now, &mut facts).await?),
        None => None,
    };
    let mut proposals = Vec::new();
    for (proposal, cohort) in crate::proposals::mine_on(&mut conn, session).await? {
        let deadline = match facts.phase(&mut conn, cohort.cohort_id(), now).await? {
            CallPhase::Open { closes } if proposal.status == ProposalStatus::Draft => Some(closes),
            _ => None,
        };
        proposals.push(OwnProposal { proposal, cohort, deadline });
    }
    let open_calls = crate::calls::open_calls_on(&mut conn, now).await?;
    let mut application_reviews = Vec::new();
    for cohort in &cohorts {
        let assigned = cohorte_store::applications::assigned_to(&mut conn, cohort.cohort_id(), me.id).await?;
        if assigned.is_empty() {
            continue;
        }
        let scored: BTreeSet<Uuid> = cohorte_store::applications::application_reviews(&mut conn, cohort.cohort_id())
            .await?
            .into_iter()
            .filter(|r| r.reviewer_id == me.id.as_uuid())
            .map(|r| r.application_id)
            .collect();
        let left = assigned.iter().filter(|a| !scored.contains(&a.application_id)).count();
        application_reviews.push((cohort.clone(), left, assigned.len()));
    }
    Ok(Home {
        application_reviews,
        name: me.name.clone(),
        second_factor_needed: me.needs_second_factor(),
        staff,
        jury,
        preselection,
        validation,
        proposals,
        open_calls,
        menu: menu(actor),
    })
}

/// What several sections read, read once.
#[derive(Default)]
struct Facts {
    phases: BTreeMap<CohortId, CallPhase>,
    published: BTreeMap<CohortId, bool>,
    proposals: BTreeMap<CohortId, Vec<ProposalRow>>,
    staged: BTreeMap<CohortId, (Option<RoundStatus>, BTreeSet<Uuid>)>,
}

impl Facts {
    async fn phase(&mut self, conn: &mut Conn<'_>, cohort: CohortId, now: OffsetDateTime) -> Result<CallPhase, AppError> {
        if let Some(p) = self.phases.get(&cohort) {
            return Ok(*p);
        }
        let p = store::calendar(conn, cohort).await?.call_phase(now);
        self.phases.insert(cohort, p);
        Ok(p)
    }

    /// Where the call of a cohort under way stands: scheduled or holding proposals, results not
    /// published yet. `None` for the others (past cohorts, cohorts being set up).
    async fn under_way(
        &mut self,
        conn: &mut Conn<'_>,
        cohort: &CohortAdminRow,
        now: OffsetDateTime,
    ) -> Result<Option<CallPhase>, AppError> {
        let id = cohort.cohort_id();
        let phase = self.phase(conn, id, now).await?;
        if (phase == CallPhase::NotScheduled && cohort.proposals == 0) || self.published(conn, id).await? {
            return Ok(None);
        }
        Ok(Some(phase))
    }

    async fn published(&mut self, conn: &mut Conn<'_>, cohort: CohortId) -> Result<bool, AppError> {
        if let Some(p) = self.published.get(&cohort) {
            return Ok(*p);
        }
        let p = crate::access::published_at(conn, cohort).await?.is_some();
        self.published.insert(cohort, p);
        Ok(p)
    }

    async fn proposals(&mut self, conn: &mut Conn<'_>, cohort: CohortId) -> Result<&[ProposalRow], AppError> {
        if let std::collections::btree_map::Entry::Vacant(slot) = self.proposals.entry(cohort) {
            slot.insert(store::proposals_of_cohort(conn, cohort).await?);
        }
        Ok(self.proposals.get(&cohort).map(Vec::as_slice).unwrap_or_default())
    }

    /// The round's status (`staging`, `approved`, `published`) and its staged proposals.
    async fn staged(&mut self, conn: &mut Conn<'_>, cohort: CohortId) -> Result<(Option<RoundStatus>, BTreeSet<Uuid>), AppError> {
        if let Some(s) = self.staged.get(&cohort) {
            return Ok(s.clone());
        }
        let status = store::decision_round(conn, cohort).await?.map(|r| r.status);
        let entries = store::decision_entries(conn, cohort).await?.into_iter().map(|(p, _)| p).collect();
        self.staged.insert(cohort, (status, entries));
        Ok(self.staged[&cohort].clone())
    }
}

/// The status a reader may know: a decision reads "heard" until the results are published,
/// except for staff and the validator.
async fn seen_status(conn: &mut Conn<'_>, facts: &mut Facts, actor: &Actor, p: &ProposalRow) -> Result<ProposalStatus, AppError> {
    let published = facts.published(conn, p.cohort_id).await?;
    Ok(policy::visible_status(actor, p.status, published))
}

/// Staff: the cohorts whose call is under way, with what waits at each step.
async fn staff_cohorts(
    conn: &mut Conn<'_>,
    cohorts: &[CohortAdminRow],
    now: OffsetDateTime,
    facts: &mut Facts,
) -> Result<Vec<StaffCohort>, AppError> {
    let mut out = Vec::new();
    for cohort in cohorts {
        let id = cohort.cohort_id();
        let Some(phase) = facts.under_way(conn, cohort, now).await? else { continue };
        let hearings: BTreeMap<Uuid, Option<OffsetDateTime>> =
            store::assignments(conn, id).await?.into_iter().map(|a| (a.proposal_id, a.hearing_at)).collect();
        let (round, staged) = facts.staged(conn, id).await?;
        let proposals = facts.proposals(conn, id).await?;
        let count = |f: &dyn Fn(&ProposalRow) -> bool| proposals.iter().filter(|p| f(p)).count();
        let shortlisted = |p: &ProposalRow| p.status == ProposalStatus::Shortlisted;
        out.push(StaffCohort {
            to_prescreen: count(&|p| matches!(p.status, ProposalStatus::Submitted | ProposalStatus::UnderReview)),
            hearings_to_schedule: count(&|p| shortlisted(p) && hearings.get(&p.id.as_uuid()).is_some_and(Option::is_none)),
            without_panel: count(&|p| shortlisted(p) && !hearings.contains_key(&p.id.as_uuid())),
            decisions_to_prepare: count(&|p| p.status == ProposalStatus::Heard && !staged.contains(&p.id.as_uuid())),
            awaiting_validator: if round == Some(RoundStatus::Staging) { staged.len() } else { 0 },
            cohort: cohort.clone(),
            phase,
        });
    }
    Ok(out)
}

/// A juror: the proposals of their panels they may score and have not, and the rankings they
/// owe as referent. Both read the statuses as the juror may know them.
async fn jury_work(conn: &mut Conn<'_>, session: &Session, me: &SignedIn, facts: &mut Facts) -> Result<JuryWork, AppError> {
    let actor = &session.actor;
    let mut work = JuryWork::default();
    let mut scored: BTreeMap<CohortId, BTreeSet<Uuid>> = BTreeMap::new();
    for (panel, cohort_id) in store::panels_of(conn, me.id).await? {
        if let std::collections::btree_map::Entry::Vacant(slot) = scored.entry(cohort_id) {
            let evaluations = store::evaluations(conn, cohort_id).await?;
            slot.insert(evaluations.into_iter().filter(|e| e.author_id == Some(me.id.as_uuid())).map(|e| e.proposal_id).collect());
        }
        let assigned: Vec<_> = store::assignments(conn, cohort_id).await?.into_iter().filter(|a| a.panel_id == panel.id).collect();
        let mut heard = BTreeSet::new();
        for a in assigned {
            let Some(p) = store::proposal(conn, ProposalId::from_uuid(a.proposal_id)).await? else { continue };
            let status = seen_status(conn, facts, actor, &p).await?;
            if status == ProposalStatus::Heard {
                heard.insert(a.proposal_id);
            }
            if !matches!(status, ProposalStatus::Shortlisted | ProposalStatus::Heard)
                || scored.get(&cohort_id).is_some_and(|s| s.contains(&a.proposal_id))
            {
                continue;
            }
            let rel = crate::access::relation(conn, &session.actor, &p).await?;
            if policy::can_score_proposal(actor, p.cohort_id, rel).is_err() {
                continue;
            }
            work.to_score.push(ToScore {
                id: p.id,
                reference: p.reference,
                name: p.name,
                panel: panel.name.clone(),
                hearing_at: a.hearing_at,
            });
        }
        if let Some(due) = ranking_due(conn, me, &panel, cohort_id, &heard).await? {
            work.rankings.push(due);
        }
    }
    // Scheduled hearings first, soonest first; then the others.
    work.to_score
        .sort_by(|a, b| (a.hearing_at.is_none(), a.hearing_at, &a.reference).cmp(&(b.hearing_at.is_none(), b.hearing_at, &b.reference)));
    Ok(work)
}

/// A panel's ranking is owed by its referent while some heard proposal is not in it.
async fn ranking_due(
    conn: &mut Conn<'_>,
    me: &SignedIn,
    panel: &PanelRow,
    cohort_id: CohortId,
    heard: &BTreeSet<Uuid>,
) -> Result<Option<RankingDue>, AppError> {
    if panel.referent_id != Some(me.id.as_uuid()) || heard.is_empty() || !me.acts_as_in(RoleKind::JuryMember, cohort_id) {
        return Ok(None);
    }
    let id = PanelId::from_uuid(panel.id);
    let ranked: BTreeSet<Uuid> = store::ranking(conn, id).await?.into_iter().map(|(p, _)| p).collect();
    if heard.is_subset(&ranked) {
        return Ok(None);
    }
    let cohort = store::cohort(conn, cohort_id).await?.ok_or(AppError::NotFound)?;
    Ok(Some(RankingDue { panel: id, name: panel.name.clone(), cohort, heard: heard.len() }))
}

/// A pre-selector: in each cohort under way that they pre-select, the submitted proposals they
/// may review and have not.
async fn preselection_work(
    conn: &mut Conn<'_>,
    session: &Session,
    me: &SignedIn,
    cohorts: &[CohortAdminRow],
    now: OffsetDateTime,
    facts: &mut Facts,
) -> Result<Vec<PreselectionCohort>, AppError> {
    let mut out = Vec::new();
    for cohort in cohorts.iter().filter(|co| me.acts_as_in(RoleKind::Preselector, co.cohort_id())) {
        if facts.under_way(conn, cohort, now).await?.is_none() {
            continue;
        }
        let mut to_review = Vec::new();
        for p in store::proposals_of_cohort(conn, cohort.cohort_id()).await? {
            if !matches!(p.status, ProposalStatus::Submitted | ProposalStatus::UnderReview) {
                continue;
            }
            let rel = crate::access::relation(conn, &session.actor, &p).await?;
            if policy::can_review_proposal(&session.actor, p.cohort_id, rel).is_err() {
                continue;
            }
            if store::reviews(conn, p.id).await?.iter().any(|r| r.reviewer_id == me.id.as_uuid()) {
                continue;
            }
            to_review.push(ToReview { id: p.id, reference: p.reference, name: p.name });
        }
        out.push(PreselectionCohort { cohort: cohort.clone(), to_review });
    }
    Ok(out)
}

/// The validator: every cohort under way, with the outcomes staff staged and nobody approved yet
/// (the decisions page of each is where they are read and approved).
async fn rounds_to_approve(
    conn: &mut Conn<'_>,
    cohorts: &[CohortAdminRow],
    now: OffsetDateTime,
    facts: &mut Facts,
) -> Result<Vec<RoundToApprove>, AppError> {
    let mut out = Vec::new();
    for cohort in cohorts {
        if facts.under_way(conn, cohort, now).await?.is_none() {
            continue;
        }
        let id = cohort.cohort_id();
        let (round, staged) = facts.staged(conn, id).await?;
        let staged: BTreeSet<Uuid> = if round == Some(RoundStatus::Staging) { staged } else { BTreeSet::new() };
        let without_outcome = facts
            .proposals(conn, id)
            .await?
            .iter()
            .filter(|p| p.status == ProposalStatus::Heard && !staged.contains(&p.id.as_uuid()))
            .count();
        out.push(RoundToApprove { cohort: cohort.clone(), staged: staged.len(), without_outcome });
    }
    Ok(out)
}
