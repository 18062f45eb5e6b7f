//! The call for applications for staff, the validator and reviewers: the rules, the
//! pre-selection desk, the interviews, the matching and its publication, the teams; a reviewer's
//! list. Each page renders one read model of `cohorte_app::selection`; each form calls one use
//! case of `cohorte_app::applications`.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use cohorte_app::applications::{self as apps, PreselectionStep};
use cohorte_app::selection;
use cohorte_domain::application::{ApplicationStatus, ChoiceMode, Seats};
use cohorte_domain::cohort::ProfileKind;
use cohorte_domain::ids::ApplicationId;
use cohorte_domain::matching::Reason;
use cohorte_domain::query::{FieldError, FieldErrors};
use serde::Deserialize;

use crate::AppState;
use crate::error::WebError;
use crate::extract::{F, Q, SlugPath};
use crate::session::Visitor;
use crate::views::selection::*;
use crate::views::{Chrome, Opt, render};

fn bad(field: &'static str, code: &'static str) -> WebError {
    WebError::BadRequest(FieldErrors(vec![FieldError { field, code }]))
}

/// A (challenge, profile) list as forms name it: `{challenge id}|{profile}`.
fn list_key(field: &'static str, v: &str) -> Result<(uuid::Uuid, ProfileKind), WebError> {
    let (ch, p) = v.split_once('|').ok_or_else(|| bad(field, "invalid-choice"))?;
    Ok((ch.parse().map_err(|_| bad(field, "invalid-choice"))?, ProfileKind::parse(p).ok_or_else(|| bad(field, "invalid-choice"))?))
}

fn get<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

fn number<T: std::str::FromStr>(pairs: &[(String, String)], key: &str, field: &'static str) -> Result<T, WebError> {
    get(pairs, key).map(str::trim).and_then(|v| v.parse().ok()).ok_or_else(|| bad(field, "invalid-number"))
}

fn app_id(raw: &str) -> Result<ApplicationId, WebError> {
    raw.parse().map_err(|_| WebError::NotFound)
}

fn crumbs(c: &Chrome, code: &str, title: &str) -> Vec<(String, String)> {
    vec![
        (c.t("admin-title"), "/admin".to_owned()),
        (c.t("cohorts-title"), "/admin/cohorts".to_owned()),
        (title.to_owned(), format!("/admin/cohorts/{code}")),
    ]
}

fn profile_label(c: &Chrome, p: ProfileKind) -> String {
    c.t(&format!("profile-kind-{}", p.as_str()))
}

fn status_label(c: &Chrome, s: ApplicationStatus) -> String {
    c.t(&format!("application-status-{}", s.as_str()))
}

fn when(t: time::OffsetDateTime) -> String {
    cohorte_domain::paris::label(t)
}

/// What a desk page shows after an action.
#[derive(Debug, Default, Deserialize)]
pub struct Done {
    saved: Option<String>,
    assigned: Option<usize>,
    offers: Option<usize>,
    announced: Option<usize>,
}

impl Done {
    fn notice(&self, c: &Chrome) -> Option<String> {
        if let Some(n) = self.assigned {
            Some(c.tn("desk-assigned-notice", n))
        } else if let Some(n) = self.offers {
            Some(c.tn("matching-published-notice", n))
        } else if let Some(n) = self.announced {
            Some(c.tn("matching-announced-notice", n))
        } else {
            self.saved.as_ref().map(|_| c.t("cohort-saved"))
        }
    }
}

// ---------------------------------------------------------------- rules

