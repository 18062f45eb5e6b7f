//! The call for applications through the use cases, on SQLite and PostgreSQL (a module of the
//! `call` test binary: one link on CI's two cores): the call's rules, one application per person,
//! saves that never overwrite each other, the CV, the deadline, the acknowledgement, withdrawal,
//! and who may read an application.

use cohorte_app::applications::{self as apps, Saved as AppSaved};
use cohorte_domain::application::{ApplicationRules, ApplicationStatus, ApplicationText, Choice, ChoiceMode, Seats};
use cohorte_domain::cohort::ProfileKind;

use super::*;

/// An open call for applications on `eig-6` with two challenges: (rules, challenge ids).
async fn open_applications(w: &World, c: &Call) -> (ApplicationRules, Vec<String>) {
    let line = |k: MilestoneKind, st: &str| MilestoneInput { kind: k, starts: st.into(), ends: String::new() };
    calls::set_calendar(
        &w.ctx,
        &c.s,
        "eig-6",
        &[
            line(MilestoneKind::AapOpen, "2020-09-01T09:00"),
            line(MilestoneKind::AapClose, "2020-10-01T17:00"),
            line(MilestoneKind::AacOpen, "2021-01-05T09:00"),
            line(MilestoneKind::AacClose, "2021-02-01T12:00"),
        ],
        &meta(),
    )
    .await
    .unwrap();
    let mut ids = Vec::new();
    let host = {
        let mut conn = w.ctx.db.acquire().await.unwrap();
        cohorte_store::call::organisation(&mut conn.conn(), "dinum").await.unwrap().unwrap().id
    };
    for title in ["Orienter les usagers", "Détecter les fraudes"] {
        let mut tx = w.ctx.db.begin().await.unwrap();
        let co = cohorte_store::call::cohort_by_code(&mut tx.conn(), "eig-6").await.unwrap().unwrap();
        let ch = cohorte_store::call::NewChallenge {
            slug: cohorte_domain::text::slugify(title),
            reference: format!("EIG-6-{title}"),
            cohort: co.cohort_id(),
            year: 2021,
            title: title.into(),
            tagline: String::new(),
            host,
            host_label: "DINUM".into(),
            city: None,
            body_md: String::new(),
            skills: vec![],
        };
        ids.push(cohorte_store::call::create_challenge(&mut tx.conn(), &ch).await.unwrap().0.to_string());
        tx.commit().await.unwrap();
    }
    let seats = vec![
        Seats { challenge: ids[0].clone(), profile: ProfileKind::Developer, seats: 1 },
        Seats { challenge: ids[0].clone(), profile: ProfileKind::Designer, seats: 1 },
        Seats { challenge: ids[1].clone(), profile: ProfileKind::Developer, seats: 2 },
    ];
    let rules = ApplicationRules { choice_mode: ChoiceMode::AtApplication, ..ApplicationRules::eig5(seats) };
    apps::save_rules(&w.ctx, &c.s, "eig-6", &rules, &meta()).await.unwrap();
    (rules, ids)
}

fn filled(rules: &ApplicationRules, first: &str) -> cohorte_domain::application::ApplicationForm {
    cohorte_domain::application::ApplicationForm {
        name: "Ada Lovelace".into(),
        profiles: [ProfileKind::Developer].into(),
        years_experience: Some(4),
        texts: [(ApplicationText::Background, "Dix ans de logiciel libre".into()), (ApplicationText::Motivation, "Servir".into())].into(),
        choices: vec![Choice { challenge: first.into(), profile: ProfileKind::Developer, contribution: "Une piste".into() }],
        mobile: Some(false),
        available_at_start: Some(true),
        declarations: rules.declarations.iter().map(|d| d.key.clone()).collect(),
        consent: true,
        ..Default::default()
    }
}

#[tokio::test]
async fn a_candidate_applies_once_saves_safely_attaches_a_cv_submits_with_a_receipt_and_withdraws() {
    for db in TestDb::all().await {
        let name = db.name().to_owned();
        let w = World::new(db).await;
        let c = open_call(&w).await;
        let (rules, ids) = open_applications(&w, &c).await;
        let lea = w.person("lea@example.org", &[]).await;
        let s = w.session(lea, false).await;

        // One application per person and cohort: starting again returns it.
        let app = apps::start(&w.ctx, &s, "eig-6", &meta()).await.unwrap();
        assert_eq!((app.reference.as_str(), app.status), ("EIG-6-C0001", ApplicationStatus::Draft), "{name}");
        assert_eq!(apps::start(&w.ctx, &s, "eig-6", &meta()).await.unwrap().id, app.id, "{name}");
        let v = apps::view(&w.ctx, &s, app.id).await.unwrap();
        assert!(v.mine && v.can_edit && !v.can_withdraw, "{name}");
        assert_eq!(v.options.len(), 3, "{name}: every (challenge, profile) with seats");
        assert_eq!(v.options[0].title, "Détecter les fraudes", "{name}: by title");
        assert!(v.options.iter().all(|o| o.slug.is_none()), "{name}: challenge pages still in framing are not linked");
        assert!(v.missing.0.iter().any(|e| e.code == "cv-required"), "{name}: {:?}", v.missing);
        assert_eq!(v.deadline, Some(datetime!(2021-02-01 11:00 UTC)), "{name}: noon in Paris");

        // Saves never overwrite each other.
        let form = filled(&rules, &ids[0]);
        assert_eq!(apps::save(&w.ctx, &s, app.id, 1, &form, &meta()).await.unwrap(), AppSaved::Saved(2), "{name}");
        assert_eq!(apps::save(&w.ctx, &s, app.id, 1, &Default::default(), &meta()).await.unwrap(), AppSaved::Conflict { current: 2 });
        let mut bad = form.clone();
        bad.choices.push(Choice { challenge: "somewhere-else".into(), profile: ProfileKind::Developer, contribution: String::new() });
        assert_eq!(code(apps::save(&w.ctx, &s, app.id, 2, &bad, &meta()).await.unwrap_err()), "choices:choice-not-offered", "{name}");
        assert_eq!(apps::view(&w.ctx, &s, app.id).await.unwrap().salary.map(|b| b.net_monthly_eur), Some(3_500), "{name}: 4 years");

        // The CV is a whole PDF.
        let html = apps::upload(&w.ctx, &s, app.id, "cv", "cv.html", b"<html>%%EOF", &meta()).await.unwrap_err();
        assert_eq!(code(html), "document:file-not-pdf", "{name}");
        assert_eq!(code(apps::submit(&w.ctx, &s, app.id, 2, &meta()).await.unwrap_err()), "cv:cv-required", "{name}");
        let doc = apps::upload(&w.ctx, &s, app.id, "cv", "Mon CV.html", &pdf(), &meta()).await.unwrap();
        assert_eq!(doc.filename, "Mon CV.pdf", "{name}");

        // Submitted by the server's clock, with a fingerprint mailed to the candidate.
        assert_eq!(code(apps::submit(&w.ctx, &s, app.id, 1, &meta()).await.unwrap_err()), "form:version-conflict", "{name}");
        let receipt = apps::submit(&w.ctx, &s, app.id, 2, &meta()).await.unwrap();
        assert_eq!(
            (receipt.reference.as_str(), receipt.submitted_at, receipt.hash.len()),
            ("EIG-6-C0001", datetime!(2021-01-10 10:00 UTC), 64)
        );
        w.run_jobs().await;
        let mails = w.mails_to("lea@example.org");
        assert_eq!(mails.len(), 1, "{name}");
        assert!(mails[0].subject.contains("EIG-6-C0001") && mails[0].text.contains(&receipt.hash), "{name}: {}", mails[0].text);
        let v = apps::view(&w.ctx, &s, app.id).await.unwrap();
        assert!(!v.can_edit && v.can_withdraw && v.deadline.is_none(), "{name}: read-only, withdrawable");
        assert_eq!(v.application.submission_hash.as_deref(), Some(receipt.hash.as_str()), "{name}");
        let again = apps::save(&w.ctx, &s, app.id, 3, &form, &meta()).await.unwrap_err();
        assert_eq!(code(again), "denied:Forbidden", "{name}: read-only once submitted");
        assert_eq!(code(apps::upload(&w.ctx, &s, app.id, "cv", "cv.pdf", &pdf(), &meta()).await.unwrap_err()), "denied:Forbidden");

        // Nobody else reads it; staff need a strong session.
        let other = w.person("other@example.org", &[]).await;
        let o = w.session(other, false).await;
        assert_eq!(code(apps::view(&w.ctx, &o, app.id).await.unwrap_err()), "NotFound", "{name}");
        assert_eq!(code(apps::withdraw(&w.ctx, &o, app.id, &meta()).await.unwrap_err()), "NotFound", "{name}");
        assert_eq!(code(apps::document(&w.ctx, &o, app.id, "cv").await.unwrap_err()), "NotFound", "{name}");
        let staff_weak = w.session(c.s.actor.person().unwrap().id, false).await;
        assert_eq!(code(apps::view(&w.ctx, &staff_weak, app.id).await.unwrap_err()), "denied:SecondFactorRequired", "{name}");
        let seen = apps::view(&w.ctx, &c.s, app.id).await.unwrap();
        assert!(!seen.mine && !seen.can_edit && !seen.can_withdraw, "{name}: staff read, the candidate acts");
        assert_eq!(apps::document(&w.ctx, &c.s, app.id, "cv").await.unwrap().1, pdf(), "{name}");

        apps::withdraw(&w.ctx, &s, app.id, &meta()).await.unwrap();
        assert_eq!(apps::mine(&w.ctx, &s).await.unwrap()[0].0.status, ApplicationStatus::Withdrawn, "{name}");
        assert_eq!(code(apps::withdraw(&w.ctx, &s, app.id, &meta()).await.unwrap_err()), "denied:Forbidden", "{name}");
    }
}

