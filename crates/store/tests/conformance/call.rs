//! `call`: cohorts, calendars and rules, organisations, proposals with their members, documents and
//! reviews, and the challenges made from them. (Panels, hearings and decisions: `jury.rs`.)

use cohorte_domain::cohort::{Calendar, Milestone, MilestoneKind, RuleSet, TextField};
use cohorte_domain::content::{ChallengeStatus, Organisation, OrganisationKind};
use cohorte_domain::ids::{CohortId, RuleSetId};
use cohorte_domain::lang::Lang;
use cohorte_domain::proposal::{ContactRole, MemberRole, ProposalStatus, Recommendation};
use cohorte_domain::text::name_key;
use cohorte_store::call::{self, ChallengeEditRow, DocumentRow, MemberRow, NewChallenge, OrganisationChoice, ReviewInput, StatusChange};
use cohorte_store::{content, read};
use cohorte_test_support::TestDb;

use crate::slug;
use crate::support::{assert_conflict, assert_corrupt, at, cohort, count, exec, world};

#[tokio::test]
async fn call_cohorts_are_created_once_and_listed_newest_first() {
    for t in TestDb::all().await {
        let db = t.name().to_owned();
        let mut pc = t.db.acquire().await.unwrap();
        let mut c = pc.conn();
        let nine = cohort(&mut c, "eig-9", 9, 2026).await;
        let ten = cohort(&mut c, "eig-10", 10, 2027).await;
        assert_eq!(
            (nine.code.as_str(), nine.kind.as_str(), nine.number, nine.year, nine.proposals),
            ("eig-9", "eig", Some(9), 2026, 0),
            "{db}"
        );
        assert_eq!((nine.title(Lang::Fr), nine.title(Lang::En)), ("Promotion 9", "Class 9"), "{db}");
        assert_eq!(call::cohorts(&mut c).await.unwrap(), [ten.clone(), nine.clone()], "{db}: newest first");
        assert_eq!(call::cohort_by_code(&mut c, "eig-10").await.unwrap(), Some(ten.clone()), "{db}");
        assert_eq!(call::cohort(&mut c, ten.cohort_id()).await.unwrap().map(|x| x.code), Some("eig-10".to_owned()), "{db}");
        assert_eq!(call::cohort_by_code(&mut c, "eig-0").await.unwrap(), None);
        assert_eq!(call::cohort(&mut c, CohortId::new()).await.unwrap(), None);
        let again = call::NewCohort {
            code: "eig-9".into(),
            kind: "eig".into(),
            number: Some(9),
            year: 2026,
            title_fr: "Doublon".into(),
            title_en: "Duplicate".into(),
        };
        assert_conflict(call::create_cohort(&mut c, &again).await, &db);
    }
}

#[tokio::test]
async fn call_calendars_are_replaced_whole_and_read_in_time_order() {
    for t in TestDb::all().await {
        let db = t.name().to_owned();
        let mut pc = t.db.acquire().await.unwrap();
        let mut c = pc.conn();
        let (nine, ten) = (cohort(&mut c, "eig-9", 9, 2026).await.cohort_id(), cohort(&mut c, "eig-10", 10, 2027).await.cohort_id());
        assert_eq!(call::calendar(&mut c, nine).await.unwrap(), Calendar::default(), "{db}");
        let open = Milestone { kind: MilestoneKind::AapOpen, starts_at: at(0), ends_at: Some(at(30 * 24 * 60)) };
        let close = Milestone { kind: MilestoneKind::AapClose, starts_at: at(30 * 24 * 60), ends_at: None };
        call::replace_calendar(&mut c, nine, &Calendar(vec![close, open])).await.unwrap();
        let jury = Milestone { kind: MilestoneKind::AapJury, starts_at: at(60), ends_at: None };
        call::replace_calendar(&mut c, ten, &Calendar(vec![jury])).await.unwrap();
        assert_eq!(call::calendar(&mut c, nine).await.unwrap(), Calendar(vec![open, close]), "{db}: earliest first");
        call::replace_calendar(&mut c, nine, &Calendar(vec![jury])).await.unwrap();
        assert_eq!(call::calendar(&mut c, nine).await.unwrap(), Calendar(vec![jury]), "{db}: replaced, not merged");
        assert_eq!(call::calendar(&mut c, ten).await.unwrap(), Calendar(vec![jury]), "{db}");
        call::replace_calendar(&mut c, nine, &Calendar::default()).await.unwrap();
        assert_eq!(call::calendar(&mut c, nine).await.unwrap(), Calendar::default(), "{db}");
    }
}

