//! Challenge proposals, from the administration's side: start, save (never overwriting another
//! tab's save), attach documents, invite the other contacts, submit before the deadline (with an
//! acknowledgement carrying the server's timestamp and a fingerprint), withdraw, answer a request
//! for information.

use std::collections::{BTreeMap, BTreeSet};

use cohorte_domain::cohort::{CallPhase, RuleSet, TextField};
use cohorte_domain::content::RoleKind;
use cohorte_domain::identity::{AuditAction, Email, TokenPurpose, secret_hash};
use cohorte_domain::ids::{PersonId, ProposalId};
use cohorte_domain::policy::{self, ProposalRelation};
use cohorte_domain::proposal::{ContactRole, ProposalEvent, ProposalForm, ProposalStatus, submission_hash};
use cohorte_domain::query::{FieldError, FieldErrors};
use cohorte_store::Conn;
use cohorte_store::call::{self as store, CohortAdminRow, DocumentRow, MemberRow, ProposalRow, StatusChange};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::identity::{InvitePayload, RequestMeta, Session, random_token, record};
use crate::jobs::{Job, enqueue};
use crate::{AppError, Ctx, i18n, mail};

/// How the actor relates to a proposal (read from the database, then given to the policy).
pub async fn relation(conn: &mut Conn<'_>, session: &Session, p: &ProposalRow) -> Result<ProposalRelation, AppError> {
    let Some(me) = session.actor.person() else { return Ok(ProposalRelation::default()) };
    let member = store::is_member(conn, p.id, me.id).await?;
    let (on_panel, conflicted) = crate::jury::panel_relation(conn, me.id, p).await?;
    Ok(ProposalRelation { member, on_panel, conflicted })
}

/// A proposal as its reader sees it.
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
    /// Whether the reader may withdraw it.
    pub can_withdraw: bool,
    /// Whether the reader may delete it (a draft).
    pub can_delete: bool,
}

async fn load(conn: &mut Conn<'_>, id: ProposalId) -> Result<(ProposalRow, CohortAdminRow, RuleSet), AppError> {
    let p = store::proposal(conn, id).await?.ok_or(AppError::NotFound)?;
    let cohort = store::cohort(conn, p.cohort_id).await?.ok_or(AppError::NotFound)?;
    let rules = store::rules(conn, p.rule_set_id).await?.ok_or(AppError::NotFound)?.rules;
    Ok((p, cohort, rules))
}

/// Whether the cohort's results are published (decisions may then be shown).
pub async fn results_published(conn: &mut Conn<'_>, cohort: cohorte_domain::ids::CohortId) -> Result<bool, AppError> {
    Ok(crate::decisions::published_at(conn, cohort).await?.is_some())
}