#[tokio::test]
async fn the_deadline_closes_applications_by_the_servers_clock_and_rules_name_real_challenges() {
    for db in TestDb::all().await {
        let name = db.name().to_owned();
        let w = World::new(db).await;
        let c = open_call(&w).await;
        let (rules, ids) = open_applications(&w, &c).await;
        let tom = w.person("tom@example.org", &[]).await;
        let s = w.session(tom, false).await;
        let app = apps::start(&w.ctx, &s, "eig-6", &meta()).await.unwrap();
        let AppSaved::Saved(v) = apps::save(&w.ctx, &s, app.id, 1, &filled(&rules, &ids[1]), &meta()).await.unwrap() else { panic!() };
        apps::upload(&w.ctx, &s, app.id, "cv", "cv.pdf", &pdf(), &meta()).await.unwrap();
        w.clock.advance(datetime!(2021-02-01 11:00 UTC) - datetime!(2021-01-10 10:00 UTC));
        assert_eq!(code(apps::submit(&w.ctx, &s, app.id, v, &meta()).await.unwrap_err()), "form:deadline-passed", "{name}");
        assert_eq!(code(apps::save(&w.ctx, &s, app.id, v, &filled(&rules, &ids[1]), &meta()).await.unwrap_err()), "denied:Forbidden");
        let late = w.person("late@example.org", &[]).await;
        let l = w.session(late, false).await;
        assert_eq!(code(apps::start(&w.ctx, &l, "eig-6", &meta()).await.unwrap_err()), "denied:Forbidden", "{name}");
        // A draft left after the deadline can still be deleted.
        apps::delete_draft(&w.ctx, &s, app.id, &meta()).await.unwrap();
        assert!(apps::mine(&w.ctx, &s).await.unwrap().is_empty(), "{name}");

        let mut wrong = rules.clone();
        wrong.seats[0].challenge = "not-a-challenge".into();
        assert_eq!(code(apps::save_rules(&w.ctx, &c.s, "eig-6", &wrong, &meta()).await.unwrap_err()), "seats:unknown-challenge");
        assert_eq!(
            code(apps::save_rules(&w.ctx, &s, "eig-6", &rules, &meta()).await.unwrap_err()),
            "denied:Forbidden",
            "{name}: staff only"
        );
    }
}

#[tokio::test]
async fn reviewers_are_assigned_evenly_never_in_conflict_and_mentors_only_to_their_challenges_candidates() {
    use cohorte_domain::identity::Grant;
    for db in TestDb::all().await {
        let name = db.name().to_owned();
        let w = World::new(db).await;
        let c = open_call(&w).await;
        let (rules, ids) = open_applications(&w, &c).await;
        // Three pre-selectors of the cohort, and the mentor of the first challenge.
        let mut pre = Vec::new();
        for i in 0..3 {
            pre.push(w.person(&format!("pre{i}@example.org"), &[(RoleKind::Preselector, true)]).await);
        }
        let mentor = w.person("mentor@example.gouv.fr", &[]).await;
        {
            let mut tx = w.ctx.db.begin().await.unwrap();
            let ch = cohorte_domain::ids::ChallengeId::from_uuid(ids[0].parse().unwrap());
            let g = Grant { challenge: Some(ch), ..Grant::program(RoleKind::OperationalMentor) };
            cohorte_store::identity::grant_role(&mut tx.conn(), mentor, &g, None, "test", datetime!(2021-01-10 10:00 UTC)).await.unwrap();
            tx.commit().await.unwrap();
        }
        // Six candidates: three choose the first challenge, three the second.
        let mut apps = Vec::new();
        for i in 0..6 {
            let p = w.person(&format!("cand{i}@example.org"), &[]).await;
            let s = w.session(p, false).await;
            let a = apps::start(&w.ctx, &s, "eig-6", &meta()).await.unwrap();
            let form = filled(&rules, &ids[i % 2]);
            let AppSaved::Saved(v) = apps::save(&w.ctx, &s, a.id, 1, &form, &meta()).await.unwrap() else { panic!() };
            apps::upload(&w.ctx, &s, a.id, "cv", "cv.pdf", &pdf(), &meta()).await.unwrap();
            apps::submit(&w.ctx, &s, a.id, v, &meta()).await.unwrap();
            apps.push((a.id, i % 2));
        }
        // A pre-selector declared a conflict with the first candidate.
        {
            let mut tx = w.ctx.db.begin().await.unwrap();
            let now = datetime!(2021-01-10 10:00 UTC);
            cohorte_store::applications::declare_application_conflict(&mut tx.conn(), pre[0], apps[0].0, "ancien collègue", now)
                .await
                .unwrap();
            tx.commit().await.unwrap();
        }
        let staff_weak = w.session(c.s.actor.person().unwrap().id, false).await;
        assert!(apps::assign_reviewers(&w.ctx, &staff_weak, "eig-6", &meta()).await.is_err(), "{name}: staff, strongly signed in");
        let report = apps::assign_reviewers(&w.ctx, &c.s, "eig-6", &meta()).await.unwrap();
        assert_eq!((report.applications, report.pairs, report.short.len()), (6, 12, 0), "{name}: two reviewers each");
        let mut conn = w.ctx.db.acquire().await.unwrap();
        let co = cohorte_store::call::cohort_by_code(&mut conn.conn(), "eig-6").await.unwrap().unwrap().cohort_id();
        let rows = cohorte_store::applications::reviewers_of_cohort(&mut conn.conn(), co).await.unwrap();
        assert!(
            !rows.iter().any(|r| r.application_id == apps[0].0.as_uuid() && r.reviewer_id == pre[0].as_uuid()),
            "{name}: never in conflict"
        );
        for (app, choice) in &apps {
            let mine: Vec<_> = rows.iter().filter(|r| r.application_id == app.as_uuid()).collect();
            assert_eq!(mine.len(), 2, "{name}");
            let by_mentor = mine.iter().any(|r| r.reviewer_id == mentor.as_uuid());
            assert_eq!(by_mentor, *choice == 0, "{name}: the mentor reads exactly the candidates of their challenge");
        }
        let mut loads = BTreeMap::new();
        for r in &rows {
            *loads.entry(r.reviewer_id).or_insert(0) += 1;
        }
        assert_eq!(loads.values().sum::<i32>(), 12);
        assert!(loads.values().all(|l| *l == 3), "{name}: even loads: {loads:?}");
        let statuses: Vec<ApplicationStatus> = cohorte_store::applications::applications_of_cohort(&mut conn.conn(), co)
            .await
            .unwrap()
            .into_iter()
            .map(|a| a.status)
            .collect();
        assert!(statuses.iter().all(|s| *s == ApplicationStatus::InPreselection), "{name}: {statuses:?}");
        // Running it again assigns nobody twice.
        let again = apps::assign_reviewers(&w.ctx, &c.s, "eig-6", &meta()).await.unwrap();
        assert_eq!((again.applications, again.pairs), (0, 0), "{name}");
    }
}

