//! The EIG import on the real data, on SQLite and PostgreSQL.

use cohorte_app::Ctx;
use cohorte_app::import::{ImportError, import_eig};
use cohorte_domain::eig::ReportKind;
use cohorte_domain::figures::{DEFINITIONS, Scope, compute};
use cohorte_test_support::{TestDb, copy_dir, eig_curation_file, eig_data_dir};

fn no_progress(_: cohorte_app::import::Progress) {}

#[tokio::test]
async fn eig_import_loads_everything_and_reports_what_it_did() {
    for t in TestDb::all().await {
        let ctx = Ctx::new(t.db.clone());
        let s = import_eig(&ctx, &eig_data_dir(), &eig_curation_file(), &no_progress).await.unwrap();
        let db = t.name();
        assert_eq!(s.counts_of("challenges").created, 71, "{db}");
        assert_eq!(s.counts_of("cohorts").created, 5, "{db}");
        // 262 records, one merged (Pierre-Alain / Pierre–Alain), 7 EIG 1 mentors without a record.
        assert_eq!(s.counts_of("people").created, 262 - 1 + 7, "{db}");
        assert_eq!(s.counts_of("posts").created, 55, "{db}");
        assert_eq!(s.counts_of("testimonials").created, 3, "{db}");
        assert_eq!(s.report.count(ReportKind::Reclassified), 2, "{db}: the two EIG 1 fellows filed as mentors");
        assert_eq!(s.report.count(ReportKind::Draft), 5, "{db}");
        assert!(
            s.report.entries.iter().any(|e| e.kind == ReportKind::Merged && e.subject.contains("Jachiet")),
            "{db}: the en-dash variant is merged"
        );
        let created: Vec<_> = s.report.entries.iter().filter(|e| e.kind == ReportKind::Created).collect();
        assert_eq!(created.len(), 7, "{db}: {created:#?}");
        assert_eq!(s.report.count(ReportKind::Renewed), 2, "{db}: EIG Link 2019 and 2020 renew the previous one");
        assert!(s.report.entries.iter().any(|e| e.kind == ReportKind::Inconsistent && e.subject.contains("Weisenburger")), "{db}");

        // The headline figures come out of the stored data.
        let mut c = t.db.acquire().await.unwrap();
        let facts = cohorte_store::read::figure_facts(&mut c.conn()).await.unwrap();
        let on = |i: usize, scope| compute(DEFINITIONS[i], &facts, scope);
        assert_eq!(on(0, Scope::EIG1_3_DIG), 53, "{db}: challenges coached, EIG 1–3 + DIG");
        assert_eq!(on(1, Scope::EIG1_3_DIG), 40, "{db}: administrations helped, EIG 1–3 + DIG");
        assert_eq!(on(2, Scope::EIG1_3_DIG), 89, "{db}: fellows recruited (distinct people)");
        assert_eq!(on(3, Scope::EIG1_3_DIG), 89, "{db}: public servants onboarded");
        assert_eq!((on(0, Scope::ALL), on(1, Scope::ALL), on(2, Scope::ALL), on(3, Scope::ALL)), (70, 50, 130, 134), "{db}");
    }
}

#[tokio::test]
async fn eig_import_twice_changes_nothing() {
    for t in TestDb::all().await {
        let ctx = Ctx::new(t.db.clone());
        let first = import_eig(&ctx, &eig_data_dir(), &eig_curation_file(), &no_progress).await.unwrap();
        assert!(first.changes() > 0);
        let version = cohorte_app::content_version(&ctx).await.unwrap();
        let second = import_eig(&ctx, &eig_data_dir(), &eig_curation_file(), &no_progress).await.unwrap();
        assert_eq!(second.changes(), 0, "{}: {:?}", t.name(), second.counts);
        assert_eq!(second.counts_of("challenges").unchanged, 71);
        assert_eq!(cohorte_app::content_version(&ctx).await.unwrap(), version, "{}: no content change", t.name());
    }
}

#[tokio::test]
async fn eig_import_refuses_a_malformed_file_naming_file_and_line_and_writes_nothing() {
    let t = TestDb::sqlite().await;
    let ctx = Ctx::new(t.db.clone());
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&eig_data_dir(), dir.path());
    let defis = dir.path().join("data/defis.yml");
    let mut text = std::fs::read_to_string(&defis).unwrap();
    // Line 5 gets a tab-indented, unclosed flow sequence.
    let mut lines: Vec<&str> = text.lines().collect();
    lines[4] = "  link_to: [unclosed";
    text = lines.join("\n");
    std::fs::write(&defis, text).unwrap();
    let err = import_eig(&ctx, dir.path(), &eig_curation_file(), &no_progress).await.unwrap_err();
    match &err {
        ImportError::Malformed { file, line, .. } => {
            assert!(file.ends_with("data/defis.yml"), "{err}");
            assert!(line.is_some_and(|l| (5..=7).contains(&l)), "{err}");
        }
        other => panic!("expected a malformed-file error, got {other}"),
    }
    assert!(err.to_string().contains("defis.yml:"), "{err}");
    assert!(cohorte_app::import::is_empty(&ctx).await.unwrap(), "nothing was written");

    // A wrong type in a front matter names the Markdown file and its line.
    copy_dir(&eig_data_dir(), dir.path());
    let post = dir.path().join("posts/18-02-27-bootcamp-comment-souder-un-collectif-de-talents.md");
    std::fs::write(&post, "---\ntitle: ok\ntags: {a: [}\n---\nbody").unwrap();
    let err = import_eig(&ctx, dir.path(), &eig_curation_file(), &no_progress).await.unwrap_err();
    assert!(err.to_string().contains("18-02-27-bootcamp"), "{err}");
    assert!(matches!(err, ImportError::Malformed { line: Some(3), .. }), "{err}");

    // Invalid UTF-8.
    copy_dir(&eig_data_dir(), dir.path());
    std::fs::write(dir.path().join("data/skills.yml"), b"dev: D\xe9veloppement\n").unwrap();
    let err = import_eig(&ctx, dir.path(), &eig_curation_file(), &no_progress).await.unwrap_err();
    assert!(err.to_string().contains("skills.yml:1: not valid UTF-8"), "{err}");
}
