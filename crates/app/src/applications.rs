//! Applications, from the candidate's side: start one (one per person and cohort), save it (never
//! overwriting another tab's save), attach the CV, submit before the deadline (with an
//! acknowledgement carrying the server's timestamp and a fingerprint, durable before the answer),
//! withdraw, delete a draft. The page's read model ([`ApplicationView`]) carries what its reader
//! may see and do. A candidate never sees a score, a rank or another candidate, and sees no
//! outcome before publication.

use std::collections::BTreeMap;

use cohorte_domain::application::{
    ApplicationEvent, ApplicationForm, ApplicationRules, ApplicationStatus, ChoiceMode, SalaryBand, submission_hash,
};
use cohorte_domain::cohort::{CallPhase, ProfileKind};
use cohorte_domain::identity::AuditAction;
use cohorte_domain::ids::ApplicationId;
use cohorte_domain::policy::{self, Denied};
use cohorte_domain::proposal::document_filename;
use cohorte_domain::query::FieldErrors;
use cohorte_store::Conn;
use cohorte_store::applications::{self as store, ApplicationChange};
use cohorte_store::call::{CohortAdminRow, DocumentRow};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::notify::{self, Message};
use crate::session::{RequestMeta, Session};
use crate::uow::Uow;
use crate::{AppError, Ctx, i18n};

pub use cohorte_store::applications::{ApplicationRow, InterviewEvaluationRow, NewSlot, SlotRow};

/// The document key of the CV.
pub const CV: &str = "cv";
/// The document key of the optional portfolio.
pub const PORTFOLIO: &str = "portfolio";

/// A (challenge, profile) a candidate may choose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceOption {
    /// The challenge's id (the form's value).
    pub challenge: String,
    /// Its title.
    pub title: String,
    /// Its public address, once the page is public.
    pub slug: Option<String>,
    /// The profile.
    pub profile: ProfileKind,
    /// Seats.
    pub seats: u8,
}

/// An application as its reader sees it, with what they may do on its page.
#[derive(Debug, Clone)]
pub struct ApplicationView {
    /// The application (status masked before publication).
    pub application: ApplicationRow,
    /// Its cohort.
    pub cohort: CohortAdminRow,
    /// The call's rules.
    pub rules: ApplicationRules,
    /// Where the call stands.
    pub phase: CallPhase,
    /// Its documents.
    pub documents: Vec<DocumentRow>,
    /// What may be chosen.
    pub options: Vec<ChoiceOption>,
    /// The salary band for the years of experience given.
    pub salary: Option<SalaryBand>,
    /// Whether the reader may edit, attach documents, submit and delete (the candidate, a draft,
    /// the call open).
    pub can_edit: bool,
    /// Whether the reader may withdraw.
    pub can_withdraw: bool,
    /// What submission still needs (while the reader may edit).
    pub missing: FieldErrors,
    /// The deadline, while the reader may submit.
    pub deadline: Option<OffsetDateTime>,
    /// Whether the reader is the candidate.
    pub mine: bool,
    /// What the candidate is asked for, while they may answer (see `can_provide_information`).
    pub info_request: Option<String>,
    /// Whether the reader may answer a request for information.
    pub can_provide_information: bool,
    /// Why the application was not retained (pre-selection), for the candidate.
    pub reason: Option<String>,
    /// Whether the reader may rank their choices now (two-step mode), and until when.
    pub can_choose: bool,
    /// The end of the choice window, while the reader may choose.
    pub choices_close: Option<OffsetDateTime>,
    /// The free slots it may book, or move its interview to.
    pub slots: Vec<cohorte_store::applications::SlotRow>,
    /// The slot held.
    pub held: Option<cohorte_store::applications::SlotRow>,
    /// Whether the reader may book one of `slots`.
    pub can_book: bool,
    /// Whether the reader may still cancel the interview held.
    pub can_cancel_interview: bool,
    /// Whether the candidate may move it to one of `slots` (same cutoff).
    pub can_move_interview: bool,
    /// The offer, once the matching is published.
    pub offer: Option<OfferView>,
    /// Whether the reader may answer it now.
    pub can_answer_offer: bool,
    /// The other challenges an interview panel proposed to the candidate, with their answers.
    pub suggestions: Vec<SuggestionView>,
}

/// A challenge an interview panel proposed to a candidate.
#[derive(Debug, Clone)]
pub struct SuggestionView {
    /// The suggestion.
    pub row: cohorte_store::applications::SuggestionRow,
    /// The challenge's title.
    pub title: String,
    /// Whether the reader may accept or decline it now (the candidate, unanswered, before the
    /// matching is published).
    pub can_answer: bool,
}

/// An offer as the candidate sees it.
#[derive(Debug, Clone)]
pub struct OfferView {
    /// The challenge's title.
    pub title: String,
    /// The profile.
    pub profile: ProfileKind,
    /// To answer by.
    pub deadline: OffsetDateTime,
    /// The answer, once given (`accepted`, `declined`, `expired`).
    pub response: Option<String>,
}

struct Loaded {
    app: ApplicationRow,
    cohort: CohortAdminRow,
    rules: ApplicationRules,
    phase: CallPhase,
    calendar: cohorte_domain::cohort::Calendar,
}

impl Loaded {
    fn open(&self) -> bool {
        matches!(self.phase, CallPhase::Open { .. })
    }
}

/// Loads an application its reader may see; anyone else is told it does not exist.
async fn load(conn: &mut Conn<'_>, session: &Session, id: ApplicationId, now: OffsetDateTime) -> Result<Loaded, AppError> {
    let (app, cohort, rules) = store::application_in_context(conn, id).await?.ok_or(AppError::NotFound)?;
    policy::can_view_application(&session.actor, app.person_id)?;
    let rules = rules.applications.ok_or(AppError::NotFound)?;
    let calendar = cohorte_store::call::calendar(conn, app.cohort_id).await?;
    let phase = calendar.applications_phase(now);
    Ok(Loaded { app, cohort, rules, phase, calendar })
}

async fn options(conn: &mut Conn<'_>, cohort: &CohortAdminRow, rules: &ApplicationRules) -> Result<Vec<ChoiceOption>, AppError> {
    let challenges = store::challenges_of_cohort(conn, cohort.cohort_id()).await?;
    let mut out = Vec::new();
    for ch in &challenges {
        for s in rules.seats.iter().filter(|s| s.challenge == ch.id.to_string()) {
            out.push(ChoiceOption {
                challenge: s.challenge.clone(),
                title: ch.title.clone(),
                slug: policy::can_view_challenge(&policy::Actor::Anonymous, ch.status).is_ok().then(|| ch.slug.clone()),
                profile: s.profile,
                seats: s.seats,
            });
        }
    }
    Ok(out)
}

/// Sets the call for applications' rules of a cohort (staff): a new version of the cohort's rules
/// when applications already use the current one. Every seat names a challenge of the cohort.
pub async fn save_rules(
    ctx: &Ctx,
    session: &Session,
    code: &str,
    rules: &ApplicationRules,
    meta: &RequestMeta,
) -> Result<cohorte_store::call::RuleSetRow, AppError> {
    let me = policy::can_run_calls(&session.actor)?;
    rules.validate()?;
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let cohort = w.cohort(code).await?;
    let ids: Vec<String> = store::challenges_of_cohort(&mut w.conn(), cohort.cohort_id()).await?.iter().map(|c| c.id.to_string()).collect();
    if rules.seats.iter().any(|s| !ids.contains(&s.challenge)) {
        return Err(FieldErrors::one("seats", "unknown-challenge").into());
    }
    let before = cohorte_store::call::current_rules(&mut w.conn(), cohort.cohort_id()).await?;
    let mut all = before.as_ref().map_or_else(cohorte_domain::cohort::RuleSet::eig5, |b| b.rules.clone());
    all.applications = Some(rules.clone());
    if let Some(same) = before.as_ref().filter(|b| b.rules == all) {
        return Ok(same.clone());
    }
    let row = cohorte_store::call::save_rules(&mut w.conn(), cohort.cohort_id(), &all, Some(me.id), now).await?;
    w.audit(me, AuditAction::RulesChanged, ("cohort", code), serde_json::json!({"version": row.version, "applications": true})).await?;
    w.commit().await?;
    Ok(row)
}

/// Reads an application (the candidate; staff and the validator).
pub async fn view(ctx: &Ctx, session: &Session, id: ApplicationId) -> Result<ApplicationView, AppError> {
    let now = ctx.clock.now();
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let l = load(&mut conn, session, id, now).await?;
    let actor = &session.actor;
    let mine = actor.person().is_some_and(|p| p.id == l.app.person_id);
    let can_edit = policy::can_edit_application(actor, l.app.person_id, l.app.status, l.open()).is_ok();
    let documents = store::application_documents(&mut conn, id).await?;
    let missing = if can_edit {
        l.app.form.check_submission(&l.rules, documents.iter().any(|d| d.key == CV)).err().unwrap_or_default()
    } else {
        FieldErrors::default()
    };
    let mut app = l.app;
    // Nothing of the matching shows to the candidate before the validator publishes it (an
    // application not yet interviewed has nothing of it to show, nor any proposal of a panel).
    let interviewing = !before_interviews(app.status);
    let published = interviewing && store::matching_published(&mut conn, app.cohort_id).await?.is_some();
    let options = options(&mut conn, &l.cohort, &l.rules).await?;
    let suggestions = if interviewing {
        let titles = options.iter().map(|o| (o.challenge.clone(), o.title.clone())).collect();
        suggestion_views(&mut conn, &app, &titles, mine && interview_open(app.status) && !published).await?
    } else {
        Vec::new()
    };
    if mine && !published {
        app.status = app.status.as_seen_before_publication();
    }
    // The account's name is offered for an empty name field, unless it is still the email
    // address the account began with.
    if can_edit
        && app.form.name.is_empty()
        && let Some(me) = actor.person().filter(|p| mine && !p.name.contains('@'))
    {
        app.form.name = me.name.chars().take(120).collect();
    }
    let mode = l.rules.choice_mode;
    let can = |e: ApplicationEvent| mine && app.status.apply(e, mode).is_ok();
    let can_provide_information = can(ApplicationEvent::ProvideInformation);
    let choices_close = choice_window_end(&l.calendar);
    let can_choose = can(ApplicationEvent::SubmitChoices) && choices_close.is_none_or(|t| now < t);
    let can_book = can(ApplicationEvent::BookInterview);
    let (slots, held) = if can_book || app.status == ApplicationStatus::InterviewScheduled {
        free_slots(&mut conn, &app, now).await?
    } else {
        (Vec::new(), None)
    };
    let can_cancel_interview =
        can(ApplicationEvent::CancelInterview) && held.as_ref().is_some_and(|h| now <= h.starts_at - INTERVIEW_CUTOFF);
    let can_move_interview = can_cancel_interview && !slots.is_empty();
    let offer = if published || !mine {
        match store::offers(&mut conn, app.cohort_id).await?.into_iter().find(|o| o.application_id == id.as_uuid()) {
            Some(o) => Some(OfferView {
                title: store::challenges_of_cohort(&mut conn, app.cohort_id)
                    .await?
                    .into_iter()
                    .find(|c| c.id == o.challenge_id)
                    .map(|c| c.title)
                    .unwrap_or_default(),
                profile: o.profile,
                deadline: o.deadline,
                response: o.response,
            }),
            None => None,
        }
    } else {
        None
    };
    let can_answer_offer = can(ApplicationEvent::Accept) && offer.as_ref().is_some_and(|o| o.response.is_none() && now < o.deadline);
    Ok(ApplicationView {
        info_request: if can_provide_information { app.info_request.clone() } else { None },
        can_provide_information,
        reason: if matches!(app.status, ApplicationStatus::NotPreselected | ApplicationStatus::Ineligible) {
            app.status_reason.clone()
        } else {
            None
        },
        can_choose,
        choices_close: if can_choose { choices_close } else { None },
        slots: if can_book || can_move_interview { slots } else { Vec::new() },
        held,
        can_book,
        can_cancel_interview,
        can_move_interview,
        offer,
        can_answer_offer,
        suggestions,
        can_withdraw: policy::can_withdraw_application(actor, app.person_id, app.status, l.rules.choice_mode).is_ok(),
        options,
        salary: app.form.years_experience.and_then(|y| l.rules.salary_band(y)).cloned(),
        deadline: match l.phase {
            CallPhase::Open { closes } if can_edit => Some(closes),
            _ => None,
        },
        application: app,
        cohort: l.cohort,
        rules: l.rules,
        phase: l.phase,
        documents,
        can_edit,
        missing,
        mine,
    })
}

