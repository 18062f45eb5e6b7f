//! The outcome of the call for projects: staff stage selected / reserve / not selected, the
//! validator approves and chooses when the results are published; until then nobody else can
//! learn a decision. At publication the administrations are told, and each selected proposal
//! becomes a challenge in `framing`, whose public page staff edit and publish.

use cohorte_domain::cohort::{ProfileKind, RuleSet, TextField};
use cohorte_domain::content::ChallengeStatus;
use cohorte_domain::identity::AuditAction;
use cohorte_domain::ids::{CohortId, ProposalId};
use cohorte_domain::policy;
use cohorte_domain::proposal::{Decision, ProposalEvent, ProposalStatus, RoundStatus};
use cohorte_domain::query::{FieldError, FieldErrors};
use cohorte_store::call::{self as store, ChallengeEditRow, CohortAdminRow, DecisionRoundRow, NewChallenge, StatusChange};
use time::OffsetDateTime;

use crate::jobs::{Job, enqueue_at};
use crate::jury::{Consolidated, consolidate};
use crate::session::{RequestMeta, Session};
use crate::uow::Uow;
use crate::{AppError, Ctx};

/// The decisions page of a cohort: the consolidation, the round, and what the reader may do.
#[derive(Debug, Clone)]
pub struct DecisionsView {
    /// The cohort.
    pub cohort: CohortAdminRow,
    /// Its current rules (the grid's labels).
    pub rules: RuleSet,
    /// Every heard proposal with its scores and staged outcome.
    pub lines: Vec<Consolidated>,
    /// The round, once an outcome is staged.
    pub round: Option<DecisionRoundRow>,
    /// Whether the reader may stage outcomes (staff, until published).
    pub can_stage: bool,
    /// Whether the reader may approve the staged outcomes (the validator, while staging).
    pub can_approve: bool,
    /// How many proposals each outcome holds (what an approval approves), in outcome order.
    pub staged_counts: Vec<(Decision, usize)>,
}

/// The decisions page (staff and the validator), built on one connection.
pub async fn page(ctx: &Ctx, session: &Session, code: &str) -> Result<DecisionsView, AppError> {
    policy::can_read_decisions(&session.actor)?;
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let cohort = crate::uow::cohort(&mut conn, code).await?;
    let rules = store::current_rules(&mut conn, cohort.cohort_id()).await?.ok_or(AppError::NotFound)?.rules;
    let lines = consolidate(&mut conn, cohort.cohort_id()).await?;
    let round = store::decision_round(&mut conn, cohort.cohort_id()).await?;
    let status = round.as_ref().map(|r| r.status);
    let can_stage = policy::can_run_calls(&session.actor).is_ok() && status != Some(RoundStatus::Published);
    // The approval itself asks for a recent sign-in; the page offers it to the validator while
    // outcomes are staged.
    let validator = session.actor.person().is_some_and(|p| p.acts_as(cohorte_domain::content::RoleKind::Validator));
    let can_approve = validator && status == Some(RoundStatus::Staging);
    let staged_counts =
        Decision::ALL.iter().map(|d| (*d, lines.iter().filter(|l| l.staged == Some(*d)).count())).filter(|(_, n)| *n > 0).collect();
    Ok(DecisionsView { cohort, rules, lines, round, can_stage, can_approve, staged_counts })
}

/// Staff stage an outcome for a heard proposal (reopens an approved but unpublished round).
pub async fn stage(ctx: &Ctx, session: &Session, id: ProposalId, outcome: Decision, meta: &RequestMeta) -> Result<(), AppError> {
    let me = policy::can_run_calls(&session.actor)?;
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let p = store::proposal(&mut w.conn(), id).await?.ok_or(AppError::NotFound)?;
    if p.status != ProposalStatus::Heard {
        return Err(FieldErrors::one("outcome", "not-heard").into());
    }
    if !store::stage_decision(&mut w.conn(), p.cohort_id, id, outcome, me.id, now).await? {
        return Err(FieldErrors::one("outcome", "already-published").into());
    }
    w.audit(me, AuditAction::DecisionStaged, ("proposal", &p.reference), serde_json::json!({"outcome": outcome.as_str()})).await?;
    w.commit().await
}