#[tokio::test]
async fn reviewers_score_blind_and_the_consolidation_normalises_each_reviewer() {
    for db in TestDb::all().await {
        let name = db.name().to_owned();
        let w = World::new(db).await;
        let c = open_call(&w).await;
        let (rules, ids) = open_applications(&w, &c).await;
        let harsh = w.person("harsh@example.org", &[(RoleKind::Preselector, true)]).await;
        let kind = w.person("kind@example.org", &[(RoleKind::Preselector, true)]).await;
        let mut apps = Vec::new();
        for i in 0..3 {
            let p = w.person(&format!("cand{i}@example.org"), &[]).await;
            let s = w.session(p, false).await;
            let a = apps::start(&w.ctx, &s, "eig-6", &meta()).await.unwrap();
            let AppSaved::Saved(v) = apps::save(&w.ctx, &s, a.id, 1, &filled(&rules, &ids[0]), &meta()).await.unwrap() else { panic!() };
            apps::upload(&w.ctx, &s, a.id, "cv", "cv.pdf", &pdf(), &meta()).await.unwrap();
            apps::submit(&w.ctx, &s, a.id, v, &meta()).await.unwrap();
            apps.push(a);
        }
        let report = apps::assign_reviewers(&w.ctx, &c.s, "eig-6", &meta()).await.unwrap();
        assert_eq!(report.pairs, 6, "{name}: both read all three");
        let (h, k) = (w.session(harsh, true).await, w.session(kind, true).await);
        let grid = |v: u8| -> BTreeMap<String, u8> { rules.criteria.iter().map(|c| (c.key.clone(), v)).collect() };
        // A score off the scale or an incomplete grid is refused; a stranger is told it does not exist.
        assert_eq!(code(apps::review(&w.ctx, &h, apps[0].id, &grid(5), "", &meta()).await.unwrap_err()), "scores:score-range", "{name}");
        let mut partial = grid(2);
        partial.remove("drive");
        assert_eq!(code(apps::review(&w.ctx, &h, apps[0].id, &partial, "", &meta()).await.unwrap_err()), "scores:scores-incomplete");
        let stranger = w.session(w.person("nobody@example.org", &[]).await, false).await;
        assert_eq!(code(apps::review(&w.ctx, &stranger, apps[0].id, &grid(2), "", &meta()).await.unwrap_err()), "NotFound", "{name}");
        // The harsh reviewer gives 1, 2, 3 per criterion; the kind one 2, 3, 4: same order.
        for (i, a) in apps.iter().enumerate() {
            let v = u8::try_from(i).unwrap();
            apps::review(&w.ctx, &h, a.id, &grid(1 + v), "Relu", &meta()).await.unwrap();
        }
        let list = apps::to_review(&w.ctx, &k, "eig-6").await.unwrap();
        assert_eq!(list.len(), 3, "{name}");
        assert!(list.iter().all(|t| t.others.is_empty() && t.mine.is_none() && t.can_score), "{name}: blind until one's own scores are in");
        for (i, a) in apps.iter().enumerate() {
            let v = u8::try_from(i).unwrap();
            apps::review(&w.ctx, &k, a.id, &grid(2 + v), "Relu aussi", &meta()).await.unwrap();
        }
        let list = apps::to_review(&w.ctx, &k, "eig-6").await.unwrap();
        assert!(list.iter().all(|t| t.others.len() == 1 && t.mine.is_some()), "{name}: the others' scores show once one's own are in");
        let table = apps::consolidation(&w.ctx, &c.s, "eig-6").await.unwrap();
        assert_eq!(table.iter().map(|x| x.application.id).collect::<Vec<_>>(), [apps[2].id, apps[1].id, apps[0].id], "{name}: best first");
        let best = &table[0];
        let raw: std::collections::BTreeSet<u32> = best.scores.iter().map(|s| s.1).collect();
        assert_eq!(raw, [15, 20].into(), "{name}: raw totals /20 of both reviewers");
        for s in &best.scores {
            assert!((s.2.unwrap() - 1.224_744_871).abs() < 1e-6, "{name}: the same z-score for both reviewers: {:?}", best.scores);
        }
        let summary = best.summary.as_ref().unwrap();
        assert!((summary.raw_mean - 17.5).abs() < 1e-9 && !summary.disagreement, "{name}: {summary:?}");
        let candidate = w.session(apps[0].person_id, false).await;
        assert!(apps::consolidation(&w.ctx, &candidate, "eig-6").await.is_err(), "{name}: never a candidate");
    }
}

/// A submitted application of a new candidate, and the candidate's session.
async fn submitted_application(
    w: &World,
    email: &str,
    rules: &ApplicationRules,
    challenge: &str,
) -> (cohorte_store::applications::ApplicationRow, Session) {
    let p = w.person(email, &[]).await;
    let s = w.session(p, false).await;
    let a = apps::start(&w.ctx, &s, "eig-6", &meta()).await.unwrap();
    let form =
        cohorte_domain::application::ApplicationForm { name: email.split('@').next().unwrap().to_owned(), ..filled(rules, challenge) };
    let AppSaved::Saved(v) = apps::save(&w.ctx, &s, a.id, 1, &form, &meta()).await.unwrap() else { panic!() };
    apps::upload(&w.ctx, &s, a.id, "cv", "cv.pdf", &pdf(), &meta()).await.unwrap();
    apps::submit(&w.ctx, &s, a.id, v, &meta()).await.unwrap();
    (a, s)
}

/// Pre-selects each candidate, opens a slot for each on `challenge` (an hour apart), books it and
/// records the interview held.
async fn interviewed(
    w: &World,
    staff: &Session,
    people: &[(&cohorte_store::applications::ApplicationRow, &Session)],
    challenge: uuid::Uuid,
) {
    for (i, (a, s)) in people.iter().enumerate() {
        apps::preselection_step(&w.ctx, staff, a.id, apps::PreselectionStep::Preselect, "", &meta()).await.unwrap();
        let slot = cohorte_store::applications::NewSlot {
            challenge: Some(challenge),
            starts_at: datetime!(2021-01-20 09:00 UTC) + Duration::hours(i64::try_from(i).unwrap()),
            duration_minutes: 45,
            mode: cohorte_domain::proposal::HearingMode::Onsite,
            location: "20 avenue de Ségur".into(),
        };
        let id = apps::open_slot(&w.ctx, staff, "eig-6", &slot, &meta()).await.unwrap();
        apps::book(&w.ctx, s, a.id, id, &meta()).await.unwrap();
        apps::record_interview(&w.ctx, staff, a.id, true, &meta()).await.unwrap();
    }
}

#[tokio::test]
async fn staff_preselect_refuse_with_a_reason_or_ask_for_more_and_the_candidate_answers() {
    use cohorte_app::applications::PreselectionStep as P;
    for db in TestDb::all().await {
        let name = db.name().to_owned();
        let w = World::new(db).await;
        let c = open_call(&w).await;
        let (rules, ids) = open_applications(&w, &c).await;
        w.person("pre@example.org", &[(RoleKind::Preselector, true)]).await;
        let (a, sa) = submitted_application(&w, "a@example.org", &rules, &ids[0]).await;
        let (b, sb) = submitted_application(&w, "b@example.org", &rules, &ids[0]).await;
        let (d, _) = submitted_application(&w, "d@example.org", &rules, &ids[1]).await;
        apps::assign_reviewers(&w.ctx, &c.s, "eig-6", &meta()).await.unwrap();
        assert_eq!(
            code(apps::preselection_step(&w.ctx, &c.s, a.id, P::Refuse, " ", &meta()).await.unwrap_err()),
            "reason:required",
            "{name}"
        );
        assert_eq!(
            code(apps::preselection_step(&w.ctx, &sa, a.id, P::Preselect, "", &meta()).await.unwrap_err()),
            "denied:Forbidden",
            "{name}"
        );
        let to = apps::preselection_step(&w.ctx, &c.s, a.id, P::Refuse, "Profil trop éloigné des défis.", &meta()).await.unwrap();
        assert_eq!(to, ApplicationStatus::NotPreselected, "{name}");
        assert_eq!(apps::preselection_step(&w.ctx, &c.s, d.id, P::Preselect, "", &meta()).await.unwrap(), ApplicationStatus::Preselected);
        apps::preselection_step(&w.ctx, &c.s, b.id, P::RequestInformation, "Un exemple de code, s’il vous plaît.", &meta()).await.unwrap();
        w.run_jobs().await;
        let refused = w.mails_to("a@example.org");
        assert!(refused.iter().any(|m| m.text.contains("Profil trop éloigné")), "{name}: the reason is mailed");
        assert!(w.mails_to("b@example.org").iter().any(|m| m.text.contains("Un exemple de code")), "{name}");
        let v = apps::view(&w.ctx, &sb, b.id).await.unwrap();
        assert_eq!(
            (v.application.status, v.application.info_request.as_deref()),
            (ApplicationStatus::InfoRequested, Some("Un exemple de code, s’il vous plaît."))
        );
        // The candidate answers: texts and links may change, nothing else.
        let mut more = filled(&rules, &ids[1]);
        more.links = vec!["https://github.com/b".into()];
        more.years_experience = Some(30);
        apps::provide_information(&w.ctx, &sb, b.id, &more, &meta()).await.unwrap();
        let v = apps::view(&w.ctx, &sb, b.id).await.unwrap();
        assert_eq!(v.application.status, ApplicationStatus::InPreselection, "{name}: back to the reviewers");
        assert_eq!(v.application.form.links, ["https://github.com/b"], "{name}");
        assert_eq!(
            (v.application.form.years_experience, v.application.form.choices[0].challenge.as_str()),
            (Some(4), ids[0].as_str()),
            "{name}: the rest as submitted"
        );
        assert_eq!(
            code(apps::provide_information(&w.ctx, &sb, b.id, &more, &meta()).await.unwrap_err()),
            "denied:Forbidden",
            "{name}: once"
        );
        // Choosing after pre-selection is for the two-step mode only.
        assert_eq!(code(apps::choose(&w.ctx, &sb, d.id, &[], &meta()).await.unwrap_err()), "NotFound", "{name}: not theirs");
    }
}

#[tokio::test]
async fn in_the_two_step_mode_preselected_candidates_rank_their_choices_before_the_window_closes() {
    use cohorte_app::applications::PreselectionStep as P;
    for db in TestDb::all().await {
        let name = db.name().to_owned();
        let w = World::new(db).await;
        let c = open_call(&w).await;
        let (mut rules, ids) = open_applications(&w, &c).await;
        rules.choice_mode = ChoiceMode::AfterPreselection;
        apps::save_rules(&w.ctx, &c.s, "eig-6", &rules, &meta()).await.unwrap();
        let p = w.person("e@example.org", &[]).await;
        let s = w.session(p, false).await;
        let a = apps::start(&w.ctx, &s, "eig-6", &meta()).await.unwrap();
        let mut form = filled(&rules, &ids[0]);
        form.choices.clear();
        let AppSaved::Saved(v) = apps::save(&w.ctx, &s, a.id, 1, &form, &meta()).await.unwrap() else { panic!() };
        apps::upload(&w.ctx, &s, a.id, "cv", "cv.pdf", &pdf(), &meta()).await.unwrap();
        apps::submit(&w.ctx, &s, a.id, v, &meta()).await.unwrap();
        let choice = |ch: &str| Choice { challenge: ch.into(), profile: ProfileKind::Developer, contribution: "Une piste".into() };
        assert_eq!(
            code(apps::choose(&w.ctx, &s, a.id, &[choice(&ids[1])], &meta()).await.unwrap_err()),
            "denied:Forbidden",
            "{name}: after pre-selection"
        );
        w.person("pre@example.org", &[(RoleKind::Preselector, true)]).await;
        apps::assign_reviewers(&w.ctx, &c.s, "eig-6", &meta()).await.unwrap();
        apps::preselection_step(&w.ctx, &c.s, a.id, P::Preselect, "", &meta()).await.unwrap();
        let repeated = apps::choose(&w.ctx, &s, a.id, &[choice(&ids[1]), choice(&ids[1])], &meta()).await.unwrap_err();
        assert_eq!(code(repeated), "choices:repeated-choice", "{name}");
        apps::choose(&w.ctx, &s, a.id, &[choice(&ids[1]), choice(&ids[0])], &meta()).await.unwrap();
        let v = apps::view(&w.ctx, &s, a.id).await.unwrap();
        assert_eq!(v.application.status, ApplicationStatus::ChoicesSubmitted, "{name}");
        assert_eq!(v.application.form.choices.iter().map(|c| c.challenge.as_str()).collect::<Vec<_>>(), [ids[1].as_str(), ids[0].as_str()]);
        assert_eq!(
            code(apps::choose(&w.ctx, &s, a.id, &[choice(&ids[0])], &meta()).await.unwrap_err()),
            "denied:Forbidden",
            "{name}: once"
        );
    }
}

