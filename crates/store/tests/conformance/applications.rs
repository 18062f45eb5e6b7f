//! `applications`: candidates' applications, their documents, reviewers, reviews and conflicts.

use std::collections::BTreeSet;

use cohorte_domain::application::{ApplicationForm, ApplicationStatus, ApplicationText};
use cohorte_domain::ids::ApplicationId;
use cohorte_domain::jury::Scores;
use cohorte_domain::proposal::AssignedBy;
use cohorte_store::applications::{self as a, ApplicationChange, ApplicationReviewRow, ReviewerRow};
use cohorte_test_support::TestDb;

use crate::support::{assert_conflict, at, cohort, world};

#[tokio::test]
async fn applications_are_one_per_person_numbered_saved_optimistically_and_moved_once() {
    for t in TestDb::all().await {
        let db = t.name().to_owned();
        let mut pc = t.db.acquire().await.unwrap();
        let mut c = pc.conn();
        let w = world(&mut c).await;
        let first = a::create_application(&mut c, &w.co, w.rules.id, w.ada, at(1)).await.unwrap();
        assert_eq!(first.reference, "EIG-9-C0001", "{db}");
        assert_eq!(
            (first.cohort_id, first.rule_set_id, first.person_id, first.status, first.version, first.created_at, first.updated_at),
            (w.co.cohort_id(), w.rules.id, w.ada, ApplicationStatus::Draft, 1, at(1), at(1)),
            "{db}"
        );
        assert_eq!((&first.form, first.submitted_at, &first.submission_hash), (&ApplicationForm::default(), None, &None), "{db}");
        assert_conflict(a::create_application(&mut c, &w.co, w.rules.id, w.ada, at(2)).await, &db);
        // Read with its cohort and rules in one statement, as the separate reads give them.
        let (app, co, rules) = a::application_in_context(&mut c, first.id).await.unwrap().unwrap();
        assert_eq!(app, first, "{db}");
        assert_eq!(Some(co), cohorte_store::call::cohort(&mut c, w.co.cohort_id()).await.unwrap(), "{db}");
        assert_eq!(rules, cohorte_store::call::rules(&mut c, w.rules.id).await.unwrap().unwrap().rules, "{db}");
        assert_eq!(a::application_in_context(&mut c, ApplicationId::new()).await.unwrap(), None, "{db}");
        let used = cohorte_store::call::rules(&mut c, w.rules.id).await.unwrap().unwrap().used_by;
        assert_eq!(used, 1, "{db}: an application uses the rules (a change makes a new version)");
        // Another cohort takes another application from the same person.
        let other = cohort(&mut c, "eig-10", 10, 2027).await;
        let elsewhere = a::create_application(&mut c, &other, w.rules.id, w.ada, at(2)).await.unwrap();
        assert_eq!(elsewhere.reference, "EIG-10-C0001", "{db}");

        // A deleted draft's number is never given again.
        let bob = a::create_application(&mut c, &w.co, w.rules.id, w.bob, at(3)).await.unwrap();
        assert!(a::delete_application_draft(&mut c, bob.id).await.unwrap(), "{db}");
        assert_eq!(a::application(&mut c, bob.id).await.unwrap(), None, "{db}");
        let cat = a::create_application(&mut c, &w.co, w.rules.id, w.cat, at(4)).await.unwrap();
        assert_eq!(cat.reference, "EIG-9-C0003", "{db}");
        assert_eq!(a::application_of(&mut c, w.co.cohort_id(), w.cat).await.unwrap(), Some(cat.clone()), "{db}");
        assert_eq!(a::application_of(&mut c, w.co.cohort_id(), w.bob).await.unwrap(), None, "{db}");
        let refs = |v: Vec<a::ApplicationRow>| v.into_iter().map(|x| x.reference).collect::<Vec<_>>();
        assert_eq!(refs(a::applications_of_cohort(&mut c, w.co.cohort_id()).await.unwrap()), ["EIG-9-C0001", "EIG-9-C0003"], "{db}");
        assert_eq!(refs(a::applications_of_person(&mut c, w.ada).await.unwrap()), ["EIG-10-C0001", "EIG-9-C0001"], "{db}: newest first");
        assert_eq!(a::application(&mut c, ApplicationId::new()).await.unwrap(), None, "{db}");

        // Saves do not overwrite each other.
        let mut form = ApplicationForm { years_experience: Some(7), teammate: "Camille « Cam »".into(), ..ApplicationForm::default() };
        form.texts.insert(ApplicationText::Motivation, "L’intérêt général\nsur deux lignes".into());
        assert_eq!(a::save_application(&mut c, first.id, 1, &form, at(5)).await.unwrap(), Some(2), "{db}");
        assert_eq!(a::save_application(&mut c, first.id, 1, &ApplicationForm::default(), at(6)).await.unwrap(), None, "{db}");
        let got = a::application(&mut c, first.id).await.unwrap().unwrap();
        assert_eq!((&got.form, got.version, got.updated_at), (&form, 2, at(5)), "{db}");

        // A status moves only from the status the caller saw.
        let submit = ApplicationChange { submission: Some((at(7), "sha".into())), ..Default::default() };
        let (d, s) = (ApplicationStatus::Draft, ApplicationStatus::Submitted);
        assert!(a::set_application_status(&mut c, first.id, d, s, &submit, at(7)).await.unwrap(), "{db}");
        assert!(!a::set_application_status(&mut c, first.id, d, s, &submit, at(8)).await.unwrap(), "{db}: only once");
        let ask = ApplicationChange { info_request: Some("Un exemple de code ?".into()), ..Default::default() };
        assert!(a::set_application_status(&mut c, first.id, s, ApplicationStatus::InfoRequested, &ask, at(9)).await.unwrap());
        let got = a::application(&mut c, first.id).await.unwrap().unwrap();
        assert_eq!(
            (got.status, got.submitted_at, got.submission_hash.as_deref(), got.info_request.as_deref(), got.version),
            (ApplicationStatus::InfoRequested, Some(at(7)), Some("sha"), Some("Un exemple de code ?"), 4),
            "{db}"
        );
        let refuse = ApplicationChange { reason: Some("Profil éloigné".into()), ..Default::default() };
        let (i, n) = (ApplicationStatus::InfoRequested, ApplicationStatus::NotPreselected);
        assert!(a::set_application_status(&mut c, first.id, i, n, &refuse, at(10)).await.unwrap());
        let got = a::application(&mut c, first.id).await.unwrap().unwrap();
        assert_eq!((got.status_reason.as_deref(), got.info_request, got.submitted_at), (Some("Profil éloigné"), None, Some(at(7))), "{db}");
        assert!(!a::delete_application_draft(&mut c, first.id).await.unwrap(), "{db}: only a draft is deleted");
    }
}

