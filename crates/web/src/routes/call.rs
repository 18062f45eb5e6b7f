//! The call for projects over HTTP: thin handlers around `cohorte_app::{calls, proposals, jury,
//! decisions}`. Forms are parsed here into typed inputs; every decision is the use case's.

use std::collections::{BTreeMap, BTreeSet};

use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use cohorte_app::calls::{self, CohortInput, MilestoneInput};
use cohorte_app::jury::{self, EvaluationForm, PreselectionStep};
use cohorte_app::proposals::{self, Saved};
use cohorte_app::{AppError, decisions};
use cohorte_domain::cohort::{AttachmentRule, Attestation, CallPhase, Criterion, MilestoneKind, ProfileKind, RuleSet, TextField};
use cohorte_domain::ids::{PanelId, PersonId, ProposalId};
use cohorte_domain::proposal::{
    Contact, ContactRole, Dataset, Decision, Opinion, ProfileNeed, ProposalForm, ProposalSort, Recommendation, RoundStatus, StaffStep,
    TeamMember,
};
use cohorte_domain::query::{FieldError, FieldErrors};
use serde::Deserialize;

use crate::AppState;
use crate::error::WebError;
use crate::extract::{F, Q, SlugPath};
use crate::session::Visitor;
use crate::views::call::*;
use crate::views::{Chrome, Opt, render, render_invalid};

// ---------------------------------------------------------------- helpers

/// A UUID in the path; anything else is "no such page".
pub struct IdPath<T>(pub T);

impl<S: Send + Sync, T: std::str::FromStr + Send> axum::extract::FromRequestParts<S> for IdPath<T> {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state).await.map_err(|_| WebError::NotFound)?;
        raw.parse().map(IdPath).map_err(|_| WebError::NotFound)
    }
}

fn session(v: &Visitor) -> Result<cohorte_app::identity::Session, WebError> {
    v.session().ok_or(WebError::SignIn)
}

pub(crate) fn status_label(c: &Chrome, s: cohorte_domain::proposal::ProposalStatus) -> (String, String) {
    (c.t(&format!("status-{}", s.as_str())), s.as_str().to_owned())
}

fn when(t: time::OffsetDateTime) -> String {
    cohorte_domain::paris::label(t)
}

pub(crate) fn phase_text(c: &Chrome, phase: CallPhase) -> String {
    match phase {
        CallPhase::NotScheduled => c.t("phase-not-scheduled"),
        CallPhase::Upcoming { opens } => c.ts("phase-upcoming", "when", &when(opens)),
        CallPhase::Open { closes } => c.ts("phase-open", "when", &when(closes)),
        CallPhase::Closed { closed } => c.ts("phase-closed", "when", &when(closed)),
    }
}

/// The problems of invalid fields, as lines for an alert.
fn problems(c: &Chrome, e: &FieldErrors) -> Vec<String> {
    e.0.iter().map(|f| format!("{} : {}", c.t(&format!("field-{}", f.field)), c.t(&format!("error-{}", f.code)))).collect()
}

fn pairs_get<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

/// Form fields that may appear several times.
const REPEATABLE: [&str; 4] = ["attestation", "partner", "profile", "reopen"];

/// Refuses a field given twice (parameter pollution), except the repeatable ones.
fn no_duplicates(pairs: &[(String, String)]) -> Result<(), WebError> {
    let mut seen = BTreeSet::new();
    for (k, _) in pairs {
        if !REPEATABLE.contains(&k.as_str()) && !seen.insert(k.as_str()) {
            return Err(WebError::BadRequest(FieldErrors(vec![FieldError { field: "form", code: "invalid-query" }])));
        }
        if k.len() > 64 {
            return Err(WebError::BadRequest(FieldErrors(vec![FieldError { field: "form", code: "invalid-query" }])));
        }
    }
    Ok(())
}

/// Reads the proposal form and the version it was loaded at.
fn parse_proposal(pairs: &[(String, String)]) -> Result<(ProposalForm, i32), WebError> {
    no_duplicates(pairs)?;
    let bad = |field: &'static str, code: &'static str| WebError::BadRequest(FieldErrors(vec![FieldError { field, code }]));
    let version = pairs_get(pairs, "version").and_then(|v| v.parse::<i32>().ok()).ok_or_else(|| bad("form", "invalid-query"))?;
    let mut f = ProposalForm {
        host: pairs_get(pairs, "host").unwrap_or("").trim().to_owned(),
        funding_holder: pairs_get(pairs, "funding_holder").unwrap_or("").trim().to_owned(),
        partners: pairs.iter().filter(|(k, v)| k == "partner" && !v.trim().is_empty()).map(|(_, v)| v.trim().to_owned()).collect(),
        address: pairs_get(pairs, "address").unwrap_or("").trim().to_owned(),
        cofunding: pairs_get(pairs, "cofunding").is_some(),
        budget_programme: pairs_get(pairs, "budget_programme").unwrap_or("").trim().to_owned(),
        ..ProposalForm::default()
    };
    f.partners.dedup();
    f.fellows = match pairs_get(pairs, "fellows").map(str::trim) {
        None | Some("") => 0,
        Some(n) => n.parse().map_err(|_| bad("fellows", "fellows-range"))?,
    };
    f.forecast_cost = match pairs_get(pairs, "forecast_cost").map(|s| s.replace([' ', '\u{202f}', '\u{a0}', '.'], "")) {
        None => 0,
        Some(s) if s.is_empty() => 0,
        Some(s) => s.parse().map_err(|_| bad("forecast_cost", "amount-range"))?,
    };
    for t in TextField::ALL {
        if let Some(v) = pairs_get(pairs, &format!("text.{}", t.as_str())) {
            let v = v.replace("\r\n", "\n");
            if !v.trim().is_empty() {
                f.texts.insert(*t, v.trim().to_owned());
            }
        }
    }
    for r in ContactRole::ALL {
        let get = |x: &str| pairs_get(pairs, &format!("contact.{}.{x}", r.as_str())).unwrap_or("").trim().to_owned();
        let c = Contact { name: get("name"), function: get("function"), email: get("email"), phone: get("phone") };
        if c != Contact::default() {
            f.contacts.insert(*r, c);
        }
    }
    for i in 0..3 {
        let kind = pairs_get(pairs, &format!("profile.{i}.kind")).unwrap_or("");
        if kind.is_empty() {
            continue;
        }
        let kind = ProfileKind::parse(kind).ok_or_else(|| bad("profiles", "invalid-choice"))?;
        let get = |x: &str| pairs_get(pairs, &format!("profile.{i}.{x}")).unwrap_or("").replace("\r\n", "\n").trim().to_owned();
        f.profiles.push(ProfileNeed { kind, mission: get("mission"), expertise: get("expertise") });
    }
    for i in 0..cohorte_domain::proposal::MAX_TEAM + 1 {
        let get = |x: &str| pairs_get(pairs, &format!("team.{i}.{x}")).unwrap_or("").trim().to_owned();
        let name = get("name");
        if name.is_empty() {
            continue;
        }
        let involvement = match get("involvement").trim_end_matches('%').trim() {
            "" => 0,
            x => x.parse::<u8>().map_err(|_| bad("team", "percent-range"))?,
        };
        f.team.push(TeamMember { name, function: get("function"), status: get("status"), involvement, contribution: get("contribution") });
    }
    for i in 0..cohorte_domain::proposal::MAX_DATASETS + 1 {
        let name = pairs_get(pairs, &format!("dataset.{i}.name")).unwrap_or("").trim().to_owned();
        if name.is_empty() {
            continue;
        }
        f.datasets.push(Dataset {
            name,
            accessible: pairs_get(pairs, &format!("dataset.{i}.accessible")).is_some(),
            steps: pairs_get(pairs, &format!("dataset.{i}.steps")).unwrap_or("").replace("\r\n", "\n").trim().to_owned(),
        });
    }
    f.attestations = pairs.iter().filter(|(k, _)| k == "attestation").map(|(_, v)| v.clone()).collect();
    Ok((f, version))
}

// ---------------------------------------------------------------- open calls and my proposals

/// `GET /calls`.
pub async fn calls_page(State(state): State<AppState>, c: Chrome, v: Visitor) -> Result<Response, WebError> {
    let open = calls::open_calls(&state.ctx).await?;
    let csrf = match v.actor().person() {
        Some(_) => Some(v.ensure(&state).await?.csrf_token),
        None => None,
    };
    let lines = open
        .iter()
        .map(|o| CallLine {
            code: o.cohort.code.clone(),
            title: o.cohort.title(c.lang).to_owned(),
            open: matches!(o.phase, CallPhase::Open { .. }),
            when: phase_text(&c, o.phase),
        })
        .collect();
    let title = c.t("calls-title");
    Ok(render(&CallsPage { c: c.page("calls", title), csrf, calls: lines }))
}

/// The name of a new proposal.
#[derive(Debug, Deserialize)]
pub struct StartForm {
    name: String,
}

/// `POST /calls/{code}/proposals`.
pub async fn start(State(state): State<AppState>, v: Visitor, SlugPath(code): SlugPath, F(f): F<StartForm>) -> Result<Response, WebError> {
    let s = v.required()?;
    let p = proposals::start(&state.ctx, &s, code.as_str(), &f.name, &v.meta).await?;
    Ok(Redirect::to(&format!("/proposals/{}?created=1", p.id)).into_response())
}

/// The notice after deleting a draft.
#[derive(Debug, Default, Deserialize)]
pub struct ListNotice {
    deleted: Option<String>,
}

/// `GET /proposals`.
pub async fn my_proposals(State(state): State<AppState>, c: Chrome, v: Visitor, Q(n): Q<ListNotice>) -> Result<Response, WebError> {
    let s = session(&v)?;
    let list = proposals::mine(&state.ctx, &s).await?;
    let rows = list
        .iter()
        .map(|(p, co)| {
            let (status, key) = status_label(&c, p.status);
            ProposalLineView {
                href: format!("/proposals/{}", p.id),
                reference: p.reference.clone(),
                name: p.name.clone(),
                context: co.title(c.lang).to_owned(),
                status,
                status_key: key,
                extra: p.submitted_at.map(when).unwrap_or_default(),
            }
        })
        .collect();
    let title = c.t("proposals-title");
    let notice = n.deleted.map(|_| c.t("proposal-deleted"));
    Ok(render(&MyProposalsPage { c: c.page("calls", title), proposals: rows, notice }))
}

// ---------------------------------------------------------------- the proposal page

