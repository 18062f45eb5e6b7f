//! Stable matching of candidates to seats: candidate-proposing deferred acceptance (Gale and
//! Shapley, 1962, with capacities: the "hospitals/residents" problem).
//!
//! Candidates rank (challenge, profile) lists; each list has a number of seats and ranks the
//! candidates its panel accepts, best first. A pair is *acceptable* when the candidate chose the
//! list and the list ranks the candidate. The result is stable (no candidate and list would both
//! rather be together than with what they got), respects the seats, and is the best stable
//! matching for every candidate at once (*candidate-optimal*); no candidate gains by misreporting
//! their choices. It does not depend on the order candidates are given in.
//!
//! Indices, not ids: the caller numbers candidates `0..n` and lists `0..m`. Pure and
//! allocation-light: about `O(E log s)` for `E` choices and `s` seats per list.

use std::collections::BinaryHeap;

/// A list's rank of a candidate it does not rank.
const UNRANKED: u32 = u32::MAX;

/// One (challenge, profile) list: its seats and the candidates it ranks, best first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct List {
    /// Seats to fill.
    pub seats: u32,
    /// Candidates by index, best first; those not listed are not acceptable to this list.
    pub ranking: Vec<u32>,
}

/// What makes an instance unusable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InstanceError {
    /// A candidate's choice names a list that does not exist.
    #[error("candidate {candidate} chose list {list}, which does not exist")]
    UnknownList {
        /// The candidate.
        candidate: u32,
        /// The list.
        list: u32,
    },
    /// A candidate chose the same list twice.
    #[error("candidate {candidate} chose list {list} twice")]
    RepeatedChoice {
        /// The candidate.
        candidate: u32,
        /// The list.
        list: u32,
    },
    /// A list ranks a candidate who does not exist.
    #[error("list {list} ranks candidate {candidate}, who does not exist")]
    UnknownCandidate {
        /// The list.
        list: u32,
        /// The candidate.
        candidate: u32,
    },
    /// A list ranks the same candidate twice.
    #[error("list {list} ranks candidate {candidate} twice")]
    RepeatedRank {
        /// The list.
        list: u32,
        /// The candidate.
        candidate: u32,
    },
    /// More than `u32::MAX - 1` candidates, lists or choices.
    #[error("the instance is too large")]
    TooLarge,
}

/// A checked instance, its choices stored flat with the rank each list gives each choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    /// Candidate `c`'s choices are `choice[start[c]..start[c + 1]]`, best first.
    start: Vec<u32>,
    choice: Vec<u32>,
    /// The rank (0 = best) the chosen list gives the candidate, or [`UNRANKED`].
    rank: Vec<u32>,
    seats: Vec<u32>,
}

impl Instance {
    /// Checks and prepares an instance: `choices[c]` is candidate `c`'s lists, best first.
    ///
    /// # Errors
    /// An unknown or repeated index, or more than `u32::MAX - 1` of anything.
    pub fn new(choices: &[Vec<u32>], lists: &[List]) -> Result<Self, InstanceError> {
        let n = u32::try_from(choices.len()).map_err(|_| InstanceError::TooLarge)?;
        let m = u32::try_from(lists.len()).map_err(|_| InstanceError::TooLarge)?;
        if n == u32::MAX || m == u32::MAX {
            return Err(InstanceError::TooLarge);
        }
        let total: usize = choices.iter().map(Vec::len).sum();
        if total >= UNRANKED as usize {
            return Err(InstanceError::TooLarge);
        }
        let mut start = Vec::with_capacity(choices.len() + 1);
        let mut choice = Vec::with_capacity(total);
        // `seen[list] == candidate + 1` while reading that candidate's choices.
        let mut seen = vec![0u32; lists.len()];
        for (c, lists_chosen) in (0..n).zip(choices) {
            start.push(choice.len() as u32);
            for &j in lists_chosen {
                let slot = seen.get_mut(j as usize).ok_or(InstanceError::UnknownList { candidate: c, list: j })?;
                if *slot == c + 1 {
                    return Err(InstanceError::RepeatedChoice { candidate: c, list: j });
                }
                *slot = c + 1;
                choice.push(j);
            }
        }
        start.push(choice.len() as u32);
        let mut rank = vec![UNRANKED; choice.len()];
        let mut seen = vec![0u32; choices.len()];
        for (j, list) in (0..m).zip(lists) {
            for (r, &c) in (0u32..).zip(&list.ranking) {
                let slot = seen.get_mut(c as usize).ok_or(InstanceError::UnknownCandidate { list: j, candidate: c })?;
                if *slot == j + 1 {
                    return Err(InstanceError::RepeatedRank { list: j, candidate: c });
                }
                *slot = j + 1;
                let (a, b) = (start[c as usize] as usize, start[c as usize + 1] as usize);
                // A list may rank someone who did not choose it: that pair is not acceptable.
                if let Some(k) = choice[a..b].iter().position(|&x| x == j) {
                    rank[a + k] = r;
                }
            }
        }
        Ok(Self { start, choice, rank, seats: lists.iter().map(|l| l.seats).collect() })
    }