#[tokio::test]
async fn application_documents_replace_by_key_and_keep_their_bytes() {
    for t in TestDb::all().await {
        let db = t.name().to_owned();
        let mut pc = t.db.acquire().await.unwrap();
        let mut c = pc.conn();
        let w = world(&mut c).await;
        let app = a::create_application(&mut c, &w.co, w.rules.id, w.ada, at(1)).await.unwrap();
        assert!(a::application_documents(&mut c, app.id).await.unwrap().is_empty(), "{db}");
        a::put_application_document(&mut c, app.id, "cv", "cv-v1.pdf", b"%PDF-1 one", "h1", at(2)).await.unwrap();
        let id = a::put_application_document(&mut c, app.id, "cv", "cv-v2.pdf", b"%PDF-1 \x00two", "h2", at(3)).await.unwrap();
        a::put_application_document(&mut c, app.id, "portfolio", "p.pdf", b"%PDF-1 p", "h3", at(4)).await.unwrap();
        let docs = a::application_documents(&mut c, app.id).await.unwrap();
        assert_eq!(
            docs.iter().map(|d| (d.key.as_str(), d.filename.as_str(), d.size)).collect::<Vec<_>>(),
            [("cv", "cv-v2.pdf", 11), ("portfolio", "p.pdf", 8)],
            "{db}"
        );
        let (meta, bytes) = a::application_document(&mut c, app.id, "cv").await.unwrap().unwrap();
        assert_eq!((meta.id, meta.sha256.as_str(), meta.uploaded_at, bytes.as_slice()), (id, "h2", at(3), &b"%PDF-1 \x00two"[..]), "{db}");
        assert_eq!(a::application_document(&mut c, app.id, "deck").await.unwrap(), None, "{db}");
        // Deleting the draft deletes its documents.
        assert!(a::delete_application_draft(&mut c, app.id).await.unwrap());
        assert_eq!(
            crate::support::count(&mut c, "select count(*) from application_document where application_id = $1", app.id.as_uuid()).await,
            0,
            "{db}"
        );
    }
}