/// The query of the proposal page after an action.
#[derive(Debug, Default, Deserialize)]
pub struct ProposalNotice {
    created: Option<String>,
    saved: Option<String>,
    uploaded: Option<String>,
    invited: Option<String>,
    reviewed: Option<String>,
    step: Option<String>,
    sent: Option<String>,
    /// A search of the organisation tree (names, acronyms, aliases) to narrow the host choices.
    org: Option<String>,
}

fn organisation_options(all: &[calls::OrganisationOption], selected: &str) -> Vec<Opt> {
    all.iter().map(|o| Opt { selected: o.slug == selected, value: o.slug.clone(), label: o.label.clone() }).collect()
}

struct Outcome {
    /// The organisation search typed, if any.
    org_query: Option<String>,
    notice: Option<String>,
    errors: Vec<String>,
    conflict: Option<String>,
    status: StatusCode,
}

async fn proposal_view(
    state: &AppState,
    c: Chrome,
    v: &Visitor,
    id: ProposalId,
    typed: Option<&ProposalForm>,
    outcome: Outcome,
) -> Result<Response, WebError> {
    let s = session(v)?;
    let org_query = outcome.org_query.clone().unwrap_or_default();
    let proposals::ProposalPage { view, organisations, matches } =
        proposals::page(&state.ctx, &s, id, Some(org_query.as_str()).filter(|q| !q.trim().is_empty())).await?;
    let p = &view.proposal;
    let rules = &view.rules;
    let form = typed.unwrap_or(&p.form);
    let editable = view.can_edit;
    let draft = view.can_submit;
    let text = |f: TextField, rows: u8| TextInput {
        name: format!("text.{}", f.as_str()),
        id: format!("text-{}", f.as_str()),
        label: c.t(&format!("field-{}", if f == TextField::Status { "status_text" } else { f.as_str() })),
        hint: c.tn("proposal-limit", rules.limit(f)),
        value: form.texts.get(&f).cloned().unwrap_or_default(),
        limit: rules.limit(f),
        rows,
        required: f.required(),
        editable: view.field_editable(f),
    };
    let description = [
        (TextField::Name, 1),
        (TextField::Summary, 2),
        (TextField::Problem, 8),
        (TextField::Solution, 10),
        (TextField::Benefits, 8),
        (TextField::Benchmark, 4),
        (TextField::Status, 3),
        (TextField::Obstacles, 8),
        (TextField::Legal, 6),
        (TextField::PeopleMet, 6),
        (TextField::Sustainability, 4),
        (TextField::WhyApply, 6),
        (TextField::Needs, 6),
        (TextField::Transformation, 6),
    ]
    .into_iter()
    .map(|(f, r)| text(f, r))
    .collect();
    let team_texts = vec![text(TextField::Resources, 6)];
    let kinds = |sel: Option<ProfileKind>| -> Vec<Opt> {
        rules
            .profiles
            .iter()
            .map(|k| Opt { value: k.as_str().to_owned(), label: c.t(&format!("profile-kind-{}", k.as_str())), selected: sel == Some(*k) })
            .collect()
    };
    let profiles = (0..usize::from(rules.fellows_max))
        .map(|i| {
            let p = form.profiles.get(i);
            ProfileRowView {
                i,
                kinds: kinds(p.map(|x| x.kind)),
                mission: p.map(|x| x.mission.clone()).unwrap_or_default(),
                expertise: p.map(|x| x.expertise.clone()).unwrap_or_default(),
            }
        })
        .collect();
    let extra = if editable && draft { 3 } else { 0 };
    let team_len = (form.team.len() + extra).clamp(usize::from(editable && draft), cohorte_domain::proposal::MAX_TEAM);
    let team = (0..team_len)
        .map(|i| match form.team.get(i) {
            Some(t) => TeamRowView {
                i,
                name: t.name.clone(),
                function: t.function.clone(),
                status: t.status.clone(),
                involvement: t.involvement.to_string(),
                contribution: t.contribution.clone(),
            },
            None => TeamRowView { i, ..TeamRowView::default() },
        })
        .collect();
    let data_len = (form.datasets.len() + if editable && draft { 2 } else { 0 }).min(cohorte_domain::proposal::MAX_DATASETS);
    let datasets = (0..data_len)
        .map(|i| match form.datasets.get(i) {
            Some(d) => DatasetRowView { i, name: d.name.clone(), accessible: d.accessible, steps: d.steps.clone() },
            None => DatasetRowView { i, ..DatasetRowView::default() },
        })
        .collect();
    let contacts = ContactRole::ALL
        .iter()
        .map(|r| {
            let k = form.contacts.get(r).cloned().unwrap_or_default();
            ContactView {
                role: r.as_str().to_owned(),
                label: c.t(&format!("field-{}", r.as_str())),
                required: r.required(),
                name: k.name,
                function: k.function,
                email: k.email,
                phone: k.phone,
            }
        })
        .collect();
    let attestations = rules
        .attestations
        .iter()
        .map(|a| AttestationView {
            key: a.key.clone(),
            text: if c.is_en() { a.en.clone() } else { a.fr.clone() },
            checked: form.attestations.contains(&a.key),
        })
        .collect();
    let documents = rules
        .attachments
        .iter()
        .map(|a| DocumentView {
            key: a.key.clone(),
            label: if c.is_en() { a.en.clone() } else { a.fr.clone() },
            required: a.required,
            max_mib: a.max_mib,
            file: view.documents.iter().find(|d| d.key == a.key).map(|d| {
                (
                    d.filename.clone(),
                    format!("{} Kio", (d.size + 1023) / 1024),
                    d.sha256.clone(),
                    format!("/proposals/{}/documents/{}", p.id, d.key),
                )
            }),
        })
        .collect();
    let staff = view.staff;
    let yes_no = |b: Option<bool>| match b {
        Some(true) => c.t("yes"),
        Some(false) => c.t("no"),
        None => "—".to_owned(),
    };
    let yn = |b: Option<bool>| match b {
        Some(true) => "yes".to_owned(),
        Some(false) => "no".to_owned(),
        None => String::new(),
    };
    let my_review = match &view.my_review {
        Some(r) => (
            yn(r.eligible),
            yn(r.complete),
            r.notes.clone(),
            r.questions.clone(),
            r.recommendation.map(|x| x.as_str().to_owned()).unwrap_or_default(),
        ),
        None => Default::default(),
    };
    let reviews = view
        .reviews
        .iter()
        .map(|r| ReviewView {
            reviewer: r.reviewer_name.clone(),
            eligible: yes_no(r.eligible),
            complete: yes_no(r.complete),
            notes: r.notes.clone(),
            questions: r.questions.clone(),
            recommendation: r.recommendation.map(|x| c.t(&format!("review-{}", x.as_str()))).unwrap_or_else(|| "—".to_owned()),
        })
        .collect();
    let steps: Vec<(String, String)> = view.steps.iter().map(|k| (k.as_str().to_owned(), c.t(&format!("step-{}", k.as_str())))).collect();
    let reopenable = if view.steps.contains(&StaffStep::RequestInformation) {
        TextField::ALL
            .iter()
            .filter(|f| !matches!(f, TextField::Mission | TextField::Expertise | TextField::DatasetSteps))
            .map(|f| (f.as_str().to_owned(), c.t(&format!("field-{}", if *f == TextField::Status { "status_text" } else { f.as_str() }))))
            .collect()
    } else {
        Vec::new()
    };
    let hearing = view.hearing.clone();
    let host_label = view.host.as_ref().map(|h| h.1.clone()).unwrap_or_default();
    let deadline = view.deadline.map(|t| c.ts("proposal-deadline", "when", &when(t))).unwrap_or_default();
    let (back_label, back_href) = if view.member {
        (c.t("proposals-title"), "/proposals".to_owned())
    } else {
        (c.t("review-back"), format!("/review/{}", view.cohort.code))
    };
    let mut hosts = organisation_options(&organisations, &form.host);
    let mut org_matches = None;
    if let Some(found) = &matches {
        hosts.retain(|o| o.selected || found.contains(&o.value));
        org_matches = Some(c.tn("proposal-org-matches", found.len()));
    }
    let funders = organisation_options(&organisations, &form.funding_holder);
    let partners: Vec<Vec<Opt>> = (0..cohorte_domain::proposal::MAX_PARTNERS)
        .map(|i| organisation_options(&organisations, form.partners.get(i).map(String::as_str).unwrap_or("")))
        .collect();
    let title = p.name.clone();
    let page = ProposalPage {
        org_query,
        org_matches,
        csrf: s.csrf_token.clone(),
        id: p.id.to_string(),
        reference: p.reference.clone(),
        cohort: view.cohort.title(c.lang).to_owned(),
        status: status_label(&c, p.status),
        deadline,
        version: p.version,
        notice: outcome.notice,
        errors: outcome.errors,
        conflict: outcome.conflict,
        receipt: match (p.submitted_at, &p.submission_hash) {
            (Some(t), Some(h)) => Some((when(t), h.clone())),
            _ => None,
        },
        reason: view.reason.clone(),
        info_request: view.info_request.clone(),
        editable,
        draft,
        can_withdraw: view.can_withdraw,
        can_delete: view.can_delete,
        member: view.member,
        hosts,
        funders,
        partners,
        host_label,
        address: form.address.clone(),
        fellows: if form.fellows == 0 { String::new() } else { form.fellows.to_string() },
        fellows_choices: (rules.fellows_min..=rules.fellows_max).collect(),
        cofunding: form.cofunding,
        budget_programme: form.budget_programme.clone(),
        forecast_cost: if form.forecast_cost == 0 { String::new() } else { form.forecast_cost.to_string() },
        description,
        team_texts,
        profiles,
        team,
        datasets,
        contacts,
        attestations,
        documents,
        members: view.members.iter().map(|m| (m.display_name.clone(), c.t(&format!("member-{}", m.role.as_str())))).collect(),
        invite_roles: if view.can_invite {
            ContactRole::ALL
                .iter()
                .map(|r| Opt { value: r.as_str().to_owned(), label: c.t(&format!("field-{}", r.as_str())), selected: false })
                .collect()
        } else {
            Vec::new()
        },
        reviews,
        can_review: view.can_review,
        my_review,
        steps,
        reopenable,
        hearing,
        staff,
        back: (back_label, back_href),
        c: c.page("calls", title),
    };
    let chosen = |opts: &[Opt]| opts.iter().find(|o| o.selected && !o.value.is_empty()).map(|o| o.label.clone());
    let dossier = || DossierPage {
        c: page.c.clone(),
        p: &page,
        funding: chosen(&page.funders).unwrap_or_else(|| "—".to_owned()),
        partners: page.partners.iter().filter_map(|slot| chosen(slot)).collect(),
    };
    let mut r = match (editable, outcome.status) {
        (false, StatusCode::OK) => render(&dossier()),
        (false, _) => render_invalid(&dossier()),
        (true, StatusCode::OK) => render(&page),
        (true, _) => render_invalid(&page),
    };
    if outcome.status != StatusCode::OK && outcome.status != StatusCode::UNPROCESSABLE_ENTITY {
        *r.status_mut() = outcome.status;
    }
    Ok(r)
}

