//! Headline figures computed from the stored data with named, versioned definitions
//! (`domain.md` §8.3). A definition never changes meaning: a new rule is a new version.

use std::collections::HashSet;

use crate::content::{RoleKind, str_enum};

str_enum!(
    /// Which headline figure.
    FigureId {
        /// Challenges coached.
        ChallengesCoached => "challenges-coached",
        /// Administrations helped.
        AdministrationsHelped => "administrations-helped",
        /// Fellows recruited.
        FellowsRecruited => "fellows-recruited",
        /// Public servants onboarded.
        PublicServantsOnboarded => "public-servants-onboarded",
    }
);

/// A named, versioned definition of a figure. The wording is in the interface's translations
/// under `figure-<id>-v<version>-name` and `…-definition`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FigureDefinition {
    /// Which figure.
    pub id: FigureId,
    /// The version of the rule.
    pub version: u32,
}

impl FigureDefinition {
    /// `challenges-coached@1`.
    pub fn key(&self) -> String {
        format!("{}@{}", self.id.as_str(), self.version)
    }
}

/// The definitions in force, in display order.
pub const DEFINITIONS: [FigureDefinition; 4] = [
    FigureDefinition { id: FigureId::ChallengesCoached, version: 1 },
    FigureDefinition { id: FigureId::AdministrationsHelped, version: 1 },
    FigureDefinition { id: FigureId::FellowsRecruited, version: 1 },
    FigureDefinition { id: FigureId::PublicServantsOnboarded, version: 1 },
];

/// The set of cohorts a figure is computed over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    /// Identifier (`all`, `eig1-3-dig`).
    pub key: &'static str,
    /// The cohort codes in scope; `None` for every cohort.
    pub cohorts: Option<&'static [&'static str]>,
}

impl Scope {
    /// Every cohort.
    pub const ALL: Scope = Scope { key: "all", cohorts: None };
    /// EIG 1–3 and DIG: the scope of the figures the program published in 2020.
    pub const EIG1_3_DIG: Scope = Scope { key: "eig1-3-dig", cohorts: Some(&["eig-1", "eig-2", "eig-3", "dig"]) };
    /// The scopes shown on the figures page.
    pub const SHOWN: [Scope; 2] = [Scope::ALL, Scope::EIG1_3_DIG];

    fn contains(&self, cohort: &str) -> bool {
        self.cohorts.is_none_or(|c| c.contains(&cohort))
    }
}

/// A challenge as the figures see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChallengeFact {
    /// Cohort code.
    pub cohort: String,
    /// Project key: pages of one project share it.
    pub project_key: String,
    /// Slug of the host organisation.
    pub host: String,
}

/// A role as the figures see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleFact {
    /// Person slug.
    pub person: String,
    /// The role.
    pub role: RoleKind,
    /// Cohort code of the role.
    pub cohort: Option<String>,
    /// Whether the person is a member of the program team.
    pub person_is_program_team: bool,
}

/// Everything the figures are computed from, read from the database in one go.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FigureFacts {
    /// Public challenges.
    pub challenges: Vec<ChallengeFact>,
    /// Role assignments.
    pub roles: Vec<RoleFact>,
}