/// The validator approves the staged outcomes (every heard proposal must have one), having
/// confirmed it (`confirmed`: the page shows what is approved and asks), and sets the publication
/// time (Paris time; now or later). Statuses change now; nobody outside staff and the validator
/// sees them before publication.
pub async fn approve(
    ctx: &Ctx,
    session: &Session,
    code: &str,
    publish_local: &str,
    confirmed: bool,
    meta: &RequestMeta,
) -> Result<OffsetDateTime, AppError> {
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let me = policy::can_approve_decisions(&session.actor, now)?;
    if !confirmed {
        return Err(FieldErrors::one("confirm", "confirmation-required").into());
    }
    let publish_at = match publish_local.trim() {
        "" => now,
        s => match cohorte_domain::paris::parse_local(s).map(cohorte_domain::paris::to_utc) {
            Some(Ok(t)) => t.max(now),
            Some(Err(cohorte_domain::paris::LocalTimeError::Nonexistent)) => {
                return Err(FieldErrors::one("publish_at", "datetime-nonexistent").into());
            }
            Some(Err(cohorte_domain::paris::LocalTimeError::Ambiguous)) => {
                return Err(FieldErrors::one("publish_at", "datetime-ambiguous").into());
            }
            _ => return Err(FieldErrors::one("publish_at", "invalid-datetime").into()),
        },
    };
    let mut conn = w.conn();
    let cohort = crate::uow::cohort(&mut conn, code).await?;
    let co = cohort.cohort_id();
    let staged: std::collections::BTreeMap<uuid::Uuid, Decision> = store::decision_entries(&mut conn, co).await?.into_iter().collect();
    let proposals = store::proposals_of_cohort(&mut conn, co).await?;
    if proposals.iter().any(|p| p.status == ProposalStatus::Heard && !staged.contains_key(&p.id.as_uuid())) {
        return Err(FieldErrors::one("decisions", "every-heard-proposal-needs-an-outcome").into());
    }
    if staged.is_empty() {
        return Err(FieldErrors::one("decisions", "nothing-staged").into());
    }
    if !store::approve_round(&mut conn, co, me.id, now, publish_at).await? {
        return Err(FieldErrors::one("decisions", "not-staging").into());
    }
    for p in &proposals {
        let Some(&outcome) = staged.get(&p.id.as_uuid()) else { continue };
        if p.status == ProposalStatus::Heard {
            let to = p.status.apply(ProposalEvent::Decide(outcome)).map_err(|_| AppError::Internal("decision".into()))?;
            store::set_status(&mut conn, p.id, p.status, to, &StatusChange::default(), now).await?;
        }
    }
    let selected = staged.values().filter(|o| **o == Decision::Selected).count();
    enqueue_at(
        &mut conn,
        &Job::PublishResults { cohort: co.to_string() },
        Some(&format!("publish-{co}-{}", publish_at.unix_timestamp())),
        publish_at,
        now,
    )
    .await?;
    w.audit(
        me,
        AuditAction::DecisionApproved,
        ("cohort", code),
        serde_json::json!({"selected": selected, "outcomes": staged.len(), "publish_at": publish_at.unix_timestamp()}),
    )
    .await?;
    w.commit().await?;
    Ok(publish_at)
}

fn skill_of(p: ProfileKind) -> Option<&'static str> {
    match p {
        ProfileKind::DataScientist => Some("datascience"),
        ProfileKind::Developer => Some("dev"),
        ProfileKind::DataEngineer => Some("dataengineering"),
        ProfileKind::Designer => Some("design"),
        ProfileKind::Geomatician => Some("geomatique"),
        ProfileKind::DigitalLaw => None,
    }
}