/// `GET /proposals/{id}`.
pub async fn proposal_page(
    State(state): State<AppState>,
    c: Chrome,
    v: Visitor,
    IdPath(id): IdPath<ProposalId>,
    Q(n): Q<ProposalNotice>,
) -> Result<Response, WebError> {
    let key = if n.created.is_some() {
        Some("proposal-created")
    } else if n.saved.is_some() {
        Some("proposal-saved")
    } else if n.uploaded.is_some() {
        Some("proposal-uploaded")
    } else if n.invited.is_some() {
        Some("proposal-invited")
    } else if n.reviewed.is_some() {
        Some("review-saved")
    } else if n.step.is_some() {
        Some("step-done")
    } else if n.sent.is_some() {
        Some("proposal-sent-back")
    } else {
        None
    };
    let notice = key.map(|k| c.t(k));
    let org_query = n.org.filter(|q| q.chars().count() <= 100);
    proposal_view(&state, c, &v, id, None, Outcome { org_query, notice, errors: vec![], conflict: None, status: StatusCode::OK }).await
}

async fn save_common(
    state: &AppState,
    v: &Visitor,
    id: ProposalId,
    pairs: &[(String, String)],
) -> Result<(Result<Saved, FieldErrors>, ProposalForm), WebError> {
    let s = v.required()?;
    let (form, version) = parse_proposal(pairs)?;
    match proposals::save(&state.ctx, &s, id, version, &form, &v.meta).await {
        Ok(saved) => Ok((Ok(saved), form)),
        Err(AppError::Invalid(e)) => Ok((Err(e), form)),
        Err(e) => Err(e.into()),
    }
}

/// `POST /proposals/{id}`: the Save button (without JavaScript).
pub async fn proposal_save(
    State(state): State<AppState>,
    c: Chrome,
    v: Visitor,
    IdPath(id): IdPath<ProposalId>,
    F(pairs): F<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let (result, form) = save_common(&state, &v, id, &pairs).await?;
    // The organisation search's button belongs to this form: without JavaScript, searching saves
    // what was typed first, then shows the narrowed choices.
    let search = (pairs_get(&pairs, "do") == Some("search")).then(|| pairs_get(&pairs, "org").unwrap_or("").trim().to_owned());
    saved_or_redisplayed(&state, c, &v, id, result, &form, search).await
}

/// After a save from a page: to the page (with the search asked for), or the page again with the
/// typed values and what went wrong.
async fn saved_or_redisplayed(
    state: &AppState,
    c: Chrome,
    v: &Visitor,
    id: ProposalId,
    result: Result<Saved, FieldErrors>,
    form: &ProposalForm,
    search: Option<String>,
) -> Result<Response, WebError> {
    let search = search.filter(|q| !q.is_empty() && q.chars().count() <= 100);
    match result {
        Ok(Saved::Saved(_)) => Ok(Redirect::to(&match &search {
            Some(q) => format!("/proposals/{id}?saved=1&org={}#host", crate::util::encode(q)),
            None => format!("/proposals/{id}?saved=1"),
        })
        .into_response()),
        Ok(Saved::Conflict { .. }) => {
            let msg = c.t("proposal-conflict");
            proposal_view(
                state,
                c,
                v,
                id,
                Some(form),
                Outcome { org_query: search, notice: None, errors: vec![], conflict: Some(msg), status: StatusCode::CONFLICT },
            )
            .await
        }
        Err(e) => {
            let errors = problems(&c, &e);
            proposal_view(
                state,
                c,
                v,
                id,
                Some(form),
                Outcome { org_query: search, notice: None, errors, conflict: None, status: StatusCode::UNPROCESSABLE_ENTITY },
            )
            .await
        }
    }
}

/// The organisation search of the proposal page, answered in JSON for its script.
#[derive(Debug, Deserialize)]
pub struct OrganisationQuery {
    #[serde(default)]
    q: String,
}

/// `GET /proposals/{id}/organisations?q=`: the organisations matching a search, for the page's
/// host choices (no reload: nothing typed on the page is touched).
pub async fn organisation_search(
    State(state): State<AppState>,
    c: Chrome,
    v: Visitor,
    IdPath(id): IdPath<ProposalId>,
    Q(q): Q<OrganisationQuery>,
) -> Result<Response, WebError> {
    let s = session(&v)?;
    if q.q.chars().count() > 100 {
        return Err(WebError::BadRequest(FieldErrors(vec![FieldError { field: "org", code: "too-long" }])));
    }
    let found = proposals::organisation_matches(&state.ctx, &s, id, &q.q).await?;
    let options: Vec<serde_json::Value> = found.iter().map(|o| serde_json::json!({"value": o.slug, "label": o.name})).collect();
    Ok(json(StatusCode::OK, serde_json::json!({"options": options, "message": c.tn("proposal-org-matches", found.len())})))
}

fn json(status: StatusCode, body: serde_json::Value) -> Response {
    let mut r = (status, [(header::CONTENT_TYPE, "application/json; charset=utf-8")], body.to_string()).into_response();
    r.extensions_mut().insert(crate::layers::KeepBody);
    r
}

/// `POST /proposals/{id}/autosave`: the same save, answered in JSON for the page's script.
pub async fn autosave(
    State(state): State<AppState>,
    c: Chrome,
    v: Visitor,
    IdPath(id): IdPath<ProposalId>,
    F(pairs): F<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let (result, _) = save_common(&state, &v, id, &pairs).await?;
    let now = cohorte_domain::paris::to_local(state.ctx.clock.now());
    Ok(match result {
        Ok(Saved::Saved(version)) => json(
            StatusCode::OK,
            serde_json::json!({"version": version, "message": c.ts("autosave-saved", "when", &format!("{:02}:{:02}", now.hour(), now.minute()))}),
        ),
        Ok(Saved::Conflict { current }) => {
            json(StatusCode::CONFLICT, serde_json::json!({"current": current, "message": c.t("proposal-conflict")}))
        }
        Err(e) => json(StatusCode::UNPROCESSABLE_ENTITY, serde_json::json!({"message": problems(&c, &e).join(" ; ")})),
    })
}

/// `GET /proposals/{id}/submit`: what is missing, or the confirmation button.
pub async fn submit_page(
    State(state): State<AppState>,
    c: Chrome,
    v: Visitor,
    IdPath(id): IdPath<ProposalId>,
) -> Result<Response, WebError> {
    let s = session(&v)?;
    let view = proposals::view(&state.ctx, &s, id).await?;
    if !view.can_submit {
        return Ok(Redirect::to(&format!("/proposals/{id}")).into_response());
    }
    let missing = problems(&c, &view.missing);
    let deadline = view.deadline.map(|t| c.ts("proposal-deadline", "when", &when(t))).unwrap_or_default();
    let title = c.t("submit-title");
    Ok(render(&SubmitPage {
        csrf: s.csrf_token,
        id: id.to_string(),
        name: view.proposal.name.clone(),
        version: view.proposal.version,
        missing,
        deadline,
        c: c.page("calls", title),
    }))
}

/// The version being submitted.
#[derive(Debug, Deserialize)]
pub struct VersionForm {
    version: i32,
}

/// `POST /proposals/{id}/submit`.
pub async fn submit(
    State(state): State<AppState>,
    c: Chrome,
    v: Visitor,
    IdPath(id): IdPath<ProposalId>,
    F(f): F<VersionForm>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    let receipt = proposals::submit(&state.ctx, &s, id, f.version, &v.meta).await?;
    let title = c.t("receipt-title");
    Ok(render(&ReceiptPage {
        id: id.to_string(),
        reference: receipt.reference,
        when: when(receipt.submitted_at),
        hash: receipt.hash,
        c: c.page("calls", title),
    }))
}

/// What an upload form sent: the document's kind, the file, and the other fields of the form
/// it belongs to (saved first by the caller).
pub(crate) struct Upload {
    pub key: Option<String>,
    pub file: Option<(String, Vec<u8>)>,
    pub pairs: Vec<(String, String)>,
}

pub(crate) fn upload_refused() -> WebError {
    WebError::BadRequest(FieldErrors(vec![FieldError { field: "document", code: "invalid-choice" }]))
}

/// Reads a multipart upload (its text fields must be UTF-8; the body limit applies).
pub(crate) async fn read_upload(mp: &mut Multipart) -> Result<Upload, WebError> {
    let mut out = Upload { key: None, file: None, pairs: Vec::new() };
    while let Some(field) = mp.next_field().await.map_err(|_| upload_refused())? {
        match field.name().map(str::to_owned).as_deref() {
            Some("key") => out.key = Some(field.text().await.map_err(|_| upload_refused())?),
            Some("file") => {
                let name = field.file_name().unwrap_or("document.pdf").to_owned();
                let bytes = field
                    .bytes()
                    .await
                    .map_err(|_| WebError::BadRequest(FieldErrors(vec![FieldError { field: "document", code: "file-too-large" }])))?;
                out.file = Some((name, bytes.to_vec()));
            }
            Some("_csrf") | None => {}
            Some(other) => {
                let other = other.to_owned();
                out.pairs.push((other, field.text().await.map_err(|_| upload_refused())?));
            }
        }
    }
    Ok(out)
}

/// `POST /proposals/{id}/documents` (multipart: `_csrf`, `key`, `file`).
pub async fn upload(
    State(state): State<AppState>,
    c: Chrome,
    v: Visitor,
    IdPath(id): IdPath<ProposalId>,
    mut mp: Multipart,
) -> Result<Response, WebError> {
    let s = v.required()?;
    // The attach button belongs to the proposal form: the rest of the form comes along and is
    // saved first, so nothing typed is lost by attaching a document (with or without JavaScript).
    let Upload { key, file, pairs } = read_upload(&mut mp).await?;
    let mut saved = None;
    if pairs_get(&pairs, "version").is_some() {
        let (result, form) = save_common(&state, &v, id, &pairs).await?;
        if !matches!(result, Ok(Saved::Saved(_))) {
            return saved_or_redisplayed(&state, c, &v, id, result, &form, None).await;
        }
        saved = Some(form);
    }
    let (Some(key), Some((name, bytes))) = (key, file) else { return Err(upload_refused()) };
    match (proposals::upload(&state.ctx, &s, id, &key, &name, &bytes, &v.meta).await, &saved) {
        (Ok(_), _) => {}
        // The form was saved; the page shows why the document was not attached.
        (Err(AppError::Invalid(e)), Some(form)) => {
            let errors = problems(&c, &e);
            let notice = Some(c.t("proposal-saved"));
            return proposal_view(
                &state,
                c,
                &v,
                id,
                Some(form),
                Outcome { org_query: None, notice, errors, conflict: None, status: StatusCode::UNPROCESSABLE_ENTITY },
            )
            .await;
        }
        (Err(e), _) => return Err(e.into()),
    }
    Ok(Redirect::to(&format!("/proposals/{id}?uploaded=1#documents-title")).into_response())
}

