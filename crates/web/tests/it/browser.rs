//! Real Chromium (Debian chromium + chromedriver) visits every public page type in French and
//! English; axe-core finds no WCAG 2.1 A/AA violation, and DSFR's script runs under our CSP.
//! Without chromedriver the test is skipped loudly, unless `REQUIRE_BROWSER=1` (CI), where it fails.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use crate::pages::PAGE_TYPES;
use crate::support::TestApp;

pub struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn which(bin: &str) -> Option<String> {
    std::env::var_os("PATH")?.to_str()?.split(':').map(|d| format!("{d}/{bin}")).find(|p| std::path::Path::new(p).is_file())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Starts chromedriver and a browser session, or explains why not.
pub async fn browser() -> Option<(Driver, Client, tempfile::TempDir)> {
    let required = cohorte_test_support::require_browser();
    let (Some(driver_bin), Some(chromium)) = (which("chromedriver"), cohorte_test_support::env("CHROMIUM").or_else(|| which("chromium")))
    else {
        assert!(!required, "REQUIRE_BROWSER=1 but chromium or chromedriver is missing (apt-get install chromium chromium-driver)");
        eprintln!("SKIPPED browser test: chromium/chromedriver not installed (make test installs them; REQUIRE_BROWSER=1 makes this fail)");
        return None;
    };
    let port = free_port();
    let child = Command::new(driver_bin).arg(format!("--port={port}")).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    let driver = Driver(child);
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let profile = tempfile::tempdir().unwrap();
    let caps = json!({"browserName": "chrome", "goog:chromeOptions": {
        "binary": chromium,
        "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run", "--window-size=1280,900",
                 "--lang=fr-FR", format!("--user-data-dir={}", profile.path().display())],
        "prefs": {"intl.accept_languages": "fr-FR,fr"}}});
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps.as_object().unwrap().clone())
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("browser session");
    Some((driver, client, profile))
}

/// Serves the app on a free port of the loopback.
pub async fn serve(app: &TestApp) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = app.router.clone();
    tokio::spawn(async move { axum::serve(listener, router).await });
    format!("http://{addr}")
}

const AXE_RUN: &str = "return axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a','wcag2aa','wcag21a','wcag21aa']}})\
    .then(r => r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', ')));";

/// Runs axe-core on the current page; returns the violations.
pub async fn axe(client: &Client) -> Vec<String> {
    let src =
        std::fs::read_to_string(cohorte_test_support::repo_root().join("node_modules/axe-core/axe.min.js")).expect("axe-core (npm ci)");
    client.execute(&src, vec![]).await.unwrap();
    let v = client.execute(AXE_RUN, vec![]).await.unwrap();
    serde_json::from_value(v).unwrap()
}

