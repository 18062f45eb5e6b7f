//! The call for projects through the use cases, on SQLite and PostgreSQL: rules versions, saves
//! that never overwrite each other, the deadline, the acknowledgement, conflicts of interest in
//! the assignment, blind scoring, and decisions nobody sees before publication.
#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on unexpected errors")]

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use cohorte_app::calls::{self, CohortInput, MilestoneInput};
use cohorte_app::identity::{RequestMeta, Session};
use cohorte_app::jury::{self, EvaluationForm, PreselectionStep};
use cohorte_app::mail::{MailError, Mailer, OutgoingMail};
use cohorte_app::proposals::{self, Saved};
use cohorte_app::worker::{Turn, Worker};
use cohorte_app::{AppError, Ctx, decisions};
use cohorte_domain::cohort::{MilestoneKind, TextField};
use cohorte_domain::content::RoleKind;
use cohorte_domain::identity::{Actor, AuthMethod, Email, Grant, SignedIn};
use cohorte_domain::ids::{PersonId, ProposalId};
use cohorte_domain::proposal::{Contact, ContactRole, Decision, ProfileNeed, ProposalStatus, TeamMember};
use cohorte_store::identity as ids;
use cohorte_test_support::TestDb;
use cohorte_test_support::clock::TestClock;
use time::Duration;
use time::macros::datetime;

// The call for applications' tests share this binary and its helpers.
#[path = "call/applications.rs"]
mod applications;

#[derive(Debug, Default)]
struct Outbox(Mutex<Vec<OutgoingMail>>);

#[async_trait::async_trait]
impl Mailer for Outbox {
    async fn send(&self, _id: &str, mail: &OutgoingMail) -> Result<(), MailError> {
        self.0.lock().unwrap().push(mail.clone());
        Ok(())
    }
}

struct World {
    ctx: Ctx,
    clock: Arc<TestClock>,
    outbox: Arc<Outbox>,
    worker: Worker,
    db: TestDb,
}

fn meta() -> RequestMeta {
    RequestMeta { ip: Some("192.0.2.1".into()), user_agent: None, lang: cohorte_domain::lang::Lang::Fr }
}

impl World {
    async fn new(db: TestDb) -> World {
        let clock = Arc::new(TestClock::at(datetime!(2021-01-10 10:00 UTC)));
        let ctx = Ctx::new(db.db.clone()).with_clock(clock.clone());
        let outbox = Arc::new(Outbox::default());
        let worker = Worker::new(ctx.clone(), outbox.clone(), "w");
        World { ctx, clock, outbox, worker, db }
    }

    async fn run_jobs(&self) {
        while let Turn::Done(_) | Turn::Failed(..) = self.worker.run_once().await.unwrap() {}
    }

    fn mails_to(&self, to: &str) -> Vec<OutgoingMail> {
        self.outbox.0.lock().unwrap().iter().filter(|m| m.to == to).cloned().collect()
    }

    async fn person(&self, email: &str, roles: &[(RoleKind, bool)]) -> PersonId {
        let mut tx = self.ctx.db.begin().await.unwrap();
        let mut c = tx.conn();
        let now = cohorte_domain::clock::Clock::now(&*self.clock);
        let p = ids::create_person(&mut c, &cohorte_domain::text::slugify(email), email).await.unwrap();
        ids::add_email(&mut c, p, &Email::parse(email).unwrap(), Some(now), now).await.unwrap();
        for (r, _) in roles {
            ids::grant_role(&mut c, p, &Grant::program(*r), None, "test", now).await.unwrap();
        }
        tx.commit().await.unwrap();
        p
    }

    /// A signed-in session (strong when asked), with the grants stored now.
    async fn session(&self, person: PersonId, strong: bool) -> Session {
        let mut c = self.ctx.db.acquire().await.unwrap();
        let grants = ids::active_grants(&mut c.conn(), person).await.unwrap();
        let now = cohorte_domain::clock::Clock::now(&*self.clock);
        Session {
            hash: format!("{person}"),
            csrf_token: String::new(),
            actor: Actor::Person(SignedIn {
                id: person,
                name: person.to_string(),
                grants,
                method: if strong { AuthMethod::Totp } else { AuthMethod::MagicLink },
                authenticated_at: now,
            }),
            pending: None,
            oidc_state: None,
        }
    }
}

fn complete(form: &mut cohorte_domain::proposal::ProposalForm) {
    form.host = "dinum".into();
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

async fn org(w: &World, slug: &str, name: &str, parent: Option<&str>) {
    let mut tx = w.ctx.db.begin().await.unwrap();
    let mut c = tx.conn();
    let parent_row = match parent {
        Some(ps) => {
            let o = cohorte_store::call::organisation(&mut c, ps).await.unwrap().unwrap();
            Some((cohorte_domain::ids::OrganisationId::from_uuid(o.id), format!("/{ps}/")))
        }
        None => None,
    };
    let o = cohorte_domain::content::Organisation {
        slug: cohorte_domain::text::Slug::parse(slug).unwrap(),
        name: name.into(),
        acronym: None,
        kind: cohorte_domain::content::OrganisationKind::CentralAdmin,
        parent: parent.map(|p| cohorte_domain::text::Slug::parse(p).unwrap()),
        website: None,
        aliases: vec![],
    };
    cohorte_store::content::upsert_organisation(&mut c, &o, parent_row.as_ref().map(|(i, p)| (*i, p.as_str()))).await.unwrap();
    tx.commit().await.unwrap();
}

fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".to_vec()
}

fn scores(v: u8) -> BTreeMap<String, u8> {
    cohorte_domain::cohort::RuleSet::eig5().criteria.iter().map(|c| (c.key.clone(), v)).collect()
}

fn code(e: AppError) -> String {
    match e {
        AppError::Invalid(f) => f.0.iter().map(|x| format!("{}:{}", x.field, x.code)).collect::<Vec<_>>().join(","),
        AppError::Denied(d) => format!("denied:{d:?}"),
        other => format!("{other:?}"),
    }
}

