//! Running a cohort's call for projects (program staff): cohorts, their calendars in Paris time,
//! their versioned rules.

use cohorte_domain::cohort::{Calendar, CallPhase, Milestone, MilestoneKind, RuleSet};
use cohorte_domain::content::CohortKind;
use cohorte_domain::identity::AuditAction;
use cohorte_domain::paris;
use cohorte_domain::policy;
use cohorte_domain::query::{FieldError, FieldErrors};
use cohorte_domain::text::Slug;
use cohorte_store::call::{self as store, CohortAdminRow, NewCohort, RuleSetRow};
use time::OffsetDateTime;

use crate::session::{RequestMeta, Session};
use crate::uow::Uow;
use crate::{AppError, Ctx};

/// What staff type to create a cohort.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CohortInput {
    /// Code (`eig-6`).
    pub code: String,
    /// `eig` or `dig`.
    pub kind: String,
    /// Number (optional).
    pub number: String,
    /// Year.
    pub year: String,
    /// French title.
    pub title_fr: String,
    /// English title.
    pub title_en: String,
    /// The cohort whose current rules to copy (else the EIG5 rules).
    pub copy_rules_from: String,
}

fn title_ok(s: &str) -> bool {
    let n = s.trim().chars().count();
    n > 0 && n <= 120 && !cohorte_domain::text::has_forbidden_chars(s)
}

impl CohortInput {
    fn parse(&self) -> Result<(NewCohort, Option<Slug>), FieldErrors> {
        let mut e = Vec::new();
        let code = Slug::parse(self.code.trim()).ok().filter(|s| s.as_str().len() <= 30);
        if code.is_none() {
            e.push(FieldError { field: "code", code: "invalid-identifier" });
        }
        let kind = CohortKind::parse(self.kind.trim());
        if kind.is_none() {
            e.push(FieldError { field: "kind", code: "invalid-choice" });
        }
        let number = match self.number.trim() {
            "" => None,
            n => match n.parse::<i32>() {
                Ok(v) if (1..=99).contains(&v) => Some(v),
                _ => {
                    e.push(FieldError { field: "number", code: "number-range" });
                    None
                }
            },
        };
        let year = self.year.trim().parse::<i32>().ok().filter(|y| (2015..=2100).contains(y));
        if year.is_none() {
            e.push(FieldError { field: "year", code: "year-range" });
        }
        if !title_ok(&self.title_fr) {
            e.push(FieldError { field: "title_fr", code: "required" });
        }
        if !title_ok(&self.title_en) {
            e.push(FieldError { field: "title_en", code: "required" });
        }
        let copy = match self.copy_rules_from.trim() {
            "" => None,
            c => match Slug::parse(c) {
                Ok(s) => Some(s),
                Err(_) => {
                    e.push(FieldError { field: "copy_rules_from", code: "invalid-choice" });
                    None
                }
            },
        };
        match (code, kind, year, e.is_empty()) {
            (Some(code), Some(kind), Some(year), true) => Ok((
                NewCohort {
                    code: code.as_str().to_owned(),
                    kind: kind.as_str().to_owned(),
                    number,
                    year,
                    title_fr: self.title_fr.trim().to_owned(),
                    title_en: self.title_en.trim().to_owned(),
                },
                copy,
            )),
            _ => Err(FieldErrors(e)),
        }
    }
}

/// Every cohort (staff).
pub async fn cohorts(ctx: &Ctx, session: &Session) -> Result<Vec<CohortAdminRow>, AppError> {
    policy::can_run_calls(&session.actor)?;
    let mut c = ctx.db.acquire().await?;
    Ok(store::cohorts(&mut c.conn()).await?)
}

/// Creates a cohort with its first rules (a copy of another cohort's, or the EIG5 rules).
pub async fn create_cohort(ctx: &Ctx, session: &Session, input: &CohortInput, meta: &RequestMeta) -> Result<CohortAdminRow, AppError> {
    let me = policy::can_run_calls(&session.actor)?;
    let (new, copy) = input.parse()?;
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let mut conn = w.conn();
    if store::cohort_by_code(&mut conn, &new.code).await?.is_some() {
        return Err(FieldErrors::one("code", "code-taken").into());
    }
    let rules = match &copy {
        Some(code) => {
            let from =
                store::cohort_by_code(&mut conn, code.as_str()).await?.ok_or(FieldErrors::one("copy_rules_from", "invalid-choice"))?;
            store::current_rules(&mut conn, from.cohort_id()).await?.map(|r| r.rules).unwrap_or_else(RuleSet::eig5)
        }
        None => RuleSet::eig5(),
    };
    let id = store::create_cohort(&mut conn, &new).await?;
    store::save_rules(&mut conn, id, &rules, Some(me.id), now).await?;
    let row = store::cohort(&mut conn, id).await?.ok_or(AppError::NotFound)?;
    w.audit(me, AuditAction::CohortCreated, ("cohort", &new.code), serde_json::json!({"rules_from": copy.as_ref().map(Slug::as_str)}))
        .await?;
    w.commit().await?;
    Ok(row)
}