#[tokio::test]
async fn call_rules_are_versioned_once_a_proposal_uses_them() {
    for t in TestDb::all().await {
        let db = t.name().to_owned();
        let mut pc = t.db.acquire().await.unwrap();
        let mut c = pc.conn();
        let w = world(&mut c).await;
        let co = cohort(&mut c, "eig-10", 10, 2027).await;
        let id = co.cohort_id();
        assert_eq!(call::current_rules(&mut c, id).await.unwrap(), None, "{db}");
        assert!(call::rule_versions(&mut c, id).await.unwrap().is_empty(), "{db}");
        let eig5 = RuleSet::eig5();
        let v1 = call::save_rules(&mut c, id, &eig5, Some(w.ada), at(1)).await.unwrap();
        assert_eq!((v1.version, v1.used_by, v1.created_at, &v1.rules), (1, 0, at(1), &eig5), "{db}");
        let wider = RuleSet { scale_max: 5, ..eig5.clone() };
        let edited = call::save_rules(&mut c, id, &wider, None, at(2)).await.unwrap();
        assert_eq!(
            (edited.id, edited.version, edited.created_at, &edited.rules),
            (v1.id, 1, at(2), &wider),
            "{db}: unused, edited in place"
        );
        assert_eq!(call::current_rules(&mut c, id).await.unwrap(), Some(edited.clone()), "{db}");

        call::create_proposal(&mut c, &co, v1.id, "Projet", w.ada, at(3)).await.unwrap();
        assert_eq!(call::rules(&mut c, v1.id).await.unwrap().map(|r| r.used_by), Some(1), "{db}");
        let v2 = call::save_rules(&mut c, id, &eig5, Some(w.ada), at(4)).await.unwrap();
        assert_ne!(v2.id, v1.id, "{db}: a used version is never edited");
        assert_eq!((v2.version, v2.used_by, &v2.rules), (2, 0, &eig5), "{db}");
        assert_eq!(call::rules(&mut c, v1.id).await.unwrap().map(|r| r.rules), Some(wider), "{db}");
        assert_eq!(call::rule_versions(&mut c, id).await.unwrap().iter().map(|r| r.version).collect::<Vec<_>>(), [2, 1], "{db}");
        assert_eq!(call::current_rules(&mut c, id).await.unwrap().map(|r| r.id), Some(v2.id), "{db}");
        assert_eq!(call::rules(&mut c, RuleSetId::new()).await.unwrap(), None);
        assert_eq!(call::current_rules(&mut c, w.co.cohort_id()).await.unwrap().map(|r| r.id), Some(w.rules.id), "{db}: per cohort");

        // Rules that no longer parse are reported, not guessed.
        exec(&mut c, "update rule_set set body = '{\"criteria\": 3}' where version = 2").await.unwrap();
        assert_corrupt(call::current_rules(&mut c, id).await, &db);
        assert_corrupt(call::rule_versions(&mut c, id).await, &db);
        assert_corrupt(call::rules(&mut c, v2.id).await, &db);
    }
}

fn org(s: &str, name: &str, acronym: Option<&str>, aliases: &[&str]) -> Organisation {
    Organisation {
        slug: slug(s),
        name: name.into(),
        acronym: acronym.map(Into::into),
        kind: OrganisationKind::CentralAdmin,
        parent: None,
        website: None,
        aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
    }
}

