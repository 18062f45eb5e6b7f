//! The staff's side of the call for applications, one read model per page, each carrying what
//! its reader may do: the pre-selection desk (assignment, consolidated reviews, steps), the
//! interviews desk (slots, bookings, held or missed), the matching desk (the lists, the matching
//! with its explanations, publication, offers, fellowships), and a reviewer's list.
//! The rules behind each `can_*` live here and in `policy`; pages only show them.

use std::collections::{BTreeMap, BTreeSet};

use cohorte_domain::application::{ApplicationEvent, ApplicationRules, ApplicationStatus};
use cohorte_domain::cohort::ProfileKind;
use cohorte_domain::ids::PersonId;
use cohorte_domain::policy::{self, Denied};
use cohorte_store::Conn;
use cohorte_store::applications::{self as store, ApplicationRow, OfferRow, SlotRow};
use cohorte_store::call::CohortAdminRow;
use time::OffsetDateTime;

use crate::applications::{ConsolidatedApplication, FellowLine, MatchingView, PreselectionStep, ToReview};
use crate::session::Session;
use crate::{AppError, Ctx};

async fn cohort_rules(conn: &mut Conn<'_>, code: &str) -> Result<(CohortAdminRow, ApplicationRules), AppError> {
    let cohort = crate::uow::cohort(conn, code).await?;
    let rules =
        cohorte_store::call::current_rules(conn, cohort.cohort_id()).await?.and_then(|r| r.rules.applications).ok_or(AppError::NotFound)?;
    Ok((cohort, rules))
}

async fn names(conn: &mut Conn<'_>, ids: impl IntoIterator<Item = uuid::Uuid>) -> Result<BTreeMap<uuid::Uuid, String>, AppError> {
    let mut out = BTreeMap::new();
    for id in ids.into_iter().collect::<BTreeSet<_>>() {
        let name = cohorte_store::identity::person(conn, PersonId::from_uuid(id)).await?.map(|p| p.display_name).unwrap_or_default();
        out.insert(id, name);
    }
    Ok(out)
}

/// One application on the pre-selection desk.
#[derive(Debug, Clone)]
pub struct DeskRow {
    /// The application, its reviews consolidated.
    pub consolidated: ConsolidatedApplication,
    /// The candidate's name.
    pub name: String,
    /// The reviewers' names, in the order of `consolidated.scores`.
    pub reviewer_names: Vec<String>,
    /// Reviewers assigned.
    pub assigned: usize,
    /// The pre-selection steps the reader may take on it.
    pub steps: Vec<PreselectionStep>,
    /// Whether the reader may record the interview as held or missed.
    pub can_record_interview: bool,
}

/// The pre-selection desk of a cohort (staff and the validator).
#[derive(Debug, Clone)]
pub struct Desk {
    /// The cohort.
    pub cohort: CohortAdminRow,
    /// The call's rules.
    pub rules: ApplicationRules,
    /// Submitted applications by status (drafts are not counted).
    pub counts: Vec<(ApplicationStatus, usize)>,
    /// The submitted applications the query selects, best normalised mean first: one page.
    pub rows: Vec<DeskRow>,
    /// How many the query selects (all pages).
    pub shown: usize,
    /// The page shown, from 1, and how many there are.
    pub page: (u32, u32),
    /// Submitted applications still without reviewers.
    pub unassigned: usize,
    /// Whether the reader may assign reviewers now.
    pub can_assign: bool,
    /// How the scores are normalised.
    pub method: &'static str,
}

/// Rows on a page of the pre-selection desk.
pub const DESK_PER_PAGE: usize = 50;

/// Which applications the desk shows: a status, words of the candidate's name or reference, a
/// page (from 1).
#[derive(Debug, Clone, Default)]
pub struct DeskQuery {
    /// Only this status.
    pub status: Option<ApplicationStatus>,
    /// Every word in the name or the reference (case and accents ignored).
    pub text: String,
    /// The page, from 1 (0 reads as 1).
    pub page: u32,
}