#[tokio::test]
async fn invited_candidates_book_one_slot_each_the_last_slot_goes_to_one_and_cancelling_frees_it() {
    use cohorte_app::applications::PreselectionStep as P;
    use cohorte_domain::proposal::HearingMode;
    use cohorte_store::applications::NewSlot;
    for db in TestDb::all().await {
        let name = db.name().to_owned();
        let w = World::new(db).await;
        let c = open_call(&w).await;
        let (rules, ids) = open_applications(&w, &c).await;
        w.person("pre@example.org", &[(RoleKind::Preselector, true)]).await;
        let (a, sa) = submitted_application(&w, "a@example.org", &rules, &ids[0]).await;
        let (b, sb) = submitted_application(&w, "b@example.org", &rules, &ids[0]).await;
        apps::assign_reviewers(&w.ctx, &c.s, "eig-6", &meta()).await.unwrap();
        let ch0 = Some(ids[0].parse::<uuid::Uuid>().unwrap());
        let ch1 = Some(ids[1].parse::<uuid::Uuid>().unwrap());
        let slot = |ch, day: i64| NewSlot {
            challenge: ch,
            starts_at: datetime!(2021-01-20 09:00 UTC) + Duration::days(day),
            duration_minutes: 45,
            mode: HearingMode::Video,
            location: "https://webinaire.numerique.gouv.fr/eig".into(),
        };
        let bad = NewSlot { location: "salle 3".into(), ..slot(ch0, 0) };
        assert_eq!(code(apps::open_slot(&w.ctx, &c.s, "eig-6", &bad, &meta()).await.unwrap_err()), "location:https-link", "{name}");
        let only = apps::open_slot(&w.ctx, &c.s, "eig-6", &slot(ch0, 0), &meta()).await.unwrap();
        let elsewhere = apps::open_slot(&w.ctx, &c.s, "eig-6", &slot(ch1, 1), &meta()).await.unwrap();
        // Not invited yet: no booking.
        assert_eq!(code(apps::book(&w.ctx, &sa, a.id, only, &meta()).await.unwrap_err()), "denied:Forbidden", "{name}");
        apps::preselection_step(&w.ctx, &c.s, a.id, P::Preselect, "", &meta()).await.unwrap();
        apps::preselection_step(&w.ctx, &c.s, b.id, P::Preselect, "", &meta()).await.unwrap();
        let (free, held) = apps::slots_for(&w.ctx, &sa, a.id).await.unwrap();
        assert_eq!(
            (free.iter().map(|s| s.id).collect::<Vec<_>>(), held),
            (vec![only], None),
            "{name}: only the slots of a chosen challenge"
        );
        assert_eq!(
            code(apps::book(&w.ctx, &sa, a.id, elsewhere, &meta()).await.unwrap_err()),
            "slot:slot-taken",
            "{name}: not a chosen challenge's"
        );
        // Both race for the last slot of their challenge: exactly one wins.
        let m = meta();
        let (ra, rb) = tokio::join!(apps::book(&w.ctx, &sa, a.id, only, &m), apps::book(&w.ctx, &sb, b.id, only, &m));
        let won: Vec<bool> = [&ra, &rb].iter().map(|r| r.is_ok()).collect();
        assert_eq!(won.iter().filter(|x| **x).count(), 1, "{name}: {ra:?} {rb:?}");
        let loser = if ra.is_ok() { rb } else { ra };
        assert_eq!(code(loser.unwrap_err()), "slot:slot-taken", "{name}");
        let (winner, ws, wemail) = if won[0] { (&a, &sa, "a@example.org") } else { (&b, &sb, "b@example.org") };
        assert_eq!(apps::view(&w.ctx, ws, winner.id).await.unwrap().application.status, ApplicationStatus::InterviewScheduled, "{name}");
        w.run_jobs().await;
        let invitation = w.mails_to(wemail).into_iter().find(|m| !m.attachments.is_empty()).expect("an invitation");
        assert!(invitation.attachments[0].content.contains("DTSTART:20210120T090000Z"), "{name}: {}", invitation.attachments[0].content);
        assert!(invitation.attachments[0].content.contains("METHOD:REQUEST"), "{name}");
        // Cancelling frees the slot (the calendar gets a cancellation), until 24 hours before.
        apps::cancel_interview(&w.ctx, ws, winner.id, &meta()).await.unwrap();
        assert_eq!(apps::view(&w.ctx, ws, winner.id).await.unwrap().application.status, ApplicationStatus::Preselected, "{name}");
        w.run_jobs().await;
        assert!(
            w.mails_to(wemail)
                .iter()
                .any(|m| m.attachments.iter().any(|x| x.content.contains("METHOD:CANCEL") && x.content.contains("SEQUENCE:1"))),
            "{name}"
        );
        apps::book(&w.ctx, ws, winner.id, only, &meta()).await.unwrap();
        w.clock.advance(datetime!(2021-01-19 10:00 UTC) - datetime!(2021-01-10 10:00 UTC));
        assert_eq!(code(apps::cancel_interview(&w.ctx, ws, winner.id, &meta()).await.unwrap_err()), "slot:too-late-to-cancel", "{name}");
    }
}

#[tokio::test]
async fn a_candidate_moves_their_interview_before_the_cutoff_and_is_reminded_of_the_one_they_hold() {
    use cohorte_app::applications::PreselectionStep as P;
    use cohorte_domain::proposal::HearingMode;
    use cohorte_store::applications::NewSlot;
    for db in TestDb::all().await {
        let name = db.name().to_owned();
        let w = World::new(db).await;
        let c = open_call(&w).await;
        let (rules, ids) = open_applications(&w, &c).await;
        w.person("pre@example.org", &[(RoleKind::Preselector, true)]).await;
        let (a, sa) = submitted_application(&w, "a@example.org", &rules, &ids[0]).await;
        apps::assign_reviewers(&w.ctx, &c.s, "eig-6", &meta()).await.unwrap();
        let ch0 = Some(ids[0].parse::<uuid::Uuid>().unwrap());
        let slot = |day: i64| NewSlot {
            challenge: ch0,
            starts_at: datetime!(2021-01-20 09:00 UTC) + Duration::days(day),
            duration_minutes: 45,
            mode: HearingMode::Onsite,
            location: "20 avenue de Ségur".into(),
        };
        let first = apps::open_slot(&w.ctx, &c.s, "eig-6", &slot(0), &meta()).await.unwrap();
        let second = apps::open_slot(&w.ctx, &c.s, "eig-6", &slot(1), &meta()).await.unwrap();
        apps::preselection_step(&w.ctx, &c.s, a.id, P::Preselect, "", &meta()).await.unwrap();
        // Nothing held: nothing to move.
        assert_eq!(code(apps::move_interview(&w.ctx, &sa, a.id, second, &meta()).await.unwrap_err()), "denied:Forbidden", "{name}");
        apps::book(&w.ctx, &sa, a.id, first, &meta()).await.unwrap();
        let v = apps::view(&w.ctx, &sa, a.id).await.unwrap();
        assert_eq!((v.held.map(|h| h.id), v.can_move_interview), (Some(first), true), "{name}");
        assert_eq!(v.slots.iter().map(|s| s.id).collect::<Vec<_>>(), [second], "{name}: the other free slots");
        // Only to a free slot; another person cannot move it.
        assert_eq!(code(apps::move_interview(&w.ctx, &sa, a.id, first, &meta()).await.unwrap_err()), "slot:slot-taken", "{name}");
        let (b, sb) = submitted_application(&w, "b@example.org", &rules, &ids[0]).await;
        assert_eq!(code(apps::move_interview(&w.ctx, &sb, a.id, second, &meta()).await.unwrap_err()), "NotFound", "{name}");
        let _ = b;
        w.run_jobs().await;
        let before = w.mails_to("a@example.org").len();
        apps::move_interview(&w.ctx, &sa, a.id, second, &meta()).await.unwrap();
        let v = apps::view(&w.ctx, &sa, a.id).await.unwrap();
        assert_eq!((v.application.status, v.held.map(|h| h.id)), (ApplicationStatus::InterviewScheduled, Some(second)), "{name}");
        assert_eq!(v.slots.iter().map(|s| s.id).collect::<Vec<_>>(), [first], "{name}: the first is free again");
        w.run_jobs().await;
        let mails = w.mails_to("a@example.org");
        let new: Vec<&String> = mails[before..].iter().flat_map(|m| m.attachments.iter().map(|x| &x.content)).collect();
        assert!(new.iter().any(|x| x.contains("METHOD:CANCEL") && x.contains("DTSTART:20210120T090000Z")), "{name}: {new:?}");
        assert!(new.iter().any(|x| x.contains("METHOD:REQUEST") && x.contains("DTSTART:20210121T090000Z")), "{name}: {new:?}");
        // Two days before, one reminder: of the slot held, not of the one left.
        w.clock.advance(datetime!(2021-01-19 10:00 UTC) - datetime!(2021-01-10 10:00 UTC));
        w.run_jobs().await;
        let reminders: Vec<String> =
            w.mails_to("a@example.org").iter().filter(|m| m.text.contains("Rappel")).map(|m| m.text.clone()).collect();
        assert_eq!(reminders.len(), 1, "{name}: {reminders:?}");
        assert!(reminders[0].contains("21/01/2021") && reminders[0].contains("20 avenue de Ségur"), "{name}: {}", reminders[0]);
        w.run_jobs().await;
        assert_eq!(w.mails_to("a@example.org").iter().filter(|m| m.text.contains("Rappel")).count(), 1, "{name}: once");
        // Within 24 hours of it, the interview stays where it is.
        w.clock.advance(Duration::days(1));
        assert_eq!(code(apps::move_interview(&w.ctx, &sa, a.id, first, &meta()).await.unwrap_err()), "slot:too-late-to-cancel", "{name}");
        assert!(!apps::view(&w.ctx, &sa, a.id).await.unwrap().can_move_interview, "{name}");
    }
}