/// `GET /proposals/{id}/documents/{key}`: always a download, never shown inline.
pub async fn download(State(state): State<AppState>, v: Visitor, Path((id, key)): Path<(String, String)>) -> Result<Response, WebError> {
    let s = session(&v)?;
    let id: ProposalId = id.parse().map_err(|_| WebError::NotFound)?;
    if key.len() > 40 || !key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
        return Err(WebError::NotFound);
    }
    let (meta, bytes) = proposals::document(&state.ctx, &s, id, &key).await?;
    Ok(pdf_attachment(&meta.filename, bytes))
}

/// A stored PDF as a download: never shown inline, sandboxed, not cached.
pub(crate) fn pdf_attachment(filename: &str, bytes: Vec<u8>) -> Response {
    let ascii: String = filename.chars().map(|ch| if ch.is_ascii_alphanumeric() || ".-_".contains(ch) { ch } else { '_' }).collect();
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{}", crate::util::encode(filename));
    let mut r = bytes.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    if let Ok(d) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, d);
    }
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("sandbox"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// An invited contact.
#[derive(Debug, Deserialize)]
pub struct InviteContactForm {
    role: String,
    name: String,
    email: String,
}

/// `POST /proposals/{id}/contacts`.
pub async fn invite_contact(
    State(state): State<AppState>,
    v: Visitor,
    IdPath(id): IdPath<ProposalId>,
    F(f): F<InviteContactForm>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    let role = ContactRole::parse(&f.role)
        .ok_or_else(|| WebError::BadRequest(FieldErrors(vec![FieldError { field: "role", code: "invalid-role" }])))?;
    proposals::invite_contact(&state.ctx, &s, id, role, &f.email, &f.name, &v.meta).await?;
    Ok(Redirect::to(&format!("/proposals/{id}?invited=1")).into_response())
}

/// The withdrawal confirmation.
#[derive(Debug, Deserialize)]
pub struct WithdrawForm {
    #[serde(default)]
    confirm: String,
}

/// `POST /proposals/{id}/withdraw`.
pub async fn withdraw(
    State(state): State<AppState>,
    v: Visitor,
    IdPath(id): IdPath<ProposalId>,
    F(f): F<WithdrawForm>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    if f.confirm != "1" {
        return Err(WebError::BadRequest(FieldErrors(vec![FieldError { field: "form", code: "required" }])));
    }
    proposals::withdraw(&state.ctx, &s, id, &v.meta).await?;
    Ok(Redirect::to(&format!("/proposals/{id}")).into_response())
}

/// `POST /proposals/{id}/delete`: a draft is deleted.
pub async fn delete_draft(
    State(state): State<AppState>,
    v: Visitor,
    IdPath(id): IdPath<ProposalId>,
    F(f): F<WithdrawForm>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    if f.confirm != "1" {
        return Err(WebError::BadRequest(FieldErrors(vec![FieldError { field: "form", code: "required" }])));
    }
    proposals::delete_draft(&state.ctx, &s, id, &v.meta).await?;
    Ok(Redirect::to("/proposals?deleted=1").into_response())
}

/// `POST /proposals/{id}/provide`: the information requested is sent back.
pub async fn provide(State(state): State<AppState>, v: Visitor, IdPath(id): IdPath<ProposalId>) -> Result<Response, WebError> {
    let s = v.required()?;
    proposals::provide_information(&state.ctx, &s, id, &v.meta).await?;
    Ok(Redirect::to(&format!("/proposals/{id}?sent=1")).into_response())
}

// ---------------------------------------------------------------- pre-selection

/// A review.
#[derive(Debug, Deserialize)]
pub struct ReviewForm {
    #[serde(default)]
    eligible: String,
    #[serde(default)]
    complete: String,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    questions: String,
    #[serde(default)]
    recommendation: String,
}

fn tri(s: &str) -> Result<Option<bool>, WebError> {
    match s {
        "" => Ok(None),
        "yes" => Ok(Some(true)),
        "no" => Ok(Some(false)),
        _ => Err(WebError::BadRequest(FieldErrors(vec![FieldError { field: "form", code: "invalid-choice" }]))),
    }
}

/// `POST /proposals/{id}/review`.
pub async fn review(
    State(state): State<AppState>,
    v: Visitor,
    IdPath(id): IdPath<ProposalId>,
    F(f): F<ReviewForm>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    let input = jury::ReviewInput {
        eligible: tri(&f.eligible)?,
        complete: tri(&f.complete)?,
        notes: f.notes.replace("\r\n", "\n").trim().to_owned(),
        questions: f.questions.replace("\r\n", "\n").trim().to_owned(),
        recommendation: match f.recommendation.as_str() {
            "" => None,
            r => Some(Recommendation::parse(r).ok_or_else(|| WebError::BadRequest(FieldErrors::one("recommendation", "invalid-choice")))?),
        },
    };
    jury::save_review(&state.ctx, &s, id, &input, &v.meta).await?;
    Ok(Redirect::to(&format!("/proposals/{id}?reviewed=1#preselection")).into_response())
}

/// `POST /proposals/{id}/step` (`step`, `reason`, `reopen`…).
pub async fn step(
    State(state): State<AppState>,
    v: Visitor,
    IdPath(id): IdPath<ProposalId>,
    F(pairs): F<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    no_duplicates(&pairs)?;
    let reason = pairs_get(&pairs, "reason").unwrap_or("").replace("\r\n", "\n");
    let reopen: Vec<TextField> = pairs.iter().filter(|(k, _)| k == "reopen").filter_map(|(_, v)| TextField::parse(v)).collect();
    let kind = StaffStep::parse(pairs_get(&pairs, "step").unwrap_or(""))
        .ok_or_else(|| WebError::BadRequest(FieldErrors::one("status", "invalid-choice")))?;
    let step = PreselectionStep::from_form(kind, reason, reopen);
    jury::preselection_step(&state.ctx, &s, id, &step, &v.meta).await?;
    Ok(Redirect::to(&format!("/proposals/{id}?step=1#preselection")).into_response())
}

/// The filter and order of a cohort's proposals list.
#[derive(Debug, Default, Deserialize)]
pub struct ReviewListQuery {
    #[serde(default)]
    status: String,
    #[serde(default)]
    sort: String,
}

/// `GET /review/{code}`: the proposals of a cohort (staff, validator, pre-selectors), with counts
/// per status, a status filter and a choice of order (`?status=&sort=`).
pub async fn review_list(
    State(state): State<AppState>,
    c: Chrome,
    v: Visitor,
    SlugPath(code): SlugPath,
    Q(q): Q<ReviewListQuery>,
) -> Result<Response, WebError> {
    let s = session(&v)?;
    let mut bad = FieldErrors::default();
    let status = match q.status.as_str() {
        "" => None,
        x => cohorte_domain::proposal::ProposalStatus::parse(x).or_else(|| {
            bad.0.push(FieldError { field: "status", code: "invalid-choice" });
            None
        }),
    };
    let sort = match q.sort.as_str() {
        "" => None,
        x => ProposalSort::parse(x).or_else(|| {
            bad.0.push(FieldError { field: "sort", code: "invalid-choice" });
            None
        }),
    };
    if !bad.0.is_empty() {
        return Err(WebError::BadRequest(bad));
    }
    let list = jury::cohort_proposals(&state.ctx, &s, code.as_str(), jury::ReviewQuery { status, sort }).await?;
    let cohort = &list.cohort;
    let rows = list
        .lines
        .iter()
        .map(|l| {
            let (status, key) = status_label(&c, l.proposal.status);
            ProposalLineView {
                href: format!("/proposals/{}", l.proposal.id),
                reference: l.proposal.reference.clone(),
                name: l.proposal.name.clone(),
                context: l.host.clone(),
                status,
                status_key: key,
                extra: format!("{}{}", c.tn("review-count", l.reviews), l.panel.as_ref().map(|p| format!(" · {p}")).unwrap_or_default()),
            }
        })
        .collect::<Vec<_>>();
    let mut statuses = vec![Opt { value: String::new(), label: c.tn("review-filter-all", list.total), selected: status.is_none() }];
    statuses.extend(list.counts.iter().map(|(st, n)| Opt {
        value: st.as_str().to_owned(),
        label: format!("{} ({n})", c.t(&format!("status-{}", st.as_str()))),
        selected: status == Some(*st),
    }));
    let sorts = ProposalSort::ALL
        .iter()
        .map(|k| Opt {
            value: k.as_str().to_owned(),
            label: c.t(&format!("review-sort-{}", k.as_str())),
            selected: sort.unwrap_or(ProposalSort::Reference) == *k,
        })
        .collect();
    let shown = cohorte_app::i18n::ta(
        c.lang,
        "review-shown",
        &[
            ("shown", cohorte_app::i18n::Arg::Num(i64::try_from(rows.len()).unwrap_or(0))),
            ("count", cohorte_app::i18n::Arg::Num(i64::try_from(list.total).unwrap_or(0))),
        ],
    );
    let title = c.ts("review-list-title", "cohort", cohort.title(c.lang));
    Ok(render(&ReviewListPage {
        code: cohort.code.clone(),
        proposals: rows,
        staff: list.can_run,
        statuses,
        sorts,
        shown,
        filtered: status.is_some(),
        c: c.page("admin", title),
    }))
}

// ---------------------------------------------------------------- cohorts (staff)

fn admin_crumbs(c: &Chrome) -> Vec<(String, String)> {
    vec![(c.t("admin-title"), "/admin".to_owned()), (c.t("cohorts-title"), "/admin/cohorts".to_owned())]
}

/// `GET /admin/cohorts`.
pub async fn admin_cohorts(State(state): State<AppState>, c: Chrome, v: Visitor) -> Result<Response, WebError> {
    let s = session(&v)?;
    let list = calls::cohorts(&state.ctx, &s).await?;
    let copy_from = list.iter().map(|co| Opt { value: co.code.clone(), label: co.title(c.lang).to_owned(), selected: false }).collect();
    let cohorts = list.iter().map(|co| (co.code.clone(), co.title(c.lang).to_owned(), co.year, co.proposals)).collect();
    let title = c.t("cohorts-title");
    let crumbs = vec![(c.t("admin-title"), "/admin".to_owned())];
    Ok(render(&AdminCohortsPage { csrf: s.csrf_token, cohorts, copy_from, crumbs, c: c.page("admin", title) }))
}

/// A new cohort.
#[derive(Debug, Deserialize)]
pub struct CohortForm {
    code: String,
    kind: String,
    #[serde(default)]
    number: String,
    year: String,
    title_fr: String,
    title_en: String,
    #[serde(default)]
    copy_rules_from: String,
}

/// `POST /admin/cohorts`.
pub async fn create_cohort(State(state): State<AppState>, v: Visitor, F(f): F<CohortForm>) -> Result<Response, WebError> {
    let s = v.required()?;
    let input = CohortInput {
        code: f.code,
        kind: f.kind,
        number: f.number,
        year: f.year,
        title_fr: f.title_fr,
        title_en: f.title_en,
        copy_rules_from: f.copy_rules_from,
    };
    let co = calls::create_cohort(&state.ctx, &s, &input, &v.meta).await?;
    Ok(Redirect::to(&format!("/admin/cohorts/{}?created=1", co.code)).into_response())
}

/// A notice after an action.
#[derive(Debug, Default, Deserialize)]
pub struct Done {
    created: Option<String>,
    saved: Option<String>,
    assigned: Option<String>,
    unassignable: Option<String>,
    scheduled: Option<String>,
    staged: Option<String>,
    approved: Option<String>,
    evaluated: Option<String>,
    heard: Option<String>,
}

/// `GET /admin/cohorts/{code}`.
pub async fn admin_cohort(
    State(state): State<AppState>,
    c: Chrome,
    v: Visitor,
    SlugPath(code): SlugPath,
    Q(d): Q<Done>,
) -> Result<Response, WebError> {
    let s = session(&v)?;
    let detail = calls::cohort(&state.ctx, &s, code.as_str()).await?;
    let milestones = MilestoneKind::ALL
        .iter()
        .map(|k| {
            let m = detail.calendar.get(*k);
            MilestoneView {
                kind: k.as_str().to_owned(),
                label: c.t(&format!("field-{}", k.as_str())),
                starts: m.map(|m| cohorte_domain::paris::format_input(m.starts_at)).unwrap_or_default(),
                ends: m.and_then(|m| m.ends_at).map(cohorte_domain::paris::format_input).unwrap_or_default(),
            }
        })
        .collect();
    let versions = detail.versions.iter().map(|r| (r.version, when(r.created_at), r.used_by)).collect();
    let criteria = detail.rules.rules.criteria.iter().map(|k| (if c.is_en() { k.en.clone() } else { k.fr.clone() }, k.weight)).collect();
    let notice = if d.created.is_some() {
        Some(c.t("cohort-created"))
    } else if d.saved.is_some() {
        Some(c.t("cohort-saved"))
    } else {
        None
    };
    let title = detail.cohort.title(c.lang).to_owned();
    Ok(render(&AdminCohortPage {
        csrf: s.csrf_token,
        code: detail.cohort.code.clone(),
        phase: phase_text(&c, detail.phase),
        milestones,
        versions,
        criteria,
        crumbs: admin_crumbs(&c),
        notice,
        c: c.page("admin", title),
    }))
}

/// `POST /admin/cohorts/{code}/calendar`.
pub async fn calendar(
    State(state): State<AppState>,
    v: Visitor,
    SlugPath(code): SlugPath,
    F(pairs): F<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    no_duplicates(&pairs)?;
    let lines: Vec<MilestoneInput> = MilestoneKind::ALL
        .iter()
        .map(|k| MilestoneInput {
            kind: *k,
            starts: pairs_get(&pairs, &format!("{}.starts", k.as_str())).unwrap_or("").to_owned(),
            ends: pairs_get(&pairs, &format!("{}.ends", k.as_str())).unwrap_or("").to_owned(),
        })
        .collect();
    calls::set_calendar(&state.ctx, &s, code.as_str(), &lines, &v.meta).await?;
    Ok(Redirect::to(&format!("/admin/cohorts/{code}?saved=1")).into_response())
}

/// `GET /admin/cohorts/{code}/rules`.
pub async fn rules_page(State(state): State<AppState>, c: Chrome, v: Visitor, SlugPath(code): SlugPath) -> Result<Response, WebError> {
    let s = session(&v)?;
    let detail = calls::cohort(&state.ctx, &s, code.as_str()).await?;
    let r = &detail.rules.rules;
    let criteria = (0..(r.criteria.len() + 2).min(10))
        .map(|i| match r.criteria.get(i) {
            Some(k) => CriterionRow { i, key: k.key.clone(), fr: k.fr.clone(), en: k.en.clone(), weight: k.weight.to_string() },
            None => CriterionRow { i, ..CriterionRow::default() },
        })
        .collect();
    let attestations = (0..r.attestations.len() + 1)
        .map(|i| match r.attestations.get(i) {
            Some(a) => RuleRow { i, key: a.key.clone(), fr: a.fr.clone(), en: a.en.clone(), ..RuleRow::default() },
            None => RuleRow { i, ..RuleRow::default() },
        })
        .collect();
    let attachments = (0..r.attachments.len() + 1)
        .map(|i| match r.attachments.get(i) {
            Some(a) => {
                RuleRow { i, key: a.key.clone(), fr: a.fr.clone(), en: a.en.clone(), required: a.required, max_mib: a.max_mib.to_string() }
            }
            None => RuleRow { i, max_mib: "10".into(), ..RuleRow::default() },
        })
        .collect();
    let profiles = ProfileKind::ALL
        .iter()
        .map(|k| Opt {
            value: k.as_str().to_owned(),
            label: c.t(&format!("profile-kind-{}", k.as_str())),
            selected: r.profiles.contains(k),
        })
        .collect();
    let limits = TextField::ALL
        .iter()
        .map(|f| {
            (
                f.as_str().to_owned(),
                c.t(&format!("field-{}", if *f == TextField::Status { "status_text" } else { f.as_str() })),
                r.limit(*f).to_string(),
            )
        })
        .collect();
    let title = c.t("rules-title");
    let mut crumbs = admin_crumbs(&c);
    crumbs.push((detail.cohort.title(c.lang).to_owned(), format!("/admin/cohorts/{}", detail.cohort.code)));
    Ok(render(&AdminRulesPage {
        csrf: s.csrf_token,
        code: detail.cohort.code.clone(),
        version: detail.rules.version,
        in_use: detail.rules.used_by > 0,
        criteria,
        scale_max: r.scale_max.to_string(),
        fellows_min: r.fellows_min.to_string(),
        fellows_max: r.fellows_max.to_string(),
        profiles,
        attestations,
        attachments,
        limits,
        crumbs,
        c: c.page("admin", title),
    }))
}

fn num<T: std::str::FromStr>(pairs: &[(String, String)], key: &str, field: &'static str) -> Result<T, WebError> {
    pairs_get(pairs, key)
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| WebError::BadRequest(FieldErrors(vec![FieldError { field, code: "invalid-query" }])))
}