/// Folds a text for search: lower case, without accents, words apart.
fn folded(s: &str) -> String {
    cohorte_domain::text::slugify(s).replace('-', " ")
}

/// Reads the pre-selection desk: counts over every submitted application, then the rows the
/// query selects (scores normalised over all of them, not only the page's).
pub async fn desk(ctx: &Ctx, session: &Session, code: &str, query: &DeskQuery) -> Result<Desk, AppError> {
    policy::can_read_decisions(&session.actor)?;
    let may_run = policy::can_run_calls(&session.actor).is_ok();
    let consolidated = crate::applications::consolidation(ctx, session, code).await?;
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let (cohort, rules) = cohort_rules(&mut conn, code).await?;
    let reviewers = store::reviewers_of_cohort(&mut conn, cohort.cohort_id()).await?;
    let mut who = names(&mut conn, consolidated.iter().map(|a| a.application.person_id.as_uuid())).await?;
    who.extend(names(&mut conn, reviewers.iter().map(|r| r.reviewer_id)).await?);
    let mut counts: BTreeMap<ApplicationStatus, usize> = BTreeMap::new();
    let mut unassigned = 0;
    let rows: Vec<DeskRow> = consolidated
        .into_iter()
        .map(|ca| {
            let a = &ca.application;
            *counts.entry(a.status).or_default() += 1;
            let assigned = reviewers.iter().filter(|r| r.application_id == a.id.as_uuid()).count();
            if a.status == ApplicationStatus::Submitted && assigned == 0 {
                unassigned += 1;
            }
            let allowed = |e: ApplicationEvent| may_run && a.status.apply(e, rules.choice_mode).is_ok();
            let steps = [
                (PreselectionStep::Preselect, ApplicationEvent::Preselect),
                (PreselectionStep::RequestInformation, ApplicationEvent::RequestInformation),
                (PreselectionStep::Refuse, ApplicationEvent::Refuse),
                (PreselectionStep::Ineligible, ApplicationEvent::MarkIneligible),
            ]
            .into_iter()
            .filter(|(_, e)| allowed(*e))
            .map(|(s, _)| s)
            .collect();
            DeskRow {
                name: who.get(&a.person_id.as_uuid()).cloned().unwrap_or_default(),
                reviewer_names: ca.scores.iter().map(|(r, _, _)| who.get(r).cloned().unwrap_or_default()).collect(),
                assigned,
                steps,
                can_record_interview: allowed(ApplicationEvent::Interview),
                consolidated: ca,
            }
        })
        .collect();
    let words: Vec<String> = folded(&query.text).split_whitespace().map(str::to_owned).collect();
    let selected: Vec<DeskRow> = rows
        .into_iter()
        .filter(|r| query.status.is_none_or(|st| r.consolidated.application.status == st))
        .filter(|r| {
            let hay = folded(&format!("{} {}", r.name, r.consolidated.application.reference));
            words.iter().all(|w| hay.contains(w.as_str()))
        })
        .collect();
    let shown = selected.len();
    let pages = shown.div_ceil(DESK_PER_PAGE).max(1) as u32;
    let page = query.page.clamp(1, pages);
    let rows = selected.into_iter().skip((page as usize - 1) * DESK_PER_PAGE).take(DESK_PER_PAGE).collect();
    Ok(Desk {
        can_assign: may_run && unassigned > 0,
        counts: counts.into_iter().collect(),
        rows,
        shown,
        page: (page, pages),
        unassigned,
        method: cohorte_domain::review::METHOD,
        cohort,
        rules,
    })
}

/// A slot on the interviews desk.
#[derive(Debug, Clone)]
pub struct SlotLine {
    /// The slot.
    pub slot: SlotRow,
    /// The challenge's title (none: any challenge).
    pub challenge: Option<String>,
    /// The booked application's reference and candidate's name.
    pub booked: Option<(String, String)>,
}

