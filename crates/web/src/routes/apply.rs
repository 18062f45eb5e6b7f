//! The call for applications, for candidates: the open calls and one's applications, the
//! application form (saved automatically, a CV attached, submitted with a receipt), withdrawal.

use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use cohorte_app::AppError;
use cohorte_app::applications::{self as apps, ApplicationView, Saved};
use cohorte_domain::application::{ApplicationForm, ApplicationText, Choice};
use cohorte_domain::cohort::{CallPhase, ProfileKind};
use cohorte_domain::ids::ApplicationId;
use cohorte_domain::query::{FieldError, FieldErrors};
use serde::Deserialize;

use crate::AppState;
use crate::error::WebError;
use crate::extract::{F, Q, SlugPath};
use crate::routes::call::IdPath;
use crate::session::Visitor;
use crate::views::apply::*;
use crate::views::call::CallLine;
use crate::views::{Chrome, Opt, render, render_invalid};

fn when(t: time::OffsetDateTime) -> String {
    cohorte_domain::paris::label(t)
}

fn problems(c: &Chrome, e: &FieldErrors) -> Vec<String> {
    e.0.iter().map(|f| format!("{} : {}", c.t(&format!("field-{}", f.field)), c.t(&format!("error-{}", f.code)))).collect()
}

fn get<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

/// `GET /applications`: the open calls for applications and the visitor's applications.
pub async fn mine(State(state): State<AppState>, c: Chrome, v: Visitor) -> Result<Response, WebError> {
    let (csrf, rows) = match v.session() {
        Some(s) if s.actor.person().is_some() => (Some(s.csrf_token.clone()), apps::mine(&state.ctx, &s).await?),
        _ => (None, Vec::new()),
    };
    let calls = apps::open_calls(&state.ctx)
        .await?
        .into_iter()
        .map(|o| {
            // The visitor's own application to this call, if they started one.
            let started = rows.iter().find(|(_, co)| co.code == o.cohort.code).map(|(a, _)| format!("/applications/{}", a.id));
            let line = CallLine {
                code: o.cohort.code.clone(),
                title: o.cohort.title(c.lang).to_owned(),
                open: matches!(o.phase, CallPhase::Open { .. }),
                when: crate::routes::call::phase_text(&c, o.phase),
            };
            (line, started)
        })
        .collect();
    let applications = rows
        .into_iter()
        .map(|(a, co)| ApplicationLine {
            href: format!("/applications/{}", a.id),
            reference: a.reference,
            cohort: co.title(c.lang).to_owned(),
            status: c.t(&format!("application-status-{}", a.status.as_str())),
        })
        .collect();
    let title = c.t("apply-title");
    Ok(render(&MyApplicationsPage { c: c.page("applications", title), csrf, calls, applications }))
}

/// `POST /calls/{code}/applications`: starts (or reopens) the visitor's application.
pub async fn start(State(state): State<AppState>, v: Visitor, SlugPath(code): SlugPath) -> Result<Response, WebError> {
    let s = v.required()?;
    let app = apps::start(&state.ctx, &s, code.as_str(), &v.meta).await?;
    Ok(Redirect::to(&format!("/applications/{}", app.id)).into_response())
}

/// What a page shows after an action.
#[derive(Debug, Default, Deserialize)]
pub struct Done {
    saved: Option<String>,
    uploaded: Option<String>,
    withdrawn: Option<String>,
    booked: Option<String>,
}

/// `GET /applications/{id}`.
pub async fn page(
    State(state): State<AppState>,
    c: Chrome,
    v: Visitor,
    IdPath(id): IdPath<ApplicationId>,
    Q(d): Q<Done>,
) -> Result<Response, WebError> {
    let s = v.session().ok_or(WebError::SignIn)?;
    let view = apps::view(&state.ctx, &s, id).await?;
    let notice = if d.saved.is_some() {
        Some(c.t("proposal-saved"))
    } else if d.uploaded.is_some() {
        Some(c.t("proposal-uploaded"))
    } else if d.withdrawn.is_some() {
        Some(c.t("apply-withdrawn"))
    } else if d.booked.is_some() {
        Some(c.t("apply-booked"))
    } else {
        None
    };
    Ok(render(&application_page(c, s.csrf_token, &view, None, notice, Vec::new(), None)))
}