#[tokio::test]
async fn call_organisations_are_found_by_every_word_of_name_acronym_or_alias() {
    for t in TestDb::all().await {
        let db = t.name().to_owned();
        let mut pc = t.db.acquire().await.unwrap();
        let mut c = pc.conn();
        let (min, min_path, _) =
            content::upsert_organisation(&mut c, &org("interieur", "Ministère de l'Intérieur", None, &[]), None).await.unwrap();
        let dggn = Organisation {
            parent: Some(slug("interieur")),
            ..org("dggn", "Direction générale de la gendarmerie nationale", Some("DGGN"), &[])
        };
        let (dggn_id, _, _) = content::upsert_organisation(&mut c, &dggn, Some((min, &min_path))).await.unwrap();
        content::upsert_organisation(&mut c, &org("dinum", "Direction interministérielle du numérique", Some("DINUM"), &["Etalab"]), None)
            .await
            .unwrap();
        for (q, limit, want) in [
            ("gendarmerie", 10, vec!["dggn"]),
            ("DINUM", 10, vec!["dinum"]),
            ("etalab", 10, vec!["dinum"]),
            ("direction", 10, vec!["dinum", "dggn"]),
            ("direction", 1, vec!["dinum"]),
            ("", 10, vec!["dinum", "interieur", "dggn"]),
            ("Ministère Intérieur", 10, vec!["interieur"]),
            ("direction numérique", 10, vec!["dinum"]),
            ("numérique direction", 10, vec!["dinum"]),
            ("gendarmerie numérique", 10, vec![]),
            ("xyz", 10, vec![]),
        ] {
            let found = call::find_organisations(&mut c, &name_key(q), limit).await.unwrap();
            assert_eq!(found.iter().map(|o| o.slug.as_str()).collect::<Vec<_>>(), want, "{db}: {q:?} (tree order)");
        }
        assert_eq!(
            call::organisation(&mut c, "dggn").await.unwrap(),
            Some(OrganisationChoice {
                id: dggn_id.as_uuid(),
                slug: "dggn".into(),
                name: "Direction générale de la gendarmerie nationale".into(),
                acronym: Some("DGGN".into()),
                kind: "central_admin".into(),
                path: "/interieur/dggn/".into(),
            }),
            "{db}"
        );
        assert_eq!(call::organisation(&mut c, "nope").await.unwrap(), None);
        assert_eq!(call::lineage(&mut c, dggn_id.as_uuid()).await.unwrap(), [dggn_id.as_uuid(), min.as_uuid()], "{db}: nearest first");
        assert_eq!(call::lineage(&mut c, min.as_uuid()).await.unwrap(), [min.as_uuid()], "{db}");
        let unknown = uuid::Uuid::now_v7();
        assert_eq!(call::lineage(&mut c, unknown).await.unwrap(), [unknown], "{db}");
    }
}

