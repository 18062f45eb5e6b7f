//! Who may do what. Each rule is a named predicate checked once in the use case and reused by
//! the views. Deny by default: a resource a person may not see answers "not found".

use crate::content::{ChallengeStatus, RoleKind};
pub use crate::identity::{Actor, SignedIn};
use crate::ids::PersonId;

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
}