fn yes_no(c: &Chrome, v: Option<bool>) -> Vec<Check> {
    [("yes", true), ("no", false)].iter().map(|(k, b)| Check { value: (*k).to_owned(), label: c.t(k), checked: v == Some(*b) }).collect()
}

fn application_page(
    c: Chrome,
    csrf: String,
    view: &ApplicationView,
    typed: Option<&ApplicationForm>,
    notice: Option<String>,
    errors: Vec<String>,
    receipt: Option<(String, String)>,
) -> ApplicationPage {
    let a = &view.application;
    let form = typed.unwrap_or(&a.form);
    let rules = &view.rules;
    let offered: Vec<ProfileKind> = {
        let mut p: Vec<ProfileKind> = rules.seats.iter().map(|s| s.profile).collect();
        p.sort();
        p.dedup();
        p
    };
    let profile_label = |p: ProfileKind| c.t(&format!("profile-kind-{}", p.as_str()));
    let options = |selected: Option<&Choice>| -> Vec<Opt> {
        view.options
            .iter()
            .map(|o| {
                let value = format!("{}|{}", o.challenge, o.profile.as_str());
                Opt {
                    selected: selected.is_some_and(|s| s.challenge == o.challenge && s.profile == o.profile),
                    label: format!("{} — {} ({})", o.title, profile_label(o.profile), c.tn("apply-seats", u32::from(o.seats))),
                    value,
                }
            })
            .collect()
    };
    let texts = ApplicationText::ALL
        .iter()
        .map(|t| {
            (
                format!("text.{}", t.as_str()),
                format!("text-{}", t.as_str()),
                c.t(&format!("apply-text-{}", t.as_str())),
                c.tn("proposal-limit", t.limit()),
                form.texts.get(t).cloned().unwrap_or_default(),
                t.limit(),
                t.required(),
            )
        })
        .collect();
    let mut links = form.links.clone();
    links.resize(cohorte_domain::application::MAX_LINKS, String::new());
    let documents = [(apps::CV, c.t("apply-cv")), (apps::PORTFOLIO, c.t("apply-portfolio"))]
        .into_iter()
        .map(|(key, label)| DocLine {
            label,
            file: view.documents.iter().find(|d| d.key == key).map(|d| {
                (
                    d.filename.clone(),
                    format!("{} Kio", (d.size + 1023) / 1024),
                    d.sha256.clone(),
                    format!("/applications/{}/documents/{key}", a.id),
                )
            }),
        })
        .collect();
    let yn = |v: Option<bool>| v.map(|b| c.t(if b { "yes" } else { "no" })).unwrap_or_default();
    let mut answers = vec![
        Answer { label: c.t("apply-name"), value: form.name.clone() },
        Answer { label: c.t("apply-profiles"), value: form.profiles.iter().map(|p| profile_label(*p)).collect::<Vec<_>>().join(", ") },
        Answer { label: c.t("apply-years"), value: form.years_experience.map(|y| y.to_string()).unwrap_or_default() },
    ];
    for t in ApplicationText::ALL {
        answers.push(Answer { label: c.t(&format!("apply-text-{}", t.as_str())), value: form.texts.get(t).cloned().unwrap_or_default() });
    }
    for (i, ch) in form.choices.iter().enumerate() {
        let title = view.options.iter().find(|o| o.challenge == ch.challenge).map(|o| o.title.clone()).unwrap_or_default();
        answers.push(Answer {
            label: format!("{} {}", c.t("apply-choice"), i + 1),
            value: format!("{title} — {}\n{}", profile_label(ch.profile), ch.contribution),
        });
    }
    answers.push(Answer { label: c.t("apply-mobile"), value: yn(form.mobile) });
    answers.push(Answer { label: c.t("apply-available"), value: yn(form.available_at_start) });
    answers.push(Answer { label: c.t("apply-teammate"), value: form.teammate.clone() });
    answers.push(Answer { label: c.t("apply-links"), value: form.links.join("\n") });
    let title = c.t("apply-application-title");
    let slot_label = |s: &apps::SlotRow| {
        format!("{} — {} min — {} : {}", when(s.starts_at), s.duration_minutes, c.t(&format!("panels-{}", s.mode.as_str())), s.location)
    };
    ApplicationPage {
        info_request: view.info_request.clone(),
        can_provide_information: view.can_provide_information,
        reason: view.reason.clone(),
        can_choose: view.can_choose,
        choices_close: view.choices_close.map(|t| c.ts("apply-choices-close", "when", &when(t))).unwrap_or_default(),
        slots: view.slots.iter().map(|s| Opt { value: s.id.to_string(), label: slot_label(s), selected: false }).collect(),
        can_book: view.can_book,
        held: view.held.as_ref().map(slot_label),
        can_cancel_interview: view.can_cancel_interview,
        can_move_interview: view.can_move_interview,
        offer: view.offer.as_ref().map(|o| {
            c.tsa("apply-offer", &[("challenge", &o.title), ("profile", &profile_label(o.profile)), ("deadline", &when(o.deadline))])
        }),
        offer_response: view.offer.as_ref().and_then(|o| o.response.as_ref()).map(|r| c.t(&format!("offer-response-{r}"))),
        can_answer_offer: view.can_answer_offer,
        suggestions: view
            .suggestions
            .iter()
            .map(|g| SuggestionLine {
                id: g.row.id.to_string(),
                what: format!("{} — {}", g.title, profile_label(g.row.profile)),
                note: g.row.note.clone(),
                answer: g.row.answer.as_deref().map(|a| c.t(&format!("suggestion-{a}"))).unwrap_or_default(),
                can_answer: g.can_answer,
            })
            .collect(),
        csrf,
        id: a.id.to_string(),
        reference: a.reference.clone(),
        cohort: view.cohort.title(c.lang).to_owned(),
        status: c.t(&format!("application-status-{}", a.status.as_str())),
        deadline: view.deadline.map(|t| c.ts("proposal-deadline", "when", &when(t))).unwrap_or_default(),
        notice,
        errors,
        missing: if typed.is_none() { problems(&c, &view.missing) } else { Vec::new() },
        receipt,
        editable: view.can_edit,
        can_withdraw: view.can_withdraw,
        version: a.version,
        name: form.name.clone(),
        phone: form.phone.clone(),
        profiles: offered
            .iter()
            .map(|p| Check { value: p.as_str().to_owned(), label: profile_label(*p), checked: form.profiles.contains(p) })
            .collect(),
        years: form.years_experience.map(|y| y.to_string()).unwrap_or_default(),
        salary: view.salary.as_ref().map(|b| c.ts("apply-salary", "amount", &b.net_monthly_eur.to_string())).unwrap_or_default(),
        texts,
        choices: (0..usize::from(rules.max_choices))
            .map(|i| ChoiceSlot {
                i,
                options: options(form.choices.get(i)),
                contribution: form.choices.get(i).map(|x| x.contribution.clone()).unwrap_or_default(),
            })
            .collect(),
        choose_now: rules.choice_mode == cohorte_domain::application::ChoiceMode::AtApplication,
        mobile: yes_no(&c, form.mobile),
        available: yes_no(&c, form.available_at_start),
        teammate: form.teammate.clone(),
        declarations: rules
            .declarations
            .iter()
            .map(|d| Check {
                value: d.key.clone(),
                label: if c.is_en() { d.en.clone() } else { d.fr.clone() },
                checked: form.declarations.contains(&d.key),
            })
            .collect(),
        consent: form.consent,
        links,
        documents,
        answers,
        c: c.page("applications", title),
    }
}

