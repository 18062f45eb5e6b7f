//! Challenge proposals, from the administration's side: start, save (never overwriting another
//! tab's save), attach documents, invite the other contacts, submit before the deadline (with an
//! acknowledgement carrying the server's timestamp and a fingerprint), withdraw, answer a request
//! for information. The proposal page's read model ([`ProposalView`]) carries what its reader may
//! see and do, for every reader (members, staff, the validator, pre-selectors, jurors).
//!
//! Every use case loads the proposal through [`crate::access::proposal`]: a reader who may not
//! know an unpublished decision gets the same answers from every form as from the page.

use std::collections::{BTreeMap, BTreeSet};

use cohorte_domain::cohort::{CallPhase, RuleSet, TextField};
use cohorte_domain::content::RoleKind;
use cohorte_domain::identity::{AuditAction, Email, TokenPurpose, secret_hash};
use cohorte_domain::ids::{PersonId, ProposalId};
use cohorte_domain::policy::{self, ProposalRelation};
use cohorte_domain::proposal::{ContactRole, ProposalEvent, ProposalForm, ProposalStatus, StaffStep, document_filename, submission_hash};
use cohorte_domain::query::FieldErrors;
use cohorte_store::Conn;
use cohorte_store::call::{self as store, CohortAdminRow, DocumentRow, MemberRow, ProposalRow, ReviewRow, StatusChange};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::access::{self, Seen};
use crate::identity::{InvitePayload, random_token};
use crate::notify::{self, Message};
use crate::session::{RequestMeta, Session};
use crate::uow::Uow;
use crate::{AppError, Ctx, i18n};

/// A proposal as its reader sees it, with what they may do on its page.
#[derive(Debug, Clone)]
pub struct ProposalView {
    /// The proposal (status masked for readers who may not know an unpublished decision).
    pub proposal: ProposalRow,
    /// Its cohort.
    pub cohort: CohortAdminRow,
    /// The rules it follows.
    pub rules: RuleSet,
    /// Where the call stands.
    pub phase: CallPhase,
    /// How the reader relates to it.
    pub relation: ProposalRelation,
    /// Its members.
    pub members: Vec<MemberRow>,
    /// Its documents.
    pub documents: Vec<DocumentRow>,
    /// The host organisation's slug and name.
    pub host: Option<(String, String)>,
    /// Whether the reader may edit the form now.
    pub can_edit: bool,
    /// The fields the reader may change now (all of them in a draft; the reopened ones when
    /// information is requested).
    pub editable_fields: BTreeSet<TextField>,
    /// Whether the reader may attach documents and submit (a draft, the call open).
    pub can_submit: bool,
    /// The deadline shown while the reader may submit.
    pub deadline: Option<OffsetDateTime>,
    /// What submission still needs (while the reader may submit).
    pub missing: FieldErrors,
    /// Whether the reader may withdraw it.
    pub can_withdraw: bool,
    /// Whether the reader may delete it (a draft).
    pub can_delete: bool,
    /// Whether the reader may invite another contact.
    pub can_invite: bool,
    /// Whether the reader may write a pre-selection review.
    pub can_review: bool,
    /// The pre-selection reviews the reader may read.
    pub reviews: Vec<ReviewRow>,
    /// The reader's own review.
    pub my_review: Option<ReviewRow>,
    /// The pre-selection steps the reader may take now (staff).
    pub steps: Vec<StaffStep>,
    /// Where and when it is heard (staff and the validator).
    pub hearing: Option<String>,
    /// The reason of a refusal, for the statuses that tell it.
    pub reason: Option<String>,
    /// The information requested, while it is.
    pub info_request: Option<String>,
    /// Whether the reader works on it (their list is "my proposals"; others come from a cohort's
    /// review list).
    pub member: bool,
    /// Whether the reader is staff (the review tools).
    pub staff: bool,
}

impl ProposalView {
    /// Whether the reader may change this field now.
    pub fn field_editable(&self, f: TextField) -> bool {
        self.editable_fields.contains(&f)
    }
}