#[tokio::test]
async fn call_proposals_are_numbered_saved_optimistically_and_moved_once() {
    for t in TestDb::all().await {
        let db = t.name().to_owned();
        let mut pc = t.db.acquire().await.unwrap();
        let mut c = pc.conn();
        let w = world(&mut c).await;
        let p1 = call::create_proposal(&mut c, &w.co, w.rules.id, "Projet A", w.ada, at(1)).await.unwrap();
        assert_eq!(p1.reference, "EIG-9-001", "{db}");
        assert_eq!(
            (p1.cohort_id, p1.rule_set_id, p1.name.as_str(), p1.status, p1.version, p1.created_by, p1.created_at, p1.updated_at),
            (w.co.cohort_id(), w.rules.id, "Projet A", ProposalStatus::Draft, 1, w.ada, at(1), at(1)),
            "{db}"
        );
        assert_eq!(p1.form.texts.get(&TextField::Name).map(String::as_str), Some("Projet A"), "{db}");
        assert_eq!(
            (p1.organisation_id, p1.submitted_at, &p1.submission_hash, &p1.status_reason, &p1.info_request, p1.reopened.len()),
            (None, None, &None, &None, &None, 0),
            "{db}"
        );
        assert_eq!(call::proposal(&mut c, p1.id).await.unwrap(), Some(p1.clone()), "{db}");
        assert_eq!(
            call::members(&mut c, p1.id).await.unwrap(),
            [MemberRow { person_id: w.ada.as_uuid(), display_name: "Ada".into(), role: MemberRole::Author }]
        );

        // A deleted draft's number is never given again.
        let p2 = call::create_proposal(&mut c, &w.co, w.rules.id, "Projet B", w.bob, at(2)).await.unwrap();
        assert_eq!(p2.reference, "EIG-9-002", "{db}");
        assert!(call::delete_draft(&mut c, p2.id).await.unwrap(), "{db}");
        assert_eq!(call::proposal(&mut c, p2.id).await.unwrap(), None, "{db}");
        let p3 = call::create_proposal(&mut c, &w.co, w.rules.id, "Projet C", w.ada, at(3)).await.unwrap();
        assert_eq!(p3.reference, "EIG-9-003", "{db}");
        assert_eq!(call::proposal_by_reference(&mut c, "EIG-9-003").await.unwrap(), Some(p3.clone()), "{db}");
        assert_eq!(call::proposal_by_reference(&mut c, "EIG-9-002").await.unwrap(), None, "{db}");
        let refs = |v: Vec<call::ProposalRow>| v.into_iter().map(|p| p.reference).collect::<Vec<_>>();
        assert_eq!(refs(call::proposals_of_cohort(&mut c, w.co.cohort_id()).await.unwrap()), ["EIG-9-001", "EIG-9-003"], "{db}");
        assert_eq!(call::cohort_by_code(&mut c, "eig-9").await.unwrap().map(|x| x.proposals), Some(2), "{db}");

        // Saves do not overwrite each other.
        let mut form = p1.form.clone();
        form.texts.insert(TextField::Name, "Projet A bis".into());
        form.texts.insert(TextField::Summary, "Un résumé « accentué »".into());
        form.host = "dinum".into();
        form.fellows = 3;
        form.attestations.insert("openness".into());
        assert_eq!(call::save_form(&mut c, p1.id, 1, &form, Some(w.org), at(4)).await.unwrap(), Some(2), "{db}");
        assert_eq!(call::save_form(&mut c, p1.id, 1, &p1.form, None, at(5)).await.unwrap(), None, "{db}: another save came first");
        let p = call::proposal(&mut c, p1.id).await.unwrap().unwrap();
        assert_eq!(
            (&p.form, p.name.as_str(), p.organisation_id, p.updated_at, p.version),
            (&form, "Projet A bis", Some(w.org), at(4), 2),
            "{db}"
        );

        // A status moves only from the status the caller saw.
        let submit = StatusChange { submission: Some((at(6), "sha-256".into())), ..Default::default() };
        assert!(call::set_status(&mut c, p1.id, ProposalStatus::Draft, ProposalStatus::Submitted, &submit, at(6)).await.unwrap(), "{db}");
        assert!(!call::set_status(&mut c, p1.id, ProposalStatus::Draft, ProposalStatus::Submitted, &submit, at(7)).await.unwrap(), "{db}");
        let p = call::proposal(&mut c, p1.id).await.unwrap().unwrap();
        assert_eq!(
            (p.status, p.submitted_at, p.submission_hash.as_deref(), p.version, p.updated_at),
            (ProposalStatus::Submitted, Some(at(6)), Some("sha-256"), 3, at(6)),
            "{db}"
        );
        let ask = StatusChange { info_request: Some("Précisez".into()), reopened: Some(vec![TextField::Summary]), ..Default::default() };
        assert!(call::set_status(&mut c, p1.id, ProposalStatus::Submitted, ProposalStatus::InfoRequested, &ask, at(7)).await.unwrap());
        let p = call::proposal(&mut c, p1.id).await.unwrap().unwrap();
        assert_eq!((p.info_request.as_deref(), p.reopened.as_slice()), (Some("Précisez"), &[TextField::Summary][..]), "{db}");
        let back = StatusChange::default();
        assert!(call::set_status(&mut c, p1.id, ProposalStatus::InfoRequested, ProposalStatus::UnderReview, &back, at(8)).await.unwrap());
        let p = call::proposal(&mut c, p1.id).await.unwrap().unwrap();
        assert_eq!(
            (p.info_request, p.reopened.len(), p.submitted_at, p.submission_hash.as_deref()),
            (None, 0, Some(at(6)), Some("sha-256")),
            "{db}: the request is closed, the submission kept"
        );
        let refuse = StatusChange { reason: Some("Hors champ".into()), ..Default::default() };
        assert!(call::set_status(&mut c, p1.id, ProposalStatus::UnderReview, ProposalStatus::Ineligible, &refuse, at(9)).await.unwrap());
        let p = call::proposal(&mut c, p1.id).await.unwrap().unwrap();
        assert_eq!((p.status, p.status_reason.as_deref(), p.version), (ProposalStatus::Ineligible, Some("Hors champ"), 6), "{db}");
        assert!(!call::delete_draft(&mut c, p1.id).await.unwrap(), "{db}: only a draft is deleted");
        assert!(call::proposal(&mut c, p1.id).await.unwrap().is_some());

        // Members.
        assert!(call::add_member(&mut c, p1.id, w.bob, "operational_mentor", at(10)).await.unwrap(), "{db}");
        assert!(!call::add_member(&mut c, p1.id, w.bob, "hr_contact", at(11)).await.unwrap(), "{db}: already there");
        assert_eq!(
            call::members(&mut c, p1.id).await.unwrap().into_iter().map(|m| (m.display_name, m.role)).collect::<Vec<_>>(),
            [("Ada".to_owned(), MemberRole::Author), ("Bob".to_owned(), MemberRole::Contact(ContactRole::OperationalMentor))],
            "{db}: in the order they joined"
        );
        assert!(call::is_member(&mut c, p1.id, w.bob).await.unwrap(), "{db}");
        assert!(!call::is_member(&mut c, p3.id, w.bob).await.unwrap(), "{db}");
        assert_eq!(refs(call::proposals_of(&mut c, w.ada).await.unwrap()), ["EIG-9-003", "EIG-9-001"], "{db}: newest first");
        assert_eq!(refs(call::proposals_of(&mut c, w.bob).await.unwrap()), ["EIG-9-001"], "{db}: the deleted draft is gone");
        assert_eq!(refs(call::proposals_of(&mut c, w.cat).await.unwrap()), Vec::<String>::new(), "{db}");

        // Deleting a draft takes its members, documents, reviews and declared conflicts with it.
        call::add_member(&mut c, p3.id, w.bob, "hr_contact", at(12)).await.unwrap();
        call::put_document(&mut c, p3.id, "deck", "deck.pdf", b"%PDF-1.7", "sha", w.ada, at(12)).await.unwrap();
        call::save_review(&mut c, p3.id, w.cat, &ReviewInput::default(), at(12)).await.unwrap();
        call::declare_conflict(&mut c, w.cat, p3.id, "ancien poste", at(12)).await.unwrap();
        assert!(call::delete_draft(&mut c, p3.id).await.unwrap(), "{db}");
        for sql in [
            "select count(*) from proposal_member where proposal_id = $1",
            "select count(*) from proposal_document where proposal_id = $1",
            "select count(*) from proposal_review where proposal_id = $1",
            "select count(*) from conflict_declaration where proposal_id = $1",
        ] {
            assert_eq!(count(&mut c, sql, p3.id.as_uuid()).await, 0, "{db}: {sql}");
        }

        // Stored values that no longer read as their type are reported.
        exec(&mut c, "update proposal_member set role = 'captain' where role = 'operational_mentor'").await.unwrap();
        assert_corrupt(call::members(&mut c, p1.id).await, &db);
        exec(&mut c, "update proposal set form = '{\"fellows\": \"two\"}' where reference = 'EIG-9-001'").await.unwrap();
        assert_corrupt(call::proposal(&mut c, p1.id).await, &db);
        assert_corrupt(call::proposal_by_reference(&mut c, "EIG-9-001").await, &db);
        assert_corrupt(call::proposals_of(&mut c, w.ada).await, &db);
        assert_corrupt(call::proposals_of_cohort(&mut c, w.co.cohort_id()).await, &db);
    }
}