/// `POST /admin/cohorts/{code}/rules`.
pub async fn rules_save(
    State(state): State<AppState>,
    v: Visitor,
    SlugPath(code): SlugPath,
    F(pairs): F<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    no_duplicates(&pairs)?;
    let get = |k: String| pairs_get(&pairs, &k).unwrap_or("").trim().to_owned();
    let mut criteria = Vec::new();
    for i in 0..10 {
        let key = get(format!("criterion.{i}.key"));
        if key.is_empty() {
            continue;
        }
        let weight = get(format!("criterion.{i}.weight")).parse().unwrap_or(0);
        criteria.push(Criterion { key, fr: get(format!("criterion.{i}.fr")), en: get(format!("criterion.{i}.en")), weight });
    }
    let mut attestations = Vec::new();
    let mut attachments = Vec::new();
    for i in 0..12 {
        let key = get(format!("attestation.{i}.key"));
        if !key.is_empty() {
            attestations.push(Attestation { key, fr: get(format!("attestation.{i}.fr")), en: get(format!("attestation.{i}.en")) });
        }
        let key = get(format!("attachment.{i}.key"));
        if !key.is_empty() {
            attachments.push(AttachmentRule {
                key,
                fr: get(format!("attachment.{i}.fr")),
                en: get(format!("attachment.{i}.en")),
                required: pairs_get(&pairs, &format!("attachment.{i}.required")).is_some(),
                max_mib: get(format!("attachment.{i}.max_mib")).parse().unwrap_or(0),
            });
        }
    }
    let mut limits = BTreeMap::new();
    for f in TextField::ALL {
        let v = get(format!("limit.{}", f.as_str()));
        if !v.is_empty() {
            let n: u32 =
                v.parse().map_err(|_| WebError::BadRequest(FieldErrors(vec![FieldError { field: "limits", code: "limit-range" }])))?;
            if n != f.default_limit() {
                limits.insert(*f, n);
            }
        }
    }
    let rules = RuleSet {
        criteria,
        scale_max: num(&pairs, "scale_max", "scale_max")?,
        fellows_min: num(&pairs, "fellows_min", "fellows")?,
        fellows_max: num(&pairs, "fellows_max", "fellows")?,
        profiles: pairs.iter().filter(|(k, _)| k == "profile").filter_map(|(_, v)| ProfileKind::parse(v)).collect(),
        attestations,
        attachments,
        limits,
        // The call for applications' settings are kept by the use case (their own form).
        applications: None,
    };
    calls::save_rules(&state.ctx, &s, code.as_str(), &rules, &v.meta).await?;
    Ok(Redirect::to(&format!("/admin/cohorts/{code}?saved=1")).into_response())
}

// ---------------------------------------------------------------- panels (staff)

