#![doc = include_str!("../README.md")]
#![warn(missing_docs)]

pub mod access;
pub mod account;
/// Types of the account and staff pages.
pub mod account_types {
    pub use cohorte_store::audit::{AuditFilter, AuditRow, ChainCheck};
    pub use cohorte_store::identity::{EmailRow, OidcRow, PersonRow, RoleRow};
}
pub mod admin;
pub mod applications;
pub mod calls;
pub mod decisions;
pub mod demo;
pub mod error;
pub mod home;
pub mod i18n;
pub mod identity;
pub mod import;
pub mod jobs;
pub mod jury;
pub mod mail;
pub mod notify;
pub mod oidc;
pub mod proposals;
pub mod public;
pub mod selection;
pub mod session;
pub mod uow;
pub mod worker;

use std::sync::Arc;

use cohorte_domain::clock::Clock;
pub use cohorte_store::{Backend, ConnectOptions, Db};
pub use error::AppError;
use time::OffsetDateTime;

/// What every use case needs.
#[derive(Clone)]
pub struct Ctx {
    /// The database.
    pub db: Db,
    /// The clock (read once per use case).
    pub clock: Arc<dyn Clock>,
    /// Settings the use cases need.
    pub settings: Arc<Settings>,
    /// The OpenID Connect provider, when configured.
    pub oidc: Option<Arc<oidc::Oidc>>,
}

/// How the instance runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Real mail through SMTP; no development pages.
    Production,
    /// Mail written to files and listed at `/dev/mail`.
    Development,
    /// Development, with the EIG data and demo accounts.
    Demo,
}

impl Mode {
    /// Whether development pages (`/dev/mail`) exist.
    pub fn is_dev(self) -> bool {
        !matches!(self, Mode::Production)
    }
}

/// Settings of the use cases.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The public address links in emails point to (never taken from a request).
    pub base_url: String,
    /// Production, development or demo.
    pub mode: Mode,
    /// The sender of emails.
    pub mail_from: String,
    /// OpenID Connect, when configured.
    pub oidc: Option<oidc::OidcSettings>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            base_url: "http://127.0.0.1:8080".into(),
            mode: Mode::Development,
            mail_from: "Cohorte <no-reply@cohorte.invalid>".into(),
            oidc: None,
        }
    }
}

impl Ctx {
    /// A context over a database, with the system clock and default settings.
    pub fn new(db: Db) -> Self {
        Self { db, clock: Arc::new(SystemClock), settings: Arc::new(Settings::default()), oidc: None }
    }

    /// The same context with other settings (and the OpenID Connect provider they name).
    pub fn with_settings(mut self, settings: Settings) -> Result<Self, AppError> {
        self.oidc = match &settings.oidc {
            Some(o) => Some(Arc::new(oidc::Oidc::new(o.clone())?)),
            None => None,
        };
        self.settings = Arc::new(settings);
        Ok(self)
    }

    /// The same context with another clock.
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }
}

/// The real clock.
#[derive(Debug, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        #[expect(clippy::disallowed_methods, reason = "the one place that reads the system clock")]
        let now = OffsetDateTime::now_utc();
        // Whole seconds: stored timestamps then compare the same as text (SQLite) and as values.
        now.replace_nanosecond(0).unwrap_or(now)
    }
}

/// Opens and migrates the database named by the URL.
pub async fn open_database(url: &str, opts: &ConnectOptions) -> Result<Db, AppError> {
    let db = Db::connect(url, opts).await.map_err(AppError::from)?;
    db.migrate().await.map_err(AppError::from)?;
    Ok(db)
}

/// Whether the database answers (for `/readyz`).
pub async fn ping(ctx: &Ctx) -> Result<(), AppError> {
    ctx.db.ping().await.map_err(AppError::from)
}

/// The content version: page caches watch it to drop stale pages.
pub async fn content_version(ctx: &Ctx) -> Result<i64, AppError> {
    let mut c = ctx.db.acquire().await?;
    Ok(cohorte_store::meta::content_version(&mut c.conn()).await?)
}