#[tokio::test]
async fn call_documents_round_trip_their_bytes_and_replace_by_key() {
    for t in TestDb::all().await {
        let db = t.name().to_owned();
        let mut pc = t.db.acquire().await.unwrap();
        let mut c = pc.conn();
        let w = world(&mut c).await;
        let p = call::create_proposal(&mut c, &w.co, w.rules.id, "Projet", w.ada, at(1)).await.unwrap();
        let other = call::create_proposal(&mut c, &w.co, w.rules.id, "Autre", w.bob, at(1)).await.unwrap();
        assert!(call::documents(&mut c, p.id).await.unwrap().is_empty(), "{db}");
        let bytes: Vec<u8> = (0..=255u8).collect();
        let d1 = call::put_document(&mut c, p.id, "deck", "présentation.pdf", &bytes, "sha-1", w.ada, at(2)).await.unwrap();
        let row = DocumentRow {
            id: d1.as_uuid(),
            key: "deck".into(),
            filename: "présentation.pdf".into(),
            size: 256,
            sha256: "sha-1".into(),
            uploaded_at: at(2),
        };
        assert_eq!(call::documents(&mut c, p.id).await.unwrap(), std::slice::from_ref(&row), "{db}");
        assert_eq!(call::document_content(&mut c, p.id, "deck").await.unwrap(), Some((row, bytes)), "{db}: every byte value, NUL included");

        let d2 = call::put_document(&mut c, p.id, "deck", "v2.pdf", b"%PDF-2", "sha-2", w.bob, at(3)).await.unwrap();
        call::put_document(&mut c, p.id, "annex", "annexe.pdf", b"%PDF-3", "sha-3", w.bob, at(4)).await.unwrap();
        let docs = call::documents(&mut c, p.id).await.unwrap();
        assert_eq!(
            docs.iter().map(|d| (d.key.as_str(), d.filename.as_str(), d.size)).collect::<Vec<_>>(),
            [("annex", "annexe.pdf", 6), ("deck", "v2.pdf", 6)],
            "{db}"
        );
        assert_eq!(docs[1].id, d2.as_uuid(), "{db}: replaced");
        assert_eq!(call::document_content(&mut c, p.id, "deck").await.unwrap().map(|(_, b)| b), Some(b"%PDF-2".to_vec()), "{db}");
        assert_eq!(call::document_content(&mut c, p.id, "budget").await.unwrap(), None);
        assert_eq!(call::document_content(&mut c, other.id, "deck").await.unwrap(), None, "{db}: per proposal");
    }
}

