//! Cohorte's HTTP layer: the axum router, thin handlers, askama views, and the layers every
//! response goes through (security headers, language, error pages, page cache).

pub mod cache;
pub mod error;
pub mod extract;
mod i18n_check;
pub use cohorte_app::i18n;
pub mod layers;
pub mod routes;
pub mod session;
pub mod util;
pub mod views;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::Router;
use axum::middleware::{from_fn, from_fn_with_state};
use cohorte_app::Ctx;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::cache::PageCache;

/// Settings of the web layer.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// The public address (`https://cohorte.example.org`); absolute links and HSTS use it.
    pub public_url: Option<String>,
    /// The folder holding `node_modules` (DSFR, swagger-ui).
    pub assets_dir: PathBuf,
    /// Keep rendered public pages in memory.
    pub page_cache: bool,
    /// How often to check the content version.
    pub content_poll: Duration,
    /// Request timeout.
    pub request_timeout: Duration,
    /// The folder of the development mail sink (`/dev/mail` lists it).
    pub mail_dir: Option<PathBuf>,
    /// Reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            public_url: None,
            assets_dir: PathBuf::from("."),
            page_cache: true,
            content_poll: Duration::from_secs(2),
            request_timeout: Duration::from_secs(30),
            mail_dir: None,
            trusted_proxies: Vec::new(),
        }
    }
}

impl WebConfig {
    /// Whether the site is served over https (HSTS is sent then).
    pub fn https(&self) -> bool {
        self.public_url.as_deref().is_some_and(|u| u.starts_with("https://"))
    }

    /// The base of absolute URLs (no trailing slash); empty when unknown.
    pub fn base_url(&self) -> &str {
        self.public_url.as_deref().map(|u| u.trim_end_matches('/')).unwrap_or("")
    }

    /// Whether session cookies are `Secure` (https, or loopback, which browsers treat as secure;
    /// when no public address is set, the site is assumed to run on loopback).
    pub fn secure_cookies(&self) -> bool {
        let base = self.base_url();
        base.is_empty()
            || base.starts_with("https://")
            || base.starts_with("http://127.0.0.1")
            || base.starts_with("http://localhost")
            || base.starts_with("http://[::1]")
    }
}

/// Shared by every handler: one `Arc`, so that the clone each layer and handler makes per request
/// is a single atomic increment (cloning the fields one by one showed up at 30 % of the CPU of a
/// cached page under load).
#[derive(Clone)]
pub struct AppState(Arc<AppStateInner>);

impl std::ops::Deref for AppState {
    type Target = AppStateInner;

    fn deref(&self) -> &AppStateInner {
        &self.0
    }
}

/// What the state holds.
pub struct AppStateInner {
    /// The use cases' context.
    pub ctx: Ctx,
    /// Settings.
    pub config: Arc<WebConfig>,
    /// Rendered pages.
    pub cache: Arc<PageCache>,
    /// Old-site paths → new paths, for links inside imported content.
    pub legacy_links: Arc<RwLock<Arc<BTreeMap<String, String>>>>,
    /// False while shutting down (`/readyz` answers 503).
    pub ready: Arc<AtomicBool>,
}

impl AppState {
    /// Builds the state and reads the content version and legacy links once.
    pub async fn new(ctx: Ctx, config: WebConfig) -> Result<Self, cohorte_app::AppError> {
        let state = AppState(Arc::new(AppStateInner {
            cache: Arc::new(PageCache::new(config.page_cache)),
            config: Arc::new(config),
            ctx,
            legacy_links: Arc::new(RwLock::new(Arc::new(BTreeMap::new()))),
            ready: Arc::new(AtomicBool::new(true)),
        }));
        state.refresh().await?;
        Ok(state)
    }

    /// Re-reads the content version; when it changed, drops cached pages and reloads links.
    pub async fn refresh(&self) -> Result<bool, cohorte_app::AppError> {
        let v = cohorte_app::content_version(&self.ctx).await?;
        let changed = self.cache.observe_version(v);
        if changed || self.links().is_empty() {
            let links = cohorte_app::public::legacy_links(&self.ctx).await?;
            if let Ok(mut l) = self.legacy_links.write() {
                *l = Arc::new(links);
            }
        }
        Ok(changed)
    }

    /// The legacy links map.
    pub fn links(&self) -> Arc<BTreeMap<String, String>> {
        self.legacy_links.read().map(|l| l.clone()).unwrap_or_default()
    }

