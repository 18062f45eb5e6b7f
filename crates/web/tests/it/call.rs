//! The call for projects over HTTP, from the cohort to the challenge on the public site, on
//! SQLite and PostgreSQL: what staff, an administration, a juror and the validator each do
//! through the real router, forms and mail.

use cohorte_domain::content::RoleKind;
use cohorte_test_support::TestDb;
use time::Duration;

use crate::world::{Browser, World};

const TOTP: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".to_vec()
}

async fn strong(w: &World, b: &mut Browser<'_>, email: &str) {
    w.clock.advance(Duration::seconds(31));
    let r = b.sign_in_strong(email, TOTP).await;
    assert!(r.status.is_redirection(), "{email}: {}", r.body);
    b.get("/account").await;
}

/// The full proposal form, as a browser sends it.
fn full_form(version: &str, host: &str) -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = vec![
        ("version".into(), version.into()),
        ("host".into(), host.into()),
        ("address".into(), "20 avenue de Ségur, 75007 Paris".into()),
        ("fellows".into(), "2".into()),
        ("cofunding".into(), "1".into()),
        ("budget_programme".into(), "129".into()),
        ("forecast_cost".into(), "140 000".into()),
        ("profile.0.kind".into(), "developer".into()),
        ("profile.0.mission".into(), "Construire le service".into()),
        ("profile.0.expertise".into(), "Rust, web".into()),
        ("profile.1.kind".into(), "designer".into()),
        ("profile.1.mission".into(), "Concevoir avec les usagers".into()),
        ("profile.1.expertise".into(), "Recherche utilisateur".into()),
        ("team.0.name".into(), "Claire Dupont".into()),
        ("team.0.function".into(), "Cheffe de projet".into()),
        ("team.0.status".into(), "titulaire".into()),
        ("team.0.involvement".into(), "50".into()),
        ("team.0.contribution".into(), "Pilotage".into()),
    ];
    for (k, v) in [
        ("name", "Mieux orienter les usagers"),
        ("summary", "Aider chacun à trouver le bon guichet."),
        ("problem", "Les usagers se perdent entre les guichets."),
        ("solution", "Un service d’orientation conçu avec eux."),
        ("benefits", "Moins d’allers-retours."),
        ("why_apply", "Pour apprendre à faire autrement."),
    ] {
        f.push((format!("text.{k}"), v.into()));
    }
    for role in ["operational_mentor", "executive_sponsor", "hr_contact", "finance_contact"] {
        f.push((format!("contact.{role}.name"), "Camille Martin".into()));
        f.push((format!("contact.{role}.email"), "camille.martin@example.gouv.fr".into()));
    }
    for a in ["outside_walls", "data_access", "openness"] {
        f.push(("attestation".into(), a.into()));
    }
    f
}

fn as_refs(v: &[(String, String)]) -> Vec<(&str, &str)> {
    v.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect()
}