/// The proposal and what its reader may know of it, its cohort and its rules.
async fn load(conn: &mut Conn<'_>, session: &Session, id: ProposalId) -> Result<(Seen, CohortAdminRow, RuleSet), AppError> {
    let seen = access::proposal(conn, &session.actor, id).await?;
    let cohort = store::cohort(conn, seen.proposal.cohort_id).await?.ok_or(AppError::NotFound)?;
    let rules = store::rules(conn, seen.proposal.rule_set_id).await?.ok_or(AppError::NotFound)?.rules;
    Ok((seen, cohort, rules))
}

async fn call_open(conn: &mut Conn<'_>, p: &ProposalRow, now: OffsetDateTime) -> Result<(CallPhase, bool), AppError> {
    let phase = store::calendar(conn, p.cohort_id).await?.call_phase(now);
    Ok((phase, matches!(phase, CallPhase::Open { .. })))
}

/// Reads a proposal (its members, staff, the validator, assigned pre-selectors and jurors).
pub async fn view(ctx: &Ctx, session: &Session, id: ProposalId) -> Result<ProposalView, AppError> {
    let now = ctx.clock.now();
    let mut c = ctx.db.acquire().await?;
    view_on(&mut c.conn(), session, id, now).await
}

/// The proposal page: the [`ProposalView`], and for a reader who may edit a draft, the
/// organisations to choose from (narrowed by `search` when given), on one connection.
#[derive(Debug, Clone)]
pub struct ProposalPage {
    /// The proposal as the reader sees it.
    pub view: ProposalView,
    /// The organisation tree (a draft the reader may edit).
    pub organisations: Vec<crate::calls::OrganisationOption>,
    /// The organisations matching the search, when one was made.
    pub matches: Option<BTreeSet<String>>,
}

/// Reads the proposal page (see [`ProposalPage`]).
pub async fn page(ctx: &Ctx, session: &Session, id: ProposalId, search: Option<&str>) -> Result<ProposalPage, AppError> {
    let now = ctx.clock.now();
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let view = view_on(&mut conn, session, id, now).await?;
    if !(view.can_edit && view.proposal.status == ProposalStatus::Draft) {
        return Ok(ProposalPage { view, organisations: Vec::new(), matches: None });
    }
    let organisations = crate::calls::organisation_choices_on(&mut conn).await?;
    let matches = match search.map(cohorte_domain::text::name_key).filter(|k| !k.is_empty() && k.len() <= 100) {
        Some(key) => Some(store::find_organisations(&mut conn, &key, 20).await?.into_iter().map(|o| o.slug).collect()),
        None => None,
    };
    Ok(ProposalPage { view, organisations, matches })
}

/// The organisations matching a search, for a reader who may edit the proposal's draft (the
/// page's search without a reload).
pub async fn organisation_matches(
    ctx: &Ctx,
    session: &Session,
    id: ProposalId,
    search: &str,
) -> Result<Vec<store::OrganisationChoice>, AppError> {
    let now = ctx.clock.now();
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let (seen, _, _) = load(&mut conn, session, id).await?;
    let (_, open) = call_open(&mut conn, &seen.proposal, now).await?;
    policy::can_edit_proposal(&session.actor, seen.proposal.status, seen.relation, open)?;
    if seen.proposal.status != ProposalStatus::Draft {
        return Err(AppError::Denied(policy::Denied::Forbidden));
    }
    let key = cohorte_domain::text::name_key(search);
    if key.is_empty() || key.len() > 100 {
        return Ok(Vec::new());
    }
    Ok(store::find_organisations(&mut conn, &key, 20).await?)
}

