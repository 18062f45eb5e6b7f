//! The authorization matrix (AZ-01, AZ-07, AZ-10): every route of the router
//! (`cohorte_web::routes::TABLE`) is requested by every kind of actor, for every relation
//! between the actor and the object, each time with a fresh session, and the outcome is compared
//! with `tests/authz_matrix.csv`, written from the product rules and reviewed like code. A route
//! without a row fails the test, so a new route cannot ship without someone deciding who may use
//! it. For every cell: never a 5xx; a refused write leaves the people involved unchanged; no
//! response to someone who may not read other people's records carries the target's canaries.
//!
//! Outcomes: `ok` (the handler answered: 2xx, or a redirect elsewhere than below), `login`
//! (303 to `/login`), `2fa` (303 to the second-factor set-up), `reauth` (303 to
//! re-authentication), or the status code (`403`, `404`, `422`…); `-` where the relation cannot
//! exist (an anonymous visitor has no "own" record).
//!
//! Relations: `-` (the route has no object), `own` (the actor's own record), `other` (another
//! person's), and for the call for applications `assigned` (an application the actor is assigned
//! to review), `conflicted` (assigned, but the actor declared a conflict on it) and `panel` (an
//! interview whose chosen challenge the actor mentors: they sit on its panel).

use std::collections::BTreeMap;

use cohorte_domain::application::ApplicationStatus;
use cohorte_domain::content::RoleKind;
use cohorte_domain::identity::{AuthMethod, Grant, secret_hash};
use cohorte_domain::ids::PersonId;
use cohorte_store::identity::{self as store, SessionRow};
use cohorte_test_support::{TestDb, repo_root};
use time::Duration;

use crate::support::Res;
use crate::world::World;

/// The actors, in the order of the CSV columns: roles held, and how the session was signed in.
const ACTORS: [(&str, &[RoleKind], Option<AuthMethod>); 13] = [
    ("anonymous", &[], None),
    ("candidate", &[RoleKind::Candidate], Some(AuthMethod::MagicLink)),
    ("fellow", &[RoleKind::Fellow], Some(AuthMethod::MagicLink)),
    ("mentor", &[RoleKind::OperationalMentor], Some(AuthMethod::MagicLink)),
    ("fellow_mentor", &[RoleKind::Fellow, RoleKind::OperationalMentor], Some(AuthMethod::MagicLink)),
    ("jury", &[RoleKind::JuryMember], Some(AuthMethod::MagicLink)),
    ("jury_2fa", &[RoleKind::JuryMember], Some(AuthMethod::Totp)),
    ("staff", &[RoleKind::ProgramStaff], Some(AuthMethod::MagicLink)),
    ("staff_2fa", &[RoleKind::ProgramStaff], Some(AuthMethod::Totp)),
    // Signed in with the second factor an hour ago: still in, but sensitive actions ask again.
    ("staff_2fa_stale", &[RoleKind::ProgramStaff], Some(AuthMethod::Totp)),
    ("staff_candidate_2fa", &[RoleKind::ProgramStaff, RoleKind::Candidate], Some(AuthMethod::Totp)),
    ("preselector_2fa", &[RoleKind::Preselector], Some(AuthMethod::Totp)),
    ("validator_2fa", &[RoleKind::Validator], Some(AuthMethod::Totp)),
];

/// Who may read other people's records (the canary check skips them).
fn reads_people(actor: &str) -> bool {
    matches!(actor, "staff_2fa" | "staff_2fa_stale" | "staff_candidate_2fa")
}

/// The target's canaries: they must not reach anyone who may not read people.
const TARGET_NAME: &str = "Canary Target";
const TARGET_EMAIL: &str = "canary-target@example.org";
const TARGET_SLUG: &str = "canary-target";

/// The relations a route is exercised with.
fn relations(path: &str) -> &'static [&'static str] {
    if path == "/reviews/{slug}/{id}" {
        // Another candidate's application; one the actor is assigned to review; one they are
        // assigned to but declared a conflict on.
        &["other", "assigned", "conflicted"]
    } else if path.starts_with("/panel/{slug}/{id}") {
        // Another candidate's interview; one whose chosen challenge the actor mentors.
        &["other", "panel"]
    } else if path == "/applications/{id}/documents/{key}" {
        &["own", "other", "assigned"]
    } else if path.starts_with("/admin/people/{slug}")
        || path == "/account/sessions/revoke"
        || path.starts_with("/proposals/{id}")
        || path.starts_with("/jury/proposals/{id}")
        || path.starts_with("/applications/{id}")
    {
        &["own", "other"]
    } else {
        &["-"]
    }
}

