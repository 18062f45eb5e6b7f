//! The signed-in home and the header, over HTTP: every demo role signs in through the real forms,
//! lands on `/home`, and sees its own work and menu; the header names the person, offers sign-out,
//! and a page naming one person is never served to anyone else by the public page cache.

use cohorte_app::demo::{DEMO_TOTP_SECRET, seed};
use cohorte_test_support::TestDb;

use crate::support::Res;
use crate::world::{Browser, World};

/// Signs a demo account in (link, then the demo code when it has a second factor); returns where
/// the sign-in led.
async fn sign_in(b: &mut Browser<'_>, email: &str, second_factor: bool) -> String {
    let r = if second_factor { b.sign_in_strong(email, DEMO_TOTP_SECRET).await } else { b.sign_in_by_link(email).await };
    r.header("location").to_owned()
}

fn sections(r: &Res) -> Vec<String> {
    ["staff", "validation", "jury", "preselection", "my-proposals", "second-factor-needed"]
        .into_iter()
        .filter(|id| !r.attrs(&format!("#{id}"), "id").is_empty())
        .map(str::to_owned)
        .collect()
}

fn menu(r: &Res) -> Vec<String> {
    ["menu-cohorts", "menu-jury", "menu-decisions"]
        .into_iter()
        .filter(|id| !r.attrs(&format!("#{id}"), "id").is_empty())
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn every_role_lands_on_its_home_with_its_own_work_and_menu() {
    for db in TestDb::all().await {
        let name = db.name().to_owned();
        let w = World::with_eig(db).await;
        seed(&w.app.state.ctx).await.unwrap();

        // Staff: what waits in the demo call, step by step, with links; the staff menu.
        let mut b = w.browser();
        assert_eq!(sign_in(&mut b, "staff@demo.cohorte.test", true).await, "/home", "{name}");
        let r = b.get("/home").await;
        assert_eq!((r.status.as_u16(), r.header("cache-control")), (200, "no-store"), "{name}");
        assert_eq!(r.texts("h1"), ["Tableau de bord"]);
        assert_eq!(r.texts("#signed-in-as"), ["Connecté·e en tant que Démo Équipe programme"], "{name}");
        assert_eq!(r.attrs("#signed-in-as", "href"), ["/home"]);
        assert_eq!(sections(&r), ["staff"], "{name}");
        assert_eq!(
            r.texts("#staff-eig-demo li"),
            [
                "2 propositions à présélectionner",
                "Aucune proposition retenue sans jury",
                "Aucune audition à planifier",
                "1 décision à préparer",
                "Aucune décision en attente de validation"
            ],
            "{name}: submitted + under review; heard without an outcome"
        );
        assert_eq!(r.attrs("#staff-eig-demo a", "href"), ["/review/eig-demo", "/decisions/eig-demo"], "{name}: links where there is work");
        assert_eq!(menu(&r), ["menu-cohorts"], "{name}");
        assert_eq!(r.texts("#menu-areas-item button"), ["Espace équipe"], "{name}: the staff menu");
        assert_eq!(r.attrs("#menu-areas a", "href"), ["/admin/cohorts", "/admin/challenges", "/admin", "/admin/audit"]);
        // The header's sign-out posts the session's form token.
        assert_eq!(r.attrs("#sign-out-form", "action"), ["/logout"]);
        assert_eq!(r.attrs("#sign-out-form input[name=_csrf]", "value"), [b.csrf.clone().unwrap()]);
        let out = b.post("/logout", &[]).await;
        assert_eq!(out.status, 200, "{name}");
        assert!(out.attrs("#signed-in-as", "id").is_empty(), "{name}: the sign-out page shows the anonymous header");
        assert_eq!(b.get("/home").await.header("location"), "/login", "{name}: signed out");

        // The validator: the demo call, nothing staged yet, a link to its decisions page.
        let mut b = w.browser();
        assert_eq!(sign_in(&mut b, "validator@demo.cohorte.test", true).await, "/home", "{name}");
        let r = b.get("/home").await;
        assert_eq!(sections(&r), ["validation"], "{name}");
        let rounds = r.texts("#rounds li");
        assert_eq!(rounds.len(), 1, "{name}: the demo call");
        assert!(
            rounds[0].contains("Aucune décision préparée à valider")
                && rounds[0].ends_with("1 proposition auditionnée attend encore sa décision"),
            "{name}: {rounds:?}"
        );
        assert_eq!(r.attrs("#rounds a", "href"), ["/decisions/eig-demo"], "{name}: the decisions page");
        assert_eq!(menu(&r), ["menu-decisions"], "{name}");
        assert_eq!(r.attrs("#menu-decisions", "href"), ["/home#validation"]);

        // The juror (referent): the proposal of their panel they have not scored (the demo juror
        // scored the heard one); the ranking is given.
        let mut b = w.browser();
        assert_eq!(sign_in(&mut b, "jury@demo.cohorte.test", true).await, "/home", "{name}");
        let r = b.get("/home").await;
        assert_eq!(sections(&r), ["jury"], "{name}");
        assert_eq!(r.texts("#to-score-title"), ["1 proposition à noter"], "{name}");
        let kits = r.attrs("#to-score a", "href");
        assert_eq!(kits.len(), 1, "{name}");
        assert!(kits.iter().all(|h| h.starts_with("/jury/proposals/")), "{kits:?}");
        assert_eq!(b.get(&kits[0]).await.status, 200, "{name}: the kit opens");
        assert_eq!(r.texts("#rankings-title"), ["Aucun classement à donner"], "{name}");
        assert_eq!(menu(&r), ["menu-jury"], "{name}");

        // The pre-selector (of the whole program): the two submitted proposals of the demo call.
        let mut b = w.browser();
        assert_eq!(sign_in(&mut b, "preselector@demo.cohorte.test", true).await, "/home", "{name}");
        let r = b.get("/home").await;
        assert_eq!(sections(&r), ["preselection"], "{name}");
        assert_eq!(r.texts("#to-review-eig-demo li").len(), 2, "{name}");
        assert_eq!(r.texts("#preselection h3").len(), 1, "{name}: only the call under way, not the past cohorts");
        assert_eq!(menu(&r), ["menu-jury"], "{name}");

        // The administration: its proposals with their status and the draft's deadline.
        let mut b = w.browser();
        assert_eq!(sign_in(&mut b, "administration@demo.cohorte.test", false).await, "/home", "{name}");
        let r = b.get("/home").await;
        assert_eq!(sections(&r), ["my-proposals"], "{name}");
        let rows = r.texts("#proposals tbody tr");
        assert_eq!(rows.len(), 8, "{name}: {rows:?}");
        let draft = rows.iter().find(|row| row.contains("Brouillon : un guichet unique")).unwrap();
        assert!(draft.ends_with("(Europe/Paris)"), "{name}: the deadline: {draft}");
        assert_eq!(rows.iter().filter(|row| row.contains("(Europe/Paris)")).count(), 1, "{name}: only the draft has one");
        assert!(menu(&r).is_empty(), "{name}");

        // Mentors, candidates and fellows: their account and the open calls, no proposals.
        for email in ["mentor@demo.cohorte.test", "candidate@demo.cohorte.test", "fellow@demo.cohorte.test"] {
            let mut b = w.browser();
            assert_eq!(sign_in(&mut b, email, false).await, "/home", "{name}: {email}");
            let r = b.get("/home").await;
            assert!(sections(&r).is_empty() && menu(&r).is_empty(), "{name}: {email}: {:?}", sections(&r));
            assert!(!r.body.contains("Mes propositions de défi"), "{name}: {email}");
            assert_eq!(r.texts("#open-calls li").len(), 1, "{name}: {email}: the demo call");
            assert_eq!(r.attrs("#account-links a", "href"), ["/account"], "{name}: {email}");
            let account = b.get("/account").await;
            assert!(!account.body.contains("Mes propositions de défi"), "{name}: {email}: nor on the account page");
            assert_eq!(account.attrs("#home-link", "href"), ["/home"], "{name}: {email}");
        }
    }
}

#[tokio::test]
async fn a_page_naming_a_person_is_never_served_to_anyone_else() {
    let w = World::new(TestDb::sqlite().await).await;
    w.person("Ada Lovelace", "ada@example.org", &[]).await;
    w.person("Grace Hopper", "grace@example.org", &[]).await;
    assert!(w.app.state.cache.enabled(), "the public page cache is on");
    let mut ada = w.browser();
    ada.sign_in_by_link("ada@example.org").await;
    let mut grace = w.browser();
    grace.sign_in_by_link("grace@example.org").await;
    let mut anonymous = w.browser();
    let ada_line = "Connecté·e en tant que Ada Lovelace";
    let grace_line = "Connecté·e en tant que Grace Hopper";

    // `/`: the anonymous visitor first (the page is cached), then Ada, then Grace, then anonymous.
    // `/challenges`: Ada first, then anonymous, then Grace, then Ada again.
    for (path, order) in [("/", ["anonymous", "ada", "grace", "anonymous"]), ("/challenges", ["ada", "anonymous", "grace", "ada"])] {
        for who in order {
            let r = match who {
                "ada" => ada.get(path).await,
                "grace" => grace.get(path).await,
                _ => anonymous.get(path).await,
            };
            assert_eq!(r.status, 200, "{path} as {who}");
            let names = r.texts("#signed-in-as");
            match who {
                "ada" => assert_eq!(names, [ada_line], "{path} as {who}"),
                "grace" => assert_eq!(names, [grace_line], "{path} as {who}"),
                _ => {
                    assert!(names.is_empty(), "{path} as {who}: {names:?}");
                    assert_eq!(r.attrs("header a[href='/account']", "href"), ["/account"], "{path}: the anonymous header");
                }
            }
            assert!(!r.body.contains(if who == "ada" { "Grace Hopper" } else { "Ada Lovelace" }), "{path} as {who}");
            if who != "ada" && who != "grace" {
                assert!(!r.body.contains("Grace Hopper") && !r.body.contains("Connecté"), "{path} as {who}");
            }
        }
    }
    assert!(!w.app.state.cache.is_empty(), "anonymous pages are still cached");
}

#[tokio::test]
async fn several_areas_share_one_menu_entry_and_a_weak_session_has_none() {
    use cohorte_domain::content::RoleKind;
    let w = World::new(TestDb::sqlite().await).await;
    let vera = w.person("Vera Validation", "vera@example.org", &[RoleKind::Validator, RoleKind::JuryMember]).await;
    w.give_totp(vera, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP").await;
    w.clock.advance(time::Duration::seconds(31));
    let mut b = w.browser();
    assert_eq!(b.sign_in_strong("vera@example.org", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP").await.header("location"), "/home");
    let r = b.get("/jury").await;
    assert_eq!(r.texts("#menu-areas-item button"), ["Mes espaces"]);
    assert_eq!(r.attrs("#menu-areas a", "href"), ["/jury", "/home#validation"]);
    assert_eq!(r.attrs("#menu-areas-item button", "aria-current"), ["true"], "the jury area is open");
    assert_eq!(r.attrs("#menu-jury", "aria-current"), ["page"]);
    // One area: a plain link. A weak session: no area at all.
    let ada = w.person("Ada Jury", "ada@example.org", &[RoleKind::JuryMember]).await;
    let mut weak = w.browser();
    weak.sign_in_by_link("ada@example.org").await;
    let r = weak.get("/home").await;
    assert!(r.attrs("#menu-jury", "href").is_empty() && r.attrs("#menu-areas-item", "id").is_empty(), "no menu before the second factor");
    assert_eq!(r.attrs("#second-factor-needed a", "href"), ["/account/second-factor"]);
    w.give_totp(ada, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP").await;
    w.clock.advance(time::Duration::seconds(31));
    let mut strong = w.browser();
    strong.sign_in_strong("ada@example.org", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP").await;
    let r = strong.get("/home").await;
    assert_eq!(r.attrs("#menu-jury", "href"), ["/jury"]);
    assert!(r.attrs("#menu-areas-item", "id").is_empty());
}