#[tokio::test]
async fn application_reviewers_reviews_and_conflicts_are_kept_per_cohort() {
    for t in TestDb::all().await {
        let db = t.name().to_owned();
        let mut pc = t.db.acquire().await.unwrap();
        let mut c = pc.conn();
        let w = world(&mut c).await;
        let x = a::create_application(&mut c, &w.co, w.rules.id, w.ada, at(1)).await.unwrap();
        let y = a::create_application(&mut c, &w.co, w.rules.id, w.bob, at(1)).await.unwrap();
        assert!(a::assign_reviewer(&mut c, x.id, w.cat, AssignedBy::Auto, 2, at(2)).await.unwrap(), "{db}");
        assert!(!a::assign_reviewer(&mut c, x.id, w.cat, AssignedBy::Manual, 5, at(3)).await.unwrap(), "{db}: already there");
        assert!(a::assign_reviewer(&mut c, y.id, w.cat, AssignedBy::Manual, 1, at(3)).await.unwrap());
        assert!(a::assign_reviewer(&mut c, y.id, w.ada, AssignedBy::Auto, 1, at(3)).await.unwrap());
        let row = |app: &a::ApplicationRow, r: cohorte_domain::ids::PersonId, by, order| ReviewerRow {
            application_id: app.id.as_uuid(),
            reviewer_id: r.as_uuid(),
            assigned_by: by,
            read_order: order,
        };
        let mine = a::assigned_to(&mut c, w.co.cohort_id(), w.cat).await.unwrap();
        assert_eq!(mine, [row(&y, w.cat, AssignedBy::Manual, 1), row(&x, w.cat, AssignedBy::Auto, 2)], "{db}: in reading order");
        assert_eq!(a::reviewers_of_cohort(&mut c, w.co.cohort_id()).await.unwrap().len(), 3, "{db}");
        assert!(a::unassign_reviewer(&mut c, y.id, w.ada).await.unwrap(), "{db}");
        assert!(!a::unassign_reviewer(&mut c, y.id, w.ada).await.unwrap(), "{db}");
        let other = cohort(&mut c, "eig-10", 10, 2027).await;
        assert!(a::assigned_to(&mut c, other.cohort_id(), w.cat).await.unwrap().is_empty(), "{db}");

        let scores: Scores = [("drive".to_owned(), 3), ("skills".to_owned(), 4)].into();
        a::save_application_review(&mut c, x.id, w.cat, &scores, "Solide", at(4)).await.unwrap();
        let better: Scores = [("drive".to_owned(), 4), ("skills".to_owned(), 4)].into();
        a::save_application_review(&mut c, x.id, w.cat, &better, "Très solide", at(5)).await.unwrap();
        assert_eq!(
            a::application_reviews(&mut c, w.co.cohort_id()).await.unwrap(),
            [ApplicationReviewRow {
                application_id: x.id.as_uuid(),
                reviewer_id: w.cat.as_uuid(),
                scores: better,
                comment: "Très solide".into(),
                updated_at: at(5)
            }],
            "{db}: replaced, not added"
        );

        assert!(a::declare_application_conflict(&mut c, w.cat, y.id, "Ancienne collègue", at(6)).await.unwrap(), "{db}");
        assert!(!a::declare_application_conflict(&mut c, w.cat, y.id, "Encore", at(7)).await.unwrap(), "{db}");
        assert_eq!(a::application_conflicts(&mut c, w.co.cohort_id()).await.unwrap(), [(w.cat.as_uuid(), y.id.as_uuid())], "{db}");
        assert!(a::application_conflicts(&mut c, other.cohort_id()).await.unwrap().is_empty(), "{db}");
    }
}

