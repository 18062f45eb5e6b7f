//! The signed-in home: where everyone lands after signing in.

use axum::extract::State;
use axum::response::Response;
use cohorte_app::home::{self, Home};
use cohorte_app::i18n::{self, Arg};
use cohorte_domain::cohort::CallPhase;

use crate::AppState;
use crate::error::WebError;
use crate::routes::call::{phase_text, status_label};
use crate::session::Visitor;
use crate::views::call::{CallLine, ProposalLineView};
use crate::views::home::{CountLink, DashboardPage, ItemLink, JuryView, PreselectionView, RoundView, StaffCohortView};
use crate::views::{Chrome, render};

/// `GET /home`.
pub async fn page(State(state): State<AppState>, c: Chrome, v: Visitor) -> Result<Response, WebError> {
    let s = v.session().ok_or(WebError::SignIn)?;
    let h = home::home(&state.ctx, &s).await?;
    let title = c.t("dashboard-title");
    let c = c.page("dashboard", title);
    Ok(render(&view(c, &h)))
}

fn count(c: &Chrome, key: &str, n: usize, href: String) -> CountLink {
    CountLink { text: c.tn(key, n), href, count: n }
}

fn view(c: Chrome, h: &Home) -> DashboardPage {
    let staff = h.staff.as_ref().map(|cohorts| {
        cohorts
            .iter()
            .map(|co| {
                let code = &co.cohort.code;
                let panels = format!("/admin/cohorts/{code}/panels");
                StaffCohortView {
                    code: code.clone(),
                    title: co.cohort.title(c.lang).to_owned(),
                    phase: phase_text(&c, co.phase),
                    lines: vec![
                        count(&c, "dashboard-to-prescreen", co.to_prescreen, format!("/review/{code}")),
                        count(&c, "dashboard-without-panel", co.without_panel, panels.clone()),
                        count(&c, "dashboard-hearings-to-schedule", co.hearings_to_schedule, panels),
                        count(&c, "dashboard-decisions-to-prepare", co.decisions_to_prepare, format!("/decisions/{code}")),
                        count(&c, "dashboard-awaiting-validator", co.awaiting_validator, format!("/decisions/{code}")),
                    ],
                }
            })
            .collect()
    });
    let jury = h.jury.as_ref().map(|j| JuryView {
        to_score_title: c.tn("dashboard-to-score", j.to_score.len()),
        to_score: j
            .to_score
            .iter()
            .map(|t| {
                let hearing = t.hearing_at.map(cohorte_domain::paris::label).unwrap_or_else(|| c.t("panels-no-hearing"));
                ItemLink {
                    href: format!("/jury/proposals/{}", t.id),
                    text: format!("{} — {} ({}, {hearing})", t.reference, t.name, t.panel),
                }
            })
            .collect(),
        rankings_title: c.tn("dashboard-rankings", j.rankings.len()),
        rankings: j
            .rankings
            .iter()
            .map(|r| {
                let args = [
                    ("panel", Arg::Str(&r.name)),
                    ("cohort", Arg::Str(r.cohort.title(c.lang))),
                    ("count", Arg::Num(i64::try_from(r.heard).unwrap_or(i64::MAX))),
                ];
                ItemLink { href: format!("/jury/panels/{}/ranking", r.panel), text: i18n::ta(c.lang, "dashboard-ranking-line", &args) }
            })
            .collect(),
    });
    let preselection = h.preselection.as_ref().map(|cohorts| {
        cohorts
            .iter()
            .map(|p| PreselectionView {
                code: p.cohort.code.clone(),
                title: p.cohort.title(c.lang).to_owned(),
                heading: c.tn("dashboard-to-review", p.to_review.len()),
                items: p
                    .to_review
                    .iter()
                    .map(|t| ItemLink { href: format!("/proposals/{}", t.id), text: format!("{} — {}", t.reference, t.name) })
                    .collect(),
            })
            .collect()
    });
    let validation = h.validation.as_ref().map(|rounds| {
        rounds
            .iter()
            .map(|r| RoundView {
                title: r.cohort.title(c.lang).to_owned(),
                href: format!("/decisions/{}", r.cohort.code),
                staged: c.tn("dashboard-staged", r.staged),
                without_outcome: (r.without_outcome > 0).then(|| c.tn("dashboard-without-outcome", r.without_outcome)),
            })
            .collect()
    });
    let proposals = h
        .proposals
        .iter()
        .map(|o| {
            let (status, status_key) = status_label(&c, o.proposal.status);
            ProposalLineView {
                href: format!("/proposals/{}", o.proposal.id),
                reference: o.proposal.reference.clone(),
                name: o.proposal.name.clone(),
                context: o.cohort.title(c.lang).to_owned(),
                status,
                status_key,
                extra: o.deadline.map(cohorte_domain::paris::label).unwrap_or_default(),
            }
        })
        .collect();
    let calls = h
        .open_calls
        .iter()
        .map(|o| CallLine {
            code: o.cohort.code.clone(),
            title: o.cohort.title(c.lang).to_owned(),
            open: matches!(o.phase, CallPhase::Open { .. }),
            when: phase_text(&c, o.phase),
        })
        .collect();
    let application_reviews = h
        .application_reviews
        .iter()
        .map(|(co, left, all)| {
            let args = [("count", i18n::Arg::Num(*left as i64)), ("assigned", i18n::Arg::Num(*all as i64))];
            (co.title(c.lang).to_owned(), format!("/reviews/{}", co.code), i18n::ta(c.lang, "dashboard-applications-to-review", &args))
        })
        .collect();
    DashboardPage { second_factor: h.second_factor_needed, staff, jury, preselection, validation, proposals, calls, application_reviews, c }
}