#[cfg(test)]
mod module_graph {
    //! The modules of `app` depend on each other without a cycle: a module that needs another's
    //! code moves it to a leaf (`access`, `notify`, `jobs`, `uow`, `session`), it does not import
    //! back.

    use std::collections::{BTreeMap, BTreeSet};

    /// The modules each module of `src/` names (`crate::x` paths and `use crate::{x, …}`), outside
    /// comments.
    fn graph() -> BTreeMap<String, BTreeSet<String>> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = BTreeMap::new();
        for entry in std::fs::read_dir(&dir).expect("src") {
            let path = entry.expect("entry").path();
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
            if path.extension().is_some_and(|e| e == "rs") && stem != "lib" {
                files.insert(stem, std::fs::read_to_string(&path).expect("read"));
            }
        }
        let modules: BTreeSet<String> = files.keys().cloned().collect();
        let mut out = BTreeMap::new();
        for (name, text) in &files {
            let code: String = text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
            let mut deps = BTreeSet::new();
            for (i, _) in code.match_indices("crate::") {
                let rest = &code[i + 7..];
                let names: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
                    group.split('}').next().unwrap_or("").split(',').map(|s| s.trim().split("::").next().unwrap_or("")).collect()
                } else {
                    vec![rest.split(|c: char| !(c.is_alphanumeric() || c == '_')).next().unwrap_or("")]
                };
                deps.extend(names.into_iter().filter(|n| modules.contains(*n) && *n != name).map(str::to_owned));
            }
            out.insert(name.clone(), deps);
        }
        out
    }

    fn cycle(g: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
        fn visit(
            n: &str,
            g: &BTreeMap<String, BTreeSet<String>>,
            path: &mut Vec<String>,
            done: &mut BTreeSet<String>,
        ) -> Option<Vec<String>> {
            if let Some(i) = path.iter().position(|p| p == n) {
                let mut c = path[i..].to_vec();
                c.push(n.to_owned());
                return Some(c);
            }
            if done.contains(n) {
                return None;
            }
            path.push(n.to_owned());
            for d in g.get(n).into_iter().flatten() {
                if let Some(c) = visit(d, g, path, done) {
                    return Some(c);
                }
            }
            path.pop();
            done.insert(n.to_owned());
            None
        }
        let mut done = BTreeSet::new();
        g.keys().find_map(|n| visit(n, g, &mut Vec::new(), &mut done))
    }

    #[test]
    fn the_modules_of_app_form_no_cycle() {
        let g = graph();
        assert!(g["proposals"].contains("access") && g["worker"].contains("decisions"), "the graph is read: {g:?}");
        assert_eq!(cycle(&g), None, "{g:#?}");
        let mut with_cycle = g.clone();
        with_cycle.entry("access".into()).or_default().insert("proposals".into());
        assert!(cycle(&with_cycle).is_some(), "a cycle is found when there is one");
    }
}

#[cfg(test)]
mod house_rules {
    //! Two rules of ARCHITECTURE.md read from the sources, so that new code cannot quietly break
    //! them: every use case takes the actor (deny by default), and writes go through the unit of
    //! work (`uow::Uow`: one transaction, the audit entry in it).

    use std::collections::BTreeMap;