/// `GET /admin/cohorts/{code}/panels`.
pub async fn panels_page(
    State(state): State<AppState>,
    c: Chrome,
    v: Visitor,
    SlugPath(code): SlugPath,
    Q(d): Q<Done>,
) -> Result<Response, WebError> {
    let s = session(&v)?;
    let p = jury::panels(&state.ctx, &s, code.as_str()).await?;
    let orgs = &p.organisations;
    let org_name = |id: Option<uuid::Uuid>| -> String {
        id.and_then(|id| orgs.iter().find(|o| o.id == id)).map(|o| o.label.clone()).unwrap_or_default()
    };
    let panels = p
        .panels
        .iter()
        .map(|panel| PanelView {
            id: panel.id.to_string(),
            name: panel.name.clone(),
            members: p
                .members
                .iter()
                .filter(|m| m.panel_id == panel.id)
                .map(|m| {
                    (m.person_id.to_string(), m.display_name.clone(), org_name(m.organisation_id), panel.referent_id == Some(m.person_id))
                })
                .collect(),
            proposals: p
                .assignments
                .iter()
                .filter(|a| a.panel_id == panel.id)
                .filter_map(|a| p.proposals.iter().find(|x| x.id.as_uuid() == a.proposal_id).map(|x| (x, a)))
                .map(|(x, a)| {
                    (
                        x.id.to_string(),
                        x.reference.clone(),
                        x.name.clone(),
                        a.hearing_at.map(when).unwrap_or_else(|| c.t("panels-no-hearing")),
                    )
                })
                .collect(),
        })
        .collect();
    let unassigned = p.waiting().map(|x| (x.id.to_string(), x.reference.clone(), x.name.clone())).collect();
    let hearings = p
        .to_hear()
        .map(|(x, a)| (x.id.to_string(), x.reference.clone(), x.name.clone(), a.hearing_at.map(when).unwrap_or_default()))
        .collect();
    let panel_options = p.panels.iter().map(|x| Opt { value: x.id.to_string(), label: x.name.clone(), selected: false }).collect();
    let organisations = orgs.iter().map(|o| Opt { value: o.slug.clone(), label: o.label.clone(), selected: false }).collect();
    let notice = match (&d.assigned, &d.unassignable, &d.scheduled, &d.saved) {
        (Some(n), u, _, _) => Some(format!(
            "{}{}",
            c.ts("panels-assigned", "count", n),
            u.as_ref().filter(|u| !u.is_empty()).map(|u| format!(" {}", c.ts("panels-unassignable", "refs", u))).unwrap_or_default()
        )),
        (_, _, Some(_), _) => Some(c.t("panels-scheduled")),
        (_, _, _, Some(_)) => Some(c.t("cohort-saved")),
        _ => None,
    };
    let title = c.ts("panels-title", "cohort", p.cohort.title(c.lang));
    let mut crumbs = admin_crumbs(&c);
    crumbs.push((p.cohort.title(c.lang).to_owned(), format!("/admin/cohorts/{}", p.cohort.code)));
    Ok(render(&PanelsPage {
        csrf: s.csrf_token,
        code: p.cohort.code.clone(),
        panels,
        unassigned,
        panel_options,
        organisations,
        hearings,
        notice,
        crumbs,
        c: c.page("admin", title),
    }))
}

/// A panel's name.
#[derive(Debug, Deserialize)]
pub struct PanelForm {
    name: String,
}

/// `POST /admin/cohorts/{code}/panels`.
pub async fn create_panel(
    State(state): State<AppState>,
    v: Visitor,
    SlugPath(code): SlugPath,
    F(f): F<PanelForm>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    jury::create_panel(&state.ctx, &s, code.as_str(), &f.name, &v.meta).await?;
    Ok(Redirect::to(&format!("/admin/cohorts/{code}/panels?saved=1")).into_response())
}

/// A juror to add.
#[derive(Debug, Deserialize)]
pub struct JurorForm {
    panel: String,
    email: String,
    #[serde(default)]
    organisation: String,
    #[serde(default)]
    referent: String,
}

fn panel_id(s: &str) -> Result<PanelId, WebError> {
    s.parse().map_err(|_| WebError::BadRequest(FieldErrors(vec![FieldError { field: "panel", code: "invalid-choice" }])))
}

/// `POST /admin/cohorts/{code}/jurors`.
pub async fn add_juror(
    State(state): State<AppState>,
    v: Visitor,
    SlugPath(code): SlugPath,
    F(f): F<JurorForm>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    jury::add_juror(&state.ctx, &s, panel_id(&f.panel)?, &f.email, &f.organisation, f.referent == "1", &v.meta).await?;
    Ok(Redirect::to(&format!("/admin/cohorts/{code}/panels?saved=1")).into_response())
}

/// A juror to remove.
#[derive(Debug, Deserialize)]
pub struct RemoveJurorForm {
    panel: String,
    person: String,
}

/// `POST /admin/cohorts/{code}/jurors/remove`.
pub async fn remove_juror(
    State(state): State<AppState>,
    v: Visitor,
    SlugPath(code): SlugPath,
    F(f): F<RemoveJurorForm>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    let person: PersonId = f.person.parse().map_err(|_| WebError::NotFound)?;
    jury::remove_juror(&state.ctx, &s, panel_id(&f.panel)?, person, &v.meta).await?;
    Ok(Redirect::to(&format!("/admin/cohorts/{code}/panels?saved=1")).into_response())
}

/// `POST /admin/cohorts/{code}/assign`.
pub async fn auto_assign(State(state): State<AppState>, v: Visitor, SlugPath(code): SlugPath) -> Result<Response, WebError> {
    let s = v.required()?;
    let (n, unassignable) = jury::auto_assign(&state.ctx, &s, code.as_str(), &v.meta).await?;
    let q = crate::util::with_query(
        &format!("/admin/cohorts/{code}/panels"),
        &[("assigned", n.to_string()), ("unassignable", unassignable.join(", "))],
    );
    Ok(Redirect::to(&q).into_response())
}

/// A manual assignment.
#[derive(Debug, Deserialize)]
pub struct AssignForm {
    proposal: String,
    panel: String,
}

/// `POST /admin/cohorts/{code}/assign-one`.
pub async fn assign_one(
    State(state): State<AppState>,
    v: Visitor,
    SlugPath(code): SlugPath,
    F(f): F<AssignForm>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    let id: ProposalId = f.proposal.parse().map_err(|_| WebError::NotFound)?;
    jury::assign(&state.ctx, &s, id, panel_id(&f.panel)?, &v.meta).await?;
    Ok(Redirect::to(&format!("/admin/cohorts/{code}/panels?saved=1")).into_response())
}

/// A hearing slot.
#[derive(Debug, Deserialize)]
pub struct HearingForm {
    proposal: String,
    at: String,
    minutes: String,
    mode: String,
    location: String,
}

/// `POST /admin/cohorts/{code}/hearings`.
pub async fn schedule(
    State(state): State<AppState>,
    v: Visitor,
    SlugPath(code): SlugPath,
    F(f): F<HearingForm>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    let id: ProposalId = f.proposal.parse().map_err(|_| WebError::NotFound)?;
    jury::schedule(&state.ctx, &s, id, &f.at, &f.minutes, &f.mode, &f.location, &v.meta).await?;
    Ok(Redirect::to(&format!("/admin/cohorts/{code}/panels?scheduled=1")).into_response())
}

// ---------------------------------------------------------------- exports (staff)

/// The columns of the proposals export: their keys (`export-col-<key>` is the header in the
/// reader's language).
const EXPORT_COLUMNS: [&str; 16] = [
    "reference",
    "name",
    "host",
    "status",
    "submitted_at",
    "submission_sha256",
    "fellows",
    "panel",
    "rank",
    "consensus_total",
    "mean_total",
    "favourable",
    "opinions",
    "coups_de_coeur",
    "disagreements",
    "outcome",
];

/// A cell of an export, typed so that each format writes it as office tools expect.
enum Cell {
    Text(String),
    Int(i64),
    Decimal(f64),
    /// An instant, written in Paris time.
    Time(time::OffsetDateTime),
    Empty,
}

fn criterion_label(c: &Chrome, rules: &RuleSet, key: &str) -> String {
    rules
        .criteria
        .iter()
        .find(|x| x.key == key)
        .map(|x| if c.is_en() { x.en.clone() } else { x.fr.clone() })
        .map(|l| l.split([':', '(']).next().unwrap_or("").trim().to_owned())
        .unwrap_or_else(|| key.to_owned())
}

fn export_row(c: &Chrome, rules: &RuleSet, l: &jury::ExportLine) -> [Cell; 16] {
    let opt = |n: Option<usize>| n.and_then(|n| i64::try_from(n).ok()).map_or(Cell::Empty, Cell::Int);
    [
        Cell::Text(l.reference.clone()),
        Cell::Text(l.name.clone()),
        Cell::Text(l.host.clone()),
        Cell::Text(c.t(&format!("status-{}", l.status.as_str()))),
        l.submitted_at.map_or(Cell::Empty, Cell::Time),
        Cell::Text(l.hash.clone()),
        Cell::Int(i64::from(l.fellows)),
        Cell::Text(l.panel.clone()),
        opt(l.rank),
        l.consensus_total.map_or(Cell::Empty, |t| Cell::Int(i64::from(t))),
        l.mean_total.map_or(Cell::Empty, Cell::Decimal),
        opt(Some(l.favourable)),
        opt(Some(l.opinions)),
        opt(Some(l.coups_de_coeur)),
        Cell::Text(l.disagreements.iter().map(|k| criterion_label(c, rules, k)).collect::<Vec<_>>().join(", ")),
        l.outcome.map_or(Cell::Empty, |o| Cell::Text(c.t(&format!("outcome-{}", o.as_str())))),
    ]
}

/// A date and time as French office tools read it: `07/04/2021 23:59:58`, Paris time.
fn paris_text(t: time::OffsetDateTime) -> String {
    let l = cohorte_domain::paris::to_local(t);
    format!("{:02}/{:02}/{} {:02}:{:02}:{:02}", l.day(), u8::from(l.month()), l.year(), l.hour(), l.minute(), l.second())
}

/// Keeps a cell from being read as a formula by a spreadsheet.
fn inert(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_owned() }
}

fn download_headers(r: &mut Response, content_type: &'static str, filename: &str) {
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(d) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        h.insert(header::CONTENT_DISPOSITION, d);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
}

/// The CSV dialect asked for: `?sep=semicolon` is what a French spreadsheet opens directly
/// (semicolons between cells, a decimal comma).
#[derive(Debug, Default, Deserialize)]
pub struct CsvQuery {
    #[serde(default)]
    sep: String,
}