/// The interviews desk of a cohort (staff and the validator).
#[derive(Debug, Clone)]
pub struct InterviewsDesk {
    /// The cohort.
    pub cohort: CohortAdminRow,
    /// The slots, earliest first.
    pub slots: Vec<SlotLine>,
    /// The cohort's challenges a slot may be for: (id, title).
    pub challenges: Vec<(uuid::Uuid, String)>,
    /// Whether the reader may open slots.
    pub can_open: bool,
}

/// Reads the interviews desk.
pub async fn interviews(ctx: &Ctx, session: &Session, code: &str) -> Result<InterviewsDesk, AppError> {
    policy::can_read_decisions(&session.actor)?;
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let (cohort, _) = cohort_rules(&mut conn, code).await?;
    let co = cohort.cohort_id();
    let challenges: Vec<(uuid::Uuid, String)> =
        store::challenges_of_cohort(&mut conn, co).await?.into_iter().map(|c| (c.id, c.title)).collect();
    let apps: BTreeMap<uuid::Uuid, ApplicationRow> =
        store::applications_of_cohort(&mut conn, co).await?.into_iter().map(|a| (a.id.as_uuid(), a)).collect();
    let who = names(&mut conn, apps.values().map(|a| a.person_id.as_uuid())).await?;
    let slots = store::slots(&mut conn, co)
        .await?
        .into_iter()
        .map(|s| SlotLine {
            challenge: s.challenge_id.and_then(|ch| challenges.iter().find(|(id, _)| *id == ch).map(|(_, t)| t.clone())),
            booked: s
                .application_id
                .and_then(|a| apps.get(&a))
                .map(|a| (a.reference.clone(), who.get(&a.person_id.as_uuid()).cloned().unwrap_or_default())),
            slot: s,
        })
        .collect();
    Ok(InterviewsDesk { can_open: policy::can_run_calls(&session.actor).is_ok(), cohort, slots, challenges })
}

/// A candidate who may be placed on a list: interviewed, and chose it.
#[derive(Debug, Clone)]
pub struct Rankable {
    /// The application's id (the form's key).
    pub application: String,
    /// Its reference.
    pub reference: String,
    /// The candidate's name.
    pub name: String,
    /// Where the candidate put this (challenge, profile) among their choices, from 1.
    pub choice: usize,
    /// Their place on the list, from 1, if ranked.
    pub position: Option<usize>,
    /// The interview panel's consensus total, once recorded.
    pub consensus: Option<u32>,
}

/// A (challenge, profile) list on the matching desk.
#[derive(Debug, Clone)]
pub struct ListDesk {
    /// The challenge's id.
    pub challenge: String,
    /// Its title.
    pub title: String,
    /// The profile.
    pub profile: ProfileKind,
    /// Seats.
    pub seats: u8,
    /// The candidates who may be ranked, ranked first (in order), then the others by reference.
    pub candidates: Vec<Rankable>,
}

/// An offer on the matching desk.
#[derive(Debug, Clone)]
pub struct OfferLine {
    /// The offer.
    pub offer: OfferRow,
    /// The application's reference.
    pub reference: String,
    /// The candidate's name.
    pub name: String,
    /// The challenge's title.
    pub title: String,
}

/// The matching desk of a cohort (staff and the validator).
#[derive(Debug, Clone)]
pub struct MatchingDesk {
    /// The cohort.
    pub cohort: CohortAdminRow,
    /// The lists, in the rules' order.
    pub lists: Vec<ListDesk>,
    /// The matching the lists give now (before publication).
    pub matching: MatchingView,
    /// When the validator published it.
    pub published: Option<OffsetDateTime>,
    /// The offers made since.
    pub offers: Vec<OfferLine>,
    /// The fellowships (accepted offers).
    pub fellows: Vec<FellowLine>,
    /// The smallest team the rules allow.
    pub min_team: u8,
    /// Whether the reader may change the lists (staff, before publication).
    pub can_rank: bool,
    /// Whether the reader may publish (the validator, before publication; a recent sign-in is
    /// asked when they publish).
    pub can_publish: bool,
    /// Whether the reader may announce the teams (staff, fellows not yet announced).
    pub can_announce: bool,
}

