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
