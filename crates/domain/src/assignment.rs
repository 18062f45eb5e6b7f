//! Assigning reviewers to applications (or proposals): each gets `per_item` distinct reviewers,
//! never one in conflict, with loads as even as the conflicts allow, then the lowest total cost
//! (the caller's preference, e.g. a mentor of the chosen challenge before a stranger).
//!
//! A min-cost flow: source → item (capacity `per_item`) → reviewer (capacity 1, the pair's cost)
//! → sink, where the reviewer's `t`-th item costs `t × LOAD_STEP`. That cost is convex in the load,
//! so the cheapest flow spreads the work evenly before it looks at pair costs. Solved by
//! successive shortest paths with potentials (Dijkstra on reduced costs). Pure; indices, not ids.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// The largest pair cost; a load step is above any total of pair costs.
pub const MAX_PAIR_COST: u32 = 1_000;

/// What to assign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Number of items to review.
    pub items: usize,
    /// Number of reviewers.
    pub reviewers: usize,
    /// Reviewers wanted per item.
    pub per_item: u32,
    /// Most items one reviewer may take (`None`: no cap beyond the balance).
    pub max_load: Option<u32>,
    /// `cost[item][reviewer]`: `None` when the pair is not allowed (a conflict, or a mentor who
    /// may not see this candidate), else a cost in `0..=MAX_PAIR_COST`, lower preferred.
    pub cost: Vec<Vec<Option<u32>>>,
}

/// The result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    /// Per item, its reviewers (ascending).
    pub reviewers: Vec<Vec<u32>>,
    /// Items that got fewer than `per_item` reviewers (too few allowed reviewers or capacity).
    pub short: Vec<u32>,
}

impl Assignment {
    /// Each reviewer's number of items.
    #[must_use]
    pub fn loads(&self, reviewers: usize) -> Vec<u32> {
        let mut l = vec![0; reviewers];
        for r in self.reviewers.iter().flatten() {
            l[*r as usize] += 1;
        }
        l
    }
}

/// A manual change that breaks a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MoveError {
    /// The pair is not allowed.
    #[error("this reviewer may not review this item")]
    NotAllowed,
    /// The reviewer already reviews it.
    #[error("this reviewer already reviews this item")]
    AlreadyThere,
    /// The reviewer is at their maximum load.
    #[error("this reviewer has reached their maximum load")]
    Full,
}

impl Problem {
    /// Checks a manual addition of `reviewer` to `item` against the same rules as the solver.
    ///
    /// # Errors
    /// The pair is not allowed, already assigned, or the reviewer is full.
    pub fn check_move(&self, current: &Assignment, item: usize, reviewer: u32) -> Result<(), MoveError> {
        if self.cost.get(item).and_then(|row| row.get(reviewer as usize)).copied().flatten().is_none() {
            return Err(MoveError::NotAllowed);
        }
        if current.reviewers.get(item).is_some_and(|r| r.contains(&reviewer)) {
            return Err(MoveError::AlreadyThere);
        }
        if let Some(max) = self.max_load
            && current.loads(self.reviewers).get(reviewer as usize).copied().unwrap_or(0) >= max
        {
            return Err(MoveError::Full);
        }
        Ok(())
    }

    /// The cheapest even assignment giving every item as many allowed reviewers as possible.
    #[must_use]
    pub fn solve(&self) -> Assignment {
        // Fast path: route each item's units from the item itself. When every item gets all its
        // reviewers this is the min-cost flow; when some cannot, which items fall short depends on
        // the order, so the whole flow is recomputed from one source.
        let (g, pairs) = self.graph(false);
        let mut g = g;
        let complete = (0..self.items).all(|i| g.route(1 + i, g.sink, i64::from(self.per_item)) == i64::from(self.per_item));
        let (g, pairs) = if complete {
            (g, pairs)
        } else {
            let (mut g, pairs) = self.graph(true);
            g.route(0, g.sink, self.items as i64 * i64::from(self.per_item));
            (g, pairs)
        };
        let reviewers: Vec<Vec<u32>> =
            pairs.iter().map(|edges| edges.iter().filter(|(_, e)| g.cap[*e] == 0).map(|(j, _)| *j).collect()).collect();
        let short = (0..self.items as u32).filter(|&i| (reviewers[i as usize].len() as u32) < self.per_item).collect();
        Assignment { reviewers, short }
    }