#[tokio::test]
async fn call_for_projects_from_cohort_to_published_challenge() {
    for db in TestDb::all().await {
        let name = db.name().to_owned();
        let w = World::new(db).await;
        org(&w, "dinum", "Direction interministérielle du numérique", None).await;
        org(&w, "min-int", "Ministère de l’Intérieur", None).await;
        org(&w, "dgpn", "Direction générale de la police nationale", Some("min-int")).await;
        let staff = w.person("staff@example.org", &[(RoleKind::ProgramStaff, true)]).await;
        let validator = w.person("validator@example.org", &[(RoleKind::Validator, true)]).await;
        let admin = w.person("admin@example.gouv.fr", &[]).await;
        let admin2 = w.person("admin2@example.gouv.fr", &[]).await;
        let s = w.session(staff, true).await;

        // A cohort, by staff only.
        let input = CohortInput {
            code: "eig-6".into(),
            kind: "eig".into(),
            number: "6".into(),
            year: "2021".into(),
            title_fr: "EIG 6".into(),
            title_en: "EIG 6".into(),
            copy_rules_from: String::new(),
        };
        let a = w.session(admin, false).await;
        assert_eq!(code(calls::create_cohort(&w.ctx, &a, &input, &meta()).await.unwrap_err()), "denied:Forbidden", "{name}");
        calls::create_cohort(&w.ctx, &s, &input, &meta()).await.unwrap();
        assert_eq!(code(calls::create_cohort(&w.ctx, &s, &input, &meta()).await.unwrap_err()), "code:code-taken");

        // The calendar in Paris time; the skipped hour of 28 March is refused.
        let line = |k: MilestoneKind, st: &str| MilestoneInput { kind: k, starts: st.into(), ends: String::new() };
        let bad = [line(MilestoneKind::AapOpen, "2021-02-01T09:00"), line(MilestoneKind::AapClose, "2021-03-28T02:30")];
        assert_eq!(code(calls::set_calendar(&w.ctx, &s, "eig-6", &bad, &meta()).await.unwrap_err()), "aap_close:datetime-nonexistent");
        let cal = [
            line(MilestoneKind::AapOpen, "2021-02-01T09:00"),
            line(MilestoneKind::AapClose, "2021-04-07T23:59"),
            MilestoneInput { kind: MilestoneKind::AapJury, starts: "2021-05-04T09:00".into(), ends: "2021-05-05T18:00".into() },
        ];
        calls::set_calendar(&w.ctx, &s, "eig-6", &cal, &meta()).await.unwrap();
        let detail = calls::cohort(&w.ctx, &s, "eig-6").await.unwrap();
        assert_eq!(
            detail.calendar.get(MilestoneKind::AapClose).unwrap().starts_at,
            datetime!(2021-04-07 21:59 UTC),
            "{name}: 23:59 summer time"
        );

        // Not open yet.
        assert_eq!(code(proposals::start(&w.ctx, &a, "eig-6", "Trop tôt", &meta()).await.unwrap_err()), "denied:Forbidden");
        w.clock.advance(Duration::days(31));
        let p = proposals::start(&w.ctx, &a, "eig-6", "Mieux orienter les usagers", &meta()).await.unwrap();
        assert_eq!(p.reference, "EIG-6-001");
        assert_eq!(p.status, ProposalStatus::Draft);

        // Two tabs: the second save from an old version is refused, nothing is overwritten.
        let mut tab_a = p.form.clone();
        tab_a.texts.insert(TextField::Problem, "Version de l’onglet A".into());
        let mut tab_b = p.form.clone();
        tab_b.texts.insert(TextField::Problem, "Version de l’onglet B".into());
        assert_eq!(proposals::save(&w.ctx, &a, p.id, p.version, &tab_a, &meta()).await.unwrap(), Saved::Saved(p.version + 1));
        assert_eq!(
            proposals::save(&w.ctx, &a, p.id, p.version, &tab_b, &meta()).await.unwrap(),
            Saved::Conflict { current: p.version + 1 }
        );
        let v = proposals::view(&w.ctx, &a, p.id).await.unwrap();
        assert_eq!(v.proposal.form.texts[&TextField::Problem], "Version de l’onglet A", "{name}");

        // Documents: PDF only.
        assert_eq!(
            code(proposals::upload(&w.ctx, &a, p.id, "deck", "deck.pdf", b"<html>", &meta()).await.unwrap_err()),
            "document:file-not-pdf"
        );
        assert_eq!(
            code(proposals::upload(&w.ctx, &a, p.id, "nope", "x.pdf", &pdf(), &meta()).await.unwrap_err()),
            "document:invalid-choice"
        );
        let doc = proposals::upload(&w.ctx, &a, p.id, "deck", "../../etc/Présentation.pdf", &pdf(), &meta()).await.unwrap();
        assert_eq!(doc.filename, "Présentation.pdf", "the client's path is never kept");

        // Submission: incomplete first, then complete; a stale version is refused.
        let v = proposals::view(&w.ctx, &a, p.id).await.unwrap();
        let err = code(proposals::submit(&w.ctx, &a, p.id, v.proposal.version, &meta()).await.unwrap_err());
        assert!(err.contains("host:required") && err.contains("attestations:attestation-required"), "{err}");
        let mut form = v.proposal.form.clone();
        complete(&mut form);
        let Saved::Saved(version) = proposals::save(&w.ctx, &a, p.id, v.proposal.version, &form, &meta()).await.unwrap() else { panic!() };
        assert_eq!(code(proposals::submit(&w.ctx, &a, p.id, version - 1, &meta()).await.unwrap_err()), "form:version-conflict");
        let receipt = proposals::submit(&w.ctx, &a, p.id, version, &meta()).await.unwrap();
        assert_eq!(receipt.submitted_at, cohorte_domain::clock::Clock::now(&*w.clock));
        w.run_jobs().await;
        let ack = w.mails_to("admin@example.gouv.fr");
        assert_eq!(ack.len(), 1, "{name}: one acknowledgement");
        assert!(ack[0].text.contains(&receipt.hash) && ack[0].subject.contains("EIG-6-001"), "{}", ack[0].text);
        assert!(ack[0].text.contains("(Europe/Paris, UTC+1)"), "{}", ack[0].text);
        let v = proposals::view(&w.ctx, &a, p.id).await.unwrap();
        assert_eq!(v.proposal.status, ProposalStatus::Submitted);
        assert_eq!(v.proposal.submission_hash.as_deref(), Some(receipt.hash.as_str()));
        assert!(!v.can_edit, "read-only once submitted");
        assert_eq!(code(proposals::save(&w.ctx, &a, p.id, v.proposal.version, &form, &meta()).await.unwrap_err()), "denied:Forbidden");

        // Rules used by a submission are never edited in place: a new version.
        let mut rules = calls::cohort(&w.ctx, &s, "eig-6").await.unwrap().rules.rules;
        rules.criteria[0].weight = 2;
        let saved = calls::save_rules(&w.ctx, &s, "eig-6", &rules, &meta()).await.unwrap();
        assert_eq!(saved.version, 2, "{name}");
        assert_eq!(calls::cohort(&w.ctx, &s, "eig-6").await.unwrap().versions.len(), 2);

        // A second proposal, from a directorate of the Interior ministry; submitted just before
        // the deadline; a third one is too late.
        let a2 = w.session(admin2, false).await;
        let p2 = proposals::start(&w.ctx, &a2, "eig-6", "Simplifier les démarches", &meta()).await.unwrap();
        let mut f2 = p2.form.clone();
        complete(&mut f2);
        f2.host = "dgpn".into();
        let Saved::Saved(v2) = proposals::save(&w.ctx, &a2, p2.id, p2.version, &f2, &meta()).await.unwrap() else { panic!() };
        proposals::upload(&w.ctx, &a2, p2.id, "deck", "deck.pdf", &pdf(), &meta()).await.unwrap();
        let late = proposals::start(&w.ctx, &a2, "eig-6", "En retard", &meta()).await.unwrap();
        let v2b = proposals::view(&w.ctx, &a2, p2.id).await.unwrap().proposal.version;
        assert_eq!(v2b, v2);
        let to_deadline = datetime!(2021-04-07 21:58:59 UTC) - cohorte_domain::clock::Clock::now(&*w.clock);
        w.clock.advance(to_deadline);
        proposals::submit(&w.ctx, &a2, p2.id, v2b, &meta()).await.unwrap();
        w.clock.advance(Duration::seconds(1));
        assert_eq!(
            code(proposals::submit(&w.ctx, &a2, late.id, late.version, &meta()).await.unwrap_err()),
            "form:deadline-passed",
            "{name}: the server's clock"
        );

        // Pre-selection.
        for id in [p.id, p2.id] {
            jury::preselection_step(&w.ctx, &s, id, &PreselectionStep::StartReview, &meta()).await.unwrap();
            jury::preselection_step(&w.ctx, &s, id, &PreselectionStep::Shortlist, &meta()).await.unwrap();
        }
        assert!(jury::preselection_step(&w.ctx, &s, p.id, &PreselectionStep::Shortlist, &meta()).await.is_err(), "no double step");

        // Panels: a DINUM juror and an Interior juror; the assignment keeps each away from
        // their organisation's proposal.
        let j_dinum = w.person("juror.dinum@example.gouv.fr", &[]).await;
        let j_other = w.person("juror2@example.org", &[]).await;
        let j_int = w.person("juror.int@example.gouv.fr", &[]).await;
        let j_four = w.person("juror4@example.org", &[]).await;
        let p1 = jury::create_panel(&w.ctx, &s, "eig-6", "Jury 1", &meta()).await.unwrap();
        let p2panel = jury::create_panel(&w.ctx, &s, "eig-6", "Jury 2", &meta()).await.unwrap();
        jury::add_juror(&w.ctx, &s, p1, "juror.dinum@example.gouv.fr", "dinum", true, &meta()).await.unwrap();
        jury::add_juror(&w.ctx, &s, p1, "juror2@example.org", "", false, &meta()).await.unwrap();
        jury::add_juror(&w.ctx, &s, p2panel, "juror.int@example.gouv.fr", "min-int", true, &meta()).await.unwrap();
        jury::add_juror(&w.ctx, &s, p2panel, "juror4@example.org", "", false, &meta()).await.unwrap();
        let (n, unassignable) = jury::auto_assign(&w.ctx, &s, "eig-6", &meta()).await.unwrap();
        assert_eq!((n, unassignable.len()), (2, 0), "{name}");
        let panels = jury::panels(&w.ctx, &s, "eig-6").await.unwrap();
        let panel_of = |id: ProposalId| panels.assignments.iter().find(|x| x.proposal_id == id.as_uuid()).unwrap().panel_id;
        assert_eq!(panel_of(p.id), p2panel.as_uuid(), "{name}: the DINUM proposal goes away from the DINUM juror");
        assert_eq!(panel_of(p2.id), p1.as_uuid(), "{name}: the DGPN proposal goes away from the Interior juror (parent ministry)");
        assert_eq!(
            code(jury::assign(&w.ctx, &s, p.id, p1, &meta()).await.unwrap_err()),
            "panel:panel-conflict",
            "manual moves are checked too"
        );

        // Jurors: the conflicted one never sees it; the others score blind.
        let sj_dinum = w.session(j_dinum, true).await;
        assert_eq!(code(proposals::view(&w.ctx, &sj_dinum, p.id).await.unwrap_err()), "NotFound", "{name}");
        let sj_int = w.session(j_int, true).await;
        let sj_four = w.session(j_four, true).await;
        assert_eq!(code(proposals::view(&w.ctx, &w.session(j_int, false).await, p.id).await.unwrap_err()), "denied:SecondFactorRequired");
        let ev = |v: u8, opinion: &str| EvaluationForm {
            scores: scores(v),
            opinion: opinion.into(),
            coup_de_coeur: v == 4,
            comment: "ok".into(),
            consensus: false,
        };
        jury::evaluate(&w.ctx, &sj_int, p.id, &ev(4, "favourable"), &meta()).await.unwrap();
        let kit = jury::kit(&w.ctx, &sj_four, p.id).await.unwrap();
        assert!(kit.others.is_empty(), "{name}: no one else's scores before one's own");
        jury::evaluate(&w.ctx, &sj_four, p.id, &ev(2, "favourable"), &meta()).await.unwrap();
        assert_eq!(jury::kit(&w.ctx, &sj_four, p.id).await.unwrap().others.len(), 1);
        let mut bad = ev(3, "favourable");
        bad.scores.insert("need".into(), 9);
        assert_eq!(code(jury::evaluate(&w.ctx, &sj_four, p.id, &bad, &meta()).await.unwrap_err()), "scores:score-range");
        let mut consensus = ev(3, "favourable");
        consensus.consensus = true;
        assert_eq!(
            code(jury::evaluate(&w.ctx, &sj_four, p.id, &consensus, &meta()).await.unwrap_err()),
            "denied:Forbidden",
            "the referent writes the consensus"
        );
        jury::evaluate(&w.ctx, &sj_int, p.id, &consensus, &meta()).await.unwrap();
        jury::preselection_step(&w.ctx, &sj_int, p.id, &PreselectionStep::Heard, &meta()).await.unwrap();
        jury::rank(&w.ctx, &sj_int, p2panel, &[(p.id, "Le plus mûr".into())], &meta()).await.unwrap();
        // Panel 1 hears the other.
        let sj_dinum_other = w.session(j_other, true).await;
        jury::evaluate(&w.ctx, &sj_dinum_other, p2.id, &ev(2, "unfavourable"), &meta()).await.unwrap();
        jury::preselection_step(&w.ctx, &s, p2.id, &PreselectionStep::Heard, &meta()).await.unwrap();
        let (_, _, cons) = jury::consolidation(&w.ctx, &s, "eig-6").await.unwrap();
        let c1 = cons.iter().find(|c| c.proposal.id == p.id).unwrap();
        assert_eq!(
            c1.consensus_total,
            Some(15),
            "{name}: scored with the rules the proposal was submitted under (weights 1), not the new version"
        );
        assert_eq!(c1.disagreements, ["commitment", "definition", "need", "openness", "transformation"], "4 vs 2 on every criterion");
        assert_eq!((c1.favourable, c1.coups_de_coeur, c1.rank), ((2, 2), 1, Some(1)), "jurors only: the consensus is not a juror");

        // Decisions: staged by staff, approved by the validator, published later.
        decisions::stage(&w.ctx, &s, p.id, Decision::Selected, &meta()).await.unwrap();
        let sv = w.session(validator, true).await;
        assert!(decisions::approve(&w.ctx, &sv, "eig-6", "", true, &meta()).await.is_err(), "every heard proposal needs an outcome");
        decisions::stage(&w.ctx, &s, p2.id, Decision::NotSelected, &meta()).await.unwrap();
        assert_eq!(
            code(decisions::approve(&w.ctx, &s, "eig-6", "", true, &meta()).await.unwrap_err()),
            "denied:Forbidden",
            "staff do not approve"
        );
        let unconfirmed = decisions::approve(&w.ctx, &sv, "eig-6", "2021-05-12T10:00", false, &meta()).await.unwrap_err();
        assert_eq!(code(unconfirmed), "confirm:confirmation-required", "approving asks to confirm");
        let publish = decisions::approve(&w.ctx, &sv, "eig-6", "2021-05-12T10:00", true, &meta()).await.unwrap();
        assert_eq!(publish, datetime!(2021-05-12 08:00 UTC));
        w.clock.advance(Duration::days(5));
        w.run_jobs().await;
        // Before publication: the administration reads "heard", hears nothing.
        let before = w.outbox.0.lock().unwrap().len();
        assert_eq!(
            proposals::view(&w.ctx, &a, p.id).await.unwrap().proposal.status,
            ProposalStatus::Heard,
            "{name}: secret until published"
        );
        assert_eq!(proposals::view(&w.ctx, &s, p.id).await.unwrap().proposal.status, ProposalStatus::Selected, "staff see it");
        assert!(w.mails_to("admin@example.gouv.fr").iter().all(|m| !m.subject.to_lowercase().contains("retenu")));
        assert!(decisions::challenges(&w.ctx, &s).await.unwrap().is_empty());
        // At the chosen moment the worker publishes.
        let to_publish = publish - cohorte_domain::clock::Clock::now(&*w.clock);
        w.clock.advance(to_publish);
        w.run_jobs().await;
        assert_eq!(proposals::view(&w.ctx, &a, p.id).await.unwrap().proposal.status, ProposalStatus::Selected, "{name}");
        assert!(w.outbox.0.lock().unwrap().len() > before, "{name}: the administrations are told");
        let challenges = decisions::challenges(&w.ctx, &s).await.unwrap();
        assert_eq!(challenges.len(), 1, "{name}");
        assert_eq!((challenges[0].status.as_str(), challenges[0].title.as_str()), ("framing", "Mieux orienter les usagers"));
        // Staff edit and publish its page.
        let page = decisions::ChallengePage {
            slug: challenges[0].slug.clone(),
            title: "Mieux orienter les usagers".into(),
            tagline: "Un défi de la DINUM".into(),
            city: "Paris".into(),
            website: String::new(),
            body_md: challenges[0].body_md.clone(),
            publish: true,
        };
        assert_eq!(decisions::save_challenge(&w.ctx, &s, &challenges[0].slug, &page, &meta()).await.unwrap(), challenges[0].slug);
        // Renamed after publication: the former address leads to the new one.
        let renamed = decisions::ChallengePage { slug: "orienter-les-usagers".into(), ..page.clone() };
        assert_eq!(decisions::save_challenge(&w.ctx, &s, &challenges[0].slug, &renamed, &meta()).await.unwrap(), "orienter-les-usagers");
        let old = cohorte_domain::text::Slug::parse(&challenges[0].slug).unwrap();
        let anyone = cohorte_domain::identity::Actor::Anonymous;
        let at = cohorte_app::public::challenge_at(&w.ctx, &anyone, &old).await.unwrap();
        assert!(matches!(at, cohorte_app::public::ChallengeAt::Moved(ref s) if s == "orienter-les-usagers"), "{at:?}");
        let bad = decisions::ChallengePage { slug: "Pas Une Adresse".into(), ..page.clone() };
        let err = decisions::save_challenge(&w.ctx, &s, "orienter-les-usagers", &bad, &meta()).await.unwrap_err();
        assert_eq!(code(err), "slug:invalid-identifier");
        assert_eq!(
            decisions::challenge(&w.ctx, &s, "orienter-les-usagers").await.unwrap().status,
            cohorte_domain::content::ChallengeStatus::OpenForApplications
        );
        let _ = &w.db;
    }
}