/// Reads the matching desk.
pub async fn matching(ctx: &Ctx, session: &Session, code: &str) -> Result<MatchingDesk, AppError> {
    policy::can_read_decisions(&session.actor)?;
    let now = ctx.clock.now();
    let view = crate::applications::matching(ctx, session, code).await?;
    let fellows = crate::applications::fellowships(ctx, session, code).await?;
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let (cohort, rules) = cohort_rules(&mut conn, code).await?;
    let co = cohort.cohort_id();
    let published = store::matching_published(&mut conn, co).await?;
    let titles: BTreeMap<uuid::Uuid, String> =
        store::challenges_of_cohort(&mut conn, co).await?.into_iter().map(|c| (c.id, c.title)).collect();
    let apps: Vec<ApplicationRow> = store::applications_of_cohort(&mut conn, co).await?;
    let who = names(&mut conn, apps.iter().map(|a| a.person_id.as_uuid())).await?;
    let rankings = store::rankings(&mut conn, co).await?;
    let consensus: BTreeMap<uuid::Uuid, u32> = store::interview_evaluations(&mut conn, co)
        .await?
        .into_iter()
        .filter(|e| e.is_consensus())
        .filter_map(|e| rules.total(&e.scores).map(|t| (e.application_id, t)))
        .collect();
    let lists = rules
        .seats
        .iter()
        .map(|s| {
            let mut candidates: Vec<Rankable> = apps
                .iter()
                .filter_map(|a| {
                    let choice = a.form.choices.iter().position(|c| c.challenge == s.challenge && c.profile == s.profile)?;
                    let position = rankings
                        .iter()
                        .find(|r| r.application_id == a.id.as_uuid() && r.challenge_id.to_string() == s.challenge && r.profile == s.profile)
                        .map(|r| r.position as usize);
                    if a.status != ApplicationStatus::Interviewed && position.is_none() {
                        return None;
                    }
                    Some(Rankable {
                        application: a.id.to_string(),
                        reference: a.reference.clone(),
                        name: who.get(&a.person_id.as_uuid()).cloned().unwrap_or_default(),
                        choice: choice + 1,
                        position,
                        consensus: consensus.get(&a.id.as_uuid()).copied(),
                    })
                })
                .collect();
            candidates.sort_by(|a, b| match (a.position, b.position) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => a.reference.cmp(&b.reference),
            });
            ListDesk {
                title: s.challenge.parse::<uuid::Uuid>().ok().and_then(|id| titles.get(&id).cloned()).unwrap_or_default(),
                challenge: s.challenge.clone(),
                profile: s.profile,
                seats: s.seats,
                candidates,
            }
        })
        .collect();
    let offers = store::offers(&mut conn, co)
        .await?
        .into_iter()
        .map(|o| {
            let a = apps.iter().find(|a| a.id.as_uuid() == o.application_id);
            OfferLine {
                reference: a.map(|a| a.reference.clone()).unwrap_or_default(),
                name: a.and_then(|a| who.get(&a.person_id.as_uuid()).cloned()).unwrap_or_default(),
                title: titles.get(&o.challenge_id).cloned().unwrap_or_default(),
                offer: o,
            }
        })
        .collect();
    let staff = policy::can_run_calls(&session.actor).is_ok();
    let validator = matches!(policy::can_approve_decisions(&session.actor, now), Ok(_) | Err(Denied::ReauthenticationRequired));
    Ok(MatchingDesk {
        can_rank: staff && published.is_none(),
        can_publish: validator && published.is_none(),
        can_announce: staff && fellows.iter().any(|f| f.fellowship.announced_at.is_none()),
        min_team: rules.min_team,
        lists,
        matching: view,
        published,
        offers,
        fellows,
        cohort,
    })
}

