//! The staff area: people and roles, invitations, the audit log. Each use case checks the policy
//! (staff, strongly signed in); the handlers only translate.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use cohorte_app::account_types::AuditFilter;
use cohorte_app::{admin, identity};
use cohorte_domain::content::RoleKind;
use cohorte_domain::identity::AuditAction;
use cohorte_domain::paging::PageNo;
use cohorte_domain::query::{FieldError, FieldErrors};
use cohorte_domain::text::Slug;
use serde::Deserialize;

use crate::AppState;
use crate::error::WebError;
use crate::extract::{F, Q, SlugPath};
use crate::routes::account::role_line;
use crate::session::Visitor;
use crate::util::with_query;
use crate::views::auth::{AdminPage, AdminPersonPage, AuditLine, AuditPage};
use crate::views::{Chrome, Opt, Pager, render};

/// The roles staff may grant here.
pub const GRANTABLE: &[RoleKind] = RoleKind::ALL;

fn role_options(c: &Chrome) -> Vec<Opt> {
    GRANTABLE.iter().map(|r| Opt { value: r.as_str().to_owned(), label: c.t(&format!("role-{}", r.as_str())), selected: false }).collect()
}

/// The query after an action.
#[derive(Debug, Default, Deserialize)]
pub struct AdminNotice {
    invited: Option<String>,
}

/// `GET /admin`.
pub async fn home(State(state): State<AppState>, c: Chrome, v: Visitor, Q(n): Q<AdminNotice>) -> Result<Response, WebError> {
    let s = v.session().ok_or(WebError::SignIn)?;
    let people = admin::people(&state.ctx, &s).await?;
    let title = c.t("admin-title");
    let c = c.page("admin", title);
    let mut rows = Vec::new();
    for (p, email, roles) in people {
        let labels: Vec<String> = roles.iter().map(|r| c.t(&format!("role-{}", r.role))).collect();
        rows.push((p.slug, p.display_name, email.unwrap_or_default(), labels.join(", ")));
    }
    let page =
        AdminPage { csrf: s.csrf_token, people: rows, role_options: role_options(&c), notice: n.invited.map(|_| c.t("admin-invited")), c };
    Ok(render(&page))
}

/// The invitation form.
#[derive(Debug, Deserialize)]
pub struct InviteForm {
    email: String,
    name: String,
    #[serde(default)]
    role: String,
}

/// `POST /admin/invitations`.
pub async fn invite(State(state): State<AppState>, v: Visitor, F(f): F<InviteForm>) -> Result<Response, WebError> {
    let s = v.required()?;
    let roles: Vec<RoleKind> = RoleKind::parse(&f.role).filter(|r| GRANTABLE.contains(r)).into_iter().collect();
    identity::invite(&state.ctx, &s, &f.email, &f.name, &roles, &v.meta).await?;
    Ok(Redirect::to("/admin?invited=1").into_response())
}

/// `GET /admin/people/{slug}`.
pub async fn person(State(state): State<AppState>, c: Chrome, v: Visitor, SlugPath(slug): SlugPath) -> Result<Response, WebError> {
    let s = v.session().ok_or(WebError::SignIn)?;
    let admin::PersonAdmin { person: p, emails, roles, cohorts } = admin::person(&state.ctx, &s, slug.as_str()).await?;
    let title = p.display_name.clone();
    let c = c.page("admin", title);
    let page = AdminPersonPage {
        crumbs: vec![(c.t("admin-title"), "/admin".to_owned())],
        csrf: s.csrf_token,
        slug: p.slug,
        emails: emails.into_iter().map(|e| e.email).collect(),
        roles: roles.iter().map(|r| role_line(&c, r)).collect(),
        role_options: role_options(&c),
        cohort_options: cohorts.iter().map(|x| Opt { value: x.code.clone(), label: x.title(c.lang).to_owned(), selected: false }).collect(),
        c,
    };
    Ok(render(&page))
}

/// The grant form.
#[derive(Debug, Deserialize)]
pub struct GrantForm {
    #[serde(default)]
    role: String,
    #[serde(default)]
    cohort: String,
}

/// `POST /admin/people/{slug}/roles`.
pub async fn grant(State(state): State<AppState>, v: Visitor, SlugPath(slug): SlugPath, F(f): F<GrantForm>) -> Result<Response, WebError> {
    let s = v.required()?;
    let role = RoleKind::parse(&f.role)
        .filter(|r| GRANTABLE.contains(r))
        .ok_or_else(|| FieldErrors(vec![FieldError { field: "role", code: "invalid-role" }]))?;
    let cohort = match f.cohort.trim() {
        "" => None,
        c => Some(Slug::parse(c).map_err(|_| FieldErrors(vec![FieldError { field: "cohort", code: "invalid-identifier" }]))?),
    };
    admin::grant(&state.ctx, &s, slug.as_str(), role, cohort.as_ref().map(Slug::as_str), &v.meta).await?;
    Ok(Redirect::to(&format!("/admin/people/{slug}")).into_response())
}

/// The revoke form.
#[derive(Debug, Deserialize)]
pub struct RevokeRoleForm {
    assignment: String,
}