/// `GET /admin/cohorts/{code}/applications/rules`.
pub async fn rules_page(
    State(state): State<AppState>,
    c: Chrome,
    v: Visitor,
    SlugPath(code): SlugPath,
    Q(d): Q<Done>,
) -> Result<Response, WebError> {
    let s = v.session().ok_or(WebError::SignIn)?;
    let r = selection::rules(&state.ctx, &s, code.as_str()).await?;
    let rules = &r.rules;
    let seats = r
        .challenges
        .iter()
        .map(|(id, title)| {
            let inputs = ProfileKind::ALL
                .iter()
                .map(|p| {
                    let n = rules.seats_of(&id.to_string(), *p).unwrap_or(0);
                    (format!("seats-{id}-{}", p.as_str()), format!("seats.{id}.{}", p.as_str()), profile_label(&c, *p), n.to_string())
                })
                .collect();
            (title.clone(), inputs)
        })
        .collect();
    let modes =
        [(ChoiceMode::AtApplication, "choice-mode-at_application"), (ChoiceMode::AfterPreselection, "choice-mode-after_preselection")]
            .into_iter()
            .map(|(m, key)| Opt { value: m.as_str().to_owned(), label: c.t(key), selected: rules.choice_mode == m })
            .collect();
    let en = c.is_en();
    let mut low = 0u32;
    let bands = rules
        .salary_bands
        .iter()
        .map(|b| {
            let line = match b.max_years {
                Some(max) => c.ts("app-rules-band-upto", "years", &format!("{low}–{max}")),
                None => c.ts("app-rules-band-beyond", "years", &low.to_string()),
            };
            low = b.max_years.map_or(low, |m| u32::from(m) + 1);
            format!("{line} {} €", c.int(i64::from(b.net_monthly_eur)))
        })
        .collect();
    let title = c.ts("app-rules-title", "cohort", r.cohort.title(c.lang));
    Ok(render(&RulesPage {
        crumbs: crumbs(&c, &r.cohort.code, r.cohort.title(c.lang)),
        nav: DeskNav { code: r.cohort.code.clone(), current: "rules" },
        csrf: s.csrf_token,
        can_edit: r.can_edit,
        set: r.set,
        modes,
        max_choices: rules.max_choices.to_string(),
        reviewers: rules.reviewers_per_application.to_string(),
        min_team: rules.min_team.to_string(),
        cv_max: rules.cv_max_mib.to_string(),
        mentors_preselect: rules.mentors_preselect,
        seats,
        grid: rules.criteria.iter().map(|k| (if en { k.en.clone() } else { k.fr.clone() }, k.weight)).collect(),
        scale_max: rules.scale_max,
        bands,
        declarations: rules.declarations.iter().map(|d| if en { d.en.clone() } else { d.fr.clone() }).collect(),
        notice: d.notice(&c),
        c: c.page("admin", title),
    }))
}

/// `POST /admin/cohorts/{code}/applications/rules`: the call's settings and the seats; the
/// grid, bands and declarations stay as they are.
pub async fn rules_save(
    State(state): State<AppState>,
    v: Visitor,
    SlugPath(code): SlugPath,
    F(pairs): F<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    let current = selection::rules(&state.ctx, &s, code.as_str()).await?;
    let mut rules = current.rules.clone();
    rules.choice_mode = get(&pairs, "choice_mode").and_then(ChoiceMode::parse).ok_or_else(|| bad("choice_mode", "invalid-choice"))?;
    rules.max_choices = number(&pairs, "max_choices", "max_choices")?;
    rules.reviewers_per_application = number(&pairs, "reviewers_per_application", "reviewers_per_application")?;
    rules.min_team = number(&pairs, "min_team", "min_team")?;
    rules.cv_max_mib = number(&pairs, "cv_max_mib", "cv_max_mib")?;
    rules.mentors_preselect = get(&pairs, "mentors_preselect").is_some();
    let mut seats = Vec::new();
    for (k, v) in &pairs {
        let Some(rest) = k.strip_prefix("seats.") else { continue };
        let (challenge, profile) = rest.split_once('.').ok_or_else(|| bad("seats", "invalid-choice"))?;
        let profile = ProfileKind::parse(profile).ok_or_else(|| bad("seats", "invalid-choice"))?;
        let n: u8 = if v.trim().is_empty() { 0 } else { v.trim().parse().map_err(|_| bad("seats", "invalid-number"))? };
        if n > 0 {
            seats.push(Seats { challenge: challenge.to_owned(), profile, seats: n });
        }
    }
    rules.seats = seats;
    apps::save_rules(&state.ctx, &s, code.as_str(), &rules, &v.meta).await?;
    Ok(Redirect::to(&format!("/admin/cohorts/{code}/applications/rules?saved=1")).into_response())
}

// ---------------------------------------------------------------- pre-selection

fn step_key(s: PreselectionStep) -> &'static str {
    match s {
        PreselectionStep::Preselect => "preselect",
        PreselectionStep::RequestInformation => "request_information",
        PreselectionStep::Refuse => "refuse",
        PreselectionStep::Ineligible => "ineligible",
    }
}

