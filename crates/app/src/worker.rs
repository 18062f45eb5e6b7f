//! The job worker: runs inside `serve` (or alone with `cohorte worker`). Any number of workers on
//! any number of instances share the queue; each job is claimed by one of them at a time, retried
//! with backoff, and its handler is idempotent (a mail is identified by its job id).

use std::sync::Arc;
use std::time::Duration;

use crate::jobs::{Job, enqueue};
use crate::mail::Mailer;
use crate::{AppError, Ctx};

/// What one turn of the worker did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Turn {
    /// Nothing was due.
    Idle,
    /// A job ran and succeeded.
    Done(uuid::Uuid),
    /// A job failed (retried later, or given up).
    Failed(uuid::Uuid, String),
}

/// A worker.
pub struct Worker {
    ctx: Ctx,
    mailer: Arc<dyn Mailer>,
    id: String,
    lease_secs: i64,
}

impl Worker {
    /// A worker named `id` (host and process, for the record).
    pub fn new(ctx: Ctx, mailer: Arc<dyn Mailer>, id: impl Into<String>) -> Self {
        Self { ctx, mailer, id: id.into(), lease_secs: 300 }
    }

    /// Claims and runs one due job.
    pub async fn run_once(&self) -> Result<Turn, AppError> {
        let now = self.ctx.clock.now();
        let claimed = {
            let mut c = self.ctx.db.acquire().await?;
            cohorte_store::jobs::claim(&mut c.conn(), &self.id, now.unix_timestamp(), self.lease_secs).await?
        };
        let Some(job) = claimed else { return Ok(Turn::Idle) };
        let result = match serde_json::from_str::<Job>(&job.payload) {
            Ok(j) => self.handle(&job.id.to_string(), j).await,
            Err(e) => Err(format!("unreadable payload: {e}")),
        };
        let mut c = self.ctx.db.acquire().await?;
        let mut conn = c.conn();
        let now = self.ctx.clock.now();
        match result {
            Ok(()) => {
                cohorte_store::jobs::complete(&mut conn, job.id, &self.id, now).await?;
                Ok(Turn::Done(job.id))
            }
            Err(e) => {
                let retry = (job.attempts < job.max_attempts).then(|| now.unix_timestamp() + 10 * job.attempts * job.attempts);
                if retry.is_some() {
                    tracing::warn!(job = %job.id, kind = %job.kind, attempts = job.attempts, error = %e, "job failed");
                } else {
                    tracing::error!(job = %job.id, kind = %job.kind, attempts = job.attempts, error = %e, "job gave up");
                }
                cohorte_store::jobs::fail(&mut conn, job.id, &self.id, &e, retry, now).await?;
                Ok(Turn::Failed(job.id, e))
            }
        }
    }

    async fn handle(&self, id: &str, job: Job) -> Result<(), String> {
        match job {
            Job::SendMail { mail } => self.mailer.send(id, &mail).await.map_err(|e| e.to_string()),
            Job::PublishResults { cohort } => {
                let id = cohort.parse().map_err(|e: uuid::Error| e.to_string())?;
                crate::decisions::publish_due(&self.ctx, id).await.map(|_| ()).map_err(|e| e.to_string())
            }
            Job::ExpireOffer { application } => {
                let id = application.parse().map_err(|e: uuid::Error| e.to_string())?;
                crate::applications::expire_offer(&self.ctx, cohorte_domain::ids::ApplicationId::from_uuid(id))
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            }
            Job::InterviewReminder { application, slot } => {
                let id = application.parse().map_err(|e: uuid::Error| e.to_string())?;
                let slot = slot.parse().map_err(|e: uuid::Error| e.to_string())?;
                crate::applications::remind_interview(&self.ctx, cohorte_domain::ids::ApplicationId::from_uuid(id), slot)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            }
            Job::Purge => {
                let now = self.ctx.clock.now();
                let mut c = self.ctx.db.acquire().await.map_err(|e| e.to_string())?;
                let mut conn = c.conn();
                cohorte_store::identity::purge_sessions(&mut conn, now - time::Duration::days(1)).await.map_err(|e| e.to_string())?;
                cohorte_store::identity::purge_rate_limits(&mut conn, now.unix_timestamp() - 86_400).await.map_err(|e| e.to_string())?;
                cohorte_store::jobs::purge(&mut conn, now - time::Duration::days(30)).await.map_err(|e| e.to_string())?;
                Ok(())
            }
        }
    }

    /// Runs until `stop` turns true: a job after another, a short sleep when idle, and a purge
    /// queued every hour.
    pub async fn run(self, mut stop: tokio::sync::watch::Receiver<bool>) {
        let mut last_purge = 0i64;
        loop {
            if *stop.borrow() {
                break;
            }
            let now = self.ctx.clock.now();
            if now.unix_timestamp() - last_purge > 3600 {
                last_purge = now.unix_timestamp();
                let hour = now.unix_timestamp() / 3600;
                if let Ok(mut c) = self.ctx.db.acquire().await {
                    let _ = enqueue(&mut c.conn(), &Job::Purge, Some(&format!("purge-{hour}")), now).await;
                }
            }
            let idle = match self.run_once().await {
                Ok(Turn::Idle) => true,
                Ok(_) => false,
                Err(e) => {
                    tracing::warn!(error = %e, "job worker: database unavailable");
                    true
                }
            };
            if idle {
                tokio::select! {
                    _ = tokio::time::sleep(Duration::from_millis(500)) => {}
                    _ = stop.changed() => {}
                }
            }
        }
    }
}
