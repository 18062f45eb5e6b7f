//! The docs state only what is there: every file or folder they name in backquotes exists, and
//! every `make` target they give is in the Makefile. (Their claims about behaviour are checked at
//! review; a name gone stale is checked here.)

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("repository root")
}

/// The Markdown files that describe the project.
fn docs(root: &Path) -> Vec<PathBuf> {
    let mut out = vec![root.join("README.md"), root.join("ARCHITECTURE.md"), root.join("bench/README.md")];
    for dir in ["docs", "docs/decisions"] {
        for e in std::fs::read_dir(root.join(dir)).expect("docs").flatten() {
            if e.path().extension().is_some_and(|x| x == "md") {
                out.push(e.path());
            }
        }
    }
    for e in std::fs::read_dir(root.join("crates")).expect("crates").flatten() {
        let readme = e.path().join("README.md");
        if readme.exists() {
            out.push(readme);
        }
    }
    out
}

/// Paths named in backquotes: words with a slash under the folders the repository has.
fn named_paths(text: &str) -> Vec<String> {
    const TOP: &[&str] =
        &["crates/", "docs/", "bench/", "scripts/", "data/", ".ci/", "tests/", "migrations/", "static/", "templates/", "src/", "locales/"];
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|w| !w.is_empty() && w.chars().all(|c| c.is_alphanumeric() || "_./-".contains(c)))
        .filter(|w| TOP.iter().any(|t| w.starts_with(t)))
        .map(str::to_owned)
        .collect()
}

/// Where a named path may be: from the root, beside the document, in a crate, in the EIG data.
fn exists(root: &Path, doc: &Path, p: &str) -> bool {
    let p = p.trim_end_matches('/');
    let mut bases = vec![root.to_path_buf(), doc.parent().unwrap_or(root).to_path_buf(), root.join("data/eig-opendata")];
    bases.extend(std::fs::read_dir(root.join("crates")).expect("crates").flatten().map(|e| e.path()));
    bases.iter().any(|b| b.join(p).exists())
}

/// Generated on demand, not in a checkout.
fn generated(p: &str) -> bool {
    p.contains(".venv") || p.starts_with("bench/out") || p.contains("target/")
}

#[test]
fn every_path_and_make_target_the_docs_name_exists() {
    let root = root();
    let makefile = std::fs::read_to_string(root.join("Makefile")).expect("Makefile");
    let targets: Vec<&str> =
        makefile.lines().filter_map(|l| l.split_once(':').map(|(t, _)| t)).filter(|t| !t.contains(' ') && !t.starts_with('\t')).collect();
    let mut missing = Vec::new();
    let mut checked = 0;
    for doc in docs(&root) {
        let text = std::fs::read_to_string(&doc).expect("read");
        let name = doc.strip_prefix(&root).unwrap_or(&doc).display().to_string();
        for p in named_paths(&text).into_iter().filter(|p| !generated(p)) {
            checked += 1;
            if !exists(&root, &doc, &p) {
                missing.push(format!("{name}: `{p}`"));
            }
        }
        for cmd in text.split("`make ").skip(1) {
            let target: String = cmd.chars().take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '_').collect();
            checked += 1;
            if !targets.contains(&target.as_str()) {
                missing.push(format!("{name}: `make {target}`"));
            }
        }
    }
    assert!(checked > 50, "the docs are read ({checked} names)");
    assert!(missing.is_empty(), "the docs name what is not there:\n{}", missing.join("\n"));
    // The reading finds what it should.
    assert_eq!(named_paths("see `crates/app/src/x.rs` and `cargo test` and `docs/`"), ["crates/app/src/x.rs", "docs/"]);
}