fn outcome(r: &Res) -> String {
    match r.status.as_u16() {
        200..=299 => "ok".into(),
        301 | 302 | 303 | 307 | 308 => {
            let to = r.header("location").split('?').next().unwrap_or("");
            match to {
                "/login" => "login".into(),
                "/account/second-factor" => "2fa".into(),
                "/account/reauth" => "reauth".into(),
                _ => "ok".into(),
            }
        }
        s => s.to_string(),
    }
}

/// The object of a cell: whose record, a role assignment of theirs, a session of theirs.
struct Object {
    slug: String,
    assignment: String,
    session_hash: String,
    /// The proposal of the cell (the actor's own draft, or the target's shortlisted one).
    proposal: String,
    /// The fixture's panel (its jurors: `jury`, `jury_2fa`).
    panel: String,
    /// The application of the cell (the actor's own draft, or the target's submitted one) and
    /// its version.
    application: (String, i32),
    /// A unique number for the cell.
    n: u64,
}

/// The call-for-projects fixture: an open call, a panel, a challenge in framing.
struct CallFixture {
    cohort: cohorte_store::call::CohortAdminRow,
    rules: cohorte_domain::ids::RuleSetId,
    panel: cohorte_domain::ids::PanelId,
    /// The challenge in framing, offered to candidates.
    challenge: uuid::Uuid,
}

const COHORT: &str = "eig-9";
const CHALLENGE: &str = "matrix-challenge";

fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n%%EOF\n".to_vec()
}

async fn call_fixture(w: &World, jurors: &[PersonId]) -> CallFixture {
    use cohorte_store::call;
    let now = w.clock_now();
    let mut tx = w.app.state.ctx.db.begin().await.unwrap();
    let mut c = tx.conn();
    let new = call::NewCohort {
        code: COHORT.into(),
        kind: "eig".into(),
        number: Some(9),
        year: 2027,
        title_fr: "EIG 9".into(),
        title_en: "EIG 9".into(),
    };
    let id = call::create_cohort(&mut c, &new).await.unwrap();
    let cal = cohorte_domain::cohort::Calendar(vec![
        cohorte_domain::cohort::Milestone {
            kind: cohorte_domain::cohort::MilestoneKind::AacOpen,
            starts_at: now - Duration::days(10),
            ends_at: None,
        },
        cohorte_domain::cohort::Milestone {
            kind: cohorte_domain::cohort::MilestoneKind::AacClose,
            starts_at: now + Duration::days(30),
            ends_at: None,
        },
        cohorte_domain::cohort::Milestone {
            kind: cohorte_domain::cohort::MilestoneKind::AapOpen,
            starts_at: now - Duration::days(10),
            ends_at: None,
        },
        cohorte_domain::cohort::Milestone {
            kind: cohorte_domain::cohort::MilestoneKind::AapClose,
            starts_at: now + Duration::days(30),
            ends_at: None,
        },
    ]);
    call::replace_calendar(&mut c, id, &cal).await.unwrap();
    let panel = call::create_panel(&mut c, id, "Matrix panel", now).await.unwrap();
    for j in jurors {
        call::add_panel_member(&mut c, panel, *j, None).await.unwrap();
    }
    let host = call::find_organisations(&mut c, "", 1).await.unwrap().remove(0);
    let ch = call::NewChallenge {
        slug: CHALLENGE.into(),
        reference: "MATRIX".into(),
        cohort: id,
        year: 2027,
        title: "Matrix challenge".into(),
        tagline: "A challenge in framing".into(),
        host: host.id,
        host_label: host.name,
        city: None,
        body_md: "Texte".into(),
        skills: vec![],
    };
    let (challenge, _) = call::create_challenge(&mut c, &ch).await.unwrap();
    // The call for applications of the same cohort: one developer seat on the challenge.
    let seats = vec![cohorte_domain::application::Seats {
        challenge: challenge.to_string(),
        profile: cohorte_domain::cohort::ProfileKind::Developer,
        seats: 1,
    }];
    let with_applications = cohorte_domain::cohort::RuleSet {
        applications: Some(cohorte_domain::application::ApplicationRules::eig5(seats)),
        ..cohorte_domain::cohort::RuleSet::eig5()
    };
    let rules = call::save_rules(&mut c, id, &with_applications, None, now).await.unwrap();
    let cohort = call::cohort(&mut c, id).await.unwrap().unwrap();
    tx.commit().await.unwrap();
    CallFixture { cohort, rules: rules.id, panel, challenge }
}

