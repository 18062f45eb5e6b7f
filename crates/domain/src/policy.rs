//! Who may do what. Each rule is a named predicate checked once in the use case and reused by
//! the views. Deny by default: a resource a person may not see answers "not found".

use crate::content::{ChallengeStatus, RoleKind};
pub use crate::identity::{Actor, SignedIn};
use crate::ids::{ChallengeId, CohortId, PersonId};
use crate::proposal::ProposalStatus;

/// The request was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    /// The resource is not visible to this actor (answered as "not found").
    #[error("not visible")]
    NotVisible,
    /// The action needs a signed-in person.
    #[error("sign-in required")]
    SignInRequired,
    /// The person holds the role, but their session must be strengthened first.
    #[error("second factor required")]
    SecondFactorRequired,
    /// The person may not do this.
    #[error("forbidden")]
    Forbidden,
    /// The action needs a recent sign-in.
    #[error("re-authentication required")]
    ReauthenticationRequired,
}

/// May this actor see a challenge in this status? The public sees challenges once announced.
pub fn can_view_challenge(_actor: &Actor, status: ChallengeStatus) -> Result<(), Denied> {
    if status.is_public() { Ok(()) } else { Err(Denied::NotVisible) }
}

/// May this actor see a person's profile page? Only people who published one.
pub fn can_view_person(_actor: &Actor, public_profile: bool) -> Result<(), Denied> {
    if public_profile { Ok(()) } else { Err(Denied::NotVisible) }
}

/// May this actor read a blog post? Drafts are not public.
pub fn can_view_post(_actor: &Actor, status: crate::content::PostStatus) -> Result<(), Denied> {
    if status == crate::content::PostStatus::Published { Ok(()) } else { Err(Denied::NotVisible) }
}

/// May this actor use their account pages (profile, sessions, data, second factor)?
pub fn can_use_account(actor: &Actor) -> Result<&SignedIn, Denied> {
    actor.person().ok_or(Denied::SignInRequired)
}

/// May this actor revoke this session? Only their own.
pub fn can_revoke_session(actor: &Actor, owner: PersonId) -> Result<(), Denied> {
    let p = can_use_account(actor)?;
    if p.id == owner { Ok(()) } else { Err(Denied::NotVisible) }
}

/// May this actor change their email address? Only after a recent sign-in.
pub fn can_change_email(actor: &Actor, now: time::OffsetDateTime) -> Result<&SignedIn, Denied> {
    let p = can_use_account(actor)?;
    if p.recently_authenticated(now) { Ok(p) } else { Err(Denied::ReauthenticationRequired) }
}

fn staff(actor: &Actor) -> Result<&SignedIn, Denied> {
    let p = can_use_account(actor)?;
    if p.acts_as(RoleKind::ProgramStaff) {
        Ok(p)
    } else if p.grants.iter().any(|g| g.role == RoleKind::ProgramStaff) {
        Err(Denied::SecondFactorRequired)
    } else {
        Err(Denied::Forbidden)
    }
}

/// May this actor enter the staff area?
pub fn can_administer(actor: &Actor) -> Result<&SignedIn, Denied> {
    staff(actor)
}

/// May this actor invite people? Program staff, strongly signed in, recently (a sensitive action).
pub fn can_invite(actor: &Actor, now: time::OffsetDateTime) -> Result<&SignedIn, Denied> {
    let p = staff(actor)?;
    if p.recently_authenticated(now) { Ok(p) } else { Err(Denied::ReauthenticationRequired) }
}

/// May this actor grant or revoke roles of this person? Program staff, strongly and recently
/// signed in, and never on themselves (no one raises or drops their own privileges: another
/// staff member does it, and the audit log shows who).
pub fn can_change_roles_of(actor: &Actor, target: PersonId, now: time::OffsetDateTime) -> Result<&SignedIn, Denied> {
    let p = can_invite(actor, now)?;
    if p.id == target { Err(Denied::Forbidden) } else { Ok(p) }
}

/// May this actor download everything stored about themselves? Signed in, recently (an export).
pub fn can_export_own_data(actor: &Actor, now: time::OffsetDateTime) -> Result<&SignedIn, Denied> {
    let p = can_use_account(actor)?;
    if p.recently_authenticated(now) { Ok(p) } else { Err(Denied::ReauthenticationRequired) }
}

