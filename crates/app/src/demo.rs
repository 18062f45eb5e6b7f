//! Demo accounts for each role, seeded by `serve --demo` (idempotent). The privileged ones share
//! a published TOTP secret so that a newcomer can pass the second factor (see the README).

use cohorte_domain::cohort::{Calendar, Milestone, MilestoneKind, ProfileKind, RuleSet, TextField};
use cohorte_domain::content::RoleKind;
use cohorte_domain::identity::{Email, Grant};
use cohorte_domain::proposal::{Contact, ContactRole, ProfileNeed, ProposalForm, ProposalStatus, TeamMember};
use cohorte_store::identity as store;

use crate::{AppError, Ctx, Mode};

/// The second-factor secret of the demo staff, validator and jury accounts (base32). Public on
/// purpose: demo only.
pub const DEMO_TOTP_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

/// A demo account: address, name, role, whether it has the demo second factor.
pub const DEMO_ACCOUNTS: [(&str, &str, RoleKind, bool); 8] = [
    ("staff@demo.cohorte.test", "Démo Équipe programme", RoleKind::ProgramStaff, true),
    ("validator@demo.cohorte.test", "Démo Validation", RoleKind::Validator, true),
    ("jury@demo.cohorte.test", "Démo Jury", RoleKind::JuryMember, true),
    ("preselector@demo.cohorte.test", "Démo Présélection", RoleKind::Preselector, true),
    ("administration@demo.cohorte.test", "Démo Administration", RoleKind::AdminContact, false),
    ("mentor@demo.cohorte.test", "Démo Mentor", RoleKind::OperationalMentor, false),
    ("candidate@demo.cohorte.test", "Démo Candidature", RoleKind::Candidate, false),
    ("fellow@demo.cohorte.test", "Démo Entrepreneur", RoleKind::Fellow, false),
];

/// Whether the sign-in limits that protect a person (the caps on sign-in mail to an address, the
/// second-factor attempts) are lifted for an address: only for the demo accounts, only in demo
/// mode, where their mail never leaves the machine and their second factor is published, so that
/// newcomers can try every role again and again. The per-client cap still applies.
pub fn exempt_from_sign_in_limits(mode: Mode, address: &str) -> bool {
    mode == Mode::Demo && DEMO_ACCOUNTS.iter().any(|(a, ..)| *a == address)
}

/// Creates the demo accounts that do not exist yet; returns how many were created.
pub async fn seed(ctx: &Ctx) -> Result<usize, AppError> {
    let now = ctx.clock.now();
    let mut tx = ctx.db.begin().await?;
    let mut conn = tx.conn();
    let mut created = 0;
    for (address, name, role, totp) in DEMO_ACCOUNTS {
        let email = Email::parse(address).map_err(|_| AppError::Internal(address.into()))?;
        if store::person_by_email(&mut conn, &email).await?.is_some() {
            continue;
        }
        let slug = format!("demo-{}", address.split('@').next().unwrap_or("x"));
        let person = store::create_person(&mut conn, &slug, name).await?;
        store::add_email(&mut conn, person, &email, Some(now), now).await?;
        store::grant_role(&mut conn, person, &Grant::program(role), None, "demo", now).await?;
        if totp {
            store::set_totp_secret(&mut conn, person, DEMO_TOTP_SECRET, now).await?;
            store::use_totp_step(&mut conn, person, 0, Some(now)).await?;
        }
        created += 1;
    }
    tx.commit().await?;
    seed_call(ctx).await?;
    seed_applications(ctx).await?;
    Ok(created)
}

/// The demo cohort's code.
pub const DEMO_COHORT: &str = "eig-demo";