    /// Number of candidates.
    #[must_use]
    pub fn candidates(&self) -> usize {
        self.start.len() - 1
    }

    /// Number of lists.
    #[must_use]
    pub fn lists(&self) -> usize {
        self.seats.len()
    }

    fn range(&self, c: usize) -> std::ops::Range<usize> {
        self.start[c] as usize..self.start[c + 1] as usize
    }

    /// The rank list `j` gives candidate `c` (0 = best), when the pair is acceptable.
    #[must_use]
    pub fn rank_of(&self, c: usize, j: u32) -> Option<u32> {
        let r = self.range(c);
        self.choice[r.clone()].iter().position(|&x| x == j).map(|k| self.rank[r.start + k]).filter(|&x| x != UNRANKED)
    }

    /// Where list `j` stands in candidate `c`'s choices (0 = first choice).
    #[must_use]
    pub fn preference_of(&self, c: usize, j: u32) -> Option<usize> {
        self.choice[self.range(c)].iter().position(|&x| x == j)
    }

    /// Runs candidate-proposing deferred acceptance: the candidate-optimal stable matching.
    #[must_use]
    pub fn deferred_acceptance(&self) -> Matching {
        let n = self.candidates();
        // Each list holds its tentatively admitted candidates, the worst on top.
        let mut held: Vec<BinaryHeap<(u32, u32)>> = self.seats.iter().map(|_| BinaryHeap::new()).collect();
        let mut next: Vec<u32> = self.start[..n].to_vec();
        let mut free: Vec<u32> = (0..n as u32).rev().collect();
        while let Some(c) = free.pop() {
            let end = self.start[c as usize + 1];
            while next[c as usize] < end {
                let k = next[c as usize] as usize;
                next[c as usize] += 1;
                let r = self.rank[k];
                if r == UNRANKED {
                    continue;
                }
                let j = self.choice[k] as usize;
                let seats = self.seats[j] as usize;
                let heap = &mut held[j];
                if heap.len() < seats {
                    heap.push((r, c));
                    break;
                }
                if let Some(&(worst, d)) = heap.peek()
                    && r < worst
                {
                    heap.pop();
                    heap.push((r, c));
                    free.push(d);
                    break;
                }
            }
        }
        let mut assigned = vec![None; n];
        for (j, heap) in held.iter().enumerate() {
            for &(_, c) in heap {
                assigned[c as usize] = Some(j as u32);
            }
        }
        Matching { assigned }
    }

