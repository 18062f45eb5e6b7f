//! Every store function, on SQLite and (when `TEST_DATABASE_URL` is set) PostgreSQL.
#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on unexpected errors")]

use std::collections::BTreeSet;

use cohorte_domain::content::*;
use cohorte_domain::figures::FigureId;
use cohorte_domain::lang::Lang;
use cohorte_domain::text::{Slug, search_fold};
use cohorte_store::content::{self as w, ChallengeRefs, RoleRow, Upserted};
use cohorte_store::read::{self as r, ChallengeFilter, PeopleFilter};
use cohorte_store::{Db, meta, on_conn};
use cohorte_test_support::TestDb;
use time::macros::{date, datetime};

// The other modules of this one test binary (one binary: one link on CI's two cores).
#[path = "conformance/applications.rs"]
mod applications;
#[path = "conformance/audit.rs"]
mod audit;
#[path = "conformance/call.rs"]
mod call;
#[path = "conformance/coverage.rs"]
mod coverage;
#[path = "conformance/db.rs"]
mod db;
#[path = "conformance/identity.rs"]
mod identity;
#[path = "conformance/jobs.rs"]
mod jobs;
#[path = "conformance/jury.rs"]
mod jury;
#[path = "conformance/support.rs"]
mod support;

fn slug(s: &str) -> Slug {
    Slug::parse(s).unwrap()
}

fn org(s: &str, name: &str, parent: Option<&str>) -> Organisation {
    Organisation {
        slug: slug(s),
        name: name.into(),
        acronym: None,
        kind: if parent.is_none() { OrganisationKind::Ministry } else { OrganisationKind::CentralAdmin },
        parent: parent.map(slug),
        website: None,
        aliases: vec![format!("{name} (alias)")],
    }
}

fn person(s: &str, name: &str, profile: Option<Profile>, public: bool) -> Person {
    Person {
        slug: slug(s),
        display_name: name.into(),
        profile,
        profile_label: None,
        public_profile: public,
        bio_md: Some(format!("Bio de {name}")),
        links: PersonLinks { github: Some("gh".into()), ..Default::default() },
        legacy_path: Some(format!("/communaute/2018/{s}.html")),
    }
}

fn challenge(s: &str, title: &str, cohort: &str, year: i32, status: ChallengeStatus, skills: Vec<Skill>) -> Challenge {
    Challenge {
        slug: slug(s),
        source_key: title.into(),
        cohort: slug(cohort),
        year,
        title: title.into(),
        tagline: format!("Tagline {title}"),
        duration_months: 10,
        host: slug("dggn"),
        administration_label: "Gendarmerie".into(),
        administration_website: None,
        city: Some("Paris".into()),
        skills,
        body_md: "# Corps".into(),
        key_figures: vec![KeyFigure { amount: 12, description: "douze".into() }],
        deliverables: vec![Deliverable {
            title: "Outil".into(),
            url: Some("https://x.org".into()),
            description: None,
            call_to_action: None,
        }],
        repositories: vec!["https://git.example/x".into()],
        website: None,
        project_key: s.into(),
        renewal_of: None,
        status,
        legacy_path: Some(format!("/defis/{year}/{s}.html")),
    }
}

struct Fixture {
    cohort1: cohorte_domain::ids::CohortId,
    cohort2: cohorte_domain::ids::CohortId,
    people: Vec<cohorte_domain::ids::PersonId>,
    challenges: Vec<cohorte_domain::ids::ChallengeId>,
}