/// The application of a cell: the actor's own (a draft, made once), or the target's (submitted).
async fn application_of(w: &World, f: &CallFixture, owner: PersonId, own: bool) -> (String, i32) {
    use cohorte_domain::application::ApplicationStatus as S;
    use cohorte_store::applications as a;
    let now = w.clock_now();
    let mut tx = w.app.state.ctx.db.begin().await.unwrap();
    let mut c = tx.conn();
    let app = match a::application_of(&mut c, f.cohort.cohort_id(), owner).await.unwrap() {
        Some(x) => x,
        None => {
            let x = a::create_application(&mut c, &f.cohort, f.rules, owner, now).await.unwrap();
            a::put_application_document(&mut c, x.id, "cv", "cv.pdf", &pdf(), "00", now).await.unwrap();
            if !own {
                let change = a::ApplicationChange { submission: Some((now, "00".into())), ..Default::default() };
                assert!(a::set_application_status(&mut c, x.id, S::Draft, S::Submitted, &change, now).await.unwrap());
            }
            a::application(&mut c, x.id).await.unwrap().unwrap()
        }
    };
    tx.commit().await.unwrap();
    (app.id.to_string(), app.version)
}

/// An application for the reviewer and panel relations: a new canary candidate's, in `status`
/// (pre-selection, or interviewed with the fixture's challenge chosen), with a CV.
async fn relation_application(w: &World, f: &CallFixture, name: &str, status: ApplicationStatus) -> (String, i32) {
    use ApplicationStatus as S;
    use cohorte_store::applications as a;
    let owner = w.person(name, &format!("{}@example.org", cohorte_domain::text::slugify(name)), &[RoleKind::Candidate]).await;
    let now = w.clock_now();
    let mut tx = w.app.state.ctx.db.begin().await.unwrap();
    let mut c = tx.conn();
    let x = a::create_application(&mut c, &f.cohort, f.rules, owner, now).await.unwrap();
    let challenge = f.challenge;
    let form = cohorte_domain::application::ApplicationForm {
        name: name.into(),
        choices: vec![cohorte_domain::application::Choice {
            challenge: challenge.to_string(),
            profile: cohorte_domain::cohort::ProfileKind::Developer,
            contribution: "Tout".into(),
        }],
        ..Default::default()
    };
    a::save_application(&mut c, x.id, x.version, &form, now).await.unwrap().unwrap();
    a::put_application_document(&mut c, x.id, "cv", "cv.pdf", &pdf(), "00", now).await.unwrap();
    let path: &[S] = if status == S::Interviewed {
        &[S::Draft, S::Submitted, S::InPreselection, S::Preselected, S::InterviewScheduled, S::Interviewed]
    } else {
        &[S::Draft, S::Submitted, S::InPreselection]
    };
    for pair in path.windows(2) {
        let change = if pair[0] == S::Draft {
            a::ApplicationChange { submission: Some((now, "00".into())), ..Default::default() }
        } else {
            Default::default()
        };
        assert!(a::set_application_status(&mut c, x.id, pair[0], pair[1], &change, now).await.unwrap());
    }
    let app = a::application(&mut c, x.id).await.unwrap().unwrap();
    tx.commit().await.unwrap();
    (app.id.to_string(), app.version)
}

/// Assigns the actor to review an application (declaring a conflict on it when asked).
async fn assign(w: &World, app: &(String, i32), person: PersonId, conflict: bool) -> (String, i32) {
    use cohorte_store::applications as a;
    let id = cohorte_domain::ids::ApplicationId::from_uuid(app.0.parse().unwrap());
    let mut c = w.app.state.ctx.db.acquire().await.unwrap();
    let now = w.clock_now();
    a::assign_reviewer(&mut c.conn(), id, person, cohorte_domain::proposal::AssignedBy::Manual, 1, now).await.unwrap();
    if conflict {
        a::declare_application_conflict(&mut c.conn(), person, id, "Ancien collègue", now).await.unwrap();
    }
    app.clone()
}

/// Makes the actor an operational mentor of the fixture's challenge (revoked after the cell).
async fn mentor_of_challenge(w: &World, f: &CallFixture, person: PersonId) -> cohorte_domain::ids::RoleAssignmentId {
    let mut c = w.app.state.ctx.db.acquire().await.unwrap();
    let mut conn = c.conn();
    let challenge = f.challenge;
    let g = Grant {
        role: RoleKind::OperationalMentor,
        cohort: None,
        challenge: Some(cohorte_domain::ids::ChallengeId::from_uuid(challenge)),
        organisation: None,
    };
    store::grant_role(&mut conn, person, &g, None, "matrix-panel", w.clock_now()).await.unwrap().0
}