#[tokio::test]
async fn application_choices_are_the_challenges_of_the_cohort_by_title() {
    for t in TestDb::all().await {
        let db = t.name().to_owned();
        let mut pc = t.db.acquire().await.unwrap();
        let mut c = pc.conn();
        let w = world(&mut c).await;
        let other = cohort(&mut c, "eig-10", 10, 2027).await;
        let mut made = Vec::new();
        for (title, co) in [("Orienter les usagers", &w.co), ("Aider les agents", &w.co), ("Ailleurs", &other)] {
            let ch = cohorte_store::call::NewChallenge {
                slug: cohorte_domain::text::slugify(title),
                reference: format!("REF-{title}"),
                cohort: co.cohort_id(),
                year: co.year,
                title: title.into(),
                tagline: String::new(),
                host: w.org.as_uuid(),
                host_label: "DINUM".into(),
                city: None,
                body_md: String::new(),
                skills: vec![],
            };
            made.push(cohorte_store::call::create_challenge(&mut c, &ch).await.unwrap());
        }
        let got = a::challenges_of_cohort(&mut c, w.co.cohort_id()).await.unwrap();
        assert_eq!(
            got.iter().map(|x| (x.id, x.slug.as_str(), x.title.as_str(), x.status)).collect::<Vec<_>>(),
            [
                (made[1].0, made[1].1.as_str(), "Aider les agents", cohorte_domain::content::ChallengeStatus::Framing),
                (made[0].0, made[0].1.as_str(), "Orienter les usagers", cohorte_domain::content::ChallengeStatus::Framing)
            ],
            "{db}"
        );
    }
}

#[tokio::test]
async fn possible_reviewers_are_the_cohorts_preselectors_and_its_challenges_mentors() {
    use cohorte_domain::content::RoleKind;
    use cohorte_domain::identity::Grant;
    for t in TestDb::all().await {
        let db = t.name().to_owned();
        let mut pc = t.db.acquire().await.unwrap();
        let mut c = pc.conn();
        let w = world(&mut c).await;
        let other = cohort(&mut c, "eig-10", 10, 2027).await;
        let ch = cohorte_store::call::NewChallenge {
            slug: "orienter".into(),
            reference: "REF-1".into(),
            cohort: w.co.cohort_id(),
            year: 2026,
            title: "Orienter".into(),
            tagline: String::new(),
            host: w.org.as_uuid(),
            host_label: "DINUM".into(),
            city: None,
            body_md: String::new(),
            skills: vec![],
        };
        let (challenge, _) = cohorte_store::call::create_challenge(&mut c, &ch).await.unwrap();
        let id = |u: uuid::Uuid| cohorte_domain::ids::ChallengeId::from_uuid(u);
        let ids = cohorte_store::identity::grant_role;
        ids(&mut c, w.ada, &Grant { cohort: Some(w.co.cohort_id()), ..Grant::program(RoleKind::Preselector) }, None, "t", at(1))
            .await
            .unwrap();
        ids(&mut c, w.bob, &Grant::program(RoleKind::Preselector), None, "t", at(1)).await.unwrap();
        ids(&mut c, w.cat, &Grant { challenge: Some(id(challenge)), ..Grant::program(RoleKind::OperationalMentor) }, None, "t", at(1))
            .await
            .unwrap();
        let dan = crate::support::person(&mut c, "dan", "Dan").await;
        ids(&mut c, dan, &Grant { cohort: Some(other.cohort_id()), ..Grant::program(RoleKind::Preselector) }, None, "t", at(1))
            .await
            .unwrap();
        let got = a::possible_reviewers(&mut c, w.co.cohort_id()).await.unwrap();
        let mut want = vec![
            a::PossibleReviewer { person_id: w.ada.as_uuid(), challenge_id: None },
            a::PossibleReviewer { person_id: w.bob.as_uuid(), challenge_id: None },
            a::PossibleReviewer { person_id: w.cat.as_uuid(), challenge_id: Some(challenge) },
        ];
        want.sort_by_key(|r| (r.person_id, r.challenge_id));
        assert_eq!(got, want, "{db}: not the other cohort's pre-selector");
        let theirs = a::possible_reviewers(&mut c, other.cohort_id()).await.unwrap();
        assert_eq!(theirs.iter().map(|r| r.person_id).collect::<BTreeSet<_>>(), [w.bob.as_uuid(), dan.as_uuid()].into(), "{db}");
    }
}

