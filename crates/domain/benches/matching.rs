//! The matching benchmark (issue #8): 100,000 candidates × 5,000 (challenge, profile) lists of
//! 3 seats, 3 choices each, generated with a fixed seed. Times Cohorte's deferred acceptance and,
//! on the same input in the same run, the plain-Python deferred acceptance kept in
//! `bench/matching/da.py`; checks both give the identical matching and prints the ratio.
//!
//!     cargo bench -p cohorte-domain --bench matching                 # the 10k and 100k instances
//!     cargo bench -p cohorte-domain --bench matching -- 100000 5000 3  # candidates, lists, rounds
//!
//! No test asserts these times: the machines are shared and noisy. Compare ratios within a run.

use std::io::Write;
use std::process::Command;
use std::time::{Duration, Instant};

use cohorte_domain::matching::{Instance, List};

/// SplitMix64: a fixed, documented generator, so the instance is the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Each candidate ranks `per` distinct lists drawn with a Zipf(0.8) popularity skew; each list
/// ranks every candidate who chose it by a panel score (the candidate's strength plus noise).
fn generate(seed: u64, n: usize, m: usize, seats: u32, per: usize) -> (Vec<Vec<u32>>, Vec<List>) {
    let mut rng = Rng(seed);
    let mut cumulative = Vec::with_capacity(m);
    let mut total = 0.0;
    for k in 0..m {
        total += 1.0 / ((k + 1) as f64).powf(0.8);
        cumulative.push(total);
    }
    let strength: Vec<f64> = (0..n).map(|_| rng.unit()).collect();
    let mut choices = Vec::with_capacity(n);
    let mut applicants: Vec<Vec<(f64, u32)>> = vec![Vec::new(); m];
    for (c, s) in strength.iter().enumerate() {
        let mut mine: Vec<u32> = Vec::with_capacity(per);
        while mine.len() < per.min(m) {
            let x = rng.unit() * total;
            let j = cumulative.partition_point(|&v| v <= x).min(m - 1) as u32;
            if !mine.contains(&j) {
                mine.push(j);
            }
        }
        for &j in &mine {
            applicants[j as usize].push((s + 0.5 * rng.unit(), c as u32));
        }
        choices.push(mine);
    }
    let lists = applicants
        .into_iter()
        .map(|mut a| {
            a.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
            List { seats, ranking: a.into_iter().map(|(_, c)| c).collect() }
        })
        .collect();
    (choices, lists)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn run(n: usize, m: usize, rounds: usize) {
    let (choices, lists) = generate(1, n, m, 3, 3);
    // Cohorte: preparing the instance (checks and rank lookup), solving, checking stability.
    let (mut prep, mut solve, mut check) = (Vec::new(), Vec::new(), Vec::new());
    let mut result = None;
    for _ in 0..rounds {
        let t = Instant::now();
        let inst = Instance::new(&choices, &lists).expect("a valid instance");
        prep.push(t.elapsed());
        let t = Instant::now();
        let matching = inst.deferred_acceptance();
        solve.push(t.elapsed());
        let t = Instant::now();
        let c = inst.check(&matching);
        check.push(t.elapsed());
        assert!(c.is_stable(), "the result is stable");
        result = Some(matching);
    }
    let ours = result.expect("at least one round");
    let filled = ours.assigned.iter().filter(|a| a.is_some()).count();

    // The plain-Python reference on the same input, in the same run.
    let dir = std::env::temp_dir().join(format!("cohorte-matching-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let input = dir.join("instance.txt");
    let output = dir.join("python.txt");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&input).expect("instance file"));
        writeln!(f, "{n} {m}").expect("write the instance");
        for c in &choices {
            writeln!(f, "{}", c.iter().map(u32::to_string).collect::<Vec<_>>().join(" ")).expect("write the instance");
        }
        for l in &lists {
            writeln!(f, "{} {}", l.seats, l.ranking.iter().map(u32::to_string).collect::<Vec<_>>().join(" ")).expect("write the instance");
        }
    }
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../../bench/matching/da.py");
    let py = Command::new("python3").arg(script).arg(&input).arg(&output).arg(rounds.to_string()).output().expect("python3");
    assert!(py.status.success(), "da.py: {}", String::from_utf8_lossy(&py.stderr));
    let times: serde_json::Value = serde_json::from_slice(&py.stdout).expect("da.py prints its times as JSON");
    let py_prep = times["prepare_s"].as_f64().expect("a time") * 1000.0;
    let py_solve = times["solve_s"].as_f64().expect("a time") * 1000.0;
    let theirs: Vec<Option<u32>> = std::fs::read_to_string(&output)
        .expect("python result")
        .lines()
        .map(|l| l.trim().parse::<i64>().ok().and_then(|x| u32::try_from(x).ok()))
        .collect();
    let identical = theirs == ours.assigned;
    let _ = std::fs::remove_dir_all(&dir);

    let (p, s, c) = (ms(median(prep)), ms(median(solve)), ms(median(check)));
    println!(
        "{n} candidates × {m} lists × 3 seats, 3 choices (seed 1): {filled} of {} seats filled; identical to Python: {identical}",
        m * 3
    );
    println!("  {:<34} {:>10} {:>10} {:>12}", "", "prepare ms", "solve ms", "prep+solve");
    println!("  {:<34} {:>10.2} {:>10.2} {:>12.2}   (stability check {c:.2} ms)", "Cohorte (Rust)", p, s, p + s);
    println!("  {:<34} {:>10.2} {:>10.2} {:>12.2}", "plain Python (bench/matching/da.py)", py_prep, py_solve, py_prep + py_solve);
    println!("  ratio Python/Cohorte: solve {:.1}×, prepare+solve {:.1}×", py_solve / s, (py_prep + py_solve) / (p + s));
    assert!(identical, "both implementations must give the same matching");
}

/// Reviewer assignment at EIG's scale and above: `items` applications, `reviewers` reviewers,
/// `per` each, about 5 % of pairs in conflict, pair costs 0–1,000 from the seeded generator.
fn assignment(items: usize, reviewers: usize, per: u32) {
    use cohorte_domain::assignment::Problem;
    let mut rng = Rng(2);
    let cost = (0..items)
        .map(|_| (0..reviewers).map(|_| if rng.unit() < 0.05 { None } else { Some((rng.unit() * 1000.0) as u32) }).collect())
        .collect();
    let p = Problem { items, reviewers, per_item: per, max_load: None, cost };
    let t = Instant::now();
    let a = p.solve();
    let took = t.elapsed();
    let loads = a.loads(reviewers);
    println!(
        "reviewer assignment, {items} applications × {reviewers} reviewers × {per} each: {:.1} ms, loads {}–{}, {} short",
        ms(took),
        loads.iter().min().copied().unwrap_or(0),
        loads.iter().max().copied().unwrap_or(0),
        a.short.len()
    );
}

fn main() {
    // `cargo bench -p cohorte-domain --bench matching -- [CANDIDATES LISTS [ROUNDS]]`
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let rounds = args.get(2).copied().unwrap_or(5);
    match (args.first(), args.get(1)) {
        (Some(&n), Some(&m)) => run(n, m, rounds),
        _ => {
            run(10_000, 500, rounds);
            run(100_000, 5_000, rounds);
            assignment(1_500, 40, 2);
        }
    }
}