/// Reads the form's fields (limits and types are checked by the use case).
fn parse(pairs: &[(String, String)]) -> Result<(ApplicationForm, i32), WebError> {
    let bad = |field: &'static str, code: &'static str| WebError::BadRequest(FieldErrors(vec![FieldError { field, code }]));
    let repeatable = ["profile", "declaration", "link"];
    let mut seen = std::collections::BTreeSet::new();
    for (k, _) in pairs {
        if !repeatable.contains(&k.as_str()) && !seen.insert(k.as_str()) {
            return Err(bad("form", "invalid-query"));
        }
    }
    let version = get(pairs, "version").and_then(|v| v.parse::<i32>().ok()).ok_or_else(|| bad("form", "invalid-query"))?;
    let yes_no = |key: &'static str| -> Result<Option<bool>, WebError> {
        match get(pairs, key) {
            None | Some("") => Ok(None),
            Some("yes") => Ok(Some(true)),
            Some("no") => Ok(Some(false)),
            Some(_) => Err(bad(key, "invalid-choice")),
        }
    };
    let mut f = ApplicationForm {
        name: get(pairs, "name").unwrap_or("").trim().to_owned(),
        phone: get(pairs, "phone").unwrap_or("").trim().to_owned(),
        teammate: get(pairs, "teammate").unwrap_or("").trim().to_owned(),
        consent: get(pairs, "consent").is_some(),
        mobile: yes_no("mobile")?,
        available_at_start: yes_no("available_at_start")?,
        ..ApplicationForm::default()
    };
    f.years_experience = match get(pairs, "years_experience").map(str::trim) {
        None | Some("") => None,
        Some(y) => Some(y.parse().map_err(|_| bad("years_experience", "years-range"))?),
    };
    for (k, v) in pairs {
        match k.as_str() {
            "profile" => {
                f.profiles.insert(ProfileKind::parse(v).ok_or_else(|| bad("profiles", "invalid-choice"))?);
            }
            "declaration" => {
                f.declarations.insert(v.clone());
            }
            "link" if !v.trim().is_empty() => f.links.push(v.trim().to_owned()),
            _ => {}
        }
    }
    for t in ApplicationText::ALL {
        if let Some(v) = get(pairs, &format!("text.{}", t.as_str())) {
            let v = v.replace("\r\n", "\n");
            if !v.trim().is_empty() {
                f.texts.insert(*t, v.trim().to_owned());
            }
        }
    }
    for i in 0..5 {
        let Some(target) = get(pairs, &format!("choice.{i}.target")).filter(|t| !t.is_empty()) else { continue };
        let (challenge, profile) = target.split_once('|').ok_or_else(|| bad("choices", "invalid-choice"))?;
        let profile = ProfileKind::parse(profile).ok_or_else(|| bad("choices", "invalid-choice"))?;
        let contribution = get(pairs, &format!("choice.{i}.contribution")).unwrap_or("").replace("\r\n", "\n").trim().to_owned();
        f.choices.push(Choice { challenge: challenge.to_owned(), profile, contribution });
    }
    Ok((f, version))
}