async fn view_on(conn: &mut Conn<'_>, session: &Session, id: ProposalId, now: OffsetDateTime) -> Result<ProposalView, AppError> {
    let (seen, cohort, rules) = load(conn, session, id).await?;
    let (p, rel) = (seen.proposal, seen.relation);
    let actor = &session.actor;
    let (phase, open) = call_open(conn, &p, now).await?;
    let members = store::members(conn, id).await?;
    let documents = store::documents(conn, id).await?;
    let host = match p.form.host.as_str() {
        "" => None,
        slug => store::organisation(conn, slug).await?.map(|o| (o.slug, o.name)),
    };
    let can_edit = policy::can_edit_proposal(actor, p.status, rel, open).is_ok();
    let editable_fields: BTreeSet<TextField> = match (can_edit, p.status) {
        (false, _) => BTreeSet::new(),
        (true, ProposalStatus::InfoRequested) => p.reopened.iter().copied().collect(),
        (true, _) => TextField::ALL.iter().copied().collect(),
    };
    let can_submit = can_edit && p.status == ProposalStatus::Draft;
    let staff = policy::can_run_calls(actor).is_ok();
    let submitted = !matches!(p.status, ProposalStatus::Draft | ProposalStatus::Withdrawn);
    let can_review = submitted && policy::can_review_proposal(actor, p.cohort_id, rel).is_ok();
    let reviews =
        if staff || policy::can_see_unpublished_decisions(actor) || can_review { store::reviews(conn, id).await? } else { Vec::new() };
    let me = actor.person().map(|m| m.id.as_uuid());
    let my_review = reviews.iter().find(|r| Some(r.reviewer_id) == me).cloned();
    let hearing = if policy::can_see_unpublished_decisions(actor) { hearing_text(conn, id).await? } else { None };
    let missing = if can_submit {
        let attached: BTreeSet<String> = documents.iter().map(|d| d.key.clone()).collect();
        p.form.check_submission(&rules, &attached).err().unwrap_or_default()
    } else {
        FieldErrors::default()
    };
    let tells_reason = matches!(p.status, ProposalStatus::Ineligible | ProposalStatus::Incomplete | ProposalStatus::NotShortlisted);
    Ok(ProposalView {
        can_edit,
        editable_fields,
        can_submit,
        missing,
        deadline: match phase {
            CallPhase::Open { closes } if can_submit => Some(closes),
            _ => None,
        },
        can_withdraw: policy::can_withdraw_proposal(actor, p.status, rel).is_ok(),
        can_delete: policy::can_delete_draft(actor, p.status, rel).is_ok(),
        can_invite: policy::can_invite_contact(actor, p.status, rel).is_ok(),
        can_review,
        reviews,
        my_review,
        steps: if staff { StaffStep::available(p.status) } else { Vec::new() },
        hearing,
        reason: p.status_reason.clone().filter(|_| tells_reason),
        info_request: p.info_request.clone().filter(|_| p.status == ProposalStatus::InfoRequested),
        member: rel.member,
        staff,
        proposal: p,
        cohort,
        rules,
        phase,
        relation: rel,
        members,
        documents,
        host,
    })
}

/// Where and when a proposal is heard, as a sentence.
async fn hearing_text(conn: &mut Conn<'_>, id: ProposalId) -> Result<Option<String>, AppError> {
    let Some(a) = store::assignment(conn, id).await? else { return Ok(None) };
    let panel = store::panel(conn, cohorte_domain::ids::PanelId::from_uuid(a.panel_id)).await?.map(|(p, _)| p.name).unwrap_or_default();
    Ok(Some(match (a.hearing_at, a.duration_minutes, a.location) {
        (Some(at), Some(m), Some(loc)) => format!("{panel} — {} — {m} min — {loc}", cohorte_domain::paris::label(at)),
        _ => panel,
    }))
}

/// The proposals the signed-in person works on (statuses as they may know them).
pub async fn mine(ctx: &Ctx, session: &Session) -> Result<Vec<(ProposalRow, CohortAdminRow)>, AppError> {
    let mut c = ctx.db.acquire().await?;
    mine_on(&mut c.conn(), session).await
}

/// [`mine`] on the caller's connection (the signed-in home reads it with the rest).
pub async fn mine_on(conn: &mut Conn<'_>, session: &Session) -> Result<Vec<(ProposalRow, CohortAdminRow)>, AppError> {
    let me = policy::can_use_account(&session.actor)?;
    let mut out = Vec::new();
    for mut p in store::proposals_of(conn, me.id).await? {
        let co = store::cohort(conn, p.cohort_id).await?.ok_or(AppError::NotFound)?;
        access::mask(conn, &session.actor, &mut p).await?;
        out.push((p, co));
    }
    Ok(out)
}