/// Starts the signed-in person's application to a cohort, or returns the one they already have.
pub async fn start(ctx: &Ctx, session: &Session, cohort_code: &str, meta: &RequestMeta) -> Result<ApplicationRow, AppError> {
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let cohort = w.cohort(cohort_code).await?;
    let rules = cohorte_store::call::current_rules(&mut w.conn(), cohort.cohort_id()).await?.ok_or(AppError::NotFound)?;
    if rules.rules.applications.is_none() {
        return Err(AppError::NotFound);
    }
    let phase = cohorte_store::call::calendar(&mut w.conn(), cohort.cohort_id()).await?.applications_phase(now);
    let me = policy::can_start_application(&session.actor, matches!(phase, CallPhase::Open { .. }))?;
    if let Some(existing) = store::application_of(&mut w.conn(), cohort.cohort_id(), me.id).await? {
        return Ok(existing);
    }
    let app = store::create_application(&mut w.conn(), &cohort, rules.id, me.id, now).await?;
    w.audit(me, AuditAction::ApplicationCreated, ("application", &app.reference), serde_json::json!({})).await?;
    w.commit().await?;
    Ok(app)
}

/// The outcome of a save (as for proposals).
pub use crate::proposals::Saved;

/// Saves a draft. `version` is the version the page loaded: a save from an older version is
/// refused, never merged.
pub async fn save(
    ctx: &Ctx,
    session: &Session,
    id: ApplicationId,
    version: i32,
    form: &ApplicationForm,
    meta: &RequestMeta,
) -> Result<Saved, AppError> {
    let (mut w, mut l) = editable(ctx, session, id, meta).await?;
    let saved = save_typed(&mut w, &mut l, version, form).await?;
    if let Saved::Saved(_) = saved {
        w.commit().await?;
    }
    Ok(saved)
}

/// Opens the unit of work on an application its reader may edit now (the candidate, a draft or
/// the information asked, the call open).
async fn editable<'m>(ctx: &Ctx, session: &Session, id: ApplicationId, meta: &'m RequestMeta) -> Result<(Uow<'m>, Loaded), AppError> {
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let l = load(&mut w.conn(), session, id, now).await?;
    policy::can_edit_application(&session.actor, l.app.person_id, l.app.status, l.open())?;
    Ok((w, l))
}

/// Attaches the CV or the portfolio (PDF, within the rules' size), replacing the previous one.
/// Its SHA-256 enters the submission's fingerprint; its name always ends in `.pdf`.
pub async fn upload(
    ctx: &Ctx,
    session: &Session,
    id: ApplicationId,
    key: &str,
    filename: &str,
    bytes: &[u8],
    meta: &RequestMeta,
) -> Result<DocumentRow, AppError> {
    let (mut w, l) = editable(ctx, session, id, meta).await?;
    attach(&mut w, &l, key, filename, bytes).await?;
    let doc = store::application_documents(&mut w.conn(), id).await?.into_iter().find(|d| d.key == key).ok_or(AppError::NotFound)?;
    w.commit().await?;
    Ok(doc)
}

/// Checks and stores a document of an application being edited, in the caller's transaction.
async fn attach(w: &mut Uow<'_>, l: &Loaded, key: &str, filename: &str, bytes: &[u8]) -> Result<(), AppError> {
    if key != CV && key != PORTFOLIO {
        return Err(FieldErrors::one("document", "invalid-choice").into());
    }
    let max = usize::try_from(l.rules.cv_max_mib).unwrap_or(1) * 1024 * 1024;
    cohorte_domain::proposal::check_pdf(bytes, max.min(crate::proposals::MAX_UPLOAD)).map_err(|code| FieldErrors::one("document", code))?;
    let sha = hex::encode(Sha256::digest(bytes));
    let name = document_filename(filename);
    let now = w.now;
    store::put_application_document(&mut w.conn(), l.app.id, key, &name, bytes, &sha, now).await?;
    Ok(())
}

/// Saves what the candidate typed in the caller's transaction (checked as a draft); the new
/// version, or the conflict when someone saved since.
async fn save_typed(w: &mut Uow<'_>, l: &mut Loaded, version: i32, form: &ApplicationForm) -> Result<Saved, AppError> {
    form.check_draft(&l.rules)?;
    let now = w.now;
    match store::save_application(&mut w.conn(), l.app.id, version, form, now).await? {
        Some(v) => {
            l.app.form = form.clone();
            l.app.version = v;
            Ok(Saved::Saved(v))
        }
        None => Ok(Saved::Conflict { current: l.app.version }),
    }
}

/// The documents form: what was typed is saved, then the document attached, in one transaction.
/// A refused document (an error on `document`) leaves the typed fields saved; a refused form
/// or a conflict writes nothing.
#[expect(clippy::too_many_arguments, reason = "the form and the file")]
pub async fn save_and_upload(
    ctx: &Ctx,
    session: &Session,
    id: ApplicationId,
    typed: Option<(i32, &ApplicationForm)>,
    key: &str,
    filename: &str,
    bytes: &[u8],
    meta: &RequestMeta,
) -> Result<Saved, AppError> {
    let (mut w, mut l) = editable(ctx, session, id, meta).await?;
    if let Some((version, form)) = typed
        && let Saved::Conflict { current } = save_typed(&mut w, &mut l, version, form).await?
    {
        return Ok(Saved::Conflict { current });
    }
    let attached = attach(&mut w, &l, key, filename, bytes).await;
    if matches!(attached, Ok(()) | Err(AppError::Invalid(_))) {
        w.commit().await?;
    }
    attached.map(|()| Saved::Saved(l.app.version))
}

/// A document's content, for the candidate and staff.
pub async fn document(ctx: &Ctx, session: &Session, id: ApplicationId, key: &str) -> Result<(DocumentRow, Vec<u8>), AppError> {
    let now = ctx.clock.now();
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let app = store::application(&mut conn, id).await?.ok_or(AppError::NotFound)?;
    if reviewer_of(&mut conn, session, &app).await?.is_none() {
        load(&mut conn, session, id, now).await?;
    }
    store::application_document(&mut conn, id, key).await?.ok_or(AppError::NotFound)
}

/// The reader as an assigned reviewer of the application, without a conflict (and not its
/// candidate); `None` otherwise.
async fn reviewer_of(
    conn: &mut Conn<'_>,
    session: &Session,
    app: &ApplicationRow,
) -> Result<Option<cohorte_domain::identity::SignedIn>, AppError> {
    let Some(me) = session.actor.person() else { return Ok(None) };
    let assigned = store::assigned_to(conn, app.cohort_id, me.id).await?.iter().any(|r| r.application_id == app.id.as_uuid());
    let conflicted = store::application_conflicts(conn, app.cohort_id).await?.contains(&(me.id.as_uuid(), app.id.as_uuid()));
    Ok((assigned && !conflicted && app.person_id != me.id).then(|| me.clone()))
}

/// What the candidate is given on submission (as for proposals: reference, server time,
/// fingerprint).
pub use crate::proposals::Receipt;

/// Submits the application by the server's clock: complete, before the deadline, from the version
/// the page showed. The acknowledgement mail is queued in the same transaction: once this answers,
/// both are durable.
pub async fn submit(ctx: &Ctx, session: &Session, id: ApplicationId, version: i32, meta: &RequestMeta) -> Result<Receipt, AppError> {
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let l = load(&mut w.conn(), session, id, now).await?;
    if l.app.version != version {
        return Err(FieldErrors::one("form", "version-conflict").into());
    }
    let receipt = submit_in(ctx, &mut w, session, &l).await?;
    w.commit().await?;
    Ok(receipt)
}

/// The submit button: what was typed is saved, then the application submitted, in one
/// transaction. When submission is refused (an incomplete form, the deadline) the typed fields
/// stay saved; a refused form or a conflict writes nothing.
pub async fn save_and_submit(
    ctx: &Ctx,
    session: &Session,
    id: ApplicationId,
    version: i32,
    form: &ApplicationForm,
    meta: &RequestMeta,
) -> Result<Result<Receipt, Saved>, AppError> {
    let (mut w, mut l) = editable(ctx, session, id, meta).await?;
    if let Saved::Conflict { current } = save_typed(&mut w, &mut l, version, form).await? {
        return Ok(Err(Saved::Conflict { current }));
    }
    let submitted = submit_in(ctx, &mut w, session, &l).await;
    if matches!(submitted, Ok(_) | Err(AppError::Invalid(_))) {
        w.commit().await?;
    }
    submitted.map(Ok)
}

/// Submits a loaded application by the server's clock, in the caller's transaction.
async fn submit_in(ctx: &Ctx, w: &mut Uow<'_>, session: &Session, l: &Loaded) -> Result<Receipt, AppError> {
    let now = w.now;
    let id = l.app.id;
    let app = &l.app;
    let mine = session.actor.person().is_some_and(|p| p.id == app.person_id);
    if mine && app.status == ApplicationStatus::Draft && !l.open() {
        return Err(FieldErrors::one("form", "deadline-passed").into());
    }
    let me = policy::can_edit_application(&session.actor, app.person_id, app.status, l.open())?;
    let docs = store::application_documents(&mut w.conn(), id).await?;
    app.form.check_submission(&l.rules, docs.iter().any(|d| d.key == CV))?;
    let to = app.status.apply(ApplicationEvent::Submit, l.rules.choice_mode).map_err(|_| AppError::Denied(Denied::Forbidden))?;
    let fingerprints: BTreeMap<String, String> = docs.iter().map(|d| (d.key.clone(), d.sha256.clone())).collect();
    let at = now.format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
    let hash = submission_hash(&app.form, &fingerprints, &at);
    let change = ApplicationChange { submission: Some((now, hash.clone())), ..ApplicationChange::default() };
    if !store::set_application_status(&mut w.conn(), id, app.status, to, &change, now).await? {
        return Err(FieldErrors::one("form", "version-conflict").into());
    }
    // The name given in the application becomes the account's name (shown to staff and, once a
    // fellow's team is announced, on the challenge's page).
    if me.name != app.form.name.trim() {
        cohorte_store::identity::rename_person(&mut w.conn(), app.person_id, app.form.name.trim()).await?;
    }
    let when = cohorte_domain::paris::label_seconds(now);
    let url = format!("{}/applications/{}", ctx.settings.base_url, app.id);
    let next = match l.rules.choice_mode {
        ChoiceMode::AtApplication => "mail-application-next",
        ChoiceMode::AfterPreselection => "mail-application-next-choose",
    };
    notify::person(&mut w.conn(), app.person_id, Some(&format!("application-submitted-{}", app.id)), now, |lang| Message {
        subject: i18n::ta(lang, "mail-application-subject", &[("reference", i18n::Arg::Str(&app.reference))]),
        paragraphs: vec![
            i18n::ta(lang, "mail-application-intro", &[("cohort", i18n::Arg::Str(l.cohort.title(lang)))]),
            i18n::ta(lang, "mail-submitted-when", &[("when", i18n::Arg::Str(&when)), ("utc", i18n::Arg::Str(&at))]),
            i18n::ta(lang, "mail-submitted-hash", &[("hash", i18n::Arg::Str(&hash))]),
            i18n::t(lang, next),
        ],
        url: Some(url.clone()),
        attachments: Vec::new(),
    })
    .await?;
    w.audit(
        me,
        AuditAction::ApplicationSubmitted,
        ("application", &app.reference),
        serde_json::json!({"submitted_at": at, "hash": hash, "documents": fingerprints}),
    )
    .await?;
    Ok(Receipt { reference: app.reference.clone(), submitted_at: now, hash })
}

/// Withdraws an application (the candidate, until they accept an offer).
pub async fn withdraw(ctx: &Ctx, session: &Session, id: ApplicationId, meta: &RequestMeta) -> Result<(), AppError> {
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let l = load(&mut w.conn(), session, id, now).await?;
    let mode = l.rules.choice_mode;
    let me = policy::can_withdraw_application(&session.actor, l.app.person_id, l.app.status, mode)?;
    let to = l.app.status.apply(ApplicationEvent::Withdraw, mode).map_err(|_| AppError::Denied(Denied::Forbidden))?;
    if !store::set_application_status(&mut w.conn(), id, l.app.status, to, &ApplicationChange::default(), now).await? {
        return Err(AppError::conflict("application-changed"));
    }
    w.audit(me, AuditAction::ApplicationWithdrawn, ("application", &l.app.reference), serde_json::json!({})).await?;
    w.commit().await
}

/// Deletes a draft (the candidate; nothing was submitted).
pub async fn delete_draft(ctx: &Ctx, session: &Session, id: ApplicationId, meta: &RequestMeta) -> Result<(), AppError> {
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let l = load(&mut w.conn(), session, id, now).await?;
    // Deleting needs no open call: a draft left after the deadline can still be removed.
    let me = policy::can_edit_application(&session.actor, l.app.person_id, l.app.status, true)?;
    if !store::delete_application_draft(&mut w.conn(), id).await? {
        return Err(AppError::conflict("application-changed"));
    }
    w.audit(me, AuditAction::ApplicationDeleted, ("application", &l.app.reference), serde_json::json!({})).await?;
    w.commit().await
}