/// `GET /admin/cohorts/{code}/applications`.
pub async fn desk(
    State(state): State<AppState>,
    c: Chrome,
    v: Visitor,
    SlugPath(code): SlugPath,
    Q(d): Q<Done>,
    Q(f): Q<DeskFilter>,
) -> Result<Response, WebError> {
    let s = v.session().ok_or(WebError::SignIn)?;
    let status = match f.status.as_str() {
        "" => None,
        x => Some(ApplicationStatus::parse(x).ok_or_else(|| bad("status", "invalid-choice"))?),
    };
    if f.q.chars().count() > 100 {
        return Err(bad("q", "too-long"));
    }
    let page = match f.page.as_str() {
        "" => 1,
        p => p.parse::<u32>().ok().filter(|n| (1..=10_000).contains(n)).ok_or_else(|| bad("page", "invalid-page"))?,
    };
    let query = selection::DeskQuery { status, text: f.q.clone(), page };
    let desk = selection::desk(&state.ctx, &s, code.as_str(), &query).await?;
    let one = |x: f64| format!("{x:.1}");
    let rows = desk
        .rows
        .iter()
        .map(|r| {
            let a = &r.consolidated.application;
            DeskLine {
                id: a.id.to_string(),
                reference: a.reference.clone(),
                name: r.name.clone(),
                status: status_label(&c, a.status),
                assigned: r.assigned,
                scores: r
                    .consolidated
                    .scores
                    .iter()
                    .zip(&r.reviewer_names)
                    .map(|((_, total, z), who)| match z {
                        Some(z) => format!("{who} : {total} (z {z:+.2})"),
                        None => format!("{who} : {total}"),
                    })
                    .collect(),
                mean: r.consolidated.summary.as_ref().map(|s| one(s.raw_mean)).unwrap_or_default(),
                z: r.consolidated.summary.as_ref().and_then(|s| s.z_mean).map(|z| format!("{z:+.2}")).unwrap_or_default(),
                disagreement: r.consolidated.summary.as_ref().is_some_and(|s| s.disagreement),
                steps: r
                    .steps
                    .iter()
                    .map(|s| Opt { value: step_key(*s).to_owned(), label: c.t(&format!("desk-step-{}", step_key(*s))), selected: false })
                    .collect(),
                can_record: r.can_record_interview,
            }
        })
        .collect();
    let title = c.ts("desk-title", "cohort", desk.cohort.title(c.lang));
    let base = format!("/admin/cohorts/{}/applications", desk.cohort.code);
    let pager = crate::views::Pager::new(desk.page.0, desk.page.1, |n| {
        crate::util::with_query(
            &base,
            &[("status", f.status.clone()), ("q", f.q.clone()), ("page", if n > 1 { n.to_string() } else { String::new() })],
        )
    });
    let mut statuses = vec![Opt { value: String::new(), label: c.t("desk-filter-all"), selected: status.is_none() }];
    statuses.extend(desk.counts.iter().map(|(st, n)| Opt {
        value: st.as_str().to_owned(),
        label: format!("{} ({n})", status_label(&c, *st)),
        selected: status == Some(*st),
    }));
    Ok(render(&DeskPage {
        statuses,
        q: f.q.clone(),
        shown: c.tn("desk-shown", desk.shown),
        filtered: status.is_some() || !f.q.trim().is_empty(),
        pager,
        crumbs: crumbs(&c, &desk.cohort.code, desk.cohort.title(c.lang)),
        nav: DeskNav { code: desk.cohort.code.clone(), current: "applications" },
        csrf: s.csrf_token,
        counts: desk.counts.iter().map(|(st, n)| (status_label(&c, *st), *n)).collect(),
        unassigned: desk.unassigned,
        can_assign: desk.can_assign,
        // `review::METHOD`, in the reader's language.
        method: c.t("review-method"),
        rows,
        notice: d.notice(&c),
        c: c.page("admin", title),
    }))
}

/// The desk's filter: a status, words, a page.
#[derive(Debug, Default, Deserialize)]
pub struct DeskFilter {
    #[serde(default)]
    status: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    page: String,
}

/// `POST /admin/cohorts/{code}/applications/assign`.
pub async fn assign(State(state): State<AppState>, v: Visitor, SlugPath(code): SlugPath) -> Result<Response, WebError> {
    let s = v.required()?;
    let report = apps::assign_reviewers(&state.ctx, &s, code.as_str(), &v.meta).await?;
    Ok(Redirect::to(&format!("/admin/cohorts/{code}/applications?assigned={}", report.applications)).into_response())
}

/// A pre-selection step.
#[derive(Debug, Deserialize)]
pub struct StepForm {
    step: String,
    #[serde(default)]
    reason: String,
}

/// `POST /admin/cohorts/{code}/applications/{id}/step`.
pub async fn step(
    State(state): State<AppState>,
    v: Visitor,
    Path((code, id)): Path<(String, String)>,
    F(f): F<StepForm>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    let code = cohorte_domain::text::Slug::parse(&code).map_err(|_| WebError::NotFound)?;
    let id = app_id(&id)?;
    let step = [PreselectionStep::Preselect, PreselectionStep::RequestInformation, PreselectionStep::Refuse, PreselectionStep::Ineligible]
        .into_iter()
        .find(|s| step_key(*s) == f.step)
        .ok_or_else(|| bad("step", "invalid-choice"))?;
    apps::preselection_step(&state.ctx, &s, id, step, &f.reason, &v.meta).await?;
    Ok(Redirect::to(&format!("/admin/cohorts/{code}/applications?saved=1#app-{id}")).into_response())
}

