//! Who may know what of a proposal: the reader's relation to it (member, on the panel that hears
//! it, in conflict), conflicts of interest (declared, membership, organisations in the same branch
//! of the tree), and the embargo on decisions. Every read and every write of the call for projects
//! loads a proposal through [`proposal`], so a reader who may not know an unpublished decision gets
//! the same masked proposal from a form as from a page: nothing answers differently because a
//! decision was approved.

use std::collections::BTreeSet;

use cohorte_domain::identity::Actor;
use cohorte_domain::ids::{CohortId, PersonId, ProposalId};
use cohorte_domain::policy::{self, ProposalRelation};
use cohorte_store::Conn;
use cohorte_store::call::{self as store, PanelMemberRow, ProposalRow};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::AppError;

/// The organisations a proposal involves: host, funding holder, partners.
async fn organisations_of_proposal(conn: &mut Conn<'_>, p: &ProposalRow) -> Result<BTreeSet<Uuid>, AppError> {
    let mut out = BTreeSet::new();
    for slug in std::iter::once(&p.form.host).chain(std::iter::once(&p.form.funding_holder)).chain(p.form.partners.iter()) {
        if slug.is_empty() {
            continue;
        }
        if let Some(o) = store::organisation(conn, slug).await? {
            out.insert(o.id);
        }
    }
    Ok(out)
}

/// Whether two sets of organisations overlap in the tree (the same, or one inside the other).
async fn related(conn: &mut Conn<'_>, mine: &[Uuid], theirs: &BTreeSet<Uuid>) -> Result<bool, AppError> {
    if mine.is_empty() || theirs.is_empty() {
        return Ok(false);
    }
    let mut their_lineage = BTreeSet::new();
    for t in theirs {
        their_lineage.extend(store::lineage(conn, *t).await?);
    }
    for m in mine {
        let line = store::lineage(conn, *m).await?;
        if line.iter().any(|o| theirs.contains(o)) || their_lineage.contains(m) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Whether a person is in conflict with a proposal: declared, a member of it, or attached to its
/// host, funding or partner organisation (or a parent or child of one).
pub async fn conflicted(conn: &mut Conn<'_>, person: PersonId, p: &ProposalRow) -> Result<bool, AppError> {
    if store::has_declared_conflict(conn, person, p.id).await? || store::is_member(conn, p.id, person).await? {
        return Ok(true);
    }
    let orgs = store::organisations_of(conn, person).await?;
    let theirs = organisations_of_proposal(conn, p).await?;
    related(conn, &orgs, &theirs).await
}

/// Whether a panel seat is in conflict with a proposal: the person (see [`conflicted`]), or the
/// organisation they sit for.
pub async fn seat_conflicted(conn: &mut Conn<'_>, seat: &PanelMemberRow, p: &ProposalRow) -> Result<bool, AppError> {
    if conflicted(conn, PersonId::from_uuid(seat.person_id), p).await? {
        return Ok(true);
    }
    let Some(org) = seat.organisation_id else { return Ok(false) };
    let theirs = organisations_of_proposal(conn, p).await?;
    related(conn, &[org], &theirs).await
}

/// How an actor relates to a proposal.
pub async fn relation(conn: &mut Conn<'_>, actor: &Actor, p: &ProposalRow) -> Result<ProposalRelation, AppError> {
    let Some(me) = actor.person() else { return Ok(ProposalRelation::default()) };
    let member = store::is_member(conn, p.id, me.id).await?;
    let on_panel = store::seat_on_panel_of(conn, p.id, me.id).await?.is_some();
    let conflicted = conflicted(conn, me.id, p).await?;
    Ok(ProposalRelation { member, on_panel, conflicted })
}

/// When a cohort's results were published, if they were.
pub async fn published_at(conn: &mut Conn<'_>, cohort: CohortId) -> Result<Option<OffsetDateTime>, AppError> {
    Ok(store::decision_round(conn, cohort).await?.and_then(|r| r.published_at))
}

/// A proposal as one reader may know it.
#[derive(Debug, Clone)]
pub struct Seen {
    /// The proposal, its status masked for readers who may not know an unpublished decision.
    pub proposal: ProposalRow,
    /// How the reader relates to it.
    pub relation: ProposalRelation,
    /// Whether the cohort's results are published.
    pub published: bool,
}

/// Shows a list's proposals as the actor may know them (statuses masked before publication).
pub async fn mask(conn: &mut Conn<'_>, actor: &Actor, p: &mut ProposalRow) -> Result<bool, AppError> {
    let published = published_at(conn, p.cohort_id).await?.is_some();
    p.status = policy::visible_status(actor, p.status, published);
    Ok(published)
}

/// Loads a proposal for a reader who may see it (anyone else is told it does not exist), masked.
pub async fn proposal(conn: &mut Conn<'_>, actor: &Actor, id: ProposalId) -> Result<Seen, AppError> {
    let mut p = store::proposal(conn, id).await?.ok_or(AppError::NotFound)?;
    let rel = relation(conn, actor, &p).await?;
    policy::can_view_proposal(actor, p.cohort_id, p.status, rel)?;
    let published = mask(conn, actor, &mut p).await?;
    Ok(Seen { proposal: p, relation: rel, published })
}