/// The signed-in person's applications, newest first (their status as they may see it).
pub async fn mine(ctx: &Ctx, session: &Session) -> Result<Vec<(ApplicationRow, CohortAdminRow)>, AppError> {
    let me = policy::can_use_account(&session.actor)?;
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let mut out = Vec::new();
    for mut r in store::applications_of_person(&mut conn, me.id).await? {
        if store::matching_published(&mut conn, r.cohort_id).await?.is_none() {
            r.status = r.status.as_seen_before_publication();
        }
        let cohort = cohorte_store::call::cohort(&mut conn, r.cohort_id).await?.ok_or(AppError::NotFound)?;
        out.push((r, cohort));
    }
    Ok(out)
}

/// What an automatic assignment did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssignmentReport {
    /// Applications given reviewers.
    pub applications: usize,
    /// Reviewer–application pairs made.
    pub pairs: usize,
    /// The references of applications that got fewer reviewers than the rules ask (too few
    /// reviewers without a conflict).
    pub short: Vec<String>,
}

/// Checks scores on the rules' grid (every criterion, nothing else, within the scale) and a
/// comment's length; returns the total.
fn checked_grid(rules: &ApplicationRules, scores: &cohorte_domain::jury::Scores, comment: &str) -> Result<u32, AppError> {
    let complete =
        rules.criteria.iter().all(|c| scores.contains_key(&c.key)) && scores.keys().all(|k| rules.criteria.iter().any(|c| &c.key == k));
    if !complete {
        return Err(FieldErrors::one("scores", "scores-incomplete").into());
    }
    let Some(total) = rules.total(scores) else { return Err(FieldErrors::one("scores", "score-range").into()) };
    if comment.chars().count() > 3_000 || cohorte_domain::text::has_forbidden_chars(&comment.replace(['\n', '\r'], " ")) {
        return Err(FieldErrors::one("comment", "too-long").into());
    }
    Ok(total)
}

/// Staff assign reviewers to the submitted applications that have none: the rules' number per
/// application, with loads as even as conflicts allow (`assignment::Problem`), never to the
/// candidate themself or to someone who declared a conflict; a challenge's mentors (when the rules
/// let them pre-select) only to candidates who chose their challenge, and before other reviewers.
/// Each reviewer's reading order is drawn once (a fingerprint of reviewer and application), and
/// each application moves to pre-selection.
pub async fn assign_reviewers(ctx: &Ctx, session: &Session, code: &str, meta: &RequestMeta) -> Result<AssignmentReport, AppError> {
    use cohorte_domain::assignment::Problem;
    use cohorte_domain::proposal::AssignedBy;
    let me = policy::can_run_calls(&session.actor)?;
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let cohort = w.cohort(code).await?;
    let co = cohort.cohort_id();
    let assigned: std::collections::BTreeSet<uuid::Uuid> =
        store::reviewers_of_cohort(&mut w.conn(), co).await?.iter().map(|r| r.application_id).collect();
    let apps: Vec<ApplicationRow> = store::applications_of_cohort(&mut w.conn(), co)
        .await?
        .into_iter()
        .filter(|a| a.status == ApplicationStatus::Submitted && !assigned.contains(&a.id.as_uuid()))
        .collect();
    let mut rules_of = BTreeMap::new();
    for a in &apps {
        if let std::collections::btree_map::Entry::Vacant(e) = rules_of.entry(a.rule_set_id) {
            let r = cohorte_store::call::rules(&mut w.conn(), a.rule_set_id).await?.and_then(|r| r.rules.applications);
            e.insert(r.ok_or(AppError::NotFound)?);
        }
    }
    let Some(rules) = cohorte_store::call::current_rules(&mut w.conn(), co).await?.and_then(|r| r.rules.applications) else {
        return Err(AppError::NotFound);
    };
    // Reviewers: each person once, with the challenges they mentor.
    let mut mentors: BTreeMap<uuid::Uuid, Vec<String>> = BTreeMap::new();
    let mut preselectors = std::collections::BTreeSet::new();
    for r in store::possible_reviewers(&mut w.conn(), co).await? {
        match r.challenge_id {
            Some(ch) if rules.mentors_preselect => mentors.entry(r.person_id).or_default().push(ch.to_string()),
            Some(_) => {}
            None => {
                preselectors.insert(r.person_id);
            }
        }
    }
    let reviewers: Vec<uuid::Uuid> =
        preselectors.iter().chain(mentors.keys()).copied().collect::<std::collections::BTreeSet<_>>().into_iter().collect();
    let conflicts: std::collections::BTreeSet<(uuid::Uuid, uuid::Uuid)> =
        store::application_conflicts(&mut w.conn(), co).await?.into_iter().collect();
    let cost = apps
        .iter()
        .map(|a| {
            reviewers
                .iter()
                .map(|r| {
                    if *r == a.person_id.as_uuid() || conflicts.contains(&(*r, a.id.as_uuid())) {
                        return None;
                    }
                    let mentor_here = mentors.get(r).is_some_and(|chs| a.form.choices.iter().any(|c| chs.contains(&c.challenge)));
                    match (mentor_here, preselectors.contains(r)) {
                        (true, _) => Some(0),
                        (false, true) => Some(10),
                        (false, false) => None,
                    }
                })
                .collect()
        })
        .collect();
    let problem = Problem {
        items: apps.len(),
        reviewers: reviewers.len(),
        per_item: u32::from(rules.reviewers_per_application),
        max_load: None,
        cost,
    };
    let solution = problem.solve();
    let mut pairs = 0;
    for (a, chosen) in apps.iter().zip(&solution.reviewers) {
        for j in chosen {
            let reviewer = reviewers[*j as usize];
            // The reading order: a fingerprint of reviewer and application, drawn once.
            let digest = Sha256::digest(format!("{reviewer}/{}", a.id).as_bytes());
            let order = i32::from_be_bytes([digest[0] & 0x7f, digest[1], digest[2], digest[3]]);
            store::assign_reviewer(&mut w.conn(), a.id, cohorte_domain::ids::PersonId::from_uuid(reviewer), AssignedBy::Auto, order, now)
                .await?;
            pairs += 1;
        }
        if !chosen.is_empty() {
            let mode = rules_of.get(&a.rule_set_id).map_or(rules.choice_mode, |r| r.choice_mode);
            let to = a.status.apply(ApplicationEvent::StartReview, mode).map_err(|_| AppError::conflict("application-changed"))?;
            if !store::set_application_status(&mut w.conn(), a.id, a.status, to, &ApplicationChange::default(), now).await? {
                return Err(AppError::conflict("application-changed"));
            }
        }
    }
    let short: Vec<String> = solution.short.iter().map(|i| apps[*i as usize].reference.clone()).collect();
    let report = AssignmentReport { applications: apps.len(), pairs, short };
    w.audit(
        me,
        AuditAction::ReviewersAssigned,
        ("cohort", code),
        serde_json::json!({"applications": report.applications, "pairs": report.pairs, "short": report.short}),
    )
    .await?;
    w.commit().await?;
    Ok(report)
}

/// An application on a reviewer's list, in their reading order.
#[derive(Debug, Clone)]
pub struct ToReview {
    /// The application (what a reviewer may read: the form and its documents' names).
    pub application: ApplicationRow,
    /// The reviewer's own scores, once given.
    pub mine: Option<cohorte_store::applications::ApplicationReviewRow>,
    /// The other reviewers' scores: shown only once the reviewer's own are in (blind review).
    pub others: Vec<cohorte_store::applications::ApplicationReviewRow>,
    /// Whether the reviewer may score it now.
    pub can_score: bool,
}

/// A reviewer's applications in a cohort, in their own reading order (drawn once at assignment).
pub async fn to_review(ctx: &Ctx, session: &Session, code: &str) -> Result<Vec<ToReview>, AppError> {
    let me = policy::can_use_account(&session.actor)?;
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let cohort = crate::uow::cohort(&mut conn, code).await?;
    let co = cohort.cohort_id();
    let mine = store::assigned_to(&mut conn, co, me.id).await?;
    let reviews = store::application_reviews(&mut conn, co).await?;
    let conflicts = store::application_conflicts(&mut conn, co).await?;
    let mut out = Vec::new();
    for r in mine {
        if conflicts.contains(&(me.id.as_uuid(), r.application_id)) {
            continue;
        }
        let Some(app) = store::application(&mut conn, ApplicationId::from_uuid(r.application_id)).await? else { continue };
        let own = reviews.iter().find(|x| x.application_id == r.application_id && x.reviewer_id == me.id.as_uuid()).cloned();
        let others = if own.is_some() {
            reviews.iter().filter(|x| x.application_id == r.application_id && x.reviewer_id != me.id.as_uuid()).cloned().collect()
        } else {
            Vec::new()
        };
        let can_score = matches!(app.status, ApplicationStatus::InPreselection | ApplicationStatus::InfoRequested);
        out.push(ToReview { application: app, mine: own, others, can_score });
    }
    Ok(out)
}

/// A reviewer scores an application on the grid (every criterion, within the scale) with a
/// comment; only an assigned reviewer without a conflict, while pre-selection runs. Anyone else is
/// told the application does not exist.
pub async fn review(
    ctx: &Ctx,
    session: &Session,
    id: ApplicationId,
    scores: &cohorte_domain::jury::Scores,
    comment: &str,
    meta: &RequestMeta,
) -> Result<(), AppError> {
    policy::can_use_account(&session.actor)?;
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let app = store::application(&mut w.conn(), id).await?.ok_or(AppError::NotFound)?;
    let me = reviewer_of(&mut w.conn(), session, &app).await?.ok_or(AppError::NotFound)?;
    if !matches!(app.status, ApplicationStatus::InPreselection | ApplicationStatus::InfoRequested) {
        return Err(AppError::Denied(Denied::Forbidden));
    }
    let rules =
        cohorte_store::call::rules(&mut w.conn(), app.rule_set_id).await?.and_then(|r| r.rules.applications).ok_or(AppError::NotFound)?;
    checked_grid(&rules, scores, comment)?;
    store::save_application_review(&mut w.conn(), id, me.id, scores, comment.trim(), now).await?;
    w.audit(&me, AuditAction::ApplicationReviewed, ("application", &app.reference), serde_json::json!({"total": rules.total(scores)}))
        .await?;
    w.commit().await
}

/// One application in the consolidation: every reviewer's raw total and z-score, the summary and
/// the disagreement flag.
#[derive(Debug, Clone)]
pub struct ConsolidatedApplication {
    /// The application.
    pub application: ApplicationRow,
    /// Per reviewer: (reviewer, raw total, z-score when the reviewer has a spread).
    pub scores: Vec<(uuid::Uuid, u32, Option<f64>)>,
    /// Means, ranges and the disagreement flag.
    pub summary: Option<cohorte_domain::review::Summary>,
}

/// The consolidation of a cohort's reviews (staff and the validator): raw totals and z-scores
/// within each reviewer (the method is [`cohorte_domain::review::METHOD`]), disagreements flagged
/// (6 points apart on /20, or z-scores more than 1.5 apart); best z-score mean first, then by raw
/// mean those whose reviewers have no spread yet, then the unscored.
pub async fn consolidation(ctx: &Ctx, session: &Session, code: &str) -> Result<Vec<ConsolidatedApplication>, AppError> {
    use cohorte_domain::review::{Score, normalise, summarise};
    policy::can_read_decisions(&session.actor)?;
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let cohort = crate::uow::cohort(&mut conn, code).await?;
    let co = cohort.cohort_id();
    let apps: Vec<ApplicationRow> =
        store::applications_of_cohort(&mut conn, co).await?.into_iter().filter(|a| a.submitted_at.is_some()).collect();
    let reviews = store::application_reviews(&mut conn, co).await?;
    let mut rules_of = BTreeMap::new();
    for a in &apps {
        if let std::collections::btree_map::Entry::Vacant(e) = rules_of.entry(a.rule_set_id) {
            let r = cohorte_store::call::rules(&mut conn, a.rule_set_id).await?.and_then(|r| r.rules.applications);
            e.insert(r.ok_or(AppError::NotFound)?);
        }
    }
    let reviewers: Vec<uuid::Uuid> = reviews.iter().map(|r| r.reviewer_id).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
    let index = |r: uuid::Uuid| reviewers.iter().position(|x| *x == r).unwrap_or(0) as u32;
    let mut scores = Vec::new();
    for (i, a) in apps.iter().enumerate() {
        for r in reviews.iter().filter(|r| r.application_id == a.id.as_uuid()) {
            if let Some(total) = rules_of.get(&a.rule_set_id).and_then(|rules| rules.total(&r.scores)) {
                scores.push(Score { reviewer: index(r.reviewer_id), item: i as u32, total: f64::from(total) });
            }
        }
    }
    let normalised = normalise(&scores);
    let summaries = summarise(&normalised, 6.0, 1.5);
    let mut out: Vec<ConsolidatedApplication> = apps
        .into_iter()
        .enumerate()
        .map(|(i, a)| ConsolidatedApplication {
            scores: normalised
                .iter()
                .filter(|n| n.score.item == i as u32)
                .map(|n| (reviewers[n.score.reviewer as usize], n.score.total as u32, n.z))
                .collect(),
            summary: summaries.iter().find(|s| s.item == i as u32).cloned(),
            application: a,
        })
        .collect();
    // Normalised first (best z-score mean first), then those without a z-score by raw mean, then
    // the unscored.
    let key = |c: &ConsolidatedApplication| match &c.summary {
        Some(s) => match s.z_mean {
            Some(z) => (2, z),
            None => (1, s.raw_mean),
        },
        None => (0, 0.0),
    };
    out.sort_by(|x, y| {
        let (a, b) = (key(x), key(y));
        b.0.cmp(&a.0).then(b.1.total_cmp(&a.1))
    });
    Ok(out)
}

