//! Who may see what. Each rule is a named predicate checked once in the use case and reused by
//! the views. Deny by default: a resource a person may not see answers "not found".

use crate::content::ChallengeStatus;

/// Who is asking. Sign-in comes with the identity layer; until then every visitor is anonymous.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Actor {
    /// A visitor who is not signed in.
    #[default]
    Anonymous,
}

/// The request was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    /// The resource is not visible to this actor (answered as "not found").
    #[error("not visible")]
    NotVisible,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::PostStatus;

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
}