fn name_ok(name: &str, rules: &RuleSet) -> Result<String, FieldErrors> {
    let n = name.trim();
    let len = u32::try_from(n.chars().count()).unwrap_or(u32::MAX);
    if n.is_empty() {
        Err(FieldErrors::one("name", "required"))
    } else if len > rules.limit(TextField::Name) {
        Err(FieldErrors::one("name", "too-long"))
    } else if cohorte_domain::text::has_forbidden_chars(n) {
        Err(FieldErrors::one("name", "forbidden-characters"))
    } else {
        Ok(n.to_owned())
    }
}

/// Starts a proposal for a cohort whose call is open. Its reference comes from the cohort's
/// counter: never reused, even after a draft is deleted.
pub async fn start(ctx: &Ctx, session: &Session, cohort_code: &str, name: &str, meta: &RequestMeta) -> Result<ProposalRow, AppError> {
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let cohort = w.cohort(cohort_code).await?;
    let phase = store::calendar(&mut w.conn(), cohort.cohort_id()).await?.call_phase(now);
    let me = policy::can_start_proposal(&session.actor, matches!(phase, CallPhase::Open { .. }))?;
    let rules = store::current_rules(&mut w.conn(), cohort.cohort_id()).await?.ok_or(AppError::NotFound)?;
    let name = name_ok(name, &rules.rules)?;
    let p = store::create_proposal(&mut w.conn(), &cohort, rules.id, &name, me.id, now).await?;
    w.audit(me, AuditAction::ProposalCreated, ("proposal", &p.reference), serde_json::json!({})).await?;
    w.commit().await?;
    Ok(p)
}

/// The outcome of a save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    /// Saved; the new version.
    Saved(i32),
    /// Someone saved since this version was loaded; nothing was written.
    Conflict {
        /// The version now stored.
        current: i32,
    },
}

/// Saves the form (a draft, or the reopened fields while information is requested). `version`
/// is the version the page loaded: a save from an older version is refused, never merged.
pub async fn save(
    ctx: &Ctx,
    session: &Session,
    id: ProposalId,
    version: i32,
    form: &ProposalForm,
    meta: &RequestMeta,
) -> Result<Saved, AppError> {
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let (seen, _cohort, rules) = load(&mut w.conn(), session, id).await?;
    let p = seen.proposal;
    let (_, open) = call_open(&mut w.conn(), &p, now).await?;
    policy::can_edit_proposal(&session.actor, p.status, seen.relation, open)?;
    let merged = if p.status == ProposalStatus::InfoRequested {
        let mut f = p.form.clone();
        f.merge_reopened(form, &p.reopened.iter().copied().collect());
        f
    } else {
        form.clone()
    };
    merged.check_draft(&rules)?;
    if let Some(n) = merged.texts.get(&TextField::Name) {
        name_ok(n, &rules)?;
    }
    let org = match merged.host.as_str() {
        "" => None,
        slug => Some(
            store::organisation(&mut w.conn(), slug)
                .await?
                .map(|o| cohorte_domain::ids::OrganisationId::from_uuid(o.id))
                .ok_or(FieldErrors::one("host", "unknown-organisation"))?,
        ),
    };
    for slug in merged.partners.iter().chain(std::iter::once(&merged.funding_holder)).filter(|s| !s.is_empty()) {
        if store::organisation(&mut w.conn(), slug).await?.is_none() {
            return Err(FieldErrors::one("partners", "unknown-organisation").into());
        }
    }
    match store::save_form(&mut w.conn(), id, version, &merged, org, now).await? {
        Some(v) => {
            w.commit().await?;
            Ok(Saved::Saved(v))
        }
        None => {
            let current = store::proposal(&mut w.conn(), id).await?.map(|p| p.version).unwrap_or(version);
            Ok(Saved::Conflict { current })
        }
    }
}