/// What staff decide on an application during pre-selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PreselectionStep {
    /// Ask the candidate for more information (a reason says what).
    RequestInformation,
    /// Pre-select: invited to choose (two-step mode) or to an interview.
    Preselect,
    /// Not pre-selected (a reason is given to the candidate).
    Refuse,
    /// Not eligible (a reason is given to the candidate).
    Ineligible,
}

/// Staff take a pre-selection step; requests and refusals need a reason, mailed to the candidate
/// in their language with the step (committed with it).
pub async fn preselection_step(
    ctx: &Ctx,
    session: &Session,
    id: ApplicationId,
    step: PreselectionStep,
    reason: &str,
    meta: &RequestMeta,
) -> Result<ApplicationStatus, AppError> {
    let me = policy::can_run_calls(&session.actor)?;
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let l = load(&mut w.conn(), session, id, now).await?;
    let reason = reason.trim();
    let needs_reason = step != PreselectionStep::Preselect;
    if needs_reason && reason.is_empty() {
        return Err(FieldErrors::one("reason", "required").into());
    }
    if reason.chars().count() > 2_000 {
        return Err(FieldErrors::one("reason", "too-long").into());
    }
    let event = match step {
        PreselectionStep::RequestInformation => ApplicationEvent::RequestInformation,
        PreselectionStep::Preselect => ApplicationEvent::Preselect,
        PreselectionStep::Refuse => ApplicationEvent::Refuse,
        PreselectionStep::Ineligible => ApplicationEvent::MarkIneligible,
    };
    let to = l.app.status.apply(event, l.rules.choice_mode).map_err(|_| FieldErrors::one("step", "invalid-transition"))?;
    let change = match step {
        PreselectionStep::RequestInformation => ApplicationChange { info_request: Some(reason.to_owned()), ..ApplicationChange::default() },
        PreselectionStep::Preselect => ApplicationChange::default(),
        PreselectionStep::Refuse | PreselectionStep::Ineligible => {
            ApplicationChange { reason: Some(reason.to_owned()), ..ApplicationChange::default() }
        }
    };
    if !store::set_application_status(&mut w.conn(), id, l.app.status, to, &change, now).await? {
        return Err(AppError::conflict("application-changed"));
    }
    let key = match to {
        ApplicationStatus::InfoRequested => "mail-application-info",
        ApplicationStatus::Preselected => match l.rules.choice_mode {
            ChoiceMode::AfterPreselection => "mail-application-preselected-choose",
            ChoiceMode::AtApplication => "mail-application-preselected",
        },
        _ => "mail-application-refused",
    };
    let url = format!("{}/applications/{}", ctx.settings.base_url, id);
    let reference = l.app.reference.clone();
    notify::person(&mut w.conn(), l.app.person_id, Some(&format!("application-{}-{}", to.as_str(), id)), now, |lang| {
        let mut paragraphs = vec![i18n::ta(lang, key, &[("cohort", i18n::Arg::Str(l.cohort.title(lang)))])];
        if !reason.is_empty() {
            paragraphs.push(reason.to_owned());
        }
        update_mail(lang, &reference, &url, paragraphs)
    })
    .await?;
    w.audit(
        me,
        AuditAction::ApplicationStatusChanged,
        ("application", &l.app.reference),
        serde_json::json!({"from": l.app.status.as_str(), "to": to.as_str()}),
    )
    .await?;
    w.commit().await?;
    Ok(to)
}

/// The candidate answers a request for information: the form's texts and links may change, then
/// it goes back to the reviewers.
pub async fn provide_information(
    ctx: &Ctx,
    session: &Session,
    id: ApplicationId,
    form: &ApplicationForm,
    meta: &RequestMeta,
) -> Result<(), AppError> {
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let l = load(&mut w.conn(), session, id, now).await?;
    if session.actor.person().is_none_or(|p| p.id != l.app.person_id) {
        return Err(AppError::NotFound);
    }
    let to =
        l.app.status.apply(ApplicationEvent::ProvideInformation, l.rules.choice_mode).map_err(|_| AppError::Denied(Denied::Forbidden))?;
    // Only what information may add: the texts and the links; the rest stays as submitted.
    let mut merged = l.app.form.clone();
    merged.texts = form.texts.clone();
    merged.links = form.links.clone();
    merged.check_submission(&l.rules, true)?;
    if store::save_application(&mut w.conn(), id, l.app.version, &merged, now).await?.is_none() {
        return Err(AppError::conflict("application-changed"));
    }
    if !store::set_application_status(&mut w.conn(), id, l.app.status, to, &ApplicationChange::default(), now).await? {
        return Err(AppError::conflict("application-changed"));
    }
    let me = policy::can_use_account(&session.actor)?;
    w.audit(
        me,
        AuditAction::ApplicationStatusChanged,
        ("application", &l.app.reference),
        serde_json::json!({"from": l.app.status.as_str(), "to": to.as_str()}),
    )
    .await?;
    w.commit().await
}

/// In the two-step mode, a pre-selected candidate ranks their choices (checked against the
/// rules), while the choice window is open (until its end, or the interviews if it has none).
pub async fn choose(
    ctx: &Ctx,
    session: &Session,
    id: ApplicationId,
    choices: &[cohorte_domain::application::Choice],
    meta: &RequestMeta,
) -> Result<(), AppError> {
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let l = load(&mut w.conn(), session, id, now).await?;
    let me = policy::can_use_account(&session.actor)?;
    if me.id != l.app.person_id {
        return Err(AppError::NotFound);
    }
    if l.rules.choice_mode != ChoiceMode::AfterPreselection {
        return Err(AppError::Denied(Denied::Forbidden));
    }
    let closes = choice_window_end(&l.calendar);
    if closes.is_some_and(|t| now >= t) {
        return Err(FieldErrors::one("choices", "deadline-passed").into());
    }
    let to = l.app.status.apply(ApplicationEvent::SubmitChoices, l.rules.choice_mode).map_err(|_| AppError::Denied(Denied::Forbidden))?;
    let mut form = l.app.form.clone();
    form.choices = choices.to_vec();
    form.check_choices_step(&l.rules)?;
    if store::save_application(&mut w.conn(), id, l.app.version, &form, now).await?.is_none() {
        return Err(AppError::conflict("application-changed"));
    }
    if !store::set_application_status(&mut w.conn(), id, l.app.status, to, &ApplicationChange::default(), now).await? {
        return Err(AppError::conflict("application-changed"));
    }
    w.audit(
        me,
        AuditAction::ApplicationStatusChanged,
        ("application", &l.app.reference),
        serde_json::json!({"to": to.as_str(), "choices": choices.len()}),
    )
    .await?;
    w.commit().await
}

/// How long before its start a booked interview can still be moved or cancelled.
pub const INTERVIEW_CUTOFF: time::Duration = time::Duration::hours(24);

/// Staff open an interview slot (Paris time), for a challenge of the cohort or any.
pub async fn open_slot(
    ctx: &Ctx,
    session: &Session,
    code: &str,
    slot: &cohorte_store::applications::NewSlot,
    meta: &RequestMeta,
) -> Result<uuid::Uuid, AppError> {
    let me = policy::can_run_calls(&session.actor)?;
    if !(10..=240).contains(&slot.duration_minutes) {
        return Err(FieldErrors::one("duration", "duration-range").into());
    }
    if slot.location.trim().is_empty() || slot.location.chars().count() > 300 {
        return Err(FieldErrors::one("location", "required").into());
    }
    if slot.mode == cohorte_domain::proposal::HearingMode::Video && !slot.location.starts_with("https://") {
        return Err(FieldErrors::one("location", "https-link").into());
    }
    let mut w = Uow::begin(ctx, meta).await?;
    let cohort = w.cohort(code).await?;
    if let Some(ch) = slot.challenge {
        let ours = store::challenges_of_cohort(&mut w.conn(), cohort.cohort_id()).await?.iter().any(|c| c.id == ch);
        if !ours {
            return Err(FieldErrors::one("challenge", "unknown-challenge").into());
        }
    }
    let now = w.now;
    let id = store::create_slot(&mut w.conn(), cohort.cohort_id(), slot, now).await?;
    w.audit(me, AuditAction::InterviewSlotOpened, ("cohort", code), serde_json::json!({"slot": id.to_string()})).await?;
    w.commit().await?;
    Ok(id)
}

/// The slots an invited candidate may book: free, not yet started, for a challenge they chose
/// (or for any), earliest first; and the one they hold.
pub async fn slots_for(
    ctx: &Ctx,
    session: &Session,
    id: ApplicationId,
) -> Result<(Vec<cohorte_store::applications::SlotRow>, Option<cohorte_store::applications::SlotRow>), AppError> {
    let now = ctx.clock.now();
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let l = load(&mut conn, session, id, now).await?;
    free_slots(&mut conn, &l.app, now).await
}

/// The free slots an application may book (not started, for a challenge it chose or for any),
/// and the one it holds.
async fn free_slots(
    conn: &mut Conn<'_>,
    app: &ApplicationRow,
    now: OffsetDateTime,
) -> Result<(Vec<cohorte_store::applications::SlotRow>, Option<cohorte_store::applications::SlotRow>), AppError> {
    let all = store::slots(conn, app.cohort_id).await?;
    let held = all.iter().find(|s| s.application_id == Some(app.id.as_uuid())).cloned();
    let chosen: Vec<String> = app.form.choices.iter().map(|c| c.challenge.clone()).collect();
    let free = all
        .into_iter()
        .filter(|s| s.application_id.is_none() && s.starts_at > now)
        .filter(|s| s.challenge_id.is_none_or(|ch| chosen.contains(&ch.to_string())))
        .collect();
    Ok((free, held))
}

/// When the two-step mode's choice window closes: its end, or the interviews' start if it has
/// none.
fn choice_window_end(calendar: &cohorte_domain::cohort::Calendar) -> Option<OffsetDateTime> {
    use cohorte_domain::cohort::MilestoneKind;
    calendar
        .get(MilestoneKind::ProjectChoiceWindow)
        .and_then(|m| m.ends_at)
        .or_else(|| calendar.get(MilestoneKind::Interviews).map(|m| m.starts_at))
}

/// The candidate books a slot (invited: pre-selected, or choices made in the two-step mode).
/// Two candidates racing for the last slot: exactly one gets it, the other is told it is taken.
/// The invitation (ICS) is mailed with the booking.
pub async fn book(ctx: &Ctx, session: &Session, id: ApplicationId, slot: uuid::Uuid, meta: &RequestMeta) -> Result<(), AppError> {
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let l = load(&mut w.conn(), session, id, now).await?;
    let me = policy::can_use_account(&session.actor)?.clone();
    if me.id != l.app.person_id {
        return Err(AppError::NotFound);
    }
    let to = l.app.status.apply(ApplicationEvent::BookInterview, l.rules.choice_mode).map_err(|_| AppError::Denied(Denied::Forbidden))?;
    let chosen: Vec<String> = l.app.form.choices.iter().map(|c| c.challenge.clone()).collect();
    let s = store::slots(&mut w.conn(), l.app.cohort_id)
        .await?
        .into_iter()
        .find(|s| s.id == slot && s.starts_at > now && s.challenge_id.is_none_or(|ch| chosen.contains(&ch.to_string())))
        .ok_or(FieldErrors::one("slot", "slot-taken"))?;
    if !store::book_slot(&mut w.conn(), slot, id, now).await? {
        return Err(FieldErrors::one("slot", "slot-taken").into());
    }
    if !store::set_application_status(&mut w.conn(), id, l.app.status, to, &ApplicationChange::default(), now).await? {
        return Err(AppError::conflict("application-changed"));
    }
    send_invitation(ctx, &mut w, &l, &s, false).await?;
    schedule_reminder(&mut w, id, &s).await?;
    w.audit(&me, AuditAction::InterviewBooked, ("application", &l.app.reference), serde_json::json!({"slot": slot.to_string()})).await?;
    w.commit().await
}

