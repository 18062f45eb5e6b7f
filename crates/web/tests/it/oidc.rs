//! OpenID Connect against a real, certified OpenID Provider (node-oidc-provider, started by the
//! test): discovery, authorization code with PKCE, state, nonce and issuer checks, and accounts
//! linked explicitly, never by a matching email. The provider's pages are followed by an HTTP
//! client with its own cookies, as a browser would; our pages go through the router.

use cohorte_app::oidc::OidcSettings;
use cohorte_app::{Mode, Settings, SystemClock};
use cohorte_domain::clock::Clock;
use cohorte_domain::content::RoleKind;
use cohorte_test_support::{TestDb, peers};

use crate::accounts::{assert_rotated, before};
use crate::world::{Browser, World};

const SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/// Follows the provider's redirects from an authorization URL until it sends the browser back
/// to us; returns our callback as a path and query.
async fn through_provider(op: &reqwest::Client, authorize: &str, app_base: &str) -> String {
    let mut url = authorize.to_owned();
    for _ in 0..10 {
        if let Some(rest) = url.strip_prefix(app_base) {
            return rest.to_owned();
        }
        let r = op.get(&url).send().await.unwrap();
        assert!(r.status().is_redirection(), "provider answered {} at {url}: {}", r.status(), r.text().await.unwrap_or_default());
        let next = r.headers()["location"].to_str().unwrap().to_owned();
        url = if next.starts_with('/') {
            format!("{}{next}", &authorize[..authorize.find("/auth").unwrap_or(authorize.len())])
        } else {
            next
        };
    }
    panic!("the provider never sent the browser back");
}

fn provider_browser() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

/// Starts a flow from our page and returns the provider's authorization URL.
async fn start(b: &mut Browser<'_>, route: &str) -> String {
    let r = b.post(route, &[]).await;
    assert_eq!(r.status, 303, "{route}: {}", r.body);
    r.header("location").to_owned()
}

fn param<'a>(url: &'a str, name: &str) -> &'a str {
    url.split(['?', '&']).find_map(|kv| kv.strip_prefix(&format!("{name}="))).unwrap_or("")
}

fn with_param(url: &str, name: &str, value: &str) -> String {
    let old = format!("{name}={}", param(url, name));
    url.replace(&old, &format!("{name}={value}"))
}