/// May this actor read the audit log? Program staff, strongly signed in.
pub fn can_read_audit(actor: &Actor) -> Result<&SignedIn, Denied> {
    staff(actor)
}

// ---------------------------------------------------------------- the call for projects

/// May this actor create cohorts, set their calendars and rules, and run the call (pre-selection
/// decisions, panels, hearings, staging decisions, exports)? Program staff, strongly signed in.
pub fn can_run_calls(actor: &Actor) -> Result<&SignedIn, Denied> {
    staff(actor)
}

// ---------------------------------------------------------------- the call for applications

/// May this actor start an application? Anyone signed in, while the call for applications is
/// open (one application per person and cohort: the use case returns the existing one).
pub fn can_start_application(actor: &Actor, call_open: bool) -> Result<&SignedIn, Denied> {
    let p = can_use_account(actor)?;
    if call_open { Ok(p) } else { Err(Denied::Forbidden) }
}

/// May this actor sit on the interview panel of a candidate who chose these challenges? Staff
/// (strongly signed in), and the operational mentors of one of the challenges.
pub fn can_sit_on_interview_panel<'a>(actor: &'a Actor, chosen: &[ChallengeId]) -> Result<&'a SignedIn, Denied> {
    let p = can_use_account(actor)?;
    if p.acts_as(RoleKind::ProgramStaff)
        || p.effective().any(|g| g.role == RoleKind::OperationalMentor && g.challenge.is_some_and(|c| chosen.contains(&c)))
    {
        return Ok(p);
    }
    Err(Denied::NotVisible)
}

/// May this actor read an application? The candidate; staff and the validator. Anyone else is
/// told it does not exist (reviewers and panels read it through their own pages).
pub fn can_view_application(actor: &Actor, candidate: PersonId) -> Result<&SignedIn, Denied> {
    let p = can_use_account(actor)?;
    if p.id == candidate || staff_or_validator(p) {
        return Ok(p);
    }
    if p.grants.iter().any(|g| matches!(g.role, RoleKind::ProgramStaff | RoleKind::Validator)) && !p.method.is_strong() {
        return Err(Denied::SecondFactorRequired);
    }
    Err(Denied::NotVisible)
}

/// May this actor change the application's form, attach documents, submit or delete it? The
/// candidate only, while it is a draft and the call is open.
pub fn can_edit_application(
    actor: &Actor,
    candidate: PersonId,
    status: crate::application::ApplicationStatus,
    call_open: bool,
) -> Result<&SignedIn, Denied> {
    let p = can_use_account(actor)?;
    if p.id != candidate {
        return Err(Denied::NotVisible);
    }
    if status.editable() && call_open { Ok(p) } else { Err(Denied::Forbidden) }
}

/// May this actor withdraw the application? The candidate, from submission until they accept an
/// offer.
pub fn can_withdraw_application(
    actor: &Actor,
    candidate: PersonId,
    status: crate::application::ApplicationStatus,
    mode: crate::application::ChoiceMode,
) -> Result<&SignedIn, Denied> {
    let p = can_use_account(actor)?;
    if p.id != candidate {
        return Err(Denied::NotVisible);
    }
    if status.apply(crate::application::ApplicationEvent::Withdraw, mode).is_ok() { Ok(p) } else { Err(Denied::Forbidden) }
}

/// How an actor relates to a proposal: facts the use case reads before asking the policy.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProposalRelation {
    /// The actor works on it (author or invited contact).
    pub member: bool,
    /// The actor's panel hears it.
    pub on_panel: bool,
    /// The actor declared a conflict with it, or belongs to its host, funding or partner
    /// organisation.
    pub conflicted: bool,
}

/// May this actor start a proposal? Anyone signed in, while the call is open (the proposal's
/// members are then the only outsiders who see it).
pub fn can_start_proposal(actor: &Actor, call_open: bool) -> Result<&SignedIn, Denied> {
    let p = can_use_account(actor)?;
    if call_open { Ok(p) } else { Err(Denied::Forbidden) }
}

fn staff_or_validator(p: &SignedIn) -> bool {
    p.acts_as(RoleKind::ProgramStaff) || p.acts_as(RoleKind::Validator)
}