    fn sources() -> BTreeMap<String, String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        std::fs::read_dir(&dir)
            .expect("src")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "rs"))
            .map(|p| {
                let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
                let text = std::fs::read_to_string(&p).expect("read");
                // The code, without its tests.
                let code = text.split("#[cfg(test)]").next().unwrap_or_default().to_owned();
                (stem, code)
            })
            .collect()
    }

    /// The public use cases (`pub async fn name(ctx: &Ctx, …)`) whose parameters name no actor.
    fn without_actor(file: &str, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for (i, _) in text.match_indices("pub async fn ") {
            let rest = &text[i + 13..];
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            let Some(open) = rest.find('(') else { continue };
            let params = rest[open + 1..].split(") ->").next().unwrap_or_default();
            let takes_ctx = params.trim_start().starts_with("ctx: &Ctx");
            let actor = ["Session", "Actor", "SignedIn", "by: PersonId", "by: &"].iter().any(|a| params.contains(a));
            if takes_ctx && !actor {
                out.push(format!("{file}::{name}"));
            }
        }
        out
    }

    /// Use cases without an actor, each for a reason: public reads of published records, system
    /// jobs run by the worker, the start of a session (no actor yet), and the operator's commands.
    const NO_ACTOR: &[(&str, &str)] = &[
        ("applications::open_calls", "public: the calls open today"),
        ("applications::expire_offer", "system: the worker expires an offer at its deadline"),
        ("applications::remind_interview", "system: the worker mails an interview's reminder"),
        ("calls::open_calls", "public: the calls open today"),
        ("calls::find_organisations", "public: the organisation register"),
        ("calls::organisation_choices", "public: the organisation register"),
        ("decisions::publish_due", "system: the worker publishes at the approved time"),
        ("demo::seed", "operator: demo mode only"),
        ("demo::seed_call", "operator: demo mode only"),
        ("demo::seed_applications", "operator: demo mode only"),
        ("identity::load_session", "no actor yet: reads the session that makes one"),
        ("identity::start_session", "no actor yet: a visitor's first session"),
        ("import::import_eig", "operator: the import command"),
        ("import::is_empty", "operator: the import command"),
        ("lib::ping", "system: the health check"),
        ("lib::content_version", "system: the page cache's version"),
        ("public::legacy_links", "public: redirects of old addresses"),
        ("uow::begin", "the unit of work itself"),
    ];

    #[test]
    fn every_use_case_takes_the_actor_or_says_why_not() {
        let found: Vec<String> = sources().iter().flat_map(|(f, t)| without_actor(f, t)).collect();
        let allowed: Vec<&str> = NO_ACTOR.iter().map(|(n, _)| *n).collect();
        let unexplained: Vec<&String> = found.iter().filter(|n| !allowed.contains(&n.as_str())).collect();
        assert!(unexplained.is_empty(), "use cases without an actor, and no reason in NO_ACTOR: {unexplained:?}");
        let stale: Vec<&&str> = allowed.iter().filter(|n| !found.iter().any(|f| f == *n)).collect();
        assert!(stale.is_empty(), "NO_ACTOR names use cases that take an actor or no longer exist: {stale:?}");
        // The reading finds what it should.
        let sample = "pub async fn leak(ctx: &Ctx, id: ApplicationId) -> Result<(), AppError> {}\n\
                      pub async fn fine(ctx: &Ctx, session: &Session) -> Result<(), AppError> {}";
        assert_eq!(without_actor("x", sample), ["x::leak"]);
    }

    /// Where a transaction is begun outside the unit of work, and why.
    const OWN_TRANSACTION: &[(&str, &str)] = &[
        ("uow", "the unit of work"),
        ("demo", "demo seeding, not a person's action"),
        ("import", "the EIG import, one transaction for the whole load"),
        ("calls", "the first reading of a cohort saves its default rules"),
        ("identity", "a session's periodic rotation while it is read"),
    ];

    #[test]
    fn writes_go_through_the_unit_of_work() {
        let mut counts = BTreeMap::new();
        for (file, text) in sources() {
            let n = text.lines().filter(|l| !l.trim_start().starts_with("//") && l.contains("db.begin()")).count();
            if n > 0 {
                counts.insert(file, n);
            }
        }
        let outside: Vec<&String> = counts.keys().filter(|f| !OWN_TRANSACTION.iter().any(|(o, _)| o == f)).collect();
        assert!(outside.is_empty(), "transactions begun outside the unit of work: {outside:?}");
        assert!(counts.get("uow") == Some(&1), "the unit of work is read: {counts:?}");
        let exceptions: usize = counts.iter().filter(|(f, _)| f.as_str() != "uow" && f.as_str() != "demo").map(|(_, n)| n).sum();
        assert!(exceptions <= 3, "the exceptions stay few: {counts:?}");
    }
}
