//! The append-only, tamper-evident audit log. Each entry carries the hash of the previous one;
//! writers are serialised by the `audit_head` row (locked by the update that numbers the entry),
//! and the table refuses updates and deletes (triggers on both databases).

use cohorte_domain::identity::{AuditEntry, audit_hash};
use cohorte_domain::ids::PersonId;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

use crate::{Conn, StoreError, on_conn};

/// Appends an entry in the caller's transaction; returns its sequence number.
pub async fn append(conn: &mut Conn<'_>, e: &AuditEntry) -> Result<i64, StoreError> {
    // The update takes the head's row lock until commit: concurrent writers queue here.
    let (seq, prev): (i64, String) =
        on_conn!(conn, |c| sqlx::query_as("update audit_head set seq = seq + 1 where id = 1 returning seq, hash").fetch_one(c).await)?;
    let at = e.at.replace_nanosecond(0).unwrap_or(e.at);
    let at_text = at.format(&Rfc3339).map_err(|err| StoreError::Corrupt(err.to_string()))?;
    let hash = audit_hash(&prev, seq, e, &at_text);
    on_conn!(conn, |c| sqlx::query(
        "insert into audit_log (seq, at, actor_id, actor_label, action, object_type, object_id, details, ip, prev_hash, hash) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
    )
    .bind(seq)
    .bind(at)
    .bind(e.actor.map(|a| a.as_uuid()))
    .bind(&e.actor_label)
    .bind(e.action.as_str())
    .bind(&e.object_type)
    .bind(&e.object_id)
    .bind(e.details.to_string())
    .bind(&e.ip)
    .bind(&prev)
    .bind(&hash)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    on_conn!(conn, |c| sqlx::query("update audit_head set hash = $1 where id = 1")
        .bind(&hash)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(seq)
}

/// A stored entry.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AuditRow {
    /// Sequence number.
    pub seq: i64,
    /// When.
    pub at: OffsetDateTime,
    /// Who (id).
    pub actor_id: Option<Uuid>,
    /// Who (text).
    pub actor_label: String,
    /// What.
    pub action: String,
    /// Object type.
    pub object_type: String,
    /// Object id.
    pub object_id: String,
    /// Details (JSON).
    pub details: String,
    /// From where.
    pub ip: Option<String>,
    /// Previous hash.
    pub prev_hash: String,
    /// This entry's hash.
    pub hash: String,
}

/// Filters of the audit viewer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Only this action.
    pub action: Option<String>,
    /// Only this actor.
    pub actor: Option<PersonId>,
    /// Only this object id.
    pub object_id: Option<String>,
    /// Page size.
    pub limit: i64,
    /// Offset.
    pub offset: i64,
}

/// Entries matching the filter, newest first, and how many match.
pub async fn list(conn: &mut Conn<'_>, f: &AuditFilter) -> Result<(Vec<AuditRow>, i64), StoreError> {
    let total: i64 = on_conn!(conn, |c| {
        sqlx::query_scalar(
        "select count(*) from audit_log where ($1 is null or action = $1) and ($2 is null or actor_id = $2) and ($3 is null or object_id = $3)"
    )
    .bind(f.action.as_deref())
    .bind(f.actor.map(|a| a.as_uuid()))
    .bind(f.object_id.as_deref())
    .fetch_one(c)
    .await
    })?;
    let rows = on_conn!(conn, |c| sqlx::query_as(
        "select seq, at, actor_id, actor_label, action, object_type, object_id, details, ip, prev_hash, hash from audit_log \
         where ($1 is null or action = $1) and ($2 is null or actor_id = $2) and ($3 is null or object_id = $3) \
         order by seq desc limit $4 offset $5"
    )
    .bind(f.action.as_deref())
    .bind(f.actor.map(|a| a.as_uuid()))
    .bind(f.object_id.as_deref())
    .bind(f.limit)
    .bind(f.offset)
    .fetch_all(c)
    .await)?;
    Ok((rows, total))
}

/// What a verification of the chain found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainCheck {
    /// Every entry is intact; how many.
    Intact(i64),
    /// The first entry that does not match (altered, missing before it, or out of order).
    BrokenAt(i64),
}

/// Recomputes the whole chain.
pub async fn verify(conn: &mut Conn<'_>) -> Result<ChainCheck, StoreError> {
    let rows: Vec<AuditRow> = on_conn!(conn, |c| {
        sqlx::query_as(
        "select seq, at, actor_id, actor_label, action, object_type, object_id, details, ip, prev_hash, hash from audit_log order by seq"
    )
    .fetch_all(c)
    .await
    })?;
    let mut prev = "0".repeat(64);
    let mut expected_seq = 1;
    for r in &rows {
        let entry = AuditEntry {
            at: r.at,
            actor: r.actor_id.map(PersonId::from_uuid),
            actor_label: r.actor_label.clone(),
            action: cohorte_domain::identity::AuditAction::parse(&r.action).ok_or_else(|| StoreError::Corrupt(r.action.clone()))?,
            object_type: r.object_type.clone(),
            object_id: r.object_id.clone(),
            details: serde_json::from_str(&r.details).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            ip: r.ip.clone(),
        };
        let at_text = r.at.format(&Rfc3339).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        if r.seq != expected_seq || r.prev_hash != prev || audit_hash(&prev, r.seq, &entry, &at_text) != r.hash {
            return Ok(ChainCheck::BrokenAt(r.seq));
        }
        prev = r.hash.clone();
        expected_seq += 1;
    }
    let head: String = on_conn!(conn, |c| sqlx::query_scalar("select hash from audit_head where id = 1").fetch_one(c).await)?;
    if head != prev {
        return Ok(ChainCheck::BrokenAt(expected_seq));
    }
    Ok(ChainCheck::Intact(rows.len() as i64))
}