fn demo_form(host: &str, name: &str, summary: &str, problem: &str, fellows: u8) -> ProposalForm {
    let mut f = ProposalForm {
        host: host.to_owned(),
        address: "20 avenue de Ségur, 75007 Paris".into(),
        fellows,
        cofunding: true,
        budget_programme: "129".into(),
        forecast_cost: 70_000 * u32::from(fellows),
        ..ProposalForm::default()
    };
    for (k, v) in [
        (TextField::Name, name),
        (TextField::Summary, summary),
        (TextField::Problem, problem),
        (
            TextField::Solution,
            "Un service conçu avec ses usagers, testé chaque semaine sur le terrain, et dont le code est publié sous licence libre.",
        ),
        (TextField::Benefits, "Des démarches plus rapides pour les usagers, moins de ressaisies pour les agents, des données publiées."),
        (TextField::WhyApply, "Pour apprendre à travailler autrement avec des profils que nous n’avons pas en interne."),
        (TextField::Resources, "Ordinateurs sans filtrage, accès aux serveurs de recette, un bureau près des équipes métier."),
    ] {
        f.texts.insert(k, v.to_owned());
    }
    for r in ContactRole::ALL.iter().filter(|r| r.required()) {
        f.contacts.insert(
            *r,
            Contact {
                name: "Démo Administration".into(),
                function: "Cheffe de projet".into(),
                email: "administration@demo.cohorte.test".into(),
                phone: "01 23 45 67 89".into(),
            },
        );
    }
    let kinds = [ProfileKind::Developer, ProfileKind::Designer, ProfileKind::DataScientist];
    f.profiles = kinds
        .iter()
        .take(usize::from(fellows))
        .map(|k| ProfileNeed {
            kind: *k,
            mission: "Construire le service avec l’équipe.".into(),
            expertise: "Méthodes agiles, logiciel libre.".into(),
        })
        .collect();
    f.team = vec![TeamMember {
        name: "Claire Dupont".into(),
        function: "Cheffe de bureau".into(),
        status: "titulaire".into(),
        involvement: 40,
        contribution: "Pilotage".into(),
    }];
    f.attestations = RuleSet::eig5().attestations.iter().map(|a| a.key.clone()).collect();
    f
}

/// The demo accounts that exist, by address.
async fn demo_people(
    conn: &mut cohorte_store::Conn<'_>,
) -> Result<std::collections::BTreeMap<&'static str, cohorte_domain::ids::PersonId>, AppError> {
    let mut ids = std::collections::BTreeMap::new();
    for (address, ..) in DEMO_ACCOUNTS {
        let email = Email::parse(address).map_err(|_| AppError::Internal(address.into()))?;
        if let Some((p, _)) = store::person_by_email(conn, &email).await? {
            ids.insert(address, p);
        }
    }
    Ok(ids)
}