/// `GET /admin/cohorts/{code}/proposals.csv` (`?sep=semicolon` for French spreadsheets). Headers
/// and labels in the reader's language, times in Paris time, UTF-8 with a byte-order mark.
pub async fn export_csv(
    State(state): State<AppState>,
    c: Chrome,
    v: Visitor,
    SlugPath(code): SlugPath,
    Q(q): Q<CsvQuery>,
) -> Result<Response, WebError> {
    let s = session(&v)?;
    let semicolon = match q.sep.as_str() {
        "" | "comma" => false,
        "semicolon" => true,
        _ => return Err(WebError::BadRequest(FieldErrors::one("sep", "invalid-choice"))),
    };
    let (rules, lines) = jury::export(&state.ctx, &s, code.as_str(), "csv", &v.meta).await?;
    let mut w = csv::WriterBuilder::new().delimiter(if semicolon { b';' } else { b',' }).from_writer(Vec::new());
    w.write_record(EXPORT_COLUMNS.iter().map(|k| c.t(&format!("export-col-{k}")))).map_err(|e| WebError::Internal(e.to_string()))?;
    for l in &lines {
        let cells = export_row(&c, &rules, l).map(|cell| match cell {
            Cell::Text(t) => inert(&t),
            Cell::Int(n) => n.to_string(),
            Cell::Decimal(d) if semicolon => format!("{d:.2}").replace('.', ","),
            Cell::Decimal(d) => format!("{d:.2}"),
            Cell::Time(t) => paris_text(t),
            Cell::Empty => String::new(),
        });
        w.write_record(cells).map_err(|e| WebError::Internal(e.to_string()))?;
    }
    let mut body = vec![0xEF, 0xBB, 0xBF];
    body.extend(w.into_inner().map_err(|e| WebError::Internal(e.to_string()))?);
    let mut r = body.into_response();
    download_headers(&mut r, "text/csv; charset=utf-8", &format!("propositions-{code}.csv"));
    Ok(r)
}

/// `GET /admin/cohorts/{code}/proposals.xlsx`: numbers as numbers, times as Paris dates.
pub async fn export_xlsx(State(state): State<AppState>, c: Chrome, v: Visitor, SlugPath(code): SlugPath) -> Result<Response, WebError> {
    let s = session(&v)?;
    let (rules, lines) = jury::export(&state.ctx, &s, code.as_str(), "xlsx", &v.meta).await?;
    let bytes = (|| -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name(c.t("export-sheet"))?;
        let bold = rust_xlsxwriter::Format::new().set_bold();
        let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy hh:mm:ss");
        let decimal = rust_xlsxwriter::Format::new().set_num_format("0.00");
        for (col, k) in EXPORT_COLUMNS.iter().enumerate() {
            sheet.write_string_with_format(0, u16::try_from(col).unwrap_or(0), c.t(&format!("export-col-{k}")), &bold)?;
        }
        for (row, l) in lines.iter().enumerate() {
            let row = u32::try_from(row + 1).unwrap_or(u32::MAX);
            for (col, cell) in export_row(&c, &rules, l).into_iter().enumerate() {
                let col = u16::try_from(col).unwrap_or(0);
                match cell {
                    Cell::Text(t) => sheet.write_string(row, col, t)?,
                    #[expect(clippy::cast_precision_loss, reason = "counts and totals far below 2^52")]
                    Cell::Int(n) => sheet.write_number(row, col, n as f64)?,
                    Cell::Decimal(d) => sheet.write_number_with_format(row, col, d, &decimal)?,
                    Cell::Time(t) => {
                        let l = cohorte_domain::paris::to_local(t);
                        let dt = rust_xlsxwriter::ExcelDateTime::from_ymd(
                            u16::try_from(l.year()).unwrap_or(1900),
                            u8::from(l.month()),
                            l.day(),
                        )?
                        .and_hms(u16::from(l.hour()), l.minute(), l.second())?;
                        sheet.write_datetime_with_format(row, col, dt, &date)?
                    }
                    Cell::Empty => sheet,
                };
            }
        }
        sheet.autofit();
        book.save_to_buffer()
    })()
    .map_err(|e| WebError::Internal(e.to_string()))?;
    let mut r = bytes.into_response();
    download_headers(&mut r, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", &format!("propositions-{code}.xlsx"));
    Ok(r)
}

// ---------------------------------------------------------------- the jury area

/// `GET /jury`.
pub async fn jury_page(State(state): State<AppState>, c: Chrome, v: Visitor) -> Result<Response, WebError> {
    let s = session(&v)?;
    let area = jury::jury_area(&state.ctx, &s).await?;
    let preselection = area.preselection.iter().map(|co| (co.code.clone(), co.title(c.lang).to_owned())).collect();
    let views = area
        .panels
        .iter()
        .map(|p| JuryPanelView {
            id: p.panel.id.to_string(),
            name: p.panel.name.clone(),
            cohort: p.cohort.title(c.lang).to_owned(),
            referent: p.referent,
            items: p
                .items
                .iter()
                .map(|i| JuryItemView {
                    href: format!("/jury/proposals/{}", i.proposal.id),
                    reference: i.proposal.reference.clone(),
                    name: i.proposal.name.clone(),
                    hearing: i.assignment.hearing_at.map(when).unwrap_or_else(|| c.t("panels-no-hearing")),
                    scored: i.scored,
                })
                .collect(),
        })
        .collect();
    let title = c.t("jury-title");
    Ok(render(&JuryPage { panels: views, preselection, c: c.page("jury", title) }))
}

fn total(rules: &RuleSet, scores: &BTreeMap<String, u8>) -> String {
    rules.weighted_total(scores).map(|t| format!("{t}/{}", rules.max_total())).unwrap_or_default()
}

/// `GET /jury/proposals/{id}`: the kit and the scoring form.
pub async fn kit_page(
    State(state): State<AppState>,
    c: Chrome,
    v: Visitor,
    IdPath(id): IdPath<ProposalId>,
    Q(d): Q<Done>,
) -> Result<Response, WebError> {
    let s = session(&v)?;
    let k = jury::kit(&state.ctx, &s, id).await?;
    let p = &k.view.proposal;
    let rules = &k.view.rules;
    let mine: BTreeMap<String, u8> = k.mine.as_ref().map(|e| e.scores.clone()).unwrap_or_default();
    let texts = TextField::ALL
        .iter()
        .filter(|f| !matches!(f, TextField::Mission | TextField::Expertise | TextField::DatasetSteps | TextField::Name))
        .filter_map(|f| {
            p.form
                .texts
                .get(f)
                .map(|v| (c.t(&format!("field-{}", if *f == TextField::Status { "status_text" } else { f.as_str() })), v.clone()))
        })
        .collect();
    let opinion_label = |o: Option<Opinion>| o.map(|x| c.t(&format!("opinion-{}", x.as_str()))).unwrap_or_default();
    let page = KitPage {
        csrf: s.csrf_token.clone(),
        id: p.id.to_string(),
        reference: p.reference.clone(),
        name: p.name.clone(),
        host: k.view.host.as_ref().map(|h| h.1.clone()).unwrap_or_default(),
        panel: k.panel.name.clone(),
        hearing: k.assignment.hearing_at.map(|t| c.ts("kit-hearing", "when", &when(t))).unwrap_or_else(|| c.t("panels-no-hearing")),
        texts,
        profiles: p
            .form
            .profiles
            .iter()
            .map(|x| (c.t(&format!("profile-kind-{}", x.kind.as_str())), x.mission.clone(), x.expertise.clone()))
            .collect(),
        documents: k
            .view
            .documents
            .iter()
            .map(|d| {
                let kind = rules.attachments.iter().find(|a| a.key == d.key).map(|a| if c.is_en() { a.en.clone() } else { a.fr.clone() });
                (format!("{} — {}", kind.unwrap_or_default(), d.filename), format!("/proposals/{}/documents/{}", p.id, d.key))
            })
            .collect(),
        questions: k.questions.clone(),
        criteria: rules
            .criteria
            .iter()
            .map(|x| CriterionScore {
                key: x.key.clone(),
                label: if c.is_en() { x.en.clone() } else { x.fr.clone() },
                weight: x.weight,
                options: (1..=rules.scale_max).map(|v| (v, mine.get(&x.key) == Some(&v))).collect(),
            })
            .collect(),
        opinion: k.mine.as_ref().and_then(|e| e.opinion).map(|o| o.as_str().to_owned()).unwrap_or_default(),
        coup_de_coeur: k.mine.as_ref().is_some_and(|e| e.coup_de_coeur),
        comment: k.mine.as_ref().map(|e| e.comment.clone()).unwrap_or_default(),
        scored: k.mine.is_some(),
        others: k
            .others
            .iter()
            .map(|(name, e)| (name.clone(), total(rules, &e.scores), opinion_label(e.opinion), e.coup_de_coeur, e.comment.clone()))
            .collect(),
        consensus: k.consensus.as_ref().map(|e| (total(rules, &e.scores), opinion_label(e.opinion), e.comment.clone())),
        referent: k.can_give_consensus,
        can_mark_heard: k.can_mark_heard,
        can_declare_conflict: k.can_declare_conflict,
        open: k.can_score,
        notice: match (d.evaluated, d.heard) {
            (_, Some(o)) if o == "no_show" => Some(c.t("kit-no-show-saved")),
            (_, Some(_)) => Some(c.t("kit-heard-saved")),
            (Some(_), None) => Some(c.t("kit-saved")),
            (None, None) => None,
        },
        c: c.page("jury", p.name.clone()),
    };
    Ok(render(&page))
}

/// `POST /jury/proposals/{id}/evaluation` (`score.<criterion>`, `opinion`, …).
pub async fn evaluate(
    State(state): State<AppState>,
    v: Visitor,
    IdPath(id): IdPath<ProposalId>,
    F(pairs): F<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    no_duplicates(&pairs)?;
    let mut scores = BTreeMap::new();
    for (k, val) in &pairs {
        if let Some(key) = k.strip_prefix("score.") {
            let n: u8 =
                val.parse().map_err(|_| WebError::BadRequest(FieldErrors(vec![FieldError { field: "scores", code: "score-range" }])))?;
            scores.insert(key.to_owned(), n);
        }
    }
    let form = EvaluationForm {
        scores,
        opinion: pairs_get(&pairs, "opinion").unwrap_or("").to_owned(),
        coup_de_coeur: pairs_get(&pairs, "coup_de_coeur").is_some(),
        comment: pairs_get(&pairs, "comment").unwrap_or("").replace("\r\n", "\n"),
        consensus: pairs_get(&pairs, "consensus").is_some(),
    };
    jury::evaluate(&state.ctx, &s, id, &form, &v.meta).await?;
    Ok(Redirect::to(&format!("/jury/proposals/{id}?evaluated=1")).into_response())
}

/// Heard or no-show.
#[derive(Debug, Deserialize)]
pub struct HeardForm {
    outcome: String,
}

/// `POST /jury/proposals/{id}/heard` (the referent).
pub async fn heard(
    State(state): State<AppState>,
    v: Visitor,
    IdPath(id): IdPath<ProposalId>,
    F(f): F<HeardForm>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    let step = match f.outcome.as_str() {
        "heard" => PreselectionStep::Heard,
        "no_show" => PreselectionStep::NoShow,
        _ => return Err(WebError::BadRequest(FieldErrors(vec![FieldError { field: "status", code: "invalid-choice" }]))),
    };
    jury::preselection_step(&state.ctx, &s, id, &step, &v.meta).await?;
    Ok(Redirect::to(&format!("/jury/proposals/{id}?heard={}", f.outcome)).into_response())
}

