//! The crate root and `dialect`: opening, migrating, transactions, closing; and the small methods
//! of the read models.

use cohorte_domain::content::RoleKind;
use cohorte_domain::lang::Lang;
use cohorte_store::{ConnectOptions, Db, StoreError, dialect, meta, read};
use cohorte_test_support::TestDb;

use crate::support::{assert_corrupt, exec};

#[tokio::test]
async fn store_opens_migrates_commits_and_closes_every_database() {
    for t in TestDb::all().await {
        let db = t.name().to_owned();
        let other = Db::connect(&t.url, &ConnectOptions { max_connections: 2 }).await.unwrap();
        assert_eq!(other.backend(), t.db.backend(), "{db}");
        let want = if t.url.starts_with("sqlite:") { "sqlite" } else { "postgres" };
        assert_eq!(dialect::name(other.backend()), want, "{db}");
        other.migrate().await.unwrap();
        other.ping().await.unwrap();

        // Uncommitted work is dropped; committed work is seen from another pool.
        {
            let mut tx = other.begin().await.unwrap();
            assert_eq!(meta::bump_content_version(&mut tx.conn()).await.unwrap(), 1, "{db}");
        }
        let mut pc = t.db.acquire().await.unwrap();
        assert_eq!(meta::content_version(&mut pc.conn()).await.unwrap(), 0, "{db}: rolled back");
        let mut tx = other.begin().await.unwrap();
        meta::bump_content_version(&mut tx.conn()).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(meta::content_version(&mut pc.conn()).await.unwrap(), 1, "{db}: committed");

        other.close().await;
        assert!(other.ping().await.is_err(), "{db}: closed");
        t.db.ping().await.unwrap();
    }
    let err = Db::connect("mysql://u:secret@h/db", &ConnectOptions::default()).await.unwrap_err();
    assert!(matches!(&err, StoreError::UnsupportedUrl(u) if u == "mysql://u:***@h/db"), "{err:?}");
}

#[tokio::test]
async fn read_rows_name_their_cohort_and_role_and_refuse_unknown_figures() {
    for t in TestDb::all().await {
        crate::fixture(&t.db).await;
        let mut pc = t.db.acquire().await.unwrap();
        let mut c = pc.conn();
        let cohorts = read::cohorts(&mut c).await.unwrap();
        assert_eq!((cohorts[0].title(Lang::Fr), cohorts[0].title(Lang::En)), ("EIG 1", "EIG 1 (en)"), "{}", t.name());
        let d = read::challenge_by_slug(&mut c, "securite").await.unwrap().unwrap();
        assert_eq!(
            d.team.iter().map(|m| m.role_kind()).collect::<Vec<_>>(),
            [Some(RoleKind::Fellow), Some(RoleKind::OperationalMentor)],
            "{}",
            t.name()
        );
        assert_eq!(d.team.iter().map(|m| m.is_fellow()).collect::<Vec<_>>(), [true, false], "{}", t.name());
        exec(&mut c, "update declared_figure set figure = 'unknown_figure'").await.unwrap();
        assert_corrupt(read::declared_figures(&mut c).await, t.name());
    }
}