#[tokio::test]
async fn an_interview_panel_proposes_another_challenge_which_the_candidate_accepts_or_declines() {
    for db in TestDb::all().await {
        let name = db.name().to_owned();
        let w = World::new(db).await;
        let c = open_call(&w).await;
        let (rules, ids) = open_applications(&w, &c).await;
        w.person("pre@example.org", &[(RoleKind::Preselector, true)]).await;
        let (ana, sa) = submitted_application(&w, "ana@example.org", &rules, &ids[0]).await;
        let (ben, sb) = submitted_application(&w, "ben@example.org", &rules, &ids[0]).await;
        apps::assign_reviewers(&w.ctx, &c.s, "eig-6", &meta()).await.unwrap();
        let (ch0, ch1): (uuid::Uuid, uuid::Uuid) = (ids[0].parse().unwrap(), ids[1].parse().unwrap());
        interviewed(&w, &c.s, &[(&ana, &sa), (&ben, &sb)], ch0).await;
        let mentor = w.person("mentor0@example.gouv.fr", &[]).await;
        let other_mentor = w.person("mentor1@example.gouv.fr", &[]).await;
        {
            let mut tx = w.ctx.db.begin().await.unwrap();
            for (p, ch) in [(mentor, ch0), (other_mentor, ch1)] {
                let g = cohorte_domain::identity::Grant {
                    role: RoleKind::OperationalMentor,
                    cohort: None,
                    challenge: Some(cohorte_domain::ids::ChallengeId::from_uuid(ch)),
                    organisation: None,
                };
                ids::grant_role(&mut tx.conn(), p, &g, None, "test", datetime!(2021-01-10 10:00 UTC)).await.unwrap();
            }
            tx.commit().await.unwrap();
        }
        let (sm, so) = (w.session(mentor, false).await, w.session(other_mentor, false).await);
        let m = meta();
        let suggest = |s, a, ch, p, note: &'static str| apps::suggest_challenge(&w.ctx, s, a, ch, p, note, &m);
        // Only the candidate's panel proposes, a list offered and not already chosen, once.
        assert!(matches!(suggest(&so, ana.id, ch1, ProfileKind::Developer, "").await, Err(AppError::NotFound)), "{name}: not her panel");
        assert!(matches!(suggest(&sb, ana.id, ch1, ProfileKind::Developer, "").await, Err(AppError::NotFound)), "{name}");
        let chosen = suggest(&sm, ana.id, ch0, ProfileKind::Developer, "").await.unwrap_err();
        assert_eq!(code(chosen), "challenge:already-chosen", "{name}");
        let not_offered = suggest(&sm, ana.id, ch1, ProfileKind::Designer, "").await.unwrap_err();
        assert_eq!(code(not_offered), "challenge:choice-not-offered", "{name}");
        suggest(&sm, ana.id, ch1, ProfileKind::Developer, "Votre expérience des données y servirait.").await.unwrap();
        let again = suggest(&c.s, ana.id, ch1, ProfileKind::Developer, "").await.unwrap_err();
        assert_eq!(code(again), "challenge:already-suggested", "{name}");
        suggest(&c.s, ben.id, ch1, ProfileKind::Developer, "").await.unwrap();
        // The panel sees what was proposed, and what it may still propose.
        let item = apps::interview_panel(&w.ctx, &sm, "eig-6").await.unwrap().into_iter().find(|i| i.application.id == ana.id).unwrap();
        assert_eq!(item.suggestions.iter().map(|s| s.title.as_str()).collect::<Vec<_>>(), ["Détecter les fraudes"], "{name}");
        assert_eq!(item.can_suggest.iter().map(|o| (o.0, o.1)).collect::<Vec<_>>(), [(ch0, ProfileKind::Designer)], "{name}");
        // The candidate is told, and answers on their page; nobody else may answer.
        w.run_jobs().await;
        let mail = w.mails_to("ana@example.org").into_iter().find(|m| m.text.contains("Détecter les fraudes")).expect("told");
        assert!(mail.text.contains("Votre expérience des données y servirait."), "{name}: {}", mail.text);
        let v = apps::view(&w.ctx, &sa, ana.id).await.unwrap();
        assert_eq!(v.suggestions.iter().map(|s| (s.title.as_str(), s.can_answer)).collect::<Vec<_>>(), [("Détecter les fraudes", true)]);
        let theirs = v.suggestions[0].row.id;
        assert!(matches!(apps::answer_suggestion(&w.ctx, &sb, ana.id, theirs, true, &meta()).await, Err(AppError::NotFound)), "{name}");
        let bens = apps::view(&w.ctx, &sb, ben.id).await.unwrap().suggestions[0].row.id;
        assert!(matches!(apps::answer_suggestion(&w.ctx, &sa, ana.id, bens, true, &meta()).await, Err(AppError::NotFound)), "{name}");
        apps::answer_suggestion(&w.ctx, &sb, ben.id, bens, false, &meta()).await.unwrap();
        apps::answer_suggestion(&w.ctx, &sa, ana.id, theirs, true, &meta()).await.unwrap();
        assert!(matches!(apps::answer_suggestion(&w.ctx, &sa, ana.id, theirs, false, &meta()).await, Err(AppError::Conflict(_))), "{name}");
        let v = apps::view(&w.ctx, &sa, ana.id).await.unwrap();
        assert_eq!(
            v.application.form.choices.iter().map(|c| (c.challenge.clone(), c.profile)).collect::<Vec<_>>(),
            [(ids[0].clone(), ProfileKind::Developer), (ids[1].clone(), ProfileKind::Developer)],
            "{name}: after her own choices"
        );
        assert!(!v.suggestions[0].can_answer, "{name}: answered");
        let v = apps::view(&w.ctx, &sb, ben.id).await.unwrap();
        assert_eq!(v.application.form.choices.len(), 1, "{name}: a decline changes nothing");
        // The other challenge's panel now sits on her interview, not on his; its list may rank her.
        let theirs: Vec<_> = apps::interview_panel(&w.ctx, &so, "eig-6").await.unwrap().into_iter().map(|i| i.application.id).collect();
        assert_eq!(theirs, [ana.id], "{name}");
        let refused = apps::set_ranking(&w.ctx, &c.s, "eig-6", ch1, ProfileKind::Developer, &[ben.id], &meta()).await.unwrap_err();
        assert_eq!(code(refused), "ranking:rank-interviewed-candidates-once", "{name}");
        apps::set_ranking(&w.ctx, &c.s, "eig-6", ch1, ProfileKind::Developer, &[ana.id], &meta()).await.unwrap();
        apps::set_ranking(&w.ctx, &c.s, "eig-6", ch0, ProfileKind::Developer, &[ben.id, ana.id], &meta()).await.unwrap();
        let view = apps::matching(&w.ctx, &c.s, "eig-6").await.unwrap();
        let list = |ch: &str| view.lists.iter().position(|l| l.challenge == ch && l.profile == ProfileKind::Developer);
        let placed = |id| view.candidates.iter().find(|x| x.application.id == id).unwrap().placed;
        assert_eq!((placed(ben.id), placed(ana.id)), (list(&ids[0]), list(&ids[1])), "{name}: her proposed challenge");
        // Once published, nothing more is proposed.
        let validator = w.person("validator@example.gouv.fr", &[(RoleKind::Validator, true)]).await;
        let sv = w.session(validator, true).await;
        apps::publish_matching(&w.ctx, &sv, "eig-6", true, &meta()).await.unwrap();
        let late = suggest(&c.s, ben.id, ch0, ProfileKind::Designer, "").await;
        assert!(matches!(late, Err(AppError::Denied(_))), "{name}: {late:?}");
    }
}