#[tokio::test]
async fn openid_connect_links_accounts_explicitly_and_refuses_forged_or_replayed_callbacks() {
    let app_port = peers::free_port();
    let Some(op) = peers::oidc_provider(app_port, "alice") else { return };
    let base = format!("http://127.0.0.1:{app_port}");
    let settings = Settings {
        base_url: base.clone(),
        mode: Mode::Development,
        oidc: Some(OidcSettings {
            issuer: format!("http://127.0.0.1:{}", op.port),
            client_id: "test-client".into(),
            client_secret: "test-secret".into(),
            label: "ProConnect".into(),
        }),
        ..Settings::default()
    };
    // ID tokens carry the provider's real time: our clock is the real one here.
    let w = World::with(TestDb::sqlite().await, settings, SystemClock.now()).await;
    // The provider's "alice" has the address alice@example.test, which is also a staff member here.
    let alice = w.person("Alice Tester", "alice@example.test", &[RoleKind::ProgramStaff]).await;
    w.give_totp(alice, SECRET).await;
    w.person("Bob Other", "bob@example.org", &[RoleKind::Candidate]).await;
    let provider = provider_browser();

    // 1. The login page offers the provider; an account linked to nobody is refused, even though
    //    its email matches a person here (no silent linking by email).
    let mut b = w.browser();
    let page = b.get("/login").await;
    assert_eq!(page.attrs("form[action='/auth/oidc/login'] button", "id"), ["oidc-login"]);
    let authorize = start(&mut b, "/auth/oidc/login").await;
    assert!(authorize.starts_with(&format!("http://127.0.0.1:{}/auth", op.port)), "{authorize}");
    assert_eq!(param(&authorize, "code_challenge_method"), "S256", "PKCE");
    assert!(param(&authorize, "state").len() >= 16 && param(&authorize, "nonce").len() >= 16);
    assert!(param(&authorize, "scope").contains("openid"));
    let callback = through_provider(&provider, &authorize, &base).await;
    assert!(callback.starts_with("/auth/oidc/callback?code="), "{callback}");
    let r = b.get(&callback).await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("Compte non relié"), "{}", r.body);
    assert_eq!(r.header("referrer-policy"), "no-referrer");
    assert_eq!(b.get("/account").await.header("location"), "/login", "not signed in");

    // 2. Alice signs in by email and second factor, then links the provider's account herself.
    let r = b.sign_in_strong("alice@example.test", SECRET).await;
    assert_eq!(r.header("location"), "/home", "{}", r.body);
    let account = b.get("/account").await;
    assert_eq!(account.attrs("#oidc-link", "type"), ["submit"], "the account page offers linking");
    let authorize = start(&mut b, "/auth/oidc/link").await;
    let callback = through_provider(&provider, &authorize, &base).await;
    let r = b.get(&callback).await;
    assert_eq!(r.header("location"), "/account?linked=oidc", "{}", r.body);
    let account = b.get("/account").await;
    assert!(account.body.contains(&format!("http://127.0.0.1:{}", op.port)), "the link is listed");
    assert!(account.attrs("#oidc-link", "type").is_empty(), "linked once");
    b.post("/logout", &[]).await;

    // 3. From now on the provider signs her in, with a strong session: the staff area opens.
    let mut c = w.browser();
    c.get("/login").await;
    let authorize = start(&mut c, "/auth/oidc/login").await;
    let callback = through_provider(&provider, &authorize, &base).await;
    let before = c.cookie.clone();
    let r = c.get(&callback).await;
    assert_eq!(r.header("location"), "/home", "{}", r.body);
    assert_ne!(c.cookie, before, "a new session id at sign-in");
    assert_eq!(c.get("/admin").await.status, 200, "OpenID Connect counts as a strong sign-in");

    // 4. The same callback replayed is refused (the flow is single use); she stays signed in.
    let r = c.get(&callback).await;
    assert!(r.body.contains("Connexion refusée"), "{}", r.body);
    assert_eq!(c.get("/admin").await.status, 200);

    // 5. A forged state, a wrong issuer, an error from the provider, a callback with no flow
    //    started: refused, and nobody is signed in.
    for tamper in ["state", "iss", "error", "none"] {
        let mut d = w.browser();
        d.get("/login").await;
        let authorize = start(&mut d, "/auth/oidc/login").await;
        let callback = through_provider(&provider, &authorize, &base).await;
        let forged = match tamper {
            "state" => with_param(&callback, "state", "forged-state-value"),
            "iss" => with_param(&callback, "iss", "http%3A%2F%2Fevil.example"),
            "error" => format!("{callback}&error=access_denied"),
            _ => callback.clone(),
        };
        let mut e = w.browser();
        let actor = if tamper == "none" {
            e.get("/login").await;
            &mut e
        } else {
            &mut d
        };
        let r = actor.get(&forged).await;
        assert!(r.body.contains("Connexion refusée"), "{tamper}: {}", r.body);
        assert_eq!(actor.get("/account").await.header("location"), "/login", "{tamper}: not signed in");
        if tamper != "none" {
            // The genuine callback cannot be used after a refused one.
            let r = d.get(&callback).await;
            assert!(r.body.contains("Connexion refusée"), "{tamper}: the flow ended");
        }
    }

    // 6. Another person cannot link an account that is already Alice's, and is not switched.
    let mut bob = w.browser();
    bob.sign_in_by_link("bob@example.org").await;
    bob.get("/account").await;
    let authorize = start(&mut bob, "/auth/oidc/link").await;
    let callback = through_provider(&provider, &authorize, &base).await;
    let r = bob.get(&callback).await;
    assert!(r.body.contains("Connexion refusée"), "{}", r.body);
    let account = bob.get("/account").await;
    assert!(account.body.contains("bob@example.org") && !account.body.contains("alice@example.test"), "still Bob");

    // Every refusal is in the audit log, which Alice (staff, strong session) can read.
    let audit = c.get("/admin/audit?action=sign_in_failed").await;
    assert_eq!(audit.status, 200);
    let all = audit.texts("#audit td:nth-child(6)").join(" ");
    for reason in ["unlinked_account", "no_flow", "state_mismatch", "issuer_mismatch", "provider_error", "linked_to_another_person"] {
        assert!(all.contains(reason), "audit lacks {reason}: {all}");
    }
    assert!(audit.texts("#chain").join("").contains("intègre") || audit.body.contains("fr-alert--success"), "the chain verifies");
}

#[tokio::test]
async fn openid_connect_sign_in_and_linking_give_a_new_session_id_and_form_token() {
    for db in TestDb::all().await {
        let name = db.name().to_owned();
        let app_port = peers::free_port();
        let Some(op) = peers::oidc_provider(app_port, "alice") else { return };
        let base = format!("http://127.0.0.1:{app_port}");
        let settings = Settings {
            base_url: base.clone(),
            mode: Mode::Development,
            oidc: Some(OidcSettings {
                issuer: format!("http://127.0.0.1:{}", op.port),
                client_id: "test-client".into(),
                client_secret: "test-secret".into(),
                label: "ProConnect".into(),
            }),
            ..Settings::default()
        };
        let w = World::with(db, settings, SystemClock.now()).await;
        let alice = w.person("Alice Tester", "alice@example.test", &[RoleKind::ProgramStaff]).await;
        w.give_totp(alice, SECRET).await;
        let provider = provider_browser();

        // Linking from one's account.
        let mut b = w.browser();
        b.sign_in_strong("alice@example.test", SECRET).await;
        b.get("/account").await;
        let authorize = start(&mut b, "/auth/oidc/link").await;
        let callback = through_provider(&provider, &authorize, &base).await;
        let old = before(&b);
        let r = b.get(&callback).await;
        assert_eq!(r.header("location"), "/account?linked=oidc", "{name}: {}", r.body);
        assert_rotated(&w, &mut b, &old, "/account", &format!("{name}: linking")).await;

        // Signing in with the provider.
        let mut c = w.browser();
        c.get("/login").await;
        let authorize = start(&mut c, "/auth/oidc/login").await;
        let callback = through_provider(&provider, &authorize, &base).await;
        let old = before(&c);
        let r = c.get(&callback).await;
        assert_eq!(r.header("location"), "/home", "{name}: {}", r.body);
        assert_rotated(&w, &mut c, &old, "/account", &format!("{name}: OpenID Connect sign-in")).await;
        assert_eq!(c.get("/admin").await.status, 200, "{name}");
    }
}