/// Computes one figure on one scope.
pub fn compute(def: FigureDefinition, facts: &FigureFacts, scope: Scope) -> u64 {
    let in_scope = |c: &Option<String>| c.as_deref().is_some_and(|c| scope.contains(c));
    let n = match (def.id, def.version) {
        // Distinct projects, pages of one project merged, internal challenges included.
        (FigureId::ChallengesCoached, _) => facts
            .challenges
            .iter()
            .filter(|c| scope.contains(&c.cohort))
            .map(|c| (c.cohort.as_str(), c.project_key.as_str()))
            .collect::<HashSet<_>>()
            .len(),
        // Distinct host organisations (spellings resolved through the organisation tree).
        (FigureId::AdministrationsHelped, _) => {
            facts.challenges.iter().filter(|c| scope.contains(&c.cohort)).map(|c| c.host.as_str()).collect::<HashSet<_>>().len()
        }
        // Distinct people who held a fellow role.
        (FigureId::FellowsRecruited, _) => facts
            .roles
            .iter()
            .filter(|r| r.role == RoleKind::Fellow && in_scope(&r.cohort))
            .map(|r| r.person.as_str())
            .collect::<HashSet<_>>()
            .len(),
        // Distinct people who mentored a challenge, program team excluded.
        (FigureId::PublicServantsOnboarded, _) => facts
            .roles
            .iter()
            .filter(|r| r.role == RoleKind::OperationalMentor && !r.person_is_program_team && in_scope(&r.cohort))
            .map(|r| r.person.as_str())
            .collect::<HashSet<_>>()
            .len(),
    };
    n as u64
}

/// One computed figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComputedFigure {
    /// The definition used.
    pub definition: FigureDefinition,
    /// The scope.
    pub scope: Scope,
    /// The value.
    pub value: u64,
}

/// Every definition on every shown scope.
pub fn compute_all(facts: &FigureFacts) -> Vec<ComputedFigure> {
    let mut out = Vec::new();
    for scope in Scope::SHOWN {
        for definition in DEFINITIONS {
            out.push(ComputedFigure { definition, scope, value: compute(definition, facts, scope) });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ch(cohort: &str, project: &str, host: &str) -> ChallengeFact {
        ChallengeFact { cohort: cohort.into(), project_key: project.into(), host: host.into() }
    }
    fn role(person: &str, role: RoleKind, cohort: &str, staff: bool) -> RoleFact {
        RoleFact { person: person.into(), role, cohort: Some(cohort.into()), person_is_program_team: staff }
    }

    #[test]
    fn challenges_merge_pages_of_one_project_within_a_cohort() {
        let facts = FigureFacts {
            challenges: vec![
                ch("dig", "sequoia", "cgdd"),
                ch("dig", "sequoia", "ign"),
                ch("eig-2", "link", "dinum"),
                ch("eig-3", "link", "dinum"),
            ],
            roles: vec![],
        };
        assert_eq!(compute(DEFINITIONS[0], &facts, Scope::ALL), 3);
        assert_eq!(compute(DEFINITIONS[1], &facts, Scope::ALL), 3);
    }

    #[test]
    fn scope_keeps_only_its_cohorts() {
        let facts = FigureFacts { challenges: vec![ch("eig-1", "a", "x"), ch("eig-4", "b", "y")], roles: vec![] };
        assert_eq!(compute(DEFINITIONS[0], &facts, Scope::EIG1_3_DIG), 1);
        assert_eq!(compute(DEFINITIONS[0], &facts, Scope::ALL), 2);
    }

    #[test]
    fn people_are_counted_once_and_staff_mentors_are_excluded() {
        let facts = FigureFacts {
            challenges: vec![],
            roles: vec![
                role("ann", RoleKind::Fellow, "eig-1", false),
                role("ann", RoleKind::Fellow, "eig-2", false),
                role("bob", RoleKind::OperationalMentor, "eig-2", false),
                role("bob", RoleKind::OperationalMentor, "eig-3", false),
                role("sue", RoleKind::OperationalMentor, "eig-3", true),
                role("zed", RoleKind::Fellow, "eig-4", false),
            ],
        };
        assert_eq!(compute(DEFINITIONS[2], &facts, Scope::EIG1_3_DIG), 1);
        assert_eq!(compute(DEFINITIONS[2], &facts, Scope::ALL), 2);
        assert_eq!(compute(DEFINITIONS[3], &facts, Scope::ALL), 1);
    }

    #[test]
    fn compute_all_covers_every_definition_on_every_scope() {
        let all = compute_all(&FigureFacts::default());
        assert_eq!(all.len(), DEFINITIONS.len() * Scope::SHOWN.len());
        assert_eq!(DEFINITIONS[0].key(), "challenges-coached@1");
    }
}