/// Whether the interview took place.
#[derive(Debug, Deserialize)]
pub struct HeldForm {
    held: String,
}

/// `POST /admin/cohorts/{code}/applications/{id}/interview`.
pub async fn interview(
    State(state): State<AppState>,
    v: Visitor,
    Path((code, id)): Path<(String, String)>,
    F(f): F<HeldForm>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    let code = cohorte_domain::text::Slug::parse(&code).map_err(|_| WebError::NotFound)?;
    let id = app_id(&id)?;
    let held = match f.held.as_str() {
        "1" => true,
        "0" => false,
        _ => return Err(bad("held", "invalid-choice")),
    };
    apps::record_interview(&state.ctx, &s, id, held, &v.meta).await?;
    Ok(Redirect::to(&format!("/admin/cohorts/{code}/applications?saved=1#app-{id}")).into_response())
}

// ---------------------------------------------------------------- interviews

/// `GET /admin/cohorts/{code}/interviews`.
pub async fn interviews(
    State(state): State<AppState>,
    c: Chrome,
    v: Visitor,
    SlugPath(code): SlugPath,
    Q(d): Q<Done>,
) -> Result<Response, WebError> {
    let s = v.session().ok_or(WebError::SignIn)?;
    let desk = selection::interviews(&state.ctx, &s, code.as_str()).await?;
    let slots = desk
        .slots
        .iter()
        .map(|l| SlotView {
            when: when(l.slot.starts_at),
            minutes: l.slot.duration_minutes,
            mode: c.t(&format!("panels-{}", l.slot.mode.as_str())),
            location: l.slot.location.clone(),
            challenge: l.challenge.clone().unwrap_or_else(|| c.t("slots-any")),
            booked: l.booked.as_ref().map(|(r, n)| format!("{r} — {n}")).unwrap_or_default(),
        })
        .collect();
    let title = c.ts("slots-title", "cohort", desk.cohort.title(c.lang));
    Ok(render(&InterviewsPage {
        crumbs: crumbs(&c, &desk.cohort.code, desk.cohort.title(c.lang)),
        nav: DeskNav { code: desk.cohort.code.clone(), current: "interviews" },
        csrf: s.csrf_token,
        can_open: desk.can_open,
        challenges: desk.challenges.iter().map(|(id, t)| Opt { value: id.to_string(), label: t.clone(), selected: false }).collect(),
        slots,
        notice: d.notice(&c),
        c: c.page("admin", title),
    }))
}

/// A slot to open.
#[derive(Debug, Deserialize)]
pub struct SlotForm {
    at: String,
    minutes: String,
    mode: String,
    location: String,
    #[serde(default)]
    challenge: String,
}

/// `POST /admin/cohorts/{code}/interviews`: opens a slot (Paris time).
pub async fn open_slot(
    State(state): State<AppState>,
    v: Visitor,
    SlugPath(code): SlugPath,
    F(f): F<SlotForm>,
) -> Result<Response, WebError> {
    use cohorte_domain::paris;
    let s = v.required()?;
    let starts_at = paris::parse_local(&f.at).ok_or_else(|| bad("starts_at", "invalid-date"))?;
    let starts_at = paris::to_utc(starts_at).map_err(|_| bad("starts_at", "invalid-date"))?;
    let slot = apps::NewSlot {
        challenge: if f.challenge.is_empty() { None } else { Some(f.challenge.parse().map_err(|_| bad("challenge", "invalid-choice"))?) },
        starts_at,
        duration_minutes: f.minutes.trim().parse().map_err(|_| bad("duration", "invalid-number"))?,
        mode: cohorte_domain::proposal::HearingMode::parse(&f.mode).ok_or_else(|| bad("mode", "invalid-choice"))?,
        location: f.location.trim().to_owned(),
    };
    apps::open_slot(&state.ctx, &s, code.as_str(), &slot, &v.meta).await?;
    Ok(Redirect::to(&format!("/admin/cohorts/{code}/interviews?saved=1")).into_response())
}

// ---------------------------------------------------------------- matching

fn reason_text(c: &Chrome, r: &Reason) -> String {
    match r {
        Reason::NotRanked => c.t("matching-reason-not-ranked"),
        Reason::NoSeats => c.t("matching-reason-no-seats"),
        Reason::SeatsTaken { own_rank, admitted_ranks } => {
            let ranks = admitted_ranks.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
            c.tsa("matching-reason-seats-taken", &[("rank", &own_rank.to_string()), ("ranks", &ranks)])
        }
    }
}

