//! The deadline rush: concurrent candidates submit their applications with a CV over real HTTP
//! (loopback TCP, the whole router and its layers, release build), on SQLite then PostgreSQL.
//!
//! Each candidate is signed in already (their session is written to the database, untimed, as
//! pretalx's "logged-in" runs register once) and holds a draft. A flow is what a browser does:
//! `GET` the application page (version and form token), `POST` the documents form (the fields
//! saved, then the CV attached), `GET` the page again, `POST` the submission; it counts only if
//! the receipt (a SHA-256 fingerprint) comes back. Afterwards every acknowledged submission is
//! looked up in the database: submitted, with the fingerprint the candidate was given.
//!
//!   cargo bench -p cohorte-web --bench submissions             # 64 clients × 20 flows each
//!   CLIENTS=64 FLOWS=40 cargo bench -p cohorte-web --bench submissions
//!
//! PostgreSQL comes from `TEST_DATABASE_URL` (a fresh database is made and dropped); without it
//! only SQLite runs. Goal (issue #8): at least 500 durable submissions per second and no failure;
//! the reference peer (pretalx, `performance-peers.md`) manages 3–7 flows per second and fails
//! 75 % of them at 8 clients on SQLite.

#![expect(clippy::unwrap_used, reason = "a benchmark fails loudly on unexpected errors")]

use std::sync::Arc;
use std::time::{Duration, Instant};

use cohorte_app::Ctx;
use cohorte_domain::application::{ApplicationRules, ApplicationStatus, ChoiceMode, Seats};
use cohorte_domain::cohort::{Calendar, Milestone, MilestoneKind, ProfileKind, RuleSet};
use cohorte_domain::identity::{AuthMethod, secret_hash};
use cohorte_store::identity::SessionRow;
use cohorte_test_support::TestDb;

fn env_usize(name: &str, default: usize) -> usize {
    cohorte_test_support::env(name).and_then(|v| v.parse().ok()).unwrap_or(default)
}

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// One prepared candidate: their session and their draft.
struct Candidate {
    cookie: String,
    csrf: String,
    application: String,
}

/// The cohort, its challenge and rules, and `n` signed-in candidates with a draft each.
async fn prepare(db: &cohorte_app::Db, n: usize) -> (Vec<Candidate>, String) {
    use cohorte_store::{applications as a, call, identity as ids};
    let now = cohorte_domain::clock::Clock::now(&cohorte_app::SystemClock);
    let mut tx = db.begin().await.unwrap();
    let mut c = tx.conn();
    let co = call::create_cohort(
        &mut c,
        &call::NewCohort {
            code: "eig-bench".into(),
            kind: "eig".into(),
            number: Some(99),
            year: 2030,
            title_fr: "EIG banc d’essai".into(),
            title_en: "EIG bench".into(),
        },
    )
    .await
    .unwrap();
    let org = cohorte_domain::content::Organisation {
        slug: cohorte_domain::text::Slug::parse("dinum").unwrap(),
        name: "DINUM".into(),
        acronym: Some("DINUM".into()),
        kind: cohorte_domain::content::OrganisationKind::CentralAdmin,
        parent: None,
        website: None,
        aliases: vec![],
    };
    let (host, _, _) = cohorte_store::content::upsert_organisation(&mut c, &org, None).await.unwrap();
    let (challenge, _) = call::create_challenge(
        &mut c,
        &call::NewChallenge {
            slug: "banc".into(),
            reference: "B-1".into(),
            cohort: co,
            year: 2030,
            title: "Banc d’essai".into(),
            tagline: String::new(),
            host: host.as_uuid(),
            host_label: "DINUM".into(),
            city: None,
            body_md: String::new(),
            skills: vec![],
        },
    )
    .await
    .unwrap();
    let seats = vec![Seats { challenge: challenge.to_string(), profile: ProfileKind::Developer, seats: 3 }];
    let rules = RuleSet {
        applications: Some(ApplicationRules { choice_mode: ChoiceMode::AtApplication, ..ApplicationRules::eig5(seats) }),
        ..RuleSet::eig5()
    };
    let rules = call::save_rules(&mut c, co, &rules, None, now).await.unwrap();
    let m = |kind, at| Milestone { kind, starts_at: at, ends_at: None };
    let cal =
        Calendar(vec![m(MilestoneKind::AacOpen, now - time::Duration::days(1)), m(MilestoneKind::AacClose, now + time::Duration::days(1))]);
    call::replace_calendar(&mut c, co, &cal).await.unwrap();
    let cohort = call::cohort(&mut c, co).await.unwrap().unwrap();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let p = ids::create_person(&mut c, &format!("bench-{i}"), &format!("Candidate {i}")).await.unwrap();
        let app = a::create_application(&mut c, &cohort, rules.id, p, now).await.unwrap();
        let (cookie, csrf) = (format!("{:064x}", i + 1), format!("{:064x}", i + 1_000_000_000));
        let row = SessionRow {
            id_hash: secret_hash(&cookie),
            person_id: Some(p.as_uuid()),
            csrf_token: csrf.clone(),
            auth_method: Some(AuthMethod::MagicLink.as_str().to_owned()),
            authenticated_at: Some(now),
            created_at: now,
            last_seen_at: now,
            idle_timeout_secs: 3600,
            absolute_expires_at: now + time::Duration::hours(12),
            user_agent: None,
            ip: None,
            pending_person_id: None,
            oidc_state: None,
            revoked_at: None,
        };
        ids::insert_session(&mut c, &row).await.unwrap();
        out.push(Candidate { cookie, csrf, application: app.id.to_string() });
    }
    tx.commit().await.unwrap();
    (out, challenge.to_string())
}