#[tokio::test]
async fn information_requests_reopen_only_the_named_fields_and_withdrawal_ends_the_proposal() {
    for db in TestDb::all().await {
        let name = db.name().to_owned();
        let w = World::new(db).await;
        org(&w, "dinum", "Direction interministérielle du numérique", None).await;
        let staff = w.person("staff@example.org", &[(RoleKind::ProgramStaff, true)]).await;
        let admin = w.person("admin@example.gouv.fr", &[]).await;
        let s = w.session(staff, true).await;
        let input = CohortInput {
            code: "eig-6".into(),
            kind: "eig".into(),
            number: String::new(),
            year: "2021".into(),
            title_fr: "EIG 6".into(),
            title_en: "EIG 6".into(),
            copy_rules_from: String::new(),
        };
        calls::create_cohort(&w.ctx, &s, &input, &meta()).await.unwrap();
        let line = |k: MilestoneKind, st: &str| MilestoneInput { kind: k, starts: st.into(), ends: String::new() };
        calls::set_calendar(
            &w.ctx,
            &s,
            "eig-6",
            &[line(MilestoneKind::AapOpen, "2021-01-01T09:00"), line(MilestoneKind::AapClose, "2021-01-20T17:00")],
            &meta(),
        )
        .await
        .unwrap();
        let a = w.session(admin, false).await;
        let p = proposals::start(&w.ctx, &a, "eig-6", "Un défi", &meta()).await.unwrap();
        let mut form = p.form.clone();
        complete(&mut form);
        let Saved::Saved(v) = proposals::save(&w.ctx, &a, p.id, p.version, &form, &meta()).await.unwrap() else { panic!() };
        proposals::upload(&w.ctx, &a, p.id, "deck", "d.pdf", &pdf(), &meta()).await.unwrap();
        proposals::submit(&w.ctx, &a, p.id, v, &meta()).await.unwrap();
        // After the deadline, staff ask for more on the problem only.
        w.clock.advance(Duration::days(15));
        jury::preselection_step(&w.ctx, &s, p.id, &PreselectionStep::StartReview, &meta()).await.unwrap();
        let empty = jury::preselection_step(
            &w.ctx,
            &s,
            p.id,
            &PreselectionStep::RequestInformation(String::new(), vec![TextField::Problem]),
            &meta(),
        )
        .await;
        assert_eq!(code(empty.unwrap_err()), "reason:required");
        jury::preselection_step(
            &w.ctx,
            &s,
            p.id,
            &PreselectionStep::RequestInformation("Précisez le problème.".into(), vec![TextField::Problem]),
            &meta(),
        )
        .await
        .unwrap();
        w.run_jobs().await;
        assert!(
            w.mails_to("admin@example.gouv.fr").iter().any(|m| m.text.contains("Précisez le problème.")),
            "{name}: the administration is told"
        );
        let v = proposals::view(&w.ctx, &a, p.id).await.unwrap();
        assert_eq!(v.proposal.status, ProposalStatus::InfoRequested);
        assert!(v.can_edit, "{name}: editable after the deadline, for the reopened fields");
        let mut changed = v.proposal.form.clone();
        changed.texts.insert(TextField::Problem, "Le problème, précisé.".into());
        changed.texts.insert(TextField::Solution, "Une solution changée en douce.".into());
        changed.fellows = 3;
        proposals::save(&w.ctx, &a, p.id, v.proposal.version, &changed, &meta()).await.unwrap();
        let after = proposals::view(&w.ctx, &a, p.id).await.unwrap().proposal;
        assert_eq!(after.form.texts[&TextField::Problem], "Le problème, précisé.");
        assert_ne!(after.form.texts[&TextField::Solution], "Une solution changée en douce.", "{name}: other fields stay as submitted");
        assert_eq!(after.form.fellows, 2);
        proposals::provide_information(&w.ctx, &a, p.id, &meta()).await.unwrap();
        let back = proposals::view(&w.ctx, &a, p.id).await.unwrap();
        assert_eq!(back.proposal.status, ProposalStatus::UnderReview);
        assert!(!back.can_edit);
        // Withdrawn before the hearing: final, and nobody can bring it back.
        proposals::withdraw(&w.ctx, &a, p.id, &meta()).await.unwrap();
        assert_eq!(proposals::view(&w.ctx, &a, p.id).await.unwrap().proposal.status, ProposalStatus::Withdrawn);
        assert!(jury::preselection_step(&w.ctx, &s, p.id, &PreselectionStep::Shortlist, &meta()).await.is_err());
        assert!(proposals::withdraw(&w.ctx, &a, p.id, &meta()).await.is_err(), "{name}");
        // A submitted proposal cannot be deleted; a draft can, by its members only.
        assert_eq!(code(proposals::delete_draft(&w.ctx, &a, p.id, &meta()).await.unwrap_err()), "denied:Forbidden");
        // Someone else cannot withdraw or read it.
        let stranger = w.person("stranger@example.org", &[]).await;
        let st = w.session(stranger, false).await;
        assert_eq!(code(proposals::view(&w.ctx, &st, p.id).await.unwrap_err()), "NotFound");
        w.clock.advance(Duration::days(-15));
        let draft = proposals::start(&w.ctx, &a, "eig-6", "Un essai", &meta()).await.unwrap();
        assert_eq!(code(proposals::delete_draft(&w.ctx, &st, draft.id, &meta()).await.unwrap_err()), "NotFound");
        proposals::delete_draft(&w.ctx, &a, draft.id, &meta()).await.unwrap();
        assert_eq!(code(proposals::view(&w.ctx, &a, draft.id).await.unwrap_err()), "NotFound", "{name}: gone");
    }
}