/// `GET /admin/cohorts/{code}/matching`.
pub async fn matching(
    State(state): State<AppState>,
    c: Chrome,
    v: Visitor,
    SlugPath(code): SlugPath,
    Q(d): Q<Done>,
) -> Result<Response, WebError> {
    let s = v.session().ok_or(WebError::SignIn)?;
    let m = selection::matching(&state.ctx, &s, code.as_str()).await?;
    let list_name =
        |j: usize| m.matching.lists.get(j).map(|l| format!("{} — {}", l.title, profile_label(&c, l.profile))).unwrap_or_default();
    let names: std::collections::BTreeMap<String, String> =
        m.lists.iter().flat_map(|l| l.candidates.iter().map(|x| (x.reference.clone(), x.name.clone()))).collect();
    let lists = m
        .lists
        .iter()
        .zip(&m.matching.lists)
        .map(|(l, v)| ListView {
            key: format!("{}|{}", l.challenge, l.profile.as_str()),
            anchor: format!("{}-{}", l.challenge, l.profile.as_str()),
            title: l.title.clone(),
            profile: profile_label(&c, l.profile),
            seats: u32::from(l.seats),
            candidates: l
                .candidates
                .iter()
                .map(|x| {
                    (
                        x.application.clone(),
                        x.reference.clone(),
                        x.name.clone(),
                        x.choice,
                        x.position.map(|p| p.to_string()).unwrap_or_default(),
                        x.consensus.map(|t| t.to_string()).unwrap_or_default(),
                    )
                })
                .collect(),
            matched: v.matched.clone(),
        })
        .collect();
    let explain = m
        .matching
        .candidates
        .iter()
        .map(|x| ExplainView {
            reference: x.application.reference.clone(),
            name: names.get(&x.application.reference).cloned().unwrap_or_default(),
            placed: x.placed.map(list_name).unwrap_or_else(|| c.t("matching-reserve")),
            missed: x.missed.iter().map(|(j, r)| format!("{} : {}", list_name(*j), reason_text(&c, r))).collect(),
        })
        .collect();
    let understaffed = m
        .matching
        .understaffed
        .iter()
        .map(|id| m.lists.iter().find(|l| &l.challenge == id).map(|l| l.title.clone()).unwrap_or_else(|| id.clone()))
        .collect();
    let name_of = |reference: &str| names.get(reference).cloned().unwrap_or_default();
    let overrides = m
        .matching
        .overrides
        .iter()
        .map(|o| {
            (
                o.application.clone(),
                format!("{} — {}", o.reference, name_of(&o.reference)),
                o.list.map(list_name).unwrap_or_else(|| c.t("matching-override-none")),
                o.reason.clone(),
            )
        })
        .collect();
    let blocking = m
        .matching
        .blocking
        .iter()
        .filter_map(|(i, j)| {
            let x = m.matching.candidates.get(*i)?;
            Some(c.tsa(
                "matching-blocking-pair",
                &[("candidate", &format!("{} — {}", x.application.reference, name_of(&x.application.reference))), ("list", &list_name(*j))],
            ))
        })
        .collect();
    let override_candidates = m
        .matching
        .candidates
        .iter()
        .map(|x| Opt {
            value: x.application.id.to_string(),
            label: format!("{} — {}", x.application.reference, name_of(&x.application.reference)),
            selected: false,
        })
        .collect();
    let mut override_targets: Vec<Opt> = m
        .lists
        .iter()
        .map(|l| Opt {
            value: format!("{}|{}", l.challenge, l.profile.as_str()),
            label: format!("{} — {}", l.title, profile_label(&c, l.profile)),
            selected: false,
        })
        .collect();
    override_targets.push(Opt { value: "none".into(), label: c.t("matching-override-none"), selected: false });
    let answer = |r: &Option<String>| r.as_ref().map(|r| c.t(&format!("offer-response-{r}"))).unwrap_or_else(|| c.t("offer-pending"));
    let title = c.ts("matching-title", "cohort", m.cohort.title(c.lang));
    Ok(render(&MatchingPage {
        crumbs: crumbs(&c, &m.cohort.code, m.cohort.title(c.lang)),
        nav: DeskNav { code: m.cohort.code.clone(), current: "matching" },
        csrf: s.csrf_token,
        lists,
        can_rank: m.can_rank,
        explain,
        understaffed,
        stable: m.matching.stable,
        over_capacity: m.matching.over_capacity.iter().map(|j| list_name(*j)).collect(),
        overrides,
        blocking,
        override_candidates,
        override_targets,
        published: m.published.map(|t| c.ts("matching-published", "when", &when(t))),
        can_publish: m.can_publish,
        offers: m
            .offers
            .iter()
            .map(|o| {
                (
                    o.reference.clone(),
                    o.name.clone(),
                    o.title.clone(),
                    profile_label(&c, o.offer.profile),
                    when(o.offer.deadline),
                    answer(&o.offer.response),
                )
            })
            .collect(),
        fellows: m
            .fellows
            .iter()
            .map(|f| {
                (
                    f.name.clone(),
                    f.reference.clone(),
                    f.challenge.clone(),
                    profile_label(&c, f.fellowship.profile),
                    f.fellowship.announced_at.map(when).unwrap_or_else(|| c.t("no")),
                )
            })
            .collect(),
        can_announce: m.can_announce,
        notice: d.notice(&c),
        c: c.page("admin", title),
    }))
}

