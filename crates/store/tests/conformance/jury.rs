//! `call`, second half: jury panels and their members, declared conflicts, assignments and
//! hearings, evaluations and rankings, and the decision round.

use std::collections::BTreeSet;

use cohorte_domain::content::RoleKind;
use cohorte_domain::identity::Grant;
use cohorte_domain::ids::{PanelId, ProposalId};
use cohorte_domain::jury::Scores;
use cohorte_domain::proposal::{AssignedBy, Decision, HearingMode, Opinion, RoundStatus};
use cohorte_store::call::{self, AssignmentRow, DecisionRoundRow, EvaluationInput, PanelRow};
use cohorte_store::identity;
use cohorte_test_support::TestDb;

use crate::support::{assert_conflict, assert_corrupt, at, cohort, exec, person, world};

#[tokio::test]
async fn jury_panels_hold_members_a_referent_and_their_seats() {
    for t in TestDb::all().await {
        let db = t.name().to_owned();
        let mut pc = t.db.acquire().await.unwrap();
        let mut c = pc.conn();
        let w = world(&mut c).await;
        let co = w.co.cohort_id();
        let dan = person(&mut c, "dan", "Dan").await;
        let p1 = call::create_proposal(&mut c, &w.co, w.rules.id, "Projet 1", w.ada, at(1)).await.unwrap();
        let p2 = call::create_proposal(&mut c, &w.co, w.rules.id, "Projet 2", w.ada, at(1)).await.unwrap();
        let pa = call::create_panel(&mut c, co, "Jury B", at(1)).await.unwrap();
        let pb = call::create_panel(&mut c, co, "Jury A", at(2)).await.unwrap();
        assert_conflict(call::create_panel(&mut c, co, "Jury A", at(3)).await, &db);
        let other = cohort(&mut c, "eig-10", 10, 2027).await.cohort_id();
        call::create_panel(&mut c, other, "Jury A", at(3)).await.unwrap();
        let row =
            |id: PanelId, name: &str, referent: Option<uuid::Uuid>| PanelRow { id: id.as_uuid(), name: name.into(), referent_id: referent };
        assert_eq!(call::panels(&mut c, co).await.unwrap(), [row(pb, "Jury A", None), row(pa, "Jury B", None)], "{db}: by name");
        assert_eq!(call::panel(&mut c, pa).await.unwrap(), Some((row(pa, "Jury B", None), co)), "{db}");
        assert_eq!(call::panel(&mut c, PanelId::new()).await.unwrap(), None);

        call::add_panel_member(&mut c, pa, w.bob, Some(w.org)).await.unwrap();
        call::add_panel_member(&mut c, pa, w.cat, None).await.unwrap();
        call::add_panel_member(&mut c, pa, w.cat, Some(w.org)).await.unwrap();
        call::add_panel_member(&mut c, pb, w.bob, None).await.unwrap();
        call::add_panel_member(&mut c, pb, dan, None).await.unwrap();
        let seats = |v: Vec<call::PanelMemberRow>| -> Vec<(String, uuid::Uuid, Option<uuid::Uuid>)> {
            let mut v: Vec<_> = v.into_iter().map(|m| (m.display_name, m.panel_id, m.organisation_id)).collect();
            v.sort();
            v
        };
        let org = Some(w.org.as_uuid());
        assert_eq!(
            seats(call::panel_members(&mut c, co).await.unwrap()),
            seats(vec![
                call::PanelMemberRow {
                    panel_id: pa.as_uuid(),
                    person_id: w.bob.as_uuid(),
                    display_name: "Bob".into(),
                    organisation_id: org
                },
                call::PanelMemberRow {
                    panel_id: pb.as_uuid(),
                    person_id: w.bob.as_uuid(),
                    display_name: "Bob".into(),
                    organisation_id: None
                },
                call::PanelMemberRow {
                    panel_id: pa.as_uuid(),
                    person_id: w.cat.as_uuid(),
                    display_name: "Cat".into(),
                    organisation_id: org
                },
                call::PanelMemberRow {
                    panel_id: pb.as_uuid(),
                    person_id: dan.as_uuid(),
                    display_name: "Dan".into(),
                    organisation_id: None
                },
            ]),
            "{db}: adding again updates the organisation"
        );
        let names: Vec<String> = call::panel_members(&mut c, co).await.unwrap().into_iter().map(|m| m.display_name).collect();
        assert_eq!(names, ["Bob", "Bob", "Cat", "Dan"], "{db}: by name");

        call::set_referent(&mut c, pa, Some(w.bob)).await.unwrap();
        assert_eq!(call::panel(&mut c, pa).await.unwrap().map(|p| p.0.referent_id), Some(Some(w.bob.as_uuid())), "{db}");
        assert_eq!(
            call::panels_of(&mut c, w.bob).await.unwrap(),
            [(row(pb, "Jury A", None), co), (row(pa, "Jury B", Some(w.bob.as_uuid())), co)],
            "{db}: newest panel first"
        );
        call::remove_panel_member(&mut c, pa, w.bob).await.unwrap();
        assert_eq!(call::panel(&mut c, pa).await.unwrap().map(|p| p.0.referent_id), Some(None), "{db}: no longer its referent");
        assert_eq!(call::panels_of(&mut c, w.bob).await.unwrap(), [(row(pb, "Jury A", None), co)], "{db}");
        call::set_referent(&mut c, pb, Some(dan)).await.unwrap();
        call::set_referent(&mut c, pb, None).await.unwrap();
        assert_eq!(call::panel(&mut c, pb).await.unwrap().map(|p| p.0.referent_id), Some(None), "{db}");

        // A juror's seat on the panel hearing a proposal, with the organisation they declared.
        assert_eq!(call::seat_on_panel_of(&mut c, p1.id, w.cat).await.unwrap(), None, "{db}: not assigned yet");
        call::assign(&mut c, p1.id, pa, AssignedBy::Auto, at(4)).await.unwrap();
        call::assign(&mut c, p2.id, pb, AssignedBy::Auto, at(4)).await.unwrap();
        assert_eq!(call::seat_on_panel_of(&mut c, p1.id, w.cat).await.unwrap(), Some(org), "{db}");
        assert_eq!(call::seat_on_panel_of(&mut c, p2.id, dan).await.unwrap(), Some(None), "{db}: a seat without organisation");
        assert_eq!(call::seat_on_panel_of(&mut c, p1.id, w.bob).await.unwrap(), None, "{db}: bob left that panel");

        // The organisations a person is attached to: active scoped roles and panel seats.
        assert_eq!(call::organisations_of(&mut c, w.cat).await.unwrap(), [w.org.as_uuid()], "{db}");
        assert!(call::organisations_of(&mut c, dan).await.unwrap().is_empty(), "{db}");
        let contact = Grant { organisation: Some(w.org), ..Grant::program(RoleKind::AdminContact) };
        let (role, _) = identity::grant_role(&mut c, dan, &contact, None, "staff", at(5)).await.unwrap();
        assert_eq!(call::organisations_of(&mut c, dan).await.unwrap(), [w.org.as_uuid()], "{db}");
        identity::revoke_role(&mut c, dan, role, w.ada, at(6)).await.unwrap();
        assert!(call::organisations_of(&mut c, dan).await.unwrap().is_empty(), "{db}: a revoked role attaches no more");

        // Declared conflicts.
        call::declare_conflict(&mut c, w.cat, p1.id, "ancien poste", at(7)).await.unwrap();
        call::declare_conflict(&mut c, w.cat, p1.id, "ancien poste, précisé", at(8)).await.unwrap();
        call::declare_conflict(&mut c, dan, p2.id, "parent", at(8)).await.unwrap();
        assert_eq!(
            call::declared_conflicts(&mut c, co).await.unwrap().into_iter().collect::<BTreeSet<_>>(),
            BTreeSet::from([(w.cat.as_uuid(), p1.id.as_uuid()), (dan.as_uuid(), p2.id.as_uuid())]),
            "{db}: once each"
        );
        assert!(call::declared_conflicts(&mut c, other).await.unwrap().is_empty(), "{db}");
        assert!(call::has_declared_conflict(&mut c, w.cat, p1.id).await.unwrap(), "{db}");
        assert!(!call::has_declared_conflict(&mut c, w.cat, p2.id).await.unwrap(), "{db}");
        assert!(!call::has_declared_conflict(&mut c, w.bob, p1.id).await.unwrap(), "{db}");
    }
}