/// Reads a proposal (its members, staff, the validator, assigned pre-selectors and jurors).
pub async fn view(ctx: &Ctx, session: &Session, id: ProposalId) -> Result<ProposalView, AppError> {
    let now = ctx.clock.now();
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let (mut p, cohort, rules) = load(&mut conn, id).await?;
    let rel = relation(&mut conn, session, &p).await?;
    policy::can_view_proposal(&session.actor, p.cohort_id, p.status, rel)?;
    if !policy::can_see_unpublished_decisions(&session.actor) && !results_published(&mut conn, p.cohort_id).await? {
        p.status = p.status.as_seen_before_publication();
    }
    let phase = store::calendar(&mut conn, p.cohort_id).await?.call_phase(now);
    let open = matches!(phase, CallPhase::Open { .. });
    let members = store::members(&mut conn, id).await?;
    let documents = store::documents(&mut conn, id).await?;
    let host = match p.form.host.as_str() {
        "" => None,
        slug => store::organisation(&mut conn, slug).await?.map(|o| (o.slug, o.name)),
    };
    Ok(ProposalView {
        can_edit: policy::can_edit_proposal(&session.actor, p.status, rel, open).is_ok(),
        can_withdraw: policy::can_withdraw_proposal(&session.actor, p.status, rel).is_ok(),
        can_delete: policy::can_delete_draft(&session.actor, p.status, rel).is_ok(),
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

/// The proposals the signed-in person works on.
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
        if !policy::can_see_unpublished_decisions(&session.actor) && !results_published(conn, p.cohort_id).await? {
            p.status = p.status.as_seen_before_publication();
        }
        out.push((p, co));
    }
    Ok(out)
}

fn name_ok(name: &str, rules: &RuleSet) -> Result<String, FieldErrors> {
    let n = name.trim();
    let len = u32::try_from(n.chars().count()).unwrap_or(u32::MAX);
    if n.is_empty() {
        Err(FieldErrors(vec![FieldError { field: "name", code: "required" }]))
    } else if len > rules.limit(TextField::Name) {
        Err(FieldErrors(vec![FieldError { field: "name", code: "too-long" }]))
    } else if cohorte_domain::text::has_forbidden_chars(n) {
        Err(FieldErrors(vec![FieldError { field: "name", code: "forbidden-characters" }]))
    } else {
        Ok(n.to_owned())
    }
}

/// Starts a proposal for a cohort whose call is open.
pub async fn start(ctx: &Ctx, session: &Session, cohort_code: &str, name: &str, meta: &RequestMeta) -> Result<ProposalRow, AppError> {
    let now = ctx.clock.now();
    let mut tx = ctx.db.begin().await?;
    let mut conn = tx.conn();
    let cohort = store::cohort_by_code(&mut conn, cohort_code).await?.ok_or(AppError::NotFound)?;
    let phase = store::calendar(&mut conn, cohort.cohort_id()).await?.call_phase(now);
    let me = policy::can_start_proposal(&session.actor, matches!(phase, CallPhase::Open { .. }))?.clone();
    let rules = store::current_rules(&mut conn, cohort.cohort_id()).await?.ok_or(AppError::NotFound)?;
    let name = name_ok(name, &rules.rules)?;
    let p = store::create_proposal(&mut conn, &cohort, rules.id, &name, me.id, now).await?;
    record(&mut conn, now, Some(me.id), &me.name, AuditAction::ProposalCreated, ("proposal", &p.reference), serde_json::json!({}), meta)
        .await?;
    tx.commit().await?;
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
    let now = ctx.clock.now();
    let mut tx = ctx.db.begin().await?;
    let mut conn = tx.conn();
    let (p, _cohort, rules) = load(&mut conn, id).await?;
    let rel = relation(&mut conn, session, &p).await?;
    let open = matches!(store::calendar(&mut conn, p.cohort_id).await?.call_phase(now), CallPhase::Open { .. });
    let me = policy::can_edit_proposal(&session.actor, p.status, rel, open)?.clone();
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
            store::organisation(&mut conn, slug)
                .await?
                .map(|o| cohorte_domain::ids::OrganisationId::from_uuid(o.id))
                .ok_or(FieldErrors(vec![FieldError { field: "host", code: "unknown-organisation" }]))?,
        ),
    };
    for slug in merged.partners.iter().chain(std::iter::once(&merged.funding_holder)).filter(|s| !s.is_empty()) {
        if store::organisation(&mut conn, slug).await?.is_none() {
            return Err(FieldErrors(vec![FieldError { field: "partners", code: "unknown-organisation" }]).into());
        }
    }
    match store::save_form(&mut conn, id, version, &merged, org, now).await? {
        Some(v) => {
            let _ = me;
            let _ = meta;
            tx.commit().await?;
            Ok(Saved::Saved(v))
        }
        None => {
            let current = store::proposal(&mut conn, id).await?.map(|p| p.version).unwrap_or(version);
            Ok(Saved::Conflict { current })
        }
    }
}

/// The largest file accepted, whatever the rules say (20 MiB).
pub const MAX_UPLOAD: usize = 20 * 1024 * 1024;

/// Keeps a file name displayable: the last path segment, no control characters, 100 characters.
pub fn display_filename(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = last.chars().filter(|c| !c.is_control() && !"<>:\"|?*".contains(*c)).take(100).collect();
    let clean = clean.trim().trim_start_matches('.').to_owned();
    if clean.is_empty() { "document.pdf".to_owned() } else { clean }
}

