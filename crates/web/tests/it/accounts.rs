//! Sign-in, sessions, the second factor and the account pages over HTTP, through the real router,
//! job worker and mail sink, on SQLite and PostgreSQL.

use cohorte_app::{Mode, Settings};
use cohorte_domain::content::RoleKind;
use cohorte_test_support::TestDb;
use time::Duration;

use crate::world::{Browser, World, start_time};

fn cookie_header<'a>(r: &'a crate::support::Res, name: &str) -> Vec<&'a str> {
    r.headers.get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()).filter(|v| v.starts_with(&format!("{name}="))).collect()
}

#[tokio::test]
async fn email_link_sign_in_journey_with_cookies_rotation_and_sign_out_shared_by_two_instances() {
    for db in TestDb::all().await {
        let name = db.name().to_owned();
        let w = World::new(db).await;
        w.person("Ada Lovelace", "ada@example.org", &[RoleKind::Candidate]).await;
        let mut b = w.browser();

        // Anonymous: the account is behind sign-in.
        let r = b.get("/account").await;
        assert_eq!((r.status.as_u16(), r.header("location")), (303, "/login"), "{name}");

        // The login form starts a session: a __Host- cookie, Secure, HttpOnly, SameSite=Lax, Path=/.
        let r = b.get("/login").await;
        assert_eq!(r.status, 200);
        let set = cookie_header(&r, "__Host-cohorte");
        assert_eq!(set.len(), 1, "{:?}", r.headers);
        for attr in ["Path=/", "HttpOnly", "SameSite=Lax", "Secure"] {
            assert!(set[0].contains(attr), "{name}: cookie lacks {attr}: {}", set[0]);
        }
        assert!(!set[0].contains("Domain="), "a host-only cookie");
        assert_eq!(r.header("cache-control"), "no-store", "a page that sets a cookie is never cached");
        let anonymous_cookie = b.cookie.clone().unwrap();
        assert_eq!(anonymous_cookie.len(), 64);

        // Forgery protection: no token, a wrong token, or a cross-site post are refused.
        let r = b.post_raw("/login", &[("email", "ada@example.org")]).await;
        assert_eq!(r.status, 403, "{name}: no token");
        assert!(r.body.contains("ne vient pas de ce site"), "a clear message: {}", r.body);
        let r = b.post_raw("/login", &[("email", "ada@example.org"), ("_csrf", "0000")]).await;
        assert_eq!(r.status, 403, "wrong token");
        b.fetch_site = "cross-site";
        let r = b.post("/login", &[("email", "ada@example.org")]).await;
        assert_eq!(r.status, 403, "cross-site");
        b.fetch_site = "same-origin";
        w.run_jobs().await;
        assert!(w.mails_to("ada@example.org").is_empty(), "a refused request sends nothing");

        // Known and unknown addresses get the same answer; only the known one gets mail.
        let known = b.post("/login", &[("email", " Ada@Example.org ")]).await;
        let unknown = b.post("/login", &[("email", "nobody@example.org")]).await;
        assert_eq!(known.status, 200);
        assert_eq!((known.status, &known.body), (unknown.status, &unknown.body), "{name}: no account enumeration");
        w.run_jobs().await;
        assert!(w.mails_to("nobody@example.org").is_empty());
        let mails = w.mails_to("ada@example.org");
        assert_eq!(mails.len(), 1);
        assert!(mails[0].mail.subject.contains("connexion"), "{}", mails[0].mail.subject);
        let link = w.last_link("ada@example.org");
        assert!(link.starts_with("/login/confirm?token="), "{link}");

        // Opening the link (a mail scanner, or the person) consumes nothing and leaks nothing.
        for _ in 0..2 {
            let r = b.get(&link).await;
            assert_eq!(r.status, 200);
            assert_eq!(r.header("referrer-policy"), "no-referrer");
            assert_eq!(r.attrs("form#confirm-form", "action"), ["/login/confirm"]);
        }
        // Another browser cannot use it.
        let mut other = w.browser();
        let r = other.get(&link).await;
        assert!(r.body.contains("Ouvrez le lien dans le bon navigateur"), "{name}: {}", r.body);
        let token = link.split("token=").nth(1).unwrap().to_owned();
        let _ = other.get("/login").await;
        let r = other.post("/login/confirm", &[("token", &token)]).await;
        assert!(r.body.contains("Lien expiré ou déjà utilisé"), "{name}: the other browser is refused");
        assert!(other.get("/account").await.status.is_redirection());

        // Confirming signs in and rotates the cookie; the anonymous cookie is dead.
        let r = b.post("/login/confirm", &[("token", &token)]).await;
        assert_eq!((r.status.as_u16(), r.header("location")), (303, "/home"), "{name}: {}", r.body);
        assert_eq!(r.header("referrer-policy"), "no-referrer");
        let signed_in_cookie = b.cookie.clone().unwrap();
        assert_ne!(signed_in_cookie, anonymous_cookie, "the session id changes at sign-in");
        let mut stale = w.browser();
        stale.cookie = Some(anonymous_cookie.clone());
        let r = stale.get("/account").await;
        assert_eq!(r.status, 303, "{name}: the pre-sign-in cookie is not signed in");
        // The form token changed with the session: the old one is refused.
        let old_csrf = b.csrf.clone().unwrap();
        let r = b.post("/login/confirm", &[("token", &token)]).await;
        assert_eq!(r.status, 403, "{name}: the pre-sign-in form token is dead");

        // The account page: private, never cached.
        let r = b.get("/account").await;
        assert_eq!(r.status, 200, "{name}: {}", r.body);
        assert_eq!(r.header("cache-control"), "no-store");
        assert_ne!(b.csrf.clone().unwrap(), old_csrf);
        assert!(r.body.contains("ada@example.org"), "{}", r.body);
        assert_eq!(r.texts("h1"), ["Mon espace"]);
        // The link was single use.
        let r = b.post("/login/confirm", &[("token", &token)]).await;
        assert!(r.body.contains("Lien expiré ou déjà utilisé"), "{name}");
        b.get("/account").await;

        // A rename goes through the form, with a clear error for bad input.
        let r = b.post("/account/profile", &[("name", "")]).await;
        assert_eq!(r.status, 400, "{name}: {}", r.body);
        let long = "x".repeat(500);
        let r = b.post("/account/profile", &[("name", &long)]).await;
        assert_eq!(r.status, 400);
        let r = b.post("/account/profile", &[("name", "Ada King")]).await;
        assert_eq!(r.header("location"), "/account?saved=1");
        assert!(b.get("/account").await.body.contains("Ada King"));

        // The data download holds what is stored about the person.
        let r = b.get("/account/export.json").await;
        assert_eq!(r.status, 200);
        assert!(r.header("content-disposition").starts_with("attachment"));
        assert_eq!(r.header("cache-control"), "no-store");
        let json: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        assert!(json.to_string().contains("ada@example.org"), "{json}");
        assert!(json.to_string().contains("Ada King"));

        // Another instance on the same database knows the session...
        let b2 = w.second_instance().await;
        let mut same = b.on(&b2);
        assert_eq!(same.get("/account").await.status, 200, "{name}: sessions live in the database");
        // ...and sign-out on one instance ends it on every instance.
        let r = b.post("/logout", &[]).await;
        assert_eq!(r.status, 200);
        let cleared = cookie_header(&r, "__Host-cohorte");
        assert!(cleared.iter().any(|c| c.contains("Max-Age=0")), "{cleared:?}");
        assert!(b.cookie.is_none());
        let r = same.get("/account").await;
        assert_eq!((r.status.as_u16(), r.header("location")), (303, "/login"), "{name}: signed out everywhere");
    }
}