// ---------------------------------------------------------------- findings of the review (issue 7)

/// A cohort with an open call, DINUM and an Interior directorate, staff, a validator, an
/// administration and a pre-selector.
struct Call {
    s: Session,
    admin: PersonId,
    a: Session,
}

async fn open_call(w: &World) -> Call {
    org(w, "dinum", "Direction interministérielle du numérique", None).await;
    org(w, "min-int", "Ministère de l’Intérieur", None).await;
    let staff = w.person("staff@example.org", &[(RoleKind::ProgramStaff, true)]).await;
    let admin = w.person("admin@example.gouv.fr", &[]).await;
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
    calls::create_cohort(&w.ctx, &s, &input, &meta()).await.unwrap();
    let line = |k: MilestoneKind, st: &str| MilestoneInput { kind: k, starts: st.into(), ends: String::new() };
    calls::set_calendar(
        &w.ctx,
        &s,
        "eig-6",
        &[line(MilestoneKind::AapOpen, "2021-01-01T09:00"), line(MilestoneKind::AapClose, "2021-01-20T17:00")],
        &meta(),
    )
    .await
    .unwrap();
    let a = w.session(admin, false).await;
    Call { s, admin, a }
}

/// Starts, completes and submits a proposal hosted by `host`.
async fn submitted(w: &World, a: &Session, name: &str, host: &str) -> ProposalId {
    let p = proposals::start(&w.ctx, a, "eig-6", name, &meta()).await.unwrap();
    let mut form = p.form.clone();
    complete(&mut form);
    form.host = host.into();
    let Saved::Saved(v) = proposals::save(&w.ctx, a, p.id, p.version, &form, &meta()).await.unwrap() else { panic!() };
    proposals::upload(&w.ctx, a, p.id, "deck", "d.pdf", &pdf(), &meta()).await.unwrap();
    proposals::submit(&w.ctx, a, p.id, v, &meta()).await.unwrap();
    p.id
}