#[tokio::test]
async fn jury_assignments_and_hearings_are_replaced_and_sequenced() {
    for t in TestDb::all().await {
        let db = t.name().to_owned();
        let mut pc = t.db.acquire().await.unwrap();
        let mut c = pc.conn();
        let w = world(&mut c).await;
        let co = w.co.cohort_id();
        let p1 = call::create_proposal(&mut c, &w.co, w.rules.id, "Projet 1", w.ada, at(1)).await.unwrap();
        let p2 = call::create_proposal(&mut c, &w.co, w.rules.id, "Projet 2", w.ada, at(1)).await.unwrap();
        let pa = call::create_panel(&mut c, co, "Jury A", at(1)).await.unwrap();
        let pb = call::create_panel(&mut c, co, "Jury B", at(1)).await.unwrap();
        assert_eq!(call::assignment(&mut c, p1.id).await.unwrap(), None, "{db}");
        assert_eq!(
            call::schedule_hearing(&mut c, p1.id, at(100), 45, HearingMode::Video, "https://visio.example/x").await.unwrap(),
            None,
            "{db}"
        );

        call::assign(&mut c, p1.id, pa, AssignedBy::Auto, at(2)).await.unwrap();
        let mut want = AssignmentRow {
            proposal_id: p1.id.as_uuid(),
            panel_id: pa.as_uuid(),
            assigned_by: AssignedBy::Auto,
            hearing_at: None,
            duration_minutes: None,
            mode: None,
            location: None,
            hearing_sequence: 0,
        };
        assert_eq!(call::assignment(&mut c, p1.id).await.unwrap(), Some(want.clone()), "{db}");
        assert_eq!(
            call::schedule_hearing(&mut c, p1.id, at(100), 45, HearingMode::Video, "https://visio.example/x").await.unwrap(),
            Some(1)
        );
        assert_eq!(call::schedule_hearing(&mut c, p1.id, at(120), 30, HearingMode::Onsite, "Salle 1").await.unwrap(), Some(2), "{db}");
        want = AssignmentRow {
            hearing_at: Some(at(120)),
            duration_minutes: Some(30),
            mode: Some(HearingMode::Onsite),
            location: Some("Salle 1".into()),
            hearing_sequence: 2,
            ..want
        };
        assert_eq!(call::assignment(&mut c, p1.id).await.unwrap(), Some(want.clone()), "{db}");

        // Another panel: the hearing is cleared, the sequence goes on (calendar updates).
        call::assign(&mut c, p1.id, pb, AssignedBy::Manual, at(3)).await.unwrap();
        want = AssignmentRow {
            panel_id: pb.as_uuid(),
            assigned_by: AssignedBy::Manual,
            hearing_at: None,
            duration_minutes: None,
            mode: None,
            location: None,
            hearing_sequence: 3,
            ..want
        };
        assert_eq!(call::assignment(&mut c, p1.id).await.unwrap(), Some(want.clone()), "{db}");
        call::assign(&mut c, p2.id, pa, AssignedBy::Auto, at(3)).await.unwrap();
        let mut all = call::assignments(&mut c, co).await.unwrap();
        all.sort_by_key(|a| a.proposal_id);
        assert_eq!(
            all.iter().map(|a| (a.proposal_id, a.panel_id)).collect::<Vec<_>>(),
            [(p1.id.as_uuid(), pb.as_uuid()), (p2.id.as_uuid(), pa.as_uuid())]
        );
        call::unassign(&mut c, p1.id).await.unwrap();
        assert_eq!(call::assignment(&mut c, p1.id).await.unwrap(), None, "{db}");
        assert_eq!(call::assignments(&mut c, co).await.unwrap().len(), 1, "{db}");
        assert_conflict(call::assign(&mut c, p1.id, PanelId::new(), AssignedBy::Manual, at(4)).await, &db);
    }
}

