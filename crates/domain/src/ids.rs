//! Typed identifiers (UUIDv7, time-ordered).

macro_rules! id {
    ($($(#[$doc:meta])* $name:ident),+ $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(uuid::Uuid);
        impl $name {
            /// A new, time-ordered identifier.
            #[expect(clippy::new_without_default, reason = "a new id is not a default value")]
            pub fn new() -> Self { Self(uuid::Uuid::now_v7()) }
            /// Wraps a stored UUID.
            pub fn from_uuid(u: uuid::Uuid) -> Self { Self(u) }
            /// The UUID inside.
            pub fn as_uuid(&self) -> uuid::Uuid { self.0 }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { self.0.fmt(f) }
        }
        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> { s.parse().map(Self) }
        }
    )+};
}

id!(
    /// A program (EIG).
    ProgramId,
    /// A cohort (promotion).
    CohortId,
    /// An organisation (administration).
    OrganisationId,
    /// A person.
    PersonId,
    /// A challenge (défi).
    ChallengeId,
    /// A blog post.
    PostId,
    /// A role assignment.
    RoleAssignmentId,
    /// An import run.
    ImportRunId,
    /// A versioned rule set of a cohort.
    RuleSetId,
    /// A challenge proposal.
    ProposalId,
    /// A document attached to a proposal.
    DocumentId,
    /// A jury panel.
    PanelId,
    /// An evaluation (a juror's, or a panel's consensus).
    EvaluationId,
    /// A candidate's application to a call for applications.
    ApplicationId,
);