#[tokio::test]
async fn references_stay_unique_after_an_earlier_draft_is_deleted() {
    for db in TestDb::all().await {
        let name = db.name().to_owned();
        let w = World::new(db).await;
        let c = open_call(&w).await;
        let first = proposals::start(&w.ctx, &c.a, "eig-6", "Premier", &meta()).await.unwrap();
        let second = proposals::start(&w.ctx, &c.a, "eig-6", "Deuxième", &meta()).await.unwrap();
        assert_eq!((first.reference.as_str(), second.reference.as_str()), ("EIG-6-001", "EIG-6-002"), "{name}");
        proposals::delete_draft(&w.ctx, &c.a, first.id, &meta()).await.unwrap();
        let third = proposals::start(&w.ctx, &c.a, "eig-6", "Troisième", &meta()).await.unwrap();
        let fourth = proposals::start(&w.ctx, &c.a, "eig-6", "Quatrième", &meta()).await.unwrap();
        assert_eq!((third.reference.as_str(), fourth.reference.as_str()), ("EIG-6-003", "EIG-6-004"), "{name}: never reused");
    }
}

#[tokio::test]
async fn uploaded_names_always_end_in_pdf_and_keep_it_when_cut() {
    for db in TestDb::all().await {
        let name = db.name().to_owned();
        let w = World::new(db).await;
        let c = open_call(&w).await;
        let p = proposals::start(&w.ctx, &c.a, "eig-6", "Un défi", &meta()).await.unwrap();
        for (given, kept) in [
            ("page.html", "page.pdf"),
            ("rapport.PDF", "rapport.PDF"),
            ("sans extension", "sans extension.pdf"),
            ("archive.tar.gz", "archive.tar.pdf"),
            (".pdf", "document.pdf"),
            ("..", "document.pdf"),
        ] {
            let doc = proposals::upload(&w.ctx, &c.a, p.id, "deck", given, &pdf(), &meta()).await.unwrap();
            assert_eq!(doc.filename, kept, "{name}: {given}");
        }
        let long = format!("{}.pdf", "é".repeat(150));
        let doc = proposals::upload(&w.ctx, &c.a, p.id, "deck", &long, &pdf(), &meta()).await.unwrap();
        assert!(doc.filename.ends_with(".pdf") && doc.filename.chars().count() <= 100, "{name}: {}", doc.filename);
        let (row, _) = proposals::document(&w.ctx, &c.a, p.id, "deck").await.unwrap();
        assert_eq!(row.filename, doc.filename);
    }
}