fn scores(need: u8, openness: u8) -> Scores {
    [("need".to_owned(), need), ("openness".to_owned(), openness)].into()
}

#[tokio::test]
async fn jury_evaluations_and_rankings_are_saved_in_place() {
    for t in TestDb::all().await {
        let db = t.name().to_owned();
        let mut pc = t.db.acquire().await.unwrap();
        let mut c = pc.conn();
        let w = world(&mut c).await;
        let co = w.co.cohort_id();
        let p1 = call::create_proposal(&mut c, &w.co, w.rules.id, "Projet 1", w.ada, at(1)).await.unwrap();
        let p2 = call::create_proposal(&mut c, &w.co, w.rules.id, "Projet 2", w.ada, at(1)).await.unwrap();
        let pa = call::create_panel(&mut c, co, "Jury A", at(1)).await.unwrap();
        assert!(call::evaluations_of(&mut c, p1.id).await.unwrap().is_empty(), "{db}");

        let bob =
            EvaluationInput { scores: scores(3, 4), opinion: Some(Opinion::Favourable), coup_de_coeur: true, comment: "Solide".into() };
        call::save_evaluation(&mut c, p1.id, pa, Some(w.bob), &bob, at(2)).await.unwrap();
        let bob2 = EvaluationInput { scores: scores(2, 4), opinion: Some(Opinion::Unfavourable), coup_de_coeur: false, ..bob.clone() };
        call::save_evaluation(&mut c, p1.id, pa, Some(w.bob), &bob2, at(3)).await.unwrap();
        let panel = EvaluationInput { scores: scores(3, 3), opinion: None, coup_de_coeur: false, comment: "Consensus".into() };
        call::save_evaluation(&mut c, p1.id, pa, None, &panel, at(4)).await.unwrap();
        let panel2 = EvaluationInput { opinion: Some(Opinion::Favourable), ..panel };
        call::save_evaluation(&mut c, p1.id, pa, None, &panel2, at(5)).await.unwrap();
        call::save_evaluation(&mut c, p2.id, pa, Some(w.cat), &bob, at(6)).await.unwrap();

        let mut of1 = call::evaluations_of(&mut c, p1.id).await.unwrap();
        of1.sort_by_key(|e| e.author_id);
        assert_eq!(
            of1.iter().map(|e| (e.author_id, &e.scores, e.opinion, e.coup_de_coeur, e.comment.as_str(), e.updated_at)).collect::<Vec<_>>(),
            [
                (None, &scores(3, 3), Some(Opinion::Favourable), false, "Consensus", at(5)),
                (Some(w.bob.as_uuid()), &scores(2, 4), Some(Opinion::Unfavourable), false, "Solide", at(3)),
            ],
            "{db}: one per juror and one consensus, updated in place"
        );
        assert!(of1.iter().all(|e| e.proposal_id == p1.id.as_uuid() && e.panel_id == pa.as_uuid()), "{db}");
        assert_eq!(call::evaluations(&mut c, co).await.unwrap().len(), 3, "{db}");
        let other = cohort(&mut c, "eig-10", 10, 2027).await.cohort_id();
        assert!(call::evaluations(&mut c, other).await.unwrap().is_empty(), "{db}");

        // Rankings are replaced whole, best first.
        assert!(call::ranking(&mut c, pa).await.unwrap().is_empty(), "{db}");
        call::save_ranking(&mut c, pa, &[(p2.id, "Le plus abouti".into()), (p1.id, "Ensuite".into())]).await.unwrap();
        assert_eq!(
            call::ranking(&mut c, pa).await.unwrap(),
            [(p2.id.as_uuid(), "Le plus abouti".to_owned()), (p1.id.as_uuid(), "Ensuite".to_owned())],
            "{db}"
        );
        call::save_ranking(&mut c, pa, &[(p1.id, "Seul".into())]).await.unwrap();
        assert_eq!(call::ranking(&mut c, pa).await.unwrap(), [(p1.id.as_uuid(), "Seul".to_owned())], "{db}");
        assert_conflict(call::save_ranking(&mut c, pa, &[(ProposalId::new(), "?".into())]).await, &db);

        // Scores that no longer parse are reported.
        exec(&mut c, "update evaluation set scores = '{\"need\": \"three\"}' where author_id is null").await.unwrap();
        assert_corrupt(call::evaluations_of(&mut c, p1.id).await, &db);
        assert_corrupt(call::evaluations(&mut c, co).await, &db);
    }
}

