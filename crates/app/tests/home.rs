//! The signed-in home through its use case, on SQLite and PostgreSQL: each role sees its own
//! section and nothing else, the counts follow the call as it moves, a juror or pre-selector
//! never counts a proposal they are in conflict with, and an approved but unpublished decision
//! changes nothing that a juror or the administration can read.
#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on unexpected errors")]

use std::sync::Arc;

use cohorte_app::Ctx;
use cohorte_app::calls::{self, CohortInput, MilestoneInput};
use cohorte_app::home::{self, Home, Menu};
use cohorte_app::identity::{RequestMeta, Session};
use cohorte_app::jury::{self, EvaluationForm, PreselectionStep};
use cohorte_app::proposals::{self, Saved};
use cohorte_app::{AppError, decisions};
use cohorte_domain::cohort::{MilestoneKind, TextField};
use cohorte_domain::content::RoleKind;
use cohorte_domain::identity::{Actor, AuthMethod, Email, Grant, SignedIn};
use cohorte_domain::ids::{CohortId, PersonId, ProposalId};
use cohorte_domain::proposal::{Contact, ContactRole, Decision, ProfileNeed, ProposalStatus, TeamMember};
use cohorte_store::identity as ids;
use cohorte_test_support::TestDb;
use cohorte_test_support::clock::TestClock;
use time::Duration;
use time::macros::datetime;

fn meta() -> RequestMeta {
    RequestMeta { ip: Some("192.0.2.1".into()), user_agent: None, lang: cohorte_domain::lang::Lang::Fr }
}

struct World {
    ctx: Ctx,
    clock: Arc<TestClock>,
    _db: TestDb,
}

impl World {
    async fn new(db: TestDb) -> World {
        let clock = Arc::new(TestClock::at(datetime!(2021-01-10 10:00 UTC)));
        let ctx = Ctx::new(db.db.clone()).with_clock(clock.clone());
        World { ctx, clock, _db: db }
    }

    async fn person(&self, email: &str, roles: &[RoleKind]) -> PersonId {
        let mut tx = self.ctx.db.begin().await.unwrap();
        let mut c = tx.conn();
        let now = cohorte_domain::clock::Clock::now(&*self.clock);
        let p = ids::create_person(&mut c, &cohorte_domain::text::slugify(email), email).await.unwrap();
        ids::add_email(&mut c, p, &Email::parse(email).unwrap(), Some(now), now).await.unwrap();
        for r in roles {
            ids::grant_role(&mut c, p, &Grant::program(*r), None, "test", now).await.unwrap();
        }
        tx.commit().await.unwrap();
        p
    }

    /// A session with the grants stored now, strong (second factor given) or not.
    async fn session(&self, person: PersonId, strong: bool) -> Session {
        let mut c = self.ctx.db.acquire().await.unwrap();
        let grants = ids::active_grants(&mut c.conn(), person).await.unwrap();
        Session {
            hash: format!("{person}"),
            csrf_token: String::new(),
            actor: Actor::Person(SignedIn {
                id: person,
                name: format!("Name of {person}"),
                grants,
                method: if strong { AuthMethod::Totp } else { AuthMethod::MagicLink },
                authenticated_at: cohorte_domain::clock::Clock::now(&*self.clock),
            }),
            pending: None,
            oidc_state: None,
        }
    }

    async fn home(&self, s: &Session) -> Home {
        home::home(&self.ctx, s).await.unwrap()
    }
}

async fn org(w: &World, slug: &str, name: &str) {
    let mut tx = w.ctx.db.begin().await.unwrap();
    let mut c = tx.conn();
    let o = cohorte_domain::content::Organisation {
        slug: cohorte_domain::text::Slug::parse(slug).unwrap(),
        name: name.into(),
        acronym: None,
        kind: cohorte_domain::content::OrganisationKind::CentralAdmin,
        parent: None,
        website: None,
        aliases: vec![],
    };
    cohorte_store::content::upsert_organisation(&mut c, &o, None).await.unwrap();
    tx.commit().await.unwrap();
}