    /// Checks any assignment (a deferred acceptance result after staff overrides, say): the
    /// blocking pairs, the lists over their seats, and the candidates placed where the pair is not
    /// acceptable.
    #[must_use]
    pub fn check(&self, m: &Matching) -> Check {
        let lists = self.lists();
        let mut count = vec![0u32; lists];
        // The worst rank each list admitted (unacceptable placements count as the worst).
        let mut worst = vec![0u32; lists];
        let mut unacceptable = Vec::new();
        for (c, a) in m.assigned.iter().enumerate() {
            let Some(j) = *a else { continue };
            let ju = j as usize;
            if ju >= lists {
                unacceptable.push(c as u32);
                continue;
            }
            count[ju] += 1;
            let r = self.rank_of(c, j).unwrap_or_else(|| {
                unacceptable.push(c as u32);
                UNRANKED
            });
            worst[ju] = worst[ju].max(r);
        }
        let over_capacity = (0..lists as u32).filter(|&j| count[j as usize] > self.seats[j as usize]).collect();
        let mut blocking = Vec::new();
        for c in 0..self.candidates() {
            let assigned = m.assigned.get(c).copied().flatten();
            for k in self.range(c) {
                let j = self.choice[k];
                if Some(j) == assigned {
                    break;
                }
                let r = self.rank[k];
                let ju = j as usize;
                if r != UNRANKED && (count[ju] < self.seats[ju] || r < worst[ju]) {
                    blocking.push((c as u32, j));
                }
            }
        }
        Check { blocking, over_capacity, unacceptable }
    }

    /// Why candidate `c` did not get each of the choices they preferred to what they got.
    #[must_use]
    pub fn explain(&self, m: &Matching, c: usize) -> Vec<Missed> {
        let assigned = m.assigned.get(c).copied().flatten();
        let mut admitted: Vec<u32> = Vec::new();
        let mut out = Vec::new();
        for k in self.range(c) {
            let j = self.choice[k];
            if Some(j) == assigned {
                break;
            }
            let r = self.rank[k];
            let reason = if r == UNRANKED {
                Reason::NotRanked
            } else if self.seats[j as usize] == 0 {
                Reason::NoSeats
            } else {
                admitted.clear();
                admitted.extend(m.assigned.iter().enumerate().filter(|(_, a)| **a == Some(j)).filter_map(|(d, _)| self.rank_of(d, j)));
                admitted.sort_unstable();
                Reason::SeatsTaken { own_rank: r + 1, admitted_ranks: admitted.iter().map(|x| x + 1).collect() }
            };
            out.push(Missed { list: j, reason });
        }
        out
    }
}

/// Runs the matching again after offers were answered: candidates who accepted keep their seat,
/// those who declined, let their offer expire or withdrew leave, and everyone else is matched
/// again to the seats left. Leaving only frees seats, so nobody still waiting is worse off than
/// before (deferred acceptance is monotone in the set of candidates): a pending offer is never
/// taken back, at most replaced by one its holder prefers.
///
/// # Errors
/// As [`Instance::new`], or an accepted seat on a list that does not exist.
pub fn cascade(choices: &[Vec<u32>], lists: &[List], accepted: &[(u32, u32)], gone: &[u32]) -> Result<Matching, InstanceError> {
    let mut seats: Vec<u32> = lists.iter().map(|l| l.seats).collect();
    let mut fixed = vec![None; choices.len()];
    for &(c, j) in accepted {
        let s = seats.get_mut(j as usize).ok_or(InstanceError::UnknownList { candidate: c, list: j })?;
        *s = s.saturating_sub(1);
        *fixed.get_mut(c as usize).ok_or(InstanceError::UnknownCandidate { list: j, candidate: c })? = Some(j);
    }
    let out = |c: usize| fixed[c].is_some() || gone.contains(&(c as u32));
    let remaining: Vec<Vec<u32>> = choices.iter().enumerate().map(|(c, v)| if out(c) { Vec::new() } else { v.clone() }).collect();
    let lists: Vec<List> = lists.iter().zip(seats).map(|(l, seats)| List { seats, ranking: l.ranking.clone() }).collect();
    let mut m = Instance::new(&remaining, &lists)?.deferred_acceptance();
    for (c, f) in fixed.into_iter().enumerate() {
        if f.is_some() {
            m.assigned[c] = f;
        }
    }
    Ok(m)
}

/// Who got which list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matching {
    /// Per candidate, the list they were matched to.
    pub assigned: Vec<Option<u32>>,
}