/// Attaches a document (PDF only, within the rules' size), replacing the previous one of the same
/// kind. Its SHA-256 is kept and enters the submission's fingerprint.
pub async fn upload(
    ctx: &Ctx,
    session: &Session,
    id: ProposalId,
    key: &str,
    filename: &str,
    bytes: &[u8],
    meta: &RequestMeta,
) -> Result<DocumentRow, AppError> {
    let now = ctx.clock.now();
    let mut tx = ctx.db.begin().await?;
    let mut conn = tx.conn();
    let (p, _cohort, rules) = load(&mut conn, id).await?;
    let rel = relation(&mut conn, session, &p).await?;
    let open = matches!(store::calendar(&mut conn, p.cohort_id).await?.call_phase(now), CallPhase::Open { .. });
    let me = policy::can_edit_proposal(&session.actor, p.status, rel, open)?.clone();
    if p.status != ProposalStatus::Draft {
        return Err(AppError::Denied(policy::Denied::Forbidden));
    }
    let rule = rules
        .attachments
        .iter()
        .find(|a| a.key == key)
        .ok_or(FieldErrors(vec![FieldError { field: "document", code: "invalid-choice" }]))?;
    if bytes.is_empty() {
        return Err(FieldErrors(vec![FieldError { field: "document", code: "file-empty" }]).into());
    }
    let max = usize::try_from(rule.max_mib).unwrap_or(1) * 1024 * 1024;
    if bytes.len() > max.min(MAX_UPLOAD) {
        return Err(FieldErrors(vec![FieldError { field: "document", code: "file-too-large" }]).into());
    }
    if !bytes.starts_with(b"%PDF-") {
        return Err(FieldErrors(vec![FieldError { field: "document", code: "file-not-pdf" }]).into());
    }
    let sha = hex::encode(Sha256::digest(bytes));
    let name = display_filename(filename);
    store::put_document(&mut conn, id, key, &name, bytes, &sha, me.id, now).await?;
    record(
        &mut conn,
        now,
        Some(me.id),
        &me.name,
        AuditAction::DocumentUploaded,
        ("proposal", &p.reference),
        serde_json::json!({"key": key, "size": bytes.len(), "sha256": sha}),
        meta,
    )
    .await?;
    let doc = store::documents(&mut conn, id).await?.into_iter().find(|d| d.key == key).ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(doc)
}

