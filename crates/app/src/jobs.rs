//! Background jobs, as the use cases queue them: written in the use case's transaction, run later
//! by [`crate::worker`]. A leaf module: it knows what a job is, not how it runs.

use cohorte_store::{Conn, StoreError};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::mail::OutgoingMail;

/// A job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Job {
    /// Send an email.
    SendMail {
        /// The message.
        mail: OutgoingMail,
    },
    /// Delete expired sessions, used tokens and old rate-limit windows.
    Purge,
    /// Publish a cohort's approved results (scheduled at the chosen time).
    PublishResults {
        /// The cohort (id).
        cohort: String,
    },
    /// Remind a candidate of their interview (skipped if the booking changed).
    InterviewReminder {
        /// The application (id).
        application: String,
        /// The slot booked (id).
        slot: String,
    },
    /// Expire an application's offer if still unanswered (scheduled at its deadline).
    ExpireOffer {
        /// The application (id).
        application: String,
    },
}

impl Job {
    /// The kind, as stored.
    pub fn kind(&self) -> &'static str {
        match self {
            Job::SendMail { .. } => "send_mail",
            Job::Purge => "purge",
            Job::PublishResults { .. } => "publish_results",
            Job::ExpireOffer { .. } => "expire_offer",
            Job::InterviewReminder { .. } => "interview_reminder",
        }
    }
}

/// Queues a job in the caller's transaction (runs as soon as a worker is free).
pub async fn enqueue(conn: &mut Conn<'_>, job: &Job, dedup_key: Option<&str>, now: OffsetDateTime) -> Result<bool, StoreError> {
    let payload = serde_json::to_string(job).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    cohorte_store::jobs::enqueue(conn, job.kind(), &payload, dedup_key, now.unix_timestamp(), 8, now).await
}

/// Queues a job to run at a given time, in the caller's transaction.
pub async fn enqueue_at(
    conn: &mut Conn<'_>,
    job: &Job,
    dedup_key: Option<&str>,
    run_at: OffsetDateTime,
    now: OffsetDateTime,
) -> Result<bool, StoreError> {
    let payload = serde_json::to_string(job).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    cohorte_store::jobs::enqueue(conn, job.kind(), &payload, dedup_key, run_at.unix_timestamp(), 8, now).await
}