/// A reviewer's page: the grid and their applications in their reading order.
#[derive(Debug, Clone)]
pub struct ReviewDesk {
    /// The cohort.
    pub cohort: CohortAdminRow,
    /// The grid.
    pub rules: ApplicationRules,
    /// The cohort's challenges' titles, by id (the choices name them).
    pub titles: BTreeMap<String, String>,
    /// The applications, each with the reviewer's scores and, once given, the others'.
    pub items: Vec<ToReview>,
}

/// Reads a reviewer's page (anyone signed in: the list holds only what they were assigned).
pub async fn reviews(ctx: &Ctx, session: &Session, code: &str) -> Result<ReviewDesk, AppError> {
    let items = crate::applications::to_review(ctx, session, code).await?;
    let mut c = ctx.db.acquire().await?;
    let (cohort, rules) = cohort_rules(&mut c.conn(), code).await?;
    let titles = challenge_titles(&mut c.conn(), &cohort).await?;
    Ok(ReviewDesk { cohort, rules, titles, items })
}

/// The call for applications' rules page (staff and the validator).
#[derive(Debug, Clone)]
pub struct RulesDesk {
    /// The cohort.
    pub cohort: CohortAdminRow,
    /// The rules in force, or the EIG5 defaults without seats when none are set.
    pub rules: ApplicationRules,
    /// Whether rules are set.
    pub set: bool,
    /// The cohort's challenges: (id, title).
    pub challenges: Vec<(uuid::Uuid, String)>,
    /// Whether the reader may change them.
    pub can_edit: bool,
}

/// Reads the rules page.
pub async fn rules(ctx: &Ctx, session: &Session, code: &str) -> Result<RulesDesk, AppError> {
    policy::can_read_decisions(&session.actor)?;
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let cohort = crate::uow::cohort(&mut conn, code).await?;
    let current = cohorte_store::call::current_rules(&mut conn, cohort.cohort_id()).await?.and_then(|r| r.rules.applications);
    let challenges = store::challenges_of_cohort(&mut conn, cohort.cohort_id()).await?.into_iter().map(|c| (c.id, c.title)).collect();
    Ok(RulesDesk {
        set: current.is_some(),
        rules: current.unwrap_or_else(|| ApplicationRules::eig5(Vec::new())),
        challenges,
        can_edit: policy::can_run_calls(&session.actor).is_ok(),
        cohort,
    })
}

/// The interview panel's page: the grid and the interviews the reader sits on.
#[derive(Debug, Clone)]
pub struct PanelDesk {
    /// The cohort.
    pub cohort: CohortAdminRow,
    /// The grid.
    pub rules: ApplicationRules,
    /// The cohort's challenges' titles, by id (the choices name them).
    pub titles: BTreeMap<String, String>,
    /// The interviews.
    pub items: Vec<crate::applications::PanelItem>,
}

/// Reads the interview panel's page (anyone signed in: the list holds only the interviews they
/// sit on).
pub async fn panel(ctx: &Ctx, session: &Session, code: &str) -> Result<PanelDesk, AppError> {
    let items = crate::applications::interview_panel(ctx, session, code).await?;
    let mut c = ctx.db.acquire().await?;
    let (cohort, rules) = cohort_rules(&mut c.conn(), code).await?;
    let titles = challenge_titles(&mut c.conn(), &cohort).await?;
    Ok(PanelDesk { cohort, rules, titles, items })
}

/// A cohort's challenges' titles, by id.
async fn challenge_titles(conn: &mut cohorte_store::Conn<'_>, cohort: &CohortAdminRow) -> Result<BTreeMap<String, String>, AppError> {
    Ok(cohorte_store::applications::challenges_of_cohort(conn, cohort.cohort_id())
        .await?
        .into_iter()
        .map(|c| (c.id.to_string(), c.title))
        .collect())
}