/// Publishes a cohort's approved results once their time has come (run by the job worker; safe to
/// run twice). Returns whether it published now.
pub async fn publish_due(ctx: &Ctx, cohort: CohortId) -> Result<bool, AppError> {
    let system = RequestMeta::default();
    let mut w = Uow::begin(ctx, &system).await?;
    let now = w.now;
    let mut conn = w.conn();
    let Some(round) = store::decision_round(&mut conn, cohort).await? else { return Ok(false) };
    if round.status != RoundStatus::Approved || round.publish_at.is_none_or(|t| t > now) {
        return Ok(false);
    }
    if !store::publish_round(&mut conn, cohort, now).await? {
        return Ok(false);
    }
    let co = store::cohort(&mut conn, cohort).await?.ok_or(AppError::NotFound)?;
    let mut created = Vec::new();
    for p in store::proposals_of_cohort(&mut conn, cohort).await? {
        let (subject, intro) = match p.status {
            ProposalStatus::Selected => ("mail-selected-subject", "mail-selected-intro"),
            ProposalStatus::Reserve => ("mail-reserve-subject", "mail-reserve-intro"),
            ProposalStatus::NotSelected => ("mail-not-selected-subject", "mail-not-selected-intro"),
            ProposalStatus::NotShortlisted => ("mail-not-shortlisted-subject", "mail-not-shortlisted-intro"),
            _ => continue,
        };
        if p.status == ProposalStatus::Selected {
            let Some(host) = p.organisation_id else { continue };
            let host_label = match p.form.host.as_str() {
                "" => String::new(),
                s => store::organisation(&mut conn, s).await?.map(|o| o.name).unwrap_or_default(),
            };
            let text = |f: TextField| p.form.texts.get(&f).cloned().unwrap_or_default();
            let body_md = format!(
                "## Le problème\n\n{}\n\n## La solution envisagée\n\n{}\n\n## Les bénéfices attendus\n\n{}\n",
                text(TextField::Problem),
                text(TextField::Solution),
                text(TextField::Benefits)
            );
            let mut skills: Vec<String> = p.form.profiles.iter().filter_map(|x| skill_of(x.kind)).map(str::to_owned).collect();
            skills.dedup();
            let new = NewChallenge {
                slug: cohorte_domain::text::slugify(&p.name).chars().take(60).collect::<String>().trim_end_matches('-').to_owned(),
                reference: p.reference.clone(),
                cohort,
                year: co.year,
                title: p.name.clone(),
                tagline: text(TextField::Summary),
                host: host.as_uuid(),
                host_label,
                city: None,
                body_md,
                skills,
            };
            let (id, slug) = store::create_challenge(&mut conn, &new).await?;
            store::set_challenge(&mut conn, p.id, id).await?;
            crate::uow::record(
                &mut conn,
                now,
                None,
                "system",
                AuditAction::ChallengeCreated,
                ("challenge", &slug),
                serde_json::json!({"proposal": p.reference}),
                &system,
            )
            .await?;
            created.push(slug);
        }
        let reason = p.status_reason.clone().unwrap_or_default();
        crate::jury::notify_members(
            &mut conn,
            ctx,
            &p,
            subject,
            intro,
            if p.status == ProposalStatus::NotShortlisted { &reason } else { "" },
            now,
        )
        .await?;
    }
    cohorte_store::meta::bump_content_version(&mut conn).await?;
    w.audit_as(None, "system", AuditAction::ResultsPublished, ("cohort", &co.code), serde_json::json!({"challenges": created})).await?;
    w.commit().await?;
    Ok(true)
}

/// Challenges made from proposals, for staff to edit and publish.
pub async fn challenges(ctx: &Ctx, session: &Session) -> Result<Vec<ChallengeEditRow>, AppError> {
    policy::can_run_calls(&session.actor)?;
    let mut c = ctx.db.acquire().await?;
    Ok(store::challenges_from_proposals(&mut c.conn()).await?)
}