impl Matching {
    /// The candidates matched to list `j`.
    pub fn members(&self, j: u32) -> impl Iterator<Item = u32> + '_ {
        self.assigned.iter().enumerate().filter(move |(_, a)| **a == Some(j)).map(|(c, _)| c as u32)
    }
}

/// What [`Instance::check`] found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Check {
    /// (candidate, list) pairs who would both rather be together.
    pub blocking: Vec<(u32, u32)>,
    /// Lists holding more candidates than seats.
    pub over_capacity: Vec<u32>,
    /// Candidates placed on a list that does not rank them or that they did not choose.
    pub unacceptable: Vec<u32>,
}

impl Check {
    /// Stable, within the seats, every pair acceptable.
    #[must_use]
    pub fn is_stable(&self) -> bool {
        self.blocking.is_empty() && self.over_capacity.is_empty() && self.unacceptable.is_empty()
    }
}

/// A choice a candidate preferred and did not get.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missed {
    /// The list.
    pub list: u32,
    /// Why.
    pub reason: Reason,
}

/// Why a preferred choice was not obtained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The list's panel did not rank the candidate.
    NotRanked,
    /// The list has no seat.
    NoSeats,
    /// The seats went to candidates the list ranked higher (ranks from 1, never names).
    SeatsTaken {
        /// The candidate's rank on that list.
        own_rank: u32,
        /// The ranks of those admitted.
        admitted_ranks: Vec<u32>,
    },
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn list(seats: u32, ranking: &[u32]) -> List {
        List { seats, ranking: ranking.to_vec() }
    }

    #[test]
    fn a_textbook_instance() {
        // Three candidates, two lists of one and two seats.
        let choices = vec![vec![0, 1], vec![0, 1], vec![0]];
        let lists = vec![list(1, &[2, 0, 1]), list(2, &[1, 0])];
        let i = Instance::new(&choices, &lists).unwrap();
        let m = i.deferred_acceptance();
        assert_eq!(m.assigned, vec![Some(1), Some(1), Some(0)]);
        assert!(i.check(&m).is_stable());
        assert_eq!(i.explain(&m, 0), vec![Missed { list: 0, reason: Reason::SeatsTaken { own_rank: 2, admitted_ranks: vec![1] } }]);
        assert!(i.explain(&m, 2).is_empty(), "a first choice obtained needs no explanation");
    }

    #[test]
    fn bad_instances_are_refused_by_name() {
        assert_eq!(Instance::new(&[vec![1]], &[list(1, &[])]), Err(InstanceError::UnknownList { candidate: 0, list: 1 }));
        assert_eq!(Instance::new(&[vec![0, 0]], &[list(1, &[])]), Err(InstanceError::RepeatedChoice { candidate: 0, list: 0 }));
        assert_eq!(Instance::new(&[vec![0]], &[list(1, &[3])]), Err(InstanceError::UnknownCandidate { list: 0, candidate: 3 }));
        assert_eq!(Instance::new(&[vec![0]], &[list(1, &[0, 0])]), Err(InstanceError::RepeatedRank { list: 0, candidate: 0 }));
    }

    #[test]
    fn reasons_name_unranked_and_seatless_lists() {
        let i = Instance::new(&[vec![0, 1, 2]], &[list(1, &[]), list(0, &[0]), list(1, &[0])]).unwrap();
        let m = i.deferred_acceptance();
        assert_eq!(m.assigned, vec![Some(2)]);
        let reasons: Vec<Reason> = i.explain(&m, 0).into_iter().map(|x| x.reason).collect();
        assert_eq!(reasons, vec![Reason::NotRanked, Reason::NoSeats]);
    }

    #[test]
    fn an_override_reports_the_blocking_pairs_it_creates() {
        let choices = vec![vec![0, 1], vec![0, 1]];
        let lists = vec![list(1, &[0, 1]), list(1, &[0, 1])];
        let i = Instance::new(&choices, &lists).unwrap();
        let mut m = i.deferred_acceptance();
        assert_eq!(m.assigned, vec![Some(0), Some(1)]);
        // Staff swap the two: candidate 0 now prefers list 0, which ranks them above candidate 1.
        m.assigned = vec![Some(1), Some(0)];
        let c = i.check(&m);
        assert_eq!(c.blocking, vec![(0, 0)]);
        assert!(c.over_capacity.is_empty() && c.unacceptable.is_empty());
        m.assigned = vec![Some(0), Some(0)];
        assert_eq!(i.check(&m).over_capacity, vec![0]);
    }

    /// Small random instances: up to 5 candidates, 3 lists of 0–2 seats.
    fn small() -> impl Strategy<Value = (Vec<Vec<u32>>, Vec<List>)> {
        (1usize..=5, 1usize..=3).prop_flat_map(|(n, m)| {
            let choices = proptest::collection::vec(
                Just((0..m as u32).collect::<Vec<_>>())
                    .prop_shuffle()
                    .prop_flat_map(move |v| (0..=v.len()).prop_map(move |k| v[..k].to_vec())),
                n,
            );
            let lists = proptest::collection::vec(
                (0u32..=2, Just((0..n as u32).collect::<Vec<_>>()).prop_shuffle(), 0..=n).prop_map(|(s, r, k)| list(s, &r[..k])),
                m,
            );
            (choices, lists)
        })
    }

    /// Every assignment within the seats and acceptable, by brute force.
    fn all_matchings(i: &Instance) -> Vec<Matching> {
        let n = i.candidates();
        let mut out = Vec::new();
        let mut cur = vec![None; n];
        fn go(i: &Instance, c: usize, cur: &mut Vec<Option<u32>>, out: &mut Vec<Matching>) {
            if c == cur.len() {
                let m = Matching { assigned: cur.clone() };
                if i.check(&m).over_capacity.is_empty() {
                    out.push(m);
                }
                return;
            }
            cur[c] = None;
            go(i, c + 1, cur, out);
            for j in 0..i.lists() as u32 {
                if i.rank_of(c, j).is_some() {
                    cur[c] = Some(j);
                    go(i, c + 1, cur, out);
                }
            }
            cur[c] = None;
        }
        go(i, 0, &mut cur, &mut out);
        out
    }

    /// Candidate `c`'s preference position for an outcome (lower is better; unmatched is worst).
    fn pos(i: &Instance, c: usize, a: Option<u32>) -> usize {
        a.and_then(|j| i.preference_of(c, j)).unwrap_or(usize::MAX)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn deferred_acceptance_is_stable_within_seats_and_acceptable((choices, lists) in small()) {
            let i = Instance::new(&choices, &lists).unwrap();
            let m = i.deferred_acceptance();
            prop_assert!(i.check(&m).is_stable(), "{:?}", i.check(&m));
            prop_assert_eq!(&m, &i.deferred_acceptance(), "deterministic");
        }

        #[test]
        fn deferred_acceptance_is_the_candidate_optimal_stable_matching((choices, lists) in small()) {
            let i = Instance::new(&choices, &lists).unwrap();
            let m = i.deferred_acceptance();
            let stable: Vec<Matching> = all_matchings(&i).into_iter().filter(|x| i.check(x).is_stable()).collect();
            prop_assert!(stable.contains(&m));
            for other in &stable {
                for c in 0..i.candidates() {
                    prop_assert!(pos(&i, c, m.assigned[c]) <= pos(&i, c, other.assigned[c]), "candidate {} does better in {:?} than in {:?}", c, other, m);
                }
            }
        }

        #[test]
        fn the_result_does_not_depend_on_the_order_candidates_are_given_in((choices, lists) in small(), seed in any::<u64>()) {
            let n = choices.len();
            // A permutation of the candidates from the seed.
            let mut order: Vec<u32> = (0..n as u32).collect();
            let mut s = seed;
            for k in (1..n).rev() {
                s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                order.swap(k, (s >> 33) as usize % (k + 1));
            }
            let mut inverse = vec![0u32; n];
            for (new, &old) in order.iter().enumerate() { inverse[old as usize] = new as u32; }
            let pchoices: Vec<Vec<u32>> = order.iter().map(|&old| choices[old as usize].clone()).collect();
            let plists: Vec<List> = lists.iter().map(|l| list(l.seats, &l.ranking.iter().map(|&c| inverse[c as usize]).collect::<Vec<_>>())).collect();
            let a = Instance::new(&choices, &lists).unwrap().deferred_acceptance();
            let b = Instance::new(&pchoices, &plists).unwrap().deferred_acceptance();
            for (old, new) in inverse.iter().enumerate() { prop_assert_eq!(a.assigned[old], b.assigned[*new as usize]); }
        }

        #[test]
        fn no_candidate_gains_by_misreporting((choices, lists) in small()) {
            let i = Instance::new(&choices, &lists).unwrap();
            let truth = i.deferred_acceptance();
            let m = lists.len() as u32;
            for c in 0..choices.len() {
                // Every ordered selection of lists as a report.
                let mut reports: Vec<Vec<u32>> = vec![vec![]];
                for _ in 0..m {
                    let more: Vec<Vec<u32>> = reports.iter().flat_map(|r| (0..m).filter(|j| !r.contains(j)).map(move |j| { let mut x = r.clone(); x.push(j); x })).collect();
                    reports.extend(more);
                }
                reports.sort();
                reports.dedup();
                for report in reports {
                    let mut lie = choices.clone();
                    lie[c] = report;
                    let got = Instance::new(&lie, &lists).unwrap().deferred_acceptance().assigned[c];
                    prop_assert!(pos(&i, c, got) >= pos(&i, c, truth.assigned[c]), "candidate {} gains by reporting {:?}", c, lie[c]);
                }
            }
        }

        #[test]
        fn a_cascade_keeps_accepted_seats_and_leaves_nobody_waiting_worse_off((choices, lists) in small(), answers in proptest::collection::vec(0u8..3, 5)) {
            let i = Instance::new(&choices, &lists).unwrap();
            let first = i.deferred_acceptance();
            // Each matched candidate accepts (0), declines (1) or has not answered yet (2).
            let mut accepted = Vec::new();
            let mut gone = Vec::new();
            for (c, a) in first.assigned.iter().enumerate() {
                match (a, answers[c]) {
                    (Some(j), 0) => accepted.push((c as u32, *j)),
                    (Some(_), 1) => gone.push(c as u32),
                    _ => {}
                }
            }
            let next = cascade(&choices, &lists, &accepted, &gone).unwrap();
            for &(c, j) in &accepted {
                prop_assert_eq!(next.assigned[c as usize], Some(j));
            }
            for &c in &gone {
                prop_assert_eq!(next.assigned[c as usize], None);
            }
            for c in 0..choices.len() {
                if !gone.contains(&(c as u32)) {
                    prop_assert!(pos(&i, c, next.assigned[c]) <= pos(&i, c, first.assigned[c]), "candidate {} is worse off", c);
                }
            }
            let within = next.assigned.iter().all(|a| a.is_none_or(|j| next.members(j).count() as u32 <= lists[j as usize].seats));
            prop_assert!(within, "seats respected");
        }

        #[test]
        fn every_missed_choice_is_explained_truthfully((choices, lists) in small()) {
            let i = Instance::new(&choices, &lists).unwrap();
            let m = i.deferred_acceptance();
            for (c, mine) in choices.iter().enumerate() {
                let missed = i.explain(&m, c);
                let got = pos(&i, c, m.assigned[c]);
                prop_assert_eq!(missed.len(), got.min(mine.len()));
                for x in missed {
                    match x.reason {
                        Reason::NotRanked => prop_assert!(i.rank_of(c, x.list).is_none()),
                        Reason::NoSeats => prop_assert_eq!(lists[x.list as usize].seats, 0),
                        Reason::SeatsTaken { own_rank, admitted_ranks } => {
                            prop_assert_eq!(admitted_ranks.len() as u32, lists[x.list as usize].seats, "the list is full");
                            prop_assert!(admitted_ranks.iter().all(|&r| r < own_rank), "everyone admitted ranks higher");
                        }
                    }
                }
            }
        }
    }
}