/// A cohort with its calendar and rules, as staff see it.
#[derive(Debug, Clone)]
pub struct CohortDetail {
    /// The cohort.
    pub cohort: CohortAdminRow,
    /// Its calendar.
    pub calendar: Calendar,
    /// Where its call stands now.
    pub phase: CallPhase,
    /// Its current rules.
    pub rules: RuleSetRow,
    /// Every version of its rules, newest first.
    pub versions: Vec<RuleSetRow>,
}

/// A cohort for staff.
pub async fn cohort(ctx: &Ctx, session: &Session, code: &str) -> Result<CohortDetail, AppError> {
    policy::can_run_calls(&session.actor)?;
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let cohort = crate::uow::cohort(&mut conn, code).await?;
    let calendar = store::calendar(&mut conn, cohort.cohort_id()).await?;
    let versions = store::rule_versions(&mut conn, cohort.cohort_id()).await?;
    let rules = match versions.first() {
        Some(r) => r.clone(),
        None => {
            drop(c);
            let mut tx = ctx.db.begin().await?;
            let r = store::save_rules(&mut tx.conn(), cohort.cohort_id(), &RuleSet::eig5(), None, ctx.clock.now()).await?;
            tx.commit().await?;
            return Ok(CohortDetail { phase: calendar.call_phase(ctx.clock.now()), cohort, calendar, rules: r.clone(), versions: vec![r] });
        }
    };
    Ok(CohortDetail { phase: calendar.call_phase(ctx.clock.now()), cohort, calendar, rules, versions })
}

/// One line of the calendar form: Paris local times as typed (`2021-04-07T23:59`), empty when
/// unset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MilestoneInput {
    /// Which step.
    pub kind: MilestoneKind,
    /// Start (or the instant).
    pub starts: String,
    /// End, for a period.
    pub ends: String,
}

fn local(field: &'static str, s: &str, e: &mut Vec<FieldError>) -> Option<OffsetDateTime> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let Some(p) = paris::parse_local(s) else {
        e.push(FieldError { field, code: "invalid-datetime" });
        return None;
    };
    match paris::to_utc(p) {
        Ok(t) => Some(t),
        Err(paris::LocalTimeError::Nonexistent) => {
            e.push(FieldError { field, code: "datetime-nonexistent" });
            None
        }
        Err(paris::LocalTimeError::Ambiguous) => {
            e.push(FieldError { field, code: "datetime-ambiguous" });
            None
        }
        Err(paris::LocalTimeError::OutOfRange) => {
            e.push(FieldError { field, code: "invalid-datetime" });
            None
        }
    }
}

/// Replaces a cohort's calendar: every time is read in Europe/Paris; a time that does not exist
/// or happens twice at a clock change is refused with its field.
pub async fn set_calendar(ctx: &Ctx, session: &Session, code: &str, lines: &[MilestoneInput], meta: &RequestMeta) -> Result<(), AppError> {
    let me = policy::can_run_calls(&session.actor)?;
    let mut e = Vec::new();
    let mut cal = Calendar::default();
    for l in lines {
        let starts = local(l.kind.as_str(), &l.starts, &mut e);
        let ends = local(l.kind.as_str(), &l.ends, &mut e);
        match (starts, ends) {
            (Some(s), end) => cal.0.push(Milestone { kind: l.kind, starts_at: s, ends_at: end }),
            (None, Some(_)) => e.push(FieldError { field: l.kind.as_str(), code: "start-required" }),
            (None, None) => {}
        }
    }
    if !e.is_empty() {
        return Err(FieldErrors(e).into());
    }
    cal.validate()?;
    let mut w = Uow::begin(ctx, meta).await?;
    let mut conn = w.conn();
    let cohort = crate::uow::cohort(&mut conn, code).await?;
    store::replace_calendar(&mut conn, cohort.cohort_id(), &cal).await?;
    let summary: Vec<serde_json::Value> = cal
        .0
        .iter()
        .map(|m| serde_json::json!({"kind": m.kind.as_str(), "starts_at": m.starts_at.unix_timestamp(), "ends_at": m.ends_at.map(|t| t.unix_timestamp())}))
        .collect();
    w.audit(me, AuditAction::CalendarChanged, ("cohort", code), serde_json::json!({"milestones": summary})).await?;
    w.commit().await
}

