//! The authorization matrix: every route of the router (`cohorte_web::routes::TABLE`) is requested
//! by every kind of actor, each time with a fresh session, and the outcome is compared with
//! `tests/authz_matrix.csv`. A route without a row fails the test, so a new route cannot ship
//! without someone deciding who may use it.
//!
//! Outcomes: `ok` (the handler answered: 2xx, or a redirect elsewhere than below), `login`
//! (303 to `/login`), `2fa` (303 to the second-factor set-up), `reauth` (303 to re-authentication),
//! or the status code (`403`, `404`, `422`…).

use std::collections::BTreeMap;

use cohorte_domain::content::RoleKind;
use cohorte_domain::identity::{AuthMethod, secret_hash};
use cohorte_domain::ids::PersonId;
use cohorte_store::identity::{self as store, SessionRow};
use cohorte_test_support::{TestDb, repo_root};
use time::Duration;

use crate::support::Res;
use crate::world::World;

/// The actors, in the order of the CSV columns.
const ACTORS: [(&str, Option<RoleKind>, Option<AuthMethod>); 9] = [
    ("anonymous", None, None),
    ("candidate", Some(RoleKind::Candidate), Some(AuthMethod::MagicLink)),
    ("fellow", Some(RoleKind::Fellow), Some(AuthMethod::MagicLink)),
    ("mentor", Some(RoleKind::OperationalMentor), Some(AuthMethod::MagicLink)),
    ("jury", Some(RoleKind::JuryMember), Some(AuthMethod::MagicLink)),
    ("jury_2fa", Some(RoleKind::JuryMember), Some(AuthMethod::Totp)),
    ("staff", Some(RoleKind::ProgramStaff), Some(AuthMethod::MagicLink)),
    ("staff_2fa", Some(RoleKind::ProgramStaff), Some(AuthMethod::Totp)),
    ("validator_2fa", Some(RoleKind::Validator), Some(AuthMethod::Totp)),
];

const TARGET: &str = "target-person";

fn outcome(r: &Res) -> String {
    match r.status.as_u16() {
        200..=299 => "ok".into(),
        301 | 302 | 303 | 307 | 308 => match r.header("location") {
            "/login" => "login".into(),
            "/account/second-factor" => "2fa".into(),
            "/account/reauth" => "reauth".into(),
            _ => "ok".into(),
        },
        s => s.to_string(),
    }
}

