//! Juries of the call for projects: assigning proposals to panels with balanced loads and no
//! conflict of interest, and reading a panel's scores (totals, where jurors disagree).

use std::collections::{BTreeMap, BTreeSet};

use crate::cohort::RuleSet;
use crate::ids::{PanelId, PersonId, ProposalId};

/// A panel, as the assignment sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelSeats {
    /// The panel.
    pub id: PanelId,
    /// Its members.
    pub members: BTreeSet<PersonId>,
    /// Proposals already assigned (kept as they are).
    pub load: usize,
}

/// A proposal to assign, with the people who may not hear it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToAssign {
    /// The proposal.
    pub proposal: ProposalId,
    /// Jurors in conflict with it (declared, or from its host, funding or partner organisation).
    pub conflicted: BTreeSet<PersonId>,
}

/// The result of an automatic assignment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Assignment {
    /// Proposal → panel.
    pub assigned: Vec<(ProposalId, PanelId)>,
    /// Proposals that no panel can hear without a conflicted member.
    pub unassignable: Vec<ProposalId>,
}

/// Whether a panel may hear a proposal: none of its members is conflicted, and it has members.
pub fn panel_may_hear(panel: &PanelSeats, proposal: &ToAssign) -> bool {
    !panel.members.is_empty() && panel.members.is_disjoint(&proposal.conflicted)
}

/// Assigns each proposal to a panel none of whose members is conflicted, keeping the loads as
/// even as the conflicts allow: the most constrained proposals go first, each to the least loaded
/// panel that may hear it (ties broken by the panels' order). Deterministic.
pub fn assign(panels: &[PanelSeats], proposals: &[ToAssign]) -> Assignment {
    let mut loads: Vec<usize> = panels.iter().map(|p| p.load).collect();
    let mut order: Vec<&ToAssign> = proposals.iter().collect();
    order.sort_by_key(|t| (panels.iter().filter(|p| panel_may_hear(p, t)).count(), t.proposal));
    let mut out = Assignment::default();
    for t in order {
        let best = panels.iter().enumerate().filter(|(_, p)| panel_may_hear(p, t)).min_by_key(|(i, _)| (loads[*i], *i)).map(|(i, _)| i);
        match best {
            Some(i) => {
                loads[i] += 1;
                out.assigned.push((t.proposal, panels[i].id));
            }
            None => out.unassignable.push(t.proposal),
        }
    }
    out.assigned.sort_by_key(|(p, _)| *p);
    out
}

/// One juror's scores, by criterion key.
pub type Scores = BTreeMap<String, u8>;

/// Checks scores against the grid: every criterion, each within 1..=scale_max, nothing else.
pub fn check_scores(rules: &RuleSet, scores: &Scores) -> Result<(), &'static str> {
    if scores.len() != rules.criteria.len() || rules.criteria.iter().any(|c| !scores.contains_key(&c.key)) {
        return Err("scores-incomplete");
    }
    if scores.values().any(|s| *s < 1 || *s > rules.scale_max) {
        return Err("score-range");
    }
    Ok(())
}

/// How far apart the jurors are on one criterion: the highest score minus the lowest.
pub fn spread(rules: &RuleSet, jurors: &[Scores]) -> BTreeMap<String, u8> {
    rules
        .criteria
        .iter()
        .filter_map(|c| {
            let vals: Vec<u8> = jurors.iter().filter_map(|s| s.get(&c.key).copied()).collect();
            let (min, max) = (vals.iter().min()?, vals.iter().max()?);
            Some((c.key.clone(), max - min))
        })
        .collect()
}

/// Whether jurors disagree on a criterion: two points or more apart on the 1–4 scale (half the
/// scale, rounded down, on another).
pub fn disagree(rules: &RuleSet, spread: u8) -> bool {
    spread >= (rules.scale_max / 2).max(1)
}