/// May this actor read a proposal? Its members; staff and the validator; pre-selectors of its
/// cohort once it is submitted; jurors of the panel that hears it, unless conflicted. Anyone else
/// is told it does not exist.
pub fn can_view_proposal(actor: &Actor, cohort: CohortId, status: ProposalStatus, rel: ProposalRelation) -> Result<&SignedIn, Denied> {
    let p = can_use_account(actor)?;
    if rel.member || staff_or_validator(p) {
        return Ok(p);
    }
    if rel.conflicted {
        return Err(Denied::NotVisible);
    }
    let submitted = status != ProposalStatus::Draft && status != ProposalStatus::Withdrawn;
    if submitted && p.acts_as_in(RoleKind::Preselector, cohort) {
        return Ok(p);
    }
    if rel.on_panel && p.acts_as_in(RoleKind::JuryMember, cohort) {
        return Ok(p);
    }
    let holds_staff = p.grants.iter().any(|g| matches!(g.role, RoleKind::ProgramStaff | RoleKind::Validator));
    let would_see = holds_staff
        || (submitted && p.holds_in(RoleKind::Preselector, cohort))
        || (rel.on_panel && p.holds_in(RoleKind::JuryMember, cohort));
    if would_see && !p.method.is_strong() {
        return Err(Denied::SecondFactorRequired);
    }
    Err(Denied::NotVisible)
}

/// May this actor change the proposal's form? Its members, while it is a draft (or while
/// information is requested, on the reopened fields), and the call is open for drafts.
pub fn can_edit_proposal(actor: &Actor, status: ProposalStatus, rel: ProposalRelation, call_open: bool) -> Result<&SignedIn, Denied> {
    let p = can_use_account(actor)?;
    if !rel.member {
        return Err(Denied::NotVisible);
    }
    match status {
        ProposalStatus::Draft if call_open => Ok(p),
        ProposalStatus::InfoRequested => Ok(p),
        _ => Err(Denied::Forbidden),
    }
}

/// May this actor delete the proposal? Its members, while it is a draft (nothing was submitted).
pub fn can_delete_draft(actor: &Actor, status: ProposalStatus, rel: ProposalRelation) -> Result<&SignedIn, Denied> {
    let p = can_use_account(actor)?;
    if !rel.member {
        return Err(Denied::NotVisible);
    }
    if status == ProposalStatus::Draft { Ok(p) } else { Err(Denied::Forbidden) }
}

/// May this actor withdraw the proposal? Its members, before the hearing.
pub fn can_withdraw_proposal(actor: &Actor, status: ProposalStatus, rel: ProposalRelation) -> Result<&SignedIn, Denied> {
    let p = can_use_account(actor)?;
    if !rel.member {
        return Err(Denied::NotVisible);
    }
    if status.apply(crate::proposal::ProposalEvent::Withdraw).is_ok() { Ok(p) } else { Err(Denied::Forbidden) }
}

/// May this actor invite another contact to a proposal? Its members, until a decision they know
/// of (give it the status as the actor sees it: [`visible_status`]).
pub fn can_invite_contact(actor: &Actor, visible: ProposalStatus, rel: ProposalRelation) -> Result<&SignedIn, Denied> {
    let p = can_use_account(actor)?;
    if !rel.member {
        return Err(Denied::NotVisible);
    }
    if visible.is_decision() || visible == ProposalStatus::Withdrawn { Err(Denied::Forbidden) } else { Ok(p) }
}

/// May this actor write a pre-selection review? Staff, and the cohort's pre-selectors, not
/// conflicted.
pub fn can_review_proposal(actor: &Actor, cohort: CohortId, rel: ProposalRelation) -> Result<&SignedIn, Denied> {
    let p = can_use_account(actor)?;
    if p.acts_as(RoleKind::ProgramStaff) {
        return Ok(p);
    }
    if rel.conflicted || rel.member {
        return Err(Denied::NotVisible);
    }
    if p.acts_as_in(RoleKind::Preselector, cohort) {
        Ok(p)
    } else if p.holds_in(RoleKind::Preselector, cohort) {
        Err(Denied::SecondFactorRequired)
    } else {
        Err(Denied::NotVisible)
    }
}