/// The largest file accepted, whatever the rules say (20 MiB).
pub const MAX_UPLOAD: usize = 20 * 1024 * 1024;

/// Attaches a document (PDF only, within the rules' size), replacing the previous one of the same
/// kind. Its SHA-256 is kept and enters the submission's fingerprint; its name always ends in
/// `.pdf`.
pub async fn upload(
    ctx: &Ctx,
    session: &Session,
    id: ProposalId,
    key: &str,
    filename: &str,
    bytes: &[u8],
    meta: &RequestMeta,
) -> Result<DocumentRow, AppError> {
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let (seen, _cohort, rules) = load(&mut w.conn(), session, id).await?;
    let p = seen.proposal;
    let (_, open) = call_open(&mut w.conn(), &p, now).await?;
    let me = policy::can_edit_proposal(&session.actor, p.status, seen.relation, open)?;
    if p.status != ProposalStatus::Draft {
        return Err(AppError::Denied(policy::Denied::Forbidden));
    }
    let rule = rules.attachments.iter().find(|a| a.key == key).ok_or(FieldErrors::one("document", "invalid-choice"))?;
    let max = usize::try_from(rule.max_mib).unwrap_or(1) * 1024 * 1024;
    cohorte_domain::proposal::check_pdf(bytes, max.min(MAX_UPLOAD)).map_err(|code| FieldErrors::one("document", code))?;
    let sha = hex::encode(Sha256::digest(bytes));
    let name = document_filename(filename);
    store::put_document(&mut w.conn(), id, key, &name, bytes, &sha, me.id, now).await?;
    w.audit(
        me,
        AuditAction::DocumentUploaded,
        ("proposal", &p.reference),
        serde_json::json!({"key": key, "size": bytes.len(), "sha256": sha}),
    )
    .await?;
    let doc = store::documents(&mut w.conn(), id).await?.into_iter().find(|d| d.key == key).ok_or(AppError::NotFound)?;
    w.commit().await?;
    Ok(doc)
}

/// A document's bytes, for someone who may read the proposal.
pub async fn document(ctx: &Ctx, session: &Session, id: ProposalId, key: &str) -> Result<(DocumentRow, Vec<u8>), AppError> {
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    access::proposal(&mut conn, &session.actor, id).await?;
    store::document_content(&mut conn, id, key).await?.ok_or(AppError::NotFound)
}

/// What the administration keeps of a submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    /// The proposal's reference.
    pub reference: String,
    /// The server's time of the submission.
    pub submitted_at: OffsetDateTime,
    /// The fingerprint.
    pub hash: String,
}

fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

