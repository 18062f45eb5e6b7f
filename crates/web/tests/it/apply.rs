//! The call for applications over HTTP, on SQLite and PostgreSQL: a candidate finds the call,
//! starts, saves, attaches a CV, submits with a receipt, and withdraws; nobody else reads it.

use cohorte_domain::application::{ApplicationRules, Seats};
use cohorte_domain::cohort::{Calendar, Milestone, MilestoneKind, ProfileKind, RuleSet};
use cohorte_store::call;
use cohorte_test_support::TestDb;

use crate::world::World;

fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".to_vec()
}

/// A cohort `eig-7` whose call for applications is open, with one challenge and two seats.
pub async fn open_applications(w: &World) -> String {
    let now = w.clock_now();
    let mut tx = w.app.state.ctx.db.begin().await.unwrap();
    let mut c = tx.conn();
    let new = call::NewCohort {
        code: "eig-7".into(),
        kind: "eig".into(),
        number: Some(7),
        year: 2027,
        title_fr: "EIG 7".into(),
        title_en: "EIG 7".into(),
    };
    let co = call::create_cohort(&mut c, &new).await.unwrap();
    let host = call::find_organisations(&mut c, "", 1).await.unwrap().remove(0).id;
    let ch = call::NewChallenge {
        slug: "orienter-les-usagers".into(),
        reference: "EIG-7-001".into(),
        cohort: co,
        year: 2027,
        title: "Orienter les usagers".into(),
        tagline: String::new(),
        host,
        host_label: "Administration".into(),
        city: None,
        body_md: String::new(),
        skills: vec![],
    };
    let (challenge, _) = call::create_challenge(&mut c, &ch).await.unwrap();
    let seats = vec![
        Seats { challenge: challenge.to_string(), profile: ProfileKind::Developer, seats: 1 },
        Seats { challenge: challenge.to_string(), profile: ProfileKind::Designer, seats: 1 },
    ];
    let rules = RuleSet {
        applications: Some(ApplicationRules {
            choice_mode: cohorte_domain::application::ChoiceMode::AtApplication,
            ..ApplicationRules::eig5(seats)
        }),
        ..RuleSet::eig5()
    };
    call::save_rules(&mut c, co, &rules, None, now).await.unwrap();
    let m = |kind, at| Milestone { kind, starts_at: at, ends_at: None };
    let cal = Calendar(vec![
        m(MilestoneKind::AacOpen, now - time::Duration::days(2)),
        m(MilestoneKind::AacClose, now + time::Duration::days(20)),
    ]);
    call::replace_calendar(&mut c, co, &cal).await.unwrap();
    tx.commit().await.unwrap();
    challenge.to_string()
}

/// The fields of a complete application choosing `challenge` as a developer.
pub fn complete(version: &str, challenge: &str) -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = vec![
        ("version".into(), version.into()),
        ("name".into(), "Léa Candidate".into()),
        ("phone".into(), "06 12 34 56 78".into()),
        ("profile".into(), "developer".into()),
        ("years_experience".into(), "4".into()),
        ("text.background".into(), "Dix ans de logiciel libre.".into()),
        ("text.motivation".into(), "Servir l’intérêt général.".into()),
        ("choice.0.target".into(), format!("{challenge}|developer")),
        ("choice.0.contribution".into(), "Commencer par les usagers.".into()),
        ("mobile".into(), "yes".into()),
        ("available_at_start".into(), "yes".into()),
        ("consent".into(), "1".into()),
        ("link".into(), "https://github.com/lea".into()),
    ];
    for d in ["not_civil_servant", "not_student", "not_juror"] {
        f.push(("declaration".into(), d.into()));
    }
    f
}

fn refs(v: &[(String, String)]) -> Vec<(&str, &str)> {
    v.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect()
}