/// Saves what was sent; `Ok(None)` when saved, else the page to show again (typed values kept).
async fn save_or_page(
    state: &AppState,
    c: &Chrome,
    v: &Visitor,
    id: ApplicationId,
    pairs: &[(String, String)],
) -> Result<Result<i32, Response>, WebError> {
    let s = v.required()?;
    let (form, version) = parse(pairs)?;
    let (errors, status) = match apps::save(&state.ctx, &s, id, version, &form, &v.meta).await {
        Ok(Saved::Saved(v)) => return Ok(Ok(v)),
        Ok(Saved::Conflict { .. }) => (vec![c.t("proposal-conflict")], StatusCode::CONFLICT),
        Err(AppError::Invalid(e)) => (problems(c, &e), StatusCode::UNPROCESSABLE_ENTITY),
        Err(e) => return Err(e.into()),
    };
    Ok(Err(refused_page(state, c, &s, id, &form, errors, status).await?))
}

/// `POST /applications/{id}`: the Save button (without JavaScript).
pub async fn save(
    State(state): State<AppState>,
    c: Chrome,
    v: Visitor,
    IdPath(id): IdPath<ApplicationId>,
    F(pairs): F<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    Ok(match save_or_page(&state, &c, &v, id, &pairs).await? {
        Ok(_) => Redirect::to(&format!("/applications/{id}?saved=1")).into_response(),
        Err(page) => page,
    })
}