#[tokio::test]
async fn jury_decisions_are_staged_approved_then_published_once() {
    for t in TestDb::all().await {
        let db = t.name().to_owned();
        let mut pc = t.db.acquire().await.unwrap();
        let mut c = pc.conn();
        let w = world(&mut c).await;
        let co = w.co.cohort_id();
        let other = cohort(&mut c, "eig-10", 10, 2027).await.cohort_id();
        let p1 = call::create_proposal(&mut c, &w.co, w.rules.id, "Projet 1", w.ada, at(1)).await.unwrap();
        let p2 = call::create_proposal(&mut c, &w.co, w.rules.id, "Projet 2", w.ada, at(1)).await.unwrap();
        assert_eq!(call::decision_round(&mut c, co).await.unwrap(), None, "{db}");
        assert!(call::decision_entries(&mut c, co).await.unwrap().is_empty(), "{db}");
        let entries = |v: Vec<(uuid::Uuid, Decision)>| v.into_iter().collect::<BTreeSet<_>>();

        assert!(call::stage_decision(&mut c, co, p1.id, Decision::Selected, w.ada, at(2)).await.unwrap(), "{db}");
        let staging =
            DecisionRoundRow { status: RoundStatus::Staging, approved_by: None, approved_at: None, publish_at: None, published_at: None };
        assert_eq!(call::decision_round(&mut c, co).await.unwrap(), Some(staging.clone()), "{db}");
        assert!(call::stage_decision(&mut c, co, p2.id, Decision::NotSelected, w.ada, at(3)).await.unwrap());
        assert!(call::stage_decision(&mut c, co, p1.id, Decision::Reserve, w.bob, at(4)).await.unwrap());
        assert_eq!(
            entries(call::decision_entries(&mut c, co).await.unwrap()),
            BTreeSet::from([(p1.id.as_uuid(), Decision::Reserve), (p2.id.as_uuid(), Decision::NotSelected)]),
            "{db}: staged again, replaced"
        );

        assert!(call::approve_round(&mut c, co, w.cat, at(5), at(50)).await.unwrap(), "{db}");
        assert!(!call::approve_round(&mut c, co, w.cat, at(6), at(50)).await.unwrap(), "{db}: only from staging");
        assert!(!call::approve_round(&mut c, other, w.cat, at(6), at(50)).await.unwrap(), "{db}: no round");
        assert_eq!(
            call::decision_round(&mut c, co).await.unwrap(),
            Some(DecisionRoundRow {
                status: RoundStatus::Approved,
                approved_by: Some(w.cat.as_uuid()),
                approved_at: Some(at(5)),
                publish_at: Some(at(50)),
                published_at: None
            }),
            "{db}"
        );
        // Staging after approval reopens the round.
        assert!(call::stage_decision(&mut c, co, p2.id, Decision::Reserve, w.ada, at(7)).await.unwrap(), "{db}");
        assert_eq!(call::decision_round(&mut c, co).await.unwrap(), Some(staging), "{db}");
        assert!(!call::publish_round(&mut c, co, at(8)).await.unwrap(), "{db}: not approved");
        assert!(call::approve_round(&mut c, co, w.cat, at(9), at(50)).await.unwrap());
        assert!(call::rounds_due(&mut c, at(49)).await.unwrap().is_empty(), "{db}");
        assert_eq!(call::rounds_due(&mut c, at(50)).await.unwrap(), [co], "{db}");

        assert!(call::publish_round(&mut c, co, at(51)).await.unwrap(), "{db}");
        assert!(!call::publish_round(&mut c, co, at(52)).await.unwrap(), "{db}: once");
        assert!(!call::publish_round(&mut c, other, at(52)).await.unwrap(), "{db}");
        assert!(call::rounds_due(&mut c, at(60)).await.unwrap().is_empty(), "{db}");
        let r = call::decision_round(&mut c, co).await.unwrap().unwrap();
        assert_eq!((r.status, r.approved_at, r.published_at), (RoundStatus::Published, Some(at(9)), Some(at(51))), "{db}");
        assert!(!call::stage_decision(&mut c, co, p1.id, Decision::Selected, w.ada, at(53)).await.unwrap(), "{db}: published is final");
        assert_eq!(
            entries(call::decision_entries(&mut c, co).await.unwrap()),
            BTreeSet::from([(p1.id.as_uuid(), Decision::Reserve), (p2.id.as_uuid(), Decision::Reserve)]),
            "{db}"
        );
    }
}