/// Submits a draft: before the deadline by the server's clock, complete, with the version the
/// page shows. The submission and its acknowledgement emails commit together, before the answer.
pub async fn submit(ctx: &Ctx, session: &Session, id: ProposalId, version: i32, meta: &RequestMeta) -> Result<Receipt, AppError> {
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let (seen, cohort, rules) = load(&mut w.conn(), session, id).await?;
    let (p, rel) = (seen.proposal, seen.relation);
    let (_, open) = call_open(&mut w.conn(), &p, now).await?;
    if p.status == ProposalStatus::Draft && !open && rel.member {
        return Err(FieldErrors::one("form", "deadline-passed").into());
    }
    let me = policy::can_edit_proposal(&session.actor, p.status, rel, open)?;
    if p.version != version {
        return Err(FieldErrors::one("form", "version-conflict").into());
    }
    let docs = store::documents(&mut w.conn(), id).await?;
    let attached: BTreeSet<String> = docs.iter().map(|d| d.key.clone()).collect();
    p.form.check_submission(&rules, &attached)?;
    let to = p.status.apply(ProposalEvent::Submit).map_err(|_| AppError::Denied(policy::Denied::Forbidden))?;
    let fingerprints: BTreeMap<String, String> = docs.iter().map(|d| (d.key.clone(), d.sha256.clone())).collect();
    let at = rfc3339(now);
    let hash = submission_hash(&p.form, &fingerprints, &at);
    let change = StatusChange { submission: Some((now, hash.clone())), ..StatusChange::default() };
    if !store::set_status(&mut w.conn(), id, p.status, to, &change, now).await? {
        return Err(FieldErrors::one("form", "version-conflict").into());
    }
    let when = cohorte_domain::paris::label_seconds(now);
    let url = format!("{}/proposals/{}", ctx.settings.base_url, p.id);
    for m in store::members(&mut w.conn(), id).await? {
        notify::person(&mut w.conn(), PersonId::from_uuid(m.person_id), Some(&format!("submitted-{}", p.id)), now, |lang| Message {
            subject: i18n::ta(lang, "mail-submitted-subject", &[("reference", i18n::Arg::Str(&p.reference))]),
            paragraphs: vec![
                i18n::ta(
                    lang,
                    "mail-submitted-intro",
                    &[("name", i18n::Arg::Str(&p.name)), ("cohort", i18n::Arg::Str(cohort.title(lang)))],
                ),
                i18n::ta(lang, "mail-submitted-when", &[("when", i18n::Arg::Str(&when)), ("utc", i18n::Arg::Str(&at))]),
                i18n::ta(lang, "mail-submitted-hash", &[("hash", i18n::Arg::Str(&hash))]),
                i18n::t(lang, "mail-submitted-next"),
            ],
            url: Some(url.clone()),
            attachments: Vec::new(),
        })
        .await?;
    }
    w.audit(
        me,
        AuditAction::ProposalSubmitted,
        ("proposal", &p.reference),
        serde_json::json!({"submitted_at": at, "hash": hash, "documents": fingerprints}),
    )
    .await?;
    w.commit().await?;
    Ok(Receipt { reference: p.reference, submitted_at: now, hash })
}

/// Withdraws a proposal (its members, before the hearing).
pub async fn withdraw(ctx: &Ctx, session: &Session, id: ProposalId, meta: &RequestMeta) -> Result<(), AppError> {
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let (seen, _, _) = load(&mut w.conn(), session, id).await?;
    let p = seen.proposal;
    let me = policy::can_withdraw_proposal(&session.actor, p.status, seen.relation)?;
    let to = p.status.apply(ProposalEvent::Withdraw).map_err(|_| AppError::Denied(policy::Denied::Forbidden))?;
    if !store::set_status(&mut w.conn(), id, p.status, to, &StatusChange::default(), now).await? {
        return Err(AppError::conflict("proposal-changed"));
    }
    w.audit(me, AuditAction::ProposalWithdrawn, ("proposal", &p.reference), serde_json::json!({"from": p.status.as_str()})).await?;
    w.commit().await
}

/// Deletes a draft (its members; nothing was submitted).
pub async fn delete_draft(ctx: &Ctx, session: &Session, id: ProposalId, meta: &RequestMeta) -> Result<(), AppError> {
    let mut w = Uow::begin(ctx, meta).await?;
    let (seen, _, _) = load(&mut w.conn(), session, id).await?;
    let p = seen.proposal;
    let me = policy::can_delete_draft(&session.actor, p.status, seen.relation)?;
    if !store::delete_draft(&mut w.conn(), id).await? {
        return Err(AppError::conflict("proposal-changed"));
    }
    w.audit(me, AuditAction::ProposalDeleted, ("proposal", &p.reference), serde_json::json!({"name": p.name})).await?;
    w.commit().await
}

/// Sends back the information requested: the proposal returns to pre-selection.
pub async fn provide_information(ctx: &Ctx, session: &Session, id: ProposalId, meta: &RequestMeta) -> Result<(), AppError> {
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let (seen, _, rules) = load(&mut w.conn(), session, id).await?;
    let p = seen.proposal;
    let me = policy::can_edit_proposal(&session.actor, p.status, seen.relation, false)?;
    let to = p.status.apply(ProposalEvent::ProvideInformation).map_err(|_| AppError::Denied(policy::Denied::Forbidden))?;
    let attached: BTreeSet<String> = store::documents(&mut w.conn(), id).await?.iter().map(|d| d.key.clone()).collect();
    p.form.check_submission(&rules, &attached)?;
    if !store::set_status(&mut w.conn(), id, p.status, to, &StatusChange::default(), now).await? {
        return Err(AppError::conflict("proposal-changed"));
    }
    w.audit(me, AuditAction::InformationProvided, ("proposal", &p.reference), serde_json::json!({"fields": p.reopened})).await?;
    w.commit().await
}