    /// Polls the content version until the process ends.
    pub fn spawn_content_watch(&self) -> tokio::task::JoinHandle<()> {
        let state = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(state.config.content_poll);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                if let Err(e) = state.refresh().await {
                    tracing::warn!(error = %e, "could not read the content version");
                }
            }
        })
    }

    /// Marks the instance as draining (`/readyz` → 503).
    pub fn set_ready(&self, ready: bool) {
        self.ready.store(ready, Ordering::SeqCst);
    }
}

/// The whole application: routes and layers.
pub fn router(state: AppState) -> Router {
    layered(routes::routes(&state), state)
}

/// Wraps routes in the layers every response goes through.
pub fn layered(routes: Router<AppState>, state: AppState) -> Router {
    let timeout = state.config.request_timeout;
    // The form-token check (`session::csrf_layer`) wraps each route's handlers (routes.rs).
    routes
        .layer(CatchPanicLayer::custom(layers::panic_response))
        .layer(from_fn_with_state(state.clone(), session::session_layer))
        .layer(from_fn_with_state(state.clone(), session::state_extension))
        .layer(TimeoutLayer::with_status_code(http::StatusCode::REQUEST_TIMEOUT, timeout))
        .layer(from_fn(layers::body_limit))
        .layer(from_fn(layers::guard_request))
        .layer(from_fn_with_state(state.clone(), layers::render_errors))
        .layer(from_fn(layers::locale))
        .layer(from_fn_with_state(state.clone(), layers::security_headers))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(TraceLayer::new_for_http().make_span_with(layers::request_span))
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        // Outermost: a cached public page is answered before anything else runs.
        .layer(from_fn_with_state(state.clone(), layers::page_cache))
        .with_state(state)
}

#[cfg(test)]
mod house_rules {
    //! A rule lives in one place: `app` and `domain` decide what an actor may see and do, and a
    //! handler renders the read model it is given. Read from the sources of `routes/` and `views/`
    //! so that a handler comparing statuses or roles, or calling a policy predicate, fails here.

    /// What a handler may not write, and why.
    const FORBIDDEN: &[(&str, &str)] = &[
        ("policy::can_", "an authorization predicate: the use case checks it"),
        ("policy::is_", "an authorization predicate: the use case checks it"),
        ("== \"draft\"", "a status compared as a string"),
        ("status.as_str() ==", "a status compared as a string"),
        ("status.as_str() !=", "a status compared as a string"),
        (".has_role(", "a role checked in a handler"),
        ("RoleKind::Staff", "a role checked in a handler"),
        ("RoleKind::Validator", "a role checked in a handler"),
    ];

    /// Comparisons with a domain status (`x.status == ProposalStatus::Heard`, `matches!(…Status::`),
    /// not with an HTTP `StatusCode`.
    fn compares_a_status(line: &str) -> bool {
        let l = line.replace("StatusCode::", "");
        let cmp = ["== ", "!= ", "matches!("].iter().any(|op| l.contains(op));
        cmp && l
            .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .any(|w| w.contains("Status::") && w.split("Status::").next().is_some_and(|t| !t.is_empty()))
    }

    fn offences(file: &str, text: &str) -> Vec<String> {
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        let mut out = Vec::new();
        for (n, line) in code.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for (needle, why) in FORBIDDEN {
                if line.contains(needle) {
                    out.push(format!("{file}:{}: {why}: {}", n + 1, line.trim()));
                }
            }
            if compares_a_status(line) {
                out.push(format!("{file}:{}: a status compared in a handler: {}", n + 1, line.trim()));
            }
        }
        out
    }

    #[test]
    fn handlers_compare_no_status_or_role_and_call_no_policy() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut all = Vec::new();
        let mut read = 0;
        for dir in ["routes", "views"] {
            for entry in std::fs::read_dir(root.join(dir)).expect("dir") {
                let path = entry.expect("entry").path();
                if path.extension().is_some_and(|e| e == "rs") {
                    read += 1;
                    let text = std::fs::read_to_string(&path).expect("read");
                    all.extend(offences(&format!("{dir}/{}", path.file_name().unwrap_or_default().to_string_lossy()), &text));
                }
            }
        }
        assert!(read >= 10, "the handlers are read ({read} files)");
        assert!(all.is_empty(), "rules decided in handlers:\n{}", all.join("\n"));
        // The reading finds what it should, and leaves HTTP status codes alone.
        let sample = "if p.status == ProposalStatus::Heard {}\nif r.status != StatusCode::OK {}\nlet ok = policy::can_run_calls(&a);";
        assert_eq!(offences("x", sample).len(), 2, "{:?}", offences("x", sample));
    }
}