#[tokio::test]
async fn link_requests_always_get_the_same_answer_and_bad_addresses_a_clear_message() {
    let w = World::new(TestDb::sqlite().await).await;
    w.person("Ada Lovelace", "ada@example.org", &[]).await;
    let mut b = w.browser();
    b.get("/login").await;
    let first = b.post("/login", &[("email", "ada@example.org")]).await;
    assert_eq!(first.status, 200);
    for _ in 0..10 {
        let r = b.post("/login", &[("email", "ada@example.org")]).await;
        assert_eq!((r.status, &r.body), (first.status, &first.body), "the answer never changes");
    }
    w.run_jobs().await;
    assert_eq!(w.mails_to("ada@example.org").len(), 3, "at most 3 links in 15 minutes to one address");
    // A bad address is a 400 with the field's message, in the visitor's language.
    let r = b.post("/login", &[("email", "not an address")]).await;
    assert_eq!(r.status, 400);
    b.lang = "en";
    let r = b.post("/login", &[("email", &format!("{}@example.org", "a".repeat(300)))]).await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(r.body.contains("lang=\"en\""));
    // The address given twice (parameter pollution) is refused, not guessed (AUTH-06, IN-09).
    b.lang = "fr";
    let r = b.post("/login", &[("email", "ada@example.org"), ("email", "eve@example.org")]).await;
    assert_eq!(r.status, 400, "{}", r.body);
    // Fields that the form does not have are ignored (AZ-08): no role is taken from a form.
    let r = b.post("/account/profile", &[("name", "Ada"), ("role", "program_staff")]).await;
    assert_eq!(r.header("location"), "/login", "anonymous: sign in first");
    // A link that is not one of ours is answered with a page, not an error.
    let r = b.get("/login/confirm?token=../../etc/passwd").await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("Lien expiré ou déjà utilisé"), "{}", r.body);
}

#[tokio::test]
async fn staff_need_a_second_factor_before_the_staff_area() {
    for db in TestDb::all().await {
        let name = db.name().to_owned();
        let w = World::new(db).await;
        w.person("Grace Hopper", "grace@example.org", &[RoleKind::ProgramStaff]).await;
        let mut b = w.browser();

        // Signed in by link without a second factor: the home asks for one; the staff area waits.
        let r = b.sign_in_by_link("grace@example.org").await;
        assert_eq!(r.header("location"), "/home", "{name}");
        let r = b.get("/home").await;
        assert_eq!(r.attrs("#second-factor-needed a", "href"), ["/account/second-factor"], "{name}: the home asks for it");
        assert!(r.texts("#staff").is_empty() && r.attrs("#menu-cohorts", "id").is_empty(), "{name}: no staff section or menu yet");
        let r = b.get("/admin").await;
        assert_eq!((r.status.as_u16(), r.header("location")), (303, "/account/second-factor"), "{name}");
        let r = b.get("/account").await;
        assert_eq!(r.status, 200);
        assert_eq!(r.attrs("#second-factor-needed a", "href"), ["/account/second-factor"], "the account says why");
        assert!(r.attrs("#staff-area", "href").is_empty(), "no staff link before the second factor");

        // A wrong code is refused with a message, a right one makes the session strong.
        let page = b.get("/account/second-factor").await;
        let secret = page.texts("#totp-secret")[0].clone();
        assert!(page.attrs("#totp-qr", "src")[0].starts_with("data:image/svg+xml"), "a QR code, inline (CSP)");
        let r = b.post("/account/second-factor", &[("code", "000000")]).await;
        assert_eq!(r.status, 422, "{name}");
        assert!(r.body.contains("Ce code n’est pas valide"), "{}", r.body);
        let before = b.cookie.clone();
        let code = w.totp(&secret);
        let r = b.post("/account/second-factor", &[("code", &code)]).await;
        assert_eq!(r.status, 200, "{name}: {}", r.body);
        let codes = r.texts("#recovery-codes li");
        assert_eq!(codes.len(), 10, "{name}");
        assert_eq!(r.attrs("#recovery-done", "href"), ["/home"], "{name}: then to the home, with the staff section");
        assert_ne!(b.cookie, before, "a stronger session gets a new id");
        let r = b.get("/admin").await;
        assert_eq!(r.status, 200, "{name}: {}", r.body);
        assert_eq!(r.header("cache-control"), "no-store");
        assert_eq!(b.get("/account").await.attrs("#staff-area", "href"), ["/admin"], "the account links the staff area");

        // Next time: link, then the code; a wrong code is counted, a used code is not accepted twice.
        b.post("/logout", &[]).await;
        w.clock.advance(Duration::seconds(31));
        let r = b.sign_in_by_link("grace@example.org").await;
        assert_eq!(r.header("location"), "/login/second-factor", "{name}");
        assert_eq!(b.get("/account").await.status, 303, "{name}: half-signed-in is not signed in");
        b.get("/login/second-factor").await;
        let r = b.post("/login/second-factor", &[("code", "123456")]).await;
        assert_eq!(r.status, 422);
        let code = w.totp(&secret);
        let r = b.post("/login/second-factor", &[("code", &code)]).await;
        assert_eq!(r.header("location"), "/home", "{name}: {}", r.body);
        assert_eq!(b.get("/admin").await.status, 200);

        // A recovery code works once.
        b.post("/logout", &[]).await;
        b.sign_in_by_link("grace@example.org").await;
        b.get("/login/second-factor").await;
        let r = b.post("/login/second-factor", &[("code", &codes[0])]).await;
        assert_eq!(r.header("location"), "/home", "{name}: recovery code");
        b.get("/admin").await;
        b.post("/logout", &[]).await;
        b.sign_in_by_link("grace@example.org").await;
        b.get("/login/second-factor").await;
        let r = b.post("/login/second-factor", &[("code", &codes[0])]).await;
        assert_eq!(r.status, 422, "{name}: a recovery code is single use");
    }
}