#[tokio::test]
async fn interview_slots_hold_one_booking_and_a_race_for_the_last_one_has_one_winner() {
    use cohorte_domain::proposal::HearingMode;
    for t in TestDb::all().await {
        let db = t.name().to_owned();
        let (x, y, z, co) = {
            let mut pc = t.db.acquire().await.unwrap();
            let mut c = pc.conn();
            let w = world(&mut c).await;
            let x = a::create_application(&mut c, &w.co, w.rules.id, w.ada, at(1)).await.unwrap();
            let y = a::create_application(&mut c, &w.co, w.rules.id, w.bob, at(1)).await.unwrap();
            let z = a::create_application(&mut c, &w.co, w.rules.id, w.cat, at(1)).await.unwrap();
            (x.id, y.id, z.id, w.co.cohort_id())
        };
        let mut pc = t.db.acquire().await.unwrap();
        let mut c = pc.conn();
        let slot = |m: i64, mode| a::NewSlot { challenge: None, starts_at: at(m), duration_minutes: 30, mode, location: "Salle 1".into() };
        let late = a::create_slot(&mut c, co, &slot(120, HearingMode::Video), at(2)).await.unwrap();
        let early = a::create_slot(&mut c, co, &slot(60, HearingMode::Onsite), at(2)).await.unwrap();
        let got = a::slots(&mut c, co).await.unwrap();
        assert_eq!(
            got.iter().map(|s| (s.id, s.mode, s.application_id)).collect::<Vec<_>>(),
            [(early, HearingMode::Onsite, None), (late, HearingMode::Video, None)],
            "{db}: earliest first"
        );
        assert!(a::book_slot(&mut c, early, x, at(3)).await.unwrap(), "{db}");
        assert!(!a::book_slot(&mut c, late, x, at(3)).await.unwrap(), "{db}: one slot per application");
        assert!(!a::book_slot(&mut c, early, y, at(3)).await.unwrap(), "{db}: one application per slot");
        assert_eq!(a::cancel_booking(&mut c, x).await.unwrap(), Some(early), "{db}");
        assert_eq!(a::cancel_booking(&mut c, x).await.unwrap(), None, "{db}");
        let s = a::slots(&mut c, co).await.unwrap().into_iter().find(|s| s.id == early).unwrap();
        assert_eq!((s.application_id, s.sequence), (None, 1), "{db}: free again, its invitation to be updated");
        drop(pc);
        // Two candidates race for the last free slot (the other one is taken first), each in
        // its own transaction at once: exactly one wins.
        {
            let mut pc = t.db.acquire().await.unwrap();
            assert!(a::book_slot(&mut pc.conn(), early, x, at(4)).await.unwrap());
        }
        let race = |app| {
            let db2 = t.db.clone();
            async move {
                let mut tx = db2.begin().await.unwrap();
                let won = a::book_slot(&mut tx.conn(), late, app, at(5)).await;
                tx.commit().await.unwrap();
                won
            }
        };
        let (r1, r2) = tokio::join!(race(y), race(z));
        let wins = [r1.unwrap(), r2.unwrap()];
        assert_eq!(wins.iter().filter(|w| **w).count(), 1, "{db}: exactly one of the two wins: {wins:?}");
        let winner = if wins[0] { y } else { z };
        let mut pc = t.db.acquire().await.unwrap();
        let taken: Vec<Option<uuid::Uuid>> = a::slots(&mut pc.conn(), co).await.unwrap().into_iter().map(|s| s.application_id).collect();
        assert_eq!(taken, [Some(x.as_uuid()), Some(winner.as_uuid())], "{db}");
    }
}