#[tokio::test]
async fn the_matching_fills_the_seats_from_the_ranked_lists_and_explains_each_missed_choice() {
    use cohorte_app::applications::PreselectionStep as P;
    use cohorte_domain::matching::Reason;
    for db in TestDb::all().await {
        let name = db.name().to_owned();
        let w = World::new(db).await;
        let c = open_call(&w).await;
        let (rules, ids) = open_applications(&w, &c).await;
        w.person("pre@example.org", &[(RoleKind::Preselector, true)]).await;
        // Seats: challenge 0 developer 1, challenge 0 designer 1, challenge 1 developer 2. Three
        // developers choose challenge 0.
        let mut people = Vec::new();
        for who in ["ana", "ben", "cyd"] {
            people.push(submitted_application(&w, &format!("{who}@example.org"), &rules, &ids[0]).await);
        }
        apps::assign_reviewers(&w.ctx, &c.s, "eig-6", &meta()).await.unwrap();
        for (a, _) in &people {
            apps::preselection_step(&w.ctx, &c.s, a.id, P::Preselect, "", &meta()).await.unwrap();
        }
        let ch0: uuid::Uuid = ids[0].parse().unwrap();
        // Interviews: a slot each, held.
        for (i, (a, s)) in people.iter().enumerate() {
            let slot = cohorte_store::applications::NewSlot {
                challenge: Some(ch0),
                starts_at: datetime!(2021-01-20 09:00 UTC) + Duration::hours(i64::try_from(i).unwrap()),
                duration_minutes: 45,
                mode: cohorte_domain::proposal::HearingMode::Onsite,
                location: "20 avenue de Ségur".into(),
            };
            let id = apps::open_slot(&w.ctx, &c.s, "eig-6", &slot, &meta()).await.unwrap();
            // The candidate's page offers the free slot, then the cancellation of the one held.
            let v = apps::view(&w.ctx, s, a.id).await.unwrap();
            assert!(v.can_book && v.slots.iter().any(|x| x.id == id) && v.held.is_none(), "{name}: the slot is offered");
            apps::book(&w.ctx, s, a.id, id, &meta()).await.unwrap();
            let v = apps::view(&w.ctx, s, a.id).await.unwrap();
            assert!(!v.can_book && v.slots.is_empty(), "{name}: one slot");
            assert_eq!((v.held.map(|h| h.id), v.can_cancel_interview), (Some(id), true), "{name}: held, cancellable");
            assert_eq!(apps::record_interview(&w.ctx, &c.s, a.id, true, &meta()).await.unwrap(), ApplicationStatus::Interviewed);
        }
        let (ana, ben, cyd) = (people[0].0.id, people[1].0.id, people[2].0.id);
        // The interview panel: the mentors of a chosen challenge and staff, scoring on the grid;
        // staff record the consensus, which the lists show.
        let mentor = w.person("mentor0@example.gouv.fr", &[]).await;
        let other_mentor = w.person("mentor1@example.gouv.fr", &[]).await;
        {
            let mut tx = w.ctx.db.begin().await.unwrap();
            for (p, ch) in [(mentor, &ids[0]), (other_mentor, &ids[1])] {
                let g = cohorte_domain::identity::Grant {
                    role: RoleKind::OperationalMentor,
                    cohort: None,
                    challenge: Some(cohorte_domain::ids::ChallengeId::from_uuid(ch.parse().unwrap())),
                    organisation: None,
                };
                ids::grant_role(&mut tx.conn(), p, &g, None, "test", datetime!(2021-01-10 10:00 UTC)).await.unwrap();
            }
            tx.commit().await.unwrap();
        }
        let (sm, so) = (w.session(mentor, false).await, w.session(other_mentor, false).await);
        assert_eq!(apps::interview_panel(&w.ctx, &sm, "eig-6").await.unwrap().len(), 3, "{name}: the candidates who chose their challenge");
        assert!(apps::interview_panel(&w.ctx, &so, "eig-6").await.unwrap().is_empty(), "{name}: nobody chose the other challenge");
        let grid = |n: u8| -> cohorte_domain::jury::Scores { rules.criteria.iter().map(|c| (c.key.clone(), n)).collect() };
        assert!(matches!(apps::score_interview(&w.ctx, &so, ana, &grid(3), "", false, &meta()).await, Err(AppError::NotFound)), "{name}");
        apps::score_interview(&w.ctx, &sm, ana, &grid(3), "Très clair", false, &meta()).await.unwrap();
        assert!(apps::score_interview(&w.ctx, &sm, ana, &grid(4), "", true, &meta()).await.is_err(), "{name}: the consensus is staff's");
        let item = apps::interview_panel(&w.ctx, &c.s, "eig-6").await.unwrap().into_iter().find(|i| i.application.id == ana).unwrap();
        assert_eq!((item.others.len(), item.can_consensus), (1, true), "{name}: staff see the member's scores");
        apps::score_interview(&w.ctx, &c.s, ana, &grid(4), "Consensus : excellent", true, &meta()).await.unwrap();
        let item = apps::interview_panel(&w.ctx, &sm, "eig-6").await.unwrap().into_iter().find(|i| i.application.id == ana).unwrap();
        assert_eq!(item.consensus.map(|e| e.comment), Some("Consensus : excellent".to_owned()), "{name}");
        // Only interviewed candidates who chose the list, each once.
        let twice = apps::set_ranking(&w.ctx, &c.s, "eig-6", ch0, ProfileKind::Developer, &[ben, ben], &meta()).await.unwrap_err();
        assert_eq!(code(twice), "ranking:rank-interviewed-candidates-once", "{name}");
        let not_chosen = apps::set_ranking(&w.ctx, &c.s, "eig-6", ch0, ProfileKind::Designer, &[ben], &meta()).await.unwrap_err();
        assert_eq!(code(not_chosen), "ranking:rank-interviewed-candidates-once", "{name}");
        // The panel ranks Ben, then Ana; Cyd is not ranked.
        apps::set_ranking(&w.ctx, &c.s, "eig-6", ch0, ProfileKind::Developer, &[ben, ana], &meta()).await.unwrap();
        let view = apps::matching(&w.ctx, &c.s, "eig-6").await.unwrap();
        assert!(view.stable, "{name}");
        let desk = cohorte_app::selection::matching(&w.ctx, &c.s, "eig-6").await.unwrap();
        let listed = desk.lists.iter().flat_map(|l| l.candidates.iter()).find(|x| x.application == ana.to_string()).unwrap();
        assert_eq!(listed.consensus, Some(20), "{name}: the consensus total beside the ranking");
        let dev0 = view.lists.iter().position(|l| l.challenge == ids[0] && l.profile == ProfileKind::Developer).unwrap();
        assert_eq!(view.lists[dev0].matched, [people[1].0.reference.clone()], "{name}: one seat, the best ranked");
        let find = |id| view.candidates.iter().find(|x| x.application.id == id).unwrap();
        assert_eq!(find(ben).placed, Some(dev0), "{name}");
        assert_eq!(find(ana).placed, None, "{name}");
        assert_eq!(find(ana).missed, [(dev0, Reason::SeatsTaken { own_rank: 2, admitted_ranks: vec![1] })], "{name}: ranks only");
        assert_eq!(find(cyd).missed, [(dev0, Reason::NotRanked)], "{name}");
        assert!(
            view.understaffed.contains(&ids[0]) && view.understaffed.contains(&ids[1]),
            "{name}: under two filled seats: {:?}",
            view.understaffed
        );
        // Never for a candidate.
        assert!(apps::matching(&w.ctx, &people[0].1, "eig-6").await.is_err(), "{name}");

        // Staff override: Ana on the developer seat too. The list is over its seat: the page says
        // so and the validator cannot publish.
        let validator = w.person("validator@example.gouv.fr", &[(RoleKind::Validator, true)]).await;
        let sv = w.session(validator, true).await;
        let dev = Some((ch0, ProfileKind::Developer));
        let no_reason = apps::override_seat(&w.ctx, &c.s, "eig-6", ana, dev, " ", &meta()).await.unwrap_err();
        assert_eq!(code(no_reason), "reason:required", "{name}");
        assert!(apps::override_seat(&w.ctx, &people[0].1, "eig-6", ana, dev, "Moi", &meta()).await.is_err(), "{name}: staff only");
        let unranked = apps::override_seat(&w.ctx, &c.s, "eig-6", cyd, dev, "Essai", &meta()).await.unwrap_err();
        assert_eq!(code(unranked), "target:not-acceptable", "{name}: only a list that ranks the candidate");
        apps::override_seat(&w.ctx, &c.s, "eig-6", ana, dev, "Profil plus proche du besoin", &meta()).await.unwrap();
        let view = apps::matching(&w.ctx, &c.s, "eig-6").await.unwrap();
        assert_eq!((view.stable, view.over_capacity.clone()), (false, vec![dev0]), "{name}");
        assert_eq!(code(apps::publish_matching(&w.ctx, &sv, "eig-6", true, &meta()).await.unwrap_err()), "matching:over-capacity");
        // Ben off the matching: the seat is Ana's, and the page names the blocking pair it makes
        // (Ben, ranked first, would rather have it and the list would rather have him).
        apps::override_seat(&w.ctx, &c.s, "eig-6", ben, None, "Indisponible à la date de début", &meta()).await.unwrap();
        let view = apps::matching(&w.ctx, &c.s, "eig-6").await.unwrap();
        let idx = |id| view.candidates.iter().position(|x| x.application.id == id).unwrap();
        assert_eq!((view.stable, view.over_capacity.is_empty()), (false, true), "{name}");
        assert_eq!(view.blocking, [(idx(ben), dev0)], "{name}: the blocking pair named");
        assert_eq!(view.lists[dev0].matched, [people[0].0.reference.clone()], "{name}");
        assert_eq!(
            view.overrides.iter().map(|o| (o.reference.as_str(), o.list, o.reason.as_str())).collect::<Vec<_>>(),
            [
                (people[0].0.reference.as_str(), Some(dev0), "Profil plus proche du besoin"),
                (people[1].0.reference.as_str(), None, "Indisponible à la date de début")
            ],
            "{name}: each override with its reason"
        );
        // Removing one goes back to the computed seat; the validator publishes what staff settled.
        apps::clear_override(&w.ctx, &c.s, "eig-6", ben, &meta()).await.unwrap();
        assert!(!apps::matching(&w.ctx, &c.s, "eig-6").await.unwrap().over_capacity.is_empty(), "{name}");
        apps::override_seat(&w.ctx, &c.s, "eig-6", ben, None, "Indisponible à la date de début", &meta()).await.unwrap();
        assert_eq!(apps::publish_matching(&w.ctx, &sv, "eig-6", true, &meta()).await.unwrap(), 1, "{name}");
        assert_eq!(apps::view(&w.ctx, &people[0].1, ana).await.unwrap().application.status, ApplicationStatus::Offered, "{name}");
        let late = apps::override_seat(&w.ctx, &c.s, "eig-6", cyd, None, "Trop tard", &meta()).await.unwrap_err();
        assert_eq!(code(late), "matching:already-published", "{name}");
    }
}