/// Saves a cohort's call-for-projects rules (the call for applications' settings are kept): a new
/// version when proposals or applications already use the current one.
pub async fn save_rules(ctx: &Ctx, session: &Session, code: &str, rules: &RuleSet, meta: &RequestMeta) -> Result<RuleSetRow, AppError> {
    let me = policy::can_run_calls(&session.actor)?;
    rules.validate()?;
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let mut conn = w.conn();
    let cohort = crate::uow::cohort(&mut conn, code).await?;
    let before = store::current_rules(&mut conn, cohort.cohort_id()).await?;
    // The call for applications' settings have their own form: the project rules keep them.
    let mut rules = rules.clone();
    rules.applications = before.as_ref().and_then(|b| b.rules.applications.clone());
    let rules = &rules;
    if let Some(same) = before.as_ref().filter(|b| &b.rules == rules) {
        return Ok(same.clone());
    }
    let row = store::save_rules(&mut conn, cohort.cohort_id(), rules, Some(me.id), now).await?;
    let new_version = before.is_none_or(|b| b.version != row.version);
    w.audit(me, AuditAction::RulesChanged, ("cohort", code), serde_json::json!({"version": row.version, "new_version": new_version}))
        .await?;
    w.commit().await?;
    Ok(row)
}

/// A cohort whose call for projects is open or upcoming, for administrations.
#[derive(Debug, Clone)]
pub struct OpenCall {
    /// The cohort.
    pub cohort: CohortAdminRow,
    /// Its phase.
    pub phase: CallPhase,
}

/// The calls an administration can see: open and upcoming, soonest deadline first.
pub async fn open_calls(ctx: &Ctx) -> Result<Vec<OpenCall>, AppError> {
    let now = ctx.clock.now();
    let mut c = ctx.db.acquire().await?;
    open_calls_on(&mut c.conn(), now).await
}

/// [`open_calls`] on the caller's connection, at `now`.
pub async fn open_calls_on(conn: &mut cohorte_store::Conn<'_>, now: OffsetDateTime) -> Result<Vec<OpenCall>, AppError> {
    let mut out = Vec::new();
    for co in store::cohorts(conn).await? {
        let cal = store::calendar(conn, co.cohort_id()).await?;
        let phase = cal.call_phase(now);
        if matches!(phase, CallPhase::Open { .. } | CallPhase::Upcoming { .. }) {
            out.push(OpenCall { cohort: co, phase });
        }
    }
    out.sort_by_key(|c| match c.phase {
        CallPhase::Open { closes } => (0, closes),
        CallPhase::Upcoming { opens } => (1, opens),
        _ => (2, OffsetDateTime::UNIX_EPOCH),
    });
    Ok(out)
}

/// Organisations matching a search (name, acronym or alias; accents and case ignored).
pub async fn find_organisations(ctx: &Ctx, q: &str) -> Result<Vec<store::OrganisationChoice>, AppError> {
    let key = cohorte_domain::text::name_key(q);
    if key.is_empty() || key.len() > 100 {
        return Ok(Vec::new());
    }
    let mut c = ctx.db.acquire().await?;
    Ok(store::find_organisations(&mut c.conn(), &key, 20).await?)
}

/// An organisation of the tree, as a choice in forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationOption {
    /// Id.
    pub id: uuid::Uuid,
    /// Slug.
    pub slug: String,
    /// Label: the name, with the acronym, under its parent.
    pub label: String,
}

/// Every organisation of the tree, parents before children, for the form's choices.
pub async fn organisation_choices(ctx: &Ctx) -> Result<Vec<OrganisationOption>, AppError> {
    let mut c = ctx.db.acquire().await?;
    organisation_choices_on(&mut c.conn()).await
}

/// [`organisation_choices`] on the caller's connection.
pub async fn organisation_choices_on(conn: &mut cohorte_store::Conn<'_>) -> Result<Vec<OrganisationOption>, AppError> {
    let all = store::find_organisations(conn, "", 2000).await?;
    let depth = |path: &str| path.trim_matches('/').split('/').count().saturating_sub(1);
    Ok(all
        .into_iter()
        .map(|o| {
            let name = match &o.acronym {
                Some(a) if !a.is_empty() && !o.name.contains(a.as_str()) => format!("{} ({a})", o.name),
                _ => o.name.clone(),
            };
            OrganisationOption { id: o.id, slug: o.slug, label: format!("{}{name}", "— ".repeat(depth(&o.path))) }
        })
        .collect())
}