#[tokio::test]
async fn sessions_expire_when_idle_and_the_email_change_needs_a_recent_sign_in() {
    let w = World::new(TestDb::sqlite().await).await;
    w.person("Ada Lovelace", "ada@example.org", &[RoleKind::Fellow]).await;
    let mut b = w.browser();
    b.sign_in_by_link("ada@example.org").await;
    assert_eq!(b.get("/account").await.status, 200);
    // Changing one's address is allowed just after signing in...
    let r = b.get("/account/email").await;
    assert_eq!(r.status, 200, "{}", r.body);
    // ...not ten minutes later, without confirming it is you.
    w.clock.advance(Duration::minutes(10));
    let r = b.get("/account/email").await;
    assert_eq!((r.status.as_u16(), r.header("location")), (303, "/account/reauth?next=%2Faccount%2Femail"));
    let r = b.post("/account/email", &[("email", "ada@new.example")]).await;
    assert_eq!(r.header("location"), "/account/reauth", "the POST is guarded too, not only the page");
    // Without a second factor, a fresh link; once used it leads back to the page.
    let page = b.get("/account/reauth?next=%2Faccount%2Femail").await;
    assert_eq!(page.attrs("form[action='/account/reauth'] input[name=next]", "value"), ["/account/email"]);
    let r = b.post("/account/reauth", &[("next", "/account/email")]).await;
    assert_eq!(r.status, 200);
    w.run_jobs().await;
    let link = w.last_link("ada@example.org");
    let page = b.get(&link).await;
    let token = page.attrs("input[name=token]", "value")[0].clone();
    let r = b.post("/login/confirm", &[("token", &token)]).await;
    assert_eq!(r.header("location"), "/account/email", "back to the page that asked");
    assert_eq!(b.get("/account/email").await.status, 200, "recent again");
    let r = b.post("/account/email", &[("email", "ada@new.example")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    w.run_jobs().await;
    let confirm = w.last_link("ada@new.example");
    let page = b.get(&confirm).await;
    let token = page.attrs("input[name=token]", "value")[0].clone();
    let r = b.post("/account/email/confirm", &[("token", &token)]).await;
    assert_eq!(r.header("location"), "/account?email=1", "{}", r.body);
    assert!(b.get("/account").await.body.contains("ada@new.example"));
    assert!(w.mails_to("ada@example.org").iter().any(|m| m.mail.subject.contains("adresse")), "the old address is told");

    // Idle for longer than the idle timeout: signed out.
    w.clock.advance(Duration::hours(3));
    let r = b.get("/account").await;
    assert_eq!(r.status, 303);
}

#[tokio::test]
async fn the_development_mail_page_exists_only_outside_production() {
    for (mode, expect) in [(Mode::Production, 404), (Mode::Development, 200), (Mode::Demo, 200)] {
        let settings = Settings { mode, ..Settings::default() };
        let w = World::with(TestDb::sqlite().await, settings, start_time()).await;
        w.person("Ada Lovelace", "ada@example.org", &[]).await;
        let mut b = w.browser();
        b.get("/login").await;
        b.post("/login", &[("email", "ada@example.org")]).await;
        w.run_jobs().await;
        let r = b.get("/dev/mail").await;
        assert_eq!(r.status.as_u16(), expect, "{mode:?}");
        if expect == 200 {
            assert!(r.body.contains("/login/confirm?token="), "{mode:?}: the link is shown");
            assert_eq!(r.body.contains(&cohorte_app::demo::current_demo_code(start_time())), mode == Mode::Demo, "{mode:?}");
        }
    }
}

#[tokio::test]
async fn sensitive_staff_actions_ask_for_the_code_again_and_return_to_the_page() {
    let w = World::new(TestDb::sqlite().await).await;
    let grace = w.person("Grace Hopper", "grace@example.org", &[RoleKind::ProgramStaff]).await;
    w.give_totp(grace, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP").await;
    w.person("Ada Lovelace", "ada@example.org", &[RoleKind::Candidate]).await;
    let mut b = w.browser();
    w.clock.advance(Duration::seconds(31));
    let r = b.sign_in_strong("grace@example.org", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP").await;
    assert_eq!(r.header("location"), "/home");
    // Twenty minutes later the session is alive, but granting a role asks for the code again.
    w.clock.advance(Duration::minutes(20));
    let page = b.get("/admin/people/ada-lovelace").await;
    assert_eq!(page.status, 200);
    let mut req = http::Request::post("/admin/people/ada-lovelace/roles")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .header("referer", "http://127.0.0.1:8080/admin/people/ada-lovelace")
        .header("cookie", format!("__Host-cohorte={}", b.cookie.clone().unwrap()))
        .body(axum::body::Body::from(format!("role=jury_member&cohort=&_csrf={}", b.csrf.clone().unwrap())))
        .unwrap();
    req.headers_mut().insert("accept-language", "fr".parse().unwrap());
    let r = w.app.request(req).await;
    assert_eq!(r.header("location"), "/account/reauth?next=%2Fadmin%2Fpeople%2Fada-lovelace", "{}", r.body);
    let page = b.get(r.header("location")).await;
    assert_eq!(page.attrs("input[name=next]", "value"), ["/admin/people/ada-lovelace"]);
    let r = b.post("/account/reauth/code", &[("code", "000000"), ("next", "/admin/people/ada-lovelace")]).await;
    assert_eq!(r.status, 422, "a wrong code");
    let code = w.totp("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
    // A return address elsewhere is ignored.
    let r = b.post("/account/reauth/code", &[("code", &code), ("next", "//evil.example/x")]).await;
    assert_eq!(r.header("location"), "/home");
    // The session has a new id and form token: the page is shown again with the new one.
    b.get("/admin/people/ada-lovelace").await;
    let r = b.post("/admin/people/ada-lovelace/roles", &[("role", "jury_member"), ("cohort", "")]).await;
    assert_eq!(r.header("location"), "/admin/people/ada-lovelace", "granted after the code: {}", r.body);
    // Nobody changes their own roles, not even staff.
    let r = b.post("/admin/people/grace-hopper/roles", &[("role", "jury_member"), ("cohort", "")]).await;
    assert_eq!(r.status, 403);
    // Removing one's second factor leaves a session that no longer opens the staff area.
    let r = b.post("/account/second-factor/remove", &[]).await;
    assert_eq!(r.header("location"), "/account?saved=1", "{}", r.body);
    let r = b.get("/admin").await;
    assert_eq!(r.header("location"), "/account/second-factor");
}

#[tokio::test]
async fn per_address_limits_use_the_client_behind_a_trusted_proxy_and_ignore_forged_headers() {
    let db = TestDb::sqlite().await;
    let settings = Settings { mode: Mode::Development, ..Settings::default() };
    let mut w = World::with(db, settings, start_time()).await;
    // The proxy in front of Cohorte is 10.0.0.1.
    let mut config = (*w.app.state.config).clone();
    config.trusted_proxies = vec!["10.0.0.1".parse().unwrap()];
    let state = cohorte_web::AppState::new(w.app.state.ctx.clone(), config).await.unwrap();
    w.app.router = cohorte_web::router(state);
    w.person("Bob Martin", "bob@example.org", &[]).await;
    w.person("Carol Shaw", "carol@example.org", &[]).await;

    // A stranger forging X-Forwarded-For: the header is ignored, the stranger's own address is
    // counted (2 links to one address per client in 15 minutes), whatever address it claims.
    let mut spoofer = w.browser();
    spoofer.peer = Some("192.0.2.9:5555".parse().unwrap());
    spoofer.get("/login").await;
    for i in 0..10 {
        spoofer.forwarded_for = Some(format!("203.0.113.{i}"));
        assert_eq!(spoofer.post("/login", &[("email", "bob@example.org")]).await.status, 200, "request {i}");
    }
    w.run_jobs().await;
    assert_eq!(w.mails_to("bob@example.org").len(), 2, "forged headers do not escape the per-client share");

    // Through the proxy, each client is counted apart: two clients reach the address's own cap (3).
    for client in ["198.51.100.1", "198.51.100.2"] {
        let mut b = w.browser();
        b.peer = Some("10.0.0.1:443".parse().unwrap());
        b.forwarded_for = Some(client.into());
        b.get("/login").await;
        for _ in 0..3 {
            assert_eq!(b.post("/login", &[("email", "carol@example.org")]).await.status, 200, "{client}");
        }
    }
    w.run_jobs().await;
    assert_eq!(w.mails_to("carol@example.org").len(), 3, "two clients behind the proxy, not one");
    // The sessions page shows the client's address, not the proxy's.
    w.person("Ada Lovelace", "ada@example.org", &[]).await;
    let mut ada = w.browser();
    ada.peer = Some("10.0.0.1:443".parse().unwrap());
    ada.forwarded_for = Some("198.51.100.9".into());
    ada.sign_in_by_link("ada@example.org").await;
    let page = ada.get("/account").await;
    assert!(page.body.contains("198.51.100.9") && !page.body.contains("10.0.0.1"), "the client's address is listed");
}

/// The session id and form token a browser holds before a privilege change.
pub type Before = (Option<String>, Option<String>);

pub fn before(b: &Browser<'_>) -> Before {
    (b.cookie.clone(), b.csrf.clone())
}

/// After a privilege change: the browser holds a new session id, the old one is dead (the server
/// clears it and it opens nothing), and the form token changed (the old one is refused even with
/// the new cookie). `probe` is a page with a form for the new session.
pub async fn assert_rotated(w: &World, b: &mut Browser<'_>, old: &Before, probe: &str, what: &str) {
    let (old_cookie, old_csrf) = old;
    assert!(old_cookie.is_some() && old_csrf.is_some(), "{what}: a session before");
    assert_ne!(&b.cookie, old_cookie, "{what}: a new session id");
    let mut stale = w.browser();
    stale.cookie = old_cookie.clone();
    let r = stale.get("/account").await;
    assert_eq!((r.status.as_u16(), r.header("location")), (303, "/login"), "{what}: the old id opens nothing");
    assert!(stale.cookie.is_none(), "{what}: the old id is dead, the server clears it: {:?}", r.headers);
    stale.csrf = old_csrf.clone();
    let r = stale.post("/login/second-factor", &[("code", "000000")]).await;
    assert_eq!(r.status, 403, "{what}: the old session's form is refused");
    if b.cookie.is_none() {
        return;
    }
    let page = b.get(probe).await;
    assert_eq!(page.status, 200, "{what}: {probe}: {}", page.body);
    assert!(b.csrf.is_some() && &b.csrf != old_csrf, "{what}: a new form token");
    let r = b.post_raw("/account/profile", &[("name", "Someone Else"), ("_csrf", old_csrf.as_deref().unwrap_or(""))]).await;
    assert_eq!(r.status, 403, "{what}: the old form token is refused with the new session");
}

#[tokio::test]
async fn every_privilege_change_rotates_the_session_id_and_the_form_token() {
    const SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    for db in TestDb::all().await {
        let name = db.name().to_owned();
        let w = World::new(db).await;
        w.person("Ada Lovelace", "ada@example.org", &[RoleKind::Candidate]).await;
        let grace = w.person("Grace Hopper", "grace@example.org", &[RoleKind::ProgramStaff]).await;
        w.give_totp(grace, SECRET).await;
        w.clock.advance(Duration::seconds(31));

        // A link confirmed, nothing more to give.
        let mut b = w.browser();
        b.get("/login").await;
        let old = before(&b);
        let r = b.sign_in_by_link("ada@example.org").await;
        assert_eq!(r.header("location"), "/home", "{name}");
        assert_rotated(&w, &mut b, &old, "/account", &format!("{name}: link")).await;

        // Re-authentication by link.
        w.clock.advance(Duration::minutes(10));
        b.get("/account/reauth?next=%2Faccount%2Femail").await;
        let old = before(&b);
        assert_eq!(b.post("/account/reauth", &[("next", "/account/email")]).await.status, 200);
        w.run_jobs().await;
        let page = b.get(&w.last_link("ada@example.org")).await;
        let token = page.attrs("input[name=token]", "value")[0].clone();
        let r = b.post("/login/confirm", &[("token", &token)]).await;
        assert_eq!(r.header("location"), "/account/email", "{name}: {}", r.body);
        assert_rotated(&w, &mut b, &old, "/account", &format!("{name}: re-authentication by link")).await;
        assert_eq!(b.get("/account/email").await.status, 200, "{name}: recent");

        // Sign-out.
        let old = before(&b);
        assert_eq!(b.post("/logout", &[]).await.status, 200);
        assert!(b.cookie.is_none(), "{name}");
        assert_rotated(&w, &mut b, &old, "/login", &format!("{name}: sign-out")).await;

        // A link confirmed, a second factor to give next: the half-signed-in session is new too.
        let mut g = w.browser();
        g.get("/login").await;
        let old = before(&g);
        let r = g.sign_in_by_link("grace@example.org").await;
        assert_eq!(r.header("location"), "/login/second-factor", "{name}");
        assert_rotated(&w, &mut g, &old, "/login/second-factor", &format!("{name}: link before a second factor")).await;

        // The second factor given.
        let old = before(&g);
        let r = g.post("/login/second-factor", &[("code", &w.totp(SECRET))]).await;
        assert_eq!(r.header("location"), "/home", "{name}: {}", r.body);
        assert_rotated(&w, &mut g, &old, "/account", &format!("{name}: second factor")).await;

        // Re-authentication by code.
        w.clock.advance(Duration::minutes(10));
        g.get("/account/reauth").await;
        let old = before(&g);
        let r = g.post("/account/reauth/code", &[("code", &w.totp(SECRET)), ("next", "/account")]).await;
        assert_eq!(r.header("location"), "/account", "{name}: {}", r.body);
        assert_rotated(&w, &mut g, &old, "/account", &format!("{name}: re-authentication by code")).await;

        // A recovery code instead of the second factor.
        let codes = g.post("/account/recovery-codes", &[]).await.texts("#recovery-codes li");
        assert_eq!(codes.len(), 10, "{name}");
        g.post("/logout", &[]).await;
        g.sign_in_by_link("grace@example.org").await;
        g.get("/login/second-factor").await;
        let old = before(&g);
        let r = g.post("/login/second-factor", &[("code", &codes[0])]).await;
        assert_eq!(r.header("location"), "/home", "{name}: {}", r.body);
        assert_rotated(&w, &mut g, &old, "/account", &format!("{name}: recovery code")).await;
    }
}

fn vary(r: &crate::support::Res) -> String {
    r.headers.get_all("vary").iter().filter_map(|v| v.to_str().ok()).collect::<Vec<_>>().join(", ")
}

#[tokio::test]
async fn cached_public_pages_are_for_visitors_without_a_session_only() {
    for db in TestDb::all().await {
        let name = db.name().to_owned();
        let w = World::with_eig(db).await;
        w.person("Ada Lovelace", "ada@example.org", &[RoleKind::Candidate]).await;
        let cache = &w.app.state.cache;

        // Anonymous: the first answer is kept, the second comes from the cache.
        let mut anonymous = w.browser();
        let first = anonymous.get("/challenges").await;
        assert_eq!(first.status, 200, "{name}");
        assert!(anonymous.cookie.is_none(), "{name}: a public page starts no session");
        let kept = cache.get("fr /challenges").unwrap_or_else(|| panic!("{name}: the anonymous answer is kept"));
        assert_eq!(kept.body, first.body.as_bytes(), "{name}");
        // A marker in place of the page shows which answers come from the cache.
        let marker = "<!doctype html><title>cached for everyone</title><h1>cached</h1>";
        cache.put("fr /challenges".into(), cohorte_web::cache::Cached { body: marker.into(), ..kept });
        let second = anonymous.get("/challenges").await;
        assert_eq!((second.status.as_u16(), second.body.as_str()), (200, marker), "{name}: served from the cache");

        // Signed in: never a cached body, never kept, never stored by a shared cache.
        let mut ada = w.browser();
        ada.sign_in_by_link("ada@example.org").await;
        for i in 0..2 {
            let r = ada.get("/challenges").await;
            assert_eq!(r.status, 200, "{name}");
            assert_ne!(r.body, marker, "{name}: request {i} got a page cached for someone else");
            assert_eq!(r.texts("h1"), first.texts("h1"), "{name}");
            assert_eq!(r.header("cache-control"), "no-store", "{name}: request {i}");
            assert!(vary(&r).contains("Cookie"), "{name}: {}", vary(&r));
        }
        let r = ada.get("/challenges?page=2").await;
        assert_eq!((r.status.as_u16(), r.header("cache-control")), (200, "no-store"), "{name}");
        assert!(cache.get("fr /challenges?page=2").is_none(), "{name}: a page rendered for someone signed in is not kept");
        assert_eq!(cache.get("fr /challenges").map(|c| c.body), Some(marker.into()), "{name}");

        // Anonymous again: still the cached page, with no private header.
        let r = anonymous.get("/challenges").await;
        assert_eq!(r.body, marker, "{name}");
        assert_ne!(r.header("cache-control"), "no-store", "{name}");
    }
}

/// Posts a body exactly as given, with this browser's cookie and same-origin headers.
async fn raw_post(w: &World, b: &Browser<'_>, uri: &str, content_type: &str, body: Vec<u8>, lang: &str) -> crate::support::Res {
    let req = http::Request::post(uri)
        .header("content-type", content_type)
        .header("sec-fetch-site", "same-origin")
        .header("accept-language", lang)
        .header("cookie", format!("{}={}", b.cookie_name(), b.cookie.clone().unwrap_or_default()))
        .body(axum::body::Body::from(body))
        .unwrap();
    w.app.request(req).await
}

fn multipart(csrf: &str, key: &[u8], filename: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    body.extend(format!("--XyZ\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{csrf}\r\n").as_bytes());
    body.extend(b"--XyZ\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\n");
    body.extend(key);
    body.extend(b"\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"");
    body.extend(filename);
    body.extend(b"\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--XyZ--\r\n");
    body
}

#[tokio::test]
async fn form_bodies_that_are_not_utf8_are_refused_in_the_visitors_language() {
    for db in TestDb::all().await {
        let name = db.name().to_owned();
        let w = World::with_eig(db).await;
        cohorte_app::demo::seed(&w.app.state.ctx).await.unwrap();
        let mut b = w.browser();
        b.sign_in_by_link("administration@demo.cohorte.test").await;
        b.get("/account").await;
        let csrf = b.csrf.clone().unwrap();

        // A form: bad bytes, escaped or raw, in a value or a name, or a NUL, are refused.
        for bad in [&b"name=Ada%FF%FE"[..], b"name=Ada\xff", b"name=A%00da", b"na%C3me=Ada", b"name=Ada%C3"] {
            let body = [bad, b"&_csrf=", csrf.as_bytes()].concat();
            let r = raw_post(&w, &b, "/account/profile", "application/x-www-form-urlencoded", body, "fr").await;
            assert_eq!(r.status, 400, "{name}: {}: {}", String::from_utf8_lossy(bad), r.body);
            assert!(r.body.contains("Formulaire : contient des caractères invalides"), "{name}: {}", r.body);
        }
        let body = [&b"name=Ada%FF&_csrf="[..], csrf.as_bytes()].concat();
        let r = raw_post(&w, &b, "/account/profile", "application/x-www-form-urlencoded", body, "en").await;
        assert_eq!(r.status, 400, "{name}");
        assert!(r.body.contains("Form: contains invalid characters") && r.body.contains("lang=\"en\""), "{name}: {}", r.body);
        let account = b.get("/account").await;
        assert!(!account.body.contains('\u{FFFD}') && account.body.contains("Démo Administration"), "{name}: nothing stored");
        // Good text still goes through.
        let body = [&b"name=D%C3%A9mo+Administration&_csrf="[..], csrf.as_bytes()].concat();
        let r = raw_post(&w, &b, "/account/profile", "application/x-www-form-urlencoded", body, "fr").await;
        assert_eq!(r.header("location"), "/account?saved=1", "{name}: {}", r.body);

        // A multipart form (a document upload): a text field or a file name that is not UTF-8.
        let list = b.get("/proposals").await;
        let draft = list
            .attrs("a[href^='/proposals/']", "href")
            .into_iter()
            .zip(list.texts("a[href^='/proposals/']"))
            .find_map(|(h, text)| text.contains("Brouillon").then_some(h))
            .unwrap_or_else(|| panic!("{name}: the demo administration's draft: {}", list.body));
        for (key, filename) in [(&b"de\xffck"[..], &b"deck.pdf"[..]), (b"deck", b"d\xe9ck.pdf"), (b"de\0ck", b"deck.pdf")] {
            let r =
                raw_post(&w, &b, &format!("{draft}/documents"), "multipart/form-data; boundary=XyZ", multipart(&csrf, key, filename), "fr")
                    .await;
            assert_eq!(r.status, 400, "{name}: {:?} {:?}: {} {}", key, filename, r.header("location"), r.body);
            assert!(r.body.contains("Formulaire : contient des caractères invalides"), "{name}: {}", r.body);
        }
    }
}

#[tokio::test]
async fn return_paths_with_dot_segments_are_resolved_and_kept_on_the_site() {
    const SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    for db in TestDb::all().await {
        let name = db.name().to_owned();
        let w = World::new(db).await;
        let grace = w.person("Grace Hopper", "grace@example.org", &[RoleKind::ProgramStaff]).await;
        w.give_totp(grace, SECRET).await;
        let mut b = w.browser();
        w.clock.advance(Duration::seconds(31));
        b.sign_in_strong("grace@example.org", SECRET).await;
        for (next, expected) in [
            ("/.//evil.example", "/home"),
            ("/a/../..//evil.example/x", "/home"),
            ("/%2e%2e/%2e%2e//evil.example", "/home"),
            ("/%2e%2e/account/email", "/account/email"),
            ("/admin/./people/../people", "/admin/people"),
        ] {
            w.clock.advance(Duration::seconds(31));
            let page = b.get(&format!("/account/reauth?next={}", cohorte_web::util::encode(next))).await;
            assert_eq!(page.attrs("input[name=next]", "value"), [expected], "{name}: {next}");
            let r = b.post("/account/reauth/code", &[("code", &w.totp(SECRET)), ("next", next)]).await;
            assert_eq!(r.header("location"), expected, "{name}: {next}: {}", r.body);
        }
        // A link sent to re-authenticate keeps a resolved path only.
        w.clock.advance(Duration::minutes(10));
        b.get("/account/reauth").await;
        assert_eq!(b.post("/account/reauth", &[("next", "/x/../..//evil.example")]).await.status, 200, "{name}");
        w.run_jobs().await;
        let page = b.get(&w.last_link("grace@example.org")).await;
        let token = page.attrs("input[name=token]", "value")[0].clone();
        let r = b.post("/login/confirm", &[("token", &token)]).await;
        assert!(!r.header("location").contains("evil"), "{name}: {}", r.header("location"));
    }
}

/// A browser at a client address.
fn browser_at<'a>(w: &'a World, ip: &str) -> Browser<'a> {
    let mut b = w.browser();
    b.peer = Some(format!("{ip}:40000").parse().unwrap());
    b
}

/// Opens an emailed sign-in link in this browser and confirms it.
async fn use_link(b: &mut Browser<'_>, link: &str) -> crate::support::Res {
    let page = b.get(link).await;
    let token = page.attrs("input[name=token]", "value");
    assert_eq!(token.len(), 1, "a confirmation form: {}", page.body);
    b.post("/login/confirm", &[("token", &token[0])]).await
}

async fn rate_limited_entries(w: &World) -> i64 {
    let mut c = w.app.state.ctx.db.acquire().await.unwrap();
    let filter = cohorte_store::audit::AuditFilter { action: Some("rate_limited".into()), limit: 1, ..Default::default() };
    cohorte_store::audit::list(&mut c.conn(), &filter).await.unwrap().1
}

#[tokio::test]
async fn a_stranger_asking_for_someones_links_cannot_keep_them_from_signing_in() {
    for db in TestDb::all().await {
        let name = db.name().to_owned();
        let w = World::new(db).await;
        w.person("Ada Lovelace", "ada@example.org", &[RoleKind::Candidate]).await;
        let mut ada = browser_at(&w, "198.51.100.7");
        ada.get("/login").await;
        assert_eq!(ada.post("/login", &[("email", "ada@example.org")]).await.status, 200);
        w.run_jobs().await;
        let link = w.last_link("ada@example.org");

        // A stranger asks 50 times for Ada's address: the same answer every time; few mails.
        let mut stranger = browser_at(&w, "203.0.113.66");
        stranger.get("/login").await;
        let first = stranger.post("/login", &[("email", "ada@example.org")]).await;
        for i in 1..50 {
            let r = stranger.post("/login", &[("email", "ada@example.org")]).await;
            assert_eq!((r.status, &r.body), (first.status, &first.body), "{name}: request {i} is answered the same");
        }
        w.run_jobs().await;
        assert_eq!(w.mails_to("ada@example.org").len(), 3, "{name}: 3 links in 15 minutes to one address, whoever asks");
        assert!(rate_limited_entries(&w).await >= 47, "{name}: every withheld mail is a security event");

        // Ada signs in with the link she already has.
        let r = use_link(&mut ada, &link).await;
        assert_eq!(r.header("location"), "/home", "{name}: {}", r.body);
        ada.get("/account").await;
        assert_eq!(ada.post("/logout", &[]).await.status, 200);

        // The stranger keeps at it, window after window, always first: Ada still gets her link.
        for round in 0..4 {
            w.clock.advance(Duration::minutes(16));
            for _ in 0..50 {
                stranger.post("/login", &[("email", "ada@example.org")]).await;
            }
            ada.get("/login").await;
            w.run_jobs().await;
            let before = w.mails_to("ada@example.org").len();
            assert_eq!(ada.post("/login", &[("email", "ada@example.org")]).await.status, 200);
            w.run_jobs().await;
            assert_eq!(w.mails_to("ada@example.org").len(), before + 1, "{name}: round {round}: Ada's own request is sent");
            let r = use_link(&mut ada, &w.last_link("ada@example.org")).await;
            assert_eq!(r.header("location"), "/home", "{name}: round {round}");
            ada.get("/account").await;
            assert_eq!(ada.post("/logout", &[]).await.status, 200);
        }
        assert!(w.mails_to("ada@example.org").len() <= 5 + 5, "{name}: the stranger's share is 5 links a day");
    }
}

#[tokio::test]
async fn people_behind_one_office_address_each_get_their_link() {
    for db in TestDb::all().await {
        let name = db.name().to_owned();
        let w = World::new(db).await;
        // Forty people at one ministry, behind one address, sign in within the same minutes.
        for i in 0..40 {
            w.person(&format!("Agent {i}"), &format!("agent{i}@ministere.example"), &[RoleKind::AdminContact]).await;
        }
        for i in 0..40 {
            let mut b = browser_at(&w, "192.0.2.10");
            let r = b.sign_in_by_link(&format!("agent{i}@ministere.example")).await;
            assert_eq!(r.header("location"), "/home", "{name}: agent {i}: {}", r.body);
        }
        // A flood of requests for unknown addresses from there sends nothing and counts nothing.
        let mut b = browser_at(&w, "192.0.2.10");
        b.get("/login").await;
        for i in 0..100 {
            assert_eq!(b.post("/login", &[("email", &format!("nobody{i}@ministere.example"))]).await.status, 200);
        }
        let mut late = browser_at(&w, "192.0.2.10");
        w.person("Agent Late", "late@ministere.example", &[]).await;
        assert_eq!(late.sign_in_by_link("late@ministere.example").await.header("location"), "/home", "{name}");
    }
}

#[tokio::test]
async fn one_client_address_gets_at_most_200_sign_in_mails_an_hour() {
    let w = World::new(TestDb::sqlite().await).await;
    for i in 0..201 {
        w.person(&format!("Person {i}"), &format!("p{i}@example.org"), &[]).await;
    }
    let mut b = browser_at(&w, "192.0.2.20");
    b.get("/login").await;
    let first = b.post("/login", &[("email", "p0@example.org")]).await;
    for i in 1..201 {
        let r = b.post("/login", &[("email", &format!("p{i}@example.org"))]).await;
        assert_eq!((r.status, &r.body), (first.status, &first.body), "request {i}");
    }
    w.run_jobs().await;
    assert_eq!(w.mails_to("p199@example.org").len(), 1);
    assert!(w.mails_to("p200@example.org").is_empty(), "the 201st mail in the hour from one address is withheld");
    // The window slides: an hour later it is sent.
    w.clock.advance(Duration::minutes(61));
    b.post("/login", &[("email", "p200@example.org")]).await;
    w.run_jobs().await;
    assert_eq!(w.mails_to("p200@example.org").len(), 1);
}

#[tokio::test]
async fn demo_accounts_sign_in_again_and_again_in_demo_mode_and_production_keeps_its_limits() {
    use cohorte_app::demo::{DEMO_ACCOUNTS, DEMO_TOTP_SECRET};
    for db in TestDb::all().await {
        let name = db.name().to_owned();
        let w = World::with(db, Settings { mode: Mode::Demo, ..Settings::default() }, start_time()).await;
        cohorte_app::demo::seed(&w.app.state.ctx).await.unwrap();
        // A newcomer tries every role of the README, twice, from one address...
        let mut b = browser_at(&w, "198.51.100.50");
        for round in 0..2 {
            for (address, _, _, totp) in DEMO_ACCOUNTS {
                w.clock.advance(Duration::seconds(31));
                let r = if totp { b.sign_in_strong(address, DEMO_TOTP_SECRET).await } else { b.sign_in_by_link(address).await };
                assert_eq!(r.status, 303, "{name}: round {round}: {address}: {}", r.body);
                assert_ne!(r.header("location"), "/login/second-factor", "{name}: {address}");
                assert_eq!(b.get("/account").await.status, 200, "{name}: round {round}: {address}");
                b.post("/logout", &[]).await;
            }
        }
        // ...then comes back to the staff account again and again, mistyping the code now and then.
        for i in 0..12 {
            w.clock.advance(Duration::seconds(31));
            b.sign_in_by_link("staff@demo.cohorte.test").await;
            b.get("/login/second-factor").await;
            for _ in 0..2 {
                assert_eq!(b.post("/login/second-factor", &[("code", "000000")]).await.status, 422);
            }
            let r = b.post("/login/second-factor", &[("code", &w.totp(DEMO_TOTP_SECRET))]).await;
            assert_eq!(r.header("location"), "/home", "{name}: staff sign-in {i}: {}", r.body);
            b.get("/admin").await;
            assert_eq!(b.post("/logout", &[]).await.status, 200);
        }
        // Other addresses keep their limits in demo mode.
        w.person("Ada Lovelace", "ada@example.org", &[]).await;
        b.get("/login").await;
        for _ in 0..5 {
            b.post("/login", &[("email", "ada@example.org")]).await;
        }
        w.run_jobs().await;
        assert_eq!(w.mails_to("ada@example.org").len(), 2, "{name}: per client share in demo mode too");
    }
    // Production: the same accounts get no favour.
    for db in TestDb::all().await {
        let name = db.name().to_owned();
        let w = World::with(db, Settings { mode: Mode::Production, ..Settings::default() }, start_time()).await;
        cohorte_app::demo::seed(&w.app.state.ctx).await.unwrap();
        let mut b = w.browser();
        b.get("/login").await;
        for _ in 0..5 {
            assert_eq!(b.post("/login", &[("email", "staff@demo.cohorte.test")]).await.status, 200);
        }
        w.run_jobs().await;
        assert_eq!(w.mails_to("staff@demo.cohorte.test").len(), 3, "{name}: 3 links in 15 minutes in production");
        // Ten codes in 15 minutes, then even the right one waits.
        let r = use_link(&mut b, &w.last_link("staff@demo.cohorte.test")).await;
        assert_eq!(r.header("location"), "/login/second-factor", "{name}");
        b.get("/login/second-factor").await;
        for _ in 0..10 {
            assert_eq!(b.post("/login/second-factor", &[("code", "000000")]).await.status, 422);
        }
        w.clock.advance(Duration::seconds(31));
        let r = b.post("/login/second-factor", &[("code", &w.totp(DEMO_TOTP_SECRET))]).await;
        assert_eq!(r.status, 422, "{name}: the second step is locked after ten codes in production");
    }
}