#[tokio::test]
async fn call_reviews_are_one_per_reviewer_in_time_order() {
    for t in TestDb::all().await {
        let db = t.name().to_owned();
        let mut pc = t.db.acquire().await.unwrap();
        let mut c = pc.conn();
        let w = world(&mut c).await;
        let p = call::create_proposal(&mut c, &w.co, w.rules.id, "Projet", w.ada, at(1)).await.unwrap();
        assert!(call::reviews(&mut c, p.id).await.unwrap().is_empty(), "{db}");
        let first = ReviewInput {
            eligible: Some(true),
            complete: None,
            notes: "Solide".into(),
            questions: "Qui porte ?".into(),
            recommendation: Some(Recommendation::Shortlist),
        };
        call::save_review(&mut c, p.id, w.bob, &first, at(2)).await.unwrap();
        let cat = ReviewInput { eligible: Some(false), complete: Some(false), ..Default::default() };
        call::save_review(&mut c, p.id, w.cat, &cat, at(3)).await.unwrap();
        let changed = ReviewInput { recommendation: Some(Recommendation::MoreInformation), complete: Some(true), ..first };
        call::save_review(&mut c, p.id, w.bob, &changed, at(4)).await.unwrap();
        let reviews = call::reviews(&mut c, p.id).await.unwrap();
        assert_eq!(
            reviews
                .iter()
                .map(|r| (r.reviewer_name.as_str(), r.eligible, r.complete, r.notes.as_str(), r.recommendation, r.updated_at))
                .collect::<Vec<_>>(),
            [
                ("Cat", Some(false), Some(false), "", None, at(3)),
                ("Bob", Some(true), Some(true), "Solide", Some(Recommendation::MoreInformation), at(4)),
            ],
            "{db}: one per reviewer, by last change"
        );
        assert_eq!((reviews[1].reviewer_id, reviews[1].questions.as_str()), (w.bob.as_uuid(), "Qui porte ?"), "{db}");
    }
}