/// The candidate cancels their interview, until [`INTERVIEW_CUTOFF`] before it; the slot is free
/// again and the invitation is cancelled in their calendar.
pub async fn cancel_interview(ctx: &Ctx, session: &Session, id: ApplicationId, meta: &RequestMeta) -> Result<(), AppError> {
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let l = load(&mut w.conn(), session, id, now).await?;
    let me = policy::can_use_account(&session.actor)?.clone();
    if me.id != l.app.person_id {
        return Err(AppError::NotFound);
    }
    let to = l.app.status.apply(ApplicationEvent::CancelInterview, l.rules.choice_mode).map_err(|_| AppError::Denied(Denied::Forbidden))?;
    let Some(held) = store::slots(&mut w.conn(), l.app.cohort_id).await?.into_iter().find(|s| s.application_id == Some(id.as_uuid()))
    else {
        return Err(AppError::Denied(Denied::Forbidden));
    };
    if now > held.starts_at - INTERVIEW_CUTOFF {
        return Err(FieldErrors::one("slot", "too-late-to-cancel").into());
    }
    store::cancel_booking(&mut w.conn(), id).await?;
    if !store::set_application_status(&mut w.conn(), id, l.app.status, to, &ApplicationChange::default(), now).await? {
        return Err(AppError::conflict("application-changed"));
    }
    let cancelled = cohorte_store::applications::SlotRow { sequence: held.sequence + 1, ..held };
    send_invitation(ctx, &mut w, &l, &cancelled, true).await?;
    w.audit(&me, AuditAction::InterviewCancelled, ("application", &l.app.reference), serde_json::json!({})).await?;
    w.commit().await
}

/// The candidate moves their interview to another free slot, until [`INTERVIEW_CUTOFF`] before
/// the one they hold: both change in one transaction (if the new slot was just taken, nothing
/// moves), the old invitation is cancelled in their calendar and the new one sent.
pub async fn move_interview(ctx: &Ctx, session: &Session, id: ApplicationId, slot: uuid::Uuid, meta: &RequestMeta) -> Result<(), AppError> {
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let l = load(&mut w.conn(), session, id, now).await?;
    let me = policy::can_use_account(&session.actor)?.clone();
    if me.id != l.app.person_id {
        return Err(AppError::NotFound);
    }
    // Moving is cancelling and booking again: both must be allowed from here.
    let freed =
        l.app.status.apply(ApplicationEvent::CancelInterview, l.rules.choice_mode).map_err(|_| AppError::Denied(Denied::Forbidden))?;
    freed.apply(ApplicationEvent::BookInterview, l.rules.choice_mode).map_err(|_| AppError::Denied(Denied::Forbidden))?;
    let (free, held) = free_slots(&mut w.conn(), &l.app, now).await?;
    let Some(held) = held else { return Err(AppError::Denied(Denied::Forbidden)) };
    if now > held.starts_at - INTERVIEW_CUTOFF {
        return Err(FieldErrors::one("slot", "too-late-to-cancel").into());
    }
    let new = free.into_iter().find(|s| s.id == slot).ok_or(FieldErrors::one("slot", "slot-taken"))?;
    store::cancel_booking(&mut w.conn(), id).await?;
    if !store::book_slot(&mut w.conn(), slot, id, now).await? {
        return Err(FieldErrors::one("slot", "slot-taken").into());
    }
    let cancelled = cohorte_store::applications::SlotRow { sequence: held.sequence + 1, ..held.clone() };
    send_invitation(ctx, &mut w, &l, &cancelled, true).await?;
    send_invitation(ctx, &mut w, &l, &new, false).await?;
    schedule_reminder(&mut w, id, &new).await?;
    w.audit(
        &me,
        AuditAction::InterviewMoved,
        ("application", &l.app.reference),
        serde_json::json!({"from": cohorte_domain::paris::label(held.starts_at), "to": cohorte_domain::paris::label(new.starts_at)}),
    )
    .await?;
    w.commit().await
}

/// How long before an interview its reminder is mailed.
pub const INTERVIEW_REMINDER: time::Duration = time::Duration::hours(48);

/// Queues the reminder of a booked interview ([`INTERVIEW_REMINDER`] before it, or at once if the
/// booking is later than that and the interview more than an hour away).
async fn schedule_reminder(w: &mut Uow<'_>, id: ApplicationId, s: &cohorte_store::applications::SlotRow) -> Result<(), AppError> {
    let now = w.now;
    let at = s.starts_at - INTERVIEW_REMINDER;
    if s.starts_at - now <= time::Duration::hours(1) {
        return Ok(());
    }
    let job = crate::jobs::Job::InterviewReminder { application: id.to_string(), slot: s.id.to_string() };
    let key = format!("interview-reminder-{id}-{}", s.id);
    crate::jobs::enqueue_at(&mut w.conn(), &job, Some(&key), at.max(now), now).await?;
    Ok(())
}

/// The worker mails an interview's reminder, if the application still holds that slot and the
/// interview has not begun (a cancelled or moved booking is not reminded). Returns whether a
/// mail was queued.
pub async fn remind_interview(ctx: &Ctx, id: ApplicationId, slot: uuid::Uuid) -> Result<bool, AppError> {
    let system = RequestMeta::default();
    let mut w = Uow::begin(ctx, &system).await?;
    let now = w.now;
    let Some(app) = store::application(&mut w.conn(), id).await? else { return Ok(false) };
    let held =
        store::slots(&mut w.conn(), app.cohort_id).await?.into_iter().find(|s| s.id == slot && s.application_id == Some(id.as_uuid()));
    let Some(s) = held.filter(|s| app.status == ApplicationStatus::InterviewScheduled && s.starts_at > now) else {
        return Ok(false);
    };
    let when = cohorte_domain::paris::label(s.starts_at);
    let url = format!("{}/applications/{}", ctx.settings.base_url, app.id);
    let (location, reference) = (s.location.clone(), app.reference.clone());
    let dedup = format!("interview-reminder-mail-{id}-{}-{}", s.id, s.sequence);
    let queued = notify::person(&mut w.conn(), app.person_id, Some(&dedup), now, |lang| {
        let text = i18n::ta(lang, "mail-interview-reminder", &[("when", i18n::Arg::Str(&when)), ("where", i18n::Arg::Str(&location))]);
        update_mail(lang, &reference, &url, vec![text])
    })
    .await?;
    w.commit().await?;
    Ok(queued)
}

/// A mail about an application's next step: its reference in the subject, its page linked.
fn update_mail(lang: cohorte_domain::lang::Lang, reference: &str, url: &str, paragraphs: Vec<String>) -> Message {
    Message {
        subject: i18n::ta(lang, "mail-application-update-subject", &[("reference", i18n::Arg::Str(reference))]),
        paragraphs,
        url: Some(url.to_owned()),
        attachments: Vec::new(),
    }
}

async fn send_invitation(
    ctx: &Ctx,
    w: &mut Uow<'_>,
    l: &Loaded,
    s: &cohorte_store::applications::SlotRow,
    cancelled: bool,
) -> Result<(), AppError> {
    let now = w.now;
    let summary = format!("Entretien EIG — {}", l.app.reference);
    let url = format!("{}/applications/{}", ctx.settings.base_url, l.app.id);
    let ev = crate::jury::CalendarEvent {
        uid: format!("interview-{}", s.id),
        sequence: s.sequence,
        start: s.starts_at,
        minutes: s.duration_minutes,
        summary: &summary,
        description: &url,
        location: &s.location,
        video: s.mode == cohorte_domain::proposal::HearingMode::Video,
        cancelled,
    };
    let ics = crate::jury::event_ics(&ctx.settings.mail_from, &ev, now, &ctx.settings.base_url);
    let when = cohorte_domain::paris::label(s.starts_at);
    let key = if cancelled { "mail-interview-cancelled" } else { "mail-interview-booked" };
    let location = s.location.clone();
    let reference = l.app.reference.clone();
    let dedup = format!("interview-{}-{}-{}", l.app.id, s.id, s.sequence);
    notify::person(&mut w.conn(), l.app.person_id, Some(&dedup), now, |lang| Message {
        attachments: vec![crate::mail::MailAttachment {
            filename: "entretien.ics".into(),
            content_type: format!("text/calendar; charset=utf-8; method={}", if cancelled { "CANCEL" } else { "REQUEST" }),
            content: ics.clone(),
        }],
        ..update_mail(
            lang,
            &reference,
            &url,
            vec![i18n::ta(lang, key, &[("when", i18n::Arg::Str(&when)), ("where", i18n::Arg::Str(&location))])],
        )
    })
    .await?;
    Ok(())
}

/// Staff record that an interview was held (or that the candidate did not come).
pub async fn record_interview(
    ctx: &Ctx,
    session: &Session,
    id: ApplicationId,
    held: bool,
    meta: &RequestMeta,
) -> Result<ApplicationStatus, AppError> {
    let me = policy::can_run_calls(&session.actor)?;
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let l = load(&mut w.conn(), session, id, now).await?;
    let event = if held { ApplicationEvent::Interview } else { ApplicationEvent::MissInterview };
    let to = l.app.status.apply(event, l.rules.choice_mode).map_err(|_| FieldErrors::one("step", "invalid-transition"))?;
    if !store::set_application_status(&mut w.conn(), id, l.app.status, to, &ApplicationChange::default(), now).await? {
        return Err(AppError::conflict("application-changed"));
    }
    w.audit(me, AuditAction::ApplicationStatusChanged, ("application", &l.app.reference), serde_json::json!({"to": to.as_str()})).await?;
    w.commit().await?;
    Ok(to)
}

/// Staff set a (challenge, profile) list, best first: interviewed candidates who chose that
/// (challenge, profile), each once. The lists, with the seats, drive the matching.
pub async fn set_ranking(
    ctx: &Ctx,
    session: &Session,
    code: &str,
    challenge: uuid::Uuid,
    profile: ProfileKind,
    order: &[ApplicationId],
    meta: &RequestMeta,
) -> Result<(), AppError> {
    let me = policy::can_run_calls(&session.actor)?;
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let cohort = w.cohort(code).await?;
    let rules = cohorte_store::call::current_rules(&mut w.conn(), cohort.cohort_id())
        .await?
        .and_then(|r| r.rules.applications)
        .ok_or(AppError::NotFound)?;
    if rules.seats_of(&challenge.to_string(), profile).is_none() {
        return Err(FieldErrors::one("ranking", "choice-not-offered").into());
    }
    let mut seen = std::collections::BTreeSet::new();
    for id in order {
        let app = store::application(&mut w.conn(), *id).await?.filter(|a| a.cohort_id == cohort.cohort_id()).ok_or(AppError::NotFound)?;
        let chose = app.form.choices.iter().any(|c| c.challenge == challenge.to_string() && c.profile == profile);
        if !seen.insert(*id) || app.status != ApplicationStatus::Interviewed || !chose {
            return Err(FieldErrors::one("ranking", "rank-interviewed-candidates-once").into());
        }
    }
    store::set_ranking(&mut w.conn(), cohort.cohort_id(), challenge, profile, order, now).await?;
    w.audit(
        me,
        AuditAction::CandidatesRanked,
        ("cohort", code),
        serde_json::json!({"challenge": challenge.to_string(), "profile": profile.as_str(), "ranked": order.len()}),
    )
    .await?;
    w.commit().await
}

/// A (challenge, profile) list in the matching.
#[derive(Debug, Clone)]
pub struct MatchedList {
    /// The challenge's id.
    pub challenge: String,
    /// Its title.
    pub title: String,
    /// The profile.
    pub profile: ProfileKind,
    /// Seats.
    pub seats: u8,
    /// The references matched to it, in the list's order.
    pub matched: Vec<String>,
}

/// A candidate in the matching: where they are placed and why not higher.
#[derive(Debug, Clone)]
pub struct MatchedCandidate {
    /// The application.
    pub application: ApplicationRow,
    /// The list they are matched to (index into [`MatchingView::lists`]).
    pub placed: Option<usize>,
    /// For each choice they preferred: the list and why it was not obtained (ranks only).
    pub missed: Vec<(usize, cohorte_domain::matching::Reason)>,
}

/// The matching of a cohort (staff and the validator): candidate-proposing deferred acceptance
/// over the interviewed candidates' ranked choices and the panels' lists, with seats per
/// (challenge, profile); stable and the best for every candidate; with each candidate's
/// explanation and the lists left under the smallest team.
#[derive(Debug, Clone)]
pub struct MatchingView {
    /// The lists, in the rules' order.
    pub lists: Vec<MatchedList>,
    /// The candidates, by reference.
    pub candidates: Vec<MatchedCandidate>,
    /// Challenges whose matched seats are fewer than the rules' smallest team (ids).
    pub understaffed: Vec<String>,
    /// Whether the result is stable: no blocking pair, no list over its seats, every placement
    /// acceptable (always, before staff overrides).
    pub stable: bool,
    /// Staff overrides, oldest first.
    pub overrides: Vec<OverrideLine>,
    /// The blocking pairs the overrides create: (index into `candidates`, index into `lists`).
    pub blocking: Vec<(usize, usize)>,
    /// Lists holding more candidates than seats (indices into `lists`): publication waits.
    pub over_capacity: Vec<usize>,
}

