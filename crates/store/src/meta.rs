//! Bookkeeping: the content version (page caches of every instance watch it) and import runs.

use time::OffsetDateTime;
use uuid::Uuid;

use crate::{Conn, StoreError, on_conn};

/// The content version: bumped by every write that changes public content.
pub async fn content_version(conn: &mut Conn<'_>) -> Result<i64, StoreError> {
    let v: i64 = on_conn!(conn, |c| sqlx::query_scalar("select version from content_version where id = 1").fetch_one(c).await)?;
    Ok(v)
}

/// Bumps the content version (inside the writing transaction) and returns the new one.
pub async fn bump_content_version(conn: &mut Conn<'_>) -> Result<i64, StoreError> {
    let v: i64 = on_conn!(conn, |c| sqlx::query_scalar("update content_version set version = version + 1 where id = 1 returning version")
        .fetch_one(c)
        .await)?;
    Ok(v)
}

/// A finished import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRun {
    /// The source (`eig-opendata`).
    pub source: String,
    /// When it started.
    pub started_at: OffsetDateTime,
    /// When it finished.
    pub finished_at: OffsetDateTime,
    /// How many records it created, updated or removed.
    pub changes: i64,
    /// The report, as JSON.
    pub summary: String,
}

/// Records an import run.
pub async fn record_import_run(conn: &mut Conn<'_>, run: &ImportRun) -> Result<(), StoreError> {
    on_conn!(conn, |c| sqlx::query(
        "insert into import_run (id, source, started_at, finished_at, changes, summary) values ($1, $2, $3, $4, $5, $6)"
    )
    .bind(Uuid::now_v7())
    .bind(&run.source)
    .bind(run.started_at)
    .bind(run.finished_at)
    .bind(run.changes)
    .bind(&run.summary)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The most recent import run of a source.
pub async fn last_import_run(conn: &mut Conn<'_>, source: &str) -> Result<Option<ImportRun>, StoreError> {
    let row: Option<(String, OffsetDateTime, OffsetDateTime, i64, String)> = on_conn!(conn, |c| {
        sqlx::query_as(
        "select source, started_at, finished_at, changes, summary from import_run where source = $1 order by finished_at desc, id desc limit 1"
    )
    .bind(source)
    .fetch_optional(c)
    .await
    })?;
    Ok(row.map(|(source, started_at, finished_at, changes, summary)| ImportRun { source, started_at, finished_at, changes, summary }))
}

/// How many rows each content table holds (for `check-config` and the import summary).
pub async fn table_counts(conn: &mut Conn<'_>) -> Result<Vec<(&'static str, i64)>, StoreError> {
    const TABLES: [(&str, &str); 8] = [
        ("cohorts", "select count(*) from cohort"),
        ("organisations", "select count(*) from organisation"),
        ("people", "select count(*) from person"),
        ("challenges", "select count(*) from challenge"),
        ("roles", "select count(*) from role_assignment"),
        ("posts", "select count(*) from blog_post"),
        ("faq", "select count(*) from faq_entry"),
        ("testimonials", "select count(*) from testimonial"),
    ];
    let mut out = Vec::new();
    for (name, sql) in TABLES {
        let n: i64 = on_conn!(conn, |c| sqlx::query_scalar(sql).fetch_one(c).await)?;
        out.push((name, n));
    }
    Ok(out)
}