/// `POST /admin/cohorts/{code}/rankings`: one list, `pos.{application}` = its place (blank: not
/// ranked).
pub async fn ranking(
    State(state): State<AppState>,
    v: Visitor,
    SlugPath(code): SlugPath,
    F(pairs): F<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    let list = get(&pairs, "list").ok_or_else(|| bad("ranking", "invalid-choice"))?;
    let (challenge, profile) = list_key("ranking", list)?;
    let mut placed: Vec<(u32, ApplicationId)> = Vec::new();
    for (k, v) in &pairs {
        let Some(id) = k.strip_prefix("pos.") else { continue };
        if v.trim().is_empty() {
            continue;
        }
        let n: u32 = v.trim().parse().map_err(|_| bad("ranking", "invalid-number"))?;
        placed.push((n, app_id(id)?));
    }
    placed.sort();
    if placed.windows(2).any(|w| w[0].0 == w[1].0) {
        return Err(bad("ranking", "repeated-position"));
    }
    let order: Vec<ApplicationId> = placed.into_iter().map(|(_, id)| id).collect();
    apps::set_ranking(&state.ctx, &s, code.as_str(), challenge, profile, &order, &v.meta).await?;
    Ok(Redirect::to(&format!("/admin/cohorts/{code}/matching?saved=1")).into_response())
}

/// An override of the matching.
#[derive(Debug, Deserialize)]
pub struct OverrideForm {
    application: String,
    target: String,
    #[serde(default)]
    reason: String,
}

/// `POST /admin/cohorts/{code}/matching/override`: a candidate placed on a list (or on none).
pub async fn override_seat(
    State(state): State<AppState>,
    v: Visitor,
    SlugPath(code): SlugPath,
    F(f): F<OverrideForm>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    let id = app_id(&f.application)?;
    let target = match f.target.as_str() {
        "none" => None,
        t => Some(list_key("target", t)?),
    };
    apps::override_seat(&state.ctx, &s, code.as_str(), id, target, &f.reason, &v.meta).await?;
    Ok(Redirect::to(&format!("/admin/cohorts/{code}/matching?saved=1#overrides")).into_response())
}

/// The override to remove.
#[derive(Debug, Deserialize)]
pub struct ClearForm {
    application: String,
}

/// `POST /admin/cohorts/{code}/matching/override/remove`.
pub async fn clear_override(
    State(state): State<AppState>,
    v: Visitor,
    SlugPath(code): SlugPath,
    F(f): F<ClearForm>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    apps::clear_override(&state.ctx, &s, code.as_str(), app_id(&f.application)?, &v.meta).await?;
    Ok(Redirect::to(&format!("/admin/cohorts/{code}/matching?saved=1#overrides")).into_response())
}

/// The publication's confirmation.
#[derive(Debug, Deserialize)]
pub struct ConfirmForm {
    confirm: Option<String>,
}

/// `POST /admin/cohorts/{code}/matching/publish` (the validator).
pub async fn publish(
    State(state): State<AppState>,
    v: Visitor,
    SlugPath(code): SlugPath,
    F(f): F<ConfirmForm>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    let n = apps::publish_matching(&state.ctx, &s, code.as_str(), f.confirm.is_some(), &v.meta).await?;
    Ok(Redirect::to(&format!("/admin/cohorts/{code}/matching?offers={n}")).into_response())
}

/// `POST /admin/cohorts/{code}/teams/announce`.
pub async fn announce(State(state): State<AppState>, v: Visitor, SlugPath(code): SlugPath) -> Result<Response, WebError> {
    let s = v.required()?;
    let n = apps::announce_teams(&state.ctx, &s, code.as_str(), &v.meta).await?;
    Ok(Redirect::to(&format!("/admin/cohorts/{code}/matching?announced={n}")).into_response())
}

// ---------------------------------------------------------------- reviewers