fn fields(csrf: &str, version: &str, challenge: &str, n: usize) -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = vec![
        ("_csrf".into(), csrf.into()),
        ("version".into(), version.into()),
        ("name".into(), format!("Candidate {n}")),
        ("profile".into(), "developer".into()),
        ("years_experience".into(), "4".into()),
        ("text.background".into(), "Dix ans de logiciel libre.".into()),
        ("text.motivation".into(), "Servir l’intérêt général.".into()),
        ("choice.0.target".into(), format!("{challenge}|developer")),
        ("choice.0.contribution".into(), "Commencer par les usagers.".into()),
        ("mobile".into(), "yes".into()),
        ("available_at_start".into(), "yes".into()),
        ("consent".into(), "1".into()),
    ];
    for d in ["not_civil_servant", "not_student", "not_juror"] {
        f.push(("declaration".into(), d.into()));
    }
    f
}

fn version_of(html: &str) -> Option<String> {
    let at = html.find("id=\"proposal-version\"")?;
    let tag_start = html[..at].rfind('<')?;
    let tag = &html[tag_start..at + html[at..].find('>')?];
    let v = tag.split("value=\"").nth(1)?;
    Some(v[..v.find('"')?].to_owned())
}

fn multipart(fields: &[(String, String)], boundary: &str) -> Vec<u8> {
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes());
    }
    body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\ncv\r\n").as_bytes());
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cv.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(PDF);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    body
}

/// One flow; the receipt's fingerprint, or what went wrong.
async fn flow(http: &reqwest::Client, base: &str, cookie: &str, c: &Candidate, challenge: &str, n: usize) -> Result<String, String> {
    let url = format!("{base}/applications/{}", c.application);
    let get = async || -> Result<String, String> {
        let r = http.get(&url).header("cookie", cookie).send().await.map_err(|e| e.to_string())?;
        if !r.status().is_success() {
            return Err(format!("GET {}", r.status()));
        }
        let html = r.text().await.map_err(|e| e.to_string())?;
        version_of(&html).ok_or_else(|| "no version".to_owned())
    };
    let version = get().await?;
    let boundary = "cohorte-bench-boundary-7f3a";
    let r = http
        .post(format!("{url}/documents"))
        .header("cookie", cookie)
        .header("content-type", format!("multipart/form-data; boundary={boundary}"))
        .body(multipart(&fields(&c.csrf, &version, challenge, n), boundary))
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if r.status() != reqwest::StatusCode::SEE_OTHER {
        return Err(format!("upload {}", r.status()));
    }
    let version = get().await?;
    let r = http
        .post(format!("{url}/submit"))
        .header("cookie", cookie)
        .form(&fields(&c.csrf, &version, challenge, n))
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !r.status().is_success() {
        return Err(format!("submit {}", r.status()));
    }
    let html = r.text().await.map_err(|e| e.to_string())?;
    let at = html.find("cohorte-hash\">").ok_or("no receipt")?;
    let hash = &html[at + "cohorte-hash\">".len()..];
    Ok(hash[..64.min(hash.len())].to_owned())
}

