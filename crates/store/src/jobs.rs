//! The job queue: jobs are written in the transaction of the use case that makes them, and any
//! instance claims them with one portable statement (SQLite serialises writers; on PostgreSQL a
//! concurrent loser re-checks the condition after the row lock and updates nothing), so a job is
//! claimed by one worker at a time. An expired lease (a crashed worker) is claimed again.

use time::OffsetDateTime;
use uuid::Uuid;

use crate::{Conn, StoreError, on_conn};

/// A job to run.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct JobRow {
    /// Id.
    pub id: Uuid,
    /// Kind (`send_mail`, …).
    pub kind: String,
    /// Payload (JSON).
    pub payload: String,
    /// Attempts so far, this one included.
    pub attempts: i64,
    /// Attempts allowed.
    pub max_attempts: i64,
}

/// Queues a job to run at `run_at` (unix seconds). With a `dedup_key`, a second job with the same
/// key is not queued (returns `false`).
pub async fn enqueue(
    conn: &mut Conn<'_>,
    kind: &str,
    payload: &str,
    dedup_key: Option<&str>,
    run_at: i64,
    max_attempts: i64,
    now: OffsetDateTime,
) -> Result<bool, StoreError> {
    let n = on_conn!(conn, |c| sqlx::query(
        "insert into job (id, kind, payload, dedup_key, status, run_at, attempts, max_attempts, created_at) \
         values ($1, $2, $3, $4, 'pending', $5, 0, $6, $7) on conflict (dedup_key) do nothing"
    )
    .bind(Uuid::now_v7())
    .bind(kind)
    .bind(payload)
    .bind(dedup_key)
    .bind(run_at)
    .bind(max_attempts)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Claims the next job that is due (or whose lease expired) for `lease_secs`.
pub async fn claim(conn: &mut Conn<'_>, worker: &str, now: i64, lease_secs: i64) -> Result<Option<JobRow>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as(
        "update job set status = 'running', locked_by = $1, locked_until = $2, attempts = attempts + 1 \
         where id = (select id from job where (status = 'pending' and run_at <= $3) or (status = 'running' and locked_until < $3) \
                     order by run_at, id limit 1) \
           and (status = 'pending' or (status = 'running' and locked_until < $3)) \
         returning id, kind, payload, attempts, max_attempts"
    )
    .bind(worker)
    .bind(now + lease_secs)
    .bind(now)
    .fetch_optional(c)
    .await)?)
}

/// Marks a job done (only by the worker holding it).
pub async fn complete(conn: &mut Conn<'_>, id: Uuid, worker: &str, now: OffsetDateTime) -> Result<bool, StoreError> {
    let n = on_conn!(conn, |c| {
        sqlx::query(
        "update job set status = 'done', finished_at = $3, locked_by = null, locked_until = null where id = $1 and locked_by = $2 and status = 'running'"
    )
    .bind(id)
    .bind(worker)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(n == 1)
}

/// Records a failure: retried at `retry_at` (unix seconds), or failed for good when out of attempts.
pub async fn fail(
    conn: &mut Conn<'_>,
    id: Uuid,
    worker: &str,
    error: &str,
    retry_at: Option<i64>,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    on_conn!(conn, |c| sqlx::query(
        "update job set status = case when $4 is null then 'failed' else 'pending' end, run_at = coalesce($4, run_at), \
         last_error = $3, locked_by = null, locked_until = null, finished_at = case when $4 is null then $5 else null end \
         where id = $1 and locked_by = $2 and status = 'running'"
    )
    .bind(id)
    .bind(worker)
    .bind(error)
    .bind(retry_at)
    .bind(now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// How many jobs are in each status.
pub async fn counts(conn: &mut Conn<'_>) -> Result<Vec<(String, i64)>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as("select status, count(*) from job group by status order by status").fetch_all(c).await)?)
}

/// A job's status, attempts and last error (tests and the staff page).
pub async fn status(conn: &mut Conn<'_>, id: Uuid) -> Result<Option<(String, i64, Option<String>)>, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query_as("select status, attempts, last_error from job where id = $1").bind(id).fetch_optional(c).await)?)
}

/// Deletes finished jobs older than `before`.
pub async fn purge(conn: &mut Conn<'_>, before: OffsetDateTime) -> Result<u64, StoreError> {
    Ok(on_conn!(conn, |c| sqlx::query("delete from job where status in ('done', 'failed') and finished_at < $1")
        .bind(before)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?)
}