/// A staff override as the matching page shows it.
#[derive(Debug, Clone)]
pub struct OverrideLine {
    /// The application's reference.
    pub reference: String,
    /// The application's id.
    pub application: String,
    /// The list the candidate is placed on (index into [`MatchingView::lists`]; none: not placed).
    pub list: Option<usize>,
    /// Why.
    pub reason: String,
}

/// The market the matching runs on: candidates (in a fixed order), their choices as list indices,
/// and the lists with their seats and rankings, in the rules' order.
struct Market {
    apps: Vec<ApplicationRow>,
    rules: ApplicationRules,
    choices: Vec<Vec<u32>>,
    lists: Vec<cohorte_domain::matching::List>,
}

impl Market {
    fn list_of(&self, challenge: &str, profile: ProfileKind) -> Option<usize> {
        self.rules.seats.iter().position(|s| s.challenge == challenge && s.profile == profile)
    }
}

/// Reads the market of a cohort: the applications in one of `statuses`, by reference.
async fn market(conn: &mut Conn<'_>, co: cohorte_domain::ids::CohortId, statuses: &[ApplicationStatus]) -> Result<Market, AppError> {
    use cohorte_domain::matching::List;
    let rules = cohorte_store::call::current_rules(conn, co).await?.and_then(|r| r.rules.applications).ok_or(AppError::NotFound)?;
    let apps: Vec<ApplicationRow> =
        store::applications_of_cohort(conn, co).await?.into_iter().filter(|a| statuses.contains(&a.status)).collect();
    let index: BTreeMap<uuid::Uuid, u32> = apps.iter().enumerate().map(|(i, a)| (a.id.as_uuid(), i as u32)).collect();
    let mut m = Market {
        choices: Vec::new(),
        lists: rules.seats.iter().map(|s| List { seats: u32::from(s.seats), ranking: Vec::new() }).collect(),
        apps,
        rules,
    };
    for r in store::rankings(conn, co).await? {
        if let (Some(j), Some(i)) = (m.list_of(&r.challenge_id.to_string(), r.profile), index.get(&r.application_id)) {
            m.lists[j].ranking.push(*i);
        }
    }
    m.choices = m
        .apps
        .iter()
        .map(|a| a.form.choices.iter().filter_map(|c| m.list_of(&c.challenge, c.profile)).map(|j| j as u32).collect())
        .collect();
    Ok(m)
}

/// The matching as it stands: deferred acceptance over the market, then the staff's overrides,
/// checked.
struct Current {
    mk: Market,
    instance: cohorte_domain::matching::Instance,
    m: cohorte_domain::matching::Matching,
    overrides: Vec<cohorte_store::applications::OverrideRow>,
    check: cohorte_domain::matching::Check,
}

async fn current(conn: &mut Conn<'_>, co: cohorte_domain::ids::CohortId) -> Result<Current, AppError> {
    use cohorte_domain::matching::Instance;
    let mk = market(conn, co, &[ApplicationStatus::Interviewed]).await?;
    let instance = Instance::new(&mk.choices, &mk.lists).map_err(|e| AppError::Internal(e.to_string()))?;
    let mut m = instance.deferred_acceptance();
    let overrides = store::overrides(conn, co).await?;
    for o in &overrides {
        let Some(i) = mk.apps.iter().position(|a| a.id.as_uuid() == o.application_id) else { continue };
        m.assigned[i] = match (o.challenge_id, o.profile.as_deref().and_then(ProfileKind::parse)) {
            (Some(ch), Some(p)) => mk.list_of(&ch.to_string(), p).map(|j| j as u32),
            _ => None,
        };
    }
    let check = instance.check(&m);
    Ok(Current { mk, instance, m, overrides, check })
}

/// Computes the matching (see [`MatchingView`]), with the staff's overrides; nothing is written
/// or sent.
pub async fn matching(ctx: &Ctx, session: &Session, code: &str) -> Result<MatchingView, AppError> {
    policy::can_read_decisions(&session.actor)?;
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let cohort = crate::uow::cohort(&mut conn, code).await?;
    let co = cohort.cohort_id();
    let titles: BTreeMap<String, String> =
        store::challenges_of_cohort(&mut conn, co).await?.into_iter().map(|c| (c.id.to_string(), c.title)).collect();
    let Current { mk, instance, m, overrides, check } = current(&mut conn, co).await?;
    let stable = check.is_stable();
    let views: Vec<MatchedList> = mk
        .rules
        .seats
        .iter()
        .enumerate()
        .map(|(j, s)| MatchedList {
            challenge: s.challenge.clone(),
            title: titles.get(&s.challenge).cloned().unwrap_or_default(),
            profile: s.profile,
            seats: s.seats,
            matched: mk.lists[j]
                .ranking
                .iter()
                .filter(|i| m.assigned[**i as usize] == Some(j as u32))
                .map(|i| mk.apps[*i as usize].reference.clone())
                .collect(),
        })
        .collect();
    let mut filled: BTreeMap<&str, usize> = BTreeMap::new();
    for (l, v) in mk.rules.seats.iter().zip(&views) {
        *filled.entry(l.challenge.as_str()).or_default() += v.matched.len();
    }
    let understaffed = filled.iter().filter(|(_, n)| **n < usize::from(mk.rules.min_team)).map(|(c, _)| (*c).to_owned()).collect();
    let candidates = mk
        .apps
        .iter()
        .enumerate()
        .map(|(i, a)| MatchedCandidate {
            placed: m.assigned[i].map(|j| j as usize),
            missed: instance.explain(&m, i).into_iter().map(|x| (x.list as usize, x.reason)).collect(),
            application: a.clone(),
        })
        .collect();
    let overrides = overrides
        .iter()
        .filter_map(|o| {
            let a = mk.apps.iter().find(|a| a.id.as_uuid() == o.application_id)?;
            Some(OverrideLine {
                reference: a.reference.clone(),
                application: a.id.to_string(),
                list: match (o.challenge_id, o.profile.as_deref().and_then(ProfileKind::parse)) {
                    (Some(ch), Some(p)) => mk.list_of(&ch.to_string(), p),
                    _ => None,
                },
                reason: o.reason.clone(),
            })
        })
        .collect();
    Ok(MatchingView {
        lists: views,
        candidates,
        understaffed,
        stable,
        overrides,
        blocking: check.blocking.iter().map(|(c, j)| (*c as usize, *j as usize)).collect(),
        over_capacity: check.over_capacity.iter().map(|j| *j as usize).collect(),
    })
}

/// Staff place an interviewed candidate on another list of their choices that ranks them, or on
/// none, with a reason, before publication. The matching page then names the blocking pairs the
/// override creates; publication waits while a list holds more candidates than seats.
pub async fn override_seat(
    ctx: &Ctx,
    session: &Session,
    code: &str,
    id: ApplicationId,
    target: Option<(uuid::Uuid, ProfileKind)>,
    reason: &str,
    meta: &RequestMeta,
) -> Result<(), AppError> {
    let me = policy::can_run_calls(&session.actor)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(FieldErrors::one("reason", "required").into());
    }
    if reason.chars().count() > 2_000 || cohorte_domain::text::has_forbidden_chars(&reason.replace(['\n', '\r'], " ")) {
        return Err(FieldErrors::one("reason", "too-long").into());
    }
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let cohort = w.cohort(code).await?;
    let co = cohort.cohort_id();
    if store::matching_published(&mut w.conn(), co).await?.is_some() {
        return Err(FieldErrors::one("matching", "already-published").into());
    }
    let cur = current(&mut w.conn(), co).await?;
    let i = cur.mk.apps.iter().position(|a| a.id == id).ok_or(AppError::NotFound)?;
    if let Some((ch, p)) = target {
        let j = cur.mk.list_of(&ch.to_string(), p).ok_or(FieldErrors::one("target", "not-acceptable"))?;
        if cur.instance.rank_of(i, j as u32).is_none() {
            return Err(FieldErrors::one("target", "not-acceptable").into());
        }
    }
    store::set_override(&mut w.conn(), co, id, target, reason, me.id, now).await?;
    w.audit(
        me,
        AuditAction::MatchingOverridden,
        ("application", &cur.mk.apps[i].reference),
        serde_json::json!({"challenge": target.map(|t| t.0.to_string()), "profile": target.map(|t| t.1.as_str()), "reason": reason}),
    )
    .await?;
    w.commit().await
}

/// Staff remove an override, before publication: the candidate goes back to where the deferred
/// acceptance places them.
pub async fn clear_override(ctx: &Ctx, session: &Session, code: &str, id: ApplicationId, meta: &RequestMeta) -> Result<(), AppError> {
    let me = policy::can_run_calls(&session.actor)?;
    let mut w = Uow::begin(ctx, meta).await?;
    let cohort = w.cohort(code).await?;
    if store::matching_published(&mut w.conn(), cohort.cohort_id()).await?.is_some() {
        return Err(FieldErrors::one("matching", "already-published").into());
    }
    let app = store::application(&mut w.conn(), id).await?.filter(|a| a.cohort_id == cohort.cohort_id()).ok_or(AppError::NotFound)?;
    if !store::remove_override(&mut w.conn(), id).await? {
        return Err(AppError::NotFound);
    }
    w.audit(me, AuditAction::MatchingOverridden, ("application", &app.reference), serde_json::json!({"removed": true})).await?;
    w.commit().await
}

/// Days a candidate has to answer an offer.
pub const OFFER_DAYS: i64 = 7;

/// The validator publishes the matching, having confirmed it: every placed candidate gets an
/// offer with a deadline (mailed, with its expiry queued); those not placed stay on the lists as
/// reserves. Once per cohort.
pub async fn publish_matching(ctx: &Ctx, session: &Session, code: &str, confirmed: bool, meta: &RequestMeta) -> Result<usize, AppError> {
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let me = policy::can_approve_decisions(&session.actor, now)?.clone();
    if !confirmed {
        return Err(FieldErrors::one("confirm", "confirmation-required").into());
    }
    let cohort = w.cohort(code).await?;
    let co = cohort.cohort_id();
    if !store::publish_matching(&mut w.conn(), co, me.id, now).await? {
        return Err(FieldErrors::one("matching", "already-published").into());
    }
    let Current { mk, m, check, .. } = current(&mut w.conn(), co).await?;
    if !check.over_capacity.is_empty() || !check.unacceptable.is_empty() {
        return Err(FieldErrors::one("matching", "over-capacity").into());
    }
    let mut offered = 0;
    for (i, a) in mk.apps.iter().enumerate() {
        if let Some(j) = m.assigned[i] {
            offer(ctx, &mut w, &cohort, &mk, a, j as usize).await?;
            offered += 1;
        }
    }
    w.audit(&me, AuditAction::MatchingPublished, ("cohort", code), serde_json::json!({"offers": offered})).await?;
    w.commit().await?;
    Ok(offered)
}

/// Makes (or improves) a candidate's offer on list `j`: the offer, the status, the mail, the
/// expiry job.
async fn offer(ctx: &Ctx, w: &mut Uow<'_>, cohort: &CohortAdminRow, mk: &Market, a: &ApplicationRow, j: usize) -> Result<(), AppError> {
    let now = w.now;
    let seat = &mk.rules.seats[j];
    let challenge: uuid::Uuid = seat.challenge.parse().map_err(|_| AppError::Internal("seat challenge".into()))?;
    let deadline = now + time::Duration::days(OFFER_DAYS);
    store::put_offer(&mut w.conn(), a.id, challenge, seat.profile, deadline, now).await?;
    let to = a.status.apply(ApplicationEvent::Offer, mk.rules.choice_mode).map_err(|_| AppError::conflict("application-changed"))?;
    if !store::set_application_status(&mut w.conn(), a.id, a.status, to, &ApplicationChange::default(), now).await? {
        return Err(AppError::conflict("application-changed"));
    }
    let title = store::challenges_of_cohort(&mut w.conn(), cohort.cohort_id())
        .await?
        .into_iter()
        .find(|c| c.id == challenge)
        .map(|c| c.title)
        .unwrap_or_default();
    let when = cohorte_domain::paris::label(deadline);
    let url = format!("{}/applications/{}", ctx.settings.base_url, a.id);
    let reference = a.reference.clone();
    notify::person(&mut w.conn(), a.person_id, Some(&format!("offer-{}-{}-{}", a.id, j, now.unix_timestamp())), now, |lang| {
        let profile = i18n::t(lang, &format!("profile-kind-{}", seat.profile.as_str()));
        let args = [("challenge", i18n::Arg::Str(&title)), ("profile", i18n::Arg::Str(&profile)), ("deadline", i18n::Arg::Str(&when))];
        update_mail(lang, &reference, &url, vec![i18n::ta(lang, "mail-offer", &args)])
    })
    .await?;
    crate::jobs::enqueue_at(
        &mut w.conn(),
        &crate::jobs::Job::ExpireOffer { application: a.id.to_string() },
        Some(&format!("offer-expiry-{}-{}", a.id, deadline.unix_timestamp())),
        deadline,
        now,
    )
    .await?;
    Ok(())
}