#[tokio::test]
async fn call_challenges_made_from_proposals_start_private_and_are_edited_then_published() {
    for t in TestDb::all().await {
        let db = t.name().to_owned();
        let mut pc = t.db.acquire().await.unwrap();
        let mut c = pc.conn();
        let w = world(&mut c).await;
        let p = call::create_proposal(&mut c, &w.co, w.rules.id, "Projet", w.ada, at(1)).await.unwrap();
        let new = NewChallenge {
            slug: "projet-alpha".into(),
            reference: p.reference.clone(),
            cohort: w.co.cohort_id(),
            year: 2026,
            title: "Projet Alpha".into(),
            tagline: "Une ligne".into(),
            host: w.org.as_uuid(),
            host_label: "DINUM".into(),
            city: Some("Paris".into()),
            body_md: "Texte".into(),
            skills: vec!["dev".into(), "design".into(), "dev".into()],
        };
        let (id, s) = call::create_challenge(&mut c, &new).await.unwrap();
        assert_eq!(s, "projet-alpha", "{db}");
        let (id2, s2) = call::create_challenge(&mut c, &new).await.unwrap();
        assert_eq!(s2, "projet-alpha-2", "{db}: a taken slug gets a suffix");
        assert!(read::challenge_by_slug(&mut c, "projet-alpha").await.unwrap().is_none(), "{db}: framing is private");
        assert!(call::challenges_from_proposals(&mut c).await.unwrap().is_empty(), "{db}");
        call::set_challenge(&mut c, p.id, id).await.unwrap();
        let edit = ChallengeEditRow {
            id,
            slug: "projet-alpha".into(),
            title: "Projet Alpha".into(),
            tagline: "Une ligne".into(),
            city: Some("Paris".into()),
            website: None,
            status: ChallengeStatus::Framing,
            body_md: "Texte".into(),
            cohort_code: "eig-9".into(),
        };
        assert_eq!(
            call::challenges_from_proposals(&mut c).await.unwrap(),
            std::slice::from_ref(&edit),
            "{db}: only those linked to a proposal"
        );
        assert_eq!(call::challenge_for_edit(&mut c, "projet-alpha").await.unwrap(), Some(edit), "{db}");
        assert_eq!(call::challenge_for_edit(&mut c, "projet-alpha-2").await.unwrap().map(|e| e.id), Some(id2), "{db}");
        assert_eq!(call::challenge_for_edit(&mut c, "nope").await.unwrap(), None);

        call::update_challenge_page(&mut c, id, "Projet Oméga", "Deux lignes", None, Some("https://omega.example"), "Corps").await.unwrap();
        let e = call::challenge_for_edit(&mut c, "projet-alpha").await.unwrap().unwrap();
        assert_eq!(
            (e.title.as_str(), e.tagline.as_str(), e.city, e.website.as_deref(), e.body_md.as_str()),
            ("Projet Oméga", "Deux lignes", None, Some("https://omega.example"), "Corps"),
            "{db}"
        );
        assert!(!call::set_challenge_status(&mut c, id, ChallengeStatus::Running, ChallengeStatus::Completed).await.unwrap(), "{db}");
        assert!(call::set_challenge_status(&mut c, id, ChallengeStatus::Framing, ChallengeStatus::OpenForApplications).await.unwrap());
        assert!(!call::set_challenge_status(&mut c, id, ChallengeStatus::Framing, ChallengeStatus::OpenForApplications).await.unwrap());
        let public = read::challenge_by_slug(&mut c, "projet-alpha").await.unwrap().unwrap();
        assert_eq!(
            (public.title.as_str(), public.skills.as_slice()),
            ("Projet Oméga", &["design".to_owned(), "dev".to_owned()][..]),
            "{db}"
        );
        let f = read::ChallengeFilter { words: vec!["omega".into()], limit: 5, ..Default::default() };
        assert_eq!(read::list_challenges(&mut c, &f).await.unwrap().1, 1, "{db}: searched by its new title");
        // A new address: the former one is taken and leads to it when kept (it was public).
        assert!(call::challenge_slug_taken(&mut c, "projet-alpha").await.unwrap());
        assert!(!call::challenge_slug_taken(&mut c, "projet-omega").await.unwrap(), "{db}");
        call::rename_challenge(&mut c, id, "projet-alpha", "projet-omega", true).await.unwrap();
        assert!(read::challenge_by_slug(&mut c, "projet-omega").await.unwrap().is_some(), "{db}");
        assert!(call::challenge_slug_taken(&mut c, "projet-alpha").await.unwrap(), "{db}: a former address stays taken");
        assert_eq!(
            call::challenge_by_alias(&mut c, "projet-alpha").await.unwrap(),
            Some(("projet-omega".to_owned(), ChallengeStatus::OpenForApplications)),
            "{db}"
        );
        assert_eq!(call::challenge_by_alias(&mut c, "projet-omega").await.unwrap(), None, "{db}: the current address is no alias");
        call::rename_challenge(&mut c, id2, "projet-alpha-2", "projet-beta", false).await.unwrap();
        assert!(!call::challenge_slug_taken(&mut c, "projet-alpha-2").await.unwrap(), "{db}: not kept while private");
        assert_conflict(call::rename_challenge(&mut c, id2, "projet-beta", "projet-omega", false).await, &db);
    }
}