async fn run(db: TestDb, clients: usize, per_client: usize) {
    let name = if db.name() == "sqlite" { "sqlite" } else { "postgresql" };
    let (candidates, challenge) = prepare(&db.db, clients * per_client).await;
    let ctx = Ctx::new(db.db.clone());
    let config = cohorte_web::WebConfig { assets_dir: cohorte_test_support::repo_root(), ..Default::default() };
    let state = cohorte_web::AppState::new(ctx, config).await.unwrap();
    let cookie_name = cohorte_web::session::cookie_name(&state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let router = cohorte_web::router(state);
    let server =
        tokio::spawn(
            async move { axum::serve(listener, router.into_make_service_with_connect_info::<std::net::SocketAddr>()).await.unwrap() },
        );
    let candidates = Arc::new(candidates);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for k in 0..clients {
        let (candidates, base, challenge) = (candidates.clone(), base.clone(), challenge.clone());
        tasks.push(tokio::spawn(async move {
            let http =
                reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).timeout(Duration::from_secs(60)).build().unwrap();
            let mut out = Vec::new();
            for j in 0..per_client {
                let i = k * per_client + j;
                let c = &candidates[i];
                let t = Instant::now();
                let r = flow(&http, &base, &format!("{cookie_name}={}", c.cookie), c, &challenge, i).await;
                out.push((i, r, t.elapsed()));
            }
            out
        }));
    }
    let mut results = Vec::new();
    for t in tasks {
        results.extend(t.await.unwrap());
    }
    let elapsed = started.elapsed();
    server.abort();
    // Every acknowledged submission is in the database, with the fingerprint given.
    let mut durable = 0;
    let mut errors: std::collections::BTreeMap<String, usize> = Default::default();
    let mut c = db.db.acquire().await.unwrap();
    for (i, r, _) in &results {
        match r {
            Ok(hash) => {
                let id: cohorte_domain::ids::ApplicationId = candidates[*i].application.parse().unwrap();
                let row = cohorte_store::applications::application(&mut c.conn(), id).await.unwrap().unwrap();
                if row.status == ApplicationStatus::Submitted && row.submission_hash.as_deref() == Some(hash.as_str()) {
                    durable += 1;
                } else {
                    *errors.entry("acknowledged but not found".into()).or_default() += 1;
                }
            }
            Err(e) => *errors.entry(e.clone()).or_default() += 1,
        }
    }
    let mut times: Vec<Duration> = results.iter().filter(|(_, r, _)| r.is_ok()).map(|(_, _, t)| *t).collect();
    times.sort();
    let pct = |p: f64| times.get(((times.len() as f64 * p) as usize).min(times.len().saturating_sub(1))).copied().unwrap_or_default();
    let rate = durable as f64 / elapsed.as_secs_f64();
    println!(
        "{name:<10} clients {clients:>3}  flows {:>5}  durable {durable:>5}  failed {:>3}  {rate:>7.1} durable submissions/s  flow p50 {:>4} ms  p99 {:>4} ms  ({:.1}× the goal of 500/s; pretalx, same flow shape: 3–7/s)",
        results.len(),
        results.len() - durable,
        pct(0.50).as_millis(),
        pct(0.99).as_millis(),
        rate / 500.0,
    );
    for (e, n) in errors {
        println!("           {n} × {e}");
    }
}

fn main() {
    let clients = env_usize("CLIENTS", 64);
    let per_client = env_usize("FLOWS", 20);
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    rt.block_on(async {
        println!("== {clients} candidates at once, {per_client} submissions each (4 HTTP requests per flow, a CV attached)");
        run(TestDb::sqlite().await, clients, per_client).await;
        match TestDb::postgres().await {
            Some(pg) => run(pg, clients, per_client).await,
            None => println!("postgres   skipped: TEST_DATABASE_URL is not set"),
        }
    });
}