/// One challenge to edit.
pub async fn challenge(ctx: &Ctx, session: &Session, slug: &str) -> Result<ChallengeEditRow, AppError> {
    policy::can_run_calls(&session.actor)?;
    let mut c = ctx.db.acquire().await?;
    store::challenge_for_edit(&mut c.conn(), slug).await?.ok_or(AppError::NotFound)
}

/// What staff change on a challenge page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChallengePage {
    /// Its address (`/challenges/<slug>`): changeable; once public, the former one keeps working.
    pub slug: String,
    /// Title.
    pub title: String,
    /// One line.
    pub tagline: String,
    /// City.
    pub city: String,
    /// Website (https).
    pub website: String,
    /// Text (Markdown, sanitised when shown).
    pub body_md: String,
    /// Publish it now (framing → open for applications).
    pub publish: bool,
}

/// Saves a challenge page (and its address), and publishes it when asked (it then appears on the
/// public site). Returns its address.
pub async fn save_challenge(
    ctx: &Ctx,
    session: &Session,
    slug: &str,
    page: &ChallengePage,
    meta: &RequestMeta,
) -> Result<String, AppError> {
    let me = policy::can_run_calls(&session.actor)?;
    let mut e = Vec::new();
    let short = |s: &str, max: usize| !s.trim().is_empty() && s.chars().count() <= max && !cohorte_domain::text::has_forbidden_chars(s);
    if !short(&page.title, 200) {
        e.push(FieldError { field: "title", code: "required" });
    }
    if !short(&page.tagline, 300) {
        e.push(FieldError { field: "tagline", code: "required" });
    }
    if page.city.chars().count() > 100 || cohorte_domain::text::has_forbidden_chars(&page.city) {
        e.push(FieldError { field: "city", code: "too-long" });
    }
    let website_ok = page.website.starts_with("https://") && page.website.len() <= 300 && !page.website.contains(char::is_whitespace);
    if !page.website.is_empty() && !website_ok {
        e.push(FieldError { field: "website", code: "https-link" });
    }
    if page.body_md.chars().count() > 20_000 {
        e.push(FieldError { field: "body_md", code: "too-long" });
    }
    let new_slug = match cohorte_domain::text::Slug::parse(page.slug.trim()) {
        Ok(s) if s.as_str().len() <= 80 => Some(s),
        _ => {
            e.push(FieldError { field: "slug", code: "invalid-identifier" });
            None
        }
    };
    if !e.is_empty() {
        return Err(FieldErrors(e).into());
    }
    let mut w = Uow::begin(ctx, meta).await?;
    let mut conn = w.conn();
    let ch = store::challenge_for_edit(&mut conn, slug).await?.ok_or(AppError::NotFound)?;
    let opt = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
    let renamed = match new_slug {
        Some(new) if new.as_str() != ch.slug => {
            if store::challenge_slug_taken(&mut conn, new.as_str()).await? {
                return Err(FieldErrors::one("slug", "slug-taken").into());
            }
            store::rename_challenge(&mut conn, ch.id, &ch.slug, new.as_str(), ch.status.is_public()).await?;
            Some(new.as_str().to_owned())
        }
        _ => None,
    };
    store::update_challenge_page(
        &mut conn,
        ch.id,
        page.title.trim(),
        page.tagline.trim(),
        opt(&page.city).as_deref(),
        opt(&page.website).as_deref(),
        &page.body_md,
    )
    .await?;
    let published = page.publish
        && store::set_challenge_status(&mut conn, ch.id, ChallengeStatus::Framing, ChallengeStatus::OpenForApplications).await?;
    cohorte_store::meta::bump_content_version(&mut conn).await?;
    let action = if published { AuditAction::ChallengePublished } else { AuditAction::ChallengeEdited };
    w.audit(me, action, ("challenge", slug), serde_json::json!({"published": published, "renamed_to": renamed})).await?;
    w.commit().await?;
    Ok(renamed.unwrap_or_else(|| ch.slug.clone()))
}
