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
    let mut ids = std::collections::BTreeMap::new();
    for (address, ..) in DEMO_ACCOUNTS {
        let email = Email::parse(address).map_err(|_| AppError::Internal(address.into()))?;
        if let Some((p, _)) = store::person_by_email(&mut conn, &email).await? {
            ids.insert(address, p);
        }
    }
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

/// The current code of the demo second factor (shown on the development mail page in demo mode).
pub fn current_demo_code(now: time::OffsetDateTime) -> String {
    let secret = totp_rs::Secret::try_from_base32(DEMO_TOTP_SECRET).ok();
    let totp = secret.and_then(|s| totp_rs::Builder::new().with_secret(s).build().ok());
    match (totp, u64::try_from(now.unix_timestamp())) {
        (Some(t), Ok(ts)) => t.generate(ts).to_string(),
        _ => String::new(),
    }
}
