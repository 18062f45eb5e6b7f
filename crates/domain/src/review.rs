//! Reviewers' scores put on one scale: raw totals and, per reviewer, z-scores (how far a score is
//! from that reviewer's own mean, in that reviewer's standard deviations), so a harsh and a
//! lenient reviewer count alike. Disagreements are flagged for staff to read the dossier.

/// One reviewer's total for one item (an application, on the grid: 5 criteria × 0–4 = /20).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    /// The reviewer, by index.
    pub reviewer: u32,
    /// The item, by index.
    pub item: u32,
    /// The total.
    pub total: f64,
}

/// The method, as the consolidation page names it.
pub const METHOD: &str =
    "z = (score − the reviewer's mean) ÷ the reviewer's standard deviation (population), over all the reviewer's scores in the call";

/// A score with its z-score; `None` when the reviewer gave fewer than two scores or all alike
/// (no spread to measure against).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Normalised {
    /// The score.
    pub score: Score,
    /// Its z-score.
    pub z: Option<f64>,
}

/// Z-scores within each reviewer.
#[must_use]
pub fn normalise(scores: &[Score]) -> Vec<Normalised> {
    let reviewers = scores.iter().map(|s| s.reviewer as usize + 1).max().unwrap_or(0);
    let mut n = vec![0f64; reviewers];
    let mut sum = vec![0f64; reviewers];
    let mut sq = vec![0f64; reviewers];
    for s in scores {
        let r = s.reviewer as usize;
        n[r] += 1.0;
        sum[r] += s.total;
    }
    let mean: Vec<f64> = sum.iter().zip(&n).map(|(s, n)| if *n > 0.0 { s / n } else { 0.0 }).collect();
    for s in scores {
        let r = s.reviewer as usize;
        sq[r] += (s.total - mean[r]).powi(2);
    }
    let sd: Vec<f64> = sq.iter().zip(&n).map(|(q, n)| if *n > 0.0 { (q / n).sqrt() } else { 0.0 }).collect();
    scores
        .iter()
        .map(|s| {
            let r = s.reviewer as usize;
            let z = (n[r] >= 2.0 && sd[r] > 1e-9).then(|| (s.total - mean[r]) / sd[r]);
            Normalised { score: *s, z }
        })
        .collect()
}

/// One item's scores summed up.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The item.
    pub item: u32,
    /// Number of scores.
    pub count: usize,
    /// Mean raw total.
    pub raw_mean: f64,
    /// Highest minus lowest raw total.
    pub raw_range: f64,
    /// Mean z-score over the reviewers who have one.
    pub z_mean: Option<f64>,
    /// Whether the reviewers disagree: a raw range of at least `max_range` points, or z-scores
    /// further apart than `max_z_range`.
    pub disagreement: bool,
}

/// Per item, in item order: means, ranges, disagreement.
#[must_use]
pub fn summarise(normalised: &[Normalised], max_range: f64, max_z_range: f64) -> Vec<Summary> {
    let mut items: Vec<u32> = normalised.iter().map(|x| x.score.item).collect();
    items.sort_unstable();
    items.dedup();
    items
        .into_iter()
        .map(|item| {
            let mine: Vec<&Normalised> = normalised.iter().filter(|x| x.score.item == item).collect();
            let raw: Vec<f64> = mine.iter().map(|x| x.score.total).collect();
            let zs: Vec<f64> = mine.iter().filter_map(|x| x.z).collect();
            let range = |v: &[f64]| v.iter().copied().fold(f64::NEG_INFINITY, f64::max) - v.iter().copied().fold(f64::INFINITY, f64::min);
            let raw_range = range(&raw);
            let z_range = if zs.len() >= 2 { range(&zs) } else { 0.0 };
            Summary {
                item,
                count: raw.len(),
                raw_mean: raw.iter().sum::<f64>() / raw.len() as f64,
                raw_range,
                z_mean: (!zs.is_empty()).then(|| zs.iter().sum::<f64>() / zs.len() as f64),
                disagreement: raw_range >= max_range || z_range > max_z_range,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn s(reviewer: u32, item: u32, total: f64) -> Score {
        Score { reviewer, item, total }
    }

    #[test]
    fn a_harsh_and_a_lenient_reviewer_rank_alike_after_normalising() {
        // Reviewer 0 gives 8, 10, 12; reviewer 1 gives 14, 16, 18 to the same three items.
        let scores = [s(0, 0, 8.0), s(0, 1, 10.0), s(0, 2, 12.0), s(1, 0, 14.0), s(1, 1, 16.0), s(1, 2, 18.0)];
        let n = normalise(&scores);
        let z = |r: u32, i: u32| n.iter().find(|x| x.score.reviewer == r && x.score.item == i).unwrap().z.unwrap();
        for i in 0..3 {
            assert!((z(0, i) - z(1, i)).abs() < 1e-9);
        }
        assert!((z(0, 0) + 1.224_744_871).abs() < 1e-6, "(8 − 10) ÷ √(8/3)");
        let sum = summarise(&n, 6.0, 1.5);
        assert_eq!(sum.len(), 3);
        assert!(sum.iter().all(|x| x.disagreement), "6 raw points apart on every item");
        assert!(sum.iter().all(|x| x.z_mean.is_some()));
    }

    #[test]
    fn a_reviewer_without_spread_has_no_z_score() {
        let n = normalise(&[s(0, 0, 12.0), s(0, 1, 12.0), s(1, 0, 9.0)]);
        assert!(n.iter().all(|x| x.z.is_none()));
        let sum = summarise(&n, 6.0, 1.5);
        assert_eq!((sum[0].count, sum[0].raw_mean, sum[0].raw_range, sum[0].disagreement), (2, 10.5, 3.0, false));
    }

    proptest! {
        #[test]
        fn each_reviewers_z_scores_have_mean_zero_and_spread_one(totals in proptest::collection::vec((0u32..3, 0u32..8, 0u32..=20), 1..40)) {
            let scores: Vec<Score> = totals.iter().map(|&(r, i, t)| s(r, i, f64::from(t))).collect();
            let n = normalise(&scores);
            for r in 0..3 {
                let zs: Vec<f64> = n.iter().filter(|x| x.score.reviewer == r).filter_map(|x| x.z).collect();
                if !zs.is_empty() {
                    let mean = zs.iter().sum::<f64>() / zs.len() as f64;
                    let var = zs.iter().map(|z| (z - mean).powi(2)).sum::<f64>() / zs.len() as f64;
                    prop_assert!(mean.abs() < 1e-9 && (var - 1.0).abs() < 1e-9);
                }
            }
            // An affine change of one reviewer's scale leaves their z-scores unchanged.
            let shifted: Vec<Score> = scores.iter().map(|x| if x.reviewer == 0 { s(0, x.item, x.total * 0.5 + 3.0) } else { *x }).collect();
            for (a, b) in n.iter().zip(normalise(&shifted)) {
                match (a.z, b.z) {
                    (Some(x), Some(y)) => prop_assert!((x - y).abs() < 1e-9),
                    (None, None) => {}
                    other => prop_assert!(false, "{:?}", other),
                }
            }
        }
    }
}