/// A document's bytes, for someone who may read the proposal.
pub async fn document(ctx: &Ctx, session: &Session, id: ProposalId, key: &str) -> Result<(DocumentRow, Vec<u8>), AppError> {
    let mut c = ctx.db.acquire().await?;
    let mut conn = c.conn();
    let p = store::proposal(&mut conn, id).await?.ok_or(AppError::NotFound)?;
    let rel = relation(&mut conn, session, &p).await?;
    policy::can_view_proposal(&session.actor, p.cohort_id, p.status, rel)?;
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
    let now = ctx.clock.now();
    let mut tx = ctx.db.begin().await?;
    let mut conn = tx.conn();
    let (p, cohort, rules) = load(&mut conn, id).await?;
    let rel = relation(&mut conn, session, &p).await?;
    let phase = store::calendar(&mut conn, p.cohort_id).await?.call_phase(now);
    let open = matches!(phase, CallPhase::Open { .. });
    if p.status == ProposalStatus::Draft && !open && rel.member {
        return Err(FieldErrors(vec![FieldError { field: "form", code: "deadline-passed" }]).into());
    }
    let me = policy::can_edit_proposal(&session.actor, p.status, rel, open)?.clone();
    if p.version != version {
        return Err(FieldErrors(vec![FieldError { field: "form", code: "version-conflict" }]).into());
    }
    let docs = store::documents(&mut conn, id).await?;
    let attached: BTreeSet<String> = docs.iter().map(|d| d.key.clone()).collect();
    p.form.check_submission(&rules, &attached)?;
    let to = p.status.apply(ProposalEvent::Submit).map_err(|_| AppError::Denied(policy::Denied::Forbidden))?;
    let fingerprints: BTreeMap<String, String> = docs.iter().map(|d| (d.key.clone(), d.sha256.clone())).collect();
    let at = rfc3339(now);
    let hash = submission_hash(&p.form, &fingerprints, &at);
    let change = StatusChange { submission: Some((now, hash.clone())), ..StatusChange::default() };
    if !store::set_status(&mut conn, id, p.status, to, &change, now).await? {
        return Err(FieldErrors(vec![FieldError { field: "form", code: "version-conflict" }]).into());
    }
    let local = cohorte_domain::paris::to_local(now);
    let when = format!(
        "{:02}/{:02}/{} {:02}:{:02}:{:02} (Europe/Paris, UTC{})",
        local.day(),
        u8::from(local.month()),
        local.year(),
        local.hour(),
        local.minute(),
        local.second(),
        if local.offset().whole_hours() == 2 { "+2" } else { "+1" }
    );
    let url = format!("{}/proposals/{}", ctx.settings.base_url, p.id);
    for m in store::members(&mut conn, id).await? {
        let Some(email) = primary_email(&mut conn, PersonId::from_uuid(m.person_id)).await? else { continue };
        let lang = meta.lang;
        let subject = i18n::ta(lang, "mail-submitted-subject", &[("reference", i18n::Arg::Str(&p.reference))]);
        let paragraphs = vec![
            i18n::ta(lang, "mail-submitted-intro", &[("name", i18n::Arg::Str(&p.name)), ("cohort", i18n::Arg::Str(cohort.title(lang)))]),
            i18n::ta(lang, "mail-submitted-when", &[("when", i18n::Arg::Str(&when)), ("utc", i18n::Arg::Str(&at))]),
            i18n::ta(lang, "mail-submitted-hash", &[("hash", i18n::Arg::Str(&hash))]),
            i18n::t(lang, "mail-submitted-next"),
        ];
        let mail = mail::message_mail(lang, &email, &subject, &paragraphs, Some(&url)).map_err(|e| AppError::Internal(e.to_string()))?;
        enqueue(&mut conn, &Job::SendMail { mail }, Some(&format!("submitted-{}-{}", p.id, m.person_id)), now).await?;
    }
    record(
        &mut conn,
        now,
        Some(me.id),
        &me.name,
        AuditAction::ProposalSubmitted,
        ("proposal", &p.reference),
        serde_json::json!({"submitted_at": at, "hash": hash, "documents": fingerprints}),
        meta,
    )
    .await?;
    tx.commit().await?;
    Ok(Receipt { reference: p.reference, submitted_at: now, hash })
}

async fn primary_email(conn: &mut Conn<'_>, person: PersonId) -> Result<Option<String>, AppError> {
    let emails = cohorte_store::identity::emails_of(conn, person).await?;
    Ok(emails.iter().find(|e| e.is_primary && e.verified_at.is_some()).or(emails.first()).map(|e| e.email.clone()))
}