/// `POST /applications/{id}/autosave`: the same save, answered in JSON for the page's script.
pub async fn autosave(
    State(state): State<AppState>,
    c: Chrome,
    v: Visitor,
    IdPath(id): IdPath<ApplicationId>,
    F(pairs): F<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    let (form, version) = parse(&pairs)?;
    let now = cohorte_domain::paris::to_local(state.ctx.clock.now());
    let (status, body) = match apps::save(&state.ctx, &s, id, version, &form, &v.meta).await {
        Ok(Saved::Saved(v)) => (
            StatusCode::OK,
            serde_json::json!({"version": v, "message": c.ts("autosave-saved", "when", &format!("{:02}:{:02}", now.hour(), now.minute()))}),
        ),
        Ok(Saved::Conflict { current }) => {
            (StatusCode::CONFLICT, serde_json::json!({"current": current, "message": c.t("proposal-conflict")}))
        }
        Err(AppError::Invalid(e)) => (StatusCode::UNPROCESSABLE_ENTITY, serde_json::json!({"message": problems(&c, &e).join(" ; ")})),
        Err(e) => return Err(e.into()),
    };
    let mut r = (status, body.to_string()).into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json; charset=utf-8"));
    r.extensions_mut().insert(crate::layers::KeepBody);
    Ok(r)
}

/// `POST /applications/{id}/submit`: saves what was typed, then submits; the page shows the
/// receipt, or what is missing.
pub async fn submit(
    State(state): State<AppState>,
    c: Chrome,
    v: Visitor,
    IdPath(id): IdPath<ApplicationId>,
    F(pairs): F<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    let (form, version) = parse(&pairs)?;
    // Saved and submitted in one transaction; a refused submission keeps what was typed.
    match apps::save_and_submit(&state.ctx, &s, id, version, &form, &v.meta).await {
        Ok(Ok(receipt)) => {
            let view = apps::view(&state.ctx, &s, id).await?;
            let r = (when(receipt.submitted_at), receipt.hash);
            Ok(render(&application_page(c, s.csrf_token, &view, None, None, Vec::new(), Some(r))))
        }
        Ok(Err(_conflict)) => Ok(refused_page(&state, &c, &s, id, &form, vec![c.t("proposal-conflict")], StatusCode::CONFLICT).await?),
        Err(AppError::Invalid(e)) => Ok(refused_page(&state, &c, &s, id, &form, problems(&c, &e), StatusCode::UNPROCESSABLE_ENTITY).await?),
        Err(e) => Err(e.into()),
    }
}

/// The application page again with what was typed and why it was refused.
async fn refused_page(
    state: &AppState,
    c: &Chrome,
    s: &cohorte_app::session::Session,
    id: ApplicationId,
    form: &ApplicationForm,
    errors: Vec<String>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let view = apps::view(&state.ctx, s, id).await?;
    let mut r = render_invalid(&application_page(c.clone(), s.csrf_token.clone(), &view, Some(form), None, errors, None));
    *r.status_mut() = status;
    Ok(r)
}