/// A cohort whose call for projects is open, with proposals at every step (draft, submitted,
/// under review, information requested, shortlisted with a hearing, heard and scored, refused,
/// withdrawn), a panel with the demo juror as referent, so that a newcomer can walk through the
/// whole call. Created once.
pub async fn seed_call(ctx: &Ctx) -> Result<(), AppError> {
    use cohorte_store::call;
    let now = ctx.clock.now();
    let mut tx = ctx.db.begin().await?;
    let mut conn = tx.conn();
    if call::cohort_by_code(&mut conn, DEMO_COHORT).await?.is_some() {
        return Ok(());
    }
    let ids = demo_people(&mut conn).await?;
    let (Some(admin), Some(jury), Some(staff)) =
        (ids.get("administration@demo.cohorte.test"), ids.get("jury@demo.cohorte.test"), ids.get("staff@demo.cohorte.test"))
    else {
        return Ok(());
    };
    let (admin, jury, staff) = (*admin, *jury, *staff);
    let year = now.year() + 1;
    let new = call::NewCohort {
        code: DEMO_COHORT.into(),
        kind: "eig".into(),
        number: None,
        year,
        title_fr: format!("EIG {year} (démonstration)"),
        title_en: format!("EIG {year} (demo)"),
    };
    let cohort_id = call::create_cohort(&mut conn, &new).await?;
    let rules = call::save_rules(&mut conn, cohort_id, &RuleSet::eig5(), Some(staff), now).await?;
    let cal = Calendar(vec![
        Milestone { kind: MilestoneKind::AapOpen, starts_at: now - time::Duration::days(20), ends_at: None },
        Milestone { kind: MilestoneKind::AapClose, starts_at: now + time::Duration::days(30), ends_at: None },
        Milestone {
            kind: MilestoneKind::AapJury,
            starts_at: now + time::Duration::days(40),
            ends_at: Some(now + time::Duration::days(41)),
        },
    ]);
    call::replace_calendar(&mut conn, cohort_id, &cal).await?;
    for (role, who) in [(RoleKind::JuryMember, "jury@demo.cohorte.test"), (RoleKind::Preselector, "preselector@demo.cohorte.test")] {
        if let Some(p) = ids.get(who) {
            store::grant_role(&mut conn, *p, &Grant { cohort: Some(cohort_id), ..Grant::program(role) }, Some(staff), "demo", now).await?;
        }
    }
    let panel = call::create_panel(&mut conn, cohort_id, "Jury 1", now).await?;
    call::add_panel_member(&mut conn, panel, jury, None).await?;
    call::set_referent(&mut conn, panel, Some(jury)).await?;
    let cohort = call::cohort(&mut conn, cohort_id).await?.ok_or(AppError::NotFound)?;
    let pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
    let steps: &[(&str, &str, &str, ProposalStatus)] = &[
        (
            "dinum",
            "Brouillon : un guichet unique des aides",
            "Aider chacun à trouver les aides auxquelles il a droit.",
            ProposalStatus::Draft,
        ),
        ("drees", "Mieux mesurer les délais de traitement", "Des tableaux de bord publics sur les délais.", ProposalStatus::Submitted),
        ("dggn", "Repérer les sites dangereux pour les piétons", "Croiser accidents et aménagements.", ProposalStatus::UnderReview),
        (
            "dam",
            "Simplifier la déclaration des navires",
            "Une démarche en ligne au lieu de trois formulaires.",
            ProposalStatus::InfoRequested,
        ),
        (
            "cnsp",
            "Détecter les pêches illégales par satellite",
            "Repérer automatiquement les comportements suspects.",
            ProposalStatus::Shortlisted,
        ),
        ("shom", "Des cartes marines ouvertes et à jour", "Publier les données hydrographiques en continu.", ProposalStatus::Heard),
        (
            "cour-des-comptes",
            "Suivre les recommandations des rapports",
            "Savoir ce que deviennent les recommandations.",
            ProposalStatus::NotShortlisted,
        ),
        ("dinum", "Proposition retirée", "Un essai retiré par l’administration.", ProposalStatus::Withdrawn),
    ];
    for (i, (host, name, summary, status)) in steps.iter().enumerate() {
        let Some(org) = call::organisation(&mut conn, host).await? else { continue };
        let p = call::create_proposal(&mut conn, &cohort, rules.id, name, admin, now - time::Duration::days(10 - i as i64)).await?;
        let form = demo_form(
            host,
            name,
            summary,
            "Les usagers et les agents perdent du temps faute d’outil adapté ; les données existent mais ne sont pas exploitées.",
            2,
        );
        call::save_form(&mut conn, p.id, p.version, &form, Some(cohorte_domain::ids::OrganisationId::from_uuid(org.id)), now).await?;
        let sha = {
            use sha2::Digest;
            hex::encode(sha2::Sha256::digest(pdf))
        };
        call::put_document(&mut conn, p.id, "deck", "presentation.pdf", pdf, &sha, admin, now).await?;
        if *status == ProposalStatus::Draft {
            continue;
        }
        let docs: std::collections::BTreeMap<String, String> = [("deck".to_owned(), sha.clone())].into();
        let at = now - time::Duration::days(5);
        let hash = cohorte_domain::proposal::submission_hash(
            &form,
            &docs,
            &at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default(),
        );
        let path: &[ProposalStatus] = match status {
            ProposalStatus::Submitted => &[ProposalStatus::Submitted],
            ProposalStatus::UnderReview => &[ProposalStatus::Submitted, ProposalStatus::UnderReview],
            ProposalStatus::InfoRequested => &[ProposalStatus::Submitted, ProposalStatus::UnderReview, ProposalStatus::InfoRequested],
            ProposalStatus::Shortlisted => &[ProposalStatus::Submitted, ProposalStatus::UnderReview, ProposalStatus::Shortlisted],
            ProposalStatus::Heard => {
                &[ProposalStatus::Submitted, ProposalStatus::UnderReview, ProposalStatus::Shortlisted, ProposalStatus::Heard]
            }
            ProposalStatus::NotShortlisted => &[ProposalStatus::Submitted, ProposalStatus::UnderReview, ProposalStatus::NotShortlisted],
            _ => &[ProposalStatus::Submitted, ProposalStatus::Withdrawn],
        };
        let mut from = ProposalStatus::Draft;
        for to in path {
            let change = match to {
                ProposalStatus::Submitted => call::StatusChange { submission: Some((at, hash.clone())), ..call::StatusChange::default() },
                ProposalStatus::InfoRequested => call::StatusChange {
                    info_request: Some("Merci de préciser les obstacles et les données disponibles.".into()),
                    reopened: Some(vec![TextField::Obstacles, TextField::Resources]),
                    ..call::StatusChange::default()
                },
                ProposalStatus::NotShortlisted => call::StatusChange {
                    reason: Some("Le périmètre est trop large pour dix mois.".into()),
                    ..call::StatusChange::default()
                },
                _ => call::StatusChange::default(),
            };
            call::set_status(&mut conn, p.id, from, *to, &change, at).await?;
            from = *to;
        }
        if matches!(status, ProposalStatus::Shortlisted | ProposalStatus::Heard) {
            call::assign(&mut conn, p.id, panel, cohorte_domain::proposal::AssignedBy::Manual, now).await?;
            call::schedule_hearing(
                &mut conn,
                p.id,
                now + time::Duration::days(40),
                40,
                cohorte_domain::proposal::HearingMode::Video,
                "https://visio.example.gouv.fr/jury-1",
            )
            .await?;
        }
        if *status == ProposalStatus::Heard {
            let scores: std::collections::BTreeMap<String, u8> = RuleSet::eig5().criteria.iter().map(|c| (c.key.clone(), 3)).collect();
            // The demo juror's own scores, then the panel's consensus they recorded as referent.
            let own = call::EvaluationInput {
                scores: scores.clone(),
                opinion: Some(cohorte_domain::proposal::Opinion::Favourable),
                coup_de_coeur: true,
                comment: "Une équipe engagée, des données prêtes.".into(),
            };
            call::save_evaluation(&mut conn, p.id, panel, Some(jury), &own, now).await?;
            let e = call::EvaluationInput {
                scores,
                opinion: Some(cohorte_domain::proposal::Opinion::Favourable),
                coup_de_coeur: true,
                comment: "Un projet mûr, une équipe engagée.".into(),
            };
            call::save_evaluation(&mut conn, p.id, panel, None, &e, now).await?;
            call::save_ranking(&mut conn, panel, &[(p.id, "Le plus mûr du jury".into())]).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// The code of the demo cohort in its call for applications.
pub const DEMO_APPLICATIONS_COHORT: &str = "eig-demo-candidatures";

/// How many generated candidates the demo call for applications holds (plus the demo candidate).
pub const DEMO_CANDIDATES: usize = 200;

/// A deterministic generator for the demo (xorshift): the same demo on every machine.
struct Draw(u64);

impl Draw {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A cohort in its call for applications, with six public challenges and about 200 generated
/// candidates (plainly fictitious names, addresses at `demo.cohorte.test`) in every state: drafts,
/// submitted, in pre-selection with the demo pre-selector's and mentor's scores, information
/// requested, refused, not eligible, pre-selected (the demo candidate among them, free slots to
/// book), interviews booked, interviewed and ranked on the lists, absent, withdrawn. The matching
/// is left for staff to run and the validator to publish. Created once.
pub async fn seed_applications(ctx: &Ctx) -> Result<(), AppError> {
    use cohorte_domain::application::{
        ApplicationForm, ApplicationRules, ApplicationStatus as S, ApplicationText, Choice, ChoiceMode, Seats,
    };
    use cohorte_domain::ids::{ApplicationId, PersonId};
    use cohorte_store::applications as a;
    use cohorte_store::call;
    let now = ctx.clock.now();
    let mut tx = ctx.db.begin().await?;
    let mut conn = tx.conn();
    if call::cohort_by_code(&mut conn, DEMO_APPLICATIONS_COHORT).await?.is_some() {
        return Ok(());
    }
    let ids = demo_people(&mut conn).await?;
    let (Some(staff), Some(preselector), Some(mentor), Some(candidate)) = (
        ids.get("staff@demo.cohorte.test").copied(),
        ids.get("preselector@demo.cohorte.test").copied(),
        ids.get("mentor@demo.cohorte.test").copied(),
        ids.get("candidate@demo.cohorte.test").copied(),
    ) else {
        return Ok(());
    };
    let year = now.year() + 1;
    let new = call::NewCohort {
        code: DEMO_APPLICATIONS_COHORT.into(),
        kind: "eig".into(),
        number: None,
        year,
        title_fr: format!("EIG {year} — candidatures (démonstration)"),
        title_en: format!("EIG {year} — applications (demo)"),
    };
    let cohort_id = call::create_cohort(&mut conn, &new).await?;
    let cal = Calendar(vec![
        Milestone { kind: MilestoneKind::AacOpen, starts_at: now - time::Duration::days(30), ends_at: None },
        Milestone { kind: MilestoneKind::AacClose, starts_at: now + time::Duration::days(20), ends_at: None },
        Milestone {
            kind: MilestoneKind::Interviews,
            starts_at: now + time::Duration::days(25),
            ends_at: Some(now + time::Duration::days(35)),
        },
    ]);
    call::replace_calendar(&mut conn, cohort_id, &cal).await?;
    store::grant_role(
        &mut conn,
        preselector,
        &Grant { cohort: Some(cohort_id), ..Grant::program(RoleKind::Preselector) },
        Some(staff),
        "demo",
        now,
    )
    .await?;
    let titles: [(&str, &str, &str); 6] = [
        ("dinum", "Orienter les usagers vers la bonne aide", "Un service qui guide chacun vers les aides auxquelles il a droit."),
        ("drees", "Publier les délais de traitement", "Des tableaux de bord publics sur les délais des administrations."),
        ("dggn", "Prévenir les accidents de piétons", "Croiser accidents et aménagements pour agir où il le faut."),
        ("cnsp", "Repérer la pêche illégale par satellite", "Détecter automatiquement les comportements suspects en mer."),
        ("shom", "Des cartes marines ouvertes", "Publier les données hydrographiques en continu."),
        ("dam", "Déclarer un navire en ligne", "Une démarche simple au lieu de trois formulaires."),
    ];
    let mut challenges = Vec::new();
    for (i, (host, title, tagline)) in titles.iter().enumerate() {
        let Some(org) = call::organisation(&mut conn, host).await? else { continue };
        let ch = call::NewChallenge {
            slug: format!("demo-{}", cohorte_domain::text::slugify(title)),
            reference: format!("DEMO-C-{:02}", i + 1),
            cohort: cohort_id,
            year,
            title: (*title).into(),
            tagline: (*tagline).into(),
            host: org.id,
            host_label: org.name.clone(),
            city: Some("Paris".into()),
            body_md: format!("{tagline}\n\nDéfi de démonstration : les candidatures et les personnes de cette promotion sont fictives."),
            skills: vec![],
        };
        let (id, _) = call::create_challenge(&mut conn, &ch).await?;
        use cohorte_domain::content::ChallengeStatus as CS;
        call::set_challenge_status(&mut conn, id, CS::Framing, CS::OpenForApplications).await?;
        challenges.push(id);
    }
    let Some(first) = challenges.first().copied() else { return Ok(()) };
    let mentor_grant =
        Grant { challenge: Some(cohorte_domain::ids::ChallengeId::from_uuid(first)), ..Grant::program(RoleKind::OperationalMentor) };
    store::grant_role(&mut conn, mentor, &mentor_grant, Some(staff), "demo", now).await?;
    let mut seats = Vec::new();
    for (i, ch) in challenges.iter().enumerate() {
        seats.push(Seats { challenge: ch.to_string(), profile: ProfileKind::Developer, seats: 1 });
        seats.push(Seats {
            challenge: ch.to_string(),
            profile: if i % 2 == 0 { ProfileKind::DataScientist } else { ProfileKind::Designer },
            seats: 1,
        });
    }
    let rules_app = ApplicationRules { choice_mode: ChoiceMode::AtApplication, ..ApplicationRules::eig5(seats.clone()) };
    let rules =
        call::save_rules(&mut conn, cohort_id, &RuleSet { applications: Some(rules_app.clone()), ..RuleSet::eig5() }, Some(staff), now)
            .await?;
    let cohort = call::cohort(&mut conn, cohort_id).await?.ok_or(AppError::NotFound)?;
    let pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
    let sha = {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(pdf))
    };
    // Interview slots: one per challenge and day, the first ones booked below.
    let mut slots = Vec::new();
    for (i, ch) in challenges.iter().enumerate() {
        for day in 0..6 {
            let slot = a::NewSlot {
                challenge: Some(*ch),
                starts_at: now + time::Duration::days(25 + day) + time::Duration::hours(8 + i as i64),
                duration_minutes: 45,
                mode: if day % 2 == 0 {
                    cohorte_domain::proposal::HearingMode::Onsite
                } else {
                    cohorte_domain::proposal::HearingMode::Video
                },
                location: if day % 2 == 0 {
                    "20 avenue de Ségur, 75007 Paris".into()
                } else {
                    "https://visio.example.gouv.fr/entretiens".into()
                },
            };
            slots.push((*ch, a::create_slot(&mut conn, cohort_id, &slot, now).await?));
        }
    }
    const FIRST: [&str; 20] = [
        "Alex",
        "Camille",
        "Charlie",
        "Dominique",
        "Élise",
        "Farid",
        "Gaëlle",
        "Hugo",
        "Inès",
        "Jules",
        "Karim",
        "Léna",
        "Malo",
        "Nora",
        "Oscar",
        "Paloma",
        "Quentin",
        "Rose",
        "Sacha",
        "Yanis",
    ];
    // Statuses, in order: how many of each among the generated candidates.
    let plan: [(S, usize); 12] = [
        (S::Draft, 30),
        (S::Submitted, 35),
        (S::InPreselection, 40),
        (S::InfoRequested, 5),
        (S::NotPreselected, 20),
        (S::Ineligible, 5),
        (S::Preselected, 15),
        (S::InterviewScheduled, 10),
        (S::Interviewed, 30),
        (S::NoShow, 3),
        (S::Withdrawn, 5),
        (S::Submitted, 2),
    ];
    let mut draw = Draw(0x5eed_c0de_2026);
    let mut interviewed: Vec<(ApplicationId, Vec<(usize, u64)>)> = Vec::new();
    let mut n = 0usize;
    let mut people: Vec<(PersonId, S)> = Vec::new();
    for (status, count) in plan {
        for _ in 0..count {
            n += 1;
            let name = format!("{} Fictif-{n:03}", FIRST[n % FIRST.len()]);
            let email =
                Email::parse(&format!("candidat-{n:03}@demo.cohorte.test")).map_err(|_| AppError::Internal("demo address".into()))?;
            let person = store::create_person(&mut conn, &format!("demo-candidat-{n:03}"), &name).await?;
            store::add_email(&mut conn, person, &email, Some(now), now).await?;
            people.push((person, status));
        }
    }
    // The demo candidate first: pre-selected, with the free slots of their challenges to book.
    people.insert(0, (candidate, S::Preselected));
    for (k, (person, status)) in people.iter().enumerate() {
        let app = a::create_application(&mut conn, &cohort, rules.id, *person, now - time::Duration::days(20)).await?;
        let name = store::person(&mut conn, *person).await?.map(|p| p.display_name).unwrap_or_default();
        let mut picks: Vec<usize> = Vec::new();
        while picks.len() < 3 {
            let j = draw.below(seats.len() as u64) as usize;
            if !picks.contains(&j) {
                picks.push(j);
            }
        }
        // Most candidates choose the first challenge among others, so its mentor has reviews.
        if k % 3 == 0 && !picks.iter().any(|j| seats[*j].challenge == first.to_string()) {
            picks[2] = 0;
        }
        let years = 1 + draw.below(15) as u8;
        let form = ApplicationForm {
            name: name.clone(),
            profiles: picks.iter().map(|j| seats[*j].profile).collect(),
            years_experience: Some(years),
            texts: [
                (ApplicationText::Background, format!("{years} ans d’expérience (parcours fictif de démonstration).")),
                (ApplicationText::Motivation, "Mettre mes compétences au service de l’intérêt général.".to_owned()),
            ]
            .into(),
            choices: picks
                .iter()
                .map(|j| Choice {
                    challenge: seats[*j].challenge.clone(),
                    profile: seats[*j].profile,
                    contribution: "Commencer par écouter les agents et les usagers.".into(),
                })
                .collect(),
            mobile: Some(draw.below(2) == 0),
            available_at_start: Some(true),
            declarations: rules_app.declarations.iter().map(|d| d.key.clone()).collect(),
            consent: true,
            ..ApplicationForm::default()
        };
        a::save_application(&mut conn, app.id, app.version, &form, now - time::Duration::days(19)).await?;
        a::put_application_document(&mut conn, app.id, "cv", "cv.pdf", pdf, &sha, now - time::Duration::days(19)).await?;
        if *status == S::Draft {
            continue;
        }
        let at = now - time::Duration::days(15) + time::Duration::minutes(k as i64);
        let stamp = at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
        let hash = cohorte_domain::application::submission_hash(&form, &[("cv".to_owned(), sha.clone())].into(), &stamp);
        let path: &[S] = match status {
            S::Submitted => &[S::Submitted],
            S::Withdrawn => &[S::Submitted, S::Withdrawn],
            S::Ineligible => &[S::Submitted, S::Ineligible],
            S::InPreselection => &[S::Submitted, S::InPreselection],
            S::InfoRequested => &[S::Submitted, S::InPreselection, S::InfoRequested],
            S::NotPreselected => &[S::Submitted, S::InPreselection, S::NotPreselected],
            S::Preselected => &[S::Submitted, S::InPreselection, S::Preselected],
            S::InterviewScheduled => &[S::Submitted, S::InPreselection, S::Preselected, S::InterviewScheduled],
            S::Interviewed => &[S::Submitted, S::InPreselection, S::Preselected, S::InterviewScheduled, S::Interviewed],
            _ => &[S::Submitted, S::InPreselection, S::Preselected, S::InterviewScheduled, S::NoShow],
        };
        let mut from = S::Draft;
        for to in path {
            let change = match to {
                S::Submitted => a::ApplicationChange { submission: Some((at, hash.clone())), ..a::ApplicationChange::default() },
                S::InfoRequested => a::ApplicationChange {
                    info_request: Some("Pourriez-vous préciser votre expérience des données publiques ?".into()),
                    ..a::ApplicationChange::default()
                },
                S::NotPreselected | S::Ineligible => a::ApplicationChange {
                    reason: Some("Parcours éloigné des profils recherchés pour cette promotion.".into()),
                    ..a::ApplicationChange::default()
                },
                _ => a::ApplicationChange::default(),
            };
            a::set_application_status(&mut conn, app.id, from, *to, &change, at).await?;
            from = *to;
        }
        if path.contains(&S::InPreselection) {
            let chose_first = form.choices.iter().any(|c| c.challenge == first.to_string());
            let mut reviewers = vec![preselector];
            if chose_first {
                reviewers.push(mentor);
            }
            for (r, who) in reviewers.iter().enumerate() {
                a::assign_reviewer(&mut conn, app.id, *who, cohorte_domain::proposal::AssignedBy::Auto, (draw.below(1 << 30)) as i32, at)
                    .await?;
                // The pre-selector has scored most; the mentor, a few (the rest waits for them).
                let scored = *status != S::InPreselection || (r == 0 && k % 4 != 0) || (r == 1 && k % 2 == 0);
                if scored {
                    let scores: cohorte_domain::jury::Scores =
                        rules_app.criteria.iter().map(|c| (c.key.clone(), (1 + draw.below(4)) as u8)).collect();
                    a::save_application_review(&mut conn, app.id, *who, &scores, "Note de démonstration.", at).await?;
                }
            }
        }
        if *status == S::InterviewScheduled {
            let chosen: Vec<String> = form.choices.iter().map(|c| c.challenge.clone()).collect();
            for (_, slot) in slots.iter().filter(|(ch, _)| chosen.contains(&ch.to_string())) {
                if a::book_slot(&mut conn, *slot, app.id, at).await? {
                    break;
                }
            }
        }
        if *status == S::Interviewed {
            interviewed.push((app.id, picks.iter().map(|j| (*j, draw.below(1000))).collect()));
        }
    }
    // The panels' lists: every interviewed candidate who chose a list, in a drawn order.
    for (j, seat) in seats.iter().enumerate() {
        let mut on: Vec<(u64, ApplicationId)> =
            interviewed.iter().filter_map(|(id, picks)| picks.iter().find(|(x, _)| *x == j).map(|(_, w)| (*w, *id))).collect();
        on.sort();
        let order: Vec<ApplicationId> = on.into_iter().map(|(_, id)| id).collect();
        if !order.is_empty() {
            let ch: uuid::Uuid = seat.challenge.parse().map_err(|_| AppError::Internal("seat".into()))?;
            a::set_ranking(&mut conn, cohort_id, ch, seat.profile, &order, now).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// The current code of the demo second factor (shown on the development mail page in demo mode).
pub fn current_demo_code(now: time::OffsetDateTime) -> String {
    let secret = totp_rs::Secret::try_from_base32(DEMO_TOTP_SECRET).ok();
    let totp = secret.and_then(|s| totp_rs::Builder::new().with_secret(s).build().ok());
    match (totp, u64::try_from(now.unix_timestamp())) {
        (Some(t), Ok(ts)) => t.generate(ts).to_string(),
        _ => String::new(),
    }
}