    /// Node 0 is the source (linked to every item when `with_source`), items are `1..=n`,
    /// reviewers follow, then the sink.
    #[allow(clippy::type_complexity)]
    fn graph(&self, with_source: bool) -> (Graph, Vec<Vec<(u32, usize)>>) {
        let (n, r) = (self.items, self.reviewers);
        let per = i64::from(self.per_item);
        // Above any difference in total pair cost, so evenness always comes first.
        let step = i64::from(MAX_PAIR_COST) * per.max(1) * (n as i64).max(1) + 1;
        let sink = 1 + n + r;
        let mut g = Graph::new(sink + 1, sink, step);
        let mut pairs = Vec::with_capacity(n);
        for i in 0..n {
            if with_source {
                g.add(0, 1 + i, per, 0, false);
            }
            let mut mine = Vec::new();
            for (j, c) in self.cost.get(i).map(Vec::as_slice).unwrap_or(&[]).iter().enumerate().take(r) {
                if let Some(c) = c {
                    mine.push((j as u32, g.add(1 + i, 1 + n + j, 1, i64::from((*c).min(MAX_PAIR_COST)), false)));
                }
            }
            pairs.push(mine);
        }
        let cap = self.max_load.map_or(n as i64 * per, i64::from);
        for j in 0..r {
            g.add(1 + n + j, sink, cap, 0, true);
        }
        (g, pairs)
    }
}

/// A residual graph: edge `e` and its reverse `e ^ 1`. A *load* edge stands for parallel unit
/// edges costing `0, step, 2·step, …`: its forward cost is `used × step` and its reverse
/// `-(used - 1) × step`, the cheapest unused and the dearest used of those parallel edges.
struct Graph {
    head: Vec<usize>,
    next: Vec<usize>,
    to: Vec<usize>,
    cap: Vec<i64>,
    cost: Vec<i64>,
    load: Vec<bool>,
    sink: usize,
    step: i64,
    potential: Vec<i64>,
}

const NONE: usize = usize::MAX;

impl Graph {
    fn new(nodes: usize, sink: usize, step: i64) -> Self {
        Self {
            head: vec![NONE; nodes],
            next: Vec::new(),
            to: Vec::new(),
            cap: Vec::new(),
            cost: Vec::new(),
            load: Vec::new(),
            sink,
            step,
            potential: vec![0; nodes],
        }
    }

    fn add(&mut self, from: usize, to: usize, cap: i64, cost: i64, load: bool) -> usize {
        let e = self.to.len();
        for (a, b, c, k) in [(from, to, cap, cost), (to, from, 0, -cost)] {
            self.next.push(self.head[a]);
            self.head[a] = self.to.len();
            self.to.push(b);
            self.cap.push(c);
            self.cost.push(k);
            self.load.push(load);
        }
        e
    }

