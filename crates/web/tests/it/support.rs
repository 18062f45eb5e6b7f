//! A test application: a fresh database with the EIG data imported, the real router.

use std::path::Path;

use axum::Router;
use axum::body::Body;
use cohorte_app::Ctx;
use cohorte_test_support::{TestDb, eig_curation_file, eig_data_dir, repo_root};
use cohorte_web::{AppState, WebConfig};
use http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

pub struct TestApp {
    pub db: TestDb,
    pub state: AppState,
    pub router: Router,
}

pub struct Res {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Res {
    /// An answer as received; with `COHORTE_HTML_DUMP` set, an HTML body is kept for the Nu HTML
    /// checker that `scripts/test.sh` runs after the tests.
    pub fn received(uri: &str, status: StatusCode, headers: HeaderMap, bytes: &[u8]) -> Res {
        let res = Res { status, headers, body: String::from_utf8_lossy(bytes).into_owned() };
        cohorte_test_support::vnu::dump(uri, res.header("content-type"), &res.body);
        if res.header("content-type").starts_with("text/html") {
            let repeated = res.captions_repeating_a_heading();
            assert!(
                repeated.is_empty(),
                "{uri}: a table caption repeats a heading of the page (name the table by the heading): {repeated:?}"
            );
        }
        res
    }

    /// The table captions whose text is that of a heading of the same page (read twice, seen
    /// twice). Checked on every HTML page a test receives.
    pub fn captions_repeating_a_heading(&self) -> Vec<String> {
        if !self.body.contains("<caption") {
            return Vec::new();
        }
        let headings = self.texts("h1, h2, h3, h4, h5, h6");
        self.texts("caption").into_iter().filter(|c| headings.contains(c)).collect()
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }

    pub fn html(&self) -> scraper::Html {
        scraper::Html::parse_document(&self.body)
    }

    /// The texts of the elements matching a CSS selector.
    pub fn texts(&self, selector: &str) -> Vec<String> {
        let sel = scraper::Selector::parse(selector).unwrap();
        self.html().select(&sel).map(|e| e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")).collect()
    }

    /// The values of an attribute on the elements matching a selector.
    pub fn attrs(&self, selector: &str, attr: &str) -> Vec<String> {
        let sel = scraper::Selector::parse(selector).unwrap();
        self.html().select(&sel).filter_map(|e| e.value().attr(attr).map(str::to_owned)).collect()
    }
}

pub fn no_progress(_: cohorte_app::import::Progress) {}

impl TestApp {
    /// SQLite with the bundled EIG data.
    pub async fn new() -> TestApp {
        Self::with_data(&eig_data_dir(), WebConfig::default()).await
    }

    pub async fn with_config(config: WebConfig) -> TestApp {
        Self::with_data(&eig_data_dir(), config).await
    }

    pub async fn with_data(dir: &Path, mut config: WebConfig) -> TestApp {
        let db = TestDb::sqlite().await;
        Self::on(db, dir, &mut config).await
    }

    pub async fn on(db: TestDb, dir: &Path, config: &mut WebConfig) -> TestApp {
        let ctx = Ctx::new(db.db.clone());
        cohorte_app::import::import_eig(&ctx, dir, &eig_curation_file(), &no_progress).await.unwrap();
        Self::from_ctx(db, ctx, config.clone()).await
    }

    /// The router over a context built by the test (settings, clock), on whatever data it holds.
    pub async fn from_ctx(db: TestDb, ctx: Ctx, mut config: WebConfig) -> TestApp {
        config.assets_dir = repo_root();
        let state = AppState::new(ctx, config).await.unwrap();
        let router = cohorte_web::router(state.clone());
        TestApp { db, state, router }
    }

    pub async fn request(&self, req: Request<Body>) -> Res {
        let uri = req.uri().to_string();
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        Res::received(&uri, status, headers, &bytes)
    }

    pub async fn get(&self, uri: &str) -> Res {
        self.request(Request::get(uri).body(Body::empty()).unwrap()).await
    }

    pub async fn get_lang(&self, uri: &str, accept_language: &str) -> Res {
        self.request(Request::get(uri).header("accept-language", accept_language).body(Body::empty()).unwrap()).await
    }

    pub async fn get_with_cookie(&self, uri: &str, cookie: &str) -> Res {
        self.request(Request::get(uri).header("cookie", cookie).body(Body::empty()).unwrap()).await
    }
}

/// A copy of the EIG data in a temporary folder, to alter it.
pub fn data_copy() -> tempfile::TempDir {
    cohorte_test_support::eig_data_copy()
}