#[tokio::test]
async fn ranked_lists_are_replaced_whole_and_read_in_order() {
    use cohorte_domain::cohort::ProfileKind;
    for t in TestDb::all().await {
        let db = t.name().to_owned();
        let mut pc = t.db.acquire().await.unwrap();
        let mut c = pc.conn();
        let w = world(&mut c).await;
        let ch = cohorte_store::call::NewChallenge {
            slug: "orienter".into(),
            reference: "REF-1".into(),
            cohort: w.co.cohort_id(),
            year: 2026,
            title: "Orienter".into(),
            tagline: String::new(),
            host: w.org.as_uuid(),
            host_label: "DINUM".into(),
            city: None,
            body_md: String::new(),
            skills: vec![],
        };
        let (challenge, _) = cohorte_store::call::create_challenge(&mut c, &ch).await.unwrap();
        let x = a::create_application(&mut c, &w.co, w.rules.id, w.ada, at(1)).await.unwrap().id;
        let y = a::create_application(&mut c, &w.co, w.rules.id, w.bob, at(1)).await.unwrap().id;
        let co = w.co.cohort_id();
        a::set_ranking(&mut c, co, challenge, ProfileKind::Developer, &[x, y], at(2)).await.unwrap();
        a::set_ranking(&mut c, co, challenge, ProfileKind::Designer, &[y], at(2)).await.unwrap();
        a::set_ranking(&mut c, co, challenge, ProfileKind::Developer, &[y, x], at(3)).await.unwrap();
        let got: Vec<(ProfileKind, uuid::Uuid, i32)> =
            a::rankings(&mut c, co).await.unwrap().into_iter().map(|r| (r.profile, r.application_id, r.position)).collect();
        let mut want = vec![
            (ProfileKind::Developer, y.as_uuid(), 1),
            (ProfileKind::Developer, x.as_uuid(), 2),
            (ProfileKind::Designer, y.as_uuid(), 1),
        ];
        want.sort_by_key(|(p, _, pos)| (p.as_str(), *pos));
        let mut got_sorted = got.clone();
        got_sorted.sort_by_key(|(p, _, pos)| (p.as_str(), *pos));
        assert_eq!(got_sorted, want, "{db}: replaced, not merged");
        a::set_ranking(&mut c, co, challenge, ProfileKind::Designer, &[], at(4)).await.unwrap();
        assert_eq!(a::rankings(&mut c, co).await.unwrap().len(), 2, "{db}");
    }
}