#[tokio::test]
async fn call_for_projects_journey() {
    for db in TestDb::all().await {
        let name = db.name().to_owned();
        let w = World::with_eig(db).await;
        let staff_id = w.person("Stéphanie Staff", "staff@example.gouv.fr", &[RoleKind::ProgramStaff]).await;
        w.give_totp(staff_id, TOTP).await;
        let validator_id = w.person("Victor Validateur", "validator@example.gouv.fr", &[RoleKind::Validator]).await;
        w.give_totp(validator_id, TOTP).await;
        let juror_id = w.person("Julie Jurée", "juror@example.org", &[]).await;
        w.give_totp(juror_id, TOTP).await;
        w.person("Alain Administration", "alain@example.gouv.fr", &[]).await;

        // Staff create the cohort and open its call.
        let mut staff = w.browser();
        strong(&w, &mut staff, "staff@example.gouv.fr").await;
        assert_eq!(staff.get("/admin/cohorts").await.status, 200);
        let r = staff
            .post(
                "/admin/cohorts",
                &[
                    ("code", "eig-7"),
                    ("kind", "eig"),
                    ("number", "7"),
                    ("year", "2027"),
                    ("title_fr", "EIG 7"),
                    ("title_en", "EIG 7"),
                    ("copy_rules_from", ""),
                ],
            )
            .await;
        assert_eq!(r.header("location"), "/admin/cohorts/eig-7?created=1", "{name}: {}", r.body);
        let page = staff.get("/admin/cohorts/eig-7").await;
        assert_eq!(page.status, 200);
        // A time skipped by the clock change is refused with its field.
        let r = staff
            .post("/admin/cohorts/eig-7/calendar", &[("aap_open.starts", "2027-03-28T02:30"), ("aap_close.starts", "2027-04-30T17:00")])
            .await;
        assert_eq!(r.status, 400, "{name}");
        assert!(r.body.contains("les horloges avancent"), "{}", r.body);
        let r = staff
            .post("/admin/cohorts/eig-7/calendar", &[("aap_open.starts", "2026-11-15T09:00"), ("aap_close.starts", "2026-12-31T23:59")])
            .await;
        assert_eq!(r.header("location"), "/admin/cohorts/eig-7?saved=1", "{}", r.body);
        assert!(staff.get("/admin/cohorts/eig-7").await.texts("#phase")[0].contains("31/12/2026 23:59"));

        // An administration finds the call and starts a proposal.
        let mut admin = w.browser();
        admin.sign_in_by_link("alain@example.gouv.fr").await;
        let calls = admin.get("/calls").await;
        assert!(calls.texts("h2").iter().any(|h| h == "EIG 7"), "{name}: {:?}", calls.texts("h2"));
        let r = admin.post("/calls/eig-7/proposals", &[("name", "Mieux orienter les usagers")]).await;
        let location = r.header("location").to_owned();
        assert!(location.starts_with("/proposals/") && location.ends_with("?created=1"), "{name}: {}", r.body);
        let url = location.trim_end_matches("?created=1").to_owned();
        let id = url.trim_start_matches("/proposals/").to_owned();
        let page = admin.get(&url).await;
        assert_eq!(page.status, 200);
        assert_eq!(page.attrs("#proposal-form", "data-autosave"), [format!("{url}/autosave")]);
        let host = page.attrs("select#host option", "value")[1].clone();
        // The host is found under a former name too (aliases of the organisation tree).
        let search = admin.get(&format!("{url}?org=dinsic")).await;
        assert!(
            search.attrs("select#host option", "value").contains(&"dinum".to_owned()),
            "{name}: {:?}",
            search.attrs("select#host option", "value")
        );
        assert!(search.attrs("select#host option", "value").len() < 10, "the list is narrowed");
        assert_eq!(search.texts("#org-matches").len(), 1);
        let version = page.attrs("#proposal-version", "value")[0].clone();

        // The form is saved; a save from the same old version (another tab) is refused.
        let form = full_form(&version, &host);
        let r = admin.post(&url, &as_refs(&form)).await;
        assert_eq!(r.header("location"), format!("{url}?saved=1"), "{name}: {}", r.body);
        let r = admin.post(&format!("{url}/autosave"), &as_refs(&form)).await;
        assert_eq!(r.status, 409, "{name}: a stale autosave is refused");
        assert!(r.header("content-type").starts_with("application/json"));
        assert!(r.body.contains("\"current\""), "{}", r.body);
        let page = admin.get(&url).await;
        let version = page.attrs("#proposal-version", "value")[0].clone();
        assert_eq!(page.attrs("#text-problem", "id").len(), 1);
        assert!(page.body.contains("Les usagers se perdent entre les guichets."));
        // The same field twice is refused (parameter pollution).
        let mut twice = full_form(&version, &host);
        twice.push(("address".into(), "ailleurs".into()));
        assert_eq!(admin.post(&url, &as_refs(&twice)).await.status, 400);

        // The documents sit inside the form, before Save and the way to submission.
        let at = |needle: &str| page.body.find(needle).unwrap_or_else(|| panic!("{name}: {needle} on the page"));
        assert!(at("id=\"proposal-form\"") < at("id=\"documents-title\""), "{name}");
        assert!(at("id=\"upload-button\"") < at("id=\"save\"") && at("id=\"save\"") < at("id=\"to-submit\""), "{name}");
        // Not submittable without the deck; the page says so.
        let r = admin.get(&format!("{url}/submit")).await;
        assert!(r.texts("#missing li").iter().any(|l| l.contains("pièces")), "{name}: {:?}", r.texts("#missing li"));
        // Documents: HTML disguised as PDF is refused; a PDF is kept and downloadable.
        let r = admin
            .post_multipart(&format!("{url}/documents"), &[("key", "deck")], ("file", "deck.pdf", b"<html><script>alert(1)</script>"))
            .await;
        assert_eq!(r.status, 400, "{name}: {}", r.body);
        let r = admin.post_multipart(&format!("{url}/documents"), &[("key", "deck")], ("file", "Présentation.pdf", &pdf())).await;
        assert!(r.header("location").contains("uploaded=1"), "{name}: {} {}", r.status, r.body);

        // Nothing typed is lost without JavaScript either: the search and attach buttons belong
        // to the form, and what was typed is saved before searching or attaching.
        let version = admin.get(&url).await.attrs("#proposal-version", "value")[0].clone();
        let mut typed = full_form(&version, &host);
        typed.retain(|(k, _)| k != "text.benchmark");
        typed.push(("text.benchmark".into(), "Tapé avant de chercher".into()));
        typed.push(("org".into(), "dinsic".into()));
        typed.push(("do".into(), "search".into()));
        let r = admin.post(&url, &as_refs(&typed)).await;
        assert_eq!(r.header("location"), format!("{url}?saved=1&org=dinsic#host"), "{name}: {}", r.body);
        let page = admin.get(&format!("{url}?saved=1&org=dinsic")).await;
        assert_eq!(page.texts("#text-benchmark"), ["Tapé avant de chercher"], "{name}: saved before the search");
        assert!(page.attrs("select#host option", "value").len() < 10, "{name}: the list is narrowed");
        let version = page.attrs("#proposal-version", "value")[0].clone();
        let mut typed = full_form(&version, &host);
        typed.retain(|(k, _)| k != "text.benchmark");
        typed.push(("text.benchmark".into(), "Tapé avant de joindre".into()));
        typed.push(("key".into(), "deck".into()));
        let fields: Vec<(&str, &str)> = typed.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let r = admin.post_multipart(&format!("{url}/documents"), &fields, ("file", "Présentation.pdf", &pdf())).await;
        assert!(r.header("location").contains("uploaded=1"), "{name}: {} {}", r.status, r.body);
        assert_eq!(admin.get(&url).await.texts("#text-benchmark"), ["Tapé avant de joindre"], "{name}: saved before attaching");
        // The page's script searches without a reload; only those who may edit the draft may ask.
        let r = admin.get(&format!("{url}/organisations?q=dinsic")).await;
        assert_eq!((r.status.as_u16(), r.header("content-type")), (200, "application/json; charset=utf-8"), "{name}: {}", r.body);
        let found: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        assert!(found["options"].as_array().unwrap().iter().any(|o| o["value"] == "dinum"), "{name}: {}", r.body);
        assert!(found["message"].as_str().unwrap().contains("administration"), "{name}: {}", r.body);
        let d = admin.get(&format!("{url}/documents/deck")).await;
        assert_eq!(d.status, 200);
        assert!(d.header("content-disposition").starts_with("attachment;"), "{}", d.header("content-disposition"));
        assert_eq!(d.header("content-security-policy"), "sandbox");
        assert_eq!(d.body.as_bytes(), pdf().as_slice());
        // Someone else cannot read it.
        let mut stranger = w.browser();
        w.person("Sam Stranger", "sam@example.org", &[]).await;
        let stranger_search = stranger.get(&format!("{url}/organisations?q=dinsic")).await;
        assert_ne!(stranger_search.status, 200, "{name}: a stranger cannot use the page's search");
        stranger.sign_in_by_link("sam@example.org").await;
        assert_eq!(stranger.get(&url).await.status, 404, "{name}");
        assert_eq!(stranger.get(&format!("{url}/documents/deck")).await.status, 404);

        // Submission: the receipt carries the server's time and the fingerprint, sent by mail.
        let page = admin.get(&format!("{url}/submit")).await;
        assert!(page.texts("#missing").is_empty(), "{:?}", page.texts("#missing li"));
        let version = page.attrs("input[name=version]", "value")[0].clone();
        let r = admin.post(&format!("{url}/submit"), &[("version", &version)]).await;
        assert_eq!(r.status, 200, "{name}: {}", r.body);
        let hash = r.texts("#receipt code")[0].clone();
        assert_eq!(hash.len(), 64);
        w.run_jobs().await;
        let ack = &w.mails_to("alain@example.gouv.fr")[0];
        assert!(ack.mail.text.contains(&hash) && ack.mail.subject.contains("EIG-7-001"), "{}", ack.mail.text);
        let page = admin.get(&url).await;
        assert_eq!(page.texts("#proposal-status"), ["Déposée"]);
        assert!(page.attrs("#proposal-form", "id").is_empty(), "read-only once submitted");

        // Staff read a dossier, not a form of greyed inputs: every answer as text, the review panel
        // beside it, printable.
        let dossier = staff.get(&url).await;
        assert_eq!(dossier.status, 200);
        assert!(
            dossier
                .html()
                .select(&scraper::Selector::parse("#dossier input, #dossier textarea, #dossier select").unwrap())
                .next()
                .is_none()
        );
        assert!(dossier.texts("#dossier-texts dd").iter().any(|t| t.contains("Les usagers se perdent")), "{name}: {}", dossier.body);
        assert!(!dossier.attrs("#dossier-panel #step-form", "id").is_empty(), "{name}: the staff steps beside the dossier");
        assert!(!dossier.attrs("[data-print]", "data-print").is_empty());
        // The cohort's list: counts per status, a filter and an order; a bad choice is a 400.
        let list = staff.get("/review/eig-7?status=submitted&sort=reviews").await;
        assert_eq!(list.status, 200, "{}", list.body);
        assert!(list.body.contains("Mieux orienter les usagers"));
        assert!(list.texts("#review-shown")[0].starts_with("1 sur "), "{:?}", list.texts("#review-shown"));
        assert!(list.texts("#filter-status option").iter().any(|o| o == "Déposée (1)"), "{:?}", list.texts("#filter-status option"));
        let none = staff.get("/review/eig-7?status=heard").await;
        assert!(none.texts("#no-proposal").len() == 1 && none.texts("#review-shown")[0].starts_with("0 sur "), "{name}");
        assert_eq!(staff.get("/review/eig-7?sort=nope").await.status, 400);

        // Staff pre-select it and set up a panel; the juror is assigned, invited with an ICS file.
        assert!(staff.get("/review/eig-7").await.body.contains("Mieux orienter les usagers"));
        for step in ["start_review", "shortlist"] {
            staff.get(&url).await;
            let r = staff.post(&format!("{url}/step"), &[("step", step), ("reason", "")]).await;
            assert!(r.header("location").contains("step=1"), "{name}: {step}: {}", r.body);
        }
        staff.get("/admin/cohorts/eig-7/panels").await;
        staff.post("/admin/cohorts/eig-7/panels", &[("name", "Jury 1")]).await;
        let page = staff.get("/admin/cohorts/eig-7/panels").await;
        let panel = page.attrs("#juror-panel option", "value")[1].clone();
        let r = staff
            .post(
                "/admin/cohorts/eig-7/jurors",
                &[("panel", &panel), ("email", "juror@example.org"), ("organisation", ""), ("referent", "1")],
            )
            .await;
        assert!(r.status.is_redirection(), "{}", r.body);
        let r = staff.post("/admin/cohorts/eig-7/assign", &[]).await;
        assert!(r.header("location").contains("assigned=1"), "{name}: {}", r.header("location"));
        staff.get("/admin/cohorts/eig-7/panels").await;
        let r = staff
            .post(
                "/admin/cohorts/eig-7/hearings",
                &[
                    ("proposal", &id),
                    ("at", "2026-12-10T14:00"),
                    ("minutes", "40"),
                    ("mode", "video"),
                    ("location", "https://visio.example.gouv.fr/jury-1"),
                ],
            )
            .await;
        assert!(r.header("location").contains("scheduled=1"), "{name}: {}", r.body);
        w.run_jobs().await;
        let invite = w.mails_to("juror@example.org").into_iter().find(|m| m.mail.subject.contains("Audition")).expect("hearing mail");
        let ics = &invite.mail.attachments[0].content;
        assert!(ics.contains("BEGIN:VEVENT") && ics.contains("DTSTART:20261210T130000Z"), "{ics}");

        // The juror scores (and, as referent, gives the consensus), marks it heard and ranks.
        let mut juror = w.browser();
        strong(&w, &mut juror, "juror@example.org").await;
        let jury = juror.get("/jury").await;
        assert!(jury.body.contains("Mieux orienter les usagers"), "{name}: {}", jury.body);
        let kit = juror.get(&format!("/jury/proposals/{id}")).await;
        assert_eq!(kit.status, 200, "{}", kit.body);
        assert_eq!(kit.texts("#blind").len(), 1);
        let mut scores: Vec<(String, String)> = ["need", "definition", "commitment", "transformation", "openness"]
            .iter()
            .map(|k| (format!("score.{k}"), "4".to_owned()))
            .collect();
        scores.push(("opinion".into(), "favourable".into()));
        scores.push(("coup_de_coeur".into(), "1".into()));
        scores.push(("comment".into(), "Très convaincant".into()));
        let r = juror.post(&format!("/jury/proposals/{id}/evaluation"), &as_refs(&scores)).await;
        assert!(r.header("location").contains("evaluated=1"), "{name}: {}", r.body);
        scores.push(("consensus".into(), "1".into()));
        juror.get(&format!("/jury/proposals/{id}")).await;
        juror.post(&format!("/jury/proposals/{id}/evaluation"), &as_refs(&scores)).await;
        let kit = juror.get(&format!("/jury/proposals/{id}")).await;
        // The kit names documents by their kind, without codes or empty brackets, and shows the
        // consensus apart from the other jurors' scores.
        let docs = kit.texts("#kit-documents li");
        assert!(!docs.is_empty() && docs.iter().all(|d| !d.contains("(deck)") && !d.contains("()")), "{name}: {docs:?}");
        assert!(kit.texts("#consensus-result").join("").contains("20"), "{name}");
        assert!(kit.texts("#others li").is_empty(), "{name}: the consensus is not another juror: {:?}", kit.texts("#others li"));
        let r = juror.post(&format!("/jury/proposals/{id}/heard"), &[("outcome", "heard")]).await;
        assert!(r.status.is_redirection(), "{name}: {}", r.body);
        let kit = juror.get(r.header("location")).await;
        assert!(kit.body.contains("Audition enregistrée") && !kit.body.contains("Notation enregistrée"), "{name}: {}", kit.body);
        let ranking = juror.get(&format!("/jury/panels/{panel}/ranking")).await;
        assert_eq!(ranking.status, 200);
        let r = juror
            .post(
                &format!("/jury/panels/{panel}/ranking"),
                &[(&format!("position.{id}"), "1"), (&format!("explanation.{id}"), "Le meilleur")],
            )
            .await;
        assert_eq!(r.header("location"), "/jury", "{name}: {}", r.body);

        // Staff stage it; the validator approves for tomorrow 10:00.
        let page = staff.get("/decisions/eig-7").await;
        assert!(
            page.texts("#consolidation td").iter().any(|t| t == "20"),
            "{name}: consensus 20/20: {:?}",
            page.texts("#consolidation td")
        );
        let r = staff.post("/decisions/eig-7/stage", &[("proposal", &id), ("outcome", "selected")]).await;
        assert!(r.header("location").contains("staged=1"), "{}", r.body);
        // The audit log reads as a French office expects: who by name, when in Paris time,
        // statuses and outcomes in words (never their codes).
        let audit = staff.get("/admin/audit?action=decision_staged").await;
        let cells = |n: usize| audit.texts(&format!("#audit tbody tr:first-child td:nth-child({n})")).join(" ");
        assert!(cells(2).contains("(Europe/Paris, UTC+1)"), "{name}: {}", cells(2));
        assert!(!cells(3).is_empty() && !cells(3).contains("staff@example.gouv.fr"), "{name}: a name, not an address: {}", cells(3));
        assert!(cells(6).contains("Retenue") && !cells(6).contains("selected"), "{name}: {}", cells(6));
        let moves = staff.get("/admin/audit?action=proposal_status_changed").await.texts("#audit td:nth-child(6)").join(" ");
        assert!(moves.contains("Invitée en audition") && !moves.contains("shortlisted"), "{name}: {moves}");
        let mut validator = w.browser();
        strong(&w, &mut validator, "validator@example.gouv.fr").await;
        let page = validator.get("/decisions/eig-7").await;
        // The validator sees what they approve, and approving asks to confirm it.
        assert!(page.texts("#consolidation td").iter().any(|t| t == "Retenue"), "{name}: {:?}", page.texts("#consolidation td"));
        assert_eq!(page.texts("#approve-summary li"), ["Retenues : 1"], "{name}");
        let r = validator.post("/decisions/eig-7/approve", &[("publish_at", "2026-12-01T10:00")]).await;
        assert_eq!(r.status, 400, "{name}: not approved without confirming: {}", r.body);
        assert!(r.body.contains("confirmer"), "{name}: {}", r.body);
        assert!(validator.get("/decisions/eig-7").await.texts("#round").iter().any(|t| t.contains("préparation")), "{name}: still staging");
        let r = validator.post("/decisions/eig-7/approve", &[("publish_at", "2026-12-01T10:00"), ("confirm", "yes")]).await;
        assert!(r.header("location").contains("approved=1"), "{name}: {}", r.body);
        w.run_jobs().await;
        // Before publication nobody else knows.
        let page = admin.get(&url).await;
        assert_eq!(page.texts("#proposal-status"), ["Auditionnée"], "{name}");
        assert!(w.mails_to("alain@example.gouv.fr").iter().all(|m| !m.mail.subject.contains("retenue")));
        assert!(!juror.get(&format!("/jury/proposals/{id}")).await.body.contains("Retenue"));
        // At the chosen time the worker publishes.
        w.clock.advance(Duration::days(1));
        w.run_jobs().await;
        let mut admin = w.browser();
        admin.sign_in_by_link("alain@example.gouv.fr").await;
        assert_eq!(admin.get(&url).await.texts("#proposal-status"), ["Retenue"], "{name}");
        assert!(w.mails_to("alain@example.gouv.fr").iter().any(|m| m.mail.subject.contains("retenue")));

        // Staff edit and publish the challenge page: it is on the public site.
        let mut staff = w.browser();
        strong(&w, &mut staff, "staff@example.gouv.fr").await;
        let list = staff.get("/admin/challenges").await;
        let slug = list.attrs("#new-challenges a", "href")[0].trim_start_matches("/admin/challenges/").to_owned();
        assert_eq!(w.app.get(&format!("/challenges/{slug}")).await.status, 404, "{name}: framing is not public");
        let edit = staff.get(&format!("/admin/challenges/{slug}")).await;
        let body = edit.texts("#ch-body")[0].clone();
        let r = staff
            .post(
                &format!("/admin/challenges/{slug}"),
                &[
                    ("title", "Mieux orienter les usagers"),
                    ("tagline", "Trouver le bon guichet"),
                    ("city", "Paris"),
                    ("website", ""),
                    ("body_md", &body),
                    ("publish", "1"),
                ],
            )
            .await;
        assert!(r.status.is_redirection(), "{name}: {}", r.body);
        w.app.state.refresh().await.unwrap();
        let public = w.app.get(&format!("/challenges/{slug}")).await;
        assert_eq!(public.status, 200, "{name}");
        assert!(public.texts("h1").iter().any(|h| h.contains("Mieux orienter les usagers")));
        // Staff change its address after publication: the former one redirects for good.
        let r = staff
            .post(
                &format!("/admin/challenges/{slug}"),
                &[
                    ("slug", "orienter-les-usagers"),
                    ("title", "Mieux orienter les usagers"),
                    ("tagline", "Trouver le bon guichet"),
                    ("city", "Paris"),
                    ("website", ""),
                    ("body_md", &body),
                ],
            )
            .await;
        assert_eq!(r.header("location"), "/admin/challenges/orienter-les-usagers", "{name}: {}", r.body);
        w.app.state.refresh().await.unwrap();
        let moved = w.app.get(&format!("/challenges/{slug}")).await;
        assert_eq!((moved.status.as_u16(), moved.header("location")), (308, "/challenges/orienter-les-usagers"), "{name}");
        assert_eq!(w.app.get("/challenges/orienter-les-usagers").await.status, 200);

        // Exports.
        let csv = staff.get("/admin/cohorts/eig-7/proposals.csv").await;
        assert!(csv.body.contains("EIG-7-001") && csv.body.contains(&hash), "{name}");
        let header = csv.body.trim_start_matches('\u{feff}').lines().next().unwrap_or_default().to_owned();
        assert!(header.starts_with("Référence,Nom,Administration d’accueil,Statut,Déposée le (heure de Paris)"), "{header}");
        assert!(csv.body.contains(",Retenue"), "{name}: the outcome in words: {}", csv.body);
        let semi = staff.get("/admin/cohorts/eig-7/proposals.csv?sep=semicolon").await;
        let line = semi.body.lines().find(|l| l.starts_with("EIG-7-001")).unwrap_or_default().to_owned();
        let cells: Vec<&str> = line.split(';').collect();
        assert!(cells.len() >= 16, "{name}: semicolons: {line}");
        let paris = regex_lite_date(cells[4]);
        assert!(paris, "{name}: a Paris date dd/mm/yyyy hh:mm:ss: {}", cells[4]);
        assert!(cells[10].is_empty() || cells[10].contains(','), "{name}: a decimal comma: {}", cells[10]);
        let en = staff.get("/admin/cohorts/eig-7/proposals.csv?lang=en").await;
        assert!(
            en.body.trim_start_matches('\u{feff}').starts_with("Reference,Name,Host organisation,Status,Submitted (Paris time)"),
            "{}",
            en.body
        );
        staff.get("/admin/cohorts/eig-7?lang=fr").await;
        assert_eq!(staff.get("/admin/cohorts/eig-7/proposals.csv?sep=tab").await.status, 400);
        let xlsx = staff.get("/admin/cohorts/eig-7/proposals.xlsx").await;
        assert!(xlsx.header("content-type").contains("spreadsheetml") && xlsx.body.starts_with("PK"), "{name}");
    }
}

/// `dd/mm/yyyy hh:mm:ss`.
fn regex_lite_date(s: &str) -> bool {
    let b = s.as_bytes();
    s.len() == 19
        && b.iter().enumerate().all(|(i, c)| match i {
            2 | 5 => *c == b'/',
            10 => *c == b' ',
            13 | 16 => *c == b':',
            _ => c.is_ascii_digit(),
        })
}