/// May this actor score the proposal? A juror of the panel that hears it, never conflicted and
/// never a member of the proposal.
pub fn can_score_proposal(actor: &Actor, cohort: CohortId, rel: ProposalRelation) -> Result<&SignedIn, Denied> {
    let p = can_use_account(actor)?;
    if !rel.on_panel || rel.conflicted || rel.member {
        return Err(Denied::NotVisible);
    }
    if p.acts_as_in(RoleKind::JuryMember, cohort) {
        Ok(p)
    } else if p.holds_in(RoleKind::JuryMember, cohort) {
        Err(Denied::SecondFactorRequired)
    } else {
        Err(Denied::NotVisible)
    }
}

/// May this actor read a cohort's proposals list, consolidation and decisions page? Staff and
/// the validator, strongly signed in.
pub fn can_read_decisions(actor: &Actor) -> Result<&SignedIn, Denied> {
    let p = can_use_account(actor)?;
    if staff_or_validator(p) {
        Ok(p)
    } else if p.grants.iter().any(|g| matches!(g.role, RoleKind::ProgramStaff | RoleKind::Validator)) {
        Err(Denied::SecondFactorRequired)
    } else {
        Err(Denied::Forbidden)
    }
}

/// May this actor list a cohort's proposals (the review list)? Staff and the validator, and the
/// cohort's pre-selectors, strongly signed in.
pub fn can_list_cohort_proposals(actor: &Actor, cohort: CohortId) -> Result<&SignedIn, Denied> {
    let p = can_use_account(actor)?;
    if staff_or_validator(p) || p.acts_as_in(RoleKind::Preselector, cohort) {
        Ok(p)
    } else if p.grants.iter().any(|g| matches!(g.role, RoleKind::ProgramStaff | RoleKind::Validator))
        || p.holds_in(RoleKind::Preselector, cohort)
    {
        Err(Denied::SecondFactorRequired)
    } else {
        Err(Denied::Forbidden)
    }
}

/// May this actor see the decisions before they are published? Staff and the validator only.
pub fn can_see_unpublished_decisions(actor: &Actor) -> bool {
    actor.person().is_some_and(staff_or_validator)
}

/// The status of a proposal an actor may know: staff and the validator know the decisions; for
/// anyone else a decision reads "heard" until the cohort's results are published. Every read and
/// every write outside staff goes through this one view, so no answer reveals an approved
/// decision early.
pub fn visible_status(actor: &Actor, status: ProposalStatus, results_published: bool) -> ProposalStatus {
    if results_published || can_see_unpublished_decisions(actor) { status } else { status.as_seen_before_publication() }
}

/// May this actor declare a conflict of interest with a proposal? A juror of the panel that hears
/// it, or a pre-selector of its cohort, who may see it; anyone else is told it does not exist.
pub fn can_declare_conflict(actor: &Actor, cohort: CohortId, status: ProposalStatus, rel: ProposalRelation) -> Result<&SignedIn, Denied> {
    let p = can_view_proposal(actor, cohort, status, rel)?;
    if (rel.on_panel && p.holds_in(RoleKind::JuryMember, cohort)) || (p.holds_in(RoleKind::Preselector, cohort) && !rel.member) {
        Ok(p)
    } else {
        Err(Denied::NotVisible)
    }
}

/// May this actor approve the staged decisions? The validator, strongly and recently signed in.
pub fn can_approve_decisions(actor: &Actor, now: time::OffsetDateTime) -> Result<&SignedIn, Denied> {
    let p = can_use_account(actor)?;
    if !p.acts_as(RoleKind::Validator) {
        return if p.grants.iter().any(|g| g.role == RoleKind::Validator) {
            Err(Denied::SecondFactorRequired)
        } else {
            Err(Denied::Forbidden)
        };
    }
    if p.recently_authenticated(now) { Ok(p) } else { Err(Denied::ReauthenticationRequired) }
}

/// May this actor see the jury area (their panels, the proposals to score)? Jury members and
/// pre-selectors of any cohort, and staff.
pub fn can_use_jury_area(actor: &Actor) -> Result<&SignedIn, Denied> {
    let p = can_use_account(actor)?;
    let roles = [RoleKind::JuryMember, RoleKind::Preselector, RoleKind::ProgramStaff, RoleKind::Validator];
    if roles.iter().any(|r| p.acts_as(*r)) {
        Ok(p)
    } else if roles.iter().any(|r| p.grants.iter().any(|g| g.role == *r)) {
        Err(Denied::SecondFactorRequired)
    } else {
        Err(Denied::Forbidden)
    }
}