/// A proposal for a cell: the actor's own draft, or the target's, shortlisted and heard by the
/// fixture's panel. Both have the deck attached.
async fn fresh_proposal(w: &World, f: &CallFixture, owner: PersonId, shortlisted: bool) -> cohorte_domain::ids::ProposalId {
    use cohorte_domain::proposal::{Contact, ContactRole, ProposalStatus as S};
    use cohorte_store::call;
    let now = w.clock_now();
    let mut tx = w.app.state.ctx.db.begin().await.unwrap();
    let mut c = tx.conn();
    let name = if shortlisted { "Canary Target proposal" } else { "Own proposal" };
    let p = call::create_proposal(&mut c, &f.cohort, f.rules, name, owner, now).await.unwrap();
    let mut form = p.form.clone();
    form.contacts.insert(ContactRole::HrContact, Contact { name: TARGET_NAME.into(), email: TARGET_EMAIL.into(), ..Contact::default() });
    if !shortlisted {
        form.contacts.clear();
    }
    call::save_form(&mut c, p.id, p.version, &form, None, now).await.unwrap();
    call::put_document(&mut c, p.id, "deck", "deck.pdf", &pdf(), "00", owner, now).await.unwrap();
    if shortlisted {
        for (from, to) in [(S::Draft, S::Submitted), (S::Submitted, S::UnderReview), (S::UnderReview, S::Shortlisted)] {
            assert!(call::set_status(&mut c, p.id, from, to, &call::StatusChange::default(), now).await.unwrap());
        }
        call::assign(&mut c, p.id, f.panel, cohorte_domain::proposal::AssignedBy::Manual, now).await.unwrap();
    }
    tx.commit().await.unwrap();
    p.id
}

