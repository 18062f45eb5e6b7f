//! The outcome of the call for projects: staff stage selected / reserve / not selected, the
//! validator approves and chooses when the results are published; until then nobody else can
//! learn a decision. At publication the administrations are told, and each selected proposal
//! becomes a challenge in `framing`, whose public page staff edit and publish.

use cohorte_domain::cohort::{ProfileKind, TextField};
use cohorte_domain::identity::AuditAction;
use cohorte_domain::ids::{CohortId, ProposalId};
use cohorte_domain::policy;
use cohorte_domain::proposal::{Decision, ProposalEvent, ProposalStatus};
use cohorte_domain::query::{FieldError, FieldErrors};
use cohorte_store::Conn;
use cohorte_store::call::{self as store, ChallengeEditRow, DecisionRoundRow, NewChallenge, StatusChange};
use time::OffsetDateTime;

use crate::identity::{RequestMeta, Session, record};
use crate::jobs::{Job, enqueue_at};
use crate::{AppError, Ctx};

/// When a cohort's results were published, if they were.
pub async fn published_at(conn: &mut Conn<'_>, cohort: CohortId) -> Result<Option<OffsetDateTime>, AppError> {
    Ok(store::decision_round(conn, cohort).await?.and_then(|r| r.published_at))
}

/// The round of a cohort (staff and validator).
pub async fn round(ctx: &Ctx, session: &Session, code: &str) -> Result<Option<DecisionRoundRow>, AppError> {
    policy::can_read_decisions(&session.actor)?;
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let cohort = store::cohort_by_code(&mut conn, code).await?.ok_or(AppError::NotFound)?;
    Ok(store::decision_round(&mut conn, cohort.cohort_id()).await?)
}