#[tokio::test]
async fn offers_are_made_replaced_for_a_better_seat_and_answered_once() {
    use cohorte_domain::cohort::ProfileKind;
    for t in TestDb::all().await {
        let db = t.name().to_owned();
        let mut pc = t.db.acquire().await.unwrap();
        let mut c = pc.conn();
        let w = world(&mut c).await;
        let co = w.co.cohort_id();
        let mut chs = Vec::new();
        for (i, title) in ["Orienter", "Détecter"].iter().enumerate() {
            let ch = cohorte_store::call::NewChallenge {
                slug: format!("defi-{i}"),
                reference: format!("REF-{i}"),
                cohort: co,
                year: 2026,
                title: (*title).into(),
                tagline: String::new(),
                host: w.org.as_uuid(),
                host_label: "DINUM".into(),
                city: None,
                body_md: String::new(),
                skills: vec![],
            };
            chs.push(cohorte_store::call::create_challenge(&mut c, &ch).await.unwrap().0);
        }
        let x = a::create_application(&mut c, &w.co, w.rules.id, w.ada, at(1)).await.unwrap().id;
        assert_eq!(a::matching_published(&mut c, co).await.unwrap(), None, "{db}");
        assert!(a::publish_matching(&mut c, co, w.cat, at(2)).await.unwrap(), "{db}");
        assert!(!a::publish_matching(&mut c, co, w.cat, at(3)).await.unwrap(), "{db}: once");
        assert_eq!(a::matching_published(&mut c, co).await.unwrap(), Some(at(2)), "{db}");
        a::put_offer(&mut c, x, chs[1], ProfileKind::Developer, at(100), at(2)).await.unwrap();
        a::put_offer(&mut c, x, chs[0], ProfileKind::Designer, at(200), at(5)).await.unwrap();
        let o = a::offers(&mut c, co).await.unwrap();
        assert_eq!(
            o.iter().map(|o| (o.challenge_id, o.profile, o.offered_at, o.deadline, o.response.clone())).collect::<Vec<_>>(),
            [(chs[0], ProfileKind::Designer, at(5), at(200), None)],
            "{db}: replaced by the better seat"
        );
        assert!(a::answer_offer(&mut c, x, "accepted", at(6)).await.unwrap(), "{db}");
        assert!(!a::answer_offer(&mut c, x, "declined", at(7)).await.unwrap(), "{db}: answered once");
        assert_eq!(a::offers(&mut c, co).await.unwrap()[0].response.as_deref(), Some("accepted"), "{db}");
        // The accepted offer makes a fellowship, once; announcing marks it once.
        let f = a::NewFellowship {
            application: x,
            person: w.ada,
            cohort: co,
            challenge: chs[0],
            profile: ProfileKind::Designer,
            salary_net_monthly_eur: Some(3_500),
        };
        assert!(a::create_fellowship(&mut c, &f, at(8)).await.unwrap(), "{db}");
        assert!(!a::create_fellowship(&mut c, &f, at(9)).await.unwrap(), "{db}: once per application");
        let all = a::fellowships(&mut c, co).await.unwrap();
        assert_eq!(
            all.iter()
                .map(|f| (
                    f.application_id,
                    f.person_id,
                    f.challenge_id,
                    f.profile,
                    f.state.as_str(),
                    f.salary_net_monthly_eur,
                    f.created_at,
                    f.announced_at
                ))
                .collect::<Vec<_>>(),
            [(x.as_uuid(), w.ada.as_uuid(), chs[0], ProfileKind::Designer, "onboarding", Some(3_500), at(8), None)],
            "{db}"
        );
        let announced = a::announce_fellowships(&mut c, co, at(10)).await.unwrap();
        assert_eq!(announced.iter().map(|f| (f.id, f.announced_at)).collect::<Vec<_>>(), [(all[0].id, Some(at(10)))], "{db}");
        assert!(a::announce_fellowships(&mut c, co, at(11)).await.unwrap().is_empty(), "{db}: announced once");
        assert_eq!(a::fellowships(&mut c, co).await.unwrap()[0].announced_at, Some(at(10)), "{db}");
        // Overrides: set, replaced, removed once.
        a::set_override(&mut c, co, x, Some((chs[1], ProfileKind::Developer)), "Équilibre des équipes", w.cat, at(12)).await.unwrap();
        a::set_override(&mut c, co, x, None, "Retiré de l’appariement", w.bob, at(13)).await.unwrap();
        let o = a::overrides(&mut c, co).await.unwrap();
        assert_eq!(
            o.iter()
                .map(|o| (o.application_id, o.challenge_id, o.profile.clone(), o.reason.as_str(), o.by_person, o.created_at))
                .collect::<Vec<_>>(),
            [(x.as_uuid(), None, None, "Retiré de l’appariement", w.bob.as_uuid(), at(13))],
            "{db}: replaced"
        );
        assert!(a::remove_override(&mut c, x).await.unwrap(), "{db}");
        assert!(!a::remove_override(&mut c, x).await.unwrap(), "{db}: once");
        assert!(a::overrides(&mut c, co).await.unwrap().is_empty(), "{db}");
        // Interview evaluations: a member's, replaced; the consensus apart.
        let grid: Scores = [("drive".to_owned(), 3u8), ("fit".to_owned(), 2)].into();
        a::save_interview_evaluation(&mut c, x, Some(w.bob), &grid, "Premier avis", at(14)).await.unwrap();
        a::save_interview_evaluation(&mut c, x, Some(w.bob), &grid, "Avis revu", at(15)).await.unwrap();
        a::save_interview_evaluation(&mut c, x, None, &grid, "Consensus", at(16)).await.unwrap();
        let e = a::interview_evaluations(&mut c, co).await.unwrap();
        let mut got: Vec<_> = e.iter().map(|e| (e.is_consensus(), e.comment.as_str(), e.updated_at, e.scores.clone())).collect();
        got.sort_by_key(|g| g.0);
        assert_eq!(got, [(false, "Avis revu", at(15), grid.clone()), (true, "Consensus", at(16), grid.clone())], "{db}");
        assert_eq!(e.iter().find(|e| !e.is_consensus()).unwrap().scorer, w.bob.to_string(), "{db}");
    }
}