/// `POST /applications/{id}/documents`: the form's fields are saved, then the document attached.
pub async fn upload(
    State(state): State<AppState>,
    c: Chrome,
    v: Visitor,
    IdPath(id): IdPath<ApplicationId>,
    mut mp: Multipart,
) -> Result<Response, WebError> {
    let s = v.required()?;
    let crate::routes::call::Upload { key, file, pairs } = crate::routes::call::read_upload(&mut mp).await?;
    let typed = if get(&pairs, "version").is_some() { Some(parse(&pairs)?) } else { None };
    let (Some(key), Some((name, bytes))) = (key, file) else {
        // No file: the typed fields are still saved, as the Save button would.
        if typed.is_some()
            && let Err(page) = save_or_page(&state, &c, &v, id, &pairs).await?
        {
            return Ok(page);
        }
        return Err(crate::routes::call::upload_refused());
    };
    // Saved and attached in one transaction; a refused document keeps what was typed.
    let with = typed.as_ref().map(|(form, version)| (*version, form));
    match apps::save_and_upload(&state.ctx, &s, id, with, &key, &name, &bytes, &v.meta).await {
        Ok(Saved::Saved(_)) => Ok(Redirect::to(&format!("/applications/{id}?uploaded=1#documents-title")).into_response()),
        Ok(Saved::Conflict { .. }) => {
            let form = typed.map(|(f, _)| f).unwrap_or_default();
            refused_page(&state, &c, &s, id, &form, vec![c.t("proposal-conflict")], StatusCode::CONFLICT).await
        }
        Err(AppError::Invalid(e)) if e.0.iter().all(|f| f.field == "document") => {
            let view = apps::view(&state.ctx, &s, id).await?;
            Ok(render_invalid(&application_page(c.clone(), s.csrf_token, &view, None, Some(c.t("proposal-saved")), problems(&c, &e), None)))
        }
        Err(AppError::Invalid(e)) => {
            let form = typed.map(|(f, _)| f).unwrap_or_default();
            refused_page(&state, &c, &s, id, &form, problems(&c, &e), StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e.into()),
    }
}

/// `GET /applications/{id}/documents/{key}`: always a download, never shown inline.
pub async fn download(State(state): State<AppState>, v: Visitor, Path((id, key)): Path<(String, String)>) -> Result<Response, WebError> {
    let s = v.session().ok_or(WebError::SignIn)?;
    let id: ApplicationId = id.parse().map_err(|_| WebError::NotFound)?;
    if key != apps::CV && key != apps::PORTFOLIO {
        return Err(WebError::NotFound);
    }
    let (meta, bytes) = apps::document(&state.ctx, &s, id, &key).await?;
    Ok(crate::routes::call::pdf_attachment(&meta.filename, bytes))
}

/// The withdrawal's confirmation.
#[derive(Debug, Deserialize)]
pub struct WithdrawForm {
    confirm: Option<String>,
}

/// `POST /applications/{id}/withdraw` (confirmed).
pub async fn withdraw(
    State(state): State<AppState>,
    v: Visitor,
    IdPath(id): IdPath<ApplicationId>,
    F(f): F<WithdrawForm>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    if f.confirm.is_none() {
        return Err(WebError::BadRequest(FieldErrors(vec![FieldError { field: "confirm", code: "confirmation-required" }])));
    }
    apps::withdraw(&state.ctx, &s, id, &v.meta).await?;
    Ok(Redirect::to(&format!("/applications/{id}?withdrawn=1")).into_response())
}

/// `POST /applications/{id}/information`: the candidate's answer to a request for information
/// (the texts and the links; the rest stays as submitted).
pub async fn information(
    State(state): State<AppState>,
    v: Visitor,
    IdPath(id): IdPath<ApplicationId>,
    F(pairs): F<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    let mut form = ApplicationForm::default();
    for t in ApplicationText::ALL {
        if let Some(v) = get(&pairs, &format!("text.{}", t.as_str())) {
            let v = v.replace("\r\n", "\n");
            if !v.trim().is_empty() {
                form.texts.insert(*t, v.trim().to_owned());
            }
        }
    }
    form.links = pairs.iter().filter(|(k, v)| k == "link" && !v.trim().is_empty()).map(|(_, v)| v.trim().to_owned()).collect();
    apps::provide_information(&state.ctx, &s, id, &form, &v.meta).await?;
    Ok(Redirect::to(&format!("/applications/{id}?saved=1")).into_response())
}

/// `POST /applications/{id}/choices`: the ranked choices of the two-step mode.
pub async fn choices(
    State(state): State<AppState>,
    v: Visitor,
    IdPath(id): IdPath<ApplicationId>,
    F(pairs): F<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    let mut chosen = Vec::new();
    for i in 0..5 {
        let Some(target) = get(&pairs, &format!("choice.{i}.target")).filter(|t| !t.is_empty()) else { continue };
        let (challenge, profile) = target.split_once('|').ok_or_else(|| bad_field("choices", "invalid-choice"))?;
        let profile = ProfileKind::parse(profile).ok_or_else(|| bad_field("choices", "invalid-choice"))?;
        let contribution = get(&pairs, &format!("choice.{i}.contribution")).unwrap_or("").replace("\r\n", "\n").trim().to_owned();
        chosen.push(Choice { challenge: challenge.to_owned(), profile, contribution });
    }
    apps::choose(&state.ctx, &s, id, &chosen, &v.meta).await?;
    Ok(Redirect::to(&format!("/applications/{id}?saved=1")).into_response())
}

fn bad_field(field: &'static str, code: &'static str) -> WebError {
    WebError::BadRequest(FieldErrors(vec![FieldError { field, code }]))
}

/// The slot chosen.
#[derive(Debug, Deserialize)]
pub struct BookForm {
    slot: String,
}

/// `POST /applications/{id}/interview`: books a slot (the calendar invitation is mailed).
pub async fn book(
    State(state): State<AppState>,
    v: Visitor,
    IdPath(id): IdPath<ApplicationId>,
    F(f): F<BookForm>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    let slot: uuid::Uuid = f.slot.parse().map_err(|_| bad_field("slot", "slot-taken"))?;
    apps::book(&state.ctx, &s, id, slot, &v.meta).await?;
    Ok(Redirect::to(&format!("/applications/{id}?booked=1#interview")).into_response())
}

/// `POST /applications/{id}/interview/move`: moves the interview to another free slot (the old
/// invitation is cancelled, the new one mailed).
pub async fn move_interview(
    State(state): State<AppState>,
    v: Visitor,
    IdPath(id): IdPath<ApplicationId>,
    F(f): F<BookForm>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    let slot: uuid::Uuid = f.slot.parse().map_err(|_| bad_field("slot", "slot-taken"))?;
    apps::move_interview(&state.ctx, &s, id, slot, &v.meta).await?;
    Ok(Redirect::to(&format!("/applications/{id}?booked=1#interview")).into_response())
}

/// `POST /applications/{id}/interview/cancel` (confirmed).
pub async fn cancel_interview(
    State(state): State<AppState>,
    v: Visitor,
    IdPath(id): IdPath<ApplicationId>,
    F(f): F<WithdrawForm>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    if f.confirm.is_none() {
        return Err(bad_field("confirm", "confirmation-required"));
    }
    apps::cancel_interview(&state.ctx, &s, id, &v.meta).await?;
    Ok(Redirect::to(&format!("/applications/{id}?saved=1#interview")).into_response())
}

/// The answer to an offer; a decline is confirmed.
#[derive(Debug, Deserialize)]
pub struct OfferForm {
    answer: String,
    confirm: Option<String>,
}

/// The answer to a challenge an interview panel proposed.
#[derive(Debug, Deserialize)]
pub struct SuggestionForm {
    suggestion: String,
    answer: String,
}

/// `POST /applications/{id}/suggestion`: the candidate accepts or declines a proposed challenge.
pub async fn answer_suggestion(
    State(state): State<AppState>,
    v: Visitor,
    IdPath(id): IdPath<ApplicationId>,
    F(f): F<SuggestionForm>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    let suggestion: uuid::Uuid = f.suggestion.parse().map_err(|_| bad_field("suggestion", "invalid-choice"))?;
    let accept = match f.answer.as_str() {
        "accept" => true,
        "decline" => false,
        _ => return Err(bad_field("answer", "invalid-choice")),
    };
    apps::answer_suggestion(&state.ctx, &s, id, suggestion, accept, &v.meta).await?;
    Ok(Redirect::to(&format!("/applications/{id}?saved=1#suggestions")).into_response())
}

/// `POST /applications/{id}/offer`.
pub async fn answer_offer(
    State(state): State<AppState>,
    v: Visitor,
    IdPath(id): IdPath<ApplicationId>,
    F(f): F<OfferForm>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    let accept = match f.answer.as_str() {
        "accept" => true,
        "decline" if f.confirm.is_some() => false,
        "decline" => return Err(bad_field("confirm", "confirmation-required")),
        _ => return Err(bad_field("offer", "invalid-choice")),
    };
    apps::answer_offer(&state.ctx, &s, id, accept, &v.meta).await?;
    Ok(Redirect::to(&format!("/applications/{id}?saved=1#offer")).into_response())
}