/// A concrete request for a route pattern: path parameters filled in, and a valid form body.
fn request_for(path: &str, actor: &str, object: &Object) -> (String, Vec<(String, String)>) {
    let concrete = match path {
        "/challenges/{slug}" | "/api/v1/challenges/{slug}" => path.replace("{slug}", "adex"),
        "/community/{slug}" => path.replace("{slug}", "adeline-celier"),
        "/blog/tags/{tag}" => path.replace("{tag}", "methode"),
        "/blog/{slug}" => path.replace("{slug}", "bootcamp-comment-souder-un-collectif-de-talents"),
        "/defis/{year}/{page}" => "/defis/2020/adex.html".into(),
        "/communaute/{year}/{page}" => "/communaute/2020/adeline-celier.html".into(),
        p if p.starts_with("/admin/challenges/") => p.replace("{slug}", CHALLENGE),
        p if p.starts_with("/calls/")
            || p.starts_with("/review/")
            || p.starts_with("/reviews/")
            || p.starts_with("/panel/")
            || p.starts_with("/admin/cohorts/")
            || p.starts_with("/decisions/") =>
        {
            p.replace("{slug}", COHORT).replace("{id}", &object.application.0)
        }
        p if p.starts_with("/jury/panels/") => p.replace("{id}", &object.panel),
        p if p.starts_with("/applications/{id}") => p.replace("{id}", &object.application.0).replace("{key}", "cv"),
        p => p.replace("{slug}", &object.slug).replace("{id}", &object.proposal).replace("{key}", "deck"),
    };
    assert!(!concrete.contains('{'), "no example for {path}: add one to request_for");
    let token = "ab".repeat(32);
    let fields: Vec<(&str, String)> = match path {
        "/login" => vec![("email", format!("probe-{actor}@example.org"))],
        "/login/confirm" | "/invitations/accept" | "/account/email/confirm" => vec![("token", token)],
        "/login/second-factor" | "/account/second-factor" | "/account/reauth/code" => vec![("code", "000000".into())],
        "/account/profile" => vec![("name", format!("Renamed {actor}"))],
        "/account/sessions/revoke" => vec![("session", object.session_hash.clone())],
        "/account/email" => vec![("email", format!("new-{actor}@example.org"))],
        "/account/delete" => vec![("reason", "matrix".into())],
        "/admin/invitations" => {
            vec![("email", format!("invitee-{actor}@example.org")), ("name", "Invitee".into()), ("role", "candidate".into())]
        }
        "/admin/people/{slug}/roles" => vec![("role", "fellow".into()), ("cohort", String::new())],
        "/admin/people/{slug}/roles/revoke" => vec![("assignment", object.assignment.clone())],
        "/calls/{slug}/proposals" => vec![("name", format!("Matrix {actor}"))],
        "/proposals/{id}" | "/proposals/{id}/autosave" => vec![("version", "2".into()), ("text.problem", "Matrix".into())],
        "/proposals/{id}/submit" => vec![("version", "2".into())],
        "/applications/{id}" | "/applications/{id}/autosave" | "/applications/{id}/submit" => {
            vec![("version", object.application.1.to_string()), ("text.motivation", "Matrix".into())]
        }
        "/applications/{id}/withdraw" | "/applications/{id}/interview/cancel" => vec![("confirm", "1".into())],
        "/applications/{id}/information" => vec![("text.motivation", "Matrix".into())],
        "/applications/{id}/interview" | "/applications/{id}/interview/move" => vec![("slot", uuid_of_nobody())],
        "/applications/{id}/offer" => vec![("answer", "accept".into())],
        "/applications/{id}/suggestion" => vec![("suggestion", uuid_of_nobody()), ("answer", "accept".into())],
        "/panel/{slug}/{id}/suggest" => vec![("target", format!("{}|developer", uuid_of_nobody())), ("note", "Matrix".into())],
        "/signup" => vec![("email", format!("signup-{actor}@example.org"))],
        "/panel/{slug}/{id}" => ["score.drive", "score.understanding", "score.public_interest", "score.fit", "score.skills"]
            .into_iter()
            .map(|k| (k, "2".to_owned()))
            .collect(),
        "/reviews/{slug}/{id}" => ["score.drive", "score.understanding", "score.public_interest", "score.fit", "score.skills"]
            .into_iter()
            .map(|k| (k, "2".to_owned()))
            .collect(),
        "/admin/cohorts/{slug}/applications/rules" => vec![
            ("choice_mode", "after_preselection".into()),
            ("max_choices", "3".into()),
            ("reviewers_per_application", "2".into()),
            ("min_team", "2".into()),
            ("cv_max_mib", "5".into()),
        ],
        "/admin/cohorts/{slug}/applications/{id}/step" => vec![("step", "preselect".into())],
        "/admin/cohorts/{slug}/applications/{id}/interview" => vec![("held", "1".into())],
        "/admin/cohorts/{slug}/interviews" => {
            vec![("at", "2026-12-20T09:00".into()), ("minutes", "45".into()), ("mode", "onsite".into()), ("location", "Salle 1".into())]
        }
        "/admin/cohorts/{slug}/rankings" => vec![("list", format!("{}|developer", uuid_of_nobody()))],
        "/admin/cohorts/{slug}/matching/publish" => vec![("confirm", "yes".into())],
        "/admin/cohorts/{slug}/matching/override" => {
            vec![("application", object.application.0.clone()), ("target", "none".into()), ("reason", "Matrix".into())]
        }
        "/admin/cohorts/{slug}/matching/override/remove" => vec![("application", object.application.0.clone())],
        "/proposals/{id}/contacts" => {
            vec![("role", "hr_contact".into()), ("name", "Matrix".into()), ("email", format!("contact-{actor}@example.org"))]
        }
        "/proposals/{id}/withdraw" | "/proposals/{id}/delete" => vec![("confirm", "1".into())],
        "/proposals/{id}/review" => vec![("eligible", "yes".into()), ("notes", "Matrix".into())],
        "/proposals/{id}/step" => vec![("step", "heard".into()), ("reason", String::new())],
        "/admin/cohorts" => vec![
            ("code", format!("m-{}", object.n)),
            ("kind", "eig".into()),
            ("year", "2027".into()),
            ("title_fr", "Matrice".into()),
            ("title_en", "Matrix".into()),
        ],
        "/admin/cohorts/{slug}/calendar" => {
            vec![("aap_open.starts", "2026-11-20T09:00".into()), ("aap_close.starts", "2026-12-30T17:00".into())]
        }
        "/admin/cohorts/{slug}/rules" => vec![
            ("criterion.0.key", "need".into()),
            ("criterion.0.fr", "Besoin".into()),
            ("criterion.0.en", "Need".into()),
            ("criterion.0.weight", "1".into()),
            ("scale_max", "4".into()),
            ("fellows_min", "2".into()),
            ("fellows_max", "3".into()),
            ("profile", "developer".into()),
        ],
        "/admin/cohorts/{slug}/panels" => vec![("name", format!("Panel {}", object.n))],
        "/admin/cohorts/{slug}/jurors" => vec![("panel", object.panel.clone()), ("email", "spare.juror@example.org".into())],
        "/admin/cohorts/{slug}/jurors/remove" => vec![("panel", object.panel.clone()), ("person", uuid_of_nobody())],
        "/admin/cohorts/{slug}/assign-one" | "/decisions/{slug}/stage" => {
            vec![("proposal", object.proposal.clone()), ("panel", object.panel.clone()), ("outcome", "selected".into())]
        }
        "/admin/cohorts/{slug}/hearings" => vec![
            ("proposal", object.proposal.clone()),
            ("at", "2026-12-10T14:00".into()),
            ("minutes", "40".into()),
            ("mode", "video".into()),
            ("location", "https://visio.example.org/m".into()),
        ],
        "/jury/proposals/{id}/evaluation" => {
            let mut v: Vec<(&str, String)> = vec![
                ("score.need", "3".into()),
                ("score.definition", "3".into()),
                ("score.commitment", "3".into()),
                ("score.transformation", "3".into()),
            ];
            v.extend([("score.openness", "3".into()), ("opinion", "favourable".into()), ("comment", "Matrix".into())]);
            v
        }
        "/jury/proposals/{id}/heard" => vec![("outcome", "heard".into())],
        "/jury/proposals/{id}/conflict" => vec![("reason", "Matrix".into())],
        "/decisions/{slug}/approve" => vec![("publish_at", String::new()), ("confirm", "yes".into())],
        "/admin/challenges/{slug}" => {
            vec![("title", "Matrix challenge".into()), ("tagline", "Still framing".into()), ("body_md", "Texte".into())]
        }
        _ => vec![],
    };
    (concrete, fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

fn uuid_of_nobody() -> String {
    "00000000-0000-7000-8000-000000000000".into()
}

fn session_row(
    person: Option<PersonId>,
    method: Option<AuthMethod>,
    token: &str,
    csrf: &str,
    now: time::OffsetDateTime,
    authenticated_at: time::OffsetDateTime,
) -> SessionRow {
    SessionRow {
        id_hash: secret_hash(token),
        person_id: person.map(|p| p.as_uuid()),
        csrf_token: csrf.to_owned(),
        auth_method: method.map(|m| m.as_str().to_owned()),
        authenticated_at: person.map(|_| authenticated_at),
        created_at: now,
        last_seen_at: now,
        idle_timeout_secs: 1800,
        absolute_expires_at: now + Duration::hours(12),
        user_agent: None,
        ip: None,
        pending_person_id: None,
        oidc_state: None,
        revoked_at: None,
    }
}

/// A fresh session straight into the database (the sign-in journeys themselves are tested in
/// `accounts.rs`); returns its cookie token, form token and hash.
async fn fresh_session(
    w: &World,
    person: Option<PersonId>,
    method: Option<AuthMethod>,
    stale: bool,
    n: &mut u64,
) -> (String, String, String) {
    *n += 1;
    let token = format!("{:064x}", *n);
    let csrf = format!("{:064x}", *n + 1_000_000);
    let now = w.clock_now();
    let row = session_row(person, method, &token, &csrf, now, if stale { now - Duration::hours(1) } else { now });
    let mut c = w.app.state.ctx.db.acquire().await.unwrap();
    store::insert_session(&mut c.conn(), &row).await.unwrap();
    (token, csrf, row.id_hash)
}

/// Gives a person a fresh Fellow assignment (something to revoke); returns its id.
async fn fresh_assignment(w: &World, person: PersonId) -> String {
    let mut c = w.app.state.ctx.db.acquire().await.unwrap();
    let mut conn = c.conn();
    let grant = Grant { cohort: store::cohort_id(&mut conn, "eig-4").await.unwrap(), ..Grant::program(RoleKind::Fellow) };
    store::grant_role(&mut conn, person, &grant, None, "matrix", w.clock_now()).await.unwrap();
    let roles = store::roles_of(&mut conn, person).await.unwrap();
    roles.iter().find(|r| r.revoked_at.is_none() && r.source == "matrix").map(|r| r.id.to_string()).unwrap()
}

/// How many entries the audit log holds.
async fn audit_total(w: &World) -> i64 {
    let mut c = w.app.state.ctx.db.acquire().await.unwrap();
    let filter = cohorte_store::audit::AuditFilter { limit: 1, ..Default::default() };
    cohorte_store::audit::list(&mut c.conn(), &filter).await.unwrap().1
}

/// What a refused write must leave untouched: the person's name, addresses, roles and sessions.
async fn snapshot(w: &World, person: PersonId) -> String {
    let mut c = w.app.state.ctx.db.acquire().await.unwrap();
    let mut conn = c.conn();
    let p = store::person(&mut conn, person).await.unwrap().unwrap();
    let emails: Vec<String> = store::emails_of(&mut conn, person).await.unwrap().into_iter().map(|e| e.email).collect();
    let roles: Vec<String> =
        store::roles_of(&mut conn, person).await.unwrap().into_iter().map(|r| format!("{}:{}:{:?}", r.id, r.role, r.revoked_at)).collect();
    let sessions: Vec<String> =
        store::sessions_of(&mut conn, person, w.clock_now()).await.unwrap().into_iter().map(|s| s.id_hash).collect();
    format!("{} {emails:?} {roles:?} {sessions:?}", p.display_name)
}

fn matrix_file() -> std::path::PathBuf {
    repo_root().join("crates/web/tests/authz_matrix.csv")
}

#[tokio::test]
async fn every_route_answers_every_actor_and_relation_as_the_matrix_says() {
    let w = World::with_eig(TestDb::sqlite().await).await;
    let target = w.person(TARGET_NAME, TARGET_EMAIL, &[RoleKind::Candidate]).await;
    assert_eq!(store::person(&mut w.app.state.ctx.db.acquire().await.unwrap().conn(), target).await.unwrap().unwrap().slug, TARGET_SLUG);
    let mut people = BTreeMap::new();
    for (name, roles, _) in ACTORS {
        if !roles.is_empty() {
            let slug_name = format!("Actor {}", name.replace('_', " "));
            let id = w.person(&slug_name, &format!("{name}@example.org"), roles).await;
            people.insert(name, (id, cohorte_domain::text::slugify(&slug_name)));
        }
    }

    let jurors: Vec<PersonId> = ["jury", "jury_2fa"].iter().map(|a| people[a].0).collect();
    let fixture = call_fixture(&w, &jurors).await;
    // The applications of the reviewer and panel relations, each another canary's.
    let reviewed = relation_application(&w, &fixture, "Canary Target Reviewed", ApplicationStatus::InPreselection).await;
    let conflicted = relation_application(&w, &fixture, "Canary Target Conflicted", ApplicationStatus::InPreselection).await;
    let interviewed = relation_application(&w, &fixture, "Canary Target Interviewed", ApplicationStatus::Interviewed).await;
    w.person("Spare Juror", "spare.juror@example.org", &[]).await;

    let mut actual = BTreeMap::new();
    let mut problems = Vec::new();
    let mut n = 0;
    for (method, path) in cohorte_web::routes::TABLE {
        for relation in relations(path) {
            let mut row = Vec::new();
            for (actor, _, auth) in ACTORS {
                let me = people.get(actor).cloned();
                if *relation == "own" && me.is_none() {
                    row.push("-".to_owned());
                    continue;
                }
                // The object: the actor's own record, or the target's.
                let (owner, slug) = match (*relation, &me) {
                    ("own", Some((id, slug))) => (*id, slug.clone()),
                    _ => (target, TARGET_SLUG.to_owned()),
                };
                let assignment = fresh_assignment(&w, owner).await;
                let owner_auth = if owner == target { Some(AuthMethod::MagicLink) } else { auth };
                let (_, _, session_hash) = fresh_session(&w, Some(owner), owner_auth, false, &mut n).await;
                let (token, csrf, _) = fresh_session(&w, me.as_ref().map(|m| m.0), auth, actor.ends_with("_stale"), &mut n).await;
                let proposal = if path.starts_with("/proposals/{id}")
                    || path.starts_with("/jury/proposals/{id}")
                    || path.contains("/assign-one")
                    || path.contains("/hearings")
                    || path.contains("/stage")
                {
                    fresh_proposal(&w, &fixture, owner, *relation != "own").await.to_string()
                } else {
                    String::new()
                };
                // The reviewer and panel relations: the actor is assigned (and may have declared a
                // conflict), or mentors the chosen challenge for this cell only.
                let mut mentoring = None;
                let related = match (*relation, &me) {
                    ("assigned", Some((id, _))) => Some(assign(&w, &reviewed, *id, false).await),
                    ("conflicted", Some((id, _))) => Some(assign(&w, &conflicted, *id, true).await),
                    ("panel", Some((id, _))) => {
                        mentoring = Some((*id, mentor_of_challenge(&w, &fixture, *id).await));
                        Some(interviewed.clone())
                    }
                    ("assigned", None) => Some(reviewed.clone()),
                    ("conflicted", None) => Some(conflicted.clone()),
                    ("panel", None) => Some(interviewed.clone()),
                    _ => None,
                };
                let application = if let Some(app) = related {
                    app
                } else if path.starts_with("/applications/{id}")
                    || (path.contains("{id}") && path.contains("applications"))
                    || path.starts_with("/reviews/{slug}/{id}")
                    || path.starts_with("/panel/{slug}/{id}")
                    || path.contains("/matching/override")
                {
                    application_of(&w, &fixture, owner, *relation == "own").await
                } else {
                    (String::new(), 0)
                };
                let object = Object { slug, assignment, session_hash, proposal, panel: fixture.panel.to_string(), application, n };
                let before = snapshot(&w, owner).await;
                let audited_before = audit_total(&w).await;
                let actor_before = match &me {
                    Some((id, _)) => snapshot(&w, *id).await,
                    None => String::new(),
                };

                let session_token = token.clone();
                let mut b = w.browser();
                b.cookie = Some(token);
                b.csrf = Some(csrf);
                let (uri, fields) = request_for(path, actor, &object);
                let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                let r = match *method {
                    "get" => b.get(&uri).await,
                    "post" if *path == "/proposals/{id}/documents" => {
                        b.post_multipart(&uri, &[("key", "deck")], ("file", "deck.pdf", &pdf())).await
                    }
                    "post" if *path == "/applications/{id}/documents" => {
                        b.post_multipart(&uri, &[("key", "cv")], ("file", "cv.pdf", &pdf())).await
                    }
                    "post" => b.post(&uri, &fields).await,
                    m => panic!("method {m}"),
                };
                let cell = format!("{method} {uri} ({relation}) as {actor}");
                if r.status.is_server_error() {
                    problems.push(format!("{cell}: {}", r.status));
                }
                let got = outcome(&r);
                if *method == "post" && got != "ok" && snapshot(&w, owner).await != before {
                    problems.push(format!("{cell}: refused ({got}) but the record changed"));
                }
                // Call-for-projects pages show the people of a proposal to those who may read it
                // (the matrix says who); any refusal must carry nothing of the target.
                let call_route =
                    ["/proposals", "/jury", "/review", "/decisions", "/admin/cohorts", "/admin/challenges", "/calls", "/applications"]
                        .iter()
                        .any(|p| path.starts_with(p));
                let may_read = if call_route { outcome(&r) == "ok" } else { reads_people(actor) };
                if !may_read && *path != "/dev/mail" && (r.body.contains(TARGET_EMAIL) || r.body.contains(TARGET_NAME)) {
                    problems.push(format!("{cell}: the target's canary is in the response"));
                }
                // LOG-07: no silent change: a request that changed a record left an audit entry.
                if *method == "post" && audit_total(&w).await == audited_before {
                    let mut changed = snapshot(&w, owner).await != before;
                    if let Some((me, _)) = &me {
                        changed |= snapshot(&w, *me).await != actor_before;
                    }
                    if changed {
                        problems.push(format!("{cell}: a record changed but the audit log did not"));
                    }
                }
                // SESS-06: no secret in an address we send the browser to, nor in a page.
                if r.header("location").contains("token=") || r.header("location").contains(&session_token) {
                    problems.push(format!("{cell}: a token in Location: {}", r.header("location")));
                }
                if *path != "/dev/mail" && r.body.contains(&session_token) {
                    problems.push(format!("{cell}: the session token is in the page"));
                }
                // HDR-02: cross-origin reads only for the open-data API, for everyone, never with
                // credentials.
                let acao = r.header("access-control-allow-origin");
                let open_data = path.starts_with("/api/") && acao == "*";
                if (!acao.is_empty() && !open_data) || r.headers.contains_key("access-control-allow-credentials") {
                    problems.push(format!("{cell}: Access-Control-Allow-Origin {acao:?}"));
                }
                if let Some((person, grant)) = mentoring {
                    let mut c = w.app.state.ctx.db.acquire().await.unwrap();
                    store::revoke_role(&mut c.conn(), person, grant, person, w.clock_now()).await.unwrap();
                }
                row.push(got);
            }
            actual.insert(format!("{method},{path},{relation}"), row);
        }
    }

    let header = format!("method,path,relation,{}", ACTORS.map(|a| a.0).join(","));
    let keys: Vec<String> =
        cohorte_web::routes::TABLE.iter().flat_map(|(m, p)| relations(p).iter().map(move |r| format!("{m},{p},{r}"))).collect();
    let written =
        std::iter::once(header.clone()).chain(keys.iter().map(|k| format!("{k},{}", actual[k].join(",")))).collect::<Vec<_>>().join("\n")
            + "\n";
    if std::env::var_os("UPDATE_AUTHZ_MATRIX").is_some() {
        std::fs::write(matrix_file(), &written).unwrap();
    }
    let expected = std::fs::read_to_string(matrix_file()).expect("tests/authz_matrix.csv");
    let mut lines = expected.lines();
    assert_eq!(lines.next(), Some(header.as_str()), "the CSV columns are the actors");
    let mut rows = BTreeMap::new();
    for line in lines.filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(cells.len(), ACTORS.len() + 3, "{line}");
        rows.insert(cells[..3].join(","), cells[3..].iter().map(|c| (*c).to_owned()).collect::<Vec<_>>());
    }
    for (key, got) in &actual {
        match rows.get(key) {
            None => problems.push(format!("{key}: no row in authz_matrix.csv (decide who may use this route)")),
            Some(want) => {
                for (i, (g, e)) in got.iter().zip(want).enumerate() {
                    if g != e {
                        problems.push(format!("{key} as {}: expected {e}, got {g}", ACTORS[i].0));
                    }
                }
            }
        }
    }
    for key in rows.keys().filter(|k| !actual.contains_key(*k)) {
        problems.push(format!("{key}: a row for a route that does not exist"));
    }
    assert!(problems.is_empty(), "authorization matrix:\n{}", problems.join("\n"));
}

#[tokio::test]
async fn unknown_paths_and_methods_are_refused_and_trace_is_disabled() {
    let w = World::new(TestDb::sqlite().await).await;
    for (method, path, want) in [
        ("TRACE", "/", 405),
        ("PUT", "/login", 405),
        ("DELETE", "/account", 405),
        ("PATCH", "/admin/people/someone/roles", 405),
        ("GET", "/admin/unknown", 404),
        ("GET", "/account/", 404),
        ("GET", "/.git/config", 404),
        ("GET", "/ADMIN", 404),
    ] {
        let req = http::Request::builder().method(method).uri(path).body(axum::body::Body::empty()).unwrap();
        let r = w.app.request(req).await;
        // A method no route takes is a 405 naming those it takes, before the form-token check;
        // unknown paths are 404.
        assert_eq!(r.status.as_u16(), want, "{method} {path}");
        assert_eq!(r.header("allow").is_empty(), want != 405, "{method} {path}: Allow {:?}", r.header("allow"));
    }
}