fn complete(form: &mut cohorte_domain::proposal::ProposalForm, host: &str) {
    form.host = host.into();
    form.address = "20 avenue de Ségur, Paris".into();
    form.fellows = 2;
    for t in TextField::ALL.iter().filter(|t| t.required()) {
        form.texts.entry(*t).or_insert_with(|| format!("Texte {t}"));
    }
    for r in ContactRole::ALL.iter().filter(|r| r.required()) {
        form.contacts.insert(
            *r,
            Contact { name: "Camille".into(), function: "Cheffe".into(), email: "camille@example.gouv.fr".into(), phone: String::new() },
        );
    }
    form.profiles = vec![
        ProfileNeed { kind: cohorte_domain::cohort::ProfileKind::Developer, mission: "Coder".into(), expertise: "Rust".into() },
        ProfileNeed { kind: cohorte_domain::cohort::ProfileKind::Designer, mission: "Concevoir".into(), expertise: "UX".into() },
    ];
    form.team = vec![TeamMember { name: "A".into(), function: "B".into(), status: "C".into(), involvement: 40, contribution: "D".into() }];
    form.attestations = cohorte_domain::cohort::RuleSet::eig5().attestations.iter().map(|a| a.key.clone()).collect();
}

async fn submitted(w: &World, a: &Session, name: &str, host: &str) -> ProposalId {
    let p = proposals::start(&w.ctx, a, "eig-6", name, &meta()).await.unwrap();
    let mut form = p.form.clone();
    complete(&mut form, host);
    let Saved::Saved(v) = proposals::save(&w.ctx, a, p.id, p.version, &form, &meta()).await.unwrap() else { panic!("saved") };
    proposals::upload(&w.ctx, a, p.id, "deck", "deck.pdf", b"%PDF-1.4\n%%EOF\n", &meta()).await.unwrap();
    proposals::submit(&w.ctx, a, p.id, v, &meta()).await.unwrap();
    p.id
}

fn evaluation() -> EvaluationForm {
    EvaluationForm {
        scores: cohorte_domain::cohort::RuleSet::eig5().criteria.iter().map(|c| (c.key.clone(), 3)).collect(),
        opinion: "favourable".into(),
        coup_de_coeur: false,
        comment: String::new(),
        consensus: false,
    }
}

/// What a juror reads on their home: the proposals to score and the rankings owed.
fn jury_view(h: &Home) -> (Vec<String>, Vec<(String, usize)>) {
    let j = h.jury.as_ref().expect("a jury section");
    (j.to_score.iter().map(|t| t.reference.clone()).collect(), j.rankings.iter().map(|r| (r.name.clone(), r.heard)).collect())
}

/// What the administration reads on their home: each proposal's reference and status.
fn own_view(h: &Home) -> Vec<(String, ProposalStatus)> {
    let mut v: Vec<_> = h.proposals.iter().map(|p| (p.proposal.reference.clone(), p.proposal.status)).collect();
    v.sort();
    v
}

/// A staff cohort's counts: (to pre-screen, hearings to schedule, without panel, to prepare,
/// awaiting the validator).
fn staff_view(h: &Home) -> Vec<(String, [usize; 5])> {
    h.staff
        .as_ref()
        .expect("a staff section")
        .iter()
        .map(|c| {
            (c.cohort.code.clone(), [c.to_prescreen, c.hearings_to_schedule, c.without_panel, c.decisions_to_prepare, c.awaiting_validator])
        })
        .collect()
}

/// The validator's cohorts: (code, staged outcomes to approve, heard without an outcome).
fn rounds(h: &Home) -> Vec<(String, usize, usize)> {
    h.validation.as_ref().expect("a validation section").iter().map(|r| (r.cohort.code.clone(), r.staged, r.without_outcome)).collect()
}

fn has_no_role_section(h: &Home) -> bool {
    h.staff.is_none() && h.jury.is_none() && h.preselection.is_none() && h.validation.is_none()
}

