//! One unit of work: begin a transaction, read the clock once, act, append to the audit log in
//! the same transaction, commit before answering. Every use case that writes goes through it, so
//! a change and its audit entry (and the mail jobs it queues) are durable together or not at all.

use cohorte_domain::identity::{AuditAction, AuditEntry, SignedIn};
use cohorte_domain::ids::PersonId;
use cohorte_store::call::CohortAdminRow;
use cohorte_store::{Conn, Tx, audit};
use time::OffsetDateTime;

use crate::session::RequestMeta;
use crate::{AppError, Ctx};

/// An open unit of work.
pub struct Uow<'m> {
    tx: Tx,
    /// The instant of the whole use case (the clock is read once).
    pub now: OffsetDateTime,
    /// The request it serves (audited with each entry).
    pub meta: &'m RequestMeta,
}

impl<'m> Uow<'m> {
    /// Begins a write transaction (`BEGIN IMMEDIATE` on SQLite).
    pub async fn begin(ctx: &Ctx, meta: &'m RequestMeta) -> Result<Self, AppError> {
        let now = ctx.clock.now();
        Ok(Self { tx: ctx.db.begin().await?, now, meta })
    }

    /// The transaction's connection.
    pub fn conn(&mut self) -> Conn<'_> {
        self.tx.conn()
    }

    /// Appends an audit entry for what a signed-in person did.
    pub async fn audit(
        &mut self,
        by: &SignedIn,
        action: AuditAction,
        object: (&str, &str),
        details: serde_json::Value,
    ) -> Result<(), AppError> {
        let (now, meta) = (self.now, self.meta);
        record(&mut self.conn(), now, Some(by.id), &by.name, action, object, details, meta).await
    }

    /// Appends an audit entry for an actor known by id and label only (sign-in steps, the system).
    pub async fn audit_as(
        &mut self,
        actor: Option<PersonId>,
        label: &str,
        action: AuditAction,
        object: (&str, &str),
        details: serde_json::Value,
    ) -> Result<(), AppError> {
        let (now, meta) = (self.now, self.meta);
        record(&mut self.conn(), now, actor, label, action, object, details, meta).await
    }

    /// The cohort of this code, or not found.
    pub async fn cohort(&mut self, code: &str) -> Result<CohortAdminRow, AppError> {
        cohort(&mut self.conn(), code).await
    }

    /// Commits: the change, its audit entries and its jobs become durable together.
    pub async fn commit(self) -> Result<(), AppError> {
        self.tx.commit().await?;
        Ok(())
    }
}

/// The cohort of this code, or [`AppError::NotFound`] (the one reading of a cohort's address).
pub async fn cohort(conn: &mut Conn<'_>, code: &str) -> Result<CohortAdminRow, AppError> {
    cohorte_store::call::cohort_by_code(conn, code).await?.ok_or(AppError::NotFound)
}

/// Records an audit entry in the caller's transaction (prefer [`Uow::audit`]).
#[expect(clippy::too_many_arguments, reason = "the fields of the entry")]
pub async fn record(
    conn: &mut Conn<'_>,
    now: OffsetDateTime,
    actor: Option<PersonId>,
    label: &str,
    action: AuditAction,
    object: (&str, &str),
    details: serde_json::Value,
    meta: &RequestMeta,
) -> Result<(), AppError> {
    audit::append(
        conn,
        &AuditEntry {
            at: now,
            actor,
            actor_label: label.to_owned(),
            action,
            object_type: object.0.to_owned(),
            object_id: object.1.to_owned(),
            details,
            ip: meta.ip.clone(),
        },
    )
    .await?;
    Ok(())
}