#[tokio::test]
async fn suggestions_of_another_challenge_are_made_once_per_list_and_answered_once() {
    use cohorte_domain::cohort::ProfileKind;
    for t in TestDb::all().await {
        let db = t.name().to_owned();
        let mut pc = t.db.acquire().await.unwrap();
        let mut c = pc.conn();
        let w = world(&mut c).await;
        let co = w.co.cohort_id();
        let ch = cohorte_store::call::NewChallenge {
            slug: "detecter".into(),
            reference: "REF-9".into(),
            cohort: co,
            year: 2026,
            title: "Détecter".into(),
            tagline: String::new(),
            host: w.org.as_uuid(),
            host_label: "DINUM".into(),
            city: None,
            body_md: String::new(),
            skills: vec![],
        };
        let (challenge, _) = cohorte_store::call::create_challenge(&mut c, &ch).await.unwrap();
        let x = a::create_application(&mut c, &w.co, w.rules.id, w.ada, at(1)).await.unwrap().id;
        let first = a::suggest_challenge(&mut c, co, x, (challenge, ProfileKind::Designer), "Votre profil y manque.", w.cat, at(2))
            .await
            .unwrap()
            .expect("made");
        assert_eq!(
            a::suggest_challenge(&mut c, co, x, (challenge, ProfileKind::Designer), "Encore", w.bob, at(3)).await.unwrap(),
            None,
            "{db}: one suggestion per list"
        );
        let other =
            a::suggest_challenge(&mut c, co, x, (challenge, ProfileKind::Developer), "", w.bob, at(4)).await.unwrap().expect("made");
        let all = a::suggestions(&mut c, co).await.unwrap();
        assert_eq!(
            all.iter()
                .map(|s| (s.id, s.application_id, s.challenge_id, s.profile, s.note.as_str(), s.by_person, s.created_at, s.answer.clone()))
                .collect::<Vec<_>>(),
            [
                (first, x.as_uuid(), challenge, ProfileKind::Designer, "Votre profil y manque.", w.cat.as_uuid(), at(2), None),
                (other, x.as_uuid(), challenge, ProfileKind::Developer, "", w.bob.as_uuid(), at(4), None),
            ],
            "{db}"
        );
        assert!(a::answer_suggestion(&mut c, first, true, at(5)).await.unwrap(), "{db}");
        assert!(!a::answer_suggestion(&mut c, first, false, at(6)).await.unwrap(), "{db}: answered once");
        assert!(a::answer_suggestion(&mut c, other, false, at(6)).await.unwrap(), "{db}");
        let all = a::suggestions(&mut c, co).await.unwrap();
        assert_eq!(
            all.iter().map(|s| (s.accepted(), s.answer.clone(), s.answered_at)).collect::<Vec<_>>(),
            [(true, Some("accepted".into()), Some(at(5))), (false, Some("declined".into()), Some(at(6)))],
            "{db}"
        );
    }
}