#[tokio::test]
async fn each_role_sees_its_own_work_with_conflicts_left_out_and_decisions_kept_secret() {
    for db in TestDb::all().await {
        let name = db.name().to_owned();
        let w = World::new(db).await;
        org(&w, "dinum", "Direction interministérielle du numérique").await;
        org(&w, "min-int", "Ministère de l’Intérieur").await;
        let staff = w.person("staff@example.org", &[RoleKind::ProgramStaff]).await;
        let validator = w.person("validator@example.org", &[RoleKind::Validator]).await;
        let admin = w.person("admin@example.gouv.fr", &[RoleKind::AdminContact]).await;
        let preselector = w.person("pre@example.org", &[]).await;
        let referent = w.person("referent@example.org", &[]).await;
        let juror = w.person("juror@example.org", &[]).await;
        let mentor = w.person("mentor@example.org", &[RoleKind::OperationalMentor]).await;
        let fellow = w.person("fellow@example.org", &[RoleKind::Fellow]).await;
        let candidate = w.person("candidate@example.org", &[RoleKind::Candidate]).await;
        let s = w.session(staff, true).await;
        let input = CohortInput {
            code: "eig-6".into(),
            kind: "eig".into(),
            number: "6".into(),
            year: "2021".into(),
            title_fr: "EIG 6".into(),
            title_en: "EIG 6".into(),
            copy_rules_from: String::new(),
        };
        let cohort = calls::create_cohort(&w.ctx, &s, &input, &meta()).await.unwrap();
        let cohort_id = CohortId::from_uuid(cohort.id);
        let line = |k: MilestoneKind, st: &str| MilestoneInput { kind: k, starts: st.into(), ends: String::new() };
        calls::set_calendar(
            &w.ctx,
            &s,
            "eig-6",
            &[line(MilestoneKind::AapOpen, "2021-01-01T09:00"), line(MilestoneKind::AapClose, "2021-02-01T17:00")],
            &meta(),
        )
        .await
        .unwrap();
        {
            let mut tx = w.ctx.db.begin().await.unwrap();
            let now = cohorte_domain::clock::Clock::now(&*w.clock);
            let g = Grant { cohort: Some(cohort_id), ..Grant::program(RoleKind::Preselector) };
            ids::grant_role(&mut tx.conn(), preselector, &g, None, "test", now).await.unwrap();
            tx.commit().await.unwrap();
        }

        // The call is open: an administration writes three proposals and sends two.
        let a = w.session(admin, false).await;
        let p1 = submitted(&w, &a, "Mieux orienter les usagers", "dinum").await;
        let p2 = submitted(&w, &a, "Simplifier les démarches", "min-int").await;
        proposals::start(&w.ctx, &a, "eig-6", "Un brouillon", &meta()).await.unwrap();

        let h = w.home(&s).await;
        assert_eq!(staff_view(&h), [("eig-6".to_owned(), [2, 0, 0, 0, 0])], "{name}: two to pre-screen");
        assert!(h.jury.is_none() && h.preselection.is_none() && h.validation.is_none() && h.proposals.is_empty(), "{name}");
        assert_eq!(h.menu, Menu { staff: true, audit: true, jury: false, decisions: false });
        assert!(!h.second_factor_needed);

        // The administration: its proposals and the deadline, no role section.
        let h = w.home(&a).await;
        assert!(has_no_role_section(&h), "{name}");
        assert_eq!(
            own_view(&h),
            [
                ("EIG-6-001".to_owned(), ProposalStatus::Submitted),
                ("EIG-6-002".to_owned(), ProposalStatus::Submitted),
                ("EIG-6-003".to_owned(), ProposalStatus::Draft)
            ],
            "{name}"
        );
        let deadlines: Vec<_> = h.proposals.iter().map(|p| (p.proposal.reference.as_str(), p.deadline)).collect();
        assert!(deadlines.contains(&("EIG-6-003", Some(datetime!(2021-02-01 16:00 UTC)))), "{name}: the draft's deadline");
        assert!(deadlines.contains(&("EIG-6-001", None)), "{name}: sent, no deadline left");
        assert_eq!(h.open_calls.iter().map(|c| c.cohort.code.as_str()).collect::<Vec<_>>(), ["eig-6"]);

        // Mentors, fellows and candidates: their account and the open calls, nothing else.
        for (who, person) in [("mentor", mentor), ("fellow", fellow), ("candidate", candidate)] {
            let h = w.home(&w.session(person, false).await).await;
            assert!(has_no_role_section(&h) && h.proposals.is_empty() && !h.second_factor_needed, "{name}: {who}");
            assert_eq!(h.menu, Menu::default(), "{name}: {who}");
            assert_eq!(h.open_calls.len(), 1, "{name}: {who}");
        }

        // A weak session: the role's section waits for the second factor.
        for person in [staff, validator, preselector] {
            let h = w.home(&w.session(person, false).await).await;
            assert!(h.second_factor_needed && has_no_role_section(&h), "{name}");
            assert_eq!(h.menu, Menu::default(), "{name}: no menu before the second factor");
        }

        // The pre-selector: both proposals, until one is reviewed and the other is declared a
        // conflict.
        let pre = w.session(preselector, true).await;
        let refs = |h: &Home| -> Vec<Vec<String>> {
            h.preselection.as_ref().unwrap().iter().map(|c| c.to_review.iter().map(|t| t.reference.clone()).collect()).collect()
        };
        let h = w.home(&pre).await;
        assert_eq!(refs(&h), [["EIG-6-001", "EIG-6-002"]], "{name}");
        assert_eq!(h.menu, Menu { jury: true, ..Menu::default() });
        let review =
            jury::ReviewInput { recommendation: Some(cohorte_domain::proposal::Recommendation::Shortlist), ..jury::ReviewInput::default() };
        jury::save_review(&w.ctx, &pre, p2, &review, &meta()).await.unwrap();
        jury::declare_conflict(&w.ctx, &pre, p1, "Mon ancien service", &meta()).await.unwrap();
        assert_eq!(refs(&w.home(&pre).await), [Vec::<String>::new()], "{name}: reviewed, and in conflict");

        // After the deadline: shortlisted, then a panel, then one hearing scheduled.
        w.clock.advance(Duration::days(30));
        for id in [p1, p2] {
            jury::preselection_step(&w.ctx, &s, id, &PreselectionStep::StartReview, &meta()).await.unwrap();
            jury::preselection_step(&w.ctx, &s, id, &PreselectionStep::Shortlist, &meta()).await.unwrap();
        }
        assert_eq!(staff_view(&w.home(&s).await), [("eig-6".to_owned(), [0, 0, 2, 0, 0])], "{name}: two without a panel");
        let panel = jury::create_panel(&w.ctx, &s, "eig-6", "Jury 1", &meta()).await.unwrap();
        jury::add_juror(&w.ctx, &s, panel, "referent@example.org", "", true, &meta()).await.unwrap();
        jury::add_juror(&w.ctx, &s, panel, "juror@example.org", "", false, &meta()).await.unwrap();
        assert_eq!(jury::auto_assign(&w.ctx, &s, "eig-6", &meta()).await.unwrap().0, 2);
        assert_eq!(staff_view(&w.home(&s).await), [("eig-6".to_owned(), [0, 2, 0, 0, 0])], "{name}: two hearings to schedule");
        jury::schedule(&w.ctx, &s, p1, "2021-02-15T10:00", "45", "onsite", "Salle 1", &meta()).await.unwrap();
        assert_eq!(staff_view(&w.home(&s).await), [("eig-6".to_owned(), [0, 1, 0, 0, 0])], "{name}");

        // Jurors: the referent has both to score; the other declares a conflict with the first
        // and no longer counts it.
        let r = w.session(referent, true).await;
        let j = w.session(juror, true).await;
        assert_eq!(jury_view(&w.home(&r).await), (vec!["EIG-6-001".into(), "EIG-6-002".into()], vec![]), "{name}");
        jury::declare_conflict(&w.ctx, &j, p1, "Un projet de mon équipe", &meta()).await.unwrap();
        assert_eq!(jury_view(&w.home(&j).await), (vec!["EIG-6-002".into()], vec![]), "{name}: never the conflicted one");
        let weak = w.home(&w.session(juror, false).await).await;
        assert!(weak.second_factor_needed && weak.jury.is_none(), "{name}");
        jury::evaluate(&w.ctx, &r, p1, &evaluation(), &meta()).await.unwrap();
        let h = w.home(&r).await;
        assert_eq!(jury_view(&h), (vec!["EIG-6-002".into()], vec![]), "{name}: scored");
        assert_eq!(h.menu, Menu { jury: true, ..Menu::default() });

        // Heard: the referent owes the ranking; staff prepare the decisions.
        for id in [p1, p2] {
            jury::preselection_step(&w.ctx, &s, id, &PreselectionStep::Heard, &meta()).await.unwrap();
        }
        assert_eq!(jury_view(&w.home(&r).await), (vec!["EIG-6-002".into()], vec![("Jury 1".into(), 2)]), "{name}");
        assert_eq!(jury_view(&w.home(&j).await).1, [], "{name}: only the referent ranks");
        jury::rank(&w.ctx, &r, panel, &[(p1, "Le plus mûr".into()), (p2, "Ensuite".into())], &meta()).await.unwrap();
        assert_eq!(jury_view(&w.home(&r).await).1, [], "{name}: ranked");
        assert_eq!(staff_view(&w.home(&s).await), [("eig-6".to_owned(), [0, 0, 0, 2, 0])], "{name}: two decisions to prepare");
        let v = w.session(validator, true).await;
        assert_eq!(rounds(&w.home(&v).await), [("eig-6".to_owned(), 0, 2)], "{name}: nothing to approve yet, two heard");

        // Staged: waiting for the validator.
        decisions::stage(&w.ctx, &s, p1, Decision::Selected, &meta()).await.unwrap();
        decisions::stage(&w.ctx, &s, p2, Decision::NotSelected, &meta()).await.unwrap();
        assert_eq!(staff_view(&w.home(&s).await), [("eig-6".to_owned(), [0, 0, 0, 0, 2])], "{name}");
        let v = w.session(validator, true).await;
        let h = w.home(&v).await;
        assert_eq!(rounds(&h), [("eig-6".to_owned(), 2, 0)], "{name}");
        assert!(h.staff.is_none() && h.jury.is_none() && h.preselection.is_none(), "{name}");
        assert_eq!(h.menu, Menu { decisions: true, ..Menu::default() });

        // Approved, not published: nothing a juror or the administration reads changes.
        let before = (jury_view(&w.home(&r).await), jury_view(&w.home(&j).await), own_view(&w.home(&a).await));
        assert_eq!(before.2[..2], [("EIG-6-001".into(), ProposalStatus::Heard), ("EIG-6-002".into(), ProposalStatus::Heard)]);
        decisions::approve(&w.ctx, &v, "eig-6", "2021-03-01T10:00", true, &meta()).await.unwrap();
        let after = (jury_view(&w.home(&r).await), jury_view(&w.home(&j).await), own_view(&w.home(&a).await));
        assert_eq!(after, before, "{name}: an approved decision is not revealed before publication");
        assert_eq!(rounds(&w.home(&v).await), [("eig-6".to_owned(), 0, 0)], "{name}: approved");
        assert_eq!(staff_view(&w.home(&s).await), [("eig-6".to_owned(), [0, 0, 0, 0, 0])], "{name}");

        // Published: the administration reads the outcome; the cohort leaves the staff list.
        w.clock.advance(Duration::days(30));
        assert!(decisions::publish_due(&w.ctx, cohort_id).await.unwrap());
        let own = own_view(&w.home(&a).await);
        assert_eq!(own[..2], [("EIG-6-001".into(), ProposalStatus::Selected), ("EIG-6-002".into(), ProposalStatus::NotSelected)], "{name}");
        assert_eq!(staff_view(&w.home(&s).await), [], "{name}: published, nothing left to do");
        assert_eq!(rounds(&w.home(&v).await), [], "{name}: published");
        assert_eq!(jury_view(&w.home(&j).await), (vec![], vec![]), "{name}: decided proposals are not scored any more");
    }
}

#[tokio::test]
async fn the_home_needs_a_signed_in_person() {
    let w = World::new(TestDb::sqlite().await).await;
    let anonymous = Session { hash: String::new(), csrf_token: String::new(), actor: Actor::Anonymous, pending: None, oidc_state: None };
    assert!(matches!(home::home(&w.ctx, &anonymous).await, Err(AppError::Denied(cohorte_domain::policy::Denied::SignInRequired))));
    assert_eq!(home::menu(&Actor::Anonymous), Menu::default());
}