/// Invites another contact (second mentor, executive sponsor, HR or finance contact) to work on
/// the proposal: an invitation link; accepting it creates their account if needed.
pub async fn invite_contact(
    ctx: &Ctx,
    session: &Session,
    id: ProposalId,
    role: ContactRole,
    email_raw: &str,
    name: &str,
    meta: &RequestMeta,
) -> Result<(), AppError> {
    let mut w = Uow::begin(ctx, meta).await?;
    let now = w.now;
    let (seen, cohort, _) = load(&mut w.conn(), session, id).await?;
    let p = seen.proposal;
    let me = policy::can_invite_contact(&session.actor, p.status, seen.relation)?;
    let mut e = FieldErrors::default();
    let email =
        Email::parse(email_raw).map_err(|_| e.0.push(cohorte_domain::query::FieldError { field: "email", code: "invalid-email" })).ok();
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 120 || cohorte_domain::text::has_forbidden_chars(name) {
        e.0.push(cohorte_domain::query::FieldError { field: "name", code: "invalid-name" });
    }
    let (Some(email), true) = (email, e.0.is_empty()) else { return Err(e.into()) };
    let token = random_token();
    let payload = InvitePayload {
        name: name.to_owned(),
        roles: contact_roles(role).iter().map(|r| r.as_str().to_owned()).collect(),
        by: me.id.to_string(),
        proposal: Some((p.id.to_string(), role.as_str().to_owned())),
    };
    crate::identity::store_invitation(&mut w.conn(), &token, &email, &payload, now).await?;
    // The invited person has no account yet: the mail is written in the inviter's language.
    let lang = meta.lang;
    let url = format!("{}/invitations/accept?token={token}", ctx.settings.base_url);
    let subject = i18n::ta(lang, "mail-proposal-invite-subject", &[("name", i18n::Arg::Str(&p.name))]);
    let role_label = i18n::t(lang, &format!("contact-{}", role.as_str()));
    let paragraphs = vec![
        i18n::ta(
            lang,
            "mail-proposal-invite-intro",
            &[("inviter", i18n::Arg::Str(&me.name)), ("name", i18n::Arg::Str(&p.name)), ("cohort", i18n::Arg::Str(cohort.title(lang)))],
        ),
        i18n::ta(lang, "mail-proposal-invite-role", &[("role", i18n::Arg::Str(&role_label))]),
        i18n::ta(lang, "mail-invite-expiry", &[("count", i18n::Arg::Num(TokenPurpose::Invite.ttl().whole_days()))]),
    ];
    let m = crate::mail::message_mail(lang, email.as_str(), &subject, &paragraphs, Some(&url))
        .map_err(|e| AppError::Internal(e.to_string()))?;
    crate::jobs::enqueue(&mut w.conn(), &crate::jobs::Job::SendMail { mail: m }, None, now).await?;
    w.audit(
        me,
        AuditAction::ProposalMemberInvited,
        ("proposal", &p.reference),
        serde_json::json!({"role": role.as_str(), "email_hash": &secret_hash(email.as_str())[..16]}),
    )
    .await?;
    w.commit().await
}

/// The roles an invited contact receives (their place in the program's records).
fn contact_roles(role: ContactRole) -> Vec<RoleKind> {
    match role {
        ContactRole::OperationalMentor | ContactRole::OperationalMentor2 => vec![RoleKind::AdminContact],
        ContactRole::ExecutiveSponsor => vec![RoleKind::AdminContact],
        ContactRole::HrContact => vec![RoleKind::HrContact],
        ContactRole::FinanceContact => vec![RoleKind::FinanceContact],
    }
}