/// A small world: two cohorts, a ministry with one directorate, three challenges (one framing,
/// so private), three people (one without public profile), roles, two posts (one draft).
async fn fixture(db: &Db) -> Fixture {
    let mut tx = db.begin().await.unwrap();
    let mut c = tx.conn();
    let program = w::ensure_program(&mut c, "eig", "EIG").await.unwrap();
    let co = |code: &str, n, y| Cohort {
        code: slug(code),
        kind: CohortKind::Eig,
        number: Some(n),
        year: y,
        title_fr: format!("EIG {n}"),
        title_en: format!("EIG {n} (en)"),
    };
    let (cohort1, u) = w::upsert_cohort(&mut c, program, &co("eig-1", 1, 2017)).await.unwrap();
    assert_eq!(u, Upserted::Created);
    let (cohort2, _) = w::upsert_cohort(&mut c, program, &co("eig-2", 2, 2018)).await.unwrap();
    let (min, min_path, _) = w::upsert_organisation(&mut c, &org("interieur", "Ministère de l'Intérieur", None), None).await.unwrap();
    assert_eq!(min_path, "/interieur/");
    let (dggn, dggn_path, _) =
        w::upsert_organisation(&mut c, &org("dggn", "Gendarmerie", Some("interieur")), Some((min, &min_path))).await.unwrap();
    assert_eq!(dggn_path, "/interieur/dggn/");
    let mut people = Vec::new();
    for p in [
        person("ana-lys", "Ána Lys", Some(Profile::Developer), true),
        person("bob-ment", "Bob Mentor", Some(Profile::Mentor), true),
        person("cache", "Caché Privé", None, false),
    ] {
        people.push(w::upsert_person(&mut c, &p).await.unwrap().0);
    }
    let mut challenges = Vec::new();
    for (ch, cohort) in [
        (
            challenge("securite", "Sécurité routière", "eig-1", 2017, ChallengeStatus::Completed, vec![Skill::Dev, Skill::DataScience]),
            cohort1,
        ),
        (challenge("archives", "Archives ouvertes", "eig-2", 2018, ChallengeStatus::Completed, vec![Skill::Design]), cohort2),
        (challenge("secret", "Défi en cadrage", "eig-2", 2018, ChallengeStatus::Framing, vec![Skill::Dev]), cohort2),
    ] {
        let refs = ChallengeRefs {
            cohort,
            host: if ch.slug.as_str() == "archives" { min } else { dggn },
            search_key: search_fold(&format!("{} {}", ch.title, ch.tagline)),
        };
        challenges.push(w::upsert_challenge(&mut c, &ch, &refs).await.unwrap().0);
    }
    let roles = vec![
        RoleRow { person: people[0], role: RoleKind::Fellow, cohort: Some(cohort1), challenge: Some(challenges[0]) },
        RoleRow { person: people[0], role: RoleKind::OperationalMentor, cohort: Some(cohort2), challenge: Some(challenges[1]) },
        RoleRow { person: people[1], role: RoleKind::OperationalMentor, cohort: Some(cohort1), challenge: Some(challenges[0]) },
        RoleRow { person: people[2], role: RoleKind::Fellow, cohort: Some(cohort2), challenge: Some(challenges[2]) },
    ];
    assert_eq!(w::sync_roles(&mut c, "test", &roles).await.unwrap(), (4, 0));
    let post = |s: &str, status, d| BlogPost {
        slug: slug(s),
        title: format!("Titre {s}"),
        author_label: "Ána Lys, équipe".into(),
        author: None,
        description: Some("Résumé".into()),
        published_on: d,
        tags: vec![BlogTag::Methode, BlogTag::Open],
        body_md: "Texte".into(),
        lang: Lang::Fr,
        lang_ref: None,
        status,
        legacy_path: None,
    };
    w::upsert_post(&mut c, &post("publie", PostStatus::Published, date!(2018 - 02 - 27)), Some(people[0])).await.unwrap();
    w::upsert_post(&mut c, &post("brouillon", PostStatus::Draft, date!(2019 - 01 - 01)), None).await.unwrap();
    w::upsert_faq_entry(
        &mut c,
        &FaqEntry {
            audience: FaqAudience::Candidates,
            lang: Lang::Fr,
            position: 0,
            question: "Qui ?".into(),
            answer_html: "<p>Vous</p>".into(),
            anchor: slug("qui"),
        },
    )
    .await
    .unwrap();
    w::upsert_testimonial(
        &mut c,
        &Testimonial { position: 0, text: "Bien".into(), author_name: "Bob Mentor".into(), author: None, author_position: None },
        Some(people[1]),
    )
    .await
    .unwrap();
    w::upsert_declared_figure(
        &mut c,
        &DeclaredFigure {
            figure: FigureId::ChallengesCoached,
            value: 53,
            lang: Lang::En,
            source: "site".into(),
            as_of: date!(2022 - 09 - 05),
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    Fixture { cohort1, cohort2, people, challenges }
}

#[tokio::test]
async fn store_upserts_are_idempotent_and_detect_changes() {
    for t in TestDb::all().await {
        let f = fixture(&t.db).await;
        let mut tx = t.db.begin().await.unwrap();
        let mut c = tx.conn();
        let program = w::ensure_program(&mut c, "eig", "EIG").await.unwrap();
        let same = Cohort {
            code: slug("eig-1"),
            kind: CohortKind::Eig,
            number: Some(1),
            year: 2017,
            title_fr: "EIG 1".into(),
            title_en: "EIG 1 (en)".into(),
        };
        assert_eq!(w::upsert_cohort(&mut c, program, &same).await.unwrap(), (f.cohort1, Upserted::Unchanged), "{}", t.name());
        let changed = Cohort { title_fr: "EIG un".into(), ..same };
        assert_eq!(w::upsert_cohort(&mut c, program, &changed).await.unwrap(), (f.cohort1, Upserted::Updated));
        let p = person("ana-lys", "Ána Lys", Some(Profile::Developer), true);
        assert_eq!(w::upsert_person(&mut c, &p).await.unwrap(), (f.people[0], Upserted::Unchanged));
        let p2 = Person { bio_md: None, ..p };
        assert_eq!(w::upsert_person(&mut c, &p2).await.unwrap().1, Upserted::Updated);
        // Renewal links.
        assert!(w::set_renewal(&mut c, f.challenges[1], Some(f.challenges[0])).await.unwrap());
        assert!(!w::set_renewal(&mut c, f.challenges[1], Some(f.challenges[0])).await.unwrap());
        // Role sync removes what is no longer listed and leaves other sources alone.
        let keep = vec![RoleRow { person: f.people[0], role: RoleKind::Fellow, cohort: Some(f.cohort1), challenge: Some(f.challenges[0]) }];
        assert_eq!(w::sync_roles(&mut c, "test", &keep).await.unwrap(), (0, 3));
        assert_eq!(w::sync_roles(&mut c, "other", &keep).await.unwrap(), (0, 0), "already held through another source");
        assert_eq!(w::sync_roles(&mut c, "test", &keep).await.unwrap(), (0, 0));
        let n: i64 = on_conn!(&mut c, |x| sqlx::query_scalar("select count(*) from role_assignment").fetch_one(x).await).unwrap();
        assert_eq!(n, 1);
        // Declared figures compare values.
        let d = DeclaredFigure {
            figure: FigureId::ChallengesCoached,
            value: 53,
            lang: Lang::En,
            source: "site".into(),
            as_of: date!(2022 - 09 - 05),
        };
        assert_eq!(w::upsert_declared_figure(&mut c, &d).await.unwrap(), Upserted::Unchanged);
        assert_eq!(w::upsert_declared_figure(&mut c, &DeclaredFigure { value: 54, ..d }).await.unwrap(), Upserted::Updated);
        let faq = FaqEntry {
            audience: FaqAudience::Candidates,
            lang: Lang::Fr,
            position: 0,
            question: "Qui ?".into(),
            answer_html: "<p>Vous</p>".into(),
            anchor: slug("qui"),
        };
        assert_eq!(w::upsert_faq_entry(&mut c, &faq).await.unwrap(), Upserted::Unchanged);
        let _ = f.cohort2;
        tx.commit().await.unwrap();
    }
}

#[tokio::test]
async fn store_lists_only_public_challenges_with_filters_search_and_paging() {
    for t in TestDb::all().await {
        fixture(&t.db).await;
        let mut pc = t.db.acquire().await.unwrap();
        let mut c = pc.conn();
        let db = t.name().to_owned();
        let list = |f: ChallengeFilter| async move { f };
        let all = ChallengeFilter { limit: 10, ..Default::default() };
        let (cards, total) = r::list_challenges(&mut c, &list(all.clone()).await).await.unwrap();
        assert_eq!(total, 2, "{db}: the framing challenge is not public");
        assert_eq!(cards.iter().map(|x| x.slug.as_str()).collect::<Vec<_>>(), ["archives", "securite"], "{db}: newest year first");
        assert_eq!(cards[1].skills, ["datascience", "dev"], "{db}");
        // Accent- and case-insensitive search, by word prefix, all words required.
        for (q, want) in [(vec!["securite"], 1), (vec!["rout"], 1), (vec!["securite", "archives"], 0), (vec!["outil"], 0)] {
            let f = ChallengeFilter { words: q.iter().map(|s| s.to_string()).collect(), ..all.clone() };
            assert_eq!(r::list_challenges(&mut c, &f).await.unwrap().1, want, "{db}: {q:?}");
        }
        // Filters.
        let count = |f: ChallengeFilter| f;
        for (f, want) in [
            (count(ChallengeFilter { cohort: Some("eig-1".into()), ..all.clone() }), 1),
            (count(ChallengeFilter { skill: Some("design".into()), ..all.clone() }), 1),
            (count(ChallengeFilter { year: Some(2017), ..all.clone() }), 1),
            (count(ChallengeFilter { org_path: Some("/interieur/".into()), ..all.clone() }), 2),
            (count(ChallengeFilter { org_path: Some("/interieur/dggn/".into()), ..all.clone() }), 1),
            (count(ChallengeFilter { cohort: Some("eig-9".into()), ..all.clone() }), 0),
        ] {
            assert_eq!(r::list_challenges(&mut c, &f).await.unwrap().1, want, "{db}: {f:?}");
        }
        // Paging.
        let (page2, total) = r::list_challenges(&mut c, &ChallengeFilter { limit: 1, offset: 1, ..all.clone() }).await.unwrap();
        assert_eq!((page2.len(), total, page2[0].slug.as_str()), (1, 2, "securite"), "{db}");
        // Facets.
        let cohorts = r::cohorts(&mut c).await.unwrap();
        assert_eq!(cohorts.iter().map(|x| (x.code.as_str(), x.challenges)).collect::<Vec<_>>(), [("eig-1", 1), ("eig-2", 1)], "{db}");
        assert_eq!(r::challenge_years(&mut c).await.unwrap(), [(2018, 1), (2017, 1)], "{db}");
        assert_eq!(
            r::skill_counts(&mut c).await.unwrap(),
            [("datascience".to_owned(), 1), ("design".to_owned(), 1), ("dev".to_owned(), 1)],
            "{db}"
        );
        let orgs = r::host_organisations(&mut c).await.unwrap();
        assert_eq!(
            orgs.iter().map(|o| (o.slug.as_str(), o.challenges, o.depth())).collect::<Vec<_>>(),
            [("interieur", 2, 0), ("dggn", 1, 1)],
            "{db}"
        );
        assert_eq!(r::organisation_path(&mut c, "dggn").await.unwrap().as_deref(), Some("/interieur/dggn/"));
        assert_eq!(r::organisation_path(&mut c, "nope").await.unwrap(), None);
    }
}

#[tokio::test]
async fn store_challenge_details_and_exports_hold_every_child() {
    for t in TestDb::all().await {
        let f = fixture(&t.db).await;
        {
            let mut tx = t.db.begin().await.unwrap();
            w::set_renewal(&mut tx.conn(), f.challenges[1], Some(f.challenges[0])).await.unwrap();
            tx.commit().await.unwrap();
        }
        let mut pc = t.db.acquire().await.unwrap();
        let mut c = pc.conn();
        let d = r::challenge_by_slug(&mut c, "securite").await.unwrap().unwrap();
        assert_eq!(d.title, "Sécurité routière");
        assert_eq!(d.host_parent_name.as_deref(), Some("Ministère de l'Intérieur"));
        assert_eq!(d.key_figures, [(12, "douze".to_owned())]);
        assert_eq!(d.deliverables.len(), 1);
        assert_eq!(d.repositories, ["https://git.example/x"]);
        assert_eq!(
            d.team.iter().map(|m| (m.slug.as_str(), m.role.as_str())).collect::<Vec<_>>(),
            [("ana-lys", "fellow"), ("bob-ment", "operational_mentor")]
        );
        assert_eq!(d.renewed_by.iter().map(|x| x.slug.as_str()).collect::<Vec<_>>(), ["archives"]);
        let a = r::challenge_by_slug(&mut c, "archives").await.unwrap().unwrap();
        assert_eq!(a.renewal_of.map(|x| x.slug), Some("securite".to_owned()));
        assert!(r::challenge_by_slug(&mut c, "secret").await.unwrap().is_none(), "{}: framing is not public", t.name());
        assert!(r::challenge_by_slug(&mut c, "nope").await.unwrap().is_none());
        let all = r::export_challenges(&mut c).await.unwrap();
        assert_eq!(all.len(), 2);
        let s = all.iter().find(|x| x.slug == "securite").unwrap();
        assert_eq!(
            (s.skills.len(), s.team.len(), s.key_figures.len(), s.deliverables.len(), s.repositories.len()),
            (2, 2, 1, 1, 1),
            "{}",
            t.name()
        );
    }
}

#[tokio::test]
async fn store_people_are_listed_by_cohort_profile_and_name_and_keep_their_roles() {
    for t in TestDb::all().await {
        fixture(&t.db).await;
        let mut pc = t.db.acquire().await.unwrap();
        let mut c = pc.conn();
        let db = t.name().to_owned();
        let base = PeopleFilter { limit: 10, ..Default::default() };
        let (cards, total) = r::list_people(&mut c, &base).await.unwrap();
        assert_eq!(total, 2, "{db}: the person without public profile is not listed");
        assert_eq!(cards[0].slug, "ana-lys");
        assert_eq!(cards[0].cohorts.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(), ["eig-1", "eig-2"], "{db}");
        for (f, want) in [
            (PeopleFilter { cohort: Some("eig-2".into()), ..base.clone() }, 1),
            (PeopleFilter { profile: Some("mentor".into()), ..base.clone() }, 1),
            (PeopleFilter { words: vec!["ana".into()], ..base.clone() }, 1),
            (PeopleFilter { words: vec!["zzz".into()], ..base.clone() }, 0),
        ] {
            assert_eq!(r::list_people(&mut c, &f).await.unwrap().1, want, "{db}: {f:?}");
        }
        let p = r::person_by_slug(&mut c, "ana-lys").await.unwrap().unwrap();
        assert_eq!(
            p.roles.iter().map(|x| (x.role.as_str(), x.challenge_slug.as_deref())).collect::<Vec<_>>(),
            [("fellow", Some("securite")), ("operational_mentor", Some("archives"))]
        );
        assert_eq!(p.posts.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(), ["publie"], "{db}: drafts are not listed");
        let hidden = r::person_by_slug(&mut c, "cache").await.unwrap().unwrap();
        assert!(!hidden.public_profile);
        assert_eq!(hidden.roles[0].challenge_slug, None, "{db}: a private challenge is not named");
        assert_eq!(r::export_people(&mut c).await.unwrap().len(), 2);
    }
}

#[tokio::test]
async fn store_blog_faq_testimonials_figures_and_sitemap() {
    for t in TestDb::all().await {
        fixture(&t.db).await;
        let mut pc = t.db.acquire().await.unwrap();
        let mut c = pc.conn();
        let db = t.name().to_owned();
        let (posts, total) = r::list_posts(&mut c, None, 8, 0).await.unwrap();
        assert_eq!((total, posts[0].slug.as_str()), (1, "publie"), "{db}: drafts are not listed");
        assert_eq!(posts[0].tags, ["methode", "open"]);
        assert_eq!(posts[0].author_slug.as_deref(), Some("ana-lys"));
        assert_eq!(r::list_posts(&mut c, Some("open"), 8, 0).await.unwrap().1, 1);
        assert_eq!(r::list_posts(&mut c, Some("design"), 8, 0).await.unwrap().1, 0);
        let (card, body, status) = r::post_by_slug(&mut c, "brouillon").await.unwrap().unwrap();
        assert_eq!((card.published_on, body.as_str(), status.as_str()), (date!(2019 - 01 - 01), "Texte", "draft"));
        assert_eq!(r::tag_counts(&mut c).await.unwrap(), [("methode".to_owned(), 1), ("open".to_owned(), 1)]);
        let faq = r::faq(&mut c, Lang::Fr).await.unwrap();
        assert_eq!(faq.len(), 1);
        assert!(r::faq(&mut c, Lang::En).await.unwrap().is_empty());
        let ts = r::testimonials(&mut c).await.unwrap();
        assert_eq!(ts[0].author_slug.as_deref(), Some("bob-ment"));
        let facts = r::figure_facts(&mut c).await.unwrap();
        assert_eq!(facts.challenges.len(), 2, "{db}: only public challenges count");
        assert_eq!(facts.roles.len(), 4);
        let declared = r::declared_figures(&mut c).await.unwrap();
        assert_eq!(declared[0].value, 53);
        let legacy = r::legacy_paths(&mut c).await.unwrap();
        assert_eq!(legacy.get("/defis/2017/securite.html"), Some(&("challenge".to_owned(), "securite".to_owned())));
        assert!(!legacy.contains_key("/defis/2018/secret.html"), "{db}: private pages have no redirect");
        assert!(!legacy.contains_key("/communaute/2018/cache.html"));
        let (ch, pe, po) = r::sitemap(&mut c).await.unwrap();
        assert_eq!(
            (ch, pe, po),
            (
                vec!["archives".to_owned(), "securite".to_owned()],
                vec!["ana-lys".to_owned(), "bob-ment".to_owned()],
                vec!["publie".to_owned()]
            )
        );
    }
}

#[tokio::test]
async fn store_meta_tracks_versions_runs_and_counts() {
    for t in TestDb::all().await {
        let mut tx = t.db.begin().await.unwrap();
        let mut c = tx.conn();
        assert_eq!(meta::content_version(&mut c).await.unwrap(), 0);
        assert_eq!(meta::bump_content_version(&mut c).await.unwrap(), 1);
        assert_eq!(meta::content_version(&mut c).await.unwrap(), 1);
        assert!(meta::last_import_run(&mut c, "x").await.unwrap().is_none());
        let run = meta::ImportRun {
            source: "x".into(),
            started_at: datetime!(2026-11-30 10:00 UTC),
            finished_at: datetime!(2026-11-30 10:01 UTC),
            changes: 3,
            summary: "{}".into(),
        };
        meta::record_import_run(&mut c, &run).await.unwrap();
        assert_eq!(meta::last_import_run(&mut c, "x").await.unwrap(), Some(run), "{}", t.name());
        let counts = meta::table_counts(&mut c).await.unwrap();
        assert!(counts.iter().all(|(_, n)| *n == 0));
        tx.commit().await.unwrap();
        t.db.ping().await.unwrap();
    }
}

#[tokio::test]
async fn store_refuses_nul_bytes_the_same_way_on_both_databases_through_parsing() {
    // Text reaches the store only through parsed types; slugs cannot hold NUL.
    assert!(Slug::parse("a\u{0}b").is_err());
}

#[tokio::test]
async fn store_unique_violations_are_conflicts() {
    for t in TestDb::all().await {
        let mut tx = t.db.begin().await.unwrap();
        let mut c = tx.conn();
        let res = on_conn!(&mut c, |x| sqlx::query("insert into content_version (id, version) values (1, 5)").execute(x).await.map(|_| ()));
        let err = cohorte_store::StoreError::from(res.unwrap_err());
        assert!(matches!(err, cohorte_store::StoreError::Conflict { .. }), "{}: {err:?}", t.name());
    }
}

/// The two migration trees describe the same tables and columns.
#[tokio::test]
async fn schema_parity_sqlite_and_postgres_have_the_same_tables_and_columns() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let names = |d: &str| -> BTreeSet<String> {
        std::fs::read_dir(root.join(d)).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect()
    };
    assert_eq!(names("sqlite"), names("postgres"), "every migration exists in both trees");
    let sqlite = TestDb::sqlite().await;
    let mut pc = sqlite.db.acquire().await.unwrap();
    let mut c = pc.conn();
    let tables: Vec<String> = on_conn!(&mut c, |x| sqlx::query_scalar(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_sqlx%' order by name"
    )
    .fetch_all(x)
    .await)
    .unwrap();
    let mut lite = BTreeSet::new();
    for table in &tables {
        let cols: Vec<(i64, String, String, i64, Option<String>, i64)> =
            on_conn!(&mut c, |x| sqlx::query_as(sqlx::AssertSqlSafe(format!("pragma table_info({table})"))).fetch_all(x).await).unwrap();
        for col in cols {
            lite.insert(format!("{table}.{}", col.1));
        }
    }
    let Some(pg) = TestDb::postgres().await else {
        assert!(!cohorte_test_support::require_postgres(), "REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set");
        return;
    };
    let mut pc = pg.db.acquire().await.unwrap();
    let mut c = pc.conn();
    let cols: Vec<(String, String)> = on_conn!(&mut c, |x| sqlx::query_as(
        "select table_name::text, column_name::text from information_schema.columns where table_schema = 'public' and table_name not like '_sqlx%'"
    )
    .fetch_all(x)
    .await)
    .unwrap();
    let pgset: BTreeSet<String> = cols.into_iter().map(|(t, c)| format!("{t}.{c}")).collect();
    assert_eq!(lite, pgset);
}

/// The SQL visibility rule mirrors `ChallengeStatus::is_public` for every status.
#[tokio::test]
async fn store_public_challenge_rule_matches_the_domain_for_every_status() {
    for t in TestDb::all().await {
        let f = fixture(&t.db).await;
        let mut tx = t.db.begin().await.unwrap();
        let mut c = tx.conn();
        let host: uuid::Uuid =
            on_conn!(&mut c, |x| sqlx::query_scalar("select id from organisation where slug = 'dggn'").fetch_one(x).await).unwrap();
        for (i, status) in ChallengeStatus::ALL.iter().enumerate() {
            let ch = challenge(&format!("status-{i}"), &format!("Statut {i}"), "eig-1", 2017, *status, vec![]);
            let refs = ChallengeRefs {
                cohort: f.cohort1,
                host: cohorte_domain::ids::OrganisationId::from_uuid(host),
                search_key: format!(" statut{i} "),
            };
            w::upsert_challenge(&mut c, &ch, &refs).await.unwrap();
            let seen = r::challenge_by_slug(&mut c, &format!("status-{i}")).await.unwrap().is_some();
            let listed = r::list_challenges(&mut c, &ChallengeFilter { words: vec![format!("statut{i}")], limit: 5, ..Default::default() })
                .await
                .unwrap()
                .1
                == 1;
            assert_eq!((seen, listed), (status.is_public(), status.is_public()), "{}: {status}", t.name());
        }
    }
}

/// Rate-limit buckets: fixed windows (`hit`), sliding counts (`hits_since`), a lock row that no
/// window sees, forgetting a bucket, and the purge.
#[tokio::test]
async fn store_rate_limit_buckets_count_fixed_and_sliding_windows() {
    use cohorte_store::identity as id;
    for t in TestDb::all().await {
        let mut tx = t.db.begin().await.unwrap();
        let mut c = tx.conn();
        assert_eq!(id::hit(&mut c, "a", 1000).await.unwrap(), 1, "{}", t.name());
        assert_eq!(id::hit(&mut c, "a", 1000).await.unwrap(), 2, "{}", t.name());
        id::hit(&mut c, "a", 1500).await.unwrap();
        id::hit(&mut c, "b", 1500).await.unwrap();
        id::lock_bucket(&mut c, "a").await.unwrap();
        assert_eq!(id::hits_since(&mut c, "a", 999).await.unwrap(), 3, "{}: the window holds 1000 and 1500", t.name());
        assert_eq!(id::hits_since(&mut c, "a", 1000).await.unwrap(), 1, "{}: after 1000 only", t.name());
        assert_eq!(id::hits_since(&mut c, "nothing", 0).await.unwrap(), 0, "{}", t.name());
        assert_eq!(id::clear_bucket(&mut c, "a").await.unwrap(), 3, "{}: two windows and the lock row", t.name());
        assert_eq!(id::hits_since(&mut c, "a", 0).await.unwrap(), 0, "{}", t.name());
        assert_eq!(id::purge_rate_limits(&mut c, 1600).await.unwrap(), 1, "{}", t.name());
        tx.commit().await.unwrap();
    }
}