/// `POST /admin/people/{slug}/roles/revoke`.
pub async fn revoke(
    State(state): State<AppState>,
    v: Visitor,
    SlugPath(slug): SlugPath,
    F(f): F<RevokeRoleForm>,
) -> Result<Response, WebError> {
    let s = v.required()?;
    let id = f.assignment.parse().map_err(|_| WebError::NotFound)?;
    admin::revoke(&state.ctx, &s, slug.as_str(), id, &v.meta).await?;
    Ok(Redirect::to(&format!("/admin/people/{slug}")).into_response())
}

/// The audit filters.
#[derive(Debug, Default, Deserialize)]
pub struct AuditQuery {
    action: Option<String>,
    object: Option<String>,
    page: Option<String>,
}

/// Entries per page.
const AUDIT_PER_PAGE: u32 = 50;

/// `GET /admin/audit`.
pub async fn audit(State(state): State<AppState>, c: Chrome, v: Visitor, Q(q): Q<AuditQuery>) -> Result<Response, WebError> {
    let s = v.session().ok_or(WebError::SignIn)?;
    let action = q
        .action
        .as_deref()
        .filter(|a| !a.is_empty())
        .map(|a| AuditAction::parse(a).ok_or_else(|| FieldErrors(vec![FieldError { field: "action", code: "invalid-identifier" }])))
        .transpose()?;
    let object = q.object.as_deref().map(str::trim).filter(|o| !o.is_empty()).map(str::to_owned);
    if object.as_ref().is_some_and(|o| o.len() > 100) {
        return Err(FieldErrors(vec![FieldError { field: "object", code: "too-long" }]).into());
    }
    let page = match q.page.as_deref().filter(|p| !p.is_empty()) {
        Some(p) => PageNo::parse(p).map_err(|_| FieldErrors(vec![FieldError { field: "page", code: "invalid-page" }]))?,
        None => PageNo::FIRST,
    };
    let filter = AuditFilter {
        action: action.map(|a| a.as_str().to_owned()),
        actor: None,
        object_id: object.clone(),
        limit: i64::from(AUDIT_PER_PAGE),
        offset: page.offset(AUDIT_PER_PAGE),
    };
    let (rows, total, check) = admin::audit_lines(&state.ctx, &s, &filter).await?;
    let title = c.t("admin-audit");
    let c = c.page("admin", title);
    let (chain_ok, chain) = match check {
        cohorte_app::account_types::ChainCheck::Intact(n) => (true, c.tn("audit-chain-ok", n)),
        cohorte_app::account_types::ChainCheck::BrokenAt(seq) => (false, c.tn("audit-chain-broken", seq)),
    };
    let pages = (total.max(1) as u64).div_ceil(u64::from(AUDIT_PER_PAGE)) as u32;
    let action_s = action.map(|a| a.as_str().to_owned()).unwrap_or_default();
    let object_s = object.clone().unwrap_or_default();
    let pager = Pager::new(page.get(), pages, |n| {
        with_query(
            "/admin/audit",
            &[("action", action_s.clone()), ("object", object_s.clone()), ("page", if n > 1 { n.to_string() } else { String::new() })],
        )
    });
    let lines = rows
        .iter()
        .map(|l| AuditLine {
            seq: l.row.seq,
            at: cohorte_domain::paris::label_seconds(l.row.at),
            actor: l.row.actor_label.clone(),
            action: c.t(&format!("audit-{}", l.row.action)),
            object: format!(
                "{} {}",
                cohorte_app::i18n::t_opt(c.lang, &format!("audit-object-{}", l.row.object_type))
                    .unwrap_or_else(|| l.row.object_type.clone()),
                l.object
            ),
            details: l
                .details
                .iter()
                .map(|(k, v)| {
                    let label = cohorte_app::i18n::t_opt(c.lang, &format!("audit-detail-{k}")).unwrap_or_else(|| k.clone());
                    let value = match k.as_str() {
                        // An application's statuses have their own words (a candidate is
                        // "pre-selected", a proposal "shortlisted").
                        "from" | "to" => {
                            let family = if l.row.object_type == "application" { "application-status" } else { "status" };
                            cohorte_app::i18n::t_opt(c.lang, &format!("{family}-{v}")).unwrap_or_else(|| v.clone())
                        }
                        "outcome" => cohorte_app::i18n::t_opt(c.lang, &format!("outcome-{v}")).unwrap_or_else(|| v.clone()),
                        _ => match v.as_str() {
                            "true" => c.t("yes"),
                            "false" => c.t("no"),
                            _ => v.clone(),
                        },
                    };
                    (label, value)
                })
                .collect(),
            ip: l.row.ip.clone().unwrap_or_default(),
        })
        .collect();
    let action_options = AuditAction::ALL
        .iter()
        .map(|a| Opt { value: a.as_str().to_owned(), label: c.t(&format!("audit-{}", a.as_str())), selected: action == Some(*a) })
        .collect();
    let page = AuditPage {
        crumbs: vec![(c.t("admin-title"), "/admin".to_owned())],
        lines,
        total,
        action_options,
        object: object_s,
        chain_ok,
        chain,
        pager,
        c,
    };
    Ok(render(&page))
}

/// `/admin/people/{slug}` paths that name no person.
pub async fn unknown(Path(_): Path<String>) -> Response {
    WebError::NotFound.into_response()
}