/// Staff stage an outcome for a heard proposal (reopens an approved but unpublished round).
pub async fn stage(ctx: &Ctx, session: &Session, id: ProposalId, outcome: Decision, meta: &RequestMeta) -> Result<(), AppError> {
    let me = policy::can_run_calls(&session.actor)?.clone();
    let now = ctx.clock.now();
    let mut tx = ctx.db.begin().await?;
    let mut conn = tx.conn();
    let p = store::proposal(&mut conn, id).await?.ok_or(AppError::NotFound)?;
    if p.status != ProposalStatus::Heard {
        return Err(FieldErrors(vec![FieldError { field: "outcome", code: "not-heard" }]).into());
    }
    if !store::stage_decision(&mut conn, p.cohort_id, id, outcome.as_str(), me.id, now).await? {
        return Err(FieldErrors(vec![FieldError { field: "outcome", code: "already-published" }]).into());
    }
    record(
        &mut conn,
        now,
        Some(me.id),
        &me.name,
        AuditAction::DecisionStaged,
        ("proposal", &p.reference),
        serde_json::json!({"outcome": outcome.as_str()}),
        meta,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The validator approves the staged outcomes (every heard proposal must have one) and sets the
/// publication time (Paris time; now or later). Statuses change now; nobody outside staff and
/// the validator sees them before publication.
pub async fn approve(
    ctx: &Ctx,
    session: &Session,
    code: &str,
    publish_local: &str,
    meta: &RequestMeta,
) -> Result<OffsetDateTime, AppError> {
    let now = ctx.clock.now();
    let me = policy::can_approve_decisions(&session.actor, now)?.clone();
    let publish_at = match publish_local.trim() {
        "" => now,
        s => match cohorte_domain::paris::parse_local(s).map(cohorte_domain::paris::to_utc) {
            Some(Ok(t)) => t.max(now),
            Some(Err(cohorte_domain::paris::LocalTimeError::Nonexistent)) => {
                return Err(FieldErrors(vec![FieldError { field: "publish_at", code: "datetime-nonexistent" }]).into());
            }
            Some(Err(cohorte_domain::paris::LocalTimeError::Ambiguous)) => {
                return Err(FieldErrors(vec![FieldError { field: "publish_at", code: "datetime-ambiguous" }]).into());
            }
            _ => return Err(FieldErrors(vec![FieldError { field: "publish_at", code: "invalid-datetime" }]).into()),
        },
    };
    let mut tx = ctx.db.begin().await?;
    let mut conn = tx.conn();
    let cohort = store::cohort_by_code(&mut conn, code).await?.ok_or(AppError::NotFound)?;
    let co = cohort.cohort_id();
    let staged: std::collections::BTreeMap<uuid::Uuid, String> = store::decision_entries(&mut conn, co).await?.into_iter().collect();
    let proposals = store::proposals_of_cohort(&mut conn, co).await?;
    if proposals.iter().any(|p| p.status == ProposalStatus::Heard && !staged.contains_key(&p.id.as_uuid())) {
        return Err(FieldErrors(vec![FieldError { field: "decisions", code: "every-heard-proposal-needs-an-outcome" }]).into());
    }
    if staged.is_empty() {
        return Err(FieldErrors(vec![FieldError { field: "decisions", code: "nothing-staged" }]).into());
    }
    if !store::approve_round(&mut conn, co, me.id, now, publish_at).await? {
        return Err(FieldErrors(vec![FieldError { field: "decisions", code: "not-staging" }]).into());
    }
    for p in &proposals {
        let Some(outcome) = staged.get(&p.id.as_uuid()).and_then(|o| Decision::parse(o)) else { continue };
        if p.status == ProposalStatus::Heard {
            let to = p.status.apply(ProposalEvent::Decide(outcome)).map_err(|_| AppError::Internal("decision".into()))?;
            store::set_status(&mut conn, p.id, p.status, to, &StatusChange::default(), now).await?;
        }
    }
    let selected = staged.values().filter(|o| o.as_str() == "selected").count();
    record(
        &mut conn,
        now,
        Some(me.id),
        &me.name,
        AuditAction::DecisionApproved,
        ("cohort", code),
        serde_json::json!({"selected": selected, "outcomes": staged.len(), "publish_at": publish_at.unix_timestamp()}),
        meta,
    )
    .await?;
    enqueue_at(
        &mut conn,
        &Job::PublishResults { cohort: co.to_string() },
        Some(&format!("publish-{co}-{}", publish_at.unix_timestamp())),
        publish_at,
        now,
    )
    .await?;
    tx.commit().await?;
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
    let now = ctx.clock.now();
    let mut tx = ctx.db.begin().await?;
    let mut conn = tx.conn();
    let Some(round) = store::decision_round(&mut conn, cohort).await? else { return Ok(false) };
    if round.status != "approved" || round.publish_at.is_none_or(|t| t > now) {
        return Ok(false);
    }
    if !store::publish_round(&mut conn, cohort, now).await? {
        return Ok(false);
    }
    let co = store::cohort(&mut conn, cohort).await?.ok_or(AppError::NotFound)?;
    let mut created = Vec::new();
    let lang = cohorte_domain::lang::Lang::Fr;
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
            record(
                &mut conn,
                now,
                None,
                "system",
                AuditAction::ChallengeCreated,
                ("challenge", &slug),
                serde_json::json!({"proposal": p.reference}),
                &RequestMeta::default(),
            )
            .await?;
            created.push(slug);
        }
        let reason = p.status_reason.clone().unwrap_or_default();
        crate::jury::notify_members(
            &mut conn,
            ctx,
            &p,
            lang,
            subject,
            intro,
            if p.status == ProposalStatus::NotShortlisted { &reason } else { "" },
            now,
        )
        .await?;
    }
    cohorte_store::meta::bump_content_version(&mut conn).await?;
    record(
        &mut conn,
        now,
        None,
        "system",
        AuditAction::ResultsPublished,
        ("cohort", &co.code),
        serde_json::json!({"challenges": created}),
        &RequestMeta::default(),
    )
    .await?;
    tx.commit().await?;
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

/// Saves a challenge page, and publishes it when asked (it then appears on the public site).
pub async fn save_challenge(ctx: &Ctx, session: &Session, slug: &str, page: &ChallengePage, meta: &RequestMeta) -> Result<(), AppError> {
    let me = policy::can_run_calls(&session.actor)?.clone();
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
    if !e.is_empty() {
        return Err(FieldErrors(e).into());
    }
    let now = ctx.clock.now();
    let mut tx = ctx.db.begin().await?;
    let mut conn = tx.conn();
    let ch = store::challenge_for_edit(&mut conn, slug).await?.ok_or(AppError::NotFound)?;
    let opt = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
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
    let published = page.publish && store::set_challenge_status(&mut conn, ch.id, "framing", "open_for_applications").await?;
    cohorte_store::meta::bump_content_version(&mut conn).await?;
    let action = if published { AuditAction::ChallengePublished } else { AuditAction::ChallengeEdited };
    record(&mut conn, now, Some(me.id), &me.name, action, ("challenge", slug), serde_json::json!({"published": published}), meta).await?;
    tx.commit().await?;
    Ok(())
}