/// After an answer or an expiry: accepted seats stay, those who declined or let their offer
/// expire leave, and the seats freed go down the lists (`matching::cascade`): a reserve gets an
/// offer, a candidate waiting on a lower choice gets the better seat. Nobody still waiting is
/// worse off.
async fn cascade(ctx: &Ctx, w: &mut Uow<'_>, cohort: &CohortAdminRow) -> Result<usize, AppError> {
    use ApplicationStatus as S;
    let co = cohort.cohort_id();
    let mk = market(&mut w.conn(), co, &[S::Interviewed, S::Offered, S::Accepted, S::Declined, S::Expired]).await?;
    let offers: BTreeMap<uuid::Uuid, usize> = store::offers(&mut w.conn(), co)
        .await?
        .into_iter()
        .filter_map(|o| mk.list_of(&o.challenge_id.to_string(), o.profile).map(|j| (o.application_id, j)))
        .collect();
    // The staff's overrides hold after publication: a candidate taken off the matching never
    // gets an offer, and a seat given by an override stays its holder's (like an accepted one).
    let overridden: BTreeMap<uuid::Uuid, Option<usize>> = store::overrides(&mut w.conn(), co)
        .await?
        .into_iter()
        .map(|o| {
            let list =
                o.challenge_id.zip(o.profile.as_deref().and_then(ProfileKind::parse)).and_then(|(ch, p)| mk.list_of(&ch.to_string(), p));
            (o.application_id, list)
        })
        .collect();
    let mut accepted = Vec::new();
    let mut gone = Vec::new();
    for (i, a) in mk.apps.iter().enumerate() {
        let held = offers.get(&a.id.as_uuid()).copied();
        match (a.status, overridden.get(&a.id.as_uuid())) {
            (S::Declined | S::Expired, _) | (_, Some(None)) => gone.push(i as u32),
            (S::Accepted, _) => accepted.extend(held.map(|j| (i as u32, j as u32))),
            (S::Offered, Some(Some(j))) if held == Some(*j) => accepted.push((i as u32, *j as u32)),
            _ => {}
        }
    }
    let m = cohorte_domain::matching::cascade(&mk.choices, &mk.lists, &accepted, &gone).map_err(|e| AppError::Internal(e.to_string()))?;
    // Seats already held by a pending or accepted offer that stays where it is.
    let mut taken = vec![0u32; mk.lists.len()];
    for (i, a) in mk.apps.iter().enumerate() {
        if let (S::Offered | S::Accepted, Some(j)) = (a.status, offers.get(&a.id.as_uuid())) {
            let moves =
                a.status == S::Offered && m.assigned[i].is_some_and(|n| n as usize != *j && prefers(&mk.choices[i], n as usize, *j));
            if !moves {
                taken[*j] += 1;
            }
        }
    }
    let mut changed = 0;
    // First the pending offers replaced by one their holder prefers (a holder who cannot move
    // keeps their seat), then the offers to candidates in reserve; never beyond a list's seats.
    for waiting in [S::Offered, S::Interviewed] {
        for (i, a) in mk.apps.iter().enumerate().filter(|(_, a)| a.status == waiting) {
            let Some(j) = m.assigned[i].map(|j| j as usize) else { continue };
            let held = offers.get(&a.id.as_uuid()).copied();
            if waiting == S::Offered && !held.is_some_and(|h| h != j && prefers(&mk.choices[i], j, h)) {
                continue;
            }
            if taken[j] < mk.lists[j].seats {
                taken[j] += 1;
                offer(ctx, w, cohort, &mk, a, j).await?;
                changed += 1;
            } else if let Some(h) = held {
                taken[h] += 1;
            }
        }
    }
    Ok(changed)
}

/// Whether a candidate ranks list `a` above list `b` (a list they did not choose ranks last).
fn prefers(choices: &[u32], a: usize, b: usize) -> bool {
    let at = |j: usize| choices.iter().position(|c| *c as usize == j).unwrap_or(usize::MAX);
    at(a) < at(b)
}

/// The candidate answers their offer before its deadline. A decline sends the seat down the
/// list. Only after the matching is published.
pub async fn answer_offer(
    ctx: &Ctx,
    session: &Session,
    id: ApplicationId,
    accept: bool,
    meta: &RequestMeta,
) -> Result<ApplicationStatus, AppError> {
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let l = load(&mut w.conn(), session, id, now).await?;
    let me = policy::can_use_account(&session.actor)?.clone();
    if me.id != l.app.person_id {
        return Err(AppError::NotFound);
    }
    let offer = store::offers(&mut w.conn(), l.app.cohort_id).await?.into_iter().find(|o| o.application_id == id.as_uuid());
    let Some(offer) = offer.filter(|o| o.response.is_none() && l.app.status == ApplicationStatus::Offered) else {
        return Err(AppError::Denied(Denied::Forbidden));
    };
    if now >= offer.deadline {
        return Err(FieldErrors::one("offer", "offer-expired").into());
    }
    let (event, response) = if accept { (ApplicationEvent::Accept, "accepted") } else { (ApplicationEvent::Decline, "declined") };
    let to = l.app.status.apply(event, l.rules.choice_mode).map_err(|_| AppError::Denied(Denied::Forbidden))?;
    if !store::answer_offer(&mut w.conn(), id, response, now).await?
        || !store::set_application_status(&mut w.conn(), id, l.app.status, to, &ApplicationChange::default(), now).await?
    {
        return Err(AppError::conflict("application-changed"));
    }
    if accept {
        // The accepted offer is the person's fellowship in the cohort (announced with the team).
        let f = store::NewFellowship {
            application: id,
            person: l.app.person_id,
            cohort: l.app.cohort_id,
            challenge: offer.challenge_id,
            profile: offer.profile,
            salary_net_monthly_eur: l
                .app
                .form
                .years_experience
                .and_then(|y| l.rules.salary_band(y))
                .and_then(|b| i32::try_from(b.net_monthly_eur).ok()),
        };
        store::create_fellowship(&mut w.conn(), &f, now).await?;
    } else {
        cascade(ctx, &mut w, &l.cohort).await?;
    }
    w.audit(&me, AuditAction::OfferAnswered, ("application", &l.app.reference), serde_json::json!({"response": response})).await?;
    w.commit().await?;
    Ok(to)
}

/// The expiry job of an offer: still unanswered at its deadline, it expires and the seat goes
/// down the list. Returns whether it expired.
pub async fn expire_offer(ctx: &Ctx, id: ApplicationId) -> Result<bool, AppError> {
    let system = RequestMeta::default();
    let mut w = Uow::begin(ctx, &system).await?;
    let now = w.now;
    let Some(app) = store::application(&mut w.conn(), id).await? else { return Ok(false) };
    let offer = store::offers(&mut w.conn(), app.cohort_id).await?.into_iter().find(|o| o.application_id == id.as_uuid());
    let Some(offer) = offer.filter(|o| o.response.is_none() && now >= o.deadline && app.status == ApplicationStatus::Offered) else {
        return Ok(false);
    };
    let rules =
        cohorte_store::call::rules(&mut w.conn(), app.rule_set_id).await?.and_then(|r| r.rules.applications).ok_or(AppError::NotFound)?;
    let to = app.status.apply(ApplicationEvent::Expire, rules.choice_mode).map_err(|_| AppError::conflict("application-changed"))?;
    if !store::answer_offer(&mut w.conn(), id, "expired", now).await?
        || !store::set_application_status(&mut w.conn(), id, app.status, to, &ApplicationChange::default(), now).await?
    {
        return Ok(false);
    }
    let cohort = cohorte_store::call::cohort(&mut w.conn(), app.cohort_id).await?.ok_or(AppError::NotFound)?;
    cascade(ctx, &mut w, &cohort).await?;
    w.audit_as(
        None,
        "system",
        AuditAction::OfferAnswered,
        ("application", &app.reference),
        serde_json::json!({"response": "expired", "deadline": offer.deadline.unix_timestamp()}),
    )
    .await?;
    w.commit().await?;
    Ok(true)
}

/// A fellowship as staff see it on the roster.
#[derive(Debug, Clone)]
pub struct FellowLine {
    /// The fellowship.
    pub fellowship: cohorte_store::applications::FellowshipRow,
    /// The fellow's name.
    pub name: String,
    /// The application's reference.
    pub reference: String,
    /// The challenge's title.
    pub challenge: String,
}

/// The cohort's fellowships so far (staff and the validator), by challenge.
pub async fn fellowships(ctx: &Ctx, session: &Session, code: &str) -> Result<Vec<FellowLine>, AppError> {
    policy::can_read_decisions(&session.actor)?;
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let cohort = crate::uow::cohort(&mut conn, code).await?;
    let co = cohort.cohort_id();
    let titles: BTreeMap<uuid::Uuid, String> =
        store::challenges_of_cohort(&mut conn, co).await?.into_iter().map(|c| (c.id, c.title)).collect();
    let apps: BTreeMap<uuid::Uuid, ApplicationRow> =
        store::applications_of_cohort(&mut conn, co).await?.into_iter().map(|a| (a.id.as_uuid(), a)).collect();
    let mut out = Vec::new();
    for f in store::fellowships(&mut conn, co).await? {
        let name = cohorte_store::identity::person(&mut conn, cohorte_domain::ids::PersonId::from_uuid(f.person_id))
            .await?
            .map(|p| p.display_name)
            .unwrap_or_default();
        out.push(FellowLine {
            name,
            reference: apps.get(&f.application_id).map(|a| a.reference.clone()).unwrap_or_default(),
            challenge: titles.get(&f.challenge_id).cloned().unwrap_or_default(),
            fellowship: f,
        });
    }
    out.sort_by(|a, b| a.challenge.cmp(&b.challenge).then(a.name.cmp(&b.name)));
    Ok(out)
}

/// Staff announce the teams: every fellowship not yet announced makes its person a fellow of the
/// challenge (the role), and the public challenge pages show them from then on. Returns how many
/// were announced.
pub async fn announce_teams(ctx: &Ctx, session: &Session, code: &str, meta: &RequestMeta) -> Result<usize, AppError> {
    use cohorte_domain::content::RoleKind;
    use cohorte_domain::identity::Grant;
    let me = policy::can_run_calls(&session.actor)?;
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let cohort = w.cohort(code).await?;
    let co = cohort.cohort_id();
    let announced = store::announce_fellowships(&mut w.conn(), co, now).await?;
    for f in &announced {
        let g = Grant {
            role: RoleKind::Fellow,
            cohort: Some(co),
            challenge: Some(cohorte_domain::ids::ChallengeId::from_uuid(f.challenge_id)),
            organisation: None,
        };
        cohorte_store::identity::grant_role(
            &mut w.conn(),
            cohorte_domain::ids::PersonId::from_uuid(f.person_id),
            &g,
            Some(me.id),
            "fellowship",
            now,
        )
        .await?;
    }
    if !announced.is_empty() {
        cohorte_store::meta::bump_content_version(&mut w.conn()).await?;
    }
    w.audit(me, AuditAction::TeamsAnnounced, ("cohort", code), serde_json::json!({"fellows": announced.len()})).await?;
    w.commit().await?;
    Ok(announced.len())
}

/// A cohort whose call for applications is open or upcoming.
#[derive(Debug, Clone)]
pub struct OpenApplicationCall {
    /// The cohort.
    pub cohort: CohortAdminRow,
    /// Where the call stands.
    pub phase: CallPhase,
}

/// The calls for applications open or upcoming (with their rules set), soonest deadline first.
pub async fn open_calls(ctx: &Ctx) -> Result<Vec<OpenApplicationCall>, AppError> {
    let now = ctx.clock.now();
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let mut out = Vec::new();
    for co in cohorte_store::call::cohorts(&mut conn).await? {
        let phase = cohorte_store::call::calendar(&mut conn, co.cohort_id()).await?.applications_phase(now);
        let has_rules =
            cohorte_store::call::current_rules(&mut conn, co.cohort_id()).await?.is_some_and(|r| r.rules.applications.is_some());
        if has_rules && matches!(phase, CallPhase::Open { .. } | CallPhase::Upcoming { .. }) {
            out.push(OpenApplicationCall { cohort: co, phase });
        }
    }
    out.sort_by_key(|c| match c.phase {
        CallPhase::Open { closes } => (0, closes),
        CallPhase::Upcoming { opens } => (1, opens),
        _ => (2, OffsetDateTime::UNIX_EPOCH),
    });
    Ok(out)
}