#[tokio::test]
async fn a_preselector_declares_conflicts_only_on_proposals_they_can_see() {
    for db in TestDb::all().await {
        let name = db.name().to_owned();
        let w = World::new(db).await;
        let c = open_call(&w).await;
        let pre = w.person("pre@example.org", &[]).await;
        {
            let mut tx = w.ctx.db.begin().await.unwrap();
            let co = cohorte_store::call::cohort_by_code(&mut tx.conn(), "eig-6").await.unwrap().unwrap();
            let g = Grant { cohort: Some(co.cohort_id()), ..Grant::program(RoleKind::Preselector) };
            ids::grant_role(&mut tx.conn(), pre, &g, None, "test", cohorte_domain::clock::Clock::now(&*w.clock)).await.unwrap();
            tx.commit().await.unwrap();
        }
        let sp = w.session(pre, true).await;
        let draft = proposals::start(&w.ctx, &c.a, "eig-6", "Brouillon", &meta()).await.unwrap();
        let sub = submitted(&w, &c.a, "Déposé", "dinum").await;
        let gone = submitted(&w, &c.a, "Retiré", "dinum").await;
        proposals::withdraw(&w.ctx, &c.a, gone, &meta()).await.unwrap();
        let unknown = ProposalId::new();
        let unknown_answer = code(jury::declare_conflict(&w.ctx, &sp, unknown, "Je connais l’équipe", &meta()).await.unwrap_err());
        assert_eq!(unknown_answer, "NotFound", "{name}");
        for (label, id) in [("draft", draft.id), ("withdrawn", gone)] {
            assert_eq!(
                code(jury::declare_conflict(&w.ctx, &sp, id, "Je connais l’équipe", &meta()).await.unwrap_err()),
                unknown_answer,
                "{name}: a {label} proposal answers as an unknown one"
            );
        }
        jury::declare_conflict(&w.ctx, &sp, sub, "Je connais l’équipe", &meta()).await.unwrap();
        assert_eq!(code(proposals::view(&w.ctx, &sp, sub).await.unwrap_err()), "NotFound", "{name}: out of sight once declared");
    }
}