/// A declared conflict.
#[derive(Debug, Deserialize)]
pub struct ConflictForm {
    reason: String,
}

/// `POST /jury/proposals/{id}/conflict`.
pub async fn conflict(
    State(state): State<AppState>,
    v: Visitor,
    IdPath(id): IdPath<ProposalId>,
    F(f): F<ConflictForm>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    jury::declare_conflict(&state.ctx, &s, id, &f.reason, &v.meta).await?;
    Ok(Redirect::to("/jury").into_response())
}

/// `GET /jury/panels/{id}/ranking`.
pub async fn ranking_page(State(state): State<AppState>, c: Chrome, v: Visitor, IdPath(id): IdPath<PanelId>) -> Result<Response, WebError> {
    let s = session(&v)?;
    let r = jury::panel_ranking(&state.ctx, &s, id).await?;
    let rows = r
        .items
        .iter()
        .map(|i| {
            (
                i.proposal.id.to_string(),
                i.proposal.reference.clone(),
                i.proposal.name.clone(),
                i.rank.map(|n| n.to_string()).unwrap_or_default(),
                i.explanation.clone(),
                i.consensus_total.map(|t| format!("{t}/{}", i.max_total)).unwrap_or_default(),
            )
        })
        .collect();
    let title = c.ts("ranking-title", "panel", &r.name);
    Ok(render(&RankingPage { csrf: s.csrf_token, id: id.to_string(), rows, editable: r.can_rank, c: c.page("jury", title) }))
}

/// `POST /jury/panels/{id}/ranking` (`position.<proposal>`, `explanation.<proposal>`).
pub async fn ranking_save(
    State(state): State<AppState>,
    v: Visitor,
    IdPath(id): IdPath<PanelId>,
    F(pairs): F<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    no_duplicates(&pairs)?;
    let mut rows: Vec<(u32, ProposalId, String)> = Vec::new();
    for (k, val) in &pairs {
        if let Some(pid) = k.strip_prefix("position.") {
            let pid: ProposalId = pid.parse().map_err(|_| WebError::NotFound)?;
            let pos: u32 = val
                .trim()
                .parse()
                .map_err(|_| WebError::BadRequest(FieldErrors(vec![FieldError { field: "ranking", code: "rank-every-heard-proposal" }])))?;
            let why = pairs_get(&pairs, &format!("explanation.{pid}")).unwrap_or("").trim().to_owned();
            rows.push((pos, pid, why));
        }
    }
    rows.sort_by_key(|(p, _, _)| *p);
    let positions: BTreeSet<u32> = rows.iter().map(|(p, _, _)| *p).collect();
    if positions.len() != rows.len() {
        return Err(WebError::BadRequest(FieldErrors(vec![FieldError { field: "ranking", code: "rank-every-heard-proposal" }])));
    }
    let order: Vec<(ProposalId, String)> = rows.into_iter().map(|(_, p, w)| (p, w)).collect();
    jury::rank(&state.ctx, &s, id, &order, &v.meta).await?;
    Ok(Redirect::to("/jury").into_response())
}

// ---------------------------------------------------------------- decisions (staff, validator)

/// `GET /decisions/{code}`.
pub async fn decisions_page(
    State(state): State<AppState>,
    c: Chrome,
    v: Visitor,
    SlugPath(code): SlugPath,
    Q(d): Q<Done>,
) -> Result<Response, WebError> {
    let s = session(&v)?;
    let d_view = decisions::page(&state.ctx, &s, code.as_str()).await?;
    let (cohort, rules, lines, round) = (&d_view.cohort, &d_view.rules, &d_view.lines, &d_view.round);
    let label = |k: &str| criterion_label(&c, rules, k);
    let views = lines
        .iter()
        .map(|l| ConsolidatedView {
            id: l.proposal.id.to_string(),
            reference: l.proposal.reference.clone(),
            name: l.proposal.name.clone(),
            panel: l.panel.clone(),
            rank: l.rank.map(|r| r.to_string()).unwrap_or_default(),
            consensus: l.consensus_total.map(|t| t.to_string()).unwrap_or_default(),
            mean: l.mean_centi.map(|m| format!("{},{:02}", m / 100, m % 100)).unwrap_or_default(),
            favourable: format!("{}/{}", l.favourable.0, l.favourable.1),
            coups: l.coups_de_coeur,
            disagreements: l.disagreements.iter().map(|k| label(k)).collect::<Vec<_>>().join(", "),
            staged: l.staged.map(|o| c.t(&format!("outcome-{}", o.as_str()))).unwrap_or_default(),
            outcomes: Decision::ALL
                .iter()
                .map(|o| Opt {
                    value: o.as_str().to_owned(),
                    label: c.t(&format!("outcome-{}", o.as_str())),
                    selected: l.staged == Some(*o),
                })
                .collect(),
        })
        .collect();
    let round_text = match round {
        None => c.t("round-none"),
        Some(r) => match r.status {
            RoundStatus::Staging => c.t("round-staging"),
            RoundStatus::Approved => c.ts("round-approved", "when", &r.publish_at.map(when).unwrap_or_default()),
            RoundStatus::Published => c.ts("round-published", "when", &r.published_at.map(when).unwrap_or_default()),
        },
    };
    let notice = if d.staged.is_some() {
        Some(c.t("decisions-staged"))
    } else if d.approved.is_some() {
        Some(c.t("decisions-approved"))
    } else {
        None
    };
    let title = c.ts("decisions-title", "cohort", cohort.title(c.lang));
    Ok(render(&DecisionsPage {
        csrf: s.csrf_token,
        code: cohort.code.clone(),
        max_total: rules.max_total(),
        lines: views,
        round: round_text,
        staff: d_view.can_stage,
        validator: d_view.can_approve,
        summary: d_view
            .staged_counts
            .iter()
            .map(|(d, n)| c.ts(&format!("decisions-count-{}", d.as_str()), "count", &n.to_string()))
            .collect(),
        notice,
        c: c.page("admin", title),
    }))
}

/// An outcome to stage.
#[derive(Debug, Deserialize)]
pub struct StageForm {
    proposal: String,
    outcome: String,
}

/// `POST /decisions/{code}/stage`.
pub async fn stage(State(state): State<AppState>, v: Visitor, SlugPath(code): SlugPath, F(f): F<StageForm>) -> Result<Response, WebError> {
    let s = v.required()?;
    let id: ProposalId = f.proposal.parse().map_err(|_| WebError::NotFound)?;
    let outcome = Decision::parse(&f.outcome)
        .ok_or_else(|| WebError::BadRequest(FieldErrors(vec![FieldError { field: "outcome", code: "invalid-choice" }])))?;
    decisions::stage(&state.ctx, &s, id, outcome, &v.meta).await?;
    Ok(Redirect::to(&format!("/decisions/{code}?staged=1")).into_response())
}

/// The publication time.
#[derive(Debug, Deserialize)]
pub struct ApproveForm {
    #[serde(default)]
    publish_at: String,
    /// The confirmation checkbox (`yes`).
    confirm: Option<String>,
}

/// `POST /decisions/{code}/approve` (the validator).
pub async fn approve(
    State(state): State<AppState>,
    v: Visitor,
    SlugPath(code): SlugPath,
    F(f): F<ApproveForm>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    decisions::approve(&state.ctx, &s, code.as_str(), &f.publish_at, f.confirm.as_deref() == Some("yes"), &v.meta).await?;
    Ok(Redirect::to(&format!("/decisions/{code}?approved=1")).into_response())
}

// ---------------------------------------------------------------- challenges from proposals (staff)

/// `GET /admin/challenges`.
pub async fn challenges_page(State(state): State<AppState>, c: Chrome, v: Visitor) -> Result<Response, WebError> {
    let s = session(&v)?;
    let list = decisions::challenges(&state.ctx, &s).await?;
    let rows = list
        .iter()
        .map(|ch| {
            (
                ch.slug.clone(),
                ch.title.clone(),
                ch.cohort_code.clone(),
                c.t(&format!("challenge-status-{}", ch.status.as_str())),
                ch.status.is_public(),
            )
        })
        .collect();
    let title = c.t("challenges-admin-title");
    let crumbs = vec![(c.t("admin-title"), "/admin".to_owned())];
    Ok(render(&AdminChallengesPage { challenges: rows, crumbs, c: c.page("admin", title) }))
}

/// `GET /admin/challenges/{slug}`.
pub async fn challenge_page(State(state): State<AppState>, c: Chrome, v: Visitor, SlugPath(slug): SlugPath) -> Result<Response, WebError> {
    let s = session(&v)?;
    let ch = decisions::challenge(&state.ctx, &s, slug.as_str()).await?;
    let title = ch.title.clone();
    let crumbs = vec![(c.t("admin-title"), "/admin".to_owned()), (c.t("challenges-admin-title"), "/admin/challenges".to_owned())];
    Ok(render(&AdminChallengePage {
        csrf: s.csrf_token,
        slug: ch.slug.clone(),
        title: ch.title.clone(),
        tagline: ch.tagline.clone(),
        city: ch.city.clone().unwrap_or_default(),
        website: ch.website.clone().unwrap_or_default(),
        body_md: ch.body_md.clone(),
        public: ch.status.is_public(),
        crumbs,
        c: c.page("admin", title),
    }))
}

/// A challenge page.
#[derive(Debug, Deserialize)]
pub struct ChallengeForm {
    #[serde(default)]
    slug: String,
    title: String,
    tagline: String,
    #[serde(default)]
    city: String,
    #[serde(default)]
    website: String,
    #[serde(default)]
    body_md: String,
    #[serde(default)]
    publish: String,
}

/// `POST /admin/challenges/{slug}`.
pub async fn challenge_save(
    State(state): State<AppState>,
    v: Visitor,
    SlugPath(slug): SlugPath,
    F(f): F<ChallengeForm>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    let page = decisions::ChallengePage {
        slug: if f.slug.trim().is_empty() { slug.as_str().to_owned() } else { f.slug },
        title: f.title,
        tagline: f.tagline,
        city: f.city,
        website: f.website,
        body_md: f.body_md.replace("\r\n", "\n"),
        publish: f.publish == "1",
    };
    let now_at = decisions::save_challenge(&state.ctx, &s, slug.as_str(), &page, &v.meta).await?;
    Ok(Redirect::to(&format!("/admin/challenges/{now_at}")).into_response())
}