/// The mean weighted total of the jurors who scored every criterion, in hundredths.
pub fn mean_total_centi(rules: &RuleSet, jurors: &[Scores]) -> Option<u32> {
    let totals: Vec<u32> = jurors.iter().filter_map(|s| rules.weighted_total(s)).collect();
    let n = u32::try_from(totals.len()).ok().filter(|n| *n > 0)?;
    Some(totals.iter().sum::<u32>() * 100 / n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids<T: From<u8>>(n: u8) -> Vec<T> {
        (0..n).map(T::from).collect()
    }

    impl From<u8> for PersonId {
        fn from(i: u8) -> Self {
            PersonId::from_uuid(uuid::Uuid::from_u128(u128::from(i) + 1))
        }
    }
    impl From<u8> for ProposalId {
        fn from(i: u8) -> Self {
            ProposalId::from_uuid(uuid::Uuid::from_u128(u128::from(i) + 1000))
        }
    }
    impl From<u8> for PanelId {
        fn from(i: u8) -> Self {
            PanelId::from_uuid(uuid::Uuid::from_u128(u128::from(i) + 5000))
        }
    }

    fn panel(i: u8, members: &[u8]) -> PanelSeats {
        PanelSeats { id: PanelId::from(i), members: members.iter().map(|m| PersonId::from(*m)).collect(), load: 0 }
    }

    fn proposal(i: u8, conflicted: &[u8]) -> ToAssign {
        ToAssign { proposal: ProposalId::from(i), conflicted: conflicted.iter().map(|m| PersonId::from(*m)).collect() }
    }

    #[test]
    fn loads_are_balanced_when_nothing_conflicts() {
        let panels = [panel(0, &[1, 2]), panel(1, &[3, 4]), panel(2, &[5, 6])];
        let props: Vec<ToAssign> =
            ids::<ProposalId>(10).into_iter().map(|p| ToAssign { proposal: p, conflicted: BTreeSet::new() }).collect();
        let a = assign(&panels, &props);
        assert!(a.unassignable.is_empty());
        let mut load = BTreeMap::new();
        for (_, p) in &a.assigned {
            *load.entry(*p).or_insert(0) += 1;
        }
        let (min, max) = (load.values().min().unwrap(), load.values().max().unwrap());
        assert!(max - min <= 1, "{load:?}");
        assert_eq!(a, assign(&panels, &props), "deterministic");
    }

    #[test]
    fn a_conflicted_member_keeps_a_proposal_away_from_their_panel() {
        let panels = [panel(0, &[1, 2]), panel(1, &[3, 4])];
        let props = [proposal(0, &[1]), proposal(1, &[3]), proposal(2, &[]), proposal(3, &[2, 4])];
        let a = assign(&panels, &props);
        let to = |p: u8| a.assigned.iter().find(|(x, _)| *x == ProposalId::from(p)).map(|(_, panel)| *panel);
        assert_eq!(to(0), Some(PanelId::from(1)));
        assert_eq!(to(1), Some(PanelId::from(0)));
        assert_eq!(to(3), None);
        assert_eq!(a.unassignable, [ProposalId::from(3)], "no panel without a conflict: reported, not forced");
        assert!(to(2).is_some());
    }

    #[test]
    fn existing_loads_count_and_empty_panels_hear_nothing() {
        let mut busy = panel(0, &[1]);
        busy.load = 5;
        let panels = [busy, panel(1, &[2]), panel(2, &[])];
        let a = assign(&panels, &[proposal(0, &[]), proposal(1, &[])]);
        assert!(a.assigned.iter().all(|(_, p)| *p == PanelId::from(1)), "{a:?}");
    }

    #[test]
    fn scores_are_checked_against_the_grid_and_disagreement_is_found() {
        let rules = RuleSet::eig5();
        let all = |v: u8| -> Scores { rules.criteria.iter().map(|c| (c.key.clone(), v)).collect() };
        assert_eq!(check_scores(&rules, &all(4)), Ok(()));
        assert_eq!(check_scores(&rules, &all(5)), Err("score-range"));
        assert_eq!(check_scores(&rules, &all(0)), Err("score-range"));
        let mut missing = all(3);
        missing.remove("need");
        assert_eq!(check_scores(&rules, &missing), Err("scores-incomplete"));
        let mut extra = all(3);
        extra.insert("made_up".into(), 2);
        assert_eq!(check_scores(&rules, &extra), Err("scores-incomplete"));
        let mut a = all(4);
        a.insert("openness".into(), 1);
        let b = all(3);
        let s = spread(&rules, &[a.clone(), b.clone()]);
        assert_eq!(s["need"], 1);
        assert_eq!(s["openness"], 2);
        assert!(!disagree(&rules, s["need"]));
        assert!(disagree(&rules, s["openness"]));
        // (4*4+1) = 17 and 15: mean 16.00.
        assert_eq!(mean_total_centi(&rules, &[a, b]), Some(1600));
        assert_eq!(mean_total_centi(&rules, &[]), None);
    }
}