/// A heard proposal of a panel whose referent gave the consensus after one juror scored.
struct Heard {
    c: Call,
    p: ProposalId,
    panel: cohorte_domain::ids::PanelId,
    referent: Session,
    juror: Session,
}

async fn heard(w: &World) -> Heard {
    let c = open_call(w).await;
    let p = submitted(w, &c.a, "Mieux orienter les usagers", "dinum").await;
    w.clock.advance(Duration::days(15));
    jury::preselection_step(&w.ctx, &c.s, p, &PreselectionStep::StartReview, &meta()).await.unwrap();
    jury::preselection_step(&w.ctx, &c.s, p, &PreselectionStep::Shortlist, &meta()).await.unwrap();
    let referent = w.person("referent@example.org", &[]).await;
    let juror = w.person("juror@example.org", &[]).await;
    let panel = jury::create_panel(&w.ctx, &c.s, "eig-6", "Jury 1", &meta()).await.unwrap();
    jury::add_juror(&w.ctx, &c.s, panel, "referent@example.org", "", true, &meta()).await.unwrap();
    jury::add_juror(&w.ctx, &c.s, panel, "juror@example.org", "", false, &meta()).await.unwrap();
    jury::assign(&w.ctx, &c.s, p, panel, &meta()).await.unwrap();
    let (referent, juror) = (w.session(referent, true).await, w.session(juror, true).await);
    let ev = |v: u8, opinion: &str, consensus: bool| EvaluationForm {
        scores: scores(v),
        opinion: opinion.into(),
        coup_de_coeur: false,
        comment: "ok".into(),
        consensus,
    };
    jury::evaluate(&w.ctx, &juror, p, &ev(3, "favourable", false), &meta()).await.unwrap();
    jury::evaluate(&w.ctx, &referent, p, &ev(2, "unfavourable", true), &meta()).await.unwrap();
    jury::preselection_step(&w.ctx, &referent, p, &PreselectionStep::Heard, &meta()).await.unwrap();
    Heard { c, p, panel, referent, juror }
}

#[tokio::test]
async fn the_consolidation_counts_jurors_not_the_consensus() {
    for db in TestDb::all().await {
        let name = db.name().to_owned();
        let w = World::new(db).await;
        let h = heard(&w).await;
        let (_, _, cons) = jury::consolidation(&w.ctx, &h.c.s, "eig-6").await.unwrap();
        let line = cons.iter().find(|l| l.proposal.id == h.p).unwrap();
        assert_eq!(line.favourable, (1, 1), "{name}: one juror, favourable; the consensus is not a juror");
        assert_eq!(line.mean_centi, Some(1500), "{name}: the one juror's 5 × 3");
        assert_eq!(line.consensus_total, Some(10), "{name}");
        assert_eq!(line.consensus_opinion, Some(cohorte_domain::proposal::Opinion::Unfavourable), "{name}");
        let (_, export) = jury::export(&w.ctx, &h.c.s, "eig-6", "csv", &meta()).await.unwrap();
        let e = export.iter().find(|e| e.name == "Mieux orienter les usagers").unwrap();
        assert_eq!((e.favourable, e.opinions, e.mean_total), (1, 1, Some(15.0)), "{name}");
    }
}

/// What each reader outside staff and the validator gets from every form of a heard proposal:
/// it must be the same before and after an unpublished decision.
async fn answers(w: &World, h: &Heard) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut push = |what: &str, r: Result<String, AppError>| out.push((what.to_owned(), r.unwrap_or_else(code)));
    let view = proposals::view(&w.ctx, &h.c.a, h.p).await.map(|v| format!("{:?} {} {}", v.proposal.status, v.can_edit, v.can_withdraw));
    push("administration view", view);
    let mine = proposals::mine(&w.ctx, &h.c.a).await.map(|l| format!("{:?}", l.iter().map(|(p, _)| p.status).collect::<Vec<_>>()));
    push("administration list", mine);
    let invite = proposals::invite_contact(&w.ctx, &h.c.a, h.p, ContactRole::HrContact, "rh@example.gouv.fr", "RH", &meta()).await;
    push("invite a contact", invite.map(|()| "ok".into()));
    push("withdraw", proposals::withdraw(&w.ctx, &h.c.a, h.p, &meta()).await.map(|()| "ok".into()));
    let form = proposals::view(&w.ctx, &h.c.s, h.p).await.unwrap().proposal;
    let save = proposals::save(&w.ctx, &h.c.a, h.p, form.version, &form.form, &meta()).await;
    push("save", save.map(|s| format!("{s:?}")));
    push("provide information", proposals::provide_information(&w.ctx, &h.c.a, h.p, &meta()).await.map(|()| "ok".into()));
    for (who, s) in [("juror", &h.juror), ("referent", &h.referent)] {
        let kit = jury::kit(&w.ctx, s, h.p).await.map(|k| format!("{:?} open={}", k.view.proposal.status, k.can_score));
        push(&format!("{who} kit"), kit);
        let ev = EvaluationForm {
            scores: scores(3),
            opinion: "favourable".into(),
            coup_de_coeur: false,
            comment: "ok".into(),
            consensus: false,
        };
        push(&format!("{who} scores"), jury::evaluate(&w.ctx, s, h.p, &ev, &meta()).await.map(|()| "ok".into()));
        let heard = jury::panel_ranking(&w.ctx, s, h.panel)
            .await
            .map(|x| format!("{:?} rankable={}", x.items.iter().map(|i| (i.proposal.status, i.rank)).collect::<Vec<_>>(), x.can_rank));
        push(&format!("{who} ranking page"), heard);
    }
    let consensus =
        EvaluationForm { scores: scores(2), opinion: "unfavourable".into(), coup_de_coeur: false, comment: "ok".into(), consensus: true };
    push("referent consensus", jury::evaluate(&w.ctx, &h.referent, h.p, &consensus, &meta()).await.map(|()| "ok".into()));
    push("referent ranks", jury::rank(&w.ctx, &h.referent, h.panel, &[(h.p, "Seul".into())], &meta()).await.map(|()| "ok".into()));
    push("juror ranks", jury::rank(&w.ctx, &h.juror, h.panel, &[(h.p, "Seul".into())], &meta()).await.map(|()| "ok".into()));
    push(
        "referent no-show",
        jury::preselection_step(&w.ctx, &h.referent, h.p, &PreselectionStep::NoShow, &meta()).await.map(|s| format!("{s:?}")),
    );
    push("juror conflict", jury::declare_conflict(&w.ctx, &h.juror, ProposalId::new(), "x", &meta()).await.map(|()| "ok".into()));
    out
}