fn with_lang(path: &str, lang: &str) -> String {
    if path.contains('?') { format!("{path}&lang={lang}") } else { format!("{path}?lang={lang}") }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_every_public_page_type_has_no_axe_violation_in_french_and_english() {
    let Some((_driver, client, _profile)) = browser().await else { return };
    let app = TestApp::new().await;
    let base = serve(&app).await;
    let mut failures = Vec::new();
    let mut extra = vec!["/does-not-exist", "/challenges?year=abc"];
    extra.extend(PAGE_TYPES);
    for path in extra {
        for lang in ["fr", "en"] {
            client.goto(&format!("{base}{}", with_lang(path, lang))).await.unwrap();
            let html_lang = client.execute("return document.documentElement.lang", vec![]).await.unwrap();
            assert_eq!(html_lang, json!(lang), "{path}");
            // DSFR's script ran (it is only allowed from 'self' by the CSP).
            let mut started = json!(null);
            for _ in 0..50 {
                started = client.execute("return document.documentElement.getAttribute('data-fr-js')", vec![]).await.unwrap();
                if started == json!("true") {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            assert_eq!(started, json!("true"), "{path} ({lang}): DSFR JS did not start");
            let font = client.execute("return getComputedStyle(document.body).fontFamily", vec![]).await.unwrap();
            assert!(font.as_str().unwrap_or("").contains("Marianne"), "{path}: DSFR CSS loaded ({font})");
            let violations = axe(&client).await;
            if !violations.is_empty() {
                failures.push(format!("{path} ({lang}):\n  {}", violations.join("\n  ")));
            }
        }
    }
    client.close().await.unwrap();
    assert!(failures.is_empty(), "axe-core violations:\n{}", failures.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_language_switch_and_skip_link_work_with_the_keyboard() {
    let Some((_driver, client, _profile)) = browser().await else { return };
    let app = TestApp::new().await;
    let base = serve(&app).await;
    client.goto(&format!("{base}/challenges/adex?lang=fr")).await.unwrap();
    assert_eq!(client.execute("return document.documentElement.lang", vec![]).await.unwrap(), json!("fr"));
    client.find(Locator::Css("#lang-switch")).await.unwrap().click().await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(client.execute("return document.documentElement.lang", vec![]).await.unwrap(), json!("en"));
    // The choice is remembered: the next page is in English too.
    client.goto(&format!("{base}/figures")).await.unwrap();
    assert_eq!(client.execute("return document.documentElement.lang", vec![]).await.unwrap(), json!("en"));
    // The first Tab reaches the skip link to the content.
    client.execute("document.activeElement && document.activeElement.blur()", vec![]).await.unwrap();
    client.active_element().await.unwrap().send_keys("\u{E004}").await.unwrap();
    let focused = client.execute("return document.activeElement.getAttribute('href')", vec![]).await.unwrap();
    assert_eq!(focused, json!("#content"));
    // A search through the form, without JavaScript needed.
    client.goto(&format!("{base}/challenges?lang=fr")).await.unwrap();
    client.find(Locator::Css("#f-q")).await.unwrap().send_keys("sécurité routière").await.unwrap();
    client.find(Locator::Css("form[role=search] button[type=submit]")).await.unwrap().click().await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let url = client.current_url().await.unwrap();
    assert!(url.as_str().contains("q=s%C3%A9curit%C3%A9+routi%C3%A8re"), "{url}");
    let results = client.find(Locator::Css("#results")).await.unwrap().text().await.unwrap();
    assert!(results.ends_with("défi") || results.ends_with("défis"), "{results}");
    client.close().await.unwrap();
}

/// Waits until the page's address contains `part`.
async fn wait_for_url(client: &Client, part: &str) -> String {
    for _ in 0..50 {
        let url = client.current_url().await.unwrap().to_string();
        if url.contains(part) {
            return url;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the browser never reached {part}: {}", client.current_url().await.unwrap());
}

async fn submit(client: &Client, form: &str) {
    client.find(Locator::Css(&format!("{form} button[type=submit]"))).await.unwrap().click().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_staff_sign_in_with_link_and_second_factor_every_page_accessible_in_both_languages() {
    use cohorte_domain::content::RoleKind;

    let Some((_driver, client, _profile)) = browser().await else { return };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let settings = cohorte_app::Settings { base_url: base.clone(), mode: cohorte_app::Mode::Development, ..Default::default() };
    let w = crate::world::World::with(cohorte_test_support::TestDb::sqlite().await, settings, crate::world::start_time()).await;
    w.person("Grace Hopper", "grace@example.org", &[RoleKind::ProgramStaff]).await;
    let router = w.app.router.clone();
    tokio::spawn(async move { axum::serve(listener, router).await });

    let mut failures = Vec::new();
    let mut check = async |what: &str| {
        let violations = axe(&client).await;
        if !violations.is_empty() {
            failures.push(format!("{what}:\n  {}", violations.join("\n  ")));
        }
        let h1 = client.find(Locator::Css("h1")).await.unwrap().text().await.unwrap();
        assert!(!h1.trim().is_empty(), "{what}: a heading");
    };

    for (round, lang) in ["fr", "en"].into_iter().enumerate() {
        // Ask for a link.
        client.goto(&format!("{base}/login?lang={lang}")).await.unwrap();
        check(&format!("login ({lang})")).await;
        client.find(Locator::Css("#email")).await.unwrap().send_keys("grace@example.org").await.unwrap();
        submit(&client, "#login-form").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        check(&format!("link sent ({lang})")).await;
        // The session cookie is a __Host- cookie the browser accepted on the loopback.
        let cookies = client.get_all_cookies().await.unwrap();
        let session = cookies.iter().find(|c| c.name() == "__Host-cohorte").expect("Chromium kept the __Host- session cookie");
        assert_eq!(session.http_only(), Some(true));
        assert_eq!(session.secure(), Some(true));

        // Open it: a confirmation page, then signed in.
        w.run_jobs().await;
        let link = w.last_link("grace@example.org");
        client.goto(&format!("{base}{link}")).await.unwrap();
        check(&format!("confirm ({lang})")).await;
        submit(&client, "#confirm-form").await;
        if round == 0 {
            // First time: set up the second factor (QR code and secret), then keep the codes.
            wait_for_url(&client, "/account/second-factor").await;
            check(&format!("enrol ({lang})")).await;
            let secret = client.find(Locator::Css("#totp-secret")).await.unwrap().text().await.unwrap();
            client.find(Locator::Css("#code")).await.unwrap().send_keys(&w.totp(&secret)).await.unwrap();
            submit(&client, "form[action='/account/second-factor']").await;
            tokio::time::sleep(Duration::from_millis(300)).await;
            let codes = client.find_all(Locator::Css("#recovery-codes li")).await.unwrap();
            assert_eq!(codes.len(), 10);
            check(&format!("recovery codes ({lang})")).await;
            std::fs::write(w.mail.path().join("secret.txt"), secret).unwrap();
        } else {
            wait_for_url(&client, "/login/second-factor").await;
            check(&format!("second factor ({lang})")).await;
            w.clock.advance(time::Duration::seconds(31));
            let secret = std::fs::read_to_string(w.mail.path().join("secret.txt")).unwrap();
            client.find(Locator::Css("#code")).await.unwrap().send_keys("000000").await.unwrap();
            submit(&client, "#second-factor-form").await;
            tokio::time::sleep(Duration::from_millis(300)).await;
            check(&format!("second factor refused ({lang})")).await;
            let alert = client.find(Locator::Css(".fr-alert--error")).await.unwrap().text().await.unwrap();
            assert!(!alert.is_empty());
            let field = client.find(Locator::Css("#code")).await.unwrap();
            field.clear().await.unwrap();
            field.send_keys(&w.totp(&secret)).await.unwrap();
            submit(&client, "#second-factor-form").await;
            wait_for_url(&client, "/admin").await;
        }
        // Every signed-in page.
        for path in ["/admin", "/admin/people/grace-hopper", "/admin/audit", "/account", "/account/reauth", "/dev/mail"] {
            client.goto(&format!("{base}{path}?lang={lang}")).await.unwrap();
            let url = client.current_url().await.unwrap();
            assert!(url.path() == path, "{path}: landed on {url}");
            check(&format!("{path} ({lang})")).await;
        }
        // Sign out from the account page.
        client.goto(&format!("{base}/account?lang={lang}")).await.unwrap();
        submit(&client, "form[action='/logout']").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        check(&format!("signed out ({lang})")).await;
        client.goto(&format!("{base}/admin")).await.unwrap();
        wait_for_url(&client, "/login").await;
    }
    client.close().await.unwrap();
    assert!(failures.is_empty(), "axe-core violations:\n{}", failures.join("\n"));
}