/// The challenges an application chose, as ids.
fn chosen_challenges(app: &ApplicationRow) -> Vec<cohorte_domain::ids::ChallengeId> {
    app.form.choices.iter().filter_map(|c| c.challenge.parse().ok().map(cohorte_domain::ids::ChallengeId::from_uuid)).collect()
}

/// What a member of an interview's panel acts on, in the caller's transaction: the application
/// and its rules, when the reader sits on its panel (staff, or a mentor of a challenge it chose;
/// never the candidate), while the interview is open and the matching unpublished. Anyone else
/// is told it does not exist; a closed interview is refused.
async fn on_panel(
    w: &mut Uow<'_>,
    session: &Session,
    id: ApplicationId,
) -> Result<(ApplicationRow, cohorte_domain::identity::SignedIn, ApplicationRules), AppError> {
    policy::can_use_account(&session.actor)?;
    let (app, _, rules) = store::application_in_context(&mut w.conn(), id).await?.ok_or(AppError::NotFound)?;
    let me = policy::can_sit_on_interview_panel(&session.actor, &chosen_challenges(&app)).map_err(|_| AppError::NotFound)?.clone();
    if app.person_id == me.id {
        return Err(AppError::NotFound);
    }
    if !interview_open(app.status) || store::matching_published(&mut w.conn(), app.cohort_id).await?.is_some() {
        return Err(AppError::Denied(Denied::Forbidden));
    }
    Ok((app, me, rules.applications.ok_or(AppError::NotFound)?))
}

/// Whether an application is still before its interview is booked (nothing of interviews, panels
/// or the matching concerns it yet).
fn before_interviews(status: ApplicationStatus) -> bool {
    use ApplicationStatus as S;
    matches!(
        status,
        S::Draft
            | S::Submitted
            | S::InPreselection
            | S::InfoRequested
            | S::NotPreselected
            | S::Ineligible
            | S::Preselected
            | S::ChoicesSubmitted
    )
}

/// Whether an interview may be scored now: booked or held, the matching not yet published.
fn interview_open(status: ApplicationStatus) -> bool {
    matches!(status, ApplicationStatus::InterviewScheduled | ApplicationStatus::Interviewed)
}

/// A panel member scores an interview on the grid with a comment; staff may record the panel's
/// consensus instead (`consensus`). Only staff and the mentors of a challenge the candidate chose;
/// anyone else is told the application does not exist.
pub async fn score_interview(
    ctx: &Ctx,
    session: &Session,
    id: ApplicationId,
    scores: &cohorte_domain::jury::Scores,
    comment: &str,
    consensus: bool,
    meta: &RequestMeta,
) -> Result<(), AppError> {
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let (app, me, rules) = on_panel(&mut w, session, id).await?;
    if consensus {
        policy::can_run_calls(&session.actor)?;
    }
    let total = checked_grid(&rules, scores, comment)?;
    let scorer = if consensus { None } else { Some(me.id) };
    store::save_interview_evaluation(&mut w.conn(), id, scorer, scores, comment.trim(), now).await?;
    w.audit(
        &me,
        AuditAction::InterviewScored,
        ("application", &app.reference),
        serde_json::json!({"total": total, "consensus": consensus}),
    )
    .await?;
    w.commit().await
}

/// The suggestions made to an application, with the challenges' titles.
async fn suggestion_views(
    conn: &mut Conn<'_>,
    app: &ApplicationRow,
    titles: &BTreeMap<String, String>,
    may_answer: bool,
) -> Result<Vec<SuggestionView>, AppError> {
    Ok(store::suggestions(conn, app.cohort_id)
        .await?
        .into_iter()
        .filter(|s| s.application_id == app.id.as_uuid())
        .map(|row| SuggestionView {
            title: titles.get(&row.challenge_id.to_string()).cloned().unwrap_or_default(),
            can_answer: may_answer && row.answer.is_none(),
            row,
        })
        .collect())
}

/// Most characters of a panel's note with a suggestion.
pub const SUGGESTION_NOTE_LIMIT: usize = 1_000;

/// A member of the candidate's interview panel proposes another (challenge, profile) to them:
/// a list the rules offer that the candidate did not choose, while interviews run and before the
/// matching is published; once per list. The candidate is mailed the proposal and the note.
pub async fn suggest_challenge(
    ctx: &Ctx,
    session: &Session,
    id: ApplicationId,
    challenge: uuid::Uuid,
    profile: ProfileKind,
    note: &str,
    meta: &RequestMeta,
) -> Result<(), AppError> {
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let (app, me, rules) = on_panel(&mut w, session, id).await?;
    if rules.seats_of(&challenge.to_string(), profile).is_none() {
        return Err(FieldErrors::one("challenge", "choice-not-offered").into());
    }
    if app.form.choices.iter().any(|c| c.challenge == challenge.to_string() && c.profile == profile) {
        return Err(FieldErrors::one("challenge", "already-chosen").into());
    }
    let note = note.trim();
    if note.chars().count() > SUGGESTION_NOTE_LIMIT || cohorte_domain::text::has_forbidden_chars(&note.replace(['\n', '\r'], " ")) {
        return Err(FieldErrors::one("note", "too-long").into());
    }
    if store::suggest_challenge(&mut w.conn(), app.cohort_id, id, (challenge, profile), note, me.id, now).await?.is_none() {
        return Err(FieldErrors::one("challenge", "already-suggested").into());
    }
    let title = store::challenges_of_cohort(&mut w.conn(), app.cohort_id)
        .await?
        .into_iter()
        .find(|c| c.id == challenge)
        .map(|c| c.title)
        .unwrap_or_default();
    let url = format!("{}/applications/{}#suggestions", ctx.settings.base_url, app.id);
    let reference = app.reference.clone();
    let note_owned = note.to_owned();
    notify::person(&mut w.conn(), app.person_id, Some(&format!("suggestion-{id}-{challenge}-{}", profile.as_str())), now, |lang| {
        let mut paragraphs = vec![i18n::ta(
            lang,
            "mail-suggestion",
            &[
                ("challenge", i18n::Arg::Str(&title)),
                ("profile", i18n::Arg::Str(&i18n::t(lang, &format!("profile-kind-{}", profile.as_str())))),
            ],
        )];
        if !note_owned.is_empty() {
            paragraphs.push(i18n::ta(lang, "mail-suggestion-note", &[("note", i18n::Arg::Str(&note_owned))]));
        }
        update_mail(lang, &reference, &url, paragraphs)
    })
    .await?;
    w.audit(
        &me,
        AuditAction::ChallengeSuggested,
        ("application", &app.reference),
        serde_json::json!({"challenge": title, "profile": profile.as_str()}),
    )
    .await?;
    w.commit().await
}

/// The candidate accepts or declines a challenge a panel proposed, before the matching is
/// published: accepted, the list joins their ranked choices after their own (the matching and
/// that challenge's panel see it from then on); declined, nothing else changes.
pub async fn answer_suggestion(
    ctx: &Ctx,
    session: &Session,
    id: ApplicationId,
    suggestion: uuid::Uuid,
    accept: bool,
    meta: &RequestMeta,
) -> Result<(), AppError> {
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let l = load(&mut w.conn(), session, id, now).await?;
    let me = policy::can_use_account(&session.actor)?.clone();
    if me.id != l.app.person_id {
        return Err(AppError::NotFound);
    }
    let s = store::suggestions(&mut w.conn(), l.app.cohort_id)
        .await?
        .into_iter()
        .find(|s| s.id == suggestion && s.application_id == id.as_uuid())
        .ok_or(AppError::NotFound)?;
    if !interview_open(l.app.status) || store::matching_published(&mut w.conn(), l.app.cohort_id).await?.is_some() {
        return Err(AppError::Denied(Denied::Forbidden));
    }
    if !store::answer_suggestion(&mut w.conn(), suggestion, accept, now).await? {
        return Err(AppError::conflict("already-answered"));
    }
    if accept {
        let mut form = l.app.form.clone();
        form.choices.push(cohorte_domain::application::Choice {
            challenge: s.challenge_id.to_string(),
            profile: s.profile,
            contribution: String::new(),
        });
        if store::save_application(&mut w.conn(), id, l.app.version, &form, now).await?.is_none() {
            return Err(AppError::conflict("application-changed"));
        }
    }
    w.audit(
        &me,
        AuditAction::SuggestionAnswered,
        ("application", &l.app.reference),
        serde_json::json!({"accepted": accept, "profile": s.profile.as_str()}),
    )
    .await?;
    w.commit().await
}

/// An interview on the panel's page.
#[derive(Debug, Clone)]
pub struct PanelItem {
    /// The application.
    pub application: ApplicationRow,
    /// The candidate's name.
    pub name: String,
    /// The pre-selection reviewers' comments (the staff remarks the panel reads).
    pub remarks: Vec<String>,
    /// The reader's own scores.
    pub own: Option<cohorte_store::applications::InterviewEvaluationRow>,
    /// The other members' scores: once the reader's own are in (staff always see them).
    pub others: Vec<cohorte_store::applications::InterviewEvaluationRow>,
    /// The panel's consensus.
    pub consensus: Option<cohorte_store::applications::InterviewEvaluationRow>,
    /// Whether the reader may score it now.
    pub can_score: bool,
    /// Whether the reader may record the consensus.
    pub can_consensus: bool,
    /// The other challenges proposed to the candidate, and their answers.
    pub suggestions: Vec<SuggestionView>,
    /// The lists the reader may propose to the candidate (offered by the rules, neither chosen nor
    /// proposed yet): challenge id, profile, title. Empty when they may not propose now.
    pub can_suggest: Vec<(uuid::Uuid, ProfileKind, String)>,
}

/// The interviews the reader sits on in a cohort (staff: all; a mentor: the candidates who chose
/// their challenge), booked or held, by reference.
pub async fn interview_panel(ctx: &Ctx, session: &Session, code: &str) -> Result<Vec<PanelItem>, AppError> {
    let me = policy::can_use_account(&session.actor)?;
    let staff = policy::can_run_calls(&session.actor).is_ok();
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let cohort = crate::uow::cohort(&mut conn, code).await?;
    let co = cohort.cohort_id();
    let published = store::matching_published(&mut conn, co).await?.is_some();
    let evaluations = store::interview_evaluations(&mut conn, co).await?;
    let reviews = store::application_reviews(&mut conn, co).await?;
    let rules = cohorte_store::call::current_rules(&mut conn, co).await?.and_then(|r| r.rules.applications);
    let titles: BTreeMap<uuid::Uuid, String> =
        store::challenges_of_cohort(&mut conn, co).await?.into_iter().map(|c| (c.id, c.title)).collect();
    let titles_by_id: BTreeMap<String, String> = titles.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
    let mine = me.id.to_string();
    let mut out = Vec::new();
    for app in store::applications_of_cohort(&mut conn, co).await? {
        let on_panel =
            matches!(app.status, ApplicationStatus::InterviewScheduled | ApplicationStatus::Interviewed | ApplicationStatus::NoShow);
        if !on_panel || app.person_id == me.id || policy::can_sit_on_interview_panel(&session.actor, &chosen_challenges(&app)).is_err() {
            continue;
        }
        let of_app: Vec<_> = evaluations.iter().filter(|e| e.application_id == app.id.as_uuid()).cloned().collect();
        let own = of_app.iter().find(|e| e.scorer == mine).cloned();
        let others = if own.is_some() || staff {
            of_app.iter().filter(|e| e.scorer != mine && !e.is_consensus()).cloned().collect()
        } else {
            Vec::new()
        };
        let name = cohorte_store::identity::person(&mut conn, app.person_id).await?.map(|p| p.display_name).unwrap_or_default();
        let suggestions = suggestion_views(&mut conn, &app, &titles_by_id, false).await?;
        out.push(PanelItem {
            remarks: reviews
                .iter()
                .filter(|r| r.application_id == app.id.as_uuid() && !r.comment.is_empty())
                .map(|r| r.comment.clone())
                .collect(),
            consensus: of_app.iter().find(|e| e.is_consensus()).cloned(),
            can_score: interview_open(app.status) && !published,
            can_consensus: staff && interview_open(app.status) && !published,
            can_suggest: if interview_open(app.status) && !published {
                let made = &suggestions;
                let mut options = Vec::new();
                for seat in rules.as_ref().map(|r| r.seats.as_slice()).unwrap_or_default() {
                    let taken = app.form.choices.iter().any(|c| c.challenge == seat.challenge && c.profile == seat.profile)
                        || made.iter().any(|m| m.row.challenge_id.to_string() == seat.challenge && m.row.profile == seat.profile);
                    if let (false, Ok(ch)) = (taken, seat.challenge.parse::<uuid::Uuid>()) {
                        options.push((ch, seat.profile, titles.get(&ch).cloned().unwrap_or_default()));
                    }
                }
                options
            } else {
                Vec::new()
            },
            suggestions,
            own,
            others,
            name,
            application: app,
        });
    }
    Ok(out)
}