/// A concrete request for a route pattern: path parameters filled in, and a valid form body.
fn request_for(path: &str, actor: &str, assignment: &str) -> (String, Vec<(String, String)>) {
    let concrete = match path {
        "/challenges/{slug}" | "/api/v1/challenges/{slug}" => path.replace("{slug}", "adex"),
        "/community/{slug}" => path.replace("{slug}", "adeline-celier"),
        "/blog/tags/{tag}" => path.replace("{tag}", "methode"),
        "/blog/{slug}" => path.replace("{slug}", "bootcamp-comment-souder-un-collectif-de-talents"),
        "/defis/{year}/{page}" => "/defis/2020/adex.html".into(),
        "/communaute/{year}/{page}" => "/communaute/2020/adeline-celier.html".into(),
        p => p.replace("{slug}", TARGET),
    };
    assert!(!concrete.contains('{'), "no example for {path}: add one to request_for");
    let token = "ab".repeat(32);
    let fields: Vec<(&str, String)> = match path {
        "/login" => vec![("email", format!("probe-{actor}@example.org"))],
        "/login/confirm" | "/invitations/accept" | "/account/email/confirm" => vec![("token", token)],
        "/login/second-factor" | "/account/second-factor" | "/account/reauth/code" => vec![("code", "000000".into())],
        "/account/profile" => vec![("name", format!("Renamed {actor}"))],
        "/account/sessions/revoke" => vec![("session", token)],
        "/account/email" => vec![("email", format!("new-{actor}@example.org"))],
        "/account/delete" => vec![("reason", "matrix".into())],
        "/admin/invitations" => {
            vec![("email", format!("invitee-{actor}@example.org")), ("name", "Invitee".into()), ("role", "candidate".into())]
        }
        "/admin/people/{slug}/roles" => vec![("role", "fellow".into()), ("cohort", String::new())],
        "/admin/people/{slug}/roles/revoke" => vec![("assignment", assignment.to_owned())],
        _ => vec![],
    };
    (concrete, fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

/// A fresh session for an actor, straight into the database (the sign-in journeys themselves are
/// tested in `accounts.rs`).
async fn fresh_session(w: &World, person: Option<PersonId>, method: Option<AuthMethod>, n: u64) -> (String, String) {
    let now = w.clock_now();
    let token = format!("{n:064x}");
    let csrf = format!("{:064x}", n + 1_000_000);
    let row = SessionRow {
        id_hash: secret_hash(&token),
        person_id: person.map(|p| p.as_uuid()),
        csrf_token: csrf.clone(),
        auth_method: method.map(|m| m.as_str().to_owned()),
        authenticated_at: person.map(|_| now),
        created_at: now,
        last_seen_at: now,
        idle_timeout_secs: 1800,
        absolute_expires_at: now + Duration::hours(12),
        user_agent: None,
        ip: None,
        pending_person_id: None,
        oidc_state: None,
        revoked_at: None,
    };
    let mut c = w.app.state.ctx.db.acquire().await.unwrap();
    store::insert_session(&mut c.conn(), &row).await.unwrap();
    (token, csrf)
}

fn matrix_file() -> std::path::PathBuf {
    repo_root().join("crates/web/tests/authz_matrix.csv")
}

#[tokio::test]
async fn every_route_answers_every_actor_as_the_matrix_says() {
    let w = World::with_eig(TestDb::sqlite().await).await;
    let target = w.person("Target Person", "target@example.org", &[RoleKind::Candidate]).await;
    let mut people = BTreeMap::new();
    for (name, role, _) in ACTORS {
        if let Some(r) = role {
            let id = w.person(&format!("Actor {name}"), &format!("{name}@example.org"), &[r]).await;
            people.insert(name, id);
        }
    }

    let mut actual = BTreeMap::new();
    let mut n = 1;
    for (method, path) in cohorte_web::routes::TABLE {
        let mut row = Vec::new();
        for (actor, _, auth) in ACTORS {
            // A role to revoke, for the revocation route (each actor gets its own).
            let assignment = {
                let mut c = w.app.state.ctx.db.acquire().await.unwrap();
                let mut conn = c.conn();
                store::grant_role(
                    &mut conn,
                    target,
                    &cohorte_domain::identity::Grant::program(RoleKind::Fellow),
                    None,
                    "matrix",
                    w.clock_now(),
                )
                .await
                .unwrap();
                let roles = store::roles_of(&mut conn, target).await.unwrap();
                roles.iter().find(|r| r.revoked_at.is_none() && r.role == "fellow").map(|r| r.id.to_string()).unwrap()
            };
            let (token, csrf) = fresh_session(&w, people.get(actor).copied(), auth, n).await;
            n += 1;
            let mut b = w.browser();
            b.cookie = Some(token);
            b.csrf = Some(csrf);
            let (uri, fields) = request_for(path, actor, &assignment);
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let r = match *method {
                "get" => b.get(&uri).await,
                "post" => b.post(&uri, &fields).await,
                m => panic!("method {m}"),
            };
            assert_ne!(r.status, 500, "{method} {uri} as {actor}: {}", r.body);
            row.push(outcome(&r));
        }
        actual.insert(format!("{method},{path}"), row);
    }

    let header = format!("method,path,{}", ACTORS.map(|a| a.0).join(","));
    let written = std::iter::once(header.clone())
        .chain(cohorte_web::routes::TABLE.iter().map(|(m, p)| format!("{m},{p},{}", actual[&format!("{m},{p}")].join(","))))
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    if std::env::var_os("UPDATE_AUTHZ_MATRIX").is_some() {
        std::fs::write(matrix_file(), &written).unwrap();
    }
    let expected = std::fs::read_to_string(matrix_file()).expect("tests/authz_matrix.csv");
    let mut lines = expected.lines();
    assert_eq!(lines.next(), Some(header.as_str()), "the CSV columns are the actors");
    let mut rows = BTreeMap::new();
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(cells.len(), ACTORS.len() + 2, "{line}");
        rows.insert(format!("{},{}", cells[0], cells[1]), cells[2..].iter().map(|c| (*c).to_owned()).collect::<Vec<_>>());
    }
    let mut problems = Vec::new();
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