#[tokio::test]
async fn the_staffs_overrides_hold_when_offers_cascade() {
    for db in TestDb::all().await {
        let name = db.name().to_owned();
        let w = World::new(db).await;
        let c = open_call(&w).await;
        let (rules, ids) = open_applications(&w, &c).await;
        w.person("pre@example.org", &[(RoleKind::Preselector, true)]).await;
        let validator = w.person("validator@example.gouv.fr", &[(RoleKind::Validator, true)]).await;
        let sv = w.session(validator, true).await;
        // Four developers for the second challenge's two seats, ranked Ana, Ben, Cyd, Dan.
        let mut people = Vec::new();
        for who in ["ana", "ben", "cyd", "dan"] {
            people.push(submitted_application(&w, &format!("{who}@example.org"), &rules, &ids[1]).await);
        }
        apps::assign_reviewers(&w.ctx, &c.s, "eig-6", &meta()).await.unwrap();
        let ch1: uuid::Uuid = ids[1].parse().unwrap();
        interviewed(&w, &c.s, &people.iter().map(|(a, s)| (a, s)).collect::<Vec<_>>(), ch1).await;
        let order: Vec<_> = people.iter().map(|(a, _)| a.id).collect();
        apps::set_ranking(&w.ctx, &c.s, "eig-6", ch1, ProfileKind::Developer, &order, &meta()).await.unwrap();
        // Staff place Dan on a seat and take Ben off the matching; the validator publishes.
        let dev = Some((ch1, ProfileKind::Developer));
        apps::override_seat(&w.ctx, &c.s, "eig-6", order[3], dev, "Seul profil données", &meta()).await.unwrap();
        apps::override_seat(&w.ctx, &c.s, "eig-6", order[1], None, "Indisponible à la date de début", &meta()).await.unwrap();
        assert_eq!(apps::publish_matching(&w.ctx, &sv, "eig-6", true, &meta()).await.unwrap(), 2, "{name}");
        let status = async |i: usize| apps::view(&w.ctx, &people[i].1, order[i]).await.unwrap().application.status;
        use ApplicationStatus as S;
        assert_eq!(
            [status(0).await, status(1).await, status(2).await, status(3).await],
            [S::Offered, S::Interviewed, S::Interviewed, S::Offered]
        );
        // Ana declines: her seat goes to Cyd, the next on the list who is still in the matching;
        // Ben stays out and Dan keeps his offer (two seats, two offers).
        apps::answer_offer(&w.ctx, &people[0].1, order[0], false, &meta()).await.unwrap();
        assert_eq!(
            [status(0).await, status(1).await, status(2).await, status(3).await],
            [S::Declined, S::Interviewed, S::Offered, S::Offered],
            "{name}: the overrides hold"
        );
        let mut conn = w.ctx.db.acquire().await.unwrap();
        let co = cohorte_store::call::cohort_by_code(&mut conn.conn(), "eig-6").await.unwrap().unwrap().cohort_id();
        let pending =
            cohorte_store::applications::offers(&mut conn.conn(), co).await.unwrap().into_iter().filter(|o| o.response.is_none()).count();
        assert_eq!(pending, 2, "{name}: never more offers than seats");
    }
}

#[tokio::test]
async fn published_offers_cascade_down_the_lists_on_a_decline_or_an_expiry_and_stay_secret_before() {
    use cohorte_app::applications::PreselectionStep as P;
    for db in TestDb::all().await {
        let name = db.name().to_owned();
        let w = World::new(db).await;
        let c = open_call(&w).await;
        let (rules, ids) = open_applications(&w, &c).await;
        w.person("pre@example.org", &[(RoleKind::Preselector, true)]).await;
        let validator = w.person("validator@example.gouv.fr", &[(RoleKind::Validator, true)]).await;
        let sv = w.session(validator, true).await;
        // Four developers choose the second challenge (two developer seats).
        let mut people = Vec::new();
        for who in ["ana", "ben", "cyd", "dan"] {
            people.push(submitted_application(&w, &format!("{who}@example.org"), &rules, &ids[1]).await);
        }
        apps::assign_reviewers(&w.ctx, &c.s, "eig-6", &meta()).await.unwrap();
        let ch1: uuid::Uuid = ids[1].parse().unwrap();
        for (i, (a, s)) in people.iter().enumerate() {
            apps::preselection_step(&w.ctx, &c.s, a.id, P::Preselect, "", &meta()).await.unwrap();
            let slot = cohorte_store::applications::NewSlot {
                challenge: Some(ch1),
                starts_at: datetime!(2021-01-20 09:00 UTC) + Duration::hours(i64::try_from(i).unwrap()),
                duration_minutes: 45,
                mode: cohorte_domain::proposal::HearingMode::Onsite,
                location: "20 avenue de Ségur".into(),
            };
            let id = apps::open_slot(&w.ctx, &c.s, "eig-6", &slot, &meta()).await.unwrap();
            // The candidate's page offers the free slot, then the cancellation of the one held.
            let v = apps::view(&w.ctx, s, a.id).await.unwrap();
            assert!(v.can_book && v.slots.iter().any(|x| x.id == id) && v.held.is_none(), "{name}: the slot is offered");
            apps::book(&w.ctx, s, a.id, id, &meta()).await.unwrap();
            let v = apps::view(&w.ctx, s, a.id).await.unwrap();
            assert!(!v.can_book && v.slots.is_empty(), "{name}: one slot");
            assert_eq!((v.held.map(|h| h.id), v.can_cancel_interview), (Some(id), true), "{name}: held, cancellable");
            apps::record_interview(&w.ctx, &c.s, a.id, true, &meta()).await.unwrap();
        }
        let order: Vec<_> = people.iter().map(|(a, _)| a.id).collect();
        apps::set_ranking(&w.ctx, &c.s, "eig-6", ch1, ProfileKind::Developer, &order, &meta()).await.unwrap();
        // Staff do not publish; the validator confirms.
        assert_eq!(code(apps::publish_matching(&w.ctx, &c.s, "eig-6", true, &meta()).await.unwrap_err()), "denied:Forbidden", "{name}");
        assert_eq!(code(apps::publish_matching(&w.ctx, &sv, "eig-6", false, &meta()).await.unwrap_err()), "confirm:confirmation-required");
        // Before publication the candidates see nothing of the matching.
        let v = apps::view(&w.ctx, &people[0].1, order[0]).await.unwrap();
        assert_eq!((v.application.status, v.offer.is_none(), v.can_answer_offer), (ApplicationStatus::Interviewed, true, false), "{name}");
        assert_eq!(apps::publish_matching(&w.ctx, &sv, "eig-6", true, &meta()).await.unwrap(), 2, "{name}: two seats, two offers");
        assert_eq!(code(apps::publish_matching(&w.ctx, &sv, "eig-6", true, &meta()).await.unwrap_err()), "matching:already-published");
        let status = async |i: usize| apps::view(&w.ctx, &people[i].1, order[i]).await.unwrap().application.status;
        assert_eq!(
            [status(0).await, status(1).await, status(2).await, status(3).await],
            [ApplicationStatus::Offered, ApplicationStatus::Offered, ApplicationStatus::Interviewed, ApplicationStatus::Interviewed],
            "{name}: the two best ranked, the others in reserve"
        );
        w.run_jobs().await;
        assert!(w.mails_to("ana@example.org").iter().any(|m| m.text.contains("Détecter les fraudes")), "{name}: the offer is mailed");
        let v = apps::view(&w.ctx, &people[0].1, order[0]).await.unwrap();
        let offer = v.offer.expect("the offer shows");
        assert_eq!(
            (offer.title.as_str(), offer.profile, v.can_answer_offer),
            ("Détecter les fraudes", ProfileKind::Developer, true),
            "{name}"
        );
        let v = apps::view(&w.ctx, &people[3].1, order[3]).await.unwrap();
        assert!(v.offer.is_none() && !v.can_answer_offer, "{name}: a reserve has no offer");
        // Ben declines: the seat goes to Cyd.
        assert_eq!(apps::answer_offer(&w.ctx, &people[1].1, order[1], false, &meta()).await.unwrap(), ApplicationStatus::Declined);
        assert_eq!(status(2).await, ApplicationStatus::Offered, "{name}: the next on the list");
        assert_eq!(
            code(apps::answer_offer(&w.ctx, &people[3].1, order[3], true, &meta()).await.unwrap_err()),
            "denied:Forbidden",
            "{name}: no offer"
        );
        // Ana accepts; Cyd lets the offer expire: the worker expires it at the deadline and Dan gets it.
        assert_eq!(apps::answer_offer(&w.ctx, &people[0].1, order[0], true, &meta()).await.unwrap(), ApplicationStatus::Accepted);
        w.clock.advance(Duration::days(8));
        w.run_jobs().await;
        assert_eq!(
            [status(0).await, status(2).await, status(3).await],
            [ApplicationStatus::Accepted, ApplicationStatus::Expired, ApplicationStatus::Offered],
            "{name}"
        );
        assert_eq!(
            code(apps::answer_offer(&w.ctx, &people[2].1, order[2], true, &meta()).await.unwrap_err()),
            "denied:Forbidden",
            "{name}: expired"
        );
        // Ana's acceptance made her fellowship (salary band from her four years); the public page
        // shows her only once staff announce the team.
        let fellows = apps::fellowships(&w.ctx, &c.s, "eig-6").await.unwrap();
        assert_eq!(
            fellows
                .iter()
                .map(|f| (
                    f.name.as_str(),
                    f.challenge.as_str(),
                    f.fellowship.profile,
                    f.fellowship.state.as_str(),
                    f.fellowship.salary_net_monthly_eur
                ))
                .collect::<Vec<_>>(),
            [("ana", "Détecter les fraudes", ProfileKind::Developer, "onboarding", Some(3_500))],
            "{name}"
        );
        assert!(apps::fellowships(&w.ctx, &people[0].1, "eig-6").await.is_err(), "{name}: staff only");
        {
            let mut conn = w.ctx.db.acquire().await.unwrap();
            use cohorte_domain::content::ChallengeStatus as CS;
            assert!(cohorte_store::call::set_challenge_status(&mut conn.conn(), ch1, CS::Framing, CS::OpenForApplications).await.unwrap());
        }
        let slug = cohorte_domain::text::Slug::parse("detecter-les-fraudes").unwrap();
        let team = async || cohorte_app::public::challenge(&w.ctx, &Actor::Anonymous, &slug).await.unwrap().team;
        assert!(team().await.iter().all(|m| !m.is_fellow()), "{name}: not before the announcement");
        assert!(apps::announce_teams(&w.ctx, &people[0].1, "eig-6", &meta()).await.is_err(), "{name}: staff only");
        assert_eq!(apps::announce_teams(&w.ctx, &c.s, "eig-6", &meta()).await.unwrap(), 1, "{name}");
        assert_eq!(apps::announce_teams(&w.ctx, &c.s, "eig-6", &meta()).await.unwrap(), 0, "{name}: once");
        let team = team().await;
        assert_eq!(
            team.iter().filter(|m| m.is_fellow()).map(|m| (m.display_name.as_str(), m.profile.as_deref())).collect::<Vec<_>>(),
            [("ana", Some("developer"))],
            "{name}: the team shows"
        );
    }
}