/// The answers a reviewer or a panel member reads.
fn answers_of(c: &Chrome, a: &apps::ApplicationRow, titles: &std::collections::BTreeMap<String, String>) -> Vec<(String, String)> {
    use cohorte_domain::application::ApplicationText;
    let mut answers = vec![(c.t("apply-profiles"), a.form.profiles.iter().map(|p| profile_label(c, *p)).collect::<Vec<_>>().join(", "))];
    answers.push((c.t("apply-years"), a.form.years_experience.map(|y| y.to_string()).unwrap_or_default()));
    for f in ApplicationText::ALL {
        if let Some(text) = a.form.texts.get(f) {
            answers.push((c.t(&format!("apply-text-{}", f.as_str())), text.clone()));
        }
    }
    for (i, ch) in a.form.choices.iter().enumerate() {
        let title = titles.get(&ch.challenge).map(String::as_str).unwrap_or_default();
        answers.push((
            format!("{} {}", c.t("apply-choice"), i + 1),
            format!("{title} — {}\n{}", profile_label(c, ch.profile), ch.contribution),
        ));
    }
    if !a.form.links.is_empty() {
        answers.push((c.t("apply-links"), a.form.links.join("\n")));
    }
    answers
}

/// `GET /reviews/{code}`: the reviewer's applications, in their own order.
pub async fn reviews(
    State(state): State<AppState>,
    c: Chrome,
    v: Visitor,
    SlugPath(code): SlugPath,
    Q(d): Q<Done>,
) -> Result<Response, WebError> {
    let s = v.session().ok_or(WebError::SignIn)?;
    let desk = selection::reviews(&state.ctx, &s, code.as_str()).await?;
    let rules = &desk.rules;
    let en = c.is_en();
    let items = desk
        .items
        .iter()
        .map(|t| {
            let a = &t.application;
            let answers = answers_of(&c, a, &desk.titles);
            let mine = t.mine.as_ref();
            ReviewItem {
                id: a.id.to_string(),
                reference: a.reference.clone(),
                answers,
                cv: Some(format!("/applications/{}/documents/cv", a.id)),
                scores: rules
                    .criteria
                    .iter()
                    .map(|k| {
                        let given = mine.and_then(|m| m.scores.get(&k.key)).copied();
                        let options = (0..=rules.scale_max)
                            .map(|n| Opt { value: n.to_string(), label: n.to_string(), selected: given == Some(n) })
                            .collect();
                        (k.key.clone(), if en { k.en.clone() } else { k.fr.clone() }, options)
                    })
                    .collect(),
                comment: mine.map(|m| m.comment.clone()).unwrap_or_default(),
                total: mine.and_then(|m| rules.total(&m.scores)).map(|t| format!("{t} / {}", rules.max_total())),
                others: t.others.iter().filter_map(|o| rules.total(&o.scores)).map(|x| x.to_string()).collect(),
                can_score: t.can_score,
            }
        })
        .collect();
    let title = c.ts("reviews-title", "cohort", desk.cohort.title(c.lang));
    Ok(render(&ReviewsPage {
        csrf: s.csrf_token,
        code: desk.cohort.code.clone(),
        items,
        notice: d.notice(&c),
        c: c.page("reviews", title),
    }))
}

/// A grid form's scores (`score.{criterion}`) and comment (checked by the use case).
fn grid_form(pairs: &[(String, String)]) -> Result<(cohorte_domain::jury::Scores, String), WebError> {
    let mut scores = cohorte_domain::jury::Scores::new();
    for (k, v) in pairs {
        if let Some(key) = k.strip_prefix("score.") {
            let n: u8 = v.trim().parse().map_err(|_| bad("scores", "scores-incomplete"))?;
            scores.insert(key.to_owned(), n);
        }
    }
    Ok((scores, get(pairs, "comment").unwrap_or("").replace("\r\n", "\n")))
}

/// `POST /reviews/{code}/{id}`: the reviewer's scores (`score.{criterion}`) and comment.
pub async fn review(
    State(state): State<AppState>,
    v: Visitor,
    Path((code, id)): Path<(String, String)>,
    F(pairs): F<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    let code = cohorte_domain::text::Slug::parse(&code).map_err(|_| WebError::NotFound)?;
    let id = app_id(&id)?;
    let (scores, comment) = grid_form(&pairs)?;
    apps::review(&state.ctx, &s, id, &scores, &comment, &v.meta).await?;
    Ok(Redirect::to(&format!("/reviews/{code}?saved=1#app-{id}")).into_response())
}

// ---------------------------------------------------------------- interview panels

