//! Test helpers shared by every crate's tests: a fresh, migrated database on SQLite (a temporary
//! file, WAL like production) and on PostgreSQL (a new database on the server named by
//! `TEST_DATABASE_URL`, dropped afterwards), and the path of the bundled EIG data.

pub mod clock;
pub mod peers;
pub mod vnu;

use std::path::PathBuf;

use cohorte_store::{ConnectOptions, Db};

/// The repository root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The bundled EIG open data.
pub fn eig_data_dir() -> PathBuf {
    repo_root().join("data/eig-opendata")
}

/// A copy of the EIG data in a temporary folder, for tests that alter it.
pub fn eig_data_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&eig_data_dir(), dir.path());
    dir
}

/// Copies a folder recursively.
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for e in std::fs::read_dir(from).expect("read folder") {
        let e = e.expect("folder entry");
        let dest = to.join(e.file_name());
        if e.file_type().expect("file type").is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), &dest).expect("copy file");
        }
    }
}

/// The curation file of the EIG import.
pub fn eig_curation_file() -> PathBuf {
    repo_root().join("data/curation/eig.yml")
}

/// A variable of the test environment (`TEST_DATABASE_URL`, `REQUIRE_POSTGRES`, …).
pub fn env(name: &str) -> Option<String> {
    #[expect(clippy::disallowed_methods, reason = "tests read their own switches from the environment")]
    std::env::var(name).ok().filter(|s| !s.is_empty())
}

/// The PostgreSQL server tests use, when set.
pub fn postgres_url() -> Option<String> {
    env("TEST_DATABASE_URL")
}

/// `REQUIRE_POSTGRES=1`: a missing PostgreSQL fails the test instead of skipping its leg.
pub fn require_postgres() -> bool {
    env("REQUIRE_POSTGRES").as_deref() == Some("1")
}

/// `REQUIRE_BROWSER=1`: a missing Chromium fails the browser tests instead of skipping them.
pub fn require_browser() -> bool {
    env("REQUIRE_BROWSER").as_deref() == Some("1")
}

/// A fresh, migrated database that cleans up after itself.
pub struct TestDb {
    /// The pool.
    pub db: Db,
    /// The URL it was opened with.
    pub url: String,
    name: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Sqlite(#[expect(dead_code, reason = "held so the directory lives as long as the database")] tempfile::TempDir),
    Postgres { admin_url: String },
}

impl TestDb {
    /// A new SQLite database in a temporary directory.
    pub async fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("test.db").display());
        let db = Db::connect(&url, &ConnectOptions::default()).await.expect("open sqlite");
        db.migrate().await.expect("migrate sqlite");
        TestDb { db, url, name: "sqlite".into(), cleanup: Cleanup::Sqlite(dir) }
    }

    /// A new PostgreSQL database on the `TEST_DATABASE_URL` server, or `None` when unset.
    pub async fn postgres() -> Option<TestDb> {
        let admin_url = postgres_url()?;
        let name = format!("cohorte_t_{}", uuid::Uuid::now_v7().simple());
        let admin = Db::connect(&admin_url, &ConnectOptions { max_connections: 1 }).await.expect("connect to TEST_DATABASE_URL");
        if let Db::Postgres(pool) = &admin {
            sqlx::query(sqlx::AssertSqlSafe(format!("create database {name}"))).execute(pool).await.expect("create test database");
        }
        admin.close().await;
        let url = with_database(&admin_url, &name);
        let db = Db::connect(&url, &ConnectOptions::default()).await.expect("open postgres");
        db.migrate().await.expect("migrate postgres");
        Some(TestDb { db, url, name, cleanup: Cleanup::Postgres { admin_url } })
    }

    /// Every database to run a conformance test on: SQLite always, PostgreSQL when
    /// `TEST_DATABASE_URL` is set. With `REQUIRE_POSTGRES=1`, a missing PostgreSQL fails.
    pub async fn all() -> Vec<TestDb> {
        let mut v = vec![TestDb::sqlite().await];
        match TestDb::postgres().await {
            Some(pg) => v.push(pg),
            None => assert!(!require_postgres(), "REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set"),
        }
        v
    }

    /// `sqlite` or the PostgreSQL database name, for assertion messages.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Cleanup::Postgres { admin_url } = &self.cleanup {
            let (admin_url, name) = (admin_url.clone(), self.name.clone());
            // Drop the database from a thread of its own: Drop cannot await.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
                rt.block_on(async move {
                    if let Ok(Db::Postgres(pool)) = Db::connect(&admin_url, &ConnectOptions { max_connections: 1 }).await {
                        let _ =
                            sqlx::query(sqlx::AssertSqlSafe(format!("drop database if exists {name} with (force)"))).execute(&pool).await;
                        pool.close().await;
                    }
                });
            })
            .join();
        }
    }
}

/// The URL with another database name.
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let base = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn with_database_replaces_the_name() {
        assert_eq!(with_database("postgres://postgres@127.0.0.1:5432/test", "x"), "postgres://postgres@127.0.0.1:5432/x");
        assert_eq!(with_database("postgres://h", "x"), "postgres://h/x");
        assert_eq!(with_database("postgres://h/db?sslmode=disable", "x"), "postgres://h/x?sslmode=disable");
    }
}