    /// Sends up to `want` units from `s` to `t`, one cheapest path at a time (Dijkstra on reduced
    /// costs, stopped when `t` is reached; every node's potential then moves by
    /// `min(distance, distance to t)`, which keeps every reduced cost non-negative). Returns
    /// what was sent.
    fn route(&mut self, s: usize, t: usize, want: i64) -> i64 {
        let v = self.head.len();
        let mut dist = vec![i64::MAX; v];
        let mut via = vec![NONE; v];
        let mut done = vec![false; v];
        let mut heap = BinaryHeap::new();
        let mut sent = 0;
        while sent < want {
            dist.fill(i64::MAX);
            via.fill(NONE);
            done.fill(false);
            heap.clear();
            dist[s] = 0;
            heap.push(Reverse((0i64, s)));
            while let Some(Reverse((d, u))) = heap.pop() {
                if done[u] {
                    continue;
                }
                done[u] = true;
                if u == t {
                    break;
                }
                let mut e = self.head[u];
                while e != NONE {
                    if self.cap[e] > 0 {
                        let w = self.to[e];
                        let nd = d + self.cost[e] + self.potential[u] - self.potential[w];
                        if nd < dist[w] {
                            dist[w] = nd;
                            via[w] = e;
                            heap.push(Reverse((nd, w)));
                        }
                    }
                    e = self.next[e];
                }
            }
            if !done[t] {
                break;
            }
            let reach = dist[t];
            for (p, d) in self.potential.iter_mut().zip(&dist) {
                *p += (*d).min(reach);
            }
            // One unit: a load edge's cost changes with every unit.
            let mut x = t;
            while x != s {
                let e = via[x];
                self.cap[e] -= 1;
                self.cap[e ^ 1] += 1;
                if self.load[e] {
                    let (fwd, used) = (e & !1, self.cap[e | 1]);
                    self.cost[fwd] = used * self.step;
                    self.cost[fwd | 1] = -(used - 1) * self.step;
                }
                x = self.to[e ^ 1];
            }
            sent += 1;
        }
        sent
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn open(items: usize, reviewers: usize, per: u32) -> Problem {
        Problem { items, reviewers, per_item: per, max_load: None, cost: vec![vec![Some(0); reviewers]; items] }
    }

    #[test]
    fn loads_are_even_without_conflicts() {
        let a = open(10, 4, 2).solve();
        assert!(a.short.is_empty());
        for r in &a.reviewers {
            assert_eq!(r.len(), 2);
            assert_ne!(r[0], r[1]);
        }
        let loads = a.loads(4);
        assert_eq!(loads.iter().sum::<u32>(), 20);
        assert!(loads.iter().max().unwrap() - loads.iter().min().unwrap() <= 1, "{loads:?}");
    }

    #[test]
    fn conflicts_are_never_assigned_and_shortfalls_are_named() {
        let mut p = open(3, 3, 2);
        p.cost[0][0] = None;
        p.cost[0][1] = None;
        p.cost[1][2] = None;
        let a = p.solve();
        assert_eq!(a.reviewers[0], vec![2], "only one allowed reviewer");
        assert_eq!(a.short, vec![0]);
        assert!(!a.reviewers[1].contains(&2));
        assert_eq!(p.check_move(&a, 0, 0), Err(MoveError::NotAllowed));
        assert_eq!(p.check_move(&a, 0, 2), Err(MoveError::AlreadyThere));
    }

    #[test]
    fn cheaper_pairs_win_when_loads_are_equal() {
        let mut p = open(2, 2, 1);
        p.cost[0] = vec![Some(10), Some(0)];
        p.cost[1] = vec![Some(0), Some(10)];
        let a = p.solve();
        assert_eq!(a.reviewers, vec![vec![1], vec![0]]);
    }

    #[test]
    fn the_maximum_load_holds() {
        let mut p = open(5, 2, 1);
        p.max_load = Some(2);
        let a = p.solve();
        assert_eq!(a.loads(2), vec![2, 2]);
        assert_eq!(a.short.len(), 1);
        assert_eq!(p.check_move(&a, a.short[0] as usize, 0), Err(MoveError::Full));
    }

    fn problems() -> impl Strategy<Value = Problem> {
        (1usize..=4, 1usize..=4, 1u32..=2, prop::option::of(1u32..=3)).prop_flat_map(|(n, r, per, max_load)| {
            proptest::collection::vec(proptest::collection::vec(prop::option::weighted(0.8, 0u32..=3), r), n)
                .prop_map(move |cost| Problem { items: n, reviewers: r, per_item: per, max_load, cost })
        })
    }

    /// (assigned pairs, sum of load², pair cost) for one assignment: what the solver optimises, in order.
    fn score(p: &Problem, a: &Assignment) -> (i64, i64, i64) {
        let pairs = a.reviewers.iter().map(Vec::len).sum::<usize>() as i64;
        let loads = a.loads(p.reviewers);
        let squares = loads.iter().map(|&l| i64::from(l) * i64::from(l)).sum();
        let cost =
            a.reviewers.iter().enumerate().flat_map(|(i, rs)| rs.iter().map(move |&j| i64::from(p.cost[i][j as usize].unwrap()))).sum();
        (-pairs, squares, cost)
    }

    /// Every valid assignment, by brute force.
    fn best_by_brute_force(p: &Problem) -> (i64, i64, i64) {
        fn subsets(p: &Problem, i: usize, cur: &mut Vec<Vec<u32>>, best: &mut Option<(i64, i64, i64)>) {
            if i == p.items {
                let a = Assignment { reviewers: cur.clone(), short: vec![] };
                if p.max_load.is_none_or(|m| a.loads(p.reviewers).iter().all(|&l| l <= m)) {
                    let s = score(p, &a);
                    if best.is_none_or(|b| s < b) {
                        *best = Some(s);
                    }
                }
                return;
            }
            for mask in 0u32..(1 << p.reviewers) {
                let set: Vec<u32> = (0..p.reviewers as u32).filter(|j| mask & (1 << j) != 0).collect();
                if set.len() as u32 > p.per_item || set.iter().any(|&j| p.cost[i][j as usize].is_none()) {
                    continue;
                }
                cur.push(set);
                subsets(p, i + 1, cur, best);
                cur.pop();
            }
        }
        let mut best = None;
        subsets(p, 0, &mut Vec::new(), &mut best);
        best.unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn the_solver_is_valid_and_as_good_as_brute_force(p in problems()) {
            let a = p.solve();
            for (i, rs) in a.reviewers.iter().enumerate() {
                prop_assert!(rs.len() as u32 <= p.per_item);
                prop_assert!(rs.windows(2).all(|w| w[0] < w[1]), "distinct reviewers");
                prop_assert!(rs.iter().all(|&j| p.cost[i][j as usize].is_some()), "never a conflicted pair");
                prop_assert_eq!(a.short.contains(&(i as u32)), (rs.len() as u32) < p.per_item);
            }
            if let Some(m) = p.max_load {
                prop_assert!(a.loads(p.reviewers).iter().all(|&l| l <= m));
            }
            // Most pairs first, then the most even loads, then the cheapest pairs.
            prop_assert_eq!(score(&p, &a), best_by_brute_force(&p));
            prop_assert_eq!(&a, &p.solve(), "deterministic");
        }
    }
}