#[tokio::test]
async fn an_approved_unpublished_decision_answers_every_read_and_write_as_heard() {
    for db in TestDb::all().await {
        let name = db.name().to_owned();
        let w = World::new(db).await;
        let h = heard(&w).await;
        let validator = w.person("validator@example.org", &[(RoleKind::Validator, true)]).await;
        // Once to reach a steady state (the ranking and scores saved), then the answers to compare.
        answers(&w, &h).await;
        let before = answers(&w, &h).await;
        assert!(before.iter().any(|(w, a)| w == "invite a contact" && a == "ok"), "{before:?}");
        assert!(before.iter().any(|(w, a)| w == "juror scores" && a == "ok"), "{before:?}");
        assert!(before.iter().any(|(w, a)| w == "referent ranks" && a == "ok"), "{before:?}");
        decisions::stage(&w.ctx, &h.c.s, h.p, Decision::Selected, &meta()).await.unwrap();
        let sv = w.session(validator, true).await;
        decisions::approve(&w.ctx, &sv, "eig-6", "2021-03-01T10:00", true, &meta()).await.unwrap();
        w.run_jobs().await;
        let mails_before = w.outbox.0.lock().unwrap().len();
        let after = answers(&w, &h).await;
        for (b, a) in before.iter().zip(&after) {
            assert_eq!(b, a, "{name}: the answer to «{}» must not reveal the approved decision", b.0);
        }
        w.run_jobs().await;
        let new_mails: Vec<String> = w.outbox.0.lock().unwrap()[mails_before..].iter().map(|m| m.subject.clone()).collect();
        assert!(new_mails.iter().all(|s| !s.to_lowercase().contains("retenu")), "{name}: {new_mails:?}");
        let _ = h.c.admin;
    }
}

#[tokio::test]
async fn a_juror_joining_a_panel_is_checked_against_its_proposals_and_a_conflicted_member_is_never_mailed() {
    for db in TestDb::all().await {
        let name = db.name().to_owned();
        let w = World::new(db).await;
        let c = open_call(&w).await;
        let p = submitted(&w, &c.a, "Un défi de la DINUM", "dinum").await;
        w.clock.advance(Duration::days(15));
        jury::preselection_step(&w.ctx, &c.s, p, &PreselectionStep::StartReview, &meta()).await.unwrap();
        jury::preselection_step(&w.ctx, &c.s, p, &PreselectionStep::Shortlist, &meta()).await.unwrap();
        w.person("juror@example.org", &[]).await;
        w.person("dinum.juror@example.gouv.fr", &[]).await;
        w.person("latecomer@example.org", &[]).await;
        let panel = jury::create_panel(&w.ctx, &c.s, "eig-6", "Jury 1", &meta()).await.unwrap();
        jury::add_juror(&w.ctx, &c.s, panel, "juror@example.org", "", true, &meta()).await.unwrap();
        jury::assign(&w.ctx, &c.s, p, panel, &meta()).await.unwrap();
        // A juror of the DINUM joins the panel that already holds the DINUM's proposal.
        let err = jury::add_juror(&w.ctx, &c.s, panel, "dinum.juror@example.gouv.fr", "dinum", false, &meta()).await.unwrap_err();
        assert_eq!(code(err), "email:juror-conflict", "{name}");
        let panels = jury::panels(&w.ctx, &c.s, "eig-6").await.unwrap();
        assert_eq!(panels.members.len(), 1, "{name}: not added");
        // A member who declares a conflict after joining gets no invitation to that hearing.
        jury::add_juror(&w.ctx, &c.s, panel, "latecomer@example.org", "", false, &meta()).await.unwrap();
        let late = w.session(ids_of(&w, "latecomer@example.org").await, true).await;
        jury::declare_conflict(&w.ctx, &late, p, "Ancienne collègue de l’équipe", &meta()).await.unwrap();
        jury::schedule(&w.ctx, &c.s, p, "2021-02-10T10:00", "45", "video", "https://visio.example.gouv.fr/j1", &meta()).await.unwrap();
        w.run_jobs().await;
        assert_eq!(w.mails_to("juror@example.org").iter().filter(|m| m.subject.contains("EIG-6-001")).count(), 1, "{name}");
        let leaked = w.mails_to("latecomer@example.org");
        assert!(leaked.iter().all(|m| !m.subject.contains("EIG-6-001") && m.attachments.is_empty()), "{name}: {leaked:?}");
    }
}

async fn ids_of(w: &World, email: &str) -> PersonId {
    let mut c = w.ctx.db.acquire().await.unwrap();
    ids::person_by_email(&mut c.conn(), &Email::parse(email).unwrap()).await.unwrap().unwrap().0
}
