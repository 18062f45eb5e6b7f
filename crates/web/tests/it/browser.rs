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

/// What a person would see as broken at 1280 px: the page scrolling sideways, anything of `main`
/// drawn over the footer, a table wider than its container (columns hidden in a scroll box or off
/// screen), a table's last column (actions, outcomes) out of view. Returns one line per problem.
const LAYOUT_CHECK: &str = r#"
const out = [];
const vw = document.documentElement.clientWidth;
const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '') + ' «' + (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40) + '»';
const shown = el => { const s = getComputedStyle(el); if (s.display === 'none' || s.visibility === 'hidden') return false; const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
if (document.documentElement.scrollWidth > vw + 1) out.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + ' px for ' + vw);
const footer = document.querySelector('footer.fr-footer') || document.querySelector('footer');
const main = document.querySelector('main');
if (footer && main) {
  const f = footer.getBoundingClientRect();
  for (const el of main.querySelectorAll('*')) {
    if (!shown(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.bottom > f.top + 1 && r.top < f.bottom && r.right > f.left && r.left < f.right) { out.push('drawn over the footer: ' + name(el)); break; }
  }
}
for (const t of document.querySelectorAll('main table')) {
  if (!shown(t)) continue;
  const r = t.getBoundingClientRect();
  let box = t.parentElement;
  for (let el = t.parentElement; el && el !== main; el = el.parentElement) {
    const s = getComputedStyle(el);
    if (s.overflowX === 'auto' || s.overflowX === 'scroll' || s.overflowX === 'hidden') { box = el; break; }
  }
  const b = box.getBoundingClientRect();
  if (box.scrollWidth > box.clientWidth + 1 || r.right > Math.min(vw, b.right) + 1) out.push('table wider than its container (' + Math.round(r.width) + ' px in ' + Math.round(b.width) + '): ' + name(t));
  const row = t.querySelector('tbody tr') || t.querySelector('tr');
  const last = row && row.lastElementChild;
  if (last && shown(last) && last.getBoundingClientRect().right > Math.min(vw, b.right) + 1) out.push('last column out of view: ' + name(t));
}
return out;
"#;

/// The layout problems of the current page (see [`LAYOUT_CHECK`]).
pub async fn layout(client: &Client) -> Vec<String> {
    serde_json::from_value(client.execute(LAYOUT_CHECK, vec![]).await.unwrap()).unwrap()
}

/// Everything the browser tests check on each page they visit: axe-core's WCAG 2.1 A/AA rules and
/// the layout at 1280 px.
pub async fn check_page(client: &Client) -> Vec<String> {
    let mut found = axe(client).await;
    found.extend(layout(client).await.into_iter().map(|l| format!("layout: {l}")));
    found
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
            let violations = check_page(&client).await;
            if !violations.is_empty() {
                failures.push(format!("{path} ({lang}):\n  {}", violations.join("\n  ")));
            }
        }
    }
    client.close().await.unwrap();
    assert!(failures.is_empty(), "axe-core violations or layout problems:\n{}", failures.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_every_challenge_page_keeps_its_layout_at_1280_px() {
    let Some((_driver, client, _profile)) = browser().await else { return };
    let app = TestApp::new().await;
    let base = serve(&app).await;
    let list: serde_json::Value = serde_json::from_str(&app.get("/api/v1/challenges").await.body).unwrap();
    let slugs: Vec<String> = list["data"].as_array().unwrap().iter().map(|c| c["slug"].as_str().unwrap().to_owned()).collect();
    assert_eq!(slugs.len(), 71, "every challenge of the open data");
    let mut failures = Vec::new();
    for slug in &slugs {
        client.goto(&format!("{base}/challenges/{slug}")).await.unwrap();
        let problems = layout(&client).await;
        if !problems.is_empty() {
            failures.push(format!("/challenges/{slug}:\n  {}", problems.join("\n  ")));
        }
    }
    client.close().await.unwrap();
    assert!(failures.is_empty(), "layout problems:\n{}", failures.join("\n"));
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

/// Runs a script until it returns `true` (5 s at most); says whether it did.
async fn wait_until(client: &Client, script: &str) -> bool {
    for _ in 0..50 {
        if client.execute(script, vec![]).await.unwrap() == json!(true) {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_swagger_ui_speaks_the_page_language_and_gives_the_data_licence() {
    let Some((_driver, client, _profile)) = browser().await else { return };
    let app = TestApp::new().await;
    let base = serve(&app).await;
    for (lang, expected, untranslated) in [
        (
            "fr",
            [
                "Données ouvertes",
                "Tous les défis publics (JSON).",
                "Paramètres",
                "Réponses",
                "Essayer",
                "Schémas",
                "Détermine l’en-tête Accept de la requête.",
            ],
            ["Parameters", "Responses", "Try it out", "Schemas"],
        ),
        (
            "en",
            ["Open data", "Every public challenge (JSON).", "Parameters", "Responses", "Try it out", "Schemas", "Controls Accept header."],
            ["Paramètres", "Réponses", "Essayer", "Schémas"],
        ),
    ] {
        client.goto(&format!("{base}/api/docs?lang={lang}")).await.unwrap();
        assert!(
            wait_until(&client, "return document.querySelectorAll('#swagger-ui .opblock-summary-control').length === 6").await,
            "{lang}: Swagger UI drew the operations"
        );
        // Open the one-challenge operation (it has a parameter and two responses).
        client.execute("document.querySelector('#operations-open-data-challenge .opblock-summary-control, [id$=\"-challenge\"] .opblock-summary-control').click()", vec![]).await.unwrap();
        assert!(
            wait_until(&client, "return document.querySelector('#swagger-ui .opblock-body .responses-table') !== null").await,
            "{lang}: the operation opened"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
        let text = client.execute("return document.getElementById('swagger-ui').innerText", vec![]).await.unwrap();
        let text = text.as_str().unwrap();
        for e in expected {
            assert!(text.contains(e), "{lang}: {e:?} in Swagger UI:\n{text}");
        }
        let words: Vec<&str> = text.lines().map(str::trim).collect();
        for u in untranslated {
            assert!(!words.contains(&u), "{lang}: {u:?} left as it is in Swagger UI:\n{text}");
        }
        let licence = client
            .execute("var l = document.querySelector('#swagger-ui .info__license'); return l ? l.innerText : ''", vec![])
            .await
            .unwrap();
        assert!(licence.as_str().unwrap().contains("Licence Ouverte"), "{lang}: the data's licence: {licence}");
        assert!(!licence.as_str().unwrap().contains("MIT"), "{lang}: {licence}");
        let required = client
            .execute("return getComputedStyle(document.querySelector('#swagger-ui .parameter__name.required'), '::after').content", vec![])
            .await
            .unwrap();
        assert_eq!(
            required,
            json!(if lang == "fr" { "\"obligatoire\"" } else { "\"required\"" }),
            "{lang}: the mark of a required parameter"
        );
    }
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

/// Waits (up to 5 s) until the autosave status holds `needle`; returns what it last said.
async fn autosave_says(client: &Client, needle: &str) -> String {
    let mut said = String::new();
    for _ in 0..50 {
        said = client.find(Locator::Css("#autosave-status")).await.unwrap().text().await.unwrap();
        if said.contains(needle) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    said
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
        let violations = check_page(&client).await;
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
            // First time: the home asks for a second factor; set it up (QR code and secret),
            // then keep the codes.
            wait_for_url(&client, "/home").await;
            check(&format!("home before the second factor ({lang})")).await;
            assert!(client.find_all(Locator::Css("#staff")).await.unwrap().is_empty(), "no staff section yet");
            client.find(Locator::Css("#second-factor-needed a")).await.unwrap().click().await.unwrap();
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
            client.find(Locator::Css("#recovery-done")).await.unwrap().click().await.unwrap();
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
        }
        // Signed in: the home, with the staff's work and menu, and who is signed in.
        wait_for_url(&client, "/home").await;
        check(&format!("home ({lang})")).await;
        let who = client.find(Locator::Css("#signed-in-as")).await.unwrap().text().await.unwrap();
        assert!(who.ends_with("Grace Hopper"), "{who}");
        assert_eq!(client.find_all(Locator::Css("#staff")).await.unwrap().len(), 1, "the staff section");
        // Every signed-in page.
        for path in ["/home", "/admin", "/admin/people/grace-hopper", "/admin/audit", "/account", "/account/reauth", "/dev/mail"] {
            client.goto(&format!("{base}{path}?lang={lang}")).await.unwrap();
            let url = client.current_url().await.unwrap();
            assert!(url.path() == path, "{path}: landed on {url}");
            check(&format!("{path} ({lang})")).await;
        }
        // The staff menu opens from the header; sign out from the header.
        client.goto(&format!("{base}/home?lang={lang}")).await.unwrap();
        client.find(Locator::Css("#menu-areas-item button")).await.unwrap().click().await.unwrap();
        let cohorts = client.find(Locator::Css("#menu-cohorts")).await.unwrap();
        // A person clicks once the menu has opened: wait until the link is what lies under its
        // own centre (the menu slides open; during the slide the link below shows through).
        let on_top = "const a = document.querySelector('#menu-cohorts'); const r = a.getBoundingClientRect(); \
                      const e = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2); \
                      return r.height > 0 && !!e && (e === a || a.contains(e));";
        assert!(wait_until(&client, on_top).await, "the staff menu opens over the page");
        if let Some(dir) = cohorte_test_support::env("SCREENSHOT_DIR") {
            std::fs::write(std::path::Path::new(&dir).join(format!("staff-menu-{lang}.png")), client.screenshot().await.unwrap()).unwrap();
        }
        cohorts.click().await.unwrap();
        wait_for_url(&client, "/admin/cohorts").await;
        check(&format!("cohorts from the menu ({lang})")).await;
        client.find(Locator::Css("#sign-out")).await.unwrap().click().await.unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
        check(&format!("signed out ({lang})")).await;
        client.goto(&format!("{base}/admin")).await.unwrap();
        wait_for_url(&client, "/login").await;
    }
    client.close().await.unwrap();
    assert!(failures.is_empty(), "axe-core violations or layout problems:\n{}", failures.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn call_for_projects_browser() {
    use cohorte_domain::content::RoleKind;
    use cohorte_domain::proposal::ProposalStatus as S;
    use cohorte_store::call;

    let Some((_driver, client, _profile)) = browser().await else { return };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let settings = cohorte_app::Settings { base_url: base.clone(), mode: cohorte_app::Mode::Development, ..Default::default() };
    let w = crate::world::World::with(cohorte_test_support::TestDb::sqlite().await, settings, crate::world::start_time()).await;
    cohorte_app::import::import_eig(
        &w.app.state.ctx,
        &cohorte_test_support::eig_data_dir(),
        &cohorte_test_support::eig_curation_file(),
        &crate::support::no_progress,
    )
    .await
    .unwrap();
    w.app.state.refresh().await.unwrap();
    let admin = w.person("Alice Administration", "alice@example.gouv.fr", &[]).await;
    let other = w.person("Olivier Autre", "olivier@example.gouv.fr", &[]).await;
    let juror = w.person("Jules Juré", "jules@example.org", &[]).await;
    w.give_totp(juror, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP").await;
    let staff = w.person("Sam Staff", "sam@example.gouv.fr", &[RoleKind::ProgramStaff]).await;
    w.give_totp(staff, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP").await;
    let validator = w.person("Véra Validatrice", "vera@example.gouv.fr", &[RoleKind::Validator]).await;
    w.give_totp(validator, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP").await;
    // An open call, a panel whose referent is the juror, a proposal it hears.
    let now = w.clock_now();
    let shortlisted = {
        let mut tx = w.app.state.ctx.db.begin().await.unwrap();
        let mut c = tx.conn();
        let new = call::NewCohort {
            code: "eig-8".into(),
            kind: "eig".into(),
            number: Some(8),
            year: 2027,
            title_fr: "EIG 8".into(),
            title_en: "EIG 8".into(),
        };
        let co = call::create_cohort(&mut c, &new).await.unwrap();
        let rules = call::save_rules(&mut c, co, &cohorte_domain::cohort::RuleSet::eig5(), None, now).await.unwrap();
        let cal = cohorte_domain::cohort::Calendar(vec![
            cohorte_domain::cohort::Milestone {
                kind: cohorte_domain::cohort::MilestoneKind::AapOpen,
                starts_at: now - time::Duration::days(5),
                ends_at: None,
            },
            cohorte_domain::cohort::Milestone {
                kind: cohorte_domain::cohort::MilestoneKind::AapClose,
                starts_at: now + time::Duration::days(20),
                ends_at: None,
            },
        ]);
        call::replace_calendar(&mut c, co, &cal).await.unwrap();
        let grant = cohorte_domain::identity::Grant { cohort: Some(co), ..cohorte_domain::identity::Grant::program(RoleKind::JuryMember) };
        cohorte_store::identity::grant_role(&mut c, juror, &grant, None, "test", now).await.unwrap();
        let panel = call::create_panel(&mut c, co, "Jury 1", now).await.unwrap();
        call::add_panel_member(&mut c, panel, juror, None).await.unwrap();
        call::set_referent(&mut c, panel, Some(juror)).await.unwrap();
        let cohort = call::cohort(&mut c, co).await.unwrap().unwrap();
        let p = call::create_proposal(&mut c, &cohort, rules.id, "Détecter les pêches illégales", other, now).await.unwrap();
        let mut form = p.form.clone();
        form.host = "cnsp".into();
        form.texts.insert(cohorte_domain::cohort::TextField::Problem, "Les navires coupent leur balise.".into());
        call::save_form(&mut c, p.id, p.version, &form, None, now).await.unwrap();
        for (from, to) in [(S::Draft, S::Submitted), (S::Submitted, S::UnderReview), (S::UnderReview, S::Shortlisted)] {
            call::set_status(&mut c, p.id, from, to, &call::StatusChange::default(), now).await.unwrap();
        }
        call::assign(&mut c, p.id, panel, cohorte_domain::proposal::AssignedBy::Manual, now).await.unwrap();
        tx.commit().await.unwrap();
        p.id
    };
    let _ = admin;
    let router = w.app.router.clone();
    tokio::spawn(async move { axum::serve(listener, router).await });

    let mut failures = Vec::new();
    let mut check = async |what: &str| {
        let violations = check_page(&client).await;
        if !violations.is_empty() {
            failures.push(format!("{what}:\n  {}", violations.join("\n  ")));
        }
    };
    let sign_in = async |email: &str, lang: &str| {
        client.goto(&format!("{base}/login?lang={lang}")).await.unwrap();
        client.find(Locator::Css("#email")).await.unwrap().send_keys(email).await.unwrap();
        submit(&client, "#login-form").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        w.run_jobs().await;
        client.goto(&format!("{base}{}", w.last_link(email))).await.unwrap();
        submit(&client, "#confirm-form").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
    };

    // The administration's part, in French: find the call, start, fill, autosave, attach, submit.
    sign_in("alice@example.gouv.fr", "fr").await;
    client.goto(&format!("{base}/calls")).await.unwrap();
    check("calls (fr)").await;
    client.find(Locator::Css("#name-eig-8")).await.unwrap().send_keys("Mieux orienter les usagers").await.unwrap();
    submit(&client, "form[action='/calls/eig-8/proposals']").await;
    let url = wait_for_url(&client, "created=1").await;
    let path = url.split("?").next().unwrap().trim_start_matches(&base).to_owned();
    check("new proposal (fr)").await;
    client.find(Locator::Css("#text-problem")).await.unwrap().send_keys("Les usagers se perdent entre les guichets.").await.unwrap();
    client.execute("window.cohorteAutosave()", vec![]).await.unwrap();
    let saved = autosave_says(&client, "Brouillon enregistré").await;
    assert!(saved.contains("Brouillon enregistré"), "the autosave says so: {saved:?}");
    // Nothing typed is lost: text typed in two fields survives an organisation search (Enter in
    // the search field) and a reload of the page.
    client.find(Locator::Css("#text-summary")).await.unwrap().send_keys("Un résumé tapé à la main.").await.unwrap();
    client.find(Locator::Css("#text-solution")).await.unwrap().send_keys("Une solution tapée aussi.").await.unwrap();
    client.find(Locator::Css("#org-q")).await.unwrap().send_keys("intérieur\n").await.unwrap();
    tokio::time::sleep(Duration::from_millis(800)).await;
    let value = async |id: &str| client.find(Locator::Css(id)).await.unwrap().prop("value").await.unwrap().unwrap_or_default();
    assert_eq!(value("#text-summary").await, "Un résumé tapé à la main.", "the summary survives the search");
    assert_eq!(value("#text-solution").await, "Une solution tapée aussi.", "the solution survives the search");
    if let Some(dir) = cohorte_test_support::env("SCREENSHOT_DIR") {
        std::fs::write(std::path::Path::new(&dir).join("proposal-search.png"), client.screenshot().await.unwrap()).unwrap();
    }
    let options = client.find_all(Locator::Css("#host option")).await.unwrap().len();
    assert!((2..40).contains(&options), "the host choices are narrowed by the search: {options}");
    client.refresh().await.unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(value("#text-summary").await, "Un résumé tapé à la main.", "the summary survives a reload");
    check("proposal after search and reload (fr)").await;
    // The server does not answer: the status says so, and a reload puts the text back, then saves.
    client.execute("window.fetch = () => Promise.reject(new TypeError('offline'));", vec![]).await.unwrap();
    client.find(Locator::Css("#text-benefits")).await.unwrap().send_keys("Tapé hors ligne.").await.unwrap();
    client.find(Locator::Css("#address")).await.unwrap().click().await.unwrap();
    let said = autosave_says(&client, "Non enregistré").await;
    assert!(said.contains("Non enregistré"), "the page says the text is not saved: {said:?}");
    client.refresh().await.unwrap();
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(value("#text-benefits").await, "Tapé hors ligne.", "the unsaved text is put back after a reload");
    let said = autosave_says(&client, "Brouillon enregistré").await;
    assert!(said.contains("Brouillon enregistré"), "and saved: {said:?}");
    client.refresh().await.unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(value("#text-benefits").await, "Tapé hors ligne.", "the server has it");
    // The rest of the form, as a person would type it (set through the page for brevity).
    let fill = r#"
        const set = (sel, v) => { const e = document.querySelector(sel); e.value = v; };
        set('#host', 'dinum');
        set('#address', '20 avenue de Ségur, 75007 Paris');
        document.querySelector('#fellows-2').checked = true;
        set('#text-summary', 'Aider chacun à trouver le bon guichet.');
        set('#text-solution', 'Un service conçu avec les usagers.');
        set('#text-benefits', 'Moins d’allers-retours.');
        set('#text-why_apply', 'Pour apprendre à faire autrement.');
        set('#profile-0-kind', 'developer'); set('#profile-0-mission', 'Construire le service');
        set('#profile-1-kind', 'designer'); set('#profile-1-mission', 'Concevoir avec les usagers');
        set('#team-0-name', 'Claire Dupont');
        for (const r of ['operational_mentor', 'executive_sponsor', 'hr_contact', 'finance_contact']) {
            set('#contact-' + r + '-name', 'Camille Martin'); set('#contact-' + r + '-email', 'camille@example.gouv.fr');
        }
        document.querySelectorAll('input[name=attestation]').forEach(e => e.checked = true);
    "#;
    client.execute(fill, vec![]).await.unwrap();
    client.find(Locator::Css("#save")).await.unwrap().click().await.unwrap();
    wait_for_url(&client, "saved=1").await;
    check("saved proposal (fr)").await;
    let pdf_path = w.mail.path().join("presentation.pdf");
    std::fs::write(&pdf_path, b"%PDF-1.4\n%%EOF\n").unwrap();
    client.find(Locator::Css("#document-file")).await.unwrap().send_keys(pdf_path.to_str().unwrap()).await.unwrap();
    client.find(Locator::Css("#upload-button")).await.unwrap().click().await.unwrap();
    wait_for_url(&client, "uploaded=1").await;
    client.goto(&format!("{base}{path}/submit")).await.unwrap();
    check("submit (fr)").await;
    let missing = client.find_all(Locator::Css("#missing li")).await.unwrap();
    assert!(missing.is_empty(), "nothing is missing");
    submit(&client, "#submit-form").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let receipt = client.find(Locator::Css("#receipt code")).await.unwrap().text().await.unwrap();
    assert_eq!(receipt.len(), 64, "the fingerprint is shown");
    check("receipt (fr)").await;
    for page in [path.as_str(), "/proposals", "/calls"] {
        client.goto(&format!("{base}{page}?lang=en")).await.unwrap();
        check(&format!("{page} (en)")).await;
    }
    client.goto(&format!("{base}/account")).await.unwrap();
    submit(&client, "form[action='/logout']").await;
    tokio::time::sleep(Duration::from_millis(300)).await;

    // A juror's part, in English: the jury area, the kit, scores, the ranking.
    w.clock.advance(time::Duration::seconds(31));
    sign_in("jules@example.org", "en").await;
    wait_for_url(&client, "/login/second-factor").await;
    client.find(Locator::Css("#code")).await.unwrap().send_keys(&w.totp("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")).await.unwrap();
    submit(&client, "#second-factor-form").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    client.goto(&format!("{base}/jury?lang=en")).await.unwrap();
    check("jury (en)").await;
    client.find(Locator::LinkText("Détecter les pêches illégales")).await.unwrap().click().await.unwrap();
    wait_for_url(&client, &format!("/jury/proposals/{shortlisted}")).await;
    check("kit (en)").await;
    for key in ["need", "definition", "commitment", "transformation", "openness"] {
        client.find(Locator::Css(&format!("label[for='score-{key}-3']"))).await.unwrap().click().await.unwrap();
    }
    client.find(Locator::Css("label[for='opinion-favourable']")).await.unwrap().click().await.unwrap();
    client.find(Locator::Css("label[for='consensus']")).await.unwrap().click().await.unwrap();
    submit(&client, "#evaluation-form").await;
    wait_for_url(&client, "evaluated=1").await;
    check("kit scored (en)").await;
    let consensus = client.find(Locator::Css("#consensus-result")).await.unwrap().text().await.unwrap();
    assert!(consensus.contains("15/20"), "{consensus}");
    client.find(Locator::Css("#heard-form button[value='heard']")).await.unwrap().click().await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    client.goto(&format!("{base}/jury")).await.unwrap();
    client.find(Locator::Css("a[href$='/ranking']")).await.unwrap().click().await.unwrap();
    wait_for_url(&client, "/ranking").await;
    check("ranking (en)").await;
    client.goto(&format!("{base}/jury/proposals/{shortlisted}?lang=fr")).await.unwrap();
    check("kit (fr)").await;
    let sign_out = async || {
        client.goto(&format!("{base}/account")).await.unwrap();
        submit(&client, "form[action='/logout']").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
    };
    let second_factor = async || {
        wait_for_url(&client, "/login/second-factor").await;
        client.find(Locator::Css("#code")).await.unwrap().send_keys(&w.totp("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")).await.unwrap();
        submit(&client, "#second-factor-form").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
    };
    sign_out().await;

    // Staff's part: their home, the review list, a dossier, the panels, the decisions (an outcome
    // staged through the page), in both languages.
    w.clock.advance(time::Duration::seconds(31));
    sign_in("sam@example.gouv.fr", "fr").await;
    second_factor().await;
    let staff_pages = [
        "/home".to_owned(),
        "/review/eig-8".to_owned(),
        format!("/proposals/{shortlisted}"),
        "/admin/cohorts/eig-8".to_owned(),
        "/admin/cohorts/eig-8/panels".to_owned(),
        "/admin".to_owned(),
        "/decisions/eig-8".to_owned(),
    ];
    for lang in ["fr", "en"] {
        for page in &staff_pages {
            client.goto(&format!("{base}{page}?lang={lang}")).await.unwrap();
            check(&format!("staff {page} ({lang})")).await;
        }
    }
    client.find(Locator::Css(&format!("#outcome-{shortlisted}"))).await.unwrap().select_by_value("selected").await.unwrap();
    submit(&client, "#consolidation form").await;
    wait_for_url(&client, "staged=1").await;
    check("decisions staged (en)").await;
    if let Some(dir) = cohorte_test_support::env("SCREENSHOT_DIR") {
        std::fs::write(std::path::Path::new(&dir).join("decisions-staff.png"), client.screenshot().await.unwrap()).unwrap();
    }
    sign_out().await;

    // The validator sees every outcome they approve, and confirms.
    w.clock.advance(time::Duration::seconds(31));
    sign_in("vera@example.gouv.fr", "en").await;
    second_factor().await;
    for lang in ["en", "fr"] {
        for page in ["/home", "/decisions/eig-8"] {
            client.goto(&format!("{base}{page}?lang={lang}")).await.unwrap();
            check(&format!("validator {page} ({lang})")).await;
        }
    }
    let outcome = client.find(Locator::Css("#consolidation tbody tr td:last-child")).await.unwrap();
    assert_eq!(outcome.text().await.unwrap(), "Retenue", "the outcome is shown to the validator");
    assert!(outcome.is_displayed().await.unwrap());
    if let Some(dir) = cohorte_test_support::env("SCREENSHOT_DIR") {
        std::fs::write(std::path::Path::new(&dir).join("decisions-validator.png"), client.screenshot().await.unwrap()).unwrap();
    }
    client.find(Locator::Css("label[for='confirm']")).await.unwrap().click().await.unwrap();
    submit(&client, "#approve-form").await;
    wait_for_url(&client, "approved=1").await;
    check("decisions approved (fr)").await;
    client.close().await.unwrap();
    assert!(failures.is_empty(), "axe-core violations or layout problems:\n{}", failures.join("\n"));
}

/// Every demo role signs in through the real forms, lands on its home, and the home is
/// accessible in both languages. With `SCREENSHOT_DIR` set, each home is saved there as a PNG at
/// 1280 px wide (to look at, not compared).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_every_role_lands_on_an_accessible_home() {
    use cohorte_app::demo::DEMO_TOTP_SECRET;

    let Some((_driver, client, _profile)) = browser().await else { return };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let settings = cohorte_app::Settings { base_url: base.clone(), mode: cohorte_app::Mode::Development, ..Default::default() };
    let w = crate::world::World::with(cohorte_test_support::TestDb::sqlite().await, settings, crate::world::start_time()).await;
    cohorte_app::import::import_eig(
        &w.app.state.ctx,
        &cohorte_test_support::eig_data_dir(),
        &cohorte_test_support::eig_curation_file(),
        &crate::support::no_progress,
    )
    .await
    .unwrap();
    cohorte_app::demo::seed(&w.app.state.ctx).await.unwrap();
    w.app.state.refresh().await.unwrap();
    let router = w.app.router.clone();
    tokio::spawn(async move { axum::serve(listener, router).await });
    let shots = cohorte_test_support::env("SCREENSHOT_DIR");

    let mut failures = Vec::new();
    for (role, second_factor, section) in [
        ("staff", true, "#staff"),
        ("jury", true, "#jury"),
        ("validator", true, "#validation"),
        ("preselector", true, "#preselection"),
        ("administration", false, "#my-proposals"),
        ("fellow", false, "#open-calls"),
    ] {
        let email = format!("{role}@demo.cohorte.test");
        client.goto(&format!("{base}/login?lang=fr")).await.unwrap();
        client.find(Locator::Css("#email")).await.unwrap().send_keys(&email).await.unwrap();
        submit(&client, "#login-form").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        w.run_jobs().await;
        client.goto(&format!("{base}{}", w.last_link(&email))).await.unwrap();
        submit(&client, "#confirm-form").await;
        if second_factor {
            wait_for_url(&client, "/login/second-factor").await;
            client.find(Locator::Css("#code")).await.unwrap().send_keys(&w.totp(DEMO_TOTP_SECRET)).await.unwrap();
            submit(&client, "#second-factor-form").await;
        }
        wait_for_url(&client, "/home").await;
        for lang in ["fr", "en"] {
            client.goto(&format!("{base}/home?lang={lang}")).await.unwrap();
            assert_eq!(client.find_all(Locator::Css(section)).await.unwrap().len(), 1, "{role} ({lang}): {section}");
            let violations = check_page(&client).await;
            if !violations.is_empty() {
                failures.push(format!("{role} home ({lang}):\n  {}", violations.join("\n  ")));
            }
            if let Some(dir) = &shots {
                let height = client.execute("return document.documentElement.scrollHeight", vec![]).await.unwrap();
                client.set_window_size(1280, u32::try_from(height.as_u64().unwrap_or(900)).unwrap_or(900).max(900)).await.unwrap();
                let png = client.screenshot().await.unwrap();
                std::fs::write(std::path::Path::new(dir).join(format!("home-{role}-{lang}.png")), png).unwrap();
                client.set_window_size(1280, 900).await.unwrap();
            }
        }
        client.find(Locator::Css("#sign-out")).await.unwrap().click().await.unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert!(client.find_all(Locator::Css("#signed-in-as")).await.unwrap().is_empty(), "{role}: signed out");
    }
    client.close().await.unwrap();
    assert!(failures.is_empty(), "axe-core violations or layout problems:\n{}", failures.join("\n"));
}

/// A candidate applies in Chromium: the open call, the form filled and saved automatically, a CV
/// attached, the submission and its receipt; axe-core and the layout checks on every page, in
/// French and English.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn call_for_applications_browser() {
    let Some((_driver, client, _profile)) = browser().await else { return };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let settings = cohorte_app::Settings { base_url: base.clone(), mode: cohorte_app::Mode::Development, ..Default::default() };
    let w = crate::world::World::with(cohorte_test_support::TestDb::sqlite().await, settings, crate::world::start_time()).await;
    cohorte_app::import::import_eig(
        &w.app.state.ctx,
        &cohorte_test_support::eig_data_dir(),
        &cohorte_test_support::eig_curation_file(),
        &crate::support::no_progress,
    )
    .await
    .unwrap();
    w.app.state.refresh().await.unwrap();
    let challenge = crate::apply::open_applications(&w).await;
    w.person("Léa Candidate", "lea@example.org", &[]).await;
    let router = w.app.router.clone();
    tokio::spawn(async move { axum::serve(listener, router).await });
    let mut failures = Vec::new();
    let mut check = async |what: &str| {
        let violations = check_page(&client).await;
        if !violations.is_empty() {
            failures.push(format!("{what}:\n  {}", violations.join("\n  ")));
        }
    };
    client.goto(&format!("{base}/applications?lang=en")).await.unwrap();
    check("applications, anonymous (en)").await;
    client.goto(&format!("{base}/login?lang=fr")).await.unwrap();
    client.find(Locator::Css("#email")).await.unwrap().send_keys("lea@example.org").await.unwrap();
    submit(&client, "#login-form").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    w.run_jobs().await;
    client.goto(&format!("{base}{}", w.last_link("lea@example.org"))).await.unwrap();
    submit(&client, "#confirm-form").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    client.goto(&format!("{base}/applications")).await.unwrap();
    check("applications (fr)").await;
    submit(&client, "form[action='/calls/eig-7/applications']").await;
    let url = wait_for_url(&client, "/applications/").await;
    check("application form (fr)").await;
    if let Some(dir) = cohorte_test_support::env("SCREENSHOT_DIR") {
        std::fs::write(std::path::Path::new(&dir).join("application-form.png"), client.screenshot().await.unwrap()).unwrap();
    }
    // Typed, then saved automatically on leaving the field.
    client.find(Locator::Css("#text-background")).await.unwrap().send_keys("Dix ans de logiciel libre.").await.unwrap();
    client.find(Locator::Css("#text-motivation")).await.unwrap().click().await.unwrap();
    let said = autosave_says(&client, "Brouillon enregistré").await;
    assert!(said.contains("Brouillon enregistré"), "the autosave says so: {said:?}");
    let fill = format!(
        r#"
        const set = (sel, v) => {{ document.querySelector(sel).value = v; }};
        set('#name', 'Léa Candidate');
        document.querySelector('#profile-developer').checked = true;
        set('#years_experience', '4');
        set('#text-motivation', 'Servir l’intérêt général.');
        set('#choice-0-target', '{challenge}|developer');
        set('#choice-0-contribution', 'Commencer par les usagers.');
        document.querySelector('#mobile-yes').checked = true;
        document.querySelector('#available-yes').checked = true;
        document.querySelectorAll('input[name=declaration]').forEach(e => e.checked = true);
        document.querySelector('#consent').checked = true;
    "#
    );
    client.execute(&fill, vec![]).await.unwrap();
    let pdf_path = w.mail.path().join("cv.pdf");
    std::fs::write(&pdf_path, b"%PDF-1.4\n%%EOF\n").unwrap();
    client.find(Locator::Css("#document-file")).await.unwrap().send_keys(pdf_path.to_str().unwrap()).await.unwrap();
    client.find(Locator::Css("#upload-button")).await.unwrap().click().await.unwrap();
    wait_for_url(&client, "uploaded=1").await;
    check("application with its CV (fr)").await;
    client.find(Locator::Css("#submit-application")).await.unwrap().click().await.unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let receipt = client.find(Locator::Css("#receipt code")).await.unwrap().text().await.unwrap();
    assert_eq!(receipt.len(), 64, "the fingerprint is shown");
    check("application submitted (fr)").await;
    let app_path = url.split('?').next().unwrap().trim_start_matches(&base).to_owned();
    client.goto(&format!("{base}{app_path}?lang=en")).await.unwrap();
    check("application read-only (en)").await;

    // A second candidate, interviewed already (set in the database), for the matching to explain.
    {
        use cohorte_domain::application::ApplicationStatus as S;
        use cohorte_store::applications as a;
        let noe = w.person("Noé Candidat", "noe@example.org", &[]).await;
        let now = w.clock_now();
        let mut tx = w.app.state.ctx.db.begin().await.unwrap();
        let mut c = tx.conn();
        let co = cohorte_store::call::cohort_by_code(&mut c, "eig-7").await.unwrap().unwrap();
        let rules = cohorte_store::call::current_rules(&mut c, co.cohort_id()).await.unwrap().unwrap();
        let x = a::create_application(&mut c, &co, rules.id, noe, now).await.unwrap();
        let form = cohorte_domain::application::ApplicationForm {
            name: "Noé Candidat".into(),
            choices: vec![cohorte_domain::application::Choice {
                challenge: challenge.clone(),
                profile: cohorte_domain::cohort::ProfileKind::Developer,
                contribution: "Tout".into(),
            }],
            ..Default::default()
        };
        a::save_application(&mut c, x.id, x.version, &form, now).await.unwrap().unwrap();
        let steps = [S::Draft, S::Submitted, S::InPreselection, S::Preselected, S::InterviewScheduled, S::Interviewed];
        for pair in steps.windows(2) {
            let change = if pair[0] == S::Draft {
                a::ApplicationChange { submission: Some((now, "00".into())), ..Default::default() }
            } else {
                Default::default()
            };
            assert!(a::set_application_status(&mut c, x.id, pair[0], pair[1], &change, now).await.unwrap());
        }
        tx.commit().await.unwrap();
    }
    let staff = w.person("Sam Staff", "sam@example.gouv.fr", &[cohorte_domain::content::RoleKind::ProgramStaff]).await;
    w.give_totp(staff, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP").await;
    let mentor = w.person("Marie Mentor", "marie@example.gouv.fr", &[]).await;
    {
        let mut tx = w.app.state.ctx.db.begin().await.unwrap();
        let g = cohorte_domain::identity::Grant {
            role: cohorte_domain::content::RoleKind::OperationalMentor,
            cohort: None,
            challenge: Some(cohorte_domain::ids::ChallengeId::from_uuid(challenge.parse().unwrap())),
            organisation: None,
        };
        cohorte_store::identity::grant_role(&mut tx.conn(), mentor, &g, None, "test", w.clock_now()).await.unwrap();
        tx.commit().await.unwrap();
    }
    let sign_in = async |email: &str, lang: &str| {
        client.goto(&format!("{base}/login?lang={lang}")).await.unwrap();
        client.find(Locator::Css("#email")).await.unwrap().send_keys(email).await.unwrap();
        submit(&client, "#login-form").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        w.run_jobs().await;
        client.goto(&format!("{base}{}", w.last_link(email))).await.unwrap();
        submit(&client, "#confirm-form").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
    };
    let sign_out = async || {
        client.goto(&format!("{base}/account")).await.unwrap();
        submit(&client, "form[action='/logout']").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
    };
    let staff_in = async || {
        w.clock.advance(time::Duration::seconds(31));
        sign_in("sam@example.gouv.fr", "fr").await;
        wait_for_url(&client, "/login/second-factor").await;
        client.find(Locator::Css("#code")).await.unwrap().send_keys(&w.totp("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")).await.unwrap();
        submit(&client, "#second-factor-form").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
    };
    sign_out().await;

    // Staff assign the reviewers: the challenge's mentor.
    staff_in().await;
    client.goto(&format!("{base}/admin/cohorts/eig-7/applications/rules?lang=fr")).await.unwrap();
    check("application rules (fr)").await;
    client.goto(&format!("{base}/admin/cohorts/eig-7/applications?lang=en")).await.unwrap();
    check("applications desk (en)").await;
    submit(&client, "#assign-form").await;
    wait_for_url(&client, "assigned=").await;
    sign_out().await;

    // The mentor scores Léa on the grid.
    sign_in("marie@example.gouv.fr", "fr").await;
    client.goto(&format!("{base}/home")).await.unwrap();
    client.find(Locator::Css("#application-reviews a")).await.unwrap().click().await.unwrap();
    wait_for_url(&client, "/reviews/eig-7").await;
    check("reviews (fr)").await;
    client.execute("document.querySelectorAll('.review-form select').forEach(s => { s.value = '3'; });", vec![]).await.unwrap();
    submit(&client, ".review-form").await;
    wait_for_url(&client, "saved=1").await;
    let total = client.find(Locator::Css("section p.fr-text--bold")).await.unwrap().text().await.unwrap();
    assert!(total.contains("15 / 20"), "the mentor's total: {total:?}");
    client.goto(&format!("{base}/reviews/eig-7?lang=en")).await.unwrap();
    check("reviews scored (en)").await;
    sign_out().await;

    // Staff pre-select Léa and open a slot.
    staff_in().await;
    client.goto(&format!("{base}/admin/cohorts/eig-7/applications")).await.unwrap();
    check("desk with scores (fr)").await;
    if let Some(dir) = cohorte_test_support::env("SCREENSHOT_DIR") {
        std::fs::write(std::path::Path::new(&dir).join("applications-desk.png"), client.screenshot().await.unwrap()).unwrap();
    }
    submit(&client, "#desk form[action$='/step']").await;
    wait_for_url(&client, "saved=1").await;
    client.goto(&format!("{base}/admin/cohorts/eig-7/interviews")).await.unwrap();
    let at = {
        let d = (w.clock_now() + time::Duration::days(5)).date();
        format!("{:04}-{:02}-{:02}T09:00", d.year(), u8::from(d.month()), d.day())
    };
    // Two slots: Léa books one and may move to the other.
    for at in [at.clone(), at.replace("T09:00", "T11:00")] {
        client.goto(&format!("{base}/admin/cohorts/eig-7/interviews")).await.unwrap();
        client.execute(&format!("document.querySelector('#slot-at').value = '{at}';"), vec![]).await.unwrap();
        client.find(Locator::Css("#slot-location")).await.unwrap().send_keys("20 avenue de Ségur").await.unwrap();
        submit(&client, "#slot-form").await;
        wait_for_url(&client, "saved=1").await;
    }
    check("interviews (fr)").await;
    sign_out().await;

    // Léa books the slot.
    sign_in("lea@example.org", "fr").await;
    client.goto(&format!("{base}{app_path}")).await.unwrap();
    check("application, a slot to book (fr)").await;
    client.find(Locator::Css("#book-form .fr-radio-group label")).await.unwrap().click().await.unwrap();
    submit(&client, "#book-form").await;
    wait_for_url(&client, "booked=1").await;
    let held = client.find(Locator::Css("#held")).await.unwrap().text().await.unwrap();
    assert!(held.contains("20 avenue de Ségur"), "the slot held: {held:?}");
    check("application, interview booked (fr)").await;
    client.find(Locator::Css("#move-interview-form .fr-radio-group label")).await.unwrap().click().await.unwrap();
    submit(&client, "#move-interview-form").await;
    // The address stays the same (booked=1): wait for the page that says the new slot.
    let mut moved = held.clone();
    for _ in 0..50 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        if let Ok(e) = client.find(Locator::Css("#held")).await
            && let Ok(t) = e.text().await
        {
            moved = t;
        }
        if moved != held {
            break;
        }
    }
    assert!(moved != held && moved.contains("20 avenue de Ségur"), "moved: {held:?} → {moved:?}");
    client.goto(&format!("{base}{app_path}?lang=en")).await.unwrap();
    check("application, interview moved (en)").await;
    client.goto(&format!("{base}{app_path}?lang=fr")).await.unwrap();
    sign_out().await;

    // Staff read the interview panel's page, record the interview, rank the list and read Noé's
    // explanation.
    staff_in().await;
    client.goto(&format!("{base}/panel/eig-7?lang=en")).await.unwrap();
    check("interview panel (en)").await;
    client.goto(&format!("{base}/panel/eig-7?lang=fr")).await.unwrap();
    check("interview panel (fr)").await;
    // The panel proposes the designer seat to Léa, who accepts it on her page.
    let lea_id = app_path.trim_start_matches("/applications/").to_owned();
    client
        .execute(
            "const f = document.querySelector('#app-' + arguments[0] + ' .panel-suggest');              f.querySelector('select').selectedIndex = 1; f.querySelector('textarea').value = 'Votre portfolio le montre.';",
            vec![serde_json::json!(lea_id)],
        )
        .await
        .unwrap();
    submit(&client, &format!("#app-{lea_id} .panel-suggest")).await;
    wait_for_url(&client, "saved=1").await;
    let proposed = client.find(Locator::Css(&format!("#app-{lea_id} .panel-suggestions"))).await.unwrap().text().await.unwrap();
    assert!(proposed.contains("en attente"), "the proposal, awaiting her answer: {proposed:?}");
    check("interview panel, a challenge proposed (fr)").await;
    if let Some(dir) = cohorte_test_support::env("SCREENSHOT_DIR") {
        client.execute("document.querySelector('.panel-suggestions').scrollIntoView()", vec![]).await.unwrap();
        std::fs::write(std::path::Path::new(&dir).join("panel.png"), client.screenshot().await.unwrap()).unwrap();
    }
    sign_out().await;
    sign_in("lea@example.org", "fr").await;
    client.goto(&format!("{base}{app_path}")).await.unwrap();
    check("application, a challenge proposed (fr)").await;
    if let Some(dir) = cohorte_test_support::env("SCREENSHOT_DIR") {
        client.execute("document.querySelector('#suggestions').scrollIntoView()", vec![]).await.unwrap();
        std::fs::write(std::path::Path::new(&dir).join("application-suggestion.png"), client.screenshot().await.unwrap()).unwrap();
    }
    client.find(Locator::Css("#suggestions button[value=accept]")).await.unwrap().click().await.unwrap();
    wait_for_url(&client, "saved=1").await;
    let answer = client.find(Locator::Css(".suggestion-answer")).await.unwrap().text().await.unwrap();
    assert!(answer.contains("acceptée"), "{answer:?}");
    client.goto(&format!("{base}{app_path}?lang=en")).await.unwrap();
    check("application, a challenge accepted (en)").await;
    sign_out().await;
    staff_in().await;
    client.goto(&format!("{base}/admin/cohorts/eig-7/applications")).await.unwrap();
    client.find(Locator::Css("#desk button[name=held][value='1']")).await.unwrap().click().await.unwrap();
    wait_for_url(&client, "saved=1").await;
    client.goto(&format!("{base}/admin/cohorts/eig-7/matching")).await.unwrap();
    client
        .execute(
            "const inputs = [...document.querySelectorAll('#list-' + CSS.escape(arguments[0]) + ' input[type=number]')]; \
             const rows = inputs.map(i => [i, i.closest('tr').textContent]); \
             for (const [i, t] of rows) { i.value = t.includes('Léa') ? '1' : '2'; }",
            vec![serde_json::json!(format!("{challenge}-developer"))],
        )
        .await
        .unwrap();
    submit(&client, &format!("#list-{challenge}-developer form")).await;
    wait_for_url(&client, "saved=1").await;
    let rows = client.find(Locator::Css("#explanations tbody")).await.unwrap().text().await.unwrap();
    assert!(rows.contains("Noé Candidat") && rows.contains("classé·e 2"), "Noé's explanation: {rows:?}");
    check("matching (fr)").await;
    if let Some(dir) = cohorte_test_support::env("SCREENSHOT_DIR") {
        std::fs::write(std::path::Path::new(&dir).join("matching.png"), client.screenshot().await.unwrap()).unwrap();
    }
    client.goto(&format!("{base}/admin/cohorts/eig-7/matching?lang=en")).await.unwrap();
    let rows = client.find(Locator::Css("#explanations tbody")).await.unwrap().text().await.unwrap();
    assert!(rows.contains("ranked 2"), "in English too: {rows:?}");
    check("matching (en)").await;
    client.close().await.unwrap();
    assert!(failures.is_empty(), "axe-core violations or layout problems:\n{}", failures.join("\n"));
}