#[tokio::test]
async fn the_demo_holds_a_call_for_applications_in_every_state_that_staff_can_walk_through() {
    use cohorte_app::demo::{DEMO_APPLICATIONS_COHORT as CODE, DEMO_CANDIDATES};
    for db in TestDb::all().await {
        let name = db.name().to_owned();
        let w = World::new(db).await;
        for (slug, label) in [("dinum", "DINUM"), ("drees", "DREES"), ("dggn", "DGGN")] {
            org(&w, slug, label, None).await;
        }
        cohorte_app::demo::seed(&w.ctx).await.unwrap();
        cohorte_app::demo::seed(&w.ctx).await.unwrap();
        let mut c = w.ctx.db.acquire().await.unwrap();
        let co = cohorte_store::call::cohort_by_code(&mut c.conn(), CODE).await.unwrap().unwrap();
        let all = cohorte_store::applications::applications_of_cohort(&mut c.conn(), co.cohort_id()).await.unwrap();
        assert_eq!(all.len(), DEMO_CANDIDATES + 1, "{name}: once, however often it is seeded");
        let statuses: std::collections::BTreeSet<_> = all.iter().map(|a| a.status).collect();
        for s in [
            ApplicationStatus::Draft,
            ApplicationStatus::Submitted,
            ApplicationStatus::InPreselection,
            ApplicationStatus::InfoRequested,
            ApplicationStatus::NotPreselected,
            ApplicationStatus::Ineligible,
            ApplicationStatus::Preselected,
            ApplicationStatus::InterviewScheduled,
            ApplicationStatus::Interviewed,
            ApplicationStatus::NoShow,
            ApplicationStatus::Withdrawn,
        ] {
            assert!(statuses.contains(&s), "{name}: some {s:?}");
        }
        drop(c);
        let staff = w.person("staff2@example.gouv.fr", &[(RoleKind::ProgramStaff, true)]).await;
        let s = w.session(staff, true).await;
        use cohorte_app::selection::{DESK_PER_PAGE, DeskQuery};
        let desk = cohorte_app::selection::desk(&w.ctx, &s, CODE, &DeskQuery::default()).await.unwrap();
        assert!(desk.rows.iter().filter(|r| r.consolidated.summary.as_ref().is_some_and(|x| x.z_mean.is_some())).count() > 30, "{name}");
        assert!(desk.rows.iter().any(|r| !r.steps.is_empty()), "{name}: steps to take");
        // A page at a time; a status and words of a name narrow it, the counts stay whole.
        let all: usize = desk.counts.iter().map(|(_, n)| n).sum();
        assert_eq!((desk.shown, desk.rows.len(), desk.page), (all, DESK_PER_PAGE, (1, all.div_ceil(DESK_PER_PAGE) as u32)), "{name}");
        let last = DeskQuery { page: 99, ..DeskQuery::default() };
        let end = cohorte_app::selection::desk(&w.ctx, &s, CODE, &last).await.unwrap();
        assert_eq!((end.page.0, end.rows.len()), (end.page.1, all - (all.div_ceil(DESK_PER_PAGE) - 1) * DESK_PER_PAGE), "{name}");
        let refused = DeskQuery { status: Some(ApplicationStatus::NotPreselected), ..DeskQuery::default() };
        let only = cohorte_app::selection::desk(&w.ctx, &s, CODE, &refused).await.unwrap();
        let n = desk.counts.iter().find(|(st, _)| *st == ApplicationStatus::NotPreselected).map(|(_, n)| *n).unwrap();
        assert!(only.rows.iter().all(|r| r.consolidated.application.status == ApplicationStatus::NotPreselected), "{name}");
        assert_eq!((only.shown, only.counts.clone()), (n, desk.counts.clone()), "{name}");
        let one = &desk.rows[3];
        let words = DeskQuery { text: format!("  {} ", one.name.to_uppercase()), ..DeskQuery::default() };
        let found = cohorte_app::selection::desk(&w.ctx, &s, CODE, &words).await.unwrap();
        assert!(found.rows.iter().any(|r| r.consolidated.application.id == one.consolidated.application.id), "{name}: {}", one.name);
        let by_ref = DeskQuery { text: one.consolidated.application.reference.to_lowercase(), ..DeskQuery::default() };
        assert_eq!(cohorte_app::selection::desk(&w.ctx, &s, CODE, &by_ref).await.unwrap().shown, 1, "{name}");
        let m = cohorte_app::selection::matching(&w.ctx, &s, CODE).await.unwrap();
        assert!(m.matching.lists.iter().filter(|l| !l.matched.is_empty()).count() >= 2, "{name}: the matching places people");
        assert!(m.matching.stable && m.can_rank && m.published.is_none(), "{name}");
        // The demo candidate may book a slot; the demo mentor has applications to score.
        let mut c = w.ctx.db.acquire().await.unwrap();
        let email = cohorte_domain::identity::Email::parse("candidate@demo.cohorte.test").unwrap();
        let (cand, _) = cohorte_store::identity::person_by_email(&mut c.conn(), &email).await.unwrap().unwrap();
        let email = cohorte_domain::identity::Email::parse("mentor@demo.cohorte.test").unwrap();
        let (mentor, _) = cohorte_store::identity::person_by_email(&mut c.conn(), &email).await.unwrap().unwrap();
        let mine = cohorte_store::applications::application_of(&mut c.conn(), co.cohort_id(), cand).await.unwrap().unwrap();
        drop(c);
        let v = apps::view(&w.ctx, &w.session(cand, false).await, mine.id).await.unwrap();
        assert!(
            v.can_book && !v.slots.is_empty(),
            "{name}: free slots to book: {:?} {} {:?}",
            v.application.status,
            v.can_book,
            v.application.form.choices
        );
        let r = cohorte_app::selection::reviews(&w.ctx, &w.session(mentor, false).await, CODE).await.unwrap();
        assert!(r.items.iter().any(|i| i.can_score && i.mine.is_none()), "{name}: the mentor has applications to score");
    }
}