#[tokio::test]
async fn call_for_applications_candidate_journey() {
    for db in TestDb::all().await {
        let name = db.name().to_owned();
        let w = World::with_eig(db).await;
        let challenge = open_applications(&w).await;
        w.person("Léa Candidate", "lea@example.org", &[]).await;
        w.person("Sam Stranger", "sam@example.org", &[]).await;

        // Anyone sees the open call; signing in lets one start.
        let mut anon = w.browser();
        let page = anon.get("/applications").await;
        assert_eq!(page.status, 200, "{name}");
        assert!(page.texts("h3").iter().any(|h| h == "EIG 7"), "{name}: {:?}", page.texts("h3"));
        let mut lea = w.browser();
        lea.sign_in_by_link("lea@example.org").await;
        let page = lea.get("/applications").await;
        assert_eq!(page.attrs("form[action='/calls/eig-7/applications']", "method"), ["post"], "{name}: the start button once signed in");
        let r = lea.post("/calls/eig-7/applications", &[]).await;
        let url = r.header("location").to_owned();
        assert!(url.starts_with("/applications/"), "{name}: {} {}", r.status, r.body);
        assert_eq!(lea.post("/calls/eig-7/applications", &[]).await.header("location"), url, "{name}: one application per cohort");
        let page = lea.get(&url).await;
        assert_eq!(page.status, 200, "{name}");
        assert_eq!(page.attrs("#application-form", "data-autosave"), [format!("{url}/autosave")]);
        assert!(page.texts("#missing li").iter().any(|l| l.contains("CV")), "{name}: {:?}", page.texts("#missing li"));
        let version = page.attrs("#proposal-version", "value")[0].clone();

        // Saved; a bad link is refused with its field, the typed values shown again.
        let mut bad = complete(&version, &challenge);
        bad.retain(|(k, _)| k != "link");
        bad.push(("link".into(), "javascript:alert(1)".into()));
        let r = lea.post(&url, &refs(&bad)).await;
        assert_eq!(r.status, 422, "{name}: {}", r.body);
        assert_eq!(r.texts("#text-background"), ["Dix ans de logiciel libre."], "{name}: nothing typed is lost");
        let r = lea.post(&url, &refs(&complete(&version, &challenge))).await;
        assert_eq!(r.header("location"), format!("{url}?saved=1"), "{name}: {}", r.body);
        let page = lea.get(&url).await;
        assert!(page.texts("#salary")[0].contains("3500"), "{name}: {:?}", page.texts("#salary"));
        let version = page.attrs("#proposal-version", "value")[0].clone();

        // The CV, attached with the form's fields (saved first).
        let mut fields = complete(&version, &challenge);
        fields.push(("key".into(), "cv".into()));
        let r = lea.post_multipart(&format!("{url}/documents"), &refs(&fields), ("file", "Mon CV.pdf", &pdf())).await;
        assert!(r.header("location").contains("uploaded=1"), "{name}: {} {}", r.status, r.body);
        let d = lea.get(&format!("{url}/documents/cv")).await;
        assert_eq!((d.status.as_u16(), d.header("content-security-policy")), (200, "sandbox"), "{name}");
        assert_eq!(d.body.as_bytes(), pdf().as_slice());

        // Submitted: the receipt on the page and by mail; read-only after.
        let page = lea.get(&url).await;
        let version = page.attrs("#proposal-version", "value")[0].clone();
        let r = lea.post(&format!("{url}/submit"), &refs(&complete(&version, &challenge))).await;
        assert_eq!(r.status, 200, "{name}: {}", r.body);
        let hash = r.texts("#receipt code");
        assert_eq!(hash.len(), 1, "{name}: {}", r.body);
        assert_eq!(hash[0].len(), 64);
        w.run_jobs().await;
        assert!(w.mails_to("lea@example.org").iter().any(|m| m.mail.text.contains(&hash[0])), "{name}: the fingerprint is mailed");
        let page = lea.get(&url).await;
        assert!(page.attrs("#application-form", "id").is_empty(), "{name}: read-only once submitted");
        assert_eq!(page.texts("#application-status"), ["Déposée"], "{name}");
        assert!(page.texts("#answers dd").iter().any(|t| t.contains("Dix ans de logiciel libre.")), "{name}");

        // Nobody else reads it or its CV.
        let mut sam = w.browser();
        sam.sign_in_by_link("sam@example.org").await;
        sam.get("/applications").await;
        assert_eq!(sam.get(&url).await.status, 404, "{name}");
        assert_eq!(sam.get(&format!("{url}/documents/cv")).await.status, 404, "{name}");
        assert_eq!(sam.post(&format!("{url}/withdraw"), &[("confirm", "1")]).await.status, 404, "{name}");

        // Withdrawn, once confirmed.
        assert_eq!(lea.post(&format!("{url}/withdraw"), &[]).await.status, 400, "{name}");
        let r = lea.post(&format!("{url}/withdraw"), &[("confirm", "1")]).await;
        assert_eq!(r.header("location"), format!("{url}?withdrawn=1"), "{name}: {}", r.body);
        assert_eq!(lea.get(&url).await.texts("#application-status"), ["Retirée"], "{name}");
        let mine = lea.get("/applications").await;
        assert_eq!(mine.texts("#my-applications li a").len(), 1, "{name}");
    }
}