// ---------------------------------------------------------------- the signed-in home

/// The person acts in this role (any scope) now; one who holds it on a weak session is asked for
/// the second factor; anyone else is refused.
fn acting_as(actor: &Actor, role: RoleKind) -> Result<&SignedIn, Denied> {
    let p = can_use_account(actor)?;
    if p.acts_as(role) {
        Ok(p)
    } else if p.grants.iter().any(|g| g.role == role) {
        Err(Denied::SecondFactorRequired)
    } else {
        Err(Denied::Forbidden)
    }
}

/// May this actor see the work waiting for them as a juror (proposals of their panels to score,
/// rankings to give as referent)? Jury members of any cohort, strongly signed in. Each proposal
/// is then checked with [`can_score_proposal`].
pub fn can_see_jury_work(actor: &Actor) -> Result<&SignedIn, Denied> {
    acting_as(actor, RoleKind::JuryMember)
}

/// May this actor see the pre-selection work waiting for them (proposals of their cohorts to
/// review)? Pre-selectors of any cohort, strongly signed in. Each proposal is then checked with
/// [`can_review_proposal`].
pub fn can_see_preselection_work(actor: &Actor) -> Result<&SignedIn, Denied> {
    acting_as(actor, RoleKind::Preselector)
}

/// May this actor see the decision rounds waiting for their approval? The validator, strongly
/// signed in (approving itself also needs a recent sign-in: [`can_approve_decisions`]).
pub fn can_see_decisions_to_approve(actor: &Actor) -> Result<&SignedIn, Denied> {
    acting_as(actor, RoleKind::Validator)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::PostStatus;
    use crate::identity::{AuthMethod, Grant};

    fn person(roles: &[RoleKind], method: AuthMethod) -> Actor {
        Actor::Person(SignedIn {
            id: PersonId::new(),
            name: "x".into(),
            grants: roles.iter().map(|r| Grant::program(*r)).collect(),
            method,
            authenticated_at: time::macros::datetime!(2026-11-30 10:00 UTC),
        })
    }

    fn in_cohort(role: RoleKind, cohort: CohortId, method: AuthMethod) -> Actor {
        Actor::Person(SignedIn {
            id: PersonId::new(),
            name: "x".into(),
            grants: vec![Grant { cohort: Some(cohort), ..Grant::program(role) }],
            method,
            authenticated_at: time::macros::datetime!(2026-11-30 10:00 UTC),
        })
    }

    #[test]
    fn proposals_are_seen_by_members_staff_and_the_people_assigned_never_the_conflicted() {
        use ProposalStatus as S;
        let co = CohortId::new();
        let other = CohortId::new();
        let none = ProposalRelation::default();
        let member = ProposalRelation { member: true, ..none };
        let panel = ProposalRelation { on_panel: true, ..none };
        let conflicted_panel = ProposalRelation { on_panel: true, conflicted: true, ..none };
        let anyone = person(&[RoleKind::Candidate], AuthMethod::MagicLink);
        assert!(can_view_proposal(&anyone, co, S::Draft, member).is_ok());
        assert_eq!(can_view_proposal(&anyone, co, S::Submitted, none).err(), Some(Denied::NotVisible));
        assert_eq!(can_view_proposal(&Actor::Anonymous, co, S::Submitted, none).err(), Some(Denied::SignInRequired));
        let staff = person(&[RoleKind::ProgramStaff], AuthMethod::Totp);
        assert!(can_view_proposal(&staff, co, S::Draft, none).is_ok());
        let pre = in_cohort(RoleKind::Preselector, co, AuthMethod::Totp);
        assert!(can_view_proposal(&pre, co, S::Submitted, none).is_ok());
        assert_eq!(can_view_proposal(&pre, co, S::Draft, none).err(), Some(Denied::NotVisible), "drafts stay with their authors");
        assert_eq!(can_view_proposal(&pre, other, S::Submitted, none).err(), Some(Denied::NotVisible), "another cohort");
        let weak_pre = in_cohort(RoleKind::Preselector, co, AuthMethod::MagicLink);
        assert_eq!(can_view_proposal(&weak_pre, co, S::Submitted, none).err(), Some(Denied::SecondFactorRequired));
        let juror = in_cohort(RoleKind::JuryMember, co, AuthMethod::Oidc);
        assert!(can_view_proposal(&juror, co, S::Shortlisted, panel).is_ok());
        assert_eq!(can_view_proposal(&juror, co, S::Shortlisted, none).err(), Some(Denied::NotVisible), "another panel's");
        assert_eq!(can_view_proposal(&juror, co, S::Shortlisted, conflicted_panel).err(), Some(Denied::NotVisible));
        assert!(can_score_proposal(&juror, co, panel).is_ok());
        assert_eq!(can_score_proposal(&juror, co, conflicted_panel).err(), Some(Denied::NotVisible));
        assert_eq!(
            can_score_proposal(&juror, co, ProposalRelation { member: true, on_panel: true, conflicted: false }).err(),
            Some(Denied::NotVisible)
        );
    }

    #[test]
    fn drafts_are_edited_by_members_while_the_call_is_open_and_decisions_stay_with_staff_and_validator() {
        use ProposalStatus as S;
        let member = ProposalRelation { member: true, ..ProposalRelation::default() };
        let a = person(&[], AuthMethod::MagicLink);
        assert!(can_edit_proposal(&a, S::Draft, member, true).is_ok());
        assert_eq!(can_edit_proposal(&a, S::Draft, member, false).err(), Some(Denied::Forbidden), "after the deadline");
        assert_eq!(can_edit_proposal(&a, S::Submitted, member, true).err(), Some(Denied::Forbidden), "read-only once submitted");
        assert!(can_edit_proposal(&a, S::InfoRequested, member, false).is_ok(), "reopened fields");
        assert_eq!(can_edit_proposal(&a, S::Draft, ProposalRelation::default(), true).err(), Some(Denied::NotVisible));
        assert!(can_withdraw_proposal(&a, S::Shortlisted, member).is_ok());
        assert_eq!(can_withdraw_proposal(&a, S::Heard, member).err(), Some(Denied::Forbidden));
        assert!(can_start_proposal(&a, true).is_ok());
        assert_eq!(can_start_proposal(&a, false).err(), Some(Denied::Forbidden));
        let at = time::macros::datetime!(2026-11-30 10:01 UTC);
        let validator = person(&[RoleKind::Validator], AuthMethod::Totp);
        assert!(can_approve_decisions(&validator, at).is_ok());
        assert_eq!(can_approve_decisions(&validator, at + time::Duration::hours(1)).err(), Some(Denied::ReauthenticationRequired));
        assert_eq!(can_approve_decisions(&person(&[RoleKind::ProgramStaff], AuthMethod::Totp), at).err(), Some(Denied::Forbidden));
        assert!(can_see_unpublished_decisions(&validator));
        assert!(!can_see_unpublished_decisions(&person(&[RoleKind::JuryMember], AuthMethod::Totp)));
        assert!(!can_see_unpublished_decisions(&person(&[RoleKind::Validator], AuthMethod::MagicLink)));
    }

    #[test]
    fn decisions_read_as_heard_until_published_except_for_staff_and_the_validator() {
        use ProposalStatus as S;
        let admin = person(&[], AuthMethod::MagicLink);
        let juror = person(&[RoleKind::JuryMember], AuthMethod::Totp);
        let staff = person(&[RoleKind::ProgramStaff], AuthMethod::Totp);
        for a in [&admin, &juror, &Actor::Anonymous] {
            assert_eq!(visible_status(a, S::Selected, false), S::Heard);
            assert_eq!(visible_status(a, S::NotSelected, false), S::Heard);
            assert_eq!(visible_status(a, S::Selected, true), S::Selected);
            assert_eq!(visible_status(a, S::Shortlisted, false), S::Shortlisted);
        }
        assert_eq!(visible_status(&staff, S::Reserve, false), S::Reserve);
        assert!(visible_status(&juror, S::Selected, false).scoring_open(), "scoring reads the masked status");
        assert!(!visible_status(&juror, S::Selected, true).scoring_open());
    }

    #[test]
    fn conflicts_are_declared_by_the_people_assigned_only() {
        use ProposalStatus as S;
        let co = CohortId::new();
        let none = ProposalRelation::default();
        let panel = ProposalRelation { on_panel: true, ..none };
        let pre = in_cohort(RoleKind::Preselector, co, AuthMethod::Totp);
        assert!(can_declare_conflict(&pre, co, S::Submitted, none).is_ok());
        assert_eq!(can_declare_conflict(&pre, co, S::Draft, none).err(), Some(Denied::NotVisible), "a draft is not seen");
        assert_eq!(can_declare_conflict(&pre, co, S::Withdrawn, none).err(), Some(Denied::NotVisible));
        assert_eq!(can_declare_conflict(&pre, CohortId::new(), S::Submitted, none).err(), Some(Denied::NotVisible));
        let juror = in_cohort(RoleKind::JuryMember, co, AuthMethod::Totp);
        assert!(can_declare_conflict(&juror, co, S::Shortlisted, panel).is_ok());
        assert_eq!(can_declare_conflict(&juror, co, S::Shortlisted, none).err(), Some(Denied::NotVisible), "another panel's");
        let anyone = person(&[], AuthMethod::MagicLink);
        assert_eq!(can_declare_conflict(&anyone, co, S::Submitted, none).err(), Some(Denied::NotVisible));
    }

    #[test]
    fn role_changes_need_recent_strong_staff_and_never_apply_to_oneself() {
        let at = time::macros::datetime!(2026-11-30 10:00 UTC);
        let staff = person(&[RoleKind::ProgramStaff], AuthMethod::Totp);
        let me = staff.person().map(|p| p.id).unwrap_or_else(PersonId::new);
        let other = PersonId::new();
        assert!(can_change_roles_of(&staff, other, at).is_ok());
        assert_eq!(can_change_roles_of(&staff, me, at).err(), Some(Denied::Forbidden));
        assert_eq!(can_change_roles_of(&staff, other, at + time::Duration::minutes(6)).err(), Some(Denied::ReauthenticationRequired));
        assert_eq!(can_invite(&staff, at + time::Duration::minutes(6)).err(), Some(Denied::ReauthenticationRequired));
        let weak = person(&[RoleKind::ProgramStaff], AuthMethod::MagicLink);
        assert_eq!(can_change_roles_of(&weak, other, at).err(), Some(Denied::SecondFactorRequired));
        let fellow = person(&[RoleKind::Fellow], AuthMethod::Totp);
        assert_eq!(can_change_roles_of(&fellow, other, at).err(), Some(Denied::Forbidden));
        assert_eq!(can_change_roles_of(&Actor::Anonymous, other, at).err(), Some(Denied::SignInRequired));
        assert!(can_export_own_data(&fellow, at).is_ok());
        assert_eq!(can_export_own_data(&fellow, at + time::Duration::hours(1)).err(), Some(Denied::ReauthenticationRequired));
    }

    #[test]
    fn the_public_sees_announced_challenges_only() {
        let a = Actor::Anonymous;
        assert_eq!(can_view_challenge(&a, ChallengeStatus::Framing), Err(Denied::NotVisible));
        assert_eq!(can_view_challenge(&a, ChallengeStatus::Withdrawn), Err(Denied::NotVisible));
        assert_eq!(can_view_challenge(&a, ChallengeStatus::Completed), Ok(()));
        assert_eq!(can_view_challenge(&a, ChallengeStatus::OpenForApplications), Ok(()));
    }

    #[test]
    fn profiles_and_drafts_are_private() {
        let a = Actor::Anonymous;
        assert_eq!(can_view_person(&a, false), Err(Denied::NotVisible));
        assert_eq!(can_view_person(&a, true), Ok(()));
        assert_eq!(can_view_post(&a, PostStatus::Draft), Err(Denied::NotVisible));
        assert_eq!(can_view_post(&a, PostStatus::Published), Ok(()));
    }

    #[test]
    fn staff_pages_need_staff_with_a_strong_sign_in() {
        assert_eq!(can_administer(&Actor::Anonymous).err(), Some(Denied::SignInRequired));
        assert_eq!(can_administer(&person(&[RoleKind::Fellow], AuthMethod::Totp)).err(), Some(Denied::Forbidden));
        assert_eq!(can_administer(&person(&[RoleKind::ProgramStaff], AuthMethod::MagicLink)).err(), Some(Denied::SecondFactorRequired));
        assert!(can_administer(&person(&[RoleKind::ProgramStaff], AuthMethod::Totp)).is_ok());
        assert!(
            can_invite(
                &person(&[RoleKind::ProgramStaff, RoleKind::Candidate], AuthMethod::Oidc),
                time::macros::datetime!(2026-11-30 10:01 UTC)
            )
            .is_ok()
        );
        assert_eq!(can_read_audit(&person(&[RoleKind::Validator], AuthMethod::Oidc)).err(), Some(Denied::Forbidden));
    }

    #[test]
    fn sessions_are_revoked_by_their_owner_only() {
        let a = person(&[RoleKind::Candidate], AuthMethod::MagicLink);
        let own = a.person().unwrap().id;
        assert!(can_revoke_session(&a, own).is_ok());
        assert_eq!(can_revoke_session(&a, PersonId::new()), Err(Denied::NotVisible));
        assert_eq!(can_revoke_session(&Actor::Anonymous, own), Err(Denied::SignInRequired));
    }

    #[test]
    fn changing_email_needs_a_recent_sign_in() {
        let a = person(&[RoleKind::Candidate], AuthMethod::MagicLink);
        let t = time::macros::datetime!(2026-11-30 10:04 UTC);
        assert!(can_change_email(&a, t).is_ok());
        assert_eq!(can_change_email(&a, t + time::Duration::minutes(2)).err(), Some(Denied::ReauthenticationRequired));
    }

    #[test]
    fn home_sections_follow_the_roles_held_and_wait_for_the_second_factor() {
        let co = CohortId::new();
        let roles = [
            (RoleKind::JuryMember, can_see_jury_work as fn(&Actor) -> Result<&SignedIn, Denied>),
            (RoleKind::Preselector, can_see_preselection_work),
            (RoleKind::Validator, can_see_decisions_to_approve),
        ];
        for (role, predicate) in roles {
            assert!(predicate(&person(&[role], AuthMethod::Totp)).is_ok(), "{role:?}");
            assert!(predicate(&in_cohort(role, co, AuthMethod::Oidc)).is_ok(), "{role:?}: a role for one cohort counts");
            assert_eq!(predicate(&person(&[role], AuthMethod::MagicLink)).err(), Some(Denied::SecondFactorRequired), "{role:?}");
            assert_eq!(predicate(&Actor::Anonymous).err(), Some(Denied::SignInRequired), "{role:?}");
            for other in
                [RoleKind::ProgramStaff, RoleKind::Candidate, RoleKind::Fellow, RoleKind::OperationalMentor, RoleKind::AdminContact]
            {
                assert_eq!(predicate(&person(&[other], AuthMethod::Totp)).err(), Some(Denied::Forbidden), "{role:?} as {other:?}");
            }
        }
        // Holding one role gives no other section.
        let juror = person(&[RoleKind::JuryMember], AuthMethod::Totp);
        assert_eq!(can_see_preselection_work(&juror).err(), Some(Denied::Forbidden));
        assert_eq!(can_see_decisions_to_approve(&juror).err(), Some(Denied::Forbidden));
        assert_eq!(can_run_calls(&juror).err(), Some(Denied::Forbidden));
    }

    #[test]
    fn the_interview_panel_is_staff_and_the_mentors_of_a_chosen_challenge() {
        let ch = ChallengeId::from_uuid(uuid::Uuid::from_u128(7));
        let other = ChallengeId::from_uuid(uuid::Uuid::from_u128(8));
        let mentor_of = |c: ChallengeId| {
            Actor::Person(SignedIn {
                id: PersonId::from_uuid(uuid::Uuid::from_u128(1)),
                name: "M".into(),
                grants: vec![Grant { role: RoleKind::OperationalMentor, cohort: None, challenge: Some(c), organisation: None }],
                method: AuthMethod::MagicLink,
                authenticated_at: time::OffsetDateTime::UNIX_EPOCH,
            })
        };
        assert!(can_sit_on_interview_panel(&mentor_of(ch), &[other, ch]).is_ok());
        assert_eq!(can_sit_on_interview_panel(&mentor_of(other), &[ch]).err(), Some(Denied::NotVisible));
        assert!(can_sit_on_interview_panel(&person(&[RoleKind::ProgramStaff], AuthMethod::Totp), &[]).is_ok());
        assert_eq!(
            can_sit_on_interview_panel(&person(&[RoleKind::Candidate], AuthMethod::MagicLink), &[ch]).err(),
            Some(Denied::NotVisible)
        );
        assert_eq!(can_sit_on_interview_panel(&Actor::Anonymous, &[ch]).err(), Some(Denied::SignInRequired));
    }
}