/// Withdraws a proposal (its members, before the hearing).
pub async fn withdraw(ctx: &Ctx, session: &Session, id: ProposalId, meta: &RequestMeta) -> Result<(), AppError> {
    let now = ctx.clock.now();
    let mut tx = ctx.db.begin().await?;
    let mut conn = tx.conn();
    let (p, _cohort, _rules) = load(&mut conn, id).await?;
    let rel = relation(&mut conn, session, &p).await?;
    let me = policy::can_withdraw_proposal(&session.actor, p.status, rel)?.clone();
    let to = p.status.apply(ProposalEvent::Withdraw).map_err(|_| AppError::Denied(policy::Denied::Forbidden))?;
    if !store::set_status(&mut conn, id, p.status, to, &StatusChange::default(), now).await? {
        return Err(AppError::Conflict("the proposal changed meanwhile".into()));
    }
    record(
        &mut conn,
        now,
        Some(me.id),
        &me.name,
        AuditAction::ProposalWithdrawn,
        ("proposal", &p.reference),
        serde_json::json!({"from": p.status.as_str()}),
        meta,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes a draft (its members; nothing was submitted).
pub async fn delete_draft(ctx: &Ctx, session: &Session, id: ProposalId, meta: &RequestMeta) -> Result<(), AppError> {
    let now = ctx.clock.now();
    let mut tx = ctx.db.begin().await?;
    let mut conn = tx.conn();
    let (p, _cohort, _rules) = load(&mut conn, id).await?;
    let rel = relation(&mut conn, session, &p).await?;
    let me = policy::can_delete_draft(&session.actor, p.status, rel)?.clone();
    if !store::delete_draft(&mut conn, id).await? {
        return Err(AppError::Conflict("the proposal changed meanwhile".into()));
    }
    record(
        &mut conn,
        now,
        Some(me.id),
        &me.name,
        AuditAction::ProposalDeleted,
        ("proposal", &p.reference),
        serde_json::json!({"name": p.name}),
        meta,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Sends back the information requested: the proposal returns to pre-selection.
pub async fn provide_information(ctx: &Ctx, session: &Session, id: ProposalId, meta: &RequestMeta) -> Result<(), AppError> {
    let now = ctx.clock.now();
    let mut tx = ctx.db.begin().await?;
    let mut conn = tx.conn();
    let (p, _cohort, rules) = load(&mut conn, id).await?;
    let rel = relation(&mut conn, session, &p).await?;
    let me = policy::can_edit_proposal(&session.actor, p.status, rel, false)?.clone();
    let to = p.status.apply(ProposalEvent::ProvideInformation).map_err(|_| AppError::Denied(policy::Denied::Forbidden))?;
    let attached: BTreeSet<String> = store::documents(&mut conn, id).await?.iter().map(|d| d.key.clone()).collect();
    p.form.check_submission(&rules, &attached)?;
    if !store::set_status(&mut conn, id, p.status, to, &StatusChange::default(), now).await? {
        return Err(AppError::Conflict("the proposal changed meanwhile".into()));
    }
    record(
        &mut conn,
        now,
        Some(me.id),
        &me.name,
        AuditAction::InformationProvided,
        ("proposal", &p.reference),
        serde_json::json!({"fields": p.reopened}),
        meta,
    )
    .await?;
    tx.commit().await?;
    Ok(())
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
    let now = ctx.clock.now();
    let mut tx = ctx.db.begin().await?;
    let mut conn = tx.conn();
    let (p, cohort, _rules) = load(&mut conn, id).await?;
    let rel = relation(&mut conn, session, &p).await?;
    let me = policy::can_view_proposal(&session.actor, p.cohort_id, p.status, rel)?.clone();
    if !rel.member || p.status.is_decision() {
        return Err(AppError::Denied(policy::Denied::Forbidden));
    }
    let mut e = Vec::new();
    let email = Email::parse(email_raw).map_err(|_| e.push(FieldError { field: "email", code: "invalid-email" })).ok();
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 120 || cohorte_domain::text::has_forbidden_chars(name) {
        e.push(FieldError { field: "name", code: "invalid-name" });
    }
    let (Some(email), true) = (email, e.is_empty()) else { return Err(FieldErrors(e).into()) };
    let token = random_token();
    let payload = InvitePayload {
        name: name.to_owned(),
        roles: contact_roles(role).iter().map(|r| r.as_str().to_owned()).collect(),
        by: me.id.to_string(),
        proposal: Some((p.id.to_string(), role.as_str().to_owned())),
    };
    let json = serde_json::to_string(&payload).map_err(|e| AppError::Internal(e.to_string()))?;
    cohorte_store::identity::insert_token(
        &mut conn,
        &secret_hash(&token),
        TokenPurpose::Invite.as_str(),
        &email,
        None,
        None,
        &json,
        now,
        now + TokenPurpose::Invite.ttl(),
    )
    .await?;
    let url = format!("{}/invitations/accept?token={token}", ctx.settings.base_url);
    let lang = meta.lang;
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
    let m = mail::message_mail(lang, email.as_str(), &subject, &paragraphs, Some(&url)).map_err(|e| AppError::Internal(e.to_string()))?;
    enqueue(&mut conn, &Job::SendMail { mail: m }, None, now).await?;
    record(
        &mut conn,
        now,
        Some(me.id),
        &me.name,
        AuditAction::ProposalMemberInvited,
        ("proposal", &p.reference),
        serde_json::json!({"role": role.as_str(), "email_hash": &secret_hash(email.as_str())[..16]}),
        meta,
    )
    .await?;
    tx.commit().await?;
    Ok(())
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