/// `GET /panel/{code}`: the interviews the reader sits on (staff, or a mentor of a chosen
/// challenge), with the staff remarks and the grid.
pub async fn panel(
    State(state): State<AppState>,
    c: Chrome,
    v: Visitor,
    SlugPath(code): SlugPath,
    Q(d): Q<Done>,
) -> Result<Response, WebError> {
    let s = v.session().ok_or(WebError::SignIn)?;
    let desk = selection::panel(&state.ctx, &s, code.as_str()).await?;
    let rules = &desk.rules;
    let en = c.is_en();
    let total = |e: &apps::InterviewEvaluationRow| rules.total(&e.scores).map(|t| format!("{t} / {}", rules.max_total()));
    let items = desk
        .items
        .iter()
        .map(|i| {
            let a = &i.application;
            let own = i.own.as_ref();
            PanelView {
                id: a.id.to_string(),
                who: format!("{} — {}", a.reference, i.name),
                answers: answers_of(&c, a, &desk.titles),
                remarks: i.remarks.clone(),
                cv: format!("/applications/{}/documents/cv", a.id),
                scores: rules
                    .criteria
                    .iter()
                    .map(|k| {
                        let given = own.or(i.consensus.as_ref()).and_then(|m| m.scores.get(&k.key)).copied();
                        let options = (0..=rules.scale_max)
                            .map(|n| Opt { value: n.to_string(), label: n.to_string(), selected: given == Some(n) })
                            .collect();
                        (k.key.clone(), if en { k.en.clone() } else { k.fr.clone() }, options)
                    })
                    .collect(),
                comment: own.map(|m| m.comment.clone()).unwrap_or_default(),
                total: own.and_then(total),
                others: i.others.iter().filter_map(total).collect(),
                consensus: i.consensus.as_ref().and_then(|e| total(e).map(|t| format!("{t} — {}", e.comment))),
                can_score: i.can_score,
                can_consensus: i.can_consensus,
                suggestions: i
                    .suggestions
                    .iter()
                    .map(|g| {
                        let answer = match g.row.answer.as_deref() {
                            Some("accepted") => c.t("suggestion-accepted"),
                            Some(_) => c.t("suggestion-declined"),
                            None => c.t("suggestion-waiting"),
                        };
                        format!("{} — {} : {answer}", g.title, c.t(&format!("profile-kind-{}", g.row.profile.as_str())))
                    })
                    .collect(),
                suggest: i
                    .can_suggest
                    .iter()
                    .map(|(ch, p, title)| Opt {
                        value: format!("{ch}|{}", p.as_str()),
                        label: format!("{title} — {}", c.t(&format!("profile-kind-{}", p.as_str()))),
                        selected: false,
                    })
                    .collect(),
            }
        })
        .collect();
    let title = c.ts("panel-title", "cohort", desk.cohort.title(c.lang));
    Ok(render(&PanelPage { csrf: s.csrf_token, code: desk.cohort.code.clone(), items, notice: d.notice(&c), c: c.page("reviews", title) }))
}

/// `POST /panel/{code}/{id}`: a member's scores (`score.{criterion}`) and comment, or, with
/// `consensus`, the panel's consensus (staff).
pub async fn panel_score(
    State(state): State<AppState>,
    v: Visitor,
    Path((code, id)): Path<(String, String)>,
    F(pairs): F<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    let code = cohorte_domain::text::Slug::parse(&code).map_err(|_| WebError::NotFound)?;
    let id = app_id(&id)?;
    let (scores, comment) = grid_form(&pairs)?;
    let consensus = get(&pairs, "consensus").is_some();
    apps::score_interview(&state.ctx, &s, id, &scores, &comment, consensus, &v.meta).await?;
    Ok(Redirect::to(&format!("/panel/{code}?saved=1#app-{id}")).into_response())
}

/// The proposal of another challenge to a candidate.
#[derive(Debug, Deserialize)]
pub struct SuggestForm {
    target: String,
    #[serde(default)]
    note: String,
}

/// `POST /panel/{code}/{id}/suggest`: a member of the candidate's panel proposes another
/// (challenge, profile) list, with a note; the candidate is mailed and answers on their page.
pub async fn panel_suggest(
    State(state): State<AppState>,
    v: Visitor,
    Path((code, id)): Path<(String, String)>,
    F(f): F<SuggestForm>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    let code = cohorte_domain::text::Slug::parse(&code).map_err(|_| WebError::NotFound)?;
    let id = app_id(&id)?;
    let (challenge, profile) = list_key("target", &f.target)?;
    apps::suggest_challenge(&state.ctx, &s, id, challenge, profile, &f.note, &v.meta).await?;
    Ok(Redirect::to(&format!("/panel/{code}?saved=1#app-{id}")).into_response())
}
